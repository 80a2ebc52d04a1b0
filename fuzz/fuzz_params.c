/* fuzz_params - a parameter file (orb_params_read: name,value CSV). */
#include "fuzz.h"
#include "params_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    orb_params p;
    orb_error err;
    orb_status st;
    orb_params_default(&p);
    st = orb_params_read(fz_write("params.csv", data, size), &p, &err);
    if (st != ORB_OK && (err.code != st || err.msg[0] == '\0')) abort();
    if (st == ORB_OK && orbi_params_check(&p, &err) != ORB_OK) abort(); /* read: in range */
    return 0;
}
