/*
 * Options of one command, checked in one place (libgit2's cli_opt and
 * Redis's commandCheckArity are the models): `--name VALUE`,
 * `--name=VALUE` and flags, positional arguments in order, and after
 * `--` positional arguments only. Unknown
 * options, missing or empty values, an option given twice and more than
 * JL_MAX_ARGS arguments are usage errors (JL_EUSAGE), so that nothing on
 * a command line is dropped or taken quietly.
 *
 * Values point into argv (borrowed).
 */
#ifndef JL_CORE_OPT_H
#define JL_CORE_OPT_H

#include <stddef.h>

#include "core/err.h"

typedef struct jl_opt {
    const char *name; /* "--wave" */
    int has_value;
    const char *value; /* out: the value, or "1" for a flag; NULL if absent */
} jl_opt;

/* Parses argv (argc strings) against opts; positional arguments are
 * collected into pos (at most maxpos, their number in *npos). */
int jl_opt_parse(jl_opt *opts, size_t nopts, char **pos, size_t maxpos, size_t *npos, int argc,
                 char **argv, jl_err *err);

/* The value of option name after jl_opt_parse, or NULL. */
const char *jl_opt_get(const jl_opt *opts, size_t nopts, const char *name);

#endif
