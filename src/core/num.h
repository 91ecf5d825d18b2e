/*
 * Numbers in and out. jl_fmt_num is the one place that decides how a
 * number is shown: in tables and prose with a fixed number of decimals,
 * the Swedish decimal comma and thousands apart (when the language is
 * Swedish); in CSV and JSON
 * with a decimal point and the shortest digits that read back exactly.
 * Parsing accepts a decimal point or a decimal comma. Thread-safe.
 */
#ifndef JL_CORE_NUM_H
#define JL_CORE_NUM_H

#include <stddef.h>

/* Shortest "%.Ng" (N = 1..17) that strtod reads back to exactly v.
 * NaN and infinities are written as "". Returns out. */
char *jl_fmt_exact(char *out, size_t len, double v);

/* v with `decimals` decimals as people read it: in Swedish a decimal
 * comma and a narrow no-break space (U+202F, three bytes) between
 * thousands ("1 030,7", "604 616"); in English "1,030.7". A minus sign
 * "−" (U+2212) is not used: plain '-' keeps tables copyable. */
char *jl_fmt_fixed(char *out, size_t len, double v, int decimals);

/* v as "%g" writes it (six significant digits, an exponent only for the
 * very small or large), with a decimal comma in Swedish: for numbers in
 * prose that have no fixed number of decimals ("inom 0,5 m"). */
char *jl_fmt_g(char *out, size_t len, double v);

/* Parses a whole string as a double: optional sign, digits, one '.' or
 * ',' as decimal mark, optional exponent. No spaces. Returns 0 or -1. */
int jl_parse_double(double *out, const char *s);

/* Parses a whole string as a long integer; "3,0" and "3.0" are accepted
 * as 3 (spreadsheets write codes that way). Returns 0 or -1. */
int jl_parse_long(long *out, const char *s);

#endif
