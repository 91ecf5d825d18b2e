/*
 * The page of method and sources, and the style sheet. Each renders what
 * view/catalog.h returns.
 */
#include "web/page.h"
#include "web/html.h"
#include "view/catalog.h"

#include <stdio.h>
#include <string.h>

static void th(jl_buf *b, const char *text)
{
    jl_buf_puts(b, "<th scope=\"col\">");
    jl_html_text(b, text);
    jl_buf_puts(b, "</th>");
}

static void td(jl_buf *b, const char *text)
{
    jl_buf_puts(b, "<td>");
    jl_html_text(b, text);
    jl_buf_puts(b, "</td>");
}

static void caption(jl_buf *b, const char *text)
{
    jl_page_table_open(b, NULL, text);
    jl_buf_puts(b, "<thead><tr>");
}

/* The file a division was read from, without the server's folders. */
static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');

    return s ? s + 1 : path;
}

static void indicator_sources(jl_req *rq, jl_buf *b, const jl_view_ind_list *l)
{
    size_t i;

    jl_buf_puts(b, "<h2>");
    jl_html_text(b, _("Living conditions"));
    jl_buf_puts(b, "</h2>\n<p>");
    jl_html_text(b, _("Register statistics as their publishers give them; a figure moved from "
                      "one division of areas to another is marked as an estimate where it "
                      "is shown."));
    jl_buf_puts(b, "</p>\n");
    caption(b, _("Indicators and their sources"));
    th(b, _("Indicator"));
    th(b, _("Source"));
    th(b, _("Licence"));
    th(b, _("Periods"));
    th(b, _("Imported"));
    jl_buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (i = 0; i < l->n; i++) {
        const jl_view_ind_info *in = &l->i[i];
        char period[300];

        const char *const seg[2] = {"indikator", in->id};

        jl_buf_puts(b, "<tr><th scope=\"row\">");
        jl_page_link(b, rq, seg, 2,
                     rq->lang == JL_LANG_EN && *in->name_en ? in->name_en : in->name);
        jl_buf_puts(b, "</th>");
        td(b, in->source);
        td(b, *in->licence ? in->licence : "–");
        if (!*in->first)
            period[0] = 0;
        else if (!strcmp(in->first, in->last))
            snprintf(period, sizeof period, "%s", in->first);
        else
            snprintf(period, sizeof period, "%s–%s", in->first, in->last);
        td(b, *period ? period : "–");
        /* The date of the import, not its time of day. */
        jl_buf_puts(b, "<td>");
        jl_html_textn(b, in->imported_at, strlen(in->imported_at) < 10 ? 0 : 10);
        jl_buf_puts(b, "</td></tr>\n");
    }
    jl_buf_puts(b, "</tbody>\n</table></div>\n");
}

static void division_sources(jl_buf *b, const jl_view_divisions *v)
{
    size_t i;

    jl_buf_puts(b, "<h2>");
    jl_html_text(b, _("Divisions into areas"));
    jl_buf_puts(b, "</h2>\n");
    caption(b, _("Divisions and the files they were read from"));
    th(b, _("Division"));
    th(b, _("Version"));
    th(b, _("Valid from"));
    th(b, _("File"));
    jl_buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (i = 0; i < v->n; i++) {
        jl_buf_puts(b, "<tr><th scope=\"row\">");
        jl_html_text(b, v->d[i].name);
        jl_buf_puts(b, "</th>");
        td(b, *v->d[i].version ? v->d[i].version : "–");
        td(b, *v->d[i].valid_from ? v->d[i].valid_from : "–");
        td(b, *v->d[i].source ? base_name(v->d[i].source) : "–");
        jl_buf_puts(b, "</tr>\n");
    }
    jl_buf_puts(b, "</tbody>\n</table></div>\n");
}

static void wave_sources(jl_buf *b, const jl_view_wave_srcs *w)
{
    size_t i, nsyn = 0;

    jl_buf_puts(b, "<h2>");
    jl_html_text(b, _("Youth surveys"));
    jl_buf_puts(b, "</h2>\n<p>");
    jl_html_text(b, _("Survey figures are published only from releases that have passed the "
                      "disclosure audit (above); the waves they come from:"));
    jl_buf_puts(b, "</p>\n");
    if (!w->n)
        return;
    caption(b, _("Survey waves in the database"));
    th(b, _("Instrument"));
    th(b, _("Wave"));
    th(b, _("Date"));
    th(b, _("Answers"));
    jl_buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (i = 0; i < w->n; i++) {
        nsyn += w->w[i].synthetic != 0;
        jl_buf_puts(b, "<tr><th scope=\"row\">");
        jl_html_text(b, w->w[i].instrument);
        jl_buf_puts(b, "</th>");
        td(b, w->w[i].name);
        td(b, w->w[i].date);
        td(b, w->w[i].synthetic ? _("synthetic") : _("real"));
        jl_buf_puts(b, "</tr>\n");
    }
    jl_buf_puts(b, "</tbody>\n</table></div>\n");
    if (nsyn) {
        jl_buf_puts(b, "<p class=\"note\">");
        jl_html_text(b, _("Synthetic answers are made by jamlik's generator from the "
                          "instrument's model to show how the pages work. They were not given "
                          "by young people and say nothing about the areas."));
        jl_buf_puts(b, "</p>\n");
    }
}

int jl_page_method(jl_req *rq, jl_resp *rs)
{
    jl_view_ind_list l;
    jl_view_divisions d;
    jl_view_wave_srcs w;
    jl_err e = JL_ERR_INIT;
    int rc, st = 200;

    memset(&d, 0, sizeof d);
    memset(&w, 0, sizeof w);
    rc = jl_view_ind_list_load(&l, rq->store, &e);
    if (rc == 0)
        rc = jl_view_divisions_load(&d, rq->store, &e);
    if (rc == 0)
        rc = jl_view_wave_srcs_load(&w, rq->store, &e);
    if (rc == 0) {
        jl_page_begin(rq, rs, _("Method and sources"));
        jl_buf_puts(&rs->body, "<p>");
        jl_html_text(&rs->body, _("Every figure on these pages is computed by jamlik from the "
                                  "sources below. Nothing is computed a second time for the "
                                  "pages: they show what the command line shows."));
        jl_buf_puts(&rs->body, "</p>\n");
        jl_page_method_survey(&rs->body, rq, &st);
        indicator_sources(rq, &rs->body, &l);
        division_sources(&rs->body, &d);
        wave_sources(&rs->body, &w);
        jl_page_end(rq, rs);
    }
    jl_view_ind_list_dispose(&l);
    jl_view_divisions_dispose(&d);
    jl_view_wave_srcs_dispose(&w);
    return rc < 0 ? 503 : st;
}

int jl_page_css(jl_req *rq, jl_resp *rs)
{
    jl_resp_begin(rs, rq, JL_WEB_CSS);
    jl_buf_add(&rs->body, jl_web_css, jl_web_css_len);
    return 200;
}
