/*
 * The factor page (/faktor/INSTRUMENT/SCALE?division=&release=&area=):
 * the map of the factor over a division, every area ranked with its
 * share and 95 % interval (dots and whiskers as inline SVG, the table
 * beside it, downloads as CSV and .xlsx), and the trend over the waves
 * for the city and chosen areas, each wave from the latest release up
 * to the one shown that holds it (view/release_trend.h). Figures from
 * the views over the releases' cells (web/factor_survey.h); a hidden cell is
 * words, never a number.
 */
#include "web/factor_survey.h"
#include "web/html.h"
#include "web/map.h"
#include "web/page.h"
#include "core/limits.h"
#include "release/suppress.h"
#include "view/release_trend.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The ranking chart, in SVG units: names left, the scale from RK_X. */
#define RK_W 640
#define RK_X 250.0
#define RK_PLOT 370.0
#define RK_ROW 22
#define RK_TOP 26
/* At most this many areas chosen for the trend (?area=). */
#define TREND_AREAS 4

static const char *const files[1] = {"rangordning"};

static void chart_title(jl_buf *b, const char *name, const jl_cell *c)
{
    jl_buf_puts(b, "<title>");
    jl_html_text(b, name);
    jl_buf_puts(b, ": ");
    jl_page_num(b, c->pct, 1);
    jl_buf_puts(b, " % (");
    jl_html_text(b, _("95 % interval"));
    jl_buf_puts(b, " ");
    jl_page_num(b, c->ci_low, 1);
    jl_buf_puts(b, "–");
    jl_page_num(b, c->ci_high, 1);
    jl_buf_puts(b, "), n = ");
    jl_page_num(b, (double)c->n_scored, 0);
    jl_buf_puts(b, "</title>");
}

static double rk_x(double pct, double top)
{
    return RK_X + (pct > top ? top : pct < 0 ? 0 : pct) * RK_PLOT / top;
}

/* Dots for the shares, whiskers for their intervals, the norm dashed. */
static void rank_chart(jl_buf *b, const jl_factor_survey *s)
{
    const jl_view_factor *f = &s->f;
    double top = 10, norm = s->t.in->scales[s->k].cut[f->q].norm_pct;
    size_t i;
    int h = RK_TOP + (int)f->nshown * RK_ROW + 8, p, y;

    for (i = 0; i < f->nshown; i++)
        top = fmax(top, f->r[i].c.ci_high);
    if (!isnan(norm))
        top = fmax(top, norm);
    top = ceil(top / 10) * 10;
    jl_buf_puts(b, "<figure class=\"chart rank\">\n<figcaption>");
    jl_html_text(b, _("Shares with their 95 % intervals, the worst first"));
    jl_buf_printf(b, "</figcaption>\n<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", RK_W,
                  h);
    jl_html_attr(b, _("Dots of the shares with their 95 % intervals and the norm; the table "
                      "below has the same figures"));
    jl_buf_puts(b, "\">\n");
    for (p = 0; p <= (int)top; p += top > 50 ? 20 : 10) {
        jl_buf_printf(b, "<path class=\"grid\" d=\"M%.1f %dV%d\"/>", rk_x(p, top), RK_TOP - 4,
                      h - 4);
        jl_buf_printf(b, "<text class=\"axis\" x=\"%.1f\" y=\"%d\">%d %%</text>", rk_x(p, top),
                      RK_TOP - 10, p);
    }
    if (!isnan(norm))
        jl_buf_printf(b, "<path class=\"norm\" d=\"M%.1f %dV%d\"/>", rk_x(norm, top), RK_TOP - 4,
                      h - 4);
    jl_buf_puts(b, "\n");
    for (i = 0; i < f->nshown; i++) {
        const jl_view_factor_row *r = &f->r[i];
        const char *name = r->name && *r->name ? r->name : r->code;

        y = RK_TOP + (int)i * RK_ROW + RK_ROW / 2;
        jl_buf_printf(b, "<g class=\"dot%s\">", r->verdict == JL_VERDICT_WORSE ? " worse" : "");
        chart_title(b, name, &r->c);
        jl_buf_printf(b, "<text class=\"lbl\" x=\"0\" y=\"%d\">", y + 5);
        jl_html_text(b, name);
        jl_buf_printf(b, "</text><path class=\"ci\" d=\"M%.1f %dV%dM%.1f %dH%.1fM%.1f %dV%d\"/>",
                      rk_x(r->c.ci_low, top), y - 5, y + 5, rk_x(r->c.ci_low, top), y,
                      rk_x(r->c.ci_high, top), rk_x(r->c.ci_high, top), y - 5, y + 5);
        /* worse than the norm: a square, else a circle (readable without
         * colour) */
        if (r->verdict == JL_VERDICT_WORSE)
            jl_buf_printf(b, "<rect class=\"pt\" x=\"%.1f\" y=\"%d\" width=\"10\" height=\"10\"/>",
                          rk_x(r->c.pct, top) - 5, y - 5);
        else
            jl_buf_printf(b, "<circle class=\"pt\" cx=\"%.1f\" cy=\"%d\" r=\"5\"/>",
                          rk_x(r->c.pct, top), y);
        jl_buf_puts(b, "</g>\n");
    }
    jl_buf_puts(b, "</svg>\n</figure>\n<p class=\"legend\"><span class=\"item\">");
    jl_buf_puts(b, "<span class=\"key sq\"></span> ");
    jl_html_text(b, s->t.norm_city ? _("worse than the city") : _("worse than the norm"));
    jl_buf_puts(b, "</span> <span class=\"item\"><span class=\"key ci\"></span> ");
    jl_html_text(b, _("95 % interval"));
    jl_buf_puts(b, "</span> <span class=\"item\"><span class=\"key norm\"></span>");
    jl_html_text(b, s->t.norm_city ? _("the city") : _("norm"));
    jl_buf_puts(b, "</span></p>\n");
}

static void downloads(jl_buf *b, jl_req *rq, const jl_factor_survey *s)
{
    static const char *const ext[2] = {"csv", "xlsx"};
    static const char *const what[2] = {"CSV", "Excel (.xlsx)"};
    int i;

    jl_buf_puts(b, "<p class=\"dl\">");
    jl_html_text(b, _("Download the table:"));
    for (i = 0; i < 2; i++) {
        char file[64];
        const char *seg[4] = {"faktor", s->t.w.instrument, s->t.in->scales[s->k].id, file};

        snprintf(file, sizeof file, "%s.%s", files[0], ext[i]);
        jl_buf_puts(b, i ? " · <a href=\"" : " <a href=\"");
        jl_page_href(b, rq, seg, 4);
        jl_buf_puts(b, "?division=");
        jl_url_q(b, s->division);
        jl_buf_printf(b, "&amp;release=%ld\" download=\"%s-", s->v.id, files[0]);
        jl_html_attr(b, s->t.in->scales[s->k].id);
        jl_buf_puts(b, "-");
        jl_html_attr(b, s->division);
        jl_buf_printf(b, "-%ld.%s\">%s</a>", s->v.id, ext[i], what[i]);
    }
    jl_buf_puts(b, "</p>\n");
}

static void rank_table(jl_buf *b, jl_req *rq, const jl_factor_survey *s)
{
    jl_xtable x;
    size_t r, c;

    jl_factor_survey_table(&x, rq, s);
    jl_page_table_open(b, "rangordning", _("Every area ranked, the worst share first"));
    jl_page_thead(b, &x, 2); /* the code is in the link */
    for (r = 0; r < x.nrows; r++) {
        const jl_xcell *row = &x.cells[r * x.ncols];
        const char *const seg[3] = {"omrade", s->division, s->f.r[r].code};

        jl_buf_puts(b, "<tr data-area=\"");
        jl_html_attr(b, s->f.r[r].code);
        jl_buf_puts(b, "\"><td class=\"num\">");
        if (row[0].kind == JL_XC_NUM)
            jl_page_num(b, row[0].v, 0);
        jl_buf_puts(b, "</td><th scope=\"row\">");
        jl_page_link(b, rq, seg, 3, row[1].text);
        jl_buf_puts(b, "</th>");
        for (c = 3; c < x.ncols; c++)
            jl_page_cell(b, &row[c]);
        jl_buf_puts(b, "</tr>\n");
    }
    jl_buf_puts(b, "</tbody>\n</table></div>\n");
    downloads(b, rq, s);
    if (s->f.noverlap) {
        jl_buf_puts(b, "<p class=\"note overlap\">");
        jl_html_text(b, jl_arena_printf(rq->arena,
                                        _("Of %zu pairs of areas, %zu have 95 %% intervals that "
                                          "overlap: a rank says little where intervals "
                                          "overlap."),
                                        s->f.npairs, s->f.noverlap));
        jl_buf_puts(b, "</p>\n");
    }
}

/* "23,4 (20,1–26,8)" or the words of why not. */
static void trend_cell(jl_buf *b, const jl_cell *c)
{
    if (c->status == JL_CELL_SUPPRESSED || isnan(c->pct)) {
        jl_buf_puts(b, "<td>");
        jl_html_text(b, c->status == JL_CELL_SUPPRESSED ? jl_release_reason_short(c->reason)
                                                        : _("no figure"));
        jl_buf_puts(b, "</td>");
        return;
    }
    jl_buf_puts(b, "<td class=\"num\">");
    jl_page_num(b, c->pct, 1);
    jl_buf_puts(b, " (");
    jl_page_num(b, c->ci_low, 1);
    jl_buf_puts(b, "–");
    jl_page_num(b, c->ci_high, 1);
    jl_buf_puts(b, ")</td>");
}

/* The areas of the trend: ?area= (each an area of the table), else the
 * worst ranked. Returns their count, or -1 for a code not in the
 * division. */
static int trend_areas(const char **codes, jl_req *rq, const jl_factor_survey *s)
{
    size_t i;
    int n = 0;

    for (i = 0; i < rq->target.nparam; i++) {
        const jl_param *p = &rq->target.param[i];

        if (strcmp(p->key, "area") != 0)
            continue;
        if (n == TREND_AREAS || jl_cell_table_area(&s->t, p->val) < 0)
            return -1;
        codes[n++] = p->val;
    }
    if (!n && s->f.nshown)
        codes[n++] = s->f.r[0].code;
    return n;
}

/* The area beside the city: a GET form, no script. */
static void trend_form(jl_buf *b, jl_req *rq, const jl_factor_survey *s, const char *chosen)
{
    const char *seg[3] = {"faktor", s->t.w.instrument, s->t.in->scales[s->k].id};
    size_t i;

    jl_buf_puts(b, "<form class=\"choose\" method=\"get\" action=\"");
    jl_page_href(b, rq, seg, 3);
    jl_buf_puts(b, "\">\n<input type=\"hidden\" name=\"division\" value=\"");
    jl_html_attr(b, s->division);
    jl_buf_printf(b, "\"><input type=\"hidden\" name=\"release\" value=\"%ld\">\n", s->v.id);
    jl_buf_puts(b, "<p><label for=\"tr-area\">");
    jl_html_text(b, _("Area beside the city"));
    jl_buf_puts(b, "</label> <select id=\"tr-area\" name=\"area\">");
    for (i = 0; i < s->t.nareas; i++) {
        jl_buf_puts(b, "<option value=\"");
        jl_html_attr(b, s->t.codes[i]);
        jl_buf_puts(b, chosen && !strcmp(chosen, s->t.codes[i]) ? "\" selected>" : "\">");
        jl_html_text(b, s->t.names[i] && *s->t.names[i] ? s->t.names[i] : s->t.codes[i]);
        jl_buf_puts(b, "</option>");
    }
    jl_buf_puts(b, "</select></p>\n<p><button type=\"submit\">");
    jl_html_text(b, _("Show"));
    jl_buf_puts(b, "</button></p>\n</form>\n");
}

/* The trend's chart, in SVG units: waves across, shares up. */
#define TR_W 640
#define TR_H 240
#define TR_X0 60.0
#define TR_X1 470.0
#define TR_TOP 20.0
#define TR_BOT 210.0

typedef struct trend_data {
    size_t nw;
    int n;            /* series: the city, then the chosen areas */
    const char **name;
    const char **wave;
    jl_cell *c;       /* nw x (n + 1) */
    unsigned char *ok; /* the cell is in the wave's release */
    jl_arena *A;
} trend_data;

static int shown_cell(const trend_data *d, size_t w, int a)
{
    const jl_cell *c = &d->c[w * (size_t)(d->n + 1) + (size_t)a];

    return d->ok[w * (size_t)(d->n + 1) + (size_t)a] && c->status != JL_CELL_SUPPRESSED &&
           !isnan(c->pct);
}

static double tr_x(const trend_data *d, size_t w)
{
    return d->nw < 2 ? (TR_X0 + TR_X1) / 2
                     : TR_X0 + (TR_X1 - TR_X0) * (double)w / (double)(d->nw - 1);
}

static double tr_y(double pct, double top)
{
    return TR_BOT - (TR_BOT - TR_TOP) * (pct > top ? top : pct < 0 ? 0 : pct) / top;
}

/* Lines of the city (solid) and the chosen areas (dashed), each point
 * with its interval and title; a hidden point is left out, never drawn. */
static void trend_chart(jl_buf *b, const trend_data *d)
{
    static const char *const mark[TREND_AREAS + 1] = {"c", "a1", "a2", "a3", "a4"};
    double top = 10;
    size_t w;
    int a, p;

    for (w = 0; w < d->nw; w++)
        for (a = 0; a <= d->n; a++)
            if (shown_cell(d, w, a))
                top = fmax(top, d->c[w * (size_t)(d->n + 1) + (size_t)a].ci_high);
    top = ceil(top / 10) * 10;
    jl_buf_printf(b, "<figure class=\"chart trend\">\n<svg viewBox=\"0 0 %d %d\" role=\"img\" "
                     "aria-label=\"", TR_W, TR_H);
    jl_html_attr(b, _("Shares by wave with their 95 % intervals; the table below has the same "
                      "figures"));
    jl_buf_puts(b, "\">\n");
    for (p = 0; p <= (int)top; p += top > 50 ? 20 : 10)
        jl_buf_printf(b, "<path class=\"grid\" d=\"M%.1f %.1fH%.1f\"/><text class=\"axis\" "
                         "x=\"%.1f\" y=\"%.1f\">%d %%</text>",
                      TR_X0 - 20, tr_y(p, top), TR_X1 + 20, TR_X0 - 24, tr_y(p, top) + 4, p);
    for (w = 0; w < d->nw; w++) {
        jl_buf_printf(b, "<text class=\"axis wv\" x=\"%.1f\" y=\"%d\">", tr_x(d, w), TR_H - 8);
        jl_html_text(b, d->wave[w]);
        jl_buf_puts(b, "</text>");
    }
    jl_buf_puts(b, "\n");
    for (a = 0; a <= d->n; a++) {
        int first = 1;
        double lx = 0, ly = 0;

        jl_buf_printf(b, "<g class=\"series %s\">", mark[a]);
        jl_buf_puts(b, "<path class=\"line\" d=\"");
        for (w = 0; w < d->nw; w++)
            if (shown_cell(d, w, a)) {
                const jl_cell *c = &d->c[w * (size_t)(d->n + 1) + (size_t)a];

                jl_buf_printf(b, "%c%.1f %.1f", first ? 'M' : 'L', tr_x(d, w), tr_y(c->pct, top));
                first = 0;
            }
        jl_buf_puts(b, "\"/>");
        for (w = 0; w < d->nw; w++) {
            const jl_cell *c = &d->c[w * (size_t)(d->n + 1) + (size_t)a];
            double x = tr_x(d, w) + (a - d->n / 2.0) * 4, y;

            if (!shown_cell(d, w, a))
                continue;
            y = tr_y(c->pct, top);
            jl_buf_puts(b, "<g>");
            chart_title(b, jl_arena_printf(d->A, "%s, %s", d->name[a], d->wave[w]), c);
            jl_buf_printf(b, "<path class=\"ci\" d=\"M%.1f %.1fV%.1f\"/>", x, tr_y(c->ci_low, top),
                          tr_y(c->ci_high, top));
            if (a == 0)
                jl_buf_printf(b, "<circle class=\"pt\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\"/>", x, y);
            else
                jl_buf_printf(b, "<rect class=\"pt\" x=\"%.1f\" y=\"%.1f\" width=\"9\" "
                                 "height=\"9\"/>", x - 4.5, y - 4.5);
            jl_buf_puts(b, "</g>");
            lx = x;
            ly = y;
        }
        if (!first) {
            jl_buf_printf(b, "<text class=\"lbl\" x=\"%.1f\" y=\"%.1f\">", lx + 12, ly + 5);
            jl_html_text(b, d->name[a]);
            jl_buf_puts(b, "</text>");
        }
        jl_buf_puts(b, "</g>\n");
    }
    jl_buf_puts(b, "</svg>\n");
    /* the series named below the chart on a phone, where names at the
     * lines' ends would not fit at a readable size (jamlik.css) */
    jl_buf_puts(b, "<ul class=\"lines-key\">");
    for (a = 0; a <= d->n; a++) {
        jl_buf_printf(b, "<li class=\"series %s\"><svg class=\"sw\" viewBox=\"0 0 32 14\" "
                         "aria-hidden=\"true\"><path class=\"line\" d=\"M0 7H32\"/>%s</svg> ",
                      mark[a], a ? "<rect class=\"pt\" x=\"11.5\" y=\"2.5\" width=\"9\" "
                                   "height=\"9\"/>"
                                 : "<circle class=\"pt\" cx=\"16\" cy=\"7\" r=\"5\"/>");
        jl_html_text(b, d->name[a]);
        jl_buf_puts(b, "</li>");
    }
    jl_buf_puts(b, "</ul>\n</figure>\n");
}

/* The cells of the city and the chosen areas in each wave, each wave
 * from the latest release up to the one shown that holds it
 * (view/release_trend.h). */
static int trend_load(trend_data *d, jl_view_factor_trend *ft, jl_req *rq,
                      const jl_factor_survey *s, const char **codes, int n)
{
    jl_view_factor_trend_req req;
    jl_err e = JL_ERR_INIT;
    size_t w;
    int a;

    memset(d, 0, sizeof *d);
    memset(&req, 0, sizeof req);
    req.upto = s->v.id;
    req.shown = &s->v;
    req.division = s->division;
    req.scale = s->t.in->scales[s->k].id;
    req.codes = codes;
    req.ncodes = (size_t)n;
    if (jl_view_factor_trend_load(ft, rq->store, &req, &e) < 0)
        return 503;
    d->A = rq->arena;
    d->nw = ft->src.n;
    d->n = n;
    d->c = ft->c;
    d->ok = ft->held;
    d->name = jl_arena_alloc(rq->arena, (size_t)(n + 1) * sizeof *d->name);
    d->wave = jl_arena_alloc(rq->arena, (d->nw + 1) * sizeof *d->wave);
    d->name[0] = _("City");
    for (a = 0; a < n; a++) {
        long ai = jl_cell_table_area(&s->t, codes[a]);

        d->name[a + 1] = s->t.names[ai] && *s->t.names[ai] ? s->t.names[ai] : codes[a];
    }
    for (w = 0; w < d->nw; w++)
        d->wave[w] = ft->src.w[w].wave;
    return 200;
}

/* Which release a wave's figures come from: "2 (2026-12-05)". */
static void trend_source(jl_buf *b, const jl_view_wave_source *src)
{
    char date[11];

    snprintf(date, sizeof date, "%s", src->created ? src->created : "");
    jl_buf_printf(b, "<td class=\"src\">%ld (", src->release);
    jl_html_text(b, date);
    jl_buf_puts(b, ")</td>");
}

static int trend(jl_buf *b, jl_req *rq, const jl_factor_survey *s, const char **codes, int n)
{
    jl_view_factor_trend ft;
    trend_data d;
    size_t w;
    int a;

    if (trend_load(&d, &ft, rq, s, codes, n) != 200)
        return 503;
    jl_buf_puts(b, "<section aria-labelledby=\"trend\">\n<h2 id=\"trend\">");
    jl_html_text(b, _("Over the waves"));
    jl_buf_puts(b, "</h2>\n");
    trend_chart(b, &d);
    jl_page_table_open(b, "trend", _("Share at the headline cut-off by wave, % (95 % interval)"));
    jl_buf_puts(b, "<thead><tr><th scope=\"col\">");
    jl_html_text(b, _("Wave"));
    jl_buf_puts(b, "</th>");
    for (a = 0; a <= n; a++) {
        jl_buf_puts(b, "<th scope=\"col\">");
        jl_html_text(b, d.name[a]);
        jl_buf_puts(b, "</th>");
    }
    jl_buf_puts(b, "<th scope=\"col\">");
    jl_html_text(b, _("From release"));
    jl_buf_puts(b, "</th></tr></thead>\n<tbody>\n");
    for (w = 0; w < d.nw; w++) {
        jl_buf_puts(b, "<tr><th scope=\"row\">");
        jl_html_text(b, d.wave[w]);
        jl_buf_puts(b, "</th>");
        for (a = 0; a <= n; a++) {
            if (!d.ok[w * (size_t)(n + 1) + (size_t)a]) {
                jl_buf_puts(b, "<td>");
                jl_html_text(b, _("not in the release"));
                jl_buf_puts(b, "</td>");
                continue;
            }
            trend_cell(b, &d.c[w * (size_t)(n + 1) + (size_t)a]);
        }
        trend_source(b, &ft.src.w[w]);
        jl_buf_puts(b, "</tr>\n");
    }
    jl_buf_puts(b, "</tbody>\n</table></div>\n<p class=\"note\">");
    jl_html_text(b, _("Each wave's figures come from the latest release, up to the one shown, "
                      "that holds the wave."));
    jl_buf_puts(b, "</p>\n");
    trend_form(b, rq, s, n ? codes[0] : NULL);
    jl_buf_puts(b, "</section>\n");
    jl_view_factor_trend_dispose(&ft);
    return 200;
}

static int body(jl_req *rq, jl_resp *rs, const jl_factor_survey *s)
{
    jl_buf *b = &rs->body;
    const char *codes[TREND_AREAS];
    jl_map_spec m;
    int n = trend_areas(codes, rq, s), st;

    if (n < 0)
        return 400;
    jl_page_begin(rq, rs, jl_factor_survey_name(s));
    jl_buf_puts(b, "<p class=\"meta\">");
    jl_html_text(b, s->t.in->scales[s->k].kind == JL_KIND_PROTECTIVE ? _("protective factor")
                                                                      : _("risk factor"));
    jl_buf_puts(b, " · ");
    jl_html_text(b, _("division"));
    jl_buf_puts(b, " <code>");
    jl_html_text(b, s->division);
    jl_buf_puts(b, "</code> · ");
    jl_html_text(b, _("instrument"));
    jl_buf_puts(b, " <code>");
    jl_html_text(b, s->t.w.instrument);
    jl_buf_puts(b, "</code></p>\n");
    jl_factor_survey_release(b, rq, s);
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
    if (jl_web_map(b, rq, &m) == 503)
        return 503;
    jl_buf_puts(b, "<section aria-labelledby=\"rank\">\n<h2 id=\"rank\">");
    jl_html_text(b, _("Every area ranked"));
    jl_buf_puts(b, "</h2>\n");
    rank_chart(b, s);
    rank_table(b, rq, s);
    jl_buf_puts(b, "</section>\n");
    st = trend(b, rq, s, codes, n);
    if (st != 200)
        return st;
    jl_page_end(rq, rs);
    return 200;
}

int jl_page_factor(jl_req *rq, jl_resp *rs)
{
    jl_factor_survey s;
    int st = jl_factor_survey_load(&s, rq, NULL, rq->seg[1], rq->seg[2]);

    if (st == 200 && !s.has_t)
        st = 404;
    if (st == 200)
        st = body(rq, rs, &s);
    jl_factor_survey_dispose(&s);
    return st;
}

int jl_page_factor_file(jl_req *rq, jl_resp *rs)
{
    const char *file = rq->seg[3], *dot = strrchr(file, '.');
    jl_factor_survey s;
    jl_xtable x;
    const char *notes[3];
    size_t nnotes = 0;
    int st;

    if (!dot || strncmp(file, files[0], (size_t)(dot - file)) != 0 ||
        strlen(files[0]) != (size_t)(dot - file) ||
        (strcmp(dot, ".csv") != 0 && strcmp(dot, ".xlsx") != 0))
        return 404;
    st = jl_factor_survey_load(&s, rq, NULL, rq->seg[1], rq->seg[2]);
    if (st == 200 && !s.has_t)
        st = 404;
    if (st == 200) {
        char date[11];

        jl_factor_survey_table(&x, rq, &s);
        snprintf(date, sizeof date, "%s", s.v.r->created ? s.v.r->created : "");
        notes[nnotes++] = jl_arena_printf(rq->arena, _("Release %ld, “%s”, of %s; wave %s."),
                                          s.v.id, s.v.r->title ? s.v.r->title : "", date,
                                          s.t.w.name);
        notes[nnotes++] = jl_arena_printf(rq->arena, "%s %s", jl_factor_survey_name(&s),
                                          s.division);
        if (s.t.w.synthetic)
            notes[nnotes++] = _("Synthetic answers.");
        if (!strcmp(dot, ".csv")) {
            jl_resp_begin(rs, rq, "text/csv; charset=utf-8");
            jl_page_csv(&rs->body, &x);
        } else {
            jl_resp_begin(rs, rq,
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            if (jl_page_xlsx(&rs->body, &x, notes, nnotes) < 0)
                st = 503;
        }
    }
    jl_factor_survey_dispose(&s);
    return st;
}
