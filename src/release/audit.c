/*
 * The audit (release/audit.h): published facts become rows of the
 * attacker's model, protected values become targets, and the solver
 * bounds them in two passes: first every cell's values and the size of
 * every derived group, then the counts of the derived groups that may be
 * small.
 */
#include "core/alloc.h"
#include "core/i18n.h"
#include "release/audit_int.h"
#include "release/suppress.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *jl_audit_what_name(jl_audit_what w)
{
    return w == JL_AUDIT_K ? "k" : w == JL_AUDIT_COMPLEMENT ? "n_scored-k" : "n_scored";
}

const char *jl_audit_value_code(const jl_audit_item *it)
{
    static const char *const codes[2][3] = {{"added:k", "added:n_scored-k", "added:n_scored"},
                                            {"removed:k", "removed:n_scored-k",
                                             "removed:n_scored"}};

    if (!it->change)
        return jl_audit_what_name(it->what);
    return codes[it->change == 'r'][it->what];
}

static void expr_add(au *a, size_t v, double c)
{
    a->var = jl_xgrow(a->var, &a->capvar, a->nexpr + 1, sizeof *a->var);
    a->coef = jl_xrealloc(a->coef, a->capvar * sizeof *a->coef);
    a->var[a->nexpr] = v;
    a->coef[a->nexpr++] = c;
}

void jl_au_expr_sum(au *a, const wave_ix *w, size_t v0, const aset *st, size_t g, size_t s,
                    size_t off, double coef)
{
    size_t i, gi, si;

    for (i = 0; i < st->n; i++)
        for (gi = 0; gi < w->grades.n; gi++)
            for (si = 0; si < w->sexes.n; si++)
                if ((g == NONE || g == gi) && (s == NONE || s == si))
                    expr_add(a, jl_au_var(w, st->u[i], gi, si, off) - w->v0 + v0, coef);
}

/* Adds coef times the sum of variable off over the set's base units and
 * grade g and sex s (NONE: every category, the margin). */
static void expr_sum(au *a, const wave_ix *w, const aset *st, size_t g, size_t s, size_t off,
                     double coef)
{
    jl_au_expr_sum(a, w, w->v0, st, g, s, off, coef);
}

/* A published value: a row the first time its group is seen; the same
 * group published again must say the same. */
static int fact(au *a, size_t r, const jl_rel_cell *c, const char *key, const char *col,
                double val, jl_err *err)
{
    size_t fi;

    if (jl_strmap_get(a->facts, key, &fi)) {
        if (a->fval[fi] == val)
            return JL_OK;
        return jl_err_at(err, JL_EINPUT, a->rel[r]->cells_path, c->line, 1,
                         _("%s = %.0f here, but %.0f for the same group at %s:%ld"), col, val,
                         a->fval[fi], a->rel[a->frel[fi]]->cells_path, a->fcell[fi]->line);
    }
    fi = jl_strmap_size(a->facts);
    jl_strmap_put(a->facts, key, fi, NULL);
    a->fval = jl_xgrow(a->fval, &a->capf, fi + 1, sizeof *a->fval);
    a->fcell = jl_xrealloc(a->fcell, a->capf * sizeof *a->fcell);
    a->frel = jl_xrealloc(a->frel, a->capf * sizeof *a->frel);
    a->fval[fi] = val;
    a->fcell[fi] = c;
    a->frel[fi] = r;
    jl_lpmodel_row(a->m, a->var, a->coef, a->nexpr, val, val);
    return JL_OK;
}

size_t jl_au_target(au *a, const char *key)
{
    size_t t;

    if (jl_strmap_get(a->tmap, key, &t))
        return t;
    t = jl_lpmodel_target(a->m, a->var, a->coef, a->nexpr);
    jl_strmap_put(a->tmap, key, t, NULL);
    return t;
}

/* A value's name across audits of the same releases, and of the earlier
 * ones alone (a baseline): everything that tells it apart (its file and
 * line, or the areas a derived group is a part of, categories, what), so
 * that two values never share one. */
static const char *item_id(const au *a, char *buf, size_t cap, const jl_audit_item *it)
{
    int n = snprintf(buf, cap, "%s|%ld|%s|%s|%s|%s|%s|%s|%s|%d|%c%ld",
                     it->line ? a->rel[it->release]->cells_path : "", it->line,
                     it->division, it->area, it->wave, it->grade, it->sex, it->scale,
                     it->cutoff ? it->cutoff : "", (int)it->what, it->change ? it->change : '-',
                     it->revision);

    return n >= 0 && (size_t)n < cap ? buf : NULL; /* cut short: no name, solved */
}

void jl_au_item(au *a, const jl_audit_item *it, size_t t, size_t gate, int derived)
{
    au_item *x;

    a->items = jl_xgrow(a->items, &a->capitems, a->nitems + 1, sizeof *a->items);
    x = &a->items[a->nitems++];
    x->it = *it;
    x->target = t;
    x->gate = gate;
    x->derived = derived;
    x->public = 0;
    x->change = 0;
    x->need = 0;
    x->has_nb = 0;
}

/* A percentage with its n_scored, published or not, as the two rows
 * 100 k - (pct + h) n_scored <= 0 <= 100 k - (pct - h) n_scored: the
 * interval its rounding leaves (sdc-security.md §1.3 e). Redundant when
 * k and n_scored are both published. */
static void pct_rows(au *a, const grp *q, const jl_rel_cell *c)
{
    size_t ns = 1 + q->sc, k = 1 + q->w->scales.n + q->w->cut_off[q->sc] + q->cut;
    int side;

    if (isnan(c->pct) || (c->k >= 0 && c->n_scored >= 0))
        return;
    for (side = 0; side < 2; side++) {
        a->nexpr = 0;
        expr_sum(a, q->w, q->st, q->g, q->s, k, 100);
        expr_sum(a, q->w, q->st, q->g, q->s, ns, -(c->pct + (side ? -c->pct_half : c->pct_half)));
        jl_lpmodel_row(a->m, a->var, a->coef, a->nexpr, side ? 0 : -INFINITY, side ? INFINITY : 0);
    }
}

static int cell_facts(au *a, size_t r, const jl_rel_cell *c, const grp *q, jl_err *err)
{
    size_t ns = 1 + q->sc, k = 1 + q->w->scales.n + q->w->cut_off[q->sc] + q->cut;
    char key[128];
    int rc = JL_OK;

    if (c->n >= 0) {
        a->nexpr = 0;
        expr_sum(a, q->w, q->st, q->g, q->s, 0, 1);
        snprintf(key, sizeof key, "N|%s", q->key);
        rc = fact(a, r, c, key, "n", (double)c->n, err);
    }
    if (rc == 0 && c->n_scored >= 0) {
        a->nexpr = 0;
        expr_sum(a, q->w, q->st, q->g, q->s, ns, 1);
        snprintf(key, sizeof key, "S|%s|%zu", q->key, q->sc);
        rc = fact(a, r, c, key, "n_scored", (double)c->n_scored, err);
    }
    if (rc == 0 && c->k >= 0) {
        a->nexpr = 0;
        expr_sum(a, q->w, q->st, q->g, q->s, k, 1);
        snprintf(key, sizeof key, "K|%s|%zu|%zu", q->key, q->sc, q->cut);
        rc = fact(a, r, c, key, "k", (double)c->k, err);
    }
    if (rc == 0)
        pct_rows(a, q, c);
    return rc;
}

/* The target n_scored of group q, with its item; returns the target. */
size_t jl_au_ns_target(au *a, const grp *q, jl_audit_item *it, int derived)
{
    char key[128];
    size_t t;

    a->nexpr = 0;
    expr_sum(a, q->w, q->st, q->g, q->s, 1 + q->sc, 1);
    snprintf(key, sizeof key, "S|%s|%zu", q->key, q->sc);
    t = jl_au_target(a, key);
    it->what = JL_AUDIT_N_SCORED;
    it->cutoff = NULL;
    jl_au_item(a, it, t, t, derived);
    return t;
}

/* The targets k and n_scored - k of group q and cut-off q->cut. */
void jl_au_kc_targets(au *a, const grp *q, jl_audit_item *it, size_t gate, int derived)
{
    size_t ns = 1 + q->sc, k = 1 + q->w->scales.n + q->w->cut_off[q->sc] + q->cut, t;
    char key[128];

    it->cutoff = q->w->cuts[q->sc].s[q->cut];
    a->nexpr = 0;
    expr_sum(a, q->w, q->st, q->g, q->s, k, 1);
    snprintf(key, sizeof key, "K|%s|%zu|%zu", q->key, q->sc, q->cut);
    t = jl_au_target(a, key);
    it->what = JL_AUDIT_K;
    jl_au_item(a, it, t, gate, derived);
    a->nexpr = 0;
    expr_sum(a, q->w, q->st, q->g, q->s, ns, 1);
    expr_sum(a, q->w, q->st, q->g, q->s, k, -1);
    snprintf(key, sizeof key, "C|%s|%zu|%zu", q->key, q->sc, q->cut);
    t = jl_au_target(a, key);
    it->what = JL_AUDIT_COMPLEMENT;
    jl_au_item(a, it, t, gate, derived);
}

void jl_au_grp_key(grp *q, size_t wi, size_t si)
{
    char g[24] = "T", s[24] = "T";

    if (q->g != NONE)
        snprintf(g, sizeof g, "%zu", q->g);
    if (q->s != NONE)
        snprintf(s, sizeof s, "%zu", q->s);
    snprintf(q->key, sizeof q->key, "%zu|%zu|%s|%s", wi, si, g, s);
}

/* One row lo <= cs n_scored + ck k <= hi over group q. */
static void group_row(au *a, const grp *q, double cs, double ck, double lo, double hi)
{
    size_t ns = 1 + q->sc, k = 1 + q->w->scales.n + q->w->cut_off[q->sc] + q->cut;

    a->nexpr = 0;
    if (cs != 0)
        expr_sum(a, q->w, q->st, q->g, q->s, ns, cs);
    if (ck != 0)
        expr_sum(a, q->w, q->st, q->g, q->s, k, ck);
    jl_lpmodel_row(a->m, a->var, a->coef, a->nexpr, lo, hi);
}

/* What a rule's code tells whoever reads it, as rows, for a file that
 * names the rules (jl_release.rule_codes): the rules themselves are in
 * the manifest. small_group: fewer than min_n scored. Any other code: at
 * least min_n. group_disclosure: k is n_scored, and at least min_count
 * (else min_count would have hid it). min_count: k or n_scored - k is
 * from 1 to min_count - 1, whose hull (what rows can say) is k >= 1 and
 * n_scored - k >= 1 where min_n >= min_count. secondary: no rule hid it, so
 * n_scored - k is not from 1 to min_count - 1 and, under the group rule,
 * not 0: at least min_count (k may be 0, or anything from min_count on). */
static void rule_rows(au *a, size_t r, const jl_rel_cell *c, const grp *q)
{
    const jl_release *rel = a->rel[r];
    double min_n = (double)rel->min_n,
           mc = (double)(rel->min_count > 0 ? rel->min_count : JL_RELEASE_MIN_COUNT);

    if (c->reason == JL_RREASON_SMALL_GROUP) {
        group_row(a, q, 1, 0, -INFINITY, min_n - 1);
        return;
    }
    group_row(a, q, 1, 0, min_n, INFINITY);
    if (c->reason == JL_RREASON_GROUP_DISCLOSURE) {
        /* and not min_count: k = n_scored is min_count or more */
        group_row(a, q, 1, -1, 0, 0);
        group_row(a, q, 1, 0, mc, INFINITY);
    } else if (c->reason == JL_RREASON_MIN_COUNT && min_n >= mc) {
        /* the hull holds only where a group of min_n or more cannot be
         * all or none with a count under min_count (n_scored 4, k 4 is
         * min_count under min_n 3, min_count 5): else no row */
        group_row(a, q, 0, 1, 1, INFINITY);
        group_row(a, q, 1, -1, 1, INFINITY);
    } else if (c->reason == JL_RREASON_SECONDARY && !rel->no_group_disclosure)
        group_row(a, q, 1, -1, mc, INFINITY);
}

/* A cell hidden by a rule not said (confidential): whoever reads the
 * file cannot tell a small group from a count of 1 or 2, or either from
 * a complement, so the cell's k and n_scored - k are protected as a
 * primary cell's, and so is its n_scored unless the group is known to
 * hold min_n or more. That size is solved with the derived groups'
 * (hid_gates), whose minimum is proven; the items k_item and k_item + 1
 * wait for it as their gate, which skips them only for an empty group. */
typedef struct hid {
    grp q; /* q.st points into the wave's sets: hid_gates runs before
              regions() adds sets (and may move them) */
    jl_audit_item it;
    size_t k_item;  /* its k, then n_scored - k */
    size_t ns_item; /* its n_scored, or NONE */
    size_t wi, si;  /* its wave and set, as indices */
    int coded;      /* hidden by a rule its file names */
} hid;

typedef struct hids {
    hid *h;
    size_t n, cap;
} hids;

static void hidden(au *a, const grp *q, jl_audit_item *it, hids *hl, int coded, size_t gate)
{
    hid *h;

    hl->h = jl_xgrow(hl->h, &hl->cap, hl->n + 1, sizeof *hl->h);
    h = &hl->h[hl->n++];
    h->q = *q;
    h->coded = coded;
    h->ns_item = gate == NONE ? NONE : a->nitems - 1;
    h->wi = (size_t)(q->w - a->w);
    h->si = (size_t)(q->st - q->w->sets);
    h->k_item = a->nitems;
    jl_au_kc_targets(a, q, it, gate, 0);
    h->it = *it;
}

static int cells(au *a, hids *hl, jl_err *err)
{
    size_t r, i;
    int rc;

    for (r = 0; r < a->nrel; r++)
        for (i = 0; i < a->rel[r]->ncells; i++) {
            const jl_rel_cell *c = &a->rel[r]->cells[i];
            wave_ix *w = &a->w[a->cwave[r][i]];
            grp q;
            jl_audit_item it;

            memset(&it, 0, sizeof it);
            it.release = r;
            it.revision = w->rev;
            it.line = c->line;
            it.division = c->division;
            it.area = c->area;
            it.wave = c->wave;
            it.grade = c->grade;
            it.sex = c->sex;
            it.scale = c->scale;
            q.w = w;
            q.st = &w->sets[a->cset[r][i]];
            q.g = strcmp(c->grade, "T") ? jl_au_find(&w->grades, c->grade) : NONE;
            q.s = strcmp(c->sex, "T") ? jl_au_find(&w->sexes, c->sex) : NONE;
            q.sc = jl_au_find(&w->scales, c->scale);
            q.cut = jl_au_find(&w->cuts[q.sc], c->cutoff);
            jl_au_grp_key(&q, a->cwave[r][i], a->cset[r][i]);
            rc = cell_facts(a, r, c, &q, err);
            if (rc < 0)
                return rc;
            if (!c->suppressed)
                continue;
            /* a release built in memory is read as its export says */
            if (c->reason == JL_RREASON_CONFIDENTIAL || !a->rel[r]->rule_codes) {
                hidden(a, &q, &it, hl, 0, NONE);
                continue;
            }
            rule_rows(a, r, c, &q);
            if (c->reason != JL_RREASON_SECONDARY) {
                size_t gate = NONE;

                if (c->reason == JL_RREASON_SMALL_GROUP)
                    gate = jl_au_ns_target(a, &q, &it, 0);
                hidden(a, &q, &it, hl, 1, gate);
            }
        }
    return JL_OK;
}

/* The sizes of the hidden cells' groups, asked as gates; a size that
 * what is published already proves to be min_n or more (the group's own
 * n_scored or k in another cell, the areas inside it, its grades or
 * sexes) is not solved, as most are not small. */
static void hid_gates(au *a, hids *hl)
{
    size_t i, nz = 0, zset = NONE, *z = NULL;
    const wave_ix *zw = NULL;

    for (i = 0; i < hl->n; i++) {
        hid *h = &hl->h[i];
        size_t gate, wi = h->wi, si = h->si;
        double lb;

        if (h->coded)
            continue;
        gate = jl_au_ns_target(a, &h->q, &h->it, 1);
        h->ns_item = a->nitems - 1;
        a->items[h->k_item].gate = a->items[h->k_item + 1].gate = gate;
        /* the same count published by another cell (an earlier release
         * that showed it, under its own rules): public, and hiding it
         * here protects nothing */
        if (!isnan(jl_au_published(a, wi, si, h->q.g, h->q.s, h->q.sc, h->q.cut, 'K')))
            a->items[h->k_item].public = a->items[h->k_item + 1].public = 1;
        if (zw != h->q.w || zset != si) {
            jl_free(z);
            nz = jl_au_inside(h->q.w, si, si, &z);
            zw = h->q.w;
            zset = si;
        }
        a->lb = jl_xgrow(a->lb, &a->caplb, a->m->ntargets + 1, sizeof *a->lb);
        while (a->nlb < a->m->ntargets)
            a->lb[a->nlb++] = -INFINITY;
        /* the group itself (its n_scored or k in another cell), or the
         * areas inside it */
        lb = jl_au_inside_lb(a, wi, &si, 1, h->q.g, h->q.s, h->q.sc);
        if (nz > 0 && jl_au_inside_lb(a, wi, z, nz, h->q.g, h->q.s, h->q.sc) > lb)
            lb = jl_au_inside_lb(a, wi, z, nz, h->q.g, h->q.s, h->q.sc);
        if (lb < (double)a->min_n && jl_au_parts_lb(a, wi, si, h->q.g, h->q.s, h->q.sc) > lb)
            lb = jl_au_parts_lb(a, wi, si, h->q.g, h->q.s, h->q.sc);
        if (lb > a->lb[gate])
            a->lb[gate] = lb;
    }
    jl_free(z);
}

/* A hidden count that a release of another revision of its wave
 * publishes differs from that only by what the corrections between
 * changed, and needs no more range than that allows (audit_rev.c). */
static void relax_all(au *a, const hids *hl)
{
    size_t i, j;

    for (i = 0; i < hl->n; i++) {
        const hid *h = &hl->h[i];

        for (j = 0; j < 2; j++)
            jl_au_relax(a, h->k_item + j, h->wi, h->si, h->q.g, h->q.s, h->q.sc, h->q.cut,
                        j ? 'C' : 'K');
        if (h->ns_item != NONE)
            jl_au_relax(a, h->ns_item, h->wi, h->si, h->q.g, h->q.s, h->q.sc, 0, 'S');
    }
}

/* Per target t0 .. t1-1: 1 when every value asked of it passed in the
 * earlier audit (jl_audit_opts.passed), else 0; NULL without one. A
 * derived group's size that passed was counted, so it was not known to
 * be large then (judge), and with fewer rows its minimum can only be
 * lower: it is still not, and its counts are asked for again. One that
 * was known to be large is not in passed, and is solved again: hiding
 * may have opened it. */
static unsigned char *known_to_pass(const au *a, size_t t0, size_t t1)
{
    unsigned char *skip;
    size_t i, v;
    char buf[1024];

    if (!a->o->passed)
        return NULL;
    skip = jl_xmalloc(t1 - t0 + 1);
    memset(skip, 2, t1 - t0 + 1); /* 2: no value asked of it yet */
    for (i = 0; i < a->nitems; i++) {
        const au_item *x = &a->items[i];
        const char *id;

        if (x->target < t0 || x->target >= t1)
            continue;
        id = item_id(a, buf, sizeof buf, &x->it);
        if (!id || !jl_strmap_get(a->o->passed, id, &v))
            skip[x->target - t0] = 0;
        else if (skip[x->target - t0] == 2)
            skip[x->target - t0] = 1;
    }
    return skip;
}

/* Bounds targets t0 .. t1-1; lo_exact for derived groups' sizes, whose
 * minimum decides whether they are small. */
static int solve_range(au *a, size_t t0, size_t t1, int lo_exact, jl_err *err)
{
    size_t n = t1 - t0, i, ns, *which = jl_xmalloc((n + 1) * sizeof *which);
    unsigned char *skip;
    jl_bound *b = jl_xmalloc((n + 1) * sizeof *b);
    jl_solve_opts so;
    int rc;

    so.protection = a->o->protection > 0 ? a->o->protection : JL_AUDIT_PROTECTION;
    so.time_limit_ms = a->o->time_limit_ms;
    so.test_die_after = a->o->test_die_after;
    so.exact = 0;
    so.lo_exact = lo_exact;
    so.lo_gate = (double)a->min_n;
    a->bounds = jl_xrealloc(a->bounds, (a->m->ntargets + 1) * sizeof *a->bounds);
    skip = known_to_pass(a, t0, t1);
    for (i = 0, ns = 0; i < n; i++) {
        if (lo_exact && t0 + i < a->nlb && a->lb[t0 + i] >= so.lo_gate) {
            /* known to be large without a solve (part_lb): lo is a lower
             * bound of the minimum, as an LP bound is */
            memset(&a->bounds[t0 + i], 0, sizeof a->bounds[t0 + i]);
            a->bounds[t0 + i].status = JL_BOUND_OK;
            a->bounds[t0 + i].lp_lo = a->bounds[t0 + i].lo = a->lb[t0 + i];
            a->bounds[t0 + i].lp_hi = a->bounds[t0 + i].hi = JL_BOUND_INF;
            a->bounds[t0 + i].lo_exact = 1;
            continue;
        }
        if (skip && skip[i] == 1) {
            /* passed before; its range is no narrower now: no bound is
             * claimed (lo 0, not exact; no upper), none is needed */
            memset(&a->bounds[t0 + i], 0, sizeof a->bounds[t0 + i]);
            a->bounds[t0 + i].status = JL_BOUND_OK;
            a->bounds[t0 + i].hi = JL_BOUND_INF;
            continue;
        }
        which[ns++] = t0 + i;
    }
    rc = jl_solve_bounds_split(b, a->m, which, ns, &so, err);
    for (i = 0; rc == 0 && i < ns; i++)
        a->bounds[which[i]] = b[i];
    jl_free(which);
    jl_free(b);
    jl_free(skip);
    return rc;
}

/* What a value is, whichever cell names it: wave and revision, area,
 * categories, what (a baseline's failures, jl_audit_result.failed). */
static const char *value_key(char *buf, size_t cap, const jl_audit_item *it)
{
    int n = snprintf(buf, cap, "%s|%ld|%s|%s|%s|%s|%s|%s|%d|%c", it->wave, it->revision,
                     it->division, it->area, it->grade, it->sex, it->scale,
                     it->cutoff ? it->cutoff : "", (int)it->what, it->change ? it->change : '-');

    return n >= 0 && (size_t)n < cap ? buf : NULL;
}

/* The range the earlier releases alone left value x (their baseline),
 * where it failed there; -1 where it did not. */
static double baseline_width(const au *a, const au_item *x)
{
    const jl_audit_result *base = a->o->baseline;
    char buf[1024];
    const char *id;
    size_t i;

    if (!base || !base->failed || !(id = value_key(buf, sizeof buf, &x->it)) ||
        !jl_strmap_get(base->failed, id, &i))
        return -1;
    /* a solve that failed there proved nothing disclosed */
    if (base->fail[i].b.status != JL_BOUND_OK)
        return -1;
    return base->fail[i].b.hi - base->fail[i].b.lo;
}

/* Whether item x counts, and if so whether it fails; *inherited when it
 * passes only as no narrower than the earlier releases alone left it. */
static int judge(const au *a, const au_item *x, int *fails, int *inherited)
{
    const jl_bound *b = x->has_nb ? &x->nb : &a->bounds[x->target];
    double prot = a->o->protection > 0 ? a->o->protection : JL_AUDIT_PROTECTION, w;

    *inherited = 0;
    if (x->public)
        return 0;
    if (x->need > 0)
        prot = x->need; /* audit_rev.c: bounded again with it (nb) */
    if (x->change) {
        /* asked only where its part may be small and is not empty */
        *fails = !x->has_nb || b->status != JL_BOUND_OK || b->hi - b->lo < prot - 1e-9;
    } else {
        if (x->gate != NONE && a->bounds[x->gate].status == JL_BOUND_OK) {
            const jl_bound *g = &a->bounds[x->gate];

            if (g->hi < 0.5)
                return 0; /* known to be empty: nobody to disclose */
            if (x->derived && g->lo_exact && g->lo >= (double)a->min_n)
                return 0; /* known to be large: not a small group */
        }
        *fails = b->status != JL_BOUND_OK || b->hi - b->lo < prot - 1e-9;
    }
    if (*fails && (w = baseline_width(a, x)) >= 0 && b->status == JL_BOUND_OK &&
        b->hi - b->lo >= w - 1e-9) {
        *fails = 0;
        *inherited = 1;
    }
    return 1;
}


static int second_pass(au *a, const pends *pl, jl_err *err)
{
    size_t t0 = a->m->ntargets, i;

    for (i = 0; i < pl->n; i++) {
        const pend *p = &pl->p[i];
        const jl_bound *g = &a->bounds[p->gate];
        size_t c;

        if (g->status == JL_BOUND_OK && (g->hi < 0.5 || (g->lo_exact && g->lo >= (double)a->min_n)))
            continue;
        for (c = 0; c < p->q.w->cuts[p->q.sc].n; c++) {
            grp q = p->q;
            jl_audit_item it = p->it;

            q.cut = c;
            q.st = &q.w->sets[p->set];
            jl_au_kc_targets(a, &q, &it, p->gate, 1);
        }
    }
    return a->m->ntargets > t0 ? solve_range(a, t0, a->m->ntargets, 0, err) : JL_OK;
}

static void results(jl_audit_result *out, au *a)
{
    size_t i, cap = 0, icap = 0;

    if (a->o->keep_passed)
        out->passed = jl_strmap_new();
    if (a->o->keep_failed)
        out->failed = jl_strmap_new();
    for (i = 0; i < a->nitems; i++) {
        int fails = 0, inherited;

        if (!judge(a, &a->items[i], &fails, &inherited))
            continue;
        out->nchecked++;
        out->nchange += a->items[i].need > 0;
        if (inherited) {
            out->inherit = jl_xgrow(out->inherit, &icap, out->ninherited + 1,
                                    sizeof *out->inherit);
            out->inherit[out->ninherited] = a->items[i].it;
            out->inherit[out->ninherited++].b =
                a->items[i].has_nb ? a->items[i].nb : a->bounds[a->items[i].target];
        }
        if (!fails) {
            char buf[1024];
            /* a need a correction's part sets, which hiding may widen:
             * asked again each time */
            const char *id = a->o->keep_passed && a->items[i].need == 0
                                 ? item_id(a, buf, sizeof buf, &a->items[i].it)
                                 : NULL;

            if (id)
                jl_strmap_put(out->passed, id, 0, NULL);
            continue;
        }
        if (out->failed) {
            char buf[1024];
            const char *id = value_key(buf, sizeof buf, &a->items[i].it);

            if (id)
                jl_strmap_put(out->failed, id, out->nfail, NULL);
        }
        out->fail = jl_xgrow(out->fail, &cap, out->nfail + 1, sizeof *out->fail);
        out->fail[out->nfail] = a->items[i].it;
        out->fail[out->nfail++].b =
            a->items[i].has_nb ? a->items[i].nb : a->bounds[a->items[i].target];
    }
    out->pass = out->nfail == 0;
}

int jl_audit_run(jl_audit_result *out, jl_release *const *rel, size_t n, const jl_audit_opts *o,
                 jl_err *err)
{
    au a;
    pends pl = {NULL, 0, 0};
    hids hl = {NULL, 0, 0};
    int rc;

    memset(out, 0, sizeof *out);
    memset(&a, 0, sizeof a);
    a.rel = rel;
    a.nrel = n;
    a.o = o;
    a.arena = jl_arena_new();
    a.m = jl_lpmodel_new();
    a.facts = jl_strmap_new();
    a.tmap = jl_strmap_new();
    rc = jl_au_index(&a, err);
    if (rc == 0)
        rc = cells(&a, &hl, err);
    if (rc == 0) {
        size_t tc = a.m->ntargets;

        hid_gates(&a, &hl);
        jl_au_regions(&a, &pl);
        jl_au_change_gates(&a);
        relax_all(&a, &hl);
        rc = solve_range(&a, 0, tc, 0, err);
        if (rc == 0 && a.m->ntargets > tc)
            rc = solve_range(&a, tc, a.m->ntargets, 1, err);
    }
    if (rc == 0)
        rc = second_pass(&a, &pl, err);
    if (rc == 0)
        rc = jl_au_change_values(&a, err);

    if (rc == 0) {
        out->nderived = a.nderived;
        out->nvars = a.m->nvars;
        out->nrows = a.m->nrows;
        results(out, &a);
        out->arena = a.arena;
        a.arena = NULL;
    }
    jl_free(pl.p);
    jl_free(hl.h);
    jl_au_index_dispose(&a);
    jl_lpmodel_free(a.m);
    jl_strmap_free(a.facts);
    jl_strmap_free(a.tmap);
    jl_free(a.fval);
    jl_free(a.fcell);
    jl_free(a.frel);
    jl_free(a.items);
    jl_free(a.var);
    jl_free(a.coef);
    jl_free(a.bounds);
    jl_free(a.lb);
    jl_free(a.parts);
    jl_free(a.relax);
    if (a.arena)
        jl_arena_free(a.arena);
    if (rc < 0)
        jl_audit_dispose(out);
    return rc;
}

void jl_audit_dispose(jl_audit_result *r)
{
    jl_free(r->fail);
    jl_free(r->inherit);
    if (r->passed)
        jl_strmap_free(r->passed);
    if (r->failed)
        jl_strmap_free(r->failed);
    if (r->arena)
        jl_arena_free(r->arena);
    memset(r, 0, sizeof *r);
}

int jl_audit_baseline(jl_audit_result *base, jl_release *const *earlier, size_t n,
                      const jl_audit_opts *o, jl_err *err)
{
    jl_audit_opts bo = *o;

    bo.keep_passed = 0;
    bo.passed = NULL;
    bo.baseline = NULL;
    bo.keep_failed = 1;
    return jl_audit_run(base, earlier, n, &bo, err);
}
