/*
 * Progress of long work, reported by the engine to whoever shows it. The
 * engine never prints: it calls the caller's function with a stage code
 * and how far it got, from the calling thread only; the CLI draws a bar on
 * a terminal (cli/bar.c), the web application will keep it for a
 * progress page. A NULL jl_progress, or one without a function, reports
 * nothing.
 */
#ifndef JL_CORE_PROGRESS_H
#define JL_CORE_PROGRESS_H

#include <stddef.h>

typedef enum {
    JL_STAGE_READING = 0,     /* a survey file; done and total in bytes (total 0: unknown) */
    JL_STAGE_SAVING,          /* respondents into the store */
    JL_STAGE_PERM_CITY,       /* global permutations */
    JL_STAGE_PERM_AREAS,      /* local permutations, area by area */
    JL_STAGE_PROTECT,         /* protecting and auditing a release; done of total thousandths */
} jl_stage;

/* done of total so far; end is 1 on the stage's last call. */
typedef void (*jl_progress_fn)(jl_stage stage, size_t done, size_t total, int end, void *ctx);

typedef struct jl_progress {
    jl_progress_fn fn;
    void *ctx;
} jl_progress;

static inline void jl_progress_report(const jl_progress *p, jl_stage stage, size_t done,
                                      size_t total)
{
    if (p && p->fn)
        p->fn(stage, done, total, 0, p->ctx);
}

static inline void jl_progress_end(const jl_progress *p, jl_stage stage, size_t total)
{
    if (p && p->fn)
        p->fn(stage, total, total, 1, p->ctx);
}

#endif
