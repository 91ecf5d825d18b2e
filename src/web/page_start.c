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
#include "view/indicator.h"
#include "core/limits.h"

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

/* The division's name as stored, or its id. */
static const char *division_name(const jl_view_divisions *dv, const char *id)
{
    size_t i;

    for (i = 0; dv && i < dv->n; i++)
        if (!strcmp(dv->d[i].id, id) && *dv->d[i].name)
            return dv->d[i].name;
    return id;
}

static const char *ind_name(jl_req *rq, const jl_view_ind_info *in)
{
    return rq->lang == JL_LANG_EN && *in->name_en ? in->name_en : in->name;
}

/* The choice of factor or indicator and division: a GET form, no
 * script. */
static void choose(jl_buf *b, jl_req *rq, const jl_factor_survey *s, const jl_view_divisions *dv,
                   const jl_view_ind_list *il, const char *ind)
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
    jl_buf_puts(b, "</select></p>\n<p><label for=\"ch-ind\">");
    jl_html_text(b, _("or living conditions"));
    jl_buf_puts(b, "</label> <select id=\"ch-ind\" name=\"indicator\">");
    option(b, "", _("(the factor)"), !ind);
    for (i = 0; i < il->n; i++)
        option(b, il->i[i].id, ind_name(rq, &il->i[i]), ind && !strcmp(ind, il->i[i].id));
    jl_buf_puts(b, "</select></p>\n<p><label for=\"ch-div\">");
    jl_html_text(b, _("Division"));
    jl_buf_puts(b, "</label> <select id=\"ch-div\" name=\"division\">");
    for (i = 0; i < s->v.meta.ndivisions; i++)
        option(b, s->v.meta.divisions[i], division_name(dv, s->v.meta.divisions[i]),
               !strcmp(s->v.meta.divisions[i], s->division));
    jl_buf_puts(b, "</select></p>\n");
    if (jl_target_param(&rq->target, "release"))
        jl_buf_printf(b, "<input type=\"hidden\" name=\"release\" value=\"%ld\">", s->v.id);
    jl_buf_puts(b, "<p><button type=\"submit\">");
    jl_html_text(b, _("Show"));
    jl_buf_puts(b, "</button></p>\n</form>\n");
}

/* An indicator's values in the division as the map's items; NULL when
 * it has none there. */
static const jl_map_item *ind_items(jl_req *rq, jl_map_spec *m, const jl_view_ind_info *in,
                                    const char *division, int *st)
{
    jl_area_values av;
    jl_view_area_list al;
    jl_err e = JL_ERR_INIT;
    jl_map_item *it;
    size_t i;
    int rc;

    memset(&av, 0, sizeof av);
    rc = jl_view_indicator_values(&av, rq->store, in->id, division, NULL, &e);
    if (rc < 0 && rc != JL_ENOTFOUND && rc != JL_EINPUT)
        *st = 503;
    if (rc < 0 || !av.n) {
        jl_area_values_dispose(&av);
        return NULL;
    }
    memset(&al, 0, sizeof al);
    if (jl_view_area_list_load(&al, rq->store, division, &e) < 0)
        *st = 503;
    it = jl_arena_alloc(rq->arena, av.n * sizeof *it);
    for (i = 0; i < av.n; i++) {
        size_t j;

        memset(&it[i], 0, sizeof it[i]);
        it[i].code = jl_arena_strdup(rq->arena, av.codes[i]);
        for (j = 0; j < al.n; j++)
            if (!strcmp(al.a[j].code, av.codes[i]) && *al.a[j].name)
                it[i].name = jl_arena_strdup(rq->arena, al.a[j].name);
        it[i].value = av.vals[i];
        it[i].lo = it[i].hi = NAN;
        if (!isfinite(av.vals[i]))
            it[i].why = _("no figure");
    }
    m->n = av.n;
    m->what = jl_arena_printf(rq->arena, "%s, %s (%s)", ind_name(rq, in), av.period, in->unit);
    m->col = jl_arena_printf(rq->arena, "%s, %s", av.period, in->unit);
    m->unit = in->unit;
    m->decimals = strcmp(in->kind, "count") == 0 ? 0 : 1;
    m->reading = jl_arena_printf(rq->arena, _("Source: %s."), in->source);
    jl_area_values_dispose(&av);
    jl_view_area_list_dispose(&al);
    return it;
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
    jl_buf_puts(b, "</h2>\n");
    jl_page_table_open(b, "need", _("Areas with the most factors worse than the norm"));
    jl_buf_puts(b, "<thead><tr><th scope=\"col\">");
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

static void factor_map(jl_buf *b, jl_req *rq, const jl_factor_survey *s, const char *ind,
                       int *st)
{
    jl_map_spec m;
    jl_view_divisions dv;
    jl_view_ind_list il;
    jl_err e = JL_ERR_INIT;
    const char *seg[3] = {"faktor", s->t.w.instrument, s->t.in->scales[s->k].id};
    const jl_view_ind_info *in = NULL;
    size_t i;
    int rc, fallback;

    memset(&dv, 0, sizeof dv);
    if (jl_view_ind_list_load(&il, rq->store, &e) < 0 ||
        jl_view_divisions_load(&dv, rq->store, &e) < 0) {
        *st = 503;
        goto done;
    }
    for (i = 0; ind && i < il.n && !in; i++)
        if (!strcmp(il.i[i].id, ind))
            in = &il.i[i];
    if (ind && !in) {
        *st = 404;
        goto done;
    }
    memset(&m, 0, sizeof m);
    m.division = s->division;
    m.id = "map";
    if (in)
        m.items = ind_items(rq, &m, in, s->division, st);
    fallback = in && !m.items;
    if (!m.items) {
        m.what = jl_arena_printf(rq->arena, _("%s: share at the headline cut-off, %%"),
                                 jl_factor_survey_name(s));
        m.col = _("Share, %");
        m.unit = "%";
        m.decimals = 1;
        m.items = jl_factor_survey_items(rq, s, &m.n);
        m.reading = s->t.in->scales[s->k].kind == JL_KIND_PROTECTIVE
                        ? _("Darker: a higher share, better for a protective factor.")
                        : _("Darker: a higher share, worse for a risk factor.");
    }
    jl_buf_puts(b, "<section aria-labelledby=\"maph\">\n<h2 id=\"maph\">");
    jl_html_text(b, _("The city map"));
    jl_buf_puts(b, "</h2>\n");
    choose(b, rq, s, &dv, &il, in ? in->id : NULL);
    if (fallback) {
        jl_buf_puts(b, "<p class=\"note\">");
        jl_html_text(b, _("The indicator has no figures for this division; the map shows the "
                          "factor."));
        jl_buf_puts(b, "</p>\n");
    }
    jl_buf_puts(b, "<div class=\"mapwrap\">\n<div>\n");
    rc = jl_web_map(b, rq, &m);
    if (rc == 503)
        *st = 503;
    jl_buf_puts(b, "<p><a href=\"");
    jl_page_href(b, rq, seg, 3);
    jl_buf_puts(b, "?division=");
    jl_url_q(b, s->division);
    jl_buf_printf(b, "&amp;release=%ld\">", s->v.id);
    jl_html_text(b, jl_arena_printf(rq->arena, _("Every area ranked on %s"),
                                    jl_factor_survey_name(s)));
    jl_buf_puts(b, "</a></p>\n</div>\n<div>\n");
    jl_web_map_table(b, rq, &m, _("The map's figures"));
    jl_buf_puts(b, "</div>\n</div>\n</section>\n");
done:
    jl_view_ind_list_dispose(&il);
    jl_view_divisions_dispose(&dv);
}

int jl_page_start(jl_req *rq, jl_resp *rs)
{
    jl_factor_survey s;
    const char *ind = jl_target_param(&rq->target, "indicator");
    int st;

    /* "indicator=" (the form's first choice) is the factor */
    if (jl_target_count(&rq->target, "indicator") > 1 || (ind && strlen(ind) > JL_MAX_ID))
        return 400;
    if (ind && !*ind)
        ind = NULL;
    st = jl_factor_survey_load(&s, rq, NULL, NULL, NULL);
    if (st != 200) {
        jl_factor_survey_dispose(&s);
        return st;
    }
    jl_page_begin(rq, rs, _("Youth survey and living conditions by area"));
    if (s.has_t) {
        jl_factor_survey_release(&rs->body, rq, &s);
        factor_map(&rs->body, rq, &s, ind, &st);
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
