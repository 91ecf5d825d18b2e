#include "stats/quantile.h"

#include <math.h>
#include <stdlib.h>

double jl_stats_quantile7(const double *sorted, size_t n, double p)
{
    double h = (double)(n - 1) * p, lo = floor(h);
    size_t j = (size_t)lo;

    if (j + 1 >= n)
        return sorted[n - 1];
    /* R's own arithmetic, (1 - h) x_lo + h x_hi (stats:::quantile.default),
     * so the last bits agree too. */
    h -= lo;
    if (h == 0 || sorted[j + 1] == sorted[j])
        return sorted[j];
    return (1 - h) * sorted[j] + h * sorted[j + 1];
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
