/*
 * jl_buf: a string builder that is always NUL-terminated, has a maximum
 * size, and keeps a sticky error checked once at the end (SQLite's
 * sqlite3_str crossed with curl's dynbuf).
 *
 * Memory comes from the arena given to jl_buf_init, or from the heap when
 * that is NULL; then jl_buf_dispose frees it. jl_buf_detach hands the heap
 * string to the caller.
 */
#ifndef JL_CORE_BUF_H
#define JL_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "core/arena.h"

typedef struct jl_buf {
    char *p;
    size_t len, cap, max;
    jl_arena *arena;
    int toobig; /* sticky: an append would have passed max */
} jl_buf;

void jl_buf_init(jl_buf *b, jl_arena *arena, size_t max);
void jl_buf_dispose(jl_buf *b);
void jl_buf_add(jl_buf *b, const void *s, size_t len);
void jl_buf_puts(jl_buf *b, const char *s);
void jl_buf_putc(jl_buf *b, char c);
void jl_buf_printf(jl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void jl_buf_vprintf(jl_buf *b, const char *fmt, va_list ap);
void jl_buf_reset(jl_buf *b);
/* Returns the contents; never NULL. Borrowed until the next change. */
const char *jl_buf_str(const jl_buf *b);
/* JL_OK, or JL_ELIMIT if an append passed max. */
int jl_buf_err(const jl_buf *b);
/* Heap buffers only: returns the string (caller frees with jl_free) and
 * leaves b empty. */
char *jl_buf_detach(jl_buf *b);

#endif
