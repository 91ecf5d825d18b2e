/*
 * One factor over every area of a division, and where need is greatest
 * (issue 19): rankings computed over a cell table, so that the start
 * page, the factor page and the API rank the areas of a published
 * release (view/release_cells.h) the same way, and nothing is computed
 * a second time in a face.
 *
 * Only cells the table shows take part (jl_cell_table_shown): a hidden
 * cell has no rank and no value, so no ranking is a way round the
 * disclosure rules. Rows borrow their strings from the table; results
 * are the caller's, freed with their _dispose (also after a failure).
 */
#ifndef JL_VIEW_FACTOR_H
#define JL_VIEW_FACTOR_H

#include <stddef.h>

#include "core/err.h"
#include "store/store.h"
#include "view/release_cells.h"

/* The newest release, not withdrawn, that holds division: *id, or
 * JL_ENOTFOUND. */
int jl_view_release_latest_division(long *id, jl_store *st, const char *division, jl_err *err);

typedef struct jl_view_factor_row {
    long ai;                  /* the area in the table */
    const char *code, *name;  /* name NULL when none */
    jl_cell c;                /* the cell of all grades and sexes at the headline cut-off */
    jl_verdict verdict;       /* against the norm (or the city), as the release flagged it */
    long rank;                /* 1 the worst share; 0 hidden */
} jl_view_factor_row;

typedef struct jl_view_factor {
    size_t k, q;              /* the scale and its headline cut-off */
    jl_view_factor_row *r;    /* shown ones by rank, then hidden ones by code */
    size_t n, nshown;
    jl_cell city;             /* the whole wave's cell */
    size_t noverlap, npairs;  /* pairs of shown areas whose intervals overlap, of all pairs */
} jl_view_factor;

/* Ranks the areas of t on scale k at its headline cut-off, the worst
 * share first (highest for risk factors and outcomes, lowest for
 * protective ones; equal shares by code). JL_EINPUT when the scale has no
 * headline cut-off. */
int jl_view_factor_rank(jl_view_factor *out, const jl_cell_table *t, size_t k, jl_err *err);
void jl_view_factor_dispose(jl_view_factor *f);

/* The headline risk and protective scales of t (those with a headline
 * cut-off), in the instrument's order: k of each into ks (room for
 * t->in->nscales), their number returned. */
size_t jl_view_factor_scales(size_t *ks, const jl_cell_table *t);

typedef struct jl_view_need_row {
    long ai;
    const char *code, *name;
    int worse, better;  /* headline factors flagged worse (better) than the norm */
    int shown;          /* headline factors shown */
    double index;       /* the composite index of living conditions, NaN when none */
    double excess;      /* points beyond the norm, summed over the factors flagged worse */
} jl_view_need_row;

typedef struct jl_view_need {
    jl_view_need_row *r; /* most factors worse first */
    size_t n;
    char index[128];     /* the composite index that broke ties, "" when none */
} jl_view_need;

/* The areas of t by need: the most headline factors flagged worse than
 * the norm (the release's flags, adjusted for the many comparisons by
 * Benjamini-Hochberg when the release was made); ties broken by the
 * composite index of living conditions where one is built for the
 * division (jamlik index build: the lower first), then by the points
 * beyond the norm, then by code. st and division find the index (NULL
 * st: none). */
int jl_view_need_rank(jl_view_need *out, jl_store *st, const jl_cell_table *t,
                      const char *division, jl_err *err);
void jl_view_need_dispose(jl_view_need *n);

#endif
