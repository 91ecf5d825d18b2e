/*
 * jl_out: the one way commands write results (chosen by --format): a
 * terminal table, CSV, Swedish Excel's CSV, JSON or an Excel workbook. A
 * command declares its columns (machine ids, which are the CSV header and
 * the JSON keys, and translated labels, the headings of tables, csv-sv and
 * xlsx), then writes rows cell by cell. Tables and workbook sheets are
 * buffered and written at jl_out_end; CSV and JSON stream.
 *
 * Numbers: jl_out_num writes a table cell with `decimals` decimals as
 * people read them (core/num.h: "1 030,7" in Swedish, "1,030.7" in
 * English), CSV and JSON with the shortest exact representation and a
 * decimal point, csv-sv the same digits with a decimal comma, and xlsx a
 * number with a number format of those decimals.
 *
 * Notes go above a table and a sheet, into the JSON "notes" array, and to
 * stderr for CSV; the notes that name where the figures come from
 * (jl_out_source: the data's source, "syntetiska svar") also go into a
 * last column `source` (csv-sv: "källa") of every CSV row, joined by
 * " | ". docs/output.md describes the formats.
 *
 * Owns nothing it is given except what it copies; free with jl_out_end.
 */
#ifndef JL_CORE_OUT_H
#define JL_CORE_OUT_H

#include <stdio.h>

#include "core/xlsx.h"

typedef enum {
    JL_FMT_TABLE = 0,
    JL_FMT_CSV,
    JL_FMT_JSON,
    JL_FMT_CSV_SV, /* UTF-8 with BOM, ';', decimal comma, headings, CRLF */
    JL_FMT_XLSX    /* a workbook: jl_out_dest.book */
} jl_format;

typedef struct jl_out jl_out;

/* Where a command's tables go. */
typedef struct jl_out_dest {
    FILE *f;       /* table, CSV, csv-sv, JSON */
    jl_format fmt;
    jl_book *book; /* JL_FMT_XLSX: each table becomes a sheet of it */
    int wide;      /* tables show their secondary columns too (--wide) */
} jl_out_dest;

/* Parses "table", "csv", "csv-sv", "json", "xlsx". Returns 0 or -1. */
int jl_format_parse(jl_format *out, const char *s);

/* 1 for the formats people read (table, csv-sv, xlsx): their cells hold
 * translated words where the machine formats hold codes. */
int jl_format_for_people(jl_format f);

/* ids: ncols column ids; labels: headings (NULL: the ids). */
jl_out *jl_out_open(const jl_out_dest *d, const char *const *ids, const char *const *labels,
                    size_t ncols);
/* jl_out_open to a FILE (not for xlsx). */
jl_out *jl_out_new(FILE *f, jl_format fmt, const char *const *ids, const char *const *labels,
                   size_t ncols);
/* A line shown above a table and a sheet, in JSON "notes", on stderr for
 * CSV. */
void jl_out_note(jl_out *o, const char *note);
/* A note that says where the figures come from (the data's source, the
 * synthetic label): shown as a note, and also in CSV's last column
 * `source` on every row, so that a file keeps it. */
void jl_out_source(jl_out *o, const char *note);
/* Marks the output as the unprotected working view, never for
 * publication: a warning as the first line of a table, a sheet and csv-sv
 * (and first among the notes elsewhere), and "unprotected": true at the
 * top of JSON. Call before the first row. */
void jl_out_unprotected(jl_out *o);
/* A key/value shown in JSON "meta" only (tables show notes instead). */
void jl_out_meta(jl_out *o, const char *key, const char *value);
/* A number in JSON "meta" (shortest exact; NaN is null). */
void jl_out_meta_num(jl_out *o, const char *key, double value);
/* Right-align column i in tables (numbers). */
void jl_out_align_right(jl_out *o, size_t col);
/* Leave column i out of tables (kept in every other format): for
 * columns that repeat what a note above the table already says. */
void jl_out_table_hide(jl_out *o, size_t col);
/* Column i is secondary: left out of tables unless --wide, so that a
 * table fits 120 columns (kept in every other format). */
void jl_out_secondary(jl_out *o, size_t col);

void jl_out_str(jl_out *o, const char *s);   /* NULL or "" is empty */
void jl_out_num(jl_out *o, double v, int decimals); /* NaN is empty */
/* A p-value: as jl_out_num, but in tables and sheets one below the
 * smallest step of its decimals reads "< 0,001" (decimals 3). */
void jl_out_p(jl_out *o, double p, int decimals);
void jl_out_int(jl_out *o, long v);
void jl_out_bool(jl_out *o, int v); /* 1/0 in CSV, true/false in JSON, ja/nej for people */
void jl_out_empty(jl_out *o);                /* empty / null */
void jl_out_row_end(jl_out *o);

/* Writes what is buffered and frees o. */
void jl_out_end(jl_out *o);

/* Escapes s for a CSV field (quotes when needed) and writes it. */
void jl_csv_write_field(FILE *f, const char *s);
/* Writes s as a JSON string with quotes. */
void jl_json_write_str(FILE *f, const char *s);

#endif
