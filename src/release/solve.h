/*
 * Bounds of a model's targets (release/model.h) by GLPK, run in a child
 * process: GLPK aborts the whole process on some bad input and keeps global
 * state (sdc-security.md §3.7), so the caller's process never links its
 * fate to it. The child builds the problem, solves, and sends one record
 * per target over a pipe; a target without a record (the child died, or
 * was killed) is JL_BOUND_FAILED, which the audit counts as unsafe.
 *
 * For each target: LP minimum and maximum (simplex, warm-started from the
 * previous basis), rounded once in the attacker's favour to integers
 * (lo = ceil(min - tol), hi = floor(max + tol), JL_SOLVE_TOL). Where that
 * range passes the protection but by less than the protection again
 * (protection <= hi - lo < 2 * protection), the integer programme's
 * bounds replace them: integer bounds can be tighter than LP bounds in
 * three or more dimensions (§3.3), never wider, so this is where they can
 * turn a pass into a failure. A range below the protection fails on the
 * LP bounds already and is reported with them. A solve that hits its time
 * limit gives
 * JL_BOUND_TIMEOUT.
 *
 * Most protected values of a well-protected release are far from pinned,
 * and solving each costs two LPs. Every integer point the child meets (an
 * LP optimum whose variables are all integers, an integer programme's
 * solution, the first integer point of a few seeding programmes) is,
 * once checked against every row, a set of counts consistent with
 * everything published; the child keeps the seeds' points and the last
 * JL_SOLVE_POOL others, and a target whose values over them already
 * differ by the protection is proven to have at least that range (it is
 * "witnessed") without a solve of its own. For the same reason an
 * integer programme stops at its first point that is far enough from a
 * witness, and an LP maximum at the first point twice the protection
 * above one (lo is then that witness, lo_exact 0). Not thread-safe
 * (fork); results are the caller's.
 */
#ifndef JL_RELEASE_SOLVE_H
#define JL_RELEASE_SOLVE_H

#include <stddef.h>

#include "core/err.h"
#include "release/model.h"

/* The tolerance for reading GLPK's doubles as integers: well above its
 * feasibility and integrality tolerances (1e-7, 1e-5 in GLPK 5.0) and
 * far below the 1 that separates two counts. */
#define JL_SOLVE_TOL 1e-4

/* Integer solutions kept as witnesses. */
#define JL_SOLVE_POOL 48
/* Integer programmes that fill the pool before a child's targets (at
 * least JL_SOLVE_SEED_MIN of them) are bounded one by one. Fewer do not
 * repay them: on the demo's mellanområden by grade and sex a seed costs
 * 1.3 s, and the protect loop's later audits ask for a few dozen values
 * (20 s of seeds for 27 values; with 128 a later round takes 41 s, not 65). */
#define JL_SOLVE_SEEDS 16
#define JL_SOLVE_SEED_MIN 128
/* Children that share a part's targets (at least JL_SOLVE_SPLIT_MIN of
 * them), each building the part's problem: a fixed number, not the
 * machine's cores, so that records are the same everywhere. */
#define JL_SOLVE_CHILDREN 2
#define JL_SOLVE_SPLIT_MIN 64

/* A range wider than any count: "no upper bound" (the LP is unbounded). */
#define JL_BOUND_INF 1e15

typedef enum {
    JL_BOUND_OK = 0,
    JL_BOUND_TIMEOUT,    /* a solve ran out of time */
    JL_BOUND_FAILED,     /* the solver failed or its process died */
    JL_BOUND_INFEASIBLE, /* the published numbers contradict each other */
} jl_bound_status;

typedef struct jl_bound {
    jl_bound_status status;
    double lp_lo, lp_hi; /* LP bounds as solved */
    double lo, hi;       /* integer bounds (JL_BOUND_INF for none above) */
    int integer;         /* 1 if lo, hi come from the integer programme */
    int witnessed;       /* 1 if hi (and lo unless lo_exact) are the target's
                            values in integer solutions found along the way:
                            the true range is at least hi - lo */
    int lo_exact;        /* 1 if lo is proven: a lower bound of the integer
                            minimum (an LP minimum rounded up, the
                            integer minimum itself, or the audit's bound
                            without a solve), not a witness's value */
} jl_bound;

typedef struct jl_solve_opts {
    double protection; /* the range a protected value needs (default 5) */
    int time_limit_ms; /* per solve (LP or integer); 0: 10,000 */
    long test_die_after; /* tests only: the child kills itself after this
                            many targets (0: never) */
    int exact;           /* 1: solve every target, never take witnesses */
    int lo_exact;        /* 1: solve the minimum, unless a witness lies
                            below lo_gate; only the maximum may be
                            witnessed */
    double lo_gate;
    const double *lo_gates; /* per target of the model solved, replacing
                               lo_gate (NULL: lo_gate for all) */
} jl_solve_opts;

/* Bounds the targets listed in which (n indices into m's targets; NULL
 * with n = m->ntargets for all) into out[0..n-1]. Returns 0, or JL_ERR
 * when no child process could be started. Solver failures are statuses
 * in out, not errors. */
int jl_solve_bounds(jl_bound *out, const jl_lpmodel *m, const size_t *which, size_t n,
                    const jl_solve_opts *o, jl_err *err);

/* The same bounds as jl_solve_bounds, computed part by part: unknowns
 * that a single equation fixes are fixed, and the rest is split into
 * independent systems, each solved in its own child process
 * (release/split.c). */
int jl_solve_bounds_split(jl_bound *out, const jl_lpmodel *m, const size_t *which, size_t n,
                          const jl_solve_opts *o, jl_err *err);

#endif
