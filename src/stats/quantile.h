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

/* Sorts x ascending in place (NaN not allowed). */
void jl_stats_sort(double *x, size_t n);

#endif
