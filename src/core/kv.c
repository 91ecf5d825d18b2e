#include "core/kv.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/utf8.h"

#include <string.h>

static int keych(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.';
}

static char *trim_dup(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return jl_xstrndup(s, n);
}

/* How many bytes of l (n bytes) to echo in a message: at most 40, cut
 * before a control character and on a character boundary, so that a
 * message never carries a raw CR or half a character. */
static int echo_len(const char *l, size_t n)
{
    size_t k = 0;

    while (k < n && k < 40 && (unsigned char)l[k] >= 0x20 && l[k] != 0x7f)
        k++;
    if (k < n) /* cut inside a multi-byte character: back to its start */
        while (k > 0 && ((unsigned char)l[k] & 0xC0) == 0x80)
            k--;
    return (int)k;
}

/* Appends a continuation (add, b bytes) to e's value with one space
 * between. Values grow geometrically, so that joining N lines costs O(N)
 * rather than copying the whole value each time (600,000 lines took 15.6 s
 * that way). */
static int join(jl_kv_entry *e, const char *add, size_t b)
{
    size_t need = e->vlen + (e->vlen ? 1 : 0) + b + 1;

    if (need - 1 > JL_MAX_KV_VALUE)
        return -1;
    if (need > e->vcap) {
        size_t cap = e->vcap ? e->vcap : 64;

        while (cap < need)
            cap *= 2;
        e->value = jl_xrealloc(e->value, cap);
        e->vcap = cap;
    }
    if (e->vlen)
        e->value[e->vlen++] = ' ';
    memcpy(e->value + e->vlen, add, b);
    e->vlen += b;
    e->value[e->vlen] = '\0';
    return 0;
}

jl_kv *jl_kv_parse(const char *text, size_t len, jl_diag *diag)
{
    jl_kv *kv = jl_xcalloc(1, sizeof *kv);
    jl_kv_stanza *cur = NULL;
    size_t pos = 0;
    long line = 0;

    while (pos < len) {
        const char *l = text + pos, *nl = l;
        size_t n, i;

        /* A line ends at LF, CRLF or a lone CR (old Mac files). */
        while (nl < text + len && *nl != '\n' && *nl != '\r')
            nl++;
        n = (size_t)(nl - l);
        pos += n;
        if (pos < len && text[pos] == '\r')
            pos++;
        if (pos < len && text[pos] == '\n')
            pos++;
        line++;
        for (i = 0; i < n && (l[i] == ' ' || l[i] == '\t'); i++)
            ;
        if (i == n) { /* blank: ends a stanza */
            cur = NULL;
            continue;
        }
        if (l[i] == '#')
            continue;
        if (i > 0) { /* continuation */
            jl_kv_entry *e;
            size_t a = i, b = n;

            if (!cur || cur->n == 0) {
                jl_diag_add(diag, line, 1,
                            _("expected \"key: value\", found an indented line that continues "
                              "nothing"));
                continue;
            }
            e = &cur->e[cur->n - 1];
            while (b > a && (l[b - 1] == ' ' || l[b - 1] == '\t'))
                b--;
            if (e->vlen <= JL_MAX_KV_VALUE && join(e, l + a, b - a) < 0) {
                jl_diag_add(diag, line, 1,
                            _("expected a value of at most %u bytes with its continuation "
                              "lines, found a longer one (limit JL_MAX_KV_VALUE)"),
                            JL_MAX_KV_VALUE);
                e->vlen = JL_MAX_KV_VALUE + 1; /* said once */
            }
            continue;
        }
        for (i = 0; i < n && keych(l[i]); i++)
            ;
        if (i == 0 || i >= n || l[i] != ':') {
            jl_diag_add(diag, line, (long)jl_utf8_count(l, i) + 1,
                        _("expected \"key: value\", found \"%.*s\""), echo_len(l, n), l);
            continue;
        }
        if (!cur) {
            kv->s = jl_xgrow(kv->s, &kv->cap, kv->n + 1, sizeof *kv->s);
            cur = &kv->s[kv->n++];
            memset(cur, 0, sizeof *cur);
            cur->line = line;
        }
        cur->e = jl_xgrow(cur->e, &cur->cap, cur->n + 1, sizeof *cur->e);
        {
            jl_kv_entry *e = &cur->e[cur->n++];
            size_t v = i + 1;

            while (v < n && (l[v] == ' ' || l[v] == '\t'))
                v++;
            memset(e, 0, sizeof *e);
            e->key = jl_xstrndup(l, i);
            e->value = trim_dup(l + v, n - v);
            e->vlen = strlen(e->value);
            e->vcap = e->vlen + 1;
            e->line = line;
            e->kcol = 1;
            e->vcol = (long)jl_utf8_count(l, v) + 1;
        }
    }
    return kv;
}

void jl_kv_free(jl_kv *kv)
{
    size_t i, j;

    if (!kv)
        return;
    for (i = 0; i < kv->n; i++) {
        for (j = 0; j < kv->s[i].n; j++) {
            jl_free(kv->s[i].e[j].key);
            jl_free(kv->s[i].e[j].value);
        }
        jl_free(kv->s[i].e);
    }
    jl_free(kv->s);
    jl_free(kv);
}

const jl_kv_entry *jl_kv_get(const jl_kv_stanza *s, const char *key)
{
    size_t i;

    for (i = 0; i < s->n; i++)
        if (!strcmp(s->e[i].key, key))
            return &s->e[i];
    return NULL;
}
