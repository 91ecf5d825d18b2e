/*
 * The route table and the one way a request is answered (web/http.h):
 * method, route, language, conditional GET, handler, error body.
 * Routes are data, as libgit2's command table and cgit's cmds[] are.
 */
#include "web/http.h"
#include "web/page.h"

#include <stdio.h>
#include <string.h>

enum {
    ROUTE_PAGE = 1,   /* a page: also under /en/, errors as HTML */
    ROUTE_API = 2,    /* errors as JSON, ?lang= for the words */
    ROUTE_STATIC = 4, /* needs no store: its ETag is the server's start */
};

typedef struct route {
    const char *seg[6]; /* "*" takes any segment */
    size_t nseg;
    int (*handler)(jl_req *rq, jl_resp *rs);
    int flags;
} route;

static const route routes[] = {
    {{NULL}, 0, jl_page_start, ROUTE_PAGE},
    {{"omrade", "*", "*"}, 3, jl_page_area, ROUTE_PAGE},
    {{"omrade", "*", "*", "*"}, 4, jl_page_area_file, ROUTE_PAGE},
    {{"faktor", "*", "*"}, 3, jl_page_factor, ROUTE_PAGE},
    {{"faktor", "*", "*", "*"}, 4, jl_page_factor_file, ROUTE_PAGE},
    {{"indikator", "*"}, 2, jl_page_indicator, ROUTE_PAGE},
    {{"indikator", "*", "*"}, 3, jl_page_indicator_file, ROUTE_PAGE},
    {{"segregation"}, 1, jl_page_segregation, ROUTE_PAGE},
    {{"segregation", "*"}, 2, jl_page_segregation_file, ROUTE_PAGE},
    {{"metod"}, 1, jl_page_method, ROUTE_PAGE},
    {{"static", "jamlik.css"}, 2, jl_page_css, ROUTE_STATIC},
    {{"api", "v1", "divisions"}, 3, jl_api_divisions, ROUTE_API},
    {{"api", "v1", "divisions", "*", "areas"}, 5, jl_api_areas, ROUTE_API},
    {{"api", "v1", "indicators"}, 3, jl_api_indicators, ROUTE_API},
    {{"api", "v1", "indicators", "*"}, 4, jl_api_indicator, ROUTE_API},
    {{"api", "v1", "releases"}, 3, jl_api_releases, ROUTE_API},
    {{"api", "v1", "clusters"}, 3, jl_api_clusters, ROUTE_API},
    {{"api", "v1", "releases", "*", "cells"}, 5, jl_api_release_cells, ROUTE_API},
    {{"api", "v1", "factors", "*", "*"}, 5, jl_api_factor, ROUTE_API},
};

static const route *find(const char *const *seg, size_t n, int lang_prefix)
{
    size_t r, i;

    for (r = 0; r < sizeof routes / sizeof routes[0]; r++) {
        if (routes[r].nseg != n || (lang_prefix && !(routes[r].flags & ROUTE_PAGE)))
            continue;
        for (i = 0; i < n; i++)
            if (strcmp(routes[r].seg[i], "*") != 0 && strcmp(routes[r].seg[i], seg[i]) != 0)
                break;
        if (i == n)
            return &routes[r];
    }
    return NULL;
}

/* Whether the If-None-Match header names etag (weakly: "W/" ignored), or
 * is "*". */
static int etag_matches(const char *inm, const char *etag)
{
    size_t len = strlen(etag);

    while (inm && *inm) {
        const char *end;

        while (*inm == ' ' || *inm == '\t' || *inm == ',')
            inm++;
        if (!*inm)
            break;
        if (*inm == '*')
            return 1;
        if (!strncmp(inm, "W/", 2))
            inm += 2;
        end = strchr(inm, ',');
        if (!end)
            end = inm + strlen(inm);
        while (end > inm && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
        if ((size_t)(end - inm) == len && !memcmp(inm, etag, len))
            return 1;
        inm = end;
    }
    return 0;
}

/* The language and the route's segments: "/en/..." for pages, ?lang=
 * for the API. Returns 0, or an HTTP status. */
static int language(jl_req *rq, int *prefixed)
{
    const jl_target *t = &rq->target;

    *prefixed = 0;
    rq->seg = t->seg;
    rq->nseg = t->nseg;
    rq->lang = JL_LANG_SV;
    if (t->nseg && !strcmp(t->seg[0], "en")) {
        *prefixed = 1;
        rq->lang = JL_LANG_EN;
        rq->seg++;
        rq->nseg--;
        /* "/en/" is the English start page. */
        if (rq->nseg == 1 && !*rq->seg[0])
            rq->nseg = 0;
    }
    rq->api = rq->nseg && !strcmp(rq->seg[0], "api");
    if (rq->api && !*prefixed) {
        const char *l = jl_target_param(t, "lang");

        if (l && jl_i18n_parse(&rq->lang, l) < 0)
            return 400;
    }
    return 0;
}

static int cacheable(jl_req *rq, const route *r)
{
    long dv = 0;
    jl_err e = JL_ERR_INIT;

    if (!(r->flags & ROUTE_STATIC)) {
        if (!rq->store)
            return 503;
        if (jl_store_data_version(rq->store, &dv, &e) < 0)
            return 503;
    }
    rq->dv = dv;
    snprintf(rq->etag, sizeof rq->etag, "\"%lx-%s-%llx\"", dv,
             rq->lang == JL_LANG_EN ? "en" : "sv", rq->boot);
    return 0;
}

/* The cache's key: the target as received (its language and query). */
static const char *cache_key(const jl_req *rq)
{
    return jl_arena_strndup(rq->arena, rq->target.raw ? rq->target.raw : "",
                            rq->target.raw ? rq->target.rawlen : 0);
}

/* An answer rendered earlier at the same data version, copied into the
 * request's arena (the cache may change before this one leaves). */
static int from_cache(jl_req *rq, jl_resp *rs, const route *r)
{
    const char *type, *body;
    size_t len;

    if (!rq->cache || (r->flags & ROUTE_STATIC) ||
        !jl_web_cache_get(rq->cache, rq->dv, cache_key(rq), &type, &body, &len))
        return 0;
    rs->type = type;
    jl_buf_add(&rs->body, body, len);
    rs->status = 200;
    rs->etag = 1;
    return 1;
}

void jl_web_handle(jl_req *rq, jl_resp *rs)
{
    const route *r;
    int prefixed, st;

    memset(rs, 0, sizeof *rs);
    jl_buf_init(&rs->body, rq->arena, JL_WEB_MAX_BODY);
    rq->etag[0] = 0;
    st = language(rq, &prefixed);
    jl_i18n_set_lang(rq->lang);
    if (!st)
        st = rq->refuse;
    if (st) {
        jl_web_error(rq, rs, st, NULL);
        return;
    }
    r = find(rq->seg, rq->nseg, prefixed);
    if (!r) {
        jl_web_error(rq, rs, 404, NULL);
        return;
    }
    if (strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "HEAD") != 0) {
        rs->allow = "GET, HEAD";
        jl_web_error(rq, rs, 405, NULL);
        return;
    }
    st = cacheable(rq, r);
    if (st) {
        jl_web_error(rq, rs, st, NULL);
        return;
    }
    if (etag_matches(rq->if_none_match, rq->etag)) {
        rs->status = 304;
        rs->etag = 1;
        return;
    }
    if (from_cache(rq, rs, r))
        return;
    st = r->handler(rq, rs);
    if (st == 200) {
        rs->status = 200;
        rs->etag = 1;
        if (rq->cache && !(r->flags & ROUTE_STATIC) && !jl_buf_err(&rs->body))
            jl_web_cache_put(rq->cache, rq->dv, cache_key(rq), rs->type, rs->body.p,
                             rs->body.len);
    } else if (!rs->body.len)
        jl_web_error(rq, rs, st, NULL);
    else
        rs->status = st;
    if (jl_buf_err(&rs->body) < 0) {
        jl_buf_reset(&rs->body);
        rs->etag = 0;
        jl_web_error(rq, rs, 500, NULL);
    }
}
