/*
 * Where need is greatest: spatial weights (jamlik weights), spatial
 * autocorrelation (jamlik autocorr) over a map layer, a CSV with a weights
 * file, or a dataset in the database.
 */
#include "cli/commands.h"
#include "release/suppress.h"
#include "cli/bar.h"
#include "core/alloc.h"
#include "core/csv.h"
#include "core/i18n.h"
#include "core/num.h"
#include "core/strmap.h"
#include "core/text.h"
#include "geo/ogr.h"
#include "geo/table.h"
#include "geo/wfile.h"
#include "stats/segreg.h"
#include "stats/spauto.h"
#include "stats/weights.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- the data: areas, their values and (maybe) their shapes ---- */

typedef struct sp_data {
    size_t n, ncol;
    char **codes;      /* n, owned */
    double *val;       /* n * ncol, row by row */
    int has_geom;
    jl_geo_rings rings;
    char source[1200]; /* what the figures are, for the notes */
    size_t dropped;    /* areas without a value (database sources) */
    double read_s;     /* seconds spent reading geometry */
    int synthetic;     /* survey shares of a synthetic wave */
    char **names;      /* n area names (database sources), or NULL */
} sp_data;

static void sp_data_dispose(sp_data *d)
{
    size_t i;

    for (i = 0; d->codes && i < d->n; i++)
        jl_free(d->codes[i]);
    for (i = 0; d->names && i < d->n; i++)
        jl_free(d->names[i]);
    jl_free(d->codes);
    jl_free(d->names);
    jl_free(d->val);
    jl_geo_rings_dispose(&d->rings);
    memset(d, 0, sizeof *d);
}

static double now_s(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);

    return n > e && !strcasecmp(path + n - e, ext);
}

/* Reads a layer's rings with the fields cols; every problem of its
 * features goes to stderr, the first into err. */
static int read_rings(jl_geo_rings *r, const char *path, const char *id, const char *const *cols,
                      size_t ncol, int planar, const char *crs, jl_err *err)
{
    jl_geo_opts go;
    jl_diag dg;
    int rc;

    memset(&go, 0, sizeof go);
    go.code_field = id;
    go.crs = crs;
    go.extra = cols;
    go.nextra = ncol;
    jl_diag_init(&dg, path);
    rc = jl_geo_read_rings(r, path, &go, planar, &dg, err);
    if (rc == JL_EINPUT && dg.n) {
        jl_cli_print_diag(&dg);
        jl_diag_first(&dg, err);
    }
    jl_diag_dispose(&dg);
    return rc;
}

/* A map layer: codes from --id, values from the columns. */
static int load_layer(sp_data *d, const char *path, const char *id, const char *const *cols,
                      size_t ncol, int planar, const char *crs, jl_err *err)
{
    size_t i, c;
    int rc;
    double t0 = now_s();

    rc = read_rings(&d->rings, path, id, cols, ncol, planar, crs, err);
    if (rc < 0)
        return rc;
    d->read_s = now_s() - t0;
    d->has_geom = 1;
    d->n = d->rings.n;
    d->ncol = ncol;
    /* Zeroed: a refusal below leaves the codes after it unset, and
     * load_source frees what there is. */
    d->codes = jl_xcalloc(d->n ? d->n : 1, sizeof *d->codes);
    d->val = jl_xmalloc((d->n && ncol ? d->n * ncol : 1) * sizeof *d->val);
    for (i = 0; i < d->n; i++) {
        d->codes[i] = jl_xstrdup(d->rings.code[i]);
        for (c = 0; c < ncol; c++) {
            const char *s = d->rings.extra[i * ncol + c];
            double v;

            if (!s || jl_parse_double(&v, s) < 0 || !isfinite(v))
                return jl_err_at(err, JL_EINPUT, path, 0, 0,
                                 _("feature %zu (code %s): expected a number in field %s, found "
                                   "\"%s\""),
                                 i + 1, d->codes[i], cols[c], s ? s : "");
            d->val[i * ncol + c] = v;
        }
    }
    snprintf(d->source, sizeof d->source, "%s", path);
    return JL_OK;
}

/* A CSV: one row per area (geo/table.c). */
static int load_csv(sp_data *d, const char *path, const char *id, const char *const *cols,
                    size_t ncol, jl_err *err)
{
    char *text = NULL;
    size_t len;
    jl_geo_table t;
    int rc;

    rc = jl_text_load(&text, &len, NULL, path, JL_ENC_AUTO, err);
    if (rc < 0)
        return rc;
    rc = jl_geo_table_parse(&t, text, len, path, id, cols, ncol, err);
    jl_free(text);
    if (rc < 0)
        return rc;
    d->n = t.n;
    d->ncol = t.ncol;
    d->codes = t.codes;
    d->val = t.val;
    snprintf(d->source, sizeof d->source, "%s", path);
    return JL_OK;
}

typedef struct geom_collect {
    jl_strmap *want; /* code -> position in d */
    unsigned char **wkb;
    size_t *len;
    size_t found;
} geom_collect;

static void on_geom(void *ctx, const char *code, const jl_store_geom *g)
{
    geom_collect *gc = ctx;
    size_t at;

    if (!jl_strmap_get(gc->want, code, &at) || gc->wkb[at])
        return;
    gc->wkb[at] = jl_xmalloc(g->wkb_len);
    memcpy(gc->wkb[at], g->wkb, g->wkb_len);
    gc->len[at] = g->wkb_len;
    gc->found++;
}

/* The stored shapes of codes (n) of division div, in SWEREF 99 TM, for
 * those that have one: (*keep)[k] is the position in codes of ring
 * feature k (ascending). Refuses when none has a shape. */
static int db_rings(jl_cli *cli, const char *div, char *const *codes, size_t n,
                    jl_geo_rings *out, size_t **keep, jl_err *err)
{
    jl_strmap *m = jl_strmap_new();
    geom_collect gc;
    size_t i, k = 0;
    int rc;

    memset(out, 0, sizeof *out);
    *keep = jl_xmalloc((n ? n : 1) * sizeof **keep);
    for (i = 0; i < n; i++)
        jl_strmap_put(m, codes[i], i, NULL);
    gc.want = m;
    gc.wkb = jl_xcalloc(n ? n : 1, sizeof *gc.wkb);
    gc.len = jl_xcalloc(n ? n : 1, sizeof *gc.len);
    gc.found = 0;
    rc = jl_store_area_geom_each(cli->store, div, on_geom, &gc, err);
    if (rc == 0) {
        unsigned char **w = jl_xmalloc((n ? n : 1) * sizeof *w);
        size_t *l = jl_xmalloc((n ? n : 1) * sizeof *l);

        for (i = 0; i < n; i++)
            if (gc.wkb[i]) {
                w[k] = gc.wkb[i];
                l[k] = gc.len[i];
                (*keep)[k++] = i;
            }
        if (k == 0)
            rc = jl_err_set(err, JL_EINPUT,
                            _("division %s has no stored shapes for the areas with values"), div);
        else
            rc = jl_geo_rings_from_wkb(out, (const unsigned char *const *)w, l, k, err);
        jl_free(w);
        jl_free(l);
    }
    for (i = 0; i < n; i++)
        jl_free(gc.wkb[i]);
    jl_free(gc.wkb);
    jl_free(gc.len);
    jl_strmap_free(m);
    return rc;
}

typedef struct name_ctx {
    jl_strmap *pos;
    char **names;
} name_ctx;

static void on_area_row(void *ctx, const char *const *cols, size_t ncols)
{
    name_ctx *nc = ctx;
    size_t at;

    if (ncols >= 2 && cols[0] && cols[1] && jl_strmap_get(nc->pos, cols[0], &at) &&
        !nc->names[at])
        nc->names[at] = jl_xstrdup(cols[1]);
}

/* The names of d's areas in division div, for people who know their
 * areas by name. */
static void load_names(sp_data *d, jl_cli *cli, const char *div)
{
    name_ctx nc;
    jl_err e2 = JL_ERR_INIT;
    size_t i;

    nc.pos = jl_strmap_new();
    nc.names = jl_xcalloc(d->n ? d->n : 1, sizeof *nc.names);
    for (i = 0; i < d->n; i++)
        jl_strmap_put(nc.pos, d->codes[i], i, NULL);
    jl_store_area_rows(cli->store, div, NULL, on_area_row, &nc, &e2);
    jl_strmap_free(nc.pos);
    d->names = nc.names;
}

/* indicator:ID@PERIOD over a division's stored areas. */
static int load_db(sp_data *d, jl_cli *cli, const char *src, const char *div, int need_geom,
                   unsigned long min_n, jl_err *err)
{
    char id[200], *at;
    const char *period = NULL;
    jl_area_values av;
    size_t i;
    int rc;

    int survey = !strncmp(src, "survey:", 7), synthetic = 0;

    if (strncmp(src, "indicator:", 10) != 0 && !survey)
        return jl_err_set(err, JL_EUSAGE,
                          _("expected a map layer, a CSV, indicator:ID@PERIOD or "
                            "survey:SCALE@WAVE, found \"%s\""),
                          src);
    if (!div)
        return jl_err_set(err, JL_EUSAGE, _("%s needs --division"), src);
    snprintf(id, sizeof id, "%s", src + (survey ? 7 : 10));
    if ((at = strchr(id, '@')) != NULL) {
        *at = '\0';
        period = at + 1;
    }
    memset(&av, 0, sizeof av);
    if (survey && !period)
        return jl_err_set(err, JL_EUSAGE, _("expected survey:SCALE@WAVE, found \"%s\""), src);
    rc = survey ? jl_view_survey_shares(&av, &synthetic, cli->store, period, id, div, min_n, err)
                : jl_view_indicator_values(&av, cli->store, id, div, period, err);
    if (rc < 0)
        return rc;
    d->synthetic = synthetic;
    d->n = av.n;
    d->ncol = 1;
    d->codes = av.codes;
    d->val = av.vals;
    av.codes = NULL;
    av.vals = NULL;
    av.n = 0;
    if (survey)
        snprintf(d->source, sizeof d->source,
                 _("%s, wave %s, over the areas of %s (areas with fewer than %lu answers left "
                   "out)"),
                 av.name, av.period, div, min_n);
    else
        snprintf(d->source, sizeof d->source, "%s (%s), %s, %s", av.name, id, div, av.period);
    if (need_geom) {
        size_t *keep = NULL, j;

        rc = db_rings(cli, div, d->codes, d->n, &d->rings, &keep, err);
        if (rc == 0) {
            /* Keep only areas that have both a value and a shape, in order. */
            for (i = j = 0; i < d->n; i++) {
                if (j < d->rings.n && keep[j] == i) {
                    d->codes[j] = d->codes[i];
                    d->val[j] = d->val[i];
                    j++;
                } else {
                    jl_free(d->codes[i]);
                    d->dropped++;
                }
            }
            d->n = j;
            d->has_geom = 1;
        }
        jl_free(keep);
    }
    if (rc == 0)
        load_names(d, cli, div);
    jl_area_values_dispose(&av);
    return rc;
}

static int load_source_any(sp_data *d, jl_cli *cli, const char *src, const char *id,
                           const char *const *cols, size_t ncol, int planar, const char *crs,
                           const char *div, int need_geom, unsigned long min_n, jl_err *err)
{
    if (!strncmp(src, "indicator:", 10) || !strncmp(src, "survey:", 7)) {
        if (ncol > 1)
            return jl_err_set(err, JL_EUSAGE, _("a dataset in the database has one value"));
        if (!cli->store) {
            int rc = jl_store_open(&cli->store, cli->db_path, JL_STORE_RW, NULL, err);

            if (rc < 0)
                return rc;
        }
        return load_db(d, cli, src, div, need_geom, min_n, err);
    }
    if (!id)
        return jl_err_set(err, JL_EUSAGE, _("expected --id COLUMN naming the area codes"));
    if (has_ext(src, ".csv")) {
        if (need_geom)
            return jl_err_set(err, JL_EUSAGE,
                              _("a CSV has no shapes: give --weights-file FILE (from,to,weight)"));
        return load_csv(d, src, id, cols, ncol, err);
    }
    return load_layer(d, src, id, cols, ncol, planar, crs, err);
}

/* The data of src; on a refusal *d holds nothing, whatever was read
 * before it (a layer whose fifth value is not a number). */
static int load_source(sp_data *d, jl_cli *cli, const char *src, const char *id,
                       const char *const *cols, size_t ncol, int planar, const char *crs,
                       const char *div, int need_geom, unsigned long min_n, jl_err *err)
{
    int rc;

    memset(d, 0, sizeof *d);
    rc = load_source_any(d, cli, src, id, cols, ncol, planar, crs, div, need_geom, min_n, err);
    if (rc < 0)
        sp_data_dispose(d);
    return rc;
}

/* ---- weights ---- */

typedef struct wspec {
    const char *spec, *rook, *snap, *style, *file;
} wspec;

/* Links as CSV from,to[,weight] between codes of d (geo/wfile.c). With
 * dropped, a link to a code not in d is skipped and counted (segregation
 * over a part of the map); without, it is an error at its line and
 * column. */
static int read_weights_file(jl_spw *w, const sp_data *d, const char *path, size_t *dropped,
                             jl_err *err)
{
    char *text = NULL;
    size_t len;
    int rc;

    memset(w, 0, sizeof *w);
    rc = jl_text_load(&text, &len, NULL, path, JL_ENC_AUTO, err);
    if (rc < 0)
        return rc;
    rc = jl_wfile_weights(w, text, len, path, (const char *const *)d->codes, d->n, dropped, err);
    jl_free(text);
    return rc;
}

/* Builds the weights that spec asks for; *what describes them. */
static int build_weights(jl_spw *w, const sp_data *d, const wspec *ws, char *what, size_t wlen,
                         jl_err *err)
{
    double snap = sqrt(DBL_EPSILON);
    const char *unit = d->rings.crs[0] && strcmp(d->rings.crs, "planar") ? " m" : "";
    int rc;

    if (ws->snap && (jl_parse_double(&snap, ws->snap) < 0 || !(snap >= 0)))
        return jl_err_set(err, JL_EUSAGE, _("expected --snap DISTANCE of 0 or more, found %s"),
                          ws->snap);
    if (ws->file) {
        rc = read_weights_file(w, d, ws->file, NULL, err);
        if (rc == 0)
            snprintf(what, wlen, _("weights from %s"), ws->file);
    } else if (!ws->spec) {
        return jl_err_set(err, JL_EUSAGE,
                          _("expected --weights queen|rook|knn:K|band:DISTANCE or "
                            "--weights-file FILE"));
    } else if (!d->has_geom) {
        return jl_err_set(err, JL_EUSAGE, _("these data have no shapes: give --weights-file"));
    } else if (!strcmp(ws->spec, "queen") || !strcmp(ws->spec, "rook")) {
        jl_spw_polys p;
        int rule = JL_CONTIG_QUEEN;

        if (!strcmp(ws->spec, "rook")) {
            if (!ws->rook || !strcmp(ws->rook, "vertex"))
                rule = JL_CONTIG_ROOK;
            else if (!strcmp(ws->rook, "edge"))
                rule = JL_CONTIG_ROOK_EDGE;
            else
                return jl_err_set(err, JL_EUSAGE, _("expected --rook vertex|edge, found %s"),
                                  ws->rook);
        }
        p.n = d->rings.n;
        p.nring = d->rings.nring;
        p.fring = d->rings.fring;
        p.roff = d->rings.roff;
        p.xy = d->rings.xy;
        rc = jl_spw_contiguity(w, &p, rule, snap, err);
        snprintf(what, wlen,
                 rule == JL_CONTIG_QUEEN ? _("queen contiguity (a shared point within %g%s)")
                 : rule == JL_CONTIG_ROOK
                     ? _("rook contiguity (two shared points within %g%s, as spdep)")
                     : _("rook contiguity (a shared edge, points within %g%s, as libpysal)"),
                 snap, unit);
    } else if (!strncmp(ws->spec, "knn:", 4)) {
        long k;

        if (jl_parse_long(&k, ws->spec + 4) < 0 || k < 1)
            return jl_err_set(err, JL_EUSAGE, _("expected knn:K with K of 1 or more, found %s"),
                              ws->spec);
        rc = jl_spw_knn(w, d->rings.cxy, d->n, (size_t)k, err);
        snprintf(what, wlen, _("the %ld nearest neighbours (centroids; ties to the earlier area)"),
                 k);
    } else if (!strncmp(ws->spec, "band:", 5)) {
        double b;

        if (jl_parse_double(&b, ws->spec + 5) < 0 || !(b > 0) || !isfinite(b))
            return jl_err_set(err, JL_EUSAGE,
                              _("expected band:DISTANCE with a finite distance above 0, found %s"),
                              ws->spec);
        rc = jl_spw_band(w, d->rings.cxy, d->n, 0, b, err);
        snprintf(what, wlen, _("centroids within %g%s of each other"), b, unit);
    } else
        return jl_err_set(err, JL_EUSAGE,
                          _("expected --weights queen|rook|knn:K|band:DISTANCE, found %s"),
                          ws->spec);
    if (rc < 0)
        return rc;
    if (ws->style || w->style != 'G') {
        const char *st = ws->style ? ws->style : "W";

        if (strlen(st) != 1)
            return jl_err_set(err, JL_EUSAGE, _("expected --style B, W, C, U or S, found %s"), st);
        rc = jl_spw_set_style(w, st[0], err);
    }
    return rc;
}

static void weights_notes(jl_out *o, const jl_spw *w, const sp_data *d, const char *what)
{
    jl_spw_summary s;
    char line[1024];
    size_t i, shown = 0;

    jl_spw_summarise(w, &s, NULL);
    snprintf(line, sizeof line, _("Weights: %s, style %c"), what, w->style);
    jl_out_note(o, line);
    snprintf(line, sizeof line,
             _("%zu areas, %zu links, %s neighbours per area %zu to %zu (mean %.2f), %zu "
               "without neighbours, %zu connected parts"),
             w->n, s.links, s.symmetric ? _("symmetric,") : _("one-way,"), s.kmin, s.kmax,
             s.kmean, s.islands, s.components);
    jl_out_note(o, line);
    /* Many more neighbours than the rest often means a sliver or a
     * misplaced polygon (research/spatial.md §1.6): name the top three. */
    if (s.kmax >= 2 * s.kmean && s.kmax >= 4) {
        size_t best[3] = {SIZE_MAX, SIZE_MAX, SIZE_MAX}, len, k;

        for (i = 0; i < w->n; i++) {
            size_t ki = w->off[i + 1] - w->off[i];

            for (k = 0; k < 3; k++)
                if (best[k] == SIZE_MAX || ki > w->off[best[k] + 1] - w->off[best[k]]) {
                    memmove(best + k + 1, best + k, (2 - k) * sizeof *best);
                    best[k] = i;
                    break;
                }
        }
        snprintf(line, sizeof line, "%s", _("Most neighbours (check for slivers):"));
        len = strlen(line);
        for (k = 0; k < 3 && best[k] != SIZE_MAX && len + 60 < sizeof line; k++) {
            snprintf(line + len, sizeof line - len, " %s (%zu)", d->codes[best[k]],
                     w->off[best[k] + 1] - w->off[best[k]]);
            len = strlen(line);
        }
        jl_out_note(o, line);
    }
    if (s.islands) {
        size_t len;

        snprintf(line, sizeof line, "%s", _("Without neighbours (left out of local results):"));
        len = strlen(line);
        for (i = 0; i < w->n && len + 40 < sizeof line; i++)
            if (w->off[i + 1] == w->off[i]) {
                snprintf(line + len, sizeof line - len, " %s", d->codes[i]);
                len = strlen(line);
                shown++;
            }
        if (shown < s.islands)
            snprintf(line + len, sizeof line - len, " ...");
        jl_out_note(o, line);
    }
}

static int write_weights(const jl_spw *w, const sp_data *d, const char *path, jl_err *err)
{
    FILE *f = fopen(path, "w");
    size_t i, e;
    char num[64];

    if (!f)
        return jl_err_set(err, JL_EIO, _("cannot write %s"), path);
    fputs("from,to,weight\n", f);
    for (i = 0; i < w->n; i++)
        for (e = w->off[i]; e < w->off[i + 1]; e++) {
            jl_csv_write_field(f, d->codes[i]);
            fputc(',', f);
            jl_csv_write_field(f, d->codes[w->nb[e]]);
            fprintf(f, ",%s\n", jl_fmt_exact(num, sizeof num, w->w[e]));
        }
    if (fclose(f) != 0)
        return jl_err_set(err, JL_EIO, _("cannot write %s"), path);
    return JL_OK;
}

/* ---- jamlik weights ---- */

enum { O_ID, O_VALUE, O_WEIGHTS, O_ROOK, O_SNAP, O_STYLE, O_WFILE, O_WRITE, O_PLANAR, O_CRS,
       O_DIVISION, O_PERM, O_SEED, O_THREADS, O_STREAMS, O_ALPHA, O_ADJUST, O_CLUSTERS, O_MINN,
       O_NOPT };

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
                     {"--min-n", 1}};
    size_t i;

    for (i = 0; i < O_NOPT; i++) {
        o[i].name = def[i].name;
        o[i].has_value = def[i].val;
        o[i].value = NULL;
    }
}

static wspec wspec_of(const jl_opt *o)
{
    wspec ws;

    ws.spec = o[O_WEIGHTS].value;
    ws.rook = o[O_ROOK].value;
    ws.snap = o[O_SNAP].value;
    ws.style = o[O_STYLE].value;
    ws.file = o[O_WFILE].value;
    return ws;
}

int cmd_weights(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"area", "neighbours", "links"};
    const char *labels[] = {_("area"), _("neighbours"), _("links")};
    jl_opt o[O_NOPT];
    char *pos[1], what[300];
    size_t npos, i;
    sp_data d;
    jl_spw w;
    wspec ws;
    jl_out *out = NULL;
    int rc;
    double t0, t1;

    opts_init(o);
    memset(&w, 0, sizeof w);
    rc = jl_cli_parse(o, O_NOPT, pos, 1, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    if (npos != 1)
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik weights SOURCE --id COL --weights "
                            "queen|rook|knn:K|band:D [--write-weights FILE]"));
    ws = wspec_of(o);
    rc = load_source(&d, cli, pos[0], o[O_ID].value, NULL, 0, o[O_PLANAR].value != NULL,
                     o[O_CRS].value, o[O_DIVISION].value, !ws.file, 10, err);
    if (rc < 0)
        return rc;
    t0 = now_s();
    rc = build_weights(&w, &d, &ws, what, sizeof what, err);
    t1 = now_s();
    if (rc == 0 && o[O_WRITE].value)
        rc = write_weights(&w, &d, o[O_WRITE].value, err);
    if (rc == 0) {
        char line[200];

        out = jl_out_new(cli->out, cli->format, ids, labels, 3);
        jl_out_align_right(out, 2);
        weights_notes(out, &w, &d, what);
        if (!cli->quiet) {
            snprintf(line, sizeof line, _("Read in %.3f s, weights built in %.3f s"), d.read_s,
                     t1 - t0);
            jl_out_note(out, line);
        }
        for (i = 0; i < w.n; i++) {
            size_t e, len = 0;
            char *list = jl_xmalloc(16 * (w.off[i + 1] - w.off[i]) + 1);

            list[0] = '\0';
            jl_out_str(out, d.codes[i]);
            for (e = w.off[i]; e < w.off[i + 1]; e++) {
                const char *c = d.codes[w.nb[e]];
                size_t cl = strlen(c);

                list = jl_xrealloc(list, len + cl + 2);
                if (len)
                    list[len++] = ' ';
                memcpy(list + len, c, cl + 1);
                len += cl;
            }
            jl_out_str(out, list);
            jl_out_int(out, (long)(w.off[i + 1] - w.off[i]));
            jl_out_row_end(out);
            jl_free(list);
        }
    }
    jl_out_end(out);
    jl_spw_dispose(&w);
    sp_data_dispose(&d);
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

int cmd_autocorr(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const gids[] = {"statistic", "value", "expectation", "variance", "z", "p",
                                       "p_perm"};
    const char *glabels[] = {_("statistic"), _("value"), _("expected"), _("variance"), "z",
                             _("p (normal)"), _("p (permutations)")};
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
    jl_opt o[O_NOPT];
    char *pos[1], what[300], line[600];
    size_t npos, i, n, R = 0;
    long lv;
    uint64_t seed = 1;
    unsigned long min_n;
    int threads, rc, mode, do_g;
    double alpha = 0.05, *p = NULL, *pf = NULL, *pb = NULL;
    const char *adjust = "fdr", *value;
    sp_data d;
    jl_spw w, ws_self, wB;
    wspec ws;
    jl_sa_test gt[3];
    jl_sa_local *loc = NULL;
    jl_out *out = NULL;

    opts_init(o);
    /* Every core by default: results do not depend on the thread count. */
    {
        long nc = sysconf(_SC_NPROCESSORS_ONLN);

        threads = nc < 1 ? 1 : nc > 64 ? 64 : (int)nc;
    }
    memset(&w, 0, sizeof w);
    memset(&ws_self, 0, sizeof ws_self);
    memset(&wB, 0, sizeof wB);
    memset(gt, 0, sizeof gt);
    rc = jl_cli_parse(o, O_NOPT, pos, 1, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    value = o[O_VALUE].value;
    if (npos != 1 || (!value && strncmp(pos[0], "indicator:", 10) != 0 &&
                      strncmp(pos[0], "survey:", 7) != 0))
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik autocorr SOURCE --id COL --value COL --weights "
                            "queen|rook|knn:K|band:D [--style W|B] [--permutations R]"));
    if (o[O_PERM].value) {
        if (jl_parse_long(&lv, o[O_PERM].value) < 0 || lv < 0 || lv > 10000000)
            return jl_err_set(err, JL_EUSAGE,
                              _("expected --permutations from 0 to 10000000, found %s"),
                              o[O_PERM].value);
        R = (size_t)lv;
    }
    if (o[O_SEED].value) {
        if (jl_parse_long(&lv, o[O_SEED].value) < 0 || lv < 0)
            return jl_err_set(err, JL_EUSAGE, _("expected --seed N of 0 or more, found %s"),
                              o[O_SEED].value);
        seed = (uint64_t)lv;
    }
    if (o[O_THREADS].value) {
        if (jl_parse_long(&lv, o[O_THREADS].value) < 0 || lv < 1 || lv > 64)
            return jl_err_set(err, JL_EUSAGE, _("expected --threads from 1 to 64, found %s"),
                              o[O_THREADS].value);
        threads = (int)lv;
    }
    if (o[O_ALPHA].value && (jl_parse_double(&alpha, o[O_ALPHA].value) < 0 || !(alpha > 0) ||
                             !(alpha < 1)))
        return jl_err_set(err, JL_EUSAGE, _("expected --alpha between 0 and 1, found %s"),
                          o[O_ALPHA].value);
    if (o[O_ADJUST].value) {
        adjust = o[O_ADJUST].value;
        if (strcmp(adjust, "fdr") && strcmp(adjust, "bonferroni") && strcmp(adjust, "none"))
            return jl_err_set(err, JL_EUSAGE,
                              _("expected --adjust fdr|bonferroni|none, found %s"), adjust);
    }
    /* The small-group rule of jamlik profile (release/suppress.h). */
    if ((rc = jl_release_min_n_parse(&min_n, o[O_MINN].value, err)) < 0)
        return rc;
    mode = o[O_STREAMS].value ? JL_PERM_STREAMS : JL_PERM_SHARED;
    ws = wspec_of(o);
    {
        const char *cols[1];

        cols[0] = value;
        rc = load_source(&d, cli, pos[0], o[O_ID].value, cols, 1, o[O_PLANAR].value != NULL,
                         o[O_CRS].value, o[O_DIVISION].value, !ws.file, min_n, err);
    }
    if (rc < 0)
        return rc;
    n = d.n;
    rc = build_weights(&w, &d, &ws, what, sizeof what, err);
    if (rc < 0)
        goto done;
    if (o[O_WRITE].value && (rc = write_weights(&w, &d, o[O_WRITE].value, err)) < 0)
        goto done;
    /* Global */
    if ((rc = jl_sa_moran(&w, d.val, &gt[0], err)) < 0 ||
        (rc = jl_sa_geary(&w, d.val, &gt[1], err)) < 0)
        goto done;
    /* G needs values of 0 or more and binary-type weights: with row
     * weights, it is computed on the binary pattern (spdep refuses W). */
    do_g = 1;
    for (i = 0; i < n; i++)
        if (d.val[i] < 0)
            do_g = 0;
    if (do_g) {
        jl_err e2 = JL_ERR_INIT;
        const jl_spw *wg = &w;

        if (w.style == 'W' || w.style == 'S') {
            wB.n = w.n;
            wB.off = jl_xmalloc((n + 1) * sizeof *wB.off);
            wB.nb = jl_xmalloc((w.off[n] ? w.off[n] : 1) * sizeof *wB.nb);
            wB.w = jl_xmalloc((w.off[n] ? w.off[n] : 1) * sizeof *wB.w);
            memcpy(wB.off, w.off, (n + 1) * sizeof *wB.off);
            memcpy(wB.nb, w.nb, w.off[n] * sizeof *wB.nb);
            wB.style = 'B';
            jl_spw_set_style(&wB, 'B', &e2);
            wg = &wB;
        }
        if (jl_sa_getis_g(wg, d.val, &gt[2], &e2) < 0)
            do_g = 0;
        else if (R && jl_sa_global_perm(wg, d.val, R, seed, threads, JL_SA_G, gt, NULL, &e2) < 0)
            do_g = 0;
    }
    if (R) {
        jl_progress pr;
        jl_cli_bar bar;

        rc = jl_sa_global_perm(&w, d.val, R, seed, threads, JL_SA_MORAN | JL_SA_GEARY, gt,
                               jl_cli_progress(&pr, &bar, cli->quiet), err);
        if (rc < 0)
            goto done;
    }
    /* Local */
    loc = jl_xcalloc(n, sizeof *loc);
    if ((rc = jl_spw_with_self(&ws_self, &w, err)) < 0 ||
        (rc = jl_sa_local_moran(&w, &ws_self, d.val, loc, err)) < 0)
        goto done;
    if (R) {
        jl_sa_local *pl = jl_xcalloc(n, sizeof *pl);

        jl_progress pr;
        jl_cli_bar bar;

        rc = jl_sa_local_perm(&w, d.val, R, seed, mode, threads, pl,
                              jl_cli_progress(&pr, &bar, cli->quiet), err);
        for (i = 0; rc == 0 && i < n; i++) {
            loc[i].ge = pl[i].ge;
            loc[i].le = pl[i].le;
            loc[i].p_greater = pl[i].p_greater;
            loc[i].p_less = pl[i].p_less;
            loc[i].p_folded = pl[i].p_folded;
            loc[i].E_sim = pl[i].E_sim;
            loc[i].V_sim = pl[i].V_sim;
        }
        jl_free(pl);
        if (rc < 0)
            goto done;
    }
    /* The p-value a cluster is judged by: the folded permutation p when
     * there are permutations, else the normal one. */
    p = jl_xmalloc(n * sizeof *p);
    pf = jl_xmalloc(n * sizeof *pf);
    pb = jl_xmalloc(n * sizeof *pb);
    for (i = 0; i < n; i++)
        p[i] = R ? loc[i].p_folded : loc[i].p_norm;
    jl_p_adjust_bh(p, n, pf);
    jl_p_adjust_bonferroni(p, n, pb);

    if (cli->format == JL_FMT_TABLE) {
        jl_out *g = jl_out_new(cli->out, cli->format, gids, glabels, 7);
        const char *names[3] = {_("Moran's I"), _("Geary's C"), _("Getis-Ord G")};
        int k;

        for (k = 1; k < 7; k++)
            jl_out_align_right(g, (size_t)k);
        if (d.synthetic)
            jl_out_note(g, _("OBS: syntetiska svar, made by jamlik's generator; not real young "
                             "people"));
        snprintf(line, sizeof line, _("%s: %zu areas"), d.source, n);
        jl_out_note(g, line);
        weights_notes(g, &w, &d, what);
        jl_out_note(g, _("Normal p-values are one-sided: clustering of like values (Geary: a "
                         "small C; its z is E - C)."));
        for (k = 0; k < (do_g ? 3 : 2); k++) {
            jl_sa_test *t = &gt[k];

            jl_out_str(g, names[k]);
            jl_out_num(g, t->stat, 4);
            jl_out_num(g, t->expect, 4);
            jl_out_num(g, k == 2 ? t->var_norm : t->var_rand, 6);
            jl_out_num(g, k == 2 ? t->z_norm : t->z_rand, 3);
            jl_out_num(g, k == 2 ? t->p_norm : t->p_rand, 4);
            if (R)
                jl_out_num(g, k == 1 ? t->p_less : t->p_greater, 4);
            else
                jl_out_empty(g);
            jl_out_row_end(g);
        }
        jl_out_end(g);
        fputc('\n', cli->out);
    }
    out = jl_out_new(cli->out, cli->format, ids, labels, 20);
    for (i = 2; i < 20; i++)
        if (i != 14 && i != 15)
            jl_out_align_right(out, i);
    if (!R)
        for (i = 9; i <= 11; i++)
            jl_out_table_hide(out, i);
    jl_out_table_hide(out, 18);
    jl_out_table_hide(out, 19);
    jl_out_table_hide(out, 13);
    if (!d.names)
        jl_out_table_hide(out, 1);
    if (d.synthetic)
        jl_out_note(out, _("OBS: syntetiska svar, made by jamlik's generator; not real young "
                           "people"));
    if (cli->format != JL_FMT_TABLE) {
        snprintf(line, sizeof line, _("%s: %zu areas"), d.source, n);
        jl_out_note(out, line);
        weights_notes(out, &w, &d, what);
    }
    jl_out_note(out, _("Local Moran's Ii on spdep's scale (m2 = sum of squared deviations / "
                       "n); esda's Is is (n-1)/n of it. E, Var and z under conditional "
                       "randomisation; p (normal) two-sided."));
    if (R) {
        snprintf(line, sizeof line,
                 _("%zu permutations (seed %llu, %s): p greater = (#{sim >= Ii} + 1) / (R + 1), "
                   "p less likewise, p folded the smaller."),
                 R, (unsigned long long)seed,
                 mode == JL_PERM_SHARED ? _("one shared table") : _("a stream per area"));
        jl_out_note(out, line);
    }
    snprintf(line, sizeof line,
             _("Cluster: the quadrant (High = above the mean, for the value and for the mean "
               "of its neighbours) where the %s p-value, adjusted by %s, is at most %g."),
             R ? _("folded permutation") : _("normal"),
             !strcmp(adjust, "fdr") ? _("Benjamini-Hochberg (FDR)")
             : !strcmp(adjust, "bonferroni") ? "Bonferroni" : _("nothing"),
             alpha);
    jl_out_note(out, line);
    if (d.dropped) {
        snprintf(line, sizeof line, _("%zu areas without a value or a shape are left out."),
                 d.dropped);
        jl_out_note(out, line);
    }
    jl_out_meta(out, "source", d.source);
    jl_out_meta(out, "weights", what);
    {
        char st[2] = {w.style, 0};

        jl_out_meta(out, "style", st);
    }
    jl_out_meta_num(out, "areas", (double)n);
    jl_out_meta_num(out, "permutations", (double)R);
    meta_test(out, "moran", &gt[0], 1);
    meta_test(out, "geary", &gt[1], 1);
    if (do_g)
        meta_test(out, "getis_g", &gt[2], 0);
    for (i = 0; i < n; i++) {
        jl_sa_local *l = &loc[i];
        double padj = !strcmp(adjust, "fdr") ? pf[i] : !strcmp(adjust, "bonferroni") ? pb[i] : p[i];
        int island = w.off[i + 1] == w.off[i], tbl = cli->format == JL_FMT_TABLE;

        /* --clusters: only the areas of significant clusters */
        if (o[O_CLUSTERS].value && (island || !(padj <= alpha)))
            continue;
        jl_out_str(out, d.codes[i]);
        jl_out_str(out, d.names ? d.names[i] : NULL);
        jl_out_num(out, d.val[i], 3);
        jl_out_num(out, l->lag, 3);
        jl_out_num(out, l->Ii, 4);
        jl_out_num(out, l->E, 4);
        jl_out_num(out, l->V, 4);
        jl_out_num(out, l->Z, 3);
        jl_out_num(out, l->p_norm, 4);
        jl_out_num(out, l->p_greater, 4);
        jl_out_num(out, l->p_less, 4);
        jl_out_num(out, l->p_folded, 4);
        jl_out_num(out, pf[i], 4);
        jl_out_num(out, pb[i], 4);
        jl_out_str(out, island ? _("no neighbours") : quad_name(l->quad, tbl));
        jl_out_str(out, island ? "" : padj <= alpha ? quad_name(l->quad, tbl) : _("not significant"));
        jl_out_num(out, l->gi_z, 3);
        jl_out_num(out, l->gistar_z, 3);
        jl_out_num(out, l->E_sim, 4);
        jl_out_num(out, l->V_sim, 4);
        jl_out_row_end(out);
    }
done:
    jl_out_end(out);
    jl_free(loc);
    jl_free(p);
    jl_free(pf);
    jl_free(pb);
    jl_spw_dispose(&w);
    jl_spw_dispose(&ws_self);
    jl_spw_dispose(&wB);
    sp_data_dispose(&d);
    return rc < 0 ? rc : 0;
}

/* ---- jamlik segregation ---- */

/* Text cells of the named columns, one row per unit, from a CSV or a map
 * layer (whose rings are kept for contiguity). Rows failing the filter
 * col=value are left out. */
typedef struct seg_table {
    size_t n, ncol;
    char **codes;
    char **cell; /* n * ncol */
    long *line;  /* CSV line of each row (0 for a layer) */
    int has_geom;
    jl_geo_rings rings;
    size_t *keep; /* layer: feature index of each row */
} seg_table;

static void seg_table_dispose(seg_table *t)
{
    size_t i;

    for (i = 0; t->codes && i < t->n; i++)
        jl_free(t->codes[i]);
    for (i = 0; t->cell && i < t->n * t->ncol; i++)
        jl_free(t->cell[i]);
    jl_free(t->codes);
    jl_free(t->cell);
    jl_free(t->line);
    jl_free(t->keep);
    jl_geo_rings_dispose(&t->rings);
    memset(t, 0, sizeof *t);
}

static int seg_load(seg_table *t, const char *src, const char *unit, const char *const *cols,
                    size_t ncol, const char *fcol, const char *fval, int planar, const char *crs,
                    jl_err *err)
{
    size_t i, c, cap = 0, ccap = 0, lcap = 0;

    memset(t, 0, sizeof *t);
    t->ncol = ncol;
    if (has_ext(src, ".csv")) {
        jl_strmap *seen = jl_strmap_new();
        char *text = NULL;
        size_t len, uc = SIZE_MAX, fc = SIZE_MAX, *cc = jl_xmalloc(ncol * sizeof *cc);
        jl_encoding used;
        jl_csv *csv = NULL;
        int rc;

        rc = jl_text_load(&text, &len, &used, src, JL_ENC_AUTO, err);
        if (rc == 0)
            rc = jl_csv_new(&csv, src, text, len, 0, err);
        if (rc == 0 && (rc = jl_csv_next(csv, err)) == 0)
            rc = jl_err_at(err, JL_EINPUT, src, 1, 1, _("expected a header line, found none"));
        for (c = 0; rc >= 0 && c < ncol; c++)
            cc[c] = SIZE_MAX;
        for (i = 0; rc >= 0 && i < jl_csv_nfields(csv); i++) {
            const char *h = jl_csv_field(csv, i);

            if (!strcmp(h, unit))
                uc = i;
            if (fcol && !strcmp(h, fcol))
                fc = i;
            for (c = 0; c < ncol; c++)
                if (!strcmp(h, cols[c]))
                    cc[c] = i;
        }
        if (rc >= 0 && uc == SIZE_MAX)
            rc = jl_err_at(err, JL_EINPUT, src, 1, 1, _("expected a column \"%s\", found none"),
                           unit);
        if (rc >= 0 && fcol && fc == SIZE_MAX)
            rc = jl_err_at(err, JL_EINPUT, src, 1, 1, _("expected a column \"%s\", found none"),
                           fcol);
        for (c = 0; rc >= 0 && c < ncol; c++)
            if (cc[c] == SIZE_MAX)
                rc = jl_err_at(err, JL_EINPUT, src, 1, 1,
                               _("expected a column \"%s\", found none"), cols[c]);
        while (rc >= 0 && (rc = jl_csv_next(csv, err)) == 1) {
            size_t nf = jl_csv_nfields(csv);

            if (fcol && (fc >= nf || strcmp(jl_csv_field(csv, fc), fval)))
                continue;
            if (uc >= nf) {
                rc = jl_err_at(err, JL_EINPUT, src, jl_csv_line(csv), 1,
                               _("expected %zu fields, found %zu"), uc + 1, nf);
                break;
            }
            {
                size_t first;

                /* A unit twice would be counted twice in every index. */
                if (!jl_strmap_put(seen, jl_csv_field(csv, uc), (size_t)jl_csv_line(csv),
                                   &first)) {
                    rc = jl_err_at(err, JL_EINPUT, src, jl_csv_line(csv),
                                   jl_csv_field_col(csv, uc),
                                   _("expected each unit once, found %s again (first on line "
                                     "%zu)"),
                                   jl_csv_field(csv, uc), first);
                    break;
                }
            }
            t->codes = jl_xgrow(t->codes, &cap, t->n + 1, sizeof *t->codes);
            t->cell = jl_xgrow(t->cell, &ccap, (t->n + 1) * (ncol ? ncol : 1), sizeof *t->cell);
            t->line = jl_xgrow(t->line, &lcap, t->n + 1, sizeof *t->line);
            t->codes[t->n] = jl_xstrdup(jl_csv_field(csv, uc));
            t->line[t->n] = jl_csv_line(csv);
            for (c = 0; c < ncol; c++)
                t->cell[t->n * ncol + c] = jl_xstrdup(cc[c] < nf ? jl_csv_field(csv, cc[c]) : "");
            t->n++;
        }
        jl_csv_free(csv);
        jl_free(text);
        jl_free(cc);
        jl_strmap_free(seen);
        return rc < 0 ? rc : JL_OK;
    } else {
        const char **all = jl_xmalloc((ncol + 1) * sizeof *all);
        int rc;

        for (c = 0; c < ncol; c++)
            all[c] = cols[c];
        if (fcol)
            all[ncol] = fcol;
        rc = read_rings(&t->rings, src, unit, all, ncol + (fcol != NULL), planar, crs, err);
        jl_free(all);
        if (rc < 0)
            return rc;
        t->has_geom = 1;
        t->keep = jl_xmalloc((t->rings.n ? t->rings.n : 1) * sizeof *t->keep);
        t->codes = jl_xmalloc((t->rings.n ? t->rings.n : 1) * sizeof *t->codes);
        t->cell = jl_xmalloc((t->rings.n && ncol ? t->rings.n * ncol : 1) * sizeof *t->cell);
        t->line = jl_xcalloc(t->rings.n ? t->rings.n : 1, sizeof *t->line);
        for (i = 0; i < t->rings.n; i++) {
            size_t ne = t->rings.nextra;
            const char *fv = fcol ? t->rings.extra[i * ne + ncol] : NULL;

            if (fcol && (!fv || strcmp(fv, fval)))
                continue;
            t->keep[t->n] = i;
            t->codes[t->n] = jl_xstrdup(t->rings.code[i]);
            for (c = 0; c < ncol; c++) {
                const char *v = t->rings.extra[i * ne + c];

                t->cell[t->n * ncol + c] = jl_xstrdup(v ? v : "");
            }
            t->n++;
        }
        return JL_OK;
    }
}

/* indicators@PERIOD: each group an indicator of counts, or A-B (people
 * counted in A but not in B, such as folkmangd-fodda_sverige), over the
 * areas of div that have every figure. */
static int seg_load_db(seg_table *t, jl_cli *cli, const char *period, const char *div,
                       const char *const *groups, size_t ng, int need_geom, jl_err *err)
{
    jl_area_values *av = jl_xcalloc(2 * ng, sizeof *av);
    jl_strmap **ix = jl_xcalloc(2 * ng, sizeof *ix);
    size_t g, i, k;
    int rc = JL_OK;

    memset(t, 0, sizeof *t);
    t->ncol = ng;
    if (!div) {
        rc = jl_err_set(err, JL_EUSAGE, _("%s needs --division"), "indicators@PERIOD");
        goto done;
    }
    if (!cli->store && (rc = jl_store_open(&cli->store, cli->db_path, JL_STORE_RW, NULL, err)) < 0)
        goto done;
    for (g = 0; g < ng && rc == 0; g++) {
        char a[200], *minus;

        snprintf(a, sizeof a, "%s", groups[g]);
        minus = strchr(a, '-');
        if (minus)
            *minus++ = '\0';
        rc = jl_view_indicator_values(&av[2 * g], cli->store, a, div, period, err);
        if (rc == 0 && minus)
            rc = jl_view_indicator_values(&av[2 * g + 1], cli->store, minus, div, period, err);
        for (k = 0; rc == 0 && k < 2; k++) {
            ix[2 * g + k] = jl_strmap_new();
            for (i = 0; i < av[2 * g + k].n; i++)
                jl_strmap_put(ix[2 * g + k], av[2 * g + k].codes[i], i, NULL);
        }
    }
    if (rc < 0)
        goto done;
    /* the areas of the first group that have every figure */
    t->codes = jl_xmalloc((av[0].n ? av[0].n : 1) * sizeof *t->codes);
    t->cell = jl_xmalloc((av[0].n ? av[0].n : 1) * ng * sizeof *t->cell);
    t->line = jl_xcalloc(av[0].n ? av[0].n : 1, sizeof *t->line);
    for (i = 0; i < av[0].n; i++) {
        double v[64];
        int all = 1;

        for (g = 0; g < ng && all; g++) {
            size_t at, bt;

            if (!jl_strmap_get(ix[2 * g], av[0].codes[i], &at))
                all = 0;
            else if (av[2 * g + 1].codes && !jl_strmap_get(ix[2 * g + 1], av[0].codes[i], &bt))
                all = 0;
            else
                v[g] = av[2 * g].vals[at] - (av[2 * g + 1].codes ? av[2 * g + 1].vals[bt] : 0);
        }
        if (!all)
            continue;
        t->codes[t->n] = jl_xstrdup(av[0].codes[i]);
        for (g = 0; g < ng; g++) {
            char num[40];

            snprintf(num, sizeof num, "%.17g", v[g]);
            t->cell[t->n * ng + g] = jl_xstrdup(num);
        }
        t->n++;
    }
    if (need_geom && t->n) {
        size_t *keep = NULL;

        rc = db_rings(cli, div, t->codes, t->n, &t->rings, &keep, err);
        if (rc == 0) {
            /* rows without a shape go */
            size_t j = 0;

            for (i = 0; i < t->n; i++) {
                if (j < t->rings.n && keep[j] == i) {
                    t->codes[j] = t->codes[i];
                    for (g = 0; g < ng; g++)
                        t->cell[j * ng + g] = t->cell[i * ng + g];
                    j++;
                } else {
                    jl_free(t->codes[i]);
                    for (g = 0; g < ng; g++)
                        jl_free(t->cell[i * ng + g]);
                }
            }
            t->n = j;
            t->has_geom = 1;
            t->keep = jl_xmalloc((j ? j : 1) * sizeof *t->keep);
            for (i = 0; i < j; i++)
                t->keep[i] = i;
        }
        jl_free(keep);
    }
done:
    for (g = 0; g < 2 * ng; g++) {
        jl_area_values_dispose(&av[g]);
        if (ix[g])
            jl_strmap_free(ix[g]);
    }
    jl_free(av);
    jl_free(ix);
    return rc;
}

/* Contiguity among the rows of tb (which has rings), binary. */
static int seg_contiguity(jl_spw *w, const seg_table *tb, const char *spec, const char *snap,
                          jl_err *err)
{
    sp_data d;
    wspec ws;
    char what[300];
    jl_geo_rings *r = &d.rings;
    const jl_geo_rings *s = &tb->rings;
    size_t k, nr = 0, nv = 0;
    int rc;

    memset(&d, 0, sizeof d);
    d.n = tb->n;
    d.codes = tb->codes;
    d.has_geom = 1;
    snprintf(r->crs, sizeof r->crs, "%s", s->crs);
    r->n = tb->n;
    r->fring = jl_xmalloc((tb->n + 1) * sizeof *r->fring);
    r->roff = jl_xmalloc((s->nring + 1) * sizeof *r->roff);
    r->xy = jl_xmalloc((s->nv ? s->nv : 1) * 2 * sizeof *r->xy);
    r->cxy = jl_xmalloc((tb->n ? tb->n : 1) * 2 * sizeof *r->cxy);
    r->roff[0] = 0;
    for (k = 0; k < tb->n; k++) {
        size_t f = tb->keep[k], q;

        r->fring[k] = nr;
        r->cxy[2 * k] = s->cxy[2 * f];
        r->cxy[2 * k + 1] = s->cxy[2 * f + 1];
        for (q = s->fring[f]; q < s->fring[f + 1]; q++) {
            size_t len = s->roff[q + 1] - s->roff[q];

            memcpy(r->xy + 2 * nv, s->xy + 2 * s->roff[q], 2 * len * sizeof *r->xy);
            nv += len;
            r->roff[++nr] = nv;
        }
    }
    r->fring[tb->n] = nr;
    r->nring = nr;
    r->nv = nv;
    ws.spec = spec;
    ws.rook = NULL;
    ws.snap = snap;
    ws.style = "B";
    ws.file = NULL;
    rc = build_weights(w, &d, &ws, what, sizeof what, err);
    d.codes = NULL;
    d.n = 0;
    jl_geo_rings_dispose(&d.rings);
    return rc;
}

/* The indices over periods, one row each (indicators@P1,P2,...). */
static int seg_over_time(jl_cli *cli, const char *periods, const char *div,
                         const char *const *groups, size_t ng, size_t focal_i, const char *wspec_s,
                         const char *snap, jl_err *err)
{
    static const char *const ids[] = {"period",    "units",   "focal_share", "dissimilarity",
                                      "gini",      "isolation", "theil_h",   "multi_m",
                                      "multi_h",   "morrill_d"};
    const char *labels[] = {_("period"),        _("units"),         _("focal group's share"),
                            "D",                "Gini",             "xPx",
                            "H",                "M",                _("H (multigroup)"),
                            _("Morrill's D")};
    char *copy = jl_xstrdup(periods), *tok, *save = NULL, line[600];
    jl_out *out = NULL;
    int rc = JL_OK;
    size_t i, g;

    for (tok = strtok_r(copy, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
        seg_table tb;
        double *cnt = NULL, *x = NULL, *tot = NULL;
        jl_spw w;
        jl_seg_two two;
        jl_seg_multi mu;

        memset(&w, 0, sizeof w);
        rc = seg_load_db(&tb, cli, tok, div, groups, ng, wspec_s != NULL, err);
        if (rc == 0 && tb.n < 2)
            rc = jl_err_set(err, JL_EINPUT, _("%s: expected at least two units, found %zu"), tok,
                            tb.n);
        if (rc == 0 && wspec_s)
            rc = seg_contiguity(&w, &tb, wspec_s, snap, err);
        if (rc == 0) {
            cnt = jl_xmalloc(tb.n * ng * sizeof *cnt);
            x = jl_xmalloc(tb.n * sizeof *x);
            tot = jl_xmalloc(tb.n * sizeof *tot);
            for (i = 0; i < tb.n; i++) {
                tot[i] = 0;
                for (g = 0; g < ng; g++) {
                    double v = 0;

                    if (jl_parse_double(&v, tb.cell[i * ng + g]) < 0 || !(v >= 0))
                        rc = jl_err_set(err, JL_EINPUT,
                                        _("unit %s: expected a count of 0 or more in %s, found "
                                          "\"%s\""),
                                        tb.codes[i], groups[g], tb.cell[i * ng + g]);
                    cnt[i * ng + g] = v;
                    tot[i] += v;
                }
                x[i] = cnt[i * ng + focal_i];
            }
        }
        if (rc == 0)
            rc = jl_seg_two_compute(x, tot, tb.n, wspec_s ? &w : NULL, &two, err);
        if (rc == 0)
            rc = jl_seg_multi_compute(cnt, tb.n, ng, NULL, 0, &mu, NULL, NULL, NULL, NULL, err);
        if (rc == 0) {
            if (!out) {
                out = jl_out_new(cli->out, cli->format, ids, labels, 10);
                for (i = 1; i < 10; i++)
                    jl_out_align_right(out, i);
                if (!wspec_s)
                    jl_out_table_hide(out, 9);
                {
                    char gl[400] = "";
                    size_t len = 0;

                    for (g = 0; g < ng && len + 2 < sizeof gl; g++) {
                        snprintf(gl + len, sizeof gl - len, "%s%s", g ? ", " : "", groups[g]);
                        len = strlen(gl);
                    }
                    snprintf(line, sizeof line,
                             _("Areas of %s with every figure; groups %s (focal %s); natural "
                               "logarithms"),
                             div, gl, groups[focal_i]);
                }
                jl_out_note(out, line);
            }
            jl_out_str(out, tok);
            jl_out_int(out, (long)two.units);
            jl_out_num(out, two.P, 4);
            jl_out_num(out, two.D, 4);
            jl_out_num(out, two.gini, 4);
            jl_out_num(out, two.xPx, 4);
            jl_out_num(out, two.H, 4);
            jl_out_num(out, mu.M, 4);
            jl_out_num(out, mu.H, 4);
            jl_out_num(out, two.morrill, 4);
            jl_out_row_end(out);
        }
        jl_free(cnt);
        jl_free(x);
        jl_free(tot);
        jl_spw_dispose(&w);
        seg_table_dispose(&tb);
    }
    jl_out_end(out);
    jl_free(copy);
    return rc;
}

int cmd_segregation(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"index", "value"};
    const char *labels[] = {_("index"), _("value")};
    jl_opt o[] = {{"--unit", 1, NULL},     {"--groups", 1, NULL},  {"--group-of", 1, NULL},
                  {"--focal", 1, NULL},    {"--weights", 1, NULL}, {"--weights-file", 1, NULL},
                  {"--planar", 0, NULL},   {"--crs", 1, NULL},     {"--only", 1, NULL},
                  {"--local", 0, NULL},    {"--snap", 1, NULL},    {"--division", 1, NULL}};
    const size_t no = sizeof o / sizeof o[0];
    char *pos[1], *gcopy = NULL, *tok, *save = NULL, line[1200], fcol[200] = "";
    const char *groups[64], *unit, *gof, *focal, *fval = NULL;
    size_t npos, ng = 0, i, g, nunits, focal_i = 0, nparts = 0, linkdrop = 0;
    seg_table tb;
    double *cnt = NULL, *x = NULL, *tot = NULL, *ls = NULL, *lq = NULL, *pM = NULL, *pp = NULL;
    uint32_t *part = NULL;
    char **partname = NULL;
    jl_spw w;
    int rc, have_w = 0;
    jl_seg_two two;
    jl_seg_multi mu;
    jl_out *out = NULL;
    const char *cols[132];
    char *splitbuf[64] = {NULL};
    size_t sub_of[64], ncols_read = 0;
    char **ikey = NULL, **ilab = NULL;
    double *ival = NULL;
    size_t nidx = 0;

    memset(&tb, 0, sizeof tb);
    memset(&w, 0, sizeof w);
    rc = jl_cli_parse(o, no, pos, 1, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    unit = jl_cli_opt(o, no, "--unit");
    gof = jl_cli_opt(o, no, "--group-of");
    focal = jl_cli_opt(o, no, "--focal");
    if (npos == 1 && !strncmp(pos[0], "indicators@", 11))
        unit = "-";
    if (npos != 1 || !unit || !jl_cli_opt(o, no, "--groups"))
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik segregation SOURCE --unit COL --groups COL,COL[,...] "
                            "[--group-of COL] [--focal GROUP] [--weights queen|...]"));
    gcopy = jl_xstrdup(jl_cli_opt(o, no, "--groups"));
    for (tok = strtok_r(gcopy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (ng == 64) {
            rc = jl_err_set(err, JL_EUSAGE, _("expected at most 64 groups"));
            goto done;
        }
        groups[ng++] = tok;
    }
    if (ng < 2) {
        rc = jl_err_set(err, JL_EUSAGE, _("expected at least two groups in --groups, found %zu"),
                        ng);
        goto done;
    }
    if (focal) {
        for (focal_i = 0; focal_i < ng && strcmp(groups[focal_i], focal); focal_i++)
            ;
        if (focal_i == ng) {
            rc = jl_err_set(err, JL_EUSAGE, _("expected --focal to be one of --groups, found %s"),
                            focal);
            goto done;
        }
    }
    if (jl_cli_opt(o, no, "--only")) {
        const char *eq = strchr(jl_cli_opt(o, no, "--only"), '=');

        if (!eq || eq == jl_cli_opt(o, no, "--only") ||
            (size_t)(eq - jl_cli_opt(o, no, "--only")) >= sizeof fcol) {
            rc = jl_err_set(err, JL_EUSAGE, _("expected --only COLUMN=VALUE, found %s"),
                            jl_cli_opt(o, no, "--only"));
            goto done;
        }
        memcpy(fcol, jl_cli_opt(o, no, "--only"), (size_t)(eq - jl_cli_opt(o, no, "--only")));
        fval = eq + 1;
    }
    /* Columns to read: each group's, and for a group A-B (people counted
     * in A but not in B) both A and B, after the groups and --group-of. */
    {
        size_t nc = ng + (gof != NULL);

        for (g = 0; g < ng; g++) {
            const char *minus = strchr(groups[g], '-');

            cols[g] = groups[g];
            sub_of[g] = SIZE_MAX;
            if (minus && strncmp(pos[0], "indicators@", 11) != 0) {
                size_t len = (size_t)(minus - groups[g]);

                if (nc + 1 >= sizeof cols / sizeof cols[0] || len == 0 || !minus[1]) {
                    rc = jl_err_set(err, JL_EUSAGE, _("expected a group COLUMN or A-B, found %s"),
                                    groups[g]);
                    goto done;
                }
                splitbuf[g] = jl_xstrndup(groups[g], len);
                cols[g] = splitbuf[g];
                sub_of[g] = nc;
                cols[nc++] = minus + 1;
            }
        }
        if (gof)
            cols[ng] = gof;
        ncols_read = nc;
    }
    if (!strncmp(pos[0], "indicators@", 11)) {
        const char *periods = pos[0] + 11;

        if (gof || fval || jl_cli_opt(o, no, "--weights-file")) {
            rc = jl_err_set(err, JL_EUSAGE,
                            _("indicators@PERIOD takes --division, --groups, --focal, --weights "
                              "and --local"));
            goto done;
        }
        if (strchr(periods, ',')) {
            rc = seg_over_time(cli, periods, jl_cli_opt(o, no, "--division"), groups, ng, focal_i,
                               jl_cli_opt(o, no, "--weights"), jl_cli_opt(o, no, "--snap"), err);
            goto done;
        }
        rc = seg_load_db(&tb, cli, periods, jl_cli_opt(o, no, "--division"), groups, ng,
                         jl_cli_opt(o, no, "--weights") != NULL, err);
    } else
        rc = seg_load(&tb, pos[0], unit, cols, ncols_read, fval ? fcol : NULL, fval,
                      jl_cli_opt(o, no, "--planar") != NULL, jl_cli_opt(o, no, "--crs"), err);
    if (rc < 0)
        goto done;
    nunits = tb.n;
    if (nunits < 2) {
        rc = jl_err_set(err, JL_EINPUT, _("expected at least two units, found %zu"), nunits);
        goto done;
    }
    cnt = jl_xmalloc(nunits * ng * sizeof *cnt);
    x = jl_xmalloc(nunits * sizeof *x);
    tot = jl_xmalloc(nunits * sizeof *tot);
    for (i = 0; i < nunits; i++) {
        tot[i] = 0;
        for (g = 0; g < ng; g++) {
            const char *s = tb.cell[i * tb.ncol + g];
            double v;

            if (jl_parse_double(&v, s) < 0 || !(v >= 0) || !isfinite(v)) {
                rc = tb.line[i]
                         ? jl_err_at(err, JL_EINPUT, pos[0], tb.line[i], 0,
                                     _("unit %s: expected a count of 0 or more in %s, found "
                                       "\"%s\""),
                                     tb.codes[i], groups[g], s)
                         : jl_err_at(err, JL_EINPUT, pos[0], 0, 0,
                                     _("unit %s: expected a count of 0 or more in %s, found "
                                       "\"%s\""),
                                     tb.codes[i], groups[g], s);
                goto done;
            }
            if (sub_of[g] != SIZE_MAX) {
                const char *s2 = tb.cell[i * tb.ncol + sub_of[g]];
                double b;

                if (jl_parse_double(&b, s2) < 0 || !(b >= 0) || !(b <= v)) {
                    rc = jl_err_at(err, JL_EINPUT, pos[0], tb.line[i], 0,
                                   _("unit %s: expected %s of 0 or more and at most %s, found "
                                     "\"%s\""),
                                   tb.codes[i], cols[sub_of[g]], cols[g], s2);
                    goto done;
                }
                v -= b;
            }
            cnt[i * ng + g] = v;
            tot[i] += v;
        }
        x[i] = cnt[i * ng + focal_i];
    }
    if (gof) {
        jl_strmap *pm = jl_strmap_new();

        part = jl_xmalloc(nunits * sizeof *part);
        partname = jl_xmalloc(nunits * sizeof *partname);
        for (i = 0; i < nunits; i++) {
            const char *s = tb.cell[i * tb.ncol + ng];
            size_t at;

            if (!jl_strmap_get(pm, s, &at)) {
                at = nparts;
                jl_strmap_put(pm, s, nparts, NULL);
                partname[nparts++] = tb.cell[i * tb.ncol + ng];
            }
            part[i] = (uint32_t)at;
        }
        jl_strmap_free(pm);
    }
    /* Contiguity for Morrill's D */
    if (jl_cli_opt(o, no, "--weights-file")) {
        /* Links to units outside the data (another city, a filtered row)
         * are dropped and counted, not refused. */
        sp_data d;

        memset(&d, 0, sizeof d);
        d.n = nunits;
        d.codes = tb.codes;
        rc = read_weights_file(&w, &d, jl_cli_opt(o, no, "--weights-file"), &linkdrop, err);
        if (rc == 0)
            rc = jl_spw_set_style(&w, 'B', err);
        if (rc < 0)
            goto done;
        have_w = 1;
    } else if (jl_cli_opt(o, no, "--weights")) {
        if (!tb.has_geom) {
            rc = jl_err_set(err, JL_EUSAGE,
                            _("a CSV has no shapes: give --weights-file FILE (from,to,weight)"));
            goto done;
        }
        rc = seg_contiguity(&w, &tb, jl_cli_opt(o, no, "--weights"), jl_cli_opt(o, no, "--snap"),
                            err);
        if (rc < 0)
            goto done;
        have_w = 1;
    }
    if ((rc = jl_seg_two_compute(x, tot, nunits, have_w ? &w : NULL, &two, err)) < 0)
        goto done;
    ls = jl_xmalloc(nunits * sizeof *ls);
    lq = jl_xmalloc(nunits * ng * sizeof *lq);
    if (part) {
        pM = jl_xmalloc(nparts * sizeof *pM);
        pp = jl_xmalloc(nparts * sizeof *pp);
    }
    if ((rc = jl_seg_multi_compute(cnt, nunits, ng, part, nparts, &mu, ls, lq, pM, pp, err)) < 0)
        goto done;

    if (!jl_cli_opt(o, no, "--local")) {
        out = jl_out_new(cli->out, cli->format, ids, labels, 2);
        jl_out_align_right(out, 1);
    } else {
        const char **lid = jl_xmalloc((3 + ng) * sizeof *lid);
        char **lqn = jl_xmalloc(ng * sizeof *lqn);

        lid[0] = "unit";
        lid[1] = "people";
        lid[2] = "local_M";
        for (g = 0; g < ng; g++) {
            lqn[g] = jl_xmalloc(strlen(groups[g]) + 4);
            sprintf(lqn[g], "lq_%s", groups[g]);
            lid[3 + g] = lqn[g];
        }
        {
            const char **llab = jl_xmalloc((3 + ng) * sizeof *llab);
            char **lqlab = jl_xmalloc(ng * sizeof *lqlab);

            llab[0] = _("unit");
            llab[1] = _("people");
            llab[2] = _("local segregation");
            for (g = 0; g < ng; g++) {
                size_t len = strlen(groups[g]) + 64;

                lqlab[g] = jl_xmalloc(len);
                snprintf(lqlab[g], len, _("quotient %s"), groups[g]);
                llab[3 + g] = lqlab[g];
            }
            out = jl_out_new(cli->out, cli->format, lid, llab, 3 + ng);
            for (g = 0; g < ng; g++)
                jl_free(lqlab[g]);
            jl_free(lqlab);
            jl_free(llab);
        }
        for (g = 1; g < 3 + ng; g++)
            jl_out_align_right(out, g);
        for (g = 0; g < ng; g++)
            jl_free(lqn[g]);
        jl_free(lqn);
        jl_free(lid);
    }
    snprintf(line, sizeof line, _("%s: %zu units with people of %zu, groups %s; focal group %s"),
             pos[0], mu.units, nunits, jl_cli_opt(o, no, "--groups"), groups[focal_i]);
    jl_out_note(out, line);
    jl_out_note(out, _("Natural logarithms (M, local scores; H does not depend on the base). "
                       "Two-group indices: the focal group against all others."));
    if (have_w) {
        jl_spw_summary s;

        jl_spw_summarise(&w, &s, NULL);
        snprintf(line, sizeof line,
                 _("Morrill's D: contiguity with %zu links (binary)%s"), s.links,
                 linkdrop ? _("; links to units outside the data left out") : "");
        jl_out_note(out, line);
    }
    /* Every index goes into JSON's meta (written before the first row)
     * and, without --local, into the rows. */
#define IDX(key, label, v)                                                                     \
    do {                                                                                       \
        ikey = jl_xrealloc(ikey, (nidx + 1) * sizeof *ikey);                                   \
        ilab = jl_xrealloc(ilab, (nidx + 1) * sizeof *ilab);                                   \
        ival = jl_xrealloc(ival, (nidx + 1) * sizeof *ival);                                   \
        ikey[nidx] = jl_xstrdup(key);                                                          \
        ilab[nidx] = jl_xstrdup(label);                                                        \
        ival[nidx++] = (v);                                                                    \
    } while (0)
    IDX("focal_share", _("focal group's share"), two.P);
    IDX("dissimilarity", _("dissimilarity D"), two.D);
    IDX("gini", "Gini", two.gini);
    IDX("isolation", _("isolation xPx"), two.xPx);
    IDX("exposure", _("exposure xPy"), two.xPy);
    IDX("theil_h", _("Theil's H"), two.H);
    IDX("atkinson_0.1", _("Atkinson b = 0.1"), two.atkinson[0]);
    IDX("atkinson_0.5", _("Atkinson b = 0.5"), two.atkinson[1]);
    IDX("atkinson_0.9", _("Atkinson b = 0.9"), two.atkinson[2]);
    if (have_w)
        IDX("morrill_d", _("Morrill's spatial D"), two.morrill);
    IDX("multi_m", _("mutual information M"), mu.M);
    IDX("multi_h", _("Theil's H (multigroup) = M/E"), mu.H);
    IDX("multi_entropy", _("entropy E of the groups"), mu.E);
    IDX("multi_d", _("multigroup D"), mu.D);
    IDX("multi_gini", _("multigroup Gini"), mu.gini);
    IDX("multi_exposure", _("normalised exposure"), mu.exposure);
    IDX("multi_diversity", _("relative diversity"), mu.diversity);
    if (part) {
        IDX("m_between", _("M between parts"), mu.M_between);
        IDX("m_within", _("M within parts"), mu.M_within);
        IDX("h_between", _("H between parts"), mu.H_between);
        IDX("h_within", _("H within parts"), mu.H_within);
        for (i = 0; i < nparts; i++) {
            char key[300], lab[300];

            snprintf(key, sizeof key, "m_in_%s", partname[i]);
            snprintf(lab, sizeof lab, _("M within %s"), partname[i]);
            IDX(key, lab, pM[i]);
            snprintf(key, sizeof key, "share_%s", partname[i]);
            snprintf(lab, sizeof lab, _("share of people in %s"), partname[i]);
            IDX(key, lab, pp[i]);
        }
    }
#undef IDX
    for (i = 0; i < nidx; i++)
        jl_out_meta_num(out, ikey[i], ival[i]);
    for (i = 0; !jl_cli_opt(o, no, "--local") && i < nidx; i++) {
        jl_out_str(out, cli->format == JL_FMT_TABLE ? ilab[i] : ikey[i]);
        jl_out_num(out, ival[i], 4);
        jl_out_row_end(out);
    }
    for (i = 0; i < nidx; i++) {
        jl_free(ikey[i]);
        jl_free(ilab[i]);
    }
    jl_free(ikey);
    jl_free(ilab);
    jl_free(ival);
    if (jl_cli_opt(o, no, "--local"))
        for (i = 0; i < nunits; i++) {
            jl_out_str(out, tb.codes[i]);
            jl_out_num(out, tot[i], 0);
            jl_out_num(out, ls[i], 4);
            for (g = 0; g < ng; g++)
                jl_out_num(out, lq[i * ng + g], 3);
            jl_out_row_end(out);
        }
done:
    jl_out_end(out);
    for (g = 0; g < 64; g++)
        jl_free(splitbuf[g]);
    jl_free(gcopy);
    jl_free(cnt);
    jl_free(x);
    jl_free(tot);
    jl_free(ls);
    jl_free(lq);
    jl_free(pM);
    jl_free(pp);
    jl_free(part);
    jl_free(partname);
    jl_spw_dispose(&w);
    seg_table_dispose(&tb);
    return rc < 0 ? rc : 0;
}
