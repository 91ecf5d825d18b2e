/*
 * Which municipality (kommun) an area belongs to, so that "the city" an
 * area is compared with is its own municipality and not every area of
 * the database added up: SCB's files carry Göteborg, Malmö and
 * Helsingborg side by side.
 *
 * An area's municipality is the four-digit kommunkod that SCB's area
 * codes begin with (DeSO 1480C1010, RegSO 1480R001), read from the code
 * itself or from an area above it through the parent links (a division
 * of municipalities, 1480, or of DeSO above a finer one). A city's own
 * division (Göteborg's stadsområden 1-4) tells nothing: its areas have
 * the municipality "" and form one city together, as before.
 */
#ifndef JL_VIEW_MUNICIPALITY_H
#define JL_VIEW_MUNICIPALITY_H

#include <stddef.h>

#include "core/err.h"
#include "store/store.h"

#define JL_MUNI_LEN 4

/* The kommunkod an SCB area code (DeSO, RegSO) begins with into out
 * (JL_MUNI_LEN + 1 bytes): 1, or 0 (out "") when code is not one. With
 * bare, a code that is a kommunkod itself (1480) counts too: an area
 * above another one may be a municipality, an area shown never is
 * (its city would be itself). */
int jl_view_muni_code(char *out, const char *code, int bare);

/* The municipality of each of the n codes of division div into
 * muni[i] (JL_MUNI_LEN + 1 bytes each, "" when unknown): the code's own
 * prefix, else that of its area in each division above div. */
int jl_view_muni_of(char (*muni)[JL_MUNI_LEN + 1], jl_store *st, const char *div,
                    char *const *codes, size_t n, jl_err *err);

/* The name of municipality code from an area of that code in a division
 * of the store (a layer of municipalities), into name (len bytes); ""
 * when none has it. */
int jl_view_muni_name(char *name, size_t len, jl_store *st, const char *code, jl_err *err);

#endif
