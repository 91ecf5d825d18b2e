/*
 * jamlik segregation: parses its options, calls the segregation view
 * (view/segregation.h) and renders the indices, the local scores or a row
 * per period.
 */
#include "cli/commands.h"
#include "cli/render.h"
#include "cli/spatial.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "view/segregation.h"

#include <stdio.h>
#include <string.h>

/* The indices as (key, label, value): the rows without --local, and
 * JSON's meta either way. */
typedef struct seg_idx {
    char **key, **label;
    double *val;
    size_t n;
} seg_idx;

static void idx_add(seg_idx *x, const char *key, const char *label, double v)
{
    x->key = jl_xrealloc(x->key, (x->n + 1) * sizeof *x->key);
    x->label = jl_xrealloc(x->label, (x->n + 1) * sizeof *x->label);
    x->val = jl_xrealloc(x->val, (x->n + 1) * sizeof *x->val);
    x->key[x->n] = jl_xstrdup(key);
    x->label[x->n] = jl_xstrdup(label);
    x->val[x->n++] = v;
}

static void idx_dispose(seg_idx *x)
{
    size_t i;

    for (i = 0; i < x->n; i++) {
        jl_free(x->key[i]);
        jl_free(x->label[i]);
    }
    jl_free(x->key);
    jl_free(x->label);
    jl_free(x->val);
}

static void seg_indices(seg_idx *x, const jl_view_seg *s)
{
    const jl_seg_two *two = &s->two;
    const jl_seg_multi *mu = &s->multi;
    size_t i;

    memset(x, 0, sizeof *x);
    idx_add(x, "focal_share", _("focal group's share"), two->P);
    idx_add(x, "dissimilarity", _("dissimilarity D"), two->D);
    idx_add(x, "gini", "Gini", two->gini);
    idx_add(x, "isolation", _("isolation xPx"), two->xPx);
    idx_add(x, "exposure", _("exposure xPy"), two->xPy);
    idx_add(x, "theil_h", _("Theil's H"), two->H);
    idx_add(x, "atkinson_0.1", _("Atkinson b = 0.1"), two->atkinson[0]);
    idx_add(x, "atkinson_0.5", _("Atkinson b = 0.5"), two->atkinson[1]);
    idx_add(x, "atkinson_0.9", _("Atkinson b = 0.9"), two->atkinson[2]);
    if (s->has_weights)
        idx_add(x, "morrill_d", _("Morrill's spatial D"), two->morrill);
    idx_add(x, "multi_m", _("mutual information M"), mu->M);
    idx_add(x, "multi_h", _("Theil's H (multigroup) = M/E"), mu->H);
    idx_add(x, "multi_entropy", _("entropy E of the groups"), mu->E);
    idx_add(x, "multi_d", _("multigroup D"), mu->D);
    idx_add(x, "multi_gini", _("multigroup Gini"), mu->gini);
    idx_add(x, "multi_exposure", _("normalised exposure"), mu->exposure);
    idx_add(x, "multi_diversity", _("relative diversity"), mu->diversity);
    if (!s->parts)
        return;
    idx_add(x, "m_between", _("M between parts"), mu->M_between);
    idx_add(x, "m_within", _("M within parts"), mu->M_within);
    idx_add(x, "h_between", _("H between parts"), mu->H_between);
    idx_add(x, "h_within", _("H within parts"), mu->H_within);
    for (i = 0; i < s->nparts; i++) {
        char key[300], lab[300];

        snprintf(key, sizeof key, "m_in_%s", s->parts[i]);
        snprintf(lab, sizeof lab, _("M within %s"), s->parts[i]);
        idx_add(x, key, lab, s->part_M[i]);
        snprintf(key, sizeof key, "share_%s", s->parts[i]);
        snprintf(lab, sizeof lab, _("share of people in %s"), s->parts[i]);
        idx_add(x, key, lab, s->part_share[i]);
    }
}

/* The table of --local: a unit, its people, its local score and a
 * location quotient per group. */
static jl_out *seg_local_out(jl_cli *cli, const char *const *groups, size_t ng)
{
    const char **lid = jl_xmalloc((3 + ng) * sizeof *lid);
    const char **llab = jl_xmalloc((3 + ng) * sizeof *llab);
    char **lqn = jl_xmalloc(ng * sizeof *lqn), **lqlab = jl_xmalloc(ng * sizeof *lqlab);
    jl_out *out;
    size_t g;

    lid[0] = "unit";
    lid[1] = "people";
    lid[2] = "local_M";
    llab[0] = _("unit");
    llab[1] = _("people");
    llab[2] = _("local segregation");
    for (g = 0; g < ng; g++) {
        size_t len = strlen(groups[g]) + 64;

        lqn[g] = jl_xmalloc(strlen(groups[g]) + 4);
        sprintf(lqn[g], "lq_%s", groups[g]);
        lid[3 + g] = lqn[g];
        lqlab[g] = jl_xmalloc(len);
        snprintf(lqlab[g], len, _("quotient %s"), groups[g]);
        llab[3 + g] = lqlab[g];
    }
    out = jl_cli_out(cli, lid, llab, 3 + ng);
    for (g = 1; g < 3 + ng; g++)
        jl_out_align_right(out, g);
    for (g = 0; g < ng; g++) {
        jl_free(lqn[g]);
        jl_free(lqlab[g]);
    }
    jl_free(lqn);
    jl_free(lqlab);
    jl_free(lid);
    jl_free(llab);
    return out;
}

static void seg_render(jl_cli *cli, const jl_view_seg *s, const jl_view_seg_req *rq,
                       const char *groups_opt, int local)
{
    static const char *const ids[] = {"index", "value"};
    const char *labels[] = {_("index"), _("value")};
    jl_out *out;
    char line[1200];
    seg_idx x;
    size_t i, g;

    if (!local) {
        out = jl_cli_out(cli, ids, labels, 2);
        jl_out_align_right(out, 1);
    } else
        out = seg_local_out(cli, rq->groups, rq->ngroups);
    snprintf(line, sizeof line, _("%s: %zu units with people of %zu, groups %s; focal group %s"),
             rq->source, s->multi.units, s->n, groups_opt, rq->groups[s->focal]);
    jl_out_source(out, line);
    jl_out_note(out, _("Natural logarithms (M, local scores; H does not depend on the base). "
                       "Two-group indices: the focal group against all others."));
    if (s->has_weights) {
        snprintf(line, sizeof line, _("Morrill's D: contiguity with %zu links (binary)%s"),
                 s->links,
                 s->links_dropped ? _("; links to units outside the data left out") : "");
        jl_out_note(out, line);
    }
    /* Every index goes into JSON's meta (written before the first row)
     * and, without --local, into the rows. */
    seg_indices(&x, s);
    for (i = 0; i < x.n; i++)
        jl_out_meta_num(out, x.key[i], x.val[i]);
    for (i = 0; !local && i < x.n; i++) {
        jl_out_str(out, jl_format_for_people(cli->format) ? x.label[i] : x.key[i]);
        jl_out_num(out, x.val[i], 4);
        jl_out_row_end(out);
    }
    idx_dispose(&x);
    for (i = 0; local && i < s->n; i++) {
        jl_out_str(out, s->codes[i]);
        jl_out_num(out, s->total[i], 0);
        jl_out_num(out, s->local[i], 4);
        for (g = 0; g < s->ngroups; g++)
            jl_out_num(out, s->lq[i * s->ngroups + g], 3);
        jl_out_row_end(out);
    }
    jl_out_end(out);
}

/* The indices over periods, one row each (indicators@P1,P2,...); nothing
 * when not one period could be computed. */
void jl_cli_seg_time_render(jl_cli *cli, const jl_view_seg_time *t, const jl_view_seg_req *rq)
{
    static const char *const ids[] = {"period",    "units",   "focal_share", "dissimilarity",
                                      "gini",      "isolation", "theil_h",   "multi_m",
                                      "multi_h",   "morrill_d"};
    const char *labels[] = {_("period"),        _("units"),         _("focal group's share"),
                            "D",                "Gini",             "xPx",
                            "H",                "M",                _("H (multigroup)"),
                            _("Morrill's D")};
    char gl[400] = "", line[600];
    size_t i, g, len = 0;
    jl_out *out;

    if (!t->n)
        return;
    out = jl_cli_out(cli, ids, labels, 10);
    for (i = 1; i < 10; i++)
        jl_out_align_right(out, i);
    if (!rq->weights)
        jl_out_table_hide(out, 9);
    for (g = 0; g < rq->ngroups && len + 2 < sizeof gl; g++) {
        snprintf(gl + len, sizeof gl - len, "%s%s", g ? ", " : "", rq->groups[g]);
        len = strlen(gl);
    }
    snprintf(line, sizeof line,
             _("Areas of %s with every figure; groups %s (focal %s); natural logarithms"),
             rq->division, gl, rq->groups[t->focal]);
    jl_out_note(out, line);
    for (i = 0; i < t->n; i++) {
        const jl_view_seg_period *p = &t->p[i];

        jl_out_str(out, p->period);
        jl_out_int(out, (long)p->two.units);
        jl_out_num(out, p->two.P, 4);
        jl_out_num(out, p->two.D, 4);
        jl_out_num(out, p->two.gini, 4);
        jl_out_num(out, p->two.xPx, 4);
        jl_out_num(out, p->two.H, 4);
        jl_out_num(out, p->multi.M, 4);
        jl_out_num(out, p->multi.H, 4);
        jl_out_num(out, p->two.morrill, 4);
        jl_out_row_end(out);
    }
    jl_out_end(out);
}

int cmd_segregation(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_opt o[] = {{"--unit", 1, NULL},     {"--groups", 1, NULL},  {"--group-of", 1, NULL},
                  {"--focal", 1, NULL},    {"--weights", 1, NULL}, {"--weights-file", 1, NULL},
                  {"--planar", 0, NULL},   {"--crs", 1, NULL},     {"--only", 1, NULL},
                  {"--local", 0, NULL},    {"--snap", 1, NULL},    {"--division", 1, NULL}};
    const size_t no = sizeof o / sizeof o[0];
    char *pos[1], *gcopy = NULL, *tok, *save = NULL;
    const char **groups = NULL;
    size_t npos, ng = 0, gcap = 0;
    jl_view_seg_req rq;
    jl_view_seg s;
    jl_view_seg_time t;
    jl_view_seg_kind kind;
    jl_diag dg;
    int rc;

    memset(&s, 0, sizeof s);
    memset(&t, 0, sizeof t);
    memset(&dg, 0, sizeof dg);
    rc = jl_cli_parse(o, no, pos, 1, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    memset(&rq, 0, sizeof rq);
    rq.unit = jl_cli_opt(o, no, "--unit");
    if (npos == 1 && jl_view_seg_kind_of(pos[0]) != JL_SEG_FILE)
        rq.unit = "-";
    if (npos != 1 || !rq.unit || !jl_cli_opt(o, no, "--groups"))
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik segregation SOURCE --unit COL --groups COL,COL[,...] "
                            "[--group-of COL] [--focal GROUP] [--weights queen|...]"));
    gcopy = jl_xstrdup(jl_cli_opt(o, no, "--groups"));
    for (tok = strtok_r(gcopy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        groups = jl_xgrow(groups, &gcap, ng + 1, sizeof *groups);
        groups[ng++] = tok;
    }
    kind = jl_view_seg_kind_of(pos[0]);
    rq.source = pos[0];
    rq.groups = groups;
    rq.ngroups = ng;
    rq.focal = jl_cli_opt(o, no, "--focal");
    rq.group_of = jl_cli_opt(o, no, "--group-of");
    rq.only = jl_cli_opt(o, no, "--only");
    rq.planar = jl_cli_opt(o, no, "--planar") != NULL;
    rq.crs = jl_cli_opt(o, no, "--crs");
    rq.division = jl_cli_opt(o, no, "--division");
    rq.weights = jl_cli_opt(o, no, "--weights");
    rq.snap = jl_cli_opt(o, no, "--snap");
    rq.weights_file = jl_cli_opt(o, no, "--weights-file");
    rq.diag = &dg;
    rc = jl_view_seg_check(&rq, err);
    if (rc == 0 && kind != JL_SEG_FILE)
        rc = jl_cli_spatial_store(cli, err);
    if (rc == 0 && kind == JL_SEG_DB_TIME) {
        /* The periods computed before a failure are shown before it. */
        rc = jl_view_seg_over_time(&t, cli->store, &rq, err);
        jl_cli_seg_time_render(cli, &t, &rq);
    } else if (rc == 0) {
        rc = jl_view_seg_run(&s, cli->store, &rq, err);
        if (dg.n)
            jl_cli_print_diag(&dg);
        if (rc == 0)
            seg_render(cli, &s, &rq, jl_cli_opt(o, no, "--groups"),
                       jl_cli_opt(o, no, "--local") != NULL);
    }
    jl_diag_dispose(&dg);
    jl_view_seg_time_dispose(&t);
    jl_view_seg_dispose(&s);
    jl_free(groups);
    jl_free(gcopy);
    return rc < 0 ? rc : 0;
}
