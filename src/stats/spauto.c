#include "stats/spauto.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/rng.h"
#include "stats/spauto_int.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

double jl_pnorm_upper(double z)
{
    return 0.5 * erfc(z / M_SQRT2);
}

int jl_sa__check_x(const jl_spw *w, const double *x, jl_err *err)
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

double jl_sa__mean_of(const double *x, size_t n)
{
    jl_sa_acc s = 0;
    size_t i;

    for (i = 0; i < n; i++)
        s += x[i];
    return (double)(s / (jl_sa_acc)n);
}

/* sum_i sum_j w_ij a_i b_j */
double jl_sa__cross(const jl_spw *w, const double *a, const double *b)
{
    jl_sa_acc s = 0;
    size_t i, e;

    for (i = 0; i < w->n; i++) {
        jl_sa_acc r = 0;

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
    jl_sa_acc a2 = 0, a4 = 0;

    *z = NULL;
    if (jl_sa__check_x(w, x, err) < 0)
        return err->code;
    jl_spw_constants(w, c);
    if (!(c->S0 > 0))
        return jl_err_set(err, JL_EINPUT, _("expected areas with neighbours, found none"));
    xb = jl_sa__mean_of(x, w->n);
    *z = jl_xmalloc(w->n * sizeof **z);
    for (i = 0; i < w->n; i++) {
        double d = x[i] - xb;

        (*z)[i] = d;
        a2 += (jl_sa_acc)d * d;
        a4 += (jl_sa_acc)d * d * d * d;
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
    t->stat = (n / c.S0) * (jl_sa__cross(w, z, z) / zz);
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
    jl_sa_acc s = 0;
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
    jl_sa_acc a1 = 0, a2 = 0, a3 = 0, a4 = 0;

    memset(t, 0, sizeof *t);
    if (jl_sa__check_x(w, x, err) < 0)
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
        jl_sa_acc v = x[i];

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
    t->stat = jl_sa__cross(w, x, x) / (sx * sx - sx2);
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

/* ---- local ---- */

/* Row i of w: the weighted sum of v over the neighbours, the sum of the
 * weights and of their squares. */
static void row_sums(const jl_spw *w, size_t i, const double *v, double *lag, double *W,
                     double *W2)
{
    jl_sa_acc l = 0, wi = 0, wi2 = 0;
    size_t e;

    for (e = w->off[i]; e < w->off[i + 1]; e++) {
        l += w->w[e] * v[w->nb[e]];
        wi += w->w[e];
        wi2 += (jl_sa_acc)w->w[e] * w->w[e];
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
    jl_sa_acc a2 = 0, al = 0, ax = 0, ax2 = 0, ac = 0;

    if (jl_sa__check_x(w, x, err) < 0)
        return err->code;
    xb = jl_sa__mean_of(x, n);
    z = jl_xmalloc(n * sizeof *z);
    lx = jl_xmalloc(n * sizeof *lx);
    for (i = 0; i < n; i++) {
        z[i] = x[i] - xb;
        a2 += (jl_sa_acc)z[i] * z[i];
        ax += x[i];
        ax2 += (jl_sa_acc)x[i] * x[i];
    }
    m2 = (double)(a2 / (jl_sa_acc)n);
    if (!(m2 > 0)) {
        jl_free(z);
        jl_free(lx);
        return jl_err_set(err, JL_EINPUT, _("expected values that vary, found one value for all"));
    }
    sx = (double)ax;
    sx2 = (double)ax2;
    for (i = 0; i < n; i++) {
        jl_sa_acc l = 0;

        for (e = w->off[i]; e < w->off[i + 1]; e++)
            l += w->w[e] * x[w->nb[e]];
        lx[i] = (double)l;
        al += l;
    }
    lxb = (double)(al / (jl_sa_acc)n);
    /* Gi*: mean and variance over all n (spdep: sum(scale(x, scale=FALSE)^2)/n) */
    for (i = 0; i < n; i++)
        ac += ((jl_sa_acc)x[i] - xb) * ((jl_sa_acc)x[i] - xb);
    s2star = (double)(ac / (jl_sa_acc)n);
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

void jl_sa__run_threads(int threads, void *(*fn)(void *), void *arg)
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
