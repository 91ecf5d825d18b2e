/*
 * An RFC 4180 CSV reader over UTF-8 text in memory, with `,` or `;` as the
 * separator (detected from the header line), quoted fields with doubled
 * quotes, CRLF or LF line ends, and the line and column of every field for
 * error messages. Written here rather than taken from libcsv because the
 * importers need exact positions of every field, which libcsv does not
 * keep; it has its own fuzzer (tests/fuzz/fuzz_csv.c).
 *
 * The reader borrows the text it is given; the fields it returns are
 * borrowed until the next jl_csv_next call. Not thread-safe per reader.
 */
#ifndef JL_CORE_CSV_H
#define JL_CORE_CSV_H

#include <stddef.h>

#include "core/err.h"
#include "core/limits.h"

typedef struct jl_csv jl_csv;

/* JL_CSV_FIELD_MAX and JL_CSV_FIELDS_MAX (core/limits.h) are refused
 * (JL_ELIMIT) as a malformed file. */

/* Opens a reader over text (len bytes, UTF-8, borrowed). delim is ',' or
 * ';', or 0 to detect it from the first line. name is used in messages.
 * Free with jl_csv_free. */
int jl_csv_new(jl_csv **out, const char *name, const char *text, size_t len, char delim,
               jl_err *err);
void jl_csv_free(jl_csv *c);

/* Reads the next record. Returns 1 when a record was read, 0 at the end,
 * or a negative code with err set (unterminated quote, text after a
 * closing quote, a field or record over the limits). Blank lines are
 * skipped. */
int jl_csv_next(jl_csv *c, jl_err *err);

size_t jl_csv_nfields(const jl_csv *c);
/* Field i of the current record, NUL-terminated; borrowed. */
const char *jl_csv_field(const jl_csv *c, size_t i);
size_t jl_csv_field_len(const jl_csv *c, size_t i);
/* Line and column (characters, 1-based) where field i starts. */
long jl_csv_field_line(const jl_csv *c, size_t i);
long jl_csv_field_col(const jl_csv *c, size_t i);
/* Line where the current record starts. */
long jl_csv_line(const jl_csv *c);
/* Line and column just past the end of the text (for "truncated" errors). */
void jl_csv_end_pos(const jl_csv *c, long *line, long *col);
char jl_csv_delim(const jl_csv *c);
/* Byte offset reached, for progress bars. */
size_t jl_csv_offset(const jl_csv *c);
/* 1 if the last record ended without a line end (a possibly cut file). */
int jl_csv_last_unterminated(const jl_csv *c);

#endif
