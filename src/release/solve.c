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
#include <unistd.h>

/* One result over the pipe; the parent knows which target by pos. */
typedef struct rec {
    uint64_t pos;
    int32_t status, integer, witnessed, lo_exact;
    double lp_lo, lp_hi, lo, hi;
} rec;

/* Integer solutions seen (a ring of JL_SOLVE_POOL), and a scratch row. */
typedef struct pool {
    double *x; /* JL_SOLVE_POOL x nvars */
    size_t n, next, nvars;
} pool;

/* Keeps the LP optimum just found if all of it is integer. */
static void pool_add(pool *pl, glp_prob *P)
{
    double *x = pl->x + pl->next * pl->nvars;
    size_t j;

    for (j = 0; j < pl->nvars; j++) {
        double v = glp_get_col_prim(P, (int)j + 1);

        if (fabs(v - round(v)) > 1e-9)
            return;
        x[j] = round(v);
    }
    pl->next = (pl->next + 1) % JL_SOLVE_POOL;
    if (pl->n < JL_SOLVE_POOL)
        pl->n++;
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

/* One LP solve in direction dir; *v its optimum (±HUGE_VAL if unbounded).
 * Retries once from a fresh basis: a warm start can leave the simplex
 * on a singular basis. */
static jl_bound_status lp(double *v, glp_prob *P, int dir, int tm, pool *pl)
{
    glp_smcp p;
    int r, st, tries;

    glp_init_smcp(&p);
    p.msg_lev = GLP_MSG_OFF;
    /* Dantzig pricing: each solve starts from the last optimum and needs
     * few pivots, too few to repay steepest-edge weights (measured 15 %
     * faster on a city export). */
    p.pricing = GLP_PT_STD;
    p.tm_lim = tm;
    glp_set_obj_dir(P, dir);
    for (tries = 0; tries < 2; tries++) {
        if (tries)
            glp_std_basis(P);
        r = glp_simplex(P, &p);
        if (r == GLP_ETMLIM)
            return JL_BOUND_TIMEOUT;
        if (r != 0)
            continue;
        st = glp_get_status(P);
        if (st == GLP_OPT) {
            *v = glp_get_obj_val(P);
            pool_add(pl, P);
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

/* The integer optimum in direction dir (GLPK's branch and cut with its
 * own presolve, which solves the relaxation itself: measured faster here
 * than starting from the warm LP basis). */
static jl_bound_status mip(double *v, glp_prob *P, int dir, int tm)
{
    glp_iocp p;
    int r, st;

    glp_init_iocp(&p);
    p.msg_lev = GLP_MSG_OFF;
    p.presolve = GLP_ON;
    p.tm_lim = tm;
    glp_set_obj_dir(P, dir);
    r = glp_intopt(P, &p);
    if (r == GLP_ETMLIM)
        return JL_BOUND_TIMEOUT;
    if (r == GLP_ENOPFS)
        return JL_BOUND_INFEASIBLE;
    if (r != 0)
        return JL_BOUND_FAILED;
    st = glp_mip_status(P);
    if (st == GLP_OPT) {
        *v = glp_mip_obj_val(P);
        return JL_BOUND_OK;
    }
    if (st == GLP_NOFEAS)
        return JL_BOUND_INFEASIBLE;
    return JL_BOUND_FAILED;
}

static void bound_one(rec *r, glp_prob *P, const jl_solve_opts *o, int tm, pool *pl,
                      const jl_lpmodel *m, size_t t)
{
    double v;
    jl_bound_status st;

    r->status = JL_BOUND_OK;
    st = o->lo_exact ? lp(&r->lp_lo, P, GLP_MIN, tm, pl) : JL_BOUND_OK;
    if (st != JL_BOUND_OK) {
        r->status = (int32_t)st;
        return;
    }
    if (!o->exact && pl->n >= 2) {
        pool_range(pl, m, t, &r->lo, &r->hi);
        if (o->lo_exact)
            r->lo = ceil(r->lp_lo - JL_SOLVE_TOL);
        if (r->hi - r->lo >= o->protection - JL_SOLVE_TOL) {
            r->witnessed = 1;
            r->lo_exact = o->lo_exact;
            if (!o->lo_exact)
                r->lp_lo = r->lo;
            r->lp_hi = r->hi;
            return;
        }
    }
    if (!o->lo_exact)
        st = lp(&r->lp_lo, P, GLP_MIN, tm, pl);
    if (st == JL_BOUND_OK)
        st = lp(&r->lp_hi, P, GLP_MAX, tm, pl);
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
    r->integer = 1;
    st = mip(&v, P, GLP_MIN, tm);
    if (st == JL_BOUND_OK) {
        r->lo = round(v);
        if (r->hi < JL_BOUND_INF)
            st = mip(&v, P, GLP_MAX, tm);
        if (st == JL_BOUND_OK && r->hi < JL_BOUND_INF)
            r->hi = round(v);
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

static void child(int fd, const jl_lpmodel *m, const size_t *which, size_t n,
                  const jl_solve_opts *o, int tm)
{
    glp_prob *P;
    pool pl = {NULL, 0, 0, m->nvars};
    size_t i;

    glp_term_out(GLP_OFF);
    /* GLPK allocates and frees its working arrays on every solve; glibc
     * would map and unmap the large ones each time (a third of the
     * audit's time went to page faults). The child keeps them instead. */
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    P = build(m);
    pl.x = jl_xmalloc((JL_SOLVE_POOL * m->nvars + 1) * sizeof *pl.x);
    for (i = 0; i < n; i++) {
        size_t t = which ? which[i] : i;
        rec r;

        if (o->test_die_after > 0 && (long)i >= o->test_die_after)
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

/* Reads records until the child closes its end, or until no record came
 * for wait_ms (a hung solver: killed, its targets time out). */
static void collect(jl_bound *out, size_t n, int fd, pid_t pid, int wait_ms)
{
    char buf[sizeof(rec)];
    size_t have = 0;

    for (;;) {
        struct pollfd pf = {fd, POLLIN, 0};
        int pr = poll(&pf, 1, wait_ms);
        ssize_t r;

        if (pr < 0 && errno == EINTR)
            continue;
        if (pr == 0) {
            size_t i;

            kill(pid, SIGKILL);
            for (i = 0; i < n; i++)
                if (out[i].status == JL_BOUND_FAILED)
                    out[i].status = JL_BOUND_TIMEOUT;
            return;
        }
        r = read(fd, buf + have, sizeof buf - have);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return;
        have += (size_t)r;
        if (have == sizeof buf) {
            rec rc;

            memcpy(&rc, buf, sizeof rc);
            have = 0;
            if (rc.pos < n) {
                jl_bound *b = &out[rc.pos];

                b->status = (jl_bound_status)rc.status;
                b->integer = rc.integer;
                b->witnessed = rc.witnessed;
                b->lo_exact = rc.lo_exact;
                b->lp_lo = rc.lp_lo;
                b->lp_hi = rc.lp_hi;
                b->lo = rc.lo + 0.0; /* never -0 */
                b->hi = rc.hi + 0.0;
            }
        }
    }
}

int jl_solve_bounds(jl_bound *out, const jl_lpmodel *m, const size_t *which, size_t n,
                    const jl_solve_opts *o, jl_err *err)
{
    int fd[2], tm = o->time_limit_ms > 0 ? o->time_limit_ms : 10000, status;
    size_t i;
    pid_t pid;

    for (i = 0; i < n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        out[i].status = JL_BOUND_FAILED;
    }
    if (n == 0)
        return JL_OK;
    if (m->nvars >= INT_MAX || m->nrows >= INT_MAX || m->rs[m->nrows] >= INT_MAX)
        return jl_err_set(err, JL_ELIMIT, _("the audit's model is too large for the solver"));
    if (pipe(fd) < 0)
        return jl_err_set(err, JL_ERR, _("cannot start the solver: %s"), jl_strerror(errno));
    pid = fork();
    if (pid < 0) {
        close(fd[0]);
        close(fd[1]);
        return jl_err_set(err, JL_ERR, _("cannot start the solver: %s"), jl_strerror(errno));
    }
    if (pid == 0) {
        close(fd[0]);
        child(fd[1], m, which, n, o, tm);
        close(fd[1]);
        _exit(0);
    }
    close(fd[1]);
    /* Four solves per target at most, each within tm; a margin for the
     * model's construction before the first record. */
    collect(out, n, fd[0], pid, 4 * tm + 5000 + (int)(m->nvars / 100));
    close(fd[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return JL_OK;
}
