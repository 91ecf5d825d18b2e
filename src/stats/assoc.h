/*
 * Association between two area-level variables: Pearson's r and
 * Spearman's rho (Pearson's r of mid-ranks, ties averaged, as R's
 * cor(method = "spearman")), each with a 95 % interval from Fisher's z
 * transformation, z = atanh(r) +- 1.96 / sqrt(n - 3) (for rho an
 * approximation; said so where it is shown). Pure; checked against R in
 * tests/reference/assoc/.
 */
#ifndef JL_STATS_ASSOC_H
#define JL_STATS_ASSOC_H

#include <stddef.h>

typedef struct jl_corr {
    size_t n;
    double r, lo, hi; /* lo, hi NaN when n < 4 */
} jl_corr;

void jl_pearson(jl_corr *out, const double *x, const double *y, size_t n);
void jl_spearman(jl_corr *out, const double *x, const double *y, size_t n);
/* Mid-ranks (1..n, ties averaged) of x into rank. */
void jl_midranks(double *rank, const double *x, size_t n);

#endif
