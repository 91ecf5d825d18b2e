/*
 * What a wave's area columns say, for the import report: codes the
 * database does not know (with their respondents) and respondents whose
 * areas disagree with the stored parent links.
 */
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/strmap.h"
#include "survey/wave_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct codes_ctx {
    jl_strmap *m;        /* code -> position in parents */
    char **parents;      /* each code's stored parent code ("" if none) */
    size_t n, cap;
} codes_ctx;

static void add_code(void *ctx, const jl_store_area *a)
{
    codes_ctx *c = ctx;

    if (jl_strmap_put(c->m, a->code, c->n, NULL)) {
        c->parents = jl_xgrow(c->parents, &c->cap, c->n + 1, sizeof *c->parents);
        c->parents[c->n++] = jl_xstrdup(a->parent);
    }
}

static void codes_dispose(codes_ctx *c)
{
    size_t i;

    for (i = 0; i < c->n; i++)
        jl_free(c->parents[i]);
    jl_free(c->parents);
    jl_strmap_free(c->m);
}

static void parent_div(void *ctx, const jl_store_division *d)
{
    snprintf(ctx, JL_MAX_ID + 1, "%s", d->parent);
}

/* Respondents whose area of column d lies, by the stored parent links, in
 * another area of the parent division's column than the one they gave. */
static void check_parents(jl_import_report *rep, jl_store *st, const jl_respondents *r, size_t d,
                          const codes_ctx *known)
{
    char parent[JL_MAX_ID + 1] = "";
    jl_err e = JL_ERR_INIT;
    size_t i, p;

    rep->div_parent[d] = -1;
    if (jl_store_division_get(st, rep->div[d], parent_div, parent, &e) < 0 || !*parent)
        return;
    for (p = 0; p < r->ndiv && strcmp(rep->div[p], parent); p++)
        ;
    if (p == r->ndiv)
        return;
    rep->div_parent[d] = (long)p;
    for (i = 0; i < r->n; i++) {
        const char *a = r->areas[i * r->ndiv + d], *b = r->areas[i * r->ndiv + p];
        size_t k;

        if ((r->excluded && r->excluded[i]) || !*a || !*b || !jl_strmap_get(known->m, a, &k) ||
            !*known->parents[k] || !strcmp(known->parents[k], b))
            continue;
        if (!rep->div_disagree[d]++) {
            /* Through a buffer of its own: the division's name is in rep too. */
            char first[sizeof rep->div_disagree_first[0]];

            snprintf(first, sizeof first, "%s: %s %s, %s %s", r->ext_id[i], rep->div[d], a,
                     parent, b);
            memcpy(rep->div_disagree_first[d], first, sizeof first);
        }
    }
}

typedef struct code_count {
    const char *code;
    size_t n;
} code_count;

static int by_count(const void *x, const void *y)
{
    const code_count *a = x, *b = y;

    if (a->n != b->n)
        return a->n < b->n ? 1 : -1;
    return strcmp(a->code, b->code);
}

/* The n unknown codes with their respondents into buf, most respondents
 * first. */
static void list_unknown(char *buf, size_t len, const char *const *codes, const size_t *count,
                         size_t n)
{
    code_count *cc = jl_xmalloc((n ? n : 1) * sizeof *cc);
    size_t i, w = 0;

    for (i = 0; i < n; i++) {
        cc[i].code = codes[i];
        cc[i].n = count[i];
    }
    qsort(cc, n, sizeof *cc, by_count);
    buf[0] = '\0';
    for (i = 0; i < n && i < JL_UNKNOWN_LISTED && w < len; i++)
        w += (size_t)snprintf(buf + w, len - w, "%s%s (%zu)", i ? ", " : "", cc[i].code, cc[i].n);
    if (n > JL_UNKNOWN_LISTED && w < len)
        snprintf(buf + w, len - w, ", ...");
    jl_free(cc);
}

void jl_imp_count_areas(jl_import_report *rep, jl_store *st, const jl_respondents *r,
                        jl_err *err)
{
    size_t d, i;

    for (d = 0; d < r->ndiv && d < JL_MAX_AREA_COLUMNS; d++) {
        codes_ctx known = {jl_strmap_new(), NULL, 0, 0};
        jl_strmap *unknown = jl_strmap_new();
        const char **codes = NULL;
        size_t *count = NULL, cap = 0, cap2 = 0, k;

        jl_store_area_each(st, rep->div[d], add_code, &known, err);
        for (i = 0; i < r->n; i++) {
            const char *a = r->areas[i * r->ndiv + d];

            if (r->excluded && r->excluded[i])
                continue;
            if (!*a) {
                rep->div_missing[d]++;
                continue;
            }
            if (jl_strmap_get(known.m, a, NULL))
                continue;
            rep->div_unknown_resp[d]++;
            if (jl_strmap_put(unknown, a, rep->div_unknown_codes[d], &k)) {
                codes = jl_xgrow(codes, &cap, rep->div_unknown_codes[d] + 1, sizeof *codes);
                count = jl_xgrow(count, &cap2, rep->div_unknown_codes[d] + 1, sizeof *count);
                codes[rep->div_unknown_codes[d]] = a;
                count[rep->div_unknown_codes[d]++] = 1;
            } else
                count[k]++;
        }
        list_unknown(rep->div_unknown_list[d], sizeof rep->div_unknown_list[d], codes, count,
                     rep->div_unknown_codes[d]);
        check_parents(rep, st, r, d, &known);
        jl_free(codes);
        jl_free(count);
        codes_dispose(&known);
        jl_strmap_free(unknown);
    }
}
