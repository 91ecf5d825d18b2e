/*
 * Indicator definitions (docs/indicator-format.md): what an indicator is
 * (name, unit, kind, which direction is better, theme, goal, source), and
 * for derived ones a formula over other indicators, such as
 *
 *     formula: 100 * (folkmangd - fodda_sverige) / folkmangd
 *
 * The kind decides what may be done with it: counts add up over areas; a
 * formula over counts is recomputed from the added counts; medians, means
 * and indices without their parts never aggregate, and jamlik says why.
 */
#ifndef JL_INDICATOR_DEF_H
#define JL_INDICATOR_DEF_H

#include <stddef.h>

#include "core/diag.h"

typedef enum {
    JL_IND_COUNT = 0,
    JL_IND_SHARE,
    JL_IND_RATE,
    JL_IND_MEDIAN,
    JL_IND_MEAN,
    JL_IND_INDEX
} jl_ind_kind;

typedef enum { JL_BETTER_HIGHER = 0, JL_BETTER_LOWER, JL_BETTER_NONE } jl_better;

const char *jl_ind_kind_name(jl_ind_kind k);
int jl_ind_kind_parse(jl_ind_kind *k, const char *s);
const char *jl_better_name(jl_better b);
int jl_better_parse(jl_better *b, const char *s);

/* 1 if s is an indicator id: a letter or '_', then letters, digits, '-'
 * and '_' (its length is checked against JL_MAX_ID apart). */
int jl_indicator_id_valid(const char *s);

/* ---- formulas ---- */

typedef struct jl_expr jl_expr;

/* Parses an arithmetic expression of numbers, indicator ids, + - * / and
 * parentheses. On error returns -1 with a message and the 0-based byte
 * offset of the fault. Refuses what the evaluator cannot evaluate: the
 * limits JL_MAX_FORMULA_DEPTH, _LEAVES, _STACK and _LEN (core/limits.h)
 * and ids over JL_MAX_ID. */
int jl_expr_parse(jl_expr **out, const char *s, char *msg, size_t len, size_t *at);
void jl_expr_free(jl_expr *e);
/* The distinct ids the expression refers to, in order of first use. */
size_t jl_expr_nrefs(const jl_expr *e);
const char *jl_expr_ref(const jl_expr *e, size_t i);
/* Evaluates with vals[i] the value of ref i; NaN in, or a division by
 * zero, gives NaN (no value). */
double jl_expr_eval(const jl_expr *e, const double *vals);

/* ---- definitions ---- */

typedef struct jl_indicator {
    char *id, *name, *name_en, *unit, *theme, *goal, *source, *licence, *note, *formula;
    jl_ind_kind kind;
    jl_better better;
    long line;
} jl_indicator;

/* Parses a definitions file; every problem goes to d. known(ctx, id)
 * says whether an id is defined elsewhere (the database): 1 defined, 2
 * derived (it has a formula), 0 not; for formulas that refer to
 * indicators defined earlier. */
int jl_indicators_parse(jl_indicator **out, size_t *n, const char *text, size_t len, jl_diag *d,
                        int (*known)(void *ctx, const char *id), void *ctx);
void jl_indicators_free(jl_indicator *v, size_t n);

#endif
