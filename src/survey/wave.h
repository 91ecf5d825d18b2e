/*
 * Importing a survey wave: CSV (UTF-8 with or without BOM, Windows-1252 or
 * Latin-1; ',' or ';'; quoted fields; decimal comma) and SPSS .sav through
 * ReadStat, validated against the instrument, screened for validity, and
 * stored in one transaction: all or nothing.
 */
#ifndef JL_SURVEY_WAVE_H
#define JL_SURVEY_WAVE_H

#include <stddef.h>

#include "core/diag.h"
#include "core/progress.h"
#include "core/text.h"
#include "store/store.h"
#include "survey/instrument.h"
#include "survey/mapping.h"

/* The school years jamlik knows, in order: 6-9 of grundskolan and the
 * first three years of gymnasiet. */
#define JL_NGRADES 7
const char *jl_grade_name(int g);
/* Parses "6".."9", "gy1".."gy3" (any case, "GY 1" too); -1 if not. */
int jl_grade_parse(const char *s);
#define JL_NSEXES 2
const char *jl_sex_name(int s); /* "K", "M" */
/* What a sex answer means, in the words questionnaires use, whatever
 * their case: 0 a girl (K, flicka, tjej ...), 1 a boy (M, pojke, kille
 * ...), JL_SEX_OTHER another answer (annat, ickebinär, vill inte svara
 * ...: counted in every total and in no breakdown by sex), JL_SEX_BLANK
 * nothing, JL_SEX_UNKNOWN none of these. */
#define JL_SEX_OTHER 2
#define JL_SEX_BLANK (-1)
#define JL_SEX_UNKNOWN (-2)
int jl_sex_parse(const char *s);

typedef struct jl_import_opts {
    const char *path;        /* the file */
    const char *instrument;  /* instrument id */
    const char *wave;        /* wave name */
    const char *date;        /* YYYY-MM-DD or NULL */
    jl_encoding enc;
    const char *areas;       /* comma-separated area columns, or NULL: known divisions */
    const jl_mapping *map;   /* or NULL */
    int synthetic;           /* label the wave synthetic */
    int strict;              /* a column the instrument does not know is an error, not left
                                aside */
    jl_diag *diag;           /* or NULL: stop at the first problem; else every problem, up to
                                JL_MAX_PROBLEMS, goes here (the rest are counted in the
                                report) and the import fails with JL_EINPUT after reading it
                                all */
    int check_only;          /* read and check everything, write nothing */
    int replace;             /* a wave of the same name and instrument is replaced, in the
                                same transaction */
    const jl_progress *progress; /* or NULL: how far reading and saving got */
} jl_import_opts;

#define JL_UNKNOWN_LISTED 10

typedef struct jl_import_report {
    long wave_id;
    /* a replace: what the new revision added and removed (change.revision
     * is the new one) */
    int replaced;
    jl_wave_change change;
    size_t n_read, n_imported, n_excluded;
    size_t nscreens;
    size_t screen_n[JL_MAX_SCREENS];
    char screen_id[JL_MAX_SCREENS][JL_MAX_ID + 1];
    size_t ndiv;
    char div[JL_MAX_AREA_COLUMNS][JL_MAX_ID + 1];
    size_t div_unknown_codes[JL_MAX_AREA_COLUMNS], div_unknown_resp[JL_MAX_AREA_COLUMNS],
        div_missing[JL_MAX_AREA_COLUMNS];
    /* The unknown codes with most respondents first: "101 (12), 102 (7)"
     * (up to JL_UNKNOWN_LISTED, then "..."). */
    char div_unknown_list[JL_MAX_AREA_COLUMNS][JL_UNKNOWN_LISTED * (JL_MAX_CODE + 12) + 8];
    /* Respondents whose area of division i lies, by the stored parent
     * links, in another area of the file's column div_parent[i] than the
     * one they answered (div_parent[i] < 0: no parent column in the file),
     * and the first of them. */
    long div_parent[JL_MAX_AREA_COLUMNS];
    size_t div_disagree[JL_MAX_AREA_COLUMNS];
    char div_disagree_first[JL_MAX_AREA_COLUMNS][JL_MAX_ID + 2 * JL_MAX_CODE + 16];
    size_t n_sex_other;  /* respondents whose sex is another answer than girl or boy */
    size_t problems_more; /* problems found beyond the JL_MAX_PROBLEMS listed */
    size_t nleft;        /* columns left aside: not known to the instrument */
    size_t nskipped;     /* columns the map's skip: lines left aside */
    char left[1024];     /* the first of those left aside, ", "-separated (with "..." when
                            more did not fit) */
    char encoding[64]; /* the file's character encoding */
    const char *format;
    char delim;
} jl_import_report;

/* Imports the file (by extension: .sav is SPSS, anything else CSV). */
/* Deletes the wave name (of instrument, if not NULL) with its respondents,
 * in one transaction; *info says what was deleted. */
int jl_wave_delete(jl_wave_info *info, jl_store *st, const char *name, const char *instrument,
                   jl_err *err);
int jl_wave_import(jl_import_report *rep, jl_store *st, const jl_instrument *in,
                   const jl_import_opts *o, jl_err *err);

/* The import of already-parsed respondents (the synthetic generator and
 * the .sav reader hand batches here): screens, unknown-area counts and
 * one transaction. divisions: the area columns, tab-separated. */
int jl_wave_store(jl_import_report *rep, jl_store *st, const jl_instrument *in,
                  const jl_import_opts *o, const char *divisions, jl_respondents *r,
                  jl_err *err);

/* 1 if s is a real calendar date YYYY-MM-DD (1900-2999), else 0. */
int jl_wave_date_valid(const char *s);

/* Default date of a wave: 1 January of a year-like name ("2024",
 * "2024-ht"); JL_EINPUT if the name is not year-like. */
int jl_wave_default_date(char *out, size_t len, const char *name, jl_err *err);

#endif
