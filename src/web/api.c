/*
 * The JSON API under /api/v1/ (docs/api/openapi.yaml): the same views as
 * the pages, numbers at full precision (the shortest digits that read
 * back exactly), codes instead of words, null where there is no figure.
 */
#include "web/page.h"
#include "web/html.h"
#include "view/catalog.h"
#include "view/indicator.h"
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
