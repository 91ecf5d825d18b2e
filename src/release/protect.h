/*
 * Protecting a release before it is published: the primary rules mark the
 * sensitive cells, secondary suppression hides complementary cells across
 * every linked table (margins over grade and sex, parent areas, named
 * groups, overlapping areas, and the earlier releases of the same waves),
 * and the independent audit (release/audit.h) proves the result.
 *
 * The input is a release in memory (release/export.h) whose cells carry
 * their true counts, every one with suppressed = 0. On success each cell
 * has its final status and reason, and every suppressed cell's counts and
 * share are cleared (-1 and NaN), so what is left is exactly what may be
 * published: the release can be audited, stored and exported as it is.
 *
 * Deterministic: the same release and options give the same pattern on any
 * machine and thread count. Not thread-safe (the audit forks the solver).
 */
#ifndef JL_RELEASE_PROTECT_H
#define JL_RELEASE_PROTECT_H

#include <stddef.h>

#include "core/err.h"
#include "release/audit.h"
#include "release/export.h"
#include "release/suppress.h"

typedef struct jl_protect_opts {
    long min_n;             /* the small-group threshold; 0: JL_RELEASE_MIN_N */
    long min_count;         /* 0: JL_RELEASE_MIN_COUNT */
    int no_group_disclosure; /* do not protect k = n_scored */
    int no_secondary;       /* primary rules only: a threshold-only publication, for tests
                               and for showing what the audit finds in one */
    jl_audit_opts audit;    /* protection, time limit */
    /* progress of the whole protection, from 0 to 1; may be NULL */
    void (*progress)(void *ctx, double done);
    void *ctx;
} jl_protect_opts;

typedef struct jl_protect_stats {
    size_t ncells;        /* every cell of the release */
    size_t npublished;
    size_t nreason[JL_RREASON_COUNT]; /* suppressed cells by jl_rreason (0 unused) */
    long respondents;     /* n_scored summed over every cell: the information there was */
    long hidden;          /* n_scored summed over the suppressed cells: what was lost */
    size_t rounds;        /* audits run before one passed */
    size_t secondary;     /* cells hidden as complements (= nreason[JL_RREASON_SECONDARY]) */
    double secs_structural; /* wall time in secondary suppression's structural passes */
    double secs_audit;      /* wall time in the audits, the last one included */
} jl_protect_stats;

/* The primary rules on every cell of r with suppressed = 0: small_group
 * (fewer than min_n scored, none included), min_count (k or n_scored - k
 * from 1 to min_count - 1) and group_disclosure (k = n_scored), in that
 * order of precedence. Sets suppressed and reason, leaves the counts.
 * Returns the number of cells it marked. */
size_t jl_release_primary(jl_release *r, const jl_protect_opts *o);

/* Clears the counts and share of every suppressed cell of r. */
void jl_release_mask(jl_release *r);

/* Protects r (primary, then secondary unless o->no_secondary), masks it
 * and audits it together with earlier[0..nearlier-1] (already published,
 * fixed facts) into *audit (caller disposes). Returns 0 whether or not the
 * audit passed (audit->pass says); an error only when the audit could not
 * run (JL_EINPUT: r contradicts an earlier release). st may be NULL. */
int jl_release_protect(jl_release *r, jl_release *const *earlier, size_t nearlier,
                       const jl_protect_opts *o, jl_protect_stats *st, jl_audit_result *audit,
                       jl_err *err);

#endif
