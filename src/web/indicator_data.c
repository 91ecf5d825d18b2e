/*
 * The indicator page's figures and tables (web/indicator_data.h). The
 * views compute; this file picks what the request asks for and lays the
 * numbers out in rows.
 */
#include "web/indicator_data.h"
#include "core/alloc.h"
#include "core/limits.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A query parameter given at most once, not empty, at most max bytes:
 * 0, or 400. */
static int param(const char **out, const jl_req *rq, const char *name, size_t max)
{
    *out = jl_target_param(&rq->target, name);
    if (jl_target_count(&rq->target, name) > 1 || (*out && (!**out || strlen(*out) > max)))
        return 400;
    return 0;
}

/* The areas ?area= names (up to JL_IND_MAX_CHOSEN), or the first and
 * the last of the ranking. */
static int choose(jl_ind_page *p, const jl_req *rq)
{
    size_t i, a;

    for (i = 0; i < rq->target.nparam; i++) {
        const jl_param *q = &rq->target.param[i];

        if (strcmp(q->key, "area") != 0)
            continue;
        if (!*q->val || strlen(q->val) > JL_MAX_CODE)
            return 400;
        if (!jl_strmap_get(p->v.ix, q->val, &a) || p->v.area[a].outside ||
            p->v.area[a].elsewhere) {
            p->unknown++;
            continue;
        }
        if (p->nchosen == JL_IND_MAX_CHOSEN)
            return 400;
        p->chosen[p->nchosen++] = a;
    }
    if (!p->nchosen && !p->unknown && p->n) {
        p->chosen_default = 1;
        p->chosen[p->nchosen++] = p->order[0];
        if (p->n > 1)
            p->chosen[p->nchosen++] = p->order[p->n - 1];
    }
    return 200;
}

static void inequality(jl_ind_page *p, jl_store *st)
{
    jl_view_ineq_req q;
    jl_err e = JL_ERR_INIT;

    memset(&q, 0, sizeof q);
    q.id = p->id;
    q.division = p->division;
    q.period = p->v.period[p->v.at];
    q.municipality = p->municipality;
    if (jl_view_inequality(&p->meas, st, &q, &e) < 0)
        return;
    q.curve = 1;
    if (jl_view_inequality(&p->curve, st, &q, &e) < 0)
        return;
    p->has_ineq = 1;
}

int jl_ind_page_load(jl_ind_page *p, jl_req *rq, const char *id)
{
    jl_view_indicator_def d;
    jl_view_indicator_req q;
    jl_err e = JL_ERR_INIT;
    char *home = NULL;
    size_t i;
    int rc;

    memset(p, 0, sizeof *p);
    p->id = id;
    if (param(&p->division, rq, "division", JL_MAX_ID) ||
        param(&p->period, rq, "period", JL_MAX_CODE) ||
        param(&p->municipality, rq, "municipality", JL_MAX_CODE))
        return 400;
    rc = jl_view_indicator_def_get(&d, rq->store, id, &e);
    if (rc == 0)
        return 404;
    if (rc >= 0)
        rc = jl_view_ind_list_load(&p->list, rq->store, &e);
    for (i = 0; rc >= 0 && i < p->list.n; i++)
        if (!strcmp(p->list.i[i].id, id))
            p->info = &p->list.i[i];
    if (rc >= 0 && !p->division) {
        home = jl_arena_alloc(rq->arena, JL_MAX_ID + 1);
        *home = '\0';
        p->division = home;
        /* no division has a figure of it: its page says so */
        if (jl_view_indicator_home(home, rq->store, id, p->period, &e) < 0 || !*home) {
            snprintf(p->why, sizeof p->why, "%s", _("No figures of it have been imported."));
            return 200;
        }
    }
    if (rc >= 0) {
        memset(&q, 0, sizeof q);
        q.id = id;
        q.division = p->division;
        q.period = p->period;
        q.municipality = p->municipality;
        q.sex = "T";
        rc = jl_view_indicator_load(&p->v, rq->store, &q, &e);
    }
    if (rc == JL_ENOTFOUND)
        return 404;
    if ((rc == JL_EINPUT || rc == JL_EUSAGE) && p->info) {
        snprintf(p->why, sizeof p->why, "%s", e.msg);
        return 200;
    }
    if (rc == JL_EINPUT || rc == JL_EUSAGE || rc == JL_ELIMIT)
        return 400;
    if (rc < 0)
        return 503;
    if (!p->v.np)
        return 200;
    p->order = jl_xcalloc(p->v.na + 1, sizeof *p->order);
    p->n = jl_view_indicator_ranking(p->order, &p->v);
    inequality(p, rq->store);
    return choose(p, rq);
}

void jl_ind_page_dispose(jl_ind_page *p)
{
    jl_view_indicator_dispose(&p->v);
    jl_view_ind_list_dispose(&p->list);
    jl_view_ineq_dispose(&p->curve);
    jl_view_ineq_dispose(&p->meas);
    jl_free(p->order);
    memset(p, 0, sizeof *p);
}

const char *jl_ind_page_file(int which)
{
    static const char *const names[JL_IP_NTABLES] = {"rangordning", "trend", "koncentration"};

    return which >= 0 && which < JL_IP_NTABLES ? names[which] : "";
}

int jl_ind_page_decimals(const jl_ind_page *p)
{
    return strcmp(p->v.def.kind, "count") == 0 ? 0 : 1;
}

/* ---- rows ---- */

typedef struct rows {
    jl_arena *A;
    const char **labels;
    size_t ncols, nrows;
    jl_xcell *c;
} rows;

static void start(rows *r, size_t ncols, size_t nrows)
{
    r->ncols = ncols;
    r->nrows = nrows;
    r->labels = jl_arena_alloc(r->A, ncols * sizeof *r->labels);
    r->c = jl_arena_alloc(r->A, (ncols * nrows + 1) * sizeof *r->c);
    memset(r->c, 0, (ncols * nrows + 1) * sizeof *r->c);
}

static const char *name_of(const jl_view_ind_area *a)
{
    return a->name && *a->name ? a->name : a->code;
}

static int ranking(rows *r, const jl_ind_page *p, char ***codes)
{
    const jl_view_indicator *v = &p->v;
    int dec = jl_ind_page_decimals(p);
    size_t i;

    size_t nc = strcmp(v->def.better, "none") ? 5 : 4, note = nc - 1;

    /* Without a better direction there is no rank: no column for it. */
    start(r, nc, p->n);
    r->labels[0] = _("Area");
    r->labels[1] = _("Code");
    r->labels[2] = v->def.unit[0] ? jl_arena_printf(r->A, "%s (%s)", _("Value"), v->def.unit)
                                  : _("Value");
    if (nc == 5)
        r->labels[3] = _("Rank");
    r->labels[note] = _("Note");
    if (codes)
        *codes = jl_arena_alloc(r->A, (p->n + 1) * sizeof **codes);
    for (i = 0; i < p->n; i++) {
        const jl_view_ind_area *a = &v->area[p->order[i]];
        jl_xcell *c = &r->c[i * nc];

        if (codes)
            (*codes)[i] = a->code;
        jl_xcell_text(&c[0], name_of(a));
        jl_xcell_text(&c[1], a->code);
        jl_xcell_num(&c[2], jl_view_indicator_value(v, p->order[i]), dec);
        if (a->rank && nc == 5)
            jl_xcell_num(&c[3], (double)a->rank, 0);
        if (v->estimate[p->order[i] * v->np + v->at])
            jl_xcell_text(&c[note], _("estimated"));
    }
    return 0;
}

static int trend(rows *r, const jl_ind_page *p)
{
    const jl_view_indicator *v = &p->v;
    int dec = jl_ind_page_decimals(p), city = v->nmuni == 1;
    size_t i, k, col;

    start(r, 1 + (size_t)city + p->nchosen, v->np);
    r->labels[0] = _("Period");
    if (city)
        r->labels[1] = _("City");
    for (k = 0; k < p->nchosen; k++)
        r->labels[1 + (size_t)city + k] = name_of(&v->area[p->chosen[k]]);
    for (i = 0; i < v->np; i++) {
        jl_xcell *c = &r->c[i * r->ncols];

        jl_xcell_text(&c[0], v->period[i]);
        col = 1;
        if (city)
            jl_xcell_num(&c[col++], jl_view_indicator_city_at(v, 0, i), dec);
        for (k = 0; k < p->nchosen; k++)
            jl_xcell_num(&c[col++], v->value[p->chosen[k] * v->np + i], dec);
    }
    return 0;
}

static int curve(rows *r, const jl_ind_page *p)
{
    const jl_view_ineq *q = &p->curve;
    size_t i;

    if (!p->has_ineq)
        return -1;
    start(r, 2, q->n + 1);
    r->labels[0] = _("Share of the areas (lowest first)");
    r->labels[1] = _("Share of the sum");
    for (i = 0; i <= q->n; i++) {
        jl_xcell_num(&r->c[i * 2], q->cum_w[i], 4);
        jl_xcell_num(&r->c[i * 2 + 1], q->cum_x[i], 4);
    }
    return 0;
}

int jl_ind_page_table(jl_xtable *x, jl_req *rq, const jl_ind_page *p, int which,
                      char ***codes)
{
    rows r;
    int rc = -1;

    memset(x, 0, sizeof *x);
    if (!p->v.np)
        return -1;
    memset(&r, 0, sizeof r);
    r.A = rq->arena;
    if (which == JL_IP_RANK)
        rc = ranking(&r, p, codes);
    else if (which == JL_IP_TREND)
        rc = trend(&r, p);
    else if (which == JL_IP_CURVE)
        rc = curve(&r, p);
    if (rc < 0)
        return -1;
    x->labels = r.labels;
    x->ncols = r.ncols;
    x->cells = r.c;
    x->nrows = r.nrows;
    return 0;
}
