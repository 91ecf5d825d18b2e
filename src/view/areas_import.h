/*
 * Importing areas and crosswalks into the store: what `areas import`,
 * `areas crosswalk import` and the demo do, as functions over a store
 * with a typed request and a report. Each reads and checks all of its
 * input before it writes, and writes in one transaction: a refused or
 * failed import leaves the store as it was. No text: problems of single
 * features go to a jl_diag, the rest to jl_err; the face words the
 * report.
 */
#ifndef JL_VIEW_AREAS_IMPORT_H
#define JL_VIEW_AREAS_IMPORT_H

#include <stddef.h>

#include "core/diag.h"
#include "core/err.h"
#include "geo/ogr.h"
#include "store/store.h"

typedef struct jl_areas_import_req {
    const char *path;        /* the layer file */
    jl_store_division dv;    /* the division it becomes (dv.source: the file) */
    jl_geo_opts geo;         /* fields, CRS, repair */
} jl_areas_import_req;

/* Reads req->path and stores its features as division req->dv, replacing
 * it. With dv.parent, the parent division must exist, must not lie below
 * dv.id, and every feature's parent code must be one of its areas.
 * Problems of features go to d (JL_EINPUT, d->n > 0, nothing stored). On
 * success *layer holds what was stored (free with jl_geo_layer_dispose):
 * the face reports its size, driver, CRS and repairs. */
int jl_areas_import(jl_geo_layer *layer, jl_store *st, const jl_areas_import_req *req,
                    jl_diag *d, jl_err *err);

/* Stores layer as division dv, replacing it, in one transaction. */
int jl_areas_store_layer(jl_store *st, const jl_store_division *dv, const jl_geo_layer *layer,
                         jl_err *err);

typedef struct jl_xwkey_req {
    const char *path;               /* the key table (CSV) */
    const char *from, *to;          /* divisions */
    const char *from_field, *to_field;
    int only_known;                 /* skip rows to areas not in to, instead of refusing */
    const char *source;             /* stored with each pair: where they came from */
} jl_xwkey_req;

typedef struct jl_xwkey_report {
    size_t n;       /* pairs stored */
    size_t skipped; /* rows to areas not in the to-division */
} jl_xwkey_report;

/* Stores a key table such as SCB's DeSO -> RegSO as the crosswalk from ->
 * to, each row one from-area wholly in one to-area (weight 1), replacing
 * the stored one. The to-division must exist with every code the table
 * names; the from-division is created as a name if it has no areas. */
int jl_crosswalk_key_import(jl_xwkey_report *rep, jl_store *st, const jl_xwkey_req *req,
                            jl_err *err);

/* JL_ENOTFOUND unless division id exists (message: the fact). */
int jl_areas_need_division(jl_store *st, const char *id, jl_err *err);

#endif
