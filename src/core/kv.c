#include "core/kv.h"
#include "core/alloc.h"
#include "core/i18n.h"
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

jl_kv *jl_kv_parse(const char *text, size_t len, jl_diag *diag)
{
    jl_kv *kv = jl_xcalloc(1, sizeof *kv);
    jl_kv_stanza *cur = NULL;
    size_t pos = 0;
    long line = 0;

    while (pos < len) {
        const char *l = text + pos, *nl = memchr(l, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - l) : len - pos, i;

        pos += n + (nl ? 1 : 0);
        line++;
        while (n && l[n - 1] == '\r')
            n--;
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
            char *add, *joined;
            size_t a, b;

            if (!cur || cur->n == 0) {
                jl_diag_add(diag, line, 1,
                            _("expected \"key: value\", found an indented line that continues "
                              "nothing"));
                continue;
            }
            e = &cur->e[cur->n - 1];
            add = trim_dup(l + i, n - i);
            a = strlen(e->value);
            b = strlen(add);
            joined = jl_xmalloc(a + b + 2);
            memcpy(joined, e->value, a);
            joined[a] = a ? ' ' : '\0';
            memcpy(joined + a + (a ? 1 : 0), add, b + 1);
            jl_free(e->value);
            jl_free(add);
            e->value = joined;
            continue;
        }
        for (i = 0; i < n && keych(l[i]); i++)
            ;
        if (i == 0 || i >= n || l[i] != ':') {
            size_t show = n > 40 ? 40 : n;

            jl_diag_add(diag, line, (long)jl_utf8_count(l, i) + 1,
                        _("expected \"key: value\", found \"%.*s\""), (int)show, l);
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
            e->key = jl_xstrndup(l, i);
            e->value = trim_dup(l + v, n - v);
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
