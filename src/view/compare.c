#include "view/compare.h"
#include "core/alloc.h"
#include "core/i18n.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_asc(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;

    return (a > b) - (a < b);
}

/* The distinct values of x (n), lowest first, into u: how many. */
static size_t distinct(double *u, const double *x, size_t n)
{
    size_t i, k, nu = 0;

    for (i = 0; i < n; i++) {
        for (k = 0; k < nu && u[k] != x[i]; k++)
            ;
        if (k == nu)
            u[nu++] = x[i];
    }
    qsort(u, nu, sizeof *u, cmp_asc);
    return nu;
}

static void cross(jl_view_comparison *c)
{
    size_t i, j, k;

    c->ux = jl_xmalloc(c->n * sizeof *c->ux);
    c->uy = jl_xmalloc(c->n * sizeof *c->uy);
    c->nx = distinct(c->ux, c->x, c->n);
    c->ny = distinct(c->uy, c->y, c->n);
    c->count = jl_xcalloc(c->nx * c->ny, sizeof *c->count);
    for (i = 0; i < c->nx; i++)
        for (j = 0; j < c->ny; j++)
            for (k = 0; k < c->n; k++)
                c->count[i * c->ny + j] += c->x[k] == c->ux[i] && c->y[k] == c->uy[j];
}

int jl_view_compare(jl_view_comparison *out, jl_store *st, const jl_view_comparison_req *rq,
                    jl_err *err)
{
    jl_view_indicator_req r = {.id = rq->a, .division = rq->division, .period = rq->period,
                               .municipality = rq->municipality};
    size_t a;
    int rc;

    memset(out, 0, sizeof *out);
    rc = jl_view_indicator_load(&out->va, st, &r, err);
    r.id = rq->b;
    if (rc == 0)
        rc = jl_view_indicator_load(&out->vb, st, &r, err);
    if (rc < 0)
        goto done;
    out->x = jl_xmalloc(out->va.na * sizeof *out->x);
    out->y = jl_xmalloc(out->va.na * sizeof *out->y);
    for (a = 0; a < out->va.na; a++) {
        double xa = jl_view_indicator_value(&out->va, a);
        double yb = jl_view_indicator_find(&out->vb, out->va.area[a].code);

        if (isnan(xa) || isnan(yb))
            continue;
        out->x[out->n] = xa;
        out->y[out->n] = yb;
        out->n++;
    }
    if (out->n < 3) {
        rc = jl_err_set(err, JL_EINPUT, _("expected at least three areas with both indicators, "
                                          "found %zu"),
                        out->n);
        goto done;
    }
    if (rq->cross)
        cross(out);
done:
    if (rc < 0)
        jl_view_comparison_dispose(out);
    return rc;
}

void jl_view_comparison_dispose(jl_view_comparison *c)
{
    jl_view_indicator_dispose(&c->va);
    jl_view_indicator_dispose(&c->vb);
    jl_free(c->x);
    jl_free(c->y);
    jl_free(c->ux);
    jl_free(c->uy);
    jl_free(c->count);
    memset(c, 0, sizeof *c);
}
