/*
 * Local cut-offs derived from a reference wave: percentiles of its scores
 * (R's quantile type 7) stored as the set "derived:WAVE", each with how
 * uncertain it is — the distribution-free 95 % interval of the percentile
 * from order statistics (stats/quantile.h) — and whether the wave is too
 * small for the percentile asked for.
 */
#ifndef JL_VIEW_CUTOFFS_H
#define JL_VIEW_CUTOFFS_H

#include <stddef.h>

#include "core/err.h"
#include "core/limits.h"
#include "store/store.h"

/* Fewer scores than this on the smaller side of a cut-off (above a p90,
 * below a p15) make it rest on a handful of answers: a warning, in the
 * spirit of the small-group rule of a profile. */
#define JL_CUTOFF_MIN_BEYOND 10

typedef struct jl_cutoffs_derive_req {
    const char *instrument, *wave;
    const double *risk, *protective; /* percentiles in (0, 100) */
    size_t nrisk, nprotective;       /* each 1..JL_MAX_CUTOFFS_SCALE */
    double level;                    /* of the interval, 0.95 */
} jl_cutoffs_derive_req;

/* Why a derived cut-off is uncertain: codes, worded by the face. */
enum {
    JL_CUTOFF_OK = 0,
    JL_CUTOFF_FEW_BEYOND = 1, /* fewer than JL_CUTOFF_MIN_BEYOND on the smaller side */
    JL_CUTOFF_UNBOUNDED = 2,  /* the interval has an open side */
};

typedef struct jl_cutoff_derived {
    char scale[JL_MAX_ID + 1], name[32];
    double pct, value, ci_low, ci_high; /* ci_*: NaN on an open side */
    double coverage;                    /* of [ci_low, ci_high], >= level */
    double norm_pct;
    size_t n, beyond; /* scores, and those on the smaller side of the cut-off */
    int headline, warn; /* warn: JL_CUTOFF_* bits */
} jl_cutoff_derived;

typedef struct jl_cutoffs_derived {
    char set[JL_MAX_CODE + 16]; /* "derived:" and the wave's name */
    int synthetic;
    size_t n;
    jl_cutoff_derived *c; /* owned */
} jl_cutoffs_derived;

/* Derives and stores the set in one transaction (the old set of the same
 * name is replaced); on error nothing is stored and *out is empty. */
int jl_view_cutoffs_derive(jl_cutoffs_derived *out, jl_store *st, const jl_cutoffs_derive_req *req,
                           jl_err *err);
void jl_cutoffs_derived_dispose(jl_cutoffs_derived *d);

#endif
