/*
 * Every limit of jamlik, in one place, with the reason it is what it is
 * (SQLite's sqliteLimit.h is the model).
 *
 * A limit exists so that a malformed or hostile input fails with a message
 * instead of exhausting the stack, memory or time, or being cut short
 * without a word. Real inputs are far below each of them: the reasons say
 * by how much. Reaching a limit is an error (JL_ELIMIT) that names the
 * limit and its value (jl_limit_len and the messages that use these
 * macros): never a silent cut.
 *
 * 2026-12-04: first gathered here from the importers, after a week of
 * hand-written hostile inputs (issue 15). A limit that moves must keep its
 * name; the broken-input corpora (tests/e2e/2*-broken-*.sh) reach each.
 */
#ifndef JL_CORE_LIMITS_H
#define JL_CORE_LIMITS_H

#include <stddef.h>

#include "core/err.h"

/* ---- names and codes ---- */

/* Identifiers people choose: indicators, divisions, instruments, items,
 * scales, waves, groups, indices, cut-off sets. The longest in Göteborg's,
 * Malmö's and SCB's material is under 40 bytes; stored keys and messages
 * stay readable at 64. */
#define JL_MAX_ID 64

/* Codes that come with data: area codes (DeSO 9 bytes, RegSO 10),
 * periods, sexes, breakdowns and JSON-stat category codes (SCB's longest
 * seen: 22 bytes). 128 leaves room for codes built from two parts. */
#define JL_MAX_CODE 128

/* Names and titles shown to people (area names, indicator titles). */
#define JL_MAX_NAME 512

/* ---- text and tables ---- */

/* A whole input file. A survey wave of a large Swedish city is well under
 * 1 GiB as CSV. */
#define JL_TEXT_MAX ((size_t)2 << 30)

/* One CSV field: an SPSS string variable holds at most 32,767 bytes; a
 * longer field is a broken file (a lost closing quote), refused by its
 * position. */
#define JL_CSV_FIELD_MAX (1u << 20)

/* Fields in one CSV record: a real survey export has a few hundred
 * columns, SCB's widest tables about 200. */
#define JL_CSV_FIELDS_MAX 10000u

/* A logical line of a stanza file (instrument, indicator definitions,
 * maps) with its continuation lines joined: the longest real value, a
 * formula or an item's text, is under 2 KiB. */
#define JL_MAX_KV_VALUE (1u << 20)

/* ---- instruments ---- */

/* Items of one instrument: Stockholmsenkäten has about 120 questions, the
 * CTC Youth Survey 121-142 items. */
#define JL_MAX_ITEMS 2000

/* Answer codes of one item: answers are stored as one byte per item. */
#define JL_MAX_CODES 250

/* Scales (indices, risk and protective factors) of one instrument: RISE
 * has 7, the CTC Youth Survey 37. */
#define JL_MAX_SCALES 200

/* Items of one scale: the longest real index has 12. */
#define JL_MAX_SCALE_ITEMS 64

/* Cut-offs of one scale: each respondent-scale status is one byte, bit 0
 * scored and one bit per cut-off. */
#define JL_MAX_CUTOFFS_SCALE 7

/* ---- surveys ---- */

/* Validity screens of one instrument: each is counted in the import
 * report and stored per wave. Real instruments have 2 to 4. */
#define JL_MAX_SCREENS 32

/* Area columns of one survey file (primärområde, mellanområde, DeSO,
 * RegSO, school district...): a wave's divisions are kept in one field. */
#define JL_MAX_AREA_COLUMNS 8

/* ---- divisions ---- */

/* Divisions (area levels) in one database: Göteborg uses about eight
 * (primär-, mellan- and stadsområden, DeSO and RegSO of two vintages,
 * school districts). */
#define JL_MAX_DIVISIONS 64

/* Steps up the divisions' parent links (primärområde -> mellanområde ->
 * stadsområde -> kommun is three); more is a loop of parents. */
#define JL_MAX_PARENT_DEPTH 8

/* ---- formulas ---- */

/* Nesting of parentheses and unary minus in an indicator formula. The
 * parser recurses once per level, and a stack of 8 MiB holds far more; a
 * real formula nests 3 deep. */
#define JL_MAX_FORMULA_DEPTH 64

/* Indicators a formula may name (its leaves), each resolved through the
 * store when the formula is evaluated. The longest real formula names 4. */
#define JL_MAX_FORMULA_LEAVES 32

/* Values the formula evaluator holds at once (its stack): each level of
 * parentheses can leave two operands waiting (a + b * (...)), so twice
 * the depth and the top level's three. The parser refuses a formula that
 * would need more, so that no formula is accepted and then evaluates to
 * missing everywhere. */
#define JL_MAX_FORMULA_STACK (2 * JL_MAX_FORMULA_DEPTH + 3)

/* A formula's text, as stored and shown: JL_MAX_FORMULA_LEAVES ids of
 * JL_MAX_ID bytes with their operators fit; a real formula is under 100
 * bytes. */
#define JL_MAX_FORMULA_LEN 4096

/* Indicators one composite index combines (index build --from): SCB's
 * and Göteborg's indices use 3 to 5; a bit mask per index holds them. */
#define JL_MAX_INDEX_PARTS 8

/* Waves one profile shows side by side (profile --wave A,B,...): a survey
 * every second year gives five in a decade; every wave's cell table is
 * held at once, and ten still make a table one can read. */
#define JL_MAX_WAVES_COMPARED 10

/* ---- JSON-stat, PxWeb and Kolada ---- */

/* Dimensions of a JSON-stat cube or PxWeb table: SCB's tables have at most
 * 6; PxWeb itself allows no more than 20. */
#define JL_MAX_JSON_DIMS 32

/* Cells of a JSON-stat cube or PxWeb answer (the product of the sizes).
 * SCB's API answers at most 150,000 cells per query, Kolada at most 5,000
 * values per page. Reading costs about 270 bytes a cell (measured
 * 2026-12-04: 10 million cells took 2.7 GB), so 2 million keeps one
 * import under about 600 MB, still 13 times SCB's largest answer. */
#define JL_MAX_CUBE_CELLS 2000000u

#ifdef JL_FUZZING
/* A fuzzer builds a cube of millions of valid cells in 10 KB of JSON-stat
 * (an object of values over three dimensions), and reading it takes a
 * minute under ASan: slow by design, not a fault. Fuzzing builds (meson
 * -Dfuzz=true) refuse such a cube sooner, by the same code; the e2e tests
 * reach the real limit. */
#undef JL_MAX_CUBE_CELLS
#define JL_MAX_CUBE_CELLS 200000u
#endif

/* ---- geometry and weights ---- */

/* Cells of the point grid that finds neighbours within a distance band.
 * The grid has about one cell per point; a band so small against the
 * extent that it would need more cells is refused. */
#define JL_MAX_GRID_CELLS 100000000u

/* ---- the command line ---- */

/* Arguments of one command (options and their values). */
#define JL_MAX_ARGS 1000

/* Problems an import lists at once (survey import, survey check): enough
 * to see every kind of mistake in a file, few enough to read; the rest
 * are counted ("and N more"). */
#define JL_MAX_PROBLEMS 100

/*
 * If s is longer than max bytes, sets err to "expected WHAT of at most MAX
 * bytes, found LEN bytes (limit NAME)" at file:line:col and returns
 * JL_ELIMIT; otherwise JL_OK. what is a translated noun phrase ("an area
 * code"); name the macro's name ("JL_MAX_CODE").
 */
int jl_limit_len(const char *s, size_t max, const char *what, const char *name, const char *file,
                 long line, long col, jl_err *err);

#endif
