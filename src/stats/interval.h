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

/* The 95 % (or level) interval of the difference of two proportions
 * p1 - p2 = k1/n1 - k2/n2 by Newcombe's hybrid score method: method 10 of
 * R. G. Newcombe, "Interval estimation for the difference between
 * independent proportions: comparison of eleven methods", Statistics in
 * Medicine 17 (1998) 873-890, built from the two Wilson intervals (l1, u1)
 * and (l2, u2):
 *   lo = d - sqrt((p1 - l1)^2 + (u2 - p2)^2)
 *   hi = d + sqrt((u1 - p1)^2 + (p2 - l2)^2).
 * *diff is d; out holds lo and hi, in [-1, 1]. The same as statsmodels'
 * confint_proportions_2indep(k1, n1, k2, n2, method="newcomb",
 * compare="diff"), checked against it and against base R over the Wilson
 * limits of prop.test (tests/reference/newcombe/). n1 or n2 = 0 and k > n
 * are JL_EINPUT, as for jl_stats_wilson. */
int jl_stats_newcombe(jl_interval *out, double *diff, unsigned long k1, unsigned long n1,
                      unsigned long k2, unsigned long n2, double level, jl_err *err);

/* The two-sided p-value of the score test of H0: share = p0 for k of n,
 * the test the Wilson interval inverts (R: prop.test(k, n, p0, correct =
 * FALSE)$p.value): the interval at level 1 - a excludes p0 exactly when
 * the p-value is below a, so a flag from the p-value agrees with one from
 * the interval. With p0 = 0 or 1 the test has no variance: 1 when every
 * answer agrees with p0, else 0. NaN for n = 0, k > n or p0 outside
 * [0, 1]. Checked against tests/reference/newcombe/score-test.csv. */
double jl_stats_score_p(unsigned long k, unsigned long n, double p0);

/* Standard normal quantile (Acklam's algorithm refined by one Halley
 * step; relative error below 1e-15 in (1e-300, 1 - 1e-16)). */
double jl_stats_qnorm(double p);

#endif
