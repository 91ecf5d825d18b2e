/*
 * The area page's survey figures (issue 19), read only from a release
 * (view/release_cells.h): which release, its tables for the area, and
 * each table as rows that the page, its CSV and its .xlsx download all
 * render, so that the three say the same numbers.
 */
#ifndef JL_WEB_AREA_SURVEY_H
#define JL_WEB_AREA_SURVEY_H

#include "core/xlsx.h"
#include "view/release_cells.h"
#include "web/http.h"

/* Which release (number, title, date, wave) a survey section shows, that
 * it was withdrawn, and what is synthetic (page_survey.c): for every page
 * with survey figures. */
void jl_page_release_note(jl_buf *b, jl_req *rq, const jl_view_release *v, const char *wave,
                          int synthetic);

typedef struct jl_area_survey {
    jl_view_release v;
    /* the release's last wave and the wave before it, from the latest
     * release up to v that holds it (view/release_trend.h) */
    jl_cell_table t, prev;
    int has_t, has_prev;
    jl_view_release pv; /* prev's release when it is not v */
    long prev_release;  /* prev's release */
    char prev_created[11]; /* and its date */
    long ai; /* the area in t */
    const char *division, *code;
    /* the profile's scales (risk and protective with a headline cut-off),
     * grouped by theme in CTC's order */
    size_t *k, nk;
    int *theme; /* per scale: 0..3 CTC's four themes, 4 none */
    int themed; /* any scale has a theme */
} jl_area_survey;

/* The tables of an area page. */
enum { JL_AS_PROFILE = 0, JL_AS_GRADES, JL_AS_CHANGE, JL_AS_NTABLES };

/* Loads the release ?release=N names, or the latest holding the area,
 * and its tables. Returns an HTTP status: 200 (s->has_t 0 when no
 * release holds the area), 400 for a malformed ?release=, 404 for a
 * release that does not hold the area, 503. */
int jl_area_survey_load(jl_area_survey *s, jl_req *rq, const char *division, const char *code);
void jl_area_survey_dispose(jl_area_survey *s);

/* Table which of s as rows (in rq's arena, headings in rq's language):
 * 0, or -1 when the page has no such table (no grades, no earlier
 * wave). A hidden cell is the words of its reason, never a number. */
int jl_area_survey_table(jl_xtable *x, jl_req *rq, const jl_area_survey *s, int which);

/* The file name of table which ("profil", "arskurs", "forandring"). */
const char *jl_area_survey_file(int which);

/* A theme's words in the reader's language (0..3; 4: other factors). */
const char *jl_area_survey_theme(int theme);

/* The area page's survey section (page_survey.c). */
void jl_page_area_survey(jl_req *rq, jl_buf *b, const jl_area_survey *s);

#endif
