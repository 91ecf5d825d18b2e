/*
 * The JSON API under /api/v1/ (docs/api/openapi.yaml): the same views as
 * the pages, numbers at full precision (the shortest digits that read
 * back exactly), codes instead of words, null where there is no figure.
 */
#include "web/page.h"
#include "web/html.h"
#include "view/catalog.h"
#include "view/indicator.h"
#include "view/release_cells.h"
#include "web/factor_survey.h"
#include "release/suppress.h"
#include "core/limits.h"
#include "core/num.h"

#include <math.h>
#include <string.h>

static void key(jl_buf *b, int first, const char *k)
{
    if (!first)
        jl_buf_putc(b, ',');
    jl_json_str(b, k);
    jl_buf_putc(b, ':');
}

static void kstr(jl_buf *b, int first, const char *k, const char *v)
{
    key(b, first, k);
    jl_json_str(b, v);
}

/* v, or null for NaN. */
static void knum(jl_buf *b, int first, const char *k, double v)
{
    char s[64];

    key(b, first, k);
    if (isfinite(v))
        jl_buf_puts(b, jl_fmt_exact(s, sizeof s, v));
    else
        jl_buf_puts(b, "null");
}

static void division_json(jl_buf *b, const jl_view_division *d)
{
    jl_buf_putc(b, '{');
    kstr(b, 1, "id", d->id);
    kstr(b, 0, "name", d->name);
    kstr(b, 0, "parent", d->parent);
    kstr(b, 0, "version", d->version);
    kstr(b, 0, "valid_from", d->valid_from);
    key(b, 0, "areas");
    jl_buf_printf(b, "%ld}", d->nareas);
}

int jl_api_divisions(jl_req *rq, jl_resp *rs)
{
    jl_view_divisions v;
    jl_err e = JL_ERR_INIT;
    size_t i;
    jl_buf *b = &rs->body;

    if (jl_view_divisions_load(&v, rq->store, &e) < 0) {
        jl_view_divisions_dispose(&v);
        return 503;
    }
    jl_resp_begin(rs, rq, JL_WEB_JSON);
    jl_buf_puts(b, "{\"divisions\":[");
    for (i = 0; i < v.n; i++) {
        if (i)
            jl_buf_putc(b, ',');
        division_json(b, &v.d[i]);
    }
    jl_buf_puts(b, "]}\n");
    jl_view_divisions_dispose(&v);
    return 200;
}

int jl_api_areas(jl_req *rq, jl_resp *rs)
{
    jl_view_area_list l;
    jl_err e = JL_ERR_INIT;
    jl_buf *b = &rs->body;
    size_t i;
    int rc;

    rc = jl_view_area_list_load(&l, rq->store, rq->seg[3], &e);
    if (rc == 0) {
        jl_resp_begin(rs, rq, JL_WEB_JSON);
        jl_buf_puts(b, "{\"division\":");
        division_json(b, &l.division);
        jl_buf_puts(b, ",\"areas\":[");
        for (i = 0; i < l.n; i++) {
            jl_buf_puts(b, i ? ",{" : "{");
            kstr(b, 1, "code", l.a[i].code);
            kstr(b, 0, "name", l.a[i].name);
            kstr(b, 0, "parent", l.a[i].parent);
            jl_buf_putc(b, '}');
        }
        jl_buf_puts(b, "]}\n");
    }
    jl_view_area_list_dispose(&l);
    if (rc == JL_ENOTFOUND)
        return jl_web_error(rq, rs, 404, e.msg);
    return rc < 0 ? 503 : 200;
}

static void ind_json(jl_buf *b, const jl_view_ind_info *in)
{
    kstr(b, 1, "id", in->id);
    kstr(b, 0, "name", in->name);
    kstr(b, 0, "name_en", in->name_en);
    kstr(b, 0, "unit", in->unit);
    kstr(b, 0, "kind", in->kind);
    kstr(b, 0, "better", in->better);
    kstr(b, 0, "source", in->source);
    kstr(b, 0, "licence", in->licence);
    kstr(b, 0, "first_period", in->first);
    kstr(b, 0, "last_period", in->last);
    key(b, 0, "observations");
    jl_buf_printf(b, "%ld", in->nobs);
}

int jl_api_indicators(jl_req *rq, jl_resp *rs)
{
    jl_view_ind_list l;
    jl_err e = JL_ERR_INIT;
    jl_buf *b = &rs->body;
    size_t i;

    if (jl_view_ind_list_load(&l, rq->store, &e) < 0) {
        jl_view_ind_list_dispose(&l);
        return 503;
    }
    jl_resp_begin(rs, rq, JL_WEB_JSON);
    jl_buf_puts(b, "{\"indicators\":[");
    for (i = 0; i < l.n; i++) {
        jl_buf_puts(b, i ? ",{" : "{");
        ind_json(b, &l.i[i]);
        jl_buf_putc(b, '}');
    }
    jl_buf_puts(b, "]}\n");
    jl_view_ind_list_dispose(&l);
    return 200;
}

static void indicator_json(jl_buf *b, const jl_view_indicator *v, const char *id,
                           const char *div)
{
    size_t i, cell;

    jl_buf_putc(b, '{');
    kstr(b, 1, "id", id);
    kstr(b, 0, "name", v->def.name);
    kstr(b, 0, "name_en", v->def.name_en);
    kstr(b, 0, "unit", v->def.unit);
    kstr(b, 0, "kind", v->def.kind);
    kstr(b, 0, "better", v->def.better);
    kstr(b, 0, "source", v->def.source);
    kstr(b, 0, "division", div);
    kstr(b, 0, "period", v->np ? v->period[v->at] : "");
    key(b, 0, "periods");
    jl_buf_putc(b, '[');
    for (i = 0; i < v->np; i++) {
        if (i)
            jl_buf_putc(b, ',');
        jl_json_str(b, v->period[i]);
    }
    jl_buf_putc(b, ']');
    knum(b, 0, "city", v->city);
    key(b, 0, "areas");
    jl_buf_putc(b, '[');
    for (i = 0; i < v->na && v->np; i++) {
        const jl_view_ind_area *a = &v->area[i];

        if (a->outside || a->elsewhere)
            continue;
        cell = i * v->np + v->at;
        jl_buf_puts(b, b->p[b->len - 1] == '[' ? "{" : ",{");
        kstr(b, 1, "code", a->code);
        kstr(b, 0, "name", a->name ? a->name : "");
        knum(b, 0, "value", v->value[cell]);
        kstr(b, 0, "status",
             jl_view_ind_status_code((jl_view_cell_status)v->status[cell],
                                     (jl_view_why)v->why[cell]));
        kstr(b, 0, "estimate", jl_view_ind_estimate_code((jl_view_estimate)v->estimate[cell]));
        key(b, 0, "rank");
        if (a->rank)
            jl_buf_printf(b, "%zu", a->rank);
        else
            jl_buf_puts(b, "null");
        kstr(b, 0, "trend", jl_view_ind_trend_code(a->trend));
        jl_buf_putc(b, '}');
    }
    jl_buf_puts(b, "]}");
}

/* A query parameter of at most max bytes given at most once: 0, or 400. */
static int param(const char **out, const jl_req *rq, const char *name, size_t max)
{
    *out = jl_target_param(&rq->target, name);
    if (jl_target_count(&rq->target, name) > 1 || (*out && (!**out || strlen(*out) > max)))
        return 400;
    return 0;
}

int jl_api_indicator(jl_req *rq, jl_resp *rs)
{
    const char *id = rq->seg[3], *div, *period;
    char home[JL_MAX_ID + 1];
    jl_view_indicator_def d;
    jl_view_indicator_req q;
    jl_view_indicator v;
    jl_err e = JL_ERR_INIT;
    int rc;

    if (param(&div, rq, "division", JL_MAX_ID) || param(&period, rq, "period", JL_MAX_CODE))
        return jl_web_error(rq, rs, 400, _("expected division and period at most once each, "
                                           "not empty and not too long"));
    rc = jl_view_indicator_def_get(&d, rq->store, id, &e);
    if (rc == 0)
        return 404;
    if (rc > 0 && !div) {
        rc = jl_view_indicator_home(home, rq->store, id, period, &e);
        div = home;
    }
    memset(&v, 0, sizeof v);
    if (rc >= 0) {
        memset(&q, 0, sizeof q);
        q.id = id;
        q.division = div;
        q.period = period;
        q.sex = "T";
        rc = jl_view_indicator_load(&v, rq->store, &q, &e);
    }
    if (rc >= 0) {
        jl_resp_begin(rs, rq, JL_WEB_JSON);
        jl_buf_puts(&rs->body, "{\"indicator\":");
        indicator_json(&rs->body, &v, id, div);
        jl_buf_puts(&rs->body, "}\n");
    }
    jl_view_indicator_dispose(&v);
    if (rc == JL_ENOTFOUND)
        return jl_web_error(rq, rs, 404, e.msg);
    if (rc == JL_EINPUT || rc == JL_ELIMIT)
        return jl_web_error(rq, rs, 400, e.msg);
    return rc < 0 ? 503 : 200;
}

/* ---- releases ---- */

static void str_array(jl_buf *b, char *const *v, size_t n)
{
    size_t i;

    jl_buf_putc(b, '[');
    for (i = 0; i < n; i++) {
        if (i)
            jl_buf_putc(b, ',');
        jl_json_str(b, v[i]);
    }
    jl_buf_putc(b, ']');
}

int jl_api_releases(jl_req *rq, jl_resp *rs)
{
    jl_view_release_rows l;
    jl_err e = JL_ERR_INIT;
    jl_buf *b = &rs->body;
    size_t i;

    if (jl_view_release_rows_load(&l, rq->store, &e) < 0)
        return 503;
    jl_resp_begin(rs, rq, JL_WEB_JSON);
    jl_buf_puts(b, "{\"releases\":[");
    for (i = 0; i < l.n; i++) {
        const jl_view_release_row *r = &l.r[i];

        jl_buf_puts(b, i ? ",{" : "{");
        key(b, 1, "id");
        jl_buf_printf(b, "%ld", r->id);
        kstr(b, 0, "title", r->title);
        kstr(b, 0, "created", r->created);
        key(b, 0, "waves");
        str_array(b, r->waves, r->nwaves);
        key(b, 0, "divisions");
        str_array(b, r->divisions, r->ndivisions);
        key(b, 0, "withdrawn");
        if (*r->withdrawn)
            jl_json_str(b, r->withdrawn);
        else
            jl_buf_puts(b, "null");
        jl_buf_putc(b, '}');
    }
    jl_buf_puts(b, "]}\n");
    jl_view_release_rows_dispose(&l);
    return 200;
}

/* A count, or null (-1: not published). */
static void kcount(jl_buf *b, const char *k, long v)
{
    key(b, 0, k);
    if (v >= 0)
        jl_buf_printf(b, "%ld", v);
    else
        jl_buf_puts(b, "null");
}

/* One cell with the release's fields (docs/release-format.md); a hidden
 * cell has its status and reason and null for every number. */
static void cell_json(jl_buf *b, const jl_rel_cell *c)
{
    int hid = c->suppressed;

    jl_buf_putc(b, '{');
    kstr(b, 1, "division", c->division);
    kstr(b, 0, "area", c->area);
    kstr(b, 0, "wave", c->wave);
    kstr(b, 0, "grade", c->grade);
    kstr(b, 0, "sex", c->sex);
    kstr(b, 0, "scale", c->scale);
    kstr(b, 0, "kind", c->kind);
    kstr(b, 0, "cutoff", c->cutoff);
    key(b, 0, "headline");
    jl_buf_puts(b, c->headline ? "true" : "false");
    kcount(b, "n", hid ? -1 : c->n);
    kcount(b, "n_scored", hid ? -1 : c->n_scored);
    kcount(b, "k", hid ? -1 : c->k);
    knum(b, 0, "pct", hid ? (double)NAN : c->pct);
    knum(b, 0, "ci_low", hid ? (double)NAN : c->ci_low);
    knum(b, 0, "ci_high", hid ? (double)NAN : c->ci_high);
    knum(b, 0, "norm_pct", c->norm_pct);
    kstr(b, 0, "norm_source", c->norm_source);
    knum(b, 0, "diff", hid ? (double)NAN : c->diff);
    key(b, 0, "flag");
    if (!hid && *c->flag)
        jl_json_str(b, c->flag);
    else
        jl_buf_puts(b, "null");
    kstr(b, 0, "status", hid ? "suppressed" : "ok");
    key(b, 0, "reason");
    if (hid) /* never the rule (release/export.h) */
        jl_json_str(b, jl_rreason_code(JL_RREASON_CONFIDENTIAL));
    else
        jl_buf_puts(b, "null");
    jl_buf_putc(b, '}');
}

int jl_api_release_cells(jl_req *rq, jl_resp *rs)
{
    const char *div, *area, *scale;
    jl_view_release v;
    jl_err e = JL_ERR_INIT;
    jl_buf *b = &rs->body;
    long id;
    size_t i, n = 0;
    int rc;

    if (jl_parse_long(&id, rq->seg[3]) < 0 || id <= 0 || strchr(rq->seg[3], ',') ||
        strchr(rq->seg[3], '.'))
        return jl_web_error(rq, rs, 404, NULL);
    if (param(&div, rq, "division", JL_MAX_ID) || param(&area, rq, "area", JL_MAX_CODE) ||
        param(&scale, rq, "scale", JL_MAX_ID))
        return jl_web_error(rq, rs, 400, _("expected division, area and scale at most once "
                                           "each, not empty and not too long"));
    rc = jl_view_release_load(&v, rq->store, id, &e);
    if (rc == 0) {
        jl_resp_begin(rs, rq, JL_WEB_JSON);
        jl_buf_printf(b, "{\"release\":%ld,\"withdrawn\":", id);
        if (v.meta.withdrawn && *v.meta.withdrawn)
            jl_json_str(b, v.meta.withdrawn);
        else
            jl_buf_puts(b, "null");
        jl_buf_puts(b, ",\"cells\":[");
        for (i = 0; i < v.r->ncells; i++) {
            const jl_rel_cell *c = &v.r->cells[i];

            if ((div && strcmp(c->division, div)) || (area && strcmp(c->area, area)) ||
                (scale && strcmp(c->scale, scale)))
                continue;
            if (n++)
                jl_buf_putc(b, ',');
            cell_json(b, c);
        }
        jl_buf_puts(b, "]}\n");
    }
    jl_view_release_dispose(&v);
    if (rc == JL_ENOTFOUND)
        return jl_web_error(rq, rs, 404, e.msg);
    return rc < 0 ? 503 : 200;
}

/* /api/v1/factors/{instrument}/{scale}?division=&release=: the factor
 * page's ranking, full precision, hidden cells as their status. */
static void factor_row_json(jl_buf *b, const jl_view_factor_row *r)
{
    int hid = r->c.status == JL_CELL_SUPPRESSED;

    jl_buf_putc(b, '{');
    key(b, 1, "rank");
    if (r->rank)
        jl_buf_printf(b, "%ld", r->rank);
    else
        jl_buf_puts(b, "null");
    kstr(b, 0, "area", r->code);
    kstr(b, 0, "name", r->name ? r->name : "");
    knum(b, 0, "pct", hid ? (double)NAN : r->c.pct);
    knum(b, 0, "ci_low", hid ? (double)NAN : r->c.ci_low);
    knum(b, 0, "ci_high", hid ? (double)NAN : r->c.ci_high);
    knum(b, 0, "norm_pct", r->c.norm_pct);
    key(b, 0, "n_scored");
    if (hid)
        jl_buf_puts(b, "null");
    else
        jl_buf_printf(b, "%ld", r->c.n_scored);
    key(b, 0, "flag");
    if (!hid && jl_verdict_code(r->verdict))
        jl_json_str(b, jl_verdict_code(r->verdict));
    else
        jl_buf_puts(b, "null");
    kstr(b, 0, "status", hid ? "suppressed" : "ok");
    key(b, 0, "reason");
    if (hid)
        jl_json_str(b, jl_release_reason_code(r->c.reason));
    else
        jl_buf_puts(b, "null");
    jl_buf_putc(b, '}');
}

int jl_api_factor(jl_req *rq, jl_resp *rs)
{
    jl_factor_survey s;
    jl_buf *b = &rs->body;
    size_t i;
    int st = jl_factor_survey_load(&s, rq, NULL, rq->seg[3], rq->seg[4]);

    if (st == 200 && !s.has_t)
        st = 404;
    if (st == 200) {
        const jl_scale *sc = &s.t.in->scales[s.k];

        jl_resp_begin(rs, rq, JL_WEB_JSON);
        jl_buf_printf(b, "{\"release\":%ld", s.v.id);
        kstr(b, 0, "wave", s.t.w.name);
        kstr(b, 0, "division", s.division);
        kstr(b, 0, "instrument", s.t.w.instrument);
        kstr(b, 0, "scale", sc->id);
        kstr(b, 0, "name", sc->name);
        kstr(b, 0, "kind", sc->kind == JL_KIND_PROTECTIVE ? "protective" : "risk");
        kstr(b, 0, "cutoff", sc->cut[s.f.q].name);
        key(b, 0, "synthetic");
        jl_buf_puts(b, s.t.w.synthetic ? "true" : "false");
        key(b, 0, "city");
        jl_buf_putc(b, '{');
        knum(b, 1, "pct", s.f.city.status == JL_CELL_SUPPRESSED ? (double)NAN : s.f.city.pct);
        knum(b, 0, "ci_low", s.f.city.status == JL_CELL_SUPPRESSED ? (double)NAN : s.f.city.ci_low);
        knum(b, 0, "ci_high", s.f.city.status == JL_CELL_SUPPRESSED ? (double)NAN : s.f.city.ci_high);
        jl_buf_puts(b, "},\"areas\":[");
        for (i = 0; i < s.f.n; i++) {
            if (i)
                jl_buf_putc(b, ',');
            factor_row_json(b, &s.f.r[i]);
        }
        jl_buf_puts(b, "]}\n");
    }
    jl_factor_survey_dispose(&s);
    if (st == 400)
        return jl_web_error(rq, rs, 400, _("expected division and release at most once each, "
                                           "not empty and not too long"));
    return st;
}
