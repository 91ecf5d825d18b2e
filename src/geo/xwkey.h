/*
 * Crosswalk key tables: CSV with a from-code and a to-code per row, each
 * from-area lying wholly in one to-area (SCB's DeSO -> RegSO keys; jamlik
 * areas crosswalk import). A reader over text in memory, so that its
 * fuzzer (fuzz/fuzz_xwkey.c) reaches everything the command does.
 *
 * A table that would store no pairs is refused: importing it replaces
 * the stored crosswalk, and nothing in its place would silently unlink
 * every area.
 */
#ifndef JL_GEO_XWKEY_H
#define JL_GEO_XWKEY_H

#include <stddef.h>

#include "core/err.h"
#include "core/strmap.h"

typedef struct jl_xwkey {
    size_t n;
    char **from, **to; /* n pairs, in file order, owned */
    size_t skipped;    /* rows to areas not in known (only_known) */
} jl_xwkey;

/* Reads text (len bytes of UTF-8, borrowed; name for messages) with the
 * columns from_field and to_field. known, if not NULL, holds the codes of
 * the to-division to_div: a to-code outside it is refused, or with
 * only_known skipped and counted. Each from-code once and codes not empty
 * and at most JL_MAX_CODE bytes. On failure *out holds nothing. */
int jl_xwkey_parse(jl_xwkey *out, const char *text, size_t len, const char *name,
                   const char *from_field, const char *to_field, const jl_strmap *known,
                   const char *to_div, int only_known, jl_err *err);
void jl_xwkey_dispose(jl_xwkey *k);

#endif
