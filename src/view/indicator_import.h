/*
 * Defining indicators and importing their observations into the store:
 * what `indicator define`, `indicator import` and the demo do, as
 * functions over a store with a typed request and a report. Each reads
 * and checks its whole input first and writes in one transaction.
 */
#ifndef JL_VIEW_INDICATOR_IMPORT_H
#define JL_VIEW_INDICATOR_IMPORT_H

#include <stddef.h>

#include "core/diag.h"
#include "core/err.h"
#include "core/limits.h"
#include "store/store.h"

/* Reads the indicator definitions of path (docs/indicator-format.md) and
 * stores them, replacing those of the same ids. A formula may use only
 * indicators defined here or in the store, and an indicator that stored
 * formulas use must stay one without a formula. Problems go to d
 * (JL_EINPUT, d->n > 0, nothing stored). *n: how many were defined. */
int jl_indicators_define(size_t *n, jl_store *st, const char *path, jl_diag *d, jl_err *err);

typedef enum {
    JL_OBS_WIDE = 0, /* CSV, a column per indicator and period, with a map file */
    JL_OBS_LONG,     /* CSV, a row per observation */
    JL_OBS_JSONSTAT, /* SCB PxWeb JSON-stat 2.0 */
    JL_OBS_KOLADA    /* Kolada API v3 */
} jl_obs_format;

typedef struct jl_obs_import_req {
    const char *path;
    jl_obs_format as;
    const char *division;
    const char *map;    /* wide: required; jsonstat and kolada: optional */
    const char *select; /* jsonstat: DIM=CODE,... or NULL */
} jl_obs_import_req;

#define JL_OBS_LISTED 15 /* unknown codes named in the report */

typedef struct jl_obs_import_report {
    size_t n;                /* observations stored */
    size_t nstatus[4];       /* ok, missing, suppressed, not applicable */
    size_t unknown;          /* area codes the division does not know (kept) */
    char listed[JL_OBS_LISTED * (JL_MAX_CODE + 1) + 1]; /* the first of them, space-separated */
} jl_obs_import_report;

/* Reads req->path and stores its observations in division req->division
 * (created as a name if it does not exist). Codes the division does not
 * know are kept and counted. */
int jl_obs_import(jl_obs_import_report *rep, jl_store *st, const jl_obs_import_req *req,
                  jl_err *err);

#endif
