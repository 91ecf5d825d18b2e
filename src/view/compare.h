/*
 * Two indicators over the same areas of a division: the pairs of values
 * of the areas that have both (for a correlation), or with cross the
 * cross-table of two classifications (area types). The result is the
 * caller's: free it with jl_view_comparison_dispose.
 */
#ifndef JL_VIEW_COMPARE_H
#define JL_VIEW_COMPARE_H

#include <stddef.h>

#include "core/err.h"
#include "store/store.h"
#include "view/indicator.h"

typedef struct jl_view_comparison_req {
    const char *a, *b, *division;
    const char *period; /* NULL: each one's latest */
    int cross;
    const char *municipality; /* a kommunkod or name: only its areas; NULL: all */
} jl_view_comparison_req;

typedef struct jl_view_comparison {
    jl_view_indicator va, vb;
    size_t n;        /* areas with both */
    double *x, *y;   /* their values of a and of b */
    size_t nx, ny;   /* with cross: the distinct values, lowest first */
    double *ux, *uy;
    size_t *count;   /* nx x ny: areas with ux[i] and uy[j] */
} jl_view_comparison;

int jl_view_compare(jl_view_comparison *out, jl_store *st, const jl_view_comparison_req *rq,
                    jl_err *err);
void jl_view_comparison_dispose(jl_view_comparison *c);

#endif
