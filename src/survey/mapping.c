#include "survey/mapping.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/kv.h"
#include "core/strmap.h"
#include "core/text.h"

#include <string.h>

typedef struct pair {
    char *col, *from, *to;
    long line, vcol; /* in the mapping file */
} pair;

/* Lookups are by hash: a mapping is consulted for every field of a wave,
 * fifty million times for a city-sized one. */
struct jl_mapping {
    pair *cols, *vals;
    size_t ncols, nvals, ccap, vcap;
    jl_strmap *col_ix, *val_ix; /* from -> i; col "\x1f" from -> i */
    char *path;                 /* the file, for messages ("" if parsed from text) */
};

/* "col\x1ffrom" in buf, or NULL when it does not fit. */
static char *val_key(char *buf, size_t len, const char *col, const char *from)
{
    size_t a = strlen(col), b = strlen(from);

    if (a + b + 2 > len)
        return NULL;
    memcpy(buf, col, a);
    buf[a] = '\x1f';
    memcpy(buf + a + 1, from, b + 1);
    return buf;
}

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

int jl_mapping_parse(jl_mapping **out, const char *text, size_t len, jl_diag *diag, jl_err *err)
{
    jl_kv *kv = jl_kv_parse(text, len, diag);
    jl_mapping *m = jl_xcalloc(1, sizeof *m);
    size_t i, j, prev;
    char key[1024];

    *out = NULL;
    m->col_ix = jl_strmap_new();
    m->val_ix = jl_strmap_new();
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
                if (!jl_strmap_put(m->col_ix, a, m->ncols, &prev)) {
                    jl_diag_add(diag, e->line, e->vcol,
                                _("expected each source column once, found \"%s\" again"), a);
                    jl_free(a);
                    jl_free(b);
                    continue;
                }
                m->cols = jl_xgrow(m->cols, &m->ccap, m->ncols + 1, sizeof *m->cols);
                m->cols[m->ncols].col = NULL;
                m->cols[m->ncols].line = e->line;
                m->cols[m->ncols].vcol = e->vcol;
                m->cols[m->ncols].from = a;
                m->cols[m->ncols++].to = b;
            } else if (!strcmp(e->key, "skip")) {
                /* A column left aside: a pair whose name is NULL. */
                if (!*e->value) {
                    jl_diag_add(diag, e->line, e->vcol, _("expected a column to skip, found none"));
                    continue;
                }
                if (!jl_strmap_put(m->col_ix, e->value, m->ncols, &prev)) {
                    jl_diag_add(diag, e->line, e->vcol,
                                _("expected each source column once, found \"%s\" again"),
                                e->value);
                    continue;
                }
                m->cols = jl_xgrow(m->cols, &m->ccap, m->ncols + 1, sizeof *m->cols);
                m->cols[m->ncols].col = NULL;
                m->cols[m->ncols].line = e->line;
                m->cols[m->ncols].vcol = e->vcol;
                m->cols[m->ncols].from = jl_xstrdup(e->value);
                m->cols[m->ncols++].to = NULL;
            } else if (!strcmp(e->key, "value")) {
                const char *sp = strchr(e->value, ' ');
                char *col;

                if (!sp || split_eq(&a, &b, sp + 1) < 0) {
                    jl_diag_add(diag, e->line, e->vcol,
                                _("expected \"COLUMN SOURCE = VALUE\", found \"%s\""), e->value);
                    continue;
                }
                col = jl_xstrndup(e->value, (size_t)(sp - e->value));
                if (!val_key(key, sizeof key, col, a)) {
                    jl_diag_add(diag, e->line, e->vcol,
                                _("expected a column and value of at most 1000 bytes"));
                    jl_free(col);
                    jl_free(a);
                    jl_free(b);
                    continue;
                }
                if (!jl_strmap_put(m->val_ix, key, m->nvals, &prev)) {
                    jl_diag_add(diag, e->line, e->vcol,
                                _("expected each value of a column once, found \"%s %s\" "
                                  "again"),
                                col, a);
                    jl_free(col);
                    jl_free(a);
                    jl_free(b);
                    continue;
                }
                m->vals = jl_xgrow(m->vals, &m->vcap, m->nvals + 1, sizeof *m->vals);
                m->vals[m->nvals].col = col;
                m->vals[m->nvals].from = a;
                m->vals[m->nvals++].to = b;
            } else {
                jl_diag_add(diag, e->line, e->kcol,
                            _("expected \"column\", \"skip\" or \"value\", found \"%s\""),
                            e->key);
            }
        }
    jl_kv_free(kv);
    if (diag->n) {
        jl_diag_sort(diag);
        jl_mapping_free(m);
        return jl_diag_first(diag, err);
    }
    m->path = jl_xstrdup("");
    *out = m;
    return JL_OK;
}

int jl_mapping_load(jl_mapping **out, const char *path, jl_diag *diag, jl_err *err)
{
    char *text = NULL;
    size_t len;
    int rc;

    *out = NULL;
    /* Read as a CSV is: a map saved by Notepad as "ANSI" is Windows-1252. */
    rc = jl_text_load(&text, &len, NULL, path, JL_ENC_AUTO, err);
    if (rc < 0)
        return rc;
    rc = jl_mapping_parse(out, text, len, diag, err);
    jl_free(text);
    if (rc == JL_OK) {
        jl_free((*out)->path);
        (*out)->path = jl_xstrdup(path);
    }
    return rc;
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
    jl_strmap_free(m->col_ix);
    jl_strmap_free(m->val_ix);
    jl_free(m->path);
    jl_free(m);
}

int jl_mapping_check_sources(const jl_mapping *m, const jl_strmap *header, const char *file,
                             jl_err *err)
{
    size_t i;

    for (i = 0; m && i < m->ncols; i++)
        if (!jl_strmap_get(header, m->cols[i].from, NULL))
            return jl_err_at(err, JL_EINPUT, m->path, m->cols[i].line, m->cols[i].vcol,
                             _("expected a column \"%s\" in %s as this line renames it, found "
                               "none"),
                             m->cols[i].from, file);
    return JL_OK;
}

const char *jl_mapping_column(const jl_mapping *m, const char *source)
{
    size_t i;

    if (m && jl_strmap_get(m->col_ix, source, &i))
        return m->cols[i].to;
    return source;
}

const char *jl_mapping_value(const jl_mapping *m, const char *column, const char *value)
{
    char key[1024];
    size_t i;

    if (!m || !m->nvals || !val_key(key, sizeof key, column, value))
        return value;
    if (jl_strmap_get(m->val_ix, key, &i))
        return m->vals[i].to;
    return value;
}
