/*
 * A progress bar on stderr for long work, shown only when stderr is a
 * terminal (never in pipes, files or tests) and at most ten times a second.
 */
#ifndef JL_CORE_PROGRESS_H
#define JL_CORE_PROGRESS_H

#include <stddef.h>

typedef struct jl_progress {
    const char *label; /* borrowed */
    size_t total;
    int tty;
    double last;
} jl_progress;

void jl_progress_start(jl_progress *p, const char *label, size_t total, int quiet);
void jl_progress_update(jl_progress *p, size_t done);
void jl_progress_done(jl_progress *p);

#endif
