/*
 * Segregation indices over a units x groups table of counts (research:
 * spatial.md §4): two-group (a focal group against all others) —
 * dissimilarity D, Gini, isolation xPx and exposure xPy, Theil's H,
 * Atkinson (b = 0.1, 0.5, 0.9), Morrill's spatial D with binary
 * contiguity; multigroup — the mutual information index M (Theil; Mora &
 * Ruiz-Castillo), Theil's H = M/E, its between/within decomposition over a
 * partition of the units, multigroup D, Gini, normalised exposure and
 * relative diversity; local — Elbers' local segregation scores and
 * location quotients.
 *
 * Natural logarithms throughout (R segregation's default base; H does not
 * depend on the base). Units with no people are left out of every sum.
 * Gini is computed by sorting (O(N log N)), not over all pairs. Pure.
 */
#ifndef JL_STATS_SEGREG_H
#define JL_STATS_SEGREG_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "stats/weights.h"

typedef struct jl_seg_two {
    size_t units;      /* units with people */
    double P;          /* the focal group's share of everyone */
    double D, gini, xPx, xPy, H;
    double atkinson[3]; /* b = 0.1, 0.5, 0.9 */
    double morrill;    /* NaN without weights */
} jl_seg_two;

/* x: the focal group's count per unit; t: everyone per unit (x <= t). w:
 * contiguity (binary pattern used) or NULL. */
int jl_seg_two_compute(const double *x, const double *t, size_t n, const jl_spw *w,
                       jl_seg_two *out, jl_err *err);

typedef struct jl_seg_multi {
    size_t units, groups;
    double M, H, E; /* E: the entropy of the group shares */
    double D, gini, exposure, diversity;
    /* Between/within a partition (NaN without one): M = between + within,
     * H likewise. */
    double M_between, M_within, H_between, H_within;
} jl_seg_multi;

/* c: n x m counts, row by row. part: each unit's part (0 .. nparts-1) or
 * NULL. ls (n, or NULL): local segregation score of each unit (NaN for an
 * empty one). lq (n x m, or NULL): location quotients. part_M, part_p
 * (nparts each, or NULL): M within each part and the part's share of
 * everyone. */
int jl_seg_multi_compute(const double *c, size_t n, size_t m, const uint32_t *part,
                         size_t nparts, jl_seg_multi *out, double *ls, double *lq,
                         double *part_M, double *part_p, jl_err *err);

#endif
