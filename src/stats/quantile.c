#include "stats/quantile.h"

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

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

void jl_stats_sort(double *x, size_t n)
{
    qsort(x, n, sizeof *x, cmp);
}
