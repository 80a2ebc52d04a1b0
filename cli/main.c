/*
 * main.c - the orbis program: argument dispatch, help, shared helpers.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#ifndef ORB_DEFAULT_DATA
#define ORB_DEFAULT_DATA "../shared/data"
#endif
#ifndef ORB_DEFAULT_TABLES
#define ORB_DEFAULT_TABLES "data"
#endif

static const char main_help[] = "usage: orbis [--data DIR] [--tables DIR] COMMAND [OPTIONS]\n"
                                "\n"
                                "orbis simulates the international order from real data.\n"
                                "\n"
                                "Commands:\n";

static const char main_help_tail[] =
    "  help CMD   the help of a command\n"
    "\n"
    "Options:\n"
    "  --data DIR     raw data sets (default $ORBIS_DATA, else " ORB_DEFAULT_DATA ")\n"
    "  --tables DIR   orbis's compact tables (default $ORBIS_TABLES, else\n"
    "                 " ORB_DEFAULT_TABLES ")\n"
    "  -h, --help     this help\n"
    "  --version      the version\n"
    "\n"
    "Exit codes: 0 success, 1 internal error, 2 bad command line, 3 missing or\n"
    "malformed data file, 4 request outside the data (e.g. an unknown year).\n";

static const char world_help[] =
    "usage: orbis world [--year Y] [--format table|csv|json]\n"
    "\n"
    "Every state in the COW state system in year Y (default 2022): COW, ISO3 and\n"
    "Gleditsch-Ward codes, region, UN electoral group, Global South (G77 + China)\n"
    "and P5 flags, COW major-power status, the six NMC components, published and\n"
    "recomputed CINC, GDP (current USD, World Bank; imputed values flagged), real\n"
    "GDP (2017 PPP USD, Fariss et al.) and population.\n"
    "\n"
    "  --year Y       1816..2022; years other than 2022 read the raw panel\n"
    "  --format F     table (default), csv or json\n"
    "  --rule R       CINC missing-component rule: codebook (default) or strict\n";

static const char polarity_help[] =
    "usage: orbis polarity [--year Y | --from A --to B] [--majors]\n"
    "                      [--measure cinc|gdp|milex|net] [--format table|csv|json]\n"
    "\n"
    "The concentration of power in the system: Singer-Bremer-Stuckey CON, HHI,\n"
    "effective number of poles (1/HHI), the poles (states with at least the pole\n"
    "share of the total), the leader and challenger with their power ratio and\n"
    "parity, and the Global South's share. One year prints the top states;\n"
    "a span prints one row a year, with leadership transitions marked.\n"
    "\n"
    "  --year Y         one year (default 2022)\n"
    "  --from A --to B  every year from A to B (1816..2022)\n"
    "  --majors         among the COW major powers of each year (2016 list after 2016)\n"
    "  --measure M      cinc (default), gdp (real GDP, PPP), milex, net (GDP x GDP/capita)\n"
    "  --rule R         CINC rule: codebook (default; mean of non-missing shares) or strict\n"
    "  --top K          states listed for one year (default 10; 0 = all)\n"
    "  --pole-share X   share of the total that makes a pole (default 0.10)\n"
    "  --parity X       challenger/leader ratio that counts as parity (default 0.80)\n"
    "  --format F       table (default), csv or json\n";

static const char run_help[] =
    "usage: orbis run SCENARIO.yaml [--runs N] [--threads T] [--out FILE.db | --resume FILE.db]\n"
    "                 [--per-state] [--blocs-every-year] [--seed S] [--params FILE]\n"
    "                 [--format table|csv|json]\n"
    "       orbis run SCENARIO.yaml --runs 1 [--states LIST | --actions] ...\n"
    "\n"
    "Run the scenario's futures (its `runs`, or --runs N): run i draws from the\n"
    "stream (seed, i), on T threads (default every core) sharing one world. Every\n"
    "finished run goes into the results store, an SQLite file (--out, default\n"
    "NAME-sSEED-nRUNS.db here; schema in docs/store.md), in transactions: a killed\n"
    "ensemble keeps its finished runs and --resume FILE.db completes it. Then the\n"
    "summary: for the start year, +5, +10 and the end, each headline metric's median,\n"
    "50% and 90% bands and mean with its Monte Carlo s.e., and the probability of\n"
    "named events by each year. --per-state stores per-state series too. Progress on\n"
    "stderr when it is a terminal. `orbis export FILE.db TABLE` reads a table.\n"
    "\n"
    "With --runs 1 (or --states, --actions: run 0 alone) one future is printed as\n"
    "it goes: for every year,\n"
    "for every year, CINC polarity (CON, HHI, effective poles, poles, leader and\n"
    "challenger with shares and ratio), the Global South's shares of real GDP and\n"
    "CINC, the Gini and Theil of GDP per capita between states, gravity trade over\n"
    "world GDP, security, alliance, conflict, order-regime and Council counts, and\n"
    "each crisis's outcome. CSV and JSON add the polarity under the gdp, milex and\n"
    "net measures. The same scenario and seed give byte-identical output.\n"
    "\n"
    "  --runs N        futures (default: the scenario's runs)\n"
    "  --threads T     worker threads (default: every core)\n"
    "  --out FILE.db   the results store (must not exist)\n"
    "  --resume FILE   finish an interrupted ensemble's store\n"
    "  --per-state     store per-state yearly series too\n"
    "  --years LIST    the summary's years (default: start, +5, +10, end); the runs\n"
    "                  compute their blocs (igraph) at these years only, NULL elsewhere\n"
    "  --blocs-every-year  blocs at every year (a third more time a run)\n"
    "  --uncertainty U shocks (default: the runs' random draws), params (each run\n"
    "                  draws its parameters; growth shocks off) or all\n"
    "  --seed S        master seed (default: the scenario's seed)\n"
    "  --params FILE   parameters from a CSV (name,value), then the scenario's\n"
    "                  overrides\n"
    "  --states LIST   one run: instead, every year of these states (COW codes, abbreviations,\n"
    "                  ISO3 codes or names, comma-separated; or 'all'): real GDP,\n"
    "                  population, GDP per capita, shares of CINC, GDP, military\n"
    "                  spending and net resources, burden, threat, security index,\n"
    "                  bloc, at war\n"
    "  --actions       one run: instead, every action the engine proposed each year: kind,\n"
    "                  actor, target, taken or blocked, by which rule, via the Council\n"
    "  --format F      table (default), csv or json\n";

static const char compare_help[] =
    "usage: orbis compare A.yaml B.yaml [--seed S] [--format table|csv|json]\n"
    "\n"
    "Run two scenarios over the same years (one run each) and print, for every year,\n"
    "the main metrics of A, of B and their difference B - A: CINC concentration, the\n"
    "Global South's shares of GDP and CINC, Gini, world GDP, disputes, wars, military\n"
    "spending, affinity, pacts, sanctions in force, actions blocked and vetoes.\n"
    "\n"
    "  --seed S     the seed of both runs (default: each scenario's own)\n"
    "  --format F   table (default), csv or json\n";

static const char claims_help[] =
    "usage: orbis claims FILE.yaml [--runs N] [--seed S] [--threads T] [--only ID]\n"
    "                    [--uncertainty shocks|params|all] [--params FILE]\n"
    "                    [--vary PARAM=LO:HI] [--channels] [--out STORE.db]\n"
    "                    [--format table|csv|json]\n"
    "\n"
    "Test each claim of a claims file (docs/claims.md; claims/joint-statement-2024.yaml):\n"
    "its two sides, the base scenario with each side's change merged in, run as paired\n"
    "ensembles (the same seed and run index: common random numbers); for each outcome\n"
    "the effect B - A (median, 5-95% band, mean and its Monte Carlo error), the share\n"
    "of runs in the claimed direction, a verdict (supported, contradicted, or not\n"
    "distinguishable from zero at this ensemble size, with the runs that would tell)\n"
    "and the channel: what the change touches and the parameters the claim names, each\n"
    "estimated (with its SE) or an ASSUMPTION (with its range).\n"
    "\n"
    "  --runs N        runs a side (default: the file's, else 100)\n"
    "  --seed S        master seed (default: the file's)\n"
    "  --only ID       one claim\n"
    "  --uncertainty U shocks (default), params or all: draw each run's parameters too\n"
    "  --params FILE   parameter values (name,value CSV) for both sides\n"
    "  --vary P=LO:HI  rerun every claim with parameter P at LO and at HI: does the\n"
    "                  verdict survive the assumption's range?\n"
    "  --channels      the same for each parameter a claim names: an estimate over\n"
    "                  +-2 SE, an assumption over its range (which ones carry it?)\n"
    "  --out STORE.db  the results and every run's effect into a new SQLite file\n"
    "  --format F      table (default), csv or json\n";

static const char negotiate_help[] =
    "usage: orbis negotiate ACTORS.csv|SCENARIO.yaml [--rounds N] [--preset scholz|dmasad]\n"
    "                       [--crisis NAME] [--runs N] [--seed S] [--format table|csv|json]\n"
    "\n"
    "Bueno de Mesquita's expected-utility model (Scholz, Calbert & Smith reading): from\n"
    "a CSV with columns actor, capability, position, salience, or a scenario's crisis\n"
    "(the first, or --crisis NAME; states without a capability get their 2022 CINC),\n"
    "print the Condorcet (median) and weighted-mean forecasts and every round's moves.\n"
    "\n"
    "  --rounds N   rounds at most (default 10; stops early when no one moves)\n"
    "  --preset P   scholz (default; reproduces Scholz's code) or dmasad\n"
    "  --runs N     N negotiations with capability x exp(0.1 z) and salience + 0.05 z\n"
    "               (z standard normal, Philox stream of --seed): the forecast's spread\n"
    "  --format F   table (default), csv or json\n";

static const char export_help[] =
    "usage: orbis export STORE.db TABLE [--format csv|json]\n"
    "\n"
    "Write a table of an ensemble's results store (docs/store.md): meta, params,\n"
    "metric, states, runs, run_metrics, events, state_years, summary, event_prob,\n"
    "timing; in its key order, as CSV (default) or JSON, for R, pandas and jq.\n";

static const char check_help[] =
    "usage: orbis check SCENARIO.yaml\n"
    "\n"
    "Validate a scenario file (docs/scenario-format.md) without running it. Errors\n"
    "name file:line:column, the field and what was expected; exit 3 for a\n"
    "malformed or missing file, 4 for a year outside the data.\n";

static const char params_help[] =
    "usage: orbis params [--format table|csv|json]\n"
    "\n"
    "The parameter table: every model parameter with its default, unit, valid\n"
    "range and source. Scenario files override parameters by these names.\n";

static const char calibrate_help[] =
    "usage: orbis calibrate [--to Y] [--years N] [--format table|csv|json]\n"
    "\n"
    "Re-estimate the empirical parameters from the raw data (ORBIS_DATA) by least\n"
    "squares: estimates, standard errors clustered by state, sample sizes and\n"
    "years. With no option the samples are the default ones and the estimates are\n"
    "the parameter table's defaults.\n"
    "\n"
    "  --to Y      end every sample by year Y (1900..2022), for out-of-sample checks\n"
    "  --years N   each sample spans N years (10..100; default 28 with --to)\n"
    "  --format F  table (default), csv or json\n";

static const char backtest_help[] =
    "usage: orbis backtest [--from Y0] [--to Y1] [--runs N] [--seed S] [--out-of-sample]\n"
    "                      [--relations | --population]\n"
    "                      [--regime historical|anarchy|un-charter|rules-based]\n"
    "\n"
    "Start from the data of Y0 (default 2000), run to Y1 (default 2016) with default\n"
    "parameters, and compare each state's CINC and real-GDP shares with the data\n"
    "of Y1: mean absolute error of the expected path, of the mean of N runs\n"
    "(default 100) and of a single run, against persistence (Y1 = Y0).\n"
    "--out-of-sample first re-estimates the parameters on data that end in Y0 - 1\n"
    "(orbis calibrate --to Y0-1) and runs with those. --regime sets the order regime\n"
    "(default historical, the record's); the Security Council section counts drafts and vetoes "
    "against\n"
    "the vetoes on record. --relations instead compares the pairs' affinity at Y1\n"
    "with the record (the UNGA ideal points of Y1): spread across pairs, hostile pairs\n"
    "(affinity < -0.5) and the Spearman correlation, for the model and for persistence.\n"
    "--population instead runs the world of 2022 and compares each state's population\n"
    "one and two years on with the World Bank's, and in 2050 with UN WPP 2022's median\n"
    "and 80% interval (an outside check, not fitted).\n";

static const char evaluate_help[] =
    "usage: orbis evaluate [--from Y0] [--to Y1] [--step K] [--runs N] [--seed S]\n"
    "                      [--fit-years F] [--in-sample] [--params FILE]\n"
    "                      [--regime historical|anarchy|un-charter|rules-based]\n"
    "                      [--uncertainty shocks|params|all]\n"
    "\n"
    "Score forecasts out of sample at origins Y0, Y0+K, ... Y1 (default 1975-2005\n"
    "every 3 years): before each origin every estimate is re-made on data that end\n"
    "the year before (orbis calibrate --to origin-1; --in-sample keeps the parameters),\n"
    "the origin's world is run N times (default 20), and at horizons 1, 5, 10 and 16\n"
    "years the CINC and real-GDP shares are scored (MAE, log-share error, CRPS, 50% and\n"
    "90% band coverage) against persistence, a linear trend in shares and a random walk\n"
    "with drift in log shares, each fitted on the F years to the origin (default 8);\n"
    "dispute onsets of every pair are scored (AUC, PR-AUC, Brier) against a logit on\n"
    "peace years alone. --uncertainty params|all: each run also draws its parameters\n"
    "around the origin's estimates. Origins before 1975 cannot be re-estimated: the\n"
    "estimation windows (28 years, reading the year before) need UNGA ideal points\n"
    "from 1946.\n";

/* The commands: name, function, one-line summary, help. The one list that
 * the dispatch, the main help and `orbis help CMD` read. */
static const struct command {
    const char *name;
    cli_cmd_fn fn;
    const char *summary;
    const char *help;
} commands[] = {
    {"world", cmd_world, "every state in the system in a year: codes, groups, power, GDP",
     world_help},
    {"polarity", cmd_polarity, "concentration and polarity of the system, for a year or a span",
     polarity_help},
    {"run", cmd_run, "run a scenario's futures into a results store; the summary", run_help},
    {"compare", cmd_compare, "two scenarios side by side, year by year, with the differences",
     compare_help},
    {"claims", cmd_claims, "test a claims file's claims as paired ensembles: effect and verdict",
     claims_help},
    {"negotiate", cmd_negotiate,
     "forecast a negotiation (expected-utility model) from a CSV or a crisis", negotiate_help},
    {"export", cmd_export, "a table of an ensemble's results store as CSV or JSON", export_help},
    {"check", cmd_check, "validate a scenario file without running it", check_help},
    {"params", cmd_params, "the parameter table: default, unit, range, source", params_help},
    {"calibrate", cmd_calibrate, "re-estimate the empirical parameters from the raw data",
     calibrate_help},
    {"backtest", cmd_backtest, "start from a past year's data; compare with what happened",
     backtest_help},
    {"evaluate", cmd_evaluate,
     "score forecasts out of sample at rolling origins against strong baselines", evaluate_help},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const struct command *find_command(const char *name)
{
    size_t k;

    for (k = 0; name != NULL && k < NCOMMANDS; k++)
        if (strcmp(commands[k].name, name) == 0) return &commands[k];
    return NULL;
}

int cli_help(FILE *f, const char *cmd)
{
    const struct command *c;

    if (cmd == NULL) {
        size_t k;
        fputs(main_help, f);
        for (k = 0; k < NCOMMANDS; k++)
            fprintf(f, "  %-10s %s\n", commands[k].name, commands[k].summary);
        fputs(main_help_tail, f);
        return 0;
    }
    if (strcmp(cmd, "help") == 0) {
        fputs("usage: orbis help COMMAND\n", f);
        return 0;
    }
    if ((c = find_command(cmd)) == NULL) return -1;
    fputs(c->help, f);
    return 0;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "orbis%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'orbis %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
    return EXIT_USAGE;
}

int cli_scenario_error(const char *path, orb_status st, const orb_error *err)
{
    if (st != ORB_EINVAL) return cli_lib_error(st, err);
    fprintf(stderr, "orbis: %s: %s\n", path ? path : "scenario",
            err && err->msg[0] ? err->msg : "");
    return EXIT_DATA;
}

int cli_lib_error(orb_status st, const orb_error *err)
{
    fprintf(stderr, "orbis: %s\n", err && err->msg[0] ? err->msg : orb_status_str(st));
    switch (st) {
    case ORB_OK:
        return EXIT_OK;
    case ORB_EIO:
    case ORB_EPARSE:
        return EXIT_DATA;
    case ORB_ERANGE:
    case ORB_ENODATA:
        return EXIT_RANGE;
    case ORB_EINVAL:
        return EXIT_USAGE;
    case ORB_ENOMEM:
        return EXIT_INTERNAL;
    }
    return EXIT_INTERNAL;
}

int cli_params(const char *path, const orb_scenario *s, orb_params *out)
{
    orb_error err;
    orb_status st;

    orb_params_default(out);
    orb_error_clear(&err);
    if ((st = orb_params_read(path, out, &err)) != ORB_OK) return cli_lib_error(st, &err);
    if (s != NULL) orb_scenario_apply_params(s, out);
    return EXIT_OK;
}

int cli_load(const cli_env *env, int need_panel, orb_tables **t, orb_panel **p)
{
    orb_error err;
    orb_status st;

    *t = NULL;
    *p = NULL;
    orb_error_clear(&err);
    st = orb_tables_load(env->tables_dir, t, &err);
    if (st != ORB_OK) return cli_lib_error(st, &err);
    if (!need_panel) return 0;
    st = orb_panel_load(env->data_dir, *t, p, &err);
    if (st != ORB_OK) {
        orb_tables_free(*t);
        *t = NULL;
        return cli_lib_error(st, &err);
    }
    return 0;
}

static int run_main(int argc, char **argv);

/* Every command's output must reach stdout: a write that failed (a full disk,
 * /dev/full, a closed pipe) is an error even where the command wrote directly. */
static int finish(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "orbis: cannot write output: %s\n", strerror(errno ? errno : EIO));
        if (rc == EXIT_OK) rc = EXIT_INTERNAL;
    }
    return rc;
}

#ifdef ORB_MPI
#include <mpi.h>

/* Under mpirun every rank runs the command; rank 0 alone writes to stdout
 * (the store and the summary), the others share the ensemble's runs. */
int main(int argc, char **argv)
{
    int provided = 0, rank = 0, rc;

    /* Results (about 15 KB a run) go to rank 0 as eager messages on one
     * machine, so a rank never waits for rank 0 to be between runs (Open
     * MPI's shared-memory default is 4 KB); a value in the environment wins. */
    setenv("OMPI_MCA_btl_vader_eager_limit", "65536", 0);
    if (MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
        fprintf(stderr, "orbis: MPI cannot start\n");
        return EXIT_INTERNAL;
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank != 0 && freopen("/dev/null", "w", stdout) == NULL) MPI_Abort(MPI_COMM_WORLD, 1);
    rc = finish(run_main(argc, argv));
    MPI_Finalize();
    return rc;
}
#else
int main(int argc, char **argv)
{
    return finish(run_main(argc, argv));
}
#endif

static int run_main(int argc, char **argv)
{
    cli_env env;
    const char *v;
    int i = 1;

    v = getenv("ORBIS_DATA");
    env.data_dir = (v && v[0]) ? v : ORB_DEFAULT_DATA;
    v = getenv("ORBIS_TABLES");
    env.tables_dir = (v && v[0]) ? v : ORB_DEFAULT_TABLES;

    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            cli_help(stdout, NULL);
            return EXIT_OK;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("orbis %s\n", orb_version());
            return EXIT_OK;
        } else if (strcmp(argv[i], "--data") == 0 || strcmp(argv[i], "--tables") == 0) {
            if (i + 1 >= argc) return cli_usage_error(NULL, "option %s needs a value", argv[i]);
            if (argv[i + 1][0] == '\0') /* "" would read from the filesystem's root */
                return cli_usage_error(NULL, "option %s needs a folder, found an empty value",
                                       argv[i]);
            if (argv[i][2] == 'd')
                env.data_dir = argv[++i];
            else
                env.tables_dir = argv[++i];
        } else {
            return cli_usage_error(NULL, "unknown option '%s'", argv[i]);
        }
    }
    if (i >= argc) {
        cli_help(stderr, NULL);
        return EXIT_USAGE;
    }
    if (strcmp(argv[i], "help") != 0) { /* CMD --help, for every command */
        int j;
        for (j = i + 1; j < argc; j++)
            if ((strcmp(argv[j], "-h") == 0 || strcmp(argv[j], "--help") == 0) &&
                cli_help(stdout, argv[i]) == 0)
                return EXIT_OK;
    }
    if (find_command(argv[i]) != NULL) return find_command(argv[i])->fn(&env, argc - i, argv + i);
    if (strcmp(argv[i], "help") == 0) {
        if (i + 1 >= argc) {
            cli_help(stdout, NULL);
            return EXIT_OK;
        }
        if (cli_help(stdout, argv[i + 1]) != 0)
            return cli_usage_error(NULL, "no help for unknown command '%s'", argv[i + 1]);
        return EXIT_OK;
    }
    return cli_usage_error(NULL, "unknown command '%s'", argv[i]);
}
