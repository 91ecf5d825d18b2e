#include "core/buf.h"
#include "core/alloc.h"
#include "core/err.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

void jl_buf_init(jl_buf *b, jl_arena *arena, size_t max)
{
    memset(b, 0, sizeof *b);
    b->arena = arena;
    b->max = max ? max : (size_t)-1;
}

void jl_buf_dispose(jl_buf *b)
{
    if (!b->arena)
        jl_free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

static int reserve(jl_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1, cap;
    char *p;

    if (b->toobig)
        return -1;
    if (b->len + extra > b->max) {
        b->toobig = 1;
        return -1;
    }
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    if (b->arena) {
        p = jl_arena_alloc(b->arena, cap);
        if (b->len)
            memcpy(p, b->p, b->len + 1);
    } else {
        p = jl_xrealloc(b->p, cap);
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

void jl_buf_add(jl_buf *b, const void *s, size_t len)
{
    if (reserve(b, len) < 0)
        return;
    memcpy(b->p + b->len, s, len);
    b->len += len;
    b->p[b->len] = '\0';
}

void jl_buf_puts(jl_buf *b, const char *s)
{
    jl_buf_add(b, s, strlen(s));
}

void jl_buf_putc(jl_buf *b, char c)
{
    jl_buf_add(b, &c, 1);
}

void jl_buf_vprintf(jl_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    int n;

    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || reserve(b, (size_t)n) < 0)
        return;
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void jl_buf_printf(jl_buf *b, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    jl_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void jl_buf_reset(jl_buf *b)
{
    b->len = 0;
    b->toobig = 0;
    if (b->p)
        b->p[0] = '\0';
}

const char *jl_buf_str(const jl_buf *b)
{
    return b->p ? b->p : "";
}

int jl_buf_err(const jl_buf *b)
{
    return b->toobig ? JL_ELIMIT : JL_OK;
}

char *jl_buf_detach(jl_buf *b)
{
    char *p;

    assert(!b->arena);
    p = b->p ? b->p : jl_xstrdup("");
    b->p = NULL;
    b->len = b->cap = 0;
    return p;
}
