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

static int index_waves(au *a)
{
    size_t r, i, idx;

    for (r = 0; r < a->nrel; r++) {
        if (a->rel[r]->min_n > a->min_n)
            a->min_n = a->rel[r]->min_n;
        for (i = 0; i < a->rel[r]->nwaves; i++) {
            const jl_rel_wave *rw = &a->rel[r]->waves[i];

            /* The attacker knows a margin adds up if any release says so. */
            if (jl_strmap_get(a->wmap, rw->name, &idx)) {
                a->w[idx].grade_complete |= rw->grade_complete;
                a->w[idx].sex_complete |= rw->sex_complete;
                continue;
            }
            jl_strmap_put(a->wmap, rw->name, a->nw, NULL);
            a->w = jl_xrealloc(a->w, (a->nw + 1) * sizeof *a->w);
            memset(&a->w[a->nw], 0, sizeof *a->w);
            a->w[a->nw].name = rw->name;
            a->w[a->nw].grade_complete = rw->grade_complete;
            a->w[a->nw].sex_complete = rw->sex_complete;
            a->w[a->nw].base = jl_strmap_new();
            a->w[a->nw].setmap = jl_strmap_new();
            a->nw++;
        }
    }
    return JL_OK;
}

/* A cell's wave, area and categories into the index (pass 0), or its
 * cut-off once the scales are known (pass 1). */
static int index_cell(au *a, size_t r, const jl_rel_cell *c, int pass, jl_err *err)
{
    size_t wi, ai, i;
    wave_ix *w;
    const jl_rel_area *ar;

    if (!jl_strmap_get(a->wmap, c->wave, &wi))
        return jl_err_at(err, JL_EINPUT, a->rel[r]->cells_path, c->line, 1,
                         _("wave %s is not among the manifest's waves"), c->wave);
    w = &a->w[wi];
    if (pass == 1) {
        jl_au_list_add(&w->cuts[jl_au_find(&w->scales, c->scale)], c->cutoff);
        return JL_OK;
    }
    if (!jl_strmap_get(a->amap, jl_arena_printf(a->arena, "%s\t%s", c->division, c->area), &ai))
        return jl_err_at(err, JL_EINPUT, a->rel[r]->cells_path, c->line, 1,
                         _("area %s of division %s is not in areas.csv"), c->area, c->division);
    ar = a->areas[ai];
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
                for (c = 0; c < w->per; c++)
                    (void)jl_lpmodel_var(a->m, INFINITY);
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

/* The sets of atoms of every area a wave's cells speak of. */
static void area_sets(au *a, size_t r, size_t ci)
{
    const jl_rel_cell *c = &a->rel[r]->cells[ci];
    size_t wi, ai, i, *u;
    wave_ix *w;
    const jl_rel_area *ar;
    size_t n, m;
    int added;

    jl_strmap_get(a->wmap, c->wave, &wi);
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
    jl_free(a->w);
    jl_free(a->areas);
    jl_free(a->area_rel);
    jl_strmap_free(a->wmap);
    jl_strmap_free(a->amap);
}
