#include "survey/synth.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/rng.h"
#include "stats/interval.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How one item is answered: by which scale's model (the first scale that
 * holds it; an item in two scales gets one answer), and which codes give
 * each category 0..m of that model. */
typedef struct item_plan {
    long scale;     /* -1: in no scale, answered uniformly */
    jl_pcm_item pcm;
    double *delta;  /* owned when made up (mean scales) */
    size_t ncat;
    size_t *first, *count; /* per category: range in codes[] */
    size_t *codes;  /* code indices ordered by category */
} item_plan;

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;

    return (a > b) - (a < b);
}

static void plan_item(item_plan *p, const jl_instrument *in, size_t it)
{
    const jl_item *item = &in->items[it];
    double *vals = jl_xmalloc((item->ncodes ? item->ncodes : 1) * sizeof(double));
    size_t nv = 0, c, k, s, j;

    memset(p, 0, sizeof *p);
    p->scale = -1;
    /* The categories are the distinct scores of the non-missing codes,
     * lowest first. */
    for (c = 0; c < item->ncodes; c++)
        if (!item->codes[c].missing && !isnan(item->codes[c].score))
            vals[nv++] = item->codes[c].score;
    qsort(vals, nv, sizeof *vals, cmp_double);
    for (c = 0, k = 0; c < nv; c++)
        if (k == 0 || vals[c] != vals[k - 1])
            vals[k++] = vals[c];
    p->ncat = k;
    p->first = jl_xcalloc(k ? k : 1, sizeof(size_t));
    p->count = jl_xcalloc(k ? k : 1, sizeof(size_t));
    p->codes = jl_xmalloc((item->ncodes ? item->ncodes : 1) * sizeof(size_t));
    for (c = 0, j = 0; c < k; c++) {
        p->first[c] = j;
        for (s = 0; s < item->ncodes; s++)
            if (!item->codes[s].missing && item->codes[s].score == vals[c])
                p->codes[j++] = s;
        p->count[c] = j - p->first[c];
    }
    jl_free(vals);
    for (s = 0; s < in->nscales && p->scale < 0; s++)
        for (j = 0; j < in->scales[s].nitems; j++)
            if (in->scales[s].items[j] == it) {
                const jl_scale *sc = &in->scales[s];

                p->scale = (long)s;
                if (sc->model == JL_MODEL_RASCH && sc->m[j] + 1 == k) {
                    p->pcm.m = sc->m[j];
                    p->pcm.delta = sc->delta[j];
                }
                break;
            }
    if (p->scale >= 0 && !p->pcm.delta && k > 1) {
        /* A mean-scored item (or thresholds that do not fit its codes):
         * equally spaced thresholds over [-1, 1]. */
        p->delta = jl_xmalloc((k - 1) * sizeof(double));
        for (c = 0; c + 1 < k; c++)
            p->delta[c] = k > 2 ? -1.0 + 2.0 * (double)c / (double)(k - 2) : 0.0;
        p->pcm.m = k - 1;
        p->pcm.delta = p->delta;
    }
}

static void plan_free(item_plan *p)
{
    jl_free(p->delta);
    jl_free(p->first);
    jl_free(p->count);
    jl_free(p->codes);
}

static void free_arena(void *a)
{
    jl_arena_free(a);
}

void jl_synth_calibrate(jl_synth_latent *lat, const jl_instrument *in)
{
    size_t s, q, j;

    for (s = 0; s < in->nscales; s++) {
        const jl_scale *sc = &in->scales[s];
        double c[2], z[2];
        size_t nc = 0;

        lat[s].mu = 0;
        lat[s].sigma = 1;
        for (q = 0; q < sc->ncut && nc < 2; q++) {
            double p = sc->cut[q].norm_pct;

            if (isnan(p) || p <= 0 || p >= 100)
                continue;
            c[nc] = sc->cut[q].value;
            z[nc] = jl_stats_qnorm(1.0 - p / 100.0);
            if (nc == 1 && fabs(z[1] - z[0]) < 1e-9)
                continue;
            nc++;
        }
        if (nc == 2) {
            lat[s].sigma = (c[1] - c[0]) / (z[1] - z[0]);
            if (!(lat[s].sigma > 0))
                lat[s].sigma = 1;
            lat[s].mu = c[0] - lat[s].sigma * z[0];
        } else if (nc == 1)
            lat[s].mu = c[0] - z[0];
        lat[s].sigma_true = lat[s].sigma;
        if (sc->model == JL_MODEL_RASCH && sc->nitems > 0) {
            jl_pcm_item items[JL_MAX_SCALE_ITEMS];
            double se2 = 0, e, info, third;
            int k;

            for (j = 0; j < sc->nitems; j++) {
                items[j].m = sc->m[j];
                items[j].delta = sc->delta[j];
            }
            /* Mean squared error over the middle of the distribution;
             * the model runs in RISE's (risk) direction when flipped. */
            for (k = -1; k <= 1; k++) {
                double t = lat[s].mu + k * lat[s].sigma;

                jl_rasch_moments(&e, &info, &third, items, sc->nitems, sc->flip ? -t : t);
                se2 += info > 0 ? 1.0 / info / 3.0 : 0;
            }
            e = lat[s].sigma * lat[s].sigma - se2;
            lat[s].sigma_true = sqrt(e > 0.25 * lat[s].sigma * lat[s].sigma
                                         ? e
                                         : 0.25 * lat[s].sigma * lat[s].sigma);
        }
    }
}

void jl_synth_make(jl_respondents *out, const jl_instrument *in, const jl_synth_latent *lat,
                   size_t ndiv, const jl_synth_group *g, size_t ng, const jl_synth_opts *o)
{
    item_plan *plan = jl_xcalloc(in->nitems ? in->nitems : 1, sizeof *plan);
    double *theta = jl_xmalloc((in->nscales ? in->nscales : 1) * sizeof(double));
    jl_arena *a = jl_arena_new();
    jl_rng rng;
    size_t n = 0, i, gi, r, s, it, d;
    double load = o->rho, rest = sqrt(1.0 - o->rho * o->rho);

    memset(out, 0, sizeof *out);
    for (gi = 0; gi < ng; gi++)
        n += g[gi].n;
    for (it = 0; it < in->nitems; it++)
        plan_item(&plan[it], in, it);
    out->n = n;
    out->nitems = in->nitems;
    out->ndiv = ndiv;
    out->ext_id = jl_xmalloc((n ? n : 1) * sizeof(char *));
    out->school = jl_xcalloc(n ? n : 1, sizeof(char *));
    out->grade = jl_xmalloc(n ? n : 1);
    out->sex = jl_xmalloc(n ? n : 1);
    out->areas = jl_xmalloc((n ? n : 1) * (ndiv ? ndiv : 1) * sizeof(char *));
    out->answers = jl_xcalloc((n ? n : 1) * (in->nitems ? in->nitems : 1), 1);
    out->block = a;
    out->free_block = free_arena;
    jl_rng_seed(&rng, o->seed);
    for (gi = 0, i = 0; gi < ng; gi++) {
        const char *codes[JL_SYNTH_MAXDIV];

        for (d = 0; d < ndiv && d < JL_SYNTH_MAXDIV; d++)
            codes[d] = jl_arena_strdup(a, g[gi].areas[d] ? g[gi].areas[d] : "");
        for (r = 0; r < g[gi].n; r++, i++) {
            double z0 = jl_rng_normal(&rng), u = jl_rng_uniform(&rng);
            int sex = u < o->sex_missing ? -1 : jl_rng_uniform(&rng) < 0.5 ? 0 : 1;
            uint8_t *ans = out->answers + i * in->nitems;

            out->ext_id[i] = jl_arena_printf(a, "%s%07zu", o->id_prefix ? o->id_prefix : "",
                                             i + 1);
            out->grade[i] = (int8_t)g[gi].grade;
            out->sex[i] = (int8_t)sex;
            for (d = 0; d < ndiv; d++)
                out->areas[i * ndiv + d] = (char *)(d < JL_SYNTH_MAXDIV ? codes[d] : "");
            for (s = 0; s < in->nscales; s++) {
                const jl_scale *sc = &in->scales[s];
                double dir = sc->kind == JL_KIND_PROTECTIVE ? -1.0 : 1.0;
                double shift = g[gi].shift ? g[gi].shift[s] : 0;
                double t;

                if (o->sex_shift && sex >= 0)
                    shift += o->sex_shift[s * 2 + (size_t)sex];
                t = lat[s].mu + lat[s].sigma * dir * shift +
                    lat[s].sigma_true * (dir * load * z0 + rest * jl_rng_normal(&rng));
                /* The model runs in the instrument's direction: RISE's
                 * protective indices are estimated as risk and flipped. */
                theta[s] = sc->flip ? -t : t;
            }
            for (it = 0; it < in->nitems; it++) {
                const item_plan *p = &plan[it];
                size_t cat;

                if (p->ncat == 0 || jl_rng_uniform(&rng) < o->missing)
                    continue;
                if (p->scale >= 0 && p->pcm.delta)
                    cat = (size_t)jl_rasch_draw(&p->pcm, theta[p->scale], jl_rng_uniform(&rng));
                else
                    cat = (size_t)jl_rng_below(&rng, p->ncat);
                if (cat >= p->ncat)
                    cat = p->ncat - 1;
                ans[it] = (uint8_t)(p->codes[p->first[cat] + jl_rng_below(&rng, p->count[cat])] +
                                    1);
            }
        }
    }
    for (it = 0; it < in->nitems; it++)
        plan_free(&plan[it]);
    jl_free(plan);
    jl_free(theta);
}

