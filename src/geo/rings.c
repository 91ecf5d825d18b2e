/*
 * Polygons as flat rings for spatial weights (geo/ogr.h,
 * jl_geo_read_rings): from a map layer in EPSG:3006 or the layer's own
 * units, or from stored WGS 84 WKB.
 */
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/strmap.h"
#include "geo/ogr_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void rings_add_geom(jl_geo_rings *r, OGRGeometryH g, size_t *cap_ring, size_t *cap_v)
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    int i, nparts;

    if (t == wkbMultiPolygon) {
        nparts = OGR_G_GetGeometryCount(g);
        for (i = 0; i < nparts; i++)
            rings_add_geom(r, OGR_G_GetGeometryRef(g, i), cap_ring, cap_v);
        return;
    }
    if (t != wkbPolygon)
        return;
    nparts = OGR_G_GetGeometryCount(g);
    for (i = 0; i < nparts; i++) {
        OGRGeometryH ring = OGR_G_GetGeometryRef(g, i);
        int np = OGR_G_GetPointCount(ring);

        if (np <= 0)
            continue;
        r->xy = jl_xgrow(r->xy, cap_v, 2 * (r->nv + (size_t)np), sizeof *r->xy);
        OGR_G_GetPoints(ring, r->xy + 2 * r->nv, 2 * sizeof(double), r->xy + 2 * r->nv + 1,
                        2 * sizeof(double), NULL, 0);
        r->nv += (size_t)np;
        r->roff = jl_xgrow(r->roff, cap_ring, r->nring + 2, sizeof *r->roff);
        r->roff[++r->nring] = r->nv;
    }
}

/* Appends feature g (already in the target system) to r; its point is
 * the centroid, or with surface a point on the surface (where a label of
 * a concave area can go). */
static void rings_add_feature(jl_geo_rings *r, OGRGeometryH g, size_t *cap_f, size_t *cap_ring,
                              size_t *cap_v, int surface)
{
    OGRGeometryH c = OGR_G_CreateGeometry(wkbPoint);

    r->fring = jl_xgrow(r->fring, cap_f, r->n + 2, sizeof *r->fring);
    r->cxy = jl_xrealloc(r->cxy, (r->n + 1) * 2 * sizeof *r->cxy);
    if (!r->roff) {
        r->roff = jl_xgrow(r->roff, cap_ring, 2, sizeof *r->roff);
        r->roff[0] = 0;
    }
    r->fring[r->n] = r->nring;
    rings_add_geom(r, g, cap_ring, cap_v);
    r->fring[r->n + 1] = r->nring;
    if (surface) {
        OGR_G_DestroyGeometry(c);
        c = OGR_G_PointOnSurface(g);
    }
    if (c && (surface || OGR_G_Centroid(g, c) == OGRERR_NONE)) {
        r->cxy[2 * r->n] = OGR_G_GetX(c, 0);
        r->cxy[2 * r->n + 1] = OGR_G_GetY(c, 0);
    } else
        r->cxy[2 * r->n] = r->cxy[2 * r->n + 1] = NAN;
    if (c)
        OGR_G_DestroyGeometry(c);
    r->n++;
}

void jl_geo_rings_dispose(jl_geo_rings *r)
{
    size_t i;

    for (i = 0; r->code && i < r->n; i++)
        jl_free(r->code[i]);
    for (i = 0; r->extra && i < r->n * r->nextra; i++)
        jl_free(r->extra[i]);
    jl_free(r->code);
    jl_free(r->extra);
    jl_free(r->fring);
    jl_free(r->roff);
    jl_free(r->xy);
    jl_free(r->cxy);
    memset(r, 0, sizeof *r);
}

int jl_geo_read_rings(jl_geo_rings *out, const char *path, const jl_geo_opts *o, int planar,
                      jl_diag *d, jl_err *err)
{
    GDALDatasetH ds;
    OGRLayerH layer;
    OGRFeatureDefnH defn;
    OGRSpatialReferenceH src = NULL, sw = NULL;
    OGRCoordinateTransformationH to_sw = NULL;
    OGRFeatureH f;
    int code_i, rc = JL_OK, *extra_i = NULL;
    size_t cap_f = 0, cap_ring = 0, cap_v = 0, cap_code = 0, errors_before = d->n, i;
    long fid = 0;
    char fields[512];
    jl_strmap *seen = jl_strmap_new();

    jl_geo__init();
    memset(out, 0, sizeof *out);
    rc = jl_geo__open_layer(path, o, &ds, &layer, &code_i, &extra_i, fields, sizeof fields, err);
    if (rc < 0) {
        jl_strmap_free(seen);
        return rc;
    }
    defn = OGR_L_GetLayerDefn(layer);
    out->nextra = o->nextra;
    if (!planar) {
        rc = jl_geo__layer_srs(&src, ds, layer, path, o->crs,
                       _("expected a coordinate reference system, found none; name it with "
                         "--crs EPSG:NNNN, or measure in the file's own units with --planar"),
                       err);
        if (rc < 0)
            goto done;
        sw = jl_geo__srs_epsg(3006);
        CPLErrorReset();
        to_sw = OCTNewCoordinateTransformation(src, sw);
        if (!to_sw) {
            jl_geo__gdal_msg(fields, sizeof fields);
            rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                           _("cannot transform to SWEREF 99 TM: %s"), fields);
            goto done;
        }
        snprintf(out->crs, sizeof out->crs, "EPSG:3006");
    } else
        snprintf(out->crs, sizeof out->crs, "planar");

    OGR_L_ResetReading(layer);
    while ((f = OGR_L_GetNextFeature(layer)) != NULL) {
        OGRGeometryH g = OGR_F_GetGeometryRef(f), gc = NULL;
        char where[200], *code;
        int bad = 0;

        ++fid;
        snprintf(where, sizeof where, _("feature %ld"), fid);
        code = jl_geo__field_exact(f, code_i, d, where, &bad);
        jl_geo__where(where, sizeof where, fid, code);
        if (bad)
            goto next;
        if (!code) {
            jl_diag_add_where(d, where, _("expected a code in field %s, found none"),
                              OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, code_i)));
            goto next;
        }
        {
            size_t first;

            if (jl_strmap_get(seen, code, &first)) {
                jl_diag_add_where(d, where,
                                  _("expected each code once, found it again (first in "
                                    "feature %ld)"),
                                  (long)first);
                goto next;
            }
        }
        if (jl_geo__limits(d, where, code, NULL) < 0)
            goto next;
        if (!(gc = jl_geo__polygon_2d(g, d, where)))
            goto next;
        CPLErrorReset();
        if (to_sw && OGR_G_Transform(gc, to_sw) != OGRERR_NONE) {
            char why[400];

            jl_geo__gdal_msg(why, sizeof why);
            jl_diag_add_where(d, where, _("cannot transform the geometry: %s"), why);
            goto next;
        }
        jl_strmap_put(seen, code, (size_t)fid, NULL);
        out->code = jl_xgrow(out->code, &cap_code, out->n + 1, sizeof *out->code);
        out->code[out->n] = code;
        code = NULL;
        if (o->nextra) {
            out->extra = jl_xrealloc(out->extra, (out->n + 1) * o->nextra * sizeof *out->extra);
            for (i = 0; i < o->nextra; i++)
                out->extra[out->n * o->nextra + i] =
                    jl_geo__field_exact(f, extra_i[i], d, where, &bad);
        }
        rings_add_feature(out, gc, &cap_f, &cap_ring, &cap_v, 0);
    next:
        jl_free(code);
        if (gc)
            OGR_G_DestroyGeometry(gc);
        OGR_F_Destroy(f);
    }
    if (fid == 0)
        jl_diag_add_where(d, _("the layer"), _("expected areas, found no features"));
    if (d->n > errors_before)
        rc = JL_EINPUT;
done:
    jl_strmap_free(seen);
    jl_free(extra_i);
    if (rc < 0)
        jl_geo_rings_dispose(out);
    if (to_sw)
        OCTDestroyCoordinateTransformation(to_sw);
    if (src)
        OSRDestroySpatialReference(src);
    if (sw)
        OSRDestroySpatialReference(sw);
    GDALClose(ds);
    return rc;
}

int jl_geo_rings_simplified(jl_geo_rings *out, const unsigned char *const *wkb, const size_t *len,
                            size_t n, double tol, jl_err *err)
{
    OGRSpatialReferenceH wgs, sw;
    OGRCoordinateTransformationH to_sw;
    size_t i, cap_f = 0, cap_ring = 0, cap_v = 0;
    int rc = JL_OK;

    jl_geo__init();
    memset(out, 0, sizeof *out);
    wgs = jl_geo__srs_epsg(4326);
    sw = jl_geo__srs_epsg(3006);
    to_sw = OCTNewCoordinateTransformation(wgs, sw);
    snprintf(out->crs, sizeof out->crs, "EPSG:3006");
    for (i = 0; i < n; i++) {
        OGRGeometryH g = NULL;

        if (OGR_G_CreateFromWkbEx(wkb[i], NULL, &g, len[i]) != OGRERR_NONE || !g ||
            OGR_G_Transform(g, to_sw) != OGRERR_NONE) {
            if (g)
                OGR_G_DestroyGeometry(g);
            rc = jl_err_set(err, JL_ESTORE, _("a stored geometry cannot be read (area %zu)"),
                            i + 1);
            break;
        }
        if (tol > 0) {
            /* GEOS's topology-preserving Douglas-Peucker: a ring keeps
             * enough vertices to stay a valid polygon, so no small area
             * vanishes from a map. Each area is simplified alone, so the
             * two sides of a shared border may differ by up to tol. */
            OGRGeometryH s = OGR_G_SimplifyPreserveTopology(g, tol);

            if (s) {
                OGR_G_DestroyGeometry(g);
                g = s;
            }
        }
        rings_add_feature(out, g, &cap_f, &cap_ring, &cap_v, tol >= 0);
        OGR_G_DestroyGeometry(g);
    }
    if (rc < 0)
        jl_geo_rings_dispose(out);
    OCTDestroyCoordinateTransformation(to_sw);
    OSRDestroySpatialReference(wgs);
    OSRDestroySpatialReference(sw);
    return rc;
}

int jl_geo_rings_from_wkb(jl_geo_rings *out, const unsigned char *const *wkb, const size_t *len,
                          size_t n, jl_err *err)
{
    return jl_geo_rings_simplified(out, wkb, len, n, -1, err);
}
