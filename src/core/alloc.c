#include "core/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n)
{
    fprintf(stderr, "jamlik: out of memory (%zu bytes)\n", n);
    abort();
}

void *jl_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    if (!p)
        oom(n);
    return p;
}

void *jl_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);

    if (!p)
        oom(n * size);
    return p;
}

void *jl_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);

    if (!q)
        oom(n);
    return q;
}

void *jl_xgrow(void *p, size_t *cap, size_t need, size_t elem)
{
    size_t c = *cap;

    if (need <= c)
        return p;
    if (c < 8)
        c = 8;
    while (c < need)
        c *= 2;
    p = jl_xrealloc(p, c * elem);
    *cap = c;
    return p;
}

char *jl_xstrdup(const char *s)
{
    return jl_xstrndup(s, strlen(s));
}

char *jl_xstrndup(const char *s, size_t len)
{
    char *p = jl_xmalloc(len + 1);

    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void jl_free(void *p)
{
    free(p);
}
