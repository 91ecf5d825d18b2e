/*
 * Answers already rendered, kept by each worker thread for the data
 * version they were rendered from: the views behind an area page take
 * tens of milliseconds (every indicator resolved in the area's division),
 * and a board's screens, phones and the API ask for the same pages again
 * and again between imports. The first answer after an import renders
 * anew; nothing is computed here, only kept.
 *
 * One cache belongs to one thread (no lock). What jl_web_cache_get
 * returns is borrowed until the next put: copy it into the request's
 * arena before the answer leaves.
 */
#ifndef JL_WEB_CACHE_H
#define JL_WEB_CACHE_H

#include <stddef.h>

/* A worker's cache holds at most this many bytes of answers (and
 * JL_WEB_CACHE_ENTRIES answers); past either it starts again empty. A
 * city's pages are a few MiB. */
#define JL_WEB_CACHE_BYTES ((size_t)32 << 20)
#define JL_WEB_CACHE_ENTRIES 4096

typedef struct jl_web_cache jl_web_cache;

jl_web_cache *jl_web_cache_new(void);
void jl_web_cache_free(jl_web_cache *c);

/* The answer to key (the raw request target) rendered at data version
 * dv: 1 with *type, *body, *len, or 0. A cache holding another version
 * is emptied first. */
int jl_web_cache_get(jl_web_cache *c, long dv, const char *key, const char **type,
                     const char **body, size_t *len);
/* Keeps a copy of a 200 answer to key at data version dv (type: a static
 * string). */
void jl_web_cache_put(jl_web_cache *c, long dv, const char *key, const char *type,
                      const char *body, size_t len);

#endif
