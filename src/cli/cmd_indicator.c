/*
 * jamlik indicator: definitions, imports, and the table a board reads:
 * per area the value, the city's value, the ratio to the city, the rank and
 * the trend; inequality, the composite index and comparisons. What they
 * show is computed by the views (view/indicator.h and the views over it):
 * here options are parsed and results rendered, with a note on each
 * figure moved between divisions.
 */
#include "cli/commands.h"
#include "cli/render.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/num.h"
#include "core/strmap.h"
#include "core/text.h"
#include "indicator/def.h"
#include "indicator/obs.h"
#include "view/compare.h"
#include "view/index.h"
#include "view/indicator.h"
#include "view/indicator_import.h"
#include "view/inequality.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- define ---- */

int cmd_indicator_define(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_diag d;
    size_t n;
    int rc;

    jl_cli_skip_dashes(&argc, &argv);
    if (argc != 1)
        return jl_err_set(err, JL_EUSAGE, _("usage: jamlik indicator define FILE"));
    jl_diag_init(&d, argv[0]);
    rc = jl_indicators_define(&n, cli->store, argv[0], &d, err);
    if (d.n) {
        jl_cli_print_diag(&d);
        fprintf(stderr,
                _n("%s: %zu problem; nothing defined\n", "%s: %zu problems; nothing defined\n",
                   d.n),
                argv[0], d.n);
        jl_diag_dispose(&d);
        return 1;
    }
    jl_diag_dispose(&d);
    if (rc < 0)
        return rc;
    if (!cli->quiet)
        fprintf(stderr, _n("Defined %zu indicator from %s\n", "Defined %zu indicators from %s\n", n),
                n, argv[0]);
    return 0;
}

/* ---- import ---- */

int cmd_indicator_import(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const formats[] = {"wide", "long", "jsonstat", "kolada"};
    jl_opt opts[] = {{"--as", 1, NULL}, {"--division", 1, NULL}, {"--map", 1, NULL},
                     {"--select", 1, NULL}};
    size_t npos, i;
    char *pos[1];
    const char *as;
    jl_obs_import_req req;
    jl_obs_import_report rep;
    int rc;

    rc = jl_cli_parse(opts, 4, pos, 1, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    memset(&req, 0, sizeof req);
    as = jl_cli_opt(opts, 4, "--as");
    req.division = jl_cli_opt(opts, 4, "--division");
    req.map = jl_cli_opt(opts, 4, "--map");
    req.select = jl_cli_opt(opts, 4, "--select");
    if (npos != 1 || !as || !req.division)
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik indicator import FILE --as wide|long|jsonstat|kolada "
                            "--division D [--map FILE] [--select DIM=CODE,...]"));
    req.path = pos[0];
    if ((rc = jl_cli_division_id(req.division, "--division", err)) < 0)
        return rc;
    for (i = 0; i < 4 && strcmp(as, formats[i]); i++)
        ;
    if (i == 4)
        return jl_err_set(err, JL_EUSAGE,
                          _("expected --as wide, long, jsonstat or kolada, found \"%s\""), as);
    req.as = (jl_obs_format)i;
    if (req.as == JL_OBS_WIDE && !req.map)
        return jl_err_set(err, JL_EUSAGE,
                          _("--as wide needs --map FILE naming each column's indicator and "
                            "period"));
    if (req.as == JL_OBS_LONG)
        req.map = NULL;
    rc = jl_obs_import(&rep, cli->store, &req, err);
    if (rc < 0)
        return rc;
    if (!cli->quiet)
        fprintf(stderr,
                _n("Imported %zu observation into division %s from %s: %zu with a value, %zu "
                   "missing, %zu suppressed, %zu not applicable\n",
                   "Imported %zu observations into division %s from %s: %zu with a value, %zu "
                   "missing, %zu suppressed, %zu not applicable\n",
                   rep.n),
                rep.n, req.division, pos[0], rep.nstatus[0], rep.nstatus[1], rep.nstatus[2],
                rep.nstatus[3]);
    if (rep.unknown && !cli->quiet)
        fprintf(stderr,
                _n("  %zu area code not in division %s (kept): %s%s\n",
                   "  %zu area codes not in division %s (kept): %s%s\n", rep.unknown),
                rep.unknown,
                req.division, rep.listed, rep.unknown > JL_OBS_LISTED ? " ..." : "");
    return 0;
}

/* ---- list ---- */

/* A stored code (kind, better) in the table's words; CSV and JSON keep
 * the code (docs/output-codes.md). */
static const char *code_word(const char *code)
{
    static const char *const codes[] = {"count", "share",  "rate",  "median", "mean",
                                        "index", "higher", "lower", "none"};
    static const char *const words[] = {N_("count"), N_("share"),  N_("rate"),
                                        N_("median"), N_("mean"),   N_("index"),
                                        N_("higher"), N_("lower"),  N_("no direction")};
    size_t i;

    for (i = 0; i < sizeof codes / sizeof *codes; i++)
        if (!strcmp(code, codes[i]))
            return _(words[i]);
    return code;
}

typedef struct list_ctx {
    jl_out *o;
    int table;
} list_ctx;

static void ind_row(void *ctx, const jl_store_indicator *d)
{
    list_ctx *x = ctx;
    jl_out *o = x->o;

    jl_out_str(o, d->id);
    jl_out_str(o, jl_i18n_lang() == JL_LANG_EN && *d->name_en ? d->name_en : d->name);
    jl_out_str(o, d->unit);
    jl_out_str(o, x->table ? code_word(d->kind) : d->kind);
    jl_out_str(o, x->table ? code_word(d->better) : d->better);
    jl_out_str(o, d->formula);
    jl_out_str(o, d->theme);
    jl_out_int(o, d->nobs);
    jl_out_str(o, d->source);
    jl_out_row_end(o);
}

int cmd_indicator_list(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"id", "name", "unit", "kind", "better", "formula",
                                      "theme", "observations", "source"};
    const char *labels[] = {_("id"),      _("name"),  _("unit"),         _("kind"), _("better"),
                            _("formula"), _("theme"), _("observations"), _("source")};
    list_ctx x;
    jl_out *o;
    int rc;

    (void)argv;
    if (argc)
        return jl_err_set(err, JL_EUSAGE, _("usage: jamlik indicator list"));
    o = jl_cli_out(cli, ids, labels, 9);
    jl_out_align_right(o, 7);
    /* Formula, theme and source make the table three times wider than a
     * terminal: --wide shows them, as CSV and JSON always do. */
    if (!cli->wide) {
        jl_out_table_hide(o, 5);
        jl_out_table_hide(o, 6);
        jl_out_table_hide(o, 8);
    }
    x.o = o;
    x.table = jl_format_for_people(cli->format);
    rc = jl_store_indicator_each(cli->store, ind_row, &x, err);
    jl_out_end(o);
    return rc < 0 ? rc : 0;
}

/* ---- show: the values of one indicator over the areas of a division ---- */

/* Whether a period of a table over time has a value in a shown area
 * (the last one may not: a derived indicator's parts end apart). */
static int any_value(const jl_view_indicator *v)
{
    size_t a, i;

    for (a = 0; a < v->na; a++)
        for (i = 0; i < v->nsel; i++)
            if (!v->area[a].outside && !v->area[a].elsewhere &&
                !isnan(v->value[a * v->np + v->sel[i]]))
                return 1;
    return 0;
}

/* An --area the table would not show is an error, not an empty table:
 * a code not there, outside the division or of another municipality. */
static int area_shown(const jl_view_indicator *v, const char *id, const char *only,
                      const char *div, jl_err *err)
{
    size_t a;

    if (!only)
        return 0;
    if (jl_strmap_get(v->ix, only, &a) && !v->area[a].outside && !v->area[a].elsewhere)
        return 0;
    return jl_err_set(err, JL_ENOTFOUND, _("no figures of %s for area %s of %s"), id, only, div);
}

int cmd_indicator_show(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_opt opts[] = {{"--division", 1, NULL},  {"--period", 1, NULL}, {"--sex", 1, NULL},
                     {"--breakdown", 1, NULL}, {"--area", 1, NULL},   {"--group", 1, NULL},
                     {"--municipality", 1, NULL}, {"--periods", 1, NULL}};
    jl_view_indicator_req rq;
    jl_strmap *members = NULL;
    char *pos[1], home[JL_MAX_ID + 1];
    jl_view_indicator v;
    size_t npos;
    const char *group;
    int rc;

    memset(&v, 0, sizeof v);
    rc = jl_cli_parse(opts, 8, pos, 1, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    memset(&rq, 0, sizeof rq);
    rq.id = pos[0];
    rq.division = jl_cli_opt(opts, 2, "--division");
    rq.period = jl_cli_opt(opts, 2, "--period");
    rq.municipality = jl_cli_opt(opts, 8, "--municipality");
    rq.periods = jl_cli_opt(opts, 8, "--periods");
    group = jl_cli_opt(opts, 6, "--group");
    rq.sex = jl_cli_opt(opts, 4, "--sex") ? jl_cli_opt(opts, 4, "--sex") : "T";
    rq.breakdown = jl_cli_opt(opts, 4, "--breakdown");
    if (strcmp(rq.sex, "T") && strcmp(rq.sex, "K") && strcmp(rq.sex, "M"))
        return jl_err_set(err, JL_EUSAGE, _("expected --sex T, K or M, found \"%s\""), rq.sex);
    if (npos != 1)
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik indicator show ID --division D [--area CODE] [--period "
                            "P] [--sex T|K|M] [--breakdown DIM=CODE]"));
    if (rq.period && rq.periods)
        return jl_err_set(err, JL_EUSAGE, _("expected --period or --periods, not both"));
    if (rq.periods && group)
        return jl_err_set(err, JL_EUSAGE, _("expected --group with one --period, not --periods"));
    if (!rq.division) {
        rc = jl_view_indicator_home(home, cli->store, pos[0], rq.period, err);
        if (rc < 0)
            return rc;
        rq.division = home;
    }
    if (group && (rc = jl_view_group(&members, cli->store, group, rq.division, err)) < 0)
        return rc;
    rc = jl_view_indicator_load(&v, cli->store, &rq, err);
    if (rc < 0)
        goto done;
    if (!v.counted && !any_value(&v)) {
        rc = jl_err_set(err, JL_EINPUT,
                        _("%s has no value in any area of %s for period %s: every figure there "
                          "is missing, suppressed, not applicable or lacks a part"),
                        pos[0], rq.division, v.period[v.at]);
        goto done;
    }
    rc = area_shown(&v, pos[0], jl_cli_opt(opts, 5, "--area"), rq.division, err);
    if (rc < 0)
        goto done;
    jl_cli_indicator_render(cli, &v, pos[0], rq.division, jl_cli_opt(opts, 5, "--area"), group,
                            members);
done:
    jl_strmap_free(members);
    jl_view_indicator_dispose(&v);
    return rc < 0 ? rc : 0;
}

/* ---- inequality between areas ---- */

static void ineq_curve(jl_out *o, const jl_view_ineq *q, const char *id, const char *div,
                       const char *rid)
{
    char line[512];
    size_t a;

    jl_out_align_right(o, 0);
    jl_out_align_right(o, 1);
    snprintf(line, sizeof line, _("Concentration curve of %s over %zu areas of %s, %s, "
                                  "lowest %s first"),
             id, q->n, div, q->v.period[q->v.at], rid ? rid : id);
    jl_out_note(o, line);
    for (a = 0; a <= q->n; a++) {
        jl_out_num(o, q->cum_w[a], 4);
        jl_out_num(o, q->cum_x[a], 4);
        jl_out_row_end(o);
    }
}

static void ineq_measures(jl_out *o, jl_cli *cli, const jl_view_ineq *q,
                          const jl_view_ineq_req *rq)
{
    const char *period = q->v.period[q->v.at];
    char line[512];

    jl_out_align_right(o, 1);
    snprintf(line, sizeof line, _("%s (%s) over %zu areas of %s, %s; weights: %s; rank: %s"),
             jl_view_indicator_name(&q->v.def), q->v.def.unit, q->n, rq->division, period,
             rq->weight ? rq->weight : _("none"), rq->rank_by ? rq->rank_by : rq->id);
    jl_out_note(o, line);
    if (isnan(q->v.city))
        jl_out_note(o, _("No city value (the indicator does not add up): the gap is to the "
                         "weighted mean of the areas."));
    if (!q->better)
        jl_out_note(o, _("No better direction: the worst fifth is not defined; the ratio is "
                         "highest to lowest."));
    jl_out_meta(o, "indicator", rq->id);
    jl_out_meta(o, "division", rq->division);
    jl_out_meta(o, "period", period);
#define ROW(id_, val_, dec_)                                                                   \
    do {                                                                                       \
        jl_out_str(o, jl_cli_word(cli, id_));                                                  \
        jl_out_num(o, val_, dec_);                                                             \
        jl_out_row_end(o);                                                                     \
    } while (0)
    ROW(N_("areas"), (double)q->q.n, 0);
    ROW(N_("min"), q->q.min, 2);
    ROW(N_("max"), q->q.max, 2);
    ROW(N_("range"), q->q.range, 2);
    ROW(N_("best_to_worst"), q->q.best_worst, 3);
    ROW(N_("mean_gap_to_city"), q->q.mean_gap, 3);
    ROW(N_("worst_fifth_population_share"), q->q.worst_fifth_share, 4);
    ROW(N_("concentration_index"), q->q.conc_index, 4);
#undef ROW
}

int cmd_indicator_inequality(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"measure", "value"};
    const char *labels[] = {_("measure"), _("value")};
    static const char *const cids[] = {"population_share", "value_share"};
    const char *clabels[] = {_("population share"), _("value share")};
    jl_opt opts[] = {{"--division", 1, NULL}, {"--period", 1, NULL}, {"--weight", 1, NULL},
                     {"--rank-by", 1, NULL},  {"--curve", 0, NULL},  {"--municipality", 1, NULL}};
    jl_view_ineq_req rq;
    jl_view_ineq q;
    size_t npos;
    char *pos[1];
    jl_out *o;
    int rc;

    rc = jl_cli_parse(opts, 6, pos, 1, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    memset(&rq, 0, sizeof rq);
    rq.id = pos[0];
    rq.municipality = jl_cli_opt(opts, 6, "--municipality");
    rq.division = jl_cli_opt(opts, 5, "--division");
    rq.period = jl_cli_opt(opts, 5, "--period");
    rq.weight = jl_cli_opt(opts, 5, "--weight");
    rq.rank_by = jl_cli_opt(opts, 5, "--rank-by");
    rq.curve = jl_cli_opt(opts, 5, "--curve") != NULL;
    if (npos != 1 || !rq.division)
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik indicator inequality ID --division D [--period P] "
                            "[--weight ID] [--rank-by ID] [--curve]"));
    rc = jl_view_inequality(&q, cli->store, &rq, err);
    if (rc < 0)
        return rc;
    if (rq.curve) {
        o = jl_cli_out(cli, cids, clabels, 2);
        ineq_curve(o, &q, rq.id, rq.division, rq.rank_by);
    } else {
        o = jl_cli_out(cli, ids, labels, 2);
        ineq_measures(o, cli, &q, &rq);
    }
    jl_out_end(o);
    jl_view_ineq_dispose(&q);
    return 0;
}

/* ---- a composite index of living conditions ---- */

int cmd_index_build(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"area", "name", "index", "type"};
    const char *labels[] = {_("area"), _("name"), _("index"), _("type")};
    jl_opt opts[] = {{"--division", 1, NULL}, {"--from", 1, NULL}, {"--period", 1, NULL},
                     {"--types", 1, NULL},
                     {"--municipality", 1, NULL}};
    jl_view_index_req rq;
    char type_name[256];
    jl_view_index ix;
    char *pos[1], line[1200];
    const char *types;
    size_t npos, a;
    jl_out *o;
    int rc;

    rc = jl_cli_parse(opts, 5, pos, 1, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    memset(&rq, 0, sizeof rq);
    rq.name = pos[0];
    rq.municipality = jl_cli_opt(opts, 5, "--municipality");
    rq.division = jl_cli_opt(opts, 4, "--division");
    rq.from = jl_cli_opt(opts, 4, "--from");
    rq.period = jl_cli_opt(opts, 4, "--period");
    rq.ntypes = 5;
    types = jl_cli_opt(opts, 4, "--types");
    if (npos != 1 || !rq.division || !rq.from)
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik index build NAME --division D --from IND[*W],... "
                            "[--period P] [--types N]"));
    if (types && (jl_parse_long(&rq.ntypes, types) < 0 || rq.ntypes < 2 || rq.ntypes > 10))
        return jl_err_set(err, JL_EUSAGE, _("expected --types from 2 to 10, found \"%s\""),
                          types);
    rc = jl_view_index_build(&ix, cli->store, &rq, err);
    if (rc < 0)
        return rc;
    snprintf(type_name, sizeof type_name, _("%s, type 1-%ld"), rq.name, rq.ntypes);
    rq.unit = _("standard deviations");
    rq.note = _("Composite of standardised indicators, higher is better "
                "(docs/composite-index.md).");
    rq.type_name = type_name;
    rq.type_unit = _("type");
    rc = jl_view_index_save(cli->store, &rq, &ix, err);
    if (rc < 0) {
        jl_view_index_dispose(&ix);
        return rc;
    }
    o = jl_cli_out(cli, ids, labels, 4);
    jl_out_align_right(o, 2);
    jl_out_align_right(o, 3);
    snprintf(line, sizeof line, _("%s over %zu areas of %s, %s (%s); stored as indicators %s "
                                  "and %s"),
             rq.name, ix.n, rq.division, ix.period, ix.source, rq.name, ix.typ_id);
    jl_out_source(o, line);
    for (a = 0; a < ix.n; a++) {
        jl_out_str(o, ix.code[a]);
        jl_out_str(o, ix.name[a]);
        jl_out_num(o, ix.value[a], 3);
        jl_out_int(o, ix.type[a]);
        jl_out_row_end(o);
    }
    jl_out_end(o);
    jl_view_index_dispose(&ix);
    return 0;
}

/* ---- comparing two indicators over the same areas ---- */

int cmd_indicator_compare(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const xids[] = {"a", "b", "areas"};
    jl_opt opts[] = {{"--division", 1, NULL}, {"--period", 1, NULL}, {"--cross", 0, NULL},
                     {"--municipality", 1, NULL}};
    jl_view_comparison_req rq;
    jl_view_comparison c;
    char *pos[2], line[512];
    size_t npos, i, j;
    jl_out *o;
    int rc;

    rc = jl_cli_parse(opts, 4, pos, 2, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    memset(&rq, 0, sizeof rq);
    rq.municipality = jl_cli_opt(opts, 4, "--municipality");
    rq.a = pos[0];
    rq.b = pos[1];
    rq.division = jl_cli_opt(opts, 3, "--division");
    rq.period = jl_cli_opt(opts, 3, "--period");
    rq.cross = jl_cli_opt(opts, 3, "--cross") != NULL;
    if (npos != 2 || !rq.division)
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik indicator compare A B --division D [--period P] "
                            "[--cross]"));
    rc = jl_view_compare(&c, cli->store, &rq, err);
    if (rc < 0)
        return rc;
    snprintf(line, sizeof line, _("%s (%s) and %s (%s) over %zu areas of %s"), rq.a,
             c.va.period[c.va.at], rq.b, c.vb.period[c.vb.at], c.n, rq.division);
    if (!rq.cross)
        jl_cli_corr_table(cli, line, c.x, c.y, c.n);
    else {
        /* The cross-table of two classifications (area types). */
        o = jl_cli_out(cli, xids, NULL, 3);
        jl_out_note(o, line);
        for (i = 0; i < c.nx; i++)
            for (j = 0; j < c.ny; j++) {
                jl_out_num(o, c.ux[i], 2);
                jl_out_num(o, c.uy[j], 2);
                jl_out_int(o, (long)c.count[i * c.ny + j]);
                jl_out_row_end(o);
            }
        jl_out_end(o);
    }
    jl_view_comparison_dispose(&c);
    return 0;
}
