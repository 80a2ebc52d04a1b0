/* fuzz_claims - the claims-file loader (orb_claims_load); a claims file may
 * name base.yaml, a small scenario written next to it. */
#include "fuzz.h"

static const char base[] = "name: fuzz base\nstart: 2022\nend: 2024\nruns: 2\nseed: 1\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    orb_claimset *set = NULL;
    orb_error err;
    orb_status st;
    if (!ready) {
        fz_write("base.yaml", (const uint8_t *)base, sizeof base - 1);
        ready = 1;
    }
    st = orb_claims_load(fz_write("claims.yaml", data, size), fz_tables(), &set, &err);
    if (st != ORB_OK && (set != NULL || err.code != st || err.msg[0] == '\0')) abort();
    orb_claims_free(set);
    return 0;
}
