#include "stats/priorities.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp(const void *a, const void *b)
{
    const jl_prio *x = a, *y = b;
    /* Compare the excess as shown (one decimal), so that a difference the
     * reader cannot see does not decide the order. */
    double ex = round(x->excess * 10), ey = round(y->excess * 10);

    if (ex != ey)
        return ex > ey ? -1 : 1;
    if (x->grades_flagged != y->grades_flagged)
        return x->grades_flagged > y->grades_flagged ? -1 : 1;
    if (x->worse != y->worse)
        return x->worse ? -1 : 1;
    if (x->worse && x->change != y->change)
        return x->change > y->change ? -1 : 1;
    return strcmp(x->scale, y->scale);
}

void jl_priorities_rank(jl_prio *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        double sign = p[i].protective ? -1 : 1;

        p[i].excess = sign * (p[i].pct - p[i].norm_pct);
        /* As the order does, at the one decimal shown. */
        p[i].priority = round(p[i].excess * 10) > 0;
        p[i].worse = p[i].better = 0;
        if (!isnan(p[i].prev_pct)) {
            p[i].change = sign * (p[i].pct - p[i].prev_pct);
            /* Worse only where the interval says so: a change within the
             * noise of two samples is no change to report. */
            if (p[i].protective ? p[i].delta_hi < 0 : p[i].delta_lo > 0)
                p[i].worse = 1;
            else if (p[i].protective ? p[i].delta_lo > 0 : p[i].delta_hi < 0)
                p[i].better = 1;
        } else {
            p[i].change = NAN;
        }
    }
    qsort(p, n, sizeof *p, cmp);
}
