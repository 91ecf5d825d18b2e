/*
 * Inequality between the areas of a division for one indicator, at one
 * period: the areas that have a value, a positive population weight and a
 * ranking value, and either the measures of stats/ineq.h over them or the
 * concentration curve. The result is the caller's: free it with
 * jl_view_ineq_dispose.
 */
#ifndef JL_VIEW_INEQUALITY_H
#define JL_VIEW_INEQUALITY_H

#include <stddef.h>

#include "core/err.h"
#include "stats/ineq.h"
#include "store/store.h"
#include "view/indicator.h"

typedef struct jl_view_ineq_req {
    const char *id, *division;
    const char *period;  /* NULL: the latest */
    const char *weight;  /* an indicator of population weights; NULL: 1 each */
    const char *rank_by; /* the indicator areas are ranked by; NULL: id itself */
    int curve;           /* the curve instead of the measures */
    const char *municipality; /* a kommunkod or name: only its areas; NULL: all, which must
                               * then lie in one municipality (the gap is to its city) */
} jl_view_ineq_req;

typedef struct jl_view_ineq {
    jl_view_indicator v; /* the indicator resolved for the division */
    size_t n;            /* areas with every figure */
    double *x, *w, *r;   /* their value, weight and ranking value (n each) */
    int better;          /* +1 higher is better, -1 lower, 0 no direction */
    jl_ineq q;           /* without curve */
    double *cum_w, *cum_x; /* with curve: n + 1 points, NULL otherwise */
} jl_view_ineq;

int jl_view_inequality(jl_view_ineq *out, jl_store *st, const jl_view_ineq_req *rq, jl_err *err);
void jl_view_ineq_dispose(jl_view_ineq *q);

#endif
