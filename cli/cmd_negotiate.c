/*
 * cmd_negotiate.c - `orbis negotiate FILE`: the expected-utility model on a
 * CSV of actors or on a scenario's crisis block; the forecast and the path,
 * and with --runs a distribution under perturbed salience and capability.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Noise of --runs (docs/orbis.1.md): capability x exp(0.1 z), salience + 0.05 z. */
#define NOISE_CAP 0.10
#define NOISE_SAL 0.05

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

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int cmd_negotiate(const cli_env *env, int argc, char **argv)
{
    const char *path = NULL, *preset = "scholz", *crisis = NULL, *v;
    int rounds = 10, runs = 0, i, rc, r;
    long long seed = 1;
    cli_format fmt = FMT_TABLE;
    cli_out out = {NULL, NULL, 0};
    orb_eu_actor *a = NULL;
    size_t n = 0, k, nl;
    orb_eu_opts o;
    orb_eu *m = NULL;
    orb_error err;
    orb_status st;
    double *med = NULL;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--rounds") == 0) {
            if ((v = cli_optarg("negotiate", argc, argv, &i)) == NULL) return EXIT_USAGE;
            if ((rc = cli_parse_int("negotiate", "--rounds", v, 1, 10000, &rounds))) return rc;
        } else if (strcmp(argv[i], "--runs") == 0) {
            if ((v = cli_optarg("negotiate", argc, argv, &i)) == NULL) return EXIT_USAGE;
            if ((rc = cli_parse_int("negotiate", "--runs", v, 1, 1000000, &runs))) return rc;
        } else if (strcmp(argv[i], "--seed") == 0) {
            char *end;
            if ((v = cli_optarg("negotiate", argc, argv, &i)) == NULL) return EXIT_USAGE;
            errno = 0;
            seed = strtoll(v, &end, 10);
            if (*v == '\0' || *end != '\0' || seed < 0 || errno)
                return cli_usage_error("negotiate", "--seed expects a whole number >= 0");
        } else if (strcmp(argv[i], "--preset") == 0) {
            if ((preset = cli_optarg("negotiate", argc, argv, &i)) == NULL) return EXIT_USAGE;
            if (orb_eu_preset(preset, &o) != ORB_OK)
                return cli_usage_error("negotiate", "--preset expects scholz or dmasad, found '%s'",
                                       preset);
        } else if (strcmp(argv[i], "--crisis") == 0) {
            if ((crisis = cli_optarg("negotiate", argc, argv, &i)) == NULL) return EXIT_USAGE;
        } else if (strcmp(argv[i], "--format") == 0) {
            if ((v = cli_optarg("negotiate", argc, argv, &i)) == NULL) return EXIT_USAGE;
            if ((rc = cli_parse_format("negotiate", v, &fmt))) return rc;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return cli_usage_error("negotiate", "unknown option '%s'", argv[i]);
        } else if (path == NULL) {
            path = argv[i];
        } else {
            return cli_usage_error("negotiate", "one input file expected, found '%s' too", argv[i]);
        }
    }
    if (path == NULL)
        return cli_usage_error("negotiate", "an actors CSV or a scenario is required");
    orb_eu_preset(preset, &o);
    orb_error_clear(&err);
    if (ends_with(path, ".yaml") || ends_with(path, ".yml")) {
        if ((rc = crisis_actors(env, path, crisis, &a, &n))) return rc;
    } else if ((st = orb_eu_read_csv(path, &a, &n, &err)) != ORB_OK) {
        return cli_lib_error(st, &err);
    }
    if ((st = orb_eu_new(a, n, &o, &m, &err)) != ORB_OK) {
        rc = cli_lib_error(st, &err);
        goto done;
    }
    if ((rc = cli_out_open(&out))) goto done;
    if (runs == 0) { /* one negotiation: the path */
        if (fmt == FMT_TABLE) {
            fprintf(out.f, "%zu actors, preset %s; round 0: median %.4f, mean %.4f\n", n, preset,
                    orb_eu_median(m), orb_eu_mean(m));
        } else if (fmt == FMT_CSV) {
            fprintf(out.f, "round,actor,position,risk,median,mean\n");
            for (k = 0; k < n; k++)
                fprintf(out.f, "0,%s,%.10g,1,%.10g,%.10g\n", a[k].name, orb_eu_positions(m)[k],
                        orb_eu_median(m), orb_eu_mean(m));
        } else {
            fprintf(out.f, "{\"preset\": \"%s\", \"rounds\": [\n", preset);
        }
        for (r = 1; r <= rounds; r++) {
            int done_ = orb_eu_round(m) == ORB_DONE;
            const orb_eu_record *log = orb_eu_log(m, &nl);
            if (fmt == FMT_TABLE) {
                fprintf(out.f, "round %d: median %.4f, mean %.4f\n", r, orb_eu_median(m),
                        orb_eu_mean(m));
                size_t offers = 0;
                for (k = 0; k < nl; k++)
                    offers += log[k].round == r;
                fprintf(out.f, "  %zu offers made\n", offers);
                for (k = 0; k < nl; k++)
                    if (log[k].round == r && log[k].accepted)
                        fprintf(out.f, "  %s: %s with %s (EU %.6f vs %.6f), %.4f -> %.4f\n",
                                a[log[k].actor].name, move_names[log[k].kind], a[log[k].other].name,
                                log[k].eu_ij, log[k].eu_ji, log[k].from, log[k].to);
            } else if (fmt == FMT_CSV) {
                for (k = 0; k < n; k++)
                    fprintf(out.f, "%d,%s,%.10g,%.10g,%.10g,%.10g\n", r, a[k].name,
                            orb_eu_positions(m)[k], orb_eu_risk(m)[k], orb_eu_median(m),
                            orb_eu_mean(m));
            } else {
                fprintf(out.f,
                        "%s  {\"round\": %d, \"median\": %.10g, \"mean\": %.10g, \"moves\": [",
                        r > 1 ? ",\n" : "", r, orb_eu_median(m), orb_eu_mean(m));
                for (k = 0, i = 0; k < nl; k++)
                    if (log[k].round == r && log[k].accepted) {
                        fprintf(out.f, "%s{\"actor\": ", i++ ? ", " : "");
                        out_json_str(out.f, a[log[k].actor].name);
                        fprintf(out.f, ", \"kind\": \"%s\", \"with\": ", move_names[log[k].kind]);
                        out_json_str(out.f, a[log[k].other].name);
                        fprintf(out.f, ", \"eu_ij\": %.10g, \"eu_ji\": %.10g, \"to\": %.10g}",
                                log[k].eu_ij, log[k].eu_ji, log[k].to);
                    }
                fputs("]}", out.f);
            }
            if (done_) {
                if (fmt == FMT_TABLE) fprintf(out.f, "stable after round %d\n", r);
                break;
            }
        }
        if (fmt == FMT_TABLE) {
            fprintf(out.f, "forecast (median) %.4f; final positions:\n", orb_eu_median(m));
            for (k = 0; k < n; k++)
                fprintf(out.f, "  %-24s %10.4f  (risk exponent %.4f)\n", a[k].name,
                        orb_eu_positions(m)[k], orb_eu_risk(m)[k]);
        } else if (fmt == FMT_JSON) {
            fprintf(out.f, "\n], \"forecast\": %.10g}\n", orb_eu_median(m));
        }
    } else { /* --runs: perturbed negotiations, the distribution of the forecast */
        orb_eu_actor *p = calloc(n, sizeof *p);
        orb_rng rng;
        med = calloc((size_t)runs, sizeof *med);
        if (p == NULL || med == NULL) {
            free(p);
            rc = cli_lib_error(ORB_ENOMEM, NULL);
            goto done;
        }
        orb_rng_init(&rng, (uint64_t)seed, 0);
        for (r = 0; r < runs; r++) {
            orb_eu *q = NULL;
            int j;
            for (k = 0; k < n; k++) {
                p[k] = a[k];
                p[k].c *= exp(NOISE_CAP * orb_rng_normal(&rng, (uint64_t)r, 1, k));
                p[k].s += NOISE_SAL * orb_rng_normal(&rng, (uint64_t)r, 2, k);
                p[k].s = p[k].s < 0 ? 0 : (p[k].s > 1 ? 1 : p[k].s);
            }
            if (orb_eu_new(p, n, &o, &q, &err) != ORB_OK) {
                free(p);
                rc = cli_lib_error(ORB_EINVAL, &err);
                goto done;
            }
            for (j = 0; j < rounds && orb_eu_round(q) == ORB_OK; j++) {
            }
            med[r] = orb_eu_median(q);
            orb_eu_free(q);
        }
        free(p);
        qsort(med, (size_t)runs, sizeof *med, cmp_d);
        {
            double mean = 0, sd = 0, p10 = med[(size_t)(0.1 * (runs - 1) + 0.5)];
            double p50 = med[(size_t)(0.5 * (runs - 1) + 0.5)];
            double p90 = med[(size_t)(0.9 * (runs - 1) + 0.5)];
            for (r = 0; r < runs; r++)
                mean += med[r] / runs;
            for (r = 0; r < runs; r++)
                sd += (med[r] - mean) * (med[r] - mean) / (runs > 1 ? runs - 1 : 1);
            sd = sqrt(sd);
            if (fmt == FMT_TABLE)
                fprintf(out.f,
                        "%d perturbed negotiations of %d rounds (capability x exp(0.1 z), salience "
                        "+ 0.05 z), preset %s, seed %lld:\nforecast (median position): mean %.4f, "
                        "sd %.4f, 10%% %.4f, 50%% %.4f, 90%% %.4f\n",
                        runs, rounds, preset, seed, mean, sd, p10, p50, p90);
            else if (fmt == FMT_CSV)
                fprintf(out.f,
                        "runs,rounds,mean,sd,p10,p50,p90\n%d,%d,%.10g,%.10g,%.10g,%.10g,%.10g\n",
                        runs, rounds, mean, sd, p10, p50, p90);
            else
                fprintf(out.f,
                        "{\"runs\": %d, \"rounds\": %d, \"mean\": %.10g, \"sd\": %.10g, \"p10\": "
                        "%.10g, \"p50\": %.10g, \"p90\": %.10g}\n",
                        runs, rounds, mean, sd, p10, p50, p90);
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
