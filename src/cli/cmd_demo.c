/*
 * jamlik demo: a whole database on a real city with synthetic answers.
 *
 * Göteborg's real stadsområden, mellanområden and primärområden (maps,
 * codes, names, parent links and Göteborgs Stad's socio-economic area
 * class, read through GDAL from data/geo/) and synthetic respondents drawn from the
 * RISE instrument's Rasch model (survey/synth.c) for two waves, so that
 * every command can be tried at once. The rules that make the respondents
 * are below and in docs/demo.md; they are made up, not estimates of
 * Göteborg. Every output of these waves says "syntetiska svar".
 *
 * The database is built next to the target under a temporary name and
 * renamed into place when complete, so an interrupted demo never leaves a
 * half-built demo.db.
 */
#include "cli/commands.h"
#include "cli/bar.h"
#include "cli/render.h"
#include "release/suppress.h"
#include "view/crosswalk.h"
#include "view/release.h"
#include "view/indicator_import.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/num.h"
#include "core/rng.h"
#include "survey/synth.h"
#include "survey/wave.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEMO_INSTRUMENT "stockholmsenkaten-rise"
#define DEMO_SEED 20240301u

static const char *const demo_waves[2] = {"2022", "2024"};
static const char *const demo_grades[3] = {"8", "9", "gy2"};
/* Grade effects in SDs towards worse: risk grows with age. */
static const double grade_shift[3] = {-0.10, 0.0, 0.10};
/* Socio-economic class 1 (stora utmaningar) .. 6 (särskilt goda
 * förutsättningar), in SDs towards worse before centring. */
static const double class_shift[6] = {0.55, 0.30, 0.10, -0.05, -0.20, -0.30};

static uint64_t fnv1a(const char *s, uint64_t salt)
{
    uint64_t h = 14695981039346656037u ^ salt;

    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211u;
    }
    /* Mix the low bits, which FNV leaves weak for short keys. */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    return h;
}

/* How strongly a scale follows the area's socio-economic class: the
 * neighbourhood most, the school next, then family and the individual. */
static double theme_weight(const char *theme)
{
    if (!theme)
        return 0.5;
    if (!strcmp(theme, "närområde"))
        return 1.0;
    if (!strcmp(theme, "skola"))
        return 0.8;
    if (!strcmp(theme, "föräldrar"))
        return 0.6;
    return 0.5;
}

/* Respondents of one primärområde in one grade of wave w, by the rule in
 * docs/demo.md: 8-60 per grade from a hash of code and grade; one area in
 * nine reaches only 3-7 in gy2 (small groups, to show suppression); the
 * second wave is 85-115 % of the first. */
static size_t group_size(const char *code, size_t grade, size_t w)
{
    char key[64];
    size_t n;

    snprintf(key, sizeof key, "%s:%s", code, demo_grades[grade]);
    n = 8 + (size_t)(fnv1a(key, 1) % 53);
    if (grade == 2 && fnv1a(code, 2) % 9 == 0)
        n = 3 + (size_t)(fnv1a(key, 3) % 5);
    if (w == 1)
        n = (size_t)lround((double)n * (0.85 + 0.30 * (double)(fnv1a(key, 4) % 1001) / 1000.0));
    return n < 3 ? 3 : n;
}

typedef struct demo_area {
    const char *code, *name, *parent;
    int cls; /* 1..6, 0 when not classified (99) */
} demo_area;

/* Göteborg's stadsområden, mellanområden and primärområden with their
 * geometry, through GDAL as `jamlik areas import` reads them. *prim keeps
 * the primärområden (with the socio-economic class as extra field 0). */
static int read_geo(jl_store *st, jl_geo_layer *prim, const char *datadir, size_t counts[3],
                    jl_err *err)
{
    static const char *const files[3] = {"goteborg_stadsomraden", "goteborg_mellanomraden",
                                         "goteborg_primaromraden"};
    static const char *const divs[3] = {"stadsomrade", "mellanomrade", "primaromrade"};
    static const char *const parent_field[3] = {NULL, "stadsomrade_kod", "mellanomrade_kod"};
    static const char *const socio[1] = {"gbg_socioekonomisk_omr_kod"};
    const char *names[3] = {_("Göteborg: stadsområden (2025-01-01)"),
                            _("Göteborg: mellanområden (2025-01-01)"),
                            _("Göteborg: primärområden (2025-01-01)")};
    char path[4096];
    size_t k;
    int rc = JL_OK;

    for (k = 0; k < 3 && rc == 0; k++) {
        jl_geo_opts go;
        jl_store_division dv;
        jl_geo_layer layer;
        jl_diag d;

        memset(&go, 0, sizeof go);
        go.code_field = "omrade_kod";
        go.name_field = "omrade_namn";
        go.parent_field = parent_field[k];
        if (k == 2) {
            go.extra = socio;
            go.nextra = 1;
        }
        snprintf(path, sizeof path, "%s/geo/%s.geojson", datadir, files[k]);
        jl_diag_init(&d, path);
        rc = jl_geo_read(&layer, path, &go, &d, err);
        if (rc < 0 && d.n)
            jl_diag_first(&d, err);
        jl_diag_dispose(&d);
        if (rc < 0)
            break;
        memset(&dv, 0, sizeof dv);
        dv.id = divs[k];
        dv.name = names[k];
        dv.parent = k ? divs[k - 1] : NULL;
        dv.version = "2025-01-01";
        dv.valid_from = "2025-01-01";
        dv.source = path;
        rc = jl_areas_store_layer(st, &dv, &layer, err);
        counts[k] = layer.n;
        if (k == 2 && rc == 0)
            *prim = layer;
        else
            jl_geo_layer_dispose(&layer);
    }
    return rc;
}

/* Makes and stores the two synthetic waves. */
static int make_waves(jl_store *st, const jl_instrument *in, const jl_geo_layer *prim, int quiet,
                      jl_err *err)
{
    jl_progress pr;
    jl_cli_bar bar;
    size_t na = prim->n, ns = in->nscales, a, g, w, s, ng = na * 3;
    demo_area *areas = jl_xcalloc(na ? na : 1, sizeof *areas);
    jl_synth_group *groups = jl_xcalloc(ng ? ng : 1, sizeof *groups);
    double *shifts = jl_xcalloc((ng ? ng : 1) * (ns ? ns : 1), sizeof(double));
    double *area_fx = jl_xcalloc((na ? na : 1) * (ns ? ns : 1), sizeof(double));
    double *change = jl_xcalloc((na ? na : 1) * (ns ? ns : 1), sizeof(double));
    double *sex_shift = jl_xcalloc((ns ? ns : 1) * 2, sizeof(double));
    jl_synth_latent *lat = jl_xcalloc(ns ? ns : 1, sizeof *lat);
    double centre = 0, weight = 0;
    jl_synth_opts o;
    int rc = JL_OK;

    for (a = 0; a < na; a++) {
        long c;
        jl_rng rng;

        areas[a].code = prim->f[a].code;
        areas[a].parent = prim->f[a].parent;
        areas[a].cls = prim->f[a].extra[0] && jl_parse_long(&c, prim->f[a].extra[0]) == 0 &&
                               c >= 1 && c <= 6
                           ? (int)c
                           : 0;
        /* Each area has its own profile: a small effect per scale, and in
         * the second wave a change; areas with the greatest challenges
         * improve a little, as after a prevention effort. */
        jl_rng_seed(&rng, fnv1a(areas[a].code, 5));
        for (s = 0; s < ns; s++) {
            area_fx[a * ns + s] = 0.10 * jl_rng_normal(&rng);
            change[a * ns + s] = (areas[a].cls == 1 || areas[a].cls == 2 ? -0.10 : 0.0) +
                                 0.05 * jl_rng_normal(&rng);
        }
        if (areas[a].cls) {
            for (g = 0; g < 3; g++) {
                double n = (double)group_size(areas[a].code, g, 0);

                centre += n * class_shift[areas[a].cls - 1];
                weight += n;
            }
        }
    }
    /* Centre the classes on the city so that class 99 (not classified)
     * is the city's average. */
    centre = weight > 0 ? centre / weight : 0;
    for (s = 0; s < ns; s++) {
        const char *id = in->scales[s].id;
        double fx = !strcmp(id, "PsykSomBesv") ? 0.35
                    : !strcmp(id, "Wellbeing") ? 0.25
                    : !strcmp(id, "Utagerande") ? -0.20
                                                 : 0.0;

        /* Girls (K) report more psychosomatic complaints and less
         * wellbeing, boys (M) more acting out. */
        sex_shift[s * 2] = fx;
        sex_shift[s * 2 + 1] = -fx;
    }
    jl_synth_calibrate(lat, in);
    for (w = 0; w < 2 && rc == 0; w++) {
        jl_respondents r;
        jl_import_report rep;
        jl_import_opts io;
        char source[128];

        for (a = 0; a < na; a++)
            for (g = 0; g < 3; g++) {
                jl_synth_group *gr = &groups[a * 3 + g];
                double base = areas[a].cls ? class_shift[areas[a].cls - 1] - centre : 0.0;

                gr->areas[0] = areas[a].code;
                gr->areas[1] = areas[a].parent;
                gr->grade = jl_grade_parse(demo_grades[g]);
                gr->n = group_size(areas[a].code, g, w);
                gr->shift = shifts + (a * 3 + g) * ns;
                for (s = 0; s < ns; s++)
                    shifts[(a * 3 + g) * ns + s] =
                        base * theme_weight(in->scales[s].theme) + area_fx[a * ns + s] +
                        grade_shift[g] + (w == 1 ? change[a * ns + s] : 0.0);
            }
        memset(&o, 0, sizeof o);
        o.seed = DEMO_SEED + w;
        o.missing = 0.03;
        o.sex_missing = 0.02;
        o.rho = 0.4;
        o.sex_shift = sex_shift;
        o.id_prefix = w == 0 ? "syn22-" : "syn24-";
        jl_synth_make(&r, in, lat, 2, groups, ng, &o);
        memset(&io, 0, sizeof io);
        memset(&rep, 0, sizeof rep);
        snprintf(source, sizeof source, "jamlik demo: syntetiska svar (seed %u)",
                 DEMO_SEED + (unsigned)w);
        io.path = source;
        io.instrument = in->id;
        io.wave = demo_waves[w];
        io.synthetic = 1;
        io.progress = jl_cli_progress(&pr, &bar, quiet);
        rc = jl_wave_store(&rep, st, in, &io, "primaromrade\tmellanomrade", &r, err);
        if (rc == 0 && !quiet)
            fprintf(stderr, _("  wave %s: %zu synthetic respondents\n"), demo_waves[w],
                    rep.n_imported);
        jl_respondents_dispose(&r);
    }
    jl_free(areas);
    jl_free(groups);
    jl_free(shifts);
    jl_free(area_fx);
    jl_free(change);
    jl_free(sex_shift);
    jl_free(lat);
    return rc;
}

static void remove_db(const char *path)
{
    char p[4200];

    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-journal", path);
    unlink(p);
}

static int build(const char *tmp, const char *datadir, int quiet, jl_err *err)
{
    jl_store *st = NULL;
    jl_instrument *in = NULL;
    jl_geo_layer prim;
    size_t counts[3] = {0, 0, 0};
    char path[4096], *text = NULL;
    int rc;

    memset(&prim, 0, sizeof prim);
    snprintf(path, sizeof path, "%s/instruments/%s.instrument", datadir, DEMO_INSTRUMENT);
    rc = jl_cli_instrument_file(&in, &text, path, 0, err);
    if (rc < 0)
        goto done;
    rc = jl_store_open(&st, tmp, JL_STORE_CREATE, NULL, err);
    if (rc < 0)
        goto done;
    rc = jl_store_begin(st, err);
    if (rc < 0)
        goto done;
    rc = jl_store_instrument_put(st, in->id, in->name, text, err);
    if (rc < 0) {
        jl_store_rollback(st);
        goto done;
    }
    rc = jl_store_commit(st, err);
    if (rc == 0)
        rc = read_geo(st, &prim, datadir, counts, err);
    if (rc < 0)
        goto done;
    if (!quiet)
        fprintf(stderr,
                _("  Göteborg: %zu stadsområden, %zu mellanområden, %zu primärområden with "
                  "their maps (data/geo)\n"),
                counts[0], counts[1], counts[2]);
    rc = make_waves(st, in, &prim, quiet, err);
done:
    jl_store_close(st);
    jl_geo_layer_dispose(&prim);
    jl_instrument_free(in);
    jl_free(text);
    return rc;
}

/* Imports a wide statistics file with its map into division div. */
static int import_wide(jl_store *st, const char *path, const char *map, const char *div,
                       jl_err *err)
{
    jl_obs_import_req req;
    jl_obs_import_report rep;

    memset(&req, 0, sizeof req);
    req.path = path;
    req.as = JL_OBS_WIDE;
    req.division = div;
    req.map = map;
    return jl_obs_import(&rep, st, &req, err);
}

/* The crosswalk by area from RegSO to division to, with the words
 * `areas crosswalk` stores. */
static int overlay(jl_store *st, const char *to, jl_err *err)
{
    jl_xw_req req;
    jl_xw_result r;
    char source[256];
    int rc;

    memset(&req, 0, sizeof req);
    req.from = "regso2025";
    req.to = to;
    snprintf(source, sizeof source, _("overlay of %s on %s by area (EPSG:3006)"), req.from, to);
    req.source = source;
    rc = jl_crosswalk_overlay(&r, st, &req, err);
    jl_xw_result_dispose(&r);
    return rc;
}

/* RegSO's areas, the indicators of scb.indicators and their figures. */
static int regso(jl_store *st, const char *datadir, jl_err *err)
{
    char path[4200], defs[4200];
    jl_areas_import_req req;
    jl_geo_layer layer;
    jl_diag d;
    size_t n;
    int rc;

    memset(&req, 0, sizeof req);
    snprintf(path, sizeof path, "%s/geo/goteborg_regso2025.geojson", datadir);
    req.path = path;
    req.dv.id = "regso2025";
    req.dv.name = "SCB RegSO 2025 (Göteborg)";
    req.dv.version = "2025_v1";
    req.dv.source = path;
    jl_diag_init(&d, path);
    rc = jl_areas_import(&layer, st, &req, &d, err);
    if (rc == 0)
        jl_geo_layer_dispose(&layer);
    if (rc == 0) {
        snprintf(defs, sizeof defs, "%s/indicators/scb.indicators", datadir);
        jl_diag_dispose(&d);
        jl_diag_init(&d, defs);
        rc = jl_indicators_define(&n, st, defs, &d, err);
    }
    /* The demo's own files: a problem in them is the program's, told as
     * its first line. */
    if (d.n)
        rc = jl_diag_first(&d, err);
    jl_diag_dispose(&d);
    return rc;
}

/* Göteborg's living conditions beside the survey: SCB's RegSO statistics
 * (real, CC0), their indicators, and crosswalks from RegSO to the
 * mellanområden and primärområden by overlay, through the importers the
 * commands use. */
static int living_conditions(const jl_cli *cli, const char *db, const char *datadir, jl_err *err)
{
    char stat[3][4200], map[3][4200], key[4200], source[4400];
    static const char *const stats[3][2] = {
        {"scb_regso2020_2020_2023_gbg_malmo_hbg.csv", "regso-2020-2023.map"},
        {"scb_regso2020_omradestyp_2022_gbg_malmo_hbg.csv", "regso-omradestyp.map"},
        {"scb_deso2018_2022_gbg_malmo_hbg.csv", "deso-2022.map"}};
    jl_xwkey_req kr;
    jl_xwkey_report krep;
    jl_store *st = NULL;
    size_t i;
    int rc;

    for (i = 0; i < 3; i++) {
        snprintf(stat[i], sizeof stat[i], "%s/statistics/%s", datadir, stats[i][0]);
        snprintf(map[i], sizeof map[i], "%s/indicators/%s", datadir, stats[i][1]);
    }
    snprintf(key, sizeof key, "%s/statistics/koppling_deso2018_regso2020_gbg_malmo_hbg.csv",
             datadir);
    rc = jl_store_open(&st, db, JL_STORE_RW, NULL, err);
    if (rc < 0)
        return rc;
    rc = regso(st, datadir, err);
    if (rc == 0)
        rc = import_wide(st, stat[0], map[0], "regso2025", err);
    if (rc == 0)
        rc = import_wide(st, stat[1], map[1], "regso2025", err);
    if (rc == 0)
        rc = overlay(st, "mellanomrade", err);
    if (rc == 0)
        rc = overlay(st, "primaromrade", err);
    if (rc == 0)
        rc = import_wide(st, stat[2], map[2], "deso2018", err);
    if (rc == 0) {
        memset(&kr, 0, sizeof kr);
        kr.path = key;
        kr.from = "deso2018";
        kr.to = "regso2025";
        kr.from_field = "deso_2018";
        kr.to_field = "regso_2020_kod";
        kr.only_known = 1;
        snprintf(source, sizeof source, _("key table %s"), key);
        kr.source = source;
        rc = jl_crosswalk_key_import(&krep, st, &kr, err);
    }
    jl_store_close(st);
    if (rc == 0 && !cli->quiet)
        fprintf(stderr, _("  living conditions: SCB's RegSO statistics 2020-2023 and DeSO "
                          "statistics 2022 (real), moved to the mellanområden by SCB's key and "
                          "overlay\n"));
    return rc;
}

/* An area's profile (headlines by grade) and priorities in wave 2024. */
static int show_survey(jl_cli *cli, const char *area, jl_err *err)
{
    jl_cells_req req;
    jl_cell_table t, prev;
    jl_cli_prof_opts po;
    jl_prio_list l;
    jl_cells_protect_req pr;
    int rc;

    memset(&req, 0, sizeof req);
    memset(&pr, 0, sizeof pr);
    memset(&po, 0, sizeof po);
    memset(&prev, 0, sizeof prev);
    memset(&l, 0, sizeof l);
    req.wave = "2024";
    req.division = "mellanomrade";
    po.by_grade = po.headline_only = 1;
    po.area = area;
    po.min_n = JL_RELEASE_MIN_N;
    rc = jl_view_cells(&t, cli->store, &req, err);
    if (rc < 0)
        return rc;
    /* As a release of the mellanområden by grade would show them. */
    pr.by_grade = 1;
    rc = jl_view_cells_protect(&t, cli->store, &pr, err);
    if (rc == 0)
        rc = jl_cli_profile_render(cli, &t, &po, err);
    if (rc == 0) {
        rc = jl_view_cells_previous(&prev, cli->store, &t, err);
        if (rc == JL_ENOTFOUND) {
            jl_err_clear(err);
            rc = 0;
        } else if (rc == 0) {
            pr.by_grade = 0;
            rc = jl_view_cells_protect(&prev, cli->store, &pr, err);
        }
    }
    if (rc == 0)
        rc = jl_view_priorities(&l, &t, prev.in ? &prev : NULL, area, err);
    if (rc == 0) {
        fputc('\n', cli->out);
        jl_cli_priorities_render(cli, &t, &l, area, 5);
    }
    jl_prio_list_dispose(&l);
    jl_cell_table_dispose(&prev);
    jl_cell_table_dispose(&t);
    return rc;
}

/* An indicator of area in the mellanområden at period. */
static int show_indicator(jl_cli *cli, const char *id, const char *area, const char *period,
                          jl_err *err)
{
    jl_view_indicator_req rq;
    jl_view_indicator v;
    int rc;

    memset(&rq, 0, sizeof rq);
    rq.id = id;
    rq.division = "mellanomrade";
    rq.period = period;
    rq.sex = "T";
    rc = jl_view_indicator_load(&v, cli->store, &rq, err);
    if (rc == 0)
        jl_cli_indicator_render(cli, &v, id, rq.division, area, NULL, NULL);
    jl_view_indicator_dispose(&v);
    return rc;
}

/* Where need is greatest: segregation over the years (real SCB figures). */
static int show_segregation(jl_cli *cli, jl_err *err)
{
    static const char *const groups[] = {"folkmangd-fodda_sverige", "fodda_sverige"};
    jl_view_seg_req rq;
    jl_view_seg_time t;
    int rc;

    memset(&rq, 0, sizeof rq);
    memset(&t, 0, sizeof t);
    rq.source = "indicators@2020,2021,2022,2023";
    rq.unit = "-";
    rq.groups = groups;
    rq.ngroups = 2;
    rq.weights = "queen";
    rq.division = "regso2025";
    rc = jl_view_seg_check(&rq, err);
    if (rc == 0) {
        rc = jl_view_seg_over_time(&t, cli->store, &rq, err);
        jl_cli_seg_time_render(cli, &t, &rq);
    }
    jl_view_seg_time_dispose(&t);
    return rc;
}

/* ... and where the share born abroad clusters. */
static int show_clusters(jl_cli *cli, jl_err *err)
{
    static const char *const src = "indicator:utrikes_fodda_andel@2023";
    jl_view_sp_req lr;
    jl_view_sp_data d;
    jl_view_sp_wspec ws;
    jl_view_sp_weights vw;
    jl_view_autocorr_req rq;
    jl_view_autocorr a;
    jl_progress pr;
    jl_cli_bar bar;
    int rc;

    memset(&lr, 0, sizeof lr);
    memset(&ws, 0, sizeof ws);
    memset(&vw, 0, sizeof vw);
    memset(&a, 0, sizeof a);
    lr.source = src;
    lr.division = "regso2025";
    lr.need_geom = 1;
    lr.min_n = JL_RELEASE_MIN_N;
    ws.spec = "queen";
    jl_view_autocorr_req_init(&rq);
    rq.R = 999;
    rq.progress = jl_cli_progress(&pr, &bar, cli->quiet);
    rc = jl_view_sp_load(&d, cli->store, &lr, err);
    if (rc < 0)
        return rc;
    rc = jl_view_sp_weights_build(&vw, &d, &ws, err);
    if (rc == 0)
        rc = jl_view_autocorr_run(&a, &vw.w, d.val, &rq, err);
    if (rc == 0)
        jl_cli_autocorr_render(cli, &d, &vw, &a, &rq, src, lr.division, lr.min_n, 1);
    jl_view_autocorr_dispose(&a);
    jl_view_sp_weights_dispose(&vw);
    jl_view_sp_data_dispose(&d);
    return rc;
}

/* What the demo shows of the database it built: two neighbourhoods'
 * profiles, priorities and living conditions, then the city's
 * segregation and clusters. */
static int show(jl_cli *cli, jl_err *err)
{
    static const char *const areas[2][2] = {{"71", "Backa"}, {"55", "Centrala Tynnered"}};
    static const char *const lc[3] = {"unga_15_19", "utrikes_fodda_andel", "hyresratt_andel"};
    size_t i, k;
    int rc = 0;

    for (i = 0; i < 2 && rc == 0; i++) {
        fprintf(cli->out, _("\n== Mellanområde %s %s, wave 2024 ==\n\n"), areas[i][0],
                areas[i][1]);
        fflush(cli->out);
        rc = show_survey(cli, areas[i][0], err);
        for (k = 0; k < 3 && rc == 0; k++) {
            fputc('\n', cli->out);
            rc = show_indicator(cli, lc[k], areas[i][0], k ? "2023" : "2022", err);
        }
    }
    if (rc == 0) {
        fprintf(cli->out, "%s", _("\n== Göteborg's RegSO: born abroad against born in Sweden, "
                                  "2020-2023 (SCB) ==\n\n"));
        fflush(cli->out);
        rc = show_segregation(cli, err);
    }
    if (rc == 0) {
        fprintf(cli->out, "%s", _("\n== Clusters of the share born abroad, RegSO 2023 (SCB) "
                                  "==\n\n"));
        fflush(cli->out);
        rc = show_clusters(cli, err);
    }
    return rc;
}

/* The demo's releases: the 2022 wave, then 2022 and 2024 together, for
 * the primär-, mellan- and stadsområden, each protected and audited with
 * what was published before from the same waves (view/release.h). */
static int releases(jl_cli *cli, jl_err *err)
{
    static const char *const divs[3] = {"primaromrade", "mellanomrade", "stadsomrade"};
    const char *titles[2] = {_("The youth survey 2022 by area (demo, synthetic answers)"),
                             _("The youth survey 2022 and 2024 by area (demo, synthetic answers)")};
    size_t i;
    int rc = 0;

    for (i = 0; rc == 0 && i < 2; i++) {
        jl_view_release_req req;
        jl_view_release v;
        jl_protect_stats stats;
        jl_audit_result audit;

        memset(&req, 0, sizeof req);
        memset(&audit, 0, sizeof audit);
        memset(&stats, 0, sizeof stats);
        req.waves = demo_waves;
        req.nwaves = i + 1;
        req.divisions = divs;
        req.ndivisions = 3;
        req.title = titles[i];
        rc = jl_view_release_create(&v, cli->store, &req, NULL, &stats, &audit, err);
        if (rc == 0) {
            fputc('\n', cli->out);
            jl_cli_release_report(cli, &v, &stats, &audit, JL_AUDIT_PROTECTION);
            if (!audit.pass)
                rc = jl_err_set(err, JL_EINPUT, _("the demo's release %zu did not pass the audit"),
                                i + 1);
        }
        jl_audit_dispose(&audit);
        jl_view_release_dispose(&v);
    }
    return rc;
}

int cmd_demo(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_opt opts[] = {{"--out", 1, NULL}, {"--no-releases", 0, NULL}};
    const char *out, *datadir = jl_cli_datadir();
    char tmp[4200];
    jl_cli demo;
    size_t npos;
    int rc;

    rc = jl_cli_parse(opts, 2, NULL, 0, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    out = jl_cli_opt(opts, 2, "--out");
    if (!out)
        out = "demo.db";
    if (strlen(out) > 4000)
        return jl_err_set(err, JL_EUSAGE, _("expected a shorter --out path"));
    snprintf(tmp, sizeof tmp, "%s.building", out);
    remove_db(tmp);
    if (!cli->quiet)
        fprintf(stderr, _("Building %s: Göteborg's real areas, synthetic answers\n"),
                out);
    rc = build(tmp, datadir, cli->quiet, err);
    if (rc == 0)
        rc = living_conditions(cli, tmp, datadir, err);
    if (rc < 0) {
        remove_db(tmp);
        return rc;
    }
    /* The old database's WAL must not be applied to the new file. */
    remove_db(out);
    if (rename(tmp, out) != 0) {
        remove_db(tmp);
        return jl_err_at(err, JL_EIO, out, 0, 0, _("cannot create the file"));
    }

    demo = *cli;
    rc = jl_store_open(&demo.store, out, JL_STORE_RW, NULL, err);
    if (rc < 0)
        return rc;
    rc = show(&demo, err);
    if (rc == 0 && !jl_cli_opt(opts, 2, "--no-releases"))
        rc = releases(&demo, err);
    jl_store_close(demo.store);
    if (rc == 0) {
        fprintf(cli->out,
                _("\nThe demo database is %s. Try:\n"
                  "  jamlik --db %s profile --wave 2024 --division primaromrade --headline\n"
                  "  jamlik --db %s priorities --wave 2024 --division primaromrade --area 412\n"
                  "  jamlik --db %s survey list\n"),
                out, out, out, out);
        fprintf(cli->out,
                _("  jamlik --db %s autocorr survey:Community@2024 --division primaromrade "
                  "--weights queen --permutations 9999\n"),
                out);
    }
    return rc < 0 ? rc : 0;
}
