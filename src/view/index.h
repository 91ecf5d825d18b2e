/*
 * A composite index of living conditions over the areas of a division
 * (docs/composite-index.md): indicators resolved for the division
 * (view/indicator.h), standardised over the areas that have every one,
 * turned so that higher is better, weighted and averaged, and the areas
 * typed by quantile of the index. Built, then stored as two indicators,
 * NAME and NAME_typ. The result is the caller's: free it with
 * jl_view_index_dispose.
 */
#ifndef JL_VIEW_INDEX_H
#define JL_VIEW_INDEX_H

#include <stddef.h>

#include "core/err.h"
#include "core/limits.h"
#include "store/store.h"

typedef struct jl_view_index_req {
    const char *name; /* the index's id; NAME_typ is stored beside it */
    const char *division;
    const char *period; /* NULL: each indicator's latest, the first one's is the index's */
    const char *from;   /* "IND[*W],...": a weight's sign turns an indicator without a
                         * better direction */
    long ntypes;        /* 2 to 10 */
    const char *municipality; /* a kommunkod or name: only its areas; NULL: all */
    /* The words stored with the two indicators, in the builder's language
     * (the face's): the index's unit and note, the types' name and unit.
     * NULL: the English words. */
    const char *unit, *note, *type_name, *type_unit;
} jl_view_index_req;

typedef struct jl_view_index {
    char typ_id[JL_MAX_ID + 8]; /* NAME_typ */
    char period[32];
    char source[1024]; /* "jamlik index build: IND*W ...", as stored */
    size_t n;          /* areas with every indicator, in the first one's order */
    char **code, **name; /* name "" when the division has none */
    double *value;     /* the index, in standard deviations */
    int *type;         /* 1 the lowest (the greatest challenges) to ntypes */
} jl_view_index;

/* Builds the index, refusing a name that would replace anything but an
 * earlier index. */
int jl_view_index_build(jl_view_index *out, jl_store *st, const jl_view_index_req *rq,
                        jl_err *err);
/* Stores ix as indicators rq->name and ix->typ_id, in one transaction. */
int jl_view_index_save(jl_store *st, const jl_view_index_req *rq, const jl_view_index *ix,
                       jl_err *err);
void jl_view_index_dispose(jl_view_index *ix);

#endif
