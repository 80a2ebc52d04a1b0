/* fuzz_params - a parameter file (orb_params_read: name,value CSV). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    orb_params p;
    orb_error err;
    orb_status st;
    orb_params_default(&p);
    st = orb_params_read(fz_write("params.csv", data, size), &p, &err);
    if (st != ORB_OK && (err.code != st || err.msg[0] == '\0')) abort();
    if (st == ORB_OK) { /* what was read is in range */
        size_t i;
        for (i = 0; i < orb_params_count(); i++) {
            const orb_param_info *in = orb_params_info(i);
            if (!(p.v[i] >= in->lo && p.v[i] <= in->hi)) abort();
        }
    }
    return 0;
}
