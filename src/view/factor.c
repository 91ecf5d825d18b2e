/*
 * One factor over the areas of a division, and where need is greatest
 * (view/factor.h).
 */
#include "view/factor.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "view/indicator.h"
#include "view/map.h"
#include "view/profile.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int jl_view_release_latest_division(long *id, jl_store *st, const char *division, jl_err *err)
{
    jl_view_release_rows l;
    size_t i, d;
    int rc;

    *id = 0;
    rc = jl_view_release_rows_load(&l, st, err);
    /* by id: the newest is the last */
    for (i = l.n; rc == 0 && i-- > 0 && !*id;) {
        if (*l.r[i].withdrawn)
            continue;
        for (d = 0; d < l.r[i].ndivisions; d++)
            if (!strcmp(l.r[i].divisions[d], division))
                *id = l.r[i].id;
    }
    jl_view_release_rows_dispose(&l);
    if (rc < 0)
        return rc;
    if (!*id)
        return jl_err_set(err, JL_ENOTFOUND, _("no release holds division %s"), division);
    return JL_OK;
}

size_t jl_view_factor_scales(size_t *ks, const jl_cell_table *t)
{
    size_t k, n = 0;

    for (k = 0; k < t->in->nscales; k++) {
        const jl_scale *sc = &t->in->scales[k];

        if (sc->kind != JL_KIND_OUTCOME && jl_view_headline_of(sc) >= 0)
            ks[n++] = k;
    }
    return n;
}

/* ---- one factor ---- */

static int by_share(const void *pa, const void *pb, int higher_worse)
{
    const jl_view_factor_row *a = pa, *b = pb;
    int sa = a->c.status != JL_CELL_SUPPRESSED && !isnan(a->c.pct);
    int sb = b->c.status != JL_CELL_SUPPRESSED && !isnan(b->c.pct);

    if (sa != sb)
        return sb - sa;
    if (sa && a->c.pct != b->c.pct)
        return (a->c.pct > b->c.pct) == higher_worse ? -1 : 1;
    return strcmp(a->code, b->code);
}

static int by_share_risk(const void *a, const void *b)
{
    return by_share(a, b, 1);
}

static int by_share_prot(const void *a, const void *b)
{
    return by_share(a, b, 0);
}

int jl_view_factor_rank(jl_view_factor *out, const jl_cell_table *t, size_t k, jl_err *err)
{
    const jl_scale *sc = &t->in->scales[k];
    long q = jl_view_headline_of(sc), ai;
    double *lo = NULL, *hi = NULL;
    int *cls = NULL;
    size_t i;
    int rc = 0;

    memset(out, 0, sizeof *out);
    if (q < 0)
        return jl_err_set(err, JL_EINPUT, _("scale %s has no headline cut-off"), sc->id);
    out->k = k;
    out->q = (size_t)q;
    out->r = jl_xcalloc(t->nareas ? t->nareas : 1, sizeof *out->r);
    for (ai = 0; rc == 0 && ai < (long)t->nareas; ai++) {
        jl_view_factor_row *r = &out->r[out->n++];

        r->ai = ai;
        r->code = t->codes[ai];
        r->name = t->names ? t->names[ai] : NULL;
        rc = jl_cell_table_shown(&r->c, t, ai, JL_NGRADES, JL_NSEXES, k, out->q, err);
        r->verdict = r->c.status == JL_CELL_SUPPRESSED ? JL_VERDICT_NONE
                                                       : jl_flag_verdict(r->c.flag, sc->kind);
    }
    if (rc == 0)
        rc = jl_cell_table_shown(&out->city, t, -1, JL_NGRADES, JL_NSEXES, k, out->q, err);
    if (rc < 0) {
        jl_view_factor_dispose(out);
        return rc;
    }
    qsort(out->r, out->n, sizeof *out->r,
          sc->kind == JL_KIND_PROTECTIVE ? by_share_prot : by_share_risk);
    lo = jl_xcalloc(out->n + 1, sizeof *lo);
    hi = jl_xcalloc(out->n + 1, sizeof *hi);
    cls = jl_xcalloc(out->n + 1, sizeof *cls);
    for (i = 0; i < out->n; i++) {
        jl_view_factor_row *r = &out->r[i];
        int shown = r->c.status != JL_CELL_SUPPRESSED && !isnan(r->c.pct);

        r->rank = shown ? (long)++out->nshown : 0;
        lo[i] = r->c.ci_low;
        hi[i] = r->c.ci_high;
        /* every shown area its own class: pairs of all ranks */
        cls[i] = shown ? (int)i : -1;
    }
    out->noverlap = jl_map_overlaps(lo, hi, cls, out->n, &out->npairs);
    jl_free(lo);
    jl_free(hi);
    jl_free(cls);
    return JL_OK;
}

void jl_view_factor_dispose(jl_view_factor *f)
{
    jl_free(f->r);
    memset(f, 0, sizeof *f);
}

/* ---- need ---- */

typedef struct index_find {
    char id[128];
} index_find;

static void index_row(void *ctx, const jl_store_indicator *d)
{
    index_find *f = ctx;

    if (!f->id[0] && !strcmp(d->kind, "index") &&
        !strncmp(d->source, "jamlik index build:", 19))
        snprintf(f->id, sizeof f->id, "%s", d->id);
}

/* The composite index of the division, if one is built: its value per
 * area of t into ix (NaN where none). */
static int index_of(jl_view_need *out, double *ix, jl_store *st, const jl_cell_table *t,
                    const char *division, jl_err *err)
{
    index_find f;
    jl_area_values av;
    size_t i;
    long ai;
    int rc;

    memset(&f, 0, sizeof f);
    rc = jl_store_indicator_each(st, index_row, &f, err);
    if (rc < 0 || !f.id[0])
        return rc;
    memset(&av, 0, sizeof av);
    rc = jl_view_indicator_values(&av, st, f.id, division, NULL, err);
    if (rc == JL_ENOTFOUND) {
        jl_area_values_dispose(&av);
        return JL_OK;
    }
    for (i = 0; rc == 0 && i < av.n; i++)
        if ((ai = jl_cell_table_area(t, av.codes[i])) >= 0)
            ix[ai] = av.vals[i];
    if (rc == 0 && av.n)
        snprintf(out->index, sizeof out->index, "%s", f.id);
    jl_area_values_dispose(&av);
    return rc;
}

static int by_need(const void *pa, const void *pb)
{
    const jl_view_need_row *a = pa, *b = pb;
    int ia = !isnan(a->index), ib = !isnan(b->index);

    if (a->worse != b->worse)
        return b->worse - a->worse;
    if (ia && ib && a->index != b->index)
        return a->index < b->index ? -1 : 1;
    if (ia != ib)
        return ib - ia;
    if (a->excess != b->excess)
        return a->excess > b->excess ? -1 : 1;
    return strcmp(a->code, b->code);
}

int jl_view_need_rank(jl_view_need *out, jl_store *st, const jl_cell_table *t,
                      const char *division, jl_err *err)
{
    size_t *ks = jl_xcalloc(t->in->nscales + 1, sizeof *ks), nk, i;
    double *ix = jl_xcalloc(t->nareas + 1, sizeof *ix);
    long ai;
    int rc = 0;

    memset(out, 0, sizeof *out);
    for (ai = 0; ai < (long)t->nareas; ai++)
        ix[ai] = NAN;
    if (st)
        rc = index_of(out, ix, st, t, division, err);
    nk = jl_view_factor_scales(ks, t);
    out->r = jl_xcalloc(t->nareas + 1, sizeof *out->r);
    for (ai = 0; rc == 0 && ai < (long)t->nareas; ai++) {
        jl_view_need_row *r = &out->r[out->n++];

        r->ai = ai;
        r->code = t->codes[ai];
        r->name = t->names ? t->names[ai] : NULL;
        r->index = ix[ai];
        for (i = 0; rc == 0 && i < nk; i++) {
            const jl_scale *sc = &t->in->scales[ks[i]];
            jl_cell c;
            jl_verdict v;

            rc = jl_cell_table_shown(&c, t, ai, JL_NGRADES, JL_NSEXES, ks[i],
                                     (size_t)jl_view_headline_of(sc), err);
            if (rc < 0 || c.status == JL_CELL_SUPPRESSED || isnan(c.pct))
                continue;
            r->shown++;
            v = jl_flag_verdict(c.flag, sc->kind);
            r->worse += v == JL_VERDICT_WORSE;
            r->better += v == JL_VERDICT_BETTER;
            if (v == JL_VERDICT_WORSE && !isnan(c.diff))
                r->excess += fabs(c.diff);
        }
    }
    jl_free(ks);
    jl_free(ix);
    if (rc < 0) {
        jl_view_need_dispose(out);
        return rc;
    }
    qsort(out->r, out->n, sizeof *out->r, by_need);
    return JL_OK;
}

void jl_view_need_dispose(jl_view_need *n)
{
    jl_free(n->r);
    memset(n, 0, sizeof *n);
}
