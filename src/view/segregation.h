/*
 * The segregation view: a table of units and the people of each group in
 * them, from a CSV, a map layer or indicators of counts in the database,
 * for one period or over several, and its indices (stats/segreg.h): what
 * `jamlik segregation` prints.
 *
 * Functions over a jl_store that return data: no command line, no output,
 * no translated text in results. Results are the caller's, freed with
 * their _dispose (which accepts a zeroed struct).
 */
#ifndef JL_VIEW_SEGREGATION_H
#define JL_VIEW_SEGREGATION_H

#include <stddef.h>

#include "core/diag.h"
#include "core/err.h"
#include "stats/segreg.h"
#include "store/store.h"
#include "view/spatial.h"

/* The most groups a table may have (research/spatial.md §4 needs a
 * handful; the bound keeps a group list from a form in check). */
#define JL_SEG_MAX_GROUPS 64

typedef enum jl_view_seg_kind {
    JL_SEG_FILE = 0, /* a CSV or a map layer */
    JL_SEG_DB,       /* indicators@PERIOD */
    JL_SEG_DB_TIME   /* indicators@P1,P2,...: one row per period */
} jl_view_seg_kind;

typedef struct jl_view_seg_req {
    const char *source;         /* a CSV, a map layer, or indicators@PERIOD[,PERIOD...] */
    const char *unit;           /* files: the column of unit codes */
    const char *const *groups;  /* the groups' columns (files) or indicators of counts
                                 * (database); "A-B": the people counted in A but not in B */
    size_t ngroups;             /* 2 to JL_SEG_MAX_GROUPS */
    const char *focal;          /* the focal group (one of groups), or NULL for the first */
    const char *group_of;       /* files: a column that parts the units (Theil's decomposition) */
    const char *only;           /* files: COLUMN=VALUE, the only rows kept, or NULL */
    int planar;                 /* layer: its own units, no CRS */
    const char *crs;            /* layer: the CRS when the file names none */
    const char *division;       /* database: whose areas */
    const char *weights;        /* contiguity for Morrill's D (queen|rook|...), or NULL */
    const char *snap;           /* contiguity: as jl_view_sp_wspec's */
    const char *weights_file;   /* files: links from,to instead of weights */
    jl_view_indicator_fn indicator; /* database sources, or NULL (view/spatial.h) */
    void *indicator_ctx;
    jl_diag *diag;              /* as jl_view_sp_req's */
} jl_view_seg_req;

typedef struct jl_view_seg {
    size_t n, ngroups;
    size_t focal;          /* the focal group's position in the request's groups */
    char **codes;          /* n units, in the source's order (filtered rows left out) */
    double *count;         /* n * ngroups people, row by row (A-B already taken) */
    double *total;         /* n: everyone of the groups */
    jl_seg_two two;        /* the focal group against all others */
    jl_seg_multi multi;
    double *local;         /* n: local segregation scores (NaN for an empty unit) */
    double *lq;            /* n * ngroups: location quotients */
    size_t nparts;         /* with group_of: its values, in order of first unit */
    char **parts;
    double *part_M;        /* nparts: M within each part */
    double *part_share;    /* nparts: the part's share of everyone */
    int has_weights;       /* Morrill's D was computed */
    size_t links;          /* the contiguity's links (directed) */
    size_t links_dropped;  /* a weights file's links to units outside the data, left out */
} jl_view_seg;

typedef struct jl_view_seg_period {
    char *period;
    jl_seg_two two;
    jl_seg_multi multi;
} jl_view_seg_period;

typedef struct jl_view_seg_time {
    size_t n;
    jl_view_seg_period *p; /* n, in the order asked */
    size_t focal;
} jl_view_seg_time;

/* What source is. */
jl_view_seg_kind jl_view_seg_kind_of(const char *source);

/* Checks rq without reading anything (the groups, the focal group, --only,
 * what a database source takes, its division), so that a caller can refuse
 * it before opening a store. jl_view_seg_run and jl_view_seg_over_time
 * check too. */
int jl_view_seg_check(const jl_view_seg_req *rq, jl_err *err);

/* The indices over the units of a file or of indicators@PERIOD (st only
 * for the database). */
int jl_view_seg_run(jl_view_seg *out, jl_store *st, const jl_view_seg_req *rq, jl_err *err);
void jl_view_seg_dispose(jl_view_seg *s);

/* indicators@P1,P2,...: the indices of each period, over the areas of the
 * division with every figure of that period. When a period fails, *out
 * keeps the periods before it (to be shown before the error) and the
 * caller disposes it either way. */
int jl_view_seg_over_time(jl_view_seg_time *out, jl_store *st, const jl_view_seg_req *rq,
                          jl_err *err);
void jl_view_seg_time_dispose(jl_view_seg_time *t);

#endif
