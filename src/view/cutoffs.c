#include "view/cutoffs.h"

#include "core/alloc.h"
#include "core/i18n.h"
#include "stats/quantile.h"
#include "view/profile.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The scores of scale k that are not missing, sorted, into x; returns
 * how many. */
static size_t scale_scores(double *x, const double *scores, size_t n, size_t nscales, size_t k)
{
    size_t i, m = 0;

    for (i = 0; i < n; i++) {
        double v = scores[i * nscales + k];

        if (!isnan(v))
            x[m++] = v;
    }
    jl_stats_sort(x, m);
    return m;
}

/* One percentile of sorted x[0..m-1]: its value, interval and warnings. */
static void derive_one(jl_cutoff_derived *c, const double *x, size_t m, double pct, double level)
{
    size_t lo, hi, above = 0, i;

    c->pct = pct;
    c->n = m;
    c->value = jl_stats_quantile7(x, m, pct / 100);
    jl_stats_quantile_ci(m, pct / 100, level, &lo, &hi, &c->coverage);
    c->ci_low = lo >= 1 ? x[lo - 1] : (double)NAN;
    c->ci_high = hi <= m ? x[hi - 1] : (double)NAN;
    for (i = 0; i < m; i++)
        above += x[i] > c->value;
    c->beyond = above < m - above ? above : m - above;
    c->warn = (c->beyond < JL_CUTOFF_MIN_BEYOND ? JL_CUTOFF_FEW_BEYOND : 0) |
              (lo < 1 || hi > m ? JL_CUTOFF_UNBOUNDED : 0);
    c->norm_pct = 100 - pct;
}

/* Stores c as a member of out's set. The words stored are data, not
 * messages: a cut-off's source is shown as it was written. */
static int store_one(jl_store *st, const char *instrument, const char *wave,
                     const jl_cutoffs_derived *out, const jl_cutoff_derived *c, jl_err *err)
{
    char source[256], nsrc[256];
    jl_store_cutoff sc;

    snprintf(source, sizeof source,
             "derived from wave %s (percentile %g, R quantile type 7, %zu scores)", wave, c->pct,
             c->n);
    snprintf(nsrc, sizeof nsrc, "by construction: %g %% of wave %s", c->norm_pct, wave);
    memset(&sc, 0, sizeof sc);
    sc.scale = c->scale;
    sc.name = c->name;
    sc.label = c->name;
    sc.source = source;
    sc.value = c->value;
    sc.headline = c->headline;
    sc.norm_pct = c->norm_pct;
    sc.norm_source = nsrc;
    sc.norm_version = out->set;
    return jl_store_cutoff_put(st, instrument, out->set, &sc, err);
}

static int derive_all(jl_cutoffs_derived *out, jl_store *st, const jl_cutoffs_derive_req *req,
                      const jl_view_wave *a, const double *scores, jl_err *err)
{
    double *x = jl_xmalloc((a->r.n ? a->r.n : 1) * sizeof *x);
    size_t k, j;
    int rc = JL_OK;

    out->c = jl_xcalloc(a->in->nscales * (req->nrisk > req->nprotective ? req->nrisk
                                                                        : req->nprotective),
                        sizeof *out->c);
    for (k = 0; k < a->in->nscales && rc == JL_OK; k++) {
        const jl_scale *sc = &a->in->scales[k];
        int prot = sc->kind == JL_KIND_PROTECTIVE;
        const double *pc = prot ? req->protective : req->risk;
        size_t np = prot ? req->nprotective : req->nrisk;
        size_t m = scale_scores(x, scores, a->r.n, a->in->nscales, k);

        if (m < 2) {
            rc = jl_err_set(err, JL_EINPUT,
                            _n("scale %s has %zu score in wave %s: too few to derive cut-offs",
                               "scale %s has %zu scores in wave %s: too few to derive cut-offs",
                               m),
                            sc->id, m, a->w.name);
            break;
        }
        for (j = 0; j < np && rc == JL_OK; j++) {
            jl_cutoff_derived *c = &out->c[out->n++];

            snprintf(c->scale, sizeof c->scale, "%s", sc->id);
            snprintf(c->name, sizeof c->name, "p%g", pc[j]);
            c->headline = j == 0;
            derive_one(c, x, m, pc[j], req->level);
            rc = store_one(st, a->in->id, a->w.name, out, c, err);
        }
    }
    jl_free(x);
    return rc;
}

int jl_view_cutoffs_derive(jl_cutoffs_derived *out, jl_store *st, const jl_cutoffs_derive_req *req,
                           jl_err *err)
{
    double *scores = NULL, *ses = NULL;
    jl_view_wave a;
    int rc;

    memset(out, 0, sizeof *out);
    memset(&a, 0, sizeof a);
    rc = jl_view_wave_load(&a, st, req->wave, req->instrument, "instrument", NULL, 0, &scores,
                           &ses, err);
    if (rc < 0)
        goto done;
    snprintf(out->set, sizeof out->set, "derived:%s", a.w.name);
    out->synthetic = a.w.synthetic;
    rc = jl_store_begin(st, err);
    if (rc < 0)
        goto done;
    rc = jl_store_cutoff_delete_set(st, a.in->id, out->set, err);
    if (rc == JL_OK)
        rc = derive_all(out, st, req, &a, scores, err);
    if (rc == JL_OK)
        rc = jl_store_commit(st, err);
    else
        jl_store_rollback(st);
done:
    jl_free(scores);
    jl_free(ses);
    jl_view_wave_dispose(&a);
    if (rc < 0)
        jl_cutoffs_derived_dispose(out); /* nothing was stored */
    return rc;
}

void jl_cutoffs_derived_dispose(jl_cutoffs_derived *d)
{
    jl_free(d->c);
    memset(d, 0, sizeof *d);
}
