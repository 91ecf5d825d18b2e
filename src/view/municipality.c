#include "view/municipality.h"
#include "core/alloc.h"
#include "core/limits.h"
#include "core/strmap.h"
#include "view/areas.h"

#include <stdio.h>
#include <string.h>

static int digit(char c)
{
    return c >= '0' && c <= '9';
}

int jl_view_muni_code(char *out, const char *code, int bare)
{
    size_t i;

    *out = '\0';
    for (i = 0; i < JL_MUNI_LEN; i++)
        if (!digit(code[i]))
            return 0;
    /* County 01-25: the first two digits of every kommunkod. */
    if ((code[0] == '0' && code[1] == '0') || code[0] > '2' || (code[0] == '2' && code[1] > '5'))
        return 0;
    if (code[JL_MUNI_LEN] == '\0') {
        if (!bare)
            return 0;
    } else {
        /* DeSO 1480C1010, RegSO 1480R001: a capital letter, then digits. */
        const char *p = code + JL_MUNI_LEN + 1;

        if (code[JL_MUNI_LEN] < 'A' || code[JL_MUNI_LEN] > 'Z' || !*p)
            return 0;
        for (; *p; p++)
            if (!digit(*p))
                return 0;
    }
    memcpy(out, code, JL_MUNI_LEN);
    out[JL_MUNI_LEN] = '\0';
    return 1;
}

typedef struct parent_ctx {
    char id[JL_MAX_ID + 1];
    int found;
} parent_ctx;

static void parent_row(void *ctx, const jl_store_division *d)
{
    parent_ctx *p = ctx;

    snprintf(p->id, sizeof p->id, "%s", d->parent);
    p->found = 1;
}

/* The division above div into up ("" at the top). */
static int parent_of(char *up, jl_store *st, const char *div, jl_err *err)
{
    parent_ctx p;
    int rc;

    memset(&p, 0, sizeof p);
    rc = jl_store_division_get(st, div, parent_row, &p, err);
    if (rc == JL_ENOTFOUND) {
        jl_err_clear(err);
        rc = 0;
    }
    snprintf(up, JL_MAX_ID + 1, "%s", p.id);
    return rc < 0 ? rc : 0;
}

/* Fills the unknown ones of muni from the areas of division up that
 * the codes lie in. */
static int from_above(char (*muni)[JL_MUNI_LEN + 1], jl_store *st, const char *div,
                      const char *up, char *const *codes, size_t n, jl_err *err)
{
    char **to = NULL;
    jl_strmap *map = NULL;
    size_t nto = 0, i, k;
    int rc = jl_view_parent_map(&to, &nto, &map, NULL, st, div, up, err);

    for (i = 0; rc == 1 && i < n; i++)
        if (!*muni[i] && jl_strmap_get(map, codes[i], &k) && to[k])
            jl_view_muni_code(muni[i], to[k], 1);
    for (i = 0; i < nto; i++)
        jl_free(to[i]);
    jl_free(to);
    jl_strmap_free(map);
    return rc < 0 ? rc : 0;
}

int jl_view_muni_of(char (*muni)[JL_MUNI_LEN + 1], jl_store *st, const char *div,
                    char *const *codes, size_t n, jl_err *err)
{
    char up[JL_MAX_ID + 1];
    size_t i, unknown = 0, depth;
    int rc;

    for (i = 0; i < n; i++)
        unknown += !jl_view_muni_code(muni[i], codes[i], 0);
    rc = parent_of(up, st, div, err);
    for (depth = 0; rc == 0 && unknown && *up && depth < JL_MAX_PARENT_DEPTH; depth++) {
        rc = from_above(muni, st, div, up, codes, n, err);
        if (rc == 0)
            rc = parent_of(up, st, up, err);
        for (unknown = 0, i = 0; i < n; i++)
            unknown += !*muni[i];
    }
    return rc;
}

typedef struct name_ctx {
    char *name;
    size_t len;
    int found;
} name_ctx;

static void name_row(void *ctx, const jl_store_area *a)
{
    name_ctx *x = ctx;

    snprintf(x->name, x->len, "%s", a->name);
    x->found = 1;
}

typedef struct divs_ctx {
    char ids[JL_MAX_DIVISIONS][JL_MAX_ID + 1];
    size_t n;
} divs_ctx;

static void div_row(void *ctx, const jl_store_division *d)
{
    divs_ctx *x = ctx;

    if (x->n < JL_MAX_DIVISIONS)
        snprintf(x->ids[x->n++], sizeof x->ids[0], "%s", d->id);
}

int jl_view_muni_name(char *name, size_t len, jl_store *st, const char *code, jl_err *err)
{
    divs_ctx *d = jl_xcalloc(1, sizeof *d);
    name_ctx x = {name, len, 0};
    size_t i;
    int rc;

    *name = '\0';
    rc = jl_store_division_each(st, div_row, d, err);
    for (i = 0; rc == 0 && i < d->n && !x.found; i++) {
        rc = jl_store_area_get(st, d->ids[i], code, name_row, &x, err);
        if (rc == JL_ENOTFOUND) {
            jl_err_clear(err);
            rc = 0;
        }
    }
    jl_free(d);
    return rc < 0 ? rc : 0;
}
