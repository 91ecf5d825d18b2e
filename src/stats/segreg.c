#include "stats/segreg.h"
#include "core/alloc.h"
#include "core/i18n.h"

#include <math.h>
#include <string.h>

typedef long double acc;

/* Sorts idx by key (finite doubles >= 0, whose bit patterns order like
 * the values): LSD radix, 16 bits a pass. */
static void sort_by_key(const double *key, uint32_t *idx, size_t n)
{
    uint64_t *k = jl_xmalloc((n ? n : 1) * sizeof *k), *k2 = jl_xmalloc((n ? n : 1) * sizeof *k2);
    uint32_t *i2 = jl_xmalloc((n ? n : 1) * sizeof *i2);
    size_t *count = jl_xmalloc(65536 * sizeof *count), i;
    int shift;

    for (i = 0; i < n; i++) {
        double v = key[idx[i]] + 0.0; /* -0.0 becomes 0.0 */

        memcpy(&k[i], &v, sizeof v);
    }
    for (shift = 0; shift < 64; shift += 16) {
        size_t sum = 0;

        memset(count, 0, 65536 * sizeof *count);
        for (i = 0; i < n; i++)
            count[(k[i] >> shift) & 0xffff]++;
        if (n && count[(k[0] >> shift) & 0xffff] == n)
            continue;
        for (i = 0; i < 65536; i++) {
            size_t c = count[i];

            count[i] = sum;
            sum += c;
        }
        for (i = 0; i < n; i++) {
            size_t at = count[(k[i] >> shift) & 0xffff]++;

            k2[at] = k[i];
            i2[at] = idx[i];
        }
        memcpy(k, k2, n * sizeof *k);
        memcpy(idx, i2, n * sizeof *idx);
    }
    jl_free(k);
    jl_free(k2);
    jl_free(i2);
    jl_free(count);
}

/* sum_ij t_i t_j |a_i - a_j| over the units in idx (sorted here). */
static double pair_gap_sum(const double *a, const double *t, uint32_t *idx, size_t n)
{
    acc W = 0, S = 0, out = 0;
    size_t r;

    sort_by_key(a, idx, n);
    for (r = 0; r < n; r++) {
        uint32_t i = idx[r];

        out += (acc)t[i] * ((acc)a[i] * W - S);
        W += t[i];
        S += (acc)t[i] * a[i];
    }
    return (double)(2 * out);
}

static double xlogx_ratio(double p, double q)
{
    return p > 0 ? p * log(p / q) : 0;
}

int jl_seg_two_compute(const double *x, const double *t, size_t n, const jl_spw *w,
                       jl_seg_two *o, jl_err *err)
{
    size_t i, m = 0;
    acc X = 0, T = 0, xpx = 0, xpy = 0, d = 0, h = 0, a[3] = {0, 0, 0};
    double P, E, *p;
    uint32_t *idx;
    static const double B[3] = {0.1, 0.5, 0.9};
    int k;

    memset(o, 0, sizeof *o);
    for (i = 0; i < n; i++) {
        if (!(x[i] >= 0) || !(t[i] >= x[i]) || !isfinite(t[i]))
            return jl_err_set(err, JL_EINPUT,
                              _("unit %zu: expected 0 <= group <= total, found %g of %g"), i + 1,
                              x[i], t[i]);
        X += x[i];
        T += t[i];
    }
    if (!(X > 0) || !(X < T))
        return jl_err_set(err, JL_EINPUT,
                          _("expected the group to be some but not all of the people, found %g "
                            "of %g"),
                          (double)X, (double)T);
    P = (double)(X / T);
    E = P * log(1 / P) + (1 - P) * log(1 / (1 - P));
    p = jl_xmalloc((n ? n : 1) * sizeof *p);
    idx = jl_xmalloc((n ? n : 1) * sizeof *idx);
    for (i = 0; i < n; i++) {
        double pi, Ei;

        if (!(t[i] > 0)) {
            p[i] = NAN;
            continue;
        }
        idx[m++] = (uint32_t)i;
        pi = p[i] = x[i] / t[i];
        d += fabsl((acc)x[i] / X - (acc)(t[i] - x[i]) / (T - X));
        xpx += ((acc)x[i] / X) * pi;
        xpy += ((acc)x[i] / X) * (1 - pi);
        /* two logarithms a unit serve the entropy and the three Atkinsons */
        {
            double lp = pi > 0 ? log(pi) : 0, l1p = pi < 1 ? log1p(-pi) : 0;

            Ei = -(pi > 0 ? pi * lp : 0) - (pi < 1 ? (1 - pi) * l1p : 0);
            h += (acc)t[i] * (E - Ei);
            if (pi > 0 && pi < 1)
                for (k = 0; k < 3; k++)
                    a[k] += (acc)exp((1 - B[k]) * l1p + B[k] * lp) * t[i];
        }
    }
    o->units = m;
    o->P = P;
    o->D = (double)(d / 2);
    o->xPx = (double)xpx;
    o->xPy = (double)xpy;
    o->H = (double)(h / ((acc)E * T));
    for (k = 0; k < 3; k++)
        o->atkinson[k] =
            1 - (P / (1 - P)) * pow(fabs((double)(a[k] / ((acc)P * T))), 1 / (1 - B[k]));
    o->gini = pair_gap_sum(p, t, idx, m) / (2 * (double)T * (double)T * P * (1 - P));
    o->morrill = NAN;
    if (w) {
        acc num = 0, den = 0;
        size_t e;

        for (i = 0; i < w->n && i < n; i++) {
            if (isnan(p[i]))
                continue;
            for (e = w->off[i]; e < w->off[i + 1]; e++) {
                uint32_t j = w->nb[e];

                if (j >= n || isnan(p[j]) || w->w[e] == 0)
                    continue;
                num += fabs(p[i] - p[j]);
                den += 1;
            }
        }
        o->morrill = den > 0 ? o->D - (double)(num / den) : (double)NAN;
    }
    jl_free(p);
    jl_free(idx);
    return JL_OK;
}

/* M of a units x groups table (rows with no people skipped). */
static double mutual_info(const double *c, size_t n, size_t m, const double *colsum, double T)
{
    acc M = 0;
    size_t i, g;

    for (i = 0; i < n; i++) {
        acc ti = 0;

        for (g = 0; g < m; g++)
            ti += c[i * m + g];
        if (!(ti > 0))
            continue;
        for (g = 0; g < m; g++) {
            double v = c[i * m + g];

            if (v > 0)
                M += ((acc)v / T) * log((v / (double)ti) / (colsum[g] / T));
        }
    }
    return (double)M;
}

/* The margins of a units x groups table of counts: the groups' sums col,
 * the units' totals t, the people in all (*T) and the units with any
 * (*used). A count that is negative or not finite is refused. */
static int multi_margins(double *col, double *t, double *T, size_t *used, const double *c,
                         size_t n, size_t m, jl_err *err)
{
    acc accT = 0;
    size_t i, g;

    for (i = 0; i < n; i++) {
        acc ti = 0;

        for (g = 0; g < m; g++) {
            double v = c[i * m + g];

            if (!(v >= 0) || !isfinite(v))
                return jl_err_set(err, JL_EINPUT,
                                  _("unit %zu: expected counts of 0 or more, found %g"), i + 1, v);
            col[g] += v;
            ti += v;
        }
        t[i] = (double)ti;
        accT += ti;
        *used += ti > 0;
    }
    *T = (double)accT;
    return JL_OK;
}

/* Per unit: the local score (lsum, and ls if asked) and the location
 * quotients lq (if asked), NaN for a unit without people; over all
 * units, M, D, exposure and diversity into o. I is the interaction of
 * the whole (sum of pm (1 - pm)). */
static void multi_units(jl_seg_multi *o, double *lsum, double *ls, double *lq, const double *c,
                        size_t n, size_t m, const double *col, const double *t, double T,
                        double I)
{
    acc D = 0, Pst = 0, R = 0, Ms = 0;
    size_t i, g;

    for (i = 0; i < n; i++) {
        double l = 0;

        if (!(t[i] > 0)) {
            if (ls)
                ls[i] = NAN;
            for (g = 0; lq && g < m; g++)
                lq[i * m + g] = NAN;
            continue;
        }
        for (g = 0; g < m; g++) {
            double p = c[i * m + g] / t[i], pm = col[g] / T, dlt = p - pm;

            D += (acc)t[i] * fabs(dlt);
            if (pm < 1)
                Pst += ((acc)t[i] / T) * dlt * dlt / (1 - pm);
            R += (acc)t[i] * dlt * dlt;
            l += xlogx_ratio(p, pm);
            if (lq)
                lq[i * m + g] = pm > 0 ? p / pm : (double)NAN;
        }
        lsum[i] = l;
        if (ls)
            ls[i] = l;
    }
    /* M = sum_i p_i ls_i: the local scores already hold every logarithm */
    for (i = 0; i < n; i++)
        if (t[i] > 0)
            Ms += ((acc)t[i] / T) * lsum[i];
    o->M = (double)Ms;
    o->D = (double)(D / (2 * (acc)T * I));
    o->exposure = (double)Pst;
    o->diversity = (double)(R / ((acc)T * I));
}

/* Multigroup Gini: per group, the units' shares sorted. */
static double multi_gini(const double *c, size_t n, size_t m, const double *t, double T, double I)
{
    uint32_t *idx = jl_xmalloc((n ? n : 1) * sizeof *idx);
    double *pi = jl_xmalloc((n ? n : 1) * sizeof *pi);
    acc gini = 0;
    size_t i, g;

    for (g = 0; g < m; g++) {
        size_t k = 0;

        for (i = 0; i < n; i++)
            if (t[i] > 0) {
                pi[i] = c[i * m + g] / t[i];
                idx[k++] = (uint32_t)i;
            }
        gini += pair_gap_sum(pi, t, idx, k);
    }
    jl_free(idx);
    jl_free(pi);
    return (double)(gini / (2 * (acc)T * T * I));
}

/* M inside each part, with the part's own group shares (pc: the parts x
 * groups table), and each part's share of the people. */
static void multi_within(double *part_M, double *part_p, const double *c, size_t n, size_t m,
                         const uint32_t *part, size_t nparts, const double *pc, double T)
{
    double *sub = jl_xmalloc((n && m ? n * m : 1) * sizeof *sub),
           *scol = jl_xmalloc(m * sizeof *scol);
    size_t i, g, s;

    for (s = 0; s < nparts; s++) {
        size_t k = 0;
        double Ts = 0;

        for (g = 0; g < m; g++)
            scol[g] = pc[s * m + g], Ts += scol[g];
        for (i = 0; i < n; i++)
            if (part[i] == s) {
                memcpy(sub + k * m, c + i * m, m * sizeof *sub);
                k++;
            }
        if (part_p)
            part_p[s] = Ts / T;
        if (part_M)
            part_M[s] = Ts > 0 ? mutual_info(sub, k, m, scol, Ts) : (double)NAN;
    }
    jl_free(sub);
    jl_free(scol);
}

/* M and H split between the parts and within them (o->M and E already
 * known), and per part if asked. */
static int multi_parts(jl_seg_multi *o, double *part_M, double *part_p, const double *c, size_t n,
                       size_t m, const uint32_t *part, size_t nparts, const double *col,
                       double T, double E, jl_err *err)
{
    double *pc = jl_xcalloc(nparts && m ? nparts * m : 1, sizeof *pc);
    size_t i, g;

    for (i = 0; i < n; i++) {
        if (part[i] >= nparts) {
            jl_free(pc);
            return jl_err_set(err, JL_ERR, "unit %zu: part out of range", i + 1);
        }
        for (g = 0; g < m; g++)
            pc[part[i] * m + g] += c[i * m + g];
    }
    o->M_between = mutual_info(pc, nparts, m, col, T);
    o->M_within = o->M - o->M_between;
    o->H_between = o->M_between / E;
    o->H_within = o->M_within / E;
    if (part_M || part_p)
        multi_within(part_M, part_p, c, n, m, part, nparts, pc, T);
    jl_free(pc);
    return JL_OK;
}

int jl_seg_multi_compute(const double *c, size_t n, size_t m, const uint32_t *part,
                         size_t nparts, jl_seg_multi *o, double *ls, double *lq, double *part_M,
                         double *part_p, jl_err *err)
{
    double *col = jl_xcalloc(m ? m : 1, sizeof *col), *t = jl_xcalloc(n ? n : 1, sizeof *t),
           *lsum = jl_xcalloc(n ? n : 1, sizeof *lsum), T = 0, I = 0, E = 0;
    size_t g, used = 0;
    int rc = JL_OK;

    memset(o, 0, sizeof *o);
    if (m < 2) {
        rc = jl_err_set(err, JL_EUSAGE, _("expected at least two groups, found %zu"), m);
        goto done;
    }
    rc = multi_margins(col, t, &T, &used, c, n, m, err);
    if (rc < 0)
        goto done;
    if (!(T > 0)) {
        rc = jl_err_set(err, JL_EINPUT, _("expected people in the units, found none"));
        goto done;
    }
    for (g = 0; g < m; g++) {
        double pm = col[g] / T;

        I += pm * (1 - pm);
        if (pm > 0)
            E += pm * log(1 / pm);
    }
    if (!(I > 0)) {
        rc = jl_err_set(err, JL_EINPUT, _("expected people in more than one group, found one"));
        goto done;
    }
    o->units = used;
    o->groups = m;
    o->E = E;
    multi_units(o, lsum, ls, lq, c, n, m, col, t, T, I);
    o->H = o->M / E;
    o->gini = multi_gini(c, n, m, t, T, I);
    o->M_between = o->M_within = o->H_between = o->H_within = NAN;
    if (part)
        rc = multi_parts(o, part_M, part_p, c, n, m, part, nparts, col, T, E, err);
done:
    jl_free(col);
    jl_free(t);
    jl_free(lsum);
    return rc;
}
