#include "view/waves.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "stats/interval.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void jl_view_waves_dispose(jl_view_waves *v)
{
    size_t i;

    for (i = 0; v->t && i < v->nwaves; i++)
        jl_cell_table_dispose(&v->t[i]);
    jl_free(v->t);
    jl_free(v->codes);
    jl_free(v->names);
    memset(v, 0, sizeof *v);
}

static int cmp_code(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The union of the tables' areas, sorted as each table's are, with the
 * first stored name found. */
static void union_areas(jl_view_waves *v)
{
    size_t w, i, total = 0, n = 0;

    for (w = 0; w < v->nwaves; w++)
        total += v->t[w].nareas;
    v->codes = jl_xcalloc(total ? total : 1, sizeof *v->codes);
    v->names = jl_xcalloc(total ? total : 1, sizeof *v->names);
    for (w = 0; w < v->nwaves; w++)
        for (i = 0; i < v->t[w].nareas; i++)
            v->codes[n++] = v->t[w].codes[i];
    qsort(v->codes, n, sizeof *v->codes, cmp_code);
    v->nareas = 0;
    for (i = 0; i < n; i++)
        if (v->nareas == 0 || strcmp(v->codes[v->nareas - 1], v->codes[i]))
            v->codes[v->nareas++] = v->codes[i];
    for (i = 0; i < v->nareas; i++)
        for (w = 0; w < v->nwaves && !v->names[i]; w++) {
            long ai = jl_cell_table_area(&v->t[w], v->codes[i]);

            if (ai >= 0 && v->t[w].names)
                v->names[i] = v->t[w].names[ai];
        }
}

int jl_view_waves_load(jl_view_waves *out, jl_store *st, const jl_cells_req *req,
                       const char *const *waves, size_t n, jl_err *err)
{
    jl_cells_req r = *req;
    size_t w, j, g;
    int rc = 0;

    memset(out, 0, sizeof *out);
    if (n < 1 || n > JL_MAX_WAVES_COMPARED)
        return jl_err_set(err, JL_EUSAGE, _("expected 1 to %d waves, found %zu (limit %s)"),
                          JL_MAX_WAVES_COMPARED, n, "JL_MAX_WAVES_COMPARED");
    for (w = 0; w < n; w++)
        for (j = 0; j < w; j++)
            if (!strcmp(waves[w], waves[j]))
                return jl_err_set(err, JL_EUSAGE, _("wave %s is named twice"), waves[w]);
    out->t = jl_xcalloc(n, sizeof *out->t);
    r.w = NULL;
    for (w = 0; w < n && rc == 0; w++) {
        r.wave = waves[w];
        rc = jl_view_cells(&out->t[w], st, &r, err);
        if (rc == 0)
            out->nwaves++;
    }
    if (rc < 0) {
        jl_view_waves_dispose(out);
        return rc;
    }
    for (w = 0; w < n; w++)
        for (g = 0; g < JL_NGRADES; g++)
            out->grade_present[g] |= out->t[w].grade_present[g];
    union_areas(out);
    return 0;
}

int jl_view_waves_cell(jl_cell *c, const jl_view_waves *v, size_t w, const char *code, size_t g,
                       size_t s, const char *scale, const char *cutoff, jl_err *err)
{
    const jl_cell_table *t = &v->t[w];
    long ai = jl_cell_table_area(t, code), k = jl_instrument_scale(t->in, scale);
    size_t q;

    memset(c, 0, sizeof *c);
    if (ai < 0 || k < 0)
        return JL_ENOTFOUND;
    for (q = 0; q < t->in->scales[k].ncut; q++)
        if (!strcmp(t->in->scales[k].cut[q].name, cutoff))
            return jl_cell_table_shown(c, t, ai, g, s, (size_t)k, q, err);
    return JL_ENOTFOUND;
}

int jl_cell_change_of(jl_cell_change *out, const jl_cell *a, const jl_cell *b, jl_kind kind,
                      jl_err *err)
{
    jl_interval ci;
    double d;
    int rc;

    out->diff = out->lo = out->hi = NAN;
    out->verdict = JL_VERDICT_NONE;
    if (a->status == JL_CELL_SUPPRESSED || b->status == JL_CELL_SUPPRESSED || a->n_scored <= 0 ||
        b->n_scored <= 0)
        return 0;
    rc = jl_stats_newcombe(&ci, &d, (unsigned long)b->k, (unsigned long)b->n_scored,
                           (unsigned long)a->k, (unsigned long)a->n_scored, 0.95, err);
    if (rc < 0)
        return rc;
    out->diff = 100 * d;
    out->lo = 100 * ci.lo;
    out->hi = 100 * ci.hi;
    if (ci.lo > 0)
        out->verdict = jl_flag_verdict(JL_FLAG_HIGH, kind);
    else if (ci.hi < 0)
        out->verdict = jl_flag_verdict(JL_FLAG_LOW, kind);
    return 0;
}
