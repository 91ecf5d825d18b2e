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

static int run(jl_cli *cli, int (*cmd)(jl_cli *, int, char **, jl_err *), const char *const *args,
               int n, jl_err *err);

/* Göteborg's living conditions beside the survey: SCB's RegSO statistics
 * (real, CC0), their indicators, and crosswalks from RegSO to the
 * mellanområden and primärområden by overlay. Commands of the table run on
 * the database being built, their tables to /dev/null. */
static int living_conditions(const jl_cli *cli, const char *db, const char *datadir, jl_err *err)
{
    char regso[4200], defs[4200], stat1[4200], map1[4200], stat2[4200], map2[4200];
    char stat3[4200], map3[4200], key[4200];
    jl_cli c = *cli;
    int rc;

    snprintf(regso, sizeof regso, "%s/geo/goteborg_regso2025.geojson", datadir);
    snprintf(defs, sizeof defs, "%s/indicators/scb.indicators", datadir);
    snprintf(stat1, sizeof stat1, "%s/statistics/scb_regso2020_2020_2023_gbg_malmo_hbg.csv",
             datadir);
    snprintf(map1, sizeof map1, "%s/indicators/regso-2020-2023.map", datadir);
    snprintf(stat2, sizeof stat2, "%s/statistics/scb_regso2020_omradestyp_2022_gbg_malmo_hbg.csv",
             datadir);
    snprintf(map2, sizeof map2, "%s/indicators/regso-omradestyp.map", datadir);
    snprintf(stat3, sizeof stat3, "%s/statistics/scb_deso2018_2022_gbg_malmo_hbg.csv", datadir);
    snprintf(map3, sizeof map3, "%s/indicators/deso-2022.map", datadir);
    snprintf(key, sizeof key, "%s/statistics/koppling_deso2018_regso2020_gbg_malmo_hbg.csv",
             datadir);
    c.quiet = 1;
    c.out = fopen("/dev/null", "w");
    if (!c.out)
        return jl_err_set(err, JL_EIO, _("cannot open /dev/null"));
    rc = jl_store_open(&c.store, db, JL_STORE_RW, NULL, err);
    if (rc == 0) {
        const char *a1[] = {regso, "--division", "regso2025", "--name",
                            "SCB RegSO 2025 (Göteborg)", "--version", "2025_v1"};
        const char *a2[] = {defs};
        const char *a3[] = {stat1, "--as", "wide", "--division", "regso2025", "--map", map1};
        const char *a4[] = {stat2, "--as", "wide", "--division", "regso2025", "--map", map2};
        const char *a5[] = {"regso2025", "mellanomrade"};
        const char *a6[] = {"regso2025", "primaromrade"};
        const char *a7[] = {stat3, "--as", "wide", "--division", "deso2018", "--map", map3};
        const char *a8[] = {key,           "--from",       "deso2018",       "--to",
                            "regso2025",   "--from-field", "deso_2018",      "--to-field",
                            "regso_2020_kod", "--only-known"};

        rc = run(&c, cmd_areas_import, a1, 7, err);
        if (rc == 0)
            rc = run(&c, cmd_indicator_define, a2, 1, err);
        if (rc == 0)
            rc = run(&c, cmd_indicator_import, a3, 7, err);
        if (rc == 0)
            rc = run(&c, cmd_indicator_import, a4, 7, err);
        if (rc == 0)
            rc = run(&c, cmd_areas_crosswalk, a5, 2, err);
        if (rc == 0)
            rc = run(&c, cmd_areas_crosswalk, a6, 2, err);
        if (rc == 0)
            rc = run(&c, cmd_indicator_import, a7, 7, err);
        if (rc == 0)
            rc = run(&c, cmd_areas_crosswalk_import, a8, 10, err);
        /* A command that printed its own problems returns 1 with err empty. */
        if (rc > 0)
            rc = jl_err_set(err, JL_EINPUT, _("the demo's living conditions could not be built"));
        jl_store_close(c.store);
    }
    fclose(c.out);
    if (rc == 0 && !cli->quiet)
        fprintf(stderr, _("  living conditions: SCB's RegSO statistics 2020-2023 and DeSO "
                          "statistics 2022 (real), moved to the mellanområden by SCB's key and "
                          "overlay\n"));
    return rc;
}

/* Runs a command of the table on the demo database, as if typed. */
static int run(jl_cli *cli, int (*cmd)(jl_cli *, int, char **, jl_err *), const char *const *args,
               int n, jl_err *err)
{
    char *argv[16];
    int i;

    for (i = 0; i < n && i < 16; i++)
        argv[i] = (char *)args[i];
    return cmd(cli, n, argv, err);
}

int cmd_demo(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const show[2][2] = {{"71", "Backa"}, {"55", "Centrala Tynnered"}};
    static const char *const lc[3] = {"unga_15_19", "utrikes_fodda_andel", "hyresratt_andel"};
    jl_opt opts[] = {{"--out", 1, NULL}};
    const char *out, *datadir = jl_cli_datadir();
    char tmp[4200];
    jl_cli demo;
    size_t npos, i, k;
    int rc;

    rc = jl_cli_parse(opts, 1, NULL, 0, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    out = jl_cli_opt(opts, 1, "--out");
    if (!out)
        out = "demo.db";
    if (strlen(out) > 4000)
        return jl_err_set(err, JL_EUSAGE, _("expected a shorter --out path"));
    snprintf(tmp, sizeof tmp, "%s.building", out);
    remove_db(tmp);
    if (!cli->quiet)
        fprintf(stderr, _("Building %s: Göteborg's real areas, syntetiska svar (synthetic "
                          "answers)\n"),
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
    for (i = 0; i < 2 && rc == 0; i++) {
        const char *prof[] = {"--wave",  "2024", "--division", "mellanomrade", "--area",
                              show[i][0], "--by", "grade",     "--headline"};
        const char *prio[] = {"--wave", "2024", "--division", "mellanomrade", "--area",
                              show[i][0]};

        fprintf(cli->out, _("\n== Mellanområde %s %s, wave 2024 ==\n\n"), show[i][0],
                show[i][1]);
        fflush(cli->out);
        rc = run(&demo, cmd_profile, prof, 9, err);
        if (rc < 0)
            break;
        fputc('\n', cli->out);
        rc = run(&demo, cmd_priorities, prio, 6, err);
        for (k = 0; k < 3 && rc == 0; k++) {
            const char *ind[] = {lc[k], "--division", "mellanomrade", "--area", show[i][0],
                                 "--period", k ? "2023" : "2022"};

            fputc('\n', cli->out);
            rc = run(&demo, cmd_indicator_show, ind, 7, err);
        }
    }
    if (rc == 0) {
        /* Where need is greatest: segregation over the years (real SCB
         * figures) and where the synthetic answers cluster. */
        const char *seg[] = {"indicators@2020,2021,2022,2023", "--division", "regso2025",
                             "--groups", "folkmangd-fodda_sverige,fodda_sverige", "--weights",
                             "queen"};

        fprintf(cli->out, "%s", _("\n== Göteborg's RegSO: born abroad against born in Sweden, "
                                  "2020-2023 (SCB) ==\n\n"));
        fflush(cli->out);
        rc = run(&demo, cmd_segregation, seg, 7, err);
    }
    if (rc == 0) {
        const char *ac[] = {"indicator:utrikes_fodda_andel@2023", "--division", "regso2025",
                            "--weights", "queen", "--permutations", "999", "--clusters"};

        fprintf(cli->out, "%s", _("\n== Clusters of the share born abroad, RegSO 2023 (SCB) "
                                  "==\n\n"));
        fflush(cli->out);
        rc = run(&demo, cmd_autocorr, ac, 8, err);
    }
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
