/*
 * A profile over several waves: one cell table per wave (view/cells.h),
 * matched cell by cell (area code, grade, sex, scale id, cut-off name), and
 * the change of a share between two waves with the 95 % interval of a
 * difference of two proportions (Newcombe's hybrid score method,
 * stats/interval.h). A change has a verdict only where its interval
 * excludes 0. The faces apply the small-group rule (release/suppress.h) to
 * each wave's cell before they ask for a change: a change is never shown
 * where either share is not. Results are the caller's; free with
 * jl_view_waves_dispose.
 */
#ifndef JL_VIEW_WAVES_H
#define JL_VIEW_WAVES_H

#include <stddef.h>

#include "core/err.h"
#include "survey/instrument.h"
#include "view/cells.h"

typedef struct jl_view_waves {
    size_t nwaves;
    jl_cell_table *t; /* one per wave, in the order asked for; owned */
    size_t nareas;
    char **codes;     /* every area of any wave, sorted; borrowed from the tables */
    const char **names; /* each area's stored name or NULL; borrowed from the tables */
    int8_t grade_present[JL_NGRADES]; /* in any wave */
} jl_view_waves;

/* The cell tables of waves[0..n) (n from 1 to JL_MAX_WAVES_COMPARED) with
 * everything else of req (instrument, cut-off set, division, group, norm,
 * adjustment, min_n) the same; req->wave and req->w are ignored. A wave
 * named twice is JL_EUSAGE. */
int jl_view_waves_load(jl_view_waves *out, jl_store *st, const jl_cells_req *req,
                       const char *const *waves, size_t n, jl_err *err);
void jl_view_waves_dispose(jl_view_waves *v);

/* The cell of wave w as a face may show it (jl_cell_table_shown) for area code, grade g, sex s (JL_NGRADES,
 * JL_NSEXES: totals), the scale with id scale and its cut-off named
 * cutoff: JL_ENOTFOUND, with *c zeroed, when that wave has no such area,
 * scale or cut-off. */
int jl_view_waves_cell(jl_cell *c, const jl_view_waves *v, size_t w, const char *code, size_t g,
                       size_t s, const char *scale, const char *cutoff, jl_err *err);

/* The change of a share from cell a (earlier) to cell b (later). */
typedef struct jl_cell_change {
    double diff;       /* b - a in percentage points; NaN when either share is not shown */
    double lo, hi;     /* its 95 % interval, percentage points (Newcombe 1998, method 10) */
    jl_verdict verdict; /* worse or better for the scale's kind where the interval excludes 0 */
} jl_cell_change;

/* Fills out from two cells; a cell that is not shown (status not
 * JL_CELL_OK, or no scored respondent) gives NaN and no verdict. */
int jl_cell_change_of(jl_cell_change *out, const jl_cell *a, const jl_cell *b, jl_kind kind,
                      jl_err *err);

#endif
