/*
 * The clusters of an indicator and the periods of segregation over time
 * (view/clusters.h): compositions of the spatial, segregation and
 * indicator views, for faces that want one call and one result.
 */
#include "view/clusters.h"
#include "view/indicator.h"
#include "core/alloc.h"
#include "core/i18n.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jl_view_clusters_req_init(jl_view_clusters_req *rq)
{
    jl_view_autocorr_req a;

    jl_view_autocorr_req_init(&a);
    memset(rq, 0, sizeof *rq);
    rq->R = JL_CLUSTERS_R;
    rq->seed = a.seed;
    rq->alpha = a.alpha;
    rq->adjust = a.adjust;
    rq->threads = 1;
}

static void no_division(void *ctx, const jl_store_division *d)
{
    (void)ctx;
    (void)d;
}

/* What the views would take apart in a source "indicator:ID@PERIOD". */
static int plain(const char *s)
{
    return s && *s && !strpbrk(s, "@:,");
}

static int check(jl_store *st, const jl_view_clusters_req *rq, jl_err *err)
{
    jl_view_indicator_def d;
    int rc;

    if (!plain(rq->indicator) || (rq->period && !plain(rq->period)))
        return jl_err_set(err, JL_EINPUT, _("expected an indicator's id and a period"));
    if (!rq->division || !*rq->division)
        return jl_err_set(err, JL_EINPUT, _("expected a division"));
    if (rq->R < 1 || rq->R > JL_CLUSTERS_MAX_R)
        return jl_err_set(err, JL_EINPUT, _("expected permutations from 1 to %d, found %zu"),
                          JL_CLUSTERS_MAX_R, rq->R);
    if (!(rq->alpha > 0) || !(rq->alpha < 1))
        return jl_err_set(err, JL_EINPUT, _("expected alpha between 0 and 1"));
    rc = jl_view_indicator_def_get(&d, st, rq->indicator, err);
    if (rc == 0)
        return jl_err_set(err, JL_ENOTFOUND, _("no indicator %s"), rq->indicator);
    if (rc < 0)
        return rc;
    return jl_store_division_get(st, rq->division, no_division, NULL, err);
}

int jl_view_clusters_load(jl_view_clusters *out, jl_store *st, const jl_view_clusters_req *rq,
                          jl_err *err)
{
    jl_view_sp_req lr;
    jl_view_sp_wspec ws;
    jl_view_autocorr_req ar;
    char src[512];
    int rc;

    memset(out, 0, sizeof *out);
    rc = check(st, rq, err);
    if (rc < 0)
        return rc;
    if (rq->weights && strcmp(rq->weights, "queen") && strcmp(rq->weights, "rook") &&
        strncmp(rq->weights, "knn:", 4))
        return jl_err_set(err, JL_EINPUT, _("expected weights queen, rook or knn:K"));
    snprintf(src, sizeof src, "indicator:%s%s%s", rq->indicator, rq->period ? "@" : "",
             rq->period ? rq->period : "");
    memset(&lr, 0, sizeof lr);
    lr.source = src;
    lr.division = rq->division;
    lr.need_geom = 1;
    memset(&ws, 0, sizeof ws);
    ws.spec = rq->weights ? rq->weights : "queen";
    jl_view_autocorr_req_init(&ar);
    ar.R = rq->R;
    ar.seed = rq->seed;
    ar.alpha = rq->alpha;
    ar.adjust = rq->adjust;
    ar.threads = rq->threads;
    rc = jl_view_sp_load(&out->d, st, &lr, err);
    if (rc == 0)
        rc = jl_view_sp_weights_build(&out->vw, &out->d, &ws, err);
    if (rc == 0)
        rc = jl_view_autocorr_run(&out->a, &out->vw.w, out->d.val, &ar, err);
    if (rc < 0)
        jl_view_clusters_dispose(out);
    return rc;
}

void jl_view_clusters_dispose(jl_view_clusters *c)
{
    jl_view_autocorr_dispose(&c->a);
    jl_view_sp_weights_dispose(&c->vw);
    jl_view_sp_data_dispose(&c->d);
    memset(c, 0, sizeof *c);
}

const char *jl_view_cluster_code(const jl_view_clusters *c, size_t i)
{
    if (c->a.status[i] == JL_SA_ISLAND)
        return "no_neighbours";
    if (c->a.status[i] != JL_SA_CLUSTER)
        return "not_significant";
    switch (c->a.local[i].quad) {
    case JL_QUAD_HH:
        return "high_high";
    case JL_QUAD_LL:
        return "low_low";
    case JL_QUAD_HL:
        return "high_low";
    case JL_QUAD_LH:
        return "low_high";
    default:
        return "not_significant";
    }
}

double jl_view_cluster_p_adj(const jl_view_clusters *c, const jl_view_clusters_req *rq,
                             size_t i)
{
    if (rq->adjust == JL_ADJUST_BONFERRONI)
        return c->a.p_bonferroni[i];
    if (rq->adjust == JL_ADJUST_NONE)
        return c->a.p[i];
    return c->a.p_fdr[i];
}

/* ---- periods of segregation over time ---- */

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The periods with a figure in some area of the division, of one
 * indicator. */
static int periods_of(char ***out, size_t *n, jl_store *st, const char *id, const char *division,
                      jl_err *err)
{
    jl_view_indicator_req r;
    jl_view_indicator v;
    size_t p, a;
    int rc;

    memset(&r, 0, sizeof r);
    r.id = id;
    r.division = division;
    *out = NULL;
    *n = 0;
    rc = jl_view_indicator_load(&v, st, &r, err);
    if (rc < 0)
        return rc;
    *out = jl_xcalloc(v.np ? v.np : 1, sizeof **out);
    for (p = 0; p < v.np; p++)
        for (a = 0; a < v.na; a++)
            if (!v.area[a].outside && isfinite(v.value[a * v.np + p])) {
                (*out)[(*n)++] = jl_xstrdup(v.period[p]);
                break;
            }
    jl_view_indicator_dispose(&v);
    return 0;
}

/* Keeps those of *have that are in more (both sorted). */
static void intersect(char **have, size_t *n, char **more, size_t nmore)
{
    size_t i, k = 0;

    for (i = 0; i < *n; i++) {
        if (bsearch(&have[i], more, nmore, sizeof *more, by_text))
            have[k++] = have[i];
        else
            jl_free(have[i]);
    }
    *n = k;
}

int jl_view_seg_periods(char ***out, size_t *n, jl_store *st, const char *division,
                        const char *const *groups, size_t ngroups, jl_err *err)
{
    char **have = NULL, **more;
    size_t nhave = 0, nmore, g;
    int rc = 0, first = 1;

    for (g = 0; g < ngroups && rc == 0; g++) {
        char ids[2][256];
        const char *dash = strchr(groups[g], '-');
        size_t k, nid = 1;

        snprintf(ids[0], sizeof ids[0], "%.*s",
                 dash ? (int)(dash - groups[g]) : (int)strlen(groups[g]), groups[g]);
        if (dash)
            snprintf(ids[nid++], sizeof ids[1], "%s", dash + 1);
        for (k = 0; k < nid && rc == 0; k++) {
            rc = periods_of(&more, &nmore, st, ids[k], division, err);
            if (rc < 0)
                break;
            if (first) {
                have = more;
                nhave = nmore;
                first = 0;
                continue;
            }
            intersect(have, &nhave, more, nmore);
            jl_view_periods_free(more, nmore);
        }
    }
    if (rc < 0) {
        jl_view_periods_free(have, nhave);
        have = NULL;
        nhave = 0;
    }
    *out = have;
    *n = nhave;
    return rc;
}

void jl_view_periods_free(char **p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        jl_free(p[i]);
    jl_free(p);
}
