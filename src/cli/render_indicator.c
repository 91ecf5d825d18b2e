/*
 * The table of `indicator show` (and of `jamlik demo`): per area its
 * value, its own municipality's city, the ratio to it for shares and
 * rates, the rank and the trend with its size; or, over several periods,
 * one row per area and one column per period with each municipality's
 * total below, as Kolada's and SCB's tables read. Tables say words and
 * round estimated persons to whole ones; CSV and JSON keep the exact
 * figures and fixed codes (docs/output-codes.md).
 */
#include "cli/render.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/num.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Whether the format is for people (words, rounded estimates) rather
 * than for programs (fixed codes, exact figures: docs/output-codes.md).
 * The one place to name a new format for people (csv-sv, xlsx). */
static int for_people(const jl_cli *cli)
{
    return jl_format_for_people(cli->format);
}

/* A count's figures are persons (or dwellings): whole in tables. */
static int is_count(const jl_view_indicator *v)
{
    return !strcmp(v->def.kind, "count");
}

/* The ratio to the city tells something of a share or a rate; of a count
 * it is only the area's part of the city's total. */
static int has_ratio(const jl_view_indicator *v)
{
    return !strcmp(v->def.kind, "share") || !strcmp(v->def.kind, "rate");
}

static int decimals(const jl_view_indicator *v)
{
    return is_count(v) ? 0 : 1;
}

static int shown(const jl_view_indicator *v, size_t a, const char *only)
{
    const jl_view_ind_area *ar = &v->area[a];

    return !ar->outside && !ar->elsewhere && (!only || !strcmp(only, ar->code));
}

static size_t cell(const jl_view_indicator *v, size_t a, size_t p)
{
    return a * v->np + p;
}

/* The municipalities the shown areas (or the city's uncounted ones) lie in. */
static size_t munis_shown(const jl_view_indicator *v)
{
    size_t m, n = 0;

    for (m = 0; m < v->nmuni; m++)
        n += v->muni[m].counted || v->muni[m].nuncounted;
    return n;
}

static void muni_label(char *buf, size_t len, const jl_view_ind_muni *m)
{
    snprintf(buf, len, "%s%s%s", m->code, m->name ? " " : "", m->name ? m->name : "");
}

static const char *status_word(jl_view_cell_status st, jl_view_why why)
{
    switch (st) {
    case JL_IND_OK:
        return "";
    case JL_IND_PART_ABSENT:
        return _("part absent");
    case JL_IND_NOT_OK:
        return why == JL_WHY_SUPPRESSED        ? _("suppressed")
               : why == JL_WHY_NOT_APPLICABLE ? _("not applicable")
                                              : _("missing");
    default:
        return _("no observation");
    }
}

static const char *trend_word(jl_view_trend t)
{
    switch (t) {
    case JL_TREND_UNCHANGED:
        return _("unchanged");
    case JL_TREND_UP:
        return _("up");
    case JL_TREND_DOWN:
        return _("down");
    case JL_TREND_BETTER:
        return _("better");
    case JL_TREND_WORSE:
        return _("worse");
    default:
        return "";
    }
}

/* The trend: in tables its word with the size of the change ("upp +81"),
 * in CSV and JSON its code beside the change's own column. */
static void trend_cell(jl_out *o, const jl_cli *cli, const jl_view_indicator *v,
                       const jl_view_ind_area *ar)
{
    char num[64], buf[128];

    if (!for_people(cli)) {
        jl_out_str(o, jl_view_ind_trend_code(ar->trend));
        return;
    }
    if (ar->trend == JL_TREND_NONE || ar->trend == JL_TREND_UNCHANGED) {
        jl_out_str(o, trend_word(ar->trend));
        return;
    }
    jl_fmt_fixed(num, sizeof num, ar->change, decimals(v));
    snprintf(buf, sizeof buf, "%s %s%s", trend_word(ar->trend), ar->change > 0 ? "+" : "", num);
    jl_out_str(o, buf);
}

/* ---- notes ---- */

/* How leaf lf reached the division, in words; "" when observed there. */
static void moved_text(char *buf, size_t len, const jl_view_leaf *lf)
{
    switch (lf->how) {
    case JL_HOW_CROSSWALK:
        snprintf(buf, len, _("moved from %s by crosswalk"), lf->from);
        break;
    case JL_HOW_PARENTS:
        snprintf(buf, len, _("summed from %s by parent links"), lf->from);
        break;
    case JL_HOW_CROSSWALK_CROSSWALK:
        snprintf(buf, len, _("moved from %s by crosswalk to %s, then by crosswalk"), lf->from,
                 lf->via);
        break;
    case JL_HOW_CROSSWALK_PARENTS:
        snprintf(buf, len, _("moved from %s by crosswalk to %s, then summed by parent links"),
                 lf->from, lf->via);
        break;
    default:
        *buf = '\0';
    }
}

/* Up to LISTED_CODES codes of list, comma-separated, then how many
 * more. */
#define LISTED_CODES 10
static void list_codes(char *buf, size_t len, char *const *codes, size_t n)
{
    size_t k, used = 0;

    *buf = '\0';
    for (k = 0; k < n && k < LISTED_CODES && used < len; k++)
        used += (size_t)snprintf(buf + used, len - used, "%s%s", k ? ", " : "", codes[k]);
    if (n > LISTED_CODES && used < len)
        snprintf(buf + used, len - used, _(" and %zu more"), n - LISTED_CODES);
}

/* The areas whose moved figure lacks a part that has no row at all: a
 * sum of the rest would have passed for the figure. */
static void absent_note(jl_out *o, const jl_view_indicator *v)
{
    char **codes = jl_xmalloc((v->na ? v->na : 1) * sizeof *codes), list[768], line[1024];
    size_t t, n = 0;

    for (t = 0; t < v->na; t++) {
        size_t a = v->by_code[t];

        if (shown(v, a, NULL) && v->status[cell(v, a, v->at)] == JL_IND_PART_ABSENT)
            codes[n++] = v->area[a].code;
    }
    if (n) {
        list_codes(list, sizeof list, codes, n);
        snprintf(line, sizeof line,
                 _("No value for %s: a part that the crosswalk or parent links add up has no "
                   "row in the imported figures, not even \"..\"."),
                 list);
        jl_out_note(o, line);
    }
    jl_free(codes);
}

/* One municipality's city: the areas added up, and those it lacks. */
static void muni_city_note(jl_out *o, const jl_view_indicator *v, size_t m)
{
    char line[1024], list[768], label[600];
    char **codes = jl_xmalloc((v->nuncounted ? v->nuncounted : 1) * sizeof *codes);
    const jl_view_ind_muni *mu = &v->muni[m];
    size_t k, n = 0;

    for (k = 0; k < v->nuncounted; k++)
        if (v->uncounted_muni[k] == m)
            codes[n++] = v->uncounted[k];
    list_codes(list, sizeof list, codes, n);
    jl_free(codes);
    if (!*mu->code) {
        if (!n)
            snprintf(line, sizeof line, _("City: the %zu areas with a value, added up."),
                     mu->counted);
        else
            snprintf(line, sizeof line,
                     _("City: the %zu areas with a value, added up; not the whole city: "
                       "without %s."),
                     mu->counted, list);
    } else {
        muni_label(label, sizeof label, mu);
        if (!n)
            snprintf(line, sizeof line,
                     _("City (municipality %s): the %zu areas with a value, added up."), label,
                     mu->counted);
        else
            snprintf(line, sizeof line,
                     _("City (municipality %s): the %zu areas with a value, added up; not the "
                       "whole city: without %s."),
                     label, mu->counted, list);
    }
    jl_out_note(o, line);
}

/* The cities of the areas shown: with only, that area's alone. */
static void city_note(jl_out *o, const jl_view_indicator *v, const char *only)
{
    size_t m, a = v->na;

    if (!v->all_additive) {
        jl_out_note(o, _("No city value: this indicator does not add up over areas."));
        return;
    }
    if (only)
        for (a = 0; a < v->na && !shown(v, a, only); a++)
            ;
    for (m = 0; m < v->nmuni; m++)
        if ((v->muni[m].counted || v->muni[m].nuncounted) &&
            (a == v->na || v->area[a].muni == m))
            muni_city_note(o, v, m);
}

/* How a shown area's figure at a period of the table is an estimate
 * (the table rounds it to whole persons and says so): the first kind
 * found, JL_EST_NONE when none is. */
static jl_view_estimate any_estimate(const jl_view_indicator *v, const char *only)
{
    size_t a, i, n = v->sel ? v->nsel : 1;

    for (a = 0; a < v->na; a++)
        for (i = 0; shown(v, a, only) && i < n; i++)
            if (v->estimate[cell(v, a, v->sel ? v->sel[i] : v->at)])
                return (jl_view_estimate)v->estimate[cell(v, a, v->sel ? v->sel[i] : v->at)];
    return JL_EST_NONE;
}

static void estimate_note(jl_out *o, const jl_view_indicator *v, const char *only)
{
    jl_view_estimate e = any_estimate(v, only);
    const char *how = e == JL_EST_AREA         ? _("by area overlay")
                      : e == JL_EST_POPULATION ? _("by population overlay")
                                               : _("by the crosswalk's weights");
    char line[512];

    if (e == JL_EST_NONE)
        return;
    if (is_count(v))
        snprintf(line, sizeof line,
                 _("Estimated: counts split between areas %s, here rounded to whole persons "
                   "(CSV and JSON keep the exact figure)."),
                 how);
    else
        snprintf(line, sizeof line, _("Estimated: figures from counts split between areas %s."),
                 how);
    jl_out_note(o, line);
}

static void show_notes(jl_out *o, const jl_view_indicator *v, const char *id, const char *div,
                       const char *only)
{
    char line[1024], moved[256];
    size_t k;

    if (v->sel)
        snprintf(line, sizeof line, "%s (%s), %s %s, %s %s-%s", jl_view_indicator_name(&v->def),
                 v->def.unit, _("division"), div, _("period"), v->period[v->sel[0]],
                 v->period[v->at]);
    else
        snprintf(line, sizeof line, "%s (%s), %s %s, %s %s", jl_view_indicator_name(&v->def),
                 v->def.unit, _("division"), div, _("period"), v->period[v->at]);
    jl_out_note(o, line);
    snprintf(line, sizeof line, _("Source: %s"), v->def.source);
    jl_out_source(o, line);
    for (k = 0; k < v->nleaves; k++)
        if (v->leaf[k].how != JL_HOW_OWN) {
            moved_text(moved, sizeof moved, &v->leaf[k]);
            snprintf(line, sizeof line, _("%s: %s (a figure moved between divisions)"),
                     v->leaf[k].id, moved);
            jl_out_note(o, line);
        }
    estimate_note(o, v, only);
    absent_note(o, v);
    city_note(o, v, only);
    if (v->outside) {
        snprintf(line, sizeof line,
                 _n("%zu area code that is not an area of %s is left out.",
                    "%zu area codes that are not areas of %s are left out.", v->outside),
                 v->outside, div);
        jl_out_note(o, line);
    }
    if (v->elsewhere) {
        snprintf(line, sizeof line, _("%zu areas of other municipalities are left out."),
                 v->elsewhere);
        jl_out_note(o, line);
    }
    jl_out_meta(o, "indicator", id);
    jl_out_meta(o, "division", div);
    jl_out_meta(o, "period", v->period[v->at]);
}

/* ---- one period ---- */

enum { C_DIV, C_AREA, C_NAME, C_PERIOD, C_VALUE, C_CITY, C_RATIO, C_RANK, C_FIRST, C_CHANGE,
       C_TREND, C_MUNI, C_STATUS, C_EST, NCOLS };

/* One row: division, area, name, period, value, city, ratio; the rest
 * the caller's. */
static void show_head(jl_out *o, const jl_view_indicator *v, const char *div, const char *code,
                      const char *name, double val, double city)
{
    jl_out_str(o, div);
    jl_out_str(o, code);
    jl_out_str(o, name);
    jl_out_str(o, v->period[v->at]);
    jl_out_num(o, val, decimals(v));
    jl_out_num(o, city, decimals(v));
    jl_out_num(o, !has_ratio(v) || isnan(val) || isnan(city) || city == 0 ? (double)NAN
                                                                           : val / city,
               2);
}

/* The areas by code; with only, that one (the city, ratio and rank stay
 * the city's). */
static void show_rows(jl_out *o, const jl_cli *cli, const jl_view_indicator *v, const char *div,
                      const char *only)
{
    size_t t;

    for (t = 0; t < v->na; t++) {
        size_t a = v->by_code[t], at = cell(v, a, v->at);
        const jl_view_ind_area *ar = &v->area[a];
        int table = for_people(cli);

        if (!shown(v, a, only))
            continue;
        show_head(o, v, div, ar->code, ar->name ? ar->name : "", jl_view_indicator_value(v, a),
                  v->muni[ar->muni].city);
        if (ar->rank)
            jl_out_int(o, (long)ar->rank);
        else
            jl_out_empty(o);
        jl_out_str(o, ar->trend != JL_TREND_NONE ? v->period[ar->first] : "");
        jl_out_num(o, ar->trend != JL_TREND_NONE ? ar->change : (double)NAN, decimals(v));
        trend_cell(o, cli, v, ar);
        jl_out_str(o, v->muni[ar->muni].code);
        jl_out_str(o, table ? status_word(v->status[at], v->why[at])
                            : jl_view_ind_status_code(v->status[at], v->why[at]));
        jl_out_str(o, !v->estimate[at] ? ""
                      : table          ? _("estimated")
                                       : jl_view_ind_estimate_code(v->estimate[at]));
        jl_out_row_end(o);
    }
}

/* The group: its members' parts added up; missing if one is. */
static void show_group(jl_out *o, const jl_cli *cli, const jl_view_indicator *v,
                       const char *div, const char *group, const jl_strmap *members)
{
    double gv = jl_view_indicator_group(v, members);
    size_t i;

    /* The group's marker is a fixed word in files (docs/output-codes.md). */
    show_head(o, v, div, group, for_people(cli) ? _("(group)") : "(group)", gv, v->city);
    for (i = C_RANK; i < C_STATUS; i++)
        jl_out_empty(o);
    /* a member without a value leaves the group without one */
    jl_out_str(o, !isnan(gv) ? (for_people(cli) ? "" : "ok")
                  : for_people(cli) ? _("missing")
                                                : "missing");
    jl_out_empty(o);
    jl_out_row_end(o);
    if (isnan(gv))
        jl_out_note(o, v->all_additive ? _("The group has no value: a member area has none.")
                                       : _("The group has no value: this indicator does not "
                                           "add up over areas."));
}

/* Which secondary columns a table leaves out so that it fits 120
 * columns: what the notes say (division, period), the change that the
 * trend carries, and columns with nothing to say for these rows. */
static void hide_columns(jl_out *o, const jl_cli *cli, const jl_view_indicator *v,
                         const char *only)
{
    size_t a;
    int not_ok = 0;

    for (a = 0; a < v->na; a++)
        if (shown(v, a, only) && v->status[cell(v, a, v->at)] != JL_IND_OK)
            not_ok = 1;
    if (!has_ratio(v))
        jl_out_table_hide(o, C_RATIO);
    if (!any_estimate(v, only))
        jl_out_table_hide(o, C_EST);
    if (cli->wide)
        return;
    jl_out_table_hide(o, C_DIV);
    jl_out_table_hide(o, C_PERIOD);
    jl_out_table_hide(o, C_CHANGE);
    if (munis_shown(v) < 2)
        jl_out_table_hide(o, C_MUNI);
    if (!not_ok)
        jl_out_table_hide(o, C_STATUS);
}

static void render_one(jl_cli *cli, const jl_view_indicator *v, const char *id, const char *div,
                       const char *only, const char *group, const jl_strmap *members)
{
    static const char *const ids[] = {
        "division", "area",   "name",  "period",       "value",  "city",   "ratio",
        "rank",     "first_period", "change", "trend", "municipality", "status", "estimated"};
    const char *labels[] = {_("division"), _("area"),   _("name"),         _("period"),
                            _("value"),    _("city"),   _("ratio"),        _("rank"),
                            _("since"),    _("change"), _("trend"),        _("municipality"),
                            _("status"),   _("estimated")};
    jl_out *o = jl_cli_out(cli, ids, labels, NCOLS);
    size_t i;

    for (i = C_VALUE; i <= C_RANK; i++)
        jl_out_align_right(o, i);
    jl_out_align_right(o, C_CHANGE);
    hide_columns(o, cli, v, only);
    show_notes(o, v, id, div, only);
    show_rows(o, cli, v, div, only);
    if (group)
        show_group(o, cli, v, div, group, members);
    jl_out_end(o);
}

/* ---- several periods: one column each ---- */

/* A period's cell in a table: the number, or the source's sign for why
 * there is none (".." missing or suppressed, "x" not applicable). */
static void period_cell(jl_out *o, const jl_cli *cli, const jl_view_indicator *v, size_t at)
{
    if (!for_people(cli) || v->status[at] == JL_IND_OK) {
        jl_out_num(o, v->value[at], decimals(v));
        return;
    }
    jl_out_str(o, v->status[at] == JL_IND_NONE                                           ? ""
                  : v->status[at] == JL_IND_NOT_OK && v->why[at] == JL_WHY_NOT_APPLICABLE ? "x"
                                                                                          : "..");
}

static void periods_row(jl_out *o, const jl_cli *cli, const jl_view_indicator *v,
                        const char *div, size_t a)
{
    const jl_view_ind_area *ar = &v->area[a];
    size_t i;
    int est = 0;

    jl_out_str(o, div);
    jl_out_str(o, ar->code);
    jl_out_str(o, ar->name ? ar->name : "");
    jl_out_str(o, v->muni[ar->muni].code);
    jl_out_str(o, "area");
    for (i = 0; i < v->nsel; i++) {
        size_t at = cell(v, a, v->sel[i]);

        period_cell(o, cli, v, at);
        jl_out_str(o, jl_view_ind_status_code(v->status[at], v->why[at]));
        jl_out_str(o, jl_view_ind_estimate_code(v->estimate[at]));
        est |= v->estimate[at] != 0;
    }
    jl_out_num(o, ar->trend != JL_TREND_NONE ? ar->change : (double)NAN, decimals(v));
    trend_cell(o, cli, v, ar);
    jl_out_str(o, est && for_people(cli) ? _("estimated") : "");
    jl_out_row_end(o);
}

/* Each municipality's city per period, below its areas. */
static void periods_total(jl_out *o, const jl_cli *cli, const jl_view_indicator *v,
                          const char *div, size_t m)
{
    size_t i;

    jl_out_str(o, div);
    jl_out_str(o, v->muni[m].code);
    /* CSV and JSON tell the row by its `row` code, in every language */
    jl_out_str(o, v->muni[m].name              ? v->muni[m].name
                  : for_people(cli) ? _("(city)")
                                                : "");
    jl_out_str(o, v->muni[m].code);
    jl_out_str(o, "city");
    for (i = 0; i < v->nsel; i++) {
        double c = jl_view_indicator_city_at(v, m, v->sel[i]);

        jl_out_num(o, c, decimals(v));
        jl_out_str(o, isnan(c) ? "no_observation" : "ok");
        jl_out_empty(o);
    }
    for (i = 0; i < 3; i++)
        jl_out_empty(o);
    jl_out_row_end(o);
}

static void render_periods(jl_cli *cli, const jl_view_indicator *v, const char *id,
                           const char *div, const char *only)
{
    size_t nc = 5 + 3 * v->nsel + 3, i, t, m;
    const char **ids = jl_xmalloc(nc * sizeof *ids), **labels = jl_xmalloc(nc * sizeof *labels);
    char **owned = jl_xmalloc(2 * v->nsel * sizeof *owned);
    jl_out *o;

    ids[0] = "division", ids[1] = "area", ids[2] = "name", ids[3] = "municipality";
    ids[4] = "row";
    labels[0] = _("division"), labels[1] = _("area"), labels[2] = _("name");
    labels[3] = _("municipality"), labels[4] = "row";
    for (i = 0; i < v->nsel; i++) {
        const char *p = v->period[v->sel[i]];
        size_t len = strlen(p) + 16;

        owned[2 * i] = jl_xmalloc(len);
        owned[2 * i + 1] = jl_xmalloc(len);
        snprintf(owned[2 * i], len, "status_%s", p);
        snprintf(owned[2 * i + 1], len, "estimated_%s", p);
        ids[5 + 3 * i] = labels[5 + 3 * i] = p;
        ids[6 + 3 * i] = labels[6 + 3 * i] = owned[2 * i];
        ids[7 + 3 * i] = labels[7 + 3 * i] = owned[2 * i + 1];
    }
    ids[nc - 3] = "change", ids[nc - 2] = "trend", ids[nc - 1] = "estimated";
    labels[nc - 3] = _("change"), labels[nc - 2] = _("trend"), labels[nc - 1] = _("estimated");
    o = jl_cli_out(cli, ids, labels, nc);
    jl_out_table_hide(o, 4);
    for (i = 0; i < v->nsel; i++) {
        jl_out_align_right(o, 5 + 3 * i);
        jl_out_table_hide(o, 6 + 3 * i);
        jl_out_table_hide(o, 7 + 3 * i);
    }
    jl_out_align_right(o, nc - 3);
    jl_out_table_hide(o, nc - 3);
    if (!for_people(cli) || !any_estimate(v, only))
        jl_out_table_hide(o, nc - 1);
    if (!cli->wide) {
        jl_out_table_hide(o, 0);
        if (munis_shown(v) < 2)
            jl_out_table_hide(o, 3);
    }
    show_notes(o, v, id, div, only);
    for (t = 0; t < v->na; t++)
        if (shown(v, v->by_code[t], only))
            periods_row(o, cli, v, div, v->by_code[t]);
    for (m = 0; m < v->nmuni && v->all_additive && !only; m++)
        if (v->muni[m].counted || v->muni[m].nuncounted)
            periods_total(o, cli, v, div, m);
    jl_out_end(o);
    for (i = 0; i < 2 * v->nsel; i++)
        jl_free(owned[i]);
    jl_free(owned);
    jl_free(ids);
    jl_free(labels);
}

void jl_cli_indicator_render(jl_cli *cli, const jl_view_indicator *v, const char *id,
                             const char *div, const char *only, const char *group,
                             const jl_strmap *members)
{
    if (v->sel)
        render_periods(cli, v, id, div, only);
    else
        render_one(cli, v, id, div, only, group, members);
}
