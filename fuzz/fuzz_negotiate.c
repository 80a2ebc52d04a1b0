/* fuzz_negotiate - the negotiation actors' CSV (orb_eu_read_csv) and, when
 * it loads, a few rounds of the expected-utility model on what it read. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    orb_eu_actor *a = NULL;
    size_t n = 0;
    orb_error err;
    orb_status st = orb_eu_read_csv(fz_write("actors.csv", data, size), &a, &n, &err);
    if (st != ORB_OK) {
        if (a != NULL || err.code != st || err.msg[0] == '\0') abort();
        return 0;
    }
    if (n <= 64) {
        orb_eu_opts o;
        orb_eu *m = NULL;
        int period, rounds;
        double forecast;
        if (orb_eu_preset("scholz", &o) != ORB_OK) abort();
        if (orb_eu_new(a, n, &o, &m, &err) == ORB_OK) {
            if (orb_eu_talks(m, 8, &period, &rounds, &forecast) == ORB_OK &&
                !(forecast == forecast))
                abort(); /* a forecast must be a number */
            orb_eu_free(m);
        }
    }
    free(a);
    return 0;
}
