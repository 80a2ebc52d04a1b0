/* fuzz_csv - the CSV reader under every data loader (src/csv.c): the header,
 * every row, every field as text, number and integer. White-box (src/). */
#include "fuzz.h"
#include "csv_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    orbi_csv c;
    orb_error err;
    int eof = 0;
    memset(&c, 0, sizeof c);
    if (orbi_csv_open(&c, fz_write("table.csv", data, size), NULL, &err) != ORB_OK) {
        if (err.msg[0] == '\0') abort();
        orbi_csv_close(&c);
        return 0;
    }
    while (orbi_csv_next(&c, &eof, &err) == ORB_OK && !eof) {
        size_t k;
        if (c.nfield != c.ncols) abort(); /* a row has the header's width */
        for (k = 0; k < c.nfield; k++) {
            double d;
            int v;
            if (orbi_csv_str(&c, k) == NULL) abort();
            if (orbi_csv_double(&c, k, "NA", 1, &d, &err) == ORB_OK && d - d != 0 && d == d)
                abort(); /* finite or missing (NaN), never infinite */
            (void)orbi_csv_int(&c, k, -1000000, 1000000, &v, &err);
        }
    }
    orbi_csv_close(&c);
    return 0;
}
