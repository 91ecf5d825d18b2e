/*
 * The area page's survey section and its downloads (issue 19): the risk
 * and protective profile of the latest release holding the area (or
 * ?release=N) as bars with their 95 % intervals and the norm, drawn as
 * inline SVG with the same figures in a table beside it; the priorities;
 * the change since the previous wave (from an earlier release when the
 * release shown does not hold it); the shares by grade.
 * Every figure comes from web/area_survey.c's rows or from the views over
 * the release's cells; a hidden cell is words, never a number, in the
 * HTML, the SVG, its titles and the downloads.
 */
#include "web/area_survey.h"
#include "web/html.h"
#include "web/page.h"
#include "core/num.h"
#include "release/suppress.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The chart's geometry, in SVG units: each scale's name on a line of
 * its own over its bar (so that a phone's narrow chart keeps its text
 * readable), bars from BAR_X at PX_PER_PCT per percentage point, n
 * right. */
#define CH_W 480
#define BAR_X 14.0
#define PX_PER_PCT 3.7
#define ROW_H 44
#define TOP 24

static const char *table_caption(int which)
{
    switch (which) {
    case JL_AS_PROFILE:
        return _("Share at the headline cut-off, all grades");
    case JL_AS_GRADES:
        return _("Share at the headline cut-off by grade");
    }
    return _("Change since the previous wave, percentage points");
}

static void num_text(jl_buf *b, double v, int decimals)
{
    jl_page_num(b, v, decimals);
}

/* ---- the chart ---- */

static void row_title(jl_buf *b, const jl_scale *sc, const jl_cell *c)
{
    jl_buf_puts(b, "<title>");
    jl_html_text(b, sc->name);
    jl_buf_puts(b, ": ");
    if (c->status == JL_CELL_SUPPRESSED) {
        jl_html_text(b, jl_release_reason_short(c->reason));
        jl_buf_puts(b, "</title>");
        return;
    }
    num_text(b, c->pct, 1);
    jl_buf_puts(b, " % (");
    jl_html_text(b, _("95 % interval"));
    jl_buf_puts(b, " ");
    num_text(b, c->ci_low, 1);
    jl_buf_puts(b, "–");
    num_text(b, c->ci_high, 1);
    jl_buf_puts(b, ")");
    if (!isnan(c->norm_pct)) {
        jl_buf_puts(b, ", ");
        jl_html_text(b, _("norm"));
        jl_buf_puts(b, " ");
        num_text(b, c->norm_pct, 1);
        jl_buf_puts(b, " %");
    }
    jl_buf_puts(b, ", n = ");
    num_text(b, (double)c->n_scored, 0);
    jl_buf_puts(b, "</title>");
}

static double xpos(double pct)
{
    if (!(pct > 0))
        return BAR_X;
    return BAR_X + (pct > 100 ? 100 : pct) * PX_PER_PCT;
}

static void chart_row(jl_buf *b, const jl_cell_table *t, size_t k, const jl_cell *c, int y)
{
    const jl_scale *sc = &t->in->scales[k];
    int mid = y + 30;

    jl_buf_printf(b, "<g class=\"row %s\">", sc->kind == JL_KIND_PROTECTIVE ? "prot" : "risk");
    row_title(b, sc, c);
    jl_buf_printf(b, "<text class=\"lbl\" x=\"0\" y=\"%d\">", y + 14);
    jl_html_text(b, sc->name);
    jl_buf_puts(b, "</text>");
    if (c->status == JL_CELL_SUPPRESSED) {
        jl_buf_printf(b, "<text class=\"why\" x=\"%.1f\" y=\"%d\">", BAR_X + 4, mid + 5);
        jl_html_text(b, jl_release_reason_short(c->reason));
        jl_buf_puts(b, "</text></g>\n");
        return;
    }
    jl_buf_printf(b, "<rect class=\"bar\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"14\"%s/>",
                  BAR_X, mid - 7, xpos(c->pct) - BAR_X,
                  sc->kind == JL_KIND_PROTECTIVE ? " fill=\"url(#jl-stripes)\"" : "");
    jl_buf_printf(b,
                  "<path class=\"ci\" d=\"M%.1f %dV%dM%.1f %dH%.1fM%.1f %dV%d\"/>",
                  xpos(c->ci_low), mid - 5, mid + 5, xpos(c->ci_low), mid, xpos(c->ci_high),
                  xpos(c->ci_high), mid - 5, mid + 5);
    if (!isnan(c->norm_pct))
        jl_buf_printf(b, "<path class=\"norm\" d=\"M%.1f %dV%d\"/>", xpos(c->norm_pct), mid - 11,
                      mid + 11);
    jl_buf_printf(b, "<text class=\"n\" x=\"%d\" y=\"%d\">n = ", CH_W - 76, mid + 5);
    num_text(b, (double)c->n_scored, 0);
    jl_buf_puts(b, "</text></g>\n");
}

/* One chart per theme: the bars of the theme's scales. */
static void chart(jl_buf *b, const jl_area_survey *s, int theme, size_t from, size_t to)
{
    const jl_cell_table *t = &s->t;
    int h = TOP + (int)(to - from) * ROW_H + 8, p;
    jl_err e = JL_ERR_INIT;
    size_t i;

    jl_buf_puts(b, "<figure class=\"chart\">\n");
    if (s->themed) {
        jl_buf_puts(b, "<figcaption>");
        jl_html_text(b, jl_area_survey_theme(theme));
        jl_buf_puts(b, "</figcaption>\n");
    }
    jl_buf_printf(b, "<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", CH_W, h);
    jl_html_attr(b, _("Bars of the shares with their 95 % intervals and the norm; the table "
                      "below has the same figures"));
    jl_buf_puts(b, "\">\n");
    /* The stripes of protective bars: a pattern by attribute (no inline
     * style under the CSP), defined once in the page's first chart. */
    if (from == 0)
        jl_buf_puts(b, "<defs><pattern id=\"jl-stripes\" width=\"6\" height=\"6\" "
                       "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                       "<rect width=\"6\" height=\"6\" fill=\"#8fc2a8\"/>"
                       "<rect width=\"4\" height=\"6\" fill=\"#1f6e4a\"/></pattern></defs>\n");
    for (p = 0; p <= 100; p += 25) {
        jl_buf_printf(b, "<path class=\"grid\" d=\"M%.1f %dV%d\"/>", xpos(p), TOP - 4, h - 4);
        jl_buf_printf(b, "<text class=\"axis\" x=\"%.1f\" y=\"%d\">%d %%</text>", xpos(p),
                      TOP - 8, p);
    }
    jl_buf_puts(b, "\n");
    for (i = from; i < to; i++) {
        size_t k = s->k[i], q = (size_t)jl_release_headline_of(&t->in->scales[k]);
        jl_cell c;

        if (jl_cell_table_shown(&c, t, s->ai, JL_NGRADES, JL_NSEXES, k, q, &e) < 0)
            continue;
        chart_row(b, t, k, &c, TOP + (int)(i - from) * ROW_H);
    }
    jl_buf_puts(b, "</svg>\n</figure>\n");
}

static void legend_item(jl_buf *b, const char *key, const char *words)
{
    jl_buf_printf(b, "<span class=\"item\"><span class=\"key %s\"></span> ", key);
    jl_html_text(b, words);
    jl_buf_puts(b, "</span> ");
}

static void legend(jl_buf *b, int norm_city)
{
    jl_buf_puts(b, "<p class=\"legend\">");
    legend_item(b, "bar-risk", _("risk factor"));
    legend_item(b, "bar-prot", _("protective factor"));
    legend_item(b, "ci", _("95 % interval"));
    legend_item(b, "norm", norm_city ? _("the city") : _("norm"));
    jl_buf_puts(b, "</p>\n");
}

/* ---- tables and their downloads ---- */

static void download_links(jl_buf *b, jl_req *rq, const jl_area_survey *s, int which)
{
    static const char *const ext[2] = {"csv", "xlsx"};
    static const char *const what[2] = {"CSV", "Excel (.xlsx)"};
    int i;

    jl_buf_puts(b, "<p class=\"dl\">");
    jl_html_text(b, _("Download the table:"));
    for (i = 0; i < 2; i++) {
        char file[64];
        const char *seg[4] = {"omrade", s->division, s->code, file};

        snprintf(file, sizeof file, "%s.%s", jl_area_survey_file(which), ext[i]);
        jl_buf_puts(b, i ? " · <a href=\"" : " <a href=\"");
        jl_page_href(b, rq, seg, 4);
        jl_buf_printf(b, "?release=%ld\" download=\"%s-", s->v.id, jl_area_survey_file(which));
        jl_html_attr(b, s->division);
        jl_buf_puts(b, "-");
        jl_html_attr(b, s->code);
        jl_buf_printf(b, "-%ld.%s\">%s</a>", s->v.id, ext[i], what[i]);
    }
    jl_buf_puts(b, "</p>\n");
}

static void html_table(jl_buf *b, jl_req *rq, const jl_area_survey *s, int which)
{
    jl_xtable x;
    size_t r, c;

    if (jl_area_survey_table(&x, rq, s, which) < 0)
        return;
    jl_page_table_open(b, jl_area_survey_file(which), table_caption(which));
    jl_page_thead(b, &x, -1);
    for (r = 0; r < x.nrows; r++) {
        const jl_xcell *row = &x.cells[r * x.ncols];

        /* the rows are the profile's scales in order: their ids for
         * whoever reads the page by machine */
        jl_buf_puts(b, "<tr data-scale=\"");
        if (r < s->nk)
            jl_html_attr(b, s->t.in->scales[s->k[r]].id);
        jl_buf_puts(b, "\"><th scope=\"row\">");
        if (which == JL_AS_PROFILE && r < s->nk) {
            /* the factor over every area of the division */
            const char *const seg[3] = {"faktor", s->t.w.instrument,
                                        s->t.in->scales[s->k[r]].id};

            jl_buf_puts(b, "<a href=\"");
            jl_page_href(b, rq, seg, 3);
            jl_buf_puts(b, "?division=");
            jl_url_q(b, s->division);
            jl_buf_printf(b, "&amp;release=%ld\">", s->v.id);
            jl_html_text(b, row[0].text);
            jl_buf_puts(b, "</a>");
        } else
            jl_html_text(b, row[0].text);
        jl_buf_puts(b, "</th>");
        for (c = 1; c < x.ncols; c++)
            jl_page_cell(b, &row[c]);
        jl_buf_puts(b, "</tr>\n");
    }
    jl_buf_puts(b, "</tbody>\n</table></div>\n");
    download_links(b, rq, s, which);
}

/* ---- priorities ---- */

static void priorities(jl_buf *b, jl_req *rq, const jl_area_survey *s)
{
    jl_prio_list pl;
    jl_err e = JL_ERR_INIT;
    size_t i, shown = 0;
    char x[64], y[64];

    jl_buf_puts(b, "<h3>");
    jl_html_text(b, _("Priorities"));
    jl_buf_puts(b, "</h3>\n");
    if (jl_release_priorities(&pl, &s->t, s->has_prev ? &s->prev : NULL, s->code, &e) < 0) {
        jl_buf_puts(b, "<p>–</p>\n");
        return;
    }
    for (i = 0; i < pl.n; i++) {
        const jl_prio *p = &pl.p[i];

        if (!p->priority)
            continue;
        jl_buf_puts(b, shown++ ? "<li><strong>" : "<ol class=\"prio\">\n<li><strong>");
        jl_html_text(b, p->label);
        jl_buf_puts(b, "</strong> (");
        jl_html_text(b, p->protective ? _("protective factor") : _("risk factor"));
        jl_buf_puts(b, "): ");
        jl_fmt_fixed(x, sizeof x, p->pct, 1);
        jl_fmt_fixed(y, sizeof y, p->norm_pct, 1);
        jl_html_text(b, jl_arena_printf(rq->arena, _("share %s %%, norm %s %%"), x, y));
        if (p->grades_shown) {
            jl_buf_puts(b, "; ");
            jl_html_text(b, jl_arena_printf(rq->arena,
                                            _("worse than the norm in %d of %d grades shown"),
                                            p->grades_flagged, p->grades_shown));
        }
        if (p->prev_wave && (p->worse || p->better)) {
            jl_buf_puts(b, "; ");
            jl_html_text(b, jl_arena_printf(rq->arena,
                                            p->worse ? _("worse since %s") : _("better since %s"),
                                            p->prev_wave));
        }
        jl_buf_puts(b, "</li>\n");
    }
    if (shown)
        jl_buf_puts(b, "</ol>\n");
    else {
        jl_buf_puts(b, "<p>");
        jl_html_text(b, _("No factor is worse than the norm."));
        jl_buf_puts(b, "</p>\n");
    }
    jl_buf_puts(b, "<p class=\"note\">");
    jl_html_text(b, _("Priorities: the factors whose share is worse than the norm, the largest "
                      "excess first (Communities That Care). Hidden cells take no part."));
    jl_buf_puts(b, "</p>\n");
    jl_prio_list_dispose(&pl);
}

/* ---- the section ---- */

void jl_page_release_note(jl_buf *b, jl_req *rq, const jl_view_release *v, const char *wave,
                          int synthetic)
{
    const jl_release *r = v->r;
    char date[11];

    snprintf(date, sizeof date, "%s", r->created ? r->created : "");
    jl_buf_puts(b, "<p class=\"meta release\">");
    jl_html_text(b, jl_arena_printf(rq->arena, _("Release %ld, “%s”, of %s; wave %s."), v->id,
                                    r->title ? r->title : "", date, wave));
    jl_buf_puts(b, "</p>\n<p class=\"note\">");
    jl_html_text(b, _("Withheld: too few answers, or hidden to protect other cells. Which is not "
                      "said: it would tell how many answered which way."));
    jl_buf_puts(b, "</p>\n");
    if (v->meta.withdrawn && *v->meta.withdrawn) {
        snprintf(date, sizeof date, "%s", v->meta.withdrawn);
        jl_buf_puts(b, "<p class=\"note\"><strong>");
        jl_html_text(b, jl_arena_printf(rq->arena, _("This release was withdrawn on %s."), date));
        jl_buf_puts(b, "</strong></p>\n");
    }
    if (synthetic) {
        jl_buf_puts(b, "<p class=\"synthetic\"><strong>");
        jl_html_text(b, _("Synthetic answers."));
        jl_buf_puts(b, "</strong> ");
        jl_html_text(b, _("Synthetic answers are made by jamlik's generator from the "
                          "instrument's model to show how the pages work. They were not given "
                          "by young people and say nothing about the areas."));
        jl_buf_puts(b, "</p>\n");
    }
}

void jl_page_area_survey(jl_req *rq, jl_buf *b, const jl_area_survey *s)
{
    size_t i, from;

    jl_buf_puts(b, "<section class=\"survey\" aria-labelledby=\"survey\">\n<h2 id=\"survey\">");
    jl_html_text(b, _("Risk and protective factors"));
    jl_buf_puts(b, "</h2>\n");
    if (!s->has_t) {
        jl_buf_puts(b, "<p>");
        jl_html_text(b, _("No release holds survey figures for this area yet."));
        jl_buf_puts(b, "</p>\n</section>\n");
        return;
    }
    jl_page_release_note(b, rq, &s->v, s->t.w.name, s->t.w.synthetic);
    jl_buf_puts(b, "<div class=\"profile\">\n");
    for (from = 0; from < s->nk; from = i) {
        for (i = from; i < s->nk && s->theme[i] == s->theme[from]; i++)
            ;
        chart(b, s, s->theme[from], from, i);
    }
    legend(b, s->t.norm_city);
    html_table(b, rq, s, JL_AS_PROFILE);
    jl_buf_puts(b, "</div>\n<div class=\"keep\">\n");
    priorities(b, rq, s);
    jl_buf_puts(b, "</div>\n");
    if (s->has_prev) {
        jl_buf_puts(b, "<div class=\"keep\">\n<h3>");
        jl_html_text(b, jl_arena_printf(rq->arena, _("Change since %s"), s->prev.w.name));
        jl_buf_puts(b, "</h3>\n");
        html_table(b, rq, s, JL_AS_CHANGE);
        if (s->prev_release != s->v.id) {
            jl_buf_puts(b, "<p class=\"note src\">");
            jl_html_text(b, jl_arena_printf(rq->arena,
                                            _("The figures of wave %s come from release %ld of "
                                              "%s, the latest that holds it."),
                                            s->prev.w.name, s->prev_release, s->prev_created));
            jl_buf_puts(b, "</p>\n");
        }
        jl_buf_puts(b, "<p class=\"note\">");
        jl_html_text(b, _("Change: points from one wave to the next with a 95 % interval "
                          "(Newcombe); flagged where it excludes 0."));
        jl_buf_puts(b, "</p>\n</div>\n");
    }
    html_table(b, rq, s, JL_AS_GRADES);
    jl_buf_puts(b, "</section>\n");
}
