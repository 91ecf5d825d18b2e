/*
 * Loading a text file into memory as UTF-8, the boundary where encodings
 * are decided: UTF-8 (with or without a byte-order mark), or Windows-1252 /
 * Latin-1 converted through iconv. Binary data (a NUL byte) and bytes that
 * fit no accepted encoding are errors with their line and column.
 */
#ifndef JL_CORE_TEXT_H
#define JL_CORE_TEXT_H

#include <stddef.h>

#include "core/err.h"
#include "core/limits.h"

typedef enum {
    JL_ENC_AUTO = 0, /* UTF-8 if the file is valid UTF-8, else Windows-1252 */
    JL_ENC_UTF8,
    JL_ENC_CP1252,
    JL_ENC_LATIN1
} jl_encoding;

/* Files larger than JL_TEXT_MAX (core/limits.h) are refused (JL_ELIMIT). */

/* Parses "auto", "utf-8", "cp1252", "windows-1252", "latin1". */
int jl_encoding_parse(jl_encoding *out, const char *name, jl_err *err);

/* Reads path's bytes as they are into *out (NUL-terminated after *len
 * bytes; caller frees with jl_free): a regular file of at most
 * JL_TEXT_MAX bytes. For what is hashed or decoded later. */
int jl_file_load(char **out, size_t *len, const char *path, jl_err *err);

/* Reads path into *out (NUL-terminated UTF-8 without BOM; caller frees with
 * jl_free), its length in *len and the encoding used in *used (may be NULL).
 * An empty file is an error. */
int jl_text_load(char **out, size_t *len, jl_encoding *used, const char *path, jl_encoding enc,
                 jl_err *err);

/* The same from memory (name is used in messages). */
int jl_text_from_mem(char **out, size_t *len, jl_encoding *used, const char *name,
                     const char *data, size_t n, jl_encoding enc, jl_err *err);

/* Line and column (1-based, column in characters) of byte offset off. */
void jl_text_pos(long *line, long *col, const char *s, size_t off);

#endif
