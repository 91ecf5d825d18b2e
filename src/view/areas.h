/*
 * Views of areas and divisions that every face needs: named groups of
 * areas, and the walk up the divisions' parent links. Functions over a
 * jl_store that return data: no command line, no output (issue 16's view
 * layer).
 */
#ifndef JL_VIEW_AREAS_H
#define JL_VIEW_AREAS_H

#include <stddef.h>

#include "core/err.h"
#include "core/strmap.h"
#include "store/store.h"

/* The member codes of area group name as a map (the caller's:
 * jl_strmap_free); with division, the group must be of that division. */
/* The codes of division's areas as a set (*out, the caller's: jl_strmap_free,
 * whatever the outcome). */
int jl_view_area_codes(jl_strmap **out, jl_store *st, const char *division, jl_err *err);

int jl_view_group(jl_strmap **members, jl_store *st, const char *name, const char *division,
                  jl_err *err);

/* 1 if walking up the divisions' parent links from lower (itself
 * included) reaches upper within JL_MAX_PARENT_DEPTH steps, else 0. */
int jl_view_division_above(jl_store *st, const char *upper, const char *lower, jl_err *err);

/* When division dst lies above src through the divisions' parent links,
 * maps each area code of src to its area of dst: *map gives the position
 * in *codes (both the caller's: jl_strmap_free, and jl_free each code and
 * the array). With from, *from gets the n areas of src themselves, in the
 * store's order, (*from)[i] lying in (*codes)[i] (the caller's too).
 * Returns 1, or 0 if dst is not above src; JL_ELIMIT past
 * JL_MAX_PARENT_DEPTH levels. */
int jl_view_parent_map(char ***codes, size_t *n, jl_strmap **map, char ***from, jl_store *st,
                       const char *src, const char *dst, jl_err *err);

#endif
