/*
 * make bench: the survey core on a city-sized wave. 1,000,000 synthetic
 * respondents (survey/synth.c) on the 50 distinct items of the 7 RISE
 * indices, 5 % of answers blank, 100 areas, 4 grades, 2 sexes. Prints
 * each phase's wall time and the peak memory; asserts nothing (the tests
 * check correctness, this shows speed).
 *
 *   bench [N] [DIR]   N respondents (default 1000000), files in DIR
 *                     (default: a new folder under $TMPDIR)
 */
#include "core/alloc.h"
#include "core/strmap.h"
#include "core/diag.h"
#include "core/text.h"
#include "geo/ogr.h"
#include "indicator/obs.h"
#include "stats/interval.h"
#include "release/suppress.h"
#include "stats/profile.h"
#include "stats/segreg.h"
#include "stats/spauto.h"
#include "stats/weights.h"
#include "core/rng.h"
#include "survey/score.h"
#include "survey/synth.h"
#include "survey/wave.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define NAREAS 100

/* The jamlik binary beside this one (for the whole-command figures). */
static char jamlik_bin[4200];

static double now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double peak_mib(void)
{
    struct rusage u;

    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_maxrss / 1024.0;
}

static void die(const jl_err *err)
{
    char buf[1200];

    fprintf(stderr, "bench: %s\n", jl_err_format(buf, sizeof buf, err));
    exit(1);
}

static void write_csv(const char *path, const jl_instrument *in, const jl_respondents *r)
{
    FILE *f = fopen(path, "w");
    size_t i, j;

    if (!f) {
        perror(path);
        exit(1);
    }
    fputs("id,grade,sex,omrade", f);
    for (j = 0; j < in->nitems; j++)
        fprintf(f, ",%s", in->items[j].id);
    fputc('\n', f);
    for (i = 0; i < r->n; i++) {
        fprintf(f, "%s,%s,%s,%s", r->ext_id[i], jl_grade_name(r->grade[i]),
                r->sex[i] < 0 ? "" : jl_sex_name(r->sex[i]), r->areas[i]);
        for (j = 0; j < in->nitems; j++) {
            uint8_t a = r->answers[i * in->nitems + j];

            if (a)
                fprintf(f, ",%ld", in->items[j].codes[a - 1].code);
            else
                fputc(',', f);
        }
        fputc('\n', f);
    }
    if (fclose(f) != 0) {
        perror(path);
        exit(1);
    }
}

/* ---- geography and indicators ---- */

static int always(void *ctx, const char *id)
{
    (void)ctx;
    (void)id;
    return 1;
}

static void store_layer(jl_store *st, const char *div, const jl_geo_layer *l)
{
    jl_store_division dv;
    jl_err err = JL_ERR_INIT;
    size_t i;

    memset(&dv, 0, sizeof dv);
    dv.id = div;
    dv.name = div;
    dv.source = "bench";
    if (jl_store_begin(st, &err) < 0 || jl_store_division_replace(st, &dv, &err) < 0)
        die(&err);
    for (i = 0; i < l->n; i++) {
        jl_store_geom g;

        memset(&g, 0, sizeof g);
        g.wkb = l->f[i].wkb;
        g.wkb_len = l->f[i].wkb_len;
        g.area_m2 = l->f[i].area_m2;
        g.ipt_lon = l->f[i].ipt_lon;
        g.ipt_lat = l->f[i].ipt_lat;
        memcpy(g.env, l->f[i].env, sizeof g.env);
        if (jl_store_area_put(st, div, l->f[i].code, l->f[i].name, NULL, &err) < 0 ||
            jl_store_area_geom_put(st, div, l->f[i].code, &g, &err) < 0)
            die(&err);
    }
    if (jl_store_commit(st, &err) < 0)
        die(&err);
}

typedef struct pair_ctx {
    const jl_geo_layer *a;
    size_t pairs;
} pair_ctx;

/* Counts overlaps of at least 0.1 % of the from-area, as areas crosswalk
 * keeps them (the rest are slivers of reprojected edges). */
static void count_pair(void *ctx, size_t i, size_t j, double area)
{
    pair_ctx *p = ctx;

    (void)j;
    if (area >= 0.001 * p->a->f[i].area_m2)
        p->pairs++;
}

/* Reads, stores and overlays two layers; prints the times. */
static void bench_overlay(jl_store *st, const char *label, const char *a, const char *b,
                          const char *target)
{
    jl_geo_layer la, lb;
    jl_geo_opts o;
    jl_diag d;
    jl_err err = JL_ERR_INIT;
    jl_geo_overlay *ov;
    double t0 = now(), t1, t2;
    size_t i;
    pair_ctx pc;

    memset(&o, 0, sizeof o);
    jl_diag_init(&d, a);
    if (jl_geo_read(&la, a, &o, &d, &err) < 0 || jl_geo_read(&lb, b, &o, &d, &err) < 0)
        die(d.n ? &d.e[0] : &err);
    store_layer(st, "bench_a", &la);
    store_layer(st, "bench_b", &lb);
    t1 = now();
    ov = jl_geo_overlay_new();
    for (i = 0; i < la.n; i++)
        jl_geo_overlay_add(ov, 0, la.f[i].wkb, la.f[i].wkb_len);
    for (i = 0; i < lb.n; i++)
        jl_geo_overlay_add(ov, 1, lb.f[i].wkb, lb.f[i].wkb_len);
    pc.a = &la;
    pc.pairs = 0;
    jl_geo_overlay_run(ov, count_pair, &pc, &err);
    jl_geo_overlay_free(ov);
    t2 = now();
    printf("  %-34s %8.3f s   (%zu + %zu areas read and stored)\n", label, t1 - t0, la.n, lb.n);
    printf("  %-34s %8.3f s   (%zu overlapping pairs)\n", "   crosswalk by overlay", t2 - t1,
           pc.pairs);
    printf("  %-34s %8.3f s   (%s)\n", "   together", t2 - t0, target);
    jl_geo_layer_dispose(&la);
    jl_geo_layer_dispose(&lb);
    jl_diag_dispose(&d);
}

static void write_grid(const char *path, int cells, double size)
{
    FILE *f = fopen(path, "w");
    int i, j;

    if (!f) {
        perror(path);
        exit(1);
    }
    fputs("{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": "
          "{\"name\": \"urn:ogc:def:crs:EPSG::3006\"}}, \"features\": [\n",
          f);
    for (i = 0; i < cells; i++)
        for (j = 0; j < cells; j++) {
            double x = 310000 + i * size, y = 6390000 + j * size;

            fprintf(f,
                    "%s{\"type\": \"Feature\", \"properties\": {\"code\": \"g%d_%d\"}, "
                    "\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[%.1f, %.1f], "
                    "[%.1f, %.1f], [%.1f, %.1f], [%.1f, %.1f], [%.1f, %.1f]]]}}\n",
                    i || j ? "," : "", i, j, x, y, x + size, y, x + size, y + size, x, y + size,
                    x, y);
        }
    fputs("]}\n", f);
    fclose(f);
}

typedef struct series {
    double first, last, sum;
    size_t n;
} series;

typedef struct sum_ctx {
    jl_strmap *ix;
    series *s;
    size_t n, cap;
} sum_ctx;

static void sum_obs(void *ctx, const jl_store_obs *o)
{
    sum_ctx *c = ctx;
    size_t k;

    if (!jl_strmap_get(c->ix, o->area, &k)) {
        k = c->n++;
        jl_strmap_put(c->ix, o->area, k, NULL);
        c->s = jl_xgrow(c->s, &c->cap, c->n, sizeof *c->s);
        memset(&c->s[k], 0, sizeof c->s[k]);
        c->s[k].first = o->value;
    }
    /* by area, then period: the last call of an area is its last period */
    c->s[k].last = o->value;
    c->s[k].sum += o->value;
    c->s[k].n++;
}

static void bench_indicators(jl_store *st, const char *dir)
{
    char csv[4200];
    FILE *f;
    size_t a, p;
    jl_obs_set set;
    jl_err err = JL_ERR_INIT;
    jl_store_indicator d;
    sum_ctx c;
    double t0, t1, t2, t3, change = 0;

    snprintf(csv, sizeof csv, "%s/indicators.csv", dir);
    f = fopen(csv, "w");
    if (!f) {
        perror(csv);
        exit(1);
    }
    fputs("indicator,area,period,value\n", f);
    for (a = 0; a < 100000; a++)
        for (p = 0; p < 10; p++)
            fprintf(f, "folk,A%06zu,%zu,%zu\n", a, 2015 + p, 1000 + (a * 7 + p * 13) % 997);
    fclose(f);
    memset(&d, 0, sizeof d);
    d.id = "folk";
    d.name = "Folkmängd (syntetisk)";
    d.unit = "personer";
    d.kind = "count";
    d.better = "none";
    d.source = "jamlik bench (synthetic)";
    if (jl_store_begin(st, &err) < 0 || jl_store_indicator_put(st, &d, &err) < 0 ||
        jl_store_commit(st, &err) < 0)
        die(&err);
    t0 = now();
    if (jl_obs_read_long(&set, csv, "bench_grid", always, NULL, &err) < 0)
        die(&err);
    t1 = now();
    if (jl_store_begin(st, &err) < 0 || jl_store_observations_put(st, set.o, set.n, &err) < 0 ||
        jl_store_commit(st, &err) < 0)
        die(&err);
    t2 = now();
    memset(&c, 0, sizeof c);
    c.ix = jl_strmap_new();
    if (jl_store_observations_each(st, "folk", "bench_grid", "T", "", sum_obs, &c, &err) < 0)
        die(&err);
    for (a = 0; a < c.n; a++)
        change += c.s[a].last - c.s[a].first;
    t3 = now();
    printf("  %-34s %8.2f s   (%zu observations: %.2f s reading, %.2f s storing; target <= 3 s)\n",
           "indicator import", t2 - t0, set.n, t1 - t0, t2 - t1);
    printf("  %-34s %8.2f s   (%zu areas x 10 periods; target <= 0.5 s; mean change %.2f)\n",
           "summary per area over periods", t3 - t2, c.n, change / (double)c.n);
    jl_obs_set_dispose(&set);
    jl_strmap_free(c.ix);
    jl_free(c.s);
    unlink(csv);
}

/* ---- spatial: weights and local Moran (issue 11) ---- */

/* nx x ny unit squares without a CRS, as spdep's timing grid
 * (research/spatial.md §5.1): st_make_grid, CRS removed. */
static void write_unit_grid(const char *path, int nx, int ny)
{
    FILE *f = fopen(path, "w");
    int i, j;

    if (!f) {
        perror(path);
        exit(1);
    }
    fputs("{\"type\": \"FeatureCollection\", \"features\": [\n", f);
    for (j = 0; j < ny; j++)
        for (i = 0; i < nx; i++)
            fprintf(f,
                    "%s{\"type\": \"Feature\", \"properties\": {\"id\": %d}, \"geometry\": "
                    "{\"type\": \"Polygon\", \"coordinates\": [[[%d, %d], [%d, %d], [%d, %d], "
                    "[%d, %d], [%d, %d]]]}}\n",
                    i || j ? "," : "", j * nx + i + 1, i, j, i + 1, j, i + 1, j + 1, i, j + 1, i,
                    j);
    fputs("]}\n", f);
    fclose(f);
}

/* Runs a reference (R or Python) if installed; prints its own timing
 * line. Returns 0 if it ran. */
static int run_reference(const char *label, const char *cmd)
{
    char line[512];
    FILE *p = popen(cmd, "r");
    int st;

    if (!p)
        return -1;
    while (fgets(line, sizeof line, p))
        printf("  %-34s %s", label, line);
    st = pclose(p);
    return st == 0 ? 0 : -1;
}

/* ---- spatial: whole commands, timed from outside ---- */

/* nx x ny areas: a CSV of values (normal, no pattern) and a weights file
 * of the queen links of the lattice. */
static void write_lattice(const char *areas, const char *links, int nx, int ny)
{
    FILE *fa = fopen(areas, "w"), *fl = fopen(links, "w");
    jl_rng rng;
    int i, j, dx, dy;

    if (!fa || !fl) {
        perror(areas);
        exit(1);
    }
    jl_rng_seed(&rng, 2);
    fputs("id,v\n", fa);
    fputs("from,to\n", fl);
    for (j = 0; j < ny; j++)
        for (i = 0; i < nx; i++) {
            fprintf(fa, "A%d,%.6f\n", j * nx + i + 1, 10 + jl_rng_normal(&rng));
            for (dy = -1; dy <= 1; dy++)
                for (dx = -1; dx <= 1; dx++)
                    if ((dx || dy) && i + dx >= 0 && i + dx < nx && j + dy >= 0 && j + dy < ny)
                        fprintf(fl, "A%d,A%d\n", j * nx + i + 1, (j + dy) * nx + i + dx + 1);
        }
    fclose(fa);
    fclose(fl);
}

/* Runs cmd through the shell; its wall time, or -1 if it failed. */
static double run_timed(const char *cmd)
{
    double t0 = now();
    int st = system(cmd);

    return st == 0 ? now() - t0 : -1;
}

static void bench_autocorr_command(const char *dir, int nx, int ny, int R, const char *target)
{
    char areas[4300], links[4300], out[4300], cmd[18000];
    double t;

    snprintf(areas, sizeof areas, "%s/lattice.csv", dir);
    snprintf(links, sizeof links, "%s/lattice-links.csv", dir);
    snprintf(out, sizeof out, "%s/autocorr.csv", dir);
    write_lattice(areas, links, nx, ny);
    snprintf(cmd, sizeof cmd,
             "'%s' --quiet --format csv autocorr '%s' --id id --value v --weights-file '%s' "
             "--style W --permutations %d --threads 2 >'%s' 2>/dev/null",
             jamlik_bin, areas, links, R, out);
    t = run_timed(cmd);
    printf("  %-34s %8.3f s   (jamlik autocorr, %d areas x %d permutations, CSV file and\n"
           "  %-34s              weights file in, CSV out, 2 threads; %s)\n",
           "autocorr, whole command", t, nx * ny, R, "", target);
    unlink(areas);
    unlink(links);
    unlink(out);
}

/* Queen contiguity of n x n unit squares made in memory (no GDAL). */
static void bench_contiguity_kernel(int side)
{
    size_t n = (size_t)side * side, i, k;
    size_t *fring = jl_xmalloc((n + 1) * sizeof *fring), *roff = jl_xmalloc((n + 1) * sizeof *roff);
    double *xy = jl_xmalloc(n * 10 * sizeof *xy), t0;
    jl_spw_polys p;
    jl_spw w;
    jl_err err = JL_ERR_INIT;
    int a, b;

    for (i = 0; i <= n; i++) {
        fring[i] = i;
        roff[i] = 5 * i;
    }
    for (b = 0; b < side; b++)
        for (a = 0; a < side; a++) {
            double c[10] = {a, b, a + 1, b, a + 1, b + 1, a, b + 1, a, b};
            size_t f = (size_t)b * (size_t)side + (size_t)a;

            for (k = 0; k < 10; k++)
                xy[f * 10 + k] = c[k];
        }
    p.n = n;
    p.nring = n;
    p.fring = fring;
    p.roff = roff;
    p.xy = xy;
    t0 = now();
    if (jl_spw_contiguity(&w, &p, JL_CONTIG_QUEEN, sqrt(DBL_EPSILON), &err) < 0)
        die(&err);
    printf("  %-34s %8.3f s   (%zu squares made in memory, %zu links%s)\n",
           "queen contiguity, kernel", now() - t0, n, w.off[n],
           n >= 1000000 ? "; target <= 1 s, linear" : "");
    jl_spw_dispose(&w);
    jl_free(fring);
    jl_free(roff);
    jl_free(xy);
}

static void bench_spatial(const char *dir)
{
    char path[4300], cmd[9000];
    jl_geo_rings rg;
    jl_geo_opts go;
    jl_diag d;
    jl_err err = JL_ERR_INIT;
    jl_spw w, wr;
    jl_spw_polys p;
    jl_spw_summary s;
    jl_rng rng;
    jl_sa_local *loc;
    double t0, t1, *x;
    size_t i;
    int threads;
    const int nx = 400, ny = 250;

    printf("\n");
    snprintf(path, sizeof path, "%s/grid400x250.geojson", dir);
    write_unit_grid(path, nx, ny);
    memset(&go, 0, sizeof go);
    go.code_field = "id";
    jl_diag_init(&d, path);
    t0 = now();
    if (jl_geo_read_rings(&rg, path, &go, 1, &d, &err) < 0)
        die(&err);
    t1 = now();
    printf("  %-34s %8.3f s   (%zu squares, %zu vertices; GDAL, not in the target)\n",
           "reading the grid (GeoJSON)", t1 - t0, rg.n, rg.nv);
    p.n = rg.n;
    p.nring = rg.nring;
    p.fring = rg.fring;
    p.roff = rg.roff;
    p.xy = rg.xy;
    t0 = now();
    if (jl_spw_contiguity(&w, &p, JL_CONTIG_QUEEN, sqrt(DBL_EPSILON), &err) < 0)
        die(&err);
    t1 = now();
    jl_spw_summarise(&w, &s, NULL);
    printf("  %-34s %8.3f s   (%zu links; target <= 0.3 s)\n", "queen contiguity, 100,000 squares",
           t1 - t0, s.links);
    t0 = now();
    if (jl_spw_contiguity(&wr, &p, JL_CONTIG_ROOK, sqrt(DBL_EPSILON), &err) < 0)
        die(&err);
    t1 = now();
    jl_spw_summarise(&wr, &s, NULL);
    printf("  %-34s %8.3f s   (%zu links)\n", "rook contiguity (spdep's rule)", t1 - t0, s.links);
    jl_spw_dispose(&wr);
    t0 = now();
    if (jl_spw_contiguity(&wr, &p, JL_CONTIG_ROOK_EDGE, sqrt(DBL_EPSILON), &err) < 0)
        die(&err);
    t1 = now();
    jl_spw_summarise(&wr, &s, NULL);
    printf("  %-34s %8.3f s   (%zu links)\n", "rook contiguity (shared edge)", t1 - t0, s.links);
    jl_spw_dispose(&wr);
    if (getenv("JL_BENCH_NO_REFERENCE") == NULL) {
        snprintf(cmd, sizeof cmd,
                 "Rscript -e 'suppressMessages({library(sf); library(spdep)}); "
                 "g <- st_read(\"%s\", quiet=TRUE); st_crs(g) <- NA; "
                 "t <- system.time(nb <- poly2nb(g, queen=TRUE))[[\"elapsed\"]]; "
                 "cat(sprintf(\"%%8.3f s   (%%d links; R spdep %%s)\\n\", t, sum(card(nb)), "
                 "packageVersion(\"spdep\")))' 2>/dev/null",
                 path);
        if (run_reference("   spdep poly2nb queen, same grid", cmd) < 0)
            printf("  %-34s (R spdep not installed)\n", "   spdep poly2nb queen");
        snprintf(cmd, sizeof cmd,
                 "/usr/bin/python3 -W ignore -c 'import time, json, libpysal\n"
                 "from libpysal.weights import Queen\nfrom libpysal.cg import Polygon, Point\n"
                 "g = [Polygon([Point(p) for p in f[\"geometry\"][\"coordinates\"][0]]) "
                 "for f in json.load(open(\"%s\"))[\"features\"]]\n"
                 "t = time.perf_counter(); w = Queen.from_iterable(g); t = time.perf_counter() - t\n"
                 "print(\"%%8.3f s   (%%d links; libpysal %%s)\" %% (t, w.s0, libpysal.__version__))'"
                 " 2>/dev/null",
                 path);
        if (run_reference("   libpysal Queen, same grid", cmd) < 0)
            printf("  %-34s (python3-libpysal not installed)\n", "   libpysal Queen");
    }
    {
        char out[4300], wcmd[13000];
        double t;

        snprintf(out, sizeof out, "%s/weights.csv", dir);
        snprintf(wcmd, sizeof wcmd,
                 "'%s' --quiet --format csv weights '%s' --id id --weights queen --planar "
                 ">'%s' 2>/dev/null",
                 jamlik_bin, path, out);
        t = run_timed(wcmd);
        printf("  %-34s %8.3f s   (jamlik weights, the same grid: GeoJSON in, CSV out)\n",
               "weights, whole command", t);
        unlink(out);
    }
    bench_contiguity_kernel(316);
    bench_contiguity_kernel(1000);
    unlink(path);
    jl_diag_dispose(&d);
    jl_geo_rings_dispose(&rg);

    /* Local Moran on the grid's queen weights, row-standardised;
     * synthetic normal values. */
    if (jl_spw_set_style(&w, 'W', &err) < 0)
        die(&err);
    x = jl_xmalloc(w.n * sizeof *x);
    jl_rng_seed(&rng, 1);
    for (i = 0; i < w.n; i++)
        x[i] = jl_rng_normal(&rng);
    loc = jl_xcalloc(w.n, sizeof *loc);
    t0 = now();
    if (jl_sa_local_moran(&w, NULL, x, loc, &err) < 0)
        die(&err);
    printf("  %-34s %8.3f s\n", "local Moran, analytical", now() - t0);
    for (threads = 2; threads >= 1; threads--) {
        t0 = now();
        if (jl_sa_local_perm(&w, x, 9999, 1, JL_PERM_SHARED, threads, loc, NULL, &err) < 0)
            die(&err);
        t1 = now();
        printf("  %-34s %8.3f s   (%d thread%s%s)\n", "local Moran, 9,999 permutations", t1 - t0,
               threads, threads > 1 ? "s" : "", threads > 1 ? ", shared table; target <= 3 s" : ", shared table");
    }
    {
        double mean = 0;

        for (i = 0; i < w.n; i++)
            mean += loc[i].p_folded;
        printf("  %-34s %8.4f     (under the null about 0.25)\n", "   mean folded p", mean / (double)w.n);
    }
    t0 = now();
    if (getenv("JL_BENCH_NO_STREAMS") == NULL && jl_sa_local_perm(&w, x, 9999, 1, JL_PERM_STREAMS, 2, loc, NULL, &err) < 0)
        die(&err);
    printf("  %-34s %8.3f s   (2 threads, a stream per area)\n", "local Moran, 9,999 permutations",
           now() - t0);
    {
        jl_sa_test gt[3];
        jl_spw wb;

        memset(gt, 0, sizeof gt);
        memset(&wb, 0, sizeof wb);
        for (i = 0; i < w.n; i++)
            x[i] += 10; /* G needs values of 0 or more */
        /* the binary pattern of w, as autocorr gives G */
        wb.n = w.n;
        wb.off = jl_xmalloc((w.n + 1) * sizeof *wb.off);
        wb.nb = jl_xmalloc(w.off[w.n] * sizeof *wb.nb);
        wb.w = jl_xmalloc(w.off[w.n] * sizeof *wb.w);
        memcpy(wb.off, w.off, (w.n + 1) * sizeof *wb.off);
        memcpy(wb.nb, w.nb, w.off[w.n] * sizeof *wb.nb);
        wb.style = 'B';
        if (jl_spw_set_style(&wb, 'B', &err) < 0)
            die(&err);
        t0 = now();
        if (jl_sa_global_perm(&w, x, 9999, 1, 2, JL_SA_MORAN | JL_SA_GEARY, gt, NULL, &err) < 0 ||
            jl_sa_global_perm(&wb, x, 9999, 1, 2, JL_SA_G, gt, NULL, &err) < 0)
            die(&err);
        printf("  %-34s %8.3f s   (Moran and Geary, then G: two calls, as autocorr made them before)\n",
               "global, 9,999 permutations", now() - t0);
        t0 = now();
        if (jl_sa_global_perm_g(&w, &wb, x, 9999, 1, 2, JL_SA_MORAN | JL_SA_GEARY | JL_SA_G, gt,
                                NULL, &err) < 0)
            die(&err);
        printf("  %-34s %8.3f s   (all three in one call, shuffles shared: as autocorr makes them)\n",
               "global, 9,999 permutations", now() - t0);
        jl_spw_dispose(&wb);
    }
    if (getenv("JL_BENCH_NO_COMMANDS") == NULL) {
        bench_autocorr_command(dir, 400, 250, 9999, "target <= 2 s");
        bench_autocorr_command(dir, 1000, 1000, 999, "target <= 10 s");
    }
    /* spdep at a size it finishes in seconds, beside jamlik at that size. */
    if (getenv("JL_BENCH_NO_REFERENCE") == NULL) {
        jl_spw w10;
        jl_sa_local *l10;
        double *x10;
        size_t n10 = 10000, j;
        uint32_t *from = jl_xmalloc(8 * n10 * sizeof *from), *to = jl_xmalloc(8 * n10 * sizeof *to);
        size_t m = 0;
        int a, b, dx, dy;

        for (b = 0; b < 100; b++)
            for (a = 0; a < 100; a++)
                for (dy = -1; dy <= 1; dy++)
                    for (dx = -1; dx <= 1; dx++)
                        if ((dx || dy) && a + dx >= 0 && a + dx < 100 && b + dy >= 0 && b + dy < 100) {
                            from[m] = (uint32_t)(b * 100 + a);
                            to[m++] = (uint32_t)((b + dy) * 100 + a + dx);
                        }
        if (jl_spw_from_edges(&w10, n10, from, to, NULL, m, &err) < 0 ||
            jl_spw_set_style(&w10, 'W', &err) < 0)
            die(&err);
        x10 = jl_xmalloc(n10 * sizeof *x10);
        for (j = 0; j < n10; j++)
            x10[j] = jl_rng_normal(&rng);
        l10 = jl_xcalloc(n10, sizeof *l10);
        t0 = now();
        jl_sa_local_perm(&w10, x10, 999, 1, JL_PERM_SHARED, 1, l10, NULL, &err);
        printf("  %-34s %8.3f s   (100 x 100 queen, 1 thread)\n", "local Moran, 999 permutations",
               now() - t0);
        snprintf(cmd, sizeof cmd,
                 "Rscript -e 'suppressMessages(library(spdep)); lw <- nb2listw(cell2nb(100, 100, "
                 "type=\"queen\"), style=\"W\"); set.seed(1); x <- rnorm(10000); "
                 "t <- system.time(localmoran_perm(x, lw, nsim=999, iseed=1))[[\"elapsed\"]]; "
                 "cat(sprintf(\"%%8.3f s   (same size; R spdep %%s)\\n\", t, "
                 "packageVersion(\"spdep\")))' 2>/dev/null");
        if (run_reference("   spdep localmoran_perm", cmd) < 0)
            printf("  %-34s (R spdep not installed)\n", "   spdep localmoran_perm");
        jl_spw_dispose(&w10);
        jl_free(l10);
        jl_free(x10);
        jl_free(from);
        jl_free(to);
    }
    /* Segregation: 100,000 synthetic units x 5 groups, in 100 parts. */
    {
        size_t nu = 100000, ngr = 5, g;
        double *cnt = jl_xmalloc(nu * ngr * sizeof *cnt), *tot = jl_xmalloc(nu * sizeof *tot);
        double *ls = jl_xmalloc(nu * sizeof *ls), *lq = jl_xmalloc(nu * ngr * sizeof *lq);
        uint32_t *part = jl_xmalloc(nu * sizeof *part);
        double *focal = jl_xmalloc(nu * sizeof *focal);
        jl_seg_two two;
        jl_seg_multi mu;
        double best = 1e9;
        int rep;

        for (i = 0; i < nu; i++) {
            tot[i] = 0;
            part[i] = (uint32_t)(i % 100);
            for (g = 0; g < ngr; g++) {
                cnt[i * ngr + g] = (double)jl_rng_below(&rng, 50 + 100 * g + (i % 7) * 20);
                tot[i] += cnt[i * ngr + g];
            }
            focal[i] = cnt[i * ngr];
        }
        /* best of 5: the figure is tens of milliseconds */
        for (rep = 0; rep < 5; rep++) {
            t0 = now();
            if (jl_seg_two_compute(focal, tot, nu, NULL, &two, &err) < 0 ||
                jl_seg_multi_compute(cnt, nu, ngr, part, 100, &mu, ls, lq, NULL, NULL, &err) < 0)
                die(&err);
            t1 = now() - t0;
            if (t1 < best)
                best = t1;
        }
        printf("  %-34s %8.3f s   (two-group and multigroup, local scores; target <= 0.05 s; "
               "M = %.4f)\n",
               "segregation, 100,000 x 5 groups", best, mu.M);
        jl_free(cnt);
        jl_free(tot);
        jl_free(ls);
        jl_free(lq);
        jl_free(part);
        jl_free(focal);
    }
    jl_free(loc);
    jl_free(x);
    jl_spw_dispose(&w);
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 1000000;
    char dir[4096], csv[4200], db[4200], codes[NAREAS][8];
    const char *grades[4] = {"8", "9", "gy1", "gy2"};
    jl_err err = JL_ERR_INIT;
    jl_instrument *in = NULL;
    jl_synth_latent lat[16];
    jl_synth_group g[NAREAS * 4];
    jl_synth_opts o = {42, 0.05, 0.01, 0.4, NULL, "b"};
    jl_respondents r;
    jl_import_opts io;
    jl_import_report rep;
    jl_store *st = NULL;
    jl_wave_info w;
    jl_diag d;
    char *text;
    size_t len, i, k, q, ncut = 0, cells = 0, flagged = 0, nscales;
    double t0, t_import, t_load, t_score, t_agg;
    uint8_t *status;
    int32_t *area;
    jl_counts c;
    jl_scorer *sc;
    struct stat sb;

    {
        const char *slash = strrchr(argv[0], '/');

        snprintf(jamlik_bin, sizeof jamlik_bin, "%.*sjamlik",
                 slash ? (int)(slash - argv[0] + 1) : 0, argv[0]);
    }
    if (argc > 2)
        snprintf(dir, sizeof dir, "%s", argv[2]);
    else {
        const char *tmp = getenv("TMPDIR");

        snprintf(dir, sizeof dir, "%s/jamlik-bench-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(dir)) {
            perror(dir);
            return 1;
        }
    }
    snprintf(csv, sizeof csv, "%s/wave.csv", dir);
    snprintf(db, sizeof db, "%s/bench.db", dir);
    unlink(db);

    if (jl_text_load(&text, &len, NULL, JL_DATADIR "/instruments/stockholmsenkaten-rise.instrument",
                     JL_ENC_UTF8, &err) < 0)
        die(&err);
    jl_diag_init(&d, "rise");
    if (jl_instrument_parse(&in, text, len, &d) < 0) {
        jl_diag_first(&d, &err);
        die(&err);
    }
    jl_diag_dispose(&d);
    jl_free(text);
    nscales = in->nscales;
    for (k = 0; k < nscales; k++)
        if (in->scales[k].ncut > ncut)
            ncut = in->scales[k].ncut;

    printf("jamlik bench: %zu synthetic respondents (syntetiska svar), %zu items, %zu scales,\n"
           "%d areas x 4 grades x 2 sexes, 5 %% of answers blank. Files in %s\n\n",
           n, in->nitems, nscales, NAREAS, dir);

    /* Data: made once, written as CSV. Not part of the measured phases. */
    t0 = now();
    jl_synth_calibrate(lat, in);
    for (i = 0; i < NAREAS; i++) {
        snprintf(codes[i], sizeof codes[i], "A%03zu", i + 1);
        for (k = 0; k < 4; k++) {
            jl_synth_group *gr = &g[i * 4 + k];

            memset(gr, 0, sizeof *gr);
            gr->areas[0] = codes[i];
            gr->grade = jl_grade_parse(grades[k]);
            gr->n = n / (NAREAS * 4) + (i * 4 + k < n % (NAREAS * 4) ? 1 : 0);
        }
    }
    jl_synth_make(&r, in, lat, 1, g, NAREAS * 4, &o);
    write_csv(csv, in, &r);
    jl_respondents_dispose(&r);
    stat(csv, &sb);
    printf("  %-34s %8.2f s   (%.0f MB CSV, not a measured phase)\n", "making the data",
           now() - t0, (double)sb.st_size / 1e6);

    /* 1. CSV import: parse, validate, store in one transaction. */
    if (jl_store_open(&st, db, JL_STORE_CREATE, NULL, &err) < 0)
        die(&err);
    memset(&io, 0, sizeof io);
    memset(&rep, 0, sizeof rep);
    io.path = csv;
    io.instrument = in->id;
    io.wave = "2024";
    io.areas = "omrade";
    io.synthetic = 1;
    if (jl_store_begin(st, &err) < 0 || jl_store_instrument_put(st, in->id, in->name, "", &err) < 0 ||
        jl_store_commit(st, &err) < 0)
        die(&err);
    t0 = now();
    if (jl_wave_import(&rep, st, in, &io, &err) < 0)
        die(&err);
    t_import = now() - t0;
    stat(db, &sb);
    printf("  %-34s %8.2f s   (%.0f MB database, peak %.0f MiB so far)\n", "1. CSV import",
           t_import, (double)sb.st_size / 1e6, peak_mib());

    /* 2. Loading the answers back from the store. */
    t0 = now();
    if (jl_store_wave_find(&w, st, "2024", in->id, &err) < 0 ||
        jl_store_respondents_load(&r, st, &w, in->nitems, 0, &err) < 0)
        die(&err);
    t_load = now() - t0;
    printf("  %-34s %8.2f s\n", "2. loading answers from the store", t_load);

    /* 3. Scoring every respondent on every scale (WLE, tabulated). */
    status = jl_xmalloc(r.n * nscales);
    t0 = now();
    i = jl_score_all(in, r.answers, r.n, status, NULL, NULL);
    t_score = now() - t0;
    printf("  %-34s %8.3f s   (%zu estimates solved, the rest looked up)\n", "3. scoring (WLE)",
           t_score, i);
    /* The same on one core, for comparison. */
    t0 = now();
    sc = jl_scorer_new(in);
    jl_scorer_run(sc, r.answers, r.n, status, NULL, NULL);
    jl_scorer_free(sc);
    printf("  %-34s %8.3f s\n", "   on one core", now() - t0);

    /* 4. Every area x grade x sex x scale x cut-off cell, with totals,
     * filled with share, Wilson interval, norm and flag. */
    area = jl_xmalloc(r.n * sizeof *area);
    t0 = now();
    for (i = 0; i < r.n; i++) {
        const char *a = r.areas[i];

        area[i] = (int32_t)(strtol(a + 1, NULL, 10) - 1);
    }
    jl_counts_build(&c, area, r.grade, r.sex, status, r.n, NAREAS, JL_NGRADES, JL_NSEXES,
                    nscales, ncut);
    for (i = 0; i < NAREAS; i++) {
        size_t gg, s;

        for (gg = 0; gg <= JL_NGRADES; gg++)
            for (s = 0; s <= JL_NSEXES; s++) {
                /* Grades nobody is in are not cells of this wave. */
                if (gg < JL_NGRADES && !c.n[jl_counts_group(&c, i, gg, JL_NSEXES)])
                    continue;
                size_t grp = jl_counts_group(&c, i, gg, s);

                for (k = 0; k < nscales; k++)
                    for (q = 0; q < in->scales[k].ncut; q++) {
                        jl_cell cell;
                        size_t b = grp * nscales + k;

                        if (jl_cell_fill(&cell, c.n[grp], c.n_scored[b], c.k[b * ncut + q],
                                         in->scales[k].cut[q].norm_pct, &err) < 0)
                            die(&err);
                        jl_release_small_group(&cell, JL_RELEASE_MIN_N);
                        cells++;
                        flagged += cell.flag != JL_FLAG_NONE;
                    }
            }
    }
    t_agg = now() - t0;
    printf("  %-34s %8.3f s   (%zu cells, %zu flagged)\n", "4. aggregating every cell", t_agg,
           cells, flagged);

    printf("\n  %-34s %8.3f s   (target <= 1 s, aim 0.1 s)\n", "scoring + aggregation",
           t_score + t_agg);
    printf("  %-34s %8.2f s   (target <= 5 s)\n", "import", t_import);
    printf("  %-34s %8.0f MiB (target <= 1024 MiB)\n", "peak memory (max RSS)", peak_mib());

    /* Geography and living conditions. */
    printf("\n");
    {
        char ga[4300], gb[4300];

        bench_overlay(st, "Göteborg DeSO 2025 + primärområden", JL_DATADIR "/geo/goteborg_deso2025.geojson",
                      JL_DATADIR "/geo/goteborg_primaromraden.geojson", "target <= 1 s");
        snprintf(ga, sizeof ga, "%s/grid100.geojson", dir);
        snprintf(gb, sizeof gb, "%s/grid25.geojson", dir);
        write_grid(ga, 100, 100);
        write_grid(gb, 25, 400);
        bench_overlay(st, "100 x 100 grid + 25 x 25 grid", ga, gb, "reported");
        unlink(ga);
        unlink(gb);
        bench_indicators(st, dir);
        bench_spatial(dir);
    }
    printf("  %-34s %8.0f MiB\n", "peak memory (max RSS), all phases", peak_mib());

    jl_counts_dispose(&c);
    jl_free(area);
    jl_free(status);
    jl_respondents_dispose(&r);
    jl_store_close(st);
    jl_instrument_free(in);
    if (argc <= 2) {
        char p[4300];

        unlink(csv);
        unlink(db);
        snprintf(p, sizeof p, "%s-wal", db);
        unlink(p);
        snprintf(p, sizeof p, "%s-shm", db);
        unlink(p);
        rmdir(dir);
    }
    return 0;
}
