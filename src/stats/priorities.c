#include "stats/priorities.h"
#include "core/i18n.h"
#include "core/num.h"

#include <math.h>
#include <stdio.h>
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
        if (!isnan(p[i].prev_pct)) {
            p[i].change = sign * (p[i].pct - p[i].prev_pct);
            p[i].worse = p[i].change > 0;
        } else {
            p[i].change = NAN;
            p[i].worse = 0;
        }
    }
    qsort(p, n, sizeof *p, cmp);
}

void jl_priorities_reason(char *buf, size_t len, const jl_prio *p)
{
    char a[32], b[32], c[32], d[32];
    int w;

    jl_fmt_fixed(a, sizeof a, p->pct, 1);
    jl_fmt_fixed(b, sizeof b, p->norm_pct, 1);
    jl_fmt_fixed(c, sizeof c, fabs(p->pct - p->norm_pct), 1);
    if (p->protective)
        w = snprintf(buf, len,
                     p->pct < p->norm_pct
                         ? _("%s %% have protection against the norm's %s %% (%s points below)")
                         : _("%s %% have protection against the norm's %s %% (%s points above)"),
                     a, b, c);
    else
        w = snprintf(buf, len,
                     p->pct > p->norm_pct
                         ? _("%s %% at risk against the norm's %s %% (%s points above)")
                         : _("%s %% at risk against the norm's %s %% (%s points below)"),
                     a, b, c);
    if (w < 0 || (size_t)w >= len)
        return;
    if (p->grades_flagged > 0)
        w += snprintf(buf + w, len - (size_t)w, _("; flagged in %d of %d grades"),
                      p->grades_flagged, p->grades_shown);
    if (w < 0 || (size_t)w >= len)
        return;
    if (!isnan(p->prev_pct) && p->prev_wave) {
        jl_fmt_fixed(d, sizeof d, p->prev_pct, 1);
        snprintf(buf + w, len - (size_t)w,
                 p->worse ? _("; worse than %s (%s %%)") : _("; not worse than %s (%s %%)"),
                 p->prev_wave, d);
    }
}
