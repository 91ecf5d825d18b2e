/*
 * A crosswalk between two divisions by overlay: each area of the one (from)
 * split over the areas of the other (to) by the share of its area, or of
 * its population, that lies in each, and stored. What `areas crosswalk`
 * and the demo do, as a function over the store.
 */
#ifndef JL_VIEW_CROSSWALK_H
#define JL_VIEW_CROSSWALK_H

#include <stddef.h>

#include "core/err.h"
#include "store/store.h"

typedef struct jl_xw_req {
    const char *from, *to;   /* divisions with geometry */
    int by_population;       /* weights by population instead of area */
    const char *population;  /* by population: an indicator counting people */
    const char *via;         /* ... observed in this finer division */
    const char *period;      /* ... at this period, NULL: the latest */
    const char *source;      /* stored with each pair: the face's words for the method */
} jl_xw_req;

typedef struct jl_xw_result {
    size_t n;                /* pairs kept (stored) */
    char **from, **to;       /* their codes */
    double *w;               /* their weights: each from-area's sum to 1 */
    size_t nfrom;            /* areas of the from-division */
    size_t partial;          /* of them, less than 99 % inside the to-division */
    size_t nzero;            /* by population: from-areas with none, kept by area */
} jl_xw_result;

/* Overlays req->from on req->to, weighs and stores the crosswalk,
 * replacing the stored one, in one transaction. Overlaps below 0.1 % of a
 * from-area are slivers of generalised boundaries and left out. */
int jl_crosswalk_overlay(jl_xw_result *out, jl_store *st, const jl_xw_req *req, jl_err *err);
void jl_xw_result_dispose(jl_xw_result *r);

#endif
