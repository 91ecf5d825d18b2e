#include "view/indicator_import.h"
#include "view/areas.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/strmap.h"
#include "core/text.h"
#include "indicator/def.h"
#include "indicator/obs.h"

#include <stdio.h>
#include <string.h>

/* ---- define ---- */

typedef struct known_ctx {
    jl_store *st;
    jl_err *err;
    int found;
    jl_strmap *memo; /* id -> answer + 1: one query per indicator, not per row */
} known_ctx;

static void found_row(void *ctx, const jl_store_indicator *d)
{
    known_ctx *k = ctx;

    /* 1 defined, 2 derived (has a formula). */
    k->found = *d->formula ? 2 : 1;
}

static int lookup(void *ctx, const char *id)
{
    known_ctx *k = ctx;
    size_t v;

    if (k->memo && jl_strmap_get(k->memo, id, &v))
        return (int)v - 1;
    k->found = 0;
    {
        /* Not found is an answer here, not an error. */
        jl_err e = JL_ERR_INIT;

        if (jl_store_indicator_get(k->st, id, found_row, k, &e) < 0 && e.code != JL_ENOTFOUND)
            *k->err = e;
    }
    if (!k->memo)
        k->memo = jl_strmap_new();
    jl_strmap_put(k->memo, id, (size_t)k->found + 1, NULL);
    return k->found;
}


/* The database's formulas: id and formula of each derived indicator. */
typedef struct formulas {
    char **p; /* id, formula, id, formula, ... */
    size_t n, cap;
} formulas;

static void formula_row(void *ctx, const jl_store_indicator *d)
{
    formulas *f = ctx;

    if (!*d->formula)
        return;
    f->p = jl_xgrow(f->p, &f->cap, f->n + 2, sizeof *f->p);
    f->p[f->n++] = jl_xstrdup(d->id);
    f->p[f->n++] = jl_xstrdup(d->formula);
}

/* An indicator that formulas of the database use must stay something a
 * formula can use: one without a formula of its own (a formula over a
 * derived indicator is never evaluated, and one that led back would be a
 * cycle). Formulas redefined by the file itself were checked with it. */
static int check_users(jl_diag *d, jl_store *st, const jl_indicator *v, size_t n, jl_err *err)
{
    formulas f;
    size_t i, j, k;
    int rc;

    memset(&f, 0, sizeof f);
    rc = jl_store_indicator_each(st, formula_row, &f, err);
    for (i = 0; rc == 0 && i < n; i++) {
        char users[400];
        size_t w = 0, nu = 0;
        int cut = 0;

        if (!v[i].formula)
            continue;
        users[0] = '\0';
        for (j = 0; j < f.n; j += 2) {
            jl_expr *x;
            char msg[256];
            size_t at;

            for (k = 0; k < n && strcmp(v[k].id, f.p[j]); k++)
                ;
            if (k < n || jl_expr_parse(&x, f.p[j + 1], msg, sizeof msg, &at) < 0)
                continue;
            for (k = 0; k < jl_expr_nrefs(x) && strcmp(jl_expr_ref(x, k), v[i].id); k++)
                ;
            if (k < jl_expr_nrefs(x)) {
                if (w + strlen(f.p[j]) + 8 < sizeof users)
                    w += (size_t)snprintf(users + w, sizeof users - w, "%s%s", nu ? ", " : "",
                                          f.p[j]);
                else if (!cut) {
                    w += (size_t)snprintf(users + w, sizeof users - w, "%s...", nu ? ", " : "");
                    cut = 1;
                }
                nu++;
            }
            jl_expr_free(x);
        }
        if (nu)
            jl_diag_add(d, v[i].line, 1,
                        _("indicator %s is used in the formulas of %s: expected it without a "
                          "formula, found one"),
                        v[i].id, users);
    }
    for (j = 0; j < f.n; j++)
        jl_free(f.p[j]);
    jl_free(f.p);
    return rc;
}

/* The definitions as the store keeps them. */
static int store_all(jl_store *st, const jl_indicator *v, size_t n, jl_err *err)
{
    size_t i;
    int rc = jl_store_begin(st, err);

    for (i = 0; i < n && rc == 0; i++) {
        jl_store_indicator s;

        memset(&s, 0, sizeof s);
        s.id = v[i].id;
        s.name = v[i].name;
        s.name_en = v[i].name_en;
        s.unit = v[i].unit;
        s.kind = jl_ind_kind_name(v[i].kind);
        s.better = jl_better_name(v[i].better);
        s.formula = v[i].formula;
        s.theme = v[i].theme;
        s.goal = v[i].goal;
        s.source = v[i].source;
        s.licence = v[i].licence;
        s.note = v[i].note;
        rc = jl_store_indicator_put(st, &s, err);
    }
    if (rc < 0) {
        jl_store_rollback(st);
        return rc;
    }
    return jl_store_commit(st, err);
}

int jl_indicators_define(size_t *ndef, jl_store *st, const char *path, jl_diag *d, jl_err *err)
{
    jl_indicator *v = NULL;
    size_t n = 0, len;
    char *text = NULL;
    known_ctx k = {st, err, 0, NULL};
    int rc;

    *ndef = 0;
    rc = jl_text_load(&text, &len, NULL, path, JL_ENC_UTF8, err);
    if (rc < 0)
        return rc;
    rc = jl_indicators_parse(&v, &n, text, len, d, lookup, &k);
    jl_strmap_free(k.memo);
    jl_free(text);
    if (rc == 0)
        rc = check_users(d, st, v, n, err);
    if (rc == 0 && d->n)
        rc = JL_EINPUT;
    if (rc == 0)
        rc = store_all(st, v, n, err);
    if (rc == 0)
        *ndef = n;
    jl_indicators_free(v, n);
    return rc;
}

/* ---- import ---- */

static int read_set(jl_obs_set *set, const jl_obs_import_req *req, known_ctx *k, jl_err *err)
{
    switch (req->as) {
    case JL_OBS_WIDE:
        return jl_obs_read_wide(set, req->path, req->division, req->map, lookup, k, err);
    case JL_OBS_LONG:
        return jl_obs_read_long(set, req->path, req->division, lookup, k, err);
    case JL_OBS_KOLADA:
        return jl_obs_read_kolada(set, req->path, req->division, req->map, lookup, k, err);
    case JL_OBS_JSONSTAT:
        break;
    }
    return jl_obs_read_jsonstat(set, req->path, req->division, req->map, req->select, lookup, k,
                                err);
}

/* Codes the division does not know are kept and counted, as survey
 * imports do: the areas may be imported later (or never: DeSO 2018 has no
 * maps here). The first few are named: a code changed between versions of
 * a division (DeSO 2018 -> 2025) shows here. */
static int count_unknown(jl_obs_import_report *rep, jl_store *st, const char *div,
                         const jl_obs_set *set, jl_err *err)
{
    jl_strmap *areas = NULL, *seen = jl_strmap_new();
    size_t i, w = 0;
    int rc = jl_view_area_codes(&areas, st, div, err);

    for (i = 0; rc == 0 && jl_strmap_size(areas) > 0 && i < set->n; i++)
        if (!jl_strmap_get(areas, set->o[i].area, NULL) &&
            jl_strmap_put(seen, set->o[i].area, 0, NULL)) {
            if (rep->unknown < JL_OBS_LISTED && w < sizeof rep->listed)
                w += (size_t)snprintf(rep->listed + w, sizeof rep->listed - w, "%s%s",
                                      rep->unknown ? " " : "", set->o[i].area);
            rep->unknown++;
        }
    jl_strmap_free(seen);
    jl_strmap_free(areas);
    return rc;
}

int jl_obs_import(jl_obs_import_report *rep, jl_store *st, const jl_obs_import_req *req,
                  jl_err *err)
{
    known_ctx k = {st, err, 0, NULL};
    jl_obs_set set;
    size_t i;
    int rc, have_areas;

    memset(rep, 0, sizeof *rep);
    rc = read_set(&set, req, &k, err);
    jl_strmap_free(k.memo);
    if (rc < 0)
        return rc;
    have_areas = rc = jl_store_division_exists(st, req->division, err);
    if (rc > 0)
        rc = count_unknown(rep, st, req->division, &set, err);
    if (rc >= 0)
        rc = jl_store_begin(st, err);
    if (rc < 0)
        goto done;
    if (have_areas == 0)
        rc = jl_store_division_put(st, req->division, req->division, NULL, err);
    if (rc == 0)
        rc = jl_store_observations_put(st, set.o, set.n, err);
    if (rc < 0)
        jl_store_rollback(st);
    else
        rc = jl_store_commit(st, err);
    if (rc == 0) {
        rep->n = set.n;
        for (i = 0; i < set.n; i++)
            rep->nstatus[!strcmp(set.o[i].status, "ok")           ? 0
                         : !strcmp(set.o[i].status, "missing")    ? 1
                         : !strcmp(set.o[i].status, "suppressed") ? 2
                                                                  : 3]++;
    }
done:
    jl_obs_set_dispose(&set);
    return rc;
}
