/*
 * jl_book: an Excel workbook (.xlsx, through libxlsxwriter) that tables are
 * written into, one sheet each, for --format xlsx. core/out.c buffers a
 * table and hands it over whole at jl_out_end, so a sheet knows its column
 * widths before it is written.
 *
 * A sheet: the table's notes (the source, "syntetiska svar", how figures
 * were made) and the book's stamp (what made it and when) in column A,
 * a blank row, the headings in bold, then the rows; the panes are frozen
 * below the headings. Numbers are numbers with a number format of their
 * column's decimals and thousands apart (Excel shows them in its user's
 * convention); p-values below the smallest shown read "< 0,001".
 *
 * Nothing is written until jl_book_close, which writes the whole file.
 * The book owns nothing it is given; free with jl_book_close or
 * jl_book_free.
 */
#ifndef JL_CORE_XLSX_H
#define JL_CORE_XLSX_H

#include <stddef.h>

#include "core/err.h"

typedef struct jl_book jl_book;

/* Kinds of cell of a sheet. */
enum { JL_XC_EMPTY = 0, JL_XC_TEXT, JL_XC_NUM, JL_XC_P };

typedef struct jl_xcell {
    const char *text; /* JL_XC_TEXT; else the table's text, for the width */
    double v;         /* JL_XC_NUM, JL_XC_P */
    int decimals;     /* JL_XC_NUM, JL_XC_P */
    int kind;
} jl_xcell;

/* A cell of text; a number (left empty when it is not finite: a figure
 * not shown is blank, with its reason in a cell beside it). */
void jl_xcell_text(jl_xcell *x, const char *s);
void jl_xcell_num(jl_xcell *x, double v, int decimals);

typedef struct jl_xtable {
    const char *const *notes;
    size_t nnotes;
    const char *const *labels; /* ncols headings */
    size_t ncols;
    const jl_xcell *cells; /* nrows * ncols, row-major */
    size_t nrows;
} jl_xtable;

/* A workbook to be written to path at jl_book_close; stamp (may be NULL)
 * is a line written under the notes of every sheet. Copies both. */
jl_book *jl_book_new(const char *path, const char *stamp);

/* Adds t as a new sheet ("Tabell N", "Table N" in English). A problem
 * (too many rows for Excel) is kept and reported by jl_book_close. */
void jl_book_add(jl_book *b, const jl_xtable *t);

/* How many sheets were added. */
size_t jl_book_nsheets(const jl_book *b);

/* Writes the file and frees b. Returns 0 or JL_EIO with err set. */
int jl_book_close(jl_book *b, jl_err *err);

/* Frees b without writing anything (NULL is fine). */
void jl_book_free(jl_book *b);

#endif
