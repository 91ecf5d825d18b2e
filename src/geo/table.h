/*
 * A table of one row per area, as CSV: a column of area codes and
 * columns of numbers (jamlik weights and autocorr on a CSV with a weights
 * file). A reader over text in memory, so that its fuzzer
 * (fuzz/fuzz_table.c) reaches everything the commands do.
 *
 * Each code once and not empty, at most JL_MAX_CODE bytes; every value a
 * finite number. Refusals name the file, line and column.
 */
#ifndef JL_GEO_TABLE_H
#define JL_GEO_TABLE_H

#include <stddef.h>

#include "core/err.h"

typedef struct jl_geo_table {
    size_t n, ncol;
    char **codes; /* n, owned */
    double *val;  /* n * ncol, row by row */
} jl_geo_table;

/* Reads text (len bytes of UTF-8, borrowed; name for messages): the codes
 * of column id and the numbers of columns cols[0..ncol-1]. On failure
 * *out holds nothing. */
int jl_geo_table_parse(jl_geo_table *out, const char *text, size_t len, const char *name,
                       const char *id, const char *const *cols, size_t ncol, jl_err *err);
void jl_geo_table_dispose(jl_geo_table *t);

#endif
