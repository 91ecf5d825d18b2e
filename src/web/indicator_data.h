/*
 * The indicator page's figures (issue 19): the indicator resolved in a
 * division (view/indicator.h), its areas in the ranking's order, the
 * trend of the city and chosen areas over the periods, and the
 * inequality between the areas (view/inequality.h), with each table as
 * rows that the page, its CSV and its .xlsx all render.
 */
#ifndef JL_WEB_INDICATOR_DATA_H
#define JL_WEB_INDICATOR_DATA_H

#include "core/xlsx.h"
#include "view/catalog.h"
#include "view/indicator.h"
#include "view/inequality.h"
#include "web/http.h"

/* The most areas the trend shows beside the city. */
#define JL_IND_MAX_CHOSEN 5

typedef struct jl_ind_page {
    const char *id, *division, *period, *municipality; /* division: asked or the home one */
    jl_view_ind_info *info;  /* the indicator's source and licence, in list */
    jl_view_ind_list list;
    jl_view_indicator v;     /* every period; `at` the one asked for or the latest */
    size_t *order, n;        /* the ranking: positions in v.area */
    size_t chosen[JL_IND_MAX_CHOSEN], nchosen;
    int chosen_default;      /* none asked for: the first and last of the ranking */
    size_t unknown;          /* areas asked for that the division does not have */
    jl_view_ineq curve, meas;
    int has_ineq;
    char why[600];           /* the view's reason when the indicator cannot be shown in
                              * the division (v empty), else "" */
} jl_ind_page;

/* The tables of the page. */
enum { JL_IP_RANK = 0, JL_IP_TREND, JL_IP_CURVE, JL_IP_NTABLES };

/* Loads the indicator id for the request's ?division=, ?period=,
 * ?municipality= and ?area= (repeated). Returns an HTTP status: 200 (with
 * why set when the indicator does not resolve in the division: a page
 * that says so, with the choice of another), 400 for malformed
 * parameters, 404 for an indicator or division not in the store, 503. */
int jl_ind_page_load(jl_ind_page *p, jl_req *rq, const char *id);
void jl_ind_page_dispose(jl_ind_page *p);

/* Table which as rows (rq's arena, headings in rq's language): 0, or -1
 * when the page has no such table. codes (may be NULL) gets each row's
 * area code for the ranking. */
int jl_ind_page_table(jl_xtable *x, jl_req *rq, const jl_ind_page *p, int which,
                      char ***codes);

/* The file name of table which ("rangordning", "trend", "koncentration"). */
const char *jl_ind_page_file(int which);

/* Decimals a value of the indicator is shown with: 0 for a count. */
int jl_ind_page_decimals(const jl_ind_page *p);

#endif
