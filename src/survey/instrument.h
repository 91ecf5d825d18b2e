/*
 * Instruments as data: a questionnaire's items (response codes, labels,
 * missing codes, recoding, reverse flags), its scales (kind, domain, theme,
 * scoring model, minimum answered items, Rasch thresholds per scale and
 * item), cut-offs with provenance and norms, and validity screens. The
 * file format is described in docs/instrument-format.md.
 *
 * jl_instrument_parse checks everything at once and reports each problem
 * with its line and column into a jl_diag. The instrument owns all its
 * memory; free with jl_instrument_free. The fields are open because the
 * scorer and the importer read them; treat them as read-only.
 */
#ifndef JL_SURVEY_INSTRUMENT_H
#define JL_SURVEY_INSTRUMENT_H

#include <stddef.h>

#include "core/diag.h"
#include "core/limits.h"
#include "stats/rasch.h"

/* The instrument's limits (JL_MAX_ITEMS, JL_MAX_CODES, JL_MAX_SCALES,
 * JL_MAX_SCALE_ITEMS, JL_MAX_CUTOFFS_SCALE) are in core/limits.h. */

/* What a template leaves for the analyst to fill in ("fill in"). An
 * instrument with any is refused, each place reported. */
#define JL_PLACEHOLDER "<fyll i>"

typedef enum { JL_KIND_RISK = 0, JL_KIND_PROTECTIVE, JL_KIND_OUTCOME } jl_kind;
typedef enum { JL_MODEL_MEAN = 0, JL_MODEL_RASCH } jl_model;

typedef struct jl_code {
    long code;
    char *label;
    int missing;  /* a missing code ("vet ej", "vill inte svara") */
    double score; /* after recoding and reversal; NaN when missing */
} jl_code;

typedef struct jl_item {
    char *id, *text, *stem;
    jl_code *codes;
    size_t ncodes;
    int reverse;
    long line;
} jl_item;

typedef struct jl_cutoff {
    char *name, *label, *source;
    double value;
    int headline;
    double norm_pct; /* NaN when none */
    char *norm_source, *norm_version;
} jl_cutoff;

typedef struct jl_scale {
    char *id, *name, *domain, *theme;
    jl_kind kind;
    jl_model model;
    jl_rasch_method method;
    int flip;          /* multiply the estimate by -1 (RISE's protective indices) */
    double min_items;  /* a count, or a share when min_share */
    int min_share;
    size_t *items;     /* indices into the instrument's items */
    size_t nitems;
    double **delta;    /* Rasch: thresholds per scale item */
    size_t *m;         /* Rasch: number of thresholds per scale item */
    jl_cutoff *cut;
    size_t ncut;
} jl_scale;

typedef struct jl_cond {
    size_t *items; /* one item, or several for count(...) */
    size_t nitems;
    long *lo, *hi; /* code ranges */
    size_t nranges;
    long atleast;  /* count(...) ... >= atleast; 0 for a single item */
} jl_cond;

typedef struct jl_rule {
    jl_cond *c; /* all must hold */
    size_t n;
} jl_rule;

typedef struct jl_screen {
    char *id, *label;
    jl_rule *rules; /* any one excludes */
    size_t nrules, rcap;
} jl_screen;

typedef struct jl_instrument {
    char *id, *name, *version, *source, *licence, *attribution, *note;
    jl_item *items;
    size_t nitems;
    jl_scale *scales;
    size_t nscales;
    jl_screen *screens;
    size_t nscreens;
} jl_instrument;

/* Parses an instrument from text. Every problem goes to diag; returns
 * JL_OK and *out, or JL_EINPUT (diag has entries) with *out NULL. */
int jl_instrument_parse(jl_instrument **out, const char *text, size_t len, jl_diag *diag);
void jl_instrument_free(jl_instrument *in);
/* Frees the cut-offs of sc and leaves it with none (before another set is
 * applied: view/survey.h). */
void jl_scale_clear_cutoffs(jl_scale *sc);

/* Index of the item or scale with this id, or -1. */
long jl_instrument_item(const jl_instrument *in, const char *id);
long jl_instrument_scale(const jl_instrument *in, const char *id);
/* Index of code in item (position in its code list), or -1. */
long jl_item_code_index(const jl_item *it, long code);

/* 1 if b stores answers exactly as a does (the same items in the same
 * order, each with the same codes and missing codes), so waves stored
 * under a can be read with b; else 0 with the first difference in why. */
int jl_instrument_same_answers(const jl_instrument *a, const jl_instrument *b, char *why,
                               size_t len);

const char *jl_kind_name(jl_kind k); /* "risk", "protective", "outcome" */

#endif
