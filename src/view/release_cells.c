/*
 * A stored release as a cell table (view/release_cells.h): the web's one
 * way to survey figures (issue 19).
 */
#include "core/alloc.h"
#include "core/i18n.h"
#include "view/profile.h"
#include "view/release_cells.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the latest release of an area ---- */

typedef struct latest {
    long *ids;
    size_t n, cap;
    const char *division, *code;
    int found;
} latest;

static void release_row(void *ctx, const jl_store_release *r)
{
    latest *l = ctx;

    if (*r->withdrawn)
        return;
    l->ids = jl_xgrow(l->ids, &l->cap, l->n + 1, sizeof *l->ids);
    l->ids[l->n++] = r->id;
}

static void area_row(void *ctx, const jl_store_rel_area *a)
{
    latest *l = ctx;

    if (!strcmp(a->division, l->division) && !strcmp(a->code, l->code))
        l->found = 1;
}

int jl_view_release_latest_for(long *id, jl_store *st, const char *division, const char *code,
                               jl_err *err)
{
    latest l;
    size_t i;
    int rc;

    memset(&l, 0, sizeof l);
    l.division = division;
    l.code = code;
    *id = 0;
    rc = jl_store_release_list(st, release_row, &l, err);
    /* The list is by id: the newest is the last. */
    for (i = l.n; rc == 0 && i-- > 0 && !l.found;) {
        rc = jl_store_release_areas(st, l.ids[i], area_row, &l, err);
        if (l.found)
            *id = l.ids[i];
    }
    jl_free(l.ids);
    if (rc < 0)
        return rc;
    if (!l.found)
        return jl_err_set(err, JL_ENOTFOUND, _("no release holds area %s of division %s"), code,
                          division);
    return JL_OK;
}

const char *jl_view_release_wave_before(const jl_view_release *v, const char *wave)
{
    size_t i;

    for (i = 1; i < v->r->nwaves; i++)
        if (!strcmp(v->r->waves[i].name, wave))
            return v->r->waves[i - 1].name;
    return NULL;
}

/* ---- the instrument ---- */

static char *dup_json(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));

    return jl_xstrdup(s ? s : "");
}

/* The cut-offs of one scale of the manifest's "instrument" onto sc. */
static void cutoffs_of(jl_scale *sc, json_t *cuts)
{
    size_t q, n = json_array_size(cuts);

    jl_scale_clear_cutoffs(sc);
    sc->cut = jl_xcalloc(n ? n : 1, sizeof *sc->cut);
    for (q = 0; q < n; q++) {
        json_t *co = json_array_get(cuts, q), *np = json_object_get(co, "norm_pct");
        jl_cutoff *c = &sc->cut[q];

        c->name = dup_json(co, "name");
        c->label = jl_xstrdup("");
        c->source = jl_xstrdup("");
        c->norm_source = dup_json(co, "norm_source");
        c->norm_version = jl_xstrdup("");
        c->value = json_number_value(json_object_get(co, "value"));
        c->headline = json_is_true(json_object_get(co, "headline"));
        c->norm_pct = json_is_number(np) ? json_number_value(np) : (double)NAN;
    }
    sc->ncut = n;
}

/* The store's instrument with the cut-offs and norms the release was
 * made with: names, kinds and themes need the store, the figures must be
 * the release's. */
static int instrument_of(jl_instrument **out, jl_store *st, const char *id, const char *json,
                         jl_err *err)
{
    char *text = NULL;
    jl_diag d;
    json_t *o, *scales;
    size_t i;
    int rc;

    *out = NULL;
    rc = jl_store_instrument_text(&text, st, id, err);
    if (rc < 0)
        return rc;
    jl_diag_init(&d, id);
    rc = jl_instrument_parse(out, text, strlen(text), &d);
    jl_diag_dispose(&d);
    jl_free(text);
    if (rc < 0)
        return jl_err_set(err, JL_EINPUT, _("the stored instrument %s cannot be read"), id);
    o = json_loads(json ? json : "", 0, NULL);
    scales = json_object_get(o, "scales");
    if (!json_is_array(scales)) {
        json_decref(o);
        return JL_OK; /* the store's cut-offs, as a release before the manifest's had them */
    }
    for (i = 0; i < (*out)->nscales; i++)
        jl_scale_clear_cutoffs(&(*out)->scales[i]);
    for (i = 0; i < json_array_size(scales); i++) {
        json_t *s = json_array_get(scales, i);
        long k = jl_instrument_scale(*out, json_string_value(json_object_get(s, "id")));

        if (k >= 0)
            cutoffs_of(&(*out)->scales[k], json_object_get(s, "cutoffs"));
    }
    json_decref(o);
    return JL_OK;
}

/* ---- the table ---- */

static long grade_of(const char *s)
{
    int g;

    if (!strcmp(s, "T"))
        return JL_NGRADES;
    for (g = 0; g < JL_NGRADES; g++)
        if (!strcmp(s, jl_grade_name(g)))
            return g;
    return -1;
}

static long sex_of(const char *s)
{
    int x;

    if (!strcmp(s, "T"))
        return JL_NSEXES;
    for (x = 0; x < JL_NSEXES; x++)
        if (!strcmp(s, jl_sex_name(x)))
            return x;
    return -1;
}

jl_cell_reason jl_view_release_reason(jl_rreason r)
{
    /* a face shows what is published: never the rule (export.h) */
    return r == JL_RREASON_NONE ? JL_REASON_NONE : JL_REASON_CONFIDENTIAL;
}

/* The jl_flag behind a published verdict ("worse", "better", ""). */
static uint8_t flag_of(const char *verdict, jl_kind kind)
{
    int worse = !strcmp(verdict, "worse");

    if (!worse && strcmp(verdict, "better") != 0)
        return JL_FLAG_NONE;
    return worse == (kind != JL_KIND_PROTECTIVE) ? JL_FLAG_HIGH : JL_FLAG_LOW;
}

static int is_group(const jl_view_release *v, const char *division, const char *code)
{
    size_t i;

    for (i = 0; i < v->meta.ngroups; i++)
        if (!strcmp(v->meta.groups[i].division, division) && !strcmp(v->meta.groups[i].name, code))
            return 1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The areas of the table: the group alone, or the division's areas that
 * are no group, sorted, with their names. */
static void areas_of(jl_cell_table *t, const jl_view_release *v, const char *group)
{
    const jl_release *r = v->r;
    size_t i, cap = 0;
    long ai;

    for (i = 0; i < r->nareas; i++) {
        const jl_rel_area *a = &r->areas[i];

        if (strcmp(a->division, t->division) != 0)
            continue;
        if (group ? strcmp(a->code, group) != 0 : is_group(v, a->division, a->code))
            continue;
        t->codes = jl_xgrow(t->codes, &cap, t->nareas + 1, sizeof *t->codes);
        t->codes[t->nareas++] = jl_xstrdup(a->code);
    }
    if (t->nareas > 1)
        qsort(t->codes, t->nareas, sizeof *t->codes, cmp_str);
    t->names = jl_xcalloc(t->nareas ? t->nareas : 1, sizeof *t->names);
    for (i = 0; i < r->nareas; i++) {
        const jl_rel_area *a = &r->areas[i];

        if (!group && !strcmp(a->division, t->division) && *a->name &&
            (ai = jl_cell_table_area(t, a->code)) >= 0 && !t->names[ai])
            t->names[ai] = jl_xstrdup(a->name);
    }
}

static void counts_alloc(jl_counts *c, size_t nareas, size_t nscales, size_t ncut)
{
    size_t ngrp = nareas * (JL_NGRADES + 1) * (JL_NSEXES + 1) + 1;

    c->nareas = nareas;
    c->ngrades = JL_NGRADES;
    c->nsexes = JL_NSEXES;
    c->nscales = nscales;
    c->ncut = ncut;
    /* one group more than needed: nothing is ever 0 bytes */
    c->n = jl_xcalloc(ngrp, sizeof *c->n);
    c->n_scored = jl_xcalloc(ngrp * (nscales + 1), sizeof *c->n_scored);
    c->k = jl_xcalloc(ngrp * (nscales + 1) * ncut, sizeof *c->k);
}

int jl_view_release_cell_at(jl_rel_cell_at *at, const jl_cell_table *t, const jl_rel_cell *c)
{
    const jl_scale *sc;

    at->area = -1;
    if (strcmp(c->division, JL_RELEASE_CITY) &&
        (strcmp(c->division, t->division) || (at->area = jl_cell_table_area(t, c->area)) < 0))
        return 0;
    at->grade = grade_of(c->grade);
    at->sex = sex_of(c->sex);
    at->scale = jl_instrument_scale(t->in, c->scale);
    if (at->grade < 0 || at->sex < 0 || at->scale < 0)
        return 0;
    sc = &t->in->scales[at->scale];
    for (at->cut = 0; at->cut < sc->ncut && strcmp(sc->cut[at->cut].name, c->cutoff); at->cut++)
        ;
    if (at->cut == sc->ncut)
        return 0;
    at->index = jl_cell_table_index(t, at->area, (size_t)at->grade, (size_t)at->sex,
                                    (size_t)at->scale, at->cut);
    return 1;
}

/* One release cell into the table, if the table has it. */
static void put_cell(jl_cell_table *t, const jl_rel_cell *c)
{
    jl_rel_cell_at where;
    long ai, g, s, k;
    size_t q, grp, base, at;
    jl_counts *cn;
    const jl_scale *sc;

    if (!jl_view_release_cell_at(&where, t, c))
        return;
    ai = where.area;
    g = where.grade;
    s = where.sex;
    k = where.scale;
    q = where.cut;
    at = where.index;
    sc = &t->in->scales[k];
    if (g < JL_NGRADES)
        t->grade_present[g] = 1;
    t->hide[at] = (uint8_t)(c->suppressed ? jl_view_release_reason(c->reason) : JL_REASON_NONE);
    t->flags[at] = c->suppressed ? (uint8_t)JL_FLAG_NONE : flag_of(c->flag, sc->kind);
    if (c->suppressed)
        return;
    cn = ai < 0 ? &t->city : &t->counts;
    grp = jl_counts_group(cn, ai < 0 ? 0 : (size_t)ai, (size_t)g, (size_t)s);
    base = grp * cn->nscales + (size_t)k;
    if (c->n >= 0)
        cn->n[grp] = (uint32_t)c->n;
    if (c->n_scored >= 0)
        cn->n_scored[base] = (uint32_t)c->n_scored;
    if (c->k >= 0)
        cn->k[base * cn->ncut + q] = (uint32_t)c->k;
}

int jl_view_cells_of_release(jl_cell_table *t, jl_store *st, const jl_view_release *v,
                             const char *wave, const char *division, const char *group,
                             jl_err *err)
{
    const jl_release *r = v->r;
    size_t i, w, ncut = 1, total;
    int rc;

    memset(t, 0, sizeof *t);
    if (!r->nwaves)
        return jl_err_set(err, JL_ENOTFOUND, _("release %ld has no wave"), v->id);
    for (w = 0; wave && w < r->nwaves && strcmp(r->waves[w].name, wave); w++)
        ;
    if (!wave)
        w = r->nwaves - 1;
    if (w == r->nwaves)
        return jl_err_set(err, JL_ENOTFOUND, _("release %ld has no wave %s"), v->id, wave);
    for (i = 0; i < v->meta.ndivisions && strcmp(v->meta.divisions[i], division); i++)
        ;
    if (i == v->meta.ndivisions && strcmp(division, JL_RELEASE_CITY) != 0)
        return jl_err_set(err, JL_ENOTFOUND, _("release %ld has no division %s"), v->id,
                          division);
    rc = instrument_of(&t->in, st, v->meta.waves[w].instrument, v->meta.instrument_json, err);
    if (rc < 0) {
        jl_cell_table_dispose(t);
        return rc;
    }
    snprintf(t->w.name, sizeof t->w.name, "%s", r->waves[w].name);
    snprintf(t->w.instrument, sizeof t->w.instrument, "%s", v->meta.waves[w].instrument);
    snprintf(t->w.source, sizeof t->w.source, "%s",
             v->meta.waves[w].source ? v->meta.waves[w].source : "");
    t->w.synthetic = v->meta.waves[w].synthetic;
    t->w.revision = r->waves[w].revision;
    snprintf(t->cutset, sizeof t->cutset, "%s", v->meta.cutset ? v->meta.cutset : "");
    t->division = jl_xstrdup(division);
    t->norm_city = v->meta.norm_city;
    t->adjust = JL_CELLS_BH;
    t->min_n = r->min_n > 0 ? (unsigned long)r->min_n : JL_RELEASE_MIN_N;
    t->rules.min_n = t->min_n;
    t->rules.min_count = v->meta.min_count;
    t->rules.no_group_disclosure = !v->meta.group_disclosure;
    areas_of(t, v, group);
    for (i = 0; i < t->in->nscales; i++)
        if (t->in->scales[i].ncut > ncut)
            ncut = t->in->scales[i].ncut;
    counts_alloc(&t->counts, t->nareas, t->in->nscales, ncut);
    counts_alloc(&t->city, 1, t->in->nscales, ncut);
    total = (t->nareas + 1) * (JL_NGRADES + 1) * (JL_NSEXES + 1) * t->in->nscales * ncut;
    /* What the release does not hold stays hidden: nobody protected it. */
    t->hide = jl_xmalloc(total ? total : 1);
    memset(t->hide, JL_REASON_CONFIDENTIAL, total);
    t->flags = jl_xcalloc(total ? total : 1, 1);
    for (i = 0; i < r->ncells; i++)
        if (!strcmp(r->cells[i].wave, t->w.name))
            put_cell(t, &r->cells[i]);
    return JL_OK;
}

int jl_view_cells_from_release(jl_cell_table *t, jl_store *st, long release_id, const char *wave,
                               const char *division, const char *group, jl_err *err)
{
    jl_view_release v;
    int rc;

    memset(t, 0, sizeof *t);
    rc = jl_view_release_load(&v, st, release_id, err);
    if (rc == 0)
        rc = jl_view_cells_of_release(t, st, &v, wave, division, group, err);
    jl_view_release_dispose(&v);
    return rc;
}

/* ---- the list of releases ---- */

typedef struct rows_ctx {
    jl_view_release_rows *l;
    size_t cap;
    jl_view_release_row *at;
    size_t wcap, dcap;
} rows_ctx;

static void list_row(void *ctx, const jl_store_release *r)
{
    rows_ctx *c = ctx;
    jl_view_release_row *x;

    c->l->r = jl_xgrow(c->l->r, &c->cap, c->l->n + 1, sizeof *c->l->r);
    x = &c->l->r[c->l->n++];
    memset(x, 0, sizeof *x);
    x->id = r->id;
    x->title = jl_xstrdup(r->title ? r->title : "");
    x->created = jl_xstrdup(r->created ? r->created : "");
    x->withdrawn = jl_xstrdup(r->withdrawn ? r->withdrawn : "");
}

static void list_wave(void *ctx, const jl_store_rel_wave *w)
{
    rows_ctx *c = ctx;

    c->at->waves = jl_xgrow(c->at->waves, &c->wcap, c->at->nwaves + 1, sizeof *c->at->waves);
    c->at->waves[c->at->nwaves++] = jl_xstrdup(w->name);
}

static void list_div(void *ctx, const char *d)
{
    rows_ctx *c = ctx;

    c->at->divisions =
        jl_xgrow(c->at->divisions, &c->dcap, c->at->ndivisions + 1, sizeof *c->at->divisions);
    c->at->divisions[c->at->ndivisions++] = jl_xstrdup(d);
}

int jl_view_release_rows_load(jl_view_release_rows *out, jl_store *st, jl_err *err)
{
    rows_ctx c;
    size_t i;
    int rc;

    memset(out, 0, sizeof *out);
    memset(&c, 0, sizeof c);
    c.l = out;
    rc = jl_store_release_list(st, list_row, &c, err);
    for (i = 0; rc == 0 && i < out->n; i++) {
        c.at = &out->r[i];
        c.wcap = c.dcap = 0;
        rc = jl_store_release_waves(st, out->r[i].id, list_wave, &c, err);
        if (rc == 0)
            rc = jl_store_release_divisions(st, out->r[i].id, list_div, &c, err);
    }
    if (rc < 0)
        jl_view_release_rows_dispose(out);
    return rc;
}

void jl_view_release_rows_dispose(jl_view_release_rows *l)
{
    size_t i, j;

    for (i = 0; i < l->n; i++) {
        jl_view_release_row *x = &l->r[i];

        for (j = 0; j < x->nwaves; j++)
            jl_free(x->waves[j]);
        for (j = 0; j < x->ndivisions; j++)
            jl_free(x->divisions[j]);
        jl_free(x->waves);
        jl_free(x->divisions);
        jl_free(x->title);
        jl_free(x->created);
        jl_free(x->withdrawn);
    }
    jl_free(l->r);
    memset(l, 0, sizeof *l);
}

/* ---- the views a face of releases needs ---- */

long jl_release_headline_of(const jl_scale *sc)
{
    return jl_view_headline_of(sc);
}

int jl_release_priorities(jl_prio_list *out, const jl_cell_table *t, const jl_cell_table *prev,
                          const char *code, jl_err *err)
{
    return jl_view_priorities(out, t, prev, code, err);
}

int jl_release_change(jl_cell_change *out, const jl_cell *a, const jl_cell *b, jl_kind kind,
                      jl_err *err)
{
    return jl_cell_change_of(out, a, b, kind, err);
}
