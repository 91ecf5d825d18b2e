/*
 * Building a release's cells and areas (view/release.h): each wave's cell
 * table per named division and group from jl_view_cells, the city summed
 * from the base units, and every area as the base units under it by the
 * parent links. Storing, loading and creating are in release_store.c.
 */
#include "view/release.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/strmap.h"
#include "release/suppress.h"
#include "view/areas.h"
#include "view/cells.h"
#include "view/release_int.h"
#include "view/survey.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How one division's areas are made of base units. */
typedef struct divmap {
    const char *division;
    const char **up;   /* per base unit: its area in this division, or NULL */
    const char *parent_division;
    jl_strmap *ix;     /* area code -> position in names and parents */
    const char **names, **parents;
    size_t n, cap;
} divmap;

typedef struct bld {
    jl_store *st;
    const jl_view_release_req *req;
    jl_release *r;
    jl_release_meta *m;
    jl_arena *A;
    size_t capc, capa;
    char base[JL_MAX_ID + 1];
    const char **bases; /* sorted */
    size_t nbases, capb;
    jl_strmap *base_ix;
    divmap *dm;         /* the named divisions, then each group's division */
    size_t ndm;
    jl_strmap *area_ix; /* "division\tcode" -> area */
    int *area_kind;     /* per area: 0 an area of a division, 1 a group, 2 the city */
    jl_strmap *intern;
    const char **istr;
    size_t ni, capi;
    jl_wave_info *w;
    long min_n;
} bld;

/* One copy in the release's arena per distinct string. */
static const char *in(bld *b, const char *s)
{
    size_t i;

    s = s ? s : "";
    if (jl_strmap_get(b->intern, s, &i))
        return b->istr[i];
    b->istr = jl_xgrow(b->istr, &b->capi, b->ni + 1, sizeof *b->istr);
    b->istr[b->ni] = jl_arena_strdup(b->A, s);
    jl_strmap_put(b->intern, s, b->ni, NULL);
    return b->istr[b->ni++];
}

static void add_base(bld *b, const char *code)
{
    if (!*code || jl_strmap_get(b->base_ix, code, NULL))
        return;
    jl_strmap_put(b->base_ix, code, b->nbases, NULL);
    b->bases = jl_xgrow(b->bases, &b->capb, b->nbases + 1, sizeof *b->bases);
    b->bases[b->nbases++] = in(b, code);
}

static void base_area_row(void *ctx, const jl_store_area *a)
{
    add_base(ctx, a->code);
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* ---- the base division and the check of the respondents' codes ---- */

/* The i-th of the tab-separated column names of w into out. */
static int column(char out[JL_MAX_ID + 1], const jl_wave_info *w, size_t i)
{
    const char *s = w->divisions;
    size_t len;

    while (i-- > 0) {
        s = strchr(s, '\t');
        if (!s)
            return 0;
        s++;
    }
    if (!*s)
        return 0;
    len = strcspn(s, "\t");
    snprintf(out, JL_MAX_ID + 1, "%.*s", (int)len, s);
    return 1;
}

/* 1 when division d is the column c or above it. */
static int reaches(bld *b, const char *c, const char *d, jl_err *err)
{
    return !strcmp(c, d) ? 1 : jl_view_division_above(b->st, d, c, err);
}

/* The finest column of w from which every named division and group
 * division is reached: the one with the most other columns above it. */
static int choose_base(char out[JL_MAX_ID + 1], bld *b, const jl_wave_info *w, jl_err *err)
{
    char c[JL_MAX_ID + 1], o[JL_MAX_ID + 1];
    size_t i, j, d;
    long best = -1;
    int rc;

    for (i = 0; column(c, w, i); i++) {
        long above = 0;
        int ok = 1;

        for (d = 0; d < b->ndm && ok; d++) {
            rc = reaches(b, c, b->dm[d].division, err);
            if (rc < 0)
                return rc;
            ok = rc;
        }
        for (j = 0; ok && column(o, w, j); j++) {
            rc = j == i ? 0 : jl_view_division_above(b->st, o, c, err);
            if (rc < 0)
                return rc;
            above += rc;
        }
        if (ok && above > best) {
            best = above;
            snprintf(out, JL_MAX_ID + 1, "%s", c);
        }
    }
    if (best < 0)
        return jl_err_set(err, JL_EINPUT,
                          _("wave %s has no area column below every division and group of the "
                            "release"),
                          w->name);
    return JL_OK;
}

/* Compares each respondent's code in column ci with the parent links of
 * its base code (column bi) up to division div; problems into list. */
static int check_column(size_t *nbad, jl_buf *list, bld *b, const jl_respondents *rs, size_t bi,
                        size_t ci, const char *div, jl_err *err)
{
    char **codes = NULL;
    jl_strmap *map = NULL, *seen = jl_strmap_new();
    size_t n = 0, i, k;
    int rc = jl_view_parent_map(&codes, &n, &map, NULL, b->st, b->base, div, err);

    for (i = 0; rc == 1 && i < rs->n; i++) {
        const char *bc = rs->areas[i * rs->ndiv + bi], *got = rs->areas[i * rs->ndiv + ci];
        const char *want = *bc && jl_strmap_get(map, bc, &k) ? codes[k] : "";
        char key[2 * JL_MAX_ID + 8];

        if (!strcmp(want, got))
            continue;
        (*nbad)++;
        snprintf(key, sizeof key, "%s\t%s", bc, got);
        if (jl_strmap_size(seen) < 5 && jl_strmap_put(seen, key, 0, NULL)) {
            if (list->len)
                jl_buf_puts(list, "; ");
            jl_buf_printf(list, _("%s %s in %s %s, the links say %s"), b->base, *bc ? bc : "-",
                          div, *got ? got : "-", *want ? want : "-");
        }
    }
    for (i = 0; i < n; i++)
        jl_free(codes[i]);
    jl_free(codes);
    jl_strmap_free(map);
    jl_strmap_free(seen);
    return rc < 0 ? rc : JL_OK;
}

/* Refuses a wave whose respondents' coarser codes disagree with the
 * parent links of their base code, naming them; gathers the base codes. */
static int check_wave(bld *b, const jl_wave_info *w, size_t nitems, jl_err *err)
{
    jl_respondents rs;
    char c[JL_MAX_ID + 1];
    size_t bi = 0, ci, i, nbad = 0;
    jl_buf list;
    int rc;

    rc = jl_store_respondents_load(&rs, b->st, w, nitems, 0, err);
    if (rc < 0)
        return rc;
    while (column(c, w, bi) && strcmp(c, b->base))
        bi++;
    for (i = 0; i < rs.n; i++)
        add_base(b, rs.areas[i * rs.ndiv + bi]);
    jl_buf_init(&list, NULL, 4096);
    for (ci = 0; rc == 0 && column(c, w, ci); ci++) {
        if (ci == bi)
            continue;
        rc = jl_view_division_above(b->st, c, b->base, err);
        if (rc == 1)
            rc = check_column(&nbad, &list, b, &rs, bi, ci, c, err);
    }
    if (rc == 0 && nbad)
        rc = jl_err_set(err, JL_EINPUT,
                        _("wave %s: %zu respondents' coarser area codes disagree with the parent "
                          "links of their %s area (%s): correct the file or the links"),
                        w->name, nbad, b->base, jl_buf_str(&list));
    jl_buf_dispose(&list);
    jl_respondents_dispose(&rs);
    return rc;
}

/* ---- divisions as unions of base units ---- */

/* Names and parent codes of a division's areas, interned as they come
 * (the store's strings are borrowed for the call). */
typedef struct dm_ctx {
    bld *b;
    divmap *d;
} dm_ctx;

static void dm_area_row(void *ctx, const jl_store_area *a)
{
    dm_ctx *x = ctx;
    divmap *d = x->d;

    d->names = jl_xgrow(d->names, &d->cap, d->n + 1, sizeof *d->names);
    d->parents = jl_xrealloc(d->parents, d->cap * sizeof *d->parents);
    d->names[d->n] = in(x->b, a->name);
    d->parents[d->n] = in(x->b, a->parent);
    jl_strmap_put(d->ix, a->code, d->n++, NULL);
}

static void dm_div_row(void *ctx, const jl_store_division *d)
{
    dm_ctx *x = ctx;

    x->d->parent_division = in(x->b, d->parent);
}

/* Each base unit's area in d's division (through the parent links), and
 * the division's stored names and parents. */
static int dm_fill(bld *b, divmap *d, jl_err *err)
{
    char **codes = NULL;
    jl_strmap *map = NULL;
    dm_ctx x = {b, d};
    size_t n = 0, i, k;
    int rc = 1;

    d->up = jl_arena_alloc(b->A, (b->nbases ? b->nbases : 1) * sizeof *d->up);
    if (strcmp(d->division, b->base))
        rc = jl_view_parent_map(&codes, &n, &map, NULL, b->st, b->base, d->division, err);
    for (i = 0; rc == 1 && i < b->nbases; i++)
        d->up[i] = !map ? b->bases[i]
                        : jl_strmap_get(map, b->bases[i], &k) ? in(b, codes[k]) : NULL;
    for (i = 0; i < n; i++)
        jl_free(codes[i]);
    jl_free(codes);
    jl_strmap_free(map);
    if (rc == 0)
        return jl_err_set(err, JL_EINPUT, _("division %s is not above %s"), d->division, b->base);
    if (rc < 0)
        return rc;
    d->parent_division = "";
    d->ix = jl_strmap_new();
    rc = jl_store_division_get(b->st, d->division, dm_div_row, &x, err);
    if (rc == JL_ENOTFOUND) {
        jl_err_clear(err);
        rc = JL_OK;
    }
    if (rc == 0)
        rc = jl_store_area_each(b->st, d->division, dm_area_row, &x, err);
    return rc;
}

static void dm_dispose(divmap *d)
{
    jl_strmap_free(d->ix);
    jl_free(d->names);
    jl_free(d->parents);
}

/* ---- cells and areas ---- */

static int add_area(bld *b, const char *div, const char *code, const char *name,
                    const divmap *d, const jl_strmap *members, int kind, size_t pos, jl_err *err)
{
    char key[2 * JL_MAX_ID + 140];
    jl_rel_area *a;
    size_t i, idx;

    snprintf(key, sizeof key, "%s\t%s", div, code);
    if (jl_strmap_get(b->area_ix, key, &idx)) {
        if (b->area_kind[idx] != kind)
            return jl_err_set(err, JL_EINPUT,
                              _("group %s has the code of an area of %s: rename the group"),
                              code, div);
        return JL_OK;
    }
    jl_strmap_put(b->area_ix, key, b->r->nareas, NULL);
    b->r->areas = jl_xgrow(b->r->areas, &b->capa, b->r->nareas + 1, sizeof *b->r->areas);
    b->area_kind = jl_xrealloc(b->area_kind, b->capa * sizeof *b->area_kind);
    b->area_kind[b->r->nareas] = kind;
    a = &b->r->areas[b->r->nareas++];
    memset(a, 0, sizeof *a);
    a->division = in(b, div);
    a->code = in(b, code);
    a->name = in(b, name);
    a->parent_division = a->parent_code = "";
    a->base_division = in(b, b->base);
    a->line = (long)pos; /* the order until sorted; then the line in areas.csv */
    if (kind == 0 && jl_strmap_get(d->ix, code, &idx) && *d->parents[idx]) {
        a->parent_division = d->parent_division;
        a->parent_code = d->parents[idx];
    }
    a->base = jl_arena_alloc(b->A, (b->nbases ? b->nbases : 1) * sizeof *a->base);
    for (i = 0; i < b->nbases; i++) {
        int inside = kind == 2 || (d->up[i] && (members ? jl_strmap_get(members, d->up[i], NULL)
                                                        : !strcmp(d->up[i], code)));

        if (inside)
            a->base[a->nbase++] = b->bases[i];
    }
    if (a->nbase == 0)
        return jl_err_set(err, JL_EINPUT,
                          _("area %s of %s holds none of the base units of %s"), code, div,
                          b->base);
    return JL_OK;
}

static void add_cell(bld *b, const jl_cell *c, const char *div, const char *area,
                     const jl_scale *sc, int norm_city)
{
    jl_rel_cell *x;
    const char *flag = jl_verdict_code(jl_flag_verdict(c->flag, sc->kind));

    b->r->cells = jl_xgrow(b->r->cells, &b->capc, b->r->ncells + 1, sizeof *b->r->cells);
    x = &b->r->cells[b->r->ncells++];
    memset(x, 0, sizeof *x);
    x->division = in(b, div);
    x->area = in(b, area);
    x->wave = in(b, c->wave);
    x->grade = in(b, c->grade);
    x->sex = in(b, c->sex);
    x->scale = in(b, c->scale);
    x->kind = in(b, c->kind);
    x->cutoff = in(b, c->cutoff);
    x->headline = c->headline;
    x->n = c->n;
    x->n_scored = c->n_scored;
    x->k = c->k;
    x->pct = c->pct;
    x->pct_half = jl_release_pct_half(b->r->pct_decimals);
    x->ci_low = c->ci_low;
    x->ci_high = c->ci_high;
    x->norm_pct = c->norm_pct;
    x->norm_source = isnan(c->norm_pct) ? "" : norm_city ? JL_RELEASE_CITY : in(b, c->norm_source);
    x->diff = c->diff;
    x->flag = flag ? flag : "";
    x->source = in(b, JL_RELEASE_SOURCE);
}

/* Every cell of area ai of t (-1: the city, whose counts are sum's) that
 * the request asks for. */
static int emit(bld *b, const jl_cell_table *t, long ai, const jl_counts *sum, const char *div,
                const char *area, jl_err *err)
{
    size_t g, s, k, q;
    int rc = 0;

    for (g = 0; g <= JL_NGRADES; g++) {
        if (g < JL_NGRADES && (!b->req->by_grade || !t->grade_present[g]))
            continue;
        for (s = 0; s <= JL_NSEXES; s++) {
            if (s < JL_NSEXES && !b->req->by_sex)
                continue;
            for (k = 0; k < t->in->nscales; k++)
                for (q = 0; q < t->in->scales[k].ncut; q++) {
                    jl_cell c;

                    rc = jl_cell_table_get(&c, t, ai, g, s, k, q, err);
                    if (rc == 0 && sum) {
                        size_t grp = jl_counts_group(sum, 0, g, s), at = grp * sum->nscales + k;

                        rc = jl_cell_fill(&c, sum->n[grp], sum->n_scored[at],
                                          sum->k[at * sum->ncut + q], c.norm_pct, err);
                    }
                    if (rc < 0)
                        return rc;
                    add_cell(b, &c, div, area, &t->in->scales[k], t->norm_city);
                }
        }
    }
    return rc;
}

/* The base table's counts summed into nto areas (base area i into
 * to[i], or none when negative): into out, laid out as jl_counts. */
static void sum_into(jl_counts *out, const jl_counts *cb, const long *to, size_t nto)
{
    size_t G = (cb->ngrades + 1) * (cb->nsexes + 1), S = cb->nscales, Q = cb->ncut, i, j;

    memset(out, 0, sizeof *out);
    out->nareas = nto;
    out->ngrades = cb->ngrades;
    out->nsexes = cb->nsexes;
    out->nscales = S;
    out->ncut = Q;
    out->n = jl_xcalloc(nto * G + 1, sizeof *out->n);
    out->n_scored = jl_xcalloc(nto * G * S + 1, sizeof *out->n_scored);
    out->k = jl_xcalloc(nto * G * S * Q + 1, sizeof *out->k);
    for (i = 0; i < cb->nareas; i++) {
        size_t a = (size_t)to[i];

        if (to[i] < 0)
            continue;
        for (j = 0; j < G; j++)
            out->n[a * G + j] += cb->n[i * G + j];
        for (j = 0; j < G * S; j++)
            out->n_scored[a * G * S + j] += cb->n_scored[i * G * S + j];
        for (j = 0; j < G * S * Q; j++)
            out->k[a * G * S * Q + j] += cb->k[i * G * S * Q + j];
    }
}

/* Whether t's counts are exactly its areas' base units summed: the
 * audit reads every area as such a sum, so a release whose cells were
 * counted another way must not be published. */
static int adds_up(const jl_cell_table *t, const jl_cell_table *tb, const long *to, jl_err *err)
{
    const jl_counts *c = &t->counts, *cb = &tb->counts;
    size_t G = (c->ngrades + 1) * (c->nsexes + 1), i;
    jl_counts s;
    int ok = 1;

    /* -2: the base unit lies in an area the table does not have */
    for (i = 0; i < cb->nareas; i++)
        if (to[i] == -2 && cb->n[i * G + G - 1] > 0)
            ok = 0;
    sum_into(&s, cb, to, c->nareas);
    ok = ok && !memcmp(s.n, c->n, c->nareas * G * sizeof *c->n) &&
         !memcmp(s.n_scored, c->n_scored, c->nareas * G * c->nscales * sizeof *c->n_scored) &&
         !memcmp(s.k, c->k, c->nareas * G * c->nscales * c->ncut * sizeof *c->k);
    jl_counts_dispose(&s);
    if (!ok)
        return jl_err_set(err, JL_ERR,
                          _("the areas of %s in wave %s do not add up from the areas of %s: "
                            "check the parent links"),
                          t->division, t->w.name, tb->division);
    return JL_OK;
}

static int cells_req(jl_cell_table *t, bld *b, const jl_wave_info *w, const char *div,
                     const char *group, jl_err *err)
{
    jl_cells_req q;

    memset(&q, 0, sizeof q);
    q.w = w;
    q.division = div;
    q.group = group;
    q.norm_city = b->req->norm_city;
    q.cutset = b->req->cutset;
    q.min_n = (unsigned long)b->min_n;
    q.min_count = b->m->min_count; /* the family of the flags, as profile has it */
    return jl_view_cells(t, b->st, &q, err);
}

/* One division's (or group's) cells of the wave whose base table is tb. */
static int one_table(bld *b, const jl_cell_table *tb, size_t di, const char *group, jl_err *err)
{
    const divmap *d = &b->dm[di];
    jl_cell_table t;
    jl_strmap *members = NULL;
    long *to = jl_xmalloc((tb->nareas + 1) * sizeof *to);
    size_t i, bx;
    int rc;

    rc = cells_req(&t, b, &tb->w, d->division, group, err);
    if (rc == 0 && group)
        rc = jl_view_group(&members, b->st, group, d->division, err);
    for (i = 0; rc == 0 && i < tb->nareas; i++) {
        const char *up = jl_strmap_get(b->base_ix, tb->codes[i], &bx) ? d->up[bx] : NULL;

        long ai = up && !group ? jl_cell_table_area(&t, up) : -1;

        to[i] = !up ? -1 : group ? (jl_strmap_get(members, up, NULL) ? 0 : -1) : ai < 0 ? -2 : ai;
    }
    if (rc == 0)
        rc = adds_up(&t, tb, to, err);
    for (i = 0; rc == 0 && i < t.nareas; i++) {
        long ni = -1;
        size_t k;

        if (!group && jl_strmap_get(d->ix, t.codes[i], &k))
            ni = (long)k;
        rc = add_area(b, d->division, t.codes[i], ni >= 0 ? d->names[ni] : "", d, members,
                      group ? 1 : 0, di, err);
        if (rc == 0)
            rc = emit(b, &t, (long)i, NULL, d->division, t.codes[i], err);
    }
    jl_strmap_free(members);
    jl_free(to);
    jl_cell_table_dispose(&t);
    return rc;
}

/* Every respondent of the wave has a grade (sex) when the parts of the
 * city's margin add up to it. */
static void completeness(jl_rel_wave *rw, const jl_counts *city)
{
    size_t g, s;
    unsigned long sum = 0;
    size_t tt = jl_counts_group(city, 0, city->ngrades, city->nsexes);

    for (g = 0; g < city->ngrades; g++)
        sum += city->n[jl_counts_group(city, 0, g, city->nsexes)];
    rw->grade_complete = sum == city->n[tt];
    sum = 0;
    for (s = 0; s < city->nsexes; s++)
        sum += city->n[jl_counts_group(city, 0, city->ngrades, s)];
    rw->sex_complete = sum == city->n[tt];
}

static int one_wave(bld *b, size_t wi, jl_err *err)
{
    jl_cell_table tb;
    jl_counts city;
    long *to = NULL;
    size_t i, nd = b->req->ndivisions;
    int rc;

    memset(&city, 0, sizeof city);
    rc = cells_req(&tb, b, &b->w[wi], b->base, NULL, err);
    if (rc < 0)
        return rc;
    to = jl_xcalloc(tb.nareas + 1, sizeof *to);
    for (i = 0; rc == 0 && i < nd; i++)
        rc = one_table(b, &tb, i, NULL, err);
    for (i = 0; rc == 0 && i < b->req->ngroups; i++)
        rc = one_table(b, &tb, nd + i, b->req->groups[i], err);
    if (rc == 0) {
        sum_into(&city, &tb.counts, to, 1);
        completeness(&b->r->waves[wi], &city);
        rc = add_area(b, JL_RELEASE_CITY, JL_RELEASE_CITY, "", &b->dm[0], NULL, 2,
                      nd + b->req->ngroups, err);
    }
    if (rc == 0)
        rc = emit(b, &tb, -1, &city, JL_RELEASE_CITY, JL_RELEASE_CITY, err);
    jl_counts_dispose(&city);
    jl_free(to);
    jl_cell_table_dispose(&tb);
    return rc;
}

/* ---- the request ---- */

static int cmp_area(const void *x, const void *y)
{
    const jl_rel_area *a = x, *b = y;

    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return strcmp(a->code, b->code);
}

static void group_row(void *ctx, const jl_store_group *g)
{
    void **x = ctx;

    ((jl_rel_group *)x[1])->division = in(x[0], g->division);
}

/* The waves found, of one instrument; the groups' divisions. */
static int resolve(bld *b, jl_err *err)
{
    const jl_view_release_req *q = b->req;
    jl_rel_wave_meta *wm;
    jl_rel_group *gs;
    const char **divs;
    size_t i;
    int rc = 0;

    b->w = jl_xcalloc(q->nwaves, sizeof *b->w);
    b->r->nwaves = q->nwaves;
    b->r->waves = jl_xcalloc(q->nwaves, sizeof *b->r->waves);
    wm = jl_arena_alloc(b->A, q->nwaves * sizeof *wm);
    for (i = 0; rc == 0 && i < q->nwaves; i++) {
        rc = jl_store_wave_find(&b->w[i], b->st, q->waves[i],
                                q->instrument ? q->instrument : i ? b->w[0].instrument : NULL,
                                err);
        b->r->waves[i].name = in(b, b->w[i].name);
        wm[i].instrument = in(b, b->w[i].instrument);
        wm[i].synthetic = b->w[i].synthetic;
        wm[i].source = in(b, b->w[i].source);
    }
    b->m->waves = wm;
    if (rc == 0) {
        long *rev = jl_arena_alloc(b->A, (q->nwaves + 1) * sizeof *rev);

        for (i = 0; i < q->nwaves; i++)
            rev[i] = b->w[i].revision;
        rc = jl_rb_wave_changes(b->r, wm, rev, b->st, err);
    }
    divs = jl_arena_alloc(b->A, (q->ndivisions + 1) * sizeof *divs);
    for (i = 0; i < q->ndivisions; i++)
        divs[i] = in(b, q->divisions[i]);
    b->m->divisions = divs;
    b->m->ndivisions = q->ndivisions;
    gs = jl_arena_alloc(b->A, (q->ngroups + 1) * sizeof *gs);
    for (i = 0; rc == 0 && i < q->ngroups; i++) {
        void *x[2] = {b, &gs[i]};

        gs[i].name = in(b, q->groups[i]);
        rc = jl_store_group_get(b->st, q->groups[i], group_row, x, err);
    }
    b->m->groups = gs;
    b->m->ngroups = q->ngroups;
    b->ndm = q->ndivisions + q->ngroups;
    b->dm = jl_xcalloc(b->ndm, sizeof *b->dm);
    for (i = 0; rc == 0 && i < b->ndm; i++)
        b->dm[i].division = i < q->ndivisions ? divs[i] : gs[i - q->ndivisions].division;
    return rc;
}

/* The finest column, the same for every wave, and the check of each
 * wave's codes against it. */
static int base_units(bld *b, size_t nitems, jl_err *err)
{
    char other[JL_MAX_ID + 1];
    size_t i;
    int rc = 0;

    for (i = 0; rc == 0 && i < b->r->nwaves; i++) {
        rc = choose_base(i ? other : b->base, b, &b->w[i], err);
        if (rc == 0 && i && strcmp(other, b->base))
            rc = jl_err_set(err, JL_EINPUT,
                            _("waves %s and %s have different finest area columns (%s, %s)"),
                            b->w[0].name, b->w[i].name, b->base, other);
    }
    for (i = 0; rc == 0 && i < b->r->nwaves; i++)
        rc = check_wave(b, &b->w[i], nitems, err);
    /* Areas of the division no respondent is in are base units too: an
     * area is the same union of them in every release. */
    if (rc == 0)
        rc = jl_store_area_each(b->st, b->base, base_area_row, b, err);
    if (rc == 0 && b->nbases == 0)
        rc = jl_err_set(err, JL_EINPUT, _("no respondent of the waves has a %s area"), b->base);
    if (rc < 0)
        return rc;
    qsort(b->bases, b->nbases, sizeof *b->bases, cmp_str);
    jl_strmap_free(b->base_ix);
    b->base_ix = jl_strmap_new();
    for (i = 0; i < b->nbases; i++)
        jl_strmap_put(b->base_ix, b->bases[i], i, NULL);
    for (i = 0; rc == 0 && i < b->ndm; i++)
        rc = dm_fill(b, &b->dm[i], err);
    return rc;
}

static void rules(bld *b, const jl_protect_opts *o)
{
    b->min_n = o && o->min_n > 0 ? o->min_n : JL_RELEASE_MIN_N;
    b->r->min_n = b->min_n;
    b->r->pct_decimals = -1;
    b->m->min_count = o && o->min_count > 0 ? o->min_count : JL_RELEASE_MIN_COUNT;
    b->m->group_disclosure = !(o && o->no_group_disclosure);
    b->r->min_count = b->m->min_count;
    b->r->no_group_disclosure = !b->m->group_disclosure;
    b->m->protection = o && o->audit.protection > 0 ? o->audit.protection : JL_AUDIT_PROTECTION;
    b->m->secondary = o && o->no_secondary ? "none" : "linked_tables";
    b->m->by_grade = b->req->by_grade;
    b->m->by_sex = b->req->by_sex;
    b->m->norm_city = b->req->norm_city;
    b->m->withdrawn = "";
}

static int build(bld *b, jl_err *err)
{
    jl_instrument *inst = NULL;
    char cutset[JL_MAX_ID + 16] = "", now[32];
    size_t i;
    int rc;

    rc = resolve(b, err);
    if (rc == 0)
        rc = jl_view_instrument(&inst, b->st, b->w[0].instrument, err);
    if (rc == 0)
        rc = jl_view_cutoffs(inst, b->st, b->req->cutset, cutset, sizeof cutset, err);
    if (rc == 0 && !cutset[0])
        rc = jl_err_set(err, JL_EINPUT,
                        _("instrument %s has no cut-offs: derive them with \"jamlik cutoffs "
                          "derive\""),
                        inst->id);
    if (rc == 0)
        rc = base_units(b, inst->nitems, err);
    for (i = 0; rc == 0 && i < b->r->nwaves; i++)
        rc = one_wave(b, i, err);
    if (rc == 0) {
        b->m->instrument_json = jl_rb_instrument_json(b->A, inst, cutset);
        b->m->cutset = in(b, cutset);
        jl_release_now(now, sizeof now);
        b->r->created = in(b, now);
        if (b->req->title)
            b->r->title = in(b, b->req->title);
        else
            b->r->title = jl_rb_default_title(b->A, b->r, b->m);
        qsort(b->r->areas, b->r->nareas, sizeof *b->r->areas, cmp_area);
        for (i = 0; i < b->r->nareas; i++)
            b->r->areas[i].line = (long)i + 2;
        for (i = 0; i < b->r->ncells; i++)
            b->r->cells[i].line = (long)i + 2;
    }
    jl_instrument_free(inst);
    return rc;
}

int jl_view_release_build(jl_view_release *v, jl_store *st, const jl_view_release_req *req,
                          const jl_protect_opts *o, jl_err *err)
{
    bld b;
    size_t i;
    int rc;

    memset(v, 0, sizeof *v);
    rc = jl_rb_check_req(req, err);
    if (rc < 0)
        return rc;
    memset(&b, 0, sizeof b);
    b.st = st;
    b.req = req;
    b.r = v->r = jl_xcalloc(1, sizeof *v->r);
    b.r->arena = b.A = jl_arena_new();
    b.m = &v->meta;
    b.base_ix = jl_strmap_new();
    b.area_ix = jl_strmap_new();
    b.intern = jl_strmap_new();
    b.r->id = b.r->dir = "";
    b.r->cells_path = "cells.csv";
    b.r->areas_path = "areas.csv";
    rules(&b, o);
    rc = build(&b, err);
    if (rc == 0 && req->nindicators > 0)
        rc = jl_rb_indicators(b.r, st, req->indicators, req->nindicators, req->divisions,
                              req->ndivisions, err);
    for (i = 0; i < b.ndm; i++)
        dm_dispose(&b.dm[i]);
    jl_free(b.dm);
    jl_free(b.w);
    jl_free(b.bases);
    jl_free(b.istr);
    jl_free(b.area_kind);
    jl_strmap_free(b.base_ix);
    jl_strmap_free(b.area_ix);
    jl_strmap_free(b.intern);
    if (rc < 0)
        jl_view_release_dispose(v);
    return rc;
}

void jl_view_release_dispose(jl_view_release *v)
{
    size_t i;

    for (i = 0; i < v->nearlier; i++)
        jl_release_free(v->earlier[i]);
    jl_free(v->earlier);
    jl_release_free(v->r);
    memset(v, 0, sizeof *v);
}
