/*
 * cmd_run.c - `orbis run` (one future of a scenario, year by year) and
 * `orbis check` (validate a scenario without running it).
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Load the scenario and the world of its start year. */
static int load_scenario(const cli_env *env, const char *path, orb_tables **t, orb_panel **p,
                         orb_scenario **s, orb_world **w)
{
    orb_panel *none = NULL;
    orb_error err;
    orb_status st;
    int rc;

    if ((rc = cli_load(env, 0, t, &none))) return rc;
    orb_error_clear(&err);
    if ((st = orb_scenario_load(path, *t, s, &err)) != ORB_OK) return cli_lib_error(st, &err);
    if (w == NULL) return EXIT_OK;
    if (orb_scenario_start(*s) != orb_tables_base_year(*t) &&
        (st = orb_panel_load(env->data_dir, *t, p, &err)) != ORB_OK)
        return cli_lib_error(st, &err);
    if ((st = orb_world_new(*t, *p, orb_scenario_start(*s), w, &err)) != ORB_OK)
        return cli_lib_error(st, &err);
    return EXIT_OK;
}

static const char *leader_abb(const orb_run *r, size_t i)
{
    return i == (size_t)-1 ? "-" : orb_run_abb(r, i);
}

static void table_header_line(FILE *f, const orb_scenario *s, uint64_t seed, const orb_run *r)
{
    fprintf(f, "%s: %d-%d, seed %" PRIu64 ", regime %s, %zu states\n", orb_scenario_name(s),
            orb_run_start_year(r), orb_run_end_year(r), seed,
            orb_regime_name(orb_scenario_regime(s)), orb_run_nstates(r));
}

static void table_header(FILE *f, const orb_scenario *s, uint64_t seed, const orb_run *r)
{
    table_header_line(f, s, seed, r);
    fprintf(f,
            "%4s %6s %6s %5s %5s %-4s %6s %-4s %6s %6s %6s %6s %6s %6s %6s %8s %4s %3s %3s %5s "
            "%5s %8s %5s %4s %5s %4s %4s %3s %4s %3s\n",
            "year", "CON", "HHI", "Neff", "poles", "lead", "share", "chal", "share", "ratio",
            "GSgdp", "GScinc", "Gini", "Theil", "trade", "GDP$tn", "MIDs", "war", "atW", "milex",
            "meanT", "lowS", "meanA", "blocs", "Q", "sanU", "sanN", "res", "veto", "blk");
}

static size_t sum(const size_t *v, size_t n)
{
    size_t s = 0, k;
    for (k = 0; k < n; k++)
        s += v[k];
    return s;
}

static void table_row(FILE *f, const orb_run *r)
{
    const orb_metrics *m = orb_run_metrics(r);
    const orb_polarity *p = &m->pol[ORB_MEASURE_CINC];

    fprintf(f,
            "%4d %6.4f %6.4f %5.2f %5zu %-4s %6.4f %-4s %6.4f %6.4f %6.4f %6.4f %6.4f %6.4f %6.4f "
            "%8.2f %4zu %3zu %3zu %5.3f %5.3f %8.2e %5.3f %5zu %5.3f %4zu %4zu %3zu %4zu %3zu\n",
            m->year, p->c.con, p->c.hhi, p->c.neff, p->npoles, leader_abb(r, p->leader),
            p->leader_share, leader_abb(r, p->challenger), p->challenger_share, p->ratio,
            m->gs_gdp_share, m->gs_cinc_share, m->gini, m->theil, m->trade_openness,
            m->world_gdp / 1e12, m->disputes, m->wars_begun, m->wars_ongoing, 100 * m->milex_share,
            m->mean_threat, m->low_security, m->mean_affinity, m->blocs, m->modularity,
            m->sanctions_unilateral, m->sanctions_un, sum(m->resolutions, ORB_NRESOLUTIONS),
            m->vetoed, sum(m->blocked, ORB_NACTIONS));
}

static void record(cli_rec *rec, const orb_run *r)
{
    const orb_metrics *m = orb_run_metrics(r);
    char name[64];
    int k;

    rec_begin(rec);
    rec_int(rec, "year", m->year, 0);
    for (k = 0; k < ORB_NMEASURES; k++) {
        const orb_polarity *p = &m->pol[k];
        const char *mn = orb_measure_name((orb_measure)k);
#define FIELD(suffix) (snprintf(name, sizeof name, "%s_%s", mn, suffix), name)
        rec_num(rec, FIELD("con"), "%.6f", p->c.con);
        rec_num(rec, FIELD("hhi"), "%.6f", p->c.hhi);
        rec_num(rec, FIELD("neff"), "%.4f", p->c.neff);
        rec_int(rec, FIELD("poles"), (long)p->npoles, 0);
        rec_str(rec, FIELD("leader"), leader_abb(r, p->leader), 0);
        rec_num(rec, FIELD("leader_share"), "%.6f", p->leader_share);
        rec_str(rec, FIELD("challenger"), leader_abb(r, p->challenger), 0);
        rec_num(rec, FIELD("challenger_share"), "%.6f", p->challenger_share);
        rec_num(rec, FIELD("ratio"), "%.6f", p->ratio);
        rec_bool(rec, FIELD("parity"), p->parity);
#undef FIELD
    }
    rec_num(rec, "gs_gdp_share", "%.6f", m->gs_gdp_share);
    rec_num(rec, "gs_cinc_share", "%.6f", m->gs_cinc_share);
    rec_num(rec, "gini", "%.6f", m->gini);
    rec_num(rec, "gini_unweighted", "%.6f", m->gini_unweighted);
    rec_num(rec, "theil", "%.6f", m->theil);
    rec_num(rec, "world_gdp", "%.6e", m->world_gdp);
    rec_num(rec, "world_pop", "%.6e", m->world_pop);
    rec_num(rec, "trade_openness", "%.6f", m->trade_openness);
    rec_int(rec, "disputes", (long)m->disputes, 0);
    rec_int(rec, "wars_begun", (long)m->wars_begun, 0);
    rec_int(rec, "wars_ongoing", (long)m->wars_ongoing, 0);
    rec_num(rec, "milex_share", "%.6f", m->milex_share);
    rec_num(rec, "mean_threat", "%.6f", m->mean_threat);
    rec_num(rec, "min_security", "%.6f", m->min_security);
    rec_str(rec, "least_secure", leader_abb(r, m->least_secure), 0);
    rec_num(rec, "low_security", "%.6f", m->low_security);
    rec_num(rec, "mean_affinity", "%.6f", m->mean_affinity);
    rec_num(rec, "polarisation", "%.6f", m->polarisation);
    rec_int(rec, "pacts", (long)m->pacts, 0);
    rec_int(rec, "blocs", (long)m->blocs, 0);
    rec_num(rec, "modularity", "%.6f", m->modularity);
    for (k = 0; k < ORB_NACTIONS; k++) {
        const char *an = orb_action_name((orb_action)k);
        snprintf(name, sizeof name, "%s_proposed", an);
        rec_int(rec, name, (long)m->proposed[k], 0);
        snprintf(name, sizeof name, "%s_taken", an);
        rec_int(rec, name, (long)m->taken[k], 0);
        snprintf(name, sizeof name, "%s_blocked", an);
        rec_int(rec, name, (long)m->blocked[k], 0);
    }
    rec_int(rec, "sanctions_unilateral", (long)m->sanctions_unilateral, 0);
    rec_int(rec, "sanctions_un", (long)m->sanctions_un, 0);
    {
        static const char *const rn[ORB_NRESOLUTIONS] = {"sanction", "force", "settlement"};
        static const char *const p5[ORB_UNSC_PERMANENT] = {"usa", "ukg", "frn", "rus", "chn"};
        for (k = 0; k < ORB_NRESOLUTIONS; k++) {
            snprintf(name, sizeof name, "res_%s_proposed", rn[k]);
            rec_int(rec, name, (long)m->resolutions[k], 0);
            snprintf(name, sizeof name, "res_%s_passed", rn[k]);
            rec_int(rec, name, (long)m->passed[k], 0);
        }
        rec_int(rec, "vetoed", (long)m->vetoed, 0);
        for (k = 0; k < ORB_UNSC_PERMANENT; k++) {
            snprintf(name, sizeof name, "vetoes_%s", p5[k]);
            rec_int(rec, name, (long)m->vetoes_by[k], 0);
        }
    }
    rec_end(rec);
}

/* ---- --states: state-years ------------------------------------------------ */

/* Resolve a comma-separated list of state keys (or "all") to run indices in
 * idx (room for orb_run_nstates entries). */
static int pick_states(const orb_tables *t, const orb_world *w, const orb_run *r, const char *list,
                       size_t *idx, size_t *n_out)
{
    char buf[2048], *tok, *save = NULL;
    size_t n = 0, k;

    if (strcmp(list, "all") == 0) {
        for (k = 0; k < orb_run_nstates(r); k++)
            idx[n++] = k;
        *n_out = n;
        return EXIT_OK;
    }
    if (strlen(list) >= sizeof buf)
        return cli_usage_error("run", "--states: the list is too long (%zu characters)",
                               strlen(list));
    strcpy(buf, list);
    for (tok = strtok_r(buf, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
        int cc = orb_tables_find_in(t, tok, orb_world_year(w));
        size_t i;
        if (strcmp(tok, "all") == 0)
            return cli_usage_error("run", "--states: 'all' stands alone, not in a list");
        if (cc == 0)
            return cli_usage_error("run",
                                   "--states: unknown state '%s' (give a COW code, "
                                   "abbreviation, ISO3 code or name)",
                                   tok);
        if ((i = orb_world_index(w, cc)) == (size_t)-1)
            return cli_usage_error("run", "--states: '%s' is not in the state system in %d", tok,
                                   orb_world_year(w));
        for (k = 0; k < n && idx[k] != i; k++) {
        }
        if (k < n) return cli_usage_error("run", "--states: '%s' is listed twice", tok);
        idx[n++] = i; /* distinct states of the world: n stays <= orb_run_nstates */
    }
    if (n == 0) return cli_usage_error("run", "--states expects a list of states or 'all'");
    *n_out = n;
    return EXIT_OK;
}

static int any_war(const orb_run *r, size_t i)
{
    size_t j;
    for (j = 0; j < orb_run_nstates(r); j++)
        if (orb_run_at_war(r, i, j)) return 1;
    return 0;
}

static void state_record(cli_rec *rec, const orb_run *r, size_t i)
{
    rec_begin(rec);
    rec_int(rec, "year", orb_run_year(r), 0);
    rec_int(rec, "ccode", orb_run_ccode(r, i), 0);
    rec_str(rec, "state", orb_run_abb(r, i), 0);
    rec_num(rec, "gdp", "%.6e", orb_run_gdp(r, i));
    rec_num(rec, "pop", "%.6e", orb_run_pop(r, i));
    rec_num(rec, "gdp_pc", "%.2f", orb_run_gdp(r, i) / orb_run_pop(r, i));
    rec_num(rec, "cinc_share", "%.6f", orb_run_share(r, i, ORB_MEASURE_CINC));
    rec_num(rec, "gdp_share", "%.6f", orb_run_share(r, i, ORB_MEASURE_GDP));
    rec_num(rec, "milex_share", "%.6f", orb_run_share(r, i, ORB_MEASURE_MILEX));
    rec_num(rec, "net_share", "%.6f", orb_run_share(r, i, ORB_MEASURE_NET));
    rec_num(rec, "burden", "%.6f", orb_run_burden(r, i));
    rec_num(rec, "threat", "%.6f", orb_run_threat(r, i));
    rec_num(rec, "security", "%.6f", orb_run_security(r, i));
    rec_int(rec, "bloc", orb_run_bloc(r, i), 0);
    rec_bool(rec, "at_war", any_war(r, i));
    rec_end(rec);
}

static void state_table_row(FILE *f, const orb_run *r, size_t i)
{
    fprintf(f, "%4d %-4s %10.2f %9.2f %9.0f %7.4f %7.4f %7.4f %7.4f %7.4f %9.4f %7.4f %4d %3s\n",
            orb_run_year(r), orb_run_abb(r, i), orb_run_gdp(r, i) / 1e9, orb_run_pop(r, i) / 1e6,
            orb_run_gdp(r, i) / orb_run_pop(r, i), orb_run_share(r, i, ORB_MEASURE_CINC),
            orb_run_share(r, i, ORB_MEASURE_GDP), orb_run_share(r, i, ORB_MEASURE_MILEX),
            orb_run_share(r, i, ORB_MEASURE_NET), 100 * orb_run_burden(r, i), orb_run_threat(r, i),
            orb_run_security(r, i), orb_run_bloc(r, i), any_war(r, i) ? "yes" : "no");
}

/* Every year of the chosen states, from the start year to the end. */
static void run_states(FILE *f, cli_format fmt, orb_run *r, const size_t *idx, size_t n)
{
    cli_rec rec = {f, fmt, 1, 0};
    size_t k;
    int first = 1;

    if (fmt == FMT_TABLE)
        fprintf(f, "%4s %-4s %10s %9s %9s %7s %7s %7s %7s %7s %9s %7s %4s %3s\n", "year", "stat",
                "GDP$bn", "pop(m)", "GDPpc$", "cinc", "gdp", "milex", "net", "burden%", "threat",
                "secur", "bloc", "war");
    else if (fmt == FMT_CSV)
        state_record(&rec, r, idx[0]); /* the header */
    else
        fputs("[\n", f);
    rec.header = 0;
    do
        for (k = 0; k < n; k++) {
            if (fmt == FMT_TABLE) {
                state_table_row(f, r, idx[k]);
                continue;
            }
            if (fmt == FMT_JSON && !first) fputs(",\n", f);
            first = 0;
            state_record(&rec, r, idx[k]);
        }
    while (orb_run_step(r) == ORB_OK);
    if (fmt == FMT_JSON) fputs("\n]\n", f);
    if (fmt == FMT_TABLE)
        fputs("GDP real (2017 PPP USD); cinc, gdp, milex, net: shares of the world; burden =\n"
              "military spending, % of GDP; secur = security index; bloc = igraph community\n"
              "(-1: none); war = at war with anyone. One run; see docs/model.md.\n",
              f);
}

/* ---- --actions: the action log ----------------------------------------------- */

static void action_record(cli_rec *rec, const orb_run *r, const orb_action_record *a)
{
    rec_begin(rec);
    rec_int(rec, "year", a->year, 0);
    rec_str(rec, "action", orb_action_name(a->kind), 0);
    rec_str(rec, "actor", orb_run_abb(r, a->actor), 0);
    rec_str(rec, "target", a->kind == ORB_ACT_ARM ? "" : orb_run_abb(r, a->target), 1);
    rec_bool(rec, "taken", a->taken);
    rec_str(rec, "blocked_by", a->taken ? "" : orb_block_reason_name(a->reason), 1);
    rec_bool(rec, "via_council", a->via_council);
    rec_end(rec);
}

static void action_table_row(FILE *f, const orb_run *r, const orb_action_record *a)
{
    fprintf(f, "%4d %-9s %-5s %-6s %-7s %s", a->year, orb_action_name(a->kind),
            orb_run_abb(r, a->actor), a->kind == ORB_ACT_ARM ? "-" : orb_run_abb(r, a->target),
            a->taken ? "taken" : "blocked", a->via_council ? "yes" : "no");
    if (a->taken)
        fputc('\n', f);
    else
        fprintf(f, "%s %s\n", a->via_council ? "" : " ", orb_block_reason_name(a->reason));
}

/* Every action proposed each year (the start year has none). */
static void run_actions(FILE *f, cli_format fmt, orb_run *r)
{
    const orb_action_record header = {0, ORB_ACT_ARM, 0, 0, 1, ORB_BLOCK_NONE, 0};
    cli_rec rec = {f, fmt, 1, 0};
    size_t k, na;
    int first = 1;

    if (fmt == FMT_TABLE)
        fprintf(f, "%4s %-9s %-5s %-6s %-7s %-4s %s\n", "year", "action", "actor", "target",
                "outcome", "UNSC", "blocked by");
    else if (fmt == FMT_CSV)
        action_record(&rec, r, &header);
    else
        fputs("[\n", f);
    rec.header = 0;
    do {
        const orb_action_record *log = orb_run_actions(r, &na);
        for (k = 0; k < na; k++) {
            if (fmt == FMT_TABLE) {
                action_table_row(f, r, &log[k]);
                continue;
            }
            if (fmt == FMT_JSON && !first) fputs(",\n", f);
            first = 0;
            action_record(&rec, r, &log[k]);
        }
    } while (orb_run_step(r) == ORB_OK);
    if (fmt == FMT_JSON) fputs(first ? "]\n" : "\n]\n", f);
    if (fmt == FMT_TABLE)
        fputs("Every action the engine proposed, taken or blocked (by the order regime's rule,\n"
              "or by the Council when it was asked: UNSC yes). At most the first 4096 a year.\n",
              f);
}

int cmd_run(const cli_env *env, int argc, char **argv)
{
    orb_tables *t = NULL;
    orb_panel *p = NULL;
    orb_scenario *s = NULL;
    orb_world *w = NULL;
    orb_run *r = NULL;
    orb_run_opts opts = orb_run_opts_default();
    cli_format fmt = FMT_TABLE;
    const char *path = NULL, *v;
    cli_out out = {NULL, NULL, 0};
    orb_error err;
    orb_status st;
    int i, rc, have_seed = 0, actions = 0;
    long long seed = 0;
    const char *states = NULL;
    size_t *pick = NULL, npick = 0;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--seed") == 0) {
            char *end;
            if ((v = cli_optarg("run", argc, argv, &i)) == NULL) return EXIT_USAGE;
            errno = 0;
            seed = strtoll(v, &end, 10);
            if (*v == '\0' || *end != '\0' || seed < 0 || errno != 0)
                return cli_usage_error("run", "--seed expects a whole number >= 0, found '%s'", v);
            have_seed = 1;
        } else if (strcmp(argv[i], "--format") == 0) {
            if ((v = cli_optarg("run", argc, argv, &i)) == NULL) return EXIT_USAGE;
            if ((rc = cli_parse_format("run", v, &fmt))) return rc;
        } else if (strcmp(argv[i], "--states") == 0) {
            if ((states = cli_optarg("run", argc, argv, &i)) == NULL) return EXIT_USAGE;
        } else if (strcmp(argv[i], "--actions") == 0) {
            actions = 1;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return cli_usage_error("run", "unknown option '%s'", argv[i]);
        } else if (path == NULL) {
            path = argv[i];
        } else {
            return cli_usage_error("run", "one scenario file expected, found '%s' too", argv[i]);
        }
    }
    if (path == NULL) return cli_usage_error("run", "a scenario file is required");
    if (states != NULL && actions)
        return cli_usage_error("run", "--states and --actions are two different outputs: give one");
    if ((rc = load_scenario(env, path, &t, &p, &s, &w))) goto done;
    opts.seed = have_seed ? (uint64_t)seed : orb_scenario_seed(s);
    orb_error_clear(&err);
    if ((st = orb_run_new(w, s, &opts, &r, &err)) != ORB_OK) {
        rc = cli_lib_error(st, &err);
        goto done;
    }
    if (states != NULL) {
        if ((pick = malloc(orb_run_nstates(r) * sizeof *pick + 1)) == NULL) {
            rc = cli_lib_error(ORB_ENOMEM, NULL);
            goto done;
        }
        if ((rc = pick_states(t, w, r, states, pick, &npick))) goto done;
    }
    if ((rc = cli_out_open(&out))) goto done;
    if (states != NULL || actions) {
        if (fmt == FMT_TABLE) table_header_line(out.f, s, opts.seed, r);
        if (actions)
            run_actions(out.f, fmt, r);
        else
            run_states(out.f, fmt, r, pick, npick);
    } else if (fmt == FMT_TABLE) {
        table_header(out.f, s, opts.seed, r);
        do
            table_row(out.f, r);
        while (orb_run_step(r) == ORB_OK);
        fprintf(out.f,
                "CINC polarity; GS = Global South (G77 + China) share of real GDP and CINC;\n"
                "Gini/Theil of GDP per capita between states, population-weighted; trade =\n"
                "gravity trade / world GDP; MIDs = dispute onsets, war = wars begun, atW = dyads\n"
                "at war; milex = military spending, %% of world GDP; meanT = mean threat;\n"
                "lowS = mean security index of the least secure tenth; meanA = mean affinity;\n"
                "blocs and their modularity Q; sanU/sanN = unilateral / Council sanctions in\n"
                "force; res = drafts put to the Council; veto = drafts vetoed; blk = actions\n"
                "the regime or the Council blocked. One run; see docs/model.md.\n");
        {
            size_t nc, k;
            const orb_crisis *cr = orb_scenario_crises(s, &nc);
            for (k = 0; k < nc; k++) {
                orb_crisis_status cs;
                int y;
                double pos;
                orb_run_crisis(r, k, &cs, &y, &pos);
                if (cs == ORB_CRISIS_SETTLED)
                    fprintf(out.f, "crisis %s: settled in %d at %.2f on the scale [%g, %g]\n",
                            cr[k].name, y, pos, cr[k].lo, cr[k].hi);
                else if (cs == ORB_CRISIS_ESCALATED)
                    fprintf(out.f,
                            "crisis %s: escalated to war in %d (the forecast %.2f left the "
                            "bargaining range)\n",
                            cr[k].name, y, pos);
                else
                    fprintf(out.f, "crisis %s: still open in %d\n", cr[k].name, orb_run_year(r));
            }
        }
    } else {
        cli_rec rec = {out.f, fmt, 0, 0};
        if (fmt == FMT_CSV) {
            rec.header = 1;
            record(&rec, r);
            rec.header = 0;
        } else {
            fputs("[\n", out.f);
        }
        do {
            if (fmt == FMT_JSON && orb_run_year(r) > orb_run_start_year(r)) fputs(",\n", out.f);
            record(&rec, r);
        } while (orb_run_step(r) == ORB_OK);
        if (fmt == FMT_JSON) fputs("\n]\n", out.f);
    }
    rc = cli_out_commit(&out);
done:
    cli_out_discard(&out);
    free(pick);
    orb_run_free(r);
    orb_world_free(w);
    orb_scenario_free(s);
    orb_panel_free(p);
    orb_tables_free(t);
    return rc;
}

int cmd_check(const cli_env *env, int argc, char **argv)
{
    orb_tables *t = NULL;
    orb_scenario *s = NULL;
    size_t ns, ne, np, na, nc;
    int rc;

    if (argc != 2 || argv[1][0] == '-')
        return cli_usage_error("check", argc < 2 ? "a scenario file is required"
                                                 : "exactly one scenario file expected");
    if ((rc = load_scenario(env, argv[1], &t, NULL, &s, NULL)) == EXIT_OK) {
        orb_scenario_shocks(s, &ns);
        orb_scenario_events(s, &ne);
        orb_scenario_partnerships(s, &np);
        orb_scenario_alliances(s, &na);
        orb_scenario_crises(s, &nc);
        printf("%s: ok: '%s', %d-%d, %zu run(s), seed %" PRIu64 ", regime %s; %zu parameter "
               "override(s), %zu partnership(s), %zu alliance change(s), %zu event(s), %zu "
               "shock(s), %zu crisis(es)\n",
               argv[1], orb_scenario_name(s), orb_scenario_start(s), orb_scenario_end(s),
               orb_scenario_runs(s), orb_scenario_seed(s), orb_regime_name(orb_scenario_regime(s)),
               orb_scenario_noverrides(s), np, na, ne, ns, nc);
    }
    orb_scenario_free(s);
    orb_tables_free(t);
    return rc;
}
