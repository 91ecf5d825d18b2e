/*
 * Inside the wave importer: what its files share (SQLite's split:
 * survey/wave.h for callers, this for wave.c and wave_sav.c). Nothing
 * outside src/survey/ includes it.
 *
 * wave.c holds the importer shared by the CSV and SPSS readers (columns,
 * fields, the end of an import) and the CSV reader; wave_sav.c turns the
 * callbacks of survey/sav.h into the same calls.
 */
#ifndef JL_SURVEY_WAVE_INT_H
#define JL_SURVEY_WAVE_INT_H

#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/strmap.h"
#include "store/store.h"
#include "survey/instrument.h"
#include "survey/wave.h"

/* What a column of the file holds. */
enum {
    JL_ROLE_SKIP = 0,
    JL_ROLE_ID,
    JL_ROLE_SCHOOL,
    JL_ROLE_GRADE,
    JL_ROLE_SEX,
    JL_ROLE_AREA,
    JL_ROLE_ITEM
};

typedef struct jl_imp_col {
    int role;
    size_t index; /* item index or area position */
    const char *name;
} jl_imp_col;

/* Where a value came from: a CSV line and column, or a .sav case and
 * variable (SPSS files have no lines; the case number is what SPSS shows). */
typedef struct jl_imp_where {
    long line, col;      /* CSV, or: */
    const jl_csv *csv;   /* CSV field `field` of the current record, whose
                            column is counted only when an error needs it */
    size_t field;
    size_t case_no;      /* .sav: 1-based case, 0 for the dictionary */
    const char *var;     /* .sav: the variable's name */
} jl_imp_where;

/* One import in progress: the columns and the respondents read so far. */
typedef struct jl_imp {
    const jl_instrument *in;
    const jl_import_opts *o;
    jl_store *st;
    int sav;
    jl_imp_col *cols;
    size_t ncol, ndiv;
    long *item_col;
    jl_strmap *ids, *seen, *strings;
    jl_strmap *raw; /* the file's column names, before the mapping */
    jl_arena *arena;
    jl_buf divs;
    size_t nleft, nskipped; /* columns left aside: unknown, and skipped by the map */
    size_t nsex_other;      /* respondents whose sex is another answer */
    size_t more;            /* problems beyond those listed in o->diag */
    jl_buf left;            /* the names of the unknown ones, ", "-separated */
    jl_respondents r;
    size_t cap;
} jl_imp;

/* Sets err to the message at w (FILE:LINE:COL for CSV; the case and
 * variable for .sav) and returns JL_EINPUT. */
int jl_imp_where_err(const jl_imp *im, jl_err *err, const jl_imp_where *w, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A problem found: with o->diag, listed (up to JL_MAX_PROBLEMS, then
 * counted), err cleared and 0 returned so that reading goes on; without,
 * rc as it is (the import stops). rc is the caller's JL_EINPUT. */
int jl_imp_problem(jl_imp *im, int rc, jl_err *err);
/* How an import that lists its problems ends: JL_EINPUT (the first in
 * err) if it found any, with those beyond the list counted in rep. */
int jl_imp_problems_end(jl_imp *im, jl_import_report *rep, jl_err *err);
/* Fills rep's figures of the area columns of r (survey/wave_areas.c):
 * unknown codes with their respondents, disagreements with the parent
 * links. */
void jl_imp_count_areas(jl_import_report *rep, jl_store *st, const jl_respondents *r,
                        jl_err *err);
/* The codes of it for a message: "1, 2, 3; missing 9". */
void jl_imp_codes_list(char *buf, size_t len, const jl_item *it);

/* An import of ncol columns; free with jl_imp_dispose. */
void jl_imp_init(jl_imp *im, jl_store *st, const jl_instrument *in, const jl_import_opts *o,
                 int sav, size_t ncol);
void jl_imp_dispose(jl_imp *im);
/* Column i is named raw in the file (before --map). */
int jl_imp_column(jl_imp *im, size_t i, const char *raw, const jl_imp_where *w, jl_err *err);
/* After the last column: what must be there is there. */
int jl_imp_columns_done(jl_imp *im, jl_err *err);
/* Starts respondent r.n with every field empty. */
void jl_imp_row(jl_imp *im);
/* Value v (after --map) of column i for the current respondent. seq is
 * the line (CSV) or case (.sav) that a duplicate id points back to. */
int jl_imp_field(jl_imp *im, size_t i, const char *v, size_t seq, const jl_imp_where *w,
                 jl_err *err);
/* After the last respondent: at least one, then jl_wave_store. */
int jl_imp_finish(jl_imp *im, jl_import_report *rep, jl_err *err);

/* wave_sav.c: the import of an SPSS .sav file. */
int jl_wave_import_sav(jl_import_report *rep, jl_store *st, const jl_instrument *in,
                       const jl_import_opts *o, jl_err *err);

#endif
