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
    const char *municipality; /* a kommunkod or a municipality's name: only its areas;
                               * NULL: every municipality, each area compared with its own */
    const char *periods;   /* "A..B" (every period from A to B) or "A,B,...": the periods
                            * of a table over time, into sel; NULL: none */
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

/* Why an observed figure has no value: the source's status, as stored. */
typedef enum jl_view_why {
    JL_WHY_NONE = 0,
    JL_WHY_MISSING,
    JL_WHY_SUPPRESSED,
    JL_WHY_NOT_APPLICABLE
} jl_view_why;

/* Whether a figure is an estimate: a count moved by a crosswalk that
 * split a part of it between areas (weights strictly between 0 and 1),
 * by the crosswalk's method. */
typedef enum jl_view_estimate {
    JL_EST_NONE = 0,
    JL_EST_AREA,       /* by area overlay */
    JL_EST_POPULATION, /* by population overlay */
    JL_EST_WEIGHTS     /* by the weights of a crosswalk of another kind */
} jl_view_estimate;

/* The fixed, language-independent code of a cell's state (docs/output-codes.md):
 * ok, no_observation, missing, suppressed, not_applicable, part_absent. */
const char *jl_view_ind_status_code(jl_view_cell_status st, jl_view_why why);
/* area_overlay, population_overlay, crosswalk_weights; "" for none. */
const char *jl_view_ind_estimate_code(jl_view_estimate e);

/* Which way the value went since the earliest period with one (of the
 * periods asked for, when some are). */
typedef enum jl_view_trend {
    JL_TREND_NONE = 0, /* no value, or no earlier one */
    JL_TREND_UNCHANGED,
    JL_TREND_UP,   /* no better direction */
    JL_TREND_DOWN,
    JL_TREND_BETTER,
    JL_TREND_WORSE
} jl_view_trend;

/* up, down, better, worse, unchanged; "" for none. */
const char *jl_view_ind_trend_code(jl_view_trend t);

/* A municipality of the areas: the city its areas are compared with. */
typedef struct jl_view_ind_muni {
    char code[8];   /* the kommunkod; "" for areas whose codes do not tell (a city's own
                     * division): they form one city together */
    char *name;     /* from a division of municipalities in the store; NULL if none */
    double city;    /* its counted areas' leaves added up at `at`; NaN unless additive */
    size_t counted; /* its areas with a value at `at` */
    size_t nuncounted; /* its areas without one (codes in the indicator's uncounted) */
} jl_view_ind_muni;

typedef struct jl_view_ind_area {
    char *code;
    char *name;        /* its name in the division; NULL if the division has no such area */
    int outside;       /* the division has a map and this code is not on it: left out */
    size_t rank;       /* at the period, 1 the best; 0 for none (no value, no direction) */
    size_t first;      /* the earliest period with a value; `at` when none */
    double change;     /* value at `at` minus value at `first`; NaN with JL_TREND_NONE */
    jl_view_trend trend;
    size_t muni;       /* its municipality in the indicator's muni */
    int elsewhere;     /* of another municipality than the one asked for: left out */
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
    size_t at;              /* the period asked for, or the latest with a value; with
                             * periods, the last of them */
    size_t *sel, nsel;      /* with periods: the positions in period, in order */
    double *value;          /* na x np, the figure (the formula over the leaves); NaN: none */
    unsigned char *status;  /* na x np, jl_view_cell_status */
    unsigned char *why;     /* na x np, jl_view_why with JL_IND_NOT_OK */
    unsigned char *estimate; /* na x np, jl_view_estimate */
    double *part;           /* na x np x nleaves, each leaf's figure */
    double city;            /* the leaves added up over the counted areas at `at`; NaN
                             * unless every leaf is additive, and unless they lie in one
                             * municipality (else see muni) */
    size_t counted;         /* areas with a value at `at` */
    char **uncounted;       /* the division's areas without a value at `at`, by code: what
                             * the city leaves out (its map's areas; without a map, those
                             * observed) */
    size_t *uncounted_muni; /* each one's municipality in muni */
    size_t nuncounted;
    size_t outside;         /* codes left out as not areas of the division */
    jl_view_ind_muni *muni; /* the municipalities of the areas, by code */
    size_t nmuni;
    size_t elsewhere;       /* areas left out as of another municipality than the one
                             * asked for */
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

/* The areas with a value at the period (none outside the division or of
 * another municipality than the one asked for) into order (room for
 * v->na positions in area), best first by the better direction (highest
 * first without one), equal values by code: how many. */
size_t jl_view_indicator_ranking(size_t *order, const jl_view_indicator *v);

/* Municipality m's city at period p (a position in period): the leaves
 * of its areas with a value there added up; NaN unless every leaf adds
 * up or when none has a value. */
double jl_view_indicator_city_at(const jl_view_indicator *v, size_t m, size_t p);

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
