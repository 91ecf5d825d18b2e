/*
 * Inequality between areas for one indicator: range, the ratio of the
 * best area to the worst, the population-weighted mean gap to the city,
 * the share of the population living in the worst fifth of areas, and the
 * concentration curve and index (Kakwani, Wagstaff & van Doorslaer 1997:
 * C = 2 cov_w(x, R) / mean_w(x), R the weighted fractional rank; ties
 * share their rank). Pure; checked against tests/reference/ineq/ (R).
 */
#ifndef JL_STATS_INEQ_H
#define JL_STATS_INEQ_H

#include <stddef.h>

typedef struct jl_ineq {
    size_t n;                 /* areas */
    double min, max, range;
    double best_worst;        /* best / worst (max / min when no direction) */
    double mean_gap;          /* sum w |x - city| / sum w */
    double worst_fifth_share; /* population share in the worst ceil(n/5) areas; NaN without a direction */
    size_t worst_k;
    double conc_index;        /* NaN if the weighted mean is 0 */
} jl_ineq;

/* x: values; w: population weights (NULL: 1 each); rank: the ranking
 * variable of the concentration index, lowest first (NULL: x itself,
 * which makes it a Gini coefficient); better: +1 higher is better, -1
 * lower, 0 none; city: the city's value (NaN: the weighted mean). n >= 1. */
void jl_ineq_compute(jl_ineq *out, const double *x, const double *w, const double *rank, size_t n,
                     int better, double city);

/* The concentration curve: n + 1 points, cum_w[i] the population share
 * and cum_x[i] the share of sum w x in the i areas lowest by rank. */
void jl_ineq_curve(double *cum_w, double *cum_x, const double *x, const double *w,
                   const double *rank, size_t n);

#endif
