/*
 * The pages and the API's answers: the layout every page shares (a skip
 * link, the language attribute, the menu, a language switch that keeps
 * the page) and the handlers the route table (web/router.c) names. Each
 * handler renders what a view returns (view/catalog.h, view/indicator.h)
 * and computes nothing itself; all text goes through web/html.h.
 */
#ifndef JL_WEB_PAGE_H
#define JL_WEB_PAGE_H

#include "core/xlsx.h"
#include "view/clusters.h"
#include "web/http.h"

#define JL_WEB_HTML "text/html; charset=utf-8"
#define JL_WEB_JSON "application/json; charset=utf-8"
#define JL_WEB_CSS "text/css; charset=utf-8"
#define JL_WEB_CSV "text/csv; charset=utf-8"
#define JL_WEB_XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* Opens a page titled title (plain text, escaped here) up to and with its
 * <h1>. */
void jl_page_begin(jl_req *rq, jl_resp *rs, const char *title);
/* Closes the page. */
void jl_page_end(jl_req *rq, jl_resp *rs);
/* Writes the link to the page of the n segments in the request's
 * language ("/en" before them in English), each segment URL-encoded. */
void jl_page_href(jl_buf *b, const jl_req *rq, const char *const *seg, size_t n);
/* <a href="LINK">TEXT</a> with jl_page_href's link. */
void jl_page_link(jl_buf *b, const jl_req *rq, const char *const *seg, size_t n,
                  const char *text);
/* A number as people read it in the page's language, with decimals. */
void jl_page_num(jl_buf *b, double v, int decimals);

/* Pages (pages.c, page_area.c). */
int jl_page_start(jl_req *rq, jl_resp *rs);
int jl_page_area(jl_req *rq, jl_resp *rs);
int jl_page_method(jl_req *rq, jl_resp *rs);
/* /omrade/DIVISION/CODE/TABLE.csv and .xlsx (page_download.c). */
int jl_page_area_file(jl_req *rq, jl_resp *rs);
/* /faktor/INSTRUMENT/SCALE and its ranking as .csv and .xlsx
 * (page_factor.c). */
int jl_page_factor(jl_req *rq, jl_resp *rs);
int jl_page_factor_file(jl_req *rq, jl_resp *rs);
/* A table as CSV (numbers with the digits that read back exactly) and
 * as a workbook with notes above it (page_download.c): 0, or -1. */
void jl_page_csv(jl_buf *b, const jl_xtable *x);
int jl_page_xlsx(jl_buf *b, jl_xtable *x, const char *const *notes, size_t nnotes);
/* A table as HTML (table.c): column 0 the rows' headers, numbers in the
 * page's language with their decimals; with link_div, row r's header
 * links to the area page of codes[r] in that division. */
void jl_page_table(jl_buf *b, const jl_req *rq, const jl_xtable *x, const char *caption,
                   const char *link_div, char *const *codes);
/* A table's opening up to its caption: a region named by the caption
 * that may scroll sideways on a phone and is reached by keyboard too;
 * cls the table's class, or NULL. */
void jl_page_table_open(jl_buf *b, const char *cls, const char *caption);
/* The parts of such a table for a page that writes its own rows (its
 * row headers links, its rows with data attributes): the column
 * headings, all but column skip (-1: none), then <tbody>; one data cell
 * as jl_page_table writes it (a number in the page's language, a
 * p-value under 0.001 as "< 0,001", text escaped, an empty cell). */
void jl_page_thead(jl_buf *b, const jl_xtable *x, long skip);
void jl_page_cell(jl_buf *b, const jl_xcell *c);
/* Links to the download of a table, seg/NAME.csv and seg/NAME.xlsx with
 * the page's query (table.c). */
void jl_page_downloads(jl_buf *b, const jl_req *rq, const char *const *seg, size_t nseg,
                       const char *name);
/* The page's query string as received, re-encoded ("" or "?k=v&..."). */
void jl_page_query(jl_buf *b, const jl_req *rq);

/* The method page's account of the survey figures and the releases
 * (page_method.c); *st becomes 503 if the store fails. */
void jl_page_method_survey(jl_buf *b, jl_req *rq, int *st);

/* The indicator page and its tables (page_indicator.c). */
int jl_page_indicator(jl_req *rq, jl_resp *rs);
int jl_page_indicator_file(jl_req *rq, jl_resp *rs);
/* The segregation and clusters page (page_segregation.c). */
int jl_page_segregation(jl_req *rq, jl_resp *rs);
int jl_page_segregation_file(jl_req *rq, jl_resp *rs);

/* The one style sheet, from the binary. */
int jl_page_css(jl_req *rq, jl_resp *rs);

/* The API (api.c). */
int jl_api_divisions(jl_req *rq, jl_resp *rs);
int jl_api_areas(jl_req *rq, jl_resp *rs);
int jl_api_indicators(jl_req *rq, jl_resp *rs);
int jl_api_indicator(jl_req *rq, jl_resp *rs);
int jl_api_releases(jl_req *rq, jl_resp *rs);
int jl_api_release_cells(jl_req *rq, jl_resp *rs);
int jl_api_factor(jl_req *rq, jl_resp *rs);
/* /api/v1/clusters (api_clusters.c). */
int jl_api_clusters(jl_req *rq, jl_resp *rs);
/* The request's ?indicator=, ?division=, ?period=, ?weights=,
 * ?permutations=, ?seed=, ?alpha=, ?adjust= into q (the defaults of
 * jl_view_clusters_req_init for those not given): 0, or 400. */
int jl_web_clusters_parse(jl_view_clusters_req *q, const jl_req *rq);

/* The style sheet (generated from src/web/jamlik.css). */
extern const char jl_web_css[];
extern const unsigned long jl_web_css_len;

#endif
