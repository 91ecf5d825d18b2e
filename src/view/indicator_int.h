/*
 * What view/indicator.c and view/move.c share: the grid of leaf figures
 * per (area, period) while they are read, and the moves that fill it.
 * Not for other callers.
 */
#ifndef JL_VIEW_INDICATOR_INT_H
#define JL_VIEW_INDICATOR_INT_H

#include <stddef.h>

#include "core/err.h"
#include "core/limits.h"
#include "core/strmap.h"
#include "store/store.h"
#include "view/indicator.h"

typedef struct jl_ind_cell {
    double v[JL_MAX_FORMULA_LEAVES];
    unsigned char ok[JL_MAX_FORMULA_LEAVES], seen[JL_MAX_FORMULA_LEAVES];
    /* a moved leaf lacks a part the links expect: no row at all in the
     * source, which a sum of the rest would hide */
    unsigned char absent[JL_MAX_FORMULA_LEAVES];
    unsigned char why[JL_MAX_FORMULA_LEAVES]; /* jl_view_why of the first part not ok */
    unsigned char est[JL_MAX_FORMULA_LEAVES]; /* jl_view_estimate: a part split by weights */
    size_t area, period;
} jl_ind_cell;

/* Areas and periods in the order first seen; a cell per pair seen. */
typedef struct jl_ind_grid {
    jl_strmap *area_ix, *per_ix, *cell_ix;
    char **areas, **periods;
    size_t na, np, cap_a, cap_p;
    jl_ind_cell *c;
    size_t nc, cap_c;
} jl_ind_grid;

void jl_ind_grid_init(jl_ind_grid *g);
void jl_ind_grid_dispose(jl_ind_grid *g);

typedef struct jl_ind_divs {
    char ids[JL_MAX_DIVISIONS][JL_MAX_ID + 1];
    size_t n;
    int over; /* more than JL_MAX_DIVISIONS: refused, not cut */
} jl_ind_divs;

/* The divisions where indicator id is observed, most observations first. */
int jl_ind_observed(jl_ind_divs *d, jl_store *st, const char *id, jl_err *err);

typedef struct jl_ind_fill {
    jl_ind_grid *g;
    jl_store *st;
    const char *div, *sex, *bd;
    jl_ind_divs *all; /* every division of the store, owned */
} jl_ind_fill;

/* Prepares to fill g for division div (sex NULL: "T"; bd NULL: none);
 * free with jl_ind_fill_dispose, also on failure. */
int jl_ind_fill_init(jl_ind_fill *f, jl_ind_grid *g, jl_store *st, const char *div,
                     const char *sex, const char *bd, jl_err *err);
void jl_ind_fill_dispose(jl_ind_fill *f);

/* Fills leaf li of the grid with lf's figures: observed in the division,
 * else moved from a division that has them, which lf records. */
int jl_ind_fill_leaf(jl_ind_fill *f, jl_view_leaf *lf, size_t li, jl_err *err);

/* Names, the areas outside the division, each area's municipality (with
 * want, a code or name: only its areas), the period when latest, the
 * cities, ranks and trends (view/indicator_sum.c). */
int jl_ind_summarise(jl_view_indicator *v, jl_store *st, const char *div, const char *want,
                     int latest, jl_err *err);

#endif
