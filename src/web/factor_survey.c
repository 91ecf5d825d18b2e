/*
 * One factor over the areas of a division, from a release
 * (web/factor_survey.h).
 */
#include "web/factor_survey.h"
#include "web/area_survey.h"
#include "web/html.h"
#include "web/page.h"
#include "core/alloc.h"
#include "core/limits.h"
#include "core/num.h"
#include "release/suppress.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int param(const char **out, const jl_req *rq, const char *name, size_t max)
{
    *out = jl_target_param(&rq->target, name);
    if (jl_target_count(&rq->target, name) > 1 || (*out && (!**out || strlen(*out) > max)))
        return 400;
    return 0;
}

/* The newest release not withdrawn, any division: its id and first
 * division. */
static int newest(long *id, const char **division, jl_req *rq)
{
    jl_view_release_rows l;
    jl_err e = JL_ERR_INIT;
    size_t i;

    *id = 0;
    if (jl_view_release_rows_load(&l, rq->store, &e) < 0)
        return 503;
    for (i = l.n; i-- > 0 && !*id;)
        if (!*l.r[i].withdrawn && l.r[i].ndivisions) {
            *id = l.r[i].id;
            *division = jl_arena_strdup(rq->arena, l.r[i].divisions[0]);
        }
    jl_view_release_rows_dispose(&l);
    return 200;
}

static int which_release(long *id, jl_factor_survey *s, jl_req *rq, const char *division)
{
    const char *p = jl_target_param(&rq->target, "release");
    jl_err e = JL_ERR_INIT;
    int rc;

    *id = 0;
    if (jl_target_count(&rq->target, "release") > 1 ||
        (p && (jl_parse_long(id, p) < 0 || *id <= 0)))
        return 400;
    if (p)
        return 200;
    if (!division)
        return newest(id, &s->division, rq);
    rc = jl_view_release_latest_division(id, rq->store, division, &e);
    if (rc == JL_ENOTFOUND) {
        /* a division no release holds: 404 if the store has no such
         * division either */
        rc = jl_store_division_exists(rq->store, division, &e);
        return rc < 0 ? 503 : rc == 0 ? 404 : 200;
    }
    return rc < 0 ? 503 : 200;
}

int jl_factor_survey_load(jl_factor_survey *s, jl_req *rq, const char *division,
                          const char *instrument, const char *scale)
{
    const char *pd, *ps;
    jl_err e = JL_ERR_INIT;
    long id;
    size_t i;
    int rc, st;

    memset(s, 0, sizeof *s);
    s->k = -1;
    if (param(&pd, rq, "division", JL_MAX_ID) || param(&ps, rq, "scale", JL_MAX_ID))
        return 400;
    s->division = division ? division : pd;
    st = which_release(&id, s, rq, s->division);
    if (st != 200 || !id)
        return st;
    rc = jl_view_release_load(&s->v, rq->store, id, &e);
    if (rc == 0 && !s->division)
        s->division = s->v.meta.ndivisions ? s->v.meta.divisions[0] : JL_RELEASE_CITY;
    if (rc == 0)
        rc = jl_view_cells_of_release(&s->t, rq->store, &s->v, NULL, s->division, NULL, &e);
    if (rc == JL_ENOTFOUND)
        return 404;
    if (rc < 0)
        return 503;
    s->has_t = 1;
    s->ks = jl_xcalloc(s->t.in->nscales + 1, sizeof *s->ks);
    s->nk = jl_view_factor_scales(s->ks, &s->t);
    if (instrument && strcmp(instrument, s->t.w.instrument) != 0)
        return 404;
    if (!scale)
        scale = ps;
    for (i = 0; i < s->nk && s->k < 0; i++)
        if (scale ? !strcmp(s->t.in->scales[s->ks[i]].id, scale)
                  : s->t.in->scales[s->ks[i]].kind == JL_KIND_RISK)
            s->k = (long)s->ks[i];
    if (s->k < 0 && !scale && s->nk)
        s->k = (long)s->ks[0];
    if (s->k < 0)
        return 404;
    rc = jl_view_factor_rank(&s->f, &s->t, (size_t)s->k, &e);
    return rc < 0 ? 503 : 200;
}

void jl_factor_survey_dispose(jl_factor_survey *s)
{
    jl_view_factor_dispose(&s->f);
    jl_cell_table_dispose(&s->t);
    jl_view_release_dispose(&s->v);
    jl_free(s->ks);
    memset(s, 0, sizeof *s);
}

const char *jl_factor_survey_name(const jl_factor_survey *s)
{
    return s->t.in->scales[s->k].name;
}

static const char *area_name(const jl_view_factor_row *r)
{
    return r->name && *r->name ? r->name : r->code;
}

static int hidden(const jl_cell *c)
{
    return c->status == JL_CELL_SUPPRESSED || isnan(c->pct);
}

const jl_map_item *jl_factor_survey_items(jl_req *rq, const jl_factor_survey *s, size_t *n)
{
    jl_map_item *it = jl_arena_alloc(rq->arena, (s->f.n + 1) * sizeof *it);
    size_t i;

    for (i = 0; i < s->f.n; i++) {
        const jl_view_factor_row *r = &s->f.r[i];

        memset(&it[i], 0, sizeof it[i]);
        it[i].code = r->code;
        it[i].name = area_name(r);
        it[i].value = hidden(&r->c) ? (double)NAN : r->c.pct;
        it[i].lo = hidden(&r->c) ? (double)NAN : r->c.ci_low;
        it[i].hi = hidden(&r->c) ? (double)NAN : r->c.ci_high;
        if (r->c.status == JL_CELL_SUPPRESSED)
            it[i].why = jl_release_reason_short(r->c.reason);
        else if (isnan(r->c.pct))
            it[i].why = _("no figure");
    }
    *n = s->f.n;
    return it;
}

void jl_factor_survey_table(jl_xtable *x, jl_req *rq, const jl_factor_survey *s)
{
    const size_t nc = 9;
    const char **l = jl_arena_alloc(rq->arena, nc * sizeof *l);
    jl_xcell *c = jl_arena_alloc(rq->arena, (s->f.n + 1) * nc * sizeof *c);
    size_t i;

    memset(x, 0, sizeof *x);
    memset(c, 0, (s->f.n + 1) * nc * sizeof *c);
    l[0] = _("Rank");
    l[1] = _("Area");
    l[2] = _("Code");
    l[3] = _("Share, %");
    l[4] = _("95 % interval, low");
    l[5] = _("95 % interval, high");
    l[6] = s->t.norm_city ? _("City, %") : _("Norm, %");
    l[7] = _("Against the norm");
    l[8] = _("Scored respondents");
    for (i = 0; i < s->f.n; i++) {
        const jl_view_factor_row *r = &s->f.r[i];
        jl_xcell *row = &c[i * nc];

        if (r->rank)
            jl_xcell_num(&row[0], (double)r->rank, 0);
        jl_xcell_text(&row[1], area_name(r));
        jl_xcell_text(&row[2], r->code);
        if (r->c.status == JL_CELL_SUPPRESSED) {
            jl_xcell_text(&row[3], jl_release_reason_short(r->c.reason));
            continue;
        }
        jl_xcell_num(&row[3], r->c.pct, 1);
        jl_xcell_num(&row[4], r->c.ci_low, 1);
        jl_xcell_num(&row[5], r->c.ci_high, 1);
        jl_xcell_num(&row[6], r->c.norm_pct, 1);
        if (r->verdict == JL_VERDICT_WORSE)
            jl_xcell_text(&row[7],
                          s->t.norm_city ? _("worse than the city") : _("worse than the norm"));
        else if (r->verdict == JL_VERDICT_BETTER)
            jl_xcell_text(&row[7],
                          s->t.norm_city ? _("better than the city") : _("better than the norm"));
        jl_xcell_num(&row[8], (double)r->c.n_scored, 0);
    }
    x->labels = l;
    x->ncols = nc;
    x->cells = c;
    x->nrows = s->f.n;
}

void jl_factor_survey_release(jl_buf *b, jl_req *rq, const jl_factor_survey *s)
{
    jl_page_release_note(b, rq, &s->v, s->t.w.name, s->t.w.synthetic);
}
