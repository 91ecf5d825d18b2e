#include "stats/quantile.h"

#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>

double jl_stats_quantile7(const double *sorted, size_t n, double p)
{
    /* R's own arithmetic (stats:::quantile.default, R 4.2): the 1-based
     * index 1 + (n-1)p, h = index - floor(index), (1 - h) x_lo + h x_hi.
     * Computing h from (n-1)p directly differs in the last bit for some p,
     * and cut-offs must be R's to the bit. */
    double index = 1 + (double)(n - 1) * p, lo = floor(index), h;
    size_t j = (size_t)lo - 1;

    if (j + 1 >= n)
        return sorted[n - 1];
    h = index - lo;
    if (!(index > lo) || sorted[j + 1] == sorted[j])
        return sorted[j];
    return (1 - h) * sorted[j] + h * sorted[j + 1];
}

/* P(B = k) for B ~ Binomial(n, p), k = 0..n, into w. From the mode
 * outwards by the ratio of neighbouring terms, then divided by their sum:
 * lgamma for each term loses ~1e-11 at n = 100,000 (its value is large),
 * the ratios lose a few ulps each, and the sum absorbs the common factor. */
static void binom_pmf(double *w, size_t n, double p)
{
    size_t m = (size_t)floor((double)(n + 1) * p), k;
    double odds = p / (1 - p), sum = 1;

    if (m > n)
        m = n;
    w[m] = 1;
    for (k = m; k > 0; k--) {
        w[k - 1] = w[k] * (double)k / ((double)(n - k + 1) * odds);
        sum += w[k - 1];
    }
    for (k = m; k < n; k++) {
        w[k + 1] = w[k] * (double)(n - k) / (double)(k + 1) * odds;
        sum += w[k + 1];
    }
    for (k = 0; k <= n; k++)
        w[k] /= sum;
}

void jl_stats_quantile_ci(size_t n, double p, double level, size_t *lo, size_t *hi,
                          double *coverage)
{
    /* R's qbinom searches with a relative fuzz of 64 DBL_EPSILON so that
     * a cumulative probability that equals the target in exact arithmetic
     * but falls a rounding error short still counts as reaching it. */
    const double fuzz = 1 - 64 * 2.220446049250313e-16;
    double a = (1 - level) / 2, b = (1 + level) / 2, cdf = 0, at_lo = 0, at_hi = 1;
    double *w = jl_xmalloc((n + 1) * sizeof *w);
    size_t k;
    int have_lo = 0, have_hi = 0;

    binom_pmf(w, n, p);
    *lo = 0;
    *hi = n + 1;
    for (k = 0; k <= n && !have_hi; k++) {
        double prev = cdf;

        cdf += w[k];
        if (!have_lo && cdf >= a * fuzz) {
            *lo = k;
            at_lo = prev; /* P(B <= lo - 1) */
            have_lo = 1;
        }
        if (cdf >= b * fuzz) {
            *hi = k + 1;
            at_hi = cdf; /* P(B <= hi - 1) */
            have_hi = 1;
        }
    }
    jl_free(w);
    /* P(x_(lo) <= quantile <= x_(hi)) = P(lo <= B <= hi - 1); an open side
     * (lo = 0, hi = n + 1) contributes its whole tail. */
    *coverage = (*hi > n ? 1.0 : at_hi) - (*lo == 0 ? 0.0 : at_lo);
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

void jl_stats_sort(double *x, size_t n)
{
    qsort(x, n, sizeof *x, cmp);
}
