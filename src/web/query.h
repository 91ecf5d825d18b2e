/*
 * The request target ("/omrade/a%C3%A5/1?period=2023&x=y") taken apart:
 * the path into segments and the query string into parameters, each
 * percent-decoded exactly once and checked. A pure function of the raw
 * bytes, so that it can be fuzzed (fuzz/fuzz_query.c) and unit-tested
 * without a socket.
 *
 * Refused (JL_EINPUT, answered 400): a target not starting with '/', a
 * '#', a bad or truncated %XX, a decoded NUL or control character, bytes
 * that are not strict UTF-8 (core/utf8.h), a segment that is "." or ".."
 * or holds an encoded '/'. Over a limit below (JL_ELIMIT, answered 414
 * for length, 400 for counts). Everything lives in the arena given.
 */
#ifndef JL_WEB_QUERY_H
#define JL_WEB_QUERY_H

#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"

/* The whole target: the longest link jamlik makes is under 300 bytes. */
#define JL_WEB_MAX_TARGET 4096
/* Segments of a path: the deepest route has four. */
#define JL_WEB_MAX_SEGS 16
/* Query parameters: a page takes at most a few. */
#define JL_WEB_MAX_PARAMS 32

typedef struct jl_param {
    const char *key, *val; /* decoded; val "" for "key" without '=' */
} jl_param;

typedef struct jl_target {
    const char *raw;                   /* the whole target as received */
    size_t rawlen;
    const char *path;                  /* the raw path, as received (for the log) */
    size_t pathlen;
    const char *seg[JL_WEB_MAX_SEGS];  /* decoded segments; "/" has none, "/a/" has "a", "" */
    size_t nseg;
    jl_param param[JL_WEB_MAX_PARAMS]; /* in order */
    size_t nparam;
} jl_target;

/* Parses raw[0, len) into t. Returns JL_OK, JL_EINPUT or JL_ELIMIT with
 * err's message saying what was wrong (English, for the log). */
int jl_target_parse(jl_target *t, jl_arena *a, const char *raw, size_t len, jl_err *err);

/* The first value of key, or NULL. */
const char *jl_target_param(const jl_target *t, const char *key);
/* How many times key occurs. */
size_t jl_target_count(const jl_target *t, const char *key);

#endif
