#include "geo/ogr.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/strmap.h"
#include "geo/ogr_int.h"

#include <ctype.h>
#include <gdal.h>
#include <geos_c.h>
#include <math.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Field names tried, in order, when the caller names none: the layers of
 * SCB, Göteborgs Stad and Malmö stad as published. */
static const char *const CODE_FIELDS[] = {"omrade_kod", "desokod", "regsokod", "do_kod",
                                          "kommunkod", "kommun_kod", "kod", "code", "id", NULL};
static const char *const NAME_FIELDS[] = {"omrade_namn", "regsonamn", "delomrade", "kommunnamn",
                                          "kommun_namn", "namn", "name", NULL};

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init(void)
{
    GDALAllRegister();
    /* Errors are read back with CPLGetLastErrorMsg and reported by jamlik
     * in its own words; GDAL must not print them too. */
    CPLSetErrorHandler(CPLQuietErrorHandler);
}

void jl_geo__init(void)
{
    pthread_once(&once, init);
}

OGRSpatialReferenceH jl_geo__srs_epsg(int code)
{
    OGRSpatialReferenceH s = OSRNewSpatialReference(NULL);

    OSRImportFromEPSG(s, code);
    /* Longitude before latitude, easting before northing, as in GeoJSON. */
    OSRSetAxisMappingStrategy(s, OAMS_TRADITIONAL_GIS_ORDER);
    return s;
}

/* The field to use: the named one (it must exist) or the first of guess. */
static int find_field(int *idx, OGRFeatureDefnH defn, const char *named,
                      const char *const *guess)
{
    size_t i;

    if (named) {
        *idx = OGR_FD_GetFieldIndex(defn, named);
        return *idx >= 0 ? 0 : -1;
    }
    for (i = 0; guess && guess[i]; i++)
        if ((*idx = OGR_FD_GetFieldIndex(defn, guess[i])) >= 0)
            return 0;
    *idx = -1;
    return -1;
}

/* "the fields A, B, C" for messages, or why there are none. */
static void field_list(char *buf, size_t len, GDALDatasetH ds, OGRLayerH layer)
{
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    int i, n = OGR_FD_GetFieldCount(defn);
    size_t w;

    if (n == 0) {
        const char *drv = GDALGetDriverShortName(GDALGetDatasetDriver(ds));

        snprintf(buf, len, "%s",
                 !strcmp(drv, "ESRI Shapefile")
                     ? _("no fields (a Shapefile keeps them in its .dbf: is it missing?)")
                 : OGR_L_GetFeatureCount(layer, 1) == 0 ? _("no fields (the layer is empty)")
                                                        : _("no fields"));
        return;
    }
    snprintf(buf, len, "%s", _("the fields "));
    w = strlen(buf);
    for (i = 0; i < n && w + 2 < len; i++) {
        snprintf(buf + w, len - w, "%s%s", i ? ", " : "",
                 OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
        w += strlen(buf + w);
    }
}

/* Why g is invalid, in GEOS's words, and where (WGS 84). */
static void invalid_reason(char *buf, size_t len, OGRGeometryH g,
                           OGRCoordinateTransformationH to_wgs)
{
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSWKBReader *rd = GEOSWKBReader_create_r(h);
    size_t n = (size_t)OGR_G_WkbSize(g);
    unsigned char *wkb = jl_xmalloc(n ? n : 1);
    GEOSGeometry *gg;
    char *reason = NULL;
    GEOSGeometry *loc = NULL;

    snprintf(buf, len, "%s", _("invalid geometry"));
    OGR_G_ExportToWkb(g, wkbNDR, wkb);
    gg = GEOSWKBReader_read_r(h, rd, wkb, n);
    if (gg && GEOSisValidDetail_r(h, gg, 0, &reason, &loc) == 0 && reason) {
        double x = 0, y = 0;

        reason[0] = (char)tolower((unsigned char)reason[0]);
        if (loc && GEOSGeomGetX_r(h, loc, &x) && GEOSGeomGetY_r(h, loc, &y)) {
            double z = 0;

            if (to_wgs)
                OCTTransform(to_wgs, 1, &x, &y, &z);
            snprintf(buf, len, _("%s at %.6f %.6f"), reason, x, y);
        } else
            snprintf(buf, len, "%s", reason);
    }
    if (reason)
        GEOSFree_r(h, reason);
    if (loc)
        GEOSGeom_destroy_r(h, loc);
    if (gg)
        GEOSGeom_destroy_r(h, gg);
    GEOSWKBReader_destroy_r(h, rd);
    GEOS_finish_r(h);
    jl_free(wkb);
}

/* The polygons of g as one (Multi)Polygon, or NULL if it has none: what
 * GEOS's repair keeps of a collection (lines and points of a collapsed
 * ring are not area). */
static OGRGeometryH polygons_of(OGRGeometryH g)
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    OGRGeometryH out;
    int i, n;

    if (t == wkbPolygon || t == wkbMultiPolygon)
        return OGR_G_Clone(g);
    if (t != wkbGeometryCollection)
        return NULL;
    out = OGR_G_CreateGeometry(wkbMultiPolygon);
    n = OGR_G_GetGeometryCount(g);
    for (i = 0; i < n; i++) {
        OGRGeometryH part = OGR_G_GetGeometryRef(g, i);
        OGRwkbGeometryType pt = wkbFlatten(OGR_G_GetGeometryType(part));
        int j;

        if (pt == wkbPolygon)
            OGR_G_AddGeometry(out, part);
        else if (pt == wkbMultiPolygon)
            for (j = 0; j < OGR_G_GetGeometryCount(part); j++)
                OGR_G_AddGeometry(out, OGR_G_GetGeometryRef(part, j));
    }
    if (OGR_G_GetGeometryCount(out) == 0) {
        OGR_G_DestroyGeometry(out);
        return NULL;
    }
    return out;
}

/* Measures g (in the source CRS) into ft: WGS 84 WKB, area, interior
 * point and envelope in EPSG:3006. -1 when GDAL cannot transform it, -2
 * when the result is not finite (coordinates far outside the CRS). */
static int measure(jl_geo_feature *ft, OGRGeometryH g, OGRCoordinateTransformationH to_wgs,
                   OGRCoordinateTransformationH to_sw, OGRCoordinateTransformationH sw_to_wgs)
{
    OGRGeometryH gw = OGR_G_Clone(g), gs = OGR_G_Clone(g), p = NULL;
    OGREnvelope env;
    double x, y, z = 0;
    int rc = -1;

    if (OGR_G_Transform(gw, to_wgs) != OGRERR_NONE || OGR_G_Transform(gs, to_sw) != OGRERR_NONE)
        goto done;
    ft->area_m2 = OGR_G_Area(gs);
    if (!isfinite(ft->area_m2)) {
        rc = -2;
        goto done;
    }
    OGR_G_GetEnvelope(gs, &env);
    ft->env[0] = env.MinX;
    ft->env[1] = env.MinY;
    ft->env[2] = env.MaxX;
    ft->env[3] = env.MaxY;
    /* A point on the surface, not the centroid: a bay-shaped area's
     * centroid can lie outside it. */
    p = OGR_G_PointOnSurface(gs);
    if (!p)
        goto done;
    x = OGR_G_GetX(p, 0);
    y = OGR_G_GetY(p, 0);
    OCTTransform(sw_to_wgs, 1, &x, &y, &z);
    if (!isfinite(x) || !isfinite(y)) {
        rc = -2;
        goto done;
    }
    ft->ipt_lon = x;
    ft->ipt_lat = y;
    ft->wkb_len = (size_t)OGR_G_WkbSize(gw);
    ft->wkb = jl_xmalloc(ft->wkb_len);
    OGR_G_ExportToWkb(gw, wkbNDR, ft->wkb);
    rc = 0;
done:
    if (p)
        OGR_G_DestroyGeometry(p);
    OGR_G_DestroyGeometry(gw);
    OGR_G_DestroyGeometry(gs);
    return rc;
}

static void feature_free(jl_geo_feature *f, size_t nextra)
{
    size_t i;

    for (i = 0; f->extra && i < nextra; i++)
        jl_free(f->extra[i]);
    jl_free(f->extra);
    jl_free(f->code);
    jl_free(f->name);
    jl_free(f->parent);
    jl_free(f->wkb);
    jl_free(f->repaired);
}

int jl_geo__open_layer(const char *path, const jl_geo_opts *o, GDALDatasetH *ds,
                       OGRLayerH *layer, int *code_i, int **extra_i, char *fields, size_t flen,
                       jl_err *err)
{
    OGRFeatureDefnH defn;
    size_t i;
    int rc = JL_OK;

    *extra_i = NULL;
    CPLErrorReset();
    /* VERBOSE_ERROR: GDAL says why no driver took the file. */
    *ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, NULL, NULL,
                     NULL);
    if (!*ds) {
        char why[400];

        jl_geo__gdal_msg(why, sizeof why);
        return jl_err_at(err, JL_EINPUT, path, 0, 0,
                         _("expected a map layer GDAL can read (GeoJSON, GeoPackage, "
                           "Shapefile ...), found none: %s"),
                         why);
    }
    if (GDALDatasetGetLayerCount(*ds) < 1) {
        rc = jl_err_at(err, JL_EINPUT, path, 0, 0, _("expected a layer of areas, found none"));
        goto fail;
    }
    *layer = GDALDatasetGetLayer(*ds, 0);
    defn = OGR_L_GetLayerDefn(*layer);
    field_list(fields, flen, *ds, *layer);
    if (find_field(code_i, defn, o->code_field, CODE_FIELDS) < 0) {
        rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                       o->code_field ? _("expected the code field \"%s\", found %s")
                                     : _("expected a code field%s, found %s; name it with "
                                         "--code-field"),
                       o->code_field ? o->code_field : "", fields);
        goto fail;
    }
    *extra_i = jl_xcalloc(o->nextra ? o->nextra : 1, sizeof **extra_i);
    for (i = 0; i < o->nextra; i++)
        if (find_field(&(*extra_i)[i], defn, o->extra[i], NULL) < 0) {
            rc = jl_err_at(err, JL_EINPUT, path, 0, 0, _("expected the field \"%s\", found %s"),
                           o->extra[i], fields);
            goto fail;
        }
    return JL_OK;
fail:
    jl_free(*extra_i);
    *extra_i = NULL;
    GDALClose(*ds);
    *ds = NULL;
    return rc;
}

/* GeoJSON without a "crs" member is WGS 84 (RFC 7946), which GDAL
 * reports; a Shapefile without .prj has none. */
int jl_geo__layer_srs(OGRSpatialReferenceH *src, GDALDatasetH ds, OGRLayerH layer,
                      const char *path, const char *crs, const char *missing, jl_err *err)
{
    int rc;

    *src = NULL;
    if (crs) {
        *src = OSRNewSpatialReference(NULL);
        if (OSRSetFromUserInput(*src, crs) != OGRERR_NONE) {
            OSRDestroySpatialReference(*src);
            *src = NULL;
            return jl_err_set(err, JL_EUSAGE, _("expected a CRS such as EPSG:3006, found \"%s\""),
                              crs);
        }
    } else if ((rc = jl_geo__srs_check(ds, layer, path, err)) < 0) {
        return rc;
    } else if (OGR_L_GetSpatialRef(layer)) {
        *src = OSRClone(OGR_L_GetSpatialRef(layer));
    } else
        return jl_err_at(err, JL_EINPUT, path, 0, 0, "%s", missing);
    OSRSetAxisMappingStrategy(*src, OAMS_TRADITIONAL_GIS_ORDER);
    return JL_OK;
}

/* What reading a layer's features needs, open for the whole read. */
typedef struct geo_read {
    const jl_geo_opts *o;
    jl_diag *d;
    OGRFeatureDefnH defn;
    int code_i, name_i, parent_i, *extra_i;
    OGRSpatialReferenceH src, wgs, sw;
    OGRCoordinateTransformationH to_wgs, to_sw, sw_to_wgs;
} geo_read;

static void geo_read_dispose(geo_read *r)
{
    jl_free(r->extra_i);
    if (r->to_wgs)
        OCTDestroyCoordinateTransformation(r->to_wgs);
    if (r->to_sw)
        OCTDestroyCoordinateTransformation(r->to_sw);
    if (r->sw_to_wgs)
        OCTDestroyCoordinateTransformation(r->sw_to_wgs);
    if (r->src)
        OSRDestroySpatialReference(r->src);
    if (r->wgs)
        OSRDestroySpatialReference(r->wgs);
    if (r->sw)
        OSRDestroySpatialReference(r->sw);
}

/* The layer's CRS by name into out->crs, and the transformations from
 * it to WGS 84 and SWEREF 99 TM. fields (flen bytes) is the caller's
 * buffer, free by now, for GDAL's reason. */
static int geo_read_transforms(geo_read *r, jl_geo_layer *out, const char *path, char *fields,
                               size_t flen, jl_err *err)
{
    const char *auth = OSRGetAuthorityName(r->src, NULL), *code = OSRGetAuthorityCode(r->src, NULL);

    if (auth && code)
        snprintf(out->crs, sizeof out->crs, "%s:%s", auth, code);
    else
        snprintf(out->crs, sizeof out->crs, "%s", OSRGetName(r->src) ? OSRGetName(r->src) : "?");
    r->wgs = jl_geo__srs_epsg(4326);
    r->sw = jl_geo__srs_epsg(3006);
    CPLErrorReset();
    r->to_wgs = OCTNewCoordinateTransformation(r->src, r->wgs);
    r->to_sw = OCTNewCoordinateTransformation(r->src, r->sw);
    r->sw_to_wgs = OCTNewCoordinateTransformation(r->sw, r->wgs);
    if (!r->to_wgs || !r->to_sw || !r->sw_to_wgs) {
        jl_geo__gdal_msg(fields, flen);
        return jl_err_at(err, JL_EINPUT, path, 0, 0,
                         _("cannot transform from %s to WGS 84 and SWEREF 99 TM: %s"), out->crs,
                         fields);
    }
    return JL_OK;
}

/* *gc as it is when valid; else its reason goes to r->d (0 returned),
 * or with --repair *gc becomes GEOS's repair, the reason kept in ft. */
static int valid_or_repaired(geo_read *r, OGRGeometryH *gc, jl_geo_feature *ft,
                             const char *where, jl_geo_layer *out)
{
    char why[256];
    OGRGeometryH mv, poly;

    if (OGR_G_IsValid(*gc))
        return 1;
    invalid_reason(why, sizeof why, *gc, r->to_wgs);
    if (!r->o->repair) {
        jl_diag_add_where(r->d, where, "%s", why);
        return 0;
    }
    mv = OGR_G_MakeValid(*gc);
    poly = mv ? polygons_of(mv) : NULL;
    if (mv)
        OGR_G_DestroyGeometry(mv);
    if (!poly || !OGR_G_IsValid(poly)) {
        if (poly)
            OGR_G_DestroyGeometry(poly);
        jl_diag_add_where(r->d, where, _("%s, and GEOS cannot repair it"), why);
        return 0;
    }
    OGR_G_DestroyGeometry(*gc);
    *gc = poly;
    ft->repaired = jl_xstrdup(why);
    out->nrepaired++;
    return 1;
}

/* Feature fid (1-based) into out when it has all it needs; else its
 * problems go to r->d. */
static void read_feature(geo_read *r, jl_geo_layer *out, size_t *cap, OGRFeatureH f, long fid)
{
    const jl_geo_opts *o = r->o;
    jl_geo_feature ft;
    OGRGeometryH g = OGR_F_GetGeometryRef(f), gc = NULL;
    char where[200];
    int bad = 0, m;
    size_t i;

    memset(&ft, 0, sizeof ft);
    ft.fid = fid;
    snprintf(where, sizeof where, _("feature %ld"), fid);
    ft.code = jl_geo__field(f, r->code_i, r->d, where, &bad);
    jl_geo__where(where, sizeof where, fid, ft.code);
    ft.name = jl_geo__field(f, r->name_i, r->d, where, &bad);
    ft.parent = jl_geo__field(f, r->parent_i, r->d, where, &bad);
    if (o->nextra) {
        ft.extra = jl_xcalloc(o->nextra, sizeof *ft.extra);
        for (i = 0; i < o->nextra; i++)
            ft.extra[i] = jl_geo__field(f, r->extra_i[i], r->d, where, &bad);
    }
    if (bad)
        goto done;
    if (!ft.code) {
        jl_diag_add_where(r->d, where, _("expected a code in field %s, found none"),
                          OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(r->defn, r->code_i)));
        goto done;
    }
    if (jl_geo__limits(r->d, where, ft.code, ft.name) < 0 ||
        jl_geo__limits(r->d, where, ft.parent, NULL) < 0)
        goto done;
    if (!ft.name)
        ft.name = jl_xstrdup(ft.code);
    if (r->parent_i >= 0 && !ft.parent) {
        jl_diag_add_where(r->d, where, _("expected a parent code in field %s, found none"),
                          o->parent_field);
        goto done;
    }
    if (!(gc = jl_geo__polygon_2d(g, r->d, where)))
        goto done;
    if (!valid_or_repaired(r, &gc, &ft, where, out))
        goto done;
    CPLErrorReset();
    if ((m = measure(&ft, gc, r->to_wgs, r->to_sw, r->sw_to_wgs)) < 0) {
        char why[400];

        jl_geo__gdal_msg(why, sizeof why);
        if (m == -2)
            jl_diag_add_where(r->d, where, "%s",
                              _("expected coordinates inside the area the CRS covers, found "
                                "ones that give no finite area in SWEREF 99 TM"));
        else
            jl_diag_add_where(r->d, where, _("cannot transform the geometry: %s"), why);
        goto done;
    }
    out->f = jl_xgrow(out->f, cap, out->n + 1, sizeof *out->f);
    out->f[out->n++] = ft;
    memset(&ft, 0, sizeof ft);
done:
    feature_free(&ft, o->nextra);
    if (gc)
        OGR_G_DestroyGeometry(gc);
}

/* Codes are keys: each once, reported in file order at the second and
 * later features. A hash: 80,000 features took 31.6 s when each code was
 * compared with every earlier one (issue 15). */
static void codes_once(const jl_geo_layer *out, jl_diag *d)
{
    jl_strmap *seen = jl_strmap_new();
    size_t i;

    for (i = 0; i < out->n; i++) {
        size_t first;

        if (!jl_strmap_put(seen, out->f[i].code, (size_t)out->f[i].fid, &first)) {
            char where[200];

            jl_geo__where(where, sizeof where, out->f[i].fid, out->f[i].code);
            jl_diag_add_where(d, where,
                              _("expected each code once, found it again (first in "
                                "feature %ld)"),
                              (long)first);
        }
    }
    jl_strmap_free(seen);
}

int jl_geo_read(jl_geo_layer *out, const char *path, const jl_geo_opts *o, jl_diag *d,
                jl_err *err)
{
    GDALDatasetH ds;
    OGRLayerH layer;
    OGRFeatureH f;
    geo_read r;
    int rc = JL_OK;
    size_t cap = 0, errors_before = d->n;
    long fid = 0;
    char fields[512];

    jl_geo__init();
    memset(out, 0, sizeof *out);
    memset(&r, 0, sizeof r);
    r.o = o;
    r.d = d;
    r.name_i = r.parent_i = -1;
    rc = jl_geo__open_layer(path, o, &ds, &layer, &r.code_i, &r.extra_i, fields, sizeof fields,
                            err);
    if (rc < 0)
        return rc;
    snprintf(out->driver, sizeof out->driver, "%s",
             GDALGetDriverShortName(GDALGetDatasetDriver(ds)));
    r.defn = OGR_L_GetLayerDefn(layer);
    if (find_field(&r.name_i, r.defn, o->name_field, NAME_FIELDS) < 0 && o->name_field) {
        rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                       _("expected the name field \"%s\", found %s"), o->name_field,
                       fields);
        goto done;
    }
    if (o->parent_field && find_field(&r.parent_i, r.defn, o->parent_field, NULL) < 0) {
        rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                       _("expected the parent field \"%s\", found %s"),
                       o->parent_field, fields);
        goto done;
    }
    out->nextra = o->nextra;
    rc = jl_geo__layer_srs(&r.src, ds, layer, path, o->crs,
                   _("expected a coordinate reference system (a .prj file beside a "
                     "Shapefile), found none; name it with --crs EPSG:NNNN"),
                   err);
    if (rc < 0)
        goto done;
    rc = geo_read_transforms(&r, out, path, fields, sizeof fields, err);
    if (rc < 0)
        goto done;
    OGR_L_ResetReading(layer);
    while ((f = OGR_L_GetNextFeature(layer)) != NULL) {
        read_feature(&r, out, &cap, f, ++fid);
        OGR_F_Destroy(f);
    }
    if (fid == 0)
        jl_diag_add_where(d, _("the layer"), _("expected areas, found no features"));
    codes_once(out, d);
    if (d->n > errors_before)
        rc = JL_EINPUT;
done:
    if (rc < 0)
        jl_geo_layer_dispose(out);
    geo_read_dispose(&r);
    GDALClose(ds);
    return rc;
}

void jl_geo_layer_dispose(jl_geo_layer *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        feature_free(&l->f[i], l->nextra);
    jl_free(l->f);
    memset(l, 0, sizeof *l);
}

/* ---- overlay ---- */

typedef struct ov_geom {
    OGRGeometryH g; /* EPSG:3006 */
    OGREnvelope env;
} ov_geom;

struct jl_geo_overlay {
    ov_geom *a[3];
    size_t n[3], cap[3];
    OGRCoordinateTransformationH to_sw;
    OGRSpatialReferenceH wgs, sw;
};

jl_geo_overlay *jl_geo_overlay_new(void)
{
    jl_geo_overlay *ov = jl_xcalloc(1, sizeof *ov);

    jl_geo__init();
    ov->wgs = jl_geo__srs_epsg(4326);
    ov->sw = jl_geo__srs_epsg(3006);
    ov->to_sw = OCTNewCoordinateTransformation(ov->wgs, ov->sw);
    return ov;
}

void jl_geo_overlay_free(jl_geo_overlay *ov)
{
    size_t l, i;

    if (!ov)
        return;
    for (l = 0; l < 3; l++) {
        for (i = 0; i < ov->n[l]; i++)
            if (ov->a[l][i].g)
                OGR_G_DestroyGeometry(ov->a[l][i].g);
        jl_free(ov->a[l]);
    }
    OCTDestroyCoordinateTransformation(ov->to_sw);
    OSRDestroySpatialReference(ov->wgs);
    OSRDestroySpatialReference(ov->sw);
    jl_free(ov);
}

size_t jl_geo_overlay_add(jl_geo_overlay *ov, int list, const unsigned char *wkb, size_t len)
{
    ov_geom *og;
    OGRGeometryH g = NULL;

    ov->a[list] = jl_xgrow(ov->a[list], &ov->cap[list], ov->n[list] + 1, sizeof *ov->a[list]);
    og = &ov->a[list][ov->n[list]];
    memset(og, 0, sizeof *og);
    if (OGR_G_CreateFromWkbEx(wkb, NULL, &g, len) == OGRERR_NONE && g &&
        OGR_G_Transform(g, ov->to_sw) == OGRERR_NONE) {
        og->g = g;
        OGR_G_GetEnvelope(g, &og->env);
    } else if (g)
        OGR_G_DestroyGeometry(g);
    return ov->n[list]++;
}

static int cmp_minx(const void *x, const void *y, void *ctx)
{
    const ov_geom *a = ctx;
    double p = a[*(const size_t *)x].env.MinX, q = a[*(const size_t *)y].env.MinX;

    return (p > q) - (p < q);
}

int jl_geo_overlay_run(jl_geo_overlay *ov, void (*cb)(void *ctx, size_t i, size_t j, double area),
                       void *ctx, jl_err *err)
{
    size_t *ob = jl_xmalloc((ov->n[1] ? ov->n[1] : 1) * sizeof *ob), i, k;
    size_t *oa = jl_xmalloc((ov->n[0] ? ov->n[0] : 1) * sizeof *oa);

    (void)err;
    /* A sweep along x: both lists sorted by the envelopes' left edge, so
     * each geometry of a is tested only against those of b whose x range
     * meets its own. */
    for (i = 0; i < ov->n[0]; i++)
        oa[i] = i;
    for (i = 0; i < ov->n[1]; i++)
        ob[i] = i;
    qsort_r(oa, ov->n[0], sizeof *oa, cmp_minx, ov->a[0]);
    qsort_r(ob, ov->n[1], sizeof *ob, cmp_minx, ov->a[1]);
    for (k = 0; k < ov->n[0]; k++) {
        const ov_geom *A = &ov->a[0][oa[k]];
        size_t j;

        if (!A->g)
            continue;
        for (j = 0; j < ov->n[1]; j++) {
            const ov_geom *B = &ov->a[1][ob[j]];
            OGRGeometryH x;
            double area;

            if (B->env.MinX > A->env.MaxX)
                break;
            if (!B->g || B->env.MaxX < A->env.MinX || B->env.MaxY < A->env.MinY ||
                B->env.MinY > A->env.MaxY)
                continue;
            x = OGR_G_Intersection(A->g, B->g);
            if (!x)
                continue;
            area = OGR_G_Area(x);
            OGR_G_DestroyGeometry(x);
            if (area > 0)
                cb(ctx, oa[k], ob[j], area);
        }
    }
    jl_free(oa);
    jl_free(ob);
    return JL_OK;
}

static int env_meet(const OGREnvelope *a, const OGREnvelope *b)
{
    return !(b->MinX > a->MaxX || b->MaxX < a->MinX || b->MinY > a->MaxY || b->MaxY < a->MinY);
}

int jl_geo_overlay_weighted(jl_geo_overlay *ov, const double *weight,
                            void (*cb)(void *ctx, size_t i, size_t j, double w), void *ctx,
                            jl_err *err)
{
    size_t i, j, k;

    (void)err;
    /* For each from-area i and to-area j that overlap, the weight of the
     * units k of list 2 in their overlap: weight[k] times the share of k's
     * area inside i and j (the weight spread evenly over k). */
    for (i = 0; i < ov->n[0]; i++) {
        const ov_geom *A = &ov->a[0][i];

        if (!A->g)
            continue;
        for (j = 0; j < ov->n[1]; j++) {
            const ov_geom *B = &ov->a[1][j];
            OGRGeometryH x;
            OGREnvelope ex;
            double w = 0;

            if (!B->g || !env_meet(&A->env, &B->env))
                continue;
            x = OGR_G_Intersection(A->g, B->g);
            if (!x)
                continue;
            if (OGR_G_Area(x) <= 0) {
                OGR_G_DestroyGeometry(x);
                continue;
            }
            OGR_G_GetEnvelope(x, &ex);
            for (k = 0; k < ov->n[2]; k++) {
                const ov_geom *C = &ov->a[2][k];
                OGRGeometryH y;
                double ca;

                if (!C->g || !(weight[k] > 0) || !env_meet(&ex, &C->env))
                    continue;
                ca = OGR_G_Area(C->g);
                y = OGR_G_Intersection(x, C->g);
                if (y) {
                    if (ca > 0)
                        w += weight[k] * OGR_G_Area(y) / ca;
                    OGR_G_DestroyGeometry(y);
                }
            }
            OGR_G_DestroyGeometry(x);
            cb(ctx, i, j, w);
        }
    }
    return JL_OK;
}

