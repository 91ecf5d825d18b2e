/*
 * A corrected wave (sdc-security.md §1.3 d, the one-extra-respondent
 * attack): `survey import --replace` makes a new revision whose counts
 * differ from the published ones by the respondents the correction added
 * and removed. The releases of the old revision stay public, so whoever
 * reads both may learn those respondents' answers: 16 of 26 before and
 * 17 of 27 after say that the one added answered yes. audit_index.c
 * links each revision to the next (au_link); here the added and the
 * removed part of every group the releases speak of become protected
 * values, judged in audit.c (judge): where the part may be small, its k
 * and n_scored - k need a range of the protection, or of as many as the
 * part may hold where that is fewer (one added person's answer needs
 * [0, 1]: the reader must not learn it).
 */
#include "core/alloc.h"
#include "release/audit_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The index of set st (of another revision of w's wave) among w's sets:
 * every revision has every area's set (audit_index.c, area_sets). */
static size_t set_in(wave_ix *w, const aset *st)
{
    size_t *u = jl_xmalloc((st->n + 1) * sizeof *u), si;
    int added;

    memcpy(u, st->u, st->n * sizeof *u);
    si = jl_au_set(w, u, st->n, st->label, 0, &added);
    jl_free(u);
    return si;
}

int jl_au_published_elsewhere(au *a, size_t wi, size_t si, size_t g, size_t s, size_t sc,
                              size_t cut, char what)
{
    size_t wj;

    for (wj = 0; wj < a->nw; wj++) {
        if (wj == wi || strcmp(a->w[wj].name, a->w[wi].name))
            continue;
        if (!isnan(jl_au_published(a, wj, set_in(&a->w[wj], &a->w[wi].sets[si]), g, s, sc, cut,
                                   what)))
            return 1;
    }
    return 0;
}

/* The part blk of group (st, g, s, sc) of the link's layout: its
 * n_scored as the gate, its k and n_scored - k per cut-off as values. */
static void part(au *a, const au_link *l, size_t k, const aset *st, size_t g, size_t s,
                 size_t sc, const char *key, jl_audit_item *it)
{
    const wave_ix *wp = &a->w[l->wp];
    size_t gate, c, ns = 1 + sc, t;
    char tk[160];

    a->nexpr = 0;
    jl_au_expr_sum(a, wp, l->blk[k], st, g, s, ns, 1);
    snprintf(tk, sizeof tk, "DS|%s", key);
    gate = jl_au_target(a, tk);
    for (c = 0; c < wp->cuts[sc].n; c++) {
        size_t kv = 1 + wp->scales.n + wp->cut_off[sc] + c;

        it->cutoff = wp->cuts[sc].s[c];
        a->nexpr = 0;
        jl_au_expr_sum(a, wp, l->blk[k], st, g, s, kv, 1);
        snprintf(tk, sizeof tk, "DK|%s|%zu", key, c);
        t = jl_au_target(a, tk);
        it->what = JL_AUDIT_K;
        jl_au_item(a, it, t, gate, 0);
        a->items[a->nitems - 1].change = 1;
        a->nexpr = 0;
        jl_au_expr_sum(a, wp, l->blk[k], st, g, s, ns, 1);
        jl_au_expr_sum(a, wp, l->blk[k], st, g, s, kv, -1);
        snprintf(tk, sizeof tk, "DC|%s|%zu", key, c);
        t = jl_au_target(a, tk);
        it->what = JL_AUDIT_COMPLEMENT;
        jl_au_item(a, it, t, gate, 0);
        a->items[a->nitems - 1].change = 1;
    }
}

void jl_au_changes(au *a)
{
    jl_strmap *seen = jl_strmap_new();
    size_t li, k, r, i;

    for (li = 0; li < a->nlinks; li++)
        for (k = 0; k < 2; k++) {
            const au_link *l = &a->links[li];

            if (l->blk[k] == NONE)
                continue;
            for (r = 0; r < a->nrel; r++)
                for (i = 0; i < a->rel[r]->ncells; i++) {
                    const jl_rel_cell *c = &a->rel[r]->cells[i];
                    size_t wi = a->cwave[r][i], g, s, sc, si;
                    const wave_ix *w = &a->w[wi];
                    const aset *st = &w->sets[a->cset[r][i]];
                    jl_audit_item it;
                    char key[128];

                    if (wi != l->wp && wi != l->wn)
                        continue;
                    g = strcmp(c->grade, "T") ? jl_au_find(&w->grades, c->grade) : NONE;
                    s = strcmp(c->sex, "T") ? jl_au_find(&w->sexes, c->sex) : NONE;
                    sc = jl_au_find(&w->scales, c->scale);
                    si = set_in(&a->w[l->wp], st);
                    st = &w->sets[a->cset[r][i]]; /* set_in found it: nothing moved */
                    snprintf(key, sizeof key, "%zu|%zu|%zu|%zu|%zu|%zu", li, k, si, g, s, sc);
                    if (!jl_strmap_put(seen, key, 0, NULL))
                        continue;
                    memset(&it, 0, sizeof it);
                    it.release = r;
                    it.division = c->division;
                    it.area = c->area;
                    it.wave = c->wave;
                    it.grade = c->grade;
                    it.sex = c->sex;
                    it.scale = c->scale;
                    it.change = k ? 'r' : 'a';
                    it.revision = a->w[l->wn].rev;
                    part(a, l, k, st, g, s, sc, key, &it);
                }
        }
    jl_strmap_free(seen);
}
