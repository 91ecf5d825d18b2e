/*
 * Inside the instrument parser: what its files share (SQLite's split:
 * survey/instrument.h for callers, this for instrument.c, scale.c and
 * screen.c). Nothing outside src/survey/ includes it.
 *
 * instrument.c reads the header and the items and drives the passes,
 * scale.c the scales and their cut-offs, screen.c the validity screens.
 * Every problem goes to the context's jl_diag; a stanza that cannot be
 * kept is left out, so the parse goes on and reports the rest.
 */
#ifndef JL_SURVEY_INSTRUMENT_INT_H
#define JL_SURVEY_INSTRUMENT_INT_H

#include <stddef.h>

#include "core/diag.h"
#include "core/kv.h"
#include "survey/instrument.h"

/* A whitespace-separated word of a value, with its column. */
typedef struct jl_ins_tok {
    char *s;
    long col;
} jl_ins_tok;

typedef struct jl_ins_toks {
    jl_ins_tok *t;
    size_t n, cap;
} jl_ins_toks;

typedef struct jl_ins_ctx {
    jl_instrument *in;
    jl_diag *d;
    jl_ins_toks ts; /* the words of the entry being read (jl_ins_tokens) */
    /* per-item "score:" entries, applied after all codes are known */
    const jl_kv_entry **score_e;
    /* scale item entries, resolved after all items are known */
    const jl_kv_stanza **scale_st;
} jl_ins_ctx;

/* Splits e's value into c->ts, replacing the words that were there. */
void jl_ins_tokens(jl_ins_ctx *c, const jl_kv_entry *e);

/* 1 if s is an id: letters, digits, '-' or '_', at least one. */
int jl_ins_valid_id(const char *s);
/* An id over JL_MAX_ID is reported at e (1: it was; 0: it fits). */
int jl_ins_id_too_long(jl_ins_ctx *c, const jl_kv_entry *e);
/* "yes"/"ja" or "no"/"nej" into *out; -1 for anything else. */
int jl_ins_yesno(int *out, const char *s);
/* Reports e's key as unknown in what ("a scale"). */
void jl_ins_unknown_key(jl_ins_ctx *c, const jl_kv_entry *e, const char *what);

/* scale.c: a "scale:" stanza (its items are resolved by
 * jl_ins_finish_scale once every item is known), and a "cutoff:" stanza
 * added to its scale. */
void jl_ins_parse_scale(jl_ins_ctx *c, const jl_kv_stanza *s);
void jl_ins_finish_scale(jl_ins_ctx *c, jl_scale *sc, const jl_kv_stanza *s);
void jl_ins_parse_cutoff(jl_ins_ctx *c, const jl_kv_stanza *s);

/* screen.c: a "screen:" stanza with its "exclude-if" rules. */
void jl_ins_parse_screen(jl_ins_ctx *c, const jl_kv_stanza *s);

#endif
