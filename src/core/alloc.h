/*
 * The only place that calls malloc, realloc and free (as curl bans them
 * elsewhere), so that debug builds could count allocations.
 *
 * Out of heap aborts with a message (Redis zmalloc): recovering would need
 * fault testing of every path and gains nothing on a Linux server. Sizes
 * read from input are checked against limits before they get here.
 */
#ifndef JL_CORE_ALLOC_H
#define JL_CORE_ALLOC_H

#include <stddef.h>

void *jl_xmalloc(size_t n);
void *jl_xcalloc(size_t n, size_t size);
void *jl_xrealloc(void *p, size_t n);
/* Grows an array of elem-sized items to hold at least need; *cap updated. */
void *jl_xgrow(void *p, size_t *cap, size_t need, size_t elem);
char *jl_xstrdup(const char *s);
char *jl_xstrndup(const char *s, size_t len);
void jl_free(void *p);

#endif
