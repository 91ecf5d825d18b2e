#include "release/solve.h"
#include "core/alloc.h"
#include "core/i18n.h"

#include <errno.h>
#include <glpk.h>
#include <limits.h>
#include <malloc.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void);

/* One result over the pipe; the parent knows which target by pos. */
typedef struct rec {
    uint64_t pos;
    int32_t status, integer, witnessed, lo_exact;
    double lp_lo, lp_hi, lo, hi;
} rec;

/* Integer solutions seen: the seeds' points (the first keep, never
 * replaced: they are spread out on purpose, and the optima found later
 * for one target at a time cluster) and a ring of the last JL_SOLVE_POOL
 * others. */
#define POOL_CAP (JL_SOLVE_POOL + JL_SOLVE_SEEDS)
typedef struct pool {
    double *x; /* POOL_CAP x nvars */
    size_t n, next, keep, nvars;
    const jl_lpmodel *m;
} pool;

/* Takes the point written in the next slot if it is a feasible integer
 * point of the model, checked here row by row: a witness must be one, and
 * what GLPK returns after an interrupted search, or through its presolver,
 * is not taken on trust. */
static int pool_commit(pool *pl)
{
    const jl_lpmodel *m = pl->m;
    const double *x = pl->x + pl->next * pl->nvars;
    size_t i, e;

    for (i = 0; i < m->nvars; i++)
        if (x[i] < 0 || x[i] > m->ub[i])
            goto reject;
    for (i = 0; i < m->nrows; i++) {
        double v = 0;

        for (e = m->rs[i]; e < m->rs[i + 1]; e++)
            v += m->rcoef[e] * x[m->rvar[e]];
        if (v < m->rlo[i] - 1e-6 || v > m->rhi[i] + 1e-6)
            goto reject;
    }
    if (++pl->next == POOL_CAP)
        pl->next = pl->keep;
    if (pl->n < POOL_CAP)
        pl->n++;
    return 1;
reject:
    return 0;
}

/* Keeps the LP optimum just found if all of it is integer; returns
 * whether it was. */
static int pool_add(pool *pl, glp_prob *P)
{
    double *x = pl->x + pl->next * pl->nvars;
    size_t j;

    for (j = 0; j < pl->nvars; j++) {
        double v = glp_get_col_prim(P, (int)j + 1);

        if (fabs(v - round(v)) > 1e-9)
            return 0;
        x[j] = round(v);
    }
    return pool_commit(pl);
}

/* Keeps the integer solution intopt just found (any feasible one is a
 * witness, optimal or not); returns whether it checked. */
static int pool_commit_mip(pool *pl, glp_prob *P)
{
    double *x = pl->x + pl->next * pl->nvars;
    size_t j;

    for (j = 0; j < pl->nvars; j++)
        x[j] = round(glp_mip_col_val(P, (int)j + 1));
    return pool_commit(pl);
}

/* The target's least and greatest value over the pool. */
static void pool_range(const pool *pl, const jl_lpmodel *m, size_t t, double *lo, double *hi)
{
    size_t i, e;

    *lo = HUGE_VAL;
    *hi = -HUGE_VAL;
    for (i = 0; i < pl->n; i++) {
        const double *x = pl->x + i * pl->nvars;
        double v = 0;

        for (e = m->ts[t]; e < m->ts[t + 1]; e++)
            v += m->tcoef[e] * x[m->tvar[e]];
        *lo = v < *lo ? v : *lo;
        *hi = v > *hi ? v : *hi;
    }
}

/* GLPK takes int counts and 1-based arrays (element 0 unused). */
static glp_prob *build(const jl_lpmodel *m)
{
    glp_prob *P = glp_create_prob();
    size_t ne = m->rs[m->nrows], i, e;
    int *ia = jl_xmalloc((ne + 1) * sizeof *ia), *ja = jl_xmalloc((ne + 1) * sizeof *ja);
    double *ar = jl_xmalloc((ne + 1) * sizeof *ar);

    if (m->nvars)
        glp_add_cols(P, (int)m->nvars);
    for (i = 0; i < m->nvars; i++) {
        int j = (int)i + 1;

        if (m->ub[i] == 0)
            glp_set_col_bnds(P, j, GLP_FX, 0, 0);
        else if (isinf(m->ub[i]))
            glp_set_col_bnds(P, j, GLP_LO, 0, 0);
        else
            glp_set_col_bnds(P, j, GLP_DB, 0, m->ub[i]);
        glp_set_col_kind(P, j, GLP_IV);
    }
    if (m->nrows)
        glp_add_rows(P, (int)m->nrows);
    for (i = 0; i < m->nrows; i++) {
        double lo = m->rlo[i], hi = m->rhi[i];
        int r = (int)i + 1, type;

        if (isinf(lo) && isinf(hi))
            type = GLP_FR;
        else if (isinf(lo))
            type = GLP_UP;
        else if (isinf(hi))
            type = GLP_LO;
        else
            type = lo == hi ? GLP_FX : GLP_DB;
        glp_set_row_bnds(P, r, type, isinf(lo) ? 0 : lo, isinf(hi) ? 0 : hi);
        for (e = m->rs[i]; e < m->rs[i + 1]; e++) {
            ia[e + 1] = r;
            ja[e + 1] = (int)m->rvar[e] + 1;
            ar[e + 1] = m->rcoef[e];
        }
    }
    if (ne)
        glp_load_matrix(P, (int)ne, ia, ja, ar);
    jl_free(ia);
    jl_free(ja);
    jl_free(ar);
    return P;
}

static void set_objective(glp_prob *P, const jl_lpmodel *m, size_t t, double scale)
{
    size_t e;

    for (e = m->ts[t]; e < m->ts[t + 1]; e++) {
        int j = (int)m->tvar[e] + 1;

        glp_set_obj_coef(P, j, glp_get_obj_coef(P, j) + scale * m->tcoef[e]);
    }
}

/* Pivots between two looks at the objective in lp_until. */
#define LP_CHUNK 64

/* One LP solve in direction dir; *v its optimum (±HUGE_VAL if unbounded),
 * *whole (may be NULL) set when the optimum found is all integers. With
 * enough finite, it stops at the first feasible point (the primal simplex
 * keeps one from a warm start) whose objective reaches enough: *early set,
 * *v that value. Retries once from a fresh basis: a warm start can leave
 * the simplex on a singular basis. */
static jl_bound_status lp_until(double *v, glp_prob *P, int dir, int tm, pool *pl, int *whole,
                                double enough, int *early)
{
    glp_smcp p;
    int r, st, tries;
    double end = now_ms() + tm;

    glp_init_smcp(&p);
    p.msg_lev = GLP_MSG_OFF;
    /* Dantzig pricing: each solve starts from the last optimum and needs
     * few pivots, too few to repay steepest-edge weights (measured 15 %
     * faster on a city export). */
    p.pricing = GLP_PT_STD;
    p.tm_lim = tm;
    if (early)
        *early = 0;
    if (isfinite(enough))
        p.it_lim = LP_CHUNK;
    glp_set_obj_dir(P, dir);
    for (tries = 0; tries < 2; tries++) {
        if (tries)
            glp_std_basis(P);
        r = glp_simplex(P, &p);
        while (r == GLP_EITLIM) {
            double o = glp_get_obj_val(P), left = end - now_ms();

            if (glp_get_prim_stat(P) == GLP_FEAS && (dir == GLP_MAX ? o >= enough : o <= enough)) {
                *v = o;
                *early = 1;
                return JL_BOUND_OK;
            }
            if (left < 1)
                return JL_BOUND_TIMEOUT;
            p.tm_lim = (int)left;
            r = glp_simplex(P, &p);
        }
        if (r == GLP_ETMLIM)
            return JL_BOUND_TIMEOUT;
        if (r != 0)
            continue;
        st = glp_get_status(P);
        if (st == GLP_OPT) {
            *v = glp_get_obj_val(P);
            if (pool_add(pl, P) && whole)
                *whole = 1;
            return JL_BOUND_OK;
        }
        if (st == GLP_UNBND) {
            *v = dir == GLP_MAX ? HUGE_VAL : -HUGE_VAL;
            return JL_BOUND_OK;
        }
        if (st == GLP_NOFEAS)
            return JL_BOUND_INFEASIBLE;
    }
    return JL_BOUND_FAILED;
}

static jl_bound_status lp(double *v, glp_prob *P, int dir, int tm, pool *pl, int *whole)
{
    return lp_until(v, P, dir, tm, pl, whole, NAN, NULL);
}

typedef struct stop_at {
    int dir;
    double at; /* stop at an incumbent this good */
    int stopped;
} stop_at;

static void on_incumbent(glp_tree *T, void *info)
{
    stop_at *s = info;
    double v;

    if (glp_ios_reason(T) != GLP_IBINGO)
        return;
    v = glp_mip_obj_val(glp_ios_get_prob(T));
    if (s->dir == GLP_MAX ? v >= s->at : v <= s->at) {
        s->stopped = 1;
        glp_ios_terminate(T);
    }
}

/* The integer optimum in direction dir, or with *stopped set the first
 * integer point found at least as good as at (±HUGE_VAL: never). GLPK's
 * branch and cut with its own presolve, which solves the relaxation
 * itself: measured faster here than starting from the warm LP basis. */
static jl_bound_status mip(double *v, glp_prob *P, int dir, int tm, pool *pl, double at,
                           int *stopped)
{
    glp_iocp p;
    int r, st;
    stop_at sa;

    sa.dir = dir;
    sa.at = at;
    sa.stopped = 0;
    *stopped = 0;
    glp_init_iocp(&p);
    p.msg_lev = GLP_MSG_OFF;
    p.presolve = GLP_ON;
    p.tm_lim = tm;
    p.cb_func = on_incumbent;
    p.cb_info = &sa;
    glp_set_obj_dir(P, dir);
    r = glp_intopt(P, &p);
    if (r == GLP_ESTOP && sa.stopped && glp_mip_status(P) == GLP_FEAS) {
        /* the point is kept only if it checks: else the optimum is sought */
        if (pool_commit_mip(pl, P)) {
            *v = glp_mip_obj_val(P);
            *stopped = 1;
            return JL_BOUND_OK;
        }
        p.cb_func = NULL;
        r = glp_intopt(P, &p);
    }
    if (r == GLP_ETMLIM)
        return JL_BOUND_TIMEOUT;
    if (r == GLP_ENOPFS)
        return JL_BOUND_INFEASIBLE;
    if (r != 0)
        return JL_BOUND_FAILED;
    st = glp_mip_status(P);
    if (st == GLP_OPT) {
        *v = glp_mip_obj_val(P);
        (void)pool_commit_mip(pl, P);
        return JL_BOUND_OK;
    }
    if (st == GLP_NOFEAS)
        return JL_BOUND_INFEASIBLE;
    return JL_BOUND_FAILED;
}

static void on_bingo(glp_tree *T, void *info)
{
    (void)info;
    if (glp_ios_reason(T) == GLP_IBINGO)
        glp_ios_terminate(T);
}

/* The first integer solution branch and cut finds for the objective set
 * (not its optimum: any feasible point is a witness, and one near the
 * LP's optimum is far out in the direction asked for). */
static void first_point(glp_prob *P, int dir, int tm, pool *pl)
{
    glp_iocp p;
    int st;

    glp_init_iocp(&p);
    p.msg_lev = GLP_MSG_OFF;
    p.presolve = GLP_ON;
    p.tm_lim = tm;
    p.cb_func = on_bingo;
    glp_set_obj_dir(P, dir);
    (void)glp_intopt(P, &p);
    st = glp_mip_status(P);
    if (st == GLP_OPT || st == GLP_FEAS)
        (void)pool_commit_mip(pl, P);
}

/* A target the pool does not witness, shown to have an LP range of
 * twice the protection or more (what bound_one takes as safe) without
 * solving its LPs to the end: the maximum is pushed only until it lies
 * that far above the lowest witness (or above the minimum, when
 * lo_exact has solved it). A witness is a point of the model, so the LP
 * minimum lies at or below it, and the LP range is at least as wide. On
 * a heavily suppressed table most of the targets the pool leaves are
 * wide (a hidden group's size that all of its parent's 184 could go to),
 * with optima hundreds of pivots away: on the demo's primärområden by
 * grade and sex, this halved the audit. Returns 1 when the verdict is
 * known (r filled; lo is the witness, lo_exact 0, unless lo_exact had
 * solved it), 0 when the full solves must follow (the maximum is then
 * solved again, from its optimum: no pivots). */
static int early_range(rec *r, glp_prob *P, const jl_solve_opts *o, int tm, pool *pl,
                       const jl_lpmodel *m, size_t t, int lo_exact, jl_bound_status *st)
{
    double need = 2 * o->protection, plo, phi, lo, hi;
    int early = 0;

    if (pl->n < 1)
        return 0;
    pool_range(pl, m, t, &plo, &phi);
    lo = lo_exact ? ceil(r->lp_lo - JL_SOLVE_TOL) : plo;
    *st = lp_until(&r->lp_hi, P, GLP_MAX, tm, pl, NULL, lo + need, &early);
    if (*st != JL_BOUND_OK)
        return 1;
    hi = isinf(r->lp_hi) ? JL_BOUND_INF : floor(r->lp_hi + JL_SOLVE_TOL);
    if (hi - lo < need)
        return 0; /* no early verdict: the full solves follow */
    r->hi = hi;
    r->lo = lo;
    r->lo_exact = lo_exact;
    r->lp_lo = lo_exact ? r->lp_lo : lo;
    return 1;
}

static void bound_one(rec *r, glp_prob *P, const jl_solve_opts *o, int tm, pool *pl,
                      const jl_lpmodel *m, size_t t)
{
    double v;
    jl_bound_status st;
    int whole_lo = 0, whole_hi = 0, lo_exact = o->lo_exact, stopped = 0;

    r->status = JL_BOUND_OK;
    /* The minimum is wanted only to tell whether it reaches lo_gate: a
     * witness below the gate already says it does not. */
    if (lo_exact && !o->exact && pl->n >= 1) {
        double plo, phi;

        pool_range(pl, m, t, &plo, &phi);
        if (plo < (o->lo_gates ? o->lo_gates[t] : o->lo_gate) - JL_SOLVE_TOL)
            lo_exact = 0;
    }
    st = lo_exact ? lp(&r->lp_lo, P, GLP_MIN, tm, pl, &whole_lo) : JL_BOUND_OK;
    if (st != JL_BOUND_OK) {
        r->status = (int32_t)st;
        return;
    }
    if (!o->exact && pl->n >= 2) {
        pool_range(pl, m, t, &r->lo, &r->hi);
        if (lo_exact)
            r->lo = ceil(r->lp_lo - JL_SOLVE_TOL);
        if (r->hi - r->lo >= o->protection - JL_SOLVE_TOL) {
            r->witnessed = 1;
            r->lo_exact = lo_exact;
            if (!lo_exact)
                r->lp_lo = r->lo;
            r->lp_hi = r->hi;
            return;
        }
    }
    if (!o->exact && early_range(r, P, o, tm, pl, m, t, lo_exact, &st)) {
        r->status = (int32_t)st;
        return;
    }
    if (!lo_exact)
        st = lp(&r->lp_lo, P, GLP_MIN, tm, pl, &whole_lo);
    if (st == JL_BOUND_OK)
        st = lp(&r->lp_hi, P, GLP_MAX, tm, pl, &whole_hi);
    if (st != JL_BOUND_OK) {
        r->status = (int32_t)st;
        return;
    }
    /* The one rounding: in the attacker's favour, so that a range is
     * never wider than what integers allow. */
    r->lo = ceil(r->lp_lo - JL_SOLVE_TOL);
    r->hi = isinf(r->lp_hi) ? JL_BOUND_INF : floor(r->lp_hi + JL_SOLVE_TOL);
    r->lo_exact = 1;
    /* The integer programme only where it can change the verdict: a
     * range below the protection fails already (the integer range lies
     * within the LP's), and one of twice the protection or more is taken
     * as safe: in these count tables integer bounds stay within a person
     * or two of the LP's (§3.3). A branch and cut per value is what made
     * audits slow (GLPK's presolve copies the whole problem each time). */
    if (r->hi - r->lo >= 2 * o->protection || r->hi - r->lo < o->protection - JL_SOLVE_TOL)
        return;
    /* An LP optimum at an integer point is the integer optimum too: the
     * integer programme could not move it. */
    if (whole_lo && whole_hi)
        return;
    /* The points found since may show the range already. */
    if (!o->exact) {
        double plo, phi;

        pool_range(pl, m, t, &plo, &phi);
        if (phi - plo >= o->protection - JL_SOLVE_TOL) {
            /* lo stays the LP's where the minimum is wanted: a bound
             * below the integer minimum, as the gate reads it */
            r->witnessed = 1;
            if (!lo_exact) {
                r->lo_exact = 0;
                r->lo = plo;
            }
            r->hi = phi;
            return;
        }
    }
    /* A side whose LP optimum lay at an integer point has its integer
     * optimum already. Each integer programme stops at the first point
     * that, with a witness, shows the range (the verdict is then known;
     * the optimum would not change it). */
    r->integer = 1;
    st = JL_BOUND_OK;
    if (!whole_hi && r->hi < JL_BOUND_INF) {
        double plo = HUGE_VAL, phi;

        if (!o->exact && pl->n >= 1)
            pool_range(pl, m, t, &plo, &phi);
        st = mip(&v, P, GLP_MAX, tm, pl, plo + o->protection - JL_SOLVE_TOL, &stopped);
        if (st == JL_BOUND_OK)
            r->hi = round(v);
        if (st == JL_BOUND_OK && stopped) {
            r->witnessed = 1;
            if (!lo_exact) {
                r->lo_exact = 0;
                r->lo = plo;
            }
            r->status = JL_BOUND_OK;
            return;
        }
    }
    if (st == JL_BOUND_OK && !whole_lo) {
        double stop = o->exact ? -HUGE_VAL : r->hi - o->protection + JL_SOLVE_TOL;

        st = mip(&v, P, GLP_MIN, tm, pl, stop, &stopped);
        if (st == JL_BOUND_OK && stopped) {
            r->witnessed = 1;
            if (!lo_exact) {
                r->lo_exact = 0;
                r->lo = round(v);
            }
        } else if (st == JL_BOUND_OK) {
            r->lo = round(v);
        }
    }
    r->status = (int32_t)st;
}

static int write_all(int fd, const void *p, size_t len)
{
    const char *c = p;

    while (len) {
        ssize_t w = write(fd, c, len);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        c += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Puts a finite upper bound on every variable that has none (on), or
 * takes it off (off); returns whether any had none. An unbounded target
 * makes every seed pushing it up unbounded, with no point at all (GLPK:
 * GLP_ENODFS; 1 point from 16 seeds on the demo's primärområden by grade
 * and sex). A point in the box is one of the model's: as good a witness.
 * Twice the largest finite number in the model: the seeds still spread. */
static int seed_box(glp_prob *P, const jl_lpmodel *m, int on)
{
    double big = 100;
    size_t i;
    int any = 0;

    for (i = 0; on && i < m->nvars; i++)
        if (!isinf(m->ub[i]) && 2 * m->ub[i] > big)
            big = 2 * m->ub[i];
    for (i = 0; on && i < m->nrows; i++) {
        if (!isinf(m->rhi[i]) && 2 * fabs(m->rhi[i]) > big)
            big = 2 * fabs(m->rhi[i]);
        if (!isinf(m->rlo[i]) && 2 * fabs(m->rlo[i]) > big)
            big = 2 * fabs(m->rlo[i]);
    }
    for (i = 0; i < m->nvars; i++) {
        if (!isinf(m->ub[i]))
            continue;
        any = 1;
        if (on)
            glp_set_col_bnds(P, (int)i + 1, GLP_DB, 0, big);
        else
            glp_set_col_bnds(P, (int)i + 1, GLP_LO, 0, 0);
    }
    return any;
}

/* Fills the pool before the targets' own solves: an integer point with
 * every target pushed up together, then down together, then with a few
 * fixed mixtures of signs. Each is one solve of the whole part where a
 * target otherwise costs two, and in a heavily suppressed release most
 * targets' ranges are witnessed by these few points alone (every point
 * in the pool is a feasible integer solution, so a range seen there is
 * one the attacker cannot narrow). The first integer point branch and
 * cut finds, not an LP optimum: an LP optimum of so many targets at once
 * is seldom all integers, and then witnesses nothing (on a city's
 * release, 2 to 7 points from 16 LP solves; 16 from 16 integer ones, in
 * a fifth of the time). The signs come from a fixed generator, so the
 * points, and what they witness, are the same on every run. */
static void seed_pool(glp_prob *P, const jl_lpmodel *m, const size_t *which, size_t a, size_t b,
                      int tm, pool *pl, int lo_exact)
{
    uint64_t st = 0x9e3779b97f4a7c15u;
    size_t i, round, nseeds;
    int cap;

    if (b - a < JL_SOLVE_SEED_MIN)
        return;
    cap = seed_box(P, m, 1);
    /* Against a gate only a point below it helps, and the seed pushing
     * every target down gives most: two seeds (the demo's mellanområden
     * by grade and sex: the same witnesses in 2 s instead of 16). */
    nseeds = lo_exact ? 2 : JL_SOLVE_SEEDS;
    for (round = 0; round < nseeds; round++) {
        for (i = a; i < b; i++) {
            double sgn = 1.0;

            if (round >= 2) {
                st = st * 6364136223846793005u + 1442695040888963407u;
                sgn = (st >> 63) ? 1.0 : -1.0;
            }
            set_objective(P, m, which ? which[i] : i, sgn);
        }
        first_point(P, round == 1 ? GLP_MIN : GLP_MAX, tm, pl);
        for (i = 0; i < (size_t)glp_get_num_cols(P); i++)
            glp_set_obj_coef(P, (int)i + 1, 0.0);
    }
    if (cap)
        (void)seed_box(P, m, 0);
    pl->keep = pl->n;
}

/* Bounds targets a .. b-1 of which (NULL: the model's own order),
 * writing one record per target with its position. */
static void child(int fd, const jl_lpmodel *m, const size_t *which, size_t a, size_t b,
                  const jl_solve_opts *o, int tm)
{
    glp_prob *P;
    pool pl = {NULL, 0, 0, 0, m->nvars, m};
    size_t i;

    glp_term_out(GLP_OFF);
    /* GLPK allocates and frees its working arrays on every solve; glibc
     * would map and unmap the large ones each time (a third of the
     * audit's time went to page faults). The child keeps them instead. */
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    P = build(m);
    pl.x = jl_xmalloc((POOL_CAP * m->nvars + 1) * sizeof *pl.x);
    if (!o->exact)
        seed_pool(P, m, which, a, b, tm, &pl, o->lo_exact);
    for (i = a; i < b; i++) {
        size_t t = which ? which[i] : i;
        rec r;

        if (o->test_die_after > 0 && (long)(i - a) >= o->test_die_after)
            kill(getpid(), SIGKILL);
        memset(&r, 0, sizeof r);
        r.pos = i;
        set_objective(P, m, t, 1.0);
        bound_one(&r, P, o, tm, &pl, m, t);
        set_objective(P, m, t, -1.0);
        if (write_all(fd, &r, sizeof r) < 0)
            break;
    }
    jl_free(pl.x);
    glp_delete_prob(P);
    glp_free_env();
}

static double now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec * 1e-6;
}

static void take(jl_bound *out, size_t n, const rec *rc)
{
    jl_bound *b;

    if (rc->pos >= n)
        return;
    b = &out[rc->pos];
    b->status = (jl_bound_status)rc->status;
    b->integer = rc->integer;
    b->witnessed = rc->witnessed;
    b->lo_exact = rc->lo_exact;
    b->lp_lo = rc->lp_lo;
    b->lp_hi = rc->lp_hi;
    b->lo = rc->lo + 0.0; /* never -0 */
    b->hi = rc->hi + 0.0;
}

/* One child as the parent sees it: its pipe, the bytes of a record read
 * so far, and when it last sent one. */
typedef struct kid {
    int fd;
    pid_t pid;
    size_t a, b; /* its targets */
    size_t have;
    double last;
    char buf[sizeof(rec)];
} kid;

/* Reads records until every child has closed its end; a child that sent
 * nothing for wait_ms (a hung solver) is killed, and its targets time
 * out. */
static void collect(jl_bound *out, size_t n, kid *k, size_t nk, int wait_ms)
{
    struct pollfd pf[JL_SOLVE_CHILDREN];
    size_t i, open = nk;

    for (i = 0; i < nk; i++)
        k[i].last = now_ms();
    while (open > 0) {
        double t = now_ms(), soon = HUGE_VAL;
        int pr;

        for (i = 0; i < nk; i++) {
            pf[i].fd = k[i].fd;
            pf[i].events = POLLIN;
            pf[i].revents = 0;
            if (k[i].fd >= 0 && k[i].last + wait_ms < soon)
                soon = k[i].last + wait_ms;
        }
        pr = poll(pf, (nfds_t)nk, soon <= t ? 0 : (int)(soon - t) + 1);
        if (pr < 0 && errno == EINTR)
            continue;
        t = now_ms();
        for (i = 0; i < nk; i++) {
            ssize_t r;

            if (k[i].fd < 0)
                continue;
            if (!(pf[i].revents & (POLLIN | POLLHUP | POLLERR))) {
                if (t - k[i].last >= wait_ms) {
                    size_t j;

                    kill(k[i].pid, SIGKILL);
                    for (j = k[i].a; j < k[i].b; j++)
                        if (out[j].status == JL_BOUND_FAILED)
                            out[j].status = JL_BOUND_TIMEOUT;
                    close(k[i].fd);
                    k[i].fd = -1;
                    open--;
                }
                continue;
            }
            r = read(k[i].fd, k[i].buf + k[i].have, sizeof k[i].buf - k[i].have);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0) {
                close(k[i].fd);
                k[i].fd = -1;
                open--;
                continue;
            }
            k[i].have += (size_t)r;
            if (k[i].have == sizeof k[i].buf) {
                rec rc;

                memcpy(&rc, k[i].buf, sizeof rc);
                k[i].have = 0;
                k[i].last = t;
                take(out, n, &rc);
            }
        }
    }
}

int jl_solve_bounds(jl_bound *out, const jl_lpmodel *m, const size_t *which, size_t n,
                    const jl_solve_opts *o, jl_err *err)
{
    int tm = o->time_limit_ms > 0 ? o->time_limit_ms : 10000, status, wait_ms;
    size_t i, nk = n >= JL_SOLVE_SPLIT_MIN ? JL_SOLVE_CHILDREN : 1;
    kid k[JL_SOLVE_CHILDREN];

    for (i = 0; i < n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        out[i].status = JL_BOUND_FAILED;
    }
    if (n == 0)
        return JL_OK;
    if (m->nvars >= INT_MAX || m->nrows >= INT_MAX || m->rs[m->nrows] >= INT_MAX)
        return jl_err_set(err, JL_ELIMIT, _("the audit's model is too large for the solver"));
    /* A fixed number of children, each a fixed share of the targets in
     * order: the same records whatever the machine (witnesses depend on
     * which targets a child solved before). */
    for (i = 0; i < nk; i++) {
        size_t a = n * i / nk, b = n * (i + 1) / nk;
        int fd[2];
        pid_t pid;

        k[i].fd = -1;
        k[i].have = 0;
        if (pipe(fd) < 0 || (pid = fork()) < 0) {
            int e = errno;
            size_t j;

            for (j = 0; j < i; j++) {
                kill(k[j].pid, SIGKILL);
                close(k[j].fd);
                while (waitpid(k[j].pid, &status, 0) < 0 && errno == EINTR)
                    ;
            }
            return jl_err_set(err, JL_ERR, _("cannot start the solver: %s"), jl_strerror(e));
        }
        if (pid == 0) {
            size_t j;

            for (j = 0; j < i; j++)
                close(k[j].fd);
            close(fd[0]);
            child(fd[1], m, which, a, b, o, tm);
            close(fd[1]);
            _exit(0);
        }
        close(fd[1]);
        k[i].fd = fd[0];
        k[i].pid = pid;
        k[i].a = a;
        k[i].b = b;
    }
    /* Four solves per target at most, each within tm, plus the pool's
     * seeds; a margin for the model's construction before the first
     * record. */
    wait_ms = (4 + JL_SOLVE_SEEDS) * tm + 5000 + (int)(m->nvars / 100);
    collect(out, n, k, nk, wait_ms);
    for (i = 0; i < nk; i++)
        while (waitpid(k[i].pid, &status, 0) < 0 && errno == EINTR)
            ;
    return JL_OK;
}
