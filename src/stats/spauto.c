#include "stats/spauto.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/rng.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

double jl_pnorm_upper(double z)
{
    return 0.5 * erfc(z / M_SQRT2);
}

/* Sums in long double, as R's sum() does, so results agree with spdep to
 * far below the 1e-10 the references ask for. */
typedef long double acc;

static int check_x(const jl_spw *w, const double *x, jl_err *err)
{
    size_t i;

    if (w->n < 4)
        return jl_err_set(err, JL_EINPUT, _("expected at least 4 areas, found %zu"), w->n);
    for (i = 0; i < w->n; i++)
        if (!isfinite(x[i]))
            return jl_err_set(err, JL_EINPUT,
                              _("expected a value for every area, found none for area %zu"),
                              i + 1);
    return JL_OK;
}

static double mean_of(const double *x, size_t n)
{
    acc s = 0;
    size_t i;

    for (i = 0; i < n; i++)
        s += x[i];
    return (double)(s / (acc)n);
}

/* sum_i sum_j w_ij a_i b_j */
static double cross(const jl_spw *w, const double *a, const double *b)
{
    acc s = 0;
    size_t i, e;

    for (i = 0; i < w->n; i++) {
        acc r = 0;

        for (e = w->off[i]; e < w->off[i + 1]; e++)
            r += w->w[e] * b[w->nb[e]];
        s += a[i] * r;
    }
    return (double)s;
}

static void finish_z(jl_sa_test *t, int flip)
{
    double d = flip ? t->expect - t->stat : t->stat - t->expect;

    t->z_norm = d / sqrt(t->var_norm);
    t->p_norm = jl_pnorm_upper(t->z_norm);
    if (!isnan(t->var_rand)) {
        t->z_rand = d / sqrt(t->var_rand);
        t->p_rand = jl_pnorm_upper(t->z_rand);
    }
}

/* What Moran and Geary share: checks, the weights' constants, the
 * deviations z from the mean (caller frees), sum z^2 and sum z^4. */
static int prepare(const jl_spw *w, const double *x, jl_spw_const *c, double **z, double *zz,
                   double *z4, jl_err *err)
{
    size_t i;
    double xb;
    acc a2 = 0, a4 = 0;

    *z = NULL;
    if (check_x(w, x, err) < 0)
        return err->code;
    jl_spw_constants(w, c);
    if (!(c->S0 > 0))
        return jl_err_set(err, JL_EINPUT, _("expected areas with neighbours, found none"));
    xb = mean_of(x, w->n);
    *z = jl_xmalloc(w->n * sizeof **z);
    for (i = 0; i < w->n; i++) {
        double d = x[i] - xb;

        (*z)[i] = d;
        a2 += (acc)d * d;
        a4 += (acc)d * d * d * d;
    }
    *zz = (double)a2;
    *z4 = (double)a4;
    if (!(*zz > 0)) {
        jl_free(*z);
        *z = NULL;
        return jl_err_set(err, JL_EINPUT, _("expected values that vary, found one value for all"));
    }
    return JL_OK;
}

int jl_sa_moran(const jl_spw *w, const double *x, jl_sa_test *t, jl_err *err)
{
    jl_spw_const c;
    double *z, zz, z4, K, n, S02, nn;

    memset(t, 0, sizeof *t);
    if (prepare(w, x, &c, &z, &zz, &z4, err) < 0)
        return err->code;
    /* spdep: I uses the adjusted n, K all n (moran() gets length(x)). */
    K = (double)w->n * z4 / (zz * zz);
    n = c.n;
    nn = n * n;
    S02 = c.S0 * c.S0;
    t->stat = (n / c.S0) * (cross(w, z, z) / zz);
    t->expect = -1 / (n - 1);
    t->var_norm = (nn * c.S1 - n * c.S2 + 3 * S02) / (S02 * (nn - 1)) - t->expect * t->expect;
    t->var_rand = (n * (c.S1 * (nn - 3 * n + 3) - n * c.S2 + 3 * S02) -
                   K * (c.S1 * (nn - n) - 2 * n * c.S2 + 6 * S02)) /
                      ((n - 1) * (n - 2) * (n - 3) * S02) -
                  t->expect * t->expect;
    finish_z(t, 0);
    jl_free(z);
    return JL_OK;
}

/* sum_ij w_ij (a_i - a_j)^2 */
static double geary_sum(const jl_spw *w, const double *a)
{
    acc s = 0;
    size_t i, e;

    for (i = 0; i < w->n; i++)
        for (e = w->off[i]; e < w->off[i + 1]; e++) {
            double d = a[i] - a[w->nb[e]];

            s += w->w[e] * d * d;
        }
    return (double)s;
}

int jl_sa_geary(const jl_spw *w, const double *x, jl_sa_test *t, jl_err *err)
{
    jl_spw_const c;
    double *z, zz, z4, K, n, n1, n2, n3, nn, N, S02;

    memset(t, 0, sizeof *t);
    if (prepare(w, x, &c, &z, &zz, &z4, err) < 0)
        return err->code;
    n = c.n;
    N = c.n_all;
    n1 = n - 1;
    n2 = n - 2;
    n3 = n - 3;
    nn = n * n;
    S02 = c.S0 * c.S0;
    K = n * z4 / (zz * zz);
    t->stat = (n1 / (2 * c.S0)) * (geary_sum(w, z) / zz);
    t->expect = 1;
    t->var_norm = ((2 * c.S1 + c.S2) * n1 - 4 * S02) / (2 * (N + 1) * S02);
    /* spdep's geary.test mixes the unadjusted count N into the
     * randomisation variance; kept, so that it agrees with islands too. */
    t->var_rand = (n1 * c.S1 * (nn - 3 * N + 3 - K * n1) -
                   0.25 * (n1 * c.S2 * (nn + 3 * N - 6 - K * (nn - N + 2))) +
                   S02 * (nn - 3 - K * n1 * n1)) /
                  (N * n2 * n3 * S02);
    finish_z(t, 1);
    jl_free(z);
    return JL_OK;
}

int jl_sa_getis_g(const jl_spw *w, const double *x, jl_sa_test *t, jl_err *err)
{
    jl_spw_const c;
    size_t i;
    double n, n1, n2, n3, nn, S02, B0, B1, B2, B3, B4, sx, sx2, sx3, sx4;
    acc a1 = 0, a2 = 0, a3 = 0, a4 = 0;

    memset(t, 0, sizeof *t);
    if (check_x(w, x, err) < 0)
        return err->code;
    if (w->style == 'W' || w->style == 'S')
        return jl_err_set(err, JL_EUSAGE,
                          _("Getis-Ord G needs binary weights (style B, C or U), found style %c"),
                          w->style);
    for (i = 0; i < w->n; i++)
        if (x[i] < 0)
            return jl_err_set(err, JL_EINPUT,
                              _("Getis-Ord G needs values of 0 or more, found %g for area %zu"),
                              x[i], i + 1);
    jl_spw_constants(w, &c);
    /* spdep's adjust.x: areas without neighbours leave the sums. */
    for (i = 0; i < w->n; i++) {
        acc v = x[i];

        if (w->off[i + 1] == w->off[i])
            continue;
        a1 += v;
        a2 += v * v;
        a3 += v * v * v;
        a4 += v * v * v * v;
    }
    sx = (double)a1;
    sx2 = (double)a2;
    sx3 = (double)a3;
    sx4 = (double)a4;
    if (!(sx * sx - sx2 > 0))
        return jl_err_set(err, JL_EINPUT, _("Getis-Ord G needs at least two areas above 0"));
    n = c.n;
    n1 = n - 1;
    n2 = n - 2;
    n3 = n - 3;
    nn = n * n;
    S02 = c.S0 * c.S0;
    t->stat = cross(w, x, x) / (sx * sx - sx2);
    t->expect = c.S0 / (n * n1);
    B0 = (nn - 3 * n + 3) * c.S1 - n * c.S2 + 3 * S02;
    B1 = -((nn - n) * c.S1 - 2 * n * c.S2 + 6 * S02);
    B2 = -(2 * n * c.S1 - (n + 3) * c.S2 + 6 * S02);
    B3 = 4 * n1 * c.S1 - 2 * (n + 1) * c.S2 + 8 * S02;
    B4 = c.S1 - c.S2 + S02;
    t->var_norm = (B0 * sx2 * sx2 + B1 * sx4 + B2 * sx * sx * sx2 + B3 * sx * sx3 +
                   B4 * sx * sx * sx * sx) /
                      ((sx * sx - sx2) * (sx * sx - sx2) * n * n1 * n2 * n3) -
                  t->expect * t->expect;
    t->var_rand = NAN;
    t->z_rand = t->p_rand = NAN;
    finish_z(t, 0);
    return JL_OK;
}

/* ---- global permutations ---- */

static uint64_t mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15u;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    return x ^ (x >> 31);
}

static double geary_by_cross(const double *rc, const double *z, size_t n, double crossed)
{
    acc s = 0;
    size_t i;

    for (i = 0; i < n; i++)
        s += (acc)z[i] * z[i] * rc[i];
    return (double)(s - 2 * (acc)crossed);
}

/* G's denominator, sum_{i != j} x_i x_j over areas with neighbours. */
static double g_denominator(const jl_spw *w, const double *x)
{
    acc s1 = 0, s2 = 0;
    size_t i;

    for (i = 0; i < w->n; i++)
        if (w->off[i + 1] > w->off[i]) {
            s1 += x[i];
            s2 += (acc)x[i] * x[i];
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
        jl_rng_seed(&rng, mix64(g->seed) ^ mix64(b + 1));
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
            s[0] = g->what & (JL_SA_MORAN | JL_SA_GEARY) ? cross(g->w, pz, pz) : 0;
            s[1] = g->what & JL_SA_GEARY ? geary_by_cross(g->rc, pz, n, s[0]) : 0;
            s[2] = g->what & JL_SA_G ? cross(g->w, px, px) / g_denominator(g->w, px) : 0;
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

static int run_threads(int threads, void *(*fn)(void *), void *arg)
{
    pthread_t th[64];
    int i, started = 0;

    if (threads < 1)
        threads = 1;
    if (threads > 64)
        threads = 64;
    for (i = 1; i < threads; i++)
        if (pthread_create(&th[started], NULL, fn, arg) == 0)
            started++;
    fn(arg);
    for (i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    return 0;
}

int jl_sa_global_perm(const jl_spw *w, const double *x, size_t R, uint64_t seed, int threads,
                      int what, jl_sa_test t[3], const jl_progress *pr, jl_err *err)
{
    gperm g;
    size_t i, e, b, ge[3] = {0}, le[3] = {0};
    double *z, *rcs, xb, sw = 0, mz = 0, mx = 0;
    int k;

    if (check_x(w, x, err) < 0)
        return err->code;
    memset(&g, 0, sizeof g);
    xb = mean_of(x, w->n);
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
    g.obs[0] = what & JL_SA_MORAN ? cross(w, z, z) : 0;
    g.obs[1] = what & JL_SA_GEARY ? geary_by_cross(rcs, z, w->n, cross(w, z, z)) : 0;
    g.obs[2] = what & JL_SA_G ? cross(w, x, x) / g_denominator(w, x) : 0;
    g.tol[0] = 1e-12 * sw * mz * mz;
    g.tol[1] = 4e-12 * sw * mz * mz;
    g.tol[2] = 1e-12 * fabs(g.obs[2]);
    g.nblocks = (R + PERM_BLOCK - 1) / PERM_BLOCK;
    g.ge = jl_xcalloc(g.nblocks ? g.nblocks : 1, sizeof *g.ge);
    g.le = jl_xcalloc(g.nblocks ? g.nblocks : 1, sizeof *g.le);
    atomic_init(&g.next, 0);
    run_threads(threads, gperm_worker, &g);
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

/* ---- local ---- */

/* Row i of w: the weighted sum of v over the neighbours, the sum of the
 * weights and of their squares. */
static void row_sums(const jl_spw *w, size_t i, const double *v, double *lag, double *W,
                     double *W2)
{
    acc l = 0, wi = 0, wi2 = 0;
    size_t e;

    for (e = w->off[i]; e < w->off[i + 1]; e++) {
        l += w->w[e] * v[w->nb[e]];
        wi += w->w[e];
        wi2 += (acc)w->w[e] * w->w[e];
    }
    *lag = (double)l;
    *W = (double)wi;
    *W2 = (double)wi2;
}

int jl_sa_local_moran(const jl_spw *w, const jl_spw *wstar, const double *x, jl_sa_local *out,
                      jl_err *err)
{
    size_t n = w->n, i, e;
    double xb, m2, *z, *lx, lxb, sx = 0, sx2 = 0, s2star;
    acc a2 = 0, al = 0, ax = 0, ax2 = 0, ac = 0;

    if (check_x(w, x, err) < 0)
        return err->code;
    xb = mean_of(x, n);
    z = jl_xmalloc(n * sizeof *z);
    lx = jl_xmalloc(n * sizeof *lx);
    for (i = 0; i < n; i++) {
        z[i] = x[i] - xb;
        a2 += (acc)z[i] * z[i];
        ax += x[i];
        ax2 += (acc)x[i] * x[i];
    }
    m2 = (double)(a2 / (acc)n);
    if (!(m2 > 0)) {
        jl_free(z);
        jl_free(lx);
        return jl_err_set(err, JL_EINPUT, _("expected values that vary, found one value for all"));
    }
    sx = (double)ax;
    sx2 = (double)ax2;
    for (i = 0; i < n; i++) {
        acc l = 0;

        for (e = w->off[i]; e < w->off[i + 1]; e++)
            l += w->w[e] * x[w->nb[e]];
        lx[i] = (double)l;
        al += l;
    }
    lxb = (double)(al / (acc)n);
    /* Gi*: mean and variance over all n (spdep: sum(scale(x, scale=FALSE)^2)/n) */
    for (i = 0; i < n; i++)
        ac += ((acc)x[i] - xb) * ((acc)x[i] - xb);
    s2star = (double)(ac / (acc)n);
    for (i = 0; i < n; i++) {
        jl_sa_local *o = &out[i];
        double lz, W, W2, xbi, s2i;

        memset(o, 0, sizeof *o);
        row_sums(w, i, z, &lz, &W, &W2);
        o->lag = lx[i];
        if (w->off[i + 1] == w->off[i]) {
            o->Ii = o->E = o->V = o->Z = o->p_norm = NAN;
            o->gi_z = o->gistar_z = NAN;
            o->quad = JL_QUAD_NONE;
            o->p_greater = o->p_less = o->p_folded = o->E_sim = o->V_sim = NAN;
            continue;
        }
        o->Ii = (z[i] / m2) * lz;
        o->E = -(z[i] * z[i] * W) / ((double)(n - 1) * m2);
        o->V = (z[i] / m2) * (z[i] / m2) * ((double)n / (double)(n - 2)) *
               (W2 - W * W / (double)(n - 1)) * (m2 - z[i] * z[i] / (double)(n - 1));
        o->Z = (o->Ii - o->E) / sqrt(o->V);
        o->p_norm = 2 * jl_pnorm_upper(fabs(o->Z));
        {
            int hx = x[i] > xb, hl = lx[i] > lxb;

            o->quad = hx ? (hl ? JL_QUAD_HH : JL_QUAD_HL) : (hl ? JL_QUAD_LH : JL_QUAD_LL);
        }
        /* Gi: the others' mean and variance */
        xbi = (sx - x[i]) / (double)(n - 1);
        s2i = (sx2 - x[i] * x[i]) / (double)(n - 1) - xbi * xbi;
        o->gi_z = (lx[i] - W * xbi) / sqrt(s2i * (((double)(n - 1) * W2 - W * W) / (double)(n - 2)));
        o->p_greater = o->p_less = o->p_folded = o->E_sim = o->V_sim = NAN;
    }
    if (wstar)
        for (i = 0; i < n; i++) {
            double l, W, W2;

            row_sums(wstar, i, x, &l, &W, &W2);
            out[i].gistar_z = (l - W * xb) /
                              sqrt(s2star * ((double)n * W2 - W * W) / (double)(n - 1));
        }
    else
        for (i = 0; i < n; i++)
            out[i].gistar_z = NAN;
    jl_free(z);
    jl_free(lx);
    return JL_OK;
}

/* Local permutations. */
typedef struct lperm {
    const jl_spw *w;
    const double *z;
    double m2, zmax;
    size_t n, R, kmax;
    int mode;
    uint64_t seed;
    /* shared table */
    const uint32_t *tab;    /* R x kmax, values 0..n-2 */
    const double *prefix;   /* kmax x R: prefix[a*R + r] = sum_{b<=a} z[tab[r*kmax+b]] */
    const size_t *inv_off;  /* n: rows and positions where t appears */
    const uint32_t *inv_r;
    const uint8_t *inv_a;
    const uint32_t *inv_a32;
    atomic_size_t next;
    jl_sa_local *out;
    const jl_progress *pr;
    pthread_t main;
} lperm;

#define LCHUNK 256
#define LBLOCK 64

static int equal_weights(const jl_spw *w, size_t i)
{
    size_t e;

    for (e = w->off[i] + 1; e < w->off[i + 1]; e++)
        if (w->w[e] != w->w[w->off[i]])
            return 0;
    return 1;
}

/* Draws k distinct values from 0..m-1 into d (ordered); scratch holds
 * 0..m-1 on entry and on return (partial Fisher-Yates, then undone). */
static void draw_distinct(jl_rng *rng, size_t m, size_t k, uint32_t *d, uint32_t *scratch,
                          uint32_t *swapped)
{
    size_t a;

    if (k <= 16) {
        /* Few draws from many: rejection beats touching memory. Each
         * 64-bit output gives two 32-bit uniforms (Lemire's bounded draw
         * on each half; a rejected half takes a fresh output). */
        uint32_t n32 = (uint32_t)m, thr = (uint32_t)(-n32) % n32;
        uint64_t bits = 0;
        int have = 0;

        for (a = 0; a < k; a++) {
            uint32_t v;
            size_t b;

        again:
            for (;;) {
                uint64_t prod;

                if (!have) {
                    bits = jl_rng_next(rng);
                    have = 2;
                }
                prod = (bits >> 32) * (uint64_t)n32;
                bits <<= 32;
                have--;
                if ((uint32_t)prod >= thr) {
                    v = (uint32_t)(prod >> 32);
                    break;
                }
            }
            for (b = 0; b < a; b++)
                if (d[b] == v)
                    goto again;
            d[a] = v;
        }
        return;
    }
    for (a = 0; a < k; a++) {
        size_t j = a + jl_rng_below32(rng, (uint32_t)(m - a));
        uint32_t t = scratch[a];

        scratch[a] = scratch[j];
        scratch[j] = t;
        d[a] = scratch[a];
        swapped[a] = (uint32_t)j;
    }
    for (a = k; a-- > 0;) {
        uint32_t t = scratch[a];

        scratch[a] = scratch[swapped[a]];
        scratch[swapped[a]] = t;
    }
}

static void *lperm_worker(void *arg)
{
    lperm *L = arg;
    size_t n = L->n, R = L->R, c;
    uint32_t *d = jl_xmalloc(LBLOCK * (L->kmax + 1) * sizeof *d);
    uint32_t *scratch = NULL, *swapped = jl_xmalloc((L->kmax + 1) * sizeof *swapped);

    if (L->mode == JL_PERM_STREAMS && L->kmax > 16) {
        size_t t;

        scratch = jl_xmalloc(n * sizeof *scratch);
        for (t = 0; t < n; t++)
            scratch[t] = (uint32_t)t;
    }
    while ((c = atomic_fetch_add(&L->next, LCHUNK)) < n) {
        size_t i, end = c + LCHUNK < n ? c + LCHUNK : n;

        if (pthread_equal(pthread_self(), L->main))
            jl_progress_report(L->pr, JL_STAGE_PERM_AREAS, c, n);

        for (i = c; i < end; i++) {
            const jl_spw *w = L->w;
            size_t k = w->off[i + 1] - w->off[i], r, e, ge = 0, le = 0;
            const uint32_t *nb = w->nb + w->off[i];
            const double *wt = w->w + w->off[i];
            double zi = L->z[i], sobs = 0, tol, sd = 0, sd2 = 0, scale, wmax = 0;
            jl_sa_local *o = &L->out[i];

            if (!k)
                continue;
            for (e = 0; e < k; e++) {
                sobs += wt[e] * L->z[nb[e]];
                wmax = fmax(wmax, fabs(wt[e]));
            }
            tol = 1e-12 * (double)k * wmax * L->zmax;
            if (L->mode == JL_PERM_SHARED && equal_weights(w, i)) {
                /* One weight for the row: the sum of the drawn values is
                 * a prefix sum of the table row, corrected where the row
                 * drew i itself (index i stands for n-1 for area i, a
                 * bijection onto the others). */
                const double *P = L->prefix + (k - 1) * R;
                double fix = L->z[n - 1] - zi, w0 = wt[0];
                size_t q = i < n - 1 ? L->inv_off[i] : 0, qend = i < n - 1 ? L->inv_off[i + 1] : 0;

                for (r = 0; r < R; r++) {
                    double s = P[r];

                    while (q < qend && L->inv_r[q] < r)
                        q++;
                    for (; q < qend && L->inv_r[q] == r; q++)
                        if ((L->inv_a ? L->inv_a[q] : L->inv_a32[q]) < k)
                            s += fix;
                    s *= w0;
                    {
                        double dd = s - sobs;

                        ge += dd >= -tol;
                        le += dd <= tol;
                        sd += dd;
                        sd2 += dd * dd;
                    }
                }
            } else {
                jl_rng rng;

                if (L->mode == JL_PERM_STREAMS)
                    jl_rng_seed(&rng, mix64(L->seed) ^ mix64(0x51ed27u + i));
                /* A block of replicates is drawn first, then summed: the
                 * sums of different replicates do not wait on each other,
                 * so their scattered loads overlap. The draws come in the
                 * same order either way. */
                for (r = 0; r < R; r += LBLOCK) {
                    size_t nblk = R - r < LBLOCK ? R - r : LBLOCK, b2;

                    if (L->mode == JL_PERM_STREAMS)
                        for (b2 = 0; b2 < nblk; b2++)
                            draw_distinct(&rng, n - 1, k, d + b2 * k, scratch, swapped);
                    for (b2 = 0; b2 < nblk; b2++) {
                        const uint32_t *row = L->mode == JL_PERM_STREAMS
                                                  ? d + b2 * k
                                                  : L->tab + (r + b2) * L->kmax;
                        double s = 0, dd;
                        size_t a;

                        for (a = 0; a < k; a++) {
                            uint32_t t = row[a];

                            s += wt[a] * L->z[t == i ? n - 1 : t];
                        }
                        dd = s - sobs;
                        ge += dd >= -tol;
                        le += dd <= tol;
                        sd += dd;
                        sd2 += dd * dd;
                    }
                }
            }
            /* sim = (z_i / m2) * s: a negative z_i turns the order round;
             * z_i = 0 makes every replicate equal to the observed. */
            scale = zi / L->m2;
            if (zi < 0) {
                size_t t = ge;

                ge = le;
                le = t;
            } else if (zi == 0)
                ge = le = R;
            o->ge = (uint32_t)ge;
            o->le = (uint32_t)le;
            o->p_greater = (double)(ge + 1) / (double)(R + 1);
            o->p_less = (double)(le + 1) / (double)(R + 1);
            o->p_folded = o->p_greater < o->p_less ? o->p_greater : o->p_less;
            {
                double md = sd / (double)R;

                o->E_sim = scale * (sobs + md);
                o->V_sim = R > 1 ? scale * scale * (sd2 - (double)R * md * md) / (double)(R - 1) : (double)NAN;
            }
        }
    }
    jl_free(d);
    jl_free(scratch);
    jl_free(swapped);
    return NULL;
}

int jl_sa_local_perm(const jl_spw *w, const double *x, size_t R, uint64_t seed, int mode,
                     int threads, jl_sa_local *out, const jl_progress *pr, jl_err *err)
{
    lperm L;
    size_t n = w->n, i, kmax = 0;
    double *z, xb;
    acc a2 = 0;
    uint32_t *tab = NULL, *inv_r = NULL, *inv_a32 = NULL;
    uint8_t *inv_a = NULL;
    double *prefix = NULL;
    size_t *inv_off = NULL;

    if (check_x(w, x, err) < 0)
        return err->code;
    if (R < 1 || R > 10000000)
        return jl_err_set(err, JL_EUSAGE, _("expected 1 to 10000000 permutations, found %zu"), R);
    if (n > UINT32_MAX / 2)
        return jl_err_set(err, JL_ELIMIT, _("too many areas: %zu"), n);
    for (i = 0; i < n; i++)
        if (w->off[i + 1] - w->off[i] > kmax)
            kmax = w->off[i + 1] - w->off[i];
    if (kmax > n - 1)
        kmax = n - 1;
    memset(&L, 0, sizeof L);
    xb = mean_of(x, n);
    z = jl_xmalloc(n * sizeof *z);
    for (i = 0; i < n; i++) {
        z[i] = x[i] - xb;
        a2 += (acc)z[i] * z[i];
        L.zmax = fmax(L.zmax, fabs(z[i]));
    }
    L.m2 = (double)(a2 / (acc)n);
    if (!(L.m2 > 0)) {
        jl_free(z);
        return jl_err_set(err, JL_EINPUT, _("expected values that vary, found one value for all"));
    }
    L.w = w;
    L.z = z;
    L.n = n;
    L.R = R;
    L.kmax = kmax;
    L.mode = mode;
    L.seed = seed;
    L.out = out;
    L.pr = pr;
    L.main = pthread_self();
    if (mode == JL_PERM_SHARED && kmax > 0) {
        jl_rng rng;
        uint32_t *scratch = jl_xmalloc(n * sizeof *scratch), *sw = jl_xmalloc(kmax * sizeof *sw);
        size_t r, a, t;

        if ((double)R * (double)kmax > 4e8) {
            jl_free(scratch);
            jl_free(sw);
            jl_free(z);
            return jl_err_set(err, JL_ELIMIT,
                              _("a shared table of %zu permutations for %zu neighbours is too "
                                "large; use --streams"),
                              R, kmax);
        }
        for (t = 0; t < n; t++)
            scratch[t] = (uint32_t)t;
        tab = jl_xmalloc(R * kmax * sizeof *tab);
        jl_rng_seed(&rng, mix64(seed));
        for (r = 0; r < R; r++)
            draw_distinct(&rng, n - 1, kmax, tab + r * kmax, scratch, sw);
        jl_free(scratch);
        jl_free(sw);
        /* prefix sums, one column per neighbour count */
        prefix = jl_xmalloc(kmax * R * sizeof *prefix);
        for (r = 0; r < R; r++) {
            double s = 0;

            for (a = 0; a < kmax; a++) {
                s += z[tab[r * kmax + a]];
                prefix[a * R + r] = s;
            }
        }
        /* where each index appears, row by row */
        inv_off = jl_xcalloc(n + 1, sizeof *inv_off);
        for (r = 0; r < R * kmax; r++)
            inv_off[tab[r] + 1]++;
        for (t = 0; t < n; t++)
            inv_off[t + 1] += inv_off[t];
        inv_r = jl_xmalloc((R && kmax ? R * kmax : 1) * sizeof *inv_r);
        if (kmax < 256)
            inv_a = jl_xmalloc((R && kmax ? R * kmax : 1) * sizeof *inv_a);
        else
            inv_a32 = jl_xmalloc((R && kmax ? R * kmax : 1) * sizeof *inv_a32);
        {
            size_t *fill = jl_xmalloc(n * sizeof *fill);

            memcpy(fill, inv_off, n * sizeof *fill);
            for (r = 0; r < R; r++)
                for (a = 0; a < kmax; a++) {
                    uint32_t t2 = tab[r * kmax + a];

                    inv_r[fill[t2]] = (uint32_t)r;
                    if (inv_a)
                        inv_a[fill[t2]] = (uint8_t)a;
                    else
                        inv_a32[fill[t2]] = (uint32_t)a;
                    fill[t2]++;
                }
            jl_free(fill);
        }
        L.tab = tab;
        L.prefix = prefix;
        L.inv_off = inv_off;
        L.inv_r = inv_r;
        L.inv_a = inv_a;
        L.inv_a32 = inv_a32;
    }
    atomic_init(&L.next, 0);
    run_threads(threads, lperm_worker, &L);
    jl_progress_end(pr, JL_STAGE_PERM_AREAS, n);
    jl_free(tab);
    jl_free(prefix);
    jl_free(inv_off);
    jl_free(inv_r);
    jl_free(inv_a);
    jl_free(inv_a32);
    jl_free(z);
    return JL_OK;
}

/* ---- adjustments ---- */

static int cmp_pidx(const void *a, const void *b, void *ctx)
{
    const double *p = ctx;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;

    if (p[i] != p[j])
        return p[i] < p[j] ? -1 : 1;
    return (i > j) - (i < j);
}

void jl_p_adjust_bh(const double *p, size_t n, double *out)
{
    size_t *o = jl_xmalloc((n ? n : 1) * sizeof *o), m = 0, r;
    double cm = 1;

    for (r = 0; r < n; r++) {
        out[r] = NAN;
        if (!isnan(p[r]))
            o[m++] = r;
    }
    qsort_r(o, m, sizeof *o, cmp_pidx, (void *)p);
    /* R: cummin(n / i * p[o]) from the largest p down, capped at 1 */
    for (r = m; r-- > 0;) {
        double v = (double)m / (double)(r + 1) * p[o[r]];

        if (v < cm)
            cm = v;
        out[o[r]] = cm;
    }
    jl_free(o);
}

void jl_p_adjust_bonferroni(const double *p, size_t n, double *out)
{
    size_t i, m = 0;

    for (i = 0; i < n; i++)
        m += !isnan(p[i]);
    for (i = 0; i < n; i++)
        out[i] = isnan(p[i]) ? (double)NAN : fmin(1, (double)m * p[i]);
}
