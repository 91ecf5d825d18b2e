#include "core/progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void jl_progress_start(jl_progress *p, const char *label, size_t total, int quiet)
{
    p->label = label;
    p->total = total;
    p->tty = !quiet && isatty(2);
    p->last = 0;
}

void jl_progress_update(jl_progress *p, size_t done)
{
    double t;
    int filled, i, pct;

    if (!p->tty || p->total == 0)
        return;
    t = now();
    if (t - p->last < 0.1 && done < p->total)
        return;
    p->last = t;
    pct = (int)(100.0 * (double)done / (double)p->total);
    if (pct > 100)
        pct = 100;
    filled = pct * 30 / 100;
    fprintf(stderr, "\r%s [", p->label);
    for (i = 0; i < 30; i++)
        fputc(i < filled ? '#' : '.', stderr);
    fprintf(stderr, "] %3d %%", pct);
    fflush(stderr);
}

void jl_progress_done(jl_progress *p)
{
    if (!p->tty)
        return;
    jl_progress_update(p, p->total);
    fputc('\n', stderr);
}
