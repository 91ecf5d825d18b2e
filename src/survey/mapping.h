/*
 * Column mappings for survey imports: a hand-edited stanza file (see
 * docs/instrument-format.md, "Mapping files") that renames the columns of
 * a delivered file to jamlik's names and maps codes, such as
 *
 *     column: Kön = sex
 *     value: sex Flicka = K
 *     skip: Kommentar
 *
 * Owns its strings; free with jl_mapping_free.
 */
#ifndef JL_SURVEY_MAPPING_H
#define JL_SURVEY_MAPPING_H

#include "core/diag.h"

typedef struct jl_mapping jl_mapping;

/* Parses a mapping from text; every problem goes to diag, the first also
 * to err. A source column or a column's value mapped twice is an error. */
int jl_mapping_parse(jl_mapping **out, const char *text, size_t len, jl_diag *diag, jl_err *err);
/* Reads and parses a mapping file. */
int jl_mapping_load(jl_mapping **out, const char *path, jl_diag *diag, jl_err *err);
void jl_mapping_free(jl_mapping *m);
/* The jamlik name of a source column (the name itself if not renamed),
 * or NULL for a column the mapping skips (skip: COLUMN). */
const char *jl_mapping_column(const jl_mapping *m, const char *source);
/* JL_OK if every source column the mapping renames is in header (the
 * file's column names, before mapping); else JL_EINPUT at the mapping
 * file's line for the first that is not: a map that names a column the
 * file lacks was written for another file. */
struct jl_strmap;
int jl_mapping_check_sources(const jl_mapping *m, const struct jl_strmap *header,
                             const char *file, jl_err *err);
/* The mapped value of column (jamlik name) for value, or value itself. */
const char *jl_mapping_value(const jl_mapping *m, const char *column, const char *value);

#endif
