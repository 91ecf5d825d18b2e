/*
 * Survey figures over waves across releases (view/release_trend.h).
 */
#include "view/release_trend.h"
#include "core/alloc.h"
#include "core/i18n.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- which release each wave comes from ---- */

typedef struct rel {
    long id;
    int withdrawn;
    char *instrument, *cutset, *created;
} rel;

typedef struct src_ctx {
    rel *r;
    size_t n, cap;
    /* while one release's parts are read */
    const char *instrument, *division;
    int has_division;
    char **waves;
    size_t nwaves, wcap;
    /* the waves' dates */
    jl_view_wave_sources *out;
    char **date;
} src_ctx;

static char *dup_or_empty(const char *s)
{
    return jl_xstrdup(s ? s : "");
}

static void rel_row(void *ctx, const jl_store_release *r)
{
    src_ctx *c = ctx;
    rel *x;

    c->r = jl_xgrow(c->r, &c->cap, c->n + 1, sizeof *c->r);
    x = &c->r[c->n++];
    x->id = r->id;
    x->withdrawn = r->withdrawn && *r->withdrawn;
    x->instrument = dup_or_empty(r->instrument);
    x->cutset = dup_or_empty(r->cutset);
    x->created = dup_or_empty(r->created);
}

static void rel_division(void *ctx, const char *d)
{
    src_ctx *c = ctx;

    if (!strcmp(d, c->division))
        c->has_division = 1;
}

static void rel_wave(void *ctx, const jl_store_rel_wave *w)
{
    src_ctx *c = ctx;

    if (strcmp(w->instrument, c->instrument) != 0)
        return;
    c->waves = jl_xgrow(c->waves, &c->wcap, c->nwaves + 1, sizeof *c->waves);
    c->waves[c->nwaves++] = jl_xstrdup(w->name);
}

static void wave_date(void *ctx, const jl_wave_info *w)
{
    src_ctx *c = ctx;
    size_t i;

    if (strcmp(w->instrument, c->instrument) != 0)
        return;
    for (i = 0; i < c->out->n; i++)
        if (!strcmp(c->out->w[i].wave, w->name)) {
            jl_free(c->date[i]);
            c->date[i] = jl_xstrdup(w->date);
        }
}

/* The wave's source, made when new; a later release replaces an
 * earlier one (releases come by id). */
static void take(jl_view_wave_sources *out, size_t *cap, const char *wave, const rel *r)
{
    jl_view_wave_source *s = NULL;
    size_t i;

    for (i = 0; i < out->n && !s; i++)
        if (!strcmp(out->w[i].wave, wave))
            s = &out->w[i];
    if (!s) {
        out->w = jl_xgrow(out->w, cap, out->n + 1, sizeof *out->w);
        s = &out->w[out->n++];
        s->wave = jl_xstrdup(wave);
        s->created = NULL;
    }
    jl_free(s->created);
    s->created = jl_xstrdup(r->created);
    s->release = r->id;
}

/* Sorts the sources by date (a wave without one last), then name. */
static void by_date(jl_view_wave_sources *out, char **date)
{
    size_t i, j;

    for (i = 1; i < out->n; i++)
        for (j = i; j > 0; j--) {
            const char *da = date[j - 1], *db = date[j];
            int cmp = da && db ? strcmp(da, db) : da ? -1 : db ? 1 : 0;
            jl_view_wave_source t;
            char *td;

            if (!cmp)
                cmp = strcmp(out->w[j - 1].wave, out->w[j].wave);
            if (cmp <= 0)
                break;
            t = out->w[j - 1];
            out->w[j - 1] = out->w[j];
            out->w[j] = t;
            td = date[j - 1];
            date[j - 1] = date[j];
            date[j] = td;
        }
}

static int sources_of(jl_view_wave_sources *out, src_ctx *c, jl_store *st, const rel *shown,
                      long upto, jl_err *err)
{
    size_t i, j, cap = 0;
    int rc = 0;

    for (i = 0; rc == 0 && i < c->n; i++) {
        const rel *r = &c->r[i];

        /* a withdrawn release only when it is the one shown (the page
         * says so) */
        if ((r->withdrawn && r->id != upto) || r->id > upto || strcmp(r->instrument, shown->instrument) != 0 ||
            strcmp(r->cutset, shown->cutset) != 0)
            continue;
        c->has_division = !strcmp(c->division, JL_RELEASE_CITY);
        c->nwaves = 0;
        rc = jl_store_release_divisions(st, r->id, rel_division, c, err);
        if (rc == 0 && c->has_division)
            rc = jl_store_release_waves(st, r->id, rel_wave, c, err);
        for (j = 0; j < c->nwaves; j++) {
            if (rc == 0 && c->has_division)
                take(out, &cap, c->waves[j], r);
            jl_free(c->waves[j]);
        }
        c->nwaves = 0;
    }
    return rc;
}

int jl_view_wave_sources_load(jl_view_wave_sources *out, jl_store *st, long upto,
                              const char *division, jl_err *err)
{
    src_ctx c;
    const rel *shown = NULL;
    size_t i;
    int rc;

    memset(out, 0, sizeof *out);
    memset(&c, 0, sizeof c);
    c.division = division;
    c.out = out;
    rc = jl_store_release_list(st, rel_row, &c, err);
    for (i = 0; rc == 0 && i < c.n; i++)
        if (c.r[i].id == upto)
            shown = &c.r[i];
    if (rc == 0 && !shown)
        rc = jl_err_set(err, JL_ENOTFOUND, _("no release %ld"), upto);
    if (rc == 0) {
        c.instrument = shown->instrument;
        rc = sources_of(out, &c, st, shown, upto, err);
    }
    if (rc == 0) {
        c.date = jl_xcalloc(out->n + 1, sizeof *c.date);
        rc = jl_store_wave_list(st, wave_date, &c, err);
        if (rc == 0)
            by_date(out, c.date);
        for (i = 0; i < out->n; i++)
            jl_free(c.date[i]);
        jl_free(c.date);
    }
    for (i = 0; i < c.n; i++) {
        jl_free(c.r[i].instrument);
        jl_free(c.r[i].cutset);
        jl_free(c.r[i].created);
    }
    jl_free(c.r);
    jl_free(c.waves);
    if (rc < 0)
        jl_view_wave_sources_dispose(out);
    return rc;
}

void jl_view_wave_sources_dispose(jl_view_wave_sources *s)
{
    size_t i;

    for (i = 0; i < s->n; i++) {
        jl_free(s->w[i].wave);
        jl_free(s->w[i].created);
    }
    jl_free(s->w);
    memset(s, 0, sizeof *s);
}

const jl_view_wave_source *jl_view_wave_source_before(const jl_view_wave_sources *s,
                                                      const char *wave)
{
    size_t i;

    for (i = 1; i < s->n; i++)
        if (!strcmp(s->w[i].wave, wave))
            return &s->w[i - 1];
    return NULL;
}

/* ---- one factor over the waves ---- */

/* The cells of one wave from its release v into row (nseries cells). */
static int wave_cells(jl_view_factor_trend *out, size_t w, jl_store *st,
                      const jl_view_release *v, const jl_view_factor_trend_req *req, jl_err *err)
{
    jl_cell_table t;
    jl_err e = JL_ERR_INIT;
    long k, q;
    size_t a;
    int rc;

    rc = jl_view_cells_of_release(&t, st, v, out->src.w[w].wave, req->division, NULL, err);
    if (rc == JL_ENOTFOUND) /* the list said it holds them: changed since */
        return 0;
    if (rc < 0)
        return rc;
    k = jl_instrument_scale(t.in, req->scale);
    q = k >= 0 ? jl_release_headline_of(&t.in->scales[k]) : -1;
    for (a = 0; a < out->nseries && q >= 0; a++) {
        long ai = a ? jl_cell_table_area(&t, req->codes[a - 1]) : -1;
        jl_cell *c = &out->c[w * out->nseries + a];

        if ((a && ai < 0) ||
            jl_cell_table_shown(c, &t, ai, JL_NGRADES, JL_NSEXES, (size_t)k, (size_t)q, &e) < 0)
            continue;
        /* borrowed from t, which goes now */
        c->division = c->area = c->wave = c->grade = c->sex = c->scale = c->kind = c->cutoff =
            NULL;
        c->norm_source = NULL;
        out->held[w * out->nseries + a] = 1;
    }
    jl_cell_table_dispose(&t);
    return 0;
}

int jl_view_factor_trend_load(jl_view_factor_trend *out, jl_store *st,
                              const jl_view_factor_trend_req *req, jl_err *err)
{
    jl_view_release v;
    long have = 0;
    size_t w;
    int rc;

    memset(out, 0, sizeof *out);
    memset(&v, 0, sizeof v);
    rc = jl_view_wave_sources_load(&out->src, st, req->upto, req->division, err);
    if (rc < 0)
        return rc;
    out->nseries = 1 + req->ncodes;
    out->c = jl_xcalloc(out->src.n * out->nseries + 1, sizeof *out->c);
    out->held = jl_xcalloc(out->src.n * out->nseries + 1, 1);
    for (w = 0; rc == 0 && w < out->src.n; w++) {
        long id = out->src.w[w].release;
        const jl_view_release *use = &v;

        if (req->shown && id == req->upto) {
            use = req->shown;
        } else if (id != have) {
            jl_view_release_dispose(&v);
            have = 0;
            rc = jl_view_release_load(&v, st, id, err);
            if (rc < 0)
                break;
            have = id;
        }
        rc = wave_cells(out, w, st, use, req, err);
    }
    jl_view_release_dispose(&v);
    if (rc < 0)
        jl_view_factor_trend_dispose(out);
    return rc;
}

void jl_view_factor_trend_dispose(jl_view_factor_trend *t)
{
    jl_view_wave_sources_dispose(&t->src);
    jl_free(t->c);
    jl_free(t->held);
    memset(t, 0, sizeof *t);
}
