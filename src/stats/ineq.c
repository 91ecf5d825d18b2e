#include "stats/ineq.h"
#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>

typedef struct item {
    double x, w, r;
} item;

static int by_rank(const void *a, const void *b)
{
    double p = ((const item *)a)->r, q = ((const item *)b)->r;

    return (p > q) - (p < q);
}

static item *sorted_items(const double *x, const double *w, const double *rank, size_t n)
{
    item *it = jl_xmalloc((n ? n : 1) * sizeof *it);
    size_t i;

    for (i = 0; i < n; i++) {
        it[i].x = x[i];
        it[i].w = w ? w[i] : 1.0;
        it[i].r = rank ? rank[i] : x[i];
    }
    /* qsort is not stable, but the index below gives tied ranks one
     * shared fractional rank, so their order does not matter. */
    qsort(it, n, sizeof *it, by_rank);
    return it;
}

void jl_ineq_compute(jl_ineq *out, const double *x, const double *w, const double *rank, size_t n,
                     int better, double city)
{
    item *it;
    double sw = 0, swx = 0, mu, cum = 0, acc = 0, gap = 0;
    size_t i, j, k;

    out->n = n;
    out->min = out->max = x[0];
    for (i = 0; i < n; i++) {
        double wi = w ? w[i] : 1.0;

        if (x[i] < out->min)
            out->min = x[i];
        if (x[i] > out->max)
            out->max = x[i];
        sw += wi;
        swx += wi * x[i];
    }
    mu = swx / sw;
    out->range = out->max - out->min;
    out->best_worst = better < 0 ? out->min / out->max : out->max / out->min;
    if (isnan(city))
        city = mu;
    for (i = 0; i < n; i++)
        gap += (w ? w[i] : 1.0) * fabs(x[i] - city);
    out->mean_gap = gap / sw;

    /* The worst fifth of areas by value, and the population living there. */
    out->worst_k = (n + 4) / 5;
    out->worst_fifth_share = NAN;
    if (better != 0) {
        double pw = 0;

        it = sorted_items(x, w, x, n);
        /* Worst first: the lowest values when higher is better. */
        for (i = 0; i < out->worst_k; i++)
            pw += better > 0 ? it[i].w : it[n - 1 - i].w;
        out->worst_fifth_share = pw / sw;
        jl_free(it);
    }

    /* Concentration index with tied ranks sharing their fractional rank. */
    it = sorted_items(x, w, rank, n);
    for (i = 0; i < n; i = j) {
        double gw = 0, R;

        for (j = i; j < n && it[j].r == it[i].r; j++)
            gw += it[j].w;
        R = (cum + gw / 2) / sw;
        for (k = i; k < j; k++)
            acc += it[k].w * (it[k].x - mu) * (R - 0.5);
        cum += gw;
    }
    out->conc_index = mu != 0 ? 2 * (acc / sw) / mu : (double)NAN;
    jl_free(it);
}

void jl_ineq_curve(double *cum_w, double *cum_x, const double *x, const double *w,
                   const double *rank, size_t n)
{
    item *it = sorted_items(x, w, rank, n);
    double sw = 0, swx = 0, a = 0, b = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        sw += it[i].w;
        swx += it[i].w * it[i].x;
    }
    cum_w[0] = cum_x[0] = 0;
    for (i = 0; i < n; i++) {
        a += it[i].w;
        b += it[i].w * it[i].x;
        cum_w[i + 1] = a / sw;
        cum_x[i + 1] = b / swx;
    }
    jl_free(it);
}
