/*
 * Lower bounds of a group's n_scored from what a release publishes, with
 * no solver (the audit's gates, audit.c): most groups the audit asks
 * about are large, and these bounds prove it without an LP each.
 */
#include "core/alloc.h"
#include "release/audit_int.h"

#include <math.h>
#include <stdio.h>

/* A published n ('N', of g, s), n_scored ('S', of g, s, sc) or k ('K',
 * of g, s, sc, cut) of set si of wave wi; NAN when none is. */
double jl_au_published(const au *a, size_t wi, size_t si, size_t g, size_t s, size_t sc,
                        size_t cut, char what)
{
    char key[128], gs[24] = "T", ss[24] = "T";
    size_t fi;

    if (g != NONE)
        snprintf(gs, sizeof gs, "%zu", g);
    if (s != NONE)
        snprintf(ss, sizeof ss, "%zu", s);
    if (what == 'N')
        snprintf(key, sizeof key, "N|%zu|%zu|%s|%s", wi, si, gs, ss);
    else if (what == 'S')
        snprintf(key, sizeof key, "S|%zu|%zu|%s|%s|%zu", wi, si, gs, ss, sc);
    else
        snprintf(key, sizeof key, "K|%zu|%zu|%s|%s|%zu|%zu", wi, si, gs, ss, sc, cut);
    return jl_strmap_get(a->facts, key, &fi) ? a->fval[fi] : (double)NAN;
}

/* A lower bound of the n_scored of (g, s, sc) in the part x ∖ y, with
 * no solver: what x publishes, less the least of what y publishes for a
 * group that holds (g, s) (no part is larger than a group holding it,
 * nor an n_scored than its n; x ∖ y is x less x ∩ y, which y holds).
 * Every point of the attacker's model obeys it, so the solver's minimum
 * can only be higher. -INFINITY when x publishes none or y nothing
 * above. Most derived groups of a release are large this way (the whole
 * city less one area), and their minima need no solve. */
double jl_au_part_lb(const au *a, size_t wi, size_t x, size_t y, size_t g, size_t s, size_t sc)
{
    double lb = jl_au_published(a, wi, x, g, s, sc, 0, 'S'), ub = INFINITY, v;
    int i;

    if (isnan(lb))
        return -INFINITY;
    for (i = 0; i < 8; i++) {
        size_t gg = (i & 1) ? NONE : g, ss = (i & 2) ? NONE : s;

        v = jl_au_published(a, wi, y, gg, ss, sc, 0, (i & 4) ? 'N' : 'S');
        if (!isnan(v) && v < ub)
            ub = v;
    }
    return lb - ub;
}

/* Areas inside set si other than skip, disjoint, the largest first, into
 * *out (the caller's to free); returns how many. */
size_t jl_au_inside(const wave_ix *w, size_t si, size_t skip, size_t **out)
{
    const aset *p = &w->sets[si];
    unsigned char *mark = jl_xcalloc(w->nb + 1, 1); /* 1: in the part; 2: taken */
    size_t *ord = jl_xmalloc((w->nsets + 1) * sizeof *ord), n = 0, m = 0, i, j;

    for (i = 0; i < p->n; i++)
        mark[p->u[i]] = 1;
    for (i = 0; i < w->nsets; i++) {
        if (w->sets[i].derived || w->sets[i].n == 0 || i == skip)
            continue;
        for (j = n++; j > 0 && w->sets[ord[j - 1]].n < w->sets[i].n; j--)
            ord[j] = ord[j - 1];
        ord[j] = i;
    }
    for (i = 0; i < n; i++) {
        const aset *z = &w->sets[ord[i]];

        for (j = 0; j < z->n && mark[z->u[j]] == 1; j++)
            ;
        if (j < z->n)
            continue;
        for (j = 0; j < z->n; j++)
            mark[z->u[j]] = 2;
        ord[m++] = ord[i];
    }
    jl_free(mark);
    *out = ord;
    return m;
}

/* A lower bound of the n_scored of (g, s, sc) in a part, with no
 * solver: what the disjoint areas z[0..nz-1] inside it publish (their
 * n_scored, else their largest k, which it is at least). */
double jl_au_inside_lb(const au *a, size_t wi, const size_t *z, size_t nz, size_t g, size_t s,
                        size_t sc)
{
    const wave_ix *w = &a->w[wi];
    double sum = 0, v, kv;
    size_t i, cut;

    for (i = 0; i < nz; i++) {
        v = jl_au_published(a, wi, z[i], g, s, sc, 0, 'S');
        if (isnan(v))
            for (v = 0, cut = 0; cut < w->cuts[sc].n; cut++)
                if (!isnan(kv = jl_au_published(a, wi, z[i], g, s, sc, cut, 'K')) && kv > v)
                    v = kv;
        sum += v;
    }
    return sum;
}

/* A lower bound of the n_scored of (g, s, sc) in area si, with no
 * solver, from its parts by grade (where g is the total) or by sex
 * (where s is): each part's n_scored, else its k (inside_lb). */
double jl_au_parts_lb(const au *a, size_t wi, size_t si, size_t g, size_t s, size_t sc)
{
    const wave_ix *w = &a->w[wi];
    double best = -INFINITY, sum;
    size_t i;

    if (g == NONE) {
        for (i = 0, sum = 0; i < w->grades.n; i++)
            sum += jl_au_inside_lb(a, wi, &si, 1, i, s, sc);
        best = sum;
    }
    if (s == NONE) {
        for (i = 0, sum = 0; i < w->sexes.n; i++)
            sum += jl_au_inside_lb(a, wi, &si, 1, g, i, sc);
        if (sum > best)
            best = sum;
    }
    return best;
}
