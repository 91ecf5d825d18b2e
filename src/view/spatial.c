/*
 * Spatial views: areas with values from a layer, a CSV or the database;
 * weights from a spec or a file; autocorrelation and clusters
 * (view/spatial.h).
 */
#include "view/spatial_int.h"
#include "view/indicator.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/num.h"
#include "core/strmap.h"
#include "core/text.h"
#include "geo/table.h"
#include "geo/wfile.h"
#include "view/cells.h"
#include "view/profile.h"

#include <assert.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* ---- helpers shared with segregation.c (spatial_int.h) ---- */

/* Seconds on a monotonic clock. */
static double jl_view_sp_now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int jl_view_sp_indicator_values(jl_area_values *out, jl_store *st, jl_view_indicator_fn fn,
                                void *ctx, const char *id, const char *div, const char *period,
                                jl_err *err)
{
    if (fn)
        return fn(out, id, div, period, err, ctx);
    return jl_view_indicator_values(out, st, id, div, period, err);
}

int jl_view_sp_has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);

    return n > e && !strcasecmp(path + n - e, ext);
}

int jl_view_sp_read_rings(jl_geo_rings *r, const char *path, const char *id,
                          const char *const *cols, size_t ncol, int planar, const char *crs,
                          jl_diag *diag, jl_err *err)
{
    jl_geo_opts go;
    jl_diag dg;
    int rc;

    memset(&go, 0, sizeof go);
    go.code_field = id;
    go.crs = crs;
    go.extra = cols;
    go.nextra = ncol;
    jl_diag_init(&dg, path);
    rc = jl_geo_read_rings(r, path, &go, planar, &dg, err);
    if (rc == JL_EINPUT && dg.n) {
        jl_diag_first(&dg, err);
        if (diag) {
            *diag = dg; /* now the caller's */
            return rc;
        }
    }
    jl_diag_dispose(&dg);
    return rc;
}

typedef struct geom_collect {
    jl_strmap *want; /* code -> position in codes */
    unsigned char **wkb;
    size_t *len;
    size_t found;
} geom_collect;

static void on_geom(void *ctx, const char *code, const jl_store_geom *g)
{
    geom_collect *gc = ctx;
    size_t at;

    if (!jl_strmap_get(gc->want, code, &at) || gc->wkb[at])
        return;
    gc->wkb[at] = jl_xmalloc(g->wkb_len);
    memcpy(gc->wkb[at], g->wkb, g->wkb_len);
    gc->len[at] = g->wkb_len;
    gc->found++;
}

int jl_view_sp_db_rings(jl_geo_rings *out, size_t **keep, jl_store *st, const char *div,
                        char *const *codes, size_t n, jl_err *err)
{
    jl_strmap *m = jl_strmap_new();
    geom_collect gc;
    size_t i, k = 0;
    int rc;

    memset(out, 0, sizeof *out);
    *keep = jl_xmalloc((n ? n : 1) * sizeof **keep);
    for (i = 0; i < n; i++)
        jl_strmap_put(m, codes[i], i, NULL);
    gc.want = m;
    gc.wkb = jl_xcalloc(n ? n : 1, sizeof *gc.wkb);
    gc.len = jl_xcalloc(n ? n : 1, sizeof *gc.len);
    gc.found = 0;
    rc = jl_store_area_geom_each(st, div, on_geom, &gc, err);
    if (rc == 0) {
        unsigned char **w = jl_xmalloc((n ? n : 1) * sizeof *w);
        size_t *l = jl_xmalloc((n ? n : 1) * sizeof *l);

        for (i = 0; i < n; i++)
            if (gc.wkb[i]) {
                w[k] = gc.wkb[i];
                l[k] = gc.len[i];
                (*keep)[k++] = i;
            }
        if (k == 0)
            rc = jl_err_set(err, JL_EINPUT,
                            _("division %s has no stored shapes for the areas with values"), div);
        else
            rc = jl_geo_rings_from_wkb(out, (const unsigned char *const *)w, l, k, err);
        jl_free(w);
        jl_free(l);
    }
    for (i = 0; i < n; i++)
        jl_free(gc.wkb[i]);
    jl_free(gc.wkb);
    jl_free(gc.len);
    jl_strmap_free(m);
    return rc;
}

int jl_view_sp_weights_file(jl_spw *w, char *const *codes, size_t n, const char *path,
                            size_t *dropped, jl_err *err)
{
    char *text = NULL;
    size_t len;
    int rc;

    memset(w, 0, sizeof *w);
    rc = jl_text_load(&text, &len, NULL, path, JL_ENC_AUTO, err);
    if (rc < 0)
        return rc;
    rc = jl_wfile_weights(w, text, len, path, (const char *const *)codes, n, dropped, err);
    jl_free(text);
    return rc;
}

/* ---- areas and their values ---- */

void jl_view_sp_data_dispose(jl_view_sp_data *d)
{
    size_t i;

    for (i = 0; d->codes && i < d->n; i++)
        jl_free(d->codes[i]);
    for (i = 0; d->names && i < d->n; i++)
        jl_free(d->names[i]);
    jl_free(d->codes);
    jl_free(d->names);
    jl_free(d->val);
    jl_geo_rings_dispose(&d->rings);
    memset(d, 0, sizeof *d);
}

int jl_view_sp_in_store(const char *source)
{
    return !strncmp(source, "indicator:", 10) || !strncmp(source, "survey:", 7);
}

/* A map layer: codes from rq->id, values from the columns. */
static int load_layer(jl_view_sp_data *d, const jl_view_sp_req *rq, jl_err *err)
{
    size_t i, c, ncol = rq->ncol;
    int rc;
    double t0 = jl_view_sp_now();

    rc = jl_view_sp_read_rings(&d->rings, rq->source, rq->id, rq->cols, ncol, rq->planar,
                               rq->crs, rq->diag, err);
    if (rc < 0)
        return rc;
    d->read_s = jl_view_sp_now() - t0;
    d->kind = JL_SP_LAYER;
    d->has_geom = 1;
    d->n = d->rings.n;
    d->ncol = ncol;
    /* Zeroed: a refusal below leaves the codes after it unset, and the
     * caller frees what there is. */
    d->codes = jl_xcalloc(d->n ? d->n : 1, sizeof *d->codes);
    d->val = jl_xmalloc((d->n && ncol ? d->n * ncol : 1) * sizeof *d->val);
    for (i = 0; i < d->n; i++) {
        d->codes[i] = jl_xstrdup(d->rings.code[i]);
        for (c = 0; c < ncol; c++) {
            const char *s = d->rings.extra[i * ncol + c];
            double v;

            if (!s || jl_parse_double(&v, s) < 0 || !isfinite(v))
                return jl_err_at(err, JL_EINPUT, rq->source, 0, 0,
                                 _("feature %zu (code %s): expected a number in field %s, found "
                                   "\"%s\""),
                                 i + 1, d->codes[i], rq->cols[c], s ? s : "");
            d->val[i * ncol + c] = v;
        }
    }
    return JL_OK;
}

/* A CSV: one row per area (geo/table.c). */
static int load_csv(jl_view_sp_data *d, const jl_view_sp_req *rq, jl_err *err)
{
    char *text = NULL;
    size_t len;
    jl_geo_table t;
    int rc;

    rc = jl_text_load(&text, &len, NULL, rq->source, JL_ENC_AUTO, err);
    if (rc < 0)
        return rc;
    rc = jl_geo_table_parse(&t, text, len, rq->source, rq->id, rq->cols, rq->ncol, err);
    jl_free(text);
    if (rc < 0)
        return rc;
    d->kind = JL_SP_CSV;
    d->n = t.n;
    d->ncol = t.ncol;
    d->codes = t.codes;
    d->val = t.val;
    return JL_OK;
}

typedef struct name_ctx {
    jl_strmap *pos;
    char **names;
} name_ctx;

static void on_area_row(void *ctx, const jl_store_area *a)
{
    name_ctx *nc = ctx;
    size_t at;

    if (jl_strmap_get(nc->pos, a->code, &at) && !nc->names[at])
        nc->names[at] = jl_xstrdup(a->name);
}

/* The names of d's areas in division div, for people who know their
 * areas by name; none if the store has none. */
static void load_names(jl_view_sp_data *d, jl_store *st, const char *div)
{
    name_ctx nc;
    jl_err e2 = JL_ERR_INIT;
    size_t i;

    nc.pos = jl_strmap_new();
    nc.names = jl_xcalloc(d->n ? d->n : 1, sizeof *nc.names);
    for (i = 0; i < d->n; i++)
        jl_strmap_put(nc.pos, d->codes[i], i, NULL);
    jl_store_area_each(st, div, on_area_row, &nc, &e2);
    jl_strmap_free(nc.pos);
    d->names = nc.names;
}

/* Keeps only the areas of d that have a stored shape, in order. */
static int keep_shaped(jl_view_sp_data *d, jl_store *st, const char *div, jl_err *err)
{
    size_t *keep = NULL, i, j;
    int rc = jl_view_sp_db_rings(&d->rings, &keep, st, div, d->codes, d->n, err);

    if (rc == 0) {
        for (i = j = 0; i < d->n; i++) {
            if (j < d->rings.n && keep[j] == i) {
                d->codes[j] = d->codes[i];
                d->val[j] = d->val[i];
                j++;
            } else {
                jl_free(d->codes[i]);
                d->dropped++;
            }
        }
        d->n = j;
        d->has_geom = 1;
    }
    jl_free(keep);
    return rc;
}

/* indicator:ID[@PERIOD] or survey:SCALE@WAVE over a division's areas. */
static int load_db(jl_view_sp_data *d, jl_store *st, const jl_view_sp_req *rq, jl_err *err)
{
    const char *src = rq->source, *div = rq->division, *period = NULL;
    char *at;
    jl_area_values av;
    int rc, survey = !strncmp(src, "survey:", 7), synthetic = 0;

    if (!div)
        return jl_err_set(err, JL_EUSAGE, _("%s needs --division"), src);
    snprintf(d->id, sizeof d->id, "%s", src + (survey ? 7 : 10));
    if ((at = strchr(d->id, '@')) != NULL) {
        *at = '\0';
        period = at + 1;
    }
    memset(&av, 0, sizeof av);
    if (survey && !period)
        return jl_err_set(err, JL_EUSAGE, _("expected survey:SCALE@WAVE, found \"%s\""), src);
    assert(st);
    /* The survey's shares come through the small-group rule
     * (release/suppress.c), applied by jl_view_survey_shares. */
    rc = survey ? jl_view_survey_shares(&av, &synthetic, st, period, d->id, div, rq->min_n,
                                        rq->unprotected, err)
                : jl_view_sp_indicator_values(&av, st, rq->indicator, rq->indicator_ctx, d->id,
                                              div, period, err);
    if (rc < 0)
        return rc;
    d->kind = survey ? JL_SP_SURVEY : JL_SP_INDICATOR;
    d->synthetic = synthetic;
    d->unprotected = survey && rq->unprotected;
    d->n = av.n;
    d->ncol = 1;
    d->codes = av.codes;
    d->val = av.vals;
    snprintf(d->name, sizeof d->name, "%s", av.name);
    snprintf(d->cutoff, sizeof d->cutoff, "%s", av.cutoff);
    snprintf(d->instrument, sizeof d->instrument, "%s", av.instrument);
    snprintf(d->period, sizeof d->period, "%s", av.period);
    av.codes = NULL;
    av.vals = NULL;
    av.n = 0;
    jl_area_values_dispose(&av);
    if (rq->need_geom)
        rc = keep_shaped(d, st, div, err);
    if (rc == 0)
        load_names(d, st, div);
    return rc;
}

static int load_any(jl_view_sp_data *d, jl_store *st, const jl_view_sp_req *rq, jl_err *err)
{
    if (jl_view_sp_in_store(rq->source)) {
        if (rq->ncol > 1)
            return jl_err_set(err, JL_EUSAGE, _("a dataset in the database has one value"));
        return load_db(d, st, rq, err);
    }
    if (!rq->id)
        return jl_err_set(err, JL_EUSAGE, _("expected --id COLUMN naming the area codes"));
    if (jl_view_sp_has_ext(rq->source, ".csv")) {
        if (rq->need_geom)
            return jl_err_set(err, JL_EUSAGE,
                              _("a CSV has no shapes: give --weights-file FILE (from,to,weight)"));
        return load_csv(d, rq, err);
    }
    return load_layer(d, rq, err);
}

int jl_view_sp_load(jl_view_sp_data *out, jl_store *st, const jl_view_sp_req *rq, jl_err *err)
{
    int rc;

    memset(out, 0, sizeof *out);
    rc = load_any(out, st, rq, err);
    if (rc < 0)
        jl_view_sp_data_dispose(out);
    return rc;
}

/* ---- weights ---- */

void jl_view_sp_weights_dispose(jl_view_sp_weights *w)
{
    jl_spw_dispose(&w->w);
    jl_free(w->file);
    memset(w, 0, sizeof *w);
}

/* Contiguity by ws->spec (queen or rook) between the shapes of rings. */
static int contiguity(jl_view_sp_weights *out, const jl_geo_rings *rings,
                      const jl_view_sp_wspec *ws, jl_err *err)
{
    jl_spw_polys p;
    int rule = JL_CONTIG_QUEEN;

    out->kind = JL_SPW_QUEEN;
    if (!strcmp(ws->spec, "rook")) {
        if (!ws->rook || !strcmp(ws->rook, "vertex")) {
            rule = JL_CONTIG_ROOK;
            out->kind = JL_SPW_ROOK;
        } else if (!strcmp(ws->rook, "edge")) {
            rule = JL_CONTIG_ROOK_EDGE;
            out->kind = JL_SPW_ROOK_EDGE;
        } else
            return jl_err_set(err, JL_EUSAGE, _("expected --rook vertex|edge, found %s"),
                              ws->rook);
    }
    p.n = rings->n;
    p.nring = rings->nring;
    p.fring = rings->fring;
    p.roff = rings->roff;
    p.xy = rings->xy;
    return jl_spw_contiguity(&out->w, &p, rule, out->snap, err);
}

/* The neighbours ws->spec asks for, by shape or by distance. */
static int by_spec(jl_view_sp_weights *out, const jl_geo_rings *rings, size_t n,
                   const jl_view_sp_wspec *ws, jl_err *err)
{
    if (!strcmp(ws->spec, "queen") || !strcmp(ws->spec, "rook"))
        return contiguity(out, rings, ws, err);
    if (!strncmp(ws->spec, "knn:", 4)) {
        if (jl_parse_long(&out->k, ws->spec + 4) < 0 || out->k < 1)
            return jl_err_set(err, JL_EUSAGE, _("expected knn:K with K of 1 or more, found %s"),
                              ws->spec);
        out->kind = JL_SPW_KNN;
        return jl_spw_knn(&out->w, rings->cxy, n, (size_t)out->k, err);
    }
    if (!strncmp(ws->spec, "band:", 5)) {
        if (jl_parse_double(&out->band, ws->spec + 5) < 0 || !(out->band > 0) ||
            !isfinite(out->band))
            return jl_err_set(err, JL_EUSAGE,
                              _("expected band:DISTANCE with a finite distance above 0, found %s"),
                              ws->spec);
        out->kind = JL_SPW_BAND;
        return jl_spw_band(&out->w, rings->cxy, n, 0, out->band, err);
    }
    return jl_err_set(err, JL_EUSAGE,
                      _("expected --weights queen|rook|knn:K|band:DISTANCE, found %s"), ws->spec);
}

static int weights_any(jl_view_sp_weights *out, const jl_geo_rings *rings, char *const *codes,
                       size_t n, const jl_view_sp_wspec *ws, jl_err *err)
{
    int rc;

    out->snap = sqrt(DBL_EPSILON);
    out->metres = rings && rings->crs[0] && strcmp(rings->crs, "planar");
    if (ws->snap && (jl_parse_double(&out->snap, ws->snap) < 0 || !(out->snap >= 0)))
        return jl_err_set(err, JL_EUSAGE, _("expected --snap DISTANCE of 0 or more, found %s"),
                          ws->snap);
    if (ws->file) {
        out->kind = JL_SPW_FILE;
        out->file = jl_xstrdup(ws->file);
        rc = jl_view_sp_weights_file(&out->w, codes, n, ws->file, NULL, err);
    } else if (!ws->spec)
        return jl_err_set(err, JL_EUSAGE,
                          _("expected --weights queen|rook|knn:K|band:DISTANCE or "
                            "--weights-file FILE"));
    else if (!rings)
        return jl_err_set(err, JL_EUSAGE, _("these data have no shapes: give --weights-file"));
    else
        rc = by_spec(out, rings, n, ws, err);
    if (rc < 0)
        return rc;
    if (ws->style || out->w.style != 'G') {
        const char *st = ws->style ? ws->style : "W";

        if (strlen(st) != 1)
            return jl_err_set(err, JL_EUSAGE, _("expected --style B, W, C, U or S, found %s"), st);
        rc = jl_spw_set_style(&out->w, st[0], err);
    }
    return rc;
}

int jl_view_sp_weights_rings(jl_view_sp_weights *out, const jl_geo_rings *rings,
                             char *const *codes, size_t n, const jl_view_sp_wspec *ws,
                             jl_err *err)
{
    int rc;

    memset(out, 0, sizeof *out);
    rc = weights_any(out, rings, codes, n, ws, err);
    if (rc < 0)
        jl_view_sp_weights_dispose(out);
    return rc;
}

int jl_view_sp_weights_build(jl_view_sp_weights *out, const jl_view_sp_data *d,
                             const jl_view_sp_wspec *ws, jl_err *err)
{
    return jl_view_sp_weights_rings(out, d->has_geom ? &d->rings : NULL, d->codes, d->n, ws,
                                    err);
}

void jl_view_sp_weights_summary(jl_view_sp_wsummary *out, const jl_spw *w)
{
    size_t i, k;

    memset(out, 0, sizeof *out);
    jl_spw_summarise(w, &out->s, NULL);
    if (!(out->s.kmax >= 2 * out->s.kmean && out->s.kmax >= 4))
        return;
    for (k = 0; k < 3; k++)
        out->busy[k] = SIZE_MAX;
    for (i = 0; i < w->n; i++) {
        size_t ki = w->off[i + 1] - w->off[i];

        for (k = 0; k < 3; k++)
            if (out->busy[k] == SIZE_MAX ||
                ki > w->off[out->busy[k] + 1] - w->off[out->busy[k]]) {
                memmove(out->busy + k + 1, out->busy + k, (2 - k) * sizeof *out->busy);
                out->busy[k] = i;
                break;
            }
    }
    while (out->nbusy < 3 && out->busy[out->nbusy] != SIZE_MAX)
        out->nbusy++;
}

/* ---- autocorrelation ---- */

/* The global permutations while they run (jl_view_autocorr_start to
 * _finish), and the binary weights they sum G over. */
struct jl_view_autocorr_bg {
    jl_sa_gjob *job;
    jl_spw wB;
    const jl_progress *progress;
};

static void bg_free(struct jl_view_autocorr_bg *bg)
{
    if (!bg)
        return;
    jl_sa_global_perm_cancel(bg->job);
    jl_spw_dispose(&bg->wB);
    jl_free(bg);
}

void jl_view_autocorr_dispose(jl_view_autocorr *a)
{
    bg_free(a->bg);
    jl_free(a->local);
    jl_free(a->p);
    jl_free(a->p_fdr);
    jl_free(a->p_bonferroni);
    jl_free(a->status);
    memset(a, 0, sizeof *a);
}

/* Getis-Ord G needs values of 0 or more and binary-type weights: with row
 * weights it is computed on the binary pattern (spdep refuses W), made
 * into *wB (the caller disposes it; *wg points to the weights used).
 * Where it cannot be computed, it is left out, not an error: 0. */
static int getis_g(jl_view_autocorr *a, const jl_spw *w, const double *x, jl_spw *wB,
                   const jl_spw **wg)
{
    jl_err e2 = JL_ERR_INIT;
    size_t i, n = w->n;

    *wg = w;
    for (i = 0; i < n; i++)
        if (x[i] < 0)
            return 0;
    if (w->style == 'W' || w->style == 'S') {
        wB->n = w->n;
        wB->off = jl_xmalloc((n + 1) * sizeof *wB->off);
        wB->nb = jl_xmalloc((w->off[n] ? w->off[n] : 1) * sizeof *wB->nb);
        wB->w = jl_xmalloc((w->off[n] ? w->off[n] : 1) * sizeof *wB->w);
        memcpy(wB->off, w->off, (n + 1) * sizeof *wB->off);
        memcpy(wB->nb, w->nb, w->off[n] * sizeof *wB->nb);
        wB->style = 'B';
        jl_spw_set_style(wB, 'B', &e2);
        *wg = wB;
    }
    return jl_sa_getis_g(*wg, x, &a->test[2], &e2) == 0;
}

/* Local Moran's Ii, Gi and Gi*, and with permutations their p-values. */
static int local_stats(jl_view_autocorr *a, const jl_spw *w, const double *x,
                       const jl_view_autocorr_req *rq, int threads, jl_err *err)
{
    jl_spw ws_self;
    size_t i, n = w->n;
    int rc;

    memset(&ws_self, 0, sizeof ws_self);
    a->local = jl_xcalloc(n ? n : 1, sizeof *a->local);
    rc = jl_spw_with_self(&ws_self, w, err);
    if (rc == 0)
        rc = jl_sa_local_moran(w, &ws_self, x, a->local, err);
    jl_spw_dispose(&ws_self);
    if (rc == 0 && rq->R) {
        jl_sa_local *pl = jl_xcalloc(n ? n : 1, sizeof *pl);

        rc = jl_sa_local_perm(w, x, rq->R, rq->seed, rq->mode, threads, pl, rq->progress, err);
        for (i = 0; rc == 0 && i < n; i++) {
            a->local[i].ge = pl[i].ge;
            a->local[i].le = pl[i].le;
            a->local[i].p_greater = pl[i].p_greater;
            a->local[i].p_less = pl[i].p_less;
            a->local[i].p_folded = pl[i].p_folded;
            a->local[i].E_sim = pl[i].E_sim;
            a->local[i].V_sim = pl[i].V_sim;
        }
        jl_free(pl);
    }
    return rc;
}

/* The p-value a cluster is judged by: the folded permutation p when there
 * are permutations, else the normal one; adjusted as asked. */
static void clusters(jl_view_autocorr *a, const jl_spw *w, const jl_view_autocorr_req *rq)
{
    size_t i, n = a->n;

    a->p = jl_xmalloc((n ? n : 1) * sizeof *a->p);
    a->p_fdr = jl_xmalloc((n ? n : 1) * sizeof *a->p_fdr);
    a->p_bonferroni = jl_xmalloc((n ? n : 1) * sizeof *a->p_bonferroni);
    a->status = jl_xmalloc(n ? n : 1);
    for (i = 0; i < n; i++)
        a->p[i] = rq->R ? a->local[i].p_folded : a->local[i].p_norm;
    jl_p_adjust_bh(a->p, n, a->p_fdr);
    jl_p_adjust_bonferroni(a->p, n, a->p_bonferroni);
    for (i = 0; i < n; i++) {
        double padj = rq->adjust == JL_ADJUST_FDR          ? a->p_fdr[i]
                      : rq->adjust == JL_ADJUST_BONFERRONI ? a->p_bonferroni[i]
                                                           : a->p[i];

        a->status[i] = w->off[i + 1] == w->off[i] ? JL_SA_ISLAND
                       : padj <= rq->alpha        ? JL_SA_CLUSTER
                                                  : JL_SA_NOT_SIGNIFICANT;
    }
}

static int autocorr_any(jl_view_autocorr *a, const jl_spw *w, const double *x,
                        const jl_view_autocorr_req *rq, jl_err *err)
{
    int rc, threads = rq->threads;
    const jl_spw *wg;
    struct jl_view_autocorr_bg *bg;

    if (threads <= 0) {
        long nc = sysconf(_SC_NPROCESSORS_ONLN);

        threads = nc < 1 ? 1 : nc > 64 ? 64 : (int)nc;
    }
    a->n = w->n;
    a->R = rq->R;
    if ((rc = jl_sa_moran(w, x, &a->test[0], err)) < 0 ||
        (rc = jl_sa_geary(w, x, &a->test[1], err)) < 0)
        return rc;
    a->bg = bg = jl_xcalloc(1, sizeof *bg);
    bg->progress = rq->progress;
    a->has_g = getis_g(a, w, x, &bg->wB, &wg);
    /* One set of shuffles for the three statistics: the counts are those
     * of a run for G on its weights and one for Moran and Geary with the
     * same seed. They start first and run on threads - 1 threads while
     * this one does the local statistics (and the caller, until
     * jl_view_autocorr_finish, what it likes): all threads stay busy. */
    if (rq->R &&
        (rc = jl_sa_global_perm_start(&bg->job, w, a->has_g ? wg : NULL, x, rq->R, rq->seed,
                                      threads,
                                      JL_SA_MORAN | JL_SA_GEARY | (a->has_g ? JL_SA_G : 0), err)) <
            0)
        return rc;
    /* the local permutations on this thread alone, unless it is the only
     * one: the others are the global permutations' */
    if ((rc = local_stats(a, w, x, rq, bg->job && threads > 1 ? 1 : threads, err)) < 0)
        return rc;
    clusters(a, w, rq);
    return JL_OK;
}

void jl_view_autocorr_req_init(jl_view_autocorr_req *rq)
{
    memset(rq, 0, sizeof *rq);
    rq->seed = 1;
    rq->alpha = 0.05;
    rq->mode = JL_PERM_SHARED;
    rq->adjust = JL_ADJUST_FDR;
}

int jl_view_autocorr_start(jl_view_autocorr *out, const jl_spw *w, const double *x,
                           const jl_view_autocorr_req *rq, jl_err *err)
{
    int rc;

    memset(out, 0, sizeof *out);
    rc = autocorr_any(out, w, x, rq, err);
    if (rc < 0)
        jl_view_autocorr_dispose(out);
    return rc;
}

void jl_view_autocorr_finish(jl_view_autocorr *a)
{
    struct jl_view_autocorr_bg *bg = a->bg;

    if (!bg)
        return;
    if (bg->job)
        jl_sa_global_perm_wait(bg->job, a->test, bg->progress);
    bg->job = NULL;
    bg_free(bg);
    a->bg = NULL;
}

int jl_view_autocorr_run(jl_view_autocorr *out, const jl_spw *w, const double *x,
                         const jl_view_autocorr_req *rq, jl_err *err)
{
    int rc = jl_view_autocorr_start(out, w, x, rq, err);

    if (rc == 0)
        jl_view_autocorr_finish(out);
    return rc;
}
