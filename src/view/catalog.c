/*
 * What the database holds, for the pages and the API (view/catalog.h).
 */
#include "view/catalog.h"
#include "view/indicator.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/strmap.h"

#include <math.h>
#include <string.h>

static char *dup(const char *s)
{
    return jl_xstrdup(s ? s : "");
}

static void division_copy(jl_view_division *to, const jl_store_division *d)
{
    to->id = dup(d->id);
    to->name = dup(d->name);
    to->parent = dup(d->parent);
    to->version = dup(d->version);
    to->valid_from = dup(d->valid_from);
    to->source = dup(d->source);
    to->nareas = d->nareas;
}

static void division_dispose(jl_view_division *d)
{
    jl_free(d->id);
    jl_free(d->name);
    jl_free(d->parent);
    jl_free(d->version);
    jl_free(d->valid_from);
    jl_free(d->source);
    memset(d, 0, sizeof *d);
}

typedef struct div_acc {
    jl_view_divisions *v;
    size_t cap;
} div_acc;

static void div_row(void *ctx, const jl_store_division *d)
{
    div_acc *a = ctx;

    a->v->d = jl_xgrow(a->v->d, &a->cap, a->v->n + 1, sizeof *a->v->d);
    division_copy(&a->v->d[a->v->n++], d);
}

int jl_view_divisions_load(jl_view_divisions *out, jl_store *st, jl_err *err)
{
    div_acc a = {out, 0};

    memset(out, 0, sizeof *out);
    return jl_store_division_each(st, div_row, &a, err);
}

void jl_view_divisions_dispose(jl_view_divisions *v)
{
    size_t i;

    for (i = 0; i < v->n; i++)
        division_dispose(&v->d[i]);
    jl_free(v->d);
    memset(v, 0, sizeof *v);
}

static void one_division(void *ctx, const jl_store_division *d)
{
    division_copy(ctx, d);
}

typedef struct area_acc {
    jl_view_area_list *l;
    size_t cap;
    const char *parent; /* only the children of this parent code; NULL: all */
} area_acc;

static void area_row(void *ctx, const jl_store_area *s)
{
    area_acc *a = ctx;
    jl_view_area_row *r;

    if (a->parent && strcmp(s->parent, a->parent) != 0)
        return;
    a->l->a = jl_xgrow(a->l->a, &a->cap, a->l->n + 1, sizeof *a->l->a);
    r = &a->l->a[a->l->n++];
    r->code = dup(s->code);
    r->name = dup(s->name);
    r->parent = dup(s->parent);
}

/* The division's areas into l (its division already set), those under
 * parent only when parent is not NULL. */
static int areas_of(jl_view_area_list *l, jl_store *st, const char *parent, jl_err *err)
{
    area_acc a = {l, 0, parent};

    return jl_store_area_each(st, l->division.id, area_row, &a, err);
}

int jl_view_area_list_load(jl_view_area_list *out, jl_store *st, const char *division,
                           jl_err *err)
{
    int rc;

    memset(out, 0, sizeof *out);
    rc = jl_store_division_get(st, division, one_division, &out->division, err);
    if (rc == JL_ENOTFOUND)
        return jl_err_set(err, JL_ENOTFOUND, _("no division \"%s\""), division);
    if (rc < 0)
        return rc;
    return areas_of(out, st, NULL, err);
}

static void row_dispose(jl_view_area_row *r)
{
    jl_free(r->code);
    jl_free(r->name);
    jl_free(r->parent);
    memset(r, 0, sizeof *r);
}

void jl_view_area_list_dispose(jl_view_area_list *v)
{
    size_t i;

    for (i = 0; i < v->n; i++)
        row_dispose(&v->a[i]);
    jl_free(v->a);
    division_dispose(&v->division);
    memset(v, 0, sizeof *v);
}

static void one_area(void *ctx, const jl_store_area *s)
{
    jl_view_area_row *r = ctx;

    r->code = dup(s->code);
    r->name = dup(s->name);
    r->parent = dup(s->parent);
}

/* Its children: the areas under it in each division whose parent
 * division is its own. */
static int children_of(jl_view_area_info *v, jl_store *st, jl_err *err)
{
    jl_view_divisions all;
    size_t i, cap = 0;
    int rc;

    rc = jl_view_divisions_load(&all, st, err);
    for (i = 0; i < all.n && rc == 0; i++) {
        jl_view_area_list *l;

        if (strcmp(all.d[i].parent, v->division.id) != 0)
            continue;
        v->children = jl_xgrow(v->children, &cap, v->nchildren + 1, sizeof *v->children);
        l = &v->children[v->nchildren++];
        memset(l, 0, sizeof *l);
        l->division = all.d[i];
        memset(&all.d[i], 0, sizeof all.d[i]);
        rc = areas_of(l, st, v->self.code, err);
    }
    jl_view_divisions_dispose(&all);
    return rc;
}

int jl_view_area_info_load(jl_view_area_info *out, jl_store *st, const char *division,
                           const char *code, jl_err *err)
{
    static const jl_store_division none_div = {"", "", "", "", "", "", "", 0, 0};
    static const jl_store_area none_area = {"", "", "", 0, 0, 0, 0, ""};
    int rc;

    memset(out, 0, sizeof *out);
    /* No parent is "" in every field, never NULL (catalog.h). */
    division_copy(&out->parent_division, &none_div);
    one_area(&out->parent, &none_area);
    rc = jl_store_division_get(st, division, one_division, &out->division, err);
    if (rc == JL_ENOTFOUND)
        return jl_err_set(err, JL_ENOTFOUND, _("no division \"%s\""), division);
    if (rc == 0)
        rc = jl_store_area_get(st, division, code, one_area, &out->self, err);
    if (rc == JL_ENOTFOUND)
        return jl_err_set(err, JL_ENOTFOUND, _("no area \"%s\" in division %s"), code, division);
    if (rc == 0 && *out->division.parent) {
        division_dispose(&out->parent_division);
        rc = jl_store_division_get(st, out->division.parent, one_division,
                                   &out->parent_division, err);
        if (rc == JL_ENOTFOUND) {
            jl_err_clear(err);
            division_copy(&out->parent_division, &none_div);
            rc = 0;
        }
        if (rc == 0 && *out->parent_division.id && *out->self.parent) {
            row_dispose(&out->parent);
            rc = jl_store_area_get(st, out->division.parent, out->self.parent, one_area,
                                   &out->parent, err);
            /* A parent code the division above lacks: shown as no parent. */
            if (rc == JL_ENOTFOUND) {
                jl_err_clear(err);
                one_area(&out->parent, &none_area);
                rc = 0;
            }
        }
    }
    if (rc == 0)
        rc = children_of(out, st, err);
    return rc;
}

void jl_view_area_info_dispose(jl_view_area_info *v)
{
    size_t i;

    division_dispose(&v->division);
    division_dispose(&v->parent_division);
    row_dispose(&v->self);
    row_dispose(&v->parent);
    for (i = 0; i < v->nchildren; i++)
        jl_view_area_list_dispose(&v->children[i]);
    jl_free(v->children);
    memset(v, 0, sizeof *v);
}

typedef struct ind_acc {
    jl_view_ind_list *l;
    size_t cap;
} ind_acc;

static void ind_row(void *ctx, const jl_store_indicator *d)
{
    ind_acc *a = ctx;
    jl_view_ind_info *i;

    a->l->i = jl_xgrow(a->l->i, &a->cap, a->l->n + 1, sizeof *a->l->i);
    i = &a->l->i[a->l->n++];
    i->id = dup(d->id);
    i->name = dup(d->name);
    i->name_en = dup(d->name_en);
    i->unit = dup(d->unit);
    i->kind = dup(d->kind);
    i->better = dup(d->better);
    i->theme = dup(d->theme);
    i->source = dup(d->source);
    i->licence = dup(d->licence);
    i->note = dup(d->note);
    i->nobs = d->nobs;
    i->first = dup("");
    i->last = dup("");
    i->imported_at = dup("");
}

/* Both lists are by id: the spans are merged in one pass. */
typedef struct span_acc {
    jl_view_ind_list *l;
    size_t at;
} span_acc;

static void span_row(void *ctx, const jl_store_ind_span *s)
{
    span_acc *a = ctx;

    while (a->at < a->l->n && strcmp(a->l->i[a->at].id, s->indicator) < 0)
        a->at++;
    if (a->at < a->l->n && !strcmp(a->l->i[a->at].id, s->indicator)) {
        jl_view_ind_info *i = &a->l->i[a->at];

        jl_free(i->first);
        jl_free(i->last);
        jl_free(i->imported_at);
        i->first = dup(s->first);
        i->last = dup(s->last);
        i->imported_at = dup(s->imported_at);
    }
}

int jl_view_ind_list_load(jl_view_ind_list *out, jl_store *st, jl_err *err)
{
    ind_acc a;
    span_acc s;
    int rc;

    memset(out, 0, sizeof *out);
    a.l = out;
    a.cap = 0;
    rc = jl_store_indicator_each(st, ind_row, &a, err);
    s.l = out;
    s.at = 0;
    if (rc == 0)
        rc = jl_store_indicator_spans(st, span_row, &s, err);
    return rc;
}

void jl_view_ind_list_dispose(jl_view_ind_list *v)
{
    size_t k;

    for (k = 0; k < v->n; k++) {
        jl_view_ind_info *i = &v->i[k];

        jl_free(i->id);
        jl_free(i->name);
        jl_free(i->name_en);
        jl_free(i->unit);
        jl_free(i->kind);
        jl_free(i->better);
        jl_free(i->theme);
        jl_free(i->source);
        jl_free(i->licence);
        jl_free(i->note);
        jl_free(i->first);
        jl_free(i->last);
        jl_free(i->imported_at);
    }
    jl_free(v->i);
    memset(v, 0, sizeof *v);
}

/* Indicator info resolved in division for area code into *r: 1 when it
 * has a row for the area, 0 when not or when it does not resolve there. */
static int area_ind(jl_view_area_ind *r, jl_store *st, jl_view_ind_info *info,
                    const char *division, const char *code, jl_err *err)
{
    jl_view_indicator_req rq;
    jl_view_indicator v;
    size_t a, k, cell;
    int rc, found = 0;

    memset(&rq, 0, sizeof rq);
    rq.id = info->id;
    rq.division = division;
    rq.sex = "T";
    rc = jl_view_indicator_load(&v, st, &rq, err);
    if (rc == JL_ESTORE) {
        jl_view_indicator_dispose(&v);
        return rc;
    }
    if (rc < 0) {
        /* Not to be had in this division (a mean that would have to be
         * moved, no observations): not a living condition of the area. */
        jl_err_clear(err);
        jl_view_indicator_dispose(&v);
        return 0;
    }
    if (v.ix && jl_strmap_get(v.ix, code, &a) && !v.area[a].outside && v.np) {
        cell = a * v.np + v.at;
        memset(r, 0, sizeof *r);
        r->info = info;
        r->period = jl_xstrdup(v.period[v.at]);
        r->value = v.value[cell];
        r->city = jl_view_indicator_city_at(&v, v.area[a].muni, v.at);
        r->status = jl_view_ind_status_code((jl_view_cell_status)v.status[cell],
                                            (jl_view_why)v.why[cell]);
        r->estimate = jl_view_ind_estimate_code((jl_view_estimate)v.estimate[cell]);
        r->trend = jl_view_ind_trend_code(v.area[a].trend);
        r->rank = v.area[a].rank;
        for (k = 0; k < v.na; k++)
            r->ranked += v.area[k].rank > 0;
        for (k = 0; k < v.nleaves; k++)
            r->moved |= v.leaf[k].how != JL_HOW_OWN;
        found = 1;
    }
    jl_view_indicator_dispose(&v);
    return found;
}

int jl_view_area_inds_load(jl_view_area_inds *out, jl_store *st, const char *division,
                           const char *code, jl_err *err)
{
    size_t k;
    int rc;

    memset(out, 0, sizeof *out);
    rc = jl_view_ind_list_load(&out->list, st, err);
    if (rc < 0)
        return rc;
    out->a = jl_xcalloc(out->list.n ? out->list.n : 1, sizeof *out->a);
    for (k = 0; k < out->list.n; k++) {
        rc = area_ind(&out->a[out->n], st, &out->list.i[k], division, code, err);
        if (rc < 0)
            return rc;
        out->n += (size_t)rc;
    }
    return JL_OK;
}

void jl_view_area_inds_dispose(jl_view_area_inds *v)
{
    size_t k;

    for (k = 0; k < v->n; k++)
        jl_free(v->a[k].period);
    jl_free(v->a);
    jl_view_ind_list_dispose(&v->list);
    memset(v, 0, sizeof *v);
}

typedef struct wave_acc {
    jl_view_wave_srcs *v;
    size_t cap;
} wave_acc;

static void wave_row(void *ctx, const jl_wave_info *w)
{
    wave_acc *a = ctx;
    jl_view_wave_src *s;

    a->v->w = jl_xgrow(a->v->w, &a->cap, a->v->n + 1, sizeof *a->v->w);
    s = &a->v->w[a->v->n++];
    s->instrument = dup(w->instrument);
    s->name = dup(w->name);
    s->date = dup(w->date);
    s->source = dup(w->source);
    s->synthetic = w->synthetic;
}

int jl_view_wave_srcs_load(jl_view_wave_srcs *out, jl_store *st, jl_err *err)
{
    wave_acc a = {out, 0};

    memset(out, 0, sizeof *out);
    return jl_store_wave_list(st, wave_row, &a, err);
}

void jl_view_wave_srcs_dispose(jl_view_wave_srcs *v)
{
    size_t k;

    for (k = 0; k < v->n; k++) {
        jl_free(v->w[k].instrument);
        jl_free(v->w[k].name);
        jl_free(v->w[k].date);
        jl_free(v->w[k].source);
    }
    jl_free(v->w);
    memset(v, 0, sizeof *v);
}
