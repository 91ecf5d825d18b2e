/*
 * Sample quantiles. Pure, thread-safe.
 */
#ifndef JL_STATS_QUANTILE_H
#define JL_STATS_QUANTILE_H

#include <stddef.h>

/* R's default quantile (type 7, Hyndman & Fan 1996): for sorted x[0..n-1]
 * and p in [0, 1], h = (n-1)p, x[floor h] + (h - floor h)(x[floor h + 1]
 * - x[floor h]). x must be sorted ascending, n >= 1. RISE derived its
 * cut-offs this way (pgmj/sthlmsenk OtherScripts/04). */
double jl_stats_quantile7(const double *sorted, size_t n, double p);

/* Sorts x ascending in place (NaN not allowed). */
void jl_stats_sort(double *x, size_t n);

#endif
