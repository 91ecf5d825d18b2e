/*
 * Rendered answers per worker and data version (web/cache.h).
 */
#include "web/cache.h"
#include "core/alloc.h"
#include "core/strmap.h"

#include <string.h>

typedef struct entry {
    const char *type;
    char *body;
    size_t len;
} entry;

struct jl_web_cache {
    long dv;
    jl_strmap *ix; /* key -> position in e */
    entry *e;
    size_t n, cap, bytes;
};

jl_web_cache *jl_web_cache_new(void)
{
    jl_web_cache *c = jl_xcalloc(1, sizeof *c);

    c->ix = jl_strmap_new();
    c->dv = -1;
    return c;
}

static void empty(jl_web_cache *c)
{
    size_t i;

    for (i = 0; i < c->n; i++)
        jl_free(c->e[i].body);
    c->n = c->bytes = 0;
    jl_strmap_free(c->ix);
    c->ix = jl_strmap_new();
}

void jl_web_cache_free(jl_web_cache *c)
{
    if (!c)
        return;
    empty(c);
    jl_strmap_free(c->ix);
    jl_free(c->e);
    jl_free(c);
}

int jl_web_cache_get(jl_web_cache *c, long dv, const char *key, const char **type,
                     const char **body, size_t *len)
{
    size_t i;

    if (c->dv != dv) {
        empty(c);
        c->dv = dv;
        return 0;
    }
    if (!jl_strmap_get(c->ix, key, &i))
        return 0;
    *type = c->e[i].type;
    *body = c->e[i].body;
    *len = c->e[i].len;
    return 1;
}

void jl_web_cache_put(jl_web_cache *c, long dv, const char *key, const char *type,
                      const char *body, size_t len)
{
    entry *e;

    if (c->dv != dv) {
        empty(c);
        c->dv = dv;
    }
    if (len > JL_WEB_CACHE_BYTES / 4)
        return;
    if (c->n == JL_WEB_CACHE_ENTRIES || c->bytes + len > JL_WEB_CACHE_BYTES)
        empty(c);
    if (!jl_strmap_put(c->ix, key, c->n, NULL))
        return; /* already there */
    c->e = jl_xgrow(c->e, &c->cap, c->n + 1, sizeof *c->e);
    e = &c->e[c->n++];
    e->type = type;
    e->body = jl_xmalloc(len ? len : 1);
    memcpy(e->body, body, len);
    e->len = len;
    c->bytes += len;
}
