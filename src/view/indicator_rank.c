/*
 * An indicator's areas in the order of a ranking (view/indicator.h): the
 * order a page lists them in, so that the faces sort nothing themselves.
 */
#include "view/indicator.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct rank_ctx {
    const jl_view_indicator *v;
    int dir; /* +1 highest first, -1 lowest first */
} rank_ctx;

static int cmp_rank(const void *pa, const void *pb, void *ctx)
{
    const rank_ctx *c = ctx;
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    double va = jl_view_indicator_value(c->v, a), vb = jl_view_indicator_value(c->v, b);

    if (va != vb)
        return (va < vb ? 1 : -1) * c->dir;
    return strcmp(c->v->area[a].code, c->v->area[b].code);
}

size_t jl_view_indicator_ranking(size_t *order, const jl_view_indicator *v)
{
    rank_ctx c = {v, strcmp(v->def.better, "lower") ? 1 : -1};
    size_t a, n = 0;

    for (a = 0; a < v->na && v->np; a++)
        if (!v->area[a].elsewhere && isfinite(jl_view_indicator_value(v, a)))
            order[n++] = a;
    qsort_r(order, n, sizeof *order, cmp_rank, &c);
    return n;
}
