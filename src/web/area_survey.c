/*
 * The area page's survey tables from a release (web/area_survey.h). The
 * page, the CSV and the .xlsx render the same rows built here.
 */
#include "web/area_survey.h"
#include "core/alloc.h"
#include "core/num.h"
#include "release/suppress.h"
#include "view/release_trend.h"

#include <stdio.h>

#include <math.h>
#include <string.h>

/* CTC's four themes, by the instrument's domain code or its Swedish
 * theme. */
static const char *const domains[4] = {"community", "family", "school", "peer-individual"};
static const char *const themes_sv[4] = {"närområde", "föräldrar", "skola",
                                         "individ och kamrater"};

const char *jl_area_survey_theme(int theme)
{
    switch (theme) {
    case 0:
        return _("Neighbourhood");
    case 1:
        return _("Parents");
    case 2:
        return _("School");
    case 3:
        return _("Individual and peers");
    }
    return _("Other factors");
}

static int theme_of(const jl_scale *sc)
{
    int i;

    for (i = 0; i < 4; i++)
        if ((sc->domain && !strcmp(sc->domain, domains[i])) ||
            (sc->theme && !strcmp(sc->theme, themes_sv[i])))
            return i;
    return 4;
}

/* The profile's scales: risk and protective ones with a headline
 * cut-off, by theme, in the instrument's order within one. */
static void scales_of(jl_area_survey *s)
{
    const jl_instrument *in = s->t.in;
    size_t k;
    int th;

    s->k = jl_xcalloc(in->nscales + 1, sizeof *s->k);
    s->theme = jl_xcalloc(in->nscales + 1, sizeof *s->theme);
    for (th = 0; th <= 4; th++)
        for (k = 0; k < in->nscales; k++) {
            const jl_scale *sc = &in->scales[k];

            if (sc->kind == JL_KIND_OUTCOME || jl_release_headline_of(sc) < 0 || theme_of(sc) != th)
                continue;
            s->themed |= th < 4;
            s->theme[s->nk] = th;
            s->k[s->nk++] = k;
        }
}

/* The wave before the release's last: from the latest release up to the
 * one shown that holds it with the division, which need not be the one
 * shown (a release of one wave). */
static int previous(jl_area_survey *s, jl_req *rq)
{
    jl_view_wave_sources src;
    const jl_view_wave_source *before;
    const jl_view_release *pv = &s->v;
    jl_err e = JL_ERR_INIT;
    int rc;

    rc = jl_view_wave_sources_load(&src, rq->store, s->v.id, s->division, &e);
    before = rc == 0 ? jl_view_wave_source_before(&src, s->t.w.name) : NULL;
    if (before && before->release != s->v.id) {
        rc = jl_view_release_load(&s->pv, rq->store, before->release, &e);
        pv = &s->pv;
    }
    if (rc == 0 && before)
        rc = jl_view_cells_of_release(&s->prev, rq->store, pv, before->wave, s->division, NULL,
                                      &e);
    if (rc == 0 && before) {
        s->has_prev = 1;
        s->prev_release = before->release;
        snprintf(s->prev_created, sizeof s->prev_created, "%s", before->created);
    }
    jl_view_wave_sources_dispose(&src);
    return rc;
}

int jl_area_survey_load(jl_area_survey *s, jl_req *rq, const char *division, const char *code)
{
    const char *p = jl_target_param(&rq->target, "release");
    jl_err e = JL_ERR_INIT;
    long id = 0;
    int rc;

    memset(s, 0, sizeof *s);
    s->division = division;
    s->code = code;
    if (jl_target_count(&rq->target, "release") > 1 ||
        (p && (jl_parse_long(&id, p) < 0 || id <= 0)))
        return 400;
    if (!p) {
        rc = jl_view_release_latest_for(&id, rq->store, division, code, &e);
        if (rc == JL_ENOTFOUND)
            return 200;
        if (rc < 0)
            return 503;
    }
    rc = jl_view_release_load(&s->v, rq->store, id, &e);
    if (rc == 0)
        rc = jl_view_cells_of_release(&s->t, rq->store, &s->v, NULL, division, NULL, &e);
    if (rc == 0 && (s->ai = jl_cell_table_area(&s->t, code)) < 0)
        rc = JL_ENOTFOUND;
    if (rc == JL_ENOTFOUND)
        return 404;
    if (rc < 0)
        return 503;
    s->has_t = 1;
    if (previous(s, rq) < 0)
        return 503;
    scales_of(s);
    return 200;
}

void jl_area_survey_dispose(jl_area_survey *s)
{
    jl_cell_table_dispose(&s->t);
    jl_cell_table_dispose(&s->prev);
    jl_view_release_dispose(&s->pv);
    jl_view_release_dispose(&s->v);
    jl_free(s->k);
    jl_free(s->theme);
    memset(s, 0, sizeof *s);
}

const char *jl_area_survey_file(int which)
{
    static const char *const names[JL_AS_NTABLES] = {"profil", "arskurs", "forandring"};

    return which >= 0 && which < JL_AS_NTABLES ? names[which] : NULL;
}

/* ---- the rows ---- */

typedef struct rows {
    jl_arena *A;
    jl_xcell *c;
    size_t ncols, nrows, cap;
    const char **labels;
} rows;

static jl_xcell *row_add(rows *r)
{
    size_t need = (r->nrows + 1) * r->ncols;

    if (need > r->cap) {
        size_t cap = r->cap ? r->cap * 2 : r->ncols * 16;
        jl_xcell *c = jl_arena_alloc(r->A, cap * sizeof *c);

        if (r->cap)
            memcpy(c, r->c, r->cap * sizeof *c);
        r->c = c;
        r->cap = cap;
    }
    memset(&r->c[r->nrows * r->ncols], 0, r->ncols * sizeof *r->c);
    return &r->c[r->nrows++ * r->ncols];
}

/* A share as a face shows it: its number, or the words of why not. */
static void share(jl_xcell *x, const jl_cell *c)
{
    if (c->status == JL_CELL_SUPPRESSED)
        jl_xcell_text(x, jl_release_reason_short(c->reason));
    else
        jl_xcell_num(x, c->pct, 1);
}

static const char *verdict_words(jl_verdict v, int norm_city)
{
    if (v == JL_VERDICT_WORSE)
        return norm_city ? _("worse than the city") : _("worse than the norm");
    if (v == JL_VERDICT_BETTER)
        return norm_city ? _("better than the city") : _("better than the norm");
    return NULL;
}

static int profile(rows *r, const jl_area_survey *s)
{
    const jl_cell_table *t = &s->t;
    jl_err e = JL_ERR_INIT;
    size_t i;

    r->ncols = 8;
    r->labels = jl_arena_alloc(r->A, r->ncols * sizeof *r->labels);
    r->labels[0] = _("Factor");
    r->labels[1] = _("Theme");
    r->labels[2] = _("Share, %");
    r->labels[3] = _("95 % interval, low");
    r->labels[4] = _("95 % interval, high");
    r->labels[5] = t->norm_city ? _("City, %") : _("Norm, %");
    r->labels[6] = _("Against the norm");
    r->labels[7] = _("Scored respondents");
    for (i = 0; i < s->nk; i++) {
        size_t k = s->k[i], q = (size_t)jl_release_headline_of(&t->in->scales[k]);
        jl_xcell *x = row_add(r);
        jl_cell c;

        if (jl_cell_table_shown(&c, t, s->ai, JL_NGRADES, JL_NSEXES, k, q, &e) < 0)
            return -1;
        jl_xcell_text(&x[0], t->in->scales[k].name);
        jl_xcell_text(&x[1], jl_area_survey_theme(s->theme[i]));
        share(&x[2], &c);
        if (c.status == JL_CELL_SUPPRESSED)
            continue;
        jl_xcell_num(&x[3], c.ci_low, 1);
        jl_xcell_num(&x[4], c.ci_high, 1);
        jl_xcell_num(&x[5], c.norm_pct, 1);
        if (verdict_words(jl_flag_verdict(c.flag, t->in->scales[k].kind), t->norm_city))
            jl_xcell_text(&x[6], verdict_words(jl_flag_verdict(c.flag, t->in->scales[k].kind),
                                      t->norm_city));
        jl_xcell_num(&x[7], (double)c.n_scored, 0);
    }
    return 0;
}

static int grades(rows *r, const jl_area_survey *s)
{
    const jl_cell_table *t = &s->t;
    jl_err e = JL_ERR_INIT;
    size_t i, g, col, gs[JL_NGRADES + 1], ng = 0;

    for (g = 0; g < JL_NGRADES; g++)
        if (t->grade_present[g])
            gs[ng++] = g;
    if (!ng)
        return -1;
    gs[ng++] = JL_NGRADES;
    r->ncols = ng + 1;
    r->labels = jl_arena_alloc(r->A, r->ncols * sizeof *r->labels);
    r->labels[0] = _("Factor");
    for (col = 0; col < ng; col++)
        r->labels[col + 1] = gs[col] == JL_NGRADES
                                 ? _("All grades, %")
                                 : jl_arena_printf(r->A, _("Grade %s, %%"),
                                                   jl_grade_name((int)gs[col]));
    for (i = 0; i < s->nk; i++) {
        size_t k = s->k[i], q = (size_t)jl_release_headline_of(&t->in->scales[k]);
        jl_xcell *x = row_add(r);

        jl_xcell_text(&x[0], t->in->scales[k].name);
        for (col = 0; col < ng; col++) {
            jl_cell c;

            if (jl_cell_table_shown(&c, t, s->ai, gs[col], JL_NSEXES, k, q, &e) < 0)
                return -1;
            share(&x[col + 1], &c);
        }
    }
    return 0;
}

static int change(rows *r, const jl_area_survey *s)
{
    const jl_cell_table *t = &s->t, *p = &s->prev;
    jl_err e = JL_ERR_INIT;
    size_t i;

    if (!s->has_prev)
        return -1;
    r->ncols = 7;
    r->labels = jl_arena_alloc(r->A, r->ncols * sizeof *r->labels);
    r->labels[0] = _("Factor");
    r->labels[1] = jl_arena_printf(r->A, _("Share %s, %%"), p->w.name);
    r->labels[2] = jl_arena_printf(r->A, _("Share %s, %%"), t->w.name);
    r->labels[3] = _("Change, points");
    r->labels[4] = _("95 % interval, low");
    r->labels[5] = _("95 % interval, high");
    r->labels[6] = _("Worse or better");
    for (i = 0; i < s->nk; i++) {
        const jl_scale *sc = &t->in->scales[s->k[i]];
        long pk = jl_instrument_scale(p->in, sc->id), pai = jl_cell_table_area(p, s->code);
        size_t q = (size_t)jl_release_headline_of(sc);
        jl_xcell *x = row_add(r);
        jl_cell a, b;
        jl_cell_change ch;

        jl_xcell_text(&x[0], sc->name);
        if (jl_cell_table_shown(&b, t, s->ai, JL_NGRADES, JL_NSEXES, s->k[i], q, &e) < 0)
            return -1;
        if (pk < 0 || pai < 0 || q >= p->in->scales[pk].ncut) {
            jl_xcell_text(&x[1], _("not in the release"));
            share(&x[2], &b);
            continue;
        }
        if (jl_cell_table_shown(&a, p, pai, JL_NGRADES, JL_NSEXES, (size_t)pk, q, &e) < 0 ||
            jl_release_change(&ch, &a, &b, sc->kind, &e) < 0)
            return -1;
        share(&x[1], &a);
        share(&x[2], &b);
        jl_xcell_num(&x[3], ch.diff, 1);
        jl_xcell_num(&x[4], ch.lo, 1);
        jl_xcell_num(&x[5], ch.hi, 1);
        if (ch.verdict != JL_VERDICT_NONE)
            jl_xcell_text(&x[6], ch.verdict == JL_VERDICT_WORSE ? _("worse") : _("better"));
    }
    return 0;
}

int jl_area_survey_table(jl_xtable *x, jl_req *rq, const jl_area_survey *s, int which)
{
    rows r;
    int rc = -1;

    memset(x, 0, sizeof *x);
    if (!s->has_t)
        return -1;
    memset(&r, 0, sizeof r);
    r.A = rq->arena;
    if (which == JL_AS_PROFILE)
        rc = profile(&r, s);
    else if (which == JL_AS_GRADES)
        rc = grades(&r, s);
    else if (which == JL_AS_CHANGE)
        rc = change(&r, s);
    if (rc < 0)
        return -1;
    x->labels = r.labels;
    x->ncols = r.ncols;
    x->cells = r.c;
    x->nrows = r.nrows;
    return 0;
}
