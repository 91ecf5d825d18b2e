/*
 * What the database holds, for the pages and the API (issue 19): its
 * divisions with their areas, one area with its parent and children, the
 * indicators, an area's living conditions (each indicator resolved in the
 * area's division by view/indicator.h), and the sources with their
 * licences and dates. Register data and definitions only: no survey
 * figure passes through here (those come from releases).
 *
 * Every result is the caller's, freed with its _dispose (which accepts a
 * zeroed struct). Strings are copies, never borrowed from the store; text
 * is as stored (the faces escape it). Thread-safe over distinct stores.
 */
#ifndef JL_VIEW_CATALOG_H
#define JL_VIEW_CATALOG_H

#include <stddef.h>

#include "core/err.h"
#include "store/store.h"

typedef struct jl_view_division {
    char *id, *name, *parent, *version, *valid_from, *source; /* "" when unset */
    long nareas;
} jl_view_division;

typedef struct jl_view_divisions {
    jl_view_division *d; /* by id */
    size_t n;
} jl_view_divisions;

int jl_view_divisions_load(jl_view_divisions *out, jl_store *st, jl_err *err);
void jl_view_divisions_dispose(jl_view_divisions *v);

typedef struct jl_view_area_row {
    char *code, *name, *parent; /* parent: its area in the division above, "" if none */
} jl_view_area_row;

typedef struct jl_view_area_list {
    jl_view_division division;
    jl_view_area_row *a; /* by code */
    size_t n;
} jl_view_area_list;

/* The areas of division; JL_ENOTFOUND for a division not in the store. */
int jl_view_area_list_load(jl_view_area_list *out, jl_store *st, const char *division,
                           jl_err *err);
void jl_view_area_list_dispose(jl_view_area_list *v);

/* One area where it sits: its division, its parent in the division above
 * (parent.code "" when none), and its children in every division whose
 * parent division is this one. */
typedef struct jl_view_area_info {
    jl_view_division division;
    jl_view_area_row self;
    jl_view_division parent_division; /* id "" when the division has none */
    jl_view_area_row parent;          /* code "" when none */
    jl_view_area_list *children;      /* one list per child division, only its children */
    size_t nchildren;
} jl_view_area_info;

/* JL_ENOTFOUND when the division or the area is not in the store. */
int jl_view_area_info_load(jl_view_area_info *out, jl_store *st, const char *division,
                           const char *code, jl_err *err);
void jl_view_area_info_dispose(jl_view_area_info *v);

typedef struct jl_view_ind_info {
    char *id, *name, *name_en, *unit, *kind, *better, *theme, *source, *licence, *note;
    char *first, *last, *imported_at; /* periods observed and the newest import; "" if none */
    long nobs;
} jl_view_ind_info;

typedef struct jl_view_ind_list {
    jl_view_ind_info *i; /* by id */
    size_t n;
} jl_view_ind_list;

/* Every indicator with what its observations span. */
int jl_view_ind_list_load(jl_view_ind_list *out, jl_store *st, jl_err *err);
void jl_view_ind_list_dispose(jl_view_ind_list *v);

/* An indicator's figure for one area, as the indicator view resolves it
 * in the area's division at its latest period. */
typedef struct jl_view_area_ind {
    jl_view_ind_info *info; /* borrowed from the list that was loaded with it */
    char *period;
    double value;    /* NaN when none (status says why) */
    double city;     /* the area's municipality added up; NaN when it does not add up */
    const char *status;   /* jl_view_ind_status_code: ok, missing, suppressed, ... */
    const char *estimate; /* jl_view_ind_estimate_code: "" when observed as it is */
    const char *trend;    /* jl_view_ind_trend_code; "" for none */
    size_t rank, ranked;  /* 1 the best of `ranked`; 0 when not ranked */
    int moved;            /* a leaf came from another division */
} jl_view_area_ind;

typedef struct jl_view_area_inds {
    jl_view_ind_list list;
    jl_view_area_ind *a; /* the indicators that resolve in the division, by id */
    size_t n;
} jl_view_area_inds;

/* The living conditions of area code of division: every indicator that
 * resolves in the division (one that cannot, a mean that would have to be
 * moved, is left out) and has a row for the area. */
int jl_view_area_inds_load(jl_view_area_inds *out, jl_store *st, const char *division,
                           const char *code, jl_err *err);
void jl_view_area_inds_dispose(jl_view_area_inds *v);

/* A survey wave as the sources page names it: whose, when, and whether
 * its answers are synthetic. No counts of respondents. */
typedef struct jl_view_wave_src {
    char *instrument, *name, *date, *source;
    int synthetic;
} jl_view_wave_src;

typedef struct jl_view_wave_srcs {
    jl_view_wave_src *w;
    size_t n;
} jl_view_wave_srcs;

int jl_view_wave_srcs_load(jl_view_wave_srcs *out, jl_store *st, jl_err *err);
void jl_view_wave_srcs_dispose(jl_view_wave_srcs *v);

#endif
