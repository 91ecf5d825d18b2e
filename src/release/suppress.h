/*
 * The disclosure rules: the one place that decides which cells may be
 * shown. Every face (profile, priorities, clusters over survey shares,
 * later the release, the web pages and the API) applies them to a view's
 * raw cells before it renders anything. Today the rule is primary
 * suppression of small groups; the release work grows it into the whole
 * policy (secondary suppression, audits).
 */
#ifndef JL_RELEASE_SUPPRESS_H
#define JL_RELEASE_SUPPRESS_H

#include "core/err.h"
#include "stats/profile.h"

/* The default and the bounds of the small-group threshold (--min-n):
 * below 3 any published share can single out a respondent; above 1000
 * nothing of a neighbourhood would be left. */
#define JL_RELEASE_MIN_N 10
#define JL_RELEASE_MIN_N_LOW 3
#define JL_RELEASE_MIN_N_HIGH 1000

/* Parses a --min-n value (NULL: the default) into *out; JL_EUSAGE outside
 * the bounds. */
int jl_release_min_n_parse(unsigned long *out, const char *s, jl_err *err);

/* The small-group rule: a cell with fewer than min_n scored respondents,
 * or none, is suppressed: its status and reason are set and every share,
 * interval, difference, p-value and flag cleared. The raw counts stay in the cell
 * for whoever must see what is protected; a face never shows them for a
 * suppressed cell. Returns 1 if the cell was suppressed. */
int jl_release_small_group(jl_cell *c, unsigned long min_n);

/* The reason as a fixed code for machine formats (docs/output-codes.md):
 * "no_scored", "small_group", or NULL for JL_REASON_NONE. */
const char *jl_release_reason_code(jl_cell_reason r);

/* The reason in the reader's language, or NULL for JL_REASON_NONE. */
const char *jl_release_reason_text(jl_cell_reason r);

#endif
