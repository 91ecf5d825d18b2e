/*
 * jl_strmap: an open-addressing hash map from strings to size_t values,
 * for interning codes and finding duplicate ids. Keys are copied into
 * the map. Free with jl_strmap_free.
 */
#ifndef JL_CORE_STRMAP_H
#define JL_CORE_STRMAP_H

#include <stddef.h>

typedef struct jl_strmap jl_strmap;

jl_strmap *jl_strmap_new(void);
void jl_strmap_free(jl_strmap *m);
/* Looks up key; returns 1 and sets *val if present, else 0. */
int jl_strmap_get(const jl_strmap *m, const char *key, size_t *val);
/* Inserts key -> val if absent (returns 1), or returns 0 and leaves the
 * old value in *old (if not NULL). */
int jl_strmap_put(jl_strmap *m, const char *key, size_t val, size_t *old);
size_t jl_strmap_size(const jl_strmap *m);
/* The stored copy of key, or NULL: borrowed until the map is freed. */
const char *jl_strmap_key(const jl_strmap *m, const char *key);

#endif
