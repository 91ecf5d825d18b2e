/*
 * The audit's index: waves with their grade, sex, scale and cut-off
 * categories, base units, the sets of base units areas are, and the
 * attacker's variables (release/audit_int.h).
 */
#include "core/alloc.h"
#include "core/i18n.h"
#include "release/audit_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t jl_au_find(const strlist *l, const char *s)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        if (!strcmp(l->s[i], s))
            return i;
    return NONE;
}

void jl_au_list_add(strlist *l, const char *s)
{
    if (jl_au_find(l, s) != NONE)
        return;
    l->s = jl_xgrow(l->s, &l->cap, l->n + 1, sizeof *l->s);
    l->s[l->n++] = s;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int cmp_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;

    return a < b ? -1 : a > b;
}

/* Sorted, so that the model is the same whatever order the rows come in. */
static void list_sort(strlist *l)
{
    if (l->n)
        qsort(l->s, l->n, sizeof *l->s, cmp_str);
}

size_t jl_au_var(const wave_ix *w, size_t b, size_t g, size_t s, size_t off)
{
    return w->v0 + ((b * w->grades.n + g) * w->sexes.n + s) * w->per + off;
}

size_t jl_au_set(wave_ix *w, size_t *u, size_t n, const char *label, int derived, int *added)
{
    char key[64];
    size_t i, len = 0, idx, cap = 16;
    char *k = jl_xmalloc(cap);

    qsort(u, n, sizeof *u, cmp_size);
    k[0] = 0;
    for (i = 0; i < n; i++) {
        int m = snprintf(key, sizeof key, "%zu,", u[i]);

        k = jl_xgrow(k, &cap, len + (size_t)m + 1, 1);
        memcpy(k + len, key, (size_t)m + 1);
        len += (size_t)m;
    }
    *added = 0;
    if (!jl_strmap_get(w->setmap, k, &idx)) {
        idx = w->nsets;
        jl_strmap_put(w->setmap, k, idx, NULL);
        w->sets = jl_xgrow(w->sets, &w->capsets, w->nsets + 1, sizeof *w->sets);
        w->sets[idx].u = jl_xmalloc((n ? n : 1) * sizeof *u);
        memcpy(w->sets[idx].u, u, n * sizeof *u);
        w->sets[idx].n = n;
        w->sets[idx].label = label;
        w->sets[idx].derived = derived;
        w->nsets++;
        *added = 1;
    }
    jl_free(k);
    return idx;
}

static int same_units(const jl_rel_area *x, const jl_rel_area *y)
{
    size_t i, j;

    if (strcmp(x->base_division, y->base_division))
        return 0;
    for (i = 0; i < x->nbase; i++) {
        for (j = 0; j < y->nbase && strcmp(x->base[i], y->base[j]); j++)
            ;
        if (j == y->nbase)
            return 0;
    }
    for (j = 0; j < y->nbase; j++) {
        for (i = 0; i < x->nbase && strcmp(x->base[i], y->base[j]); i++)
            ;
        if (i == x->nbase)
            return 0;
    }
    return 1;
}

/* Every area once; an area exported twice must be the same base units. */
static int index_areas(au *a, jl_err *err)
{
    size_t r, i, idx;

    for (r = 0; r < a->nrel; r++)
        for (i = 0; i < a->rel[r]->nareas; i++) {
            const jl_rel_area *ar = &a->rel[r]->areas[i];
            char *key = jl_arena_printf(a->arena, "%s\t%s", ar->division, ar->code);

            if (jl_strmap_get(a->amap, key, &idx)) {
                if (same_units(a->areas[idx], ar))
                    continue;
                return jl_err_at(err, JL_EINPUT, a->rel[r]->areas_path, ar->line, 1,
                                 _("area %s of division %s is other base units than at %s:%ld"),
                                 ar->code, ar->division, a->rel[a->area_rel[idx]]->areas_path,
                                 a->areas[idx]->line);
            }
            jl_strmap_put(a->amap, key, a->nareas, NULL);
            a->areas = jl_xrealloc(a->areas, (a->nareas + 1) * sizeof *a->areas);
            a->area_rel = jl_xrealloc(a->area_rel, (a->nareas + 1) * sizeof *a->area_rel);
            a->areas[a->nareas] = ar;
            a->area_rel[a->nareas++] = r;
        }
    return JL_OK;
}

static long rev_of(const jl_rel_wave *rw)
{
    return rw->revision > 0 ? rw->revision : 1;
}

/* A wave's revisions are waves of their own (their counts differ), over
 * one index: the same categories, base units and atoms (index_cell), so
 * that links() can say how each count changed from one to the next. */
static int index_waves(au *a)
{
    size_t r, i, j, idx;

    a->rwave = jl_xcalloc(a->nrel + 1, sizeof *a->rwave);
    for (r = 0; r < a->nrel; r++) {
        if (a->rel[r]->min_n > a->min_n)
            a->min_n = a->rel[r]->min_n;
        a->rwave[r] = jl_xcalloc(a->rel[r]->nwaves + 1, sizeof **a->rwave);
        for (i = 0; i < a->rel[r]->nwaves; i++) {
            const jl_rel_wave *rw = &a->rel[r]->waves[i];
            const char *key = jl_arena_printf(a->arena, "%s\t%ld", rw->name, rev_of(rw));

            if (!jl_strmap_get(a->wmap, key, &idx)) {
                idx = a->nw;
                jl_strmap_put(a->wmap, key, a->nw, NULL);
                a->w = jl_xrealloc(a->w, (a->nw + 1) * sizeof *a->w);
                memset(&a->w[a->nw], 0, sizeof *a->w);
                a->w[a->nw].name = rw->name;
                a->w[a->nw].rev = rev_of(rw);
                a->w[a->nw].base = jl_strmap_new();
                a->w[a->nw].setmap = jl_strmap_new();
                a->nw++;
            }
            a->rwave[r][i] = idx;
            /* The attacker knows a margin adds up if any release of the
             * revision says so. */
            a->w[idx].own_grade_complete |= rw->grade_complete;
            a->w[idx].own_sex_complete |= rw->sex_complete;
        }
    }
    /* One layout for every revision: a "none given" category where any
     * revision lacks a grade (a sex), empty in those that do not
     * (variables()). */
    for (i = 0; i < a->nw; i++) {
        a->w[i].grade_complete = a->w[i].sex_complete = 1;
        for (j = 0; j < a->nw; j++)
            if (!strcmp(a->w[i].name, a->w[j].name)) {
                a->w[i].grade_complete &= a->w[j].own_grade_complete;
                a->w[i].sex_complete &= a->w[j].own_sex_complete;
            }
    }
    return JL_OK;
}

size_t jl_au_cell_wave(const au *a, size_t r, const char *wave)
{
    size_t j;

    for (j = 0; j < a->rel[r]->nwaves; j++)
        if (!strcmp(a->rel[r]->waves[j].name, wave))
            return a->rwave[r][j];
    return NONE;
}

/* A cell's wave, area and categories into the index (pass 0), or its
 * cut-off once the scales are known (pass 1). */
static int index_cell(au *a, size_t r, const jl_rel_cell *c, int pass, jl_err *err)
{
    size_t wi, ai, i, wj;
    const jl_rel_area *ar = NULL;

    wi = jl_au_cell_wave(a, r, c->wave);
    if (wi == NONE)
        return jl_err_at(err, JL_EINPUT, a->rel[r]->cells_path, c->line, 1,
                         _("wave %s is not among the manifest's waves"), c->wave);
    if (pass == 0) {
        if (!jl_strmap_get(a->amap, jl_arena_printf(a->arena, "%s\t%s", c->division, c->area),
                           &ai))
            return jl_err_at(err, JL_EINPUT, a->rel[r]->cells_path, c->line, 1,
                             _("area %s of division %s is not in areas.csv"), c->area,
                             c->division);
        ar = a->areas[ai];
    }
    /* into every revision of the wave, in the same order */
    for (wj = 0; wj < a->nw; wj++) {
        wave_ix *w = &a->w[wj];

        if (strcmp(w->name, a->w[wi].name))
            continue;
        if (pass == 1) {
            jl_au_list_add(&w->cuts[jl_au_find(&w->scales, c->scale)], c->cutoff);
            continue;
        }
        if (strcmp(c->grade, "T"))
            jl_au_list_add(&w->grades, c->grade);
        if (strcmp(c->sex, "T"))
            jl_au_list_add(&w->sexes, c->sex);
        jl_au_list_add(&w->scales, c->scale);
        for (i = 0; i < ar->nbase; i++) {
            char *key = jl_arena_printf(a->arena, "%s\t%s", ar->base_division, ar->base[i]);

            if (jl_strmap_put(w->base, key, w->nb, NULL))
                w->nb++;
        }
    }
    return JL_OK;
}

/* A margin over grade adds up when every respondent has a grade; else
 * the parts get one more category, "none given", that the margin counts
 * and no published part does. A wave published without a breakdown has
 * one category, everyone. */
static void categories(strlist *l, int complete)
{
    int had = l->n > 0;

    list_sort(l);
    if (!had || !complete)
        jl_au_list_add(l, "");
}

/* The variables of wave w: per base unit x grade x sex, respondents n,
 * then n_scored per scale, then k per scale and cut-off, with the
 * structure every respondent obeys: k <= n_scored <= n. */
static void variables(au *a, wave_ix *w)
{
    size_t b, g, s, sc, c;
    double pm[2] = {1, -1};

    w->cut_off = jl_xcalloc(w->scales.n + 1, sizeof *w->cut_off);
    for (sc = 0; sc < w->scales.n; sc++) {
        list_sort(&w->cuts[sc]);
        w->cut_off[sc] = w->nkc;
        w->nkc += w->cuts[sc].n;
    }
    w->per = 1 + w->scales.n + w->nkc;
    w->v0 = a->m->nvars;
    for (b = 0; b < w->nb; b++)
        for (g = 0; g < w->grades.n; g++)
            for (s = 0; s < w->sexes.n; s++)
                for (c = 0; c < w->per; c++) {
                    /* "none given" in a revision where everyone has one
                     * (another revision of the wave lacks it): nobody */
                    int none = (w->own_grade_complete && !*w->grades.s[g] && w->grades.n > 1) ||
                               (w->own_sex_complete && !*w->sexes.s[s] && w->sexes.n > 1);

                    (void)jl_lpmodel_var(a->m, none ? 0 : INFINITY);
                }
    for (b = 0; b < w->nb; b++)
        for (g = 0; g < w->grades.n; g++)
            for (s = 0; s < w->sexes.n; s++)
                for (sc = 0; sc < w->scales.n; sc++) {
                    size_t ns = jl_au_var(w, b, g, s, 1 + sc), v[2] = {ns, jl_au_var(w, b, g, s, 0)};

                    jl_lpmodel_row(a->m, v, pm, 2, -INFINITY, 0);
                    for (c = 0; c < w->cuts[sc].n; c++) {
                        v[0] = jl_au_var(w, b, g, s, 1 + w->scales.n + w->cut_off[sc] + c);
                        v[1] = ns;
                        jl_lpmodel_row(a->m, v, pm, 2, -INFINITY, 0);
                    }
                }
}

/* What the releases say revision rev of wave name changed: *added and
 * *removed. 0 when none says, -1 (err set) when two say otherwise. */
static int change_of(const au *a, const char *name, long rev, long *added, long *removed,
                     jl_err *err)
{
    size_t r, i, j, first = NONE;

    for (r = 0; r < a->nrel; r++)
        for (i = 0; i < a->rel[r]->nwaves; i++) {
            const jl_rel_wave *rw = &a->rel[r]->waves[i];

            if (strcmp(rw->name, name))
                continue;
            for (j = 0; j < rw->nchanges; j++) {
                const jl_rel_change *c = &rw->changes[j];

                if (c->revision != rev)
                    continue;
                if (first == NONE) {
                    first = r;
                    *added = c->added;
                    *removed = c->removed;
                } else if (c->added != *added || c->removed != *removed)
                    return jl_err_set(err, JL_EINPUT,
                                      _("wave %s: the manifests in %s and %s say different "
                                        "things of what revision %ld changed"),
                                      name, a->rel[first]->dir, a->rel[r]->dir, rev);
            }
        }
    return first != NONE;
}

/* Rows lo <= x[v0 + i] - x[v1 + i] <= hi, or with v1 NONE x[v0 + i]
 * alone, for every variable i of a block of wave w's layout. */
static void block_rows(au *a, size_t nv, size_t v0, size_t v1, double lo, double hi)
{
    size_t i, v[2];
    double pm[2] = {1, -1};

    for (i = 0; i < nv; i++) {
        v[0] = v0 + i;
        v[1] = v1 == NONE ? 0 : v1 + i;
        jl_lpmodel_row(a->m, v, pm, v1 == NONE ? 1 : 2, lo, hi);
    }
}

/* The structure every respondent obeys (k <= n_scored <= n) in the block
 * at v0, or in the block at v0 less the block at v1 (v1 NONE: none). */
static void block_structure(au *a, const wave_ix *w, size_t v0, size_t v1)
{
    size_t b, g, s, sc, c, v[4];
    double co[4] = {1, -1, -1, 1};

    for (b = 0; b < w->nb; b++)
        for (g = 0; g < w->grades.n; g++)
            for (s = 0; s < w->sexes.n; s++)
                for (sc = 0; sc < w->scales.n; sc++) {
                    size_t base = jl_au_var(w, b, g, s, 0) - w->v0, ns = base + 1 + sc;

                    for (c = 0; c <= w->cuts[sc].n; c++) {
                        /* c == 0: n_scored <= n; then k <= n_scored */
                        size_t hi = c ? ns : base,
                               lo = c ? base + 1 + w->scales.n + w->cut_off[sc] + c - 1 : ns;

                        v[0] = v0 + lo;
                        v[1] = v0 + hi;
                        if (v1 == NONE) {
                            jl_lpmodel_row(a->m, v, co, 2, -INFINITY, 0);
                            continue;
                        }
                        v[2] = v1 + lo;
                        v[3] = v1 + hi;
                        jl_lpmodel_row(a->m, v, co, 4, -INFINITY, 0);
                    }
                }
}

/* Links revision p of a wave to its next published revision n: every
 * count of n is the count of p, less those removed, plus those added,
 * each a block of non-negative counts in the same layout, whose
 * respondents number at most what the manifests say the corrections in
 * between added (removed); those kept obey k <= n_scored <= n as well. */
static int link(au *a, size_t p, size_t n, jl_err *err)
{
    const wave_ix *wp = &a->w[p], *wn = &a->w[n];
    size_t nv = wp->nb * wp->grades.n * wp->sexes.n * wp->per, k, i;
    au_link *l;
    long rev, ad, rm;

    a->links = jl_xrealloc(a->links, (a->nlinks + 1) * sizeof *a->links);
    l = &a->links[a->nlinks++];
    memset(l, 0, sizeof *l);
    l->wp = p;
    l->wn = n;
    for (rev = wp->rev + 1; rev <= wn->rev; rev++) {
        int rc = change_of(a, wp->name, rev, &ad, &rm, err);

        if (rc < 0)
            return rc;
        if (rc == 0)
            return jl_err_set(err, JL_EINPUT,
                              _("wave %s: releases of revisions %ld and %ld are audited "
                                "together, but no manifest says how many respondents revision "
                                "%ld added and removed (its \"changes\")"),
                              wp->name, wp->rev, wn->rev, rev);
        l->most[0] += ad;
        l->most[1] += rm;
    }
    for (k = 0; k < 2; k++) {
        l->blk[k] = NONE;
        if (l->most[k] == 0)
            continue;
        l->blk[k] = a->m->nvars;
        for (i = 0; i < nv; i++)
            (void)jl_lpmodel_var(a->m, (double)l->most[k]);
        block_structure(a, wp, l->blk[k], NONE);
    }
    /* n - p - added + removed = 0 */
    for (i = 0; i < nv; i++) {
        size_t v[4];
        double co[4] = {1, -1, -1, 1};
        size_t m = 2;

        v[0] = wn->v0 + i;
        v[1] = wp->v0 + i;
        if (l->blk[0] != NONE) {
            v[m] = l->blk[0] + i;
            co[m++] = -1;
        }
        if (l->blk[1] != NONE) {
            v[m] = l->blk[1] + i;
            co[m++] = 1;
        }
        jl_lpmodel_row(a->m, v, co, m, 0, 0);
    }
    if (l->blk[1] != NONE) {
        /* those kept: p less those removed */
        block_rows(a, nv, wp->v0, l->blk[1], 0, INFINITY);
        block_structure(a, wp, wp->v0, l->blk[1]);
    }
    for (k = 0; k < 2; k++) {
        size_t b, g, s, m = 0, *v;
        double *one;

        if (l->blk[k] == NONE)
            continue;
        v = jl_xmalloc((wp->nb * wp->grades.n * wp->sexes.n + 1) * sizeof *v);
        one = jl_xmalloc((wp->nb * wp->grades.n * wp->sexes.n + 1) * sizeof *one);
        for (b = 0; b < wp->nb; b++)
            for (g = 0; g < wp->grades.n; g++)
                for (s = 0; s < wp->sexes.n; s++) {
                    v[m] = l->blk[k] + jl_au_var(wp, b, g, s, 0) - wp->v0;
                    one[m++] = 1;
                }
        jl_lpmodel_row(a->m, v, one, m, 0, (double)l->most[k]);
        jl_free(v);
        jl_free(one);
    }
    return JL_OK;
}

/* Each published revision of a wave linked to the next one published. */
static int links(au *a, jl_err *err)
{
    size_t i, j, next;
    int rc = JL_OK;

    for (i = 0; i < a->nw && rc == 0; i++) {
        next = NONE;
        for (j = 0; j < a->nw; j++)
            if (!strcmp(a->w[i].name, a->w[j].name) && a->w[j].rev > a->w[i].rev &&
                (next == NONE || a->w[j].rev < a->w[next].rev))
                next = j;
        if (next != NONE)
            rc = link(a, i, next, err);
    }
    return rc;
}

/* The atoms of each wave: base units that lie in exactly the same areas
 * of the wave's cells are one unknown. Nothing published tells them
 * apart, so the attacker's bounds are the same (any counts of the atom
 * can be split among its base units, all to one of them say, and every
 * row still holds), and the model is smaller: a release of mellanområden
 * over primärområden has one atom per mellanområde, not one unknown per
 * primärområde (on the demo, 36 instead of 96, 7,000 variables instead of
 * 18,700). Every area is a union of atoms, and so is every part of two. */
static void atoms(au *a)
{
    size_t wi, r, i, j, b;

    for (wi = 0; wi < a->nw; wi++) {
        wave_ix *w = &a->w[wi];
        unsigned char *in = jl_xcalloc(a->nareas + 1, 1);
        char **sig = jl_xcalloc(w->nb + 1, sizeof *sig);
        size_t *len = jl_xcalloc(w->nb + 1, sizeof *len), *cap = jl_xcalloc(w->nb + 1, sizeof *cap);
        jl_strmap *seen = jl_strmap_new();
        size_t ai, n = 0;

        for (r = 0; r < a->nrel; r++)
            for (i = 0; i < a->rel[r]->ncells; i++) {
                const jl_rel_cell *c = &a->rel[r]->cells[i];

                if (!strcmp(c->wave, w->name) &&
                    jl_strmap_get(a->amap,
                                  jl_arena_printf(a->arena, "%s\t%s", c->division, c->area), &ai))
                    in[ai] = 1;
            }
        for (ai = 0; ai < a->nareas; ai++) {
            const jl_rel_area *ar = a->areas[ai];
            char num[32];
            int m = snprintf(num, sizeof num, "%zu,", ai);

            for (j = 0; in[ai] && j < ar->nbase; j++) {
                if (!jl_strmap_get(w->base,
                                   jl_arena_printf(a->arena, "%s\t%s", ar->base_division, ar->base[j]),
                                   &b))
                    continue;
                sig[b] = jl_xgrow(sig[b], &cap[b], len[b] + (size_t)m + 1, 1);
                memcpy(sig[b] + len[b], num, (size_t)m + 1);
                len[b] += (size_t)m;
            }
        }
        w->atom = jl_xmalloc((w->nb + 1) * sizeof *w->atom);
        for (b = 0; b < w->nb; b++) {
            size_t id;

            if (!jl_strmap_get(seen, sig[b] ? sig[b] : "", &id)) {
                id = n++;
                jl_strmap_put(seen, sig[b] ? sig[b] : "", id, NULL);
            }
            w->atom[b] = id;
            jl_free(sig[b]);
        }
        w->nb = n;
        jl_strmap_free(seen);
        jl_free(sig);
        jl_free(len);
        jl_free(cap);
        jl_free(in);
    }
}

/* The sets of atoms of every area a wave's cells speak of, in every
 * revision of the wave: what one revision publishes of an area bounds
 * the next within what changed, and its slivers with the next one's
 * areas are groups of the next. */
static void area_sets(au *a, size_t r, size_t ci)
{
    const jl_rel_cell *c = &a->rel[r]->cells[ci];
    size_t wi, wj, ai, i, *u;
    wave_ix *w;
    const jl_rel_area *ar;
    size_t n, m;
    int added;

    wi = jl_au_cell_wave(a, r, c->wave);
    jl_strmap_get(a->amap, jl_arena_printf(a->arena, "%s\t%s", c->division, c->area), &ai);
    w = &a->w[wi];
    ar = a->areas[ai];
    u = jl_xmalloc((ar->nbase + 1) * sizeof *u);
    for (i = 0, n = 0; i < ar->nbase; i++) {
        size_t b;

        jl_strmap_get(w->base, jl_arena_printf(a->arena, "%s\t%s", ar->base_division, ar->base[i]),
                      &b);
        u[n++] = w->atom[b];
    }
    /* atoms once each */
    if (n)
        qsort(u, n, sizeof *u, cmp_size);
    for (i = 0, m = 0; i < n; i++)
        if (m == 0 || u[i] != u[m - 1])
            u[m++] = u[i];
    a->cwave[r][ci] = wi;
    a->cset[r][ci] = jl_au_set(w, u, m,
                               jl_arena_printf(a->arena, "%s:%s", ar->division, ar->code), 0,
                               &added);
    for (wj = 0; added && wj < a->nw; wj++) {
        int other;

        if (wj != wi && !strcmp(a->w[wj].name, w->name))
            (void)jl_au_set(&a->w[wj], u, m, a->w[wi].sets[a->cset[r][ci]].label, 0, &other);
    }
    jl_free(u);
}

int jl_au_index(au *a, jl_err *err)
{
    size_t r, i, wi;
    int pass, rc;

    a->wmap = jl_strmap_new();
    a->amap = jl_strmap_new();
    rc = index_areas(a, err);
    if (rc == 0)
        rc = index_waves(a);
    for (pass = 0; pass < 2 && rc == 0; pass++) {
        for (r = 0; r < a->nrel && rc == 0; r++)
            for (i = 0; i < a->rel[r]->ncells && rc == 0; i++)
                rc = index_cell(a, r, &a->rel[r]->cells[i], pass, err);
        for (wi = 0; pass == 0 && wi < a->nw; wi++) {
            list_sort(&a->w[wi].scales);
            a->w[wi].cuts = jl_xcalloc(a->w[wi].scales.n + 1, sizeof *a->w[wi].cuts);
        }
    }
    if (rc < 0)
        return rc;
    atoms(a);
    for (wi = 0; wi < a->nw; wi++) {
        categories(&a->w[wi].grades, a->w[wi].grade_complete);
        categories(&a->w[wi].sexes, a->w[wi].sex_complete);
        variables(a, &a->w[wi]);
    }
    rc = links(a, err);
    if (rc < 0)
        return rc;
    a->cwave = jl_xcalloc(a->nrel, sizeof *a->cwave);
    a->cset = jl_xcalloc(a->nrel, sizeof *a->cset);
    for (r = 0; r < a->nrel; r++) {
        a->cwave[r] = jl_xmalloc((a->rel[r]->ncells + 1) * sizeof **a->cwave);
        a->cset[r] = jl_xmalloc((a->rel[r]->ncells + 1) * sizeof **a->cset);
        for (i = 0; i < a->rel[r]->ncells; i++)
            area_sets(a, r, i);
    }
    return JL_OK;
}

void jl_au_index_dispose(au *a)
{
    size_t wi, i;

    for (wi = 0; wi < a->nw; wi++) {
        wave_ix *w = &a->w[wi];

        jl_free(w->grades.s);
        jl_free(w->sexes.s);
        for (i = 0; i < w->scales.n; i++)
            jl_free(w->cuts[i].s);
        jl_free(w->scales.s);
        jl_free(w->cuts);
        jl_free(w->cut_off);
        jl_strmap_free(w->base);
        jl_free(w->atom);
        jl_strmap_free(w->setmap);
        for (i = 0; i < w->nsets; i++)
            jl_free(w->sets[i].u);
        jl_free(w->sets);
    }
    for (i = 0; a->cwave && i < a->nrel; i++) {
        jl_free(a->cwave[i]);
        jl_free(a->cset[i]);
    }
    jl_free(a->cwave);
    jl_free(a->cset);
    for (i = 0; a->rwave && i < a->nrel; i++)
        jl_free(a->rwave[i]);
    jl_free(a->rwave);
    jl_free(a->links);
    jl_free(a->w);
    jl_free(a->areas);
    jl_free(a->area_rel);
    jl_strmap_free(a->wmap);
    jl_strmap_free(a->amap);
}
