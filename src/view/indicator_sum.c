/*
 * What a resolved indicator says over its areas at its period: names,
 * the areas outside the division, each area's municipality and the city
 * it is compared with (its own municipality's, view/municipality.h),
 * ranks within it, trends, and what each city leaves out
 * (view/indicator_int.h).
 */
#include "view/indicator_int.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "view/municipality.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The areas of a division with their names. */
typedef struct names {
    jl_strmap *ix;
    char **name, **code;
    size_t n, cap, cap_code;
} names;

static void name_row(void *ctx, const jl_store_area *a)
{
    names *m = ctx;

    if (!jl_strmap_put(m->ix, a->code, m->n, NULL))
        return;
    m->name = jl_xgrow(m->name, &m->cap, m->n + 1, sizeof *m->name);
    m->code = jl_xgrow(m->code, &m->cap_code, m->n + 1, sizeof *m->code);
    m->name[m->n] = jl_xstrdup(a->name);
    m->code[m->n++] = jl_xstrdup(a->code);
}

static void names_dispose(names *nm)
{
    size_t k;

    for (k = 0; k < nm->n; k++) {
        jl_free(nm->name[k]);
        jl_free(nm->code[k]);
    }
    jl_free(nm->name);
    jl_free(nm->code);
    jl_strmap_free(nm->ix);
}

typedef struct by_code {
    const char *code;
    size_t a;
} by_code;

static int cmp_code(const void *x, const void *y)
{
    return strcmp(((const by_code *)x)->code, ((const by_code *)y)->code);
}

/* ---- municipalities ---- */

typedef char muni_code[JL_MUNI_LEN + 1];

static size_t muni_add(jl_view_indicator *v, size_t *cap, const char *code)
{
    size_t i;

    for (i = 0; i < v->nmuni; i++)
        if (!strcmp(v->muni[i].code, code))
            return i;
    v->muni = jl_xgrow(v->muni, cap, v->nmuni + 1, sizeof *v->muni);
    memset(&v->muni[v->nmuni], 0, sizeof *v->muni);
    snprintf(v->muni[v->nmuni].code, sizeof v->muni[0].code, "%s", code);
    v->muni[v->nmuni].city = NAN;
    return v->nmuni++;
}

static int cmp_muni(const void *x, const void *y)
{
    return strcmp(((const jl_view_ind_muni *)x)->code, ((const jl_view_ind_muni *)y)->code);
}

static size_t muni_find(const jl_view_indicator *v, const char *code)
{
    size_t i;

    for (i = 0; i < v->nmuni && strcmp(v->muni[i].code, code); i++)
        ;
    return i;
}

/* The municipality asked for (a code or a name), or an error naming those
 * there are. */
static int muni_want(size_t *out, const jl_view_indicator *v, const char *want, const char *div,
                     jl_err *err)
{
    char list[512];
    size_t i, used = 0;

    for (i = 0; i < v->nmuni; i++)
        if (*v->muni[i].code && (!strcmp(v->muni[i].code, want) ||
                                 (v->muni[i].name && !jl_utf8_casecmp(v->muni[i].name, want)))) {
            *out = i;
            return 0;
        }
    *list = '\0';
    for (i = 0; i < v->nmuni && used < sizeof list; i++)
        if (*v->muni[i].code)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s%s%s%s",
                                     used ? ", " : "", v->muni[i].code,
                                     v->muni[i].name ? " (" : "",
                                     v->muni[i].name ? v->muni[i].name : "",
                                     v->muni[i].name ? ")" : "");
    if (!*list)
        return jl_err_set(err, JL_EINPUT,
                          _("no municipality \"%s\": the area codes of %s do not say which "
                            "municipality they belong to"),
                          want, div);
    return jl_err_set(err, JL_ENOTFOUND,
                      _("no municipality \"%s\" among the areas of %s; there are: %s"), want, div,
                      list);
}

/* Each area's municipality and, with want, which are left out as of
 * another one; mm gets those of the map's codes. */
static int munis(size_t *pick, jl_view_indicator *v, muni_code *mm, jl_store *st,
                 const char *div, const names *nm, const char *want, jl_err *err)
{
    muni_code *ma = jl_xcalloc(v->na ? v->na : 1, sizeof *ma);
    char **codes = jl_xmalloc((v->na ? v->na : 1) * sizeof *codes);
    size_t a, i, cap = 0;
    int rc;

    for (a = 0; a < v->na; a++)
        codes[a] = v->area[a].code;
    rc = jl_view_muni_of(ma, st, div, codes, v->na, err);
    if (rc == 0)
        rc = jl_view_muni_of(mm, st, div, nm->code, nm->n, err);
    if (rc < 0)
        goto done;
    for (a = 0; a < v->na; a++)
        if (!v->area[a].outside)
            muni_add(v, &cap, ma[a]);
    for (i = 0; i < nm->n; i++)
        muni_add(v, &cap, mm[i]);
    if (!v->nmuni)
        muni_add(v, &cap, "");
    qsort(v->muni, v->nmuni, sizeof *v->muni, cmp_muni);
    for (i = 0; i < v->nmuni && rc == 0; i++)
        if (*v->muni[i].code) {
            char name[512];

            rc = jl_view_muni_name(name, sizeof name, st, v->muni[i].code, err);
            if (rc == 0 && *name)
                v->muni[i].name = jl_xstrdup(name);
        }
    *pick = v->nmuni;
    if (rc == 0 && want)
        rc = muni_want(pick, v, want, div, err);
    if (rc < 0)
        goto done;
    for (a = 0; a < v->na; a++) {
        v->area[a].muni = muni_find(v, ma[a]);
        if (v->area[a].muni == v->nmuni)
            v->area[a].muni = 0; /* outside: in no city */
        if (want && !v->area[a].outside && v->area[a].muni != *pick) {
            v->area[a].elsewhere = 1;
            v->elsewhere++;
        }
    }
done:
    jl_free(ma);
    jl_free(codes);
    return rc;
}

/* ---- the cities, ranks and trends ---- */

/* The latest period with a value in an area of the division: the parts
 * of a derived indicator may end in different periods, and the latest of
 * any part is then a period without a figure. The last one when none has
 * a value. */
static size_t latest_with_value(const jl_view_indicator *v)
{
    size_t p, a;

    for (p = v->np; p-- > 0;)
        for (a = 0; a < v->na; a++)
            if (!v->area[a].outside && !v->area[a].elsewhere && !isnan(v->value[a * v->np + p]))
                return p;
    return v->np - 1;
}

/* The change from the earliest period with a value (of the periods
 * asked for, with sel). */
static void trend_of(jl_view_ind_area *ar, const jl_view_indicator *v, const double *row,
                     double val)
{
    size_t i, p = v->np, n = v->sel ? v->nsel : v->np;

    ar->first = v->at;
    ar->change = NAN;
    ar->trend = JL_TREND_NONE;
    for (i = 0; i < n; i++) {
        p = v->sel ? v->sel[i] : i;
        if (!isnan(row[p]))
            break;
    }
    if (i == n)
        return;
    ar->first = p;
    if (ar->first == v->at || isnan(val))
        return;
    ar->change = val - row[p];
    ar->trend = ar->change == 0                      ? JL_TREND_UNCHANGED
                : !strcmp(v->def.better, "none")     ? (ar->change > 0 ? JL_TREND_UP
                                                                       : JL_TREND_DOWN)
                : (ar->change > 0) == !strcmp(v->def.better, "higher") ? JL_TREND_BETTER
                                                                       : JL_TREND_WORSE;
}

typedef struct ranked {
    size_t muni, a;
    double val;
} ranked;

static int cmp_ranked(const void *x, const void *y)
{
    const ranked *p = x, *q = y;

    if (p->muni != q->muni)
        return p->muni < q->muni ? -1 : 1;
    return (p->val < q->val) - (p->val > q->val);
}

/* Rank 1 is the best within the area's municipality: the highest where
 * higher is better; equal values share a rank. */
static void rank_all(jl_view_indicator *v)
{
    ranked *r;
    size_t a, n = 0, i, start = 0;
    int lower = !strcmp(v->def.better, "lower");

    if (strcmp(v->def.better, "higher") && !lower)
        return;
    r = jl_xmalloc((v->na ? v->na : 1) * sizeof *r);
    for (a = 0; a < v->na; a++) {
        double val = jl_view_indicator_value(v, a);

        if (!isnan(val)) {
            r[n].muni = v->area[a].muni;
            r[n].a = a;
            r[n++].val = lower ? -val : val;
        }
    }
    qsort(r, n, sizeof *r, cmp_ranked);
    for (i = 0; i < n; i++) {
        if (i && r[i].muni != r[i - 1].muni)
            start = i;
        v->area[r[i].a].rank =
            i > start && r[i].val == r[i - 1].val ? v->area[r[i - 1].a].rank : i - start + 1;
    }
    jl_free(r);
}

/* The division's areas without a value at the period, by code: those of
 * its map (nm), or the observed ones when it has none; each with its
 * municipality, those of another one than asked for left out. */
static void add_uncounted(jl_view_indicator *v, size_t *cap, const char *code, size_t m)
{
    size_t old = *cap;

    v->uncounted = jl_xgrow(v->uncounted, cap, v->nuncounted + 1, sizeof *v->uncounted);
    if (*cap != old)
        v->uncounted_muni = jl_xrealloc(v->uncounted_muni, *cap * sizeof *v->uncounted_muni);
    v->uncounted_muni[v->nuncounted] = m;
    v->uncounted[v->nuncounted++] = jl_xstrdup(code);
    v->muni[m].nuncounted++;
}

static void list_uncounted(jl_view_indicator *v, const names *nm, muni_code *mm,
                           size_t pick)
{
    size_t a, cap = 0;

    if (nm->n) {
        for (a = 0; a < nm->n; a++) {
            size_t m = muni_find(v, mm[a]);

            if (m < v->nmuni && (pick == v->nmuni || m == pick) &&
                isnan(jl_view_indicator_find(v, nm->code[a])))
                add_uncounted(v, &cap, nm->code[a], m);
        }
    } else
        for (a = 0; a < v->na; a++)
            if (!v->area[a].elsewhere && isnan(jl_view_indicator_value(v, a)))
                add_uncounted(v, &cap, v->area[a].code, v->area[a].muni);
    /* Sorted by code, their municipalities with them. */
    for (a = 1; a < v->nuncounted; a++) {
        size_t b = a;

        while (b > 0 && strcmp(v->uncounted[b - 1], v->uncounted[b]) > 0) {
            char *t = v->uncounted[b];
            size_t m = v->uncounted_muni[b];

            v->uncounted[b] = v->uncounted[b - 1];
            v->uncounted_muni[b] = v->uncounted_muni[b - 1];
            v->uncounted[b - 1] = t;
            v->uncounted_muni[b - 1] = m;
            b--;
        }
    }
}

/* Each municipality's leaves added up over its counted areas; v->city is
 * the one municipality's when the areas shown lie in one. */
static void cities(jl_view_indicator *v)
{
    double *sums = jl_xcalloc(v->nmuni * JL_MAX_FORMULA_LEAVES, sizeof *sums);
    size_t a, k, m, shown = 0, last = 0;

    for (a = 0; a < v->na; a++) {
        size_t at = a * v->np + v->at;
        jl_view_ind_muni *mu = &v->muni[v->area[a].muni];

        if (v->area[a].outside || v->area[a].elsewhere || isnan(v->value[at]))
            continue;
        for (k = 0; k < v->nleaves; k++)
            sums[v->area[a].muni * JL_MAX_FORMULA_LEAVES + k] +=
                v->part[at * v->nleaves + k];
        mu->counted++;
        v->counted++;
    }
    for (m = 0; m < v->nmuni; m++) {
        double *s = &sums[m * JL_MAX_FORMULA_LEAVES];

        if (v->all_additive && v->muni[m].counted)
            v->muni[m].city = v->x ? jl_expr_eval(v->x, s) : s[0];
        if (v->muni[m].counted || v->muni[m].nuncounted) {
            shown++;
            last = m;
        }
    }
    if (shown == 1)
        v->city = v->muni[last].city;
    jl_free(sums);
}

int jl_ind_summarise(jl_view_indicator *v, jl_store *st, const char *div, const char *want,
                     int latest, jl_err *err)
{
    muni_code *mm = NULL;
    by_code *bc = NULL;
    size_t a, k, pick;
    names nm;
    int rc;

    /* Only the division's own areas count when it has a map of them: a
     * national file imported into a city's division brings other cities'
     * codes along (kept, but not part of this city). */
    memset(&nm, 0, sizeof nm);
    nm.ix = jl_strmap_new();
    rc = jl_store_area_each(st, div, name_row, &nm, err);
    if (rc < 0)
        goto done;
    for (a = 0; a < v->na; a++) {
        jl_view_ind_area *ar = &v->area[a];

        if (jl_strmap_get(nm.ix, ar->code, &k))
            ar->name = jl_xstrdup(nm.name[k]);
        else if (nm.n) {
            ar->outside = 1;
            v->outside++;
        }
    }
    mm = jl_xcalloc(nm.n ? nm.n : 1, sizeof *mm);
    rc = munis(&pick, v, mm, st, div, &nm, want, err);
    if (rc < 0)
        goto done;
    if (latest)
        v->at = latest_with_value(v);
    /* Counted before the cities: a municipality whose areas have no
     * value at all is still one the table speaks of. */
    list_uncounted(v, &nm, mm, pick);
    cities(v);
    rank_all(v);
    bc = jl_xmalloc((v->na ? v->na : 1) * sizeof *bc);
    for (a = 0; a < v->na; a++) {
        trend_of(&v->area[a], v, &v->value[a * v->np], jl_view_indicator_value(v, a));
        bc[a].code = v->area[a].code;
        bc[a].a = a;
    }
    qsort(bc, v->na, sizeof *bc, cmp_code);
    v->by_code = jl_xmalloc((v->na ? v->na : 1) * sizeof *v->by_code);
    for (a = 0; a < v->na; a++)
        v->by_code[a] = bc[a].a;
done:
    names_dispose(&nm);
    jl_free(mm);
    jl_free(bc);
    return rc;
}
