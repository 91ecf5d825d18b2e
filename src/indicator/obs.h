/*
 * Observations of indicators from files: wide CSV (one column per
 * indicator and period, as SCB's exports; a mapping file names each
 * column) and long CSV (one row per indicator, area, period). Values keep
 * SCB's symbols as statuses: ".." missing, "." not applicable, "-" zero;
 * an empty cell is missing. Every reader checks the whole file and stops
 * at the first fault with FILE:LINE:COL (JSON: FILE: PATH); nothing is
 * stored here. Codes are held to the limits of core/limits.h where they
 * are read: ids to JL_MAX_ID, area codes, category codes and breakdowns
 * to JL_MAX_CODE, cubes to JL_MAX_JSON_DIMS and JL_MAX_CUBE_CELLS.
 *
 * Each reader of a path has a twin over bytes in memory (_mem), for the
 * fuzzers (fuzz/) and for callers that have the bytes already.
 */
#ifndef JL_INDICATOR_OBS_H
#define JL_INDICATOR_OBS_H

#include <stddef.h>

#include "core/err.h"
#include "store/store.h"

typedef struct jl_obs_set {
    jl_store_obs *o;
    size_t n, cap;
    void *arena; /* owns the strings */
} jl_obs_set;

void jl_obs_set_dispose(jl_obs_set *s);

/* Bytes in memory standing for a file: name is used in messages. */
typedef struct jl_obs_text {
    const char *name;
    const char *data;
    size_t len;
} jl_obs_text;

/* A cell's value: a number (decimal point or comma), or SCB's symbols.
 * Returns 0 with *v and *status, or -1 if s is none of them. */
int jl_obs_value(double *v, const char **status, const char *s);
/* 1 if s is a period in SCB's forms: 2022, 2024M01, 2024K1. */
int jl_period_valid(const char *s);

/* What the reader may import: 1 a defined indicator, 2 a derived one (its
 * parts are imported instead), 0 unknown. */
typedef int (*jl_ind_lookup)(void *ctx, const char *id);

/* Long CSV: columns indicator, area, period, value, and optionally sex
 * (T, K, M; default T), breakdown, status. */
int jl_obs_read_long(jl_obs_set *out, const char *path, const char *division, jl_ind_lookup look,
                     void *ctx, jl_err *err);
int jl_obs_read_long_mem(jl_obs_set *out, const jl_obs_text *in, const char *division,
                         jl_ind_lookup look, void *ctx, jl_err *err);

/* Wide CSV with a mapping file (docs/indicator-format.md):
 *     area: deso
 *     skip: kommun_kod kommun_namn
 *     period: 2022
 *     column: folkmangd_{period} = folkmangd
 *     column: folkmangd_2023 = folkmangd 2023
 * Every column of the file is the area column, skipped or mapped; every
 * mapping line matches a column. */
int jl_obs_read_wide(jl_obs_set *out, const char *path, const char *division, const char *map,
                     jl_ind_lookup look, void *ctx, jl_err *err);
int jl_obs_read_wide_mem(jl_obs_set *out, const jl_obs_text *in, const jl_obs_text *map,
                         const char *division, jl_ind_lookup look, void *ctx, jl_err *err);

/* SCB PxWeb responses: JSON-stat 2.0 datasets (PxWebApi 2, and v1's
 * "json-stat2") and PxWeb v1's own "json" shape (columns + data). The
 * region dimension gives the area (role "geo", else "Region"), the time
 * dimension the period (role "time", else "Tid"), "Kon" the sex (1 M,
 * 2 K, 1+2 or TotSa T) and the content dimension (role "metric", else
 * "ContentsCode") the indicator: each content code is mapped by
 * "content: CODE = ID" in map (NULL: the codes are indicator ids).
 * select ("Alder=0,InrikesUtrikes=83") keeps one code of a dimension;
 * other dimensions of more than one code become the breakdown. */
int jl_obs_read_jsonstat(jl_obs_set *out, const char *path, const char *division, const char *map,
                         const char *select, jl_ind_lookup look, void *ctx, jl_err *err);
/* map may be NULL. */
int jl_obs_read_jsonstat_mem(jl_obs_set *out, const jl_obs_text *in, const jl_obs_text *map,
                             const char *division, const char *select, jl_ind_lookup look,
                             void *ctx, jl_err *err);

/* Kolada (RKA) API responses, v2 and v3: {"values": [{"kpi", "municipality"
 * (or "ou"), "period", "values": [{"gender" T|K|M, "value", "status",
 * "count", v3's "isdeleted"}]}]}. A null value is missing; withdrawn
 * (isdeleted) values are left out. map: "kpi: N00945 = ID" per KPI. */
int jl_obs_read_kolada(jl_obs_set *out, const char *path, const char *division, const char *map,
                       jl_ind_lookup look, void *ctx, jl_err *err);
/* map may be NULL. */
int jl_obs_read_kolada_mem(jl_obs_set *out, const jl_obs_text *in, const jl_obs_text *map,
                           const char *division, jl_ind_lookup look, void *ctx, jl_err *err);

#endif
