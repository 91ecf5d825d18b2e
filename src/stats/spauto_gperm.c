/*
 * Permutation inference for the global statistics (stats/spauto.h,
 * jl_sa_global_perm): R full permutations of the values.
 */
#include "stats/spauto.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/rng.h"
#include "stats/spauto_int.h"

#include <float.h>
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
 * block): which thread runs a block, and beside which others, cannot
 * change its numbers. */
#define PERM_BLOCK 64
#define LANES JL_SA_LANES

/* The fast sums are in double, the statistic that decides in long double
 * (jl_sa__cross and friends) as before: a replicate whose fast value lies
 * within the margin of a threshold is summed again the old way, so the
 * counts are the old ones exactly. */
static int near(double s, double obs, double tol, double margin)
{
    /* NaN (an overflow, a zero denominator) is near too */
    return !(fabs(s - (obs - tol)) > margin && fabs(s - (obs + tol)) > margin);
}

static void count(jl_sa_gperm *g, size_t b, int k, double s)
{
    g->ge[b][k] += s >= g->obs[k] - g->tol[k];
    g->le[b][k] += s <= g->obs[k] + g->tol[k];
}

/* Lane l's values: x as shuffled, and z = x - xb. */
static void lane_x(double *a, const double *const *P, size_t n, size_t l)
{
    memcpy(a, P[l], n * sizeof *a);
}

static void lane_z(const jl_sa_gperm *g, double *a, const double *const *P, size_t n, size_t l)
{
    size_t i;

    for (i = 0; i < n; i++)
        a[i] = P[l][i] - g->xb;
}

/* Counts the nl replicates in the lanes of k (lane l's of block b0 + l)
 * from their fast sums o. */
static void count_lanes(jl_sa_gperm *g, size_t b0, const jl_sa_gwork *k, const jl_sa_gsums *o, size_t nl)
{
    const double *const *P = (const double *const *)k->P;
    double *pz = k->pz;
    size_t l, n = g->n;
    double eps = DBL_EPSILON * (double)(n + g->g.kmax + 16);

    for (l = 0; l < nl; l++) {
        if (g->what & (JL_SA_MORAN | JL_SA_GEARY)) {
            double c = jl_sa__lane(&o->s[0], l);

            if ((g->what & JL_SA_MORAN && near(c, g->obs[0], g->tol[0], g->margin[0])) ||
                (g->what & JL_SA_GEARY && near(jl_sa__lane(&o->s[1], l), g->obs[1], g->tol[1], g->margin[1]))) {
                lane_z(g, pz, P, n, l);
                c = jl_sa__cross(g->m.w, pz, pz);
                if (g->what & JL_SA_GEARY)
                    count(g, b0 + l, 1, geary_by_cross(g->rc, pz, n, c));
            } else if (g->what & JL_SA_GEARY) {
                count(g, b0 + l, 1, jl_sa__lane(&o->s[1], l));
            }
            if (g->what & JL_SA_MORAN)
                count(g, b0 + l, 0, c);
        }
        if (g->what & JL_SA_G) {
            double s = jl_sa__lane(&o->s[2], l), rel = g->g_rel + 4 * eps * fabs(jl_sa__lane(&o->kappa, l));
            double abs_m = g->gq ? g->g_abs : 0;

            if (near(s, g->obs[2], g->tol[2], rel * fabs(s) + abs_m + DBL_MIN)) {
                lane_x(pz, P, n, l);
                s = jl_sa__cross(g->g.w, pz, pz) / g_denominator(g->g.w, pz);
            }
            count(g, b0 + l, 2, s);
        }
    }
}

/* Lane l runs block b0 + l: its replicates are shuffled in place, each
 * from the one before, by the block's own generator, four streams at
 * once (jl_sa__shuffle4). Which lanes a block shares cannot change its
 * numbers. */
static void run_group(jl_sa_gperm *g, jl_sa_gwork *k, size_t b0)
{
    jl_rng rng[LANES];
    jl_sa_gsums o;
    jl_sa_rows rows = {k->Z, k->X, g->xb};
    size_t n = g->n, nb = g->nblocks - b0 < LANES ? g->nblocks - b0 : LANES, r, l;
    /* only the group's last block can be short: the lanes of a replicate
     * are always the first nl */
    size_t last = g->R - (b0 + nb - 1) * PERM_BLOCK;

    if (last > PERM_BLOCK)
        last = PERM_BLOCK;
    for (l = 0; l < nb; l++) {
        jl_rng_seed(&rng[l], jl_sa__mix64(g->seed) ^ jl_sa__mix64(b0 + l + 1));
        memcpy(k->P[l], g->x, n * sizeof *k->P[l]);
        memset(g->ge[b0 + l], 0, sizeof g->ge[b0 + l]);
        memset(g->le[b0 + l], 0, sizeof g->le[b0 + l]);
    }
    for (r = 0; r < PERM_BLOCK; r++) {
        size_t nl = r < last ? nb : nb - 1;

        if (nl == 0)
            break;
        /* A shuffle of a uniform shuffle is uniform: each replicate
         * shuffles the one before. */
        if (nl == LANES) {
            jl_sa__shuffle4(rng, k->P, n, g->simd, &rows);
        } else {
            for (l = 0; l < nl; l++)
                jl_sa__shuffle(&rng[l], k->P[l], n);
            jl_sa__interleave(g, k, nl);
        }
        jl_sa__gsums(&o, g, k);
        count_lanes(g, b0, k, &o, nl);
    }
}

/* Takes groups of blocks until none is left; pr (or NULL) is moved on
 * as each is taken. */
static void gperm_work(jl_sa_gperm *g, const jl_progress *pr)
{
    jl_sa_gwork k;
    size_t n = g->n, q, l;

    for (l = 0; l < LANES; l++)
        k.P[l] = jl_xmalloc(n * sizeof *k.P[l]);
    k.Z = jl_xcalloc(LANES * n, sizeof *k.Z);
    k.X = g->what & JL_SA_G && !g->gq ? jl_xcalloc(LANES * n, sizeof *k.X) : NULL;
    k.pz = jl_xmalloc(n * sizeof *k.pz);
    while ((q = atomic_fetch_add(&g->next, 1)) * LANES < g->nblocks) {
        jl_progress_report(pr, JL_STAGE_PERM_CITY, q * LANES * PERM_BLOCK, g->R);
        run_group(g, &k, q * LANES);
    }
    for (l = 0; l < LANES; l++)
        jl_free(k.P[l]);
    jl_free(k.Z);
    jl_free(k.X);
    jl_free(k.pz);
}

/* The other threads report nothing: progress is the caller's. */
static void *gperm_worker(void *arg)
{
    gperm_work(arg, NULL);
    return NULL;
}

/* Each row's one weight, or NULL when some row has two different ones. */
static double *row_weights(const jl_spw *w, size_t *kmax)
{
    double *c = jl_xmalloc((w->n ? w->n : 1) * sizeof *c);
    size_t i, e;

    *kmax = 0;
    for (i = 0; i < w->n; i++) {
        c[i] = w->off[i + 1] > w->off[i] ? w->w[w->off[i]] : 0;
        if (w->off[i + 1] - w->off[i] > *kmax)
            *kmax = w->off[i + 1] - w->off[i];
    }
    for (i = 0; i < w->n; i++)
        for (e = w->off[i]; e < w->off[i + 1]; e++)
            if (w->w[e] != c[i]) {
                jl_free(c);
                return NULL;
            }
    return c;
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
    return jl_sa_global_perm_g(w, NULL, x, R, seed, threads, what, t, pr, err);
}

/* What the fast sums may miss by (count_lanes): a sum of m products in
 * double is within about m units of rounding of the sum of their sizes,
 * which for Moran is at most sw * mz^2; the long double sum is closer. */
static void set_margins(jl_sa_gperm *g, double sw, double mz)
{
    double eps = DBL_EPSILON * (double)(g->n + g->m.kmax + 16);

    g->margin[0] = eps * sw * mz * mz;
    g->margin[1] = 6 * g->margin[0];
    if (g->what & JL_SA_G) {
        const jl_spw *w = g->g.w;
        jl_sa_acc s1 = 0, s2 = 0;
        size_t i;
        double kappa;

        for (i = 0; i < w->n; i++)
            if (w->off[i + 1] > w->off[i]) {
                s1 += g->g.v[i];
                s2 += (jl_sa_acc)g->g.v[i] * g->g.v[i];
            } else {
                g->g_islands = 1;
            }
        g->g_den = g_denominator(w, g->g.v);
        kappa = fabs((double)((s1 * s1 + s2) / (s1 * s1 - s2)));
        eps = DBL_EPSILON * (double)(g->n + g->g.kmax + 16);
        g->g_rel = 2 * eps * (1 + (g->g_islands ? 0 : kappa));
    }
}

/* Whether G can be summed in Moran's pass (fused_body): one pattern, one
 * weight per row on both sides, no islands (G's denominator is then the
 * same for every replicate). Returns G's row plus column sums, or NULL.
 * The margin of the fused sum: the sums of products of z in double are
 * within (n + kmax + 2) units of rounding of S0 mz^2, those of q z of
 * 2 S0 mz, the z themselves within one unit of x - xb, the rest a few
 * more; 2 eps S0 (mz + |xb|)^2 covers them with room to spare. When that
 * is much wider than the margin of the sum of x x, sums over x stay. */
static double *fuse_g(jl_sa_gperm *g, double mz)
{
    const jl_spw *w = g->m.w, *wg = g->g.w;
    size_t i, e, m = w->off[w->n];
    double *q, s0abs = 0, eps = DBL_EPSILON * (double)(g->n + g->g.kmax + 16);
    jl_sa_acc s0 = 0;

    if (!(g->what & JL_SA_G) || !g->m.rowc || !g->g.rowc || g->g_islands || g->g_den == 0)
        return NULL;
    if (w != wg && (memcmp(w->off, wg->off, (w->n + 1) * sizeof *w->off) != 0 ||
                    memcmp(w->nb, wg->nb, m * sizeof *w->nb) != 0))
        return NULL;
    q = jl_xcalloc(w->n ? w->n : 1, sizeof *q);
    for (i = 0; i < w->n; i++)
        for (e = w->off[i]; e < w->off[i + 1]; e++) {
            q[i] += g->g.rowc[i];
            q[w->nb[e]] += g->g.rowc[i];
            s0 += g->g.rowc[i];
            s0abs += fabs(g->g.rowc[i]);
        }
    g->g_s0 = (double)s0;
    g->g_abs = 4 * eps * s0abs * (mz + fabs(g->xb)) * (mz + fabs(g->xb)) / fabs(g->g_den);
    if (!(g->g_abs <= 16 * g->g_rel * fabs(g->obs[2]))) {
        jl_free(q);
        return NULL;
    }
    return q;
}

/* A job of global permutations: the state its workers share, what it
 * owns, and its threads. */
struct jl_sa_gjob {
    jl_sa_gperm g;
    double *z, *rcs, *gq;
    pthread_t th[64];
    int started;
};

int jl_sa_global_perm_start(jl_sa_gjob **out, const jl_spw *w, const jl_spw *wg, const double *x,
                            size_t R, uint64_t seed, int threads, int what, jl_err *err)
{
    jl_sa_gjob *job;
    jl_sa_gperm *g;
    size_t i, e;
    double xb, sw = 0, mz = 0;

    *out = NULL;
    if (!wg)
        wg = w;
    if (jl_sa__check_x(w, x, err) < 0)
        return err->code;
    if (wg->n != w->n)
        return jl_err_set(err, JL_ERR, "weights for G of %zu areas, expected %zu", wg->n, w->n);
    job = jl_xcalloc(1, sizeof *job);
    g = &job->g;
    xb = jl_sa__mean_of(x, w->n);
    job->z = jl_xmalloc(w->n * sizeof *job->z);
    for (i = 0; i < w->n; i++) {
        job->z[i] = x[i] - xb;
        mz = fmax(mz, fabs(job->z[i]));
    }
    for (e = 0; e < w->off[w->n]; e++)
        sw += fabs(w->w[e]);
    job->rcs = jl_xcalloc(w->n, sizeof *job->rcs);
    for (i = 0; i < w->n; i++)
        for (e = w->off[i]; e < w->off[i + 1]; e++) {
            job->rcs[i] += w->w[e];
            job->rcs[w->nb[e]] += w->w[e];
        }
    g->m.w = w;
    g->m.v = job->z;
    g->m.rowc = row_weights(w, &g->m.kmax);
    g->g.w = wg;
    g->g.v = x;
    g->g.rowc = what & JL_SA_G ? row_weights(wg, &g->g.kmax) : NULL;
    g->rc = job->rcs;
    g->x = x;
    g->xb = xb;
    g->n = w->n;
    g->R = R;
    g->seed = seed;
    g->what = what;
    g->simd = jl_sa__avx2();
    /* Σz² and Σx are the same under every permutation, so the sums alone
     * decide; ties within rounding count as ties. */
    g->obs[0] = what & JL_SA_MORAN ? jl_sa__cross(w, job->z, job->z) : 0;
    g->obs[1] = what & JL_SA_GEARY
                    ? geary_by_cross(job->rcs, job->z, w->n, jl_sa__cross(w, job->z, job->z))
                    : 0;
    g->obs[2] = what & JL_SA_G ? jl_sa__cross(wg, x, x) / g_denominator(wg, x) : 0;
    g->tol[0] = 1e-12 * sw * mz * mz;
    g->tol[1] = 4e-12 * sw * mz * mz;
    g->tol[2] = 1e-12 * fabs(g->obs[2]);
    set_margins(g, sw, mz);
    g->gq = job->gq = fuse_g(g, mz);
    if (g->gq && (uint64_t)w->n * JL_SA_LANES <= UINT32_MAX) {
        g->nbo = jl_xmalloc((w->off[w->n] ? w->off[w->n] : 1) * sizeof *g->nbo);
        for (e = 0; e < w->off[w->n]; e++)
            g->nbo[e] = w->nb[e] * JL_SA_LANES;
    }
    g->nblocks = (R + PERM_BLOCK - 1) / PERM_BLOCK;
    g->ge = jl_xcalloc(g->nblocks ? g->nblocks : 1, sizeof *g->ge);
    g->le = jl_xcalloc(g->nblocks ? g->nblocks : 1, sizeof *g->le);
    atomic_init(&g->next, 0);
    /* the caller's thread is the last of them, from jl_sa_global_perm_wait
     * on; until then it is the caller's */
    if (threads > 64)
        threads = 64;
    for (i = 1; i < (size_t)threads; i++)
        if (pthread_create(&job->th[job->started], NULL, gperm_worker, g) == 0)
            job->started++;
    *out = job;
    return JL_OK;
}

/* Joins the job's threads and frees it. */
static void gjob_free(jl_sa_gjob *job)
{
    jl_sa_gperm *g = &job->g;
    int k;

    for (k = 0; k < job->started; k++)
        pthread_join(job->th[k], NULL);
    jl_free(g->ge);
    jl_free(g->le);
    jl_free(g->m.rowc);
    jl_free(g->g.rowc);
    jl_free(job->gq);
    jl_free(g->nbo);
    jl_free(job->rcs);
    jl_free(job->z);
    jl_free(job);
}

void jl_sa_global_perm_wait(jl_sa_gjob *job, jl_sa_test t[3], const jl_progress *pr)
{
    jl_sa_gperm *g = &job->g;
    size_t b, ge[3] = {0}, le[3] = {0};
    int k;

    gperm_work(g, pr);
    for (k = 0; k < job->started; k++)
        pthread_join(job->th[k], NULL);
    job->started = 0;
    jl_progress_end(pr, JL_STAGE_PERM_CITY, g->R);
    for (b = 0; b < g->nblocks; b++)
        for (k = 0; k < 3; k++) {
            ge[k] += g->ge[b][k];
            le[k] += g->le[b][k];
        }
    /* Geary: a small C is clustering; its counts stay in C's own
     * direction (greater = C at least as large). */
    for (k = 0; k < 3; k++)
        if (g->what & (1 << k))
            set_perm_p(&t[k], g->R, ge[k], le[k]);
    gjob_free(job);
}

void jl_sa_global_perm_cancel(jl_sa_gjob *job)
{
    if (!job)
        return;
    /* no group is left to take */
    atomic_store(&job->g.next, job->g.nblocks);
    gjob_free(job);
}

int jl_sa_global_perm_g(const jl_spw *w, const jl_spw *wg, const double *x, size_t R,
                        uint64_t seed, int threads, int what, jl_sa_test t[3],
                        const jl_progress *pr, jl_err *err)
{
    jl_sa_gjob *job;
    int rc = jl_sa_global_perm_start(&job, w, wg, x, R, seed, threads, what, err);

    if (rc < 0)
        return rc;
    jl_sa_global_perm_wait(job, t, pr);
    return JL_OK;
}
