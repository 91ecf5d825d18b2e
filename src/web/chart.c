/*
 * Line charts and the concentration curve as SVG (web/chart.h). Text goes
 * through web/html.h; numbers in the page's language (jl_page_num).
 */
#include "web/chart.h"
#include "web/html.h"
#include "web/page.h"

#include <math.h>
#include <stdio.h>

/* The plot area within the viewBox. */
#define W 560
#define H 300
#define L 64
#define R 170
#define T 16
#define B 40

/* A round step for about five ticks over span. */
static double tick_step(double span)
{
    double raw = span / 5, mag = pow(10, floor(log10(raw))), f = raw / mag;

    if (f <= 1)
        return mag;
    if (f <= 2)
        return 2 * mag;
    if (f <= 5)
        return 5 * mag;
    return 10 * mag;
}

static void range_of(double *lo, double *hi, const jl_chart_line *lines, size_t nlines,
                     size_t nx)
{
    size_t i, k;

    *lo = INFINITY;
    *hi = -INFINITY;
    for (k = 0; k < nlines; k++)
        for (i = 0; i < nx; i++)
            if (isfinite(lines[k].y[i])) {
                *lo = fmin(*lo, lines[k].y[i]);
                *hi = fmax(*hi, lines[k].y[i]);
            }
    if (!isfinite(*lo)) {
        *lo = 0;
        *hi = 1;
    }
    /* 0 on the axis when the data are not far from it. */
    if (*lo > 0 && *lo < (*hi - *lo) * 2)
        *lo = 0;
    if (*hi == *lo)
        *hi = *lo + (*lo ? fabs(*lo) * 0.1 : 1);
}

static double px(size_t i, size_t nx)
{
    return nx > 1 ? L + (double)i * (W - L - R) / (double)(nx - 1) : L + (W - L - R) / 2.0;
}

static void axes(jl_buf *b, const char *const *xlab, size_t nx, double lo, double hi,
                 double step, int decimals)
{
    double v;
    size_t i, every = nx > 8 ? (nx + 7) / 8 : 1;

    for (v = ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
        double y = H - B - (v - lo) / (hi - lo) * (H - T - B);

        jl_buf_printf(b, "<path class=\"grid\" d=\"M%d %.1fH%d\"/>", L, y, W - R);
        jl_buf_printf(b, "<text class=\"yaxis\" x=\"%d\" y=\"%.1f\">", L - 6, y + 4);
        jl_page_num(b, v, decimals > 1 ? decimals : (step < 1 ? 1 : 0));
        jl_buf_puts(b, "</text>");
    }
    for (i = 0; i < nx; i += every) {
        jl_buf_printf(b, "<text class=\"axis\" x=\"%.1f\" y=\"%d\">", px(i, nx), H - B + 18);
        jl_html_text(b, xlab[i]);
        jl_buf_puts(b, "</text>");
    }
    jl_buf_printf(b, "<path class=\"frame\" d=\"M%d %dV%dH%d\"/>\n", L, T, H - B, W - R);
}

/* Markers differ by shape: circle, square, diamond, triangle, ... */
static void marker(jl_buf *b, size_t k, double x, double y)
{
    switch (k % 4) {
    case 0:
        jl_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\"/>", x, y);
        break;
    case 1:
        jl_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\"/>", x - 4, y - 4);
        break;
    case 2:
        jl_buf_printf(b, "<path d=\"M%.1f %.1fl5 5l-5 5l-5 -5z\"/>", x, y - 5);
        break;
    default:
        jl_buf_printf(b, "<path d=\"M%.1f %.1fl5 9h-10z\"/>", x, y - 5);
    }
}

/* A line's name at its end, cut to what fits right of the plot (the
 * table beside the chart has it whole, and so has each point's title). */
static void end_label(jl_buf *b, const char *s)
{
    size_t i = 0, chars = 0;

    while (s[i] && chars < 18) {
        i++;
        while ((s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    jl_html_textn(b, s, i);
    if (s[i])
        jl_buf_puts(b, "…");
}

static void one_line(jl_buf *b, const char *const *xlab, size_t nx, const jl_chart_line *ln,
                     size_t k, double lo, double hi, int decimals, const double *label_y)
{
    size_t i, last = nx;
    int pen = 0;

    jl_buf_printf(b, "<g class=\"ln ln%zu\"><path class=\"line\" d=\"", k);
    for (i = 0; i < nx; i++) {
        double y = H - B - (ln->y[i] - lo) / (hi - lo) * (H - T - B);

        if (!isfinite(ln->y[i])) {
            pen = 0;
            continue;
        }
        jl_buf_printf(b, "%s%.1f %.1f", pen ? "L" : "M", px(i, nx), y);
        pen = 1;
        last = i;
    }
    jl_buf_puts(b, "\"/>");
    for (i = 0; i < nx; i++) {
        double y = H - B - (ln->y[i] - lo) / (hi - lo) * (H - T - B);

        if (!isfinite(ln->y[i]))
            continue;
        jl_buf_puts(b, "<g class=\"pt\"><title>");
        jl_html_text(b, ln->label);
        jl_buf_puts(b, ", ");
        jl_html_text(b, xlab[i]);
        jl_buf_puts(b, ": ");
        jl_page_num(b, ln->y[i], decimals);
        jl_buf_puts(b, "</title>");
        marker(b, k, px(i, nx), y);
        jl_buf_puts(b, "</g>");
    }
    if (last < nx) {
        double y = H - B - (ln->y[last] - lo) / (hi - lo) * (H - T - B);

        (void)y;
        jl_buf_printf(b, "<text class=\"end\" x=\"%.1f\" y=\"%.1f\">", px(nx - 1, nx) + 10,
                      label_y[k]);
        end_label(b, ln->label);
        jl_buf_puts(b, "</text>");
    }
    jl_buf_puts(b, "</g>\n");
}

/* Where each line's name goes at its end: beside its last point, moved
 * down until names are at least a line apart. */
static void end_labels(double *ly, const jl_chart_line *lines, size_t nlines, size_t nx,
                       double lo, double hi)
{
    size_t k, j, ord[JL_CHART_MAX_LINES];

    for (k = 0; k < nlines; k++) {
        size_t i, last = 0;

        for (i = 0; i < nx; i++)
            if (isfinite(lines[k].y[i]))
                last = i;
        ly[k] = H - B - (lines[k].y[last] - lo) / (hi - lo) * (H - T - B) + 4;
        if (!isfinite(ly[k]))
            ly[k] = T;
        ord[k] = k;
    }
    for (k = 1; k < nlines; k++)
        for (j = k; j > 0 && ly[ord[j]] < ly[ord[j - 1]]; j--) {
            size_t t = ord[j];

            ord[j] = ord[j - 1];
            ord[j - 1] = t;
        }
    for (k = 1; k < nlines; k++)
        if (ly[ord[k]] < ly[ord[k - 1]] + 15)
            ly[ord[k]] = ly[ord[k - 1]] + 15;
}

/* The lines' names with their dash and marker below the chart: shown
 * on a phone instead of the names at the lines' ends, which would not
 * fit the narrow chart at a readable size (jamlik.css). */
static void key(jl_buf *b, const jl_chart_line *lines, size_t nlines)
{
    size_t k;

    jl_buf_puts(b, "<ul class=\"lines-key\">");
    for (k = 0; k < nlines; k++) {
        jl_buf_printf(b, "<li class=\"ln ln%zu\"><svg class=\"sw\" viewBox=\"0 0 32 14\" "
                         "aria-hidden=\"true\"><path class=\"line\" d=\"M0 7H32\"/>"
                         "<g class=\"pt\">", k);
        marker(b, k, 16, 7);
        jl_buf_puts(b, "</g></svg> ");
        jl_html_text(b, lines[k].label);
        jl_buf_puts(b, "</li>");
    }
    jl_buf_puts(b, "</ul>\n");
}

void jl_chart_lines(jl_buf *b, const char *aria, const char *const *xlab, size_t nx,
                    const jl_chart_line *lines, size_t nlines, int decimals)
{
    double lo, hi, step, ly[JL_CHART_MAX_LINES];
    size_t k;

    if (nlines > JL_CHART_MAX_LINES)
        nlines = JL_CHART_MAX_LINES;
    range_of(&lo, &hi, lines, nlines, nx);
    step = tick_step(hi - lo);
    lo = floor(lo / step) * step;
    hi = ceil(hi / step) * step;
    jl_buf_printf(b, "<svg class=\"lines\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", W, H);
    jl_html_attr(b, aria);
    jl_buf_puts(b, "\">\n");
    axes(b, xlab, nx, lo, hi, step, decimals);
    end_labels(ly, lines, nlines, nx, lo, hi);
    for (k = 0; k < nlines; k++)
        one_line(b, xlab, nx, &lines[k], k, lo, hi, decimals, ly);
    jl_buf_puts(b, "</svg>\n");
    key(b, lines, nlines);
}

void jl_chart_curve(jl_buf *b, const char *aria, const double *cum_w, const double *cum_x,
                    size_t n, const char *xt, const char *yt, const char *diag_label)
{
    const int S = 300, M = 56, side = S - 2 * M + 40;
    size_t i;
    int p;

    jl_buf_printf(b, "<svg class=\"curve\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
                  S + 40, S);
    jl_html_attr(b, aria);
    jl_buf_puts(b, "\">\n");
    for (p = 0; p <= 100; p += 25) {
        double x = M + p / 100.0 * side, y = S - M - p / 100.0 * (S - 2 * M);

        jl_buf_printf(b, "<path class=\"grid\" d=\"M%.1f %dV%d\"/>", x, M, S - M);
        jl_buf_printf(b, "<path class=\"grid\" d=\"M%d %.1fH%d\"/>", M, y, M + side);
        jl_buf_printf(b, "<text class=\"axis\" x=\"%.1f\" y=\"%d\">", x, S - M + 16);
        jl_page_num(b, p / 100.0, p % 100 ? 2 : 0);
        jl_buf_printf(b, "</text><text class=\"yaxis\" x=\"%d\" y=\"%.1f\">", M - 6, y + 4);
        jl_page_num(b, p / 100.0, p % 100 ? 2 : 0);
        jl_buf_puts(b, "</text>");
    }
    jl_buf_printf(b, "<text class=\"axis\" x=\"%.1f\" y=\"%d\">", M + side / 2.0, S - M + 36);
    jl_html_text(b, xt);
    jl_buf_printf(b, "</text><text class=\"ytitle\" x=\"%d\" y=\"%d\">", 4, M - 24);
    jl_html_text(b, yt);
    jl_buf_printf(b, "</text>\n<path class=\"diag\" d=\"M%d %dL%d %d\"/>", M, S - M, M + side, M);
    jl_buf_printf(b, "<text class=\"end\" x=\"%.1f\" y=\"%.1f\">", M + side * 0.08,
                  S - M - 0.42 * (S - 2 * M));
    jl_html_text(b, diag_label);
    jl_buf_puts(b, "</text>\n<path class=\"cc\" d=\"");
    for (i = 0; i < n; i++)
        jl_buf_printf(b, "%s%.1f %.1f", i ? "L" : "M", M + cum_w[i] * side,
                      S - M - cum_x[i] * (S - 2 * M));
    jl_buf_puts(b, "\"/>\n</svg>\n");
}
