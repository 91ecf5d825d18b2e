/*
 * The renderers of the survey's results: the profile of one wave, the
 * profile over several waves, and priorities. Each writes a view's cells
 * (view/cells.h, view/waves.h, view/priorities.h) after the small-group
 * rule of release/suppress.h, as a table for people or as CSV and JSON
 * with fixed column names and codes (docs/output-codes.md).
 *
 * Tables fit a 120-column terminal: columns that repeat a note or that
 * a reader of a table seldom needs are left out unless --wide, and the
 * names of areas and scales share the width that is left (cut with "…").
 */
#include "cli/render.h"
#include "cli/render_int.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/num.h"
#include "core/utf8.h"
#include "release/suppress.h"
#include "view/profile.h"

#include <math.h>
#include <stdio.h>
#include <string.h>



/* A hidden cell's reason in the table's flag column: the web's short
 * phrase ("dold" for a protected table's, which the note under the
 * table explains: the long phrase took the width the scales' names
 * need, and the table fell back to their ids). */
static const char *table_reason(jl_cell_reason r)
{
    return jl_release_reason_short(r);
}

/* A flag against the norm (or the city): the code in files, the words in
 * a table. */
const char *jl_cli_flag_word(const jl_cli *cli, jl_verdict v, int city)
{
    if (!jl_format_for_people(cli->format))
        return jl_verdict_code(v);
    if (v == JL_VERDICT_WORSE)
        return city ? _("worse than the city") : _("worse than the norm");
    if (v == JL_VERDICT_BETTER)
        return city ? _("better than the city") : _("better than the norm");
    return NULL;
}

/* A change since wave since: the code in files, the words in a table. */
const char *jl_cli_change_word(const jl_cli *cli, char *buf, size_t len, jl_verdict v,
                               const char *since)
{
    if (!jl_format_for_people(cli->format) || v == JL_VERDICT_NONE)
        return jl_verdict_code(v);
    snprintf(buf, len, v == JL_VERDICT_WORSE ? _("worse than %s") : _("better than %s"), since);
    return buf;
}

size_t jl_cli_max_z(size_t a, size_t b)
{
    return a > b ? a : b;
}

/* s cut to at most w display columns, ending in "…" when cut (one column
 * per code point: names here are Swedish and English text). */
const char *jl_cli_fit(char *buf, size_t len, const char *s, size_t w)
{
    size_t i = 0, cols = 0, n;

    if (!s || jl_utf8_width(s) <= w)
        return s;
    n = strlen(s);
    while (i < n && cols + 1 < w) {
        uint32_t cp;
        size_t step = jl_utf8_decode(&cp, (const unsigned char *)s + i, n - i);

        if (step == 0)
            break;
        i += step;
        cols++;
    }
    snprintf(buf, len, "%.*s…", (int)i, s);
    return buf;
}


void jl_cli_budget_add(jl_cli_width_budget *b, const char *label, size_t data)
{
    b->used += jl_cli_max_z(jl_utf8_width(label), data);
    b->ncols++;
}

/* Splits what is left among two flexible columns that need need_a and
 * need_b (0: not shown) with labels la, lb: the smaller need first if it
 * gets no more than half, at least 8 each. */
void jl_cli_budget_split(const jl_cli_width_budget *b, const char *la, size_t need_a, const char *lb,
                         size_t need_b, size_t *wa, size_t *wb)
{
    size_t n = b->ncols + (need_a > 0) + (need_b > 0);
    size_t sep = n ? 2 * (n - 1) : 0, left;

    left = TABLE_WIDTH > b->used + sep ? TABLE_WIDTH - b->used - sep : 0;
    need_a = need_a ? jl_cli_max_z(need_a, jl_utf8_width(la)) : 0;
    need_b = need_b ? jl_cli_max_z(need_b, jl_utf8_width(lb)) : 0;
    if (need_a + need_b <= left) {
        *wa = need_a;
        *wb = need_b;
    } else if (!need_a || !need_b) {
        *wa = need_a ? left : 0;
        *wb = need_b ? left : 0;
    } else if (need_a <= need_b && need_a <= left / 2) {
        *wa = need_a;
        *wb = left - need_a;
    } else if (need_b < need_a && need_b <= left / 2) {
        *wb = need_b;
        *wa = left - need_b;
    } else {
        *wa = left / 2;
        *wb = left - left / 2;
    }
    *wa = need_a ? jl_cli_max_z(*wa, 8) : 0;
    *wb = need_b ? jl_cli_max_z(*wb, 8) : 0;
}

size_t jl_cli_digits(long v)
{
    char b[32];

    return (size_t)snprintf(b, sizeof b, "%ld", v);
}

/* The note that says how the flags were tested, in every format. */
void jl_cli_adjust_note(jl_out *o, const jl_cell_table *t)
{
    char line[512];

    if (t->adjust == JL_CELLS_UNADJUSTED)
        snprintf(line, sizeof line,
                 _("Flags: the 95 %% interval lies wholly above or below the norm, not adjusted "
                   "for many comparisons (--adjust none)."));
    else
        snprintf(line, sizeof line,
                 _("Flags: adjusted by Benjamini-Hochberg (5 %% false discovery rate) over %zu "
                   "cells at headline cut-offs, %zu at others."),
                 t->nfamily[0], t->nfamily[1]);
    jl_out_note(o, line);
    jl_out_meta(o, "adjust", t->adjust == JL_CELLS_UNADJUSTED ? "none" : "bh");
}

/* ---- the profile of one wave ---- */

enum {
    P_DIVISION, P_AREA, P_NAME, P_WAVE, P_GRADE, P_SEX, P_SCALE, P_KIND, P_CUTOFF,
    P_HEADLINE, P_N, P_NSCORED, P_K, P_PCT, P_CILO, P_CIHI, P_NORM, P_NORMSRC, P_DIFF, P_P,
    P_PADJ, P_FLAG, P_STATUS, P_REASON, P_NCOLS
};


static void prof_row(jl_cli *cli, jl_out *o, const jl_cell_table *t, const jl_cell *c,
                     const char *name, const jl_cli_prof_fit *pf)
{
    const jl_scale *sc = &t->in->scales[jl_instrument_scale(t->in, c->scale)];
    char nb[256], sb[256];
    int table = cli->format == JL_FMT_TABLE;

    jl_out_str(o, c->division);
    jl_out_str(o, c->area);
    jl_out_str(o, table ? jl_cli_fit(nb, sizeof nb, name, pf->name_w) : name);
    jl_out_str(o, c->wave);
    jl_out_str(o, c->grade);
    jl_out_str(o, c->sex);
    jl_out_str(o, jl_cli_scale_text(sb, sizeof sb, cli, sc, pf));
    jl_out_str(o, jl_cli_word(cli, c->kind));
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
                  : c->norm_of == JL_NORM_CITY ? jl_cli_word(cli, N_("the city, same wave"))
                                               : c->norm_source);
    jl_out_num(o, c->diff, 1);
    jl_out_num(o, c->p, 4);
    jl_out_num(o, c->p_adj, 4);
    jl_out_str(o, pf->status_in_flag && c->status == JL_CELL_SUPPRESSED
                      ? table_reason(c->reason)
                      : jl_cli_flag_word(cli, jl_flag_verdict(c->flag, sc->kind), t->norm_city));
    jl_out_str(o, jl_cli_word(cli, c->status == JL_CELL_OK           ? N_("ok")
                                   : c->status == JL_CELL_SUPPRESSED ? N_("suppressed")
                                                                     : N_("unprotected")));
    jl_out_str(o, jl_format_for_people(cli->format) ? jl_release_reason_text(c->reason)
                                                    : jl_release_reason_code(c->reason));
    jl_out_row_end(o);
}

void jl_cli_hidden_note(jl_out *o, const jl_cell_table *t)
{
    char line[400];
    long mc = t->rules.min_count > 0 ? t->rules.min_count : JL_RELEASE_MIN_COUNT;

    /* protected: a hidden cell does not say which rule hid it (export.h) */
    if (t->hide)
        jl_out_note(o, _("Hidden: too few answers, or to protect another hidden cell that could "
                         "otherwise be worked out from the totals."));
    snprintf(line, sizeof line,
             _("Too few answers: fewer than %lu scored in the group, fewer than %ld reaching "
               "the cut-off (or not), or all of them."),
             t->rules.min_n, mc);
    jl_out_note(o, line);
    if (t->hide)
        jl_out_note(o, _("Which it is, is not said: that would tell how many answered which way."));
}

void jl_cli_fit_names(jl_cli_prof_fit *pf, const jl_cli_width_budget *b, const char *la,
                      size_t name_w, const char *ls, size_t scale_w, size_t id_w)
{
    jl_cli_budget_split(b, la, name_w, ls, scale_w, &pf->name_w, &pf->scale_w);
    /* A cut name reads worse than the scale's id (Utagerande,
     * SkolaNegativ): the ids where they fit and the names would not. */
    if (pf->scale_w < jl_cli_max_z(scale_w, jl_utf8_width(ls)) && id_w < scale_w) {
        pf->ids = 1;
        jl_cli_budget_split(b, la, name_w, ls, id_w, &pf->name_w, &pf->scale_w);
    }
}

const char *jl_cli_scale_text(char *buf, size_t len, const jl_cli *cli, const jl_scale *sc,
                              const jl_cli_prof_fit *pf)
{
    /* People read the scale's name; files keep its id. */
    if (!jl_format_for_people(cli->format) || !sc->name || pf->ids)
        return sc->id;
    if (cli->format != JL_FMT_TABLE)
        return sc->name; /* csv-sv and xlsx: whole, for a spreadsheet's columns */
    return jl_cli_fit(buf, len, sc->name, pf->scale_w);
}

static int prof_area_shown(const jl_cell_table *t, size_t ai, const jl_cli_prof_opts *po)
{
    return !po->area || !strcmp(t->codes[ai], po->area);
}

/* Every cell the options ask for, in order (area, grade, sex, scale,
 * cut-off), to o (NULL: only counted); *suppressed counts those the
 * small-group rule hides, *verdicts gets bit 1 << v for each verdict v
 * of a shown cell. */
static int prof_rows(jl_out *o, jl_cli *cli, const jl_cell_table *t, const jl_cli_prof_opts *po,
                     const jl_cli_prof_fit *pf, size_t *suppressed, unsigned *verdicts,
                     jl_err *err)
{
    size_t ai, g, s, k, q;

    for (ai = 0; ai < t->nareas; ai++) {
        if (!prof_area_shown(t, ai, po))
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
                        rc = jl_cell_table_shown(&c, t, (long)ai, g, s, k, q, err);
                        if (rc < 0)
                            return rc;
                        *suppressed += c.status == JL_CELL_SUPPRESSED;
                        *verdicts |= 1u << jl_flag_verdict(c.flag, t->in->scales[k].kind);
                        if (o)
                            prof_row(cli, o, t, &c, t->names ? t->names[ai] : NULL, pf);
                    }
            }
        }
    }
    return 0;
}

/* The widest area code and name, scale name and cut-off the table shows. */
void jl_cli_prof_needs(const jl_cell_table *t, const jl_cli_prof_opts *po, size_t *code_w,
                       size_t *name_w, size_t *scale_w, size_t *id_w, size_t *cut_w)
{
    size_t ai, k, q;

    *code_w = *name_w = *scale_w = *id_w = *cut_w = 0;
    for (ai = 0; ai < t->nareas; ai++) {
        if (!prof_area_shown(t, ai, po))
            continue;
        *code_w = jl_cli_max_z(*code_w, jl_utf8_width(t->codes[ai]));
        if (t->names && t->names[ai])
            *name_w = jl_cli_max_z(*name_w, jl_utf8_width(t->names[ai]));
    }
    for (k = 0; k < t->in->nscales; k++) {
        const jl_scale *sc = &t->in->scales[k];

        *scale_w = jl_cli_max_z(*scale_w, jl_utf8_width(sc->name ? sc->name : sc->id));
        *id_w = jl_cli_max_z(*id_w, jl_utf8_width(sc->id));
        for (q = 0; q < sc->ncut; q++)
            *cut_w = jl_cli_max_z(*cut_w, jl_utf8_width(sc->cut[q].name));
    }
}

/* Which columns a table leaves out unless --wide, and how wide the names
 * may be. */
static void prof_layout(jl_out *o, jl_cli_prof_fit *pf, jl_cli *cli, const jl_cell_table *t,
                        const jl_cli_prof_opts *po, const char *const *labels, size_t nsup,
                        unsigned verdicts)
{
    static const int secondary[] = {P_DIVISION, P_WAVE, P_KIND, P_HEADLINE, P_N, P_K, P_NORMSRC,
                                    P_DIFF,     P_P,    P_PADJ, P_STATUS,   P_REASON};
    jl_cli_width_budget b = {0, 0};
    size_t code_w, name_w, scale_w, id_w, cut_w, i, flag_w;
    int city = t->norm_city;

    if (cli->format != JL_FMT_TABLE || cli->wide)
        return;
    /* A status says "ok" on nearly every row: a suppressed cell says so
     * in the flag column instead (it has no flag), the note above says
     * why; CSV and JSON keep both columns. */
    pf->status_in_flag = 1;
    for (i = 0; i < sizeof secondary / sizeof secondary[0]; i++)
        jl_out_table_hide(o, (size_t)secondary[i]);
    if (!po->by_grade)
        jl_out_table_hide(o, P_GRADE);
    if (!po->by_sex)
        jl_out_table_hide(o, P_SEX);
    if (po->headline_only)
        jl_out_table_hide(o, P_CUTOFF);
    jl_cli_prof_needs(t, po, &code_w, &name_w, &scale_w, &id_w, &cut_w);
    /* One area: its name goes into a note above the table. */
    if (po->area)
        name_w = 0;
    if (name_w == 0)
        jl_out_table_hide(o, P_NAME);
    jl_cli_budget_add(&b, labels[P_AREA], code_w);
    if (po->by_grade)
        jl_cli_budget_add(&b, labels[P_GRADE], 3);
    if (po->by_sex)
        jl_cli_budget_add(&b, labels[P_SEX], 1);
    if (!po->headline_only)
        jl_cli_budget_add(&b, labels[P_CUTOFF], cut_w);
    jl_cli_budget_add(&b, labels[P_NSCORED],
                      jl_cli_digits((long)t->city.n[jl_counts_group(&t->city, 0, t->city.ngrades,
                                                                    t->city.nsexes)]));
    for (i = P_PCT; i <= P_NORM; i++)
        jl_cli_budget_add(&b, labels[i], 5);
    /* The flag column is as wide as the words it holds. */
    flag_w = 0;
    if (verdicts & 1u << JL_VERDICT_WORSE)
        flag_w = jl_utf8_width(jl_cli_flag_word(cli, JL_VERDICT_WORSE, city));
    if (verdicts & 1u << JL_VERDICT_BETTER)
        flag_w = jl_cli_max_z(flag_w, jl_utf8_width(jl_cli_flag_word(cli, JL_VERDICT_BETTER, city)));
    /* a suppressed cell's reason stands there in words (prof_row) */
    if (nsup)
        flag_w = jl_cli_max_z(flag_w, jl_utf8_width(jl_release_reason_short(JL_REASON_SMALL_GROUP)));
    if (nsup && t->hide)
        flag_w = jl_cli_max_z(flag_w, jl_utf8_width(table_reason(JL_REASON_CONFIDENTIAL)));
    jl_cli_budget_add(&b, labels[P_FLAG], flag_w);
    jl_cli_fit_names(pf, &b, labels[P_NAME], name_w, labels[P_SCALE], scale_w, id_w);
}

int jl_cli_profile_render(jl_cli *cli, const jl_cell_table *t, const jl_cli_prof_opts *po,
                          jl_err *err)
{
    static const char *const ids[P_NCOLS] = {
        "division", "area",     "name",     "wave",        "grade",  "sex",
        "scale",    "kind",     "cutoff",   "headline",    "n",      "n_scored",
        "k",        "pct",      "ci_low",   "ci_high",     "norm_pct", "norm_source",
        "diff",     "p",        "p_adj",    "flag",        "status", "reason"};
    const char *labels[P_NCOLS] = {
        _("division"), _("area"),    _("name"),     _("wave"),       _("grade"),  _("sex"),
        _("scale"),    _("kind"),    _("cut-off"),  _("headline"),   _("n"),      _("scored"),
        _("k"),        _("%"),       _("CI low"),   _("CI high"),    _("norm %"), _("norm source"),
        _("diff"),     _("p"),       _("p adjusted"), _("flag"),     _("status"), _("reason")};
    size_t col, nsup = 0;
    unsigned verdicts = 0;
    jl_cli_prof_fit pf = {1024, 1024, 0, 0};
    jl_out *o;
    int rc;

    o = jl_cli_out(cli, ids, labels, P_NCOLS);
    if (t->unprotected)
        jl_out_unprotected(o);
    for (col = P_N; col <= P_PADJ; col++)
        if (col != P_NORMSRC)
            jl_out_align_right(o, col);
    if (t->w.synthetic)
        jl_cli_synthetic_note(o);
    /* A table is read by people: what is the same on every row goes into
     * one line above it, so the rest fits a terminal. */
    if (cli->format == JL_FMT_TABLE) {
        char line[512];

        snprintf(line, sizeof line, _("Division %s, wave %s, instrument %s, cut-offs %s."),
                 t->division, t->w.name, t->in->id, t->cutset);
        jl_out_note(o, line);
        if (po->area) {
            long ai = jl_cell_table_area(t, po->area);

            if (ai >= 0 && t->names && t->names[ai]) {
                snprintf(line, sizeof line, _("Area %s: %s."), po->area, t->names[ai]);
                jl_out_note(o, line);
            }
        }
        if (t->norm_city)
            jl_out_note(o, _("Norm: the whole wave's share (the city, same wave)."));
    }
    jl_cli_adjust_note(o, t);
    rc = prof_rows(NULL, cli, t, po, &pf, &nsup, &verdicts, err);
    if (rc < 0) {
        jl_out_end(o);
        return rc;
    }
    prof_layout(o, &pf, cli, t, po, labels, nsup, verdicts);
    if (nsup && cli->format == JL_FMT_TABLE && !cli->wide)
        jl_cli_hidden_note(o, t);
    nsup = 0;
    jl_out_meta(o, "instrument", t->in->id);
    jl_out_meta(o, "cutoffs", t->cutset);
    jl_out_meta(o, "synthetic", t->w.synthetic ? "true" : "false");
    rc = prof_rows(o, cli, t, po, &pf, &nsup, &verdicts, err);
    jl_out_end(o);
    return rc;
}

/* ---- priorities ---- */

enum {
    R_RANK, R_SCALE, R_NAME, R_KIND, R_CUTOFF, R_PCT, R_NORM, R_EXCESS, R_GFLAGGED, R_GSHOWN,
    R_PREVWAVE, R_PREVPCT, R_CHANGE, R_CHLO, R_CHHI, R_CHFLAG, R_REASON, R_NCOLS
};

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
                 p->worse    ? _("; worse than %s (%s %%)")
                 : p->better ? _("; better than %s (%s %%)")
                             : _("; no clear change since %s (%s %%)"),
                 p->prev_wave, d);
    }
}

/* A factor is a priority when it is worse than the norm as shown
 * (stats/priorities.h): an excess of "0,0" points is none. */
static int prio_listed(const jl_prio *p)
{
    return p->priority;
}

static void prio_row(jl_cli *cli, jl_out *o, const jl_prio *p, size_t rank, size_t name_w)
{
    char reason[512], nb[256], fb[128];

    prio_reason(reason, sizeof reason, p);
    jl_out_int(o, (long)rank);
    jl_out_str(o, p->scale);
    jl_out_str(o, cli->format == JL_FMT_TABLE ? jl_cli_fit(nb, sizeof nb, p->label, name_w) : p->label);
    jl_out_str(o, jl_cli_word(cli, p->protective ? N_("protective") : N_("risk")));
    jl_out_str(o, p->cutoff);
    jl_out_num(o, p->pct, 1);
    jl_out_num(o, p->norm_pct, 1);
    jl_out_num(o, p->excess, 1);
    jl_out_int(o, p->grades_flagged);
    jl_out_int(o, p->grades_shown);
    jl_out_str(o, isnan(p->prev_pct) ? NULL : p->prev_wave);
    jl_out_num(o, p->prev_pct, 1);
    jl_out_num(o, isnan(p->prev_pct) ? (double)NAN : p->pct - p->prev_pct, 1);
    jl_out_num(o, p->delta_lo, 1);
    jl_out_num(o, p->delta_hi, 1);
    jl_out_str(o, isnan(p->prev_pct) ? NULL
                                     : jl_cli_change_word(cli, fb, sizeof fb,
                                                   p->worse    ? JL_VERDICT_WORSE
                                                   : p->better ? JL_VERDICT_BETTER
                                                               : JL_VERDICT_NONE,
                                                   p->prev_wave));
    jl_out_str(o, reason);
    jl_out_row_end(o);
}

/* Hides what a 120-column table leaves out; returns the name's width. */
static size_t prio_layout(jl_out *o, jl_cli *cli, const jl_prio_list *l, long top,
                          const char *prev, const char *const *labels)
{
    static const int secondary[] = {R_SCALE, R_CUTOFF, R_GSHOWN, R_PREVWAVE,
                                    R_CHLO,  R_CHHI,   R_REASON};
    jl_cli_width_budget b = {0, 0};
    size_t i, need = 0, kind_w = 0, flag_w = 0, w, unused;
    char fb[128];

    if (cli->format != JL_FMT_TABLE || cli->wide)
        return 1024;
    for (i = 0; i < sizeof secondary / sizeof secondary[0]; i++)
        jl_out_table_hide(o, (size_t)secondary[i]);
    if (!prev) {
        jl_out_table_hide(o, R_PREVPCT);
        jl_out_table_hide(o, R_CHANGE);
        jl_out_table_hide(o, R_CHFLAG);
    }
    /* Only the rows listed decide the widths. */
    for (i = 0; i < l->n && (long)i < top && prio_listed(&l->p[i]); i++) {
        const jl_prio *p = &l->p[i];

        need = jl_cli_max_z(need, jl_utf8_width(p->label));
        kind_w = jl_cli_max_z(kind_w, jl_utf8_width(p->protective ? _("protective") : _("risk")));
        if (p->worse || p->better)
            flag_w = jl_cli_max_z(flag_w, jl_utf8_width(jl_cli_change_word(
                                              cli, fb, sizeof fb,
                                              p->worse ? JL_VERDICT_WORSE : JL_VERDICT_BETTER,
                                              p->prev_wave)));
    }
    jl_cli_budget_add(&b, labels[R_RANK], 3);
    jl_cli_budget_add(&b, labels[R_KIND], kind_w);
    for (i = R_PCT; i <= R_GFLAGGED; i++)
        jl_cli_budget_add(&b, labels[i], 5);
    if (prev) {
        jl_cli_budget_add(&b, labels[R_PREVPCT], 5);
        jl_cli_budget_add(&b, labels[R_CHANGE], 5);
        jl_cli_budget_add(&b, labels[R_CHFLAG], flag_w);
    }
    jl_cli_budget_split(&b, labels[R_NAME], need, NULL, 0, &w, &unused);
    return w;
}

void jl_cli_priorities_render(jl_cli *cli, const jl_cell_table *t, const jl_prio_list *l,
                              const char *area, long top)
{
    static const char *const ids[R_NCOLS] = {
        "rank",      "scale",    "name",   "kind",      "cutoff",    "pct",
        "norm_pct",  "excess",   "grades_flagged", "grades_shown", "prev_wave", "prev_pct",
        "change",    "change_lo", "change_hi", "change_flag", "reason"};
    const char *labels[R_NCOLS] = {
        _("rank"),          _("scale"),         _("name"),          _("kind"),
        _("cut-off"),       _("%"),             _("norm %"),        _("excess"),
        _("flagged grades"), _("grades shown"), _("previous wave"), _("previous %"),
        _("change"),        _("CI low"),        _("CI high"),       _("flag"),
        _("reason")};
    jl_out *o = jl_cli_out(cli, ids, labels, R_NCOLS);
    const char *prev = NULL;
    char head[512];
    size_t k, shown = 0, name_w;

    if (t->unprotected)
        jl_out_unprotected(o);

    for (k = R_RANK; k <= R_CHHI; k++)
        if (k != R_SCALE && k != R_NAME && k != R_KIND && k != R_CUTOFF && k != R_PREVWAVE)
            jl_out_align_right(o, k);
    if (t->w.synthetic)
        jl_cli_synthetic_note(o);
    snprintf(head, sizeof head, _("Priorities for area %s (%s), wave %s"), area, t->division,
             t->w.name);
    jl_out_note(o, head);
    for (k = 0; k < l->n; k++)
        if (!isnan(l->p[k].prev_pct))
            prev = l->p[k].prev_wave;
    if (prev) {
        snprintf(head, sizeof head,
                 _("Change since %s in points; worse or better only where its 95 %% interval "
                   "excludes 0."),
                 prev);
        jl_out_note(o, head);
    }
    jl_cli_adjust_note(o, t);
    name_w = prio_layout(o, cli, l, top, prev, labels);
    for (k = 0; k < l->n && (long)shown < top; k++) {
        if (!prio_listed(&l->p[k]))
            break;
        prio_row(cli, o, &l->p[k], ++shown, name_w);
    }
    if (shown == 0)
        jl_out_note(o, _("No factor is worse than the norm in this area."));
    else if ((long)shown < top)
        jl_out_note(o, _("Fewer factors than asked for are worse than the norm; only those are "
                         "listed."));
    jl_out_end(o);
}
