/*
 * SPSS .sav files through ReadStat (Debian's libreadstat), streamed: the
 * dictionary (variables with their value labels) first, then each case's
 * values as text. What the values mean is the importer's business
 * (survey/wave.c); this module only turns ReadStat's callbacks into text.
 *
 * A number is written as an integer when it is one ("3", not "3.0"), else
 * in the shortest exact form; strings come as UTF-8 (ReadStat converts
 * from the file's own encoding). System-missing values and the values a
 * variable declares missing (SPSS "user-missing") come as missing.
 */
#ifndef JL_SURVEY_SAV_H
#define JL_SURVEY_SAV_H

#include <stddef.h>

#include "core/err.h"

typedef struct jl_sav_var {
    const char *name;
    int is_string;
    size_t nlabels;
    const char *const *label_value; /* the labelled values, as text */
    const char *const *label;       /* their labels */
} jl_sav_var;

typedef struct jl_sav_handler {
    /* The dictionary, once, before any value. */
    int (*dictionary)(void *ctx, const jl_sav_var *vars, size_t n, jl_err *err);
    /* Value of variable var in case case_no (1-based): text ("" when
     * missing) and its value label, or NULL when it has none. */
    int (*value)(void *ctx, size_t case_no, size_t var, const char *text, const char *label,
                 jl_err *err);
    /* After the last variable of a case. */
    int (*case_end)(void *ctx, size_t case_no, jl_err *err);
} jl_sav_handler;

/* Reads path. A handler's error stops the reading and is returned as is;
 * a file ReadStat cannot read is "FILE: expected an SPSS .sav file: ...".
 * encoding (if not NULL, enc_len bytes, the caller's) gets the file's
 * character encoding. */
int jl_sav_read(const char *path, const jl_sav_handler *h, void *ctx, char *encoding,
                size_t enc_len, jl_err *err);

#endif
