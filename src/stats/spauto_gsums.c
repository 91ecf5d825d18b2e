/*
 * The fast sums of the global permutations (spauto_gperm.c) over the
 * links, for four replicates side by side: Moran's cross sum, Geary's sum
 * and G. Built twice: with the baseline's two-lane vectors, and with AVX2
 * (four lanes in one register) where the processor has it. Each lane's
 * operations are the same, in the same order, in both, so they give the
 * same bits; the e2e test 152 holds them to the same output.
 */
#include "stats/spauto_int.h"

#include <string.h>

#define LANES JL_SA_LANES
typedef jl_sa_v2 v2;

static v2 v2_at(const double *a)
{
    v2 v;

    memcpy(&v, a, sizeof v);
    return v;
}

/* sum_i sum_j w_ij a_i a_j for every lane, in double. */
static void cross_lanes(jl_sa_lanes *out, const jl_sa_gside *s, const double *A)
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
static inline __attribute__((always_inline)) void
fused_body(jl_sa_lanes *mo, jl_sa_lanes *gc, jl_sa_lanes *ge, const jl_sa_gperm *g,
           const double *A, const uint32_t *nb, size_t step)
{
    const jl_spw *w = g->m.w;
    const double *rm = g->m.rowc, *rg = g->g.rowc, *q = g->gq;
    v2 m0 = {0, 0}, m1 = {0, 0}, g0 = {0, 0}, g1 = {0, 0}, q0 = {0, 0}, q1 = {0, 0};
    v2 c0 = {0, 0}, c1 = {0, 0};
    size_t i, e;

    for (i = 0; i < w->n; i++) {
        v2 r0 = {0, 0}, r1 = r0, t0 = r0, t1 = r0;
        v2 a0 = v2_at(A + LANES * i), a1 = v2_at(A + LANES * i + 2);
        size_t end = w->off[i + 1];

        /* two running sums, the neighbours taken in turn, so that an
         * addition need not wait for the one before */
        for (e = w->off[i]; e + 2 <= end; e += 2) {
            const double *b = A + step * nb[e], *b1 = A + step * nb[e + 1];

            r0 += v2_at(b);
            r1 += v2_at(b + 2);
            t0 += v2_at(b1);
            t1 += v2_at(b1 + 2);
        }
        if (e < end) {
            const double *b = A + step * nb[e];

            r0 += v2_at(b);
            r1 += v2_at(b + 2);
        }
        r0 += t0;
        r1 += t1;
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

/* The neighbours' rows through g->nbo where there are (no shift a link),
 * else through the links. */
static void fused_lanes(jl_sa_lanes *mo, jl_sa_lanes *gc, jl_sa_lanes *ge, const jl_sa_gperm *g,
                        const double *A)
{
    if (g->nbo)
        fused_body(mo, gc, ge, g, A, g->nbo, 1);
    else
        fused_body(mo, gc, ge, g, A, g->m.w->nb, LANES);
}

/* sum_i rc_i a_i^2 - 2 c for every lane */
static void geary_lanes(jl_sa_lanes *out, const double *rc, const double *A, size_t n, const jl_sa_lanes *c)
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
static void g_den_lanes(jl_sa_lanes *den, jl_sa_lanes *kappa, const jl_spw *w, const double *X)
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

void jl_sa__interleave(const jl_sa_gperm *g, jl_sa_gwork *k, size_t nl)
{
    size_t i, l, n = g->n;
    double xb = g->xb;

    for (l = 0; l < nl; l++)
        for (i = 0; i < n; i++) {
            k->Z[LANES * i + l] = k->P[l][i] - xb;
            if (k->X)
                k->X[LANES * i + l] = k->P[l][i];
        }
}

/* The fast sums of the lanes side by side. */
static void sums_base(jl_sa_gsums *o, const jl_sa_gperm *g, jl_sa_gwork *k)
{
    jl_sa_lanes den;
    size_t l;

    memset(o, 0, sizeof *o);
    if (g->gq)
        fused_lanes(&o->s[0], &o->s[2], &o->s[1], g, k->Z);
    else if (g->what & (JL_SA_MORAN | JL_SA_GEARY))
        cross_lanes(&o->s[0], &g->m, k->Z);
    if (g->what & JL_SA_GEARY && !g->gq)
        geary_lanes(&o->s[1], g->rc, k->Z, g->n, &o->s[0]);
    if (g->gq) {
        for (l = 0; l < LANES / 2; l++)
            o->s[2].h[l] /= g->g_den;
    } else if (g->what & JL_SA_G) {
        cross_lanes(&o->s[2], &g->g, k->X);
        if (g->g_islands) {
            g_den_lanes(&den, &o->kappa, g->g.w, k->X);
            for (l = 0; l < LANES / 2; l++)
                o->s[2].h[l] /= den.h[l];
        } else {
            for (l = 0; l < LANES / 2; l++)
                o->s[2].h[l] /= g->g_den;
        }
    }
}

#ifdef JL_SA_X86

/* The same sums with AVX2, the four lanes in one register. */
typedef double v4 __attribute__((vector_size(LANES * sizeof(double))));
#define V4_AT(v, a) memcpy(&(v), (a), sizeof(v))

/* as cross_lanes */
JL_SA_AVX2 static void cross4(jl_sa_lanes *out, const jl_sa_gside *s, const double *A)
{
    const jl_spw *w = s->w;
    v4 s0 = {0, 0, 0, 0};
    size_t i, e;

    for (i = 0; i < w->n; i++) {
        v4 r = {0, 0, 0, 0}, a, b;

        if (s->rowc) {
            for (e = w->off[i]; e < w->off[i + 1]; e++) {
                V4_AT(b, A + LANES * (size_t)w->nb[e]);
                r += b;
            }
            r *= s->rowc[i];
        } else {
            for (e = w->off[i]; e < w->off[i + 1]; e++) {
                V4_AT(b, A + LANES * (size_t)w->nb[e]);
                r += w->w[e] * b;
            }
        }
        V4_AT(a, A + LANES * i);
        s0 += a * r;
    }
    memcpy(out, &s0, sizeof s0);
}

/* as fused_body */
JL_SA_AVX2 static inline __attribute__((always_inline)) void
fused4_body(jl_sa_gsums *o, const jl_sa_gperm *g, const double *A, const uint32_t *nb, size_t step)
{
    const jl_spw *w = g->m.w;
    const double *rm = g->m.rowc, *rg = g->g.rowc, *q = g->gq;
    v4 m = {0, 0, 0, 0}, gs = m, qs = m, c = m, t;
    size_t i, e;

    for (i = 0; i < w->n; i++) {
        v4 r = {0, 0, 0, 0}, r1 = r, a, b;
        size_t end = w->off[i + 1];

        for (e = w->off[i]; e + 2 <= end; e += 2) {
            V4_AT(b, A + step * nb[e]);
            r += b;
            V4_AT(b, A + step * nb[e + 1]);
            r1 += b;
        }
        if (e < end) {
            V4_AT(b, A + step * nb[e]);
            r += b;
        }
        r += r1;
        V4_AT(a, A + LANES * i);
        m += a * (r * rm[i]);
        gs += (a * r) * rg[i];
        qs += q[i] * a;
        c += g->rc[i] * a * a;
    }
    memcpy(&o->s[0], &m, sizeof m);
    t = c - 2 * m;
    memcpy(&o->s[1], &t, sizeof t);
    t = gs + g->xb * qs + g->xb * g->xb * g->g_s0;
    memcpy(&o->s[2], &t, sizeof t);
}

/* as fused_lanes */
JL_SA_AVX2 static void fused4(jl_sa_gsums *o, const jl_sa_gperm *g, const double *A)
{
    if (g->nbo)
        fused4_body(o, g, A, g->nbo, 1);
    else
        fused4_body(o, g, A, g->m.w->nb, LANES);
}

/* as geary_lanes */
JL_SA_AVX2 static void geary4(jl_sa_lanes *out, const double *rc, const double *A, size_t n,
                              const jl_sa_lanes *c)
{
    v4 s = {0, 0, 0, 0}, a, cc;
    size_t i;

    for (i = 0; i < n; i++) {
        V4_AT(a, A + LANES * i);
        s += rc[i] * a * a;
    }
    memcpy(&cc, c, sizeof cc);
    s -= 2 * cc;
    memcpy(out, &s, sizeof s);
}

/* as g_den_lanes */
JL_SA_AVX2 static void g_den4(jl_sa_lanes *den, jl_sa_lanes *kappa, const jl_spw *w, const double *X)
{
    v4 a = {0, 0, 0, 0}, q = a, x, d;
    size_t i;

    for (i = 0; i < w->n; i++)
        if (w->off[i + 1] > w->off[i]) {
            V4_AT(x, X + LANES * i);
            a += x;
            q += x * x;
        }
    d = a * a - q;
    memcpy(den, &d, sizeof d);
    d = (a * a + q) / d;
    memcpy(kappa, &d, sizeof d);
}

/* as sums_base */
JL_SA_AVX2 static void sums_avx2(jl_sa_gsums *o, const jl_sa_gperm *g, jl_sa_gwork *k)
{
    jl_sa_lanes den;
    v4 s, d;

    memset(o, 0, sizeof *o);
    if (g->gq)
        fused4(o, g, k->Z);
    else if (g->what & (JL_SA_MORAN | JL_SA_GEARY))
        cross4(&o->s[0], &g->m, k->Z);
    if (g->what & JL_SA_GEARY && !g->gq)
        geary4(&o->s[1], g->rc, k->Z, g->n, &o->s[0]);
    if (!(g->what & JL_SA_G))
        return;
    if (!g->gq)
        cross4(&o->s[2], &g->g, k->X);
    memcpy(&s, &o->s[2], sizeof s);
    if (!g->gq && g->g_islands) {
        g_den4(&den, &o->kappa, g->g.w, k->X);
        memcpy(&d, &den, sizeof d);
        s /= d;
    } else {
        s /= g->g_den;
    }
    memcpy(&o->s[2], &s, sizeof s);
}
#endif

void jl_sa__gsums(jl_sa_gsums *o, const jl_sa_gperm *g, jl_sa_gwork *k)
{
#ifdef JL_SA_X86
    if (g->simd) {
        sums_avx2(o, g, k);
        return;
    }
#endif
    sums_base(o, g, k);
}

