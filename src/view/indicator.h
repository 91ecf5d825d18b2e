/*
 * An indicator resolved for a division: its figures per area and period.
 * Each leaf of its formula (or the indicator itself) is taken where it is
 * observed in the division, or moved there from a division that has it:
 * by a crosswalk, summed up the areas' parent links (the one parent walk,
 * view/areas.h), or in two steps, a crosswalk and then parent links or a
 * second crosswalk. Only counts are moved: a rate of the parts is not the
 * rate of the whole. Moved figures are computed when asked for, never
 * stored, so a rebuilt crosswalk moves them anew.
 *
 * Everything a jl_view_indicator holds is the caller's: free it with
 * jl_view_indicator_dispose. Numbers are numbers and how a figure was
 * obtained is a code; the faces word them.
 */
#ifndef JL_VIEW_INDICATOR_H
#define JL_VIEW_INDICATOR_H

#include <stddef.h>

#include "core/err.h"
#include "core/limits.h"
#include "core/strmap.h"
#include "indicator/def.h"
#include "store/store.h"
#include "view/values.h"

typedef struct jl_view_indicator_req {
    const char *id;
    const char *division;
    const char *period;    /* NULL: the latest with a value in an area of the division */
    const char *sex;       /* "T", "K" or "M"; NULL: "T" */
    const char *breakdown; /* "DIM=CODE"; NULL: none */
} jl_view_indicator_req;

/* An indicator's definition as stored. */
typedef struct jl_view_indicator_def {
    char name[512], name_en[512], unit[128], kind[16], better[16];
    char formula[JL_MAX_FORMULA_LEN + 2], source[512];
} jl_view_indicator_def;

/* How a leaf's figures reached the division. */
typedef enum jl_view_how {
    JL_HOW_OWN = 0,            /* observed there */
    JL_HOW_CROSSWALK,          /* moved from `from` by its crosswalk */
    JL_HOW_PARENTS,            /* summed from `from` up the parent links */
    JL_HOW_CROSSWALK_PARENTS,  /* crosswalk from `from` to `via`, then parent links */
    JL_HOW_CROSSWALK_CROSSWALK /* crosswalk to `via`, then its crosswalk: weights multiply */
} jl_view_how;

typedef struct jl_view_leaf {
    char *id;
    char kind[16];  /* "" if the leaf is not defined */
    int additive;   /* a count without a formula: adds up over areas */
    jl_view_how how;
    char from[JL_MAX_ID + 1], via[JL_MAX_ID + 1]; /* "" when not used */
} jl_view_leaf;

/* The state of one (area, period). */
typedef enum jl_view_cell_status {
    JL_IND_NONE = 0, /* a leaf has no observation there */
    JL_IND_OK,       /* every leaf observed with a value */
    JL_IND_NOT_OK,   /* observed, but missing, suppressed or not applicable (or a moved part is) */
    JL_IND_PART_ABSENT /* moved, and a part the crosswalk or parent links expect has no row in
                        * the source at all: the sum of the rest is not the figure */
} jl_view_cell_status;

/* Which way the value went since the earliest period with one. */
typedef enum jl_view_trend {
    JL_TREND_NONE = 0, /* no value, or no earlier one */
    JL_TREND_UNCHANGED,
    JL_TREND_UP,   /* no better direction */
    JL_TREND_DOWN,
    JL_TREND_BETTER,
    JL_TREND_WORSE
} jl_view_trend;

typedef struct jl_view_ind_area {
    char *code;
    char *name;        /* its name in the division; NULL if the division has no such area */
    int outside;       /* the division has a map and this code is not on it: left out */
    size_t rank;       /* at the period, 1 the best; 0 for none (no value, no direction) */
    size_t first;      /* the earliest period with a value; `at` when none */
    double change;     /* value at `at` minus value at `first`; NaN with JL_TREND_NONE */
    jl_view_trend trend;
} jl_view_ind_area;

typedef struct jl_view_indicator {
    jl_view_indicator_def def;
    jl_view_leaf leaf[JL_MAX_FORMULA_LEAVES];
    size_t nleaves;
    jl_view_ind_area *area; /* in the order first observed */
    size_t na;
    size_t *by_code;        /* the areas' positions sorted by code */
    char **period;          /* sorted as text: SCB's forms of one kind sort so */
    size_t np;
    size_t at;              /* the period asked for, or the latest with a value */
    double *value;          /* na x np, the figure (the formula over the leaves); NaN: none */
    unsigned char *status;  /* na x np, jl_view_cell_status */
    double *part;           /* na x np x nleaves, each leaf's figure */
    double city;            /* the leaves added up over the counted areas at `at`; NaN
                             * unless every leaf is additive */
    size_t counted;         /* areas with a value at `at` */
    char **uncounted;       /* the division's areas without a value at `at`, by code: what
                             * the city leaves out (its map's areas; without a map, those
                             * observed) */
    size_t nuncounted;
    size_t outside;         /* codes left out as not areas of the division */
    int all_additive;
    jl_strmap *ix;          /* code -> position in area */
    jl_expr *x;             /* the formula, NULL for an indicator without one */
} jl_view_indicator;

/* Indicator id's definition into d: 1, or 0 if there is none. */
int jl_view_indicator_def_get(jl_view_indicator_def *d, jl_store *st, const char *id,
                              jl_err *err);

/* The name in the thread's language: name_en when English is asked for
 * and there is one. Borrowed from d. */
const char *jl_view_indicator_name(const jl_view_indicator_def *d);

/* The division to show id in when none is asked for, into div: of the
 * divisions where id (or its formula's parts, the first part's first) is
 * observed, most observations first, the first where it has a value in
 * an area at the period (NULL: any); the first of them if it has a value
 * in none. */
int jl_view_indicator_home(char div[JL_MAX_ID + 1], jl_store *st, const char *id,
                           const char *period, jl_err *err);

/* Resolves rq into v (the caller's: jl_view_indicator_dispose; left
 * empty on failure). */
int jl_view_indicator_load(jl_view_indicator *v, jl_store *st, const jl_view_indicator_req *rq,
                           jl_err *err);
void jl_view_indicator_dispose(jl_view_indicator *v);

/* The value of area a at the period; NaN if none or outside. */
double jl_view_indicator_value(const jl_view_indicator *v, size_t a);
/* The same by area code; NaN for a code not there. */
double jl_view_indicator_find(const jl_view_indicator *v, const char *code);

/* The value of a group of areas at the period: its members' leaves added
 * up; NaN if a member has no value, one is not there, or a leaf does not
 * add up. */
double jl_view_indicator_group(const jl_view_indicator *v, const jl_strmap *members);

/* The value per area of a division at a period (NULL: the latest), as
 * `indicator show` computes it for both sexes; areas without a value and
 * codes outside the division left out. Free with jl_area_values_dispose. */
int jl_view_indicator_values(jl_area_values *out, jl_store *st, const char *id,
                             const char *division, const char *period, jl_err *err);

#endif
