/*
 * jl_arena: a bump allocator for objects whose lifetimes nest (one per CLI
 * command, one per web request), after h2o's per-request pool and libgit2's
 * git_pool. Everything allocated from an arena is freed at once by
 * jl_arena_free or jl_arena_clear; nothing may outlive it.
 * Not thread-safe: one arena belongs to one thread at a time.
 */
#ifndef JL_CORE_ARENA_H
#define JL_CORE_ARENA_H

#include <stddef.h>

typedef struct jl_arena jl_arena;

/* Creates an arena; free with jl_arena_free. Aborts when out of memory. */
jl_arena *jl_arena_new(void);
void jl_arena_free(jl_arena *a);
/* Frees every allocation but keeps the arena usable. */
void jl_arena_clear(jl_arena *a);

/* Returns n bytes aligned for any type, zeroed. Borrowed from a. */
void *jl_arena_alloc(jl_arena *a, size_t n);
/* Copies s (len bytes) and adds a NUL. Borrowed from a. */
char *jl_arena_strndup(jl_arena *a, const char *s, size_t len);
char *jl_arena_strdup(jl_arena *a, const char *s);
char *jl_arena_printf(jl_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
