/*
 * Confidence intervals for a share k/n. Pure, thread-safe.
 */
#ifndef JL_STATS_INTERVAL_H
#define JL_STATS_INTERVAL_H

#include "core/err.h"

typedef struct jl_interval {
    double lo, hi; /* proportions in [0, 1] */
} jl_interval;

/* z for a two-sided 95 % interval: qnorm(0.975) in R. */
#define JL_Z95 1.959963984540054

/* Wilson score interval (Wilson 1927; R: prop.test(k, n, correct = FALSE)
 * $conf.int, binom::binom.wilson) for k successes of n at the given level
 * (0.95). n = 0, k > n or a level outside (0, 1) are JL_EINPUT.
 * Checked against tests/reference/interval/. */
int jl_stats_wilson(jl_interval *out, unsigned long k, unsigned long n, double level, jl_err *err);

/* Standard normal quantile (Acklam's algorithm refined by one Halley
 * step; relative error below 1e-15 in (1e-300, 1 - 1e-16)). */
double jl_stats_qnorm(double p);

#endif
