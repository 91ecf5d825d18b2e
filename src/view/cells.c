#include "view/cells.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "release/suppress.h"
#include "stats/spauto.h"
#include "view/profile.h"
#include "view/release.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void jl_cell_table_dispose(jl_cell_table *t)
{
    size_t i;

    jl_instrument_free(t->in);
    for (i = 0; t->codes && i < t->nareas; i++)
        jl_free(t->codes[i]);
    for (i = 0; t->names && i < t->nareas; i++)
        jl_free(t->names[i]);
    jl_free(t->codes);
    jl_free(t->names);
    jl_free(t->division);
    jl_counts_dispose(&t->counts);
    jl_counts_dispose(&t->city);
    jl_free(t->p_adj);
    jl_free(t->hide);
    jl_free(t->flags);
    memset(t, 0, sizeof *t);
}

/* Adjusts the p-values of the family (see cells.h) with Benjamini-
 * Hochberg, each of its two parts apart. The family depends on nothing a
 * face filters by (area, grade, sex, headline), only on the wave, the
 * division, the norm and min_n, so every view of the table flags alike. */
static int adjust_family(jl_cell_table *t, jl_err *err)
{
    const jl_counts *cn = &t->counts;
    size_t ngrp = cn->nareas * (cn->ngrades + 1) * (cn->nsexes + 1);
    size_t total = ngrp * cn->nscales * cn->ncut, part, i;
    double *p = NULL, *fam = NULL, *adj = NULL;
    size_t *at = NULL, a, g, s, k, q;
    int rc = 0;

    if (t->adjust == JL_CELLS_UNADJUSTED || total == 0)
        return 0;
    p = jl_xmalloc(total * sizeof *p);
    for (i = 0; i < total; i++)
        p[i] = NAN;
    for (a = 0; a < cn->nareas && rc == 0; a++)
        for (g = 0; g <= cn->ngrades && rc == 0; g++)
            for (s = 0; s <= cn->nsexes && rc == 0; s++)
                for (k = 0; k < cn->nscales && rc == 0; k++)
                    for (q = 0; q < t->in->scales[k].ncut; q++) {
                        size_t grp = jl_counts_group(cn, a, g, s);
                        jl_cell c;

                        rc = jl_cell_table_get(&c, t, (long)a, g, s, k, q, err);
                        if (rc < 0)
                            break;
                        if (!jl_release_small_group(&c, t->min_n))
                            p[(grp * cn->nscales + k) * cn->ncut + q] = c.p;
                    }
    if (rc < 0)
        goto done;
    fam = jl_xmalloc(total * sizeof *fam);
    adj = jl_xmalloc(total * sizeof *adj);
    at = jl_xmalloc(total * sizeof *at);
    t->p_adj = jl_xmalloc(total * sizeof *t->p_adj);
    for (i = 0; i < total; i++)
        t->p_adj[i] = NAN;
    for (part = 0; part < 2; part++) {
        size_t m = 0;

        for (i = 0; i < total; i++) {
            size_t kk = i / cn->ncut % cn->nscales, qq = i % cn->ncut;

            if (isnan(p[i]) || (t->in->scales[kk].cut[qq].headline != 0) != (part == 0))
                continue;
            at[m] = i;
            fam[m++] = p[i];
        }
        jl_p_adjust_bh(fam, m, adj);
        for (i = 0; i < m; i++)
            t->p_adj[at[i]] = adj[i];
        t->nfamily[part] = m;
    }
done:
    jl_free(p);
    jl_free(fam);
    jl_free(adj);
    jl_free(at);
    return rc;
}

static void add_name(void *ctx, const jl_store_area *a)
{
    jl_cell_table *t = ctx;
    long ai = jl_cell_table_area(t, a->code);

    if (ai >= 0 && a->name && a->name[0] && !t->names[ai])
        t->names[ai] = jl_xstrdup(a->name);
}

int jl_view_cells(jl_cell_table *t, jl_store *st, const jl_cells_req *req, jl_err *err)
{
    jl_view_wave a;
    jl_view_profile p;
    int rc;

    memset(t, 0, sizeof *t);
    memset(&p, 0, sizeof p);
    rc = jl_view_wave_load(&a, st, req->wave, req->instrument, req->cutset, req->w, 0, NULL, NULL,
                           err);
    if (rc < 0)
        goto done;
    rc = jl_view_profile_build(&p, st, &a, req->division, err);
    if (rc == 0 && req->group)
        rc = jl_view_profile_group(&p, st, &a, req->group, err);
    if (rc < 0)
        goto done;
    /* The counts, the codes and the instrument move into the table; the
     * respondents stay behind and go with a. */
    t->w = a.w;
    t->in = a.in;
    a.in = NULL;
    memcpy(t->cutset, a.cutset, sizeof t->cutset);
    t->division = p.division;
    t->norm_city = req->norm_city;
    t->nareas = p.nareas;
    t->codes = p.codes;
    memcpy(t->grade_present, p.grade_present, sizeof t->grade_present);
    t->counts = p.counts;
    t->city = p.city;
    t->adjust = req->adjust;
    t->min_n = req->min_n ? req->min_n : JL_RELEASE_MIN_N;
    t->rules.min_n = t->min_n;
    t->rules.min_count = req->min_count;
    t->unprotected = req->unprotected;
    jl_free(p.area);
    memset(&p, 0, sizeof p);
    t->names = jl_xcalloc(t->nareas ? t->nareas : 1, sizeof *t->names);
    /* A group is one area without a stored name; a division the wave
     * names but no areas import made has none either. */
    if (!req->group)
        rc = jl_store_area_each(st, t->division, add_name, t, err);
    if (rc == 0)
        rc = adjust_family(t, err);
done:
    jl_view_profile_dispose(&p);
    jl_view_wave_dispose(&a);
    if (rc < 0)
        jl_cell_table_dispose(t);
    return rc;
}

int jl_view_cells_previous(jl_cell_table *prev, jl_store *st, const jl_cell_table *t,
                           jl_err *err)
{
    jl_wave_info pw;
    jl_cells_req req;
    int rc;

    memset(prev, 0, sizeof *prev);
    rc = jl_store_wave_previous(&pw, st, &t->w, err);
    if (rc < 0)
        return rc;
    memset(&req, 0, sizeof req);
    req.w = &pw;
    req.cutset = t->cutset;
    req.division = t->division;
    req.norm_city = t->norm_city;
    req.adjust = t->adjust;
    req.min_n = t->min_n;
    req.min_count = t->rules.min_count;
    req.unprotected = t->unprotected;
    return jl_view_cells(prev, st, &req, err);
}

long jl_cell_table_area(const jl_cell_table *t, const char *code)
{
    size_t lo = 0, hi = t->nareas;

    /* The codes are sorted (a group's one name trivially so). */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(t->codes[mid], code);

        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

long jl_cell_table_need_area(const jl_cell_table *t, const char *code, jl_err *err)
{
    long ai = jl_cell_table_area(t, code);

    if (ai < 0)
        return jl_err_set(err, JL_ENOTFOUND,
                          _("no respondents of wave %s in area %s of division %s"), t->w.name,
                          code, t->division);
    return ai;
}

int jl_cell_table_get(jl_cell *c, const jl_cell_table *t, long ai, size_t g, size_t s, size_t k,
                      size_t q, jl_err *err)
{
    const jl_counts *cn = ai < 0 ? &t->city : &t->counts;
    size_t grp = jl_counts_group(cn, ai < 0 ? 0 : (size_t)ai, g, s);
    size_t base = grp * cn->nscales + k;
    const jl_scale *sc = &t->in->scales[k];
    const jl_cutoff *cut = &sc->cut[q];
    double norm = cut->norm_pct;
    int rc;

    if (t->norm_city) {
        size_t cg = jl_counts_group(&t->city, 0, g, s);
        size_t cb = cg * t->city.nscales + k;

        norm = t->city.n_scored[cb]
                   ? 100.0 * t->city.k[cb * t->city.ncut + q] / (double)t->city.n_scored[cb]
                   : (double)NAN;
    }
    memset(c, 0, sizeof *c);
    rc = jl_cell_fill(c, cn->n[grp], cn->n_scored[base], cn->k[base * cn->ncut + q], norm, err);
    c->division = t->division;
    c->area = ai < 0 ? NULL : t->codes[ai];
    c->wave = t->w.name;
    c->grade = g == JL_NGRADES ? "T" : jl_grade_name((int)g);
    c->sex = s == JL_NSEXES ? "T" : jl_sex_name((int)s);
    c->scale = sc->id;
    c->kind = jl_kind_name(sc->kind);
    c->cutoff = cut->name;
    c->headline = cut->headline;
    c->norm_of = t->norm_city ? JL_NORM_CITY : JL_NORM_INSTRUMENT;
    c->norm_source = t->norm_city ? NULL : cut->norm_source;
    if (rc == 0 && t->flags) {
        c->p = c->p_adj = NAN;
        c->flag = (jl_flag)t->flags[jl_cell_table_index(t, ai, g, s, k, q)];
    } else if (rc == 0 && ai >= 0 && t->p_adj) {
        c->p_adj = t->p_adj[base * cn->ncut + q];
        c->flag = JL_FLAG_NONE;
        if (c->p_adj < JL_FLAG_ALPHA)
            c->flag = c->diff > 0 ? JL_FLAG_HIGH : JL_FLAG_LOW;
    }
    return rc;
}

size_t jl_cell_table_index(const jl_cell_table *t, long ai, size_t g, size_t s, size_t k,
                           size_t q)
{
    const jl_counts *cn = &t->counts;
    size_t grp = jl_counts_group(cn, ai < 0 ? cn->nareas : (size_t)ai, g, s);

    return (grp * cn->nscales + k) * cn->ncut + q;
}

int jl_cell_table_shown(jl_cell *c, const jl_cell_table *t, long ai, size_t g, size_t s,
                        size_t k, size_t q, jl_err *err)
{
    int rc = jl_cell_table_get(c, t, ai, g, s, k, q, err);

    if (rc < 0)
        return rc;
    if (t->unprotected) {
        c->status = JL_CELL_UNPROTECTED;
        return 0;
    }
    if (t->hide) {
        jl_cell_reason r = (jl_cell_reason)t->hide[jl_cell_table_index(t, ai, g, s, k, q)];

        if (r != JL_REASON_NONE)
            jl_release_hide(c, r);
        return 0;
    }
    jl_release_cell_primary(c, &t->rules);
    return 0;
}

jl_verdict jl_flag_verdict(jl_flag f, jl_kind kind)
{
    if (f == JL_FLAG_NONE)
        return JL_VERDICT_NONE;
    return (f == JL_FLAG_HIGH) == (kind != JL_KIND_PROTECTIVE) ? JL_VERDICT_WORSE
                                                               : JL_VERDICT_BETTER;
}

const char *jl_verdict_code(jl_verdict v)
{
    return v == JL_VERDICT_WORSE ? "worse" : v == JL_VERDICT_BETTER ? "better" : NULL;
}

double jl_cell_table_headline_pct(const jl_cell_table *t, const char *code, size_t k, size_t q)
{
    long ai = jl_cell_table_area(t, code);
    jl_cell c;
    jl_err e = JL_ERR_INIT;

    if (ai < 0)
        return NAN;
    if (jl_cell_table_shown(&c, t, ai, JL_NGRADES, JL_NSEXES, k, q, &e) < 0 ||
        c.status == JL_CELL_SUPPRESSED)
        return NAN;
    return c.pct;
}

int jl_view_survey_shares(jl_area_values *out, int *synthetic, jl_store *st, const char *wave,
                          const char *scale, const char *division, unsigned long min_n,
                          int unprotected, jl_err *err)
{
    jl_cells_req req;
    jl_cells_protect_req pr;
    jl_cell_table t;
    long k, q;
    size_t i, cap = 0;
    int rc;

    memset(&req, 0, sizeof req);
    memset(out, 0, sizeof *out);
    req.wave = wave;
    req.division = division;
    req.min_n = min_n;
    req.unprotected = unprotected;
    req.adjust = JL_CELLS_UNADJUSTED; /* shares only: no flag is read */
    rc = jl_view_cells(&t, st, &req, err);
    if (rc < 0)
        return rc;
    /* The areas' headlines as a release of them would show them. */
    memset(&pr, 0, sizeof pr);
    rc = jl_view_cells_protect(&t, st, &pr, err);
    if (rc < 0)
        goto done;
    k = jl_instrument_scale(t.in, scale);
    if (k < 0 || (q = jl_view_headline_of(&t.in->scales[k])) < 0) {
        rc = jl_err_set(err, JL_EINPUT, _("no scale \"%s\" with a headline cut-off in %s"), scale,
                        t.in->id);
        goto done;
    }
    *synthetic = t.w.synthetic;
    /* Suppressed areas are left out: a map of clusters must not be a way
     * round the small-group rule. */
    for (i = 0; i < t.nareas; i++) {
        double pct = jl_cell_table_headline_pct(&t, t.codes[i], (size_t)k, (size_t)q);
        size_t c2 = cap;

        if (isnan(pct))
            continue;
        out->codes = jl_xgrow(out->codes, &c2, out->n + 1, sizeof *out->codes);
        out->vals = jl_xgrow(out->vals, &cap, out->n + 1, sizeof *out->vals);
        out->codes[out->n] = jl_xstrdup(t.codes[i]);
        out->vals[out->n++] = pct;
    }
    snprintf(out->name, sizeof out->name, "%s", t.in->scales[k].name);
    snprintf(out->cutoff, sizeof out->cutoff, "%s", t.in->scales[k].cut[q].name);
    snprintf(out->instrument, sizeof out->instrument, "%s", t.in->id);
    snprintf(out->period, sizeof out->period, "%s", t.w.name);
done:
    jl_cell_table_dispose(&t);
    if (rc < 0)
        jl_area_values_dispose(out);
    return rc;
}
