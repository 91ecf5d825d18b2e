/*
 * A choropleth map of a division as inline SVG (issue 19), for any page
 * that colours areas by a figure: the start page and the factor page
 * (survey shares from a release), the indicator and cluster pages.
 *
 * The shapes come from the view (view/map.h: projected, simplified for
 * the screen), the classes from jl_map_breaks (equal steps of a round
 * size), the colours from ColorBrewer's YlGnBu, a sequential palette
 * that colour-blind readers and greyscale prints still read in order.
 * Each class carries its number on the areas large enough to hold it, so
 * the map reads without colour too; each area is a link to its page with
 * a title (its name and figure with its interval, or why there is none:
 * a hidden figure is words, never a number). Below the map: the legend
 * and, where areas in different colours have overlapping intervals, a
 * note saying so. The table beside the map is the caller's
 * (jl_web_map_table gives a plain one).
 */
#ifndef JL_WEB_MAP_H
#define JL_WEB_MAP_H

#include "web/http.h"

typedef struct jl_map_item {
    const char *code; /* the area's code in the division */
    const char *name; /* its name, or NULL: the stored one */
    double value;     /* NaN with why */
    double lo, hi;    /* its 95 % interval; NaN when it has none */
    const char *why;  /* the words instead of a number (hidden, missing), or NULL */
    int cat;          /* with categories: its category, -1 for none */
} jl_map_item;

/* A map of categories instead of classes of a number (the clusters of
 * the segregation page): each with its words, its fill, and whether the
 * fill is dark (its number is then written in white). */
typedef struct jl_map_cat {
    const char *label;
    const char *fill;
    int dark;
} jl_map_cat;

typedef struct jl_map_spec {
    const char *division;
    const char *what;     /* what the colours show (the figure's name), plain text */
    const char *col;      /* the table's heading of the figures ("Share, %"), or NULL: what */
    const char *unit;     /* written after each number ("%"), or "" */
    int decimals;         /* of each number */
    const jl_map_item *items;
    size_t n;             /* the division's other areas have no figure */
    const char *id;       /* a prefix for the page's element ids, unique on the page */
    const char *reading;  /* how to read the colours ("a higher share is worse"), or NULL */
    const jl_map_cat *cats; /* NULL: classes of the items' values; else the items' cat */
    size_t ncats;
} jl_map_spec;

/* Writes the map with its legend and note into b. Returns 200, or 404
 * when no area of the division has a shape (b then holds a sentence
 * saying so), or 503. */
int jl_web_map(jl_buf *b, jl_req *rq, const jl_map_spec *m);

/* The map's figures as a table (its text alternative): each area a link
 * to its page, its figure and interval, or the words of why not; in the
 * order of m->items. caption is plain text. */
void jl_web_map_table(jl_buf *b, jl_req *rq, const jl_map_spec *m, const char *caption);

#endif
