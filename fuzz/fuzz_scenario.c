/* fuzz_scenario - the scenario parser (orb_scenario_parse) on any bytes. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    orb_scenario *s = NULL;
    orb_error err;
    orb_status st =
        orb_scenario_parse((const char *)data, size, "fuzz.yaml", fz_tables(), &s, &err);
    if (st != ORB_OK && (s != NULL || err.code != st || err.msg[0] == '\0')) abort();
    orb_scenario_free(s);
    return 0;
}
