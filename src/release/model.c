#include "release/model.h"
#include "core/alloc.h"

#include <math.h>
#include <string.h>

jl_lpmodel *jl_lpmodel_new(void)
{
    jl_lpmodel *m = jl_xcalloc(1, sizeof *m);

    m->rs = jl_xmalloc(sizeof *m->rs);
    m->ts = jl_xmalloc(sizeof *m->ts);
    m->rs[0] = m->ts[0] = 0;
    m->cap_r = m->cap_t = 1;
    return m;
}

void jl_lpmodel_free(jl_lpmodel *m)
{
    if (!m)
        return;
    jl_free(m->ub);
    jl_free(m->rs);
    jl_free(m->rvar);
    jl_free(m->rcoef);
    jl_free(m->rlo);
    jl_free(m->rhi);
    jl_free(m->ts);
    jl_free(m->tvar);
    jl_free(m->tcoef);
    jl_free(m);
}

size_t jl_lpmodel_var(jl_lpmodel *m, double ub)
{
    m->ub = jl_xgrow(m->ub, &m->cap_v, m->nvars + 1, sizeof *m->ub);
    m->ub[m->nvars] = ub;
    return m->nvars++;
}

/* Appends n entries to a compressed list (starts st, entries var/coef);
 * *cnt is the number of lists before the call. */
static void append(size_t **st, size_t *cap_s, size_t **var, double **coef, size_t *cap_e,
                   size_t cnt, const size_t *v, const double *c, size_t n)
{
    /* var and coef always have the same capacity, *cap_e */
    size_t base = (*st)[cnt], cap_v = *cap_e;

    *st = jl_xgrow(*st, cap_s, cnt + 2, sizeof **st);
    *var = jl_xgrow(*var, &cap_v, base + n + 1, sizeof **var);
    *coef = jl_xgrow(*coef, cap_e, base + n + 1, sizeof **coef);
    memcpy(*var + base, v, n * sizeof *v);
    memcpy(*coef + base, c, n * sizeof *c);
    (*st)[cnt + 1] = base + n;
}

void jl_lpmodel_row(jl_lpmodel *m, const size_t *var, const double *coef, size_t n, double lo,
                  double hi)
{
    append(&m->rs, &m->cap_r, &m->rvar, &m->rcoef, &m->cap_re, m->nrows, var, coef, n);
    m->rlo = jl_xrealloc(m->rlo, (m->nrows + 1) * sizeof *m->rlo);
    m->rhi = jl_xrealloc(m->rhi, (m->nrows + 1) * sizeof *m->rhi);
    m->rlo[m->nrows] = lo;
    m->rhi[m->nrows] = hi;
    m->nrows++;
}

size_t jl_lpmodel_target(jl_lpmodel *m, const size_t *var, const double *coef, size_t n)
{
    append(&m->ts, &m->cap_t, &m->tvar, &m->tcoef, &m->cap_te, m->ntargets, var, coef, n);
    return m->ntargets++;
}
