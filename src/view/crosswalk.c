#include "view/crosswalk.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/strmap.h"
#include "geo/ogr.h"
#include "view/areas_import.h"
#include "view/indicator.h"

#include <stdio.h>
#include <string.h>

typedef struct xw_ctx {
    jl_geo_overlay *ov;
    char **codes[3];
    double *area[3];
    size_t n[3], cap[3], ca[3];
    int list;
    /* results */
    size_t *fi, *ti;
    double *w;
    size_t nres, capres;
    double *covered; /* per from-area: sum of weights */
} xw_ctx;

static void xw_add(void *ctx, const char *code, const jl_store_geom *g)
{
    xw_ctx *x = ctx;
    int l = x->list;

    jl_geo_overlay_add(x->ov, l, g->wkb, g->wkb_len);
    x->codes[l] = jl_xgrow(x->codes[l], &x->cap[l], x->n[l] + 1, sizeof *x->codes[l]);
    x->area[l] = jl_xgrow(x->area[l], &x->ca[l], x->n[l] + 1, sizeof *x->area[l]);
    x->codes[l][x->n[l]] = jl_xstrdup(code);
    x->area[l][x->n[l]] = g->area_m2;
    x->n[l]++;
}

static void xw_hit(void *ctx, size_t i, size_t j, double area)
{
    xw_ctx *x = ctx;

    x->fi = jl_xgrow(x->fi, &x->capres, x->nres + 1, sizeof *x->fi);
    x->ti = jl_xrealloc(x->ti, x->capres * sizeof *x->ti);
    x->w = jl_xrealloc(x->w, x->capres * sizeof *x->w);
    x->fi[x->nres] = i;
    x->ti[x->nres] = j;
    x->w[x->nres] = x->area[0][i] > 0 ? area / x->area[0][i] : 0;
    x->nres++;
}

static void xw_dispose(xw_ctx *x)
{
    size_t l, i;

    for (l = 0; l < 3; l++) {
        for (i = 0; i < x->n[l]; i++)
            jl_free(x->codes[l][i]);
        jl_free(x->codes[l]);
        jl_free(x->area[l]);
    }
    jl_free(x->fi);
    jl_free(x->ti);
    jl_free(x->w);
    jl_free(x->covered);
    jl_geo_overlay_free(x->ov);
}

/* Overlaps below this share of the from-area are slivers of generalised
 * boundaries (shared/data's layers were simplified at 5 m), not real
 * overlap; they are left out and the rest renormalised. */
#define XW_MIN_SHARE 0.001

/* Population in the overlap of from-area i and to-area j, keyed "i:j". */
typedef struct pop_ctx {
    jl_strmap *ix;
    double *w;
    size_t n, cap;
} pop_ctx;

static void pop_hit(void *ctx, size_t i, size_t j, double w)
{
    pop_ctx *p = ctx;
    char key[64];

    snprintf(key, sizeof key, "%zu:%zu", i, j);
    p->w = jl_xgrow(p->w, &p->cap, p->n + 1, sizeof *p->w);
    p->w[p->n] = w;
    jl_strmap_put(p->ix, key, p->n++, NULL);
}

static double pop_of(const pop_ctx *p, size_t i, size_t j)
{
    char key[64];
    size_t k;

    snprintf(key, sizeof key, "%zu:%zu", i, j);
    return jl_strmap_get(p->ix, key, &k) ? p->w[k] : 0;
}

/* Weights by population: the population of the units of division via (an
 * indicator observed there, spread evenly over each unit's area) that
 * lies in each overlap, as a share of the from-area's population. */
static int population_weights(xw_ctx *x, jl_store *st, const char *popid, const char *via,
                              const char *period, double *wt, size_t *nzero, jl_err *err)
{
    jl_area_values av;
    jl_strmap *vix = NULL;
    pop_ctx pc;
    double *unitw = NULL, *tot = NULL;
    size_t i, k;
    int rc;

    memset(&pc, 0, sizeof pc);
    x->list = 2;
    rc = jl_store_area_geom_each(st, via, xw_add, x, err);
    if (rc < 0)
        return rc;
    if (!x->n[2])
        return jl_err_set(err, JL_EINPUT, _("division %s has no geometry to overlay"), via);
    rc = jl_view_indicator_values(&av, st, popid, via, period, err);
    if (rc < 0)
        return rc;
    vix = jl_strmap_new();
    for (i = 0; i < av.n; i++)
        jl_strmap_put(vix, av.codes[i], i, NULL);
    unitw = jl_xcalloc(x->n[2], sizeof *unitw);
    for (k = 0; k < x->n[2]; k++)
        if (jl_strmap_get(vix, x->codes[2][k], &i))
            unitw[k] = av.vals[i];
    pc.ix = jl_strmap_new();
    rc = jl_geo_overlay_weighted(x->ov, unitw, pop_hit, &pc, err);
    tot = jl_xcalloc(x->n[0], sizeof *tot);
    for (i = 0; rc == 0 && i < x->nres; i++)
        if (x->w[i] >= XW_MIN_SHARE)
            tot[x->fi[i]] += pop_of(&pc, x->fi[i], x->ti[i]);
    *nzero = 0;
    for (i = 0; i < x->n[0]; i++)
        *nzero += !(tot[i] > 0);
    /* A from-area with no population in the layer keeps its area weights. */
    for (i = 0; rc == 0 && i < x->nres; i++)
        wt[i] = tot[x->fi[i]] > 0 ? pop_of(&pc, x->fi[i], x->ti[i]) / tot[x->fi[i]]
                                  : x->w[i] / x->covered[x->fi[i]];
    jl_free(tot);
    jl_free(unitw);
    jl_free(pc.w);
    jl_strmap_free(pc.ix);
    jl_strmap_free(vix);
    jl_area_values_dispose(&av);
    return rc;
}

void jl_xw_result_dispose(jl_xw_result *r)
{
    size_t i;

    for (i = 0; i < r->n; i++) {
        jl_free(r->from[i]);
        jl_free(r->to[i]);
    }
    jl_free(r->from);
    jl_free(r->to);
    jl_free(r->w);
    memset(r, 0, sizeof *r);
}

/* The geometries of both divisions into the overlay, and their overlaps:
 * x->w the share of each from-area in each pair, x->covered the sum. */
static int overlay(xw_ctx *x, jl_store *st, const jl_xw_req *req, jl_err *err)
{
    const char *div[2] = {req->from, req->to};
    size_t i;
    int rc;

    x->ov = jl_geo_overlay_new();
    for (x->list = 0; x->list < 2; x->list++) {
        rc = jl_store_area_geom_each(st, div[x->list], xw_add, x, err);
        if (rc < 0)
            return rc;
        if (!x->n[x->list])
            return jl_err_set(err, JL_EINPUT, _("division %s has no geometry to overlay"),
                              div[x->list]);
    }
    rc = jl_geo_overlay_run(x->ov, xw_hit, x, err);
    if (rc < 0)
        return rc;
    x->covered = jl_xcalloc(x->n[0], sizeof *x->covered);
    for (i = 0; i < x->nres; i++)
        if (x->w[i] >= XW_MIN_SHARE)
            x->covered[x->fi[i]] += x->w[i];
    return 0;
}

/* Stores the pairs kept and hands them to out. */
static int save(jl_xw_result *out, const xw_ctx *x, const double *wt, jl_store *st,
                const jl_xw_req *req, jl_err *err)
{
    size_t i;
    int rc = jl_store_begin(st, err);

    if (rc < 0)
        return rc;
    rc = jl_store_crosswalk_clear(st, req->from, req->to, err);
    out->from = jl_xcalloc(x->nres ? x->nres : 1, sizeof *out->from);
    out->to = jl_xcalloc(x->nres ? x->nres : 1, sizeof *out->to);
    out->w = jl_xcalloc(x->nres ? x->nres : 1, sizeof *out->w);
    for (i = 0; i < x->nres && rc == 0; i++) {
        if (x->w[i] < XW_MIN_SHARE)
            continue;
        rc = jl_store_crosswalk_put(st, req->from, req->to, x->codes[0][x->fi[i]],
                                    x->codes[1][x->ti[i]], wt[i],
                                    req->by_population ? "population" : "area", req->source, err);
        out->from[out->n] = jl_xstrdup(x->codes[0][x->fi[i]]);
        out->to[out->n] = jl_xstrdup(x->codes[1][x->ti[i]]);
        out->w[out->n++] = wt[i];
    }
    if (rc < 0) {
        jl_store_rollback(st);
        return rc;
    }
    return jl_store_commit(st, err);
}

int jl_crosswalk_overlay(jl_xw_result *out, jl_store *st, const jl_xw_req *req, jl_err *err)
{
    double *wt = NULL;
    xw_ctx x;
    size_t i;
    int rc;

    memset(out, 0, sizeof *out);
    memset(&x, 0, sizeof x);
    if ((rc = jl_areas_need_division(st, req->from, err)) < 0 ||
        (rc = jl_areas_need_division(st, req->to, err)) < 0)
        return rc;
    rc = overlay(&x, st, req, err);
    if (rc < 0)
        goto done;
    wt = jl_xmalloc((x.nres ? x.nres : 1) * sizeof *wt);
    for (i = 0; i < x.nres; i++)
        wt[i] = x.covered[x.fi[i]] > 0 ? x.w[i] / x.covered[x.fi[i]] : 0;
    if (req->by_population) {
        rc = population_weights(&x, st, req->population, req->via, req->period, wt, &out->nzero,
                                err);
        if (rc < 0)
            goto done;
    }
    rc = save(out, &x, wt, st, req, err);
    if (rc < 0)
        goto done;
    out->nfrom = x.n[0];
    for (i = 0; i < x.n[0]; i++)
        if (x.covered[i] < 0.99)
            out->partial++;
done:
    if (rc < 0)
        jl_xw_result_dispose(out);
    jl_free(wt);
    xw_dispose(&x);
    return rc;
}
