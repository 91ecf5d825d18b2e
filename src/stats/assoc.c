#include "stats/assoc.h"
#include "core/alloc.h"
#include "stats/interval.h"

#include <math.h>
#include <stdlib.h>

static void fisher(jl_corr *c)
{
    double z, h;

    c->lo = c->hi = NAN;
    if (c->n < 4 || isnan(c->r) || fabs(c->r) >= 1)
        return;
    z = atanh(c->r);
    h = JL_Z95 / sqrt((double)c->n - 3);
    c->lo = tanh(z - h);
    c->hi = tanh(z + h);
}

void jl_pearson(jl_corr *out, const double *x, const double *y, size_t n)
{
    double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
    size_t i;

    out->n = n;
    for (i = 0; i < n; i++) {
        mx += x[i];
        my += y[i];
    }
    mx /= (double)n;
    my /= (double)n;
    for (i = 0; i < n; i++) {
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
        sxy += (x[i] - mx) * (y[i] - my);
    }
    out->r = sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : (double)NAN;
    fisher(out);
}

typedef struct ix {
    double v;
    size_t i;
} ix;

static int by_v(const void *a, const void *b)
{
    double p = ((const ix *)a)->v, q = ((const ix *)b)->v;

    return (p > q) - (p < q);
}

void jl_midranks(double *rank, const double *x, size_t n)
{
    ix *t = jl_xmalloc((n ? n : 1) * sizeof *t);
    size_t i, j, k;

    for (i = 0; i < n; i++) {
        t[i].v = x[i];
        t[i].i = i;
    }
    qsort(t, n, sizeof *t, by_v);
    for (i = 0; i < n; i = j) {
        for (j = i; j < n && t[j].v == t[i].v; j++)
            ;
        /* positions i..j-1 share the mean of ranks i+1..j */
        for (k = i; k < j; k++)
            rank[t[k].i] = ((double)i + 1 + (double)j) / 2;
    }
    jl_free(t);
}

void jl_spearman(jl_corr *out, const double *x, const double *y, size_t n)
{
    double *rx = jl_xmalloc((n ? n : 1) * sizeof *rx), *ry = jl_xmalloc((n ? n : 1) * sizeof *ry);

    jl_midranks(rx, x, n);
    jl_midranks(ry, y, n);
    jl_pearson(out, rx, ry, n);
    jl_free(rx);
    jl_free(ry);
}
