/*
 * bench.h - a tiny timing harness (after igraph's tests/benchmarks/bench.h):
 * BENCH runs a block REPS times and prints wall, user and system seconds per
 * repetition. Benchmarks print figures; they never pass or fail on time.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORB_BENCH_H
#define ORB_BENCH_H

#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

static inline double bench_wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline void bench_cpu(double *user, double *sys)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    *user = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6;
    *sys = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

/* Run CODE reps times; print per-repetition wall/user/sys seconds. */
#define BENCH(NAME, REPS, CODE)                                                                    \
    do {                                                                                           \
        double w0_, u0_, s0_, w1_, u1_, s1_;                                                       \
        int r_;                                                                                    \
        bench_cpu(&u0_, &s0_);                                                                     \
        w0_ = bench_wall();                                                                        \
        for (r_ = 0; r_ < (REPS); r_++) {                                                          \
            CODE;                                                                                  \
        }                                                                                          \
        w1_ = bench_wall();                                                                        \
        bench_cpu(&u1_, &s1_);                                                                     \
        printf("%-44s reps %4d  wall %9.6f s  user %9.6f s  sys %9.6f s (per rep)\n", (NAME),      \
               (REPS), (w1_ - w0_) / (REPS), (u1_ - u0_) / (REPS), (s1_ - s0_) / (REPS));          \
        fflush(stdout);                                                                            \
    } while (0)

#endif
