/*
 * Charts as inline SVG for the indicator and segregation pages (issue
 * 19): lines over periods and the concentration curve. They draw numbers
 * a view returned; the page puts the same numbers in a table beside each
 * chart (its text alternative). Lines differ by dash and marker as well
 * as colour, and each is named at its end, so no chart needs colour to be
 * read. No script, no inline style (the CSP): classes of jamlik.css.
 */
#ifndef JL_WEB_CHART_H
#define JL_WEB_CHART_H

#include <stddef.h>

#include "core/buf.h"

/* At most this many lines in one chart (the styles of jamlik.css). */
#define JL_CHART_MAX_LINES 6

typedef struct jl_chart_line {
    const char *label; /* plain text, escaped here */
    const double *y;   /* one per x label; NaN: no point (the line breaks) */
} jl_chart_line;

/* Lines over the nx labels of the x axis (periods), y from the data's
 * range (with 0 when it is near); decimals for the axis and the points'
 * titles. aria is the chart's accessible name. */
void jl_chart_lines(jl_buf *b, const char *aria, const char *const *xlab, size_t nx,
                    const jl_chart_line *lines, size_t nlines, int decimals);

/* The concentration curve through the n points (cum_w, cum_x), both
 * from 0 to 1, with the diagonal of equality; axis titles xt and yt. */
void jl_chart_curve(jl_buf *b, const char *aria, const double *cum_w, const double *cum_x,
                    size_t n, const char *xt, const char *yt, const char *diag_label);

#endif
