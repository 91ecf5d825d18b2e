/*
 * Secondary suppression, the hypercube pass (release/secondary_int.h),
 * before the structural pass: each protected unit gets the cheapest move
 * that keeps every published number as it is, after Repsilber's
 * hypercube method (GHMITER, tau-Argus): the counts of two base units
 * (one inside the unit's area, one outside, or the one alone), two grades
 * (or one) and two sexes (or one) change by +d and -d in a checkerboard,
 * so that every total over grade, sex and area that holds both of a pair
 * stays the same. The cells whose counts change are hidden; the others
 * stay as they are. Such a move is an integer point the attacker cannot
 * rule out, so the unit's range is at least how far the move can go both
 * ways: the cube is chosen to give it its need, at the least cost (the
 * respondents in the cells it hides), and a cube shares the cells hidden
 * already. The relation-by-relation greedy of the structural pass widens
 * one relation at a time and does not close such cycles: on a city of
 * small groups, the chain of complements it starts reached every cell.
 *
 * For a k (one scale's cut-off) the move changes k only: a count can fall
 * to 0 and rise to the nearest published count above it (n_scored, else
 * n). For the
 * size of a small group (its n_scored or n) the move changes n and every
 * scale's n_scored together with k left alone: a group can shrink until a
 * scale's n_scored meets its largest k, and grow freely; its whole group
 * of cells is hidden. What the pass leaves short, the structural pass and
 * the audit loop take on.
 */
#include "core/alloc.h"
#include "release/secondary_int.h"

#include <math.h>
#include <string.h>

/* A candidate move: base units b (+) and b2 (-, SX_NONE: none), grades
 * g[0] (+) and g[1] (-), sexes likewise (a second of each optional). */
typedef struct cube {
    size_t b, b2, g[2], ng, s[2], ns;
} cube;

typedef struct cube_ctx {
    sx *x;
    sx_wave *w;
    unsigned char *mem;  /* set x base unit: 1 if the set holds it */
    size_t *as, *aset;   /* base unit a's sets: aset[as[a] .. as[a+1]-1] */
    double *cov;         /* the range a cube applied gives each unit */
    int group;           /* 1: a move of n and every n_scored (sizes) */
    size_t kc;           /* else the cut-off of the k that moves */
} cube_ctx;

static int in_set(const cube_ctx *c, size_t t, size_t b)
{
    return b != SX_NONE && c->mem[t * c->w->natoms + b];
}

/* +1, -1 or 0: how category i moves when the categories in sup[0..n-1]
 * move by +1 and -1 (i == total: their sum). */
static int fac(size_t i, size_t total, const size_t *sup, size_t n)
{
    if (i == total)
        return n == 1 ? 1 : 0;
    if (i == sup[0])
        return 1;
    return n == 2 && i == sup[1] ? -1 : 0;
}

static double big_or(double v)
{
    return isnan(v) ? SX_BIG : v;
}

/* How far a k unit can fall and rise: to 0, and up to the nearest
 * published count above it (its n_scored, else its group's n: k <=
 * n_scored <= n), as the structural pass's limits; where neither is
 * published, the group's size can move with it. A part that no cell
 * publishes (the respondents with no grade or sex given, a sliver of two
 * areas) is what its margins leave: up to its own n_scored, which the
 * move keeps. */
static void k_limits(const cube_ctx *c, size_t v, double *down, double *up)
{
    const sx_wave *w = c->w;
    size_t pu;

    *down = w->val[v];
    *up = SX_BIG;
    for (pu = jl_sx_up(w, v); pu != SX_NONE; pu = jl_sx_up(w, pu))
        if (jl_sx_published(c->x, w, pu) || w->ucs[v] == w->ucs[v + 1]) {
            *up = big_or(w->val[pu] - w->val[v]);
            break;
        }
}

/* How far group (t, g, s) can shrink with its k left alone; it can grow
 * freely. */
static double group_down(const cube_ctx *c, size_t t, size_t g, size_t s)
{
    const sx_wave *w = c->w;
    double down = big_or(w->val[jl_sx_nunit(w, t, g, s)]);
    size_t sc, cut;

    for (sc = 0; sc < w->scales.n; sc++) {
        double ns = w->val[jl_sx_sunit(w, t, g, s, sc)], kmax = 0;

        if (isnan(ns))
            continue;
        for (cut = 0; cut < w->cuts[sc].n; cut++) {
            double k = w->val[jl_sx_kunit(w, t, g, s, w->cut_off[sc] + cut)];

            if (!isnan(k) && k > kmax)
                kmax = k;
        }
        if (ns - kmax < down)
            down = ns - kmax;
    }
    return down;
}

/* The next set that holds b or b2 after t (SX_NONE: none; t == SX_NONE:
 * the first), from the two sorted lists. */
static size_t next_set(const cube_ctx *c, const cube *q, size_t t)
{
    size_t best = SX_NONE, k, which, b;

    for (which = 0; which < 2; which++) {
        b = which ? q->b2 : q->b;
        if (b == SX_NONE)
            continue;
        for (k = c->as[b]; k < c->as[b + 1]; k++)
            if (t == SX_NONE || c->aset[k] > t) {
                if (c->aset[k] < best)
                    best = c->aset[k];
                break;
            }
    }
    return best;
}

/* Walks the units a cube changes: returns 0 if a published one cannot be
 * hidden (an earlier release's), or once its range falls below need or
 * its cost reaches bound; else its range for the unit moving +1, with
 * *cost the respondents it would newly hide. With apply, hides them. */
static int walk(cube_ctx *c, const cube *q, double need, double bound, double *range,
                double *cost, int apply)
{
    sx *x = c->x;
    sx_wave *w = c->w;
    size_t t, gi, si, kc;
    double up = SX_BIG, down = SX_BIG;

    *cost = 0;
    for (t = next_set(c, q, SX_NONE); t != SX_NONE; t = next_set(c, q, t)) {
        int bf = in_set(c, t, q->b) - in_set(c, t, q->b2);

        if (bf == 0)
            continue;
        for (gi = 0; gi < w->G; gi++) {
            int gf = fac(gi, w->G - 1, q->g, q->ng);

            for (si = 0; gf && si < w->S; si++) {
                int sg = bf * gf * fac(si, w->S - 1, q->s, q->ns);
                double d, u;

                if (sg == 0)
                    continue;
                if (!c->group) {
                    size_t v = jl_sx_kunit(w, t, gi, si, c->kc);

                    if (isnan(w->val[v]))
                        continue;
                    if (jl_sx_published(x, w, v)) {
                        if (!jl_sx_hideable(x, w, v))
                            return 0;
                        *cost += jl_sx_cost(x, w, v);
                        if (apply)
                            (void)jl_sx_hide_unit(x, w, v);
                    }
                    k_limits(c, v, &d, &u);
                } else {
                    if (isnan(w->val[jl_sx_nunit(w, t, gi, si)]))
                        continue;
                    for (kc = 0; kc < w->nkc; kc++) {
                        size_t v = jl_sx_kunit(w, t, gi, si, kc);

                        if (!jl_sx_published(x, w, v))
                            continue;
                        if (!jl_sx_hideable(x, w, v))
                            return 0;
                        *cost += jl_sx_cost(x, w, v);
                        if (apply)
                            (void)jl_sx_hide_unit(x, w, v);
                    }
                    d = group_down(c, t, gi, si);
                    u = SX_BIG;
                }
                /* the unit moving up moves this one by sg */
                if (sg > 0) {
                    up = u < up ? u : up;
                    down = d < down ? d : down;
                } else {
                    up = d < up ? d : up;
                    down = u < down ? u : down;
                }
                /* both only shrink and the cost only grows: a candidate
                 * already out of the running is dropped here */
                if (!apply && (up + down < need || *cost >= bound))
                    return 0;
            }
        }
    }
    *range = up + down;
    return 1;
}

/* Records what an applied cube gives each unit it moves. */
static void cover(cube_ctx *c, const cube *q, double range)
{
    sx_wave *w = c->w;
    size_t t, gi, si, sc;

    for (t = 0; t < w->nsets; t++) {
        if (in_set(c, t, q->b) == in_set(c, t, q->b2))
            continue;
        for (gi = 0; gi < w->G; gi++)
            for (si = 0; si < w->S; si++) {
                size_t v;

                if (!fac(gi, w->G - 1, q->g, q->ng) || !fac(si, w->S - 1, q->s, q->ns))
                    continue;
                if (!c->group) {
                    v = jl_sx_kunit(w, t, gi, si, c->kc);
                    c->cov[v] = range > c->cov[v] ? range : c->cov[v];
                    continue;
                }
                v = jl_sx_nunit(w, t, gi, si);
                c->cov[v] = range > c->cov[v] ? range : c->cov[v];
                for (sc = 0; sc < w->scales.n; sc++) {
                    v = jl_sx_sunit(w, t, gi, si, sc);
                    c->cov[v] = range > c->cov[v] ? range : c->cov[v];
                }
            }
    }
}

/* The supports of one dimension for a unit at category i of n (n - 1 is
 * the total): the category alone, or with each other one; a total moves
 * by one category alone. Returns how many, in sup[k][0..len[k]-1]. */
static size_t supports(size_t i, size_t n, size_t sup[][2], size_t *len)
{
    size_t k = 0, j;

    if (n == 1) { /* no breakdown: the total alone */
        sup[0][0] = 0;
        len[0] = 1;
        return 1;
    }
    if (i == n - 1) {
        for (j = 0; j + 1 < n; j++) {
            sup[k][0] = j;
            len[k++] = 1;
        }
        return k;
    }
    sup[k][0] = i;
    len[k++] = 1;
    for (j = 0; j + 1 < n; j++)
        if (j != i) {
            sup[k][0] = i;
            sup[k][1] = j;
            len[k++] = 2;
        }
    return k;
}

/* The cheapest cube giving unit u (set X, grade g, sex s) its need; 0
 * if there is none. */
static int best_cube(cube_ctx *c, size_t X, size_t g, size_t s, double need, cube *out,
                     double *range_out)
{
    sx_wave *w = c->w;
    size_t gs[16][2], gl[16], ss[16][2], sl[16], ng, ns, i, j, a, b2;
    double best_cost = 0;
    int found = 0;

    if (w->G > 16 || w->S > 16)
        return 0;
    ng = supports(g, w->G, gs, gl);
    ns = supports(s, w->S, ss, sl);
    for (a = 0; a < w->sets[X].n; a++)
        for (b2 = 0; b2 <= w->natoms; b2++) {
            cube q;

            q.b = w->sets[X].u[a];
            q.b2 = b2 == w->natoms ? SX_NONE : b2;
            if (q.b2 != SX_NONE && in_set(c, X, q.b2))
                continue;
            for (i = 0; i < ng; i++)
                for (j = 0; j < ns; j++) {
                    double range, cost;

                    q.g[0] = gs[i][0];
                    q.g[1] = gs[i][1];
                    q.ng = gl[i];
                    q.s[0] = ss[j][0];
                    q.s[1] = ss[j][1];
                    q.ns = sl[j];
                    if (!walk(c, &q, need, found ? best_cost : HUGE_VAL, &range, &cost, 0) ||
                        range < need)
                        continue;
                    if (!found || cost < best_cost) {
                        found = 1;
                        best_cost = cost;
                        *out = q;
                        *range_out = range;
                    }
                }
        }
    return found;
}

static size_t protect_unit(cube_ctx *c, size_t u)
{
    sx_wave *w = c->w;
    size_t set, g, s, k, before = c->x->hidden;
    sx_level lv = jl_sx_level(w, u, &set, &g, &s, &k);
    cube q;
    double range, cost;

    if (w->need[u] <= 0 || c->cov[u] >= w->need[u])
        return 0;
    c->group = lv != SX_K;
    c->kc = k;
    if (!best_cube(c, set, g, s, w->need[u], &q, &range))
        return 0;
    (void)walk(c, &q, 0, HUGE_VAL, &range, &cost, 1);
    cover(c, &q, range);
    return c->x->hidden - before;
}

size_t jl_sx_cubes(sx *x, sx_wave *w)
{
    cube_ctx c;
    size_t t, i, n = 0, *fill;

    c.x = x;
    c.w = w;
    c.mem = jl_xcalloc(w->nsets * w->natoms + 1, 1);
    c.cov = jl_xcalloc(w->nu + 1, sizeof *c.cov);
    c.as = jl_xcalloc(w->natoms + 2, sizeof *c.as);
    for (t = 0; t < w->nsets; t++)
        for (i = 0; i < w->sets[t].n; i++) {
            c.mem[t * w->natoms + w->sets[t].u[i]] = 1;
            c.as[w->sets[t].u[i] + 1]++;
        }
    for (i = 0; i < w->natoms; i++)
        c.as[i + 1] += c.as[i];
    c.aset = jl_xmalloc((c.as[w->natoms] + 1) * sizeof *c.aset);
    fill = jl_xcalloc(w->natoms + 1, sizeof *fill);
    for (t = 0; t < w->nsets; t++) /* in set order: each list sorted */
        for (i = 0; i < w->sets[t].n; i++) {
            size_t a = w->sets[t].u[i];

            c.aset[c.as[a] + fill[a]++] = t;
        }
    jl_free(fill);
    /* group sizes first: their cubes hide whole groups, which the cubes
     * of single counts then share at no cost */
    for (i = w->nu; i-- > w->nK;)
        n += protect_unit(&c, i);
    for (i = 0; i < w->nK; i++)
        n += protect_unit(&c, i);
    jl_free(c.mem);
    jl_free(c.cov);
    jl_free(c.as);
    jl_free(c.aset);
    return n;
}
