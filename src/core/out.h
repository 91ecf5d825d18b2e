/*
 * jl_out: the one way commands write results, as a terminal table, CSV or
 * JSON (chosen by --format). A command declares its columns (machine ids,
 * which are the CSV header and the JSON keys, and translated labels for the
 * table), then writes rows cell by cell. Tables are buffered and aligned at
 * jl_out_end; CSV and JSON stream.
 *
 * Numbers: jl_out_num writes a table cell with `decimals` decimals and the
 * Swedish decimal comma (core/num.h), and CSV/JSON with the shortest exact
 * representation. Notes (such as "syntetiska svar") go above a table, into
 * the JSON "notes" array, and to stderr for CSV so the file keeps its
 * exact columns.
 *
 * Owns nothing it is given except what it copies; free with jl_out_end.
 */
#ifndef JL_CORE_OUT_H
#define JL_CORE_OUT_H

#include <stdio.h>

typedef enum { JL_FMT_TABLE = 0, JL_FMT_CSV, JL_FMT_JSON } jl_format;

typedef struct jl_out jl_out;

/* Parses "table", "csv", "json". Returns 0 or -1. */
int jl_format_parse(jl_format *out, const char *s);

/* ids: ncols column ids; labels: table headings (NULL: the ids). */
jl_out *jl_out_new(FILE *f, jl_format fmt, const char *const *ids, const char *const *labels,
                   size_t ncols);
/* A line shown above a table, in JSON "notes", on stderr for CSV. */
void jl_out_note(jl_out *o, const char *note);
/* A key/value shown in JSON "meta" only (tables show notes instead). */
void jl_out_meta(jl_out *o, const char *key, const char *value);
/* A number in JSON "meta" (shortest exact; NaN is null). */
void jl_out_meta_num(jl_out *o, const char *key, double value);
/* Right-align column i in tables (numbers). */
void jl_out_align_right(jl_out *o, size_t col);
/* Leave column i out of tables (kept in CSV and JSON): for columns that
 * repeat what a note above the table already says. */
void jl_out_table_hide(jl_out *o, size_t col);

void jl_out_str(jl_out *o, const char *s);   /* NULL or "" is empty */
void jl_out_num(jl_out *o, double v, int decimals); /* NaN is empty */
void jl_out_int(jl_out *o, long v);
void jl_out_bool(jl_out *o, int v); /* 1/0 in CSV, true/false in JSON, ja/nej in tables */
void jl_out_empty(jl_out *o);                /* empty / null */
void jl_out_row_end(jl_out *o);

/* Writes what is buffered and frees o. */
void jl_out_end(jl_out *o);

/* Escapes s for a CSV field (quotes when needed) and writes it. */
void jl_csv_write_field(FILE *f, const char *s);
/* Writes s as a JSON string with quotes. */
void jl_json_write_str(FILE *f, const char *s);

#endif
