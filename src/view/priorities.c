#include "view/priorities.h"
#include "core/alloc.h"
#include "view/profile.h"
#include "view/waves.h"

#include <math.h>
#include <string.h>

void jl_prio_list_dispose(jl_prio_list *l)
{
    jl_free(l->p);
    memset(l, 0, sizeof *l);
}

/* The cell the face may show, over both sexes. */
static int shown_cell(jl_cell *c, const jl_cell_table *t, long ai, size_t g, size_t k, size_t q,
                      jl_err *err)
{
    return jl_cell_table_shown(c, t, ai, g, JL_NSEXES, k, q, err);
}

/* Fills what p says about grades: in how many grades shown the headline
 * cell is flagged the bad way. */
static int grades_of(jl_prio *p, const jl_cell_table *t, long ai, size_t k, size_t q,
                     jl_err *err)
{
    size_t g;

    for (g = 0; g < JL_NGRADES; g++) {
        jl_cell cg;
        int rc;

        if (!t->grade_present[g])
            continue;
        rc = shown_cell(&cg, t, ai, g, k, q, err);
        if (rc < 0)
            return rc;
        if (cg.status == JL_CELL_SUPPRESSED)
            continue;
        p->grades_shown++;
        if (cg.flag == (p->protective ? JL_FLAG_LOW : JL_FLAG_HIGH))
            p->grades_flagged++;
    }
    return 0;
}

/* The previous wave's share of p's factor in area code and the 95 %
 * interval of the change to c, the shown cell of this wave (the same
 * cut-off set, so the same cut-off position). */
static int change_of(jl_prio *p, const jl_cell *c, const jl_cell_table *prev, const char *code,
                     const jl_scale *sc, size_t q, jl_err *err)
{
    long pk, pa;
    jl_cell pc;
    jl_cell_change ch;
    int rc;

    p->prev_pct = p->delta_lo = p->delta_hi = NAN;
    if (!prev)
        return 0;
    pk = jl_instrument_scale(prev->in, sc->id);
    if (pk < 0 || q >= prev->in->scales[pk].ncut)
        return 0;
    p->prev_wave = prev->w.name;
    pa = jl_cell_table_area(prev, code);
    if (pa < 0)
        return 0;
    rc = shown_cell(&pc, prev, pa, JL_NGRADES, (size_t)pk, q, err);
    if (rc < 0)
        return rc;
    if (pc.status == JL_CELL_SUPPRESSED)
        return 0;
    rc = jl_cell_change_of(&ch, &pc, c, sc->kind, err);
    if (rc < 0)
        return rc;
    p->prev_pct = pc.pct;
    p->delta_lo = ch.lo;
    p->delta_hi = ch.hi;
    return 0;
}

int jl_view_priorities(jl_prio_list *out, const jl_cell_table *t, const jl_cell_table *prev,
                       const char *code, jl_err *err)
{
    long ai = jl_cell_table_need_area(t, code, err);
    size_t k;
    int rc = 0;

    memset(out, 0, sizeof *out);
    if (ai < 0)
        return (int)ai;
    out->p = jl_xcalloc(t->in->nscales ? t->in->nscales : 1, sizeof *out->p);
    for (k = 0; k < t->in->nscales; k++) {
        const jl_scale *sc = &t->in->scales[k];
        long q = jl_view_headline_of(sc);
        jl_prio *p = &out->p[out->n];
        jl_cell c;

        if (q < 0 || sc->kind == JL_KIND_OUTCOME)
            continue;
        rc = shown_cell(&c, t, ai, JL_NGRADES, k, (size_t)q, err);
        if (rc < 0)
            break;
        if (c.status == JL_CELL_SUPPRESSED || isnan(c.norm_pct))
            continue;
        p->scale = sc->id;
        p->label = sc->name;
        p->cutoff = sc->cut[q].name;
        p->protective = sc->kind == JL_KIND_PROTECTIVE;
        p->pct = c.pct;
        p->norm_pct = c.norm_pct;
        rc = grades_of(p, t, ai, k, (size_t)q, err);
        if (rc < 0)
            break;
        rc = change_of(p, &c, prev, code, sc, (size_t)q, err);
        if (rc < 0)
            break;
        out->n++;
    }
    if (rc < 0) {
        jl_prio_list_dispose(out);
        return rc;
    }
    jl_priorities_rank(out->p, out->n);
    return 0;
}
