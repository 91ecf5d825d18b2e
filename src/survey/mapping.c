#include "survey/mapping.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/kv.h"
#include "core/text.h"

#include <string.h>

typedef struct pair {
    char *col, *from, *to;
} pair;

struct jl_mapping {
    pair *cols, *vals;
    size_t ncols, nvals;
};

static int split_eq(char **a, char **b, const char *s)
{
    const char *eq = strstr(s, " = ");
    size_t n;

    if (!eq)
        return -1;
    n = (size_t)(eq - s);
    while (n && s[n - 1] == ' ')
        n--;
    *a = jl_xstrndup(s, n);
    eq += 3;
    while (*eq == ' ')
        eq++;
    *b = jl_xstrdup(eq);
    if (!**a || !**b) {
        jl_free(*a);
        jl_free(*b);
        return -1;
    }
    return 0;
}

int jl_mapping_load(jl_mapping **out, const char *path, jl_diag *diag, jl_err *err)
{
    char *text = NULL;
    size_t len, i, j;
    jl_kv *kv;
    jl_mapping *m;
    int rc;

    *out = NULL;
    rc = jl_text_load(&text, &len, NULL, path, JL_ENC_UTF8, err);
    if (rc < 0)
        return rc;
    kv = jl_kv_parse(text, len, diag);
    m = jl_xcalloc(1, sizeof *m);
    for (i = 0; i < kv->n; i++)
        for (j = 0; j < kv->s[i].n; j++) {
            const jl_kv_entry *e = &kv->s[i].e[j];
            char *a = NULL, *b = NULL;

            if (!strcmp(e->key, "column")) {
                if (split_eq(&a, &b, e->value) < 0) {
                    jl_diag_add(diag, e->line, e->vcol,
                                _("expected \"SOURCE = NAME\", found \"%s\""), e->value);
                    continue;
                }
                m->cols = jl_xrealloc(m->cols, (m->ncols + 1) * sizeof *m->cols);
                m->cols[m->ncols].col = NULL;
                m->cols[m->ncols].from = a;
                m->cols[m->ncols++].to = b;
            } else if (!strcmp(e->key, "value")) {
                const char *sp = strchr(e->value, ' ');

                if (!sp || split_eq(&a, &b, sp + 1) < 0) {
                    jl_diag_add(diag, e->line, e->vcol,
                                _("expected \"COLUMN SOURCE = VALUE\", found \"%s\""), e->value);
                    continue;
                }
                m->vals = jl_xrealloc(m->vals, (m->nvals + 1) * sizeof *m->vals);
                m->vals[m->nvals].col = jl_xstrndup(e->value, (size_t)(sp - e->value));
                m->vals[m->nvals].from = a;
                m->vals[m->nvals++].to = b;
            } else {
                jl_diag_add(diag, e->line, e->kcol,
                            _("expected \"column\" or \"value\", found \"%s\""), e->key);
            }
        }
    jl_kv_free(kv);
    jl_free(text);
    if (diag->n) {
        jl_diag_sort(diag);
        jl_mapping_free(m);
        return jl_diag_first(diag, err);
    }
    *out = m;
    return JL_OK;
}

void jl_mapping_free(jl_mapping *m)
{
    size_t i;

    if (!m)
        return;
    for (i = 0; i < m->ncols; i++) {
        jl_free(m->cols[i].from);
        jl_free(m->cols[i].to);
    }
    for (i = 0; i < m->nvals; i++) {
        jl_free(m->vals[i].col);
        jl_free(m->vals[i].from);
        jl_free(m->vals[i].to);
    }
    jl_free(m->cols);
    jl_free(m->vals);
    jl_free(m);
}

const char *jl_mapping_column(const jl_mapping *m, const char *source)
{
    size_t i;

    if (m)
        for (i = 0; i < m->ncols; i++)
            if (!strcmp(m->cols[i].from, source))
                return m->cols[i].to;
    return source;
}

const char *jl_mapping_value(const jl_mapping *m, const char *column, const char *value)
{
    size_t i;

    if (m)
        for (i = 0; i < m->nvals; i++)
            if (!strcmp(m->vals[i].col, column) && !strcmp(m->vals[i].from, value))
                return m->vals[i].to;
    return value;
}
