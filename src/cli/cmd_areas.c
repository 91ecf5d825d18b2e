/*
 * jamlik areas: a city's divisions and areas with their geometry
 * (geo/ogr.c), crosswalks between divisions, and named groups of areas.
 */
#include "cli/commands.h"
#include "core/alloc.h"
#include "core/csv.h"
#include "core/i18n.h"
#include "core/num.h"
#include "core/strmap.h"
#include "core/text.h"
#include "core/limits.h"
#include "geo/ogr.h"
#include "geo/xwkey.h"
#include "survey/wave.h"
#include "view/areas_import.h"
#include "view/crosswalk.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int need_division(jl_cli *cli, const char *id, jl_err *err)
{
    return jl_areas_need_division(cli->store, id, err);
}

/* ---- import ---- */

int cmd_areas_import(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_opt opts[] = {{"--division", 1, NULL},     {"--version", 1, NULL},
                     {"--name", 1, NULL},         {"--valid-from", 1, NULL},
                     {"--valid-to", 1, NULL},     {"--code-field", 1, NULL},
                     {"--name-field", 1, NULL},   {"--parent-field", 1, NULL},
                     {"--parent-division", 1, NULL}, {"--crs", 1, NULL},
                     {"--repair", 0, NULL}};
    size_t nopts = sizeof opts / sizeof opts[0], npos, i;
    char *pos[1];
    jl_areas_import_req req;
    jl_store_division *dv = &req.dv;
    jl_geo_layer layer;
    jl_diag d;
    double total = 0;
    int rc;

    rc = jl_cli_parse(opts, nopts, pos, 1, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    if (npos != 1 || !jl_cli_opt(opts, nopts, "--division"))
        return jl_err_set(err, JL_EUSAGE, _("usage: jamlik areas import FILE --division NAME"));
    if ((rc = jl_cli_division_id(jl_cli_opt(opts, nopts, "--division"), "--division", err)) < 0 ||
        (rc = jl_cli_division_id(jl_cli_opt(opts, nopts, "--parent-division"), "--parent-division",
                          err)) < 0)
        return rc;
    if (!jl_cli_opt(opts, nopts, "--parent-field") != !jl_cli_opt(opts, nopts, "--parent-division"))
        return jl_err_set(err, JL_EUSAGE,
                          _("--parent-field and --parent-division go together"));
    memset(&req, 0, sizeof req);
    req.path = pos[0];
    req.geo.code_field = jl_cli_opt(opts, nopts, "--code-field");
    req.geo.name_field = jl_cli_opt(opts, nopts, "--name-field");
    req.geo.parent_field = jl_cli_opt(opts, nopts, "--parent-field");
    req.geo.crs = jl_cli_opt(opts, nopts, "--crs");
    req.geo.repair = jl_cli_opt(opts, nopts, "--repair") != NULL;
    dv->id = jl_cli_opt(opts, nopts, "--division");
    dv->name = jl_cli_opt(opts, nopts, "--name") ? jl_cli_opt(opts, nopts, "--name") : dv->id;
    dv->parent = jl_cli_opt(opts, nopts, "--parent-division");
    dv->version = jl_cli_opt(opts, nopts, "--version");
    dv->valid_from = jl_cli_opt(opts, nopts, "--valid-from");
    dv->valid_to = jl_cli_opt(opts, nopts, "--valid-to");
    dv->source = pos[0];
    if ((dv->valid_from && !jl_wave_date_valid(dv->valid_from)) ||
        (dv->valid_to && !jl_wave_date_valid(dv->valid_to)))
        return jl_err_set(err, JL_EUSAGE, _("expected dates YYYY-MM-DD for --valid-from and "
                                            "--valid-to"));
    jl_diag_init(&d, pos[0]);
    rc = jl_areas_import(&layer, cli->store, &req, &d, err);
    if (d.n) {
        jl_cli_print_diag(&d);
        fprintf(stderr,
                _n("%s: %zu problem; nothing imported\n", "%s: %zu problems; nothing imported\n",
                   d.n),
                pos[0], d.n);
        jl_diag_dispose(&d);
        return 1;
    }
    jl_diag_dispose(&d);
    if (rc < 0)
        return rc;
    for (i = 0; i < layer.n; i++)
        total += layer.f[i].area_m2;
    for (i = 0; i < layer.n; i++)
        if (layer.f[i].repaired)
            fprintf(stderr, _("%s: feature %ld (code %s): repaired: %s\n"), pos[0],
                    layer.f[i].fid, layer.f[i].code, layer.f[i].repaired);
    if (!cli->quiet) {
        char km2[48];

        fprintf(stderr,
                _n("Imported %zu area into division %s from %s (%s, %s), %zu repaired; "
                   "%s km² in all\n",
                   "Imported %zu areas into division %s from %s (%s, %s), %zu repaired; "
                   "%s km² in all\n",
                   layer.n),
                layer.n, dv->id, pos[0], layer.driver, layer.crs, layer.nrepaired,
                jl_fmt_fixed(km2, sizeof km2, total / 1e6, 2));
    }
    jl_geo_layer_dispose(&layer);
    return 0;
}

/* ---- list and show ---- */

static void division_row(void *ctx, const jl_store_division *d)
{
    jl_out *o = ctx;

    jl_out_str(o, d->id);
    jl_out_str(o, d->name);
    jl_out_str(o, d->version);
    jl_out_str(o, d->parent);
    jl_out_int(o, d->nareas);
    jl_out_int(o, d->ngeom);
    jl_out_str(o, d->valid_from);
    jl_out_str(o, d->valid_to);
    jl_out_str(o, d->source);
    jl_out_row_end(o);
}

static void area_row(void *ctx, const jl_store_area *a)
{
    jl_out *o = ctx;

    jl_out_str(o, a->code);
    jl_out_str(o, a->name);
    jl_out_str(o, a->parent);
    if (a->has_geom) {
        jl_out_num(o, a->area_m2 / 1e6, 3);
        jl_out_num(o, a->ipt_lon, 6);
        jl_out_num(o, a->ipt_lat, 6);
    } else {
        jl_out_empty(o);
        jl_out_empty(o);
        jl_out_empty(o);
    }
    jl_out_str(o, a->repaired);
    jl_out_row_end(o);
}

static int areas_table(jl_cli *cli, const char *division, const char *code, jl_err *err)
{
    static const char *const ids[] = {"code", "name", "parent", "area_km2", "lon", "lat",
                                      "repaired"};
    const char *labels[] = {_("code"), _("name"), _("parent"), _("km²"), _("lon"), _("lat"),
                            _("repaired")};
    jl_out *o = jl_cli_out(cli, ids, labels, 7);
    char note[256];
    int rc;

    jl_out_align_right(o, 3);
    jl_out_align_right(o, 4);
    jl_out_align_right(o, 5);
    snprintf(note, sizeof note, _("Division %s; lon, lat: a point inside the area (WGS 84)."),
             division);
    jl_out_note(o, note);
    jl_out_meta(o, "division", division);
    rc = code ? jl_store_area_get(cli->store, division, code, area_row, o, err)
              : jl_store_area_each(cli->store, division, area_row, o, err);
    jl_out_end(o);
    return rc;
}

int cmd_areas_list(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"division", "name", "version", "parent", "areas",
                                      "with_geometry", "valid_from", "valid_to", "source"};
    const char *labels[] = {_("division"),  _("name"),       _("version"), _("parent"),
                            _("areas"),     _("with geometry"), _("valid from"),
                            _("valid to"),  _("source")};
    jl_opt opts[] = {{"--division", 1, NULL}};
    size_t npos;
    jl_out *o;
    int rc;

    rc = jl_cli_parse(opts, 1, NULL, 0, &npos, argc, argv, err);
    if (rc < 0 || (rc = jl_cli_division_id(jl_cli_opt(opts, 1, "--division"), "--division", err)) < 0)
        return rc;
    if (jl_cli_opt(opts, 1, "--division")) {
        rc = need_division(cli, jl_cli_opt(opts, 1, "--division"), err);
        if (rc < 0)
            return rc;
        rc = areas_table(cli, jl_cli_opt(opts, 1, "--division"), NULL, err);
        return rc < 0 ? rc : 0;
    }
    o = jl_cli_out(cli, ids, labels, 9);
    jl_out_align_right(o, 4);
    jl_out_align_right(o, 5);
    /* 120 columns: version, valid to and the file with --wide */
    jl_out_secondary(o, 2);
    jl_out_secondary(o, 7);
    jl_out_secondary(o, 8);
    rc = jl_store_division_each(cli->store, division_row, o, err);
    jl_out_end(o);
    return rc < 0 ? rc : 0;
}

static void no_row(void *ctx, const jl_store_area *a)
{
    (void)ctx;
    (void)a;
}

int cmd_areas_show(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_opt opts[] = {{"--division", 1, NULL}};
    size_t npos;
    char *pos[1];
    int rc;

    rc = jl_cli_parse(opts, 1, pos, 1, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    if (npos != 1 || !jl_cli_opt(opts, 1, "--division"))
        return jl_err_set(err, JL_EUSAGE, _("usage: jamlik areas show --division D CODE"));
    if ((rc = jl_cli_division_id(jl_cli_opt(opts, 1, "--division"), "--division", err)) < 0)
        return rc;
    /* Known before the table starts, so that an unknown code prints no
     * table head. */
    rc = jl_store_area_get(cli->store, jl_cli_opt(opts, 1, "--division"), pos[0], no_row, NULL,
                           err);
    if (rc < 0)
        return rc;
    rc = areas_table(cli, jl_cli_opt(opts, 1, "--division"), pos[0], err);
    return rc < 0 ? rc : 0;
}

/* ---- crosswalks ---- */

int cmd_areas_crosswalk(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"from", "to", "weight"};
    const char *labels[] = {_("from"), _("to"), _("weight")};
    jl_opt opts[] = {{"--weight", 1, NULL}, {"--population", 1, NULL}, {"--via", 1, NULL},
                     {"--period", 1, NULL}};
    size_t npos, i;
    char *pos[2], source[256];
    const char *weight;
    jl_xw_req req;
    jl_xw_result r;
    jl_out *o;
    int rc;

    rc = jl_cli_parse(opts, 4, pos, 2, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    if (npos != 2)
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik areas crosswalk FROM TO [--weight area|population "
                            "--population IND --via DIV]"));
    memset(&req, 0, sizeof req);
    weight = jl_cli_opt(opts, 4, "--weight");
    req.from = pos[0];
    req.to = pos[1];
    req.population = jl_cli_opt(opts, 4, "--population");
    req.via = jl_cli_opt(opts, 4, "--via");
    req.period = jl_cli_opt(opts, 4, "--period");
    if (weight && strcmp(weight, "area") && strcmp(weight, "population"))
        return jl_err_set(err, JL_EUSAGE, _("expected --weight area or population, found \"%s\""),
                          weight);
    req.by_population = weight && !strcmp(weight, "population");
    if (req.by_population && (!req.population || !req.via))
        return jl_err_set(err, JL_EUSAGE,
                          _("--weight population needs --population IND (a count) and --via DIV "
                            "(a finer division where it is observed)"));
    if ((rc = jl_cli_division_id(pos[0], "areas crosswalk", err)) < 0 ||
        (rc = jl_cli_division_id(pos[1], "areas crosswalk", err)) < 0 ||
        (rc = jl_cli_division_id(req.via, "--via", err)) < 0)
        return rc;
    if (req.by_population)
        snprintf(source, sizeof source,
                 _("overlay of %s on %s by population (%s in %s, EPSG:3006)"), pos[0], pos[1],
                 req.population, req.via);
    else
        snprintf(source, sizeof source, _("overlay of %s on %s by area (EPSG:3006)"), pos[0],
                 pos[1]);
    req.source = source;
    rc = jl_crosswalk_overlay(&r, cli->store, &req, err);
    if (rc < 0)
        return rc;
    if (!cli->quiet)
        fprintf(stderr,
                _("Crosswalk %s -> %s: %zu pairs for %zu areas; %zu areas lie less than 99 %% "
                  "inside %s\n"),
                pos[0], pos[1], r.n, r.nfrom, r.partial, pos[1]);
    if (req.by_population && r.nzero && !cli->quiet)
        fprintf(stderr, _("  %zu areas have no population in %s and keep their area weights\n"),
                r.nzero, req.via);
    o = jl_cli_out(cli, ids, labels, 3);
    jl_out_align_right(o, 2);
    jl_out_source(o, source);
    for (i = 0; i < r.n; i++) {
        jl_out_str(o, r.from[i]);
        jl_out_str(o, r.to[i]);
        jl_out_num(o, r.w[i], 4);
        jl_out_row_end(o);
    }
    jl_out_end(o);
    jl_xw_result_dispose(&r);
    return 0;
}

/* jamlik areas crosswalk import FILE --from D --to D --from-field F --to-field F:
 * a key table such as SCB's DeSO -> RegSO, each row one from-area in one
 * to-area (weight 1). */
int cmd_areas_crosswalk_import(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_opt opts[] = {{"--from", 1, NULL}, {"--to", 1, NULL}, {"--from-field", 1, NULL},
                     {"--to-field", 1, NULL}, {"--only-known", 0, NULL}};
    size_t nopts = 5, npos;
    char *pos[1], source[512];
    jl_xwkey_req req;
    jl_xwkey_report rep;
    int rc;

    rc = jl_cli_parse(opts, nopts, pos, 1, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    if (npos != 1 || !jl_cli_opt(opts, nopts, "--from") || !jl_cli_opt(opts, nopts, "--to") ||
        !jl_cli_opt(opts, nopts, "--from-field") || !jl_cli_opt(opts, nopts, "--to-field"))
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik areas crosswalk import FILE --from D --to D "
                            "--from-field F --to-field F"));
    memset(&req, 0, sizeof req);
    req.path = pos[0];
    req.from = jl_cli_opt(opts, nopts, "--from");
    req.to = jl_cli_opt(opts, nopts, "--to");
    req.from_field = jl_cli_opt(opts, nopts, "--from-field");
    req.to_field = jl_cli_opt(opts, nopts, "--to-field");
    req.only_known = jl_cli_opt(opts, nopts, "--only-known") != NULL;
    if ((rc = jl_cli_division_id(req.from, "--from", err)) < 0 ||
        (rc = jl_cli_division_id(req.to, "--to", err)) < 0)
        return rc;
    snprintf(source, sizeof source, _("key table %s"), pos[0]);
    req.source = source;
    rc = jl_crosswalk_key_import(&rep, cli->store, &req, err);
    if (rc < 0)
        return rc;
    if (!cli->quiet)
        fprintf(stderr, _("Crosswalk %s -> %s from %s: %zu areas, %zu rows to areas not in %s "
                          "skipped\n"),
                req.from, req.to, pos[0], rep.n, rep.skipped, req.to);
    return 0;
}

/* ---- groups ---- */

int cmd_areas_group_create(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_opt opts[] = {{"--division", 1, NULL}};
    char *pos[256];
    size_t npos, i;
    jl_strmap *codes = NULL;
    int rc;

    rc = jl_cli_parse(opts, 1, pos, 256, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    if (npos < 2 || !jl_cli_opt(opts, 1, "--division"))
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik areas group create NAME --division D CODE..."));
    if ((rc = jl_cli_division_id(jl_cli_opt(opts, 1, "--division"), "--division", err)) < 0)
        return rc;
    rc = need_division(cli, jl_cli_opt(opts, 1, "--division"), err);
    if (rc < 0)
        return rc;
    rc = jl_view_area_codes(&codes, cli->store, jl_cli_opt(opts, 1, "--division"), err);
    for (i = 1; i < npos && rc == 0; i++)
        if (!jl_strmap_get(codes, pos[i], NULL))
            rc = jl_err_set(err, JL_EINPUT, _("no area \"%s\" in division %s"), pos[i],
                            jl_cli_opt(opts, 1, "--division"));
    jl_strmap_free(codes);
    if (rc < 0)
        return rc;
    rc = jl_store_begin(cli->store, err);
    if (rc < 0)
        return rc;
    rc = jl_store_group_put(cli->store, pos[0], jl_cli_opt(opts, 1, "--division"),
                            (const char *const *)(pos + 1), npos - 1, err);
    if (rc < 0) {
        jl_store_rollback(cli->store);
        return rc;
    }
    rc = jl_store_commit(cli->store, err);
    if (rc == 0 && !cli->quiet)
        fprintf(stderr, _n("Group %s: %zu area of %s\n", "Group %s: %zu areas of %s\n", npos - 1),
                pos[0], npos - 1,
                jl_cli_opt(opts, 1, "--division"));
    return rc < 0 ? rc : 0;
}

typedef struct group_ctx {
    const jl_cli *cli;
    jl_out *o;
} group_ctx;

static void group_row(void *ctx, const jl_store_group *g)
{
    const group_ctx *gc = ctx;
    jl_out *o = gc->o;
    size_t i, len = 0;
    char *codes;

    for (i = 0; i < g->n; i++)
        len += strlen(g->codes[i]) + 1;
    codes = jl_xcalloc(len + 1, 1);
    for (i = 0, len = 0; i < g->n; i++)
        len += (size_t)sprintf(codes + len, i ? " %s" : "%s", g->codes[i]);
    jl_cli_fit_list(gc->cli, codes, 80);
    jl_out_str(o, g->name);
    jl_out_str(o, g->division);
    jl_out_int(o, (long)g->n);
    jl_out_str(o, codes);
    jl_out_row_end(o);
    jl_free(codes);
}

int cmd_areas_group_list(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"group", "division", "areas", "codes"};
    const char *labels[] = {_("group"), _("division"), _("areas"), _("codes")};
    group_ctx gc;
    int rc;

    (void)argv;
    if (argc)
        return jl_err_set(err, JL_EUSAGE, _("usage: jamlik areas group list"));
    gc.cli = cli;
    gc.o = jl_cli_out(cli, ids, labels, 4);
    jl_out_align_right(gc.o, 2);
    rc = jl_store_group_list(cli->store, group_row, &gc, err);
    jl_out_end(gc.o);
    return rc < 0 ? rc : 0;
}
