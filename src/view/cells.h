/*
 * The profile as one complete table of cells: area x grade x sex x scale x
 * cut-off for every area of a division (or a named group as one area),
 * with the totals over grade and over sex and the whole wave (the city) as
 * margins. This is the cell source the faces and the views built on cells
 * (priorities, comparisons, survey shares for clusters) read: it holds
 * counts, never respondent rows, so a release read back from the store can
 * stand in for one computed from respondents.
 *
 * Cells come out raw (jl_cell_table_get): the counts as counted and a
 * status of JL_CELL_OK. Their flags against the norm (or the city) are
 * adjusted for the many comparisons a profile makes (Benjamini-Hochberg
 * unless the request says none) over a family fixed by the table alone,
 * so a face that shows one area, one grade or the headlines only shows
 * the same flags as the whole. A face shows a cell only through
 * jl_cell_table_shown, which applies the disclosure rules
 * (release/suppress.h): the primary rules, and the secondary suppression
 * when the table has been protected as a whole. The table is the caller's; free
 * it with jl_cell_table_dispose.
 */
#ifndef JL_VIEW_CELLS_H
#define JL_VIEW_CELLS_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/limits.h"
#include "release/suppress.h"
#include "stats/profile.h"
#include "store/store.h"
#include "survey/instrument.h"
#include "survey/wave.h"
#include "view/values.h"

/* How flags against the norm or the city are adjusted for multiple
 * comparisons: Benjamini-Hochberg (R's p.adjust "BH", the default, as
 * autocorr's clusters are), or not at all. */
typedef enum { JL_CELLS_BH = 0, JL_CELLS_UNADJUSTED } jl_cells_adjust;

/* The level of every flag and change: a 95 % interval, an (adjusted)
 * p-value or false discovery rate below 0.05. */
#define JL_FLAG_ALPHA 0.05

/* What a flag or a change means for the scale's kind: a higher share is
 * worse on a risk factor or an outcome (CTC's outcomes are problem
 * behaviours), better on a protective factor. */
typedef enum { JL_VERDICT_NONE = 0, JL_VERDICT_WORSE, JL_VERDICT_BETTER } jl_verdict;

typedef struct jl_cells_req {
    const char *wave;       /* by name; ignored when w is given */
    const char *instrument; /* which instrument's wave of that name, or NULL */
    const jl_wave_info *w;  /* this wave, or NULL */
    const char *cutset;     /* the cut-off set (view/survey.h), NULL: the current one */
    const char *division;   /* one the wave has a column for, or one above it; NULL: the
                               wave's first area column */
    const char *group;      /* a named group of the division as the one area, or NULL */
    int norm_city;          /* compare with the whole wave's share, not the instrument's norm */
    jl_cells_adjust adjust;       /* of the flags; JL_CELLS_BH when zeroed */
    unsigned long min_n;    /* the small-group rule the face applies (release/suppress.h); 0:
                               JL_RELEASE_MIN_N. Cells it suppresses are not in the family */
    long min_count;         /* the minimum-count rule; 0: JL_RELEASE_MIN_COUNT */
    int unprotected;        /* the analyst's working view: every cell shown, never for
                               publication */
} jl_cells_req;

typedef struct jl_cell_table {
    jl_wave_info w;      /* the wave (name, instrument, synthetic) */
    jl_instrument *in;   /* scales, cut-offs and norms; owned */
    char cutset[JL_MAX_ID + 16]; /* the cut-off set used, "" if the instrument has none */
    char *division;      /* owned */
    int norm_city;
    size_t nareas;       /* areas; the city is area index -1 */
    char **codes;        /* sorted area codes (the group's name for a group), owned */
    char **names;        /* each area's name as stored, or NULL (none stored, a group); owned */
    int8_t grade_present[JL_NGRADES];
    jl_counts counts, city;
    jl_cells_adjust adjust;
    unsigned long min_n;
    jl_rules rules;  /* the primary rules (min_n as above) */
    int unprotected; /* every cell shown as JL_CELL_UNPROTECTED */
    /* After the table is protected as a whole (release/table.h): per cell,
     * laid out as counts.k with the city as one more area after the last,
     * the jl_cell_reason that hides it (0: shown). NULL: the primary rules
     * alone, cell by cell. Owned. */
    uint8_t *hide;
    /* With BH, each area cell's adjusted p-value, laid out as counts.k;
     * NaN outside the family. The family: every cell of an area (not the
     * city) at every grade and sex and their totals that the small-group
     * rule of min_n shows and that has a norm, in two parts adjusted
     * apart: the cells at the headline cut-offs, and those at the other
     * cut-offs. nfamily counts each. NULL with JL_CELLS_UNADJUSTED. */
    double *p_adj;
    size_t nfamily[2];
    /* A table read from a release (view/release_cells.h): per cell, laid
     * out as hide, the jl_flag the release published; a release has no
     * p-values. NULL: flags from the p-values. Owned. */
    uint8_t *flags;
} jl_cell_table;

/* Loads the wave, scores it with the cut-off set and counts its scored
 * respondents into t. The respondents are let go before it returns. */
int jl_view_cells(jl_cell_table *t, jl_store *st, const jl_cells_req *req, jl_err *err);

/* The table of the wave before t's (same instrument, same cut-off set,
 * division and norm): JL_ENOTFOUND, with *prev zeroed, when t's wave is
 * the first. */
int jl_view_cells_previous(jl_cell_table *prev, jl_store *st, const jl_cell_table *t,
                           jl_err *err);

void jl_cell_table_dispose(jl_cell_table *t);

/* The index of area code, or -1 if the table has no such area. */
long jl_cell_table_area(const jl_cell_table *t, const char *code);

/* The index of area code; an error naming the wave and division when the
 * table has no such area. */
long jl_cell_table_need_area(const jl_cell_table *t, const char *code, jl_err *err);

/* The cell of area ai (-1: the city), grade g and sex s (JL_NGRADES and
 * JL_NSEXES: the totals), scale k and cut-off q, raw, its flag from the
 * adjusted p-value when t adjusts (a city cell's flag is its own,
 * unadjusted: the city is no area of the family). Its strings are
 * borrowed from t. */
int jl_cell_table_get(jl_cell *c, const jl_cell_table *t, long ai, size_t g, size_t s, size_t k,
                      size_t q, jl_err *err);

/* The cell as a face may show it: jl_cell_table_get, then the disclosure
 * rules — t's protection as a whole where t has one, else the primary
 * rules — unless t is the unprotected working view, whose every cell
 * comes out as JL_CELL_UNPROTECTED with its numbers. */
int jl_cell_table_shown(jl_cell *c, const jl_cell_table *t, long ai, size_t g, size_t s,
                        size_t k, size_t q, jl_err *err);

/* The index of a cell in counts.k order, the city as area t->nareas. */
size_t jl_cell_table_index(const jl_cell_table *t, long ai, size_t g, size_t s, size_t k,
                           size_t q);

/* What flag f of a scale of kind means (JL_VERDICT_NONE for no flag). */
jl_verdict jl_flag_verdict(jl_flag f, jl_kind kind);

/* A verdict as a fixed code for machine formats (docs/output-codes.md):
 * "worse", "better", or NULL for none. */
const char *jl_verdict_code(jl_verdict v);

/* The headline share of area code (all grades and sexes), scale k and
 * cut-off q, as jl_cell_table_shown shows it: NaN if hidden or absent. */
double jl_cell_table_headline_pct(const jl_cell_table *t, const char *code, size_t k, size_t q);

/* The share reaching scale's headline cut-off per area of division in
 * wave, as `profile` computes it; areas whose group the small-group rule
 * of min_n suppresses are left out (a map of clusters must not be a way
 * round it) — unless unprotected, the analyst's working view, which
 * keeps every area with a share. *synthetic says whether the wave is
 * synthetic. */
int jl_view_survey_shares(jl_area_values *out, int *synthetic, jl_store *st, const char *wave,
                          const char *scale, const char *division, unsigned long min_n,
                          int unprotected, jl_err *err);

#endif
