/*
 * Where need is greatest: spatial weights (jamlik weights) and spatial
 * autocorrelation (jamlik autocorr) over a map layer, a CSV with a
 * weights file, or a dataset in the database. Each command parses its
 * options, calls the views (view/spatial.h) and renders what they return.
 */
#include "cli/commands.h"
#include "cli/render.h"
#include "cli/spatial.h"
#include "release/suppress.h"
#include "cli/bar.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/num.h"
#include "view/spatial.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int jl_cli_spatial_store(jl_cli *cli, jl_err *err)
{
    if (cli->store)
        return JL_OK;
    return jl_store_open(&cli->store, cli->db_path, JL_STORE_RW, NULL, err);
}

/* ---- options of weights and autocorr ---- */

enum { O_ID, O_VALUE, O_WEIGHTS, O_ROOK, O_SNAP, O_STYLE, O_WFILE, O_WRITE, O_PLANAR, O_CRS,
       O_DIVISION, O_PERM, O_SEED, O_THREADS, O_STREAMS, O_ALPHA, O_ADJUST, O_CLUSTERS, O_MINN,
       O_UNPROT, O_NOPT };

static void opts_init(jl_opt *o)
{
    static const struct {
        const char *name;
        int val;
    } def[O_NOPT] = {{"--id", 1},          {"--value", 1},     {"--weights", 1},
                     {"--rook", 1},        {"--snap", 1},      {"--style", 1},
                     {"--weights-file", 1}, {"--write-weights", 1}, {"--planar", 0},
                     {"--crs", 1},         {"--division", 1},  {"--permutations", 1},
                     {"--seed", 1},        {"--threads", 1},   {"--streams", 0},
                     {"--alpha", 1},       {"--adjust", 1},    {"--clusters", 0},
                     {"--min-n", 1},       {"--unprotected", 0}};
    size_t i;

    for (i = 0; i < O_NOPT; i++) {
        o[i].name = def[i].name;
        o[i].has_value = def[i].val;
        o[i].value = NULL;
    }
}

static jl_view_sp_wspec wspec_of(const jl_opt *o)
{
    jl_view_sp_wspec ws;

    ws.spec = o[O_WEIGHTS].value;
    ws.rook = o[O_ROOK].value;
    ws.snap = o[O_SNAP].value;
    ws.style = o[O_STYLE].value;
    ws.file = o[O_WFILE].value;
    return ws;
}

/* The areas of src with the values of cols; a layer's refused features
 * are listed on stderr. */
static int load(jl_view_sp_data *d, jl_cli *cli, const jl_opt *o, const char *src,
                const char *const *cols, size_t ncol, int need_geom, unsigned long min_n,
                jl_err *err)
{
    jl_view_sp_req rq;
    jl_diag dg;
    int rc;

    memset(&rq, 0, sizeof rq);
    memset(&dg, 0, sizeof dg);
    memset(d, 0, sizeof *d);
    rq.source = src;
    rq.id = o[O_ID].value;
    rq.cols = cols;
    rq.ncol = ncol;
    rq.planar = o[O_PLANAR].value != NULL;
    rq.crs = o[O_CRS].value;
    rq.division = o[O_DIVISION].value;
    rq.need_geom = need_geom;
    rq.min_n = min_n;
    rq.unprotected = o[O_UNPROT].value != NULL;
    rq.diag = &dg;
    if (jl_view_sp_in_store(src) && ncol <= 1 && (rc = jl_cli_spatial_store(cli, err)) < 0)
        return rc;
    rc = jl_view_sp_load(d, cli->store, &rq, err);
    if (dg.n)
        jl_cli_print_diag(&dg);
    jl_diag_dispose(&dg);
    return rc;
}

/* What the figures are, for the notes and the JSON's meta. */
static void source_text(char *buf, size_t len, const jl_view_sp_data *d, const char *src,
                        const char *div, unsigned long min_n)
{
    if (d->kind == JL_SP_SURVEY) {
        char what[800];

        snprintf(what, sizeof what, _("%s, share %s (%s)"), d->name, d->cutoff, d->instrument);
        if (d->unprotected)
            snprintf(buf, len, _("%s, wave %s, over the areas of %s (unprotected: every area)"),
                     what, d->period, div);
        else
            snprintf(buf, len,
                     _("%s, wave %s, over the areas of %s (areas with fewer than %lu answers "
                       "left out)"),
                     what, d->period, div, min_n);
    }
    else if (d->kind == JL_SP_INDICATOR)
        snprintf(buf, len, "%s (%s), %s, %s", d->name, d->id, div, d->period);
    else
        snprintf(buf, len, "%s", src);
}

/* What the weights are, in words. */
static void weights_what(char *what, size_t wlen, const jl_view_sp_weights *vw)
{
    const char *unit = vw->metres ? " m" : "";
    char snap[32], band[32];

    jl_fmt_g(snap, sizeof snap, vw->snap);
    jl_fmt_g(band, sizeof band, vw->band);
    switch (vw->kind) {
    case JL_SPW_FILE:
        snprintf(what, wlen, _("weights from %s"), vw->file);
        break;
    case JL_SPW_QUEEN:
        snprintf(what, wlen, _("queen contiguity (a shared point within %s%s)"), snap, unit);
        break;
    case JL_SPW_ROOK:
        snprintf(what, wlen, _("rook contiguity (two shared points within %s%s, as spdep)"),
                 snap, unit);
        break;
    case JL_SPW_ROOK_EDGE:
        snprintf(what, wlen,
                 _("rook contiguity (a shared edge, points within %s%s, as libpysal)"), snap,
                 unit);
        break;
    case JL_SPW_KNN:
        snprintf(what, wlen, _("the %ld nearest neighbours (centroids; ties to the earlier area)"),
                 vw->k);
        break;
    case JL_SPW_BAND:
        snprintf(what, wlen, _("centroids within %s%s of each other"), band, unit);
        break;
    }
}

static void weights_notes(jl_out *o, const jl_spw *w, char *const *codes, const char *what)
{
    jl_view_sp_wsummary ws;
    const jl_spw_summary *s = &ws.s;
    char line[1024], mean[32], parts[64];
    size_t i, k, len, shown = 0;

    jl_view_sp_weights_summary(&ws, w);
    jl_fmt_fixed(mean, sizeof mean, s->kmean, 2);
    snprintf(line, sizeof line, _("Weights: %s, style %c"), what, w->style);
    jl_out_note(o, line);
    snprintf(parts, sizeof parts, _n("%zu connected part", "%zu connected parts", s->components),
             s->components);
    snprintf(line, sizeof line,
             _("%zu areas, %zu links, %s neighbours per area %zu to %zu (mean %s), %zu "
               "without neighbours, %s"),
             w->n, s->links, s->symmetric ? _("symmetric,") : _("one-way,"), s->kmin, s->kmax,
             mean, s->islands, parts);
    jl_out_note(o, line);
    if (ws.nbusy) {
        snprintf(line, sizeof line, "%s", _("Most neighbours (check for slivers):"));
        len = strlen(line);
        for (k = 0; k < ws.nbusy && len + 60 < sizeof line; k++) {
            snprintf(line + len, sizeof line - len, " %s (%zu)", codes[ws.busy[k]],
                     w->off[ws.busy[k] + 1] - w->off[ws.busy[k]]);
            len = strlen(line);
        }
        jl_out_note(o, line);
    }
    if (s->islands) {
        snprintf(line, sizeof line, "%s", _("Without neighbours (left out of local results):"));
        len = strlen(line);
        for (i = 0; i < w->n && len + 40 < sizeof line; i++)
            if (w->off[i + 1] == w->off[i]) {
                snprintf(line + len, sizeof line - len, " %s", codes[i]);
                len = strlen(line);
                shown++;
            }
        if (shown < s->islands)
            snprintf(line + len, sizeof line - len, " ...");
        jl_out_note(o, line);
    }
}

static int write_weights(const jl_spw *w, char *const *codes, const char *path, jl_err *err)
{
    FILE *f = fopen(path, "w");
    size_t i, e;
    char num[64];

    if (!f)
        return jl_err_set(err, JL_EIO, _("cannot write %s"), path);
    fputs("from,to,weight\n", f);
    for (i = 0; i < w->n; i++)
        for (e = w->off[i]; e < w->off[i + 1]; e++) {
            jl_csv_write_field(f, codes[i]);
            fputc(',', f);
            jl_csv_write_field(f, codes[w->nb[e]]);
            fprintf(f, ",%s\n", jl_fmt_exact(num, sizeof num, w->w[e]));
        }
    if (fclose(f) != 0)
        return jl_err_set(err, JL_EIO, _("cannot write %s"), path);
    return JL_OK;
}

/* ---- jamlik weights ---- */

/* A table's list of neighbours fits 120 columns beside the area and the
 * count. */
#define NB_WIDTH 96

static void weights_render(jl_cli *cli, const jl_view_sp_weights *vw, const jl_view_sp_data *d,
                           double build_s)
{
    static const char *const ids[] = {"area", "neighbours", "links"};
    const char *labels[] = {_("area"), _("neighbours"), _("links")};
    const jl_spw *w = &vw->w;
    jl_out *out = jl_cli_out(cli, ids, labels, 3);
    char what[300], line[200];
    size_t i;

    jl_out_align_right(out, 2);
    weights_what(what, sizeof what, vw);
    weights_notes(out, w, d->codes, what);
    if (!cli->quiet) {
        char rs[32], bs[32];

        /* Timings are no source of the figures: above a table, else on
         * stderr, and never in a file's source column. */
        snprintf(line, sizeof line, _("Read in %s s, weights built in %s s"),
                 jl_fmt_fixed(rs, sizeof rs, d->read_s, 3),
                 jl_fmt_fixed(bs, sizeof bs, build_s, 3));
        if (cli->format == JL_FMT_TABLE)
            jl_out_note(out, line);
        else
            fprintf(stderr, "%s\n", line);
    }
    for (i = 0; i < w->n; i++) {
        size_t e, len = 0;
        char *list = jl_xmalloc(16 * (w->off[i + 1] - w->off[i]) + 1);

        list[0] = '\0';
        jl_out_str(out, d->codes[i]);
        for (e = w->off[i]; e < w->off[i + 1]; e++) {
            const char *c = d->codes[w->nb[e]];
            size_t cl = strlen(c);

            list = jl_xrealloc(list, len + cl + 2);
            if (len)
                list[len++] = ' ';
            memcpy(list + len, c, cl + 1);
            len += cl;
        }
        jl_cli_fit_list(cli, list, NB_WIDTH);
        jl_out_str(out, list);
        jl_out_int(out, (long)(w->off[i + 1] - w->off[i]));
        jl_out_row_end(out);
        jl_free(list);
    }
    jl_out_end(out);
}

int cmd_weights(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_opt o[O_NOPT];
    char *pos[1];
    size_t npos;
    jl_view_sp_data d;
    jl_view_sp_weights vw;
    jl_view_sp_wspec ws;
    int rc;
    double t0, t1;

    opts_init(o);
    memset(&vw, 0, sizeof vw);
    rc = jl_cli_parse(o, O_NOPT, pos, 1, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    if (npos != 1)
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik weights SOURCE --id COL --weights "
                            "queen|rook|knn:K|band:D [--write-weights FILE]"));
    ws = wspec_of(o);
    rc = load(&d, cli, o, pos[0], NULL, 0, !ws.file, JL_RELEASE_MIN_N, err);
    if (rc < 0)
        return rc;
    t0 = now_s();
    rc = jl_view_sp_weights_build(&vw, &d, &ws, err);
    t1 = now_s();
    if (rc == 0 && o[O_WRITE].value)
        rc = write_weights(&vw.w, d.codes, o[O_WRITE].value, err);
    if (rc == 0)
        weights_render(cli, &vw, &d, t1 - t0);
    jl_view_sp_weights_dispose(&vw);
    jl_view_sp_data_dispose(&d);
    return rc < 0 ? rc : 0;
}

/* ---- jamlik autocorr ---- */

/* spdep's labels in CSV and JSON; in plain words in tables. */
static const char *quad_name(int q, int table)
{
    switch (q) {
    case JL_QUAD_HH:
        return table ? _("high among high") : "High-High";
    case JL_QUAD_LL:
        return table ? _("low among low") : "Low-Low";
    case JL_QUAD_HL:
        return table ? _("high among low") : "High-Low";
    case JL_QUAD_LH:
        return table ? _("low among high") : "Low-High";
    default:
        return "";
    }
}

static void meta_test(jl_out *o, const char *name, const jl_sa_test *t, int rand)
{
    char key[64];

#define M(suffix, v)                                                                           \
    do {                                                                                       \
        snprintf(key, sizeof key, "%s_%s", name, suffix);                                      \
        jl_out_meta_num(o, key, v);                                                            \
    } while (0)
    M("value", t->stat);
    M("expectation", t->expect);
    M("variance_normality", t->var_norm);
    M("z_normality", t->z_norm);
    M("p_normality", t->p_norm);
    if (rand) {
        M("variance_randomisation", t->var_rand);
        M("z_randomisation", t->z_rand);
        M("p_randomisation", t->p_rand);
    }
    if (t->R) {
        M("p_greater", t->p_greater);
        M("p_less", t->p_less);
        M("p_folded", t->p_folded);
    }
#undef M
}

/* Everything a run is made of, for the renderers. */
typedef struct ac_run {
    const jl_view_sp_data *d;
    const jl_view_sp_weights *vw;
    const jl_view_autocorr *a;
    const jl_view_autocorr_req *rq;
    const char *source, *what;
    int clusters;
} ac_run;

static void autocorr_global(jl_cli *cli, const ac_run *r)
{
    static const char *const gids[] = {"statistic", "value", "expectation", "variance", "z", "p",
                                       "p_perm"};
    const char *glabels[] = {_("statistic"), _("value"), _("expected"), _("variance"), "z",
                             _("p (normal)"), _("p (permutations)")};
    const char *names[3] = {_("Moran's I"), _("Geary's C"), _("Getis-Ord G")};
    jl_out *g = jl_cli_out(cli, gids, glabels, 7);
    char line[600];
    int k;

    if (r->d->unprotected)
        jl_out_unprotected(g);
    for (k = 1; k < 7; k++)
        jl_out_align_right(g, (size_t)k);
    if (r->d->synthetic)
        jl_cli_synthetic_note(g);
    snprintf(line, sizeof line, _("%s: %zu areas"), r->source, r->a->n);
    jl_out_source(g, line);
    weights_notes(g, &r->vw->w, r->d->codes, r->what);
    jl_out_note(g, _("Normal p-values are one-sided: clustering of like values (Geary: a "
                     "small C; its z is E - C)."));
    for (k = 0; k < (r->a->has_g ? 3 : 2); k++) {
        const jl_sa_test *t = &r->a->test[k];

        jl_out_str(g, names[k]);
        jl_out_num(g, t->stat, 4);
        jl_out_num(g, t->expect, 4);
        jl_out_num(g, k == 2 ? t->var_norm : t->var_rand, 6);
        jl_out_num(g, k == 2 ? t->z_norm : t->z_rand, 3);
        jl_out_p(g, k == 2 ? t->p_norm : t->p_rand, 3);
        if (r->a->R)
            jl_out_p(g, k == 1 ? t->p_less : t->p_greater, 3);
        else
            jl_out_empty(g);
        jl_out_row_end(g);
    }
    jl_out_end(g);
    if (cli->format == JL_FMT_TABLE)
        fputc('\n', cli->out);
}

/* Table and xlsx show the global statistics as a table of their own
 * (a sheet in xlsx); CSV, csv-sv and JSON have one table, the local
 * one, with the global figures in JSON's meta. */
static int two_tables(const jl_cli *cli)
{
    return cli->format == JL_FMT_TABLE || cli->format == JL_FMT_XLSX;
}

/* CSV and csv-sv: no global figure is printed (JSON has them in its
 * meta, tables and xlsx in a table of their own). */
static int csv_like(const jl_cli *cli)
{
    return cli->format == JL_FMT_CSV || cli->format == JL_FMT_CSV_SV;
}

static void autocorr_notes(jl_cli *cli, jl_out *out, const ac_run *r)
{
    const jl_view_autocorr_req *rq = r->rq;
    char line[600], alpha[32];

    if (r->d->unprotected)
        jl_out_unprotected(out);
    if (r->d->synthetic)
        jl_cli_synthetic_note(out);
    if (!two_tables(cli)) {
        snprintf(line, sizeof line, _("%s: %zu areas"), r->source, r->a->n);
        jl_out_source(out, line);
        weights_notes(out, &r->vw->w, r->d->codes, r->what);
    }
    jl_out_note(out, _("Local Moran's Ii on spdep's scale (m2 = sum of squared deviations / "
                       "n); esda's Is is (n-1)/n of it. E, Var and z under conditional "
                       "randomisation; p (normal) two-sided."));
    if (rq->R) {
        snprintf(line, sizeof line,
                 _("%zu permutations (seed %llu, %s): p greater = (#{sim >= Ii} + 1) / (R + 1), "
                   "p less likewise, p folded the smaller."),
                 rq->R, (unsigned long long)rq->seed,
                 rq->mode == JL_PERM_SHARED ? _("one shared table") : _("a stream per area"));
        jl_out_note(out, line);
    }
    snprintf(line, sizeof line,
             _("Cluster: the quadrant (High = above the mean, for the value and for the mean "
               "of its neighbours) where the %s p-value, adjusted by %s, is at most %s."),
             rq->R ? _("folded permutation") : _("normal"),
             rq->adjust == JL_ADJUST_FDR          ? _("Benjamini-Hochberg (FDR)")
             : rq->adjust == JL_ADJUST_BONFERRONI ? "Bonferroni"
                                                  : _("nothing"),
             jl_fmt_g(alpha, sizeof alpha, rq->alpha));
    jl_out_note(out, line);
    if (r->d->dropped) {
        snprintf(line, sizeof line,
                 _n("%zu area without a value or a shape is left out.",
                    "%zu areas without a value or a shape are left out.", r->d->dropped),
                 r->d->dropped);
        jl_out_note(out, line);
    }
}

static void autocorr_meta(jl_out *out, const ac_run *r)
{
    char st[2] = {r->vw->w.style, 0};

    jl_out_meta(out, "source", r->source);
    jl_out_meta(out, "weights", r->what);
    jl_out_meta(out, "style", st);
    jl_out_meta_num(out, "areas", (double)r->a->n);
    jl_out_meta_num(out, "permutations", (double)r->a->R);
    meta_test(out, "moran", &r->a->test[0], 1);
    meta_test(out, "geary", &r->a->test[1], 1);
    if (r->a->has_g)
        meta_test(out, "getis_g", &r->a->test[2], 0);
}

static void autocorr_local(jl_cli *cli, const ac_run *r)
{
    static const char *const ids[] = {"area",      "name",      "value",     "lag",       "Ii",
                                      "E_Ii",      "Var_Ii",    "Z_Ii",      "p_norm",
                                      "p_greater", "p_less",    "p_folded",  "p_fdr",
                                      "p_bonferroni", "quadrant", "cluster", "Gi_z",
                                      "Gistar_z",  "E_sim",     "Var_sim"};
    const char *labels[] = {_("area"),      _("name"),    _("value"),   _("lag"),      "Ii",
                            _("E(Ii)"),     _("Var(Ii)"), "z",           _("p (normal)"),
                            _("p greater"), _("p less"),  _("p folded"), _("p FDR"),
                            _("p Bonferroni"), _("quadrant"), _("cluster"), "Gi z",
                            "Gi* z",        _("E sim"),   _("Var sim")};
    const jl_view_autocorr *a = r->a;
    jl_out *out = jl_cli_out(cli, ids, labels, 20);
    int tbl = jl_format_for_people(cli->format);
    size_t i, shown = 0;
    /* What fits 120 columns: the value, its neighbours' mean, Ii, the p
     * the clusters are decided on and its adjusted value, and the cluster
     * (its quadrant where significant); --wide adds the moments, the
     * one-sided and normal p (when permutations decide), the other
     * adjustment, every quadrant, Gi and the permutations' moments.
     * p-values have three decimals: "< 0,001" below. */
    static const size_t secondary[] = {5, 6, 7, 9, 10, 14, 16, 17, 18, 19};

    for (i = 2; i < 20; i++)
        if (i != 14 && i != 15)
            jl_out_align_right(out, i);
    if (!a->R)
        for (i = 9; i <= 11; i++)
            jl_out_table_hide(out, i);
    for (i = 0; i < sizeof secondary / sizeof secondary[0]; i++)
        jl_out_secondary(out, secondary[i]);
    if (a->R)
        jl_out_secondary(out, 8);
    /* the adjusted p the clusters are decided on */
    jl_out_secondary(out, r->rq->adjust == JL_ADJUST_BONFERRONI ? 12 : 13);
    if (!r->d->names)
        jl_out_table_hide(out, 1);
    autocorr_notes(cli, out, r);
    /* only JSON shows meta; CSV's rows may come before the global
     * permutations end (cmd_autocorr) */
    if (!csv_like(cli))
        autocorr_meta(out, r);
    for (i = 0; i < a->n; i++) {
        const jl_sa_local *l = &a->local[i];
        int island = a->status[i] == JL_SA_ISLAND;

        /* --clusters: only the areas of significant clusters */
        if (r->clusters && a->status[i] != JL_SA_CLUSTER)
            continue;
        jl_out_str(out, r->d->codes[i]);
        jl_out_str(out, r->d->names ? r->d->names[i] : NULL);
        jl_out_num(out, r->d->val[i], 3);
        jl_out_num(out, l->lag, 3);
        jl_out_num(out, l->Ii, 4);
        jl_out_num(out, l->E, 4);
        jl_out_num(out, l->V, 4);
        jl_out_num(out, l->Z, 3);
        jl_out_p(out, l->p_norm, 3);
        jl_out_p(out, l->p_greater, 3);
        jl_out_p(out, l->p_less, 3);
        jl_out_p(out, l->p_folded, 3);
        jl_out_p(out, a->p_fdr[i], 3);
        jl_out_p(out, a->p_bonferroni[i], 3);
        /* CSV and JSON keep fixed codes (docs/output-codes.md). */
        jl_out_str(out, !island ? quad_name(l->quad, tbl)
                        : tbl   ? _("no neighbours")
                                : "no_neighbours");
        jl_out_str(out, island                            ? ""
                        : a->status[i] == JL_SA_CLUSTER ? quad_name(l->quad, tbl)
                        : tbl                           ? _("not significant")
                                                        : "not_significant");
        jl_out_num(out, l->gi_z, 3);
        jl_out_num(out, l->gistar_z, 3);
        jl_out_num(out, l->E_sim, 4);
        jl_out_num(out, l->V_sim, 4);
        jl_out_row_end(out);
        shown++;
    }
    /* An empty list must not read as a failure: say what it means. */
    if (r->clusters && !shown) {
        char line[200], alpha[32];

        snprintf(line, sizeof line,
                 _("No area is in a significant cluster: no adjusted p-value is at most %s."),
                 jl_fmt_g(alpha, sizeof alpha, r->rq->alpha));
        jl_out_note(out, line);
    }
    jl_out_end(out);
}

/* The options of the computation, and the small-group threshold. */
void jl_cli_autocorr_render(jl_cli *cli, const jl_view_sp_data *d, const jl_view_sp_weights *vw,
                            const jl_view_autocorr *a, const jl_view_autocorr_req *rq,
                            const char *src, const char *division, unsigned long min_n,
                            int clusters)
{
    char what[300], source[1200];
    ac_run r;

    weights_what(what, sizeof what, vw);
    source_text(source, sizeof source, d, src, division, min_n);
    r.d = d;
    r.vw = vw;
    r.a = a;
    r.rq = rq;
    r.source = source;
    r.what = what;
    r.clusters = clusters;
    if (two_tables(cli))
        autocorr_global(cli, &r);
    autocorr_local(cli, &r);
}

static int autocorr_parse(jl_view_autocorr_req *rq, unsigned long *min_n, const jl_opt *o,
                          jl_err *err)
{
    const char *adjust = o[O_ADJUST].value;
    long lv;

    jl_view_autocorr_req_init(rq);
    if (o[O_PERM].value) {
        if (jl_parse_long(&lv, o[O_PERM].value) < 0 || lv < 0 || lv > 10000000)
            return jl_err_set(err, JL_EUSAGE,
                              _("expected --permutations from 0 to 10000000, found %s"),
                              o[O_PERM].value);
        rq->R = (size_t)lv;
    }
    if (o[O_SEED].value) {
        if (jl_parse_long(&lv, o[O_SEED].value) < 0 || lv < 0)
            return jl_err_set(err, JL_EUSAGE, _("expected --seed N of 0 or more, found %s"),
                              o[O_SEED].value);
        rq->seed = (uint64_t)lv;
    }
    if (o[O_THREADS].value) {
        if (jl_parse_long(&lv, o[O_THREADS].value) < 0 || lv < 1 || lv > 64)
            return jl_err_set(err, JL_EUSAGE, _("expected --threads from 1 to 64, found %s"),
                              o[O_THREADS].value);
        rq->threads = (int)lv;
    }
    if (o[O_ALPHA].value && (jl_parse_double(&rq->alpha, o[O_ALPHA].value) < 0 ||
                             !(rq->alpha > 0) || !(rq->alpha < 1)))
        return jl_err_set(err, JL_EUSAGE, _("expected --alpha between 0 and 1, found %s"),
                          o[O_ALPHA].value);
    if (adjust && !strcmp(adjust, "bonferroni"))
        rq->adjust = JL_ADJUST_BONFERRONI;
    else if (adjust && !strcmp(adjust, "none"))
        rq->adjust = JL_ADJUST_NONE;
    else if (adjust && strcmp(adjust, "fdr"))
        return jl_err_set(err, JL_EUSAGE, _("expected --adjust fdr|bonferroni|none, found %s"),
                          adjust);
    rq->mode = o[O_STREAMS].value ? JL_PERM_STREAMS : JL_PERM_SHARED;
    /* The small-group rule of jamlik profile (release/suppress.h). */
    return jl_release_min_n_parse(min_n, o[O_MINN].value, err);
}

int cmd_autocorr(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_opt o[O_NOPT];
    char *pos[1];
    const char *cols[1];
    size_t npos;
    unsigned long min_n;
    int rc;
    jl_view_sp_data d;
    jl_view_sp_weights vw;
    jl_view_sp_wspec ws;
    jl_view_autocorr_req rq;
    jl_view_autocorr a;
    jl_progress pr;
    jl_cli_bar bar;

    opts_init(o);
    memset(&vw, 0, sizeof vw);
    memset(&a, 0, sizeof a);
    rc = jl_cli_parse(o, O_NOPT, pos, 1, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    cols[0] = o[O_VALUE].value;
    if (npos != 1 || (!cols[0] && !jl_view_sp_in_store(pos[0])))
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik autocorr SOURCE --id COL --value COL --weights "
                            "queen|rook|knn:K|band:D [--style W|B] [--permutations R]"));
    if ((rc = autocorr_parse(&rq, &min_n, o, err)) < 0)
        return rc;
    ws = wspec_of(o);
    rc = load(&d, cli, o, pos[0], cols, 1, !ws.file, min_n, err);
    if (rc < 0)
        return rc;
    rc = jl_view_sp_weights_build(&vw, &d, &ws, err);
    if (rc == 0 && o[O_WRITE].value)
        rc = write_weights(&vw.w, d.codes, o[O_WRITE].value, err);
    rq.progress = jl_cli_progress(&pr, &bar, cli->quiet);
    if (rc == 0)
        rc = jl_view_autocorr_start(&a, &vw.w, d.val, &rq, err);
    /* CSV and csv-sv print no global figure: their rows are written while
     * the global permutations run (jl_cli_autocorr_render) */
    if (rc == 0 && !csv_like(cli))
        jl_view_autocorr_finish(&a);
    if (rc == 0)
        jl_cli_autocorr_render(cli, &d, &vw, &a, &rq, pos[0], o[O_DIVISION].value, min_n,
                               o[O_CLUSTERS].value != NULL);
    if (rc == 0)
        jl_view_autocorr_finish(&a);
    jl_view_autocorr_dispose(&a);
    jl_view_sp_weights_dispose(&vw);
    jl_view_sp_data_dispose(&d);
    return rc < 0 ? rc : 0;
}
