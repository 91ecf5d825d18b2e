/*
 * One factor over the areas of a division, from a release (issue 19):
 * which release and division a request means, the cell table of its last
 * wave, the ranking (view/factor.h), and the ranking as rows that the
 * factor page, its CSV and .xlsx downloads render. The start page, the
 * factor page and the API load it the same way.
 */
#ifndef JL_WEB_FACTOR_SURVEY_H
#define JL_WEB_FACTOR_SURVEY_H

#include "core/xlsx.h"
#include "view/factor.h"
#include "web/http.h"
#include "web/map.h"

typedef struct jl_factor_survey {
    jl_view_release v;
    jl_cell_table t;   /* the release's last wave in the division */
    int has_t;         /* 0: no release holds a division (the page says so) */
    const char *division;
    long k;            /* the scale in t */
    jl_view_factor f;  /* its ranking */
    size_t *ks, nk;    /* the headline risk and protective scales, to choose from */
} jl_factor_survey;

/* Loads the release (?release=N, else the newest not withdrawn holding
 * the division), the division (division, else ?division=, else the
 * release's first), and the scale (instrument and scale, else ?scale=,
 * else the release's first headline risk factor). Returns an HTTP
 * status: 200 (s->has_t 0 when no release holds the division), 400 for
 * malformed parameters, 404 for an unknown division, release or scale,
 * 503. */
int jl_factor_survey_load(jl_factor_survey *s, jl_req *rq, const char *division,
                          const char *instrument, const char *scale);
void jl_factor_survey_dispose(jl_factor_survey *s);

/* The ranking as rows (in rq's arena, headings in rq's language): rank,
 * area, code, share, interval, norm, verdict, n. A hidden cell is words. */
void jl_factor_survey_table(jl_xtable *x, jl_req *rq, const jl_factor_survey *s);

/* The ranking as the items of a map (in rq's arena). */
const jl_map_item *jl_factor_survey_items(jl_req *rq, const jl_factor_survey *s, size_t *n);

/* A scale's name. */
const char *jl_factor_survey_name(const jl_factor_survey *s);

/* The release line and the synthetic note (as on the area page). */
void jl_factor_survey_release(jl_buf *b, jl_req *rq, const jl_factor_survey *s);

/* The table as CSV and as a workbook (page_download.c). */
void jl_page_csv(jl_buf *b, const jl_xtable *x);
int jl_page_xlsx(jl_buf *b, jl_xtable *x, const char *const *notes, size_t nnotes);

#endif
