/*
 * The start page (/): the city map of a factor for a division from the
 * latest release (?division=, ?scale=, ?release= chosen by a small form
 * that needs no script), the areas where need is greatest, the release
 * and its date, what is synthetic, and every division's areas as links.
 * Figures come from the views over the release's cells
 * (web/factor_survey.h, view/factor.h); nothing is computed here.
 */
#include "web/factor_survey.h"
#include "web/html.h"
#include "web/map.h"
#include "web/page.h"
#include "view/catalog.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* How many areas the list of greatest need shows. */
#define NEED_SHOWN 10

/* The areas of one division as a list of links. */
static int division_section(jl_req *rq, jl_resp *rs, const jl_view_division *d)
{
    jl_buf *b = &rs->body;
    jl_view_area_list l;
    jl_err e = JL_ERR_INIT;
    size_t i;

    if (jl_view_area_list_load(&l, rq->store, d->id, &e) < 0) {
        jl_view_area_list_dispose(&l);
        return 503;
    }
    jl_buf_puts(b, "<section>\n<h3>");
    jl_html_text(b, d->name);
    jl_buf_puts(b, "</h3>\n<p class=\"meta\">");
    jl_buf_printf(b, _n("%zu area", "%zu areas", l.n), l.n);
    jl_buf_puts(b, " · ");
    jl_html_text(b, _("division"));
    jl_buf_puts(b, " <code>");
    jl_html_text(b, d->id);
    jl_buf_puts(b, "</code></p>\n<ul class=\"areas\">\n");
    for (i = 0; i < l.n; i++) {
        const char *const seg[3] = {"omrade", d->id, l.a[i].code};

        jl_buf_puts(b, "<li>");
        jl_page_link(b, rq, seg, 3, *l.a[i].name ? l.a[i].name : l.a[i].code);
        jl_buf_puts(b, " <span class=\"code\">");
        jl_html_text(b, l.a[i].code);
        jl_buf_puts(b, "</span></li>\n");
    }
    jl_buf_puts(b, "</ul>\n</section>\n");
    jl_view_area_list_dispose(&l);
    return 200;
}

static void all_areas(jl_req *rq, jl_resp *rs, int *st)
{
    jl_view_divisions v;
    jl_err e = JL_ERR_INIT;
    size_t i;

    if (jl_view_divisions_load(&v, rq->store, &e) < 0) {
        jl_view_divisions_dispose(&v);
        *st = 503;
        return;
    }
    if (!v.n) {
        jl_buf_puts(&rs->body, "<p>");
        jl_html_text(&rs->body, _("The database has no areas yet."));
        jl_buf_puts(&rs->body, "</p>\n");
    }
    jl_buf_puts(&rs->body, "<div class=\"children\">\n");
    for (i = 0; i < v.n && *st == 200; i++) {
        /* A division without areas (one that only holds figures) has
         * nothing to choose. */
        if (v.d[i].nareas > 0)
            *st = division_section(rq, rs, &v.d[i]);
    }
    jl_buf_puts(&rs->body, "</div>\n");
    jl_view_divisions_dispose(&v);
}

static void option(jl_buf *b, const char *value, const char *text, int selected)
{
    jl_buf_puts(b, "<option value=\"");
    jl_html_attr(b, value);
    jl_buf_puts(b, selected ? "\" selected>" : "\">");
    jl_html_text(b, text);
    jl_buf_puts(b, "</option>");
}

/* The choice of division and factor: a GET form, no script. */
static void choose(jl_buf *b, jl_req *rq, const jl_factor_survey *s)
{
    size_t i;

    jl_buf_printf(b, "<form class=\"choose\" method=\"get\" action=\"%s\">\n",
                  rq->lang == JL_LANG_EN ? "/en/" : "/");
    jl_buf_puts(b, "<p><label for=\"ch-scale\">");
    jl_html_text(b, _("Factor"));
    jl_buf_puts(b, "</label> <select id=\"ch-scale\" name=\"scale\">");
    for (i = 0; i < s->nk; i++)
        option(b, s->t.in->scales[s->ks[i]].id, s->t.in->scales[s->ks[i]].name,
               (long)s->ks[i] == s->k);
    jl_buf_puts(b, "</select></p>\n<p><label for=\"ch-div\">");
    jl_html_text(b, _("Division"));
    jl_buf_puts(b, "</label> <select id=\"ch-div\" name=\"division\">");
    for (i = 0; i < s->v.meta.ndivisions; i++)
        option(b, s->v.meta.divisions[i], s->v.meta.divisions[i],
               !strcmp(s->v.meta.divisions[i], s->division));
    jl_buf_puts(b, "</select></p>\n");
    if (jl_target_param(&rq->target, "release")) {
        jl_buf_printf(b, "<input type=\"hidden\" name=\"release\" value=\"%ld\">", s->v.id);
    }
    jl_buf_puts(b, "<p><button type=\"submit\">");
    jl_html_text(b, _("Show"));
    jl_buf_puts(b, "</button></p>\n</form>\n");
}

static void need(jl_buf *b, jl_req *rq, const jl_factor_survey *s, int *st)
{
    jl_view_need nd;
    jl_err e = JL_ERR_INIT;
    size_t i, shown = 0;

    if (jl_view_need_rank(&nd, rq->store, &s->t, s->division, &e) < 0) {
        *st = 503;
        return;
    }
    jl_buf_puts(b, "<section aria-labelledby=\"need\">\n<h2 id=\"need\">");
    jl_html_text(b, _("Where need is greatest"));
    jl_buf_puts(b, "</h2>\n<div class=\"tbl\"><table class=\"need\">\n<caption>");
    jl_html_text(b, _("Areas with the most factors worse than the norm"));
    jl_buf_puts(b, "</caption>\n<thead><tr><th scope=\"col\">");
    jl_html_text(b, _("Area"));
    jl_buf_puts(b, "</th><th scope=\"col\">");
    jl_html_text(b, _("Factors worse than the norm"));
    jl_buf_puts(b, "</th><th scope=\"col\">");
    jl_html_text(b, _("Factors better than the norm"));
    jl_buf_puts(b, "</th><th scope=\"col\">");
    jl_html_text(b, _("Factors shown"));
    jl_buf_puts(b, "</th></tr></thead>\n<tbody>\n");
    for (i = 0; i < nd.n && shown < NEED_SHOWN; i++) {
        const jl_view_need_row *r = &nd.r[i];
        const char *const seg[3] = {"omrade", s->division, r->code};

        if (!r->worse)
            break;
        shown++;
        jl_buf_puts(b, "<tr data-area=\"");
        jl_html_attr(b, r->code);
        jl_buf_puts(b, "\"><th scope=\"row\">");
        jl_page_link(b, rq, seg, 3, r->name && *r->name ? r->name : r->code);
        jl_buf_printf(b, "</th><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                         "<td class=\"num\">%d</td></tr>\n",
                      r->worse, r->better, r->shown);
    }
    jl_buf_puts(b, "</tbody>\n</table></div>\n");
    if (!shown) {
        jl_buf_puts(b, "<p>");
        jl_html_text(b, _("No area has a factor worse than the norm."));
        jl_buf_puts(b, "</p>\n");
    }
    jl_buf_puts(b, "<p class=\"note\">");
    jl_html_text(b, _("Need: the number of risk and protective factors whose share is worse "
                      "than the norm beyond the margin of error, adjusted for the many "
                      "comparisons (Benjamini-Hochberg). Hidden cells take no part."));
    if (*nd.index) {
        jl_buf_puts(b, " ");
        jl_html_text(b, jl_arena_printf(rq->arena,
                                        _("Equal numbers are ordered by the composite index "
                                          "%s, the lowest first."),
                                        nd.index));
    } else {
        jl_buf_puts(b, " ");
        jl_html_text(b, _("Equal numbers are ordered by how far the shares are beyond the "
                          "norm."));
    }
    jl_buf_puts(b, "</p>\n</section>\n");
    jl_view_need_dispose(&nd);
}

static void factor_map(jl_buf *b, jl_req *rq, const jl_factor_survey *s, int *st)
{
    jl_map_spec m;
    const char *seg[3] = {"faktor", s->t.w.instrument, s->t.in->scales[s->k].id};
    int rc;

    memset(&m, 0, sizeof m);
    m.division = s->division;
    m.what = jl_arena_printf(rq->arena, _("%s: share at the headline cut-off, %%"),
                             jl_factor_survey_name(s));
    m.col = _("Share, %");
    m.unit = "%";
    m.decimals = 1;
    m.items = jl_factor_survey_items(rq, s, &m.n);
    m.id = "map";
    m.reading = s->t.in->scales[s->k].kind == JL_KIND_PROTECTIVE
                    ? _("Darker: a higher share, better for a protective factor.")
                    : _("Darker: a higher share, worse for a risk factor.");
    jl_buf_puts(b, "<section aria-labelledby=\"maph\">\n<h2 id=\"maph\">");
    jl_html_text(b, _("The city map"));
    jl_buf_puts(b, "</h2>\n");
    choose(b, rq, s);
    jl_buf_puts(b, "<div class=\"mapwrap\">\n<div>\n");
    rc = jl_web_map(b, rq, &m);
    if (rc == 503)
        *st = 503;
    jl_buf_puts(b, "<p>");
    jl_buf_puts(b, "<a href=\"");
    jl_page_href(b, rq, seg, 3);
    jl_buf_puts(b, "?division=");
    jl_url_q(b, s->division);
    jl_buf_printf(b, "&amp;release=%ld\">", s->v.id);
    jl_html_text(b, jl_arena_printf(rq->arena, _("Every area ranked on %s"),
                                    jl_factor_survey_name(s)));
    jl_buf_puts(b, "</a></p>\n</div>\n<div>\n");
    jl_web_map_table(b, rq, &m, _("The map's figures"));
    jl_buf_puts(b, "</div>\n</div>\n</section>\n");
}

int jl_page_start(jl_req *rq, jl_resp *rs)
{
    jl_factor_survey s;
    int st;

    st = jl_factor_survey_load(&s, rq, NULL, NULL, NULL);
    if (st != 200) {
        jl_factor_survey_dispose(&s);
        return st;
    }
    jl_page_begin(rq, rs, _("Youth survey and living conditions by area"));
    if (s.has_t) {
        jl_factor_survey_release(&rs->body, rq, &s);
        factor_map(&rs->body, rq, &s, &st);
        if (st == 200)
            need(&rs->body, rq, &s, &st);
    } else {
        jl_buf_puts(&rs->body, "<p>");
        jl_html_text(&rs->body, _("No release holds survey figures yet."));
        jl_buf_puts(&rs->body, "</p>\n");
    }
    if (st == 200) {
        jl_buf_puts(&rs->body, "<h2>");
        jl_html_text(&rs->body, _("All areas"));
        jl_buf_puts(&rs->body, "</h2>\n<p>");
        jl_html_text(&rs->body, _("Choose an area to see where it lies, the areas within it and "
                                  "its living conditions."));
        jl_buf_puts(&rs->body, "</p>\n");
        all_areas(rq, rs, &st);
    }
    jl_factor_survey_dispose(&s);
    if (st != 200)
        return st;
    jl_page_end(rq, rs);
    return 200;
}
