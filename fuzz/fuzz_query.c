/*
 * libFuzzer target: the request adapter's pure parts. The bytes up to the
 * first NUL are a request target, the rest an If-None-Match header. The
 * target is parsed (web/query.h), and what parses is answered by the
 * router without a database (web/http.h: error pages, the language switch
 * with the query written back into links, the style sheet, 304s). Every
 * escaper runs over the raw bytes too. Checked: what the parser accepts
 * is strict UTF-8 without controls or dot segments; escaped text and every
 * answer are valid UTF-8 with no markup of the input's.
 */
#include "core/arena.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "web/html.h"
#include "web/http.h"
#include "web/query.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_utf8(const jl_buf *b)
{
    if (jl_utf8_check(b->p ? b->p : "", b->len) != b->len)
        __builtin_trap();
}

static void escapers(jl_arena *a, const char *s)
{
    jl_buf b;
    size_t i;

    jl_buf_init(&b, a, 1 << 24);
    jl_html_text(&b, s);
    check_utf8(&b);
    for (i = 0; i < b.len; i++)
        if (strchr("<>\"'", b.p[i]))
            __builtin_trap();
    jl_buf_reset(&b);
    jl_url_seg(&b, s);
    for (i = 0; i < b.len; i++)
        if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%", b.p[i]))
            __builtin_trap();
    if (!strcmp(jl_buf_str(&b), "..") || !strcmp(jl_buf_str(&b), "."))
        __builtin_trap();
    jl_buf_reset(&b);
    jl_json_str(&b, s);
    check_utf8(&b);
    if (memchr(b.p, '<', b.len) || memchr(b.p, '>', b.len))
        __builtin_trap();
}

static void check_target(const jl_target *t)
{
    size_t i;
    const char *s;

    for (i = 0; i < 2 * t->nparam + t->nseg; i++) {
        s = i < t->nseg ? t->seg[i]
            : (i - t->nseg) % 2 ? t->param[(i - t->nseg) / 2].val
                                : t->param[(i - t->nseg) / 2].key;
        if (jl_utf8_check(s, strlen(s)) != strlen(s))
            __builtin_trap();
        for (; *s; s++)
            if ((unsigned char)*s < 0x20 || *s == 0x7f)
                __builtin_trap();
    }
    for (i = 0; i < t->nseg; i++)
        if (!strcmp(t->seg[i], "..") || !strcmp(t->seg[i], ".") || strchr(t->seg[i], '/'))
            __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jl_arena *a = jl_arena_new();
    const char *nul = memchr(data, 0, size);
    size_t tlen = nul ? (size_t)(nul - (const char *)data) : size;
    char *raw = jl_arena_strndup(a, (const char *)data, tlen);
    char *inm = nul ? jl_arena_strndup(a, nul + 1, size - tlen - 1) : NULL;
    jl_err e = JL_ERR_INIT;
    jl_req rq;
    jl_resp rs;

    escapers(a, raw);
    memset(&rq, 0, sizeof rq);
    rq.method = "GET";
    rq.arena = a;
    rq.boot = 1;
    rq.if_none_match = inm;
    if (jl_target_parse(&rq.target, a, raw, tlen, &e) == 0)
        check_target(&rq.target);
    else {
        memset(&rq.target, 0, sizeof rq.target);
        rq.refuse = 400;
    }
    jl_web_handle(&rq, &rs);
    check_utf8(&rs.body);
    if (rs.status < 200 || rs.status > 599)
        __builtin_trap();
    jl_arena_free(a);
    return 0;
}
