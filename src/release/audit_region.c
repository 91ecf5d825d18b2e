/*
 * The audit's derived groups (release/audit.h): the parts of two
 * overlapping published areas (the slivers of sdc-security.md §1.3 c),
 * and the respondents of an area who gave no grade (no sex), whom every
 * margin counts and no part publishes: a total and its published parts
 * leave them, as T minus girls and boys leaves those who answered the
 * sex question another way. Each group's n_scored is a gate, solved to
 * its proven minimum; where it may be small, its counts are asked for in
 * the second pass (audit.c).
 */
#include "core/alloc.h"
#include "release/audit_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void jl_au_set_name(jl_audit_item *it, au *a, const aset *st)
{
    const char *colon = strchr(st->label, ':');

    if (st->derived || !colon) {
        it->division = "derived";
        it->area = st->label;
        return;
    }
    it->division = jl_arena_printf(a->arena, "%.*s", (int)(colon - st->label), st->label);
    it->area = colon + 1;
}

/* A group of set si, grade gi and sex sx (NONE: the total), scale sc,
 * waiting in pl for its size: the gate, its lower bound -INFINITY until
 * the caller knows one. */
static pend *pending(au *a, size_t wi, size_t si, size_t gi, size_t sx, size_t sc, pends *pl)
{
    wave_ix *w = &a->w[wi];
    pend *p;

    pl->p = jl_xgrow(pl->p, &pl->cap, pl->n + 1, sizeof *pl->p);
    p = &pl->p[pl->n++];
    memset(p, 0, sizeof *p);
    p->q.w = w;
    p->q.st = &w->sets[si];
    p->set = si;
    p->q.g = gi;
    p->q.s = sx;
    p->q.sc = sc;
    jl_au_grp_key(&p->q, wi, si);
    jl_au_set_name(&p->it, a, &w->sets[si]);
    p->it.revision = w->rev; /* names it apart from another revision's */
    p->it.wave = w->name;
    p->it.grade = gi == NONE ? "T" : w->grades.s[gi];
    p->it.sex = sx == NONE ? "T" : w->sexes.s[sx];
    p->it.scale = w->scales.s[sc];
    p->gate = jl_au_ns_target(a, &p->q, &p->it, 1);
    a->lb = jl_xgrow(a->lb, &a->caplb, a->m->ntargets + 1, sizeof *a->lb);
    while (a->nlb < a->m->ntargets)
        a->lb[a->nlb++] = -INFINITY;
    return p;
}

/* The n_scored of every grade x sex x scale of derived set si, the part
 * of x and y that op selects. */
static void region_gates(au *a, size_t wi, size_t si, size_t x, size_t y, char op, pends *pl)
{
    wave_ix *w = &a->w[wi];
    size_t g, s, sc, *z = NULL, nz = jl_au_inside(w, si, NONE, &z);

    for (g = 0; g <= w->grades.n; g++)
        for (s = 0; s <= w->sexes.n; s++)
            for (sc = 0; sc < w->scales.n; sc++) {
                size_t gi = g == w->grades.n ? NONE : g, sx = s == w->sexes.n ? NONE : s;
                pend *p;

                /* a sole category "" is everyone, the margin itself; a
                 * "none given" beside others is a group (none_gates): its
                 * part of a sliver is the two areas' groups less each
                 * other */
                if ((gi != NONE && w->grades.n == 1 && !*w->grades.s[0]) ||
                    (sx != NONE && w->sexes.n == 1 && !*w->sexes.s[0]))
                    continue;
                p = pending(a, wi, si, gi, sx, sc, pl);
                a->lb[p->gate] = jl_au_inside_lb(a, wi, z, nz, gi, sx, sc);
                if (op == '-') {
                    double lb = jl_au_part_lb(a, wi, x, y, gi, sx, sc);

                    if (lb > a->lb[p->gate])
                        a->lb[p->gate] = lb;
                }
            }
    jl_free(z);
}

/* Adds the part of x and y (sorted units) that op selects: '&' both,
 * '-' x only. */
static void region(au *a, size_t wi, size_t x, size_t y, char op, pends *pl)
{
    wave_ix *w = &a->w[wi];
    const aset *sx = &w->sets[x], *sy = &w->sets[y];
    size_t *u = jl_xmalloc((sx->n + 1) * sizeof *u), n = 0, i, j = 0, si;
    int added;

    for (i = 0; i < sx->n; i++) {
        while (j < sy->n && sy->u[j] < sx->u[i])
            j++;
        if ((j < sy->n && sy->u[j] == sx->u[i]) == (op == '&'))
            u[n++] = sx->u[i];
    }
    if (n > 0) {
        const char *label = jl_arena_printf(a->arena, op == '&' ? "%s ∩ %s" : "%s ∖ %s",
                                            w->sets[x].label, w->sets[y].label);

        si = jl_au_set(w, u, n, label, 1, &added);
        if (added) {
            a->nderived++;
            region_gates(a, wi, si, x, y, op, pl);
        }
    }
    jl_free(u);
}

/* n_scored of "none given" in one coordinate of area si, from what is
 * published: the margin less its published parts (g NONE: the grade is
 * the one not given, s the sex; else the other way round); NAN unless
 * all of them are published. */
static double none_published(const au *a, size_t wi, size_t si, size_t g, size_t s, size_t sc)
{
    const wave_ix *w = &a->w[wi];
    const strlist *l = g == NONE ? &w->grades : &w->sexes;
    double v = jl_au_published(a, wi, si, g, s, sc, 0, 'S');
    size_t i;

    for (i = 0; i < l->n && !isnan(v); i++)
        if (*l->s[i])
            v -= jl_au_published(a, wi, si, g == NONE ? i : g, g == NONE ? s : i, sc, 0, 'S');
    return v;
}

/* The respondents of area si who gave no grade (no sex), per the other
 * category and scale: a group no cell publishes, which a margin less its
 * published parts leaves (those who answered the sex question another
 * way are in every total and in no breakdown by sex). Where what is
 * published gives its size, an empty one is no group and a large one
 * needs no solve. */
static void none_gates(au *a, size_t wi, size_t si, pends *pl)
{
    wave_ix *w = &a->w[wi];
    size_t g, s, sc;

    for (g = 0; g <= w->grades.n; g++)
        for (s = 0; s <= w->sexes.n; s++)
            for (sc = 0; sc < w->scales.n; sc++) {
                size_t gi = g == w->grades.n ? NONE : g, sx = s == w->sexes.n ? NONE : s;
                int ng = gi != NONE && !*w->grades.s[gi] && w->grades.n > 1,
                    ns = sx != NONE && !*w->sexes.s[sx] && w->sexes.n > 1;
                double v = NAN;
                pend *p;

                /* a category "none given" where others are given; a
                 * sole category is everyone, the margin itself */
                if ((!ng && !ns) || (gi != NONE && w->grades.n == 1) ||
                    (sx != NONE && w->sexes.n == 1))
                    continue;
                if (ng && !ns && (sx == NONE || *w->sexes.s[sx]))
                    v = none_published(a, wi, si, NONE, sx, sc);
                else if (ns && !ng && (gi == NONE || *w->grades.s[gi]))
                    v = none_published(a, wi, si, gi, NONE, sc);
                if (!isnan(v) && v < 0.5)
                    continue;
                p = pending(a, wi, si, gi, sx, sc, pl);
                if (!isnan(v))
                    a->lb[p->gate] = v;
            }
}

/* Every part of two overlapping published areas of a wave: the slivers
 * and intersections (sdc-security.md §1.3 c); and in every area, those
 * who gave no grade (sex). */
void jl_au_regions(au *a, pends *pl)
{
    size_t wi, x, y;

    for (wi = 0; wi < a->nw; wi++) {
        size_t n0 = a->w[wi].nsets;

        for (x = 0; x < n0; x++)
            if (!a->w[wi].sets[x].derived)
                none_gates(a, wi, x, pl);

        for (x = 0; x < n0; x++)
            for (y = x + 1; y < n0; y++) {
                region(a, wi, x, y, '&', pl);
                region(a, wi, x, y, '-', pl);
                region(a, wi, y, x, '-', pl);
            }
    }
}

