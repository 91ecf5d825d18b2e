/*
 * Weights files: CSV with a header from,to[,weight], one link a row,
 * between the codes of a data set (what jamlik weights --write-weights
 * writes, and what GeoDa and spdep export). A reader over text in memory,
 * so that its fuzzer (fuzz/fuzz_wfile.c) reaches everything the commands
 * do; the commands load the file (core/text.h) and call it.
 *
 * Every refusal names the file, line and column and the area codes (never
 * jamlik's internal positions): an unknown code, a link of an area to
 * itself, a link given twice, a weight that is not a number of 0 or more.
 */
#ifndef JL_GEO_WFILE_H
#define JL_GEO_WFILE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "stats/weights.h"

typedef struct jl_wfile {
    size_t m;            /* links */
    uint32_t *from, *to; /* positions in the caller's codes */
    double *w;           /* m weights, or NULL when the file has no weight column */
    size_t dropped;      /* links skipped because a code is not in the data (drop) */
} jl_wfile;

/* Reads the links of text (len bytes of UTF-8, borrowed; name is for
 * messages) between codes[0..n-1], which are unique. With drop, a link
 * naming a code outside codes is skipped and counted (segregation over a
 * part of the map); without, it is refused at its line and column. On
 * failure *out holds nothing. */
int jl_wfile_parse(jl_wfile *out, const char *text, size_t len, const char *name,
                   const char *const *codes, size_t n, int drop, jl_err *err);
void jl_wfile_dispose(jl_wfile *f);

/* jl_wfile_parse, then the weights (style 'G' with weights, 'B'
 * without; stats/weights.h). *dropped, if not NULL, gets the links
 * skipped (and turns drop on). */
int jl_wfile_weights(jl_spw *w, const char *text, size_t len, const char *name,
                     const char *const *codes, size_t n, size_t *dropped, jl_err *err);

#endif
