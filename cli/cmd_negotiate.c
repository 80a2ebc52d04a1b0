/*
 * cmd_negotiate.c - `orbis negotiate FILE`: the expected-utility model on a
 * CSV of actors or on a scenario's crisis block; the forecast and the path,
 * and with --runs a distribution under perturbed salience and capability.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *const move_names[3] = {"confrontation", "compromise", "capitulation"};

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Actors from a scenario's crisis (by name, or its first). */
static int crisis_actors(const cli_env *env, const char *path, const char *name, orb_eu_actor **out,
                         size_t *n_out)
{
    orb_tables *t = NULL;
    orb_panel *none = NULL;
    orb_scenario *s = NULL;
    orb_error err;
    orb_status st;
    const orb_crisis *c;
    size_t nc, k, i;
    int rc;

    if ((rc = cli_load(env, 0, &t, &none))) return rc;
    orb_error_clear(&err);
    if ((st = orb_scenario_load(path, t, &s, &err)) != ORB_OK) {
        rc = cli_lib_error(st, &err);
        goto done;
    }
    c = orb_scenario_crises(s, &nc);
    for (k = 0; k < nc; k++)
        if (name == NULL || strcmp(c[k].name, name) == 0) break;
    if (k == nc) {
        fprintf(stderr, "orbis: %s: %s\n", path,
                name ? "no crisis of that name" : "the scenario has no crisis");
        rc = EXIT_DATA;
        goto done;
    }
    *out = calloc(c[k].nactors + 1, sizeof **out);
    if (*out == NULL) {
        rc = cli_lib_error(ORB_ENOMEM, NULL);
        goto done;
    }
    for (i = 0; i < c[k].nactors; i++) {
        const orb_crisis_actor *a = &c[k].actors[i];
        orb_eu_actor *x = &(*out)[i];
        snprintf(x->name, sizeof x->name, "%s", a->name);
        x->x = a->position;
        x->s = a->salience;
        x->c = a->capability;
        if (isnan(x->c) && a->ccode) { /* a state: its CINC in the baseline year */
            orb_world *w = NULL;
            if (orb_world_new(t, NULL, orb_tables_base_year(t), &w, &err) == ORB_OK) {
                double *p = calloc(orb_world_nstates(w) + 1, sizeof *p);
                size_t wi = orb_world_index(w, a->ccode);
                if (p && wi != (size_t)-1 &&
                    orb_world_power(w, ORB_MEASURE_CINC, ORB_CINC_CODEBOOK, NULL, p) == ORB_OK)
                    x->c = p[wi];
                free(p);
            }
            orb_world_free(w);
        }
        if (!(x->c > 0)) {
            fprintf(stderr, "orbis: %s: crisis '%s': actor '%s' needs a capability\n", path,
                    c[k].name, x->name);
            rc = EXIT_DATA;
            free(*out);
            *out = NULL;
            goto done;
        }
    }
    *n_out = c[k].nactors;
    rc = EXIT_OK;
done:
    orb_scenario_free(s);
    orb_tables_free(t);
    return rc;
}

/* One round's position of an actor, a record of the CSV/JSON path. */
typedef struct path_ud {
    int round;
    const orb_eu_actor *a;
    const orb_eu *m;
    size_t k;
} path_ud;

static void path_record(cli_rec *r, const void *ud)
{
    const path_ud *u = ud;

    rec_begin(r);
    rec_int(r, "round", u->round, 0);
    rec_str(r, "actor", u->a[u->k].name, 0);
    rec_real(r, "position", orb_eu_positions(u->m)[u->k]);
    rec_real(r, "risk", u->round == 0 ? 1.0 : orb_eu_risk(u->m)[u->k]);
    rec_real(r, "median", orb_eu_median(u->m));
    rec_real(r, "mean", orb_eu_mean(u->m));
    rec_end(r);
}

/* The summary of the perturbed negotiations. */
typedef struct spread_ud {
    size_t runs;
    int rounds;
    uint64_t seed;
    double mean, sd, p10, p50, p90;
} spread_ud;

static void spread_record(cli_rec *r, const void *ud)
{
    const spread_ud *u = ud;

    rec_begin(r);
    rec_int(r, "runs", (long)u->runs, 0);
    rec_int(r, "rounds", u->rounds, 0);
    rec_real(r, "mean", u->mean);
    rec_real(r, "sd", u->sd);
    rec_real(r, "p10", u->p10);
    rec_real(r, "p50", u->p50);
    rec_real(r, "p90", u->p90);
    rec_end(r);
}

/* The most pair evaluations (actors^2 x rounds x runs) one command may ask
 * for: about a minute on this machine (400 actors: 0.03 s a round). */
#define NEGOTIATE_MAX_WORK 2e8

int cmd_negotiate(const cli_env *env, int argc, char **argv)
{
    const char *path = NULL, *preset = "scholz", *crisis = NULL, *pos[1];
    int rounds = 10, rc, r;
    size_t runs = 0, npos = 0;
    uint64_t seed = 1;
    cli_format fmt = FMT_TABLE;
    cli_out out = {NULL, NULL, 0};
    orb_eu_actor *a = NULL;
    size_t n = 0, k, nl;
    orb_eu_opts o;
    orb_eu *m = NULL;
    orb_error err;
    orb_status st;
    double *med = NULL;
    const cli_opt opts[] = {
        {"--rounds", OPT_INT, &rounds, 1, 10000, NULL},
        {"--runs", OPT_SIZE, &runs, 1, 1000000, NULL},
        {"--seed", OPT_SEED, &seed, 0, 0, NULL},
        {"--preset", OPT_STRING, &preset, 0, 0, NULL},
        {"--crisis", OPT_STRING, &crisis, 0, 0, NULL},
        {"--format", OPT_FORMAT, &fmt, 0, 0, NULL},
        {NULL, OPT_FLAG, NULL, 0, 0, NULL},
    };
    const cli_args args = {pos, 1, &npos, "one input file"};

    if ((rc = cli_parse("negotiate", argc, argv, opts, &args))) return rc;
    if (orb_eu_preset(preset, &o) != ORB_OK)
        return cli_usage_error("negotiate", "--preset expects scholz or dmasad, found '%s'",
                               preset);
    path = npos ? pos[0] : NULL;
    if (path == NULL)
        return cli_usage_error("negotiate", "an actors CSV or a scenario is required");
    orb_error_clear(&err);
    if (ends_with(path, ".yaml") || ends_with(path, ".yml")) {
        if ((rc = crisis_actors(env, path, crisis, &a, &n))) return rc;
    } else if ((st = orb_eu_read_csv(path, &a, &n, &err)) != ORB_OK) {
        return cli_lib_error(st, &err);
    }
    { /* the work: each round weighs every pair of actors; refused above the limit */
        double work = (double)n * (double)n * rounds * (double)(runs ? runs : 1);
        if (work > NEGOTIATE_MAX_WORK) {
            rc = cli_usage_error("negotiate",
                                 "%zu actors x %d rounds x %zu runs is %.3g pair evaluations, "
                                 "above the limit %.0e (about a minute here): fewer rounds, runs "
                                 "or actors",
                                 n, rounds, runs ? runs : 1, work, NEGOTIATE_MAX_WORK);
            goto done;
        }
    }
    if ((st = orb_eu_new(a, n, &o, &m, &err)) != ORB_OK) {
        rc = cli_lib_error(st, &err);
        goto done;
    }
    if ((rc = cli_out_open(&out))) goto done;
    if (runs == 0 && fmt != FMT_TABLE) { /* the path as records: a row per actor and round */
        cli_stream s;
        path_ud u = {0, a, m, 0};
        stream_begin(&s, out.f, fmt);
        for (u.k = 0; u.k < n; u.k++)
            stream_row(&s, path_record, &u);
        for (r = 1; r <= rounds; r++) {
            int stop = orb_eu_round(m) == ORB_DONE;
            u.round = r;
            for (u.k = 0; u.k < n; u.k++)
                stream_row(&s, path_record, &u);
            if (stop) break;
        }
        stream_end(&s);
    } else if (runs == 0) { /* one negotiation: the path, with every accepted move */
        fprintf(out.f, "%zu actors, preset %s; round 0: median %.4f, mean %.4f\n", n, preset,
                orb_eu_median(m), orb_eu_mean(m));
        for (r = 1; r <= rounds; r++) {
            int stop = orb_eu_round(m) == ORB_DONE;
            const orb_eu_record *log = orb_eu_log(m, &nl);
            size_t offers = 0;
            fprintf(out.f, "round %d: median %.4f, mean %.4f\n", r, orb_eu_median(m),
                    orb_eu_mean(m));
            for (k = 0; k < nl; k++) /* the log holds this round's offers */
                offers += log[k].round == r;
            fprintf(out.f, "  %zu offers made\n", offers);
            for (k = 0; k < nl; k++)
                if (log[k].round == r && log[k].accepted)
                    fprintf(out.f, "  %s: %s with %s (EU %.6f vs %.6f), %.4f -> %.4f\n",
                            a[log[k].actor].name, move_names[log[k].kind], a[log[k].other].name,
                            log[k].eu_ij, log[k].eu_ji, log[k].from, log[k].to);
            if (stop) {
                fprintf(out.f, "stable after round %d\n", r);
                break;
            }
        }
        fprintf(out.f, "forecast (median) %.4f; final positions:\n", orb_eu_median(m));
        for (k = 0; k < n; k++)
            fprintf(out.f, "  %-24s %10.4f  (risk exponent %.4f)\n", a[k].name,
                    orb_eu_positions(m)[k], orb_eu_risk(m)[k]);
    } else { /* --runs: perturbed negotiations (the library's), the forecast's spread */
        spread_ud u = {runs, rounds, seed, 0, 0, 0, 0, 0};
        if ((med = calloc(runs, sizeof *med)) == NULL) {
            rc = cli_lib_error(ORB_ENOMEM, NULL);
            goto done;
        }
        if ((st = orb_eu_perturbed(a, n, &o, rounds, runs, seed, med, &err)) != ORB_OK) {
            rc = cli_lib_error(st, &err);
            goto done;
        }
        for (k = 0; k < runs; k++)
            u.mean += med[k] / (double)runs;
        for (k = 0; k < runs; k++)
            u.sd += (med[k] - u.mean) * (med[k] - u.mean) / (double)(runs > 1 ? runs - 1 : 1);
        u.sd = sqrt(u.sd);
        orb_sort(med, runs);
        u.p10 = orb_quantile(med, runs, 0.1);
        u.p50 = orb_quantile(med, runs, 0.5);
        u.p90 = orb_quantile(med, runs, 0.9);
        if (fmt == FMT_TABLE) {
            fprintf(out.f,
                    "%zu perturbed negotiations of %d rounds (capability x exp(%.2f z), salience "
                    "+ %.2f z), preset %s, seed %" PRIu64 ":\nforecast (median position): mean "
                    "%.4f, sd %.4f, 10%% %.4f, 50%% %.4f, 90%% %.4f\n",
                    runs, rounds, ORB_EU_NOISE_CAP, ORB_EU_NOISE_SAL, preset, seed, u.mean, u.sd,
                    u.p10, u.p50, u.p90);
        } else {
            cli_stream s;
            stream_begin(&s, out.f, fmt);
            stream_row(&s, spread_record, &u);
            stream_end(&s);
        }
    }
    rc = cli_out_commit(&out);
done:
    cli_out_discard(&out);
    free(med);
    orb_eu_free(m);
    free(a);
    return rc;
}
