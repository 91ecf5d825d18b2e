/*
 * Sample quantiles. Pure, thread-safe.
 */
#ifndef JL_STATS_QUANTILE_H
#define JL_STATS_QUANTILE_H

#include <stddef.h>

/* R's default quantile (type 7, Hyndman & Fan 1996) of sorted x[0..n-1]
 * at p in [0, 1]: with the 1-based index i = 1 + (n-1)p and h = i -
 * floor(i), (1 - h) x[floor i] + h x[floor i + 1], in R's arithmetic, so
 * the result equals R's to the last bit (tests/reference/quantile/). x
 * must be sorted ascending, n >= 1. RISE derived its cut-offs this way
 * (pgmj/sthlmsenk OtherScripts/04). */
double jl_stats_quantile7(const double *sorted, size_t n, double p);

/* The distribution-free interval of the p-quantile from order statistics
 * (Hahn & Meeker 1991, §5.2; Conover 1999, §3.2): with B ~ Binomial(n, p),
 * lo = the smallest k with P(B <= k) >= (1 - level)/2 and hi = 1 + the
 * smallest k with P(B <= k) >= (1 + level)/2, as R's qbinom gives them;
 * then [x_(lo), x_(hi)] (1-based order statistics) covers the population
 * p-quantile with probability *coverage >= level, whatever the
 * distribution (ties only widen it). lo = 0 means no lower bound and
 * hi = n + 1 no upper one: the sample is too small to bound the quantile
 * on that side. n >= 1, 0 < p < 1, 0 < level < 1. */
void jl_stats_quantile_ci(size_t n, double p, double level, size_t *lo, size_t *hi,
                          double *coverage);

/* Sorts x ascending in place (NaN not allowed). */
void jl_stats_sort(double *x, size_t n);

#endif
