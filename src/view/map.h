/*
 * A division's areas as a map for a screen (issue 19): the stored WGS 84
 * shapes projected to SWEREF 99 TM (EPSG:3006, Sweden's own transverse
 * Mercator: metres east and north, so a plain scale is the projection),
 * simplified by GEOS with a tolerance in screen units, and written as SVG
 * path data in a box of the width asked for. Geometry only: the faces
 * colour it with values they get from releases or indicators.
 *
 * Also the class breaks of a choropleth and how many pairs of areas in
 * different classes have intervals that overlap, so that every face
 * classes values the same way and says when colours rank areas whose
 * differences are within the margin of error.
 *
 * Results are the caller's: jl_view_map_dispose (also after a failed
 * load, which leaves it empty).
 */
#ifndef JL_VIEW_MAP_H
#define JL_VIEW_MAP_H

#include <stddef.h>

#include "core/err.h"
#include "store/store.h"

typedef struct jl_view_map_area {
    char *code, *name; /* name "" when none is stored */
    char *path;        /* "M x y L x y ... Z" per ring, in the map's units */
    double lx, ly;     /* a point inside the area for a label; NaN when none */
    double size;       /* the area's bounding box on the map, smaller side, in map units */
} jl_view_map_area;

typedef struct jl_view_map {
    double width, height; /* the map's box; y grows downwards */
    jl_view_map_area *a;  /* the areas with a shape, by code */
    size_t n;
    size_t nv;            /* vertices drawn, after simplification */
} jl_view_map;

/* The map of division width units wide, its shapes simplified so that no
 * vertex moves more than tol units (0.5-1 is invisible on a screen).
 * JL_ENOTFOUND when no area of division has a shape. */
int jl_view_map_load(jl_view_map *out, jl_store *st, const char *division, double width,
                     double tol, jl_err *err);
void jl_view_map_dispose(jl_view_map *m);

/* The index of area code in m, or -1. */
long jl_view_map_find(const jl_view_map *m, const char *code);

/* Class breaks for n values (NaN ones skipped): equal steps of a round
 * size (1, 2, 2.5 or 5 times a power of ten) from a multiple of the step
 * below the smallest value, so that each colour means the same range
 * whatever the areas and a legend reads "10-15 %"; at most maxcls
 * classes (at least 1). Writes ncls + 1 edges into br (room for
 * maxcls + 1) and returns ncls; 0 when no value is finite. Equal steps
 * rather than quantiles: quantiles put areas with near-equal shares in
 * different colours, which overstates differences within the margin of
 * error. */
size_t jl_map_breaks(double *br, size_t maxcls, const double *v, size_t n);

/* The class (0 .. ncls-1) of v under breaks br, or -1 for NaN. */
int jl_map_class(const double *br, size_t ncls, double v);

/* Of the pairs of areas in different classes (cls >= 0), how many have
 * 95 % intervals [lo, hi] that overlap; *npairs the pairs compared. */
size_t jl_map_overlaps(const double *lo, const double *hi, const int *cls, size_t n,
                       size_t *npairs);

#endif
