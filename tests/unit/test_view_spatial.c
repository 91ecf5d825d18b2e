/* view/spatial and view/segregation: the inputs of weights, autocorr and
 * segregation from a CSV, a map layer and the database, the weights built
 * or read through them, and their results against a hand computation on
 * a 3 x 3 grid of areas (a b c / d e f / g h i, row by row) or against
 * the stats functions they call. The figures of whole commands are
 * checked against R in tests/e2e/15x and kept in tests/golden. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/alloc.h"
#include "core/i18n.h"
#include "geo/ogr.h"
#include "store/store.h"
#include "view/segregation.h"
#include "view/spatial.h"
#include "view/map.h"
#include "testutil.h"

#define N 9

/* The grid's values, row by row: high in the corner of i. */
static const double X[N] = {1, 2, 4, 2, 3, 6, 4, 6, 9};

typedef struct fixture {
    char dir[64];
    char csv[128], layer[128], bad[128], dup[128], star[128], island[128], queen[128];
    char seg[128], db[128];
} fixture;

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* The grid as GeoJSON: squares of 0.01 degrees near Gothenburg (WGS 84,
 * or planar for the layer's own units); with bad, area c's value is not
 * a number; with dup, area e is called d. */
static void grid_layer(const char *path, int bad, int dup)
{
    FILE *f = fopen(path, "w");
    int k;

    assert_non_null(f);
    fputs("{\"type\":\"FeatureCollection\",\"features\":[", f);
    for (k = 0; k < N; k++) {
        double x0 = 11.9 + 0.01 * (k % 3), y0 = 57.7 + 0.01 * (k / 3), x1 = x0 + 0.01,
               y1 = y0 + 0.01;
        char code = (char)(dup && k == 4 ? 'd' : 'a' + k);

        fprintf(f,
                "%s{\"type\":\"Feature\",\"properties\":{\"id\":\"%c\",\"name\":\"Area %c\","
                "\"v\":\"%s%g\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.2f,%.2f],"
                "[%.2f,%.2f],[%.2f,%.2f],[%.2f,%.2f],[%.2f,%.2f]]]}}",
                k ? "," : "", code, code, bad && k == 2 ? "x" : "", X[k], x0, y0, x1, y0, x1, y1,
                x0, y1, x0, y0);
    }
    fputs("]}\n", f);
    fclose(f);
}

/* Is area q a queen neighbour of area p on the grid? */
static int queen_of(int p, int q)
{
    return p != q && abs(p % 3 - q % 3) <= 1 && abs(p / 3 - q / 3) <= 1;
}

static int setup(void **state)
{
    fixture *fx = jl_xcalloc(1, sizeof *fx);
    FILE *f;
    int p, q;

    snprintf(fx->dir, sizeof fx->dir, "/tmp/jl-vsp-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
#define PATH(field, name) snprintf(fx->field, sizeof fx->field, "%s/%s", fx->dir, name)
    PATH(csv, "grid.csv");
    PATH(layer, "grid.geojson");
    PATH(bad, "bad.geojson");
    PATH(dup, "dup.geojson");
    PATH(star, "star.csv");
    PATH(island, "island.csv");
    PATH(queen, "queen.csv");
    PATH(seg, "seg.csv");
    PATH(db, "db");
#undef PATH
    put(fx->csv, "id,v\na,1\nb,2\nc,4\nd,2\ne,3\nf,6\ng,4\nh,6\ni,9\n");
    grid_layer(fx->layer, 0, 0);
    grid_layer(fx->bad, 1, 0);
    grid_layer(fx->dup, 0, 1);
    /* the queen links, written by hand from the grid's rule */
    f = fopen(fx->queen, "w");
    assert_non_null(f);
    fputs("from,to\n", f);
    for (p = 0; p < N; p++)
        for (q = 0; q < N; q++)
            if (queen_of(p, q))
                fprintf(f, "%c,%c\n", 'a' + p, 'a' + q);
    fclose(f);
    /* e linked to every other area, and they only to e */
    f = fopen(fx->star, "w");
    assert_non_null(f);
    fputs("from,to\n", f);
    for (p = 0; p < N; p++)
        if (p != 4)
            fprintf(f, "e,%c\n%c,e\n", 'a' + p, 'a' + p);
    fclose(f);
    /* the rook links, without area i's */
    put(fx->island, "from,to\na,b\nb,a\nb,c\nc,b\na,d\nd,a\nb,e\ne,b\nc,f\nf,c\nd,e\ne,d\ne,f\n"
                    "f,e\nd,g\ng,d\ne,h\nh,e\ng,h\nh,g\n");
    put(fx->seg, "unit,a,b,tot,kommun\nu1,10,30,40,K1\nu2,20,20,40,K1\nu3,5,45,50,K2\n"
                 "u4,40,10,50,K2\n");
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    char cmd[128];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
    assert_int_equal(system(cmd), 0);
    jl_free(fx);
    return 0;
}

static jl_view_sp_req file_req(const char *src, const char *const *cols, size_t ncol)
{
    jl_view_sp_req rq;

    memset(&rq, 0, sizeof rq);
    rq.source = src;
    rq.id = "id";
    rq.cols = cols;
    rq.ncol = ncol;
    rq.planar = 1;
    rq.min_n = 10;
    return rq;
}

static void load_ok(jl_view_sp_data *d, const char *src, int need_geom)
{
    static const char *const cols[] = {"v"};
    jl_view_sp_req rq = file_req(src, cols, 1);
    jl_err err = JL_ERR_INIT;

    rq.need_geom = need_geom;
    assert_int_equal(jl_view_sp_load(d, NULL, &rq, &err), JL_OK);
}

static void weights_ok(jl_view_sp_weights *w, const jl_view_sp_data *d, const char *spec,
                       const char *file, const char *style)
{
    jl_view_sp_wspec ws;
    jl_err err = JL_ERR_INIT;

    memset(&ws, 0, sizeof ws);
    ws.spec = spec;
    ws.file = file;
    ws.style = style;
    assert_int_equal(jl_view_sp_weights_build(w, d, &ws, &err), JL_OK);
}

/* ---- areas ---- */

static void spatial_csv_and_layer_agree(void **state)
{
    fixture *fx = *state;
    jl_view_sp_data c, l;
    size_t i;

    load_ok(&c, fx->csv, 0);
    load_ok(&l, fx->layer, 1);
    assert_int_equal(c.kind, JL_SP_CSV);
    assert_int_equal(l.kind, JL_SP_LAYER);
    assert_false(c.has_geom);
    assert_true(l.has_geom);
    assert_int_equal(c.n, N);
    assert_int_equal(l.n, N);
    assert_int_equal(l.rings.n, N);
    assert_null(l.names);
    for (i = 0; i < N; i++) {
        char code[2] = {(char)('a' + i), 0};

        assert_string_equal(c.codes[i], code);
        assert_string_equal(l.codes[i], code);
        jl_assert_close(c.val[i], X[i], 0);
        jl_assert_close(l.val[i], X[i], 0);
    }
    jl_view_sp_data_dispose(&c);
    jl_view_sp_data_dispose(&l);
}

static void spatial_refusals(void **state)
{
    static const char *const cols[] = {"v"};
    fixture *fx = *state;
    jl_view_sp_req rq = file_req(fx->csv, cols, 1);
    jl_view_sp_data d;
    jl_diag dg;
    jl_err err = JL_ERR_INIT;

    rq.need_geom = 1;
    assert_int_equal(jl_view_sp_load(&d, NULL, &rq, &err), JL_EUSAGE);
    assert_non_null(strstr(err.msg, "no shapes"));
    assert_null(d.codes);
    rq.need_geom = 0;
    rq.id = NULL;
    assert_int_equal(jl_view_sp_load(&d, NULL, &rq, &err), JL_EUSAGE);
    /* the third feature's value: refused, nothing kept */
    rq = file_req(fx->bad, cols, 1);
    assert_int_equal(jl_view_sp_load(&d, NULL, &rq, &err), JL_EINPUT);
    assert_non_null(strstr(err.msg, "feature 3 (code c)"));
    assert_null(d.codes);
    assert_int_equal(d.n, 0);
    /* features refused by the reader: every problem in the caller's diag */
    memset(&dg, 0, sizeof dg);
    rq = file_req(fx->dup, cols, 1);
    rq.diag = &dg;
    assert_int_equal(jl_view_sp_load(&d, NULL, &rq, &err), JL_EINPUT);
    assert_true(dg.n >= 1);
    assert_string_equal(err.msg, dg.e[0].msg);
    jl_diag_dispose(&dg);
    /* database sources need a division, and a survey its wave */
    rq = file_req("indicator:x@2020", cols, 1);
    assert_int_equal(jl_view_sp_load(&d, NULL, &rq, &err), JL_EUSAGE);
    assert_non_null(strstr(err.msg, "--division"));
    rq = file_req("survey:Community", cols, 1);
    rq.division = "grid";
    assert_int_equal(jl_view_sp_load(&d, NULL, &rq, &err), JL_EUSAGE);
    assert_true(jl_view_sp_in_store("survey:A@B"));
    assert_false(jl_view_sp_in_store(fx->csv));
}

/* The fake indicator view: X per area of the grid, and area z, which the
 * division does not have. */
static int fake_indicator(jl_area_values *out, const char *id, const char *div,
                          const char *period, jl_err *err, void *ctx)
{
    size_t i;

    (void)div;
    (void)ctx;
    memset(out, 0, sizeof *out);
    if (period && !strcmp(period, "bad"))
        return jl_err_set(err, JL_ENOTFOUND, "no period bad");
    out->codes = jl_xmalloc((N + 1) * sizeof *out->codes);
    out->vals = jl_xmalloc((N + 1) * sizeof *out->vals);
    for (i = 0; i <= N; i++) {
        char code[2] = {(char)(i < N ? 'a' + i : 'z'), 0};
        double v = i < N ? X[i] : 1;

        /* "born" is a share of "pop" that grows over the periods */
        if (!strcmp(id, "born"))
            v = floor(v * (period && !strcmp(period, "2021") ? 0.75 : 0.5));
        out->codes[out->n] = jl_xstrdup(code);
        out->vals[out->n++] = strcmp(id, "pop") && strcmp(id, "born") && strcmp(id, "ind")
                                  ? -1
                                  : v * (strcmp(id, "ind") ? 10 : 1);
    }
    snprintf(out->name, sizeof out->name, "Indicator %s", id);
    snprintf(out->period, sizeof out->period, "%s", period ? period : "2024");
    return JL_OK;
}

/* A store with division grid: areas a-i named "Area X", shapes for all
 * but e. */
static jl_store *grid_store(const fixture *fx)
{
    jl_store *st = NULL;
    jl_store_division dv;
    jl_geo_layer layer;
    jl_geo_opts go;
    jl_diag dg;
    jl_err err = JL_ERR_INIT;
    size_t i;

    unlink(fx->db);
    assert_int_equal(jl_store_open(&st, fx->db, JL_STORE_CREATE, NULL, &err), JL_OK);
    memset(&go, 0, sizeof go);
    go.code_field = "id";
    go.name_field = "name";
    jl_diag_init(&dg, fx->layer);
    assert_int_equal(jl_geo_read(&layer, fx->layer, &go, &dg, &err), JL_OK);
    jl_diag_dispose(&dg);
    memset(&dv, 0, sizeof dv);
    dv.id = "grid";
    dv.name = "Grid";
    assert_int_equal(jl_store_begin(st, &err), JL_OK);
    assert_int_equal(jl_store_division_replace(st, &dv, &err), JL_OK);
    for (i = 0; i < layer.n; i++) {
        jl_store_geom g;

        assert_int_equal(
            jl_store_area_put(st, "grid", layer.f[i].code, layer.f[i].name, NULL, &err), JL_OK);
        if (!strcmp(layer.f[i].code, "e"))
            continue;
        memset(&g, 0, sizeof g);
        g.wkb = layer.f[i].wkb;
        g.wkb_len = layer.f[i].wkb_len;
        g.area_m2 = layer.f[i].area_m2;
        g.ipt_lon = layer.f[i].ipt_lon;
        g.ipt_lat = layer.f[i].ipt_lat;
        memcpy(g.env, layer.f[i].env, sizeof g.env);
        assert_int_equal(jl_store_area_geom_put(st, "grid", layer.f[i].code, &g, &err), JL_OK);
    }
    assert_int_equal(jl_store_commit(st, &err), JL_OK);
    jl_geo_layer_dispose(&layer);
    return st;
}

static void spatial_database_source(void **state)
{
    fixture *fx = *state;
    jl_store *st = grid_store(fx);
    jl_view_sp_req rq = file_req("indicator:ind@2023", NULL, 0);
    jl_view_sp_data d;
    jl_view_sp_weights w;
    jl_view_sp_wsummary s;
    jl_err err = JL_ERR_INIT;
    size_t i;

    rq.division = "grid";
    rq.indicator = fake_indicator;
    /* without shapes: the areas with a value, named from the store */
    assert_int_equal(jl_view_sp_load(&d, st, &rq, &err), JL_OK);
    assert_int_equal(d.kind, JL_SP_INDICATOR);
    assert_string_equal(d.id, "ind");
    assert_string_equal(d.period, "2023");
    assert_string_equal(d.name, "Indicator ind");
    assert_int_equal(d.n, N + 1);
    assert_int_equal(d.dropped, 0);
    assert_string_equal(d.names[0], "Area a");
    assert_null(d.names[N]); /* z is not an area of grid */
    jl_view_sp_data_dispose(&d);
    /* with shapes: e (no shape) and z (not in grid) are left out */
    rq.source = "indicator:ind";
    rq.need_geom = 1;
    assert_int_equal(jl_view_sp_load(&d, st, &rq, &err), JL_OK);
    assert_string_equal(d.period, "2024");
    assert_int_equal(d.n, N - 1);
    assert_int_equal(d.dropped, 2);
    assert_true(d.has_geom);
    for (i = 0; i < d.n; i++) {
        char code[2] = {(char)('a' + i + (i >= 4)), 0};

        assert_string_equal(d.codes[i], code);
        jl_assert_close(d.val[i], X[i + (i >= 4)], 0);
    }
    /* the ring around e: corners have 2 neighbours, the others 4 */
    weights_ok(&w, &d, "queen", NULL, NULL);
    assert_int_equal(w.kind, JL_SPW_QUEEN);
    assert_true(w.metres);
    jl_view_sp_weights_summary(&s, &w.w);
    assert_int_equal(s.s.links, 4 * 2 + 4 * 4);
    assert_int_equal(s.s.kmin, 2);
    assert_int_equal(s.s.kmax, 4);
    jl_view_sp_weights_dispose(&w);
    jl_view_sp_data_dispose(&d);
    jl_store_close(st);
}

/* ---- weights ---- */

static void weights_layer_queen_matches_hand(void **state)
{
    fixture *fx = *state;
    jl_view_sp_data d;
    jl_view_sp_weights q, f;
    jl_view_sp_wsummary s;
    size_t i, e;

    load_ok(&d, fx->layer, 1);
    weights_ok(&q, &d, "queen", NULL, "B");
    weights_ok(&f, &d, NULL, fx->queen, "B");
    assert_int_equal(q.kind, JL_SPW_QUEEN);
    assert_int_equal(f.kind, JL_SPW_FILE);
    assert_string_equal(f.file, fx->queen);
    assert_false(q.metres); /* planar: the layer's own units */
    for (i = 0; i <= N; i++)
        assert_int_equal(q.w.off[i], f.w.off[i]);
    for (i = 0; i < N; i++)
        for (e = q.w.off[i]; e < q.w.off[i + 1]; e++) {
            assert_int_equal(q.w.nb[e], f.w.nb[e]);
            assert_true(queen_of((int)i, (int)q.w.nb[e]));
        }
    jl_view_sp_weights_summary(&s, &q.w);
    assert_int_equal(s.s.links, 40);
    assert_int_equal(s.s.kmin, 3);
    assert_int_equal(s.s.kmax, 8);
    assert_int_equal(s.nbusy, 0); /* 8 < 2 x 40/9 */
    jl_view_sp_weights_dispose(&q);
    jl_view_sp_weights_dispose(&f);
    /* rook, k nearest and a band of distance */
    weights_ok(&q, &d, "rook", NULL, NULL);
    assert_int_equal(q.kind, JL_SPW_ROOK);
    assert_int_equal(q.w.style, 'W');
    assert_int_equal(q.w.off[N], 24);
    jl_view_sp_weights_dispose(&q);
    weights_ok(&q, &d, "knn:2", NULL, NULL);
    assert_int_equal(q.kind, JL_SPW_KNN);
    assert_int_equal(q.k, 2);
    assert_int_equal(q.w.off[N], 2 * N);
    jl_view_sp_weights_dispose(&q);
    weights_ok(&q, &d, "band:0.0105", NULL, NULL);
    assert_int_equal(q.kind, JL_SPW_BAND);
    assert_int_equal(q.w.off[N], 24);
    jl_view_sp_weights_dispose(&q);
    jl_view_sp_data_dispose(&d);
}

static void weights_summary_and_refusals(void **state)
{
    fixture *fx = *state;
    jl_view_sp_data d;
    jl_view_sp_weights w;
    jl_view_sp_wsummary s;
    jl_view_sp_wspec ws;
    jl_err err = JL_ERR_INIT;

    load_ok(&d, fx->csv, 0);
    /* e has 8 neighbours, the rest 1: e first, then the first two areas */
    weights_ok(&w, &d, NULL, fx->star, NULL);
    assert_int_equal(w.w.style, 'W');
    jl_view_sp_weights_summary(&s, &w.w);
    assert_int_equal(s.s.links, 16);
    assert_int_equal(s.nbusy, 3);
    assert_int_equal(s.busy[0], 4);
    assert_int_equal(s.busy[1], 0);
    assert_int_equal(s.busy[2], 1);
    jl_view_sp_weights_dispose(&w);
    memset(&ws, 0, sizeof ws);
    ws.spec = "queen";
    assert_int_equal(jl_view_sp_weights_build(&w, &d, &ws, &err), JL_EUSAGE); /* no shapes */
    assert_null(w.w.off);
    ws.spec = NULL;
    assert_int_equal(jl_view_sp_weights_build(&w, &d, &ws, &err), JL_EUSAGE);
    ws.file = fx->star;
    ws.style = "WB";
    assert_int_equal(jl_view_sp_weights_build(&w, &d, &ws, &err), JL_EUSAGE);
    assert_null(w.file);
    ws.style = NULL;
    ws.snap = "-1";
    assert_int_equal(jl_view_sp_weights_build(&w, &d, &ws, &err), JL_EUSAGE);
    jl_view_sp_data_dispose(&d);
    load_ok(&d, fx->layer, 1);
    memset(&ws, 0, sizeof ws);
    ws.spec = "hex";
    assert_int_equal(jl_view_sp_weights_build(&w, &d, &ws, &err), JL_EUSAGE);
    ws.spec = "knn:0";
    assert_int_equal(jl_view_sp_weights_build(&w, &d, &ws, &err), JL_EUSAGE);
    ws.spec = "rook";
    ws.rook = "corner";
    assert_int_equal(jl_view_sp_weights_build(&w, &d, &ws, &err), JL_EUSAGE);
    jl_view_sp_data_dispose(&d);
}

/* ---- autocorrelation ---- */

static jl_view_autocorr_req ac_req(size_t R, int threads)
{
    jl_view_autocorr_req rq;

    memset(&rq, 0, sizeof rq);
    rq.R = R;
    rq.seed = 42;
    rq.threads = threads;
    rq.alpha = 0.05;
    return rq;
}

/* Moran's I, Geary's C, Getis-Ord G and local Moran's Ii (spdep's scale)
 * by their formulas over the queen grid, with row weights 1/k_i. */
static void autocorr_matches_hand(void **state)
{
    fixture *fx = *state;
    jl_view_sp_data d;
    jl_view_sp_weights w;
    jl_view_autocorr a;
    jl_view_autocorr_req rq = ac_req(0, 1);
    jl_err err = JL_ERR_INIT;
    double mean = 0, m2 = 0, num = 0, gnum = 0, gbin = 0, gall = 0, z[N];
    int p, q, k[N];

    load_ok(&d, fx->layer, 1);
    weights_ok(&w, &d, "queen", NULL, NULL);
    assert_int_equal(jl_view_autocorr_run(&a, &w.w, d.val, &rq, &err), JL_OK);
    for (p = 0; p < N; p++)
        mean += X[p] / N;
    for (p = 0; p < N; p++) {
        z[p] = X[p] - mean;
        m2 += z[p] * z[p];
        for (k[p] = 0, q = 0; q < N; q++)
            k[p] += queen_of(p, q);
    }
    for (p = 0; p < N; p++)
        for (q = 0; q < N; q++) {
            if (p != q)
                gall += X[p] * X[q];
            if (!queen_of(p, q))
                continue;
            num += z[p] * z[q] / k[p];
            gnum += (X[p] - X[q]) * (X[p] - X[q]) / k[p];
            gbin += X[p] * X[q];
        }
    assert_int_equal(a.n, N);
    jl_assert_close(a.test[0].stat, num / m2, 1e-12);        /* S0 = n */
    jl_assert_close(a.test[0].expect, -1.0 / (N - 1), 1e-12);
    jl_assert_close(a.test[1].stat, (N - 1) * gnum / (2 * N * m2), 1e-12);
    assert_true(a.has_g);
    jl_assert_close(a.test[2].stat, gbin / gall, 1e-12);      /* on the binary pattern */
    for (p = 0; p < N; p++) {
        double lag = 0, lz = 0;

        for (q = 0; q < N; q++)
            if (queen_of(p, q)) {
                lag += X[q] / k[p];
                lz += z[q] / k[p];
            }
        jl_assert_close(a.local[p].lag, lag, 1e-12);
        jl_assert_close(a.local[p].Ii, z[p] * lz / (m2 / N), 1e-12);
        jl_assert_close(a.p[p], a.local[p].p_norm, 0); /* no permutations: the normal p */
        assert_int_equal(a.status[p], a.p_fdr[p] <= 0.05 ? JL_SA_CLUSTER : JL_SA_NOT_SIGNIFICANT);
    }
    assert_int_equal(a.local[0].quad, JL_QUAD_LL);
    assert_int_equal(a.local[8].quad, JL_QUAD_HH);
    jl_view_autocorr_dispose(&a);
    /* a negative value: no G */
    d.val[0] = -1;
    assert_int_equal(jl_view_autocorr_run(&a, &w.w, d.val, &rq, &err), JL_OK);
    assert_false(a.has_g);
    jl_view_autocorr_dispose(&a);
    jl_view_sp_weights_dispose(&w);
    jl_view_sp_data_dispose(&d);
}

/* With permutations: what the stats functions give for the same seed, on
 * any number of threads, and the clusters as alpha and adjust say. */
static void autocorr_permutations(void **state)
{
    fixture *fx = *state;
    jl_view_sp_data d;
    jl_view_sp_weights w;
    jl_view_autocorr a, b;
    jl_view_autocorr_req rq = ac_req(99, 1);
    jl_sa_local loc[N];
    jl_sa_test gt[3];
    jl_err err = JL_ERR_INIT;
    double fdr[N];
    size_t i;

    load_ok(&d, fx->layer, 1);
    weights_ok(&w, &d, "queen", NULL, NULL);
    assert_int_equal(jl_view_autocorr_run(&a, &w.w, d.val, &rq, &err), JL_OK);
    rq.threads = 2;
    assert_int_equal(jl_view_autocorr_run(&b, &w.w, d.val, &rq, &err), JL_OK);
    memset(loc, 0, sizeof loc);
    memset(gt, 0, sizeof gt);
    assert_int_equal(jl_sa_local_perm(&w.w, d.val, 99, 42, JL_PERM_SHARED, 1, loc, NULL, &err),
                     JL_OK);
    assert_int_equal(jl_sa_moran(&w.w, d.val, &gt[0], &err), JL_OK);
    assert_int_equal(
        jl_sa_global_perm(&w.w, d.val, 99, 42, 1, JL_SA_MORAN | JL_SA_GEARY, gt, NULL, &err),
        JL_OK);
    assert_int_equal(a.R, 99);
    jl_assert_close(a.test[0].p_greater, gt[0].p_greater, 0);
    jl_assert_close(b.test[0].p_greater, gt[0].p_greater, 0);
    jl_assert_close(a.test[1].p_less, gt[1].p_less, 0);
    jl_p_adjust_bh(a.p, N, fdr);
    for (i = 0; i < N; i++) {
        jl_assert_close(a.local[i].p_folded, loc[i].p_folded, 0);
        jl_assert_close(b.local[i].p_folded, loc[i].p_folded, 0);
        jl_assert_close(a.local[i].E_sim, loc[i].E_sim, 0);
        jl_assert_close(a.p[i], loc[i].p_folded, 0);
        jl_assert_close(a.p_fdr[i], fdr[i], 0);
        assert_true(a.p[i] >= 1.0 / 100 && a.p[i] <= 1);
        assert_true(a.p_bonferroni[i] >= a.p[i]);
    }
    jl_view_autocorr_dispose(&a);
    jl_view_autocorr_dispose(&b);
    /* every area a cluster at alpha 1 without adjustment, e too: its
     * neighbours are all the others, so every permutation gives its own
     * Ii and p is 1; none below the smallest possible p */
    rq.adjust = JL_ADJUST_NONE;
    rq.alpha = 1;
    assert_int_equal(jl_view_autocorr_run(&a, &w.w, d.val, &rq, &err), JL_OK);
    jl_assert_close(a.p[4], 1, 0);
    for (i = 0; i < N; i++)
        assert_int_equal(a.status[i], JL_SA_CLUSTER);
    jl_view_autocorr_dispose(&a);
    rq.adjust = JL_ADJUST_BONFERRONI;
    rq.alpha = 0.5 / 100;
    assert_int_equal(jl_view_autocorr_run(&a, &w.w, d.val, &rq, &err), JL_OK);
    for (i = 0; i < N; i++)
        assert_int_equal(a.status[i], JL_SA_NOT_SIGNIFICANT);
    jl_view_autocorr_dispose(&a);
    jl_view_sp_weights_dispose(&w);
    /* an area without neighbours is an island, whatever its p */
    weights_ok(&w, &d, NULL, fx->island, NULL);
    rq.adjust = JL_ADJUST_NONE;
    rq.alpha = 1;
    assert_int_equal(jl_view_autocorr_run(&a, &w.w, d.val, &rq, &err), JL_OK);
    assert_int_equal(a.status[8], JL_SA_ISLAND);
    assert_int_equal(a.status[0], JL_SA_CLUSTER);
    jl_view_autocorr_dispose(&a);
    jl_view_sp_weights_dispose(&w);
    jl_view_sp_data_dispose(&d);
}

/* In two steps, with the global permutations running between them: the
 * numbers of one step; before finish, their fields are still empty; a
 * result disposed of before finish stops them (ASan: nothing left). */
static void autocorr_in_two_steps(void **state)
{
    fixture *fx = *state;
    jl_view_sp_data d;
    jl_view_sp_weights w;
    jl_view_autocorr a, b;
    jl_view_autocorr_req rq = ac_req(999, 2);
    jl_err err = JL_ERR_INIT;
    size_t i;
    int k;

    load_ok(&d, fx->layer, 1);
    weights_ok(&w, &d, "queen", NULL, NULL);
    assert_int_equal(jl_view_autocorr_run(&a, &w.w, d.val, &rq, &err), JL_OK);
    assert_int_equal(jl_view_autocorr_start(&b, &w.w, d.val, &rq, &err), JL_OK);
    assert_int_equal(b.test[0].R, 0);
    for (i = 0; i < N; i++)
        jl_assert_close(b.local[i].p_folded, a.local[i].p_folded, 0);
    jl_view_autocorr_finish(&b);
    jl_view_autocorr_finish(&b); /* nothing left to wait for */
    for (k = 0; k < 3; k++) {
        assert_int_equal(b.test[k].R, 999);
        assert_int_equal(b.test[k].ge, a.test[k].ge);
        assert_int_equal(b.test[k].le, a.test[k].le);
        jl_assert_close(b.test[k].p_folded, a.test[k].p_folded, 0);
    }
    jl_view_autocorr_dispose(&b);
    /* one thread: the permutations wait for finish, and give the same */
    rq.threads = 1;
    assert_int_equal(jl_view_autocorr_start(&b, &w.w, d.val, &rq, &err), JL_OK);
    jl_view_autocorr_finish(&b);
    assert_int_equal(b.test[1].ge, a.test[1].ge);
    jl_view_autocorr_dispose(&b);
    rq.threads = 2;
    rq.R = 100000;
    assert_int_equal(jl_view_autocorr_start(&b, &w.w, d.val, &rq, &err), JL_OK);
    jl_view_autocorr_dispose(&b);
    jl_view_autocorr_dispose(&a);
    jl_view_sp_weights_dispose(&w);
    jl_view_sp_data_dispose(&d);
}

/* ---- segregation ---- */

static jl_view_seg_req seg_req(const char *src, const char *const *groups, size_t ng)
{
    jl_view_seg_req rq;

    memset(&rq, 0, sizeof rq);
    rq.source = src;
    rq.unit = "unit";
    rq.groups = groups;
    rq.ngroups = ng;
    return rq;
}

/* Dissimilarity by its formula: half the sum of |a_i/A - b_i/B|. */
static double dissimilarity(const double *a, const double *b, size_t n)
{
    double A = 0, B = 0, d = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        A += a[i];
        B += b[i];
    }
    for (i = 0; i < n; i++)
        d += fabs(a[i] / A - b[i] / B);
    return d / 2;
}

static void segregation_file(void **state)
{
    static const char *const ab[] = {"a", "b"}, *const sub[] = {"tot-b", "b"};
    static const double a[] = {10, 20, 5, 40}, b[] = {30, 20, 45, 10};
    fixture *fx = *state;
    jl_view_seg_req rq = seg_req(fx->seg, ab, 2);
    jl_view_seg s, t;
    jl_err err = JL_ERR_INIT;
    size_t i;

    assert_int_equal(jl_view_seg_run(&s, NULL, &rq, &err), JL_OK);
    assert_int_equal(s.n, 4);
    assert_int_equal(s.focal, 0);
    assert_string_equal(s.codes[3], "u4");
    for (i = 0; i < 4; i++) {
        jl_assert_close(s.count[2 * i], a[i], 0);
        jl_assert_close(s.total[i], a[i] + b[i], 0);
    }
    jl_assert_close(s.two.D, dissimilarity(a, b, 4), 1e-12);
    jl_assert_close(s.two.P, 75.0 / 180, 1e-12);
    assert_false(s.has_weights);
    assert_null(s.parts);
    /* A-B: tot-b is a; the focal group b */
    rq = seg_req(fx->seg, sub, 2);
    rq.focal = "b";
    assert_int_equal(jl_view_seg_run(&t, NULL, &rq, &err), JL_OK);
    assert_int_equal(t.focal, 1);
    for (i = 0; i < 8; i++)
        jl_assert_close(t.count[i], s.count[i], 0);
    jl_assert_close(t.two.D, s.two.D, 1e-12);
    jl_assert_close(t.two.P, 105.0 / 180, 1e-12);
    jl_view_seg_dispose(&t);
    /* parts by kommun: M is between plus within */
    rq = seg_req(fx->seg, ab, 2);
    rq.group_of = "kommun";
    assert_int_equal(jl_view_seg_run(&t, NULL, &rq, &err), JL_OK);
    assert_int_equal(t.nparts, 2);
    assert_string_equal(t.parts[1], "K2");
    jl_assert_close(t.multi.M, t.multi.M_between + t.multi.M_within, 1e-12);
    jl_assert_close(t.part_share[0], 80.0 / 180, 1e-12);
    jl_assert_close(t.multi.M, s.multi.M, 1e-12);
    jl_view_seg_dispose(&t);
    /* --only: K2's units alone */
    rq.group_of = NULL;
    rq.only = "kommun=K2";
    assert_int_equal(jl_view_seg_run(&t, NULL, &rq, &err), JL_OK);
    assert_int_equal(t.n, 2);
    assert_string_equal(t.codes[0], "u3");
    jl_assert_close(t.two.D, dissimilarity(a + 2, b + 2, 2), 1e-12);
    jl_view_seg_dispose(&t);
    jl_view_seg_dispose(&s);
}

static void segregation_refusals(void **state)
{
    static const char *const ab[] = {"a", "b"}, *const bad[] = {"a", "-b"};
    fixture *fx = *state;
    jl_view_seg_req rq = seg_req(fx->seg, ab, 1);
    jl_view_seg s;
    jl_err err = JL_ERR_INIT;
    char path[160];

    assert_int_equal(jl_view_seg_check(&rq, &err), JL_EUSAGE);
    assert_int_equal(jl_view_seg_run(&s, NULL, &rq, &err), JL_EUSAGE);
    assert_null(s.codes);
    rq.ngroups = 2;
    rq.focal = "c";
    assert_int_equal(jl_view_seg_check(&rq, &err), JL_EUSAGE);
    rq.focal = NULL;
    rq.only = "=K1";
    assert_int_equal(jl_view_seg_check(&rq, &err), JL_EUSAGE);
    rq.only = NULL;
    rq.weights = "queen";
    assert_int_equal(jl_view_seg_run(&s, NULL, &rq, &err), JL_EUSAGE); /* a CSV has no shapes */
    rq = seg_req(fx->seg, bad, 2);
    assert_int_equal(jl_view_seg_check(&rq, &err), JL_EUSAGE);
    rq = seg_req("indicators@2020", ab, 2);
    assert_int_equal(jl_view_seg_check(&rq, &err), JL_EUSAGE); /* no division */
    rq.division = "grid";
    rq.group_of = "kommun";
    assert_int_equal(jl_view_seg_check(&rq, &err), JL_EUSAGE);
    /* a count below 0, at its line; a unit twice */
    snprintf(path, sizeof path, "%s/neg.csv", fx->dir);
    put(path, "unit,a,b\nx,1,2\ny,3,-1\n");
    rq = seg_req(path, ab, 2);
    assert_int_equal(jl_view_seg_run(&s, NULL, &rq, &err), JL_EINPUT);
    assert_int_equal(err.line, 3);
    put(path, "unit,a,b\nx,1,2\nx,3,1\n");
    assert_int_equal(jl_view_seg_run(&s, NULL, &rq, &err), JL_EINPUT);
    assert_int_equal(err.line, 3);
    assert_null(s.codes);
}

/* A weights file's links to units outside the data are left out and
 * counted. */
static void segregation_weights_file(void **state)
{
    static const char *const ab[] = {"a", "b"};
    fixture *fx = *state;
    jl_view_seg_req rq = seg_req(fx->seg, ab, 2);
    jl_view_seg s;
    jl_err err = JL_ERR_INIT;
    char path[160];

    snprintf(path, sizeof path, "%s/segw.csv", fx->dir);
    put(path, "from,to\nu1,u2\nu2,u1\nu3,u4\nu4,u3\nu4,u9\n");
    rq.weights_file = path;
    assert_int_equal(jl_view_seg_run(&s, NULL, &rq, &err), JL_OK);
    assert_true(s.has_weights);
    assert_int_equal(s.links, 4);
    assert_int_equal(s.links_dropped, 1);
    assert_false(isnan(s.two.morrill));
    jl_view_seg_dispose(&s);
}

/* indicators@...: people counted in pop but not in born against born,
 * over the areas with every figure (z too: the fake view has it). */
static void segregation_database_over_time(void **state)
{
    static const char *const groups[] = {"pop-born", "born"};
    jl_view_seg_req rq = seg_req("indicators@2020,2021,bad,2022", groups, 2);
    jl_view_seg_time t;
    jl_view_seg s;
    jl_err err = JL_ERR_INIT;
    double a[N + 1], b[N + 1];
    size_t i;

    (void)state;
    rq.division = "grid";
    rq.indicator = fake_indicator;
    assert_int_equal(jl_view_seg_kind_of(rq.source), JL_SEG_DB_TIME);
    /* the periods before the failing one are kept */
    assert_int_equal(jl_view_seg_over_time(&t, NULL, &rq, &err), JL_ENOTFOUND);
    assert_int_equal(t.n, 2);
    assert_string_equal(t.p[0].period, "2020");
    assert_string_equal(t.p[1].period, "2021");
    for (i = 0; i <= N; i++) {
        double pop = 10 * (i < N ? X[i] : 1);

        b[i] = floor(pop / 10 * 0.5) * 10;
        a[i] = pop - b[i];
    }
    jl_assert_close(t.p[0].two.D, dissimilarity(a, b, N + 1), 1e-12);
    assert_true(fabs(t.p[0].two.D - t.p[1].two.D) > 1e-6);
    assert_true(isnan(t.p[0].two.morrill));
    rq.source = "indicators@2020";
    assert_int_equal(jl_view_seg_kind_of(rq.source), JL_SEG_DB);
    assert_int_equal(jl_view_seg_run(&s, NULL, &rq, &err), JL_OK);
    assert_int_equal(s.n, N + 1);
    jl_assert_close(s.two.D, t.p[0].two.D, 0);
    jl_assert_close(s.count[2 * 8 + 1], b[8], 0);
    jl_view_seg_dispose(&s);
    jl_view_seg_time_dispose(&t);
}

/* view/map.h: the grid as a map for a screen (the area without a shape
 * left out, the box the width asked for, one closed path per area), and
 * a choropleth's classes and overlaps. */
static void map_of_grid(void **state)
{
    fixture *fx = *state;
    jl_store *st = grid_store(fx);
    jl_view_map m;
    jl_err err = JL_ERR_INIT;
    size_t i;

    assert_int_equal(jl_view_map_load(&m, st, "grid", 300, 0.5, &err), JL_OK);
    assert_int_equal(m.n, 8);
    /* the grid's squares in degrees are twice as tall as wide in metres:
     * the height is capped at 1.3 widths (within the margins) */
    assert_true(m.width <= 300 && fabs(m.height - (300 - 8) * 1.3 - 8) < 1);
    assert_true(jl_view_map_find(&m, "a") == 0 && jl_view_map_find(&m, "e") < 0);
    for (i = 0; i < m.n; i++) {
        const char *p = m.a[i].path;

        assert_true(p[0] == 'M' && p[strlen(p) - 1] == 'Z');
        assert_true(m.a[i].lx > 0 && m.a[i].lx < m.width && m.a[i].ly > 0 && m.a[i].ly < m.height);
        assert_true(m.a[i].size > 50 && m.a[i].size < 130);
        assert_true(*m.a[i].name);
    }
    /* a square keeps its four corners */
    assert_int_equal(m.nv, 8 * 4);
    jl_view_map_dispose(&m);
    assert_int_equal(jl_view_map_load(&m, st, "nowhere", 300, 0.5, &err), JL_ENOTFOUND);
    jl_view_map_dispose(&m);
    jl_store_close(st);
}

static void map_classes(void **state)
{
    const double v[5] = {12.3, 18, NAN, 24.9, 31};
    const double same[2] = {4, 4}, none[1] = {NAN};
    const double lo[4] = {10, 14, 30, 40}, hi[4] = {20, 22, 35, 50};
    const int cls[4] = {0, 1, 1, -1};
    double br[6];
    size_t n, pairs;

    (void)state;
    n = jl_map_breaks(br, 5, v, 5);
    assert_int_equal(n, 5);
    assert_true(br[0] == 10 && br[1] == 15 && br[5] == 35);
    assert_int_equal(jl_map_class(br, n, 12.3), 0);
    assert_int_equal(jl_map_class(br, n, 15), 1);
    assert_int_equal(jl_map_class(br, n, 31), 4);
    assert_int_equal(jl_map_class(br, n, NAN), -1);
    assert_int_equal(jl_map_breaks(br, 5, same, 2), 1);
    assert_int_equal(jl_map_breaks(br, 5, none, 1), 0);
    /* 0.1 to 0.9 in at most 4 classes: steps of 0.25 from 0 */
    {
        const double w[2] = {0.1, 0.9};

        assert_int_equal(jl_map_breaks(br, 4, w, 2), 4);
        assert_true(br[0] == 0 && fabs(br[1] - 0.25) < 1e-12);
    }
    /* pairs in different classes: (0,1) overlap, (0,2) do not */
    assert_int_equal(jl_map_overlaps(lo, hi, cls, 4, &pairs), 1);
    assert_int_equal(pairs, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spatial_csv_and_layer_agree),
        cmocka_unit_test(spatial_refusals),
        cmocka_unit_test(spatial_database_source),
        cmocka_unit_test(weights_layer_queen_matches_hand),
        cmocka_unit_test(weights_summary_and_refusals),
        cmocka_unit_test(autocorr_matches_hand),
        cmocka_unit_test(autocorr_permutations),
        cmocka_unit_test(autocorr_in_two_steps),
        cmocka_unit_test(segregation_file),
        cmocka_unit_test(segregation_refusals),
        cmocka_unit_test(segregation_weights_file),
        cmocka_unit_test(segregation_database_over_time),
        cmocka_unit_test(map_of_grid),
        cmocka_unit_test(map_classes),
    };

    jl_i18n_set_lang(JL_LANG_EN);
    return cmocka_run_group_tests_name("view/spatial", tests, setup, teardown);
}
