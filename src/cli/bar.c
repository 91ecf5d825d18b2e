/*
 * The command line's face of core/progress.h: a bar on stderr, shown only
 * when stderr is a terminal (never in pipes, files or tests) and redrawn
 * at most ten times a second.
 */
#include "cli/bar.h"
#include "core/i18n.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static const char *label(jl_stage stage)
{
    switch (stage) {
    case JL_STAGE_READING:
        return _("Reading");
    case JL_STAGE_SAVING:
        return _("Saving");
    case JL_STAGE_PERM_CITY:
        return _("Permutations, the city");
    case JL_STAGE_PERM_AREAS:
        return _("Permutations, area by area");
    case JL_STAGE_PROTECT:
        return _("Protecting the release");
    }
    return "";
}

static void draw(jl_stage stage, size_t done, size_t total, int end, void *ctx)
{
    jl_cli_bar *b = ctx;
    double t;
    int filled, i, pct;

    if (total == 0)
        return;
    t = now();
    if (!end && t - b->last < 0.1 && done < total)
        return;
    b->last = t;
    pct = (int)(100.0 * (double)done / (double)total);
    if (pct > 100)
        pct = 100;
    filled = pct * 30 / 100;
    fprintf(stderr, "\r%s [", label(stage));
    for (i = 0; i < 30; i++)
        fputc(i < filled ? '#' : '.', stderr);
    fprintf(stderr, "] %3d %%", pct);
    if (end)
        fputc('\n', stderr);
    fflush(stderr);
}

const jl_progress *jl_cli_progress(jl_progress *p, jl_cli_bar *b, int quiet)
{
    b->last = 0;
    p->fn = draw;
    p->ctx = b;
    return quiet || !isatty(2) ? NULL : p;
}

void jl_cli_protect_bar(void *ctx, double done)
{
    const jl_progress *p = ctx;

    if (done < 0)
        done = 0;
    if (done > 1)
        done = 1;
    jl_progress_report(p, JL_STAGE_PROTECT, (size_t)(done * 1000), 1000);
    if (done >= 1)
        jl_progress_end(p, JL_STAGE_PROTECT, 1000);
}
