#include "view/indicator.h"
#include "view/areas_import.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "view/indicator_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- definitions ---- */

typedef struct def_ctx {
    jl_view_indicator_def *d;
    int found;
} def_ctx;

static void def_row(void *ctx, const jl_store_indicator *s)
{
    def_ctx *x = ctx;
    jl_view_indicator_def *d = x->d;

    snprintf(d->name, sizeof d->name, "%s", s->name);
    snprintf(d->name_en, sizeof d->name_en, "%s", s->name_en);
    snprintf(d->unit, sizeof d->unit, "%s", s->unit);
    snprintf(d->kind, sizeof d->kind, "%s", s->kind);
    snprintf(d->better, sizeof d->better, "%s", s->better);
    snprintf(d->formula, sizeof d->formula, "%s", s->formula);
    snprintf(d->source, sizeof d->source, "%s", s->source);
    x->found = 1;
}

int jl_view_indicator_def_get(jl_view_indicator_def *d, jl_store *st, const char *id, jl_err *err)
{
    def_ctx x = {d, 0};
    int rc;

    memset(d, 0, sizeof *d);
    rc = jl_store_indicator_get(st, id, def_row, &x, err);
    if (rc == JL_ENOTFOUND) {
        jl_err_clear(err);
        return 0;
    }
    return rc < 0 ? rc : x.found;
}

const char *jl_view_indicator_name(const jl_view_indicator_def *d)
{
    return jl_i18n_lang() == JL_LANG_EN && *d->name_en ? d->name_en : d->name;
}

/* Adds the divisions where leaf is observed to d, each once. */
static int add_observed(jl_ind_divs *d, jl_store *st, const char *leaf, jl_err *err)
{
    jl_ind_divs sd;
    size_t i, j;
    int rc = jl_ind_observed(&sd, st, leaf, err);

    for (i = 0; rc == 0 && i < sd.n; i++) {
        for (j = 0; j < d->n && strcmp(d->ids[j], sd.ids[i]); j++)
            ;
        if (j == d->n && d->n < JL_MAX_DIVISIONS)
            snprintf(d->ids[d->n++], sizeof d->ids[0], "%s", sd.ids[i]);
    }
    return rc;
}

/* Whether id has a value in an area of division div at the period. */
static int has_values(jl_store *st, const char *id, const char *div, const char *period)
{
    jl_view_indicator_req rq = {id, div, period, NULL, NULL};
    jl_view_indicator v;
    jl_err e = JL_ERR_INIT;
    int n;

    if (jl_view_indicator_load(&v, st, &rq, &e) < 0)
        return 0;
    n = v.counted > 0;
    jl_view_indicator_dispose(&v);
    return n;
}

int jl_view_indicator_home(char div[JL_MAX_ID + 1], jl_store *st, const char *id,
                           const char *period, jl_err *err)
{
    jl_view_indicator_def d;
    jl_ind_divs cand;
    jl_expr *x = NULL;
    size_t i;
    int rc;

    rc = jl_view_indicator_def_get(&d, st, id, err);
    if (rc < 0)
        return rc;
    rc = 0;
    memset(&cand, 0, sizeof cand);
    if (*d.formula) {
        char msg[160];
        size_t at;

        if (jl_expr_parse(&x, d.formula, msg, sizeof msg, &at) < 0)
            x = NULL;
    }
    if (!x)
        rc = add_observed(&cand, st, id, err);
    for (i = 0; x && i < jl_expr_nrefs(x) && rc == 0; i++)
        rc = add_observed(&cand, st, jl_expr_ref(x, i), err);
    jl_expr_free(x);
    if (rc < 0)
        return rc;
    if (!cand.n)
        return jl_err_set(err, JL_EINPUT, _("indicator %s has no observations: import them "
                                            "with \"jamlik indicator import\""),
                          id);
    /* Where it is observed most, unless it has no value there (a file of
     * ".." only, or parts that meet nowhere else) and has one elsewhere:
     * a table of empty rows answers nothing. */
    for (i = 0; i < cand.n && !has_values(st, id, cand.ids[i], period); i++)
        ;
    snprintf(div, JL_MAX_ID + 1, "%s", cand.ids[i < cand.n ? i : 0]);
    return JL_OK;
}

/* ---- the resolved indicator ---- */

/* The areas of a division with their names. */
typedef struct names {
    jl_strmap *ix;
    char **name, **code;
    size_t n, cap, cap_code;
} names;

static void name_row(void *ctx, const jl_store_area *a)
{
    names *m = ctx;

    if (!jl_strmap_put(m->ix, a->code, m->n, NULL))
        return;
    m->name = jl_xgrow(m->name, &m->cap, m->n + 1, sizeof *m->name);
    m->code = jl_xgrow(m->code, &m->cap_code, m->n + 1, sizeof *m->code);
    m->name[m->n] = jl_xstrdup(a->name);
    m->code[m->n++] = jl_xstrdup(a->code);
}

typedef struct by_code {
    const char *code;
    size_t a;
} by_code;

static int cmp_code(const void *x, const void *y)
{
    return strcmp(((const by_code *)x)->code, ((const by_code *)y)->code);
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static int cmp_desc(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;

    return (a < b) - (a > b);
}

/* The grid's cells as the result's dense arrays, the periods sorted. */
static void take_cells(jl_view_indicator *v, jl_ind_grid *g)
{
    size_t *sp = jl_xmalloc(g->np * sizeof *sp), i, k, nl = v->nleaves;

    v->np = g->np;
    v->period = jl_xmalloc(g->np * sizeof *v->period);
    memcpy(v->period, g->periods, g->np * sizeof *v->period);
    qsort(v->period, g->np, sizeof *v->period, cmp_str);
    for (i = 0; i < g->np; i++) {
        jl_strmap_get(g->per_ix, v->period[i], &k);
        sp[k] = i;
    }
    jl_free(g->periods);
    g->periods = NULL;
    g->np = 0;
    v->na = g->na;
    v->area = jl_xcalloc(g->na, sizeof *v->area);
    for (i = 0; i < g->na; i++)
        v->area[i].code = g->areas[i];
    jl_free(g->areas);
    g->areas = NULL;
    g->na = 0;
    v->ix = g->area_ix;
    g->area_ix = NULL;
    v->value = jl_xmalloc(v->na * v->np * sizeof *v->value);
    v->status = jl_xcalloc(v->na * v->np, 1);
    v->part = jl_xcalloc(v->na * v->np * nl, sizeof *v->part);
    for (i = 0; i < v->na * v->np; i++)
        v->value[i] = NAN;
    for (i = 0; i < g->nc; i++) {
        const jl_ind_cell *c = &g->c[i];
        size_t at = c->area * v->np + sp[c->period];
        int st = JL_IND_OK;

        for (k = 0; k < nl; k++)
            if (!c->seen[k])
                st = JL_IND_NONE;
            else if (!c->ok[k] && st != JL_IND_NONE)
                st = JL_IND_NOT_OK;
            else if (c->absent[k] && st == JL_IND_OK)
                st = JL_IND_PART_ABSENT;
        v->status[at] = (unsigned char)st;
        memcpy(&v->part[at * nl], c->v, nl * sizeof *c->v);
        if (st == JL_IND_OK)
            v->value[at] = v->x ? jl_expr_eval(v->x, c->v) : c->v[0];
    }
    jl_free(sp);
}

/* Rank 1 is the best: the highest where higher is better. sorted holds
 * the n values at the period, highest first. */
static size_t rank_of(const jl_view_indicator *v, const double *sorted, size_t n, double val)
{
    size_t r = 0;

    if (!strcmp(v->def.better, "none") || isnan(val))
        return 0;
    if (!strcmp(v->def.better, "higher"))
        while (r < n && sorted[r] > val)
            r++;
    else
        while (r < n && sorted[n - 1 - r] < val)
            r++;
    return r + 1;
}

/* The change from the earliest period with a value. */
static void trend_of(jl_view_ind_area *ar, const jl_view_indicator *v, const double *row,
                     double val)
{
    size_t p;

    ar->first = v->at;
    ar->change = NAN;
    ar->trend = JL_TREND_NONE;
    for (p = 0; p < v->np && isnan(row[p]); p++)
        ;
    if (p < v->np)
        ar->first = p;
    if (ar->first == v->at || isnan(val))
        return;
    ar->change = val - row[p];
    ar->trend = ar->change == 0                      ? JL_TREND_UNCHANGED
                : !strcmp(v->def.better, "none")     ? (ar->change > 0 ? JL_TREND_UP
                                                                       : JL_TREND_DOWN)
                : (ar->change > 0) == !strcmp(v->def.better, "higher") ? JL_TREND_BETTER
                                                                       : JL_TREND_WORSE;
}

/* The latest period with a value in an area of the division: the parts
 * of a derived indicator may end in different periods, and the latest of
 * any part is then a period without a figure. The last one when none has
 * a value. */
static size_t latest_with_value(const jl_view_indicator *v)
{
    size_t p, a;

    for (p = v->np; p-- > 0;)
        for (a = 0; a < v->na; a++)
            if (!v->area[a].outside && !isnan(v->value[a * v->np + p]))
                return p;
    return v->np - 1;
}

/* The division's areas without a value at the period, by code: those of
 * its map (nm), or the observed ones when it has none. */
static void add_uncounted(jl_view_indicator *v, size_t *cap, const char *code)
{
    v->uncounted = jl_xgrow(v->uncounted, cap, v->nuncounted + 1, sizeof *v->uncounted);
    v->uncounted[v->nuncounted++] = jl_xstrdup(code);
}

static void list_uncounted(jl_view_indicator *v, const names *nm)
{
    size_t a, cap = 0;

    if (nm->n) {
        for (a = 0; a < nm->n; a++)
            if (isnan(jl_view_indicator_find(v, nm->code[a])))
                add_uncounted(v, &cap, nm->code[a]);
    } else
        for (a = 0; a < v->na; a++)
            if (isnan(jl_view_indicator_value(v, a)))
                add_uncounted(v, &cap, v->area[a].code);
    if (v->nuncounted)
        qsort(v->uncounted, v->nuncounted, sizeof *v->uncounted, cmp_str);
}

/* Names, the areas outside the division, the city, ranks and trends. */
static int summarise(jl_view_indicator *v, jl_store *st, const char *div, int latest,
                     jl_err *err)
{
    double sums[JL_MAX_FORMULA_LEAVES], *sorted = NULL;
    by_code *bc = NULL;
    size_t a, k, nval = 0;
    names nm;
    int rc;

    /* Only the division's own areas count when it has a map of them: a
     * national file imported into a city's division brings other cities'
     * codes along (kept, but not part of this city). */
    memset(&nm, 0, sizeof nm);
    nm.ix = jl_strmap_new();
    rc = jl_store_area_each(st, div, name_row, &nm, err);
    if (rc < 0)
        goto done;
    for (a = 0; a < v->na; a++) {
        jl_view_ind_area *ar = &v->area[a];

        if (jl_strmap_get(nm.ix, ar->code, &k))
            ar->name = jl_xstrdup(nm.name[k]);
        else if (nm.n) {
            ar->outside = 1;
            v->outside++;
        }
    }
    if (latest)
        v->at = latest_with_value(v);
    sorted = jl_xmalloc(v->na * sizeof *sorted);
    bc = jl_xmalloc(v->na * sizeof *bc);
    for (k = 0; k < v->nleaves; k++)
        sums[k] = 0;
    for (a = 0; a < v->na; a++) {
        size_t at = a * v->np + v->at;

        if (!v->area[a].outside && !isnan(v->value[at])) {
            sorted[nval++] = v->value[at];
            for (k = 0; k < v->nleaves; k++)
                sums[k] += v->part[at * v->nleaves + k];
            v->counted++;
        }
    }
    if (v->all_additive && v->counted)
        v->city = v->x ? jl_expr_eval(v->x, sums) : sums[0];
    list_uncounted(v, &nm);
    qsort(sorted, nval, sizeof *sorted, cmp_desc);
    for (a = 0; a < v->na; a++) {
        double val = jl_view_indicator_value(v, a);

        v->area[a].rank = rank_of(v, sorted, nval, val);
        trend_of(&v->area[a], v, &v->value[a * v->np], val);
        bc[a].code = v->area[a].code;
        bc[a].a = a;
    }
    qsort(bc, v->na, sizeof *bc, cmp_code);
    v->by_code = jl_xmalloc(v->na * sizeof *v->by_code);
    for (a = 0; a < v->na; a++)
        v->by_code[a] = bc[a].a;
done:
    for (k = 0; k < nm.n; k++) {
        jl_free(nm.name[k]);
        jl_free(nm.code[k]);
    }
    jl_free(nm.name);
    jl_free(nm.code);
    jl_strmap_free(nm.ix);
    jl_free(sorted);
    jl_free(bc);
    return rc;
}

/* The leaves: the indicator itself, or the parts its formula names. */
static int leaves(jl_view_indicator *v, const char *id, jl_err *err)
{
    size_t i;

    if (!*v->def.formula) {
        v->nleaves = 1;
        v->leaf[0].id = jl_xstrdup(id);
        return JL_OK;
    }
    {
        char msg[256];
        size_t at;

        /* A formula stored by an older jamlik is held to today's limits
         * (JL_MAX_FORMULA_LEAVES among them), never cut. */
        if (jl_expr_parse(&v->x, v->def.formula, msg, sizeof msg, &at) < 0)
            return jl_err_set(err, JL_ESTORE, _("the formula of indicator %s: %s"), id, msg);
    }
    v->nleaves = jl_expr_nrefs(v->x);
    for (i = 0; i < v->nleaves; i++)
        v->leaf[i].id = jl_xstrdup(jl_expr_ref(v->x, i));
    return JL_OK;
}

/* The leaves' figures into g, each observed in the division or moved
 * there. */
static int fill(jl_view_indicator *v, jl_ind_grid *g, jl_store *st,
                const jl_view_indicator_req *rq, jl_err *err)
{
    jl_ind_fill f;
    size_t i;
    int rc = jl_ind_fill_init(&f, g, st, rq->division, rq->sex, rq->breakdown, err);

    if (rc == 0)
        rc = leaves(v, rq->id, err);
    for (i = 0; i < v->nleaves && rc == 0; i++) {
        jl_view_indicator_def ld;
        jl_view_leaf *lf = &v->leaf[i];

        rc = jl_view_indicator_def_get(&ld, st, lf->id, err);
        if (rc < 0)
            break;
        snprintf(lf->kind, sizeof lf->kind, "%s", ld.kind);
        lf->additive = !strcmp(ld.kind, "count") && !*ld.formula;
        v->all_additive &= lf->additive;
        rc = jl_ind_fill_leaf(&f, lf, i, err);
    }
    jl_ind_fill_dispose(&f);
    return rc;
}

int jl_view_indicator_load(jl_view_indicator *v, jl_store *st, const jl_view_indicator_req *rq,
                           jl_err *err)
{
    jl_ind_grid g;
    size_t k;
    int rc;

    memset(v, 0, sizeof *v);
    memset(&g, 0, sizeof g);
    v->city = NAN;
    v->all_additive = 1;
    rc = jl_view_indicator_def_get(&v->def, st, rq->id, err);
    if (rc == 0) {
        jl_err_set(err, JL_ENOTFOUND, _("no indicator \"%s\""), rq->id);
        rc = jl_err_hint(err, JL_HINT_INDICATOR_LIST);
    }
    if (rc < 0)
        goto done;
    rc = jl_areas_need_division(st, rq->division, err);
    if (rc < 0)
        goto done;
    jl_ind_grid_init(&g);
    rc = fill(v, &g, st, rq, err);
    if (rc < 0)
        goto done;
    if (!g.np) {
        rc = jl_err_set(err, JL_EINPUT, _("no observations of %s in %s"), rq->id, rq->division);
        goto done;
    }
    take_cells(v, &g);
    v->at = v->np - 1;
    if (rq->period) {
        for (k = 0; k < v->np && strcmp(v->period[k], rq->period); k++)
            ;
        if (k == v->np) {
            rc = jl_err_set(err, JL_ENOTFOUND, _("no observations of %s for period %s"), rq->id,
                            rq->period);
            goto done;
        }
        v->at = k;
    }
    rc = summarise(v, st, rq->division, !rq->period, err);
done:
    jl_ind_grid_dispose(&g);
    if (rc < 0)
        jl_view_indicator_dispose(v);
    return rc < 0 ? rc : JL_OK;
}

void jl_view_indicator_dispose(jl_view_indicator *v)
{
    size_t i;

    for (i = 0; i < JL_MAX_FORMULA_LEAVES; i++)
        jl_free(v->leaf[i].id);
    for (i = 0; i < v->na; i++) {
        jl_free(v->area[i].code);
        jl_free(v->area[i].name);
    }
    for (i = 0; i < v->np; i++)
        jl_free(v->period[i]);
    for (i = 0; i < v->nuncounted; i++)
        jl_free(v->uncounted[i]);
    jl_free(v->uncounted);
    jl_free(v->area);
    jl_free(v->by_code);
    jl_free(v->period);
    jl_free(v->value);
    jl_free(v->status);
    jl_free(v->part);
    jl_strmap_free(v->ix);
    jl_expr_free(v->x);
    memset(v, 0, sizeof *v);
    v->city = NAN;
}

double jl_view_indicator_value(const jl_view_indicator *v, size_t a)
{
    return v->area[a].outside ? (double)NAN : v->value[a * v->np + v->at];
}

double jl_view_indicator_find(const jl_view_indicator *v, const char *code)
{
    size_t a;

    return jl_strmap_get(v->ix, code, &a) ? jl_view_indicator_value(v, a) : (double)NAN;
}

double jl_view_indicator_group(const jl_view_indicator *v, const jl_strmap *members)
{
    double sums[JL_MAX_FORMULA_LEAVES] = {0};
    int ok = v->all_additive;
    size_t a, k, nm = 0;

    for (a = 0; a < v->na && ok; a++) {
        size_t at = a * v->np + v->at;

        if (!jl_strmap_get(members, v->area[a].code, NULL))
            continue;
        if (isnan(v->value[at]))
            ok = 0;
        for (k = 0; ok && k < v->nleaves; k++)
            sums[k] += v->part[at * v->nleaves + k];
        nm++;
    }
    if (!ok || nm != jl_strmap_size(members))
        return NAN;
    return v->x ? jl_expr_eval(v->x, sums) : sums[0];
}

int jl_view_indicator_values(jl_area_values *out, jl_store *st, const char *id,
                             const char *division, const char *period, jl_err *err)
{
    jl_view_indicator_req rq = {id, division, period, NULL, NULL};
    jl_view_indicator v;
    size_t a;
    int rc = jl_view_indicator_load(&v, st, &rq, err);

    memset(out, 0, sizeof *out);
    if (rc < 0)
        return rc;
    out->codes = jl_xmalloc((v.na ? v.na : 1) * sizeof *out->codes);
    out->vals = jl_xmalloc((v.na ? v.na : 1) * sizeof *out->vals);
    for (a = 0; a < v.na; a++) {
        double val = jl_view_indicator_value(&v, a);

        if (isnan(val))
            continue;
        out->codes[out->n] = jl_xstrdup(v.area[a].code);
        out->vals[out->n++] = val;
    }
    snprintf(out->period, sizeof out->period, "%s", v.period[v.at]);
    snprintf(out->name, sizeof out->name, "%s", jl_view_indicator_name(&v.def));
    jl_view_indicator_dispose(&v);
    return JL_OK;
}
