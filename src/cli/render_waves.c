/*
 * The profile over several waves (profile --wave A,B,...): each cell per
 * wave side by side and the change between consecutive waves with its
 * 95 % interval (view/waves.h), after the small-group rule of each wave.
 */
#include "cli/render.h"
#include "cli/render_int.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/utf8.h"
#include "release/suppress.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- the profile over several waves ---- */

/* Columns: the cell's coordinates, then per wave and per pair of
 * consecutive waves a group. */
enum { W_DIVISION, W_AREA, W_NAME, W_GRADE, W_SEX, W_SCALE, W_KIND, W_CUTOFF, W_HEADLINE, W_FIXED };
enum { WV_NSCORED, WV_PCT, WV_CILO, WV_CIHI, WV_FLAG, WV_REASON, WV_N };
enum { WC_CHANGE, WC_LO, WC_HI, WC_FLAG, WC_N };

#define WAVE_COL(w, j) (W_FIXED + (w) * WV_N + (j))
#define PAIR_COL(nw, w, j) (W_FIXED + (nw) * WV_N + (w) * WC_N + (j))

typedef struct waves_cols {
    size_t n;
    char (*ids)[512];
    char (*labels)[512];
} waves_cols;

static void waves_cols_make(waves_cols *c, const jl_view_waves *v)
{
    static const char *const fixed[W_FIXED] = {"division", "area", "name", "grade", "sex",
                                               "scale", "kind", "cutoff", "headline"};
    static const char *const per_wave[WV_N] = {"n_scored", "pct", "ci_low", "ci_high", "flag",
                                               "reason"};
    static const char *const per_pair[WC_N] = {"change", "change_lo", "change_hi", "change_flag"};
    const char *fixed_l[W_FIXED] = {_("division"), _("area"),    _("name"),
                                    _("grade"),    _("sex"),     _("scale"),
                                    _("kind"),     _("cut-off"), _("headline")};
    const char *wave_l[WV_N] = {_("scored"), _("%"), _("CI low"), _("CI high"), _("flag"),
                                _("reason")};
    const char *pair_l[WC_N] = {NULL, _("CI low"), _("CI high"), _("flag")};
    size_t nw = v->nwaves, i, w, j;

    c->n = W_FIXED + nw * WV_N + (nw - 1) * WC_N;
    c->ids = jl_xcalloc(c->n, sizeof *c->ids);
    c->labels = jl_xcalloc(c->n, sizeof *c->labels);
    for (i = 0; i < W_FIXED; i++) {
        snprintf(c->ids[i], sizeof c->ids[i], "%s", fixed[i]);
        snprintf(c->labels[i], sizeof c->labels[i], "%s", fixed_l[i]);
    }
    for (w = 0; w < nw; w++)
        for (j = 0; j < WV_N; j++) {
            snprintf(c->ids[WAVE_COL(w, j)], sizeof c->ids[0], "%s_%s", per_wave[j],
                     v->t[w].w.name);
            snprintf(c->labels[WAVE_COL(w, j)], sizeof c->labels[0], "%s %s", wave_l[j],
                     v->t[w].w.name);
        }
    for (w = 0; w + 1 < nw; w++)
        for (j = 0; j < WC_N; j++) {
            const char *a = v->t[w].w.name, *b = v->t[w + 1].w.name;

            snprintf(c->ids[PAIR_COL(nw, w, j)], sizeof c->ids[0], "%s_%s_%s", per_pair[j], a, b);
            if (pair_l[j])
                snprintf(c->labels[PAIR_COL(nw, w, j)], sizeof c->labels[0], "%s", pair_l[j]);
            else
                snprintf(c->labels[PAIR_COL(nw, w, j)], sizeof c->labels[0], "%s–%s", a, b);
        }
}

static void waves_cols_dispose(waves_cols *c)
{
    jl_free(c->ids);
    jl_free(c->labels);
}

/* The cells of one row, one per wave, as shown; an
 * absent cell (the wave has no such area, scale or cut-off) has status
 * JL_CELL_SUPPRESSED and reason JL_REASON_NONE. */
static int waves_cells(jl_cell *c, const jl_view_waves *v, size_t ai, size_t g, size_t s,
                       const jl_scale *sc, size_t q, jl_err *err)
{
    size_t w;

    for (w = 0; w < v->nwaves; w++) {
        int rc = jl_view_waves_cell(&c[w], v, w, v->codes[ai], g, s, sc->id, sc->cut[q].name,
                                    err);

        if (rc == JL_ENOTFOUND) {
            c[w].status = JL_CELL_SUPPRESSED;
            c[w].pct = c[w].ci_low = c[w].ci_high = NAN;
            continue;
        }
        if (rc < 0)
            return rc;
    }
    return 0;
}

static int waves_row(jl_cli *cli, jl_out *o, const jl_view_waves *v, size_t ai, size_t g,
                     size_t s, const jl_scale *sc, size_t q, const jl_cli_prof_fit *pf,
                     size_t *nsup, jl_err *err)
{
    jl_cell c[JL_MAX_WAVES_COMPARED];
    char nb[256], sb[256], fb[128];
    int table = cli->format == JL_FMT_TABLE, city = v->t[0].norm_city, rc;
    size_t w;

    rc = waves_cells(c, v, ai, g, s, sc, q, err);
    if (rc < 0)
        return rc;
    for (w = 0; w < v->nwaves; w++)
        *nsup += c[w].reason != JL_REASON_NONE;
    jl_out_str(o, v->t[0].division);
    jl_out_str(o, v->codes[ai]);
    jl_out_str(o, table ? jl_cli_fit(nb, sizeof nb, v->names[ai], pf->name_w) : v->names[ai]);
    jl_out_str(o, g == JL_NGRADES ? "T" : jl_grade_name((int)g));
    jl_out_str(o, s == JL_NSEXES ? "T" : jl_sex_name((int)s));
    jl_out_str(o, jl_cli_scale_text(sb, sizeof sb, cli, sc, pf));
    jl_out_str(o, jl_cli_word(cli, jl_kind_name(sc->kind)));
    jl_out_str(o, sc->cut[q].name);
    jl_out_bool(o, sc->cut[q].headline);
    for (w = 0; w < v->nwaves; w++) {
        if (c[w].status != JL_CELL_SUPPRESSED)
            jl_out_int(o, c[w].n_scored);
        else
            jl_out_empty(o);
        jl_out_num(o, c[w].pct, 1);
        jl_out_num(o, c[w].ci_low, 1);
        jl_out_num(o, c[w].ci_high, 1);
        jl_out_str(o, c[w].status != JL_CELL_SUPPRESSED
                          ? jl_cli_flag_word(cli, jl_flag_verdict(c[w].flag, sc->kind), city)
                          : NULL);
        jl_out_str(o, jl_format_for_people(cli->format) ? jl_release_reason_text(c[w].reason)
                                                        : jl_release_reason_code(c[w].reason));
    }
    for (w = 0; w + 1 < v->nwaves; w++) {
        jl_cell_change ch;

        rc = jl_cell_change_of(&ch, &c[w], &c[w + 1], sc->kind, err);
        if (rc < 0)
            return rc;
        jl_out_num(o, ch.diff, 1);
        jl_out_num(o, ch.lo, 1);
        jl_out_num(o, ch.hi, 1);
        jl_out_str(o, jl_cli_change_word(cli, fb, sizeof fb, ch.verdict, v->t[w].w.name));
    }
    jl_out_row_end(o);
    return 0;
}

/* Hides what a 120-column table leaves out and sizes the names. */
static void waves_layout(jl_out *o, jl_cli_prof_fit *pf, jl_cli *cli, const jl_view_waves *v,
                         const jl_cli_prof_opts *po, const waves_cols *wc)
{
    jl_cli_width_budget b = {0, 0};
    size_t code_w, name_w, scale_w, id_w, cut_w, w, i, flag_w = 0, ci_w = 0;
    const jl_cell_table *last = &v->t[v->nwaves - 1];
    jl_cli_prof_opts one = *po;
    char fb[128];

    if (cli->format != JL_FMT_TABLE || cli->wide)
        return;
    jl_out_table_hide(o, W_DIVISION);
    jl_out_table_hide(o, W_KIND);
    jl_out_table_hide(o, W_HEADLINE);
    if (!po->by_grade)
        jl_out_table_hide(o, W_GRADE);
    if (!po->by_sex)
        jl_out_table_hide(o, W_SEX);
    if (po->headline_only)
        jl_out_table_hide(o, W_CUTOFF);
    for (w = 0; w < v->nwaves; w++)
        for (i = 0; i < WV_N; i++)
            if (i != WV_PCT)
                jl_out_table_hide(o, WAVE_COL(w, i));
    one.area = NULL;
    jl_cli_prof_needs(last, &one, &code_w, &name_w, &scale_w, &id_w, &cut_w);
    name_w = 0;
    code_w = 0;
    for (i = 0; i < v->nareas; i++)
        if (!po->area || !strcmp(v->codes[i], po->area)) {
            code_w = jl_cli_max_z(code_w, jl_utf8_width(v->codes[i]));
            if (v->names[i])
                name_w = jl_cli_max_z(name_w, jl_utf8_width(v->names[i]));
        }
    /* One area: its name goes into a note above the table. */
    if (po->area)
        name_w = 0;
    if (name_w == 0)
        jl_out_table_hide(o, W_NAME);
    jl_cli_budget_add(&b, wc->labels[W_AREA], code_w);
    if (po->by_grade)
        jl_cli_budget_add(&b, wc->labels[W_GRADE], 3);
    if (po->by_sex)
        jl_cli_budget_add(&b, wc->labels[W_SEX], 1);
    if (!po->headline_only)
        jl_cli_budget_add(&b, wc->labels[W_CUTOFF], cut_w);
    for (w = 0; w < v->nwaves; w++)
        jl_cli_budget_add(&b, wc->labels[WAVE_COL(w, WV_PCT)], 5);
    for (w = 0; w + 1 < v->nwaves; w++) {
        flag_w = jl_cli_max_z(
            jl_utf8_width(jl_cli_change_word(cli, fb, sizeof fb, JL_VERDICT_WORSE, v->t[w].w.name)),
            jl_utf8_width(jl_cli_change_word(cli, fb, sizeof fb, JL_VERDICT_BETTER, v->t[w].w.name)));
        jl_cli_budget_add(&b, wc->labels[PAIR_COL(v->nwaves, w, WC_CHANGE)], 6);
        jl_cli_budget_add(&b, wc->labels[PAIR_COL(v->nwaves, w, WC_FLAG)], flag_w);
        ci_w += jl_utf8_width(wc->labels[PAIR_COL(v->nwaves, w, WC_LO)]) +
                jl_utf8_width(wc->labels[PAIR_COL(v->nwaves, w, WC_HI)]) + 4;
    }
    /* The changes' intervals where they fit beside names of a readable
     * width (the flag says whether an interval excludes 0); --wide shows
     * them always. */
    if (b.used + 2 * (b.ncols + 1) + ci_w + 24 <= TABLE_WIDTH) {
        for (w = 0; w + 1 < v->nwaves; w++) {
            jl_cli_budget_add(&b, wc->labels[PAIR_COL(v->nwaves, w, WC_LO)], 6);
            jl_cli_budget_add(&b, wc->labels[PAIR_COL(v->nwaves, w, WC_HI)], 6);
        }
    } else {
        for (w = 0; w + 1 < v->nwaves; w++) {
            jl_out_table_hide(o, PAIR_COL(v->nwaves, w, WC_LO));
            jl_out_table_hide(o, PAIR_COL(v->nwaves, w, WC_HI));
        }
    }
    jl_cli_fit_names(pf, &b, wc->labels[W_NAME], name_w, wc->labels[W_SCALE], scale_w, id_w);
}

int jl_cli_profile_waves_render(jl_cli *cli, const jl_view_waves *v, const jl_cli_prof_opts *po,
                                jl_err *err)
{
    const jl_cell_table *last = &v->t[v->nwaves - 1];
    const char **ids, **labels;
    char line[512], names[256];
    size_t ai, g, s, k, q, i, at = 0, nsup = 0;
    waves_cols wc;
    jl_cli_prof_fit pf = {1024, 1024, 0, 0};
    jl_out *o;
    int rc = 0, synthetic = 0;

    waves_cols_make(&wc, v);
    ids = jl_xcalloc(wc.n, sizeof *ids);
    labels = jl_xcalloc(wc.n, sizeof *labels);
    for (i = 0; i < wc.n; i++) {
        ids[i] = wc.ids[i];
        labels[i] = wc.labels[i];
    }
    o = jl_cli_out(cli, ids, labels, wc.n);
    if (v->t[0].unprotected)
        jl_out_unprotected(o);
    /* Numbers right, words left. */
    for (i = W_FIXED; i < wc.n; i++)
        if (i < PAIR_COL(v->nwaves, 0, 0) ? (i - W_FIXED) % WV_N < WV_FLAG
                                          : (i - PAIR_COL(v->nwaves, 0, 0)) % WC_N < WC_FLAG)
            jl_out_align_right(o, i);
    for (i = 0; i < v->nwaves; i++) {
        synthetic |= v->t[i].w.synthetic;
        at += (size_t)snprintf(names + at, sizeof names - at, "%s%s", i ? ", " : "",
                               v->t[i].w.name);
        if (at >= sizeof names)
            at = sizeof names - 1;
    }
    if (synthetic)
        jl_cli_synthetic_note(o);
    if (cli->format == JL_FMT_TABLE) {
        snprintf(line, sizeof line, _("Division %s, waves %s, instrument %s, cut-offs %s."),
                 last->division, names, last->in->id, last->cutset);
        jl_out_note(o, line);
        for (i = 0; po->area && i < v->nareas; i++)
            if (!strcmp(v->codes[i], po->area) && v->names[i]) {
                snprintf(line, sizeof line, _("Area %s: %s."), po->area, v->names[i]);
                jl_out_note(o, line);
            }
        if (last->norm_city)
            jl_out_note(o, _("Norm: the whole wave's share (the city, same wave)."));
    }
    jl_out_note(o, _("Change: points from one wave to the next with a 95 % interval (Newcombe); "
                     "flagged where it excludes 0."));
    jl_cli_adjust_note(o, last);
    jl_out_meta(o, "instrument", last->in->id);
    jl_out_meta(o, "cutoffs", last->cutset);
    jl_out_meta(o, "synthetic", synthetic ? "true" : "false");
    waves_layout(o, &pf, cli, v, po, &wc);
    for (ai = 0; ai < v->nareas && rc == 0; ai++) {
        if (po->area && strcmp(v->codes[ai], po->area))
            continue;
        for (g = 0; g <= JL_NGRADES && rc == 0; g++) {
            if (g < JL_NGRADES && (!po->by_grade || !v->grade_present[g]))
                continue;
            for (s = 0; s <= JL_NSEXES && rc == 0; s++) {
                if (s < JL_NSEXES && !po->by_sex)
                    continue;
                for (k = 0; k < last->in->nscales && rc == 0; k++)
                    for (q = 0; q < last->in->scales[k].ncut && rc == 0; q++)
                        if (!po->headline_only || last->in->scales[k].cut[q].headline)
                            rc = waves_row(cli, o, v, ai, g, s, &last->in->scales[k], q, &pf,
                                           &nsup, err);
            }
        }
    }
    /* A table's notes are written with it, at its end: a blank share
     * says why here. */
    if (nsup && cli->format == JL_FMT_TABLE && !cli->wide)
        jl_cli_hidden_note(o, last);
    jl_out_end(o);
    jl_free(ids);
    jl_free(labels);
    waves_cols_dispose(&wc);
    return rc;
}

