/*
 * Views of the survey side that every face needs: an instrument as stored,
 * with a chosen set of cut-offs. Functions over a jl_store that return
 * data: no command line, no output (issue 16's view layer).
 */
#ifndef JL_VIEW_SURVEY_H
#define JL_VIEW_SURVEY_H

#include <stddef.h>

#include "core/err.h"
#include "store/store.h"
#include "survey/instrument.h"

/* Loads instrument id from the store; the caller frees it with
 * jl_instrument_free. JL_ENOTFOUND if unknown. */
int jl_view_instrument(jl_instrument **out, jl_store *st, const char *id, jl_err *err);

/* Applies a cut-off set to in: "instrument" (its own), a stored set's
 * name ("derived:2024"), or NULL for the instrument's own if it has any,
 * else the newest stored set. The name of the set used goes into used
 * (ulen bytes, the caller's; "" when there is none). */
int jl_view_cutoffs(jl_instrument *in, jl_store *st, const char *set, char *used, size_t ulen,
                    jl_err *err);

#endif
