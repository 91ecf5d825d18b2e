/*
 * The indicator page (/indikator/ID, issue 19): the areas of a division
 * ranked, the trend of the city and chosen areas over the periods, and
 * the inequality between the areas as a concentration curve, each chart
 * with its table beside it and the table's downloads; the indicator's
 * source and licence. Register statistics, shown directly with their
 * source; every number from web/indicator_data.c's rows.
 */
#include "web/indicator_data.h"
#include "web/chart.h"
#include "web/html.h"
#include "web/map.h"
#include "web/page.h"
#include "core/num.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *ind_name(const jl_req *rq, const jl_ind_page *p)
{
    if (rq->lang == JL_LANG_EN && *p->v.def.name_en)
        return p->v.def.name_en;
    if (*p->v.def.name)
        return p->v.def.name;
    /* not resolved in the division: the catalogue's words */
    if (p->info && rq->lang == JL_LANG_EN && *p->info->name_en)
        return p->info->name_en;
    return p->info && *p->info->name ? p->info->name : p->id;
}

static void para(jl_buf *b, const char *cls, const char *s)
{
    jl_buf_printf(b, "<p%s%s%s>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    jl_html_text(b, s);
    jl_buf_puts(b, "</p>\n");
}

static void h2(jl_buf *b, const char *id, const char *s)
{
    jl_buf_printf(b, "<h2 id=\"%s\">", id);
    jl_html_text(b, s);
    jl_buf_puts(b, "</h2>\n");
}

static void about(jl_buf *b, jl_req *rq, const jl_ind_page *p)
{
    const jl_view_indicator *v = &p->v;
    char line[1024];

    if (v->np) {
        snprintf(line, sizeof line, _("Division %s, period %s, %zu areas with a figure."),
                 p->division, v->period[v->at], p->n);
        para(b, "meta", line);
    }
    jl_buf_puts(b, "<p>");
    jl_html_text(b, _("Source:"));
    jl_buf_puts(b, " ");
    jl_html_text(b, *v->def.source                ? v->def.source
                    : p->info && *p->info->source ? p->info->source
                                                  : _("not stated"));
    if (p->info && *p->info->licence) {
        jl_buf_puts(b, ". ");
        jl_html_text(b, _("Licence:"));
        jl_buf_puts(b, " ");
        jl_html_text(b, p->info->licence);
    }
    jl_buf_puts(b, ".</p>\n");
    (void)rq;
}

static void period_select(jl_buf *b, const jl_ind_page *p);

/* The choice of division and period: a form that works without script. */
static void choice(jl_buf *b, jl_req *rq, const jl_ind_page *p)
{
    jl_view_divisions d;
    jl_err e = JL_ERR_INIT;
    size_t i;

    if (jl_view_divisions_load(&d, rq->store, &e) < 0) {
        jl_view_divisions_dispose(&d);
        return;
    }
    jl_buf_puts(b, "<form class=\"choice\" method=\"get\" action=\"\">\n<label for=\"division\">");
    jl_html_text(b, _("Division"));
    jl_buf_puts(b, "</label> <select id=\"division\" name=\"division\">");
    for (i = 0; i < d.n; i++) {
        if (!d.d[i].nareas && strcmp(d.d[i].id, p->division))
            continue;
        jl_buf_puts(b, "<option value=\"");
        jl_html_attr(b, d.d[i].id);
        jl_buf_puts(b, strcmp(d.d[i].id, p->division) ? "\">" : "\" selected>");
        jl_html_text(b, *d.d[i].name ? d.d[i].name : d.d[i].id);
        jl_buf_puts(b, "</option>");
    }
    jl_buf_puts(b, "</select>\n");
    if (p->v.np)
        period_select(b, p);
    jl_buf_puts(b, "<button type=\"submit\">");
    jl_html_text(b, _("Show"));
    jl_buf_puts(b, "</button>\n</form>\n");
    jl_view_divisions_dispose(&d);
}

static void period_select(jl_buf *b, const jl_ind_page *p)
{
    size_t i;

    jl_buf_puts(b, "<label for=\"period\">");
    jl_html_text(b, _("Period"));
    jl_buf_puts(b, "</label> <select id=\"period\" name=\"period\">");
    for (i = 0; i < p->v.np; i++) {
        jl_buf_puts(b, "<option");
        if (i == p->v.at)
            jl_buf_puts(b, " selected");
        jl_buf_puts(b, ">");
        jl_html_text(b, p->v.period[i]);
        jl_buf_puts(b, "</option>");
    }
    jl_buf_puts(b, "</select>\n");
}

static void download(jl_buf *b, jl_req *rq, const jl_ind_page *p, int which)
{
    const char *const seg[2] = {"indikator", p->id};

    jl_page_downloads(b, rq, seg, 2, jl_ind_page_file(which));
}

/* The division's map of the figures at the period shown, above the
 * ranking that is its table (web/map.h); an estimated figure says so in
 * its title. A division without shapes gets the map's sentence saying
 * so. */
static void map(jl_buf *b, jl_req *rq, const jl_ind_page *p)
{
    const jl_view_indicator *v = &p->v;
    jl_map_item *it;
    jl_map_spec m;
    size_t i, n = 0;

    if (!v->na || !v->np)
        return;
    it = jl_arena_alloc(rq->arena, v->na * sizeof *it);
    for (i = 0; i < v->na; i++) {
        size_t c = i * v->np + v->at;

        if (v->area[i].outside || v->area[i].elsewhere || !v->area[i].name)
            continue;
        memset(&it[n], 0, sizeof it[n]);
        it[n].code = v->area[i].code;
        it[n].value = v->value[c];
        it[n].lo = it[n].hi = NAN;
        if (!isfinite(v->value[c]))
            it[n].why = _("no figure");
        else if (v->estimate[c] != JL_EST_NONE)
            it[n].name = jl_arena_printf(rq->arena, "%s (%s)", v->area[i].name, _("estimated"));
        n++;
    }
    memset(&m, 0, sizeof m);
    m.division = p->division;
    m.what = jl_arena_printf(rq->arena, "%s, %s (%s)", ind_name(rq, p), v->period[v->at],
                             v->def.unit);
    m.col = jl_arena_printf(rq->arena, "%s, %s", v->period[v->at], v->def.unit);
    m.unit = v->def.unit;
    m.decimals = strcmp(v->def.kind, "count") == 0 ? 0 : 1;
    m.items = it;
    m.n = n;
    m.id = "imap";
    m.reading = !strcmp(v->def.better, "higher")  ? _("Darker: a higher value, which is better.")
                : !strcmp(v->def.better, "lower") ? _("Darker: a higher value, which is worse.")
                                                  : _("Darker: a higher value.");
    (void)jl_web_map(b, rq, &m);
}

static void ranking(jl_buf *b, jl_req *rq, const jl_ind_page *p)
{
    jl_xtable x;
    char **codes = NULL;

    h2(b, "rangordning", _("The areas ranked"));
    map(b, rq, p);
    if (jl_ind_page_table(&x, rq, p, JL_IP_RANK, &codes) < 0 || !x.nrows) {
        para(b, "note", _("No area of this division has a figure."));
        return;
    }
    if (strcmp(p->v.def.better, "none"))
        para(b, "note", !strcmp(p->v.def.better, "higher")
                            ? _("Higher is better: rank 1 has the highest value.")
                            : _("Lower is better: rank 1 has the lowest value."));
    else
        para(b, "note", _("Neither higher nor lower is better: the areas are listed highest "
                          "first, without rank."));
    jl_page_table(b, rq, &x, _("Value per area"), p->division, codes);
    if (p->v.nuncounted) {
        char line[256];

        snprintf(line, sizeof line, _("%zu areas of the division have no figure for this "
                                      "period."),
                 p->v.nuncounted);
        para(b, "note", line);
    }
    para(b, "note", _("“Estimated”: counts of another division split between areas by their "
                      "overlap."));
    download(b, rq, p, JL_IP_RANK);
}

/* The choice of areas for the trend: checkboxes in the ranking's order. */
static void area_form(jl_buf *b, jl_req *rq, const jl_ind_page *p)
{
    size_t i, k;

    jl_buf_puts(b, "<details class=\"choose\"><summary>");
    jl_html_text(b, _("Choose areas for the trend"));
    jl_buf_puts(b, "</summary>\n<form method=\"get\" action=\"\">\n"
                   "<input type=\"hidden\" name=\"division\" value=\"");
    jl_html_attr(b, p->division);
    if (p->period) {
        jl_buf_puts(b, "\">\n<input type=\"hidden\" name=\"period\" value=\"");
        jl_html_attr(b, p->period);
    }
    jl_buf_puts(b, "\">\n<fieldset><legend>");
    jl_buf_printf(b, _("At most %d areas"), JL_IND_MAX_CHOSEN);
    jl_buf_puts(b, "</legend>\n<ul class=\"areas\">\n");
    for (i = 0; i < p->n; i++) {
        const jl_view_ind_area *a = &p->v.area[p->order[i]];
        int on = 0;

        for (k = 0; k < p->nchosen; k++)
            on |= p->chosen[k] == p->order[i];
        jl_buf_printf(b, "<li><input type=\"checkbox\" name=\"area\" id=\"ar%zu\" value=\"", i);
        jl_html_attr(b, a->code);
        jl_buf_printf(b, "\"%s> <label for=\"ar%zu\">", on ? " checked" : "", i);
        jl_html_text(b, a->name && *a->name ? a->name : a->code);
        jl_buf_puts(b, "</label></li>\n");
    }
    jl_buf_puts(b, "</ul></fieldset>\n<button type=\"submit\">");
    jl_html_text(b, _("Show the trend"));
    jl_buf_puts(b, "</button>\n</form></details>\n");
    (void)rq;
}

static void trend(jl_buf *b, jl_req *rq, const jl_ind_page *p)
{
    jl_chart_line lines[JL_CHART_MAX_LINES];
    const jl_view_indicator *v = &p->v;
    jl_xtable x;
    size_t k, c, n = 0;
    double *col;
    const char **xl;

    h2(b, "trend", _("Over time"));
    if (jl_ind_page_table(&x, rq, p, JL_IP_TREND, NULL) < 0)
        return;
    if (p->chosen_default)
        para(b, "note", _("The city and the areas ranked first and last; choose others below."));
    if (p->unknown)
        para(b, "note", _("An area asked for is not in this division and is left out."));
    xl = jl_arena_alloc(rq->arena, (v->np + 1) * sizeof *xl);
    for (k = 0; k < v->np; k++)
        xl[k] = v->period[k];
    for (c = 1; c < x.ncols && n < JL_CHART_MAX_LINES; c++) {
        col = jl_arena_alloc(rq->arena, (v->np + 1) * sizeof *col);
        for (k = 0; k < v->np; k++) {
            const jl_xcell *e = &x.cells[k * x.ncols + c];

            col[k] = e->kind == JL_XC_NUM ? e->v : (double)NAN;
        }
        lines[n].label = x.labels[c];
        lines[n++].y = col;
    }
    jl_buf_puts(b, "<div class=\"pair\"><figure class=\"chart wide\">\n");
    jl_chart_lines(b, _("Lines of the values over the periods; the table beside has the same "
                        "figures"),
                   xl, v->np, lines, n, jl_ind_page_decimals(p));
    jl_buf_puts(b, "</figure>\n");
    jl_page_table(b, rq, &x, _("Values over the periods"), NULL, NULL);
    jl_buf_puts(b, "</div>\n");
    download(b, rq, p, JL_IP_TREND);
    area_form(b, rq, p);
}

static void index_words(jl_buf *b, const jl_ind_page *p)
{
    const jl_ineq *q = &p->meas.q;
    char s[64], t[64], u[64], line[1024];

    if (!isfinite(q->conc_index))
        return;
    jl_buf_puts(b, "<p>");
    snprintf(line, sizeof line, _("The concentration index is %s."),
             jl_fmt_fixed(s, sizeof s, q->conc_index, 2));
    jl_html_text(b, line);
    jl_buf_puts(b, " ");
    jl_html_text(b, _("It is 0 when every area has the same value, and the nearer it comes to 1, "
                      "the more of the sum lies in a few areas. The further the curve bends "
                      "below the diagonal, the more unequal the areas are."));
    if (isfinite(q->best_worst) && q->min > 0) {
        jl_buf_puts(b, " ");
        snprintf(line, sizeof line, _("The highest value, %s, is %s times the lowest, %s."),
                 jl_fmt_fixed(s, sizeof s, q->max, 1), jl_fmt_fixed(t, sizeof t, q->max / q->min, 1),
                 jl_fmt_fixed(u, sizeof u, q->min, 1));
        jl_html_text(b, line);
    }
    jl_buf_puts(b, "</p>\n");
}

static void inequality(jl_buf *b, jl_req *rq, const jl_ind_page *p)
{
    jl_xtable x;

    h2(b, "ojamlikhet", _("Inequality between the areas"));
    if (jl_ind_page_table(&x, rq, p, JL_IP_CURVE, NULL) < 0) {
        para(b, "note", _("Inequality is not computed here: it needs at least two areas with a "
                          "value, of one municipality."));
        return;
    }
    index_words(b, p);
    para(b, "note", _("Each area counts once, whatever its population. The areas are ranked "
                      "by their own value, lowest first."));
    jl_buf_puts(b, "<div class=\"pair\"><figure class=\"chart\">\n");
    jl_chart_curve(b, _("The concentration curve; the table beside has the same figures"),
                   p->curve.cum_w, p->curve.cum_x, p->curve.n + 1, _("share of the areas"),
                   _("share of the sum"), _("equality"));
    jl_buf_puts(b, "</figure>\n");
    jl_page_table(b, rq, &x, _("The concentration curve"), NULL, NULL);
    jl_buf_puts(b, "</div>\n");
    download(b, rq, p, JL_IP_CURVE);
}

int jl_page_indicator(jl_req *rq, jl_resp *rs)
{
    jl_ind_page p;
    int st;

    st = jl_ind_page_load(&p, rq, rq->seg[1]);
    if (st == 200) {
        jl_page_begin(rq, rs, ind_name(rq, &p));
        about(&rs->body, rq, &p);
        choice(&rs->body, rq, &p);
        if (*p.why) {
            para(&rs->body, "note", _("The indicator cannot be shown in this division:"));
            para(&rs->body, "note", p.why);
        } else {
            ranking(&rs->body, rq, &p);
            trend(&rs->body, rq, &p);
            inequality(&rs->body, rq, &p);
        }
        jl_page_end(rq, rs);
    }
    jl_ind_page_dispose(&p);
    return st;
}

int jl_page_indicator_file(jl_req *rq, jl_resp *rs)
{
    const char *file = rq->seg[2], *dot = strrchr(file, '.');
    const char *notes[3];
    jl_ind_page p;
    jl_xtable x;
    int which, st;

    if (!dot || (strcmp(dot, ".csv") != 0 && strcmp(dot, ".xlsx") != 0))
        return 404;
    for (which = 0; which < JL_IP_NTABLES; which++)
        if (strlen(jl_ind_page_file(which)) == (size_t)(dot - file) &&
            !strncmp(file, jl_ind_page_file(which), (size_t)(dot - file)))
            break;
    if (which == JL_IP_NTABLES)
        return 404;
    st = jl_ind_page_load(&p, rq, rq->seg[1]);
    if (st == 200 && jl_ind_page_table(&x, rq, &p, which, NULL) < 0)
        st = 404;
    if (st == 200) {
        notes[0] = jl_arena_printf(rq->arena, "%s (%s), %s %s", ind_name(rq, &p), p.id,
                                   p.division, p.v.period[p.v.at]);
        notes[1] = jl_arena_printf(rq->arena, "%s %s", _("Source:"), p.v.def.source);
        notes[2] = jl_arena_printf(rq->arena, "%s %s", _("Licence:"),
                                   p.info ? p.info->licence : "");
        if (!strcmp(dot, ".csv")) {
            jl_resp_begin(rs, rq, JL_WEB_CSV);
            jl_page_csv(&rs->body, &x);
        } else {
            jl_resp_begin(rs, rq, JL_WEB_XLSX);
            if (jl_page_xlsx(&rs->body, &x, notes, 3) < 0)
                st = 503;
        }
    }
    jl_ind_page_dispose(&p);
    return st;
}
