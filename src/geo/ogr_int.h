/*
 * Inside geo/: what the files of the GDAL module share (SQLite's split:
 * geo/ogr.h for callers, this for ogr.c, rings.c and check.c). Nothing
 * outside src/geo/ includes it.
 *
 * check.c holds the checks of what GDAL hands over before jamlik keeps
 * any of it (issue 15): a CRS GDAL silently replaced, rings that are not
 * rings, text that is not UTF-8, and GDAL's own messages cleaned of its
 * configuration hints.
 */
#ifndef JL_GEO_OGR_INT_H
#define JL_GEO_OGR_INT_H

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/err.h"
#include "geo/ogr.h"

/* GDALAllRegister and a quiet error handler, once per process. */
void jl_geo__init(void);

/* An EPSG CRS with longitude (easting) first, as in GeoJSON. */
OGRSpatialReferenceH jl_geo__srs_epsg(int code);

/* GDAL's last error message, for a person: its sentences that tell how to
 * set a GDAL configuration option are left out (they name settings a
 * jamlik user cannot reach), and an empty message becomes "GDAL gives no
 * reason". */
void jl_geo__gdal_msg(char *buf, size_t len);

/* Opens path's first layer and finds the code field (named, or guessed)
 * and the extra fields, which must exist. fields receives the layer's
 * field list for messages. On failure nothing stays open. */
int jl_geo__open_layer(const char *path, const jl_geo_opts *o, GDALDatasetH *ds,
                       OGRLayerH *layer, int *code_i, int **extra_i, char *fields, size_t flen,
                       jl_err *err);

/* The CRS: as the caller says, else as the layer says, checked against
 * what the file holds (jl_geo__srs_check). A layer without one is
 * refused with missing. */
int jl_geo__layer_srs(OGRSpatialReferenceH *src, GDALDatasetH ds, OGRLayerH layer,
                      const char *path, const char *crs, const char *missing, jl_err *err);

/* Refuses a CRS GDAL could not read but went on without: a GeoJSON "crs"
 * member PROJ does not know (GDAL then reads the layer as WGS 84) and a
 * Shapefile's .prj it cannot parse (GDAL then reports no CRS). */
int jl_geo__srs_check(GDALDatasetH ds, OGRLayerH layer, const char *path, jl_err *err);

/* g as a 2D copy when it is a Polygon or MultiPolygon with something in
 * it and every ring a closed ring of finite points; otherwise NULL, and
 * the problem goes to d at where. */
OGRGeometryH jl_geo__polygon_2d(OGRGeometryH g, jl_diag *d, const char *where);

/* Field idx of f as trimmed text, or NULL when unset or blank. Text that
 * is not UTF-8 is refused into d (at where, naming the field) and *bad is
 * set; GDAL passes a GeoJSON's bytes through as they are. */
char *jl_geo__field(OGRFeatureH f, int idx, jl_diag *d, const char *where, int *bad);
/* The same with real numbers written to the last bit (GDAL's own text
 * of a double keeps 15 digits). */
char *jl_geo__field_exact(OGRFeatureH f, int idx, jl_diag *d, const char *where, int *bad);

/* "feature N (code C)" into where, or "feature N" when the code is
 * missing or not UTF-8 (a message must stay UTF-8 text). */
void jl_geo__where(char *where, size_t len, long fid, const char *code);

/* Refuses into d a code over JL_MAX_CODE bytes or a name over
 * JL_MAX_NAME: keys and names stored for people to read. */
int jl_geo__limits(jl_diag *d, const char *where, const char *code, const char *name);

#endif
