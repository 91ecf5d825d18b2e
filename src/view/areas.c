#include "view/areas.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/limits.h"

#include <stdio.h>
#include <string.h>

static void add_code(void *ctx, const jl_store_area *a)
{
    jl_strmap_put(ctx, a->code, 0, NULL);
}

int jl_view_area_codes(jl_strmap **out, jl_store *st, const char *division, jl_err *err)
{
    *out = jl_strmap_new();
    return jl_store_area_each(st, division, add_code, *out, err);
}

typedef struct group_ctx {
    char *division;
    jl_strmap *m;
} group_ctx;

static void group_members(void *ctx, const jl_store_group *g)
{
    group_ctx *out = ctx;
    size_t i;

    out->division = jl_xstrdup(g->division);
    out->m = jl_strmap_new();
    for (i = 0; i < g->n; i++)
        jl_strmap_put(out->m, g->codes[i], 0, NULL);
}

int jl_view_group(jl_strmap **members, jl_store *st, const char *name, const char *division,
                  jl_err *err)
{
    group_ctx g = {NULL, NULL};
    int rc;

    *members = NULL;
    rc = jl_store_group_get(st, name, group_members, &g, err);
    if (rc == JL_ENOTFOUND)
        return jl_err_hint(err, JL_HINT_GROUP_CREATE);
    if (rc < 0)
        return rc;
    if (division && strcmp(division, g.division))
        rc = jl_err_set(err, JL_EINPUT, _("group %s is a group of %s, not of %s"), name,
                        g.division, division);
    else {
        *members = g.m;
        g.m = NULL;
    }
    jl_strmap_free(g.m);
    jl_free(g.division);
    return rc;
}

typedef struct up_ctx {
    jl_strmap *ix;
    char **parent, **code; /* code: the area itself, in row order */
    size_t n, cap, ccap;
} up_ctx;

static void up_row(void *ctx, const jl_store_area *a)
{
    up_ctx *u = ctx;

    if (!*a->parent)
        return;
    u->parent = jl_xgrow(u->parent, &u->cap, u->n + 1, sizeof *u->parent);
    u->code = jl_xgrow(u->code, &u->ccap, u->n + 1, sizeof *u->code);
    u->parent[u->n] = jl_xstrdup(a->parent);
    u->code[u->n] = jl_xstrdup(a->code);
    jl_strmap_put(u->ix, a->code, u->n++, NULL);
}

static void up_dispose(up_ctx *u)
{
    size_t i;

    for (i = 0; i < u->n; i++) {
        jl_free(u->parent[i]);
        if (u->code)
            jl_free(u->code[i]);
    }
    jl_free(u->parent);
    jl_free(u->code);
    jl_strmap_free(u->ix);
    memset(u, 0, sizeof *u);
}

static void divp_row(void *ctx, const jl_store_division *d)
{
    snprintf(ctx, JL_MAX_ID + 1, "%s", d->parent);
}

/* The parent division of id into cur (replacing id there): 1, or 0 when
 * id is unknown or has no parent. */
static int step_up(char cur[JL_MAX_ID + 1], jl_store *st, jl_err *err)
{
    char parent[JL_MAX_ID + 1] = "";
    int rc = jl_store_division_get(st, cur, divp_row, parent, err);

    if (rc == JL_ENOTFOUND) {
        jl_err_clear(err);
        return 0;
    }
    if (rc < 0)
        return rc;
    if (!*parent)
        return 0;
    snprintf(cur, JL_MAX_ID + 1, "%s", parent);
    return 1;
}

int jl_view_division_above(jl_store *st, const char *upper, const char *lower, jl_err *err)
{
    char cur[JL_MAX_ID + 1];
    size_t depth;
    int rc = 1;

    snprintf(cur, sizeof cur, "%s", lower);
    for (depth = 0; rc == 1 && depth <= JL_MAX_PARENT_DEPTH; depth++) {
        if (!strcmp(cur, upper))
            return 1;
        rc = step_up(cur, st, err);
    }
    return rc < 0 ? rc : 0;
}

int jl_view_parent_map(char ***codes, size_t *n, jl_strmap **map, char ***from, jl_store *st,
                       const char *src, const char *dst, jl_err *err)
{
    char chain[JL_MAX_PARENT_DEPTH][JL_MAX_ID + 1], cur[JL_MAX_ID + 1];
    size_t depth = 0, i, j;
    up_ctx first, step;
    int rc;

    *map = NULL;
    *codes = NULL;
    *n = 0;
    if (from)
        *from = NULL;
    snprintf(cur, sizeof cur, "%s", src);
    /* The chain of parent divisions from src up to dst. */
    while (strcmp(cur, dst)) {
        if (depth == JL_MAX_PARENT_DEPTH)
            return jl_err_set(err, JL_ELIMIT,
                              _("expected parent links from %s to reach %s within %d levels, "
                                "found more (limit JL_MAX_PARENT_DEPTH; a loop of parents?)"),
                              src, dst, JL_MAX_PARENT_DEPTH);
        snprintf(chain[depth++], sizeof chain[0], "%s", cur);
        rc = step_up(cur, st, err);
        if (rc <= 0)
            return rc;
    }
    if (strcmp(cur, dst) || depth == 0)
        return 0;
    memset(&first, 0, sizeof first);
    first.ix = jl_strmap_new();
    rc = jl_store_area_each(st, chain[0], up_row, &first, err);
    for (j = 1; j < depth && rc == 0; j++) {
        memset(&step, 0, sizeof step);
        step.ix = jl_strmap_new();
        rc = jl_store_area_each(st, chain[j], up_row, &step, err);
        for (i = 0; i < first.n && rc == 0; i++) {
            size_t k;

            if (jl_strmap_get(step.ix, first.parent[i], &k)) {
                jl_free(first.parent[i]);
                first.parent[i] = jl_xstrdup(step.parent[k]);
            }
        }
        up_dispose(&step);
    }
    if (rc < 0) {
        up_dispose(&first);
        return rc;
    }
    *map = first.ix;
    *codes = first.parent;
    *n = first.n;
    if (from)
        *from = first.code;
    else {
        for (i = 0; i < first.n; i++)
            jl_free(first.code[i]);
        jl_free(first.code);
    }
    return 1;
}

