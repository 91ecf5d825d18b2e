/*
 * jl_diag: a list of problems found in one pass over an input, so that a
 * checker can report every problem at once (jamlik instrument check), not
 * only the first. Each entry is a jl_err. Heap-owned; free with
 * jl_diag_dispose.
 */
#ifndef JL_CORE_DIAG_H
#define JL_CORE_DIAG_H

#include <stddef.h>

#include "core/err.h"

typedef struct jl_diag {
    jl_err *e;
    size_t n, cap;
    const char *file; /* borrowed: the input's name for every entry */
} jl_diag;

void jl_diag_init(jl_diag *d, const char *file);
void jl_diag_dispose(jl_diag *d);
void jl_diag_add(jl_diag *d, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* An entry placed by words instead of a line, for inputs that have none
 * (a feature of a map layer): printed "FILE: WHERE: error: MSG". */
void jl_diag_add_where(jl_diag *d, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Adds a copy of e (its file, place and message). */
void jl_diag_add_err(jl_diag *d, const jl_err *e);
/* Sorts by line and column (stable) */
void jl_diag_sort(jl_diag *d);
/* Copies the first entry into err and returns JL_EINPUT, or JL_OK if none. */
int jl_diag_first(const jl_diag *d, jl_err *err);

#endif
