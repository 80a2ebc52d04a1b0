/*
 * test_dyads.c - the dyadic data of a world: the C rules for contiguity,
 * defence pacts (with NATO's later accessions) and ideal points reproduce the
 * base-year table that tools/build_data.py writes, and known facts hold.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "calib_int.h"
#include "csv_int.h"
#include "data_int.h"
#include "dyad_int.h"
#include "orb_int.h"
#include "order_int.h"
#include "params_int.h"
#include "run_int.h"
#include "stats_int.h"
#include "../testutil.h"

int main(void)
{
    orb_tables *t = NULL;
    orb_panel *p = NULL;
    orb_world *w = NULL, *w18 = NULL, *w21 = NULL;
    orb_error e;
    unsigned char *c0, *a0;
    short *m0;
    size_t n, i, nally = 0, ncont = 0, usa, can, rus, mex, mac, fin, mne;

    if (tu_data() == NULL) {
        SKIP("dyads from the raw files");
        return tu_done();
    }
    if (orb_tables_load(tu_env("ORBIS_TABLES", "data"), &t, &e) != ORB_OK ||
        orb_panel_load(tu_data(), t, &p, &e) != ORB_OK ||
        orb_world_new(t, p, 2022, &w, &e) != ORB_OK || orb_world_new(t, p, 2018, &w18, &e) ||
        orb_world_new(t, p, 2021, &w21, &e) != ORB_OK) {
        CHECK(0, e.msg);
        return tu_done();
    }
    n = w->n;
    c0 = malloc(n * n);
    a0 = malloc(n * n);
    memcpy(c0, w->contig, n * n);
    memcpy(a0, w->ally, n * n);
    m0 = malloc(n * n * sizeof *m0);
    memcpy(m0, w->lastmid, n * n * sizeof *m0);
    memset(w->contig, 0, n * n);
    memset(w->ally, 0, n * n);
    memset(w->lastmid, 0, n * n * sizeof *m0);
    orbi_dyads_fill(&p->dy, w);    /* the C rules from the raw files, for 2022 */
    orbi_world_conflicts(t, p, w); /* then the UCDP layer after MID's last year */
    CHECK(memcmp(c0, w->contig, n * n) == 0,
          "2022 contiguity: C rules on the raw file equal data/dyads2022.csv");
    CHECK(memcmp(a0, w->ally, n * n) == 0,
          "2022 defence pacts: ATOP 2018 + NATO accessions equal data/dyads2022.csv");
    CHECK(memcmp(m0, w->lastmid, n * n * sizeof *m0) == 0,
          "2022 last dispute onsets: C rules equal data/dyads2022.csv");
    CHECK(orb_world_last_dispute(w, orb_world_index(w, 2), orb_world_index(w, 365)) >= 2000,
          "USA-RUS had a dispute after 2000");
    free(m0);
    for (i = 0; i < n * n; i++) {
        nally += a0[i];
        ncont += c0[i] != 0;
    }
    printf("info: 2022: %zu defence-pact pairs, %zu contiguous pairs among %zu states\n", nally / 2,
           ncont / 2, n);
    for (i = 0; i < n; i++)
        if (w->s[i].ideal_year != 0 && (w->s[i].ideal_year < 2017 || isnan(w->s[i].ideal))) break;
    CHECK(i == n, "ideal points are from 2017-2022 or absent");
    usa = orb_world_index(w, 2);
    can = orb_world_index(w, 20);
    rus = orb_world_index(w, 365);
    mex = orb_world_index(w, 70);
    mac = orb_world_index(w, 343);
    CHECK(orb_world_defense(w, usa, can) && !orb_world_defense(w, usa, rus),
          "USA-CAN allied, USA-RUS not");
    CHECK(orb_world_contiguity(w, usa, can) == 1 && orb_world_contiguity(w, usa, mex) == 1 &&
              orb_world_contiguity(w, usa, rus) == 2,
          "USA-CAN and USA-MEX by land; USA-RUS across up to 24 miles of water (Bering Strait, "
          "from 1959)");
    CHECK(orb_world_defense(w, mac, usa), "North Macedonia (2020 accession) is tied to the US");
    CHECK(!isnan(w->s[orb_world_index(w, 101)].ideal) &&
              w->s[orb_world_index(w, 101)].ideal_year == 2021,
          "Venezuela's ideal point is carried from 2021");
    CHECK(isnan(w->s[orb_world_index(w, 713)].ideal), "Taiwan has no ideal point");
    mac = orb_world_index(w18, 343);
    mne = orb_world_index(w18, 341);
    CHECK(!orb_world_defense(w18, mac, orb_world_index(w18, 2)) &&
              orb_world_defense(w18, mne, orb_world_index(w18, 2)),
          "2018 (ATOP): Montenegro in NATO, North Macedonia not yet");
    mac = orb_world_index(w21, 343);
    fin = orb_world_index(w21, 375);
    CHECK(orb_world_defense(w21, mac, orb_world_index(w21, 255)) &&
              !orb_world_defense(w21, fin, orb_world_index(w21, 2)),
          "2021: North Macedonia tied to Germany; Finland not in NATO");
    CHECK(orb_world_contiguity(w, usa, usa) == 0 && orb_world_defense(w, usa, n) == 0,
          "no self-pairs; out of range is 0");
    { /* the relations backtest's record counts over its window: over two years
       * they are the start's (persistence) and the end's (the record) */
        orb_backtest_opts o = orb_backtest_opts_default();
        orb_relations_check c;
        o.from = 2017;
        o.to = 2018;
        o.runs = 5;
        CHECK(orb_backtest_relations(t, p, &o, &c, &e) == ORB_OK, e.msg);
        CHECK(c.hostile_record_mean == (c.hostile_persistence + c.hostile_observed) / 2 &&
                  c.hostile_record_min == fmin(c.hostile_persistence, c.hostile_observed) &&
                  c.hostile_record_max == fmax(c.hostile_persistence, c.hostile_observed),
              "relations window 2017-2018: hostile pairs of each year, their mean, min and max");
        CHECK(c.negative_record_mean == (c.negative_persistence + c.negative_observed) / 2 &&
                  c.negative_record_min == fmin(c.negative_persistence, c.negative_observed),
              "relations window: the negative pairs likewise");
        CHECK(c.hostile_record_min_year ==
                  (c.hostile_persistence <= c.hostile_observed ? 2017 : 2018),
              "relations window: the year of the fewest hostile pairs");
        CHECK(c.hostile_model_p5 <= c.hostile_model && c.hostile_model <= c.hostile_model_p95 &&
                  c.negative_model_p5 <= c.negative_model_p95,
              "relations: the runs' 5-95% band holds their mean");
    }
    { /* every GSDB case begun 1993-2019 and those with the US among the senders:
       * 666 and 220, counted from GSDB_V3.csv outside the project (Python's csv) */
        size_t k;
        int all = 0, us = 0;
        for (k = 0; k < t->ncases; k++)
            if (t->cases[k].year >= 1993 && t->cases[k].year <= 2019) {
                all += t->cases[k].cases;
                us += t->cases[k].us_cases;
            }
        CHECK(all == 666 && us == 220,
              "GSDB cases begun 1993-2019: 666, the US among the senders of 220");
    }
    free(c0);
    free(a0);
    orb_world_free(w);
    orb_world_free(w18);
    orb_world_free(w21);
    orb_panel_free(p);
    orb_tables_free(t);
    return tu_done();
}
