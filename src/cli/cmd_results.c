/*
 * scores, profile, priorities and cutoffs derive: load a wave from the
 * store, score it (survey/score.c), count and fill cells (stats/), and
 * present them. Respondent-level output (scores) is for the analyst's own
 * use; profiles suppress small groups.
 */
#include "cli/commands.h"
#include "cli/render.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/num.h"
#include "core/strmap.h"
#include "stats/priorities.h"
#include "stats/profile.h"
#include "release/suppress.h"
#include "stats/quantile.h"
#include "survey/score.h"
#include "survey/wave.h"
#include "view/cells.h"
#include "view/priorities.h"
#include "view/profile.h"

/* The command's names for the profile view's types and calls. */
typedef jl_view_wave analysis;
#define analysis_dispose jl_view_wave_dispose

#include <math.h>
#include <stdlib.h>
#include <string.h>


/* A fixed word of the output (kind, flag, status): CSV and JSON keep the
 * documented machine value, a table shows it in the reader's language. */
static const char *word(const jl_cli *cli, const char *w)
{
    return jl_format_for_people(cli->format) ? _(w) : w;
}

/* ---- scores ---- */

int cmd_scores(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"respondent", "scale", "score", "se", "reached", "reason"};
    const char *labels[] = {_("respondent"), _("scale"), _("score"), _("SE"), _("reached"),
                            _("reason")};
    jl_opt opts[] = {{"--wave", 1, NULL}, {"--instrument", 1, NULL}, {"--cutoffs", 1, NULL}};
    size_t nopts = 3, npos, i, k, j;
    analysis a;
    double *scores = NULL, *ses = NULL;
    jl_scorer *why_sc = NULL;
    jl_out *o;
    int rc;

    rc = jl_cli_parse(opts, nopts, NULL, 0, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    if (!jl_cli_opt(opts, nopts, "--wave"))
        return jl_err_set(err, JL_EUSAGE, _("usage: jamlik scores --wave NAME"));
    rc = jl_view_wave_load(&a, cli->store, jl_cli_opt(opts, nopts, "--wave"),
                       jl_cli_opt(opts, nopts, "--instrument"), jl_cli_opt(opts, nopts, "--cutoffs"),
                       NULL, 1, &scores, &ses, err);
    if (rc < 0)
        goto done;
    why_sc = jl_scorer_new(a.in);
    o = jl_cli_out(cli, ids, labels, 6);
    if (a.w.synthetic)
        jl_cli_synthetic_note(o);
    jl_out_align_right(o, 2);
    jl_out_align_right(o, 3);
    for (i = 0; i < a.r.n; i++)
        for (k = 0; k < a.in->nscales; k++) {
            const jl_scale *sc = &a.in->scales[k];
            size_t at = i * a.in->nscales + k;
            char reached[256];
            size_t w = 0;

            jl_out_str(o, a.r.ext_id[i]);
            jl_out_str(o, sc->id);
            if (a.r.excluded[i]) {
                char why[160];

                jl_out_empty(o);
                jl_out_empty(o);
                jl_out_empty(o);
                snprintf(why, sizeof why, _("excluded by screen %s"), a.r.excluded[i]);
                jl_out_str(o, why);
                jl_out_row_end(o);
                continue;
            }
            jl_out_num(o, scores[at], 3);
            jl_out_num(o, ses[at], 3);
            reached[0] = '\0';
            for (j = 0; j < sc->ncut; j++)
                if (a.status[at] >> (j + 1) & 1)
                    w += (size_t)snprintf(reached + w, sizeof reached - w, "%s%s", w ? "|" : "",
                                          sc->cut[j].name);
            jl_out_str(o, reached);
            if (!(a.status[at] & JL_ST_SCORED)) {
                double x, e;
                jl_noscore why;

                /* Scoring again is a cache hit; it tells why there is no score. */
                jl_scorer_score(why_sc, k, a.r.answers + i * a.in->nitems, &x, &e, &why);
                jl_out_str(o, jl_noscore_reason(why));
            } else {
                jl_out_empty(o);
            }
            jl_out_row_end(o);
        }
    jl_out_end(o);
done:
    jl_scorer_free(why_sc);
    jl_free(scores);
    jl_free(ses);
    analysis_dispose(&a);
    return rc < 0 ? rc : 0;
}

/* ---- profile ---- */

/* The profile's rows are written from the view's raw cells with the
 * small-group rule applied here, the one face between them and the
 * reader. */
static int need_cutoffs(const jl_cell_table *t, jl_err *err)
{
    if (t->cutset[0])
        return 0;
    return jl_err_set(err, JL_EINPUT,
                      _("instrument %s has no cut-offs: derive them with \"jamlik cutoffs "
                        "derive\""),
                      t->in->id);
}

static int parse_norm(int *norm_city, const char *norm, jl_err *err)
{
    if (norm && strcmp(norm, "instrument") && strcmp(norm, "city"))
        return jl_err_set(err, JL_EUSAGE, _("expected --norm instrument or city, found \"%s\""),
                          norm);
    *norm_city = norm && !strcmp(norm, "city");
    return 0;
}

typedef jl_cli_prof_opts prof_opts;

static void prof_row(jl_cli *cli, jl_out *o, const jl_cell_table *t, const jl_cell *c)
{
    const jl_scale *sc = &t->in->scales[jl_instrument_scale(t->in, c->scale)];

    jl_out_str(o, c->division);
    jl_out_str(o, c->area);
    jl_out_str(o, c->wave);
    jl_out_str(o, c->grade);
    jl_out_str(o, c->sex);
    /* People read the scale's name; files keep its id. */
    jl_out_str(o, jl_format_for_people(cli->format) && sc->name ? sc->name : sc->id);
    jl_out_str(o, word(cli, c->kind));
    jl_out_str(o, c->cutoff);
    jl_out_bool(o, c->headline);
    if (c->status == JL_CELL_SUPPRESSED) {
        int i;

        for (i = 0; i < 6; i++)
            jl_out_empty(o);
    } else {
        jl_out_int(o, c->n);
        jl_out_int(o, c->n_scored);
        jl_out_int(o, c->k);
        jl_out_num(o, c->pct, 1);
        jl_out_num(o, c->ci_low, 1);
        jl_out_num(o, c->ci_high, 1);
    }
    jl_out_num(o, c->norm_pct, 1);
    jl_out_str(o, isnan(c->norm_pct)             ? NULL
                  : c->norm_of == JL_NORM_CITY ? _("staden, samma våg")
                                               : c->norm_source);
    jl_out_num(o, c->diff, 1);
    jl_out_str(o, c->flag == JL_FLAG_HIGH  ? word(cli, N_("high"))
                  : c->flag == JL_FLAG_LOW ? word(cli, N_("low"))
                                           : "");
    jl_out_str(o, word(cli, c->status == JL_CELL_OK ? N_("ok") : N_("suppressed")));
    jl_out_str(o, jl_release_reason_text(c->reason));
    jl_out_row_end(o);
}

/* Every cell the options ask for, in the documented order: area, grade,
 * sex, scale, cut-off. */
/* Every cell the options ask for, in order, to o; *suppressed counts
 * those the small-group rule hides. */
static int prof_rows(jl_out *o, jl_cli *cli, const jl_cell_table *t, const prof_opts *po,
                     size_t *suppressed, jl_err *err)
{
    size_t ai, g, s, k, q;

    for (ai = 0; ai < t->nareas; ai++) {
        if (po->area && strcmp(t->codes[ai], po->area))
            continue;
        for (g = 0; g <= JL_NGRADES; g++) {
            if (g < JL_NGRADES && (!po->by_grade || !t->grade_present[g]))
                continue;
            for (s = 0; s <= JL_NSEXES; s++) {
                if (s < JL_NSEXES && !po->by_sex)
                    continue;
                for (k = 0; k < t->in->nscales; k++)
                    for (q = 0; q < t->in->scales[k].ncut; q++) {
                        jl_cell c;
                        int rc;

                        if (po->headline_only && !t->in->scales[k].cut[q].headline)
                            continue;
                        rc = jl_cell_table_get(&c, t, (long)ai, g, s, k, q, err);
                        if (rc < 0)
                            return rc;
                        *suppressed += (size_t)jl_release_small_group(&c, po->min_n);
                        prof_row(cli, o, t, &c);
                    }
            }
        }
    }
    return 0;
}

int jl_cli_profile_render(jl_cli *cli, const jl_cell_table *t, const jl_cli_prof_opts *po,
                          jl_err *err)
{
    static const char *const ids[] = {
        "division", "area",   "wave",   "grade",       "sex",  "scale", "kind",
        "cutoff",   "headline", "n",    "n_scored",    "k",    "pct",   "ci_low",
        "ci_high",  "norm_pct", "norm_source", "diff", "flag", "status", "reason"};
    const char *labels[] = {_("division"), _("area"),    _("wave"),     _("grade"),
                            _("sex"),      _("scale"),   _("kind"),     _("cut-off"),
                            _("headline"), _("n"),       _("scored"),   _("k"),
                            _("%"),        _("CI low"),  _("CI high"),  _("norm %"),
                            _("norm source"), _("diff"), _("flag"),     _("status"),
                            _("reason")};
    size_t col, nsup = 0;
    jl_out *o;
    int rc;

    o = jl_cli_out(cli, ids, labels, 21);
    for (col = 9; col <= 17; col++)
        if (col != 16)
            jl_out_align_right(o, col);
    if (t->w.synthetic)
        jl_cli_synthetic_note(o);
    /* A table is read by people: what is the same on every row goes into
     * one line above it, so the rest fits a terminal. */
    if (cli->format == JL_FMT_TABLE) {
        char line[512];
        static const size_t hide[] = {0, 2, 11, 16, 7, 8};
        size_t i;

        snprintf(line, sizeof line, _("Division %s, wave %s, instrument %s, cut-offs %s."),
                 t->division, t->w.name, t->in->id, t->cutset);
        jl_out_note(o, line);
        if (t->norm_city)
            jl_out_note(o, _("Norm: the whole wave's share (staden, samma våg)."));
        for (i = 0; i < (po->headline_only ? 6u : 4u); i++)
            jl_out_table_hide(o, hide[i]);
    }
    jl_out_meta(o, "instrument", t->in->id);
    jl_out_meta(o, "cutoffs", t->cutset);
    jl_out_meta(o, "synthetic", t->w.synthetic ? "true" : "false");
    rc = prof_rows(o, cli, t, po, &nsup, err);
    /* A status that says "ok" on every row, and an empty reason, say
     * nothing to a reader: left out of the table, which is written only at
     * its end (CSV and JSON keep them). */
    if (cli->format == JL_FMT_TABLE && nsup == 0) {
        jl_out_table_hide(o, 19);
        jl_out_table_hide(o, 20);
    }
    jl_out_end(o);
    return rc;
}

int cmd_profile(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_opt opts[] = {{"--wave", 1, NULL},  {"--instrument", 1, NULL}, {"--division", 1, NULL},
                     {"--area", 1, NULL},  {"--by", 1, NULL},         {"--norm", 1, NULL},
                     {"--min-n", 1, NULL}, {"--cutoffs", 1, NULL}, {"--headline", 0, NULL},
                     {"--group", 1, NULL}};
    size_t nopts = sizeof opts / sizeof opts[0], npos;
    const char *by;
    prof_opts po;
    jl_cells_req req;
    jl_cell_table t;
    int rc;

    memset(&po, 0, sizeof po);
    memset(&req, 0, sizeof req);
    memset(&t, 0, sizeof t);
    rc = jl_cli_parse(opts, nopts, NULL, 0, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    if (!jl_cli_opt(opts, nopts, "--wave"))
        return jl_err_set(err, JL_EUSAGE, _("usage: jamlik profile --wave NAME"));
    by = jl_cli_opt(opts, nopts, "--by");
    if (by) {
        if (!strcmp(by, "grade"))
            po.by_grade = 1;
        else if (!strcmp(by, "sex"))
            po.by_sex = 1;
        else if (!strcmp(by, "grade,sex") || !strcmp(by, "sex,grade"))
            po.by_grade = po.by_sex = 1;
        else
            return jl_err_set(err, JL_EUSAGE,
                              _("expected --by grade, sex or grade,sex, found \"%s\""), by);
    }
    rc = parse_norm(&req.norm_city, jl_cli_opt(opts, nopts, "--norm"), err);
    if (rc == 0)
        rc = jl_release_min_n_parse(&po.min_n, jl_cli_opt(opts, nopts, "--min-n"), err);
    if (rc < 0)
        return rc;
    po.area = jl_cli_opt(opts, nopts, "--area");
    po.headline_only = jl_cli_opt(opts, nopts, "--headline") != NULL;
    req.wave = jl_cli_opt(opts, nopts, "--wave");
    req.instrument = jl_cli_opt(opts, nopts, "--instrument");
    req.cutset = jl_cli_opt(opts, nopts, "--cutoffs");
    req.division = jl_cli_opt(opts, nopts, "--division");
    req.group = jl_cli_opt(opts, nopts, "--group");
    rc = jl_view_cells(&t, cli->store, &req, err);
    if (rc == 0)
        rc = need_cutoffs(&t, err);
    if (rc == 0 && po.area) {
        long ai = jl_cell_table_need_area(&t, po.area, err);

        rc = ai < 0 ? (int)ai : 0;
    }
    if (rc < 0)
        goto done;
    rc = jl_cli_profile_render(cli, &t, &po, err);
done:
    jl_cell_table_dispose(&t);
    return rc < 0 ? rc : 0;
}

/* ---- priorities ---- */

/* The reason for p in plain words, in the reader's language: the face's
 * sentence over the numbers stats/priorities.c ranked. */
static void prio_reason(char *buf, size_t len, const jl_prio *p)
{
    char a[32], b[32], c[32], d[32];
    int w;

    jl_fmt_fixed(a, sizeof a, p->pct, 1);
    jl_fmt_fixed(b, sizeof b, p->norm_pct, 1);
    jl_fmt_fixed(c, sizeof c, fabs(p->pct - p->norm_pct), 1);
    if (p->protective)
        w = snprintf(buf, len,
                     p->pct < p->norm_pct
                         ? _("%s %% have protection against the norm's %s %% (%s points below)")
                         : _("%s %% have protection against the norm's %s %% (%s points above)"),
                     a, b, c);
    else
        w = snprintf(buf, len,
                     p->pct > p->norm_pct
                         ? _("%s %% at risk against the norm's %s %% (%s points above)")
                         : _("%s %% at risk against the norm's %s %% (%s points below)"),
                     a, b, c);
    if (w < 0 || (size_t)w >= len)
        return;
    if (p->grades_flagged > 0)
        w += snprintf(buf + w, len - (size_t)w, _("; flagged in %d of %d grades"),
                      p->grades_flagged, p->grades_shown);
    if (w < 0 || (size_t)w >= len)
        return;
    if (!isnan(p->prev_pct) && p->prev_wave) {
        jl_fmt_fixed(d, sizeof d, p->prev_pct, 1);
        snprintf(buf + w, len - (size_t)w,
                 p->worse ? _("; worse than %s (%s %%)") : _("; not worse than %s (%s %%)"),
                 p->prev_wave, d);
    }
}

void jl_cli_priorities_render(jl_cli *cli, const jl_cell_table *t, const jl_prio_list *l,
                              const char *area, long top)
{
    static const char *const ids[] = {"rank", "scale", "name", "kind", "cutoff", "pct",
                                      "norm_pct", "excess", "reason"};
    const char *labels[] = {_("rank"),   _("scale"),  _("name"),   _("kind"),  _("cut-off"),
                            _("%"),      _("norm %"), _("excess"), _("reason")};
    jl_out *o = jl_cli_out(cli, ids, labels, 9);
    char head[512];
    size_t k, shown = 0;

    jl_out_align_right(o, 0);
    jl_out_align_right(o, 5);
    jl_out_align_right(o, 6);
    jl_out_align_right(o, 7);
    if (t->w.synthetic)
        jl_cli_synthetic_note(o);
    snprintf(head, sizeof head, _("Priorities for area %s (%s), wave %s"), area, t->division,
             t->w.name);
    jl_out_note(o, head);
    for (k = 0; k < l->n && (long)shown < top; k++) {
        const jl_prio *p = &l->p[k];
        char reason[512];

        if (p->excess <= 0)
            break;
        prio_reason(reason, sizeof reason, p);
        jl_out_int(o, (long)++shown);
        jl_out_str(o, p->scale);
        jl_out_str(o, p->label);
        jl_out_str(o, word(cli, p->protective ? N_("protective") : N_("risk")));
        jl_out_str(o, p->cutoff);
        jl_out_num(o, p->pct, 1);
        jl_out_num(o, p->norm_pct, 1);
        jl_out_num(o, p->excess, 1);
        jl_out_str(o, reason);
        jl_out_row_end(o);
    }
    if (shown == 0)
        jl_out_note(o, _("No factor is worse than the norm in this area."));
    else if ((long)shown < top)
        jl_out_note(o, _("Fewer factors than asked for are worse than the norm; only those are "
                         "listed."));
    jl_out_end(o);
}

int cmd_priorities(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_opt opts[] = {{"--wave", 1, NULL},  {"--instrument", 1, NULL}, {"--division", 1, NULL},
                     {"--area", 1, NULL},  {"--top", 1, NULL},        {"--norm", 1, NULL},
                     {"--min-n", 1, NULL}, {"--cutoffs", 1, NULL}};
    size_t nopts = sizeof opts / sizeof opts[0], npos;
    jl_cells_req req;
    jl_cell_table t, prev;
    jl_prio_list l;
    int have_prev = 0, rc;
    long top = 5;
    unsigned long min_n;
    const char *area;

    memset(&req, 0, sizeof req);
    memset(&t, 0, sizeof t);
    memset(&prev, 0, sizeof prev);
    memset(&l, 0, sizeof l);
    rc = jl_cli_parse(opts, nopts, NULL, 0, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    area = jl_cli_opt(opts, nopts, "--area");
    if (!jl_cli_opt(opts, nopts, "--wave") || !area)
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik priorities --wave NAME --area CODE [--top N]"));
    if (jl_cli_opt(opts, nopts, "--top") &&
        (jl_parse_long(&top, jl_cli_opt(opts, nopts, "--top")) < 0 || top < 1 || top > 100))
        return jl_err_set(err, JL_EUSAGE, _("expected --top from 1 to 100, found \"%s\""),
                          jl_cli_opt(opts, nopts, "--top"));
    rc = parse_norm(&req.norm_city, jl_cli_opt(opts, nopts, "--norm"), err);
    if (rc == 0)
        rc = jl_release_min_n_parse(&min_n, jl_cli_opt(opts, nopts, "--min-n"), err);
    if (rc < 0)
        return rc;
    req.wave = jl_cli_opt(opts, nopts, "--wave");
    req.instrument = jl_cli_opt(opts, nopts, "--instrument");
    req.cutset = jl_cli_opt(opts, nopts, "--cutoffs");
    req.division = jl_cli_opt(opts, nopts, "--division");
    rc = jl_view_cells(&t, cli->store, &req, err);
    if (rc == 0)
        rc = need_cutoffs(&t, err);
    if (rc == 0 && jl_cell_table_need_area(&t, area, err) < 0)
        rc = err->code;
    if (rc < 0)
        goto done;
    rc = jl_view_cells_previous(&prev, cli->store, &t, err);
    if (rc == JL_OK)
        have_prev = 1;
    else if (rc != JL_ENOTFOUND)
        goto done;
    jl_err_clear(err);
    rc = jl_view_priorities(&l, &t, have_prev ? &prev : NULL, area, min_n, err);
    if (rc < 0)
        goto done;
    jl_cli_priorities_render(cli, &t, &l, area, top);
done:
    jl_prio_list_dispose(&l);
    jl_cell_table_dispose(&t);
    jl_cell_table_dispose(&prev);
    return rc < 0 ? rc : 0;
}

/* ---- cutoffs derive ---- */

static int parse_pcts(double *out, size_t *n, const char *s, jl_err *err)
{
    const char *p = s;

    *n = 0;
    while (*p) {
        char tmp[32];
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        double v;

        snprintf(tmp, sizeof tmp, "%.*s", (int)(len < 31 ? len : 31), p);
        if (*n >= JL_MAX_CUTOFFS_SCALE || jl_parse_double(&v, tmp) < 0 || v <= 0 || v >= 100)
            return jl_err_set(err, JL_EUSAGE,
                              _("expected percentiles between 0 and 100 such as 75,90, found "
                                "\"%s\""),
                              s);
        out[(*n)++] = v;
        p = comma ? comma + 1 : p + len;
    }
    if (*n == 0)
        return jl_err_set(err, JL_EUSAGE, _("expected at least one percentile"));
    return JL_OK;
}

int cmd_cutoffs_derive(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"scale", "cutoff", "value", "headline", "norm_pct", "n"};
    const char *labels[] = {_("scale"), _("cut-off"), _("value"), _("headline"), _("norm %"),
                            _("scores")};
    jl_opt opts[] = {{"--instrument", 1, NULL},
                     {"--reference-wave", 1, NULL},
                     {"--percentiles", 1, NULL},
                     {"--protective-percentiles", 1, NULL}};
    size_t nopts = 4, npos, nrisk, nprot, k, i, j;
    double risk[JL_MAX_CUTOFFS_SCALE], prot[JL_MAX_CUTOFFS_SCALE], *scores = NULL, *ses = NULL,
                                                                   *x = NULL;
    const char *instr, *wave;
    char set[160], source[256], nsrc[256], name[32];
    analysis a;
    jl_out *o = NULL;
    int rc;

    memset(&a, 0, sizeof a);
    rc = jl_cli_parse(opts, nopts, NULL, 0, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    instr = jl_cli_opt(opts, nopts, "--instrument");
    wave = jl_cli_opt(opts, nopts, "--reference-wave");
    if (!instr || !wave)
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik cutoffs derive --instrument ID --reference-wave W"));
    rc = parse_pcts(risk, &nrisk,
                    jl_cli_opt(opts, nopts, "--percentiles") ? jl_cli_opt(opts, nopts,
                                                                          "--percentiles")
                                                             : "75,90",
                    err);
    if (rc < 0)
        return rc;
    rc = parse_pcts(prot, &nprot,
                    jl_cli_opt(opts, nopts, "--protective-percentiles")
                        ? jl_cli_opt(opts, nopts, "--protective-percentiles")
                        : "15,85",
                    err);
    if (rc < 0)
        return rc;
    rc = jl_view_wave_load(&a, cli->store, wave, instr, "instrument", NULL, 0, &scores, &ses, err);
    if (rc < 0)
        goto done;
    snprintf(set, sizeof set, "derived:%s", a.w.name);
    x = jl_xmalloc((a.r.n ? a.r.n : 1) * sizeof *x);
    o = jl_cli_out(cli, ids, labels, 6);
    jl_out_align_right(o, 2);
    jl_out_align_right(o, 4);
    jl_out_align_right(o, 5);
    if (a.w.synthetic)
        jl_cli_synthetic_note(o);
    rc = jl_store_begin(cli->store, err);
    if (rc < 0)
        goto done;
    rc = jl_store_cutoff_delete_set(cli->store, a.in->id, set, err);
    if (rc < 0)
        goto fail;
    for (k = 0; k < a.in->nscales; k++) {
        const jl_scale *sc = &a.in->scales[k];
        const double *pc = sc->kind == JL_KIND_PROTECTIVE ? prot : risk;
        size_t np = sc->kind == JL_KIND_PROTECTIVE ? nprot : nrisk, m = 0;

        for (i = 0; i < a.r.n; i++) {
            double v = scores[i * a.in->nscales + k];

            if (!isnan(v))
                x[m++] = v;
        }
        if (m < 2) {
            rc = jl_err_set(err, JL_EINPUT,
                            _("scale %s has %zu scores in wave %s: too few to derive cut-offs"),
                            sc->id, m, a.w.name);
            goto fail;
        }
        jl_stats_sort(x, m);
        for (j = 0; j < np; j++) {
            jl_store_cutoff c;

            snprintf(name, sizeof name, "p%g", pc[j]);
            snprintf(source, sizeof source,
                     "derived from wave %s (percentile %g, R quantile type 7, %zu scores)",
                     a.w.name, pc[j], m);
            snprintf(nsrc, sizeof nsrc, "by construction: %g %% of wave %s", 100 - pc[j],
                     a.w.name);
            memset(&c, 0, sizeof c);
            c.scale = sc->id;
            c.name = name;
            c.label = name;
            c.source = source;
            c.value = jl_stats_quantile7(x, m, pc[j] / 100);
            c.headline = j == 0;
            c.norm_pct = 100 - pc[j];
            c.norm_source = nsrc;
            c.norm_version = set;
            rc = jl_store_cutoff_put(cli->store, a.in->id, set, &c, err);
            if (rc < 0)
                goto fail;
            jl_out_str(o, sc->id);
            jl_out_str(o, name);
            jl_out_num(o, c.value, 4);
            jl_out_bool(o, c.headline);
            jl_out_num(o, c.norm_pct, 1);
            jl_out_int(o, (long)m);
            jl_out_row_end(o);
        }
    }
    rc = jl_store_commit(cli->store, err);
    if (rc < 0)
        goto done;
    if (!cli->quiet)
        fprintf(stderr, _("Stored cut-off set %s; use it with --cutoffs %s\n"), set, set);
    goto done;
fail:
    jl_store_rollback(cli->store);
done:
    jl_out_end(o);
    jl_free(x);
    jl_free(scores);
    jl_free(ses);
    analysis_dispose(&a);
    return rc < 0 ? rc : 0;
}

/* ---- the survey beside living conditions ---- */

int cmd_profile_compare(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"area", "pct", "indicator"};
    const char *labels[] = {_("area"), _("headline share"), _("indicator")};
    jl_opt opts[] = {{"--wave", 1, NULL},      {"--instrument", 1, NULL}, {"--scale", 1, NULL},
                     {"--indicator", 1, NULL}, {"--division", 1, NULL},   {"--period", 1, NULL},
                     {"--min-n", 1, NULL}};
    size_t nopts = sizeof opts / sizeof opts[0], npos, i, n = 0;
    unsigned long min_n;
    jl_cells_req req;
    jl_cell_table t;
    jl_area_values av;
    double *x = NULL, *y = NULL;
    char line[512];
    long k, q;
    jl_out *o = NULL;
    int rc;

    memset(&req, 0, sizeof req);
    memset(&t, 0, sizeof t);
    memset(&av, 0, sizeof av);
    rc = jl_cli_parse(opts, nopts, NULL, 0, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    if (!jl_cli_opt(opts, nopts, "--wave") || !jl_cli_opt(opts, nopts, "--scale") ||
        !jl_cli_opt(opts, nopts, "--indicator") || !jl_cli_opt(opts, nopts, "--division"))
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik profile compare --wave NAME --scale S --indicator I "
                            "--division D [--period P]"));
    rc = jl_release_min_n_parse(&min_n, jl_cli_opt(opts, nopts, "--min-n"), err);
    if (rc < 0)
        return rc;
    req.wave = jl_cli_opt(opts, nopts, "--wave");
    req.instrument = jl_cli_opt(opts, nopts, "--instrument");
    req.division = jl_cli_opt(opts, nopts, "--division");
    rc = jl_view_cells(&t, cli->store, &req, err);
    if (rc < 0)
        goto done;
    k = jl_instrument_scale(t.in, jl_cli_opt(opts, nopts, "--scale"));
    if (k < 0 || (q = jl_view_headline_of(&t.in->scales[k])) < 0) {
        rc = jl_err_set(err, JL_EINPUT, _("no scale \"%s\" with a headline cut-off in %s"),
                        jl_cli_opt(opts, nopts, "--scale"), t.in->id);
        goto done;
    }
    rc = jl_view_indicator_values(&av, cli->store, jl_cli_opt(opts, nopts, "--indicator"),
                                  t.division, jl_cli_opt(opts, nopts, "--period"), err);
    if (rc < 0)
        goto done;
    x = jl_xmalloc((av.n ? av.n : 1) * sizeof *x);
    y = jl_xmalloc((av.n ? av.n : 1) * sizeof *y);
    o = jl_cli_out(cli, ids, labels, 3);
    jl_out_align_right(o, 1);
    jl_out_align_right(o, 2);
    if (t.w.synthetic)
        jl_cli_synthetic_note(o);
    snprintf(line, sizeof line,
             _("%s (headline %s, wave %s) and %s (%s) over the areas of %s; suppressed groups "
               "left out"),
             t.in->scales[k].name, t.in->scales[k].cut[q].name, t.w.name, av.name, av.period,
             t.division);
    jl_out_note(o, line);
    /* Only shown (not suppressed) shares take part: a correlation must not
     * be a way round the small-group rule. */
    for (i = 0; i < av.n; i++) {
        double pct = jl_cell_table_headline_pct(&t, av.codes[i], (size_t)k, (size_t)q, min_n);

        if (isnan(pct))
            continue;
        x[n] = pct;
        y[n] = av.vals[i];
        n++;
        jl_out_str(o, av.codes[i]);
        jl_out_num(o, pct, 1);
        jl_out_num(o, av.vals[i], 2);
        jl_out_row_end(o);
    }
    jl_out_end(o);
    o = NULL;
    if (n < 4) {
        rc = jl_err_set(err, JL_EINPUT,
                        _("expected at least four areas with a shown share and a value, found "
                          "%zu"),
                        n);
        goto done;
    }
    jl_cli_corr_table(cli, NULL, x, y, n);
done:
    jl_out_end(o);
    jl_area_values_dispose(&av);
    jl_cell_table_dispose(&t);
    jl_free(x);
    jl_free(y);
    return rc < 0 ? rc : 0;
}
