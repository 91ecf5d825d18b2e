/*
 * Secondary suppression, the structural pass (release/secondary_int.h).
 *
 * What the attacker knows without a solver: every published unit, and
 * every unit that a relation leaves alone among known ones (peeling,
 * repeated until nothing changes). A protected unit that peeling reaches
 * gets a complement in the relation that gave it away; then every
 * protected unit that is still hidden must be able to move by its
 * protection in each relation that holds it: estimated from how far the
 * other hidden members can move the other way (a part down by its value,
 * up by what its known total leaves; a total the reverse), and widened
 * with complements until it can.
 *
 * A complement is chosen among the relation's published members by its
 * cost: first whether it gives the protected unit its range, then the
 * fewest respondents hidden (n_scored summed over the cells it hides:
 * small cells before large, parts before the totals of large areas), then
 * the finest set (fewest base units), then the unit's number, which comes
 * from sorted codes.
 */
#include "release/secondary_int.h"
#include "core/alloc.h"

#include <math.h>
#include <string.h>

static int published(const sx *x, const sx_ref *c)
{
    return !x->rel[c->rel]->cells[c->i].suppressed;
}

/* Published in this release only: hiding it hides it. */
int jl_sx_hideable(const sx *x, const sx_wave *w, size_t u)
{
    size_t e;
    int cur = 0;

    for (e = w->ucs[u]; e < w->ucs[u + 1]; e++)
        if (published(x, &w->ucell[e])) {
            if (w->ucell[e].rel > 0)
                return 0;
            cur = 1;
        }
    return cur;
}

int jl_sx_published(const sx *x, const sx_wave *w, size_t u)
{
    size_t e;

    for (e = w->ucs[u]; e < w->ucs[u + 1]; e++)
        if (published(x, &w->ucell[e]))
            return 1;
    return 0;
}

/* Respondents in the cells hiding u would hide. */
double jl_sx_cost(const sx *x, const sx_wave *w, size_t u)
{
    size_t e;
    double c = 0;

    for (e = w->ucs[u]; e < w->ucs[u + 1]; e++) {
        const jl_rel_cell *cl = &x->rel[0]->cells[w->ucell[e].i];

        if (w->ucell[e].rel == 0 && !cl->suppressed && cl->n_scored > 0)
            c += (double)cl->n_scored;
    }
    return c;
}

int jl_sx_hide_unit(sx *x, sx_wave *w, size_t u)
{
    size_t e;
    int n = 0;

    for (e = w->ucs[u]; e < w->ucs[u + 1]; e++) {
        jl_rel_cell *cl = &x->rel[0]->cells[w->ucell[e].i];

        if (w->ucell[e].rel == 0 && !cl->suppressed) {
            size_t v;

            cl->suppressed = 1;
            cl->reason = JL_RREASON_SECONDARY;
            n++;
            /* what the cell showed is no longer known, up to the next
             * refresh (which may find it again by peeling): its k, and an
             * n_scored or n whose every cell is now hidden. Left stale, a
             * unit hidden a moment ago would still look revealed and get
             * a complement of its own. */
            for (v = w->cellk[w->ucell[e].i]; v != SX_NONE; v = jl_sx_up(w, v))
                if (!jl_sx_published(x, w, v))
                    w->known[v] = 0;
        }
    }
    for (; u != SX_NONE; u = jl_sx_up(w, u))
        if (!jl_sx_published(x, w, u))
            w->known[u] = 0;
    x->hidden += (size_t)n;
    return n;
}

/* Known: published, or left alone in a relation among known units. */
void jl_sx_refresh(sx *x, sx_wave *w)
{
    size_t *cnt = jl_xmalloc((w->nr + 1) * sizeof *cnt), *q = jl_xmalloc((w->nr + 1) * sizeof *q);
    size_t r, e, u, nq = 0, head = 0;

    for (u = 0; u < w->nu; u++) {
        w->known[u] = (unsigned char)jl_sx_published(x, w, u);
        w->via[u] = SX_NONE;
    }
    for (r = 0; r < w->nr; r++) {
        cnt[r] = 0;
        for (e = w->rs[r]; e < w->rs[r + 1]; e++)
            cnt[r] += !w->known[w->rm[e]];
        if (cnt[r] == 1)
            q[nq++] = r;
    }
    while (head < nq) {
        r = q[head++];
        if (cnt[r] != 1)
            continue;
        for (u = SX_NONE, e = w->rs[r]; e < w->rs[r + 1]; e++)
            if (!w->known[w->rm[e]])
                u = w->rm[e];
        if (u == SX_NONE)
            continue;
        w->known[u] = 1;
        w->via[u] = r;
        for (e = w->urs[u]; e < w->urs[u + 1]; e++)
            if (--cnt[w->ur[e]] == 1 && nq < w->nr)
                q[nq++] = w->ur[e];
    }
    jl_free(cnt);
    jl_free(q);
}

/* How far u can move down and up with the rest of its groups fixed: a
 * count down to 0; up by what the nearest known count above it leaves
 * (k <= n_scored <= n). Unknown values: free. */
static void limits(const sx_wave *w, size_t u, double *down, double *up)
{
    size_t pu;

    *down = isnan(w->val[u]) ? SX_BIG : w->val[u];
    *up = SX_BIG;
    for (pu = jl_sx_up(w, u); pu != SX_NONE; pu = jl_sx_up(w, pu))
        if (w->known[pu]) {
            if (!isnan(w->val[pu]) && !isnan(w->val[u]))
                *up = w->val[pu] - w->val[u];
            break;
        }
}

/* The range relation r leaves unit p, with extra (SX_NONE: none) hidden
 * as well. */
static double range_est(const sx_wave *w, size_t p, size_t r, size_t extra)
{
    double pd, pu, upc = 0, downc = 0, d, up;
    size_t e;
    int sp = 1;

    for (e = w->rs[r]; e < w->rs[r + 1]; e++)
        if (w->rm[e] == p)
            sp = w->rsg[e];
    for (e = w->rs[r]; e < w->rs[r + 1]; e++) {
        size_t q = w->rm[e];

        if (q == p || (w->known[q] && q != extra))
            continue;
        limits(w, q, &d, &up);
        if (w->rsg[e] == sp) {
            upc += d;
            downc += up;
        } else {
            upc += up;
            downc += d;
        }
    }
    limits(w, p, &pd, &pu);
    return (pu < upc ? pu : upc) + (pd < downc ? pd : downc);
}

/* What hiding q costs beyond its own cells: a relation of q other than
 * r where q would be the only hidden member gives q straight back, so it
 * needs a complement of its own; counted at the cheapest one there. */
static double lookahead(const sx *x, const sx_wave *w, size_t q, size_t r)
{
    size_t e, f;
    double extra = 0;

    for (e = w->urs[q]; e < w->urs[q + 1]; e++) {
        size_t r2 = w->ur[e];
        double least = -1;
        int open = 0;

        if (r2 == r)
            continue;
        for (f = w->rs[r2]; f < w->rs[r2 + 1] && !open; f++) {
            size_t m = w->rm[f];

            if (m == q)
                continue;
            if (!w->known[m])
                open = 1;
            else if (jl_sx_hideable(x, w, m)) {
                double c = jl_sx_cost(x, w, m);

                if (least < 0 || c < least)
                    least = c;
            }
        }
        if (!open && least > 0)
            extra += least;
    }
    return extra;
}

/* The best complement for p in relation r (SX_NONE if none); *score its
 * cost with the look-ahead, *ok whether it gives p its need. */
static size_t choose(const sx *x, const sx_wave *w, size_t p, size_t r, double need,
                     double *score, int *ok_out)
{
    size_t e, best = SX_NONE;
    double best_est = 0, best_cost = 0;
    int best_ok = 0;

    for (e = w->rs[r]; e < w->rs[r + 1]; e++) {
        size_t q = w->rm[e], set, g, s, c, bset = 0;
        double est, cst;
        int ok, better;

        if (q == p || !w->known[q] || !jl_sx_hideable(x, w, q))
            continue;
        est = range_est(w, p, r, q);
        cst = jl_sx_cost(x, w, q) + lookahead(x, w, q, r);
        ok = est >= need;
        if (best != SX_NONE)
            jl_sx_level(w, best, &bset, &g, &s, &c);
        jl_sx_level(w, q, &set, &g, &s, &c);
        if (best == SX_NONE)
            better = 1;
        else if (ok != best_ok)
            better = ok;
        else if (!ok && est != best_est)
            better = est > best_est;
        else if (cst != best_cost)
            better = cst < best_cost;
        else
            better = w->sets[set].n < w->sets[bset].n;
        if (better) {
            best = q;
            best_est = est;
            best_cost = cst;
            best_ok = ok;
        }
    }
    if (score)
        *score = best_cost;
    if (ok_out)
        *ok_out = best_ok;
    return best;
}

/* Hides q as a complement of a unit that needs a range of need: q then
 * moves with it, so q needs that range in its own relations too (else a
 * hidden total that cannot move pins what it was to protect). */
static int complement(sx *x, sx_wave *w, size_t q, double need)
{
    if (w->need[q] < need)
        w->need[q] = need;
    return jl_sx_hide_unit(x, w, q);
}

/* Makes the revealed unit u unknown again: a complement in the relation
 * that gave it away, or in the relation that gave away one of its other
 * members, whichever costs less. */
static int unreveal(sx *x, sx_wave *w, size_t u, double need, int depth)
{
    size_t r = w->via[u], e, q, best;
    double score, s2;
    int ok, ok2;

    if (r == SX_NONE || depth > 4)
        return 0;
    for (e = w->rs[r]; e < w->rs[r + 1]; e++)
        if (w->rm[e] != u && !w->known[w->rm[e]])
            return 0; /* already opened by a complement of this round */
    best = choose(x, w, u, r, need, &score, &ok);
    for (e = w->rs[r]; e < w->rs[r + 1]; e++) {
        size_t m = w->rm[e], r2 = w->via[m];

        if (m == u || r2 == SX_NONE)
            continue;
        q = choose(x, w, m, r2, 0, &s2, &ok2);
        if (q != SX_NONE && (best == SX_NONE || (ok2 >= ok && s2 < score))) {
            best = q;
            score = s2;
            ok = ok2;
        }
    }
    if (best != SX_NONE)
        return complement(x, w, best, need);
    for (e = w->rs[r]; e < w->rs[r + 1]; e++) {
        int n;

        q = w->rm[e];
        if (q == u || w->via[q] == SX_NONE)
            continue;
        n = unreveal(x, w, q, need, depth + 1);
        if (n)
            return n;
    }
    return 0;
}

/* Widens every relation of hidden protected unit u to its need. */
static size_t capacity(sx *x, sx_wave *w, size_t u)
{
    size_t e, n = 0;

    for (e = w->urs[u]; e < w->urs[u + 1]; e++) {
        size_t r = w->ur[e];

        while (range_est(w, u, r, SX_NONE) < w->need[u]) {
            size_t q = choose(x, w, u, r, w->need[u], NULL, NULL);

            if (q == SX_NONE)
                break;
            n += (size_t)complement(x, w, q, w->need[u]);
        }
    }
    return n;
}

size_t jl_sx_structural(sx *x, sx_wave *w)
{
    size_t total = 0, changed, u, i;

    do {
        changed = 0;
        jl_sx_refresh(x, w);
        for (i = 0; i < w->nu; i++)
            if ((u = w->coarse_first ? w->nu - 1 - i : i), w->need[u] > 0 && w->known[u] &&
                w->via[u] != SX_NONE)
                changed += (size_t)unreveal(x, w, u, w->need[u], 0);
        if (!changed)
            for (i = 0; i < w->nu; i++)
                if ((u = w->coarse_first ? w->nu - 1 - i : i), w->need[u] > 0 && !w->known[u])
                    changed += capacity(x, w, u);
        total += changed;
    } while (changed);
    return total;
}

/* The audit found u's range too narrow: complements in its tightest
 * relation (all: every published member of every relation holding it),
 * and its total opened where that pins it. */
int jl_sx_widen(sx *x, sx_wave *w, size_t u, int all)
{
    size_t e, f, pu = jl_sx_up(w, u), best = SX_NONE;
    double best_est = 0, d, up;
    int n = 0;

    jl_sx_refresh(x, w);
    limits(w, u, &d, &up);
    if (pu != SX_NONE && w->known[pu] && up < w->need[u] && jl_sx_hideable(x, w, pu))
        n += jl_sx_hide_unit(x, w, pu);
    for (e = w->urs[u]; e < w->urs[u + 1]; e++) {
        size_t r = w->ur[e];
        double est = range_est(w, u, r, SX_NONE);

        if (all) {
            for (f = w->rs[r]; f < w->rs[r + 1]; f++)
                if (w->rm[f] != u && jl_sx_hideable(x, w, w->rm[f]))
                    n += jl_sx_hide_unit(x, w, w->rm[f]);
        } else if (best == SX_NONE || est < best_est) {
            size_t q = choose(x, w, u, r, w->need[u], NULL, NULL);

            if (q != SX_NONE) {
                best = q;
                best_est = est;
            }
        }
    }
    /* The audit judges the result: a complement chosen here does not
     * pass the need on (in the structural pass it would, and on a city of
     * small groups that chain reached every cell of the wave). */
    if (best != SX_NONE)
        n += jl_sx_hide_unit(x, w, best);
    return n;
}

/* The audit found u too narrow and its own relations have nothing left
 * to hide (every member hidden already, or fixed by an earlier release):
 * what pins it is further out, in the relations of the hidden units
 * around it, or in the counts above them (k <= n_scored <= n). Searches
 * outwards, relation by relation through hidden units, and at the
 * nearest ring that has published members hides the cheapest of them
 * (each: the cheapest in each relation of that ring). Returns the cells
 * hidden; 0 when nothing within JL_SX_RING rings can be hidden. */
int jl_sx_widen_ring(sx *x, sx_wave *w, size_t u, int each)
{
    size_t *front = jl_xmalloc((w->nu + 1) * sizeof *front), nf = 1, depth, i, e, f;
    size_t best_all = SX_NONE;
    unsigned char *seen = jl_xcalloc(w->nu + 1, 1);
    double bc_all = 0;
    int n = 0;

    jl_sx_refresh(x, w);
    front[0] = u;
    seen[u] = 1;
    for (depth = 0; depth < JL_SX_RING && nf > 0 && n == 0 && best_all == SX_NONE; depth++) {
        size_t nn = 0, *next = jl_xmalloc((w->nu + 1) * sizeof *next);

        for (i = 0; i < nf; i++)
            for (e = w->urs[front[i]]; e < w->urs[front[i] + 1]; e++) {
                size_t r = w->ur[e], best = SX_NONE;
                double bc = 0;

                for (f = w->rs[r]; f <= w->rs[r + 1]; f++) {
                    /* the members, then the count above the frontier unit */
                    size_t q = f < w->rs[r + 1] ? w->rm[f] : jl_sx_up(w, front[i]), cand = SX_NONE;

                    if (q == SX_NONE)
                        continue;
                    if (jl_sx_hideable(x, w, q))
                        cand = q;
                    else if (f < w->rs[r + 1] && !seen[q] && !jl_sx_published(x, w, q)) {
                        seen[q] = 1;
                        next[nn++] = q;
                    }
                    if (cand != SX_NONE && (depth > 0 || f == w->rs[r + 1])) {
                        double c = jl_sx_cost(x, w, cand);

                        if (best == SX_NONE || c < bc) {
                            best = cand;
                            bc = c;
                        }
                    }
                }
                if (best == SX_NONE)
                    continue;
                if (each)
                    n += jl_sx_hide_unit(x, w, best);
                else if (best_all == SX_NONE || bc < bc_all) {
                    best_all = best;
                    bc_all = bc;
                }
            }
        jl_free(front);
        front = next;
        nf = nn;
    }
    if (best_all != SX_NONE)
        n += jl_sx_hide_unit(x, w, best_all);
    jl_free(front);
    jl_free(seen);
    return n;
}
