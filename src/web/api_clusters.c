/*
 * /api/v1/clusters (docs/api/openapi.yaml): the local clusters of a
 * register indicator over a division's areas (view/clusters.h), each
 * area's class as a code with its p-values, at full precision. The
 * permutations use a fixed seed, so the same question gets the same
 * answer, and the router keeps the answer until the next import (a
 * question costs tens of milliseconds the first time).
 */
#include "web/page.h"
#include "web/html.h"
#include "core/limits.h"
#include "core/num.h"

#include <math.h>
#include <string.h>

static int once(const char **out, const jl_req *rq, const char *name, size_t max)
{
    *out = jl_target_param(&rq->target, name);
    return jl_target_count(&rq->target, name) > 1 || (*out && (!**out || strlen(*out) > max));
}

int jl_web_clusters_parse(jl_view_clusters_req *q, const jl_req *rq)
{
    const char *r, *seed, *alpha, *adjust;
    long lv;

    jl_view_clusters_req_init(q);
    if (once(&q->indicator, rq, "indicator", JL_MAX_ID) ||
        once(&q->division, rq, "division", JL_MAX_ID) ||
        once(&q->period, rq, "period", JL_MAX_CODE) || once(&q->weights, rq, "weights", 32) ||
        once(&r, rq, "permutations", 16) || once(&seed, rq, "seed", 20) ||
        once(&alpha, rq, "alpha", 32) || once(&adjust, rq, "adjust", 16))
        return 400;
    if (r) {
        if (jl_parse_long(&lv, r) < 0 || lv < 1 || lv > JL_CLUSTERS_MAX_R)
            return 400;
        q->R = (size_t)lv;
    }
    if (seed) {
        if (jl_parse_long(&lv, seed) < 0 || lv < 0)
            return 400;
        q->seed = (uint64_t)lv;
    }
    if (alpha && (jl_parse_double(&q->alpha, alpha) < 0 || !(q->alpha > 0) || !(q->alpha < 1)))
        return 400;
    if (adjust && !strcmp(adjust, "bonferroni"))
        q->adjust = JL_ADJUST_BONFERRONI;
    else if (adjust && !strcmp(adjust, "none"))
        q->adjust = JL_ADJUST_NONE;
    else if (adjust && strcmp(adjust, "fdr"))
        return 400;
    if (q->weights && strcmp(q->weights, "queen") && strcmp(q->weights, "rook") &&
        (strncmp(q->weights, "knn:", 4) || jl_parse_long(&lv, q->weights + 4) < 0 || lv < 1 ||
         lv > 50))
        return 400;
    return 0;
}

static void key(jl_buf *b, int first, const char *k)
{
    if (!first)
        jl_buf_putc(b, ',');
    jl_json_str(b, k);
    jl_buf_putc(b, ':');
}

static void knum(jl_buf *b, const char *k, double v)
{
    char s[64];

    key(b, 0, k);
    jl_buf_puts(b, isfinite(v) ? jl_fmt_exact(s, sizeof s, v) : "null");
}

static const char *adjust_code(jl_view_adjust a)
{
    return a == JL_ADJUST_BONFERRONI ? "bonferroni" : a == JL_ADJUST_NONE ? "none" : "fdr";
}

static void clusters_json(jl_buf *b, const jl_view_clusters *c, const jl_view_clusters_req *q)
{
    const jl_sa_test *m = &c->a.test[0];
    char s[64];
    size_t i;

    jl_buf_puts(b, "{\"clusters\":{");
    key(b, 1, "indicator");
    jl_json_str(b, c->d.id);
    key(b, 0, "name");
    jl_json_str(b, c->d.name);
    key(b, 0, "division");
    jl_json_str(b, q->division);
    key(b, 0, "period");
    jl_json_str(b, c->d.period);
    key(b, 0, "weights");
    jl_json_str(b, q->weights ? q->weights : "queen");
    jl_buf_printf(b, ",\"permutations\":%zu,\"seed\":%llu", q->R, (unsigned long long)q->seed);
    knum(b, "alpha", q->alpha);
    key(b, 0, "adjust");
    jl_json_str(b, adjust_code(q->adjust));
    key(b, 0, "moran");
    jl_buf_putc(b, '{');
    key(b, 1, "I");
    jl_buf_puts(b, isfinite(m->stat) ? jl_fmt_exact(s, sizeof s, m->stat) : "null");
    knum(b, "expected", m->expect);
    knum(b, "p_permutation", m->p_greater);
    jl_buf_puts(b, "},\"areas\":[");
    for (i = 0; i < c->d.n; i++) {
        const jl_sa_local *l = &c->a.local[i];

        jl_buf_puts(b, i ? ",{" : "{");
        key(b, 1, "code");
        jl_json_str(b, c->d.codes[i]);
        key(b, 0, "name");
        jl_json_str(b, c->d.names && c->d.names[i] ? c->d.names[i] : "");
        knum(b, "value", c->d.val[i]);
        knum(b, "lag", l->lag);
        knum(b, "Ii", l->Ii);
        knum(b, "p", c->a.p[i]);
        knum(b, "p_adjusted", jl_view_cluster_p_adj(c, q, i));
        key(b, 0, "cluster");
        jl_json_str(b, jl_view_cluster_code(c, i));
        jl_buf_putc(b, '}');
    }
    jl_buf_puts(b, "]}}\n");
}

int jl_api_clusters(jl_req *rq, jl_resp *rs)
{
    jl_view_clusters_req q;
    jl_view_clusters c;
    jl_err e = JL_ERR_INIT;
    int rc;

    if (jl_web_clusters_parse(&q, rq) || !q.indicator || !q.division)
        return jl_web_error(rq, rs, 400,
                            _("expected indicator and division once each, and permutations "
                              "1-9999, seed, alpha between 0 and 1, adjust fdr|bonferroni|none "
                              "and weights queen|rook|knn:K at most once each"));
    rc = jl_view_clusters_load(&c, rq->store, &q, &e);
    if (rc == 0) {
        jl_resp_begin(rs, rq, JL_WEB_JSON);
        clusters_json(&rs->body, &c, &q);
    }
    jl_view_clusters_dispose(&c);
    if (rc == JL_ENOTFOUND)
        return jl_web_error(rq, rs, 404, e.msg);
    if (rc == JL_EINPUT || rc == JL_EUSAGE || rc == JL_ELIMIT)
        return jl_web_error(rq, rs, 400, e.msg);
    return rc < 0 ? 503 : 200;
}
