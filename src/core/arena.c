#include "core/arena.h"
#include "core/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* 64 KiB blocks: large enough that a command's small strings rarely need a
 * new block, small enough that a web request's arena stays cheap. */
#define BLOCK_SIZE (64 * 1024)
#define ALIGN 16

typedef struct block {
    struct block *next;
    size_t used, size;
    _Alignas(ALIGN) unsigned char data[];
} block;

struct jl_arena {
    block *head;
};

jl_arena *jl_arena_new(void)
{
    return jl_xcalloc(1, sizeof(jl_arena));
}

void jl_arena_clear(jl_arena *a)
{
    block *b, *next;

    if (!a)
        return;
    for (b = a->head; b; b = next) {
        next = b->next;
        jl_free(b);
    }
    a->head = NULL;
}

void jl_arena_free(jl_arena *a)
{
    jl_arena_clear(a);
    jl_free(a);
}

void *jl_arena_alloc(jl_arena *a, size_t n)
{
    block *b = a->head;
    size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    void *p;

    if (need == 0)
        need = ALIGN;
    if (!b || b->size - b->used < need) {
        size_t size = need > BLOCK_SIZE ? need : BLOCK_SIZE;

        b = jl_xmalloc(sizeof(block) + size);
        b->size = size;
        b->used = 0;
        /* A large allocation gets its own block behind the head, so the
         * head's free space is not wasted. */
        if (a->head && need > BLOCK_SIZE) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    p = b->data + b->used;
    b->used += need;
    memset(p, 0, n);
    return p;
}

char *jl_arena_strndup(jl_arena *a, const char *s, size_t len)
{
    char *p = jl_arena_alloc(a, len + 1);

    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *jl_arena_strdup(jl_arena *a, const char *s)
{
    return jl_arena_strndup(a, s, strlen(s));
}

char *jl_arena_printf(jl_arena *a, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *p;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    p = jl_arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}
