/*
 * Profile cells: counting scored respondents per area x grade x sex x scale
 * x cut-off (with totals over grade and over sex), and turning counts into
 * cells with a share, a 95 % Wilson interval, the comparison with a norm,
 * and primary suppression of small groups. Pure functions over arrays.
 *
 * A cell is the unit that releases, pages, the API and exports speak in;
 * suppression changes a cell's status, never deletes it.
 */
#ifndef JL_STATS_PROFILE_H
#define JL_STATS_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* Per respondent and scale, one byte: bit 0 = scored, bit 1+j = reached
 * cut-off j (at most 7 cut-offs per scale). */
#define JL_ST_SCORED 1u
#define JL_MAX_CUTOFFS 7

/* Counts for areas x (grades + total) x (sexes + total) x scales x cut-offs.
 * Index g = ngrades and s = nsexes are the totals ("T"). Heap-owned; free
 * with jl_counts_dispose. */
typedef struct jl_counts {
    size_t nareas, ngrades, nsexes, nscales, ncut;
    uint32_t *n;        /* [area][g][s]: respondents */
    uint32_t *n_scored; /* [area][g][s][scale] */
    uint32_t *k;        /* [area][g][s][scale][cut] */
} jl_counts;

/* Counts n respondents. area[i] in [0, nareas) or -1 (not in any area:
 * left out); grade[i] in [0, ngrades) or -1 (counted in the total only);
 * sex[i] likewise; status is n x nscales bytes (JL_ST_SCORED etc.). */
void jl_counts_build(jl_counts *out, const int32_t *area, const int8_t *grade, const int8_t *sex,
                     const uint8_t *status, size_t n, size_t nareas, size_t ngrades,
                     size_t nsexes, size_t nscales, size_t ncut);
void jl_counts_dispose(jl_counts *c);

size_t jl_counts_group(const jl_counts *c, size_t area, size_t g, size_t s);

typedef enum { JL_FLAG_NONE = 0, JL_FLAG_HIGH, JL_FLAG_LOW } jl_flag;
/* JL_CELL_UNPROTECTED: shown with every number because the analyst asked
 * for the working view (--unprotected), which is never for publication. */
typedef enum { JL_CELL_OK = 0, JL_CELL_SUPPRESSED, JL_CELL_UNPROTECTED } jl_cell_status;

/* Why a cell is not shown: a code, translated by whoever presents it
 * (release/suppress.h, jl_release_reason_text). */
typedef enum {
    JL_REASON_NONE = 0,
    JL_REASON_NO_SCORED,   /* no scored respondents */
    JL_REASON_SMALL_GROUP, /* fewer scored respondents than the threshold */
    JL_REASON_MIN_COUNT,   /* k or n_scored - k from 1 to the minimum count - 1 */
    JL_REASON_GROUP_DISCLOSURE, /* everyone scored reaches the cut-off (k = n_scored) */
    JL_REASON_SECONDARY,   /* hidden to protect other cells */
    /* hidden by a rule not said: what every face shows of a release, as
     * its rule for a cell would say how many answered which way
     * (release/export.h, jl_rreason) */
    JL_REASON_CONFIDENTIAL,
} jl_cell_reason;

/* Where a cell's norm comes from: a code, named by whoever presents it. */
typedef enum {
    JL_NORM_INSTRUMENT = 0, /* the instrument's norm; norm_source says whose */
    JL_NORM_CITY,           /* the whole wave's own share (the city, same wave) */
} jl_norm_of;

/* One cell. Strings are borrowed from whoever filled them. Shares are in
 * per cent. The counts are always the raw counts: a face shows them only
 * when the status is JL_CELL_OK (a release must see what it protects). */
typedef struct jl_cell {
    const char *division, *area, *wave, *grade, *sex, *scale, *kind, *cutoff;
    int headline;
    long n, n_scored, k;
    double pct, ci_low, ci_high; /* NaN with no scored respondent or when suppressed */
    double norm_pct;             /* NaN if no norm */
    const char *norm_source; /* the instrument's words for its norm, or NULL */
    jl_norm_of norm_of;
    double diff;
    double p;     /* score test of the share against the norm (stats/interval.h), NaN if none */
    double p_adj; /* p adjusted within its family (view/cells.h), or p when not adjusted */
    jl_flag flag;
    jl_cell_status status;
    jl_cell_reason reason;
} jl_cell;

/* Fills the numbers of c from counts: pct = 100 k / n_scored, the Wilson
 * interval, diff = pct - norm_pct, p (= p_adj) the score test against the
 * norm and flag (high when the interval lies wholly above the norm, low
 * when wholly below: the same as p < 0.05, unadjusted). With no scored
 * respondent the shares are NaN. The cell's status is JL_CELL_OK: the
 * disclosure rules (release/suppress.h) decide what may be shown. */
int jl_cell_fill(jl_cell *c, unsigned long n, unsigned long n_scored, unsigned long k,
                 double norm_pct, jl_err *err);

#endif
