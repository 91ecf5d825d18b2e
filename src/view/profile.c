#include "view/profile.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/strmap.h"
#include "survey/score.h"
#include "release/suppress.h"
#include "view/areas.h"
#include "view/survey.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


void jl_view_wave_dispose(jl_view_wave *a)
{
    jl_instrument_free(a->in);
    jl_respondents_dispose(&a->r);
    jl_free(a->status);
    memset(a, 0, sizeof *a);
}

/* Loads wave (by name, optionally with instrument) or, when w is given,
 * that wave; scores it with the chosen cut-offs. */
int jl_view_wave_load(jl_view_wave *a, jl_store *st, const char *wave, const char *instrument,
                      const char *cutset, const jl_wave_info *w, int with_excluded,
                      double **scores, double **ses, jl_err *err)
{
    int rc;

    memset(a, 0, sizeof *a);
    if (w)
        a->w = *w;
    else {
        rc = jl_store_wave_find(&a->w, st, wave, instrument, err);
        if (rc < 0)
            return rc;
    }
    rc = jl_view_instrument(&a->in, st, a->w.instrument, err);
    if (rc < 0)
        return rc;
    rc = jl_view_cutoffs(a->in, st, cutset, a->cutset, sizeof a->cutset, err);
    if (rc < 0)
        return rc;
    rc = jl_store_respondents_load(&a->r, st, &a->w, a->in->nitems, with_excluded, err);
    if (rc < 0)
        return rc;
    a->status = jl_xmalloc((a->r.n ? a->r.n : 1) * (a->in->nscales ? a->in->nscales : 1));
    if (scores) {
        *scores = jl_xmalloc((a->r.n ? a->r.n : 1) * a->in->nscales * sizeof(double));
        *ses = jl_xmalloc((a->r.n ? a->r.n : 1) * a->in->nscales * sizeof(double));
    }
    jl_score_all(a->in, a->r.answers, a->r.n, a->status, scores ? *scores : NULL,
                 ses ? *ses : NULL);
    return JL_OK;
}



static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

void jl_view_profile_dispose(jl_view_profile *p)
{
    size_t i;

    for (i = 0; p->codes && i < p->nareas; i++)
        jl_free(p->codes[i]);
    jl_free(p->codes);
    jl_free(p->division);
    jl_free(p->area);
    jl_counts_dispose(&p->counts);
    jl_counts_dispose(&p->city);
    memset(p, 0, sizeof *p);
}

/* A division the wave has no column for, above one it has: each
 * respondent's area is looked up through the areas' parent links
 * (mellanområde -> stadsområde). */
static int build_up(jl_view_profile *p, jl_store *st, const jl_view_wave *a, const char *division,
                    jl_err *err)
{
    const char *s = a->w.divisions;
    size_t d = 0, i, ncut = 0, nup = 0;
    jl_strmap *m = NULL, *seen;
    char **up = NULL;
    int rc = 0;

    for (;;) {
        const char *tab = strchr(s, '\t');
        char src[JL_MAX_ID + 1];

        snprintf(src, sizeof src, "%.*s", (int)(tab ? (size_t)(tab - s) : strlen(s)), s);
        rc = jl_view_parent_map(&up, &nup, &m, NULL, st, src, division, err);
        if (rc < 0)
            return rc;
        if (rc == 1) {
            p->division = jl_xstrdup(division);
            break;
        }
        if (!tab)
            return jl_err_set(err, JL_EINPUT,
                              _("wave %s has no area column for division %s, nor one below it"),
                              a->w.name, division);
        s = tab + 1;
        d++;
    }
    p->div = d;
    seen = jl_strmap_new();
    {
        size_t cap = 0;

        for (i = 0; i < nup; i++)
            if (jl_strmap_put(seen, up[i], p->nareas, NULL)) {
                p->codes = jl_xgrow(p->codes, &cap, p->nareas + 1, sizeof *p->codes);
                p->codes[p->nareas++] = jl_xstrdup(up[i]);
            }
    }
    qsort(p->codes, p->nareas, sizeof *p->codes, cmp_str);
    jl_strmap_free(seen);
    seen = jl_strmap_new();
    for (i = 0; i < p->nareas; i++)
        jl_strmap_put(seen, p->codes[i], i, NULL);
    p->area = jl_xmalloc((a->r.n ? a->r.n : 1) * sizeof *p->area);
    for (i = 0; i < a->r.n; i++) {
        const char *code = a->r.areas[i * a->r.ndiv + d];
        size_t k, v;

        p->area[i] = *code && jl_strmap_get(m, code, &k) && jl_strmap_get(seen, up[k], &v)
                         ? (int32_t)v
                         : -1;
        if (a->r.grade[i] >= 0)
            p->grade_present[a->r.grade[i]] = 1;
    }
    jl_strmap_free(seen);
    jl_strmap_free(m);
    for (i = 0; i < nup; i++)
        jl_free(up[i]);
    jl_free(up);
    for (i = 0; i < a->in->nscales; i++)
        if (a->in->scales[i].ncut > ncut)
            ncut = a->in->scales[i].ncut;
    jl_counts_build(&p->counts, p->area, a->r.grade, a->r.sex, a->status, a->r.n, p->nareas,
                    JL_NGRADES, JL_NSEXES, a->in->nscales, ncut);
    {
        int32_t *zero = jl_xcalloc(a->r.n ? a->r.n : 1, sizeof *zero);

        jl_counts_build(&p->city, zero, a->r.grade, a->r.sex, a->status, a->r.n, 1, JL_NGRADES,
                        JL_NSEXES, a->in->nscales, ncut);
        jl_free(zero);
    }
    return JL_OK;
}

int jl_view_profile_build(jl_view_profile *p, jl_store *st, const jl_view_wave *a,
                          const char *division, jl_err *err)
{
    const char *s = a->w.divisions;
    size_t d = 0, i, ncut = 0;
    jl_strmap *m;
    int32_t *zero;

    memset(p, 0, sizeof *p);
    if (!*s)
        return jl_err_set(err, JL_EINPUT, _("wave %s has no area columns"), a->w.name);
    for (;;) {
        const char *tab = strchr(s, '\t');
        size_t len = tab ? (size_t)(tab - s) : strlen(s);

        if (!division || (strlen(division) == len && !strncmp(division, s, len))) {
            p->division = jl_xstrndup(s, len);
            break;
        }
        if (!tab)
            return build_up(p, st, a, division, err);
        s = tab + 1;
        d++;
    }
    p->div = d;
    /* One pass collects the distinct codes and the grades present. */
    m = jl_strmap_new();
    {
        size_t cap = 0;

        for (i = 0; i < a->r.n; i++) {
            const char *code = a->r.areas[i * a->r.ndiv + d];

            if (*code && jl_strmap_put(m, code, p->nareas, NULL)) {
                p->codes = jl_xgrow(p->codes, &cap, p->nareas + 1, sizeof *p->codes);
                p->codes[p->nareas++] = jl_xstrdup(code);
            }
            if (a->r.grade[i] >= 0)
                p->grade_present[a->r.grade[i]] = 1;
        }
    }
    qsort(p->codes, p->nareas, sizeof *p->codes, cmp_str);
    jl_strmap_free(m);
    m = jl_strmap_new();
    for (i = 0; i < p->nareas; i++)
        jl_strmap_put(m, p->codes[i], i, NULL);
    p->area = jl_xmalloc((a->r.n ? a->r.n : 1) * sizeof *p->area);
    zero = jl_xcalloc(a->r.n ? a->r.n : 1, sizeof *zero);
    for (i = 0; i < a->r.n; i++) {
        size_t v;
        const char *code = a->r.areas[i * a->r.ndiv + d];

        p->area[i] = *code && jl_strmap_get(m, code, &v) ? (int32_t)v : -1;
    }
    jl_strmap_free(m);
    for (i = 0; i < a->in->nscales; i++)
        if (a->in->scales[i].ncut > ncut)
            ncut = a->in->scales[i].ncut;
    jl_counts_build(&p->counts, p->area, a->r.grade, a->r.sex, a->status, a->r.n, p->nareas,
                    JL_NGRADES, JL_NSEXES, a->in->nscales, ncut);
    /* The whole wave as one area: the city's own share for --norm city. */
    jl_counts_build(&p->city, zero, a->r.grade, a->r.sex, a->status, a->r.n, 1, JL_NGRADES,
                    JL_NSEXES, a->in->nscales, ncut);
    jl_free(zero);
    return JL_OK;
}

/* Makes the profile one of group name: its member areas as one area
 * named by the group (a cluster a city acts in). */
int jl_view_profile_group(jl_view_profile *p, jl_store *st, const jl_view_wave *a,
                          const char *name, jl_err *err)
{
    jl_strmap *members = NULL;
    size_t i, ncut = 0;
    int rc = jl_view_group(&members, st, name, p->division, err);

    if (rc < 0)
        return rc;
    for (i = 0; i < a->r.n; i++) {
        const char *code = a->r.areas[i * a->r.ndiv + p->div];

        p->area[i] = *code && jl_strmap_get(members, code, NULL) ? 0 : -1;
    }
    jl_strmap_free(members);
    for (i = 0; i < a->in->nscales; i++)
        if (a->in->scales[i].ncut > ncut)
            ncut = a->in->scales[i].ncut;
    jl_counts_dispose(&p->counts);
    jl_counts_build(&p->counts, p->area, a->r.grade, a->r.sex, a->status, a->r.n, 1, JL_NGRADES,
                    JL_NSEXES, a->in->nscales, ncut);
    for (i = 0; i < p->nareas; i++)
        jl_free(p->codes[i]);
    if (!p->codes)
        p->codes = jl_xmalloc(sizeof *p->codes);
    p->codes[0] = jl_xstrdup(name);
    p->nareas = 1;
    return JL_OK;
}


long jl_view_headline_of(const jl_scale *sc)
{
    size_t q;

    for (q = 0; q < sc->ncut; q++)
        if (sc->cut[q].headline)
            return (long)q;
    return -1;
}
