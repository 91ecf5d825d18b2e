/*
 * The properties of a GeoJSON FeatureCollection's features, without their
 * geometry: the codes, names and parent links of a city's areas as they
 * come in the published file. Geometry is read through GDAL/OGR
 * (geo/ from the areas issue on); this reader is for the attribute table
 * only, which jansson parses exactly.
 */
#ifndef JL_GEO_PROPS_H
#define JL_GEO_PROPS_H

#include <stddef.h>

#include "core/err.h"

typedef struct jl_geo_props {
    size_t n, nf;  /* features, fields */
    char **v;      /* n x nf values as text; numbers in shortest form */
    void *arena;   /* owns the strings */
} jl_geo_props;

/* Reads the named properties of every feature of the FeatureCollection at
 * path. Every field must be present and not null in every feature: a
 * missing one is "FILE: feature N: expected property "F", found none"
 * (N counts from 1). JSON syntax errors carry line and column. */
int jl_geo_props_read(jl_geo_props *out, const char *path, const char *const *fields, size_t nf,
                      jl_err *err);
void jl_geo_props_dispose(jl_geo_props *p);

/* Value of field f of feature i (borrowed). */
static inline const char *jl_geo_prop(const jl_geo_props *p, size_t i, size_t f)
{
    return p->v[i * p->nf + f];
}

#endif
