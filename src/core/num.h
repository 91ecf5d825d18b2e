/*
 * Numbers in and out. jl_fmt_num is the one place that decides how a
 * number is shown: in tables with a fixed number of decimals and the
 * Swedish decimal comma (when the language is Swedish); in CSV and JSON
 * with a decimal point and the shortest digits that read back exactly.
 * Parsing accepts a decimal point or a decimal comma. Thread-safe.
 */
#ifndef JL_CORE_NUM_H
#define JL_CORE_NUM_H

#include <stddef.h>

/* Shortest "%.Ng" (N = 1..17) that strtod reads back to exactly v.
 * NaN and infinities are written as "". Returns out. */
char *jl_fmt_exact(char *out, size_t len, double v);

/* v with `decimals` decimals, decimal comma in Swedish, a minus sign
 * "−" (U+2212) is not used: plain '-' keeps tables copyable. */
char *jl_fmt_fixed(char *out, size_t len, double v, int decimals);

/* Parses a whole string as a double: optional sign, digits, one '.' or
 * ',' as decimal mark, optional exponent. No spaces. Returns 0 or -1. */
int jl_parse_double(double *out, const char *s);

/* Parses a whole string as a long integer; "3,0" and "3.0" are accepted
 * as 3 (spreadsheets write codes that way). Returns 0 or -1. */
int jl_parse_long(long *out, const char *s);

#endif
