/*
 * What the spatial views' own files (spatial.c, segregation.c) share:
 * reading shapes from a layer or the store, and weights over any list of
 * codes. Not for callers: they include view/spatial.h or
 * view/segregation.h.
 */
#ifndef JL_VIEW_SPATIAL_INT_H
#define JL_VIEW_SPATIAL_INT_H

#include "view/spatial.h"

/* An indicator's values per area of div at period: through fn (with ctx)
 * when the caller passed one, else the indicator view
 * (jl_view_indicator_values). */
int jl_view_sp_indicator_values(jl_area_values *out, jl_store *st, jl_view_indicator_fn fn,
                                void *ctx, const char *id, const char *div, const char *period,
                                jl_err *err);

/* 1 if path ends in ext, whatever its case. */
int jl_view_sp_has_ext(const char *path, const char *ext);

/* A layer's rings with the fields cols (geo/ogr.h). If its features are
 * refused, the first problem goes into err and, with diag, every problem
 * into *diag. */
int jl_view_sp_read_rings(jl_geo_rings *r, const char *path, const char *id,
                          const char *const *cols, size_t ncol, int planar, const char *crs,
                          jl_diag *diag, jl_err *err);

/* The stored shapes of codes (n) of division div, in SWEREF 99 TM, for
 * those that have one: (*keep)[k] is the position in codes of ring
 * feature k (ascending; the caller frees it, whatever the outcome).
 * Refuses when none has a shape. */
int jl_view_sp_db_rings(jl_geo_rings *out, size_t **keep, jl_store *st, const char *div,
                        char *const *codes, size_t n, jl_err *err);

/* Links as CSV from,to[,weight] between codes (geo/wfile.c). With
 * dropped, a link to a code not among them is skipped and counted; without,
 * it is an error at its line and column. */
int jl_view_sp_weights_file(jl_spw *w, char *const *codes, size_t n, const char *path,
                            size_t *dropped, jl_err *err);

/* jl_view_sp_weights_build over n areas with codes and, if rings is not
 * NULL, their shapes (feature i is area i). */
int jl_view_sp_weights_rings(jl_view_sp_weights *out, const jl_geo_rings *rings,
                             char *const *codes, size_t n, const jl_view_sp_wspec *ws,
                             jl_err *err);

#endif
