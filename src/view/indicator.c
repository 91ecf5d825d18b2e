#include "view/indicator.h"
#include "view/areas_import.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "view/indicator_int.h"
#include "view/municipality.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- codes ---- */

const char *jl_view_ind_status_code(jl_view_cell_status st, jl_view_why why)
{
    switch (st) {
    case JL_IND_OK:
        return "ok";
    case JL_IND_NOT_OK:
        return why == JL_WHY_SUPPRESSED        ? "suppressed"
               : why == JL_WHY_NOT_APPLICABLE ? "not_applicable"
                                              : "missing";
    case JL_IND_PART_ABSENT:
        return "part_absent";
    default:
        return "no_observation";
    }
}

const char *jl_view_ind_estimate_code(jl_view_estimate e)
{
    static const char *const code[] = {"", "area_overlay", "population_overlay",
                                       "crosswalk_weights"};

    return (size_t)e < sizeof code / sizeof *code ? code[e] : "";
}

const char *jl_view_ind_trend_code(jl_view_trend t)
{
    static const char *const code[] = {"", "unchanged", "up", "down", "better", "worse"};

    return (size_t)t < sizeof code / sizeof *code ? code[t] : "";
}

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
    jl_view_indicator_req rq = {.id = id, .division = div, .period = period};
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

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
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
    v->why = jl_xcalloc(v->na * v->np, 1);
    v->estimate = jl_xcalloc(v->na * v->np, 1);
    v->part = jl_xcalloc(v->na * v->np * nl, sizeof *v->part);
    for (i = 0; i < v->na * v->np; i++)
        v->value[i] = NAN;
    for (i = 0; i < g->nc; i++) {
        const jl_ind_cell *c = &g->c[i];
        size_t at = c->area * v->np + sp[c->period];
        int st = JL_IND_OK;

        for (k = 0; k < nl; k++) {
            if (!c->seen[k])
                st = JL_IND_NONE;
            else if (!c->ok[k] && st != JL_IND_NONE) {
                if (st != JL_IND_NOT_OK)
                    v->why[at] = c->why[k];
                st = JL_IND_NOT_OK;
            } else if (c->absent[k] && st == JL_IND_OK)
                st = JL_IND_PART_ABSENT;
            if (c->est[k] && !v->estimate[at])
                v->estimate[at] = c->est[k];
        }
        v->status[at] = (unsigned char)st;
        memcpy(&v->part[at * nl], c->v, nl * sizeof *c->v);
        if (st == JL_IND_OK)
            v->value[at] = v->x ? jl_expr_eval(v->x, c->v) : c->v[0];
    }
    jl_free(sp);
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

static size_t period_pos(const jl_view_indicator *v, const char *p)
{
    size_t k;

    for (k = 0; k < v->np && strcmp(v->period[k], p); k++)
        ;
    return k;
}

/* The periods of spec, "A..B" or "A,B,...", into v->sel; the last is
 * the one the cities, ranks and trends are at. */
static int select_periods(jl_view_indicator *v, const char *id, const char *spec, jl_err *err)
{
    const char *dots = strstr(spec, "..");
    size_t k;

    v->sel = jl_xmalloc(v->np * sizeof *v->sel);
    if (dots) {
        char lo[64], hi[64];

        snprintf(lo, sizeof lo, "%.*s", (int)(dots - spec), spec);
        snprintf(hi, sizeof hi, "%s", dots + 2);
        for (k = 0; k < v->np; k++)
            if ((!*lo || strcmp(v->period[k], lo) >= 0) && (!*hi || strcmp(v->period[k], hi) <= 0))
                v->sel[v->nsel++] = k;
        if (!v->nsel)
            return jl_err_set(err, JL_ENOTFOUND, _("no observations of %s for period %s"), id,
                              spec);
    } else {
        char *copy = jl_xstrdup(spec), *tok, *save = NULL;
        int rc = 0;

        for (tok = strtok_r(copy, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
            k = period_pos(v, tok);
            if (k == v->np)
                rc = jl_err_set(err, JL_ENOTFOUND, _("no observations of %s for period %s"), id,
                                tok);
            else if (v->nsel < v->np)
                v->sel[v->nsel++] = k;
        }
        jl_free(copy);
        if (rc < 0)
            return rc;
        if (!v->nsel)
            return jl_err_set(err, JL_EUSAGE, _("expected periods A..B or A,B,..., found \"%s\""),
                              spec);
    }
    v->at = v->sel[v->nsel - 1];
    return JL_OK;
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
    if (rq->periods) {
        rc = select_periods(v, rq->id, rq->periods, err);
        if (rc < 0)
            goto done;
    }
    rc = jl_ind_summarise(v, st, rq->division, rq->municipality, !rq->period && !rq->periods,
                          err);
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
    jl_free(v->uncounted_muni);
    for (i = 0; i < v->nmuni; i++)
        jl_free(v->muni[i].name);
    jl_free(v->muni);
    jl_free(v->sel);
    jl_free(v->why);
    jl_free(v->estimate);
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
    return v->area[a].outside || v->area[a].elsewhere ? (double)NAN : v->value[a * v->np + v->at];
}

double jl_view_indicator_find(const jl_view_indicator *v, const char *code)
{
    size_t a;

    return jl_strmap_get(v->ix, code, &a) ? jl_view_indicator_value(v, a) : (double)NAN;
}

double jl_view_indicator_city_at(const jl_view_indicator *v, size_t m, size_t p)
{
    double sums[JL_MAX_FORMULA_LEAVES] = {0};
    size_t a, k, n = 0;

    for (a = 0; a < v->na && v->all_additive; a++) {
        size_t at = a * v->np + p;

        if (v->area[a].outside || v->area[a].elsewhere || v->area[a].muni != m ||
            isnan(v->value[at]))
            continue;
        for (k = 0; k < v->nleaves; k++)
            sums[k] += v->part[at * v->nleaves + k];
        n++;
    }
    if (!n)
        return NAN;
    return v->x ? jl_expr_eval(v->x, sums) : sums[0];
}

double jl_view_indicator_group(const jl_view_indicator *v, const jl_strmap *members)
{
    double sums[JL_MAX_FORMULA_LEAVES] = {0};
    int ok = v->all_additive;
    size_t a, k, nm = 0;

    for (a = 0; a < v->na && ok; a++) {
        size_t at = a * v->np + v->at;

        if (!jl_strmap_get(members, v->area[a].code, NULL) || v->area[a].elsewhere)
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
    jl_view_indicator_req rq = {.id = id, .division = division, .period = period};
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
