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
                         orb_scenario **s, orb_world **w, int validate)
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
    if (validate) { /* check: what the engine's set-up refuses, refused as the file's error */
        orb_sim *sim = NULL;
        if ((st = orb_sim_new(*w, *s, NULL, &sim, &err)) != ORB_OK)
            return cli_scenario_error(path, st, &err);
        orb_sim_free(sim);
    }
    return EXIT_OK;
}

/* How crisis k's last talks ended: a fixed point, a cycle, or neither. */
static void talks_line(FILE *f, const orb_run *r, size_t k)
{
    int period, rounds;
    double fc;

    if (orb_run_crisis_talks(r, k, &period, &rounds, &fc) != ORB_OK || isnan(fc)) return;
    if (period == 0)
        fprintf(f, "  its last talks reached a fixed point in %d rounds (forecast %.2f)\n", rounds,
                fc);
    else if (period > 0)
        fprintf(f,
                "  its last talks cycle with period %d (found in %d rounds; forecast: the "
                "cycle's mean %.2f)\n",
                period, rounds, fc);
    else
        fprintf(f,
                "  its last talks neither settled nor cycled in %d rounds (forecast: the last "
                "rounds' mean %.2f)\n",
                rounds, fc);
}

static void table_header_line(FILE *f, const orb_scenario *s, uint64_t seed, const orb_run *r)
{
    fprintf(f, "%s: %d-%d, seed %" PRIu64 ", regime %s, %zu states\n", orb_scenario_name(s),
            orb_run_start_year(r), orb_run_end_year(r), seed,
            orb_regime_name(orb_scenario_regime(s)), orb_run_nstates(r));
}

/* The run table: the metrics that have a table label, in the list's order. */
static void table_header(FILE *f, const orb_scenario *s, uint64_t seed, const orb_run *r)
{
    size_t k;

    table_header_line(f, s, seed, r);
    fprintf(f, "%4s", "year");
    for (k = 0; k < orb_metric_count(); k++)
        if (orb_metric_describe(k)->table) table_metric_head(f, k);
    fputc('\n', f);
}

static void table_row(FILE *f, const orb_run *r)
{
    const orb_metrics *m = (orb_run_blocs(r), orb_run_metrics(r));
    size_t k;

    fprintf(f, "%4d", m->year);
    for (k = 0; k < orb_metric_count(); k++)
        if (orb_metric_describe(k)->table) table_metric(f, r, m, k);
    fputc('\n', f);
}

/* A year's record: the year and every metric, by the library's list. */
static void record(cli_rec *rec, const void *ud)
{
    const orb_run *r = ud;
    const orb_metrics *m = (orb_run_blocs(r), orb_run_metrics(r));
    size_t k;

    rec_begin(rec);
    rec_int(rec, "year", m->year, 0);
    for (k = 0; k < orb_metric_count(); k++)
        rec_metric(rec, r, m, k);
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

typedef struct state_ud {
    const orb_run *r;
    size_t i;
} state_ud;

static void state_record(cli_rec *rec, const void *ud)
{
    const orb_run *r = ((const state_ud *)ud)->r;
    size_t i = ((const state_ud *)ud)->i;

    rec_begin(rec);
    rec_int(rec, "year", orb_run_year(r), 0);
    rec_int(rec, "ccode", orb_run_ccode(r, i), 0);
    rec_str(rec, "state", orb_run_abb(r, i), 0);
    rec_real(rec, "gdp", orb_run_gdp(r, i));
    rec_real(rec, "pop", orb_run_pop(r, i));
    rec_real(rec, "gdp_pc", orb_run_gdp(r, i) / orb_run_pop(r, i));
    rec_real(rec, "cinc_share", orb_run_share(r, i, ORB_MEASURE_CINC));
    rec_real(rec, "gdp_share", orb_run_share(r, i, ORB_MEASURE_GDP));
    rec_real(rec, "milex_share", orb_run_share(r, i, ORB_MEASURE_MILEX));
    rec_real(rec, "net_share", orb_run_share(r, i, ORB_MEASURE_NET));
    rec_real(rec, "burden", orb_run_burden(r, i));
    rec_real(rec, "threat", orb_run_threat(r, i));
    rec_real(rec, "security", orb_run_security(r, i));
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
    cli_stream st;
    size_t k;

    if (fmt == FMT_TABLE)
        fprintf(f, "%4s %-4s %10s %9s %9s %7s %7s %7s %7s %7s %9s %7s %4s %3s\n", "year", "stat",
                "GDP$bn", "pop(m)", "GDPpc$", "cinc", "gdp", "milex", "net", "burden%", "threat",
                "secur", "bloc", "war");
    else
        stream_begin(&st, f, fmt);
    do
        for (k = 0; k < n; k++) {
            state_ud u = {r, idx[k]};
            if (fmt == FMT_TABLE)
                state_table_row(f, r, idx[k]);
            else
                stream_row(&st, state_record, &u);
        }
    while (orb_run_step(r) == ORB_OK);
    if (fmt != FMT_TABLE) stream_end(&st);
    if (fmt == FMT_TABLE)
        fputs("GDP real (2017 PPP USD); cinc, gdp, milex, net: shares of the world; burden =\n"
              "military spending, % of GDP; secur = security index; bloc = igraph community\n"
              "(-1: none); war = at war with anyone. One run; see docs/model.md.\n",
              f);
}

/* ---- --actions: the action log ----------------------------------------------- */

typedef struct action_ud {
    const orb_run *r;
    const orb_action_record *a;
} action_ud;

static void action_record(cli_rec *rec, const void *ud)
{
    const orb_run *r = ((const action_ud *)ud)->r;
    const orb_action_record *a = ((const action_ud *)ud)->a;

    rec_begin(rec);
    rec_int(rec, "year", a->year, 0);
    rec_str(rec, "action", orb_action_name(a->kind), 0);
    rec_str(rec, "actor", orb_run_abb(r, a->actor), 0);
    rec_str(rec, "target", a->kind == ORB_ACT_ARM ? "" : orb_run_abb(r, a->target), 1);
    rec_bool(rec, "taken", a->taken);
    rec_str(rec, "blocked_by", a->taken ? "" : orb_block_reason_name(a->reason), 1);
    rec_str(rec, "breach_of", a->taken ? orb_block_reason_name(a->reason) : "", 1);
    rec_bool(rec, "via_council", a->via_council);
    rec_end(rec);
}

static void action_table_row(FILE *f, const orb_run *r, const orb_action_record *a)
{
    fprintf(f, "%4d %-9s %-5s %-6s %-7s %s", a->year, orb_action_name(a->kind),
            orb_run_abb(r, a->actor), a->kind == ORB_ACT_ARM ? "-" : orb_run_abb(r, a->target),
            a->taken ? "taken" : "blocked", a->via_council ? "yes" : "no");
    if (a->taken && a->reason == ORB_BLOCK_NONE)
        fputc('\n', f);
    else
        fprintf(f, "%s %s%s\n", a->via_council ? "" : " ", a->taken ? "in breach: " : "",
                orb_block_reason_name(a->reason));
}

/* Every action proposed each year (the start year has none). */
static void run_actions(FILE *f, cli_format fmt, orb_run *r)
{
    cli_stream st;
    size_t k, na;

    if (fmt == FMT_TABLE)
        fprintf(f, "%4s %-9s %-5s %-6s %-7s %-4s %s\n", "year", "action", "actor", "target",
                "outcome", "UNSC", "blocked by (or, taken, the rule broken)");
    else
        stream_begin(&st, f, fmt);
    do {
        const orb_action_record *log = orb_run_actions(r, &na);
        for (k = 0; k < na; k++) {
            action_ud u = {r, &log[k]};
            if (fmt == FMT_TABLE)
                action_table_row(f, r, &log[k]);
            else
                stream_row(&st, action_record, &u);
        }
    } while (orb_run_step(r) == ORB_OK);
    if (fmt != FMT_TABLE) stream_end(&st);
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
    orb_run_opts ro = orb_run_opts_default();
    cli_format fmt = FMT_TABLE;
    const char *path = NULL, *pos[1];
    cli_out out = {NULL, NULL, 0};
    orb_error err;
    orb_status st;
    int rc, have_seed = 0, actions = 0;
    uint64_t seed = 0;
    const char *states = NULL, *params = NULL, *store_out = NULL, *resume = NULL;
    orb_params par;
    size_t *pick = NULL, npick = 0, npos = 0, runs = 0;
    int threads = 0, per_state = 0, have_runs = 0, blocs_every = 0;
    orb_uncertainty unc = ORB_UNC_SHOCKS;
    const char *years_list = NULL;
    int years[CLI_MAX_YEARS];
    size_t nyears = 0;
    const cli_opt opts[] = {
        {"--seed", OPT_SEED, &seed, 0, 0, &have_seed},
        {"--format", OPT_FORMAT, &fmt, 0, 0, NULL},
        {"--states", OPT_STRING, &states, 0, 0, NULL},
        {"--actions", OPT_FLAG, &actions, 0, 0, NULL},
        {"--params", OPT_STRING, &params, 0, 0, NULL},
        {"--runs", OPT_SIZE, &runs, 1, 10000000, &have_runs},
        {"--threads", OPT_INT, &threads, 1, 4096, NULL},
        {"--out", OPT_STRING, &store_out, 0, 0, NULL},
        {"--resume", OPT_STRING, &resume, 0, 0, NULL},
        {"--per-state", OPT_FLAG, &per_state, 0, 0, NULL},
        {"--blocs-every-year", OPT_FLAG, &blocs_every, 0, 0, NULL},
        {"--uncertainty", OPT_UNCERTAINTY, &unc, 0, 0, NULL},
        {"--years", OPT_STRING, &years_list, 0, 0, NULL},
        {NULL, OPT_FLAG, NULL, 0, 0, NULL},
    };
    const cli_args args = {pos, 1, &npos, "one scenario file"};

    if ((rc = cli_parse("run", argc, argv, opts, &args))) return rc;
    path = npos ? pos[0] : NULL;
    if (path == NULL) return cli_usage_error("run", "a scenario file is required");
    if (states != NULL && actions)
        return cli_usage_error("run", "--states and --actions are two different outputs: give one");
    if ((rc = load_scenario(env, path, &t, &p, &s, &w, 0))) goto done;
    ro.seed = have_seed ? seed : orb_scenario_seed(s);
    if (params != NULL) {
        if ((rc = cli_params(params, s, &par))) goto done;
        ro.params = &par;
    }
    if (!have_runs) runs = orb_scenario_runs(s);
    if ((states != NULL || actions) && (have_runs && runs > 1)) {
        rc = cli_usage_error("run", "--states and --actions show one run: give --runs 1");
        goto done;
    }
    if (states == NULL && !actions && (runs > 1 || store_out != NULL || resume != NULL)) {
        cli_ensemble_args ea;
        if (store_out != NULL && resume != NULL) {
            rc = cli_usage_error("run", "--out and --resume name the store twice: give one");
            goto done;
        }
        ea.scenario_path = path;
        ea.scenario = s;
        ea.world = w;
        ea.params = ro.params;
        ea.seed = ro.seed;
        ea.runs = runs;
        ea.threads = threads;
        ea.per_state = per_state;
        ea.blocs_every_year = blocs_every;
        ea.out = store_out;
        ea.resume = resume;
        ea.end_year = 0;
        ea.uncertainty = unc;
        ea.years = NULL;
        ea.nyears = 0;
        if (years_list != NULL) {
            if ((rc = cli_parse_years("run", years_list, orb_scenario_start(s), orb_scenario_end(s),
                                      years, &nyears)))
                goto done;
            ea.years = years;
            ea.nyears = nyears;
        }
        ea.fmt = fmt;
        rc = cli_ensemble(&ea);
        goto done;
    }
    orb_error_clear(&err);
    if ((st = orb_run_new(w, s, &ro, &r, &err)) != ORB_OK) {
        rc = cli_scenario_error(path, st, &err);
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
        if (fmt == FMT_TABLE) table_header_line(out.f, s, ro.seed, r);
        if (actions)
            run_actions(out.f, fmt, r);
        else
            run_states(out.f, fmt, r, pick, npick);
    } else if (fmt == FMT_TABLE) {
        table_header(out.f, s, ro.seed, r);
        do
            table_row(out.f, r);
        while (orb_run_step(r) == ORB_OK);
        fprintf(out.f,
                "CINC polarity; GS = Global South (G77 + China) share of real GDP and CINC;\n"
                "Gini/Theil of GDP per capita between states, population-weighted; trade =\n"
                "gravity trade / world GDP; MIDs = dispute onsets, war = wars begun, atW = dyads\n"
                "at war; milex = military spending, %% of world GDP; meanT = mean threat;\n"
                "lowS = mean security index of the least secure tenth (ln of the threat per\n"
                "unit of own-side capability at the start over now: 0 at the start, negative:\n"
                "less secure); meanA = mean affinity;\n"
                "blocs and their modularity Q; sanU/sanN = unilateral / Council sanctions in\n"
                "force; res = drafts put to the Council; veto = drafts vetoed; blk = actions\n"
                "the regime or the Council blocked. One run; see docs/model.md.\n");
        {
            size_t nc, k;
            const orb_crisis *cr = orb_scenario_crises(s, &nc);
            for (k = 0; k < nc; k++) {
                orb_crisis_status cs;
                int y;
                double at;
                orb_run_crisis(r, k, &cs, &y, &at);
                if (cs == ORB_CRISIS_SETTLED)
                    fprintf(out.f, "crisis %s: settled in %d at %.2f on the scale [%g, %g]\n",
                            cr[k].name, y, at, cr[k].lo, cr[k].hi);
                else if (cs == ORB_CRISIS_ESCALATED)
                    fprintf(out.f,
                            "crisis %s: escalated to war in %d (the forecast %.2f left the "
                            "bargaining range)\n",
                            cr[k].name, y, at);
                else
                    fprintf(out.f, "crisis %s: still open in %d\n", cr[k].name, orb_run_year(r));
                talks_line(out.f, r, k);
            }
        }
    } else {
        cli_stream rows;
        stream_begin(&rows, out.f, fmt);
        do
            stream_row(&rows, record, r);
        while (orb_run_step(r) == ORB_OK);
        stream_end(&rows);
    }
    if ((st = orb_run_error(r, &err)) != ORB_OK) { /* stopped: nothing is printed */
        rc = cli_lib_error(st, &err);
        goto done;
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

typedef struct check_ud {
    const char *path;
    const orb_scenario *s;
} check_ud;

static void check_record(cli_rec *r, const void *ud)
{
    const orb_scenario *s = ((const check_ud *)ud)->s;
    size_t ns, ne, np, na, nc;

    orb_scenario_shocks(s, &ns);
    orb_scenario_events(s, &ne);
    orb_scenario_partnerships(s, &np);
    orb_scenario_alliances(s, &na);
    orb_scenario_crises(s, &nc);
    rec_begin(r);
    rec_str(r, "file", ((const check_ud *)ud)->path, 0);
    rec_str(r, "name", orb_scenario_name(s), 0);
    rec_int(r, "start", orb_scenario_start(s), 0);
    rec_int(r, "end", orb_scenario_end(s), 0);
    rec_int(r, "runs", (long)orb_scenario_runs(s), 0);
    {
        char seed[24];
        snprintf(seed, sizeof seed, "%" PRIu64, orb_scenario_seed(s));
        rec_str(r, "seed", seed, 0); /* a string: a JSON number loses 64-bit precision */
    }
    rec_str(r, "regime", orb_regime_name(orb_scenario_regime(s)), 0);
    rec_int(r, "overrides", (long)orb_scenario_noverrides(s), 0);
    rec_int(r, "partnerships", (long)np, 0);
    rec_int(r, "alliance_changes", (long)na, 0);
    rec_int(r, "events", (long)ne, 0);
    rec_int(r, "shocks", (long)ns, 0);
    rec_int(r, "crises", (long)nc, 0);
    rec_end(r);
}

int cmd_check(const cli_env *env, int argc, char **argv)
{
    orb_tables *t = NULL;
    orb_panel *p = NULL;
    orb_world *w = NULL;
    orb_scenario *s = NULL;
    cli_format fmt = FMT_TABLE;
    const char *pos[1];
    size_t ns, ne, np, na, nc, npos = 0;
    int rc;
    const cli_opt opts[] = {
        {"--format", OPT_FORMAT, &fmt, 0, 0, NULL},
        {NULL, OPT_FLAG, NULL, 0, 0, NULL},
    };
    const cli_args args = {pos, 1, &npos, "one scenario file"};

    if ((rc = cli_parse("check", argc, argv, opts, &args))) return rc;
    if (npos == 0) return cli_usage_error("check", "a scenario file is required");
    /* check is run without running: the world of the start year and the sim are built */
    if ((rc = load_scenario(env, pos[0], &t, &p, &s, &w, 1)) == EXIT_OK) {
        if (fmt != FMT_TABLE) {
            cli_stream st;
            check_ud u = {pos[0], s};
            /* one line: written at once, nothing before it can fail */
            stream_begin(&st, stdout, fmt);
            stream_row(&st, check_record, &u);
            stream_end(&st);
        } else {
            orb_scenario_shocks(s, &ns);
            orb_scenario_events(s, &ne);
            orb_scenario_partnerships(s, &np);
            orb_scenario_alliances(s, &na);
            orb_scenario_crises(s, &nc);
            printf("%s: ok: '%s', %d-%d, %zu run(s), seed %" PRIu64 ", regime %s; %zu parameter "
                   "override(s), %zu partnership(s), %zu alliance change(s), %zu event(s), %zu "
                   "shock(s), %zu crisis(es)\n",
                   pos[0], orb_scenario_name(s), orb_scenario_start(s), orb_scenario_end(s),
                   orb_scenario_runs(s), orb_scenario_seed(s),
                   orb_regime_name(orb_scenario_regime(s)), orb_scenario_noverrides(s), np, na, ne,
                   ns, nc);
        }
    }
    orb_world_free(w);
    orb_panel_free(p);
    orb_scenario_free(s);
    orb_tables_free(t);
    return rc;
}
