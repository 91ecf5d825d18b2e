/*
 * A release as exported files (docs/release-format.md): manifest.json,
 * cells.csv and areas.csv in one folder, read back by the audit without
 * the database, as an outsider would read them. Reading checks the
 * SHA-256 of every file the manifest lists and every field of every row,
 * and reports the first problem as FILE:LINE:COL.
 *
 * A jl_release owns all its strings (one arena); free with
 * jl_release_free. Its fields are open so that release creation can fill
 * one in memory and audit it before writing any file: strings and each
 * area's base array from r->arena, the waves, areas and cells arrays from
 * jl_xmalloc (jl_release_free frees them). Not thread-safe per object.
 */
#ifndef JL_RELEASE_EXPORT_H
#define JL_RELEASE_EXPORT_H

#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"

#define JL_RELEASE_FORMAT "jamlik-release-1"

/* Why a cell is not published. A release knows the rule that hid each
 * cell (the first four), for the analyst's counts; what it publishes is
 * JL_RREASON_CONFIDENTIAL for every hidden cell, since the rule would
 * say how many answered which way: group_disclosure that k = n_scored,
 * min_count that k or n_scored - k is 1 or 2, small_group that
 * n_scored < min_n and every other code that it is not (a total of 14
 * with a small group beside a secondary one leaves the small one at most
 * 4). Statistical offices mark both kinds of suppression alike for this
 * reason. The audit reads a confidential cell as any rule could have hid
 * it (audit.c, hidden), and still reads the four from files that carry
 * them (exports of earlier versions, hand-made ones), with what they
 * tell (rule_rows). */
typedef enum {
    JL_RREASON_NONE = 0,
    JL_RREASON_SMALL_GROUP,      /* fewer scored respondents than min_n */
    JL_RREASON_MIN_COUNT,        /* k or n_scored - k from 1 to min_count - 1 */
    JL_RREASON_GROUP_DISCLOSURE, /* k = n_scored */
    JL_RREASON_SECONDARY,        /* hidden to protect other cells */
    JL_RREASON_CONFIDENTIAL,     /* hidden by a rule not said */
} jl_rreason;

#define JL_RREASON_COUNT 6 /* for arrays indexed by jl_rreason */

typedef struct jl_rel_cell {
    const char *division, *area, *wave, *grade, *sex, *scale, *cutoff;
    long n, n_scored, k;    /* -1 when the field is empty */
    double pct, pct_half;   /* pct NaN when empty; the true share lies within
                               pct ± pct_half (its rounding) */
    int suppressed;
    jl_rreason reason;
    long line;              /* in cells.csv */
    /* The other columns of cells.csv, which the audit does not read:
     * kind ("risk", "protective", ...), headline (0 or 1), the interval,
     * the norm and its source, diff, flag ("worse", "better" or "") and
     * source. Numbers NaN and strings "" when empty, never NULL once read
     * or built. */
    const char *kind;
    int headline;
    double ci_low, ci_high, norm_pct, diff;
    const char *norm_source, *flag, *source;
} jl_rel_cell;

typedef struct jl_rel_area {
    const char *division, *code, *name, *parent_division, *parent_code, *base_division;
    const char **base; /* the base units' codes, as written */
    size_t nbase;
    long line; /* in areas.csv */
} jl_rel_area;

/* What a correction of a wave (a replace) changed: the respondents
 * revision added and removed compared with revision - 1. */
typedef struct jl_rel_change {
    long revision, added, removed;
} jl_rel_change;

typedef struct jl_rel_wave {
    const char *name;
    /* every respondent has a grade (a sex): the parts of a margin over
     * grade (sex) add up to it, and the attacker knows that */
    int grade_complete, sex_complete;
    long revision; /* 1 for a wave never corrected */
    /* every correction up to revision, oldest first (from r->arena) */
    const jl_rel_change *changes;
    size_t nchanges;
} jl_rel_wave;

/* A row of an indicator table the release includes as it is: public
 * statistics already protected by their producer (SCB, Kolada), with
 * their source and status, which the audit does not read. value NaN for
 * none (status says why). */
typedef struct jl_rel_indicator {
    const char *indicator, *name, *unit, *division, *area, *area_name, *period;
    double value;
    const char *status, *estimated, *source;
} jl_rel_indicator;

typedef struct jl_release {
    jl_arena *arena;
    const char *dir, *id, *title, *created;
    long min_n;       /* the small-group threshold of the rules */
    long min_count;   /* k or n_scored - k below it is sensitive (0: 3) */
    int no_group_disclosure; /* k = n_scored was not a rule */
    /* 1: cells.csv names the rule that hid a cell (a code other than
     * confidential), which the audit reads as published; 0 for a release
     * built in memory, whose export says confidential */
    int rule_codes;
    int pct_decimals; /* decimals percentages were rounded to; -1: exact */
    jl_rel_wave *waves;
    size_t nwaves;
    jl_rel_area *areas;
    size_t nareas;
    jl_rel_cell *cells;
    size_t ncells;
    jl_rel_indicator *inds; /* indicators.csv, when the release has one */
    size_t ninds;
    int has_inds; /* read: the manifest lists indicators.csv */
    const char *cells_path, *areas_path; /* for messages */
} jl_release;

/* Reads the release exported in folder dir into *out (caller frees with
 * jl_release_free). Errors: JL_EIO (a file cannot be read), JL_EINPUT (a
 * malformed file, or one whose SHA-256 differs from the manifest's),
 * JL_ELIMIT (a file over JL_TEXT_MAX), with the file, line and column. */
int jl_release_read(jl_release **out, const char *dir, jl_err *err);
void jl_release_free(jl_release *r);

/* The export's code for r ("small_group" ...), "" for none. */
const char *jl_rreason_code(jl_rreason r);

/* ---- writing (export_write.c) ---- */

/* What the manifest says beyond what the audit reads; strings borrowed. */
typedef struct jl_rel_wave_meta {
    const char *instrument;
    int synthetic;
    const char *source; /* the wave's file as imported */
} jl_rel_wave_meta;

typedef struct jl_rel_group {
    const char *name, *division;
} jl_rel_group;

typedef struct jl_release_meta {
    const jl_rel_wave_meta *waves; /* one per r->waves, in its order */
    const char *const *divisions;
    size_t ndivisions;
    const jl_rel_group *groups;
    size_t ngroups;
    int by_grade, by_sex, norm_city;
    long min_count;
    int group_disclosure;
    double protection;
    const char *secondary;       /* the secondary suppression's method, a code */
    const char *instrument_json; /* the "instrument" object as JSON text */
    const char *withdrawn;       /* "" while published */
    const char *cutset;          /* the cut-off set used (also in instrument_json) */
} jl_release_meta;

/* The text of cells.csv and areas.csv of r, as the export writes them
 * (rows in r's order), appended to b; jl_buf_err(b) says whether they
 * fitted. */
struct jl_buf;
void jl_release_cells_csv(struct jl_buf *b, const jl_release *r);
void jl_release_areas_csv(struct jl_buf *b, const jl_release *r);
/* indicators.csv (written only when r->ninds > 0). */
void jl_release_indicators_csv(struct jl_buf *b, const jl_release *r);

/* Writes r as manifest.json, cells.csv, areas.csv (and indicators.csv
 * when it has indicator rows) into folder dir
 * (made if missing): each file to a temporary name beside it, flushed to
 * disk and renamed over its name, the manifest last. The same r and m
 * give byte-identical files. Errors: JL_EIO, JL_EINPUT (instrument_json
 * not a JSON object), JL_ELIMIT. */
int jl_release_write(const jl_release *r, const jl_release_meta *m, const char *dir,
                     jl_err *err);

#endif
