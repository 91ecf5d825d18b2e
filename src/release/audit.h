/*
 * The independent audit of releases (sdc-security.md §3): reads only
 * exported files (release/export.h) and asks, for every value a primary
 * rule protects, the tightest range an attacker can derive from everything
 * published — counts, margins over grade and sex, percentages with their
 * n, parent areas, named groups and the slivers between overlapping
 * areas, across the release and the earlier releases of the same waves.
 *
 * Protected values: k and n_scored - k of every hidden cell, and its
 * n_scored unless the group is proven to hold min_n or more, as a file
 * says only "confidential" (which rule hid a cell would tell how many
 * answered which way, export.h); in a file that names the rules (older
 * exports), k and n_scored - k of every cell suppressed as small_group,
 * min_count or group_disclosure, n_scored of every small_group cell, and
 * the codes as facts. n_scored, k and n_scored - k of every derivable
 * group (the parts of two overlapping areas) that may hold fewer than
 * min_n scored respondents. A value passes when its range is at least
 * the protection (default 5). A group known to be empty discloses no one
 * and is not counted. A cell the file calls secondary needs no range of
 * its own.
 *
 * Callers: `jamlik audit` (cli/cmd_release.c) and release creation,
 * which audits what it is about to publish. Results are the caller's;
 * free with jl_audit_dispose. Not thread-safe (it forks the solver).
 */
#ifndef JL_RELEASE_AUDIT_H
#define JL_RELEASE_AUDIT_H

#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/strmap.h"
#include "release/export.h"
#include "release/solve.h"

#define JL_AUDIT_PROTECTION 5

typedef enum { JL_AUDIT_K = 0, JL_AUDIT_COMPLEMENT, JL_AUDIT_N_SCORED } jl_audit_what;

/* One protected value and its range. */
typedef struct jl_audit_item {
    size_t release; /* which of the releases given (0: the first) */
    long line;      /* its line in that release's cells.csv; 0 for a derived group */
    const char *division, *area, *wave, *grade, *sex, *scale;
    const char *cutoff; /* NULL for n_scored */
    jl_audit_what what;
    /* 0, or of those a correction of the wave added ('a') or removed
     * ('r') on the way to revision: their share of this group */
    char change;
    long revision;
    jl_bound b;
} jl_audit_item;

typedef struct jl_audit_opts {
    double protection;   /* 0: JL_AUDIT_PROTECTION */
    int time_limit_ms;   /* per solve; 0: the solver's default */
    long test_die_after; /* tests only (release/solve.h) */
    int keep_passed;     /* fill jl_audit_result.passed */
    /* Values known to pass: the passed of an earlier audit of the same
     * releases, the same cells with the same numbers, where no cell was
     * hidden that is hidden now (only more hidden since). Hiding a cell
     * only takes rows from the attacker's model, so every range is at
     * least as wide as it was: these are not solved again. A derived
     * group's size is solved again unless it passed (it was then not
     * known to be large, and is not now: a minimum only falls). NULL:
     * solve all. */
    const jl_strmap *passed;
    int keep_failed; /* fill jl_audit_result.failed */
    /* The audit of the earlier releases alone (jl_audit_baseline): a value
     * that already failed there is disclosed by what was published
     * before, which no new release can undo; it passes when the new
     * release leaves its range no narrower than the earlier ones did
     * (counted in ninherited). NULL: every value needs the protection. */
    const struct jl_audit_result *baseline;
} jl_audit_opts;

typedef struct jl_audit_result {
    jl_arena *arena;      /* owns the strings of derived items */
    jl_audit_item *fail;  /* the values that fail, in file order */
    size_t nfail;
    size_t nchecked;      /* protected values checked */
    size_t nderived;      /* derived groups (slivers) examined */
    size_t nchange;       /* of nchecked: parts a correction of a wave changed, and
                             hidden counts another revision publishes */
    size_t nvars, nrows;  /* the model's size */
    int pass;             /* 1 when nothing failed */
    jl_strmap *passed;    /* with keep_passed: the values that passed,
                             for jl_audit_opts.passed */
    jl_strmap *failed;    /* with keep_failed: each failing value's index in fail */
    jl_audit_item *inherit; /* of nchecked: values the earlier releases alone
                               already left narrower than the protection, no
                               narrower now (they pass), in file order */
    size_t ninherited;
} jl_audit_result;

/* Audits rel[0..n-1] together (the release and the earlier ones of the
 * same waves) into *out. Returns 0, or JL_EINPUT when the files disagree
 * with each other (an area defined twice differently, one group's count
 * published twice differently) with the cell's file and line. */
int jl_audit_run(jl_audit_result *out, jl_release *const *rel, size_t n, const jl_audit_opts *o,
                 jl_err *err);
void jl_audit_dispose(jl_audit_result *r);

/* The audit of the earlier releases earlier[0..n-1] alone into *base,
 * for jl_audit_opts.baseline (o as for the audit itself). */
int jl_audit_baseline(jl_audit_result *base, jl_release *const *earlier, size_t n,
                      const jl_audit_opts *o, jl_err *err);

/* "k", "n_scored - k", "n_scored". */
const char *jl_audit_what_name(jl_audit_what w);
/* The value's code for files: jl_audit_what_name, or of a correction's
 * part "added:k", "removed:n_scored-k", ... */
const char *jl_audit_value_code(const jl_audit_item *it);

#endif
