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
 * block): which thread runs a block cannot change its numbers. */
#define PERM_BLOCK 64

/* Replicates summed together: lane b of area i is A[LANES * i + b], so one
 * pass over the links serves LANES replicates (and the compiler's vector
 * instructions), where each pass was a scattered gather before. */
#define LANES 4

/* Two lanes in one register of the baseline (SSE2 on x86-64); a wider
 * vector type would be split through the stack by a compiler told of no
 * wider registers. */
typedef double v2 __attribute__((vector_size(2 * sizeof(double))));
typedef struct lanes {
    v2 h[LANES / 2];
} lanes;

/* The weights a statistic sums over, and what the fast sum needs. */
typedef struct gside {
    const jl_spw *w;
    const double *v; /* values permuted: z for Moran and Geary, x for G */
    double *rowc;    /* each row's one weight, or NULL when a row's differ */
    size_t kmax;
} gside;

typedef struct gperm {
    gside m, g;       /* Moran and Geary on m.w; G on g.w */
    const double *rc; /* row + column sum of each area's weights (m.w) */
    const double *x;  /* the values; z = x - xb, computed as in the caller */
    double xb;
    /* G summed in the pass of Moran (see fused_lanes), when set: G's row
     * and column sums of each area (gq) and their total (g_s0) */
    const double *gq;
    double g_s0, g_abs;
    size_t n, R, nblocks;
    uint64_t seed;
    int what;
    double obs[3], tol[3];
    /* how far a fast sum may be from the long double one (see near) */
    double margin[3], g_rel, g_den;
    int g_islands;
    atomic_size_t next;
    const jl_progress *pr;
    pthread_t main;
    size_t (*ge)[3], (*le)[3]; /* per block */
} gperm;

static v2 v2_at(const double *a)
{
    v2 v;

    memcpy(&v, a, sizeof v);
    return v;
}

static double lane(const lanes *a, size_t l)
{
    return a->h[l / 2][l % 2];
}

/* sum_i sum_j w_ij a_i a_j for every lane, in double. */
static void cross_lanes(lanes *out, const gside *s, const double *A)
{
    const jl_spw *w = s->w;
    v2 s0 = {0, 0}, s1 = {0, 0};
    size_t i, e;

    for (i = 0; i < w->n; i++) {
        v2 r0 = {0, 0}, r1 = {0, 0};
        const double *a = A + LANES * i;

        if (s->rowc) {
            for (e = w->off[i]; e < w->off[i + 1]; e++) {
                const double *b = A + LANES * (size_t)w->nb[e];

                r0 += v2_at(b);
                r1 += v2_at(b + 2);
            }
            r0 *= s->rowc[i];
            r1 *= s->rowc[i];
        } else {
            for (e = w->off[i]; e < w->off[i + 1]; e++) {
                const double *b = A + LANES * (size_t)w->nb[e];

                r0 += w->w[e] * v2_at(b);
                r1 += w->w[e] * v2_at(b + 2);
            }
        }
        s0 += v2_at(a) * r0;
        s1 += v2_at(a + 2) * r1;
    }
    out->h[0] = s0;
    out->h[1] = s1;
}

/* Moran's cross sum over m.w and G's over g.w in one pass, for weights of
 * one pattern and one weight per row (row-standardised W and the binary
 * pattern G is summed over): with t_i = sum_j Z_j over row i,
 *   Moran = sum_i Z_i (m_i t_i),
 *   G     = sum_ij g_i x_i x_j, x = Z + xb,
 *         = sum_i g_i Z_i t_i + xb sum_i q_i Z_i + xb^2 S0
 * where q_i is row i's sum plus column i's sum of G's weights and S0 their
 * total. G's rounding is then bounded by sizes of z and xb, not of the
 * products (set_margins). */
static void fused_lanes(lanes *mo, lanes *gc, lanes *ge, const gperm *g, const double *A)
{
    const jl_spw *w = g->m.w;
    const double *rm = g->m.rowc, *rg = g->g.rowc, *q = g->gq;
    v2 m0 = {0, 0}, m1 = {0, 0}, g0 = {0, 0}, g1 = {0, 0}, q0 = {0, 0}, q1 = {0, 0};
    v2 c0 = {0, 0}, c1 = {0, 0};
    size_t i, e;

    for (i = 0; i < w->n; i++) {
        v2 r0 = {0, 0}, r1 = {0, 0}, a0 = v2_at(A + LANES * i), a1 = v2_at(A + LANES * i + 2);

        for (e = w->off[i]; e < w->off[i + 1]; e++) {
            const double *b = A + LANES * (size_t)w->nb[e];

            r0 += v2_at(b);
            r1 += v2_at(b + 2);
        }
        m0 += a0 * (r0 * rm[i]);
        m1 += a1 * (r1 * rm[i]);
        g0 += (a0 * r0) * rg[i];
        g1 += (a1 * r1) * rg[i];
        q0 += q[i] * a0;
        q1 += q[i] * a1;
        c0 += g->rc[i] * a0 * a0;
        c1 += g->rc[i] * a1 * a1;
    }
    mo->h[0] = m0;
    mo->h[1] = m1;
    /* Geary as geary_lanes sums it */
    ge->h[0] = c0 - 2 * m0;
    ge->h[1] = c1 - 2 * m1;
    gc->h[0] = g0 + g->xb * q0 + g->xb * g->xb * g->g_s0;
    gc->h[1] = g1 + g->xb * q1 + g->xb * g->xb * g->g_s0;
}

/* sum_i rc_i a_i^2 - 2 c for every lane */
static void geary_lanes(lanes *out, const double *rc, const double *A, size_t n, const lanes *c)
{
    v2 s0 = {0, 0}, s1 = {0, 0};
    size_t i;

    for (i = 0; i < n; i++) {
        v2 a0 = v2_at(A + LANES * i), a1 = v2_at(A + LANES * i + 2);

        s0 += rc[i] * a0 * a0;
        s1 += rc[i] * a1 * a1;
    }
    out->h[0] = s0 - 2 * c->h[0];
    out->h[1] = s1 - 2 * c->h[1];
}

/* G's denominator for every lane, over areas with neighbours, and its
 * condition (how much rounding of the sums it magnifies). */
static void g_den_lanes(lanes *den, lanes *kappa, const jl_spw *w, const double *X)
{
    v2 a0 = {0, 0}, a1 = {0, 0}, q0 = {0, 0}, q1 = {0, 0};
    size_t i;

    for (i = 0; i < w->n; i++)
        if (w->off[i + 1] > w->off[i]) {
            v2 x0 = v2_at(X + LANES * i), x1 = v2_at(X + LANES * i + 2);

            a0 += x0;
            a1 += x1;
            q0 += x0 * x0;
            q1 += x1 * x1;
        }
    den->h[0] = a0 * a0 - q0;
    den->h[1] = a1 * a1 - q1;
    kappa->h[0] = (a0 * a0 + q0) / den->h[0];
    kappa->h[1] = (a1 * a1 + q1) / den->h[1];
}

/* The fast sums are in double, the statistic that decides in long double
 * (jl_sa__cross and friends) as before: a replicate whose fast value lies
 * within the margin of a threshold is summed again the old way, so the
 * counts are the old ones exactly. */
static int near(double s, double obs, double tol, double margin)
{
    /* NaN (an overflow, a zero denominator) is near too */
    return !(fabs(s - (obs - tol)) > margin && fabs(s - (obs + tol)) > margin);
}

static void count(gperm *g, size_t b, int k, double s)
{
    g->ge[b][k] += s >= g->obs[k] - g->tol[k];
    g->le[b][k] += s <= g->obs[k] + g->tol[k];
}

/* Lane l's values: x as shuffled, and z = x - xb. */
static void lane_x(double *a, const double *const *P, size_t n, size_t l)
{
    memcpy(a, P[l], n * sizeof *a);
}

static void lane_z(const gperm *g, double *a, const double *const *P, size_t n, size_t l)
{
    size_t i;

    for (i = 0; i < n; i++)
        a[i] = P[l][i] - g->xb;
}

/* Counts nl replicates held in the lanes of Z and X, shuffled x in P;
 * pz is scratch. */
static void count_lanes(gperm *g, size_t b, const double *Z, const double *X,
                        const double *const *P, size_t nl, double *pz)
{
    lanes s0, s1, s2, den, kappa;
    size_t l, n = g->n;
    double eps = DBL_EPSILON * (double)(n + g->g.kmax + 16);

    memset(&s0, 0, sizeof s0);
    s1 = s2 = kappa = s0;
    if (g->gq)
        fused_lanes(&s0, &s2, &s1, g, Z);
    else if (g->what & (JL_SA_MORAN | JL_SA_GEARY))
        cross_lanes(&s0, &g->m, Z);
    if (g->what & JL_SA_GEARY && !g->gq)
        geary_lanes(&s1, g->rc, Z, n, &s0);
    if (g->gq) {
        for (l = 0; l < LANES / 2; l++)
            s2.h[l] /= g->g_den;
    } else if (g->what & JL_SA_G) {
        cross_lanes(&s2, &g->g, X);
        if (g->g_islands) {
            g_den_lanes(&den, &kappa, g->g.w, X);
            for (l = 0; l < LANES / 2; l++)
                s2.h[l] /= den.h[l];
        } else {
            for (l = 0; l < LANES / 2; l++)
                s2.h[l] /= g->g_den;
        }
    }
    for (l = 0; l < nl; l++) {
        if (g->what & (JL_SA_MORAN | JL_SA_GEARY)) {
            double c = lane(&s0, l);

            if ((g->what & JL_SA_MORAN && near(c, g->obs[0], g->tol[0], g->margin[0])) ||
                (g->what & JL_SA_GEARY && near(lane(&s1, l), g->obs[1], g->tol[1], g->margin[1]))) {
                lane_z(g, pz, P, n, l);
                c = jl_sa__cross(g->m.w, pz, pz);
                if (g->what & JL_SA_GEARY)
                    count(g, b, 1, geary_by_cross(g->rc, pz, n, c));
            } else if (g->what & JL_SA_GEARY) {
                count(g, b, 1, lane(&s1, l));
            }
            if (g->what & JL_SA_MORAN)
                count(g, b, 0, c);
        }
        if (g->what & JL_SA_G) {
            double s = lane(&s2, l), rel = g->g_rel + 4 * eps * fabs(lane(&kappa, l));
            double abs_m = g->gq ? g->g_abs : 0;

            if (near(s, g->obs[2], g->tol[2], rel * fabs(s) + abs_m + DBL_MIN)) {
                lane_x(pz, P, n, l);
                s = jl_sa__cross(g->g.w, pz, pz) / g_denominator(g->g.w, pz);
            }
            count(g, b, 2, s);
        }
    }
}

/* Draws run this many swaps ahead of the swaps, so that the value to be
 * swapped is fetched while the generator works: beyond the caches (a
 * million areas) a swap otherwise waits on memory. The draws are the same
 * and in the same order. 32 took a tenth less time than 16 at a million
 * areas (2026-12). */
#define AHEAD 32

/* One more shuffle of the n values of a: the same swaps as a shuffle of
 * positions, applied to the values, so no gather follows. Only x moves:
 * z = x - xb is computed afterwards, to the same bits as the caller's. */
static void shuffle(jl_rng *state, double *a, size_t n)
{
    /* a copy the compiler keeps in registers: through the pointer, each
     * draw waited on the stores of the one before */
    jl_rng g = *state, *rng = &g;
    uint32_t ring[AHEAD];
    size_t i, d;

    /* ring[i % AHEAD] holds the draw for position i */
    for (d = 0; d < AHEAD && d + 1 < n; d++) {
        size_t i0 = n - 1 - d;

        ring[i0 % AHEAD] = jl_rng_below32(rng, (uint32_t)(i0 + 1));
        __builtin_prefetch(a + ring[i0 % AHEAD], 1);
    }
    for (i = n - 1; i > 0; i--) {
        size_t j = ring[i % AHEAD];
        double t = a[i];

        if (i > AHEAD) {
            size_t i2 = i - AHEAD;

            ring[i2 % AHEAD] = jl_rng_below32(rng, (uint32_t)(i2 + 1));
            __builtin_prefetch(a + ring[i2 % AHEAD], 1);
        }
        a[i] = a[j];
        a[j] = t;
    }
    *state = g;
}

typedef struct gwork {
    double *P[LANES];   /* each lane's shuffled x */
    double *Z, *X, *pz; /* lanes side by side (see LANES); scratch */
} gwork;

/* The lanes of P[0..nl-1] side by side into Z (z, for Moran and Geary and
 * a fused G) and X (x, for G on its own). */
static void interleave(const gperm *g, gwork *k, size_t nl)
{
    size_t i, l, n = g->n;
    double xb = g->xb;

    if (nl == LANES) {
        const double *p0 = k->P[0], *p1 = k->P[1], *p2 = k->P[2], *p3 = k->P[3];

        for (i = 0; i < n; i++) {
            double *zz = k->Z + LANES * i;

            zz[0] = p0[i] - xb;
            zz[1] = p1[i] - xb;
            zz[2] = p2[i] - xb;
            zz[3] = p3[i] - xb;
        }
        if (k->X)
            for (i = 0; i < n; i++) {
                double *xx = k->X + LANES * i;

                xx[0] = p0[i];
                xx[1] = p1[i];
                xx[2] = p2[i];
                xx[3] = p3[i];
            }
        return;
    }
    for (l = 0; l < nl; l++)
        for (i = 0; i < n; i++) {
            k->Z[LANES * i + l] = k->P[l][i] - xb;
            if (k->X)
                k->X[LANES * i + l] = k->P[l][i];
        }
}

static void *gperm_worker(void *arg)
{
    gperm *g = arg;
    gwork k;
    size_t n = g->n, b, l;

    for (l = 0; l < LANES; l++)
        k.P[l] = jl_xmalloc(n * sizeof *k.P[l]);
    k.Z = jl_xcalloc(LANES * n, sizeof *k.Z);
    k.X = g->what & JL_SA_G && !g->gq ? jl_xcalloc(LANES * n, sizeof *k.X) : NULL;
    k.pz = jl_xmalloc(n * sizeof *k.pz);
    while ((b = atomic_fetch_add(&g->next, 1)) < g->nblocks) {
        jl_rng rng;
        size_t r, r0 = b * PERM_BLOCK, r1 = r0 + PERM_BLOCK < g->R ? r0 + PERM_BLOCK : g->R;
        const double *prev = g->x;

        /* only the calling thread draws the bar */
        if (pthread_equal(pthread_self(), g->main))
            jl_progress_report(g->pr, JL_STAGE_PERM_CITY, r0, g->R);
        jl_rng_seed(&rng, jl_sa__mix64(g->seed) ^ jl_sa__mix64(b + 1));
        memset(g->ge[b], 0, sizeof g->ge[b]);
        memset(g->le[b], 0, sizeof g->le[b]);
        for (r = r0; r < r1; r += LANES) {
            size_t nl = r1 - r < LANES ? r1 - r : LANES;

            /* A shuffle of a uniform shuffle is uniform: each replicate
             * shuffles the one before. */
            for (l = 0; l < nl; l++) {
                if (k.P[l] != prev)
                    memcpy(k.P[l], prev, n * sizeof *k.P[l]);
                shuffle(&rng, k.P[l], n);
                prev = k.P[l];
            }
            interleave(g, &k, nl);
            count_lanes(g, b, k.Z, k.X, (const double *const *)k.P, nl, k.pz);
            /* the next group's first lane shuffles this one's last in
             * place, without a copy */
            if (nl == LANES) {
                double *t = k.P[0];

                k.P[0] = k.P[LANES - 1];
                k.P[LANES - 1] = t;
                prev = k.P[0];
            }
        }
    }
    for (l = 0; l < LANES; l++)
        jl_free(k.P[l]);
    jl_free(k.Z);
    jl_free(k.X);
    jl_free(k.pz);
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
static void set_margins(gperm *g, double sw, double mz)
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

/* Whether G can be summed in Moran's pass (fused_lanes): one pattern, one
 * weight per row on both sides, no islands (G's denominator is then the
 * same for every replicate). Returns G's row plus column sums, or NULL.
 * The margin of the fused sum: the sums of products of z in double are
 * within (n + kmax + 2) units of rounding of S0 mz^2, those of q z of
 * 2 S0 mz, the z themselves within one unit of x - xb, the rest a few
 * more; 2 eps S0 (mz + |xb|)^2 covers them with room to spare. When that
 * is much wider than the margin of the sum of x x, sums over x stay. */
static double *fuse_g(gperm *g, double mz)
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

int jl_sa_global_perm_g(const jl_spw *w, const jl_spw *wg, const double *x, size_t R,
                        uint64_t seed, int threads, int what, jl_sa_test t[3],
                        const jl_progress *pr, jl_err *err)
{
    gperm g;
    size_t i, e, b, ge[3] = {0}, le[3] = {0};
    double *z, *rcs, *gq, xb, sw = 0, mz = 0;
    int k;

    if (!wg)
        wg = w;
    if (jl_sa__check_x(w, x, err) < 0)
        return err->code;
    if (wg->n != w->n)
        return jl_err_set(err, JL_ERR, "weights for G of %zu areas, expected %zu", wg->n, w->n);
    memset(&g, 0, sizeof g);
    xb = jl_sa__mean_of(x, w->n);
    z = jl_xmalloc(w->n * sizeof *z);
    for (i = 0; i < w->n; i++) {
        z[i] = x[i] - xb;
        mz = fmax(mz, fabs(z[i]));
    }
    for (e = 0; e < w->off[w->n]; e++)
        sw += fabs(w->w[e]);
    rcs = jl_xcalloc(w->n, sizeof *rcs);
    for (i = 0; i < w->n; i++)
        for (e = w->off[i]; e < w->off[i + 1]; e++) {
            rcs[i] += w->w[e];
            rcs[w->nb[e]] += w->w[e];
        }
    g.m.w = w;
    g.m.v = z;
    g.m.rowc = row_weights(w, &g.m.kmax);
    g.g.w = wg;
    g.g.v = x;
    g.g.rowc = what & JL_SA_G ? row_weights(wg, &g.g.kmax) : NULL;
    g.rc = rcs;
    g.x = x;
    g.xb = xb;
    g.n = w->n;
    g.R = R;
    g.seed = seed;
    g.what = what;
    g.pr = pr;
    g.main = pthread_self();
    /* Σz² and Σx are the same under every permutation, so the sums alone
     * decide; ties within rounding count as ties. */
    g.obs[0] = what & JL_SA_MORAN ? jl_sa__cross(w, z, z) : 0;
    g.obs[1] = what & JL_SA_GEARY ? geary_by_cross(rcs, z, w->n, jl_sa__cross(w, z, z)) : 0;
    g.obs[2] = what & JL_SA_G ? jl_sa__cross(wg, x, x) / g_denominator(wg, x) : 0;
    g.tol[0] = 1e-12 * sw * mz * mz;
    g.tol[1] = 4e-12 * sw * mz * mz;
    g.tol[2] = 1e-12 * fabs(g.obs[2]);
    set_margins(&g, sw, mz);
    g.gq = gq = fuse_g(&g, mz);
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
    jl_free(g.m.rowc);
    jl_free(g.g.rowc);
    jl_free(gq);
    jl_free(rcs);
    jl_free(z);
    return JL_OK;
}
