#include "core/strmap.h"
#include "core/alloc.h"

#include <stdint.h>
#include <string.h>

typedef struct entry {
    char *key;
    size_t val;
    uint64_t hash;
} entry;

struct jl_strmap {
    entry *t;
    size_t cap, n;
};

/* FNV-1a: short keys (ids, area codes), no adversarial input worth more. */
static uint64_t fnv(const char *s)
{
    uint64_t h = 1469598103934665603ULL;

    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

jl_strmap *jl_strmap_new(void)
{
    jl_strmap *m = jl_xcalloc(1, sizeof *m);

    m->cap = 64;
    m->t = jl_xcalloc(m->cap, sizeof *m->t);
    return m;
}

void jl_strmap_free(jl_strmap *m)
{
    size_t i;

    if (!m)
        return;
    for (i = 0; i < m->cap; i++)
        jl_free(m->t[i].key);
    jl_free(m->t);
    jl_free(m);
}

static entry *find(const jl_strmap *m, const char *key, uint64_t h)
{
    size_t i = (size_t)h & (m->cap - 1);

    while (m->t[i].key) {
        if (m->t[i].hash == h && !strcmp(m->t[i].key, key))
            return &m->t[i];
        i = (i + 1) & (m->cap - 1);
    }
    return &m->t[i];
}

int jl_strmap_get(const jl_strmap *m, const char *key, size_t *val)
{
    entry *e = find(m, key, fnv(key));

    if (!e->key)
        return 0;
    if (val)
        *val = e->val;
    return 1;
}

const char *jl_strmap_key(const jl_strmap *m, const char *key)
{
    return find(m, key, fnv(key))->key;
}

int jl_strmap_put(jl_strmap *m, const char *key, size_t val, size_t *old)
{
    uint64_t h = fnv(key);
    entry *e = find(m, key, h);

    if (e->key) {
        if (old)
            *old = e->val;
        return 0;
    }
    e->key = jl_xstrdup(key);
    e->val = val;
    e->hash = h;
    if (++m->n * 2 > m->cap) {
        entry *t = m->t;
        size_t cap = m->cap, i;

        m->cap *= 2;
        m->t = jl_xcalloc(m->cap, sizeof *m->t);
        for (i = 0; i < cap; i++)
            if (t[i].key)
                *find(m, t[i].key, t[i].hash) = t[i];
        jl_free(t);
    }
    return 1;
}

size_t jl_strmap_size(const jl_strmap *m)
{
    return m->n;
}
