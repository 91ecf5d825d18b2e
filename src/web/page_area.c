/*
 * The area page (/omrade/DIVISION/CODE): where the area lies, the areas
 * within it, and its living conditions as the indicator view resolves
 * them in its division. Survey figures join it from releases (issue 18).
 */
#include "web/page.h"
#include "web/html.h"
#include "view/catalog.h"
#include "web/area_survey.h"

#include <math.h>
#include <string.h>

static const char *area_name(const jl_view_area_row *a)
{
    return *a->name ? a->name : a->code;
}

static void where(jl_req *rq, jl_buf *b, const jl_view_area_info *v)
{
    jl_buf_puts(b, "<p class=\"meta\">");
    jl_html_text(b, v->division.name);
    jl_buf_puts(b, " · ");
    jl_html_text(b, _("code"));
    jl_buf_puts(b, " <code>");
    jl_html_text(b, v->self.code);
    jl_buf_puts(b, "</code></p>\n");
    if (*v->parent.code) {
        const char *const seg[3] = {"omrade", v->parent_division.id, v->parent.code};

        jl_buf_puts(b, "<p>");
        jl_html_text(b, _("Lies in:"));
        jl_buf_puts(b, " ");
        jl_page_link(b, rq, seg, 3, area_name(&v->parent));
        jl_buf_puts(b, " (");
        jl_html_text(b, v->parent_division.name);
        jl_buf_puts(b, ")</p>\n");
    }
}

/* The areas within it, by division: links, not for a printed handout. */
static void children(jl_req *rq, jl_buf *b, const jl_view_area_info *v)
{
    size_t i, k;

    jl_buf_puts(b, "<div class=\"children\">\n");
    for (k = 0; k < v->nchildren; k++) {
        const jl_view_area_list *l = &v->children[k];

        if (!l->n)
            continue;
        jl_buf_puts(b, "<h2>");
        jl_html_text(b, l->division.name);
        jl_buf_puts(b, "</h2>\n<ul class=\"areas\">\n");
        for (i = 0; i < l->n; i++) {
            const char *const seg[3] = {"omrade", l->division.id, l->a[i].code};

            jl_buf_puts(b, "<li>");
            jl_page_link(b, rq, seg, 3, area_name(&l->a[i]));
            jl_buf_puts(b, "</li>\n");
        }
        jl_buf_puts(b, "</ul>\n");
    }
    jl_buf_puts(b, "</div>\n");
}

/* Why a figure has no value, in words (docs/output-codes.md's codes). */
static const char *status_words(const char *code)
{
    if (!strcmp(code, "missing"))
        return _("missing at the source");
    if (!strcmp(code, "suppressed"))
        return _("hidden by the source");
    if (!strcmp(code, "not_applicable"))
        return _("not applicable");
    if (!strcmp(code, "part_absent"))
        return _("a part is missing");
    return _("no figure");
}

/* A count in whole units (an estimate split by overlap is one too), any
 * other kind of figure with one decimal, as the command line's tables. */
static void value_cell(jl_buf *b, double v, const jl_view_ind_info *in, const char *status)
{
    const char *unit = in->unit;

    jl_buf_puts(b, "<td class=\"num\">");
    if (isfinite(v)) {
        jl_page_num(b, v, strcmp(in->kind, "count") == 0 ? 0 : 1);
        if (*unit) {
            jl_buf_puts(b, " ");
            jl_html_text(b, unit);
        }
    } else if (status)
        jl_html_text(b, status_words(status));
    else
        jl_buf_puts(b, "–");
    jl_buf_puts(b, "</td>");
}

static void living(jl_req *rq, jl_buf *b, const jl_view_area_inds *v, const char *div)
{
    size_t i, nest = 0;

    jl_buf_puts(b, "<h2>");
    jl_html_text(b, _("Living conditions"));
    jl_buf_puts(b, "</h2>\n");
    if (!v->n) {
        jl_buf_puts(b, "<p>");
        jl_html_text(b, _("No indicator has figures for this division."));
        jl_buf_puts(b, "</p>\n");
        return;
    }
    jl_page_table_open(b, NULL, _("Register statistics for the area and its city, latest period"));
    jl_buf_puts(b, "<thead><tr><th scope=\"col\">");
    jl_html_text(b, _("Indicator"));
    jl_buf_puts(b, "</th><th scope=\"col\">");
    jl_html_text(b, _("Area"));
    jl_buf_puts(b, "</th><th scope=\"col\">");
    jl_html_text(b, _("City"));
    jl_buf_puts(b, "</th><th scope=\"col\">");
    jl_html_text(b, _("Period"));
    jl_buf_puts(b, "</th><th scope=\"col\">");
    jl_html_text(b, _("Source"));
    jl_buf_puts(b, "</th></tr></thead>\n<tbody>\n");
    for (i = 0; i < v->n; i++) {
        const jl_view_area_ind *a = &v->a[i];
        const jl_view_ind_info *in = a->info;
        const char *const ind[2] = {"indikator", in->id};
        int est = *a->estimate != 0;

        nest += est;
        jl_buf_puts(b, "<tr><th scope=\"row\"><a href=\"");
        jl_page_href(b, rq, ind, 2);
        jl_buf_puts(b, "?division=");
        jl_url_q(b, div);
        jl_buf_puts(b, "\">");
        jl_html_text(b, rq->lang == JL_LANG_EN && *in->name_en ? in->name_en : in->name);
        jl_buf_puts(b, "</a>");
        if (est)
            jl_buf_puts(b, " <span class=\"est\">*</span>");
        jl_buf_puts(b, "</th>");
        value_cell(b, a->value, in, a->status);
        value_cell(b, a->city, in, NULL);
        jl_buf_puts(b, "<td>");
        jl_html_text(b, a->period);
        jl_buf_puts(b, "</td><td>");
        jl_html_text(b, in->source);
        jl_buf_puts(b, "</td></tr>\n");
    }
    jl_buf_puts(b, "</tbody>\n</table></div>\n");
    if (nest) {
        jl_buf_puts(b, "<p class=\"note\">* ");
        jl_html_text(b, _("An estimate: counts of another division split between areas by "
                          "their overlap."));
        jl_buf_puts(b, "</p>\n");
    }
}

int jl_page_area(jl_req *rq, jl_resp *rs)
{
    const char *div = rq->seg[1], *code = rq->seg[2];
    jl_view_area_info v;
    jl_view_area_inds inds;
    jl_area_survey s;
    jl_err e = JL_ERR_INIT;
    int rc, st = 200;

    memset(&inds, 0, sizeof inds);
    memset(&s, 0, sizeof s);
    rc = jl_view_area_info_load(&v, rq->store, div, code, &e);
    if (rc == 0)
        rc = jl_view_area_inds_load(&inds, rq->store, div, code, &e);
    if (rc == 0)
        st = jl_area_survey_load(&s, rq, div, code);
    if (rc == 0 && st == 200) {
        jl_page_begin(rq, rs, area_name(&v.self));
        where(rq, &rs->body, &v);
        jl_page_area_survey(rq, &rs->body, &s);
        living(rq, &rs->body, &inds, div);
        children(rq, &rs->body, &v);
        jl_page_end(rq, rs);
    }
    jl_area_survey_dispose(&s);
    jl_view_area_info_dispose(&v);
    jl_view_area_inds_dispose(&inds);
    if (rc == JL_ENOTFOUND)
        return 404;
    return rc < 0 ? 503 : st;
}
