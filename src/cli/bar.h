/*
 * Progress bars of the command line (core/progress.h is the engine's
 * side).
 */
#ifndef JL_CLI_BAR_H
#define JL_CLI_BAR_H

#include "core/progress.h"

typedef struct jl_cli_bar {
    double last; /* when it was last drawn */
} jl_cli_bar;

/* Sets p up to draw on stderr through b and returns it, or NULL when
 * quiet or stderr is not a terminal. Both are the caller's. */
const jl_progress *jl_cli_progress(jl_progress *p, jl_cli_bar *b, int quiet);

/* A protection's progress from 0 to 1 (release/protect.h) drawn through
 * ctx, a jl_progress from jl_cli_progress. */
void jl_cli_protect_bar(void *ctx, double done);

#endif
