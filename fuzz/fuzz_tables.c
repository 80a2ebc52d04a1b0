/* fuzz_tables - the shipped tables' loader (orb_tables_load). The first byte
 * picks a table; the rest replaces it in a copy of data/ whose other files
 * are links to the real ones. */
#include "fuzz.h"

#include <unistd.h>

static const char *const files[] = {
    "states.csv",    "crosswalk.csv",      "majors.csv",    "p5.csv",        "baseline2022.csv",
    "capitals.csv",  "cameo.csv",          "dyads2022.csv", "unsc.csv",      "vetoes.csv",
    "sanctions.csv", "sanction_cases.csv", "wars.csv",      "rivalries.csv", "growth_effects.csv",
};
#define NFILES (sizeof files / sizeof files[0])

static char dir[600];

static void link_real(size_t k)
{
    char from[1200], to[1200];
    snprintf(to, sizeof to, "%s/%s", dir, files[k]);
    snprintf(from, sizeof from, "%s/%s", fz_env("ORBIS_TABLES", FUZZ_TABLES), files[k]);
    if (from[0] != '/') { /* a relative tables path: make it absolute */
        char cwd[512];
        if (getcwd(cwd, sizeof cwd) == NULL) fz_die("getcwd", NULL);
        snprintf(from, sizeof from, "%s/%s/%s", cwd, fz_env("ORBIS_TABLES", FUZZ_TABLES), files[k]);
    }
    unlink(to);
    if (symlink(from, to) != 0) fz_die("cannot link a table", NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    orb_tables *t = NULL;
    orb_error err;
    orb_status st;
    size_t k;
    if (!ready) {
        snprintf(dir, sizeof dir, "%s", fz_dir());
        for (k = 0; k < NFILES; k++)
            link_real(k);
        ready = 1;
    }
    if (size == 0) return 0;
    k = data[0] % NFILES;
    {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", dir, files[k]);
        unlink(path);
    }
    fz_write_in(dir, files[k], data + 1, size - 1);
    st = orb_tables_load(dir, &t, &err);
    if (st != ORB_OK && (t != NULL || err.code != st || err.msg[0] == '\0')) abort();
    orb_tables_free(t);
    link_real(k);
    return 0;
}
