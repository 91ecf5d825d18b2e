/*
 * What the readers of observations share: obs.c (CSV), json.c (JSON-stat
 * and PxWeb) and kolada.c. Not for other callers.
 */
#ifndef JL_INDICATOR_OBS_INT_H
#define JL_INDICATOR_OBS_INT_H

#include <jansson.h>
#include <stddef.h>

#include "core/err.h"
#include "core/strmap.h"
#include "indicator/obs.h"

/* One observation into the set (its strings copied), with a duplicate
 * check on its key. line 0: an input without lines (JSON). */
int jl_obs_add(jl_obs_set *out, jl_strmap *keys, const jl_store_obs *o, const char *path,
               long line, long col, jl_err *err);

/* A --map file of the JSON readers: "content: CODE = ID" (or "kpi:"),
 * "area: CODE". */
typedef struct jl_obs_jmap {
    char **to;        /* the indicator of each code */
    size_t n, cap;
    jl_strmap *ix;    /* code -> index into to */
    char *area_const; /* "area: CODE" when the data has no region */
} jl_obs_jmap;

/* Parses map (NULL: an empty map). */
int jl_obs_jmap_parse(jl_obs_jmap *m, const jl_obs_text *map, jl_err *err);
void jl_obs_jmap_dispose(jl_obs_jmap *m);
/* The indicator id a code maps to, or the code itself. */
const char *jl_obs_jmap_content(const jl_obs_jmap *m, const char *code);

/* Parses the JSON of in (UTF-8; duplicate keys refused): FILE:LINE:COL on
 * a syntax error. */
int jl_obs_json_parse(json_t **root, const jl_obs_text *in, jl_err *err);
/* Puts "WHERE: " before err's message (a JSON path, a cell), returns its
 * code. */
int jl_obs_json_where(jl_err *err, const char *where);
/* The JSON type of x in words, for "found ...": a string is quoted. */
const char *jl_obs_json_found(char *buf, size_t len, json_t *x);

/* Loads path into in (data to jl_free); used by the path readers. */
int jl_obs_load(jl_obs_text *in, char **data, const char *path, jl_err *err);

/* The part of a JSON reader that differs (JSON-stat/PxWeb, Kolada): fills
 * out from root, named name in messages, through the map m. */
typedef int (*jl_obs_json_body)(jl_obs_set *out, json_t *root, const char *name,
                                const jl_obs_jmap *m, void *ctx, jl_err *err);
/* What every JSON reader does around its body: the set's arena, the map
 * (NULL: none), the JSON, the body, and "expected observations, found
 * none" when it added none; on a refusal out holds nothing. */
int jl_obs_json_read(jl_obs_set *out, const jl_obs_text *in, const jl_obs_text *map,
                     jl_obs_json_body body, void *ctx, jl_err *err);
/* The same over files: the map is read first, its faults being the
 * user's first to fix. */
int jl_obs_json_read_path(jl_obs_set *out, const char *path, const char *map,
                          jl_obs_json_body body, void *ctx, jl_err *err);

#endif
