/*
 * The request target taken apart (web/query.h).
 */
#include "web/query.h"
#include "core/utf8.h"

#include <string.h>

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes s[0, n) once into a new string of a: %XX, and with plus '+' as
 * a space (query strings only). Refuses a bad escape, a decoded NUL or
 * control character, and bytes that are not strict UTF-8. */
static int decode(const char **out, jl_arena *a, const char *s, size_t n, int plus, jl_err *err)
{
    char *d = jl_arena_alloc(a, n + 1);
    size_t i, k = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '%') {
            int h, l;

            if (i + 2 >= n)
                return jl_err_set(err, JL_EINPUT, "truncated percent escape");
            h = hexval(s[i + 1]);
            l = hexval(s[i + 2]);
            if (h < 0 || l < 0)
                return jl_err_set(err, JL_EINPUT, "bad percent escape");
            c = (unsigned char)(h * 16 + l);
            i += 2;
        } else if (c == '+' && plus)
            c = ' ';
        if (c < 0x20 || c == 0x7f)
            return jl_err_set(err, JL_EINPUT, "control character in the target");
        d[k++] = (char)c;
    }
    d[k] = 0;
    if (jl_utf8_check(d, k) != k)
        return jl_err_set(err, JL_EINPUT, "not UTF-8");
    *out = d;
    return JL_OK;
}

/* p[0] is '/'; the rest split at every '/', empty pieces kept ("/a/" is
 * "a" and ""), "/" alone none. */
static int parse_path(jl_target *t, jl_arena *a, const char *p, size_t n, jl_err *err)
{
    size_t i = 1;

    if (n == 1)
        return JL_OK;
    for (;;) {
        size_t start = i;
        const char *seg;
        int rc;

        while (i < n && p[i] != '/')
            i++;
        if (t->nseg == JL_WEB_MAX_SEGS)
            return jl_err_set(err, JL_ELIMIT, "more than %d path segments", JL_WEB_MAX_SEGS);
        rc = decode(&seg, a, p + start, i - start, 0, err);
        if (rc < 0)
            return rc;
        if (strchr(seg, '/') || !strcmp(seg, ".") || !strcmp(seg, ".."))
            return jl_err_set(err, JL_EINPUT, "a path segment walks or holds a slash");
        t->seg[t->nseg++] = seg;
        if (i == n)
            return JL_OK;
        i++; /* the '/' */
    }
}

static int parse_query(jl_target *t, jl_arena *a, const char *q, size_t n, jl_err *err)
{
    size_t i = 0;

    while (i < n) {
        size_t start = i, eq = (size_t)-1;
        int rc;

        while (i < n && q[i] != '&') {
            if (q[i] == '=' && eq == (size_t)-1)
                eq = i;
            i++;
        }
        if (i > start) {
            jl_param *pm;

            if (t->nparam == JL_WEB_MAX_PARAMS)
                return jl_err_set(err, JL_ELIMIT, "more than %d query parameters",
                                  JL_WEB_MAX_PARAMS);
            pm = &t->param[t->nparam];
            if (eq == (size_t)-1) {
                rc = decode(&pm->key, a, q + start, i - start, 1, err);
                pm->val = "";
            } else {
                rc = decode(&pm->key, a, q + start, eq - start, 1, err);
                if (rc == 0)
                    rc = decode(&pm->val, a, q + eq + 1, i - eq - 1, 1, err);
            }
            if (rc < 0)
                return rc;
            t->nparam++;
        }
        i++; /* the '&' */
    }
    return JL_OK;
}

int jl_target_parse(jl_target *t, jl_arena *a, const char *raw, size_t len, jl_err *err)
{
    const char *q;
    size_t plen;
    int rc;

    memset(t, 0, sizeof *t);
    if (len > JL_WEB_MAX_TARGET)
        return jl_err_set(err, JL_ELIMIT, "target longer than %d bytes", JL_WEB_MAX_TARGET);
    if (len == 0 || raw[0] != '/')
        return jl_err_set(err, JL_EINPUT, "target does not start with '/'");
    if (memchr(raw, '#', len) || memchr(raw, 0, len))
        return jl_err_set(err, JL_EINPUT, "'#' or NUL in the target");
    q = memchr(raw, '?', len);
    plen = q ? (size_t)(q - raw) : len;
    t->raw = raw;
    t->rawlen = len;
    t->path = raw;
    t->pathlen = plen;
    rc = parse_path(t, a, raw, plen, err);
    if (rc == 0 && q)
        rc = parse_query(t, a, q + 1, len - plen - 1, err);
    return rc;
}

const char *jl_target_param(const jl_target *t, const char *key)
{
    size_t i;

    for (i = 0; i < t->nparam; i++)
        if (!strcmp(t->param[i].key, key))
            return t->param[i].val;
    return NULL;
}

size_t jl_target_count(const jl_target *t, const char *key)
{
    size_t i, n = 0;

    for (i = 0; i < t->nparam; i++)
        n += !strcmp(t->param[i].key, key);
    return n;
}
