/* fuzz_panel - the raw data readers (orb_panel_load: COW NMC, Fariss et al.,
 * World Bank and WDI). A private data folder holds the first lines of each
 * raw file; the first byte picks one, the rest replaces it. */
#include "fuzz.h"

#include <sys/stat.h>

static const char *const files[] = {
    "cow_nmc/NMC-70-abridged_via_peacesciencer.csv",
    "economy_fariss_sim/cw_gdppop.csv",
    "economy_worldbank/gdp.csv",
    "economy_realgdp/wdi_gdp_constant2015usd.csv",
    "economy_worldbank/population.csv",
};
#define NFILES     (sizeof files / sizeof files[0])
#define HEAD_LINES 400

static char *head[NFILES];
static size_t headlen[NFILES];

/* The first HEAD_LINES lines of the real file k, kept in memory. */
static void read_head(size_t k)
{
    char path[1200], line[8192];
    FILE *f;
    size_t cap = 1 << 16, n = 0, lines = 0;
    snprintf(path, sizeof path, "%s/%s", fz_env("ORBIS_DATA", FUZZ_DATA), files[k]);
    if ((f = fopen(path, "rb")) == NULL) fz_die("cannot open a raw file", NULL);
    if ((head[k] = malloc(cap)) == NULL) fz_die("out of memory", NULL);
    while (lines < HEAD_LINES && fgets(line, sizeof line, f) != NULL) {
        size_t l = strlen(line);
        while (n + l + 1 > cap)
            if ((head[k] = realloc(head[k], cap *= 2)) == NULL) fz_die("out of memory", NULL);
        memcpy(head[k] + n, line, l);
        n += l;
        lines++;
    }
    fclose(f);
    headlen[k] = n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    orb_panel *p = NULL;
    orb_error err;
    orb_status st;
    size_t k;
    if (!ready) {
        static const char *const sub[] = {"cow_nmc", "economy_fariss_sim", "economy_worldbank",
                                          "economy_realgdp"};
        char d[1200];
        for (k = 0; k < sizeof sub / sizeof sub[0]; k++) {
            snprintf(d, sizeof d, "%s/%s", fz_dir(), sub[k]);
            mkdir(d, 0700);
        }
        for (k = 0; k < NFILES; k++) {
            read_head(k);
            fz_write(files[k], (const uint8_t *)head[k], headlen[k]);
        }
        ready = 1;
    }
    if (size == 0) return 0;
    k = data[0] % NFILES;
    fz_write(files[k], data + 1, size - 1);
    st = orb_panel_load(fz_dir(), fz_tables(), &p, &err);
    if (st != ORB_OK && (p != NULL || err.code != st || err.msg[0] == '\0')) abort();
    orb_panel_free(p);
    fz_write(files[k], (const uint8_t *)head[k], headlen[k]);
    return 0;
}
