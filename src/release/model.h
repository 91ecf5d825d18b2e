/*
 * The attacker's linear model of a release (sdc-security.md §3.1): unknown
 * non-negative integer counts, and every published fact as a row
 * lo <= a.x <= hi (an equation when lo == hi). A target is a linear
 * expression whose range the audit asks for: a protected count such as a
 * hidden cell's k, its complement n_scored - k, or a sliver's n_scored.
 *
 * The model knows nothing of cells or areas; release/audit.c builds it
 * from a release's files and release/solve.h bounds its targets. Owned by
 * whoever calls jl_lpmodel_new; free with jl_lpmodel_free. Not thread-safe.
 */
#ifndef JL_RELEASE_MODEL_H
#define JL_RELEASE_MODEL_H

#include <stddef.h>

typedef struct jl_lpmodel {
    size_t nvars;
    double *ub; /* per variable: upper bound, INFINITY for none; the lower is 0 */
    /* rows and targets in compressed form: entries rs[i] .. rs[i+1]-1 */
    size_t nrows, *rs, *rvar;
    double *rcoef, *rlo, *rhi; /* -INFINITY / INFINITY for a missing side */
    size_t ntargets, *ts, *tvar;
    double *tcoef;
    size_t cap_v, cap_r, cap_re, cap_t, cap_te; /* private: capacities */
} jl_lpmodel;

/* An empty model; free with jl_lpmodel_free (accepts NULL). */
jl_lpmodel *jl_lpmodel_new(void);
void jl_lpmodel_free(jl_lpmodel *m);

/* Adds a count variable 0 <= x <= ub (INFINITY: no upper bound) and
 * returns its index. */
size_t jl_lpmodel_var(jl_lpmodel *m, double ub);

/* Adds the row lo <= sum coef[i] x[var[i]] <= hi. */
void jl_lpmodel_row(jl_lpmodel *m, const size_t *var, const double *coef, size_t n, double lo,
                  double hi);

/* Adds a target expression and returns its index. */
size_t jl_lpmodel_target(jl_lpmodel *m, const size_t *var, const double *coef, size_t n);

#endif
