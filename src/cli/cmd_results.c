/*
 * scores, profile, priorities and cutoffs derive: load a wave from the
 * store, score it (survey/score.c), count and fill cells (stats/), and
 * present them. Respondent-level output (scores) is for the analyst's own
 * use; profiles suppress small groups.
 */
#include "cli/bar.h"
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
#include "view/release.h"
#include "view/cutoffs.h"
#include "view/profile.h"

/* The command's names for the profile view's types and calls. */
typedef jl_view_wave analysis;
#define analysis_dispose jl_view_wave_dispose

#include <math.h>
#include <stdlib.h>
#include <string.h>


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

static int parse_adjust(jl_cells_adjust *out, const char *s, jl_err *err)
{
    *out = JL_CELLS_BH;
    if (!s || !strcmp(s, "bh") || !strcmp(s, "fdr"))
        return 0;
    if (!strcmp(s, "none")) {
        *out = JL_CELLS_UNADJUSTED;
        return 0;
    }
    return jl_err_set(err, JL_EUSAGE, _("expected --adjust bh or none, found \"%s\""), s);
}

static int parse_by(prof_opts *po, const char *by, jl_err *err)
{
    if (!by)
        return 0;
    if (!strcmp(by, "grade"))
        po->by_grade = 1;
    else if (!strcmp(by, "sex"))
        po->by_sex = 1;
    else if (!strcmp(by, "grade,sex") || !strcmp(by, "sex,grade"))
        po->by_grade = po->by_sex = 1;
    else
        return jl_err_set(err, JL_EUSAGE, _("expected --by grade, sex or grade,sex, found \"%s\""),
                          by);
    return 0;
}

/* Splits --wave A,B,... in place into waves (at most max + 1, so that
 * the view can refuse too many by its limit). */
static int split_waves(const char **waves, size_t *n, size_t max, char *list, jl_err *err)
{
    char *p = list;

    *n = 0;
    for (;;) {
        char *comma = strchr(p, ',');

        if (comma)
            *comma = '\0';
        if (!*p)
            return jl_err_set(err, JL_EUSAGE,
                              _("expected --wave NAME or NAME,NAME,... without empty names"));
        if (*n <= max)
            waves[(*n)++] = p;
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

/* Protects t as a release of the cells the face prints would be
 * (view/release.h), with a progress bar: what the command shows is what
 * such a release would publish. Nothing for the working view. */
static int protect(jl_cli *cli, jl_cell_table *t, int by_grade, int by_sex, const char *group,
                   jl_err *err)
{
    jl_cells_protect_req pr;
    jl_progress prog;
    jl_cli_bar bar = {0};

    memset(&pr, 0, sizeof pr);
    pr.by_grade = by_grade;
    pr.by_sex = by_sex;
    pr.group = group;
    pr.ctx = (void *)jl_cli_progress(&prog, &bar, cli->quiet);
    pr.progress = pr.ctx ? jl_cli_protect_bar : NULL;
    return jl_view_cells_protect(t, cli->store, &pr, err);
}

/* profile over several waves: one table per wave, side by side. */
static int profile_waves(jl_cli *cli, const jl_cells_req *req, const char *const *waves,
                         size_t n, const prof_opts *po, jl_err *err)
{
    jl_view_waves v;
    size_t w;
    int rc;

    rc = jl_view_waves_load(&v, cli->store, req, waves, n, err);
    for (w = 0; rc == 0 && w < v.nwaves; w++)
        rc = need_cutoffs(&v.t[w], err);
    for (w = 0; rc == 0 && w < v.nwaves; w++)
        rc = protect(cli, &v.t[w], po->by_grade, po->by_sex, req->group, err);
    if (rc == 0 && po->area) {
        size_t i;

        for (i = 0; i < v.nareas && strcmp(v.codes[i], po->area); i++)
            ;
        if (i == v.nareas)
            rc = (int)jl_cell_table_need_area(&v.t[v.nwaves - 1], po->area, err);
    }
    if (rc == 0)
        rc = jl_cli_profile_waves_render(cli, &v, po, err);
    jl_view_waves_dispose(&v);
    return rc;
}

int cmd_profile(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_opt opts[] = {{"--wave", 1, NULL},  {"--instrument", 1, NULL}, {"--division", 1, NULL},
                     {"--area", 1, NULL},  {"--by", 1, NULL},         {"--norm", 1, NULL},
                     {"--min-n", 1, NULL}, {"--cutoffs", 1, NULL},    {"--headline", 0, NULL},
                     {"--group", 1, NULL}, {"--adjust", 1, NULL},     {"--unprotected", 0, NULL}};
    size_t nopts = sizeof opts / sizeof opts[0], npos, nwaves = 0;
    const char *waves[JL_MAX_WAVES_COMPARED + 1];
    char *list = NULL;
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
        return jl_err_set(err, JL_EUSAGE, _("usage: jamlik profile --wave NAME[,NAME...]"));
    rc = parse_by(&po, jl_cli_opt(opts, nopts, "--by"), err);
    if (rc == 0)
        rc = parse_norm(&req.norm_city, jl_cli_opt(opts, nopts, "--norm"), err);
    if (rc == 0)
        rc = parse_adjust(&req.adjust, jl_cli_opt(opts, nopts, "--adjust"), err);
    if (rc == 0)
        rc = jl_release_min_n_parse(&po.min_n, jl_cli_opt(opts, nopts, "--min-n"), err);
    list = jl_xstrdup(jl_cli_opt(opts, nopts, "--wave"));
    if (rc == 0)
        rc = split_waves(waves, &nwaves, JL_MAX_WAVES_COMPARED, list, err);
    if (rc < 0)
        goto done;
    req.min_n = po.min_n;
    req.unprotected = jl_cli_opt(opts, nopts, "--unprotected") != NULL;
    po.area = jl_cli_opt(opts, nopts, "--area");
    po.headline_only = jl_cli_opt(opts, nopts, "--headline") != NULL;
    req.instrument = jl_cli_opt(opts, nopts, "--instrument");
    req.cutset = jl_cli_opt(opts, nopts, "--cutoffs");
    req.division = jl_cli_opt(opts, nopts, "--division");
    req.group = jl_cli_opt(opts, nopts, "--group");
    if (nwaves > 1) {
        rc = profile_waves(cli, &req, waves, nwaves, &po, err);
        goto done;
    }
    req.wave = waves[0];
    rc = jl_view_cells(&t, cli->store, &req, err);
    if (rc == 0)
        rc = need_cutoffs(&t, err);
    if (rc == 0)
        rc = protect(cli, &t, po.by_grade, po.by_sex, req.group, err);
    if (rc == 0 && po.area) {
        long ai = jl_cell_table_need_area(&t, po.area, err);

        rc = ai < 0 ? (int)ai : 0;
    }
    if (rc == 0)
        rc = jl_cli_profile_render(cli, &t, &po, err);
done:
    jl_free(list);
    jl_cell_table_dispose(&t);
    return rc < 0 ? rc : 0;
}

/* ---- priorities ---- */

int cmd_priorities(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_opt opts[] = {{"--wave", 1, NULL},  {"--instrument", 1, NULL}, {"--division", 1, NULL},
                     {"--area", 1, NULL},  {"--top", 1, NULL},        {"--norm", 1, NULL},
                     {"--min-n", 1, NULL}, {"--cutoffs", 1, NULL}, {"--adjust", 1, NULL},
                     {"--unprotected", 0, NULL}};
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
        rc = parse_adjust(&req.adjust, jl_cli_opt(opts, nopts, "--adjust"), err);
    if (rc == 0)
        rc = jl_release_min_n_parse(&min_n, jl_cli_opt(opts, nopts, "--min-n"), err);
    if (rc < 0)
        return rc;
    req.min_n = min_n;
    req.unprotected = jl_cli_opt(opts, nopts, "--unprotected") != NULL;
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
    /* What the list reads: each factor's headline in the area and by
     * grade, and the previous wave's headline. */
    rc = protect(cli, &t, 1, 0, NULL, err);
    if (rc < 0)
        goto done;
    rc = jl_view_cells_previous(&prev, cli->store, &t, err);
    if (rc == JL_OK)
        have_prev = 1;
    else if (rc != JL_ENOTFOUND)
        goto done;
    jl_err_clear(err);
    if (have_prev && (rc = protect(cli, &prev, 0, 0, NULL, err)) < 0)
        goto done;
    rc = jl_view_priorities(&l, &t, have_prev ? &prev : NULL, area, err);
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

/* Says which derived cut-offs rest on few answers, on stderr. */
static void cutoff_warnings(const jl_cutoffs_derived *d, const char *wave)
{
    size_t i;

    for (i = 0; i < d->n; i++) {
        const jl_cutoff_derived *c = &d->c[i];

        if (!c->warn)
            continue;
        fprintf(stderr,
                _n("Warning: %s %s rests on %zu score on its smaller side of %zu in wave %s%s; "
                   "treat it as uncertain or use a larger reference wave\n",
                   "Warning: %s %s rests on %zu scores on its smaller side of %zu in wave %s%s; "
                   "treat it as uncertain or use a larger reference wave\n",
                   c->beyond),
                c->scale, c->name, c->beyond, c->n, wave,
                c->warn & JL_CUTOFF_UNBOUNDED ? _(", too few to bound its interval at 95 %") : "");
    }
}

int cmd_cutoffs_derive(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"scale",   "cutoff",   "value", "ci_low", "ci_high",
                                      "headline", "norm_pct", "n",     "n_smaller_side",
                                      "uncertain"};
    const char *labels[] = {_("scale"),    _("cut-off"), _("value"),  _("lower 95 %"),
                            _("upper 95 %"),  _("headline"), _("norm %"), _("scores"),
                            _("on the smaller side"), _("uncertain")};
    jl_opt opts[] = {{"--instrument", 1, NULL},
                     {"--reference-wave", 1, NULL},
                     {"--percentiles", 1, NULL},
                     {"--protective-percentiles", 1, NULL}};
    size_t nopts = 4, npos, i;
    double risk[JL_MAX_CUTOFFS_SCALE], prot[JL_MAX_CUTOFFS_SCALE];
    const char *p;
    jl_cutoffs_derive_req req;
    jl_cutoffs_derived d;
    jl_out *o;
    int rc;

    memset(&req, 0, sizeof req);
    memset(&d, 0, sizeof d);
    rc = jl_cli_parse(opts, nopts, NULL, 0, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    req.instrument = jl_cli_opt(opts, nopts, "--instrument");
    req.wave = jl_cli_opt(opts, nopts, "--reference-wave");
    if (!req.instrument || !req.wave)
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik cutoffs derive --instrument ID --reference-wave W"));
    p = jl_cli_opt(opts, nopts, "--percentiles");
    rc = parse_pcts(risk, &req.nrisk, p ? p : "75,90", err);
    if (rc < 0)
        return rc;
    p = jl_cli_opt(opts, nopts, "--protective-percentiles");
    rc = parse_pcts(prot, &req.nprotective, p ? p : "15,85", err);
    if (rc < 0)
        return rc;
    req.risk = risk;
    req.protective = prot;
    req.level = 0.95;
    rc = jl_view_cutoffs_derive(&d, cli->store, &req, err);
    if (rc < 0)
        return rc;
    o = jl_cli_out(cli, ids, labels, 10);
    for (i = 2; i <= 8; i++)
        if (i != 5)
            jl_out_align_right(o, i);
    if (d.synthetic)
        jl_cli_synthetic_note(o);
    jl_out_note(o, _("lower/upper 95 %: the interval of the percentile from the reference wave's "
                     "order statistics (distribution-free); empty where the wave is too small to "
                     "bound it"));
    for (i = 0; i < d.n; i++) {
        const jl_cutoff_derived *c = &d.c[i];

        jl_out_str(o, c->scale);
        jl_out_str(o, c->name);
        jl_out_num(o, c->value, 4);
        jl_out_num(o, c->ci_low, 4);
        jl_out_num(o, c->ci_high, 4);
        jl_out_bool(o, c->headline);
        jl_out_num(o, c->norm_pct, 1);
        jl_out_int(o, (long)c->n);
        jl_out_int(o, (long)c->beyond);
        jl_out_bool(o, c->warn != 0);
        jl_out_row_end(o);
    }
    jl_out_end(o);
    if (!cli->quiet) {
        cutoff_warnings(&d, req.wave);
        fprintf(stderr, _("Stored cut-off set %s; use it with --cutoffs %s\n"), d.set, d.set);
    }
    jl_cutoffs_derived_dispose(&d);
    return 0;
}

/* ---- the survey beside living conditions ---- */

int cmd_profile_compare(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"area", "name", "pct", "indicator"};
    const char *labels[] = {_("area"), _("name"), _("headline share"), _("indicator")};
    jl_opt opts[] = {{"--wave", 1, NULL},      {"--instrument", 1, NULL}, {"--scale", 1, NULL},
                     {"--indicator", 1, NULL}, {"--division", 1, NULL},   {"--period", 1, NULL},
                     {"--min-n", 1, NULL},     {"--unprotected", 0, NULL}};
    size_t nopts = sizeof opts / sizeof opts[0], npos, i, at, n = 0;
    unsigned long min_n;
    jl_strmap *value_of = NULL;
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
    req.min_n = min_n;
    req.unprotected = jl_cli_opt(opts, nopts, "--unprotected") != NULL;
    req.adjust = JL_CELLS_UNADJUSTED; /* shares only: no flag is shown */
    rc = jl_view_cells(&t, cli->store, &req, err);
    if (rc == 0)
        rc = protect(cli, &t, 0, 0, NULL, err);
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
    o = jl_cli_out(cli, ids, labels, 4);
    jl_out_align_right(o, 2);
    jl_out_align_right(o, 3);
    if (t.unprotected)
        jl_out_unprotected(o);
    if (t.w.synthetic)
        jl_cli_synthetic_note(o);
    snprintf(line, sizeof line,
             _("%s (headline %s, wave %s) and %s (%s) over the areas of %s; suppressed groups "
               "left out"),
             t.in->scales[k].name, t.in->scales[k].cut[q].name, t.w.name, av.name, av.period,
             t.division);
    jl_out_source(o, line);
    /* Only shown (not suppressed) shares take part: a correlation must not
     * be a way round the small-group rule. Rows in the order of the
     * table's sorted codes, each with its name. */
    value_of = jl_strmap_new();
    for (i = 0; i < av.n; i++)
        jl_strmap_put(value_of, av.codes[i], i, NULL);
    for (i = 0; i < t.nareas; i++) {
        double pct;

        if (jl_strmap_get(value_of, t.codes[i], &at) != 1)
            continue;
        pct = jl_cell_table_headline_pct(&t, t.codes[i], (size_t)k, (size_t)q);
        if (isnan(pct))
            continue;
        x[n] = pct;
        y[n] = av.vals[at];
        n++;
        jl_out_str(o, t.codes[i]);
        jl_out_str(o, t.names[i]);
        jl_out_num(o, pct, 1);
        jl_out_num(o, av.vals[at], 2);
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
    jl_strmap_free(value_of);
    jl_area_values_dispose(&av);
    jl_cell_table_dispose(&t);
    jl_free(x);
    jl_free(y);
    return rc < 0 ? rc : 0;
}
