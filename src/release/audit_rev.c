/*
 * A corrected wave (sdc-security.md §1.3 d, the one-extra-respondent
 * attack): `survey import --replace` makes a new revision whose counts
 * differ from the published ones by the respondents the correction added
 * and removed. The releases of the old revision stay public, so whoever
 * reads both may learn those respondents' answers: 16 of 26 before and
 * 17 of 27 after say that the one added answered yes. audit_index.c
 * links each revision to the next (au_link); here the added and the
 * removed part of every group — every set, areas and the derived groups
 * between them, by every grade, sex and scale, named by a cell or not —
 * become protected values, as the derived groups' are: the part's size
 * is a gate solved to its proven minimum; a part known to be empty or to
 * hold min_n or more (a group of its own) is not asked; any other needs
 * for its k and n_scored - k a range of the protection or of as many as
 * the part may hold where that is fewer (one added person's answer needs
 * [0, 1]: the reader must not learn it).
 *
 * A hidden count of one revision that another publishes lies within the
 * corrections' parts of the public one; it needs the range those parts
 * allow, up to the protection (jl_au_relax), not more: 16 of 26 published
 * and one added, the new count is 16 or 17 however it is hidden.
 */
#include "core/alloc.h"
#include "core/i18n.h"
#include "release/audit_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define TOL 1e-6

/* The index of set st (of another revision of w's wave) among w's sets:
 * every revision has every area's set (audit_index.c, area_sets) and
 * the derived groups are made per revision from those. NONE if missing. */
static size_t set_in(const wave_ix *w, const aset *st)
{
    char num[32], *k = jl_xmalloc(24 * (st->n + 1));
    size_t i, len = 0, si;

    k[0] = 0;
    for (i = 0; i < st->n; i++) {
        int m = snprintf(num, sizeof num, "%zu,", st->u[i]);

        memcpy(k + len, num, (size_t)m + 1);
        len += (size_t)m;
    }
    if (!jl_strmap_get(w->setmap, k, &si))
        si = NONE;
    jl_free(k);
    return si;
}

static void gate_key(char *buf, size_t cap, size_t li, size_t k, size_t si, size_t g, size_t s,
                     size_t sc)
{
    snprintf(buf, cap, "DS|%zu|%zu|%zu|%zu|%zu|%zu", li, k, si, g, s, sc);
}

void jl_au_change_gates(au *a)
{
    size_t li, k, si, g, s, sc;
    char key[160];

    for (li = 0; li < a->nlinks; li++)
        for (k = 0; k < 2; k++) {
            const au_link *l = &a->links[li];
            const wave_ix *w = &a->w[l->wp];

            if (l->blk[k] == NONE)
                continue;
            for (si = 0; si < w->nsets; si++)
                for (g = 0; g <= w->grades.n; g++)
                    for (s = 0; s <= w->sexes.n; s++)
                        for (sc = 0; sc < w->scales.n; sc++) {
                            size_t gi = g == w->grades.n ? NONE : g,
                                   sx = s == w->sexes.n ? NONE : s;
                            au_part *p;

                            /* a sole grade (sex) is its total; "none
                             * given" is a part as any other (the total
                             * less the grades leaves it) */
                            if ((gi != NONE && w->grades.n == 1 && !*w->grades.s[0]) ||
                                (sx != NONE && w->sexes.n == 1 && !*w->sexes.s[0]) ||
                                (gi == NONE && w->grades.n == 1 && *w->grades.s[0]) ||
                                (sx == NONE && w->sexes.n == 1 && *w->sexes.s[0]))
                                continue;
                            a->nexpr = 0;
                            jl_au_expr_sum(a, w, l->blk[k], &w->sets[si], gi, sx, 1 + sc, 1);
                            gate_key(key, sizeof key, li, k, si, gi, sx, sc);
                            a->parts = jl_xgrow(a->parts, &a->capparts, a->nparts + 1,
                                                sizeof *a->parts);
                            p = &a->parts[a->nparts++];
                            p->link = li;
                            p->k = k;
                            p->set = si;
                            p->g = gi;
                            p->s = sx;
                            p->sc = sc;
                            p->gate = jl_au_target(a, key);
                        }
        }
}

void jl_au_relax(au *a, size_t item, size_t wi, size_t si, size_t g, size_t s, size_t sc,
                 size_t cut, char what)
{
    size_t wj, li, k, best = NONE, gg = g, ss = s;
    const wave_ix *w = &a->w[wi];
    au_relax r;
    char key[160];

    /* the gates' names for a group (jl_au_change_gates): a sole real
     * category is its total's, a sole "everyone" the total */
    if (gg == NONE && w->grades.n == 1 && *w->grades.s[0])
        gg = 0;
    else if (gg != NONE && w->grades.n == 1 && !*w->grades.s[0])
        gg = NONE;
    if (ss == NONE && w->sexes.n == 1 && *w->sexes.s[0])
        ss = 0;
    else if (ss != NONE && w->sexes.n == 1 && !*w->sexes.s[0])
        ss = NONE;
    memset(&r, 0, sizeof r);
    r.item = item;
    for (wj = 0; wj < a->nw; wj++) {
        size_t sj, n = 0, gate[JL_AU_PATH];
        long lo, hi;
        int ok = 1;

        if (wj == wi || strcmp(a->w[wj].name, a->w[wi].name))
            continue;
        sj = set_in(&a->w[wj], &a->w[wi].sets[si]);
        /* 'C', the complement, is public where k and n_scored both are */
        if (sj == NONE ||
            isnan(jl_au_published(a, wj, sj, g, s, sc, cut, what == 'C' ? 'K' : what)) ||
            (what == 'C' && isnan(jl_au_published(a, wj, sj, g, s, sc, 0, 'S'))))
            continue;
        /* the corrections between the two revisions */
        lo = a->w[wi].rev < a->w[wj].rev ? a->w[wi].rev : a->w[wj].rev;
        hi = a->w[wi].rev < a->w[wj].rev ? a->w[wj].rev : a->w[wi].rev;
        for (li = 0; li < a->nlinks && ok; li++) {
            const au_link *l = &a->links[li];
            size_t sp, t;

            if (strcmp(a->w[l->wp].name, a->w[wi].name) || a->w[l->wp].rev < lo ||
                a->w[l->wn].rev > hi)
                continue;
            sp = set_in(&a->w[l->wp], &a->w[wi].sets[si]);
            for (k = 0; k < 2 && ok; k++) {
                if (l->blk[k] == NONE)
                    continue;
                gate_key(key, sizeof key, li, k, sp, gg, ss, sc);
                if (sp == NONE || n == JL_AU_PATH || !jl_strmap_get(a->tmap, key, &t))
                    ok = 0;
                else
                    gate[n++] = t;
            }
        }
        /* the shortest path; any path bounds the count */
        if (ok && (best == NONE || n < best)) {
            best = n;
            memcpy(r.gate, gate, n * sizeof *gate);
            r.ngate = n;
        }
    }
    if (best == NONE)
        return;
    if (best == 0) {
        a->items[item].public = 1; /* no correction between: the same count */
        return;
    }
    a->relax = jl_xgrow(a->relax, &a->caprelax, a->nrelax + 1, sizeof *a->relax);
    a->relax[a->nrelax++] = r;
}

/* At most how many the part of gate t may hold, or -1 when unbounded. */
static double most(const au *a, size_t t)
{
    const jl_bound *b = &a->bounds[t];

    if (b->status != JL_BOUND_OK || b->hi >= JL_BOUND_INF)
        return -1;
    return floor(b->hi + TOL);
}

/* The k and n_scored - k of part p, each an item needing need. */
static void part_values(au *a, const au_part *p, double need)
{
    const au_link *l = &a->links[p->link];
    const wave_ix *w = &a->w[l->wp];
    const aset *st = &w->sets[p->set];
    jl_audit_item it;
    size_t c, ns = 1 + p->sc, t, i;
    char key[160];

    memset(&it, 0, sizeof it);
    jl_au_set_name(&it, a, st);
    it.wave = w->name;
    it.grade = p->g == NONE ? "T" : w->grades.s[p->g];
    it.sex = p->s == NONE ? "T" : w->sexes.s[p->s];
    it.scale = w->scales.s[p->sc];
    it.change = p->k ? 'r' : 'a';
    it.revision = a->w[l->wn].rev;
    for (c = 0; c < w->cuts[p->sc].n; c++) {
        size_t kv = 1 + w->scales.n + w->cut_off[p->sc] + c;

        it.cutoff = w->cuts[p->sc].s[c];
        for (i = 0; i < 2; i++) {
            a->nexpr = 0;
            if (i == 1)
                jl_au_expr_sum(a, w, l->blk[p->k], st, p->g, p->s, ns, 1);
            jl_au_expr_sum(a, w, l->blk[p->k], st, p->g, p->s, kv, i ? -1 : 1);
            snprintf(key, sizeof key, "D%c|%zu|%zu|%zu|%zu|%zu|%zu|%zu", i ? 'C' : 'K', p->link,
                     p->k, p->set, p->g, p->s, p->sc, c);
            t = jl_au_target(a, key);
            it.what = i ? JL_AUDIT_COMPLEMENT : JL_AUDIT_K;
            jl_au_item(a, &it, t, p->gate, 0);
            a->items[a->nitems - 1].change = 1;
            a->items[a->nitems - 1].need = need;
        }
    }
}

/* Bounds again every target of an item needing v, with v as the
 * protection: the solver proves a range by the integer programme only
 * where it is near the protection it is given. */
static int solve_need(au *a, double v, jl_err *err)
{
    size_t i, n = 0, *which = jl_xmalloc((a->nitems + 1) * sizeof *which);
    size_t *from = jl_xmalloc((a->m->ntargets + 1) * sizeof *from);
    jl_bound *b;
    jl_solve_opts so;
    int rc;

    for (i = 0; i < a->m->ntargets; i++)
        from[i] = NONE;
    for (i = 0; i < a->nitems; i++) {
        const au_item *x = &a->items[i];

        if (x->need == v && !x->public && from[x->target] == NONE) {
            from[x->target] = n;
            which[n++] = x->target;
        }
    }
    memset(&so, 0, sizeof so);
    so.protection = v;
    so.time_limit_ms = a->o->time_limit_ms;
    so.test_die_after = a->o->test_die_after;
    b = jl_xmalloc((n + 1) * sizeof *b);
    rc = n ? jl_solve_bounds_split(b, a->m, which, n, &so, err) : JL_OK;
    for (i = 0; rc == 0 && i < a->nitems; i++) {
        au_item *x = &a->items[i];

        if (x->need == v && !x->public) {
            x->nb = b[from[x->target]];
            x->has_nb = 1;
        }
    }
    jl_free(which);
    jl_free(from);
    jl_free(b);
    return rc;
}

int jl_au_change_values(au *a, jl_err *err)
{
    double prot = a->o->protection > 0 ? a->o->protection : JL_AUDIT_PROTECTION, v;
    size_t i, j;
    int rc = JL_OK;

    for (i = 0; i < a->nparts; i++) {
        const jl_bound *g = &a->bounds[a->parts[i].gate];
        double m = most(a, a->parts[i].gate);

        /* empty, or a group of its own (proven: the gate's minimum) */
        if (g->status == JL_BOUND_OK && (g->hi < 0.5 || (g->lo_exact && g->lo >= (double)a->min_n)))
            continue;
        part_values(a, &a->parts[i], m >= 0 && m < prot ? m : prot);
    }
    for (i = 0; i < a->nrelax; i++) {
        const au_relax *r = &a->relax[i];
        double sum = 0;

        for (j = 0; j < r->ngate && sum >= 0; j++)
            sum = most(a, r->gate[j]) < 0 ? -1 : sum + most(a, r->gate[j]);
        if (sum < 0 || sum >= prot)
            continue;
        if (sum < 0.5)
            a->items[r->item].public = 1; /* nothing changed there */
        else
            a->items[r->item].need = sum;
    }
    a->bounds = jl_xrealloc(a->bounds, (a->m->ntargets + 1) * sizeof *a->bounds);
    for (i = 0; rc == 0 && i < a->nitems; i++) {
        const au_item *x = &a->items[i];

        if (x->need > 0 && !x->has_nb && !x->public) {
            v = x->need;
            rc = solve_need(a, v, err);
        }
    }
    return rc;
}
