#include "stats/interval.h"
#include "core/i18n.h"

#include <math.h>

double jl_stats_qnorm(double p)
{
    /* Coefficients: P. J. Acklam, "An algorithm for computing the inverse
     * normal cumulative distribution function" (2003). */
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                               -2.759285104469687e+02, 1.383577518672690e+02,
                               -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                               -1.556989798598866e+02, 6.680131188771972e+01,
                               -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                               -2.400758277161838e+00, -2.549732539343734e+00,
                               4.374664141464968e+00,  2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                               2.445134137142996e+00, 3.754408661907416e+00};
    double q, r, x, e, u;

    if (p <= 0)
        return -INFINITY;
    if (p >= 1)
        return INFINITY;
    if (p < 0.02425) {
        q = sqrt(-2 * log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p > 1 - 0.02425) {
        q = sqrt(-2 * log(1 - p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else {
        q = p - 0.5;
        r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
    /* One Halley step against erfc brings it to full double precision. */
    e = 0.5 * erfc(-x / sqrt(2)) - p;
    u = e * sqrt(2 * M_PI) * exp(x * x / 2);
    x = x - u / (1 + x * u / 2);
    return x;
}

int jl_stats_wilson(jl_interval *out, unsigned long k, unsigned long n, double level, jl_err *err)
{
    double z, z2, p, nn, denom, centre, half;

    if (n == 0)
        return jl_err_set(err, JL_EINPUT, _("a share needs at least one respondent, found 0"));
    if (k > n)
        return jl_err_set(err, JL_EINPUT, _("expected at most %lu reaching the cut-off, found %lu"),
                          n, k);
    if (!(level > 0 && level < 1))
        return jl_err_set(err, JL_EINPUT, _("expected a level between 0 and 1, found %g"), level);
    z = level == 0.95 ? JL_Z95 : jl_stats_qnorm(1 - (1 - level) / 2);
    z2 = z * z;
    nn = (double)n;
    p = (double)k / nn;
    denom = 1 + z2 / nn;
    centre = (p + z2 / (2 * nn)) / denom;
    half = z / denom * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
    out->lo = k == 0 ? 0.0 : fmax(0.0, centre - half);
    out->hi = k == n ? 1.0 : fmin(1.0, centre + half);
    return JL_OK;
}

int jl_stats_newcombe(jl_interval *out, double *diff, unsigned long k1, unsigned long n1,
                      unsigned long k2, unsigned long n2, double level, jl_err *err)
{
    jl_interval a, b;
    double p1, p2, d;
    int rc;

    rc = jl_stats_wilson(&a, k1, n1, level, err);
    if (rc == JL_OK)
        rc = jl_stats_wilson(&b, k2, n2, level, err);
    if (rc < 0)
        return rc;
    p1 = (double)k1 / (double)n1;
    p2 = (double)k2 / (double)n2;
    d = p1 - p2;
    *diff = d;
    out->lo = d - sqrt((p1 - a.lo) * (p1 - a.lo) + (b.hi - p2) * (b.hi - p2));
    out->hi = d + sqrt((a.hi - p1) * (a.hi - p1) + (p2 - b.lo) * (p2 - b.lo));
    return JL_OK;
}

double jl_stats_score_p(unsigned long k, unsigned long n, double p0)
{
    double p, z;

    if (n == 0 || k > n || !(p0 >= 0 && p0 <= 1))
        return NAN;
    p = (double)k / (double)n;
    if (p0 == 0 || p0 == 1)
        return p == p0 ? 1.0 : 0.0;
    z = (p - p0) / sqrt(p0 * (1 - p0) / (double)n);
    /* pchisq(z^2, 1, lower = FALSE) = 2 (1 - pnorm(|z|)) = erfc(|z| / sqrt 2) */
    return erfc(fabs(z) / M_SQRT2);
}
