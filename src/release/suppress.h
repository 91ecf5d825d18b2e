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

/* The default minimum count: a share whose k or n_scored - k is 1 or 2
 * singles out one or two respondents (each respondent knows their own
 * answer). 1 turns the rule off. */
#define JL_RELEASE_MIN_COUNT 3

/* The primary rules and their parameters; zeroed: the defaults. */
typedef struct jl_rules {
    unsigned long min_n;     /* 0: JL_RELEASE_MIN_N */
    long min_count;          /* 0: JL_RELEASE_MIN_COUNT */
    int no_group_disclosure; /* do not protect k = n_scored */
} jl_rules;

/* Parses a --min-n value (NULL: the default) into *out; JL_EUSAGE outside
 * the bounds. */
int jl_release_min_n_parse(unsigned long *out, const char *s, jl_err *err);

/* The small-group rule: a cell with fewer than min_n scored respondents,
 * or none, is suppressed: its status and reason are set and every share,
 * interval, difference, p-value and flag cleared. The raw counts stay in the cell
 * for whoever must see what is protected; a face never shows them for a
 * suppressed cell. Returns 1 if the cell was suppressed. */
int jl_release_small_group(jl_cell *c, unsigned long min_n);

/* The primary rule a group of n_scored scored respondents of whom k reach
 * the cut-off (k < 0: not counted) falls under, in order of precedence:
 * JL_REASON_NO_SCORED, JL_REASON_SMALL_GROUP (fewer than min_n),
 * JL_REASON_MIN_COUNT (k or n_scored - k from 1 to min_count - 1),
 * JL_REASON_GROUP_DISCLOSURE (k = n_scored); JL_REASON_NONE if none. The
 * one place these rules are written: releases and every face use it. */
jl_cell_reason jl_release_primary_reason(long n_scored, long k, const jl_rules *r);

/* Hides c for reason r: status, reason, and every share, interval,
 * difference, p-value and flag cleared (the raw counts stay, never shown). */
void jl_release_hide(jl_cell *c, jl_cell_reason r);

/* The primary rules on c (jl_release_primary_reason, then
 * jl_release_hide); returns 1 if c was hidden. */
int jl_release_cell_primary(jl_cell *c, const jl_rules *r);

/* The reason as a fixed code for machine formats (docs/output-codes.md):
 * "no_scored", "small_group", "min_count", "group_disclosure",
 * "secondary", "confidential" (what every face of a release shows: no
 * face names the rule any more), or NULL for JL_REASON_NONE. */
const char *jl_release_reason_code(jl_cell_reason r);

/* The reason in the reader's language, or NULL for JL_REASON_NONE. */
const char *jl_release_reason_text(jl_cell_reason r);

/* The reason as a board reads it where a number would be: "too few
 * answers" for every primary rule (which one would say how many answered
 * which way), "hidden to protect other cells" for secondary suppression,
 * "withheld" for a release's hidden cell (either: which one would say
 * it too); in the reader's language. NULL for JL_REASON_NONE. */
const char *jl_release_reason_short(jl_cell_reason r);

#endif
