/*
 * What view/release.c and view/release_store.c share, and nothing else
 * sees.
 */
#ifndef JL_VIEW_RELEASE_INT_H
#define JL_VIEW_RELEASE_INT_H

#include <math.h>

#include "survey/instrument.h"
#include "view/release.h"

/* The source column of every survey cell of a release. */
#define JL_RELEASE_SOURCE "survey"

/* The half width an exported share is read with (export_read.c): its
 * rounding to decimals, or, exact, far below one person. */
static inline double jl_release_pct_half(int decimals)
{
    return decimals < 0 ? 1e-7 : 0.5 * pow(10.0, -decimals);
}

/* release_meta.c: the request's checks (JL_EUSAGE, JL_EINPUT); the
 * default title of the waves and divisions; the manifest's "instrument"
 * object as compact JSON of the cut-off set's scales, values and norms.
 * Strings in A. */
int jl_rb_check_req(const jl_view_release_req *q, jl_err *err);
const char *jl_rb_default_title(jl_arena *A, const jl_release *r, const jl_release_meta *m);
const char *jl_rb_instrument_json(jl_arena *A, const jl_instrument *inst,
                                  const char *cutset);

/* release_store.c: sets r->waves[i].revision and the corrections up to
 * it (the store's wave_change), into r->arena; instrument per wave. */
struct jl_store;
int jl_rb_wave_changes(jl_release *r, const jl_rel_wave_meta *wm, const long *revision,
                       struct jl_store *st, jl_err *err);

/* release_ind.c: the indicator tables of specs ("ID", "ID@PERIOD",
 * "ID@A..B") for each division, as rows into r->inds (strings in
 * r->arena). JL_EINPUT for an indicator without figures in a division. */
int jl_rb_indicators(jl_release *r, struct jl_store *st, const char *const *specs, size_t n,
                     const char *const *divisions, size_t ndiv, jl_err *err);

#endif
