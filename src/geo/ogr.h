/*
 * Geometry through GDAL/OGR (and GEOS for the reason a polygon is
 * invalid), behind one file: reading area layers (GeoJSON, GeoPackage,
 * Shapefile, anything OGR reads) in any CRS, keeping WGS 84 for display
 * and measuring in SWEREF 99 TM (EPSG:3006): areas, interior points,
 * envelopes and overlaps.
 *
 * Geometries leave this module only as WKB (little-endian, 2D) in WGS 84
 * longitude/latitude order, so nothing else in jamlik sees a GDAL type.
 */
#ifndef JL_GEO_OGR_H
#define JL_GEO_OGR_H

#include <stddef.h>

#include "core/diag.h"
#include "core/err.h"

typedef struct jl_geo_opts {
    const char *code_field;   /* NULL: the first known code field present */
    const char *name_field;   /* NULL: the first known name field, else the code */
    const char *parent_field; /* NULL: no parent */
    const char *crs;          /* assign this CRS ("EPSG:3006") to a layer */
    int repair;               /* make invalid geometries valid (GEOS) */
    const char *const *extra; /* more fields to read as text (must exist) */
    size_t nextra;
} jl_geo_opts;

typedef struct jl_geo_feature {
    long fid;                 /* 1-based position in the file */
    char *code, *name, *parent;
    unsigned char *wkb;       /* WGS 84 (lon, lat), 2D */
    size_t wkb_len;
    double area_m2;           /* area in EPSG:3006 */
    double ipt_lon, ipt_lat;  /* a point inside the area, WGS 84 */
    double env[4];            /* envelope in EPSG:3006: minx, miny, maxx, maxy */
    char *repaired;           /* NULL, or why it was invalid before repair */
    char **extra;             /* nextra values (NULL when unset) */
} jl_geo_feature;

typedef struct jl_geo_layer {
    jl_geo_feature *f;
    size_t n;
    char crs[96];    /* the source CRS as read ("EPSG:4326") */
    char driver[32]; /* GDAL's driver name */
    size_t nrepaired;
    size_t nextra;
} jl_geo_layer;

/* Reads the first layer of path. Problems of single features (invalid or
 * wrong geometry, missing or duplicate codes) all go to d as "FILE:
 * feature N (code C): error: ..."; with any, returns JL_EINPUT and nothing.
 * With o->repair, invalid geometries are made valid and each repair is
 * noted in *out (f[i].repaired says what was wrong). */
int jl_geo_read(jl_geo_layer *out, const char *path, const jl_geo_opts *o, jl_diag *d,
                jl_err *err);
void jl_geo_layer_dispose(jl_geo_layer *l);

/* Area of the overlap of two WGS 84 WKB geometries, measured in EPSG:3006
 * (square metres); 0 when they only touch. */
typedef struct jl_geo_overlay jl_geo_overlay;
jl_geo_overlay *jl_geo_overlay_new(void);
void jl_geo_overlay_free(jl_geo_overlay *ov);
/* Adds a geometry to the overlay's list a (0), b (1) or the weighting
 * units (2); returns its index. */
size_t jl_geo_overlay_add(jl_geo_overlay *ov, int list, const unsigned char *wkb, size_t len);
/* For every pair (i in a, j in b) whose envelopes meet and whose overlap
 * has positive area, calls cb(ctx, i, j, area_m2). */
int jl_geo_overlay_run(jl_geo_overlay *ov, void (*cb)(void *ctx, size_t i, size_t j, double area),
                       void *ctx, jl_err *err);

/* For every pair (i in a, j in b) whose overlap has positive area, calls
 * cb(ctx, i, j, w) with w the weight of the units of list 2 in the
 * overlap: the sum of weight[k] times the share of unit k's area that lies
 * in it (a unit's weight, a population, spread evenly over its area). */
int jl_geo_overlay_weighted(jl_geo_overlay *ov, const double *weight,
                            void (*cb)(void *ctx, size_t i, size_t j, double w), void *ctx,
                            jl_err *err);

/* Polygons as flat rings, for spatial weights: coordinates in EPSG:3006
 * metres, or with planar in the layer's own units (no CRS needed, none
 * used). Feature i's rings are fring[i] .. fring[i+1]-1, ring r's
 * vertices xy[2*roff[r]] .. (closing vertex included, in the file's
 * order: spdep's rule counts them). cxy: each feature's centroid (GEOS),
 * the point its distances are measured from. */
typedef struct jl_geo_rings {
    size_t n, nring, nv;
    char **code;    /* n */
    char **extra;   /* n * nextra values, row by row (NULL when unset) */
    size_t nextra;
    size_t *fring;  /* n + 1 */
    size_t *roff;   /* nring + 1 */
    double *xy;     /* 2 nv */
    double *cxy;    /* 2 n */
    char crs[96];
} jl_geo_rings;

int jl_geo_read_rings(jl_geo_rings *out, const char *path, const jl_geo_opts *o, int planar,
                      jl_diag *d, jl_err *err);
/* From stored WGS 84 WKB (areas in the database), into EPSG:3006. */
int jl_geo_rings_from_wkb(jl_geo_rings *out, const unsigned char *const *wkb, const size_t *len,
                          size_t n, jl_err *err);
/* The same for a map on a screen: each area simplified with tolerance tol
 * metres (0: as stored), cxy a point on its surface (inside it, where a
 * label goes) instead of the centroid. */
int jl_geo_rings_simplified(jl_geo_rings *out, const unsigned char *const *wkb, const size_t *len,
                            size_t n, double tol, jl_err *err);
void jl_geo_rings_dispose(jl_geo_rings *r);

#endif
