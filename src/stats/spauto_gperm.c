/*
 * Permutation inference for the global statistics (stats/spauto.h,
 * jl_sa_global_perm): R full permutations of the values.
 */
#include "stats/spauto.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/rng.h"
#include "stats/spauto_int.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static double geary_by_cross(const double *rc, const double *z, size_t n, double crossed)
{
    jl_sa_acc s = 0;
    size_t i;

    for (i = 0; i < n; i++)
        s += (jl_sa_acc)z[i] * z[i] * rc[i];
    return (double)(s - 2 * (jl_sa_acc)crossed);
}

/* G's denominator, sum_{i != j} x_i x_j over areas with neighbours. */
static double g_denominator(const jl_spw *w, const double *x)
{
    jl_sa_acc s1 = 0, s2 = 0;
    size_t i;

    for (i = 0; i < w->n; i++)
        if (w->off[i + 1] > w->off[i]) {
            s1 += x[i];
            s2 += (jl_sa_acc)x[i] * x[i];
        }
    return (double)(s1 * s1 - s2);
}

/* Replicates come in blocks with a generator each, seeded from (seed,
 * block): which thread runs a block cannot change its numbers. */
#define PERM_BLOCK 64

typedef struct gperm {
    const jl_spw *w;
    const double *z, *x;
    const double *rc; /* row + column sum of each area's weights */
    size_t R, nblocks;
    uint64_t seed;
    int what;
    double obs[3], tol[3];
    atomic_size_t next;
    const jl_progress *pr;
    pthread_t main;
    size_t (*ge)[3], (*le)[3]; /* per block */
} gperm;

static void *gperm_worker(void *arg)
{
    gperm *g = arg;
    size_t n = g->w->n, b, i;
    uint32_t *perm = jl_xmalloc(n * sizeof *perm);
    double *pz = jl_xmalloc(n * sizeof *pz), *px = jl_xmalloc(n * sizeof *px);

    while ((b = atomic_fetch_add(&g->next, 1)) < g->nblocks) {
        jl_rng rng;
        size_t r, r0 = b * PERM_BLOCK, r1 = r0 + PERM_BLOCK < g->R ? r0 + PERM_BLOCK : g->R;

        /* only the calling thread draws the bar */
        if (pthread_equal(pthread_self(), g->main))
            jl_progress_report(g->pr, JL_STAGE_PERM_CITY, r0, g->R);
        jl_rng_seed(&rng, jl_sa__mix64(g->seed) ^ jl_sa__mix64(b + 1));
        for (i = 0; i < n; i++)
            perm[i] = (uint32_t)i;
        memset(g->ge[b], 0, sizeof g->ge[b]);
        memset(g->le[b], 0, sizeof g->le[b]);
        for (r = r0; r < r1; r++) {
            double s[3];
            int k;

            /* A shuffle of a uniform shuffle is uniform. */
            for (i = n - 1; i > 0; i--) {
                size_t j = jl_rng_below32(&rng, (uint32_t)(i + 1));
                uint32_t t = perm[i];

                perm[i] = perm[j];
                perm[j] = t;
            }
            for (i = 0; i < n; i++) {
                pz[i] = g->z[perm[i]];
                px[i] = g->x[perm[i]];
            }
            /* sum w (z_i - z_j)^2 = sum z_i^2 (row_i + col_i) - 2 sum w z_i z_j:
             * one pass over the links serves Moran and Geary. */
            s[0] = g->what & (JL_SA_MORAN | JL_SA_GEARY) ? jl_sa__cross(g->w, pz, pz) : 0;
            s[1] = g->what & JL_SA_GEARY ? geary_by_cross(g->rc, pz, n, s[0]) : 0;
            s[2] = g->what & JL_SA_G ? jl_sa__cross(g->w, px, px) / g_denominator(g->w, px) : 0;
            for (k = 0; k < 3; k++) {
                if (!(g->what & (1 << k)))
                    continue;
                g->ge[b][k] += s[k] >= g->obs[k] - g->tol[k];
                g->le[b][k] += s[k] <= g->obs[k] + g->tol[k];
            }
        }
    }
    jl_free(perm);
    jl_free(pz);
    jl_free(px);
    return NULL;
}

static void set_perm_p(jl_sa_test *t, size_t R, size_t ge, size_t le)
{
    t->R = R;
    t->ge = ge;
    t->le = le;
    t->p_greater = (double)(ge + 1) / (double)(R + 1);
    t->p_less = (double)(le + 1) / (double)(R + 1);
    t->p_folded = t->p_greater < t->p_less ? t->p_greater : t->p_less;
}


int jl_sa_global_perm(const jl_spw *w, const double *x, size_t R, uint64_t seed, int threads,
                      int what, jl_sa_test t[3], const jl_progress *pr, jl_err *err)
{
    gperm g;
    size_t i, e, b, ge[3] = {0}, le[3] = {0};
    double *z, *rcs, xb, sw = 0, mz = 0, mx = 0;
    int k;

    if (jl_sa__check_x(w, x, err) < 0)
        return err->code;
    memset(&g, 0, sizeof g);
    xb = jl_sa__mean_of(x, w->n);
    z = jl_xmalloc(w->n * sizeof *z);
    for (i = 0; i < w->n; i++) {
        z[i] = x[i] - xb;
        mz = fmax(mz, fabs(z[i]));
        mx = fmax(mx, fabs(x[i]));
    }
    for (e = 0; e < w->off[w->n]; e++)
        sw += fabs(w->w[e]);
    rcs = jl_xcalloc(w->n, sizeof *rcs);
    for (i = 0; i < w->n; i++)
        for (e = w->off[i]; e < w->off[i + 1]; e++) {
            rcs[i] += w->w[e];
            rcs[w->nb[e]] += w->w[e];
        }
    g.w = w;
    g.z = z;
    g.x = x;
    g.rc = rcs;
    g.R = R;
    g.seed = seed;
    g.what = what;
    g.pr = pr;
    g.main = pthread_self();
    /* Σz² and Σx are the same under every permutation, so the sums alone
     * decide; ties within rounding count as ties. */
    g.obs[0] = what & JL_SA_MORAN ? jl_sa__cross(w, z, z) : 0;
    g.obs[1] = what & JL_SA_GEARY ? geary_by_cross(rcs, z, w->n, jl_sa__cross(w, z, z)) : 0;
    g.obs[2] = what & JL_SA_G ? jl_sa__cross(w, x, x) / g_denominator(w, x) : 0;
    g.tol[0] = 1e-12 * sw * mz * mz;
    g.tol[1] = 4e-12 * sw * mz * mz;
    g.tol[2] = 1e-12 * fabs(g.obs[2]);
    g.nblocks = (R + PERM_BLOCK - 1) / PERM_BLOCK;
    g.ge = jl_xcalloc(g.nblocks ? g.nblocks : 1, sizeof *g.ge);
    g.le = jl_xcalloc(g.nblocks ? g.nblocks : 1, sizeof *g.le);
    atomic_init(&g.next, 0);
    jl_sa__run_threads(threads, gperm_worker, &g);
    jl_progress_end(pr, JL_STAGE_PERM_CITY, R);
    for (b = 0; b < g.nblocks; b++)
        for (k = 0; k < 3; k++) {
            ge[k] += g.ge[b][k];
            le[k] += g.le[b][k];
        }
    for (k = 0; k < 3; k++)
        if (what & (1 << k))
            set_perm_p(&t[k], R, ge[k], le[k]);
    /* Geary: a small C is clustering; its counts stay in C's own
     * direction (greater = C at least as large). */
    jl_free(g.ge);
    jl_free(g.le);
    jl_free(rcs);
    jl_free(z);
    return JL_OK;
}
