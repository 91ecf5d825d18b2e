/*
 * Secondary suppression, the audit loop (release/secondary.h): a
 * hypercube for each protected value, the structural pass, then the
 * audit of the release as it would be published; every value the audit
 * finds too narrow gets complements, more at each round it fails again,
 * until the audit passes. Before each audit the structural pass is told
 * that every hidden count needs the protection (need_hidden), as the
 * audit asks it of every hidden cell: the complements the last round
 * chose then get theirs without an audit to find them first (city bench:
 * 3-4 audits per wave instead of 6-8).
 *
 * Termination: a value that fails escalates each time: complements in its
 * tightest relation; every published member of every relation holding
 * it; the cheapest member (or count above a hidden one) of the nearest
 * ring of relations around it that has one; the cheapest of each
 * relation of that ring; every cell of its group;
 * of its area; the whole wave. After JL_SX_ROUNDS rounds every wave that still fails is
 * hidden whole. Each step hides at least one more cell or escalates, so
 * the loop ends, and what it returns is the last full audit's verdict.
 */
#include "core/alloc.h"
#include "release/secondary_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Rounds of the audit before a wave that still fails is hidden whole. */
#define JL_SX_ROUNDS 10

static sx_wave *wave_of(sx *x, const char *name)
{
    size_t i;

    for (i = 0; i < x->nw; i++)
        if (!strcmp(x->w[i].name, name))
            return &x->w[i];
    return NULL;
}

static size_t area_set(const sx_wave *w, const char *div, size_t dlen, const char *code,
                       size_t clen)
{
    char buf[512];
    size_t set;

    snprintf(buf, sizeof buf, "%.*s\t%.*s", (int)dlen, div, (int)clen, code);
    return jl_strmap_get(w->areamap, buf, &set) ? set : SX_NONE;
}

/* A label "division:code" of the audit's sets. */
static size_t label_set(const sx_wave *w, const char *s, size_t len)
{
    const char *colon = memchr(s, ':', len);

    if (!colon)
        return SX_NONE;
    return area_set(w, s, (size_t)(colon - s), colon + 1, len - (size_t)(colon - s) - 1);
}

/* A derived group "A ∩ B" or "A ∖ B" as one of our sets. */
static size_t derived_set(const sx_wave *w, const char *label)
{
    static const char *const ops[2] = {" \xe2\x88\xa9 ", " \xe2\x88\x96 "}; /* ∩ ∖ */
    const char *p = NULL;
    size_t op, a = SX_NONE, b = SX_NONE, i, j, n = 0, *u, set = SX_NONE;
    char num[32], *key;

    for (op = 0; op < 2 && !p; op++)
        p = strstr(label, ops[op]);
    if (!p)
        return SX_NONE;
    op--;
    a = label_set(w, label, (size_t)(p - label));
    b = label_set(w, p + strlen(ops[op]), strlen(p + strlen(ops[op])));
    if (a == SX_NONE || b == SX_NONE)
        return a;
    u = jl_xmalloc((w->sets[a].n + 1) * sizeof *u);
    key = jl_xmalloc(32 * (w->sets[a].n + 1));
    key[0] = 0;
    for (i = 0, j = 0; i < w->sets[a].n; i++) {
        while (j < w->sets[b].n && w->sets[b].u[j] < w->sets[a].u[i])
            j++;
        if ((j < w->sets[b].n && w->sets[b].u[j] == w->sets[a].u[i]) == (op == 0)) {
            snprintf(num, sizeof num, "%zu,", w->sets[a].u[i]);
            strcat(key, num);
            u[n++] = w->sets[a].u[i];
        }
    }
    if (n == 0 || !jl_strmap_get(w->setmap, key, &set))
        set = a;
    jl_free(u);
    jl_free(key);
    return set;
}

/* The unit of a failing value, or SX_NONE. */
static size_t item_unit(sx *x, sx_wave **wout, const jl_audit_item *it)
{
    sx_wave *w = wave_of(x, it->wave);
    size_t set, g, s, sc, cut;

    *wout = w;
    if (!w)
        return SX_NONE;
    if (!strcmp(it->division, "derived") && it->line == 0)
        set = derived_set(w, it->area);
    else
        set = area_set(w, it->division, strlen(it->division), it->area, strlen(it->area));
    g = strcmp(it->grade, "T") ? jl_au_find(&w->grades, it->grade) : w->G - 1;
    s = strcmp(it->sex, "T") ? jl_au_find(&w->sexes, it->sex) : w->S - 1;
    sc = jl_au_find(&w->scales, it->scale);
    if (set == SX_NONE || g == SX_NONE || s == SX_NONE || sc == SX_NONE)
        return SX_NONE;
    if (it->what == JL_AUDIT_N_SCORED || !it->cutoff)
        return jl_sx_sunit(w, set, g, s, sc);
    cut = jl_au_find(&w->cuts[sc], it->cutoff);
    return cut == SX_NONE ? SX_NONE : jl_sx_kunit(w, set, g, s, w->cut_off[sc] + cut);
}

/* Hides every cell of group (set, g, s) (g == SX_NONE: of every group
 * of the set; set == SX_NONE: of the whole wave). A virtual set's cells
 * are those of the two areas it is a part of. */
static size_t hide_group(sx *x, sx_wave *w, size_t set, size_t g, size_t s)
{
    size_t t, gi, si, kc, n = 0;

    for (t = 0; t < w->nreal; t++) {
        if (set != SX_NONE && t != set &&
            !(w->sets[set].virt && (t == w->sets[set].x || t == w->sets[set].y)))
            continue;
        for (gi = 0; gi < w->G; gi++)
            for (si = 0; si < w->S; si++)
                for (kc = 0; kc < w->nkc; kc++)
                    if (g == SX_NONE || (gi == g && si == s))
                        n += (size_t)jl_sx_hide_unit(x, w, jl_sx_kunit(w, t, gi, si, kc));
    }
    return n;
}

/* One step of the escalation for a failing unit: complements in its
 * tightest relation; in every relation; every cell of its group (area,
 * grade, sex); of its area; of the wave. A step that finds nothing to
 * hide goes on to the next. */
static size_t escalate(sx *x, sx_wave *w, size_t u)
{
    size_t set, g, s, c, n = 0;

    jl_sx_level(w, u, &set, &g, &s, &c);
    if (w->need[u] < x->p)
        w->need[u] = x->p;
    while (n == 0 && w->esc[u] < 7) {
        int e = ++w->esc[u];

        if (e == 1)
            n = (size_t)jl_sx_widen(x, w, u, 0);
        else if (e == 2) {
            w->need[u] = 2 * x->p;
            n = (size_t)jl_sx_widen(x, w, u, 1);
        } else if (e == 3)
            n = (size_t)jl_sx_widen_ring(x, w, u, 0);
        else if (e == 4)
            n = (size_t)jl_sx_widen_ring(x, w, u, 1);
        else if (e == 5)
            n = hide_group(x, w, set, g, s);
        else if (e == 6)
            n = hide_group(x, w, set, SX_NONE, 0);
        else
            n = hide_group(x, w, SX_NONE, SX_NONE, 0);
    }
    return n;
}

/* What the last audit saw: the values that passed, and which cells were
 * hidden; and what the earlier releases alone give away (their
 * baseline, jl_audit_opts.baseline), which no new release can undo. */
typedef struct seen_audit {
    jl_strmap *passed;
    unsigned char *hidden;
    jl_audit_result base;
    int has_base;
} seen_audit;

/* The release as it would be published: a copy of r's cells, masked.
 * After the first round only the values that failed, and what hiding may
 * have opened (the sizes of derived groups), are solved again: the loop
 * only ever hides more, so every range that passed is still at least as
 * wide (release/audit.h). Checked here, not assumed: if a cell hidden at
 * the last audit is published now, everything is solved again. */
static int audit_masked(jl_audit_result *res, sx *x, jl_release **all, seen_audit *sa,
                        jl_err *err)
{
    jl_release *r = x->rel[0], copy = *r; /* x->rel is all */
    static const jl_audit_opts defaults;
    jl_audit_opts ao = x->o ? x->o->audit : defaults;
    size_t i;
    int rc;

    ao.keep_passed = 1;
    ao.passed = sa->passed;
    ao.baseline = sa->has_base ? &sa->base : NULL;
    for (i = 0; sa->hidden && i < r->ncells; i++)
        if (sa->hidden[i] && !r->cells[i].suppressed)
            ao.passed = NULL;
    copy.cells = jl_xmalloc((copy.ncells + 1) * sizeof *copy.cells);
    memcpy(copy.cells, x->rel[0]->cells, copy.ncells * sizeof *copy.cells);
    jl_release_mask(&copy);
    all[0] = &copy;
    rc = jl_audit_run(res, all, x->nrel, &ao, err);
    if (sa->passed)
        jl_strmap_free(sa->passed);
    sa->passed = res->passed;
    res->passed = NULL;
    if (!sa->hidden)
        sa->hidden = jl_xmalloc(r->ncells + 1);
    for (i = 0; i < r->ncells; i++)
        sa->hidden[i] = (unsigned char)r->cells[i].suppressed;
    all[0] = r;
    jl_free(copy.cells);
    return rc;
}

/* Acts on every failing value; returns the cells hidden. */
static size_t repair(sx *x, const jl_audit_result *res, int last)
{
    size_t i, n = 0, wi;
    unsigned char **seen = jl_xcalloc(x->nw + 1, sizeof *seen);

    for (i = 0; i < res->nfail; i++) {
        sx_wave *w = NULL;
        size_t u = item_unit(x, &w, &res->fail[i]);
        if (!w)
            continue;
        wi = (size_t)(w - x->w);
        if (!seen[wi])
            seen[wi] = jl_xcalloc(w->nu + 1, 1);
        if (last || u == SX_NONE) {
            if (!seen[wi][w->nu])
                n += hide_group(x, w, SX_NONE, SX_NONE, 0);
            seen[wi][w->nu] = 1;
            continue;
        }
        if (seen[wi][u])
            continue;
        seen[wi][u] = 1;
        /* a correction's part that this release's count gives away: the
         * count is hidden first (its earlier revision's, published,
         * makes it public but for the part) */
        if (res->fail[i].change && jl_sx_hideable(x, w, u) && jl_sx_hide_unit(x, w, u)) {
            if (w->need[u] < x->p)
                w->need[u] = x->p;
            n++;
            continue;
        }
        n += escalate(x, w, u);
        /* a hidden group's size that failed fails on its other scales
         * next (their n_scored lie within the same few of min_n): they
         * get the protection now, not one audit round each */
        if (u >= w->nK && u < w->nK + w->nS) {
            size_t set, g, s, c, sc;

            jl_sx_level(w, u, &set, &g, &s, &c);
            for (sc = 0; sc < w->scales.n; sc++) {
                size_t v = jl_sx_sunit(w, set, g, s, sc);

                if (!jl_sx_published(x, w, v) && w->need[v] < x->p)
                    w->need[v] = x->p;
            }
        }
    }
    for (wi = 0; wi < x->nw; wi++)
        jl_free(seen[wi]);
    jl_free(seen);
    return n;
}

/* Every hidden count of the release needs the protection: the files
 * say only that a rule hid it (export.h), so the audit protects each as
 * if it were primary, and the structural pass is told so before the
 * audit asks. */
static void need_hidden(sx *x, sx_wave *w)
{
    size_t u, e;

    for (u = 0; u < w->nK; u++) {
        int hid = 0;

        if (w->need[u] >= x->p || jl_sx_published(x, w, u) || w->val[jl_sx_up(w, u)] == 0)
            continue;
        for (e = w->ucs[u]; e < w->ucs[u + 1] && !hid; e++)
            hid = w->ucell[e].rel == 0 && x->rel[0]->cells[w->ucell[e].i].suppressed;
        if (hid)
            w->need[u] = x->p;
    }
}

static void progress(const sx *x, double done)
{
    if (x->o && x->o->progress)
        x->o->progress(x->o->ctx, done);
}

static double now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Respondents in the release's hidden cells of wave w. */
static double loss(const sx *x, const sx_wave *w)
{
    const jl_release *r = x->rel[0];
    double sum = 0;
    size_t i;

    for (i = 0; i < r->ncells; i++)
        if (w->cellk[i] != SX_NONE && r->cells[i].suppressed && r->cells[i].n_scored > 0)
            sum += (double)r->cells[i].n_scored;
    return sum;
}

static void save(const sx *x, unsigned char *sup, jl_rreason *why, double *need,
                 const sx_wave *w)
{
    size_t i;

    for (i = 0; i < x->rel[0]->ncells; i++) {
        sup[i] = (unsigned char)x->rel[0]->cells[i].suppressed;
        why[i] = x->rel[0]->cells[i].reason;
    }
    memcpy(need, w->need, w->nu * sizeof *need);
}

static void restore(sx *x, const unsigned char *sup, const jl_rreason *why, const double *need,
                    sx_wave *w)
{
    size_t i;

    for (i = 0; i < x->rel[0]->ncells; i++) {
        x->rel[0]->cells[i].suppressed = sup[i];
        x->rel[0]->cells[i].reason = why[i];
    }
    memcpy(w->need, need, w->nu * sizeof *need);
}

/* The first structural pass of each wave, tried in both orders (k first;
 * n, n_scored, k), keeping the one that hides fewer respondents (k first
 * on a tie). Neither is better everywhere: where the small groups are
 * whole areas (no breakdown), complements of single cells chosen first
 * serve the groups' n later at little cost; by grade and sex, a small
 * group's n decided first keeps all its scales' complements in the same
 * few groups (on a city's primärområden, half the loss). Each order is
 * deterministic, and so is the choice. */
static void first_pass(sx *x)
{
    size_t ncell = x->rel[0]->ncells, wi;
    unsigned char *sup0 = jl_xmalloc(ncell + 1), *sup1 = jl_xmalloc(ncell + 1);
    jl_rreason *why0 = jl_xmalloc((ncell + 1) * sizeof *why0),
               *why1 = jl_xmalloc((ncell + 1) * sizeof *why1);

    for (wi = 0; wi < x->nw; wi++) {
        sx_wave *w = &x->w[wi];
        double *need0 = jl_xmalloc((w->nu + 1) * sizeof *need0),
               *need1 = jl_xmalloc((w->nu + 1) * sizeof *need1), lk;

        save(x, sup0, why0, need0, w);
        w->coarse_first = 0;
        (void)jl_sx_structural(x, w);
        lk = loss(x, w);
        save(x, sup1, why1, need1, w);
        restore(x, sup0, why0, need0, w);
        w->coarse_first = 1;
        (void)jl_sx_structural(x, w);
        if (lk <= loss(x, w)) {
            restore(x, sup1, why1, need1, w);
            w->coarse_first = 0;
        }
        jl_free(need0);
        jl_free(need1);
    }
    jl_free(sup0);
    jl_free(sup1);
    jl_free(why0);
    jl_free(why1);
}

int jl_release_secondary(jl_release *r, jl_release *const *earlier, size_t nearlier,
                         const jl_protect_opts *o, jl_protect_stats *st, jl_audit_result *audit,
                         jl_err *err)
{
    double t0 = now(), ts = 0, ta = 0;
    jl_release **all = jl_xmalloc((nearlier + 1) * sizeof *all);
    sx x;
    seen_audit sa;
    size_t i, round = 0;
    int rc;

    memset(&sa, 0, sizeof sa);
    memset(&x, 0, sizeof x);
    memset(audit, 0, sizeof *audit);
    all[0] = r;
    for (i = 0; i < nearlier; i++)
        all[i + 1] = earlier[i];
    x.rel = all;
    x.nrel = nearlier + 1;
    x.o = o;
    x.p = o && o->audit.protection > 0 ? o->audit.protection : JL_AUDIT_PROTECTION;
    rc = jl_sx_build(&x, err);
    if (rc == 0 && nearlier > 0) {
        static const jl_audit_opts defaults;

        rc = jl_audit_baseline(&sa.base, earlier, nearlier, o ? &o->audit : &defaults, err);
        sa.has_base = rc == 0;
    }
    if (rc == 0) {
        for (i = 0; i < x.nw; i++)
            (void)jl_sx_cubes(&x, &x.w[i]);
        first_pass(&x);
    }
    for (;;) {
        size_t fixed = 0;

        for (i = 0; rc == 0 && i < x.nw; i++) {
            need_hidden(&x, &x.w[i]);
            (void)jl_sx_structural(&x, &x.w[i]);
        }
        progress(&x, 0.1 + 0.9 * (double)round / (JL_SX_ROUNDS + 2));
        ts += now() - t0;
        t0 = now();
        if (rc == 0)
            rc = audit_masked(audit, &x, all, &sa, err);
        ta += now() - t0;
        t0 = now();
        round++;
        if (rc < 0 || audit->pass || round > JL_SX_ROUNDS + 1)
            break;
        fixed = repair(&x, audit, round > JL_SX_ROUNDS);
        if (fixed == 0) {
            /* nothing left to hide for the values that fail: what fails
             * is fixed by earlier releases, and this verdict is final */
            break;
        }
        jl_audit_dispose(audit);
    }
    progress(&x, 1);
    if (sa.passed)
        jl_strmap_free(sa.passed);
    jl_free(sa.hidden);
    jl_audit_dispose(&sa.base);
    if (st) {
        st->rounds = round;
        st->secs_structural = ts + now() - t0;
        st->secs_audit = ta;
    }
    jl_sx_dispose(&x);
    jl_free(all);
    return rc;
}
