/*
 * Bounds by parts (release/solve.h, jl_solve_bounds_split). Most counts of
 * a release are published, so most unknowns are fixed by a single row
 * (a base unit's own published cell), and what is left falls apart into
 * small independent systems: an area's hidden cells with its margins,
 * linked to the next only where a parent or a group joins them. Solving
 * each part on its own gives the same optima as the whole (the parts share
 * no unknown and no row), at a fraction of the cost of pivoting the whole
 * city's model for every value.
 */
#include "core/alloc.h"
#include "release/solve.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static size_t find(size_t *p, size_t x)
{
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

static void join(size_t *p, size_t a, size_t b)
{
    a = find(p, a);
    b = find(p, b);
    if (a != b)
        p[a < b ? b : a] = a < b ? a : b; /* the smaller index leads: deterministic */
}

/* Fixes unknowns that an equation leaves alone with published numbers,
 * repeatedly. fixed[v] is NaN while free. Returns -1 if a row is found
 * broken (all fixed, not met): the whole model is then solved as it is,
 * so that the solver reports it. */
static int fix_singletons(double *fixed, const jl_lpmodel *m)
{
    size_t i, e, pass;
    int changed = 1;

    for (pass = 0; changed && pass < 100; pass++) {
        changed = 0;
        for (i = 0; i < m->nrows; i++) {
            double rest = 0, c = 0;
            size_t nfree = 0, v = 0;

            for (e = m->rs[i]; e < m->rs[i + 1]; e++) {
                if (isnan(fixed[m->rvar[e]])) {
                    nfree++;
                    v = m->rvar[e];
                    c += m->rcoef[e];
                } else {
                    rest += m->rcoef[e] * fixed[m->rvar[e]];
                }
            }
            if (nfree == 0 && (rest < m->rlo[i] - 1e-6 || rest > m->rhi[i] + 1e-6))
                return -1;
            if (nfree == 1 && m->rlo[i] == m->rhi[i] && c != 0) {
                double x = (m->rlo[i] - rest) / c;

                /* only counts that are counts: anything else is left to
                 * the solver, which will call the model inconsistent */
                if (x < -1e-9 || fabs(x - round(x)) > 1e-9 || round(x) > m->ub[v])
                    continue;
                fixed[v] = round(x) + 0.0;
                changed = 1;
            }
        }
    }
    return 0;
}

/* The part of m over the unknowns of component r: rows that touch it with
 * the fixed unknowns moved into their bounds, and the listed targets
 * (their fixed part left out; the caller adds it back). */
static void part(jl_lpmodel *sub, const jl_lpmodel *m, const double *fixed, size_t *par,
                 size_t *map, size_t r, const size_t *tg, size_t ntg)
{
    size_t i, e, v, *var = jl_xmalloc((m->nvars + 1) * sizeof *var);
    double *coef = jl_xmalloc((m->nvars + 1) * sizeof *coef);

    for (v = 0; v < m->nvars; v++)
        if (isnan(fixed[v]) && find(par, v) == r)
            map[v] = jl_lpmodel_var(sub, m->ub[v]);
    for (i = 0; i < m->nrows; i++) {
        size_t n = 0;
        double rest = 0;

        for (e = m->rs[i]; e < m->rs[i + 1]; e++) {
            v = m->rvar[e];
            if (!isnan(fixed[v]))
                rest += m->rcoef[e] * fixed[v];
            else if (find(par, v) == r) {
                var[n] = map[v];
                coef[n++] = m->rcoef[e];
            }
        }
        if (n)
            jl_lpmodel_row(sub, var, coef, n, m->rlo[i] - rest, m->rhi[i] - rest);
    }
    for (i = 0; i < ntg; i++) {
        size_t n = 0;

        for (e = m->ts[tg[i]]; e < m->ts[tg[i] + 1]; e++)
            if (isnan(fixed[m->tvar[e]])) {
                var[n] = map[m->tvar[e]];
                coef[n++] = m->tcoef[e];
            }
        jl_lpmodel_target(sub, var, coef, n);
    }
    jl_free(var);
    jl_free(coef);
}

/* The fixed part of target t, and the component of its free part
 * (NONE_C if it has none). */
#define NONE_C ((size_t)-1)
static size_t target_comp(double *cst, const jl_lpmodel *m, const double *fixed, size_t *par,
                          size_t t)
{
    size_t e, c = NONE_C;

    *cst = 0;
    for (e = m->ts[t]; e < m->ts[t + 1]; e++) {
        size_t v = m->tvar[e];

        if (!isnan(fixed[v]))
            *cst += m->tcoef[e] * fixed[v];
        else if (c == NONE_C)
            c = v;
        else
            join(par, c, v);
    }
    return c;
}

typedef struct pair {
    size_t root, i;
} pair;

/* By component, then by the target's place: parts are solved in a fixed
 * order, and within a part the targets keep theirs. NONE_C sorts last. */
static int cmp_pair(const void *x, const void *y)
{
    const pair *a = x, *b = y;

    if (a->root != b->root)
        return a->root < b->root ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

static void shift(jl_bound *b, double c)
{
    b->lp_lo += c;
    b->lp_hi += c;
    b->lo += c;
    if (b->hi < JL_BOUND_INF)
        b->hi += c;
}

int jl_solve_bounds_split(jl_bound *out, const jl_lpmodel *m, const size_t *which, size_t n,
                          const jl_solve_opts *o, jl_err *err)
{
    double *fixed = jl_xmalloc((m->nvars + 1) * sizeof *fixed), *cst;
    size_t *par = jl_xmalloc((m->nvars + 1) * sizeof *par), *map, *comp, *tg, i, j, e, v;
    pair *order;
    int rc = JL_OK;
    jl_solve_opts po = *o;
    double *gates = NULL;

    for (v = 0; v < m->nvars; v++) {
        fixed[v] = NAN;
        par[v] = v;
    }
    if (fix_singletons(fixed, m) < 0) {
        jl_free(fixed);
        jl_free(par);
        return jl_solve_bounds(out, m, which, n, o, err);
    }
    for (i = 0; i < m->nrows; i++) {
        size_t first = NONE_C;

        for (e = m->rs[i]; e < m->rs[i + 1]; e++)
            if (isnan(fixed[m->rvar[e]])) {
                if (first == NONE_C)
                    first = m->rvar[e];
                else
                    join(par, first, m->rvar[e]);
            }
    }
    cst = jl_xmalloc((n + 1) * sizeof *cst);
    comp = jl_xmalloc((n + 1) * sizeof *comp);
    for (i = 0; i < n; i++)
        comp[i] = target_comp(&cst[i], m, fixed, par, which ? which[i] : i);
    for (i = 0; i < n; i++)
        if (comp[i] != NONE_C)
            comp[i] = find(par, comp[i]);
    map = jl_xmalloc((m->nvars + 1) * sizeof *map);
    tg = jl_xmalloc((n + 1) * sizeof *tg);
    order = jl_xmalloc((n + 1) * sizeof *order);
    for (i = 0; i < n; i++) {
        order[i].root = comp[i];
        order[i].i = i;
    }
    qsort(order, n, sizeof *order, cmp_pair);
    for (i = 0; i < n && rc == 0; i = j) {
        size_t r = order[i].root, nt = 0, k;
        jl_bound *b;
        jl_lpmodel *sub;

        for (j = i; j < n && order[j].root == r; j++)
            tg[nt++] = which ? which[order[j].i] : order[j].i;
        if (r == NONE_C) {
            for (k = i; k < j; k++) {
                jl_bound *x = &out[order[k].i];

                memset(x, 0, sizeof *x);
                x->status = JL_BOUND_OK;
                x->lo_exact = 1;
                shift(x, cst[order[k].i]);
            }
            continue;
        }
        sub = jl_lpmodel_new();
        part(sub, m, fixed, par, map, r, tg, nt);
        b = jl_xmalloc((nt + 1) * sizeof *b);
        /* a part's targets leave out their fixed share: so do its gates */
        gates = jl_xrealloc(gates, (nt + 1) * sizeof *gates);
        for (k = 0; k < nt; k++)
            gates[k] = o->lo_gate - cst[order[i + k].i];
        po.lo_gates = gates;
        rc = jl_solve_bounds(b, sub, NULL, nt, &po, err);
        for (k = 0; rc == 0 && k < nt; k++) {
            jl_bound *x = &out[order[i + k].i];

            *x = b[k];
            if (x->status == JL_BOUND_OK)
                shift(x, cst[order[i + k].i]);
        }
        jl_free(b);
        jl_lpmodel_free(sub);
    }
    jl_free(gates);
    jl_free(order);
    jl_free(fixed);
    jl_free(par);
    jl_free(cst);
    jl_free(comp);
    jl_free(map);
    jl_free(tg);
    return rc;
}
