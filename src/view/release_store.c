/*
 * Releases in the store (view/release.h): saving a protected release in
 * one transaction, reading one back as the audit and the export see it,
 * the earlier releases of the same waves, and `release create` whole.
 */
#include "core/alloc.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "view/release.h"
#include "view/release_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void jl_release_now(char *buf, size_t len)
{
    time_t t = time(NULL);
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- saving ---- */

static char *join_codes(jl_arena *A, const jl_rel_area *a)
{
    jl_buf b;
    size_t i;

    jl_buf_init(&b, A, JL_TEXT_MAX);
    for (i = 0; i < a->nbase; i++) {
        if (i)
            jl_buf_putc(&b, '|');
        jl_buf_puts(&b, a->base[i]);
    }
    return (char *)jl_buf_str(&b);
}

static void to_store_cell(jl_store_rel_cell *s, const jl_rel_cell *c)
{
    s->division = c->division;
    s->area = c->area;
    s->wave = c->wave;
    s->grade = c->grade;
    s->sex = c->sex;
    s->scale = c->scale;
    s->kind = c->kind;
    s->cutoff = c->cutoff;
    s->headline = c->headline;
    /* A suppressed cell is stored without numbers whatever it carries. */
    s->n = c->suppressed ? -1 : c->n;
    s->n_scored = c->suppressed ? -1 : c->n_scored;
    s->k = c->suppressed ? -1 : c->k;
    s->pct = c->suppressed ? (double)NAN : c->pct;
    s->ci_low = c->suppressed ? (double)NAN : c->ci_low;
    s->ci_high = c->suppressed ? (double)NAN : c->ci_high;
    s->diff = c->suppressed ? (double)NAN : c->diff;
    s->flag = c->suppressed ? "" : c->flag;
    s->norm_pct = c->norm_pct;
    s->norm_source = c->norm_source;
    s->status = c->suppressed ? "suppressed" : "ok";
    s->reason = jl_rreason_code(c->suppressed ? c->reason : JL_RREASON_NONE);
    s->source = c->source;
}

static int put(long *id, jl_store *st, const jl_view_release *v, jl_err *err)
{
    const jl_release *r = v->r;
    const jl_release_meta *m = &v->meta;
    jl_store_release_data d;
    jl_store_rel_wave *w = jl_xcalloc(r->nwaves + 1, sizeof *w);
    jl_store_rel_group *g = jl_xcalloc(m->ngroups + 1, sizeof *g);
    jl_store_rel_area *a = jl_xcalloc(r->nareas + 1, sizeof *a);
    jl_store_rel_cell *c = jl_xcalloc(r->ncells + 1, sizeof *c);
    jl_store_rel_ind *ix = jl_xcalloc(r->ninds + 1, sizeof *ix);
    jl_arena *A = jl_arena_new();
    size_t i;
    int rc;

    memset(&d, 0, sizeof d);
    d.head.title = r->title;
    d.head.created = r->created;
    d.head.instrument = m->waves[0].instrument;
    d.head.cutset = m->cutset ? m->cutset : "";
    d.head.by_grade = m->by_grade;
    d.head.by_sex = m->by_sex;
    d.head.norm_city = m->norm_city;
    d.head.min_n = r->min_n;
    d.head.min_count = m->min_count;
    d.head.group_disclosure = m->group_disclosure;
    d.head.protection = m->protection;
    d.head.pct_decimals = r->pct_decimals;
    d.head.secondary = m->secondary;
    d.head.instrument_json = m->instrument_json;
    for (i = 0; i < r->nwaves; i++) {
        w[i].name = r->waves[i].name;
        w[i].instrument = m->waves[i].instrument;
        w[i].revision = r->waves[i].revision;
        w[i].grade_complete = r->waves[i].grade_complete;
        w[i].sex_complete = r->waves[i].sex_complete;
        w[i].synthetic = m->waves[i].synthetic;
        w[i].source = m->waves[i].source;
    }
    for (i = 0; i < m->ngroups; i++) {
        g[i].name = m->groups[i].name;
        g[i].division = m->groups[i].division;
    }
    for (i = 0; i < r->nareas; i++) {
        const jl_rel_area *x = &r->areas[i];

        a[i].division = x->division;
        a[i].code = x->code;
        a[i].name = x->name;
        a[i].parent_division = x->parent_division;
        a[i].parent_code = x->parent_code;
        a[i].base_division = x->base_division;
        a[i].base_codes = join_codes(A, x);
    }
    for (i = 0; i < r->ncells; i++)
        to_store_cell(&c[i], &r->cells[i]);
    for (i = 0; i < r->ninds; i++) {
        const jl_rel_indicator *y = &r->inds[i];

        ix[i].indicator = y->indicator;
        ix[i].name = y->name;
        ix[i].unit = y->unit;
        ix[i].division = y->division;
        ix[i].area = y->area;
        ix[i].area_name = y->area_name;
        ix[i].period = y->period;
        ix[i].value = y->value;
        ix[i].status = y->status;
        ix[i].estimated = y->estimated;
        ix[i].source = y->source;
    }
    d.inds = ix;
    d.ninds = r->ninds;
    d.waves = w;
    d.nwaves = r->nwaves;
    d.divisions = m->divisions;
    d.ndivisions = m->ndivisions;
    d.groups = g;
    d.ngroups = m->ngroups;
    d.areas = a;
    d.nareas = r->nareas;
    d.cells = c;
    d.ncells = r->ncells;
    rc = jl_store_release_put(id, st, &d, err);
    jl_arena_free(A);
    jl_free(w);
    jl_free(g);
    jl_free(a);
    jl_free(c);
    jl_free(ix);
    return rc;
}

int jl_view_release_save(jl_view_release *v, jl_store *st, jl_err *err)
{
    long id = 0;
    int rc = jl_store_begin(st, err);

    if (rc < 0)
        return rc;
    rc = put(&id, st, v, err);
    if (rc == 0)
        rc = jl_store_commit(st, err);
    else
        jl_store_rollback(st);
    if (rc < 0)
        return rc;
    v->id = id;
    v->r->id = jl_arena_printf(v->r->arena, "%ld", id);
    return JL_OK;
}

/* ---- loading ---- */

typedef struct ld {
    jl_view_release *v;
    jl_release *r;
    jl_arena *A;
    size_t cap, capm;
    jl_rel_wave_meta *wm;
    const char **divs;
    jl_rel_group *groups;
    long *rev; /* per wave: its revision */
    size_t caprev;
} ld;

static const char *dup(ld *l, const char *s)
{
    return jl_arena_strdup(l->A, s ? s : "");
}

static void head_row(void *ctx, const jl_store_release *h)
{
    ld *l = ctx;
    jl_release_meta *m = &l->v->meta;

    l->v->id = h->id;
    l->r->id = jl_arena_printf(l->A, "%ld", h->id);
    l->r->title = dup(l, h->title);
    l->r->created = dup(l, h->created);
    l->r->min_n = h->min_n;
    l->r->pct_decimals = h->pct_decimals;
    m->withdrawn = dup(l, h->withdrawn);
    m->by_grade = h->by_grade;
    m->by_sex = h->by_sex;
    m->norm_city = h->norm_city;
    m->min_count = h->min_count;
    m->group_disclosure = h->group_disclosure;
    l->r->min_count = h->min_count;
    l->r->no_group_disclosure = !h->group_disclosure;
    l->r->rule_codes = h->rule_codes;
    m->protection = h->protection;
    m->secondary = dup(l, h->secondary);
    m->instrument_json = dup(l, h->instrument_json);
    m->cutset = dup(l, h->cutset);
}

static void wave_row(void *ctx, const jl_store_rel_wave *w)
{
    ld *l = ctx;
    size_t i = l->r->nwaves;

    l->r->waves = jl_xgrow(l->r->waves, &l->cap, i + 1, sizeof *l->r->waves);
    l->wm = jl_xgrow(l->wm, &l->capm, i + 1, sizeof *l->wm);
    l->r->waves[i].name = dup(l, w->name);
    l->r->waves[i].grade_complete = w->grade_complete;
    l->r->waves[i].sex_complete = w->sex_complete;
    l->wm[i].instrument = dup(l, w->instrument);
    l->rev = jl_xgrow(l->rev, &l->caprev, i + 1, sizeof *l->rev);
    l->rev[i] = w->revision;
    l->wm[i].synthetic = w->synthetic;
    l->wm[i].source = dup(l, w->source);
    l->r->nwaves++;
}

static void div_row(void *ctx, const char *s)
{
    ld *l = ctx;
    jl_release_meta *m = &l->v->meta;

    l->divs = jl_xrealloc(l->divs, (m->ndivisions + 1) * sizeof *l->divs);
    l->divs[m->ndivisions++] = dup(l, s);
}

static void group_row(void *ctx, const jl_store_rel_group *g)
{
    ld *l = ctx;
    jl_release_meta *m = &l->v->meta;

    l->groups = jl_xrealloc(l->groups, (m->ngroups + 1) * sizeof *l->groups);
    l->groups[m->ngroups].name = dup(l, g->name);
    l->groups[m->ngroups++].division = dup(l, g->division);
}

static void area_row(void *ctx, const jl_store_rel_area *s)
{
    ld *l = ctx;
    jl_rel_area *a;
    char *codes, *save = NULL, *tok;
    size_t n = 1, i;

    l->r->areas = jl_xgrow(l->r->areas, &l->cap, l->r->nareas + 1, sizeof *l->r->areas);
    a = &l->r->areas[l->r->nareas++];
    memset(a, 0, sizeof *a);
    a->division = dup(l, s->division);
    a->code = dup(l, s->code);
    a->name = dup(l, s->name);
    a->parent_division = dup(l, s->parent_division);
    a->parent_code = dup(l, s->parent_code);
    a->base_division = dup(l, s->base_division);
    a->line = (long)l->r->nareas + 1;
    for (i = 0; s->base_codes[i]; i++)
        n += s->base_codes[i] == '|';
    a->base = jl_arena_alloc(l->A, n * sizeof *a->base);
    codes = jl_arena_strdup(l->A, s->base_codes);
    for (tok = strtok_r(codes, "|", &save); tok; tok = strtok_r(NULL, "|", &save))
        a->base[a->nbase++] = tok;
}

static jl_rreason reason_of(const char *code)
{
    static const jl_rreason all[] = {JL_RREASON_SMALL_GROUP, JL_RREASON_MIN_COUNT,
                                     JL_RREASON_GROUP_DISCLOSURE, JL_RREASON_SECONDARY};
    size_t i;

    for (i = 0; i < sizeof all / sizeof all[0]; i++)
        if (!strcmp(code, jl_rreason_code(all[i])))
            return all[i];
    return JL_RREASON_SECONDARY; /* unknown: hidden all the same */
}

static void cell_row(void *ctx, const jl_store_rel_cell *s)
{
    ld *l = ctx;
    jl_rel_cell *c;

    l->r->cells = jl_xgrow(l->r->cells, &l->cap, l->r->ncells + 1, sizeof *l->r->cells);
    c = &l->r->cells[l->r->ncells++];
    memset(c, 0, sizeof *c);
    c->division = dup(l, s->division);
    c->area = dup(l, s->area);
    c->wave = dup(l, s->wave);
    c->grade = dup(l, s->grade);
    c->sex = dup(l, s->sex);
    c->scale = dup(l, s->scale);
    c->kind = dup(l, s->kind);
    c->cutoff = dup(l, s->cutoff);
    c->headline = s->headline;
    c->n = s->n;
    c->n_scored = s->n_scored;
    c->k = s->k;
    c->pct = s->pct;
    c->pct_half = isnan(s->pct) ? 0 : jl_release_pct_half(l->r->pct_decimals);
    c->ci_low = s->ci_low;
    c->ci_high = s->ci_high;
    c->norm_pct = s->norm_pct;
    c->norm_source = dup(l, s->norm_source);
    c->diff = s->diff;
    c->flag = dup(l, s->flag);
    c->source = dup(l, s->source);
    c->suppressed = strcmp(s->status, "ok") != 0;
    c->reason = c->suppressed ? reason_of(s->reason) : JL_RREASON_NONE;
    c->line = (long)l->r->ncells + 1;
}

static void ind_row(void *ctx, const jl_store_rel_ind *y)
{
    ld *l = ctx;
    jl_rel_indicator *x;

    l->r->inds = jl_xgrow(l->r->inds, &l->cap, l->r->ninds + 1, sizeof *l->r->inds);
    x = &l->r->inds[l->r->ninds++];
    x->indicator = dup(l, y->indicator);
    x->name = dup(l, y->name);
    x->unit = dup(l, y->unit);
    x->division = dup(l, y->division);
    x->area = dup(l, y->area);
    x->area_name = dup(l, y->area_name);
    x->period = dup(l, y->period);
    x->value = y->value;
    x->status = dup(l, y->status);
    x->estimated = dup(l, y->estimated);
    x->source = dup(l, y->source);
}

int jl_rb_wave_changes(jl_release *r, const jl_rel_wave_meta *wm, const long *revision,
                       jl_store *st, jl_err *err)
{
    size_t i;

    for (i = 0; i < r->nwaves; i++) {
        jl_wave_change *ch = NULL;
        jl_rel_change *out;
        size_t n, j;
        int rc;

        r->waves[i].revision = revision[i];
        r->waves[i].changes = NULL;
        r->waves[i].nchanges = 0;
        if (revision[i] < 2)
            continue;
        rc = jl_store_wave_changes(&ch, &n, st, wm[i].instrument, r->waves[i].name, revision[i],
                                   err);
        if (rc < 0)
            return rc;
        out = jl_arena_alloc(r->arena, (n + 1) * sizeof *out);
        for (j = 0; j < n; j++) {
            out[j].revision = ch[j].revision;
            out[j].added = ch[j].added;
            out[j].removed = ch[j].removed;
        }
        r->waves[i].changes = out;
        r->waves[i].nchanges = n;
        jl_free(ch);
    }
    return JL_OK;
}

int jl_view_release_load(jl_view_release *v, jl_store *st, long id, jl_err *err)
{
    ld l;
    int rc;

    memset(v, 0, sizeof *v);
    memset(&l, 0, sizeof l);
    l.v = v;
    l.r = v->r = jl_xcalloc(1, sizeof *v->r);
    l.A = l.r->arena = jl_arena_new();
    l.r->dir = "";
    l.r->cells_path = jl_arena_printf(l.A, "release %ld: cells.csv", id);
    l.r->areas_path = jl_arena_printf(l.A, "release %ld: areas.csv", id);
    rc = jl_store_release_get(st, id, head_row, &l, err);
    if (rc == 0)
        rc = jl_store_release_waves(st, id, wave_row, &l, err);
    if (rc == 0)
        rc = jl_store_release_divisions(st, id, div_row, &l, err);
    if (rc == 0)
        rc = jl_store_release_groups(st, id, group_row, &l, err);
    l.cap = 0;
    if (rc == 0)
        rc = jl_store_release_areas(st, id, area_row, &l, err);
    l.cap = 0;
    if (rc == 0)
        rc = jl_store_release_cells(st, id, cell_row, &l, err);
    l.cap = 0;
    if (rc == 0)
        rc = jl_store_release_indicators(st, id, ind_row, &l, err);
    /* The meta's arrays move into the arena, which the release frees. */
    if (l.wm) {
        jl_rel_wave_meta *wm = jl_arena_alloc(l.A, l.r->nwaves * sizeof *wm);

        memcpy(wm, l.wm, l.r->nwaves * sizeof *wm);
        v->meta.waves = wm;
        if (rc == 0)
            rc = jl_rb_wave_changes(l.r, wm, l.rev, st, err);
    }
    if (l.divs) {
        const char **d = jl_arena_alloc(l.A, v->meta.ndivisions * sizeof *d);

        memcpy(d, l.divs, v->meta.ndivisions * sizeof *d);
        v->meta.divisions = d;
    }
    if (l.groups) {
        jl_rel_group *g = jl_arena_alloc(l.A, v->meta.ngroups * sizeof *g);

        memcpy(g, l.groups, v->meta.ngroups * sizeof *g);
        v->meta.groups = g;
    }
    jl_free(l.wm);
    jl_free(l.rev);
    jl_free(l.divs);
    jl_free(l.groups);
    if (rc < 0)
        jl_view_release_dispose(v);
    return rc;
}

/* ---- earlier releases and creation ---- */

typedef struct ids {
    long *v;
    size_t n, cap;
} ids;

static void id_row(void *ctx, long id)
{
    ids *x = ctx;
    size_t i;

    for (i = 0; i < x->n; i++)
        if (x->v[i] == id)
            return;
    x->v = jl_xgrow(x->v, &x->cap, x->n + 1, sizeof *x->v);
    x->v[x->n++] = id;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;

    return x < y ? -1 : x > y;
}

int jl_view_release_earlier(jl_release ***out, size_t *n, jl_store *st, const jl_view_release *v,
                            jl_err *err)
{
    ids x;
    size_t i;
    int rc = 0;

    memset(&x, 0, sizeof x);
    *out = NULL;
    *n = 0;
    for (i = 0; rc == 0 && i < v->r->nwaves; i++)
        rc = jl_store_release_ids_of_wave(st, v->meta.waves[i].instrument, v->r->waves[i].name,
                                          id_row, &x, err);
    if (x.n)
        qsort(x.v, x.n, sizeof *x.v, cmp_long);
    *out = jl_xcalloc(x.n + 1, sizeof **out);
    for (i = 0; rc == 0 && i < x.n; i++) {
        jl_view_release e;

        if (x.v[i] == v->id)
            continue;
        rc = jl_view_release_load(&e, st, x.v[i], err);
        if (rc == 0)
            (*out)[(*n)++] = e.r; /* the meta lives in its arena; only r is kept */
    }
    jl_free(x.v);
    if (rc < 0) {
        for (i = 0; i < *n; i++)
            jl_release_free((*out)[i]);
        jl_free(*out);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

int jl_view_release_create(jl_view_release *v, jl_store *st, const jl_view_release_req *req,
                           const jl_protect_opts *o, jl_protect_stats *stats,
                           jl_audit_result *audit, jl_err *err)
{
    int rc;

    memset(audit, 0, sizeof *audit);
    memset(stats, 0, sizeof *stats);
    rc = jl_view_release_build(v, st, req, o, err);
    if (rc == 0)
        rc = jl_view_release_earlier(&v->earlier, &v->nearlier, st, v, err);
    if (rc == 0)
        rc = jl_release_protect(v->r, (jl_release *const *)v->earlier, v->nearlier, o, stats,
                                audit, err);
    if (rc == 0 && audit->pass)
        rc = jl_view_release_save(v, st, err);
    return rc;
}
