/*
 * A choropleth map of a division as inline SVG (web/map.h). Renders what
 * view/map.h returns; computes no figure.
 */
#include "web/map.h"
#include "web/html.h"
#include "web/page.h"
#include "view/map.h"
#include "core/alloc.h"

#include <stdlib.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The map's box is MAP_W units wide (the SVG scales to its column);
 * shapes are simplified so that no vertex moves more than MAP_TOL units,
 * under a pixel at any width the page gives the map. */
#define MAP_W 640.0
#define MAP_TOL 0.6
#define MAP_MAXCLS 5
/* An area whose shape is at least this many units across in both
 * directions carries its class's number. */
#define MAP_LABEL_SIZE 16.0

/* ColorBrewer YlGnBu (Cynthia Brewer, colorbrewer2.org: colour-blind
 * safe, print friendly), light to dark; fewer classes take a spread. */
static const char *const palette[MAP_MAXCLS] = {"#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8",
                                                "#253494"};

static int pal_of(int cls, size_t ncls)
{
    if (ncls <= 1)
        return 2;
    return (int)lround((double)cls * (MAP_MAXCLS - 1) / (double)(ncls - 1));
}

/* The class (or category) an item is coloured by, -1 for none. */
static int cls_of(const jl_map_spec *m, const jl_map_item *it, const double *br, size_t ncls)
{
    if (!it || it->why)
        return -1;
    if (m->ncats)
        return it->cat >= 0 && (size_t)it->cat < m->ncats ? it->cat : -1;
    return isfinite(it->value) ? jl_map_class(br, ncls, it->value) : -1;
}

static const char *fill_of(const jl_map_spec *m, int cls, size_t ncls)
{
    return m->ncats ? m->cats[cls].fill : palette[pal_of(cls, ncls)];
}

static int dark_of(const jl_map_spec *m, int cls, size_t ncls)
{
    return m->ncats ? m->cats[cls].dark : pal_of(cls, ncls) >= 3;
}

static const jl_map_item *item_of(const jl_map_spec *m, const char *code)
{
    size_t i;

    for (i = 0; i < m->n; i++)
        if (!strcmp(m->items[i].code, code))
            return &m->items[i];
    return NULL;
}

/* "23,4 % (95 % interval 20,1–26,8)" */
static void figure_text(jl_buf *b, const jl_map_spec *m, const jl_map_item *it)
{
    if (!it) {
        jl_html_text(b, _("no figure"));
        return;
    }
    if (it->why || (isnan(it->value) && !m->ncats)) {
        jl_html_text(b, it->why ? it->why : _("no figure"));
        return;
    }
    if (m->ncats && it->cat >= 0 && (size_t)it->cat < m->ncats) {
        jl_html_text(b, m->cats[it->cat].label);
        if (isnan(it->value))
            return;
        jl_buf_puts(b, ", ");
    }
    jl_page_num(b, it->value, m->decimals);
    if (*m->unit) {
        jl_buf_puts(b, " ");
        jl_html_text(b, m->unit);
    }
    if (!isnan(it->lo) && !isnan(it->hi)) {
        jl_buf_puts(b, " (");
        jl_html_text(b, _("95 % interval"));
        jl_buf_puts(b, " ");
        jl_page_num(b, it->lo, m->decimals);
        jl_buf_puts(b, "–");
        jl_page_num(b, it->hi, m->decimals);
        jl_buf_puts(b, ")");
    }
}

static int shown(const jl_map_item *it)
{
    return it && !it->why && isfinite(it->value);
}

static const char *name_of(const jl_map_item *it, const jl_view_map_area *a)
{
    if (it && it->name && *it->name)
        return it->name;
    return *a->name ? a->name : a->code;
}

static void area_path(jl_buf *b, jl_req *rq, const jl_map_spec *m, const jl_view_map_area *a,
                      const double *br, size_t ncls)
{
    const jl_map_item *it = item_of(m, a->code);
    const char *const seg[3] = {"omrade", m->division, a->code};
    int cls = cls_of(m, it, br, ncls);

    jl_buf_puts(b, "<a href=\"");
    jl_page_href(b, rq, seg, 3);
    /* the title, the link's first child, is its accessible name and the
     * tooltip of a mouse */
    jl_buf_puts(b, "\"><title>");
    jl_html_text(b, name_of(it, a));
    jl_buf_puts(b, ": ");
    figure_text(b, m, it);
    jl_buf_puts(b, "</title><path d=\"");
    jl_buf_puts(b, a->path);
    if (cls >= 0)
        jl_buf_printf(b, "\" class=\"area\" fill=\"%s\"/>", fill_of(m, cls, ncls));
    else if (it)
        jl_buf_printf(b, "\" class=\"area hidden\" fill=\"url(#%s-hid)\"/>", m->id);
    else
        jl_buf_puts(b, "\" class=\"area none\" fill=\"#d9d9d9\"/>");
    jl_buf_puts(b, "</a>\n");
}

/* The class's number on areas large enough to hold it: the map reads
 * without colour, with the legend. */
static void labels(jl_buf *b, const jl_map_spec *m, const jl_view_map *g, const double *br,
                   size_t ncls)
{
    size_t i;

    jl_buf_puts(b, "<g class=\"mlbl\" aria-hidden=\"true\">");
    for (i = 0; i < g->n; i++) {
        const jl_map_item *it = item_of(m, g->a[i].code);
        int cls = cls_of(m, it, br, ncls);

        if (cls < 0 || g->a[i].size < MAP_LABEL_SIZE || isnan(g->a[i].lx))
            continue;
        jl_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\"%s>%d</text>", g->a[i].lx,
                      g->a[i].ly + 5, dark_of(m, cls, ncls) ? " class=\"on-dark\"" : "",
                      cls + 1);
    }
    jl_buf_puts(b, "</g>\n");
}

static void swatch(jl_buf *b, const char *fill, const char *text, int dark)
{
    jl_buf_printf(b, "<li><svg class=\"sw\" viewBox=\"0 0 28 18\" aria-hidden=\"true\">"
                     "<rect x=\"0.5\" y=\"0.5\" width=\"27\" height=\"17\" fill=\"%s\" "
                     "stroke=\"#555\"/>", fill);
    if (text)
        jl_buf_printf(b, "<text x=\"14\" y=\"14\" class=\"%s\">%s</text>",
                      dark ? "on-dark" : "", text);
    jl_buf_puts(b, "</svg> ");
}

static void legend(jl_buf *b, const jl_map_spec *m, const double *br, size_t ncls, int hidden,
                   int none)
{
    size_t i;
    char fill[64], num[32];
    /* edges as round as the step: "10–15 %", or with the figure's decimals */
    int dec = !m->ncats && ncls && fabs(br[1] - br[0] - round(br[1] - br[0])) < 1e-9 &&
                      fabs(br[0] - round(br[0])) < 1e-9
                  ? 0
                  : m->decimals;

    jl_buf_puts(b, "<ul class=\"map-legend\">\n");
    for (i = 0; i < m->ncats; i++) {
        snprintf(num, sizeof num, "%zu", i + 1);
        swatch(b, m->cats[i].fill, num, m->cats[i].dark);
        jl_html_text(b, m->cats[i].label);
        jl_buf_puts(b, "</li>\n");
    }
    for (i = 0; !m->ncats && i < ncls; i++) {
        snprintf(num, sizeof num, "%zu", i + 1);
        swatch(b, palette[pal_of((int)i, ncls)], num, pal_of((int)i, ncls) >= 3);
        jl_page_num(b, br[i], dec);
        jl_buf_puts(b, "–");
        jl_page_num(b, br[i + 1], dec);
        if (*m->unit) {
            jl_buf_puts(b, " ");
            jl_html_text(b, m->unit);
        }
        jl_buf_puts(b, "</li>\n");
    }
    if (hidden) {
        snprintf(fill, sizeof fill, "url(#%s-hid)", m->id);
        swatch(b, fill, NULL, 0);
        jl_html_text(b, _("hidden: too few answers, or to protect other cells"));
        jl_buf_puts(b, "</li>\n");
    }
    if (none) {
        swatch(b, "#d9d9d9", NULL, 0);
        jl_html_text(b, _("no figure"));
        jl_buf_puts(b, "</li>\n");
    }
    jl_buf_puts(b, "</ul>\n");
}

/* A note where colours rank areas whose intervals overlap. */
static void overlap_note(jl_buf *b, jl_req *rq, const jl_map_spec *m, const double *br,
                         size_t ncls)
{
    double *lo = jl_arena_alloc(rq->arena, (m->n + 1) * sizeof *lo);
    double *hi = jl_arena_alloc(rq->arena, (m->n + 1) * sizeof *hi);
    int *cls = jl_arena_alloc(rq->arena, (m->n + 1) * sizeof *cls);
    size_t i, pairs, over;

    for (i = 0; i < m->n; i++) {
        const jl_map_item *it = &m->items[i];

        lo[i] = it->lo;
        hi[i] = it->hi;
        cls[i] = shown(it) && !isnan(it->lo) ? jl_map_class(br, ncls, it->value) : -1;
    }
    over = jl_map_overlaps(lo, hi, cls, m->n, &pairs);
    if (!over)
        return;
    jl_buf_puts(b, "<p class=\"note overlap\">");
    jl_html_text(b, jl_arena_printf(rq->arena,
                                    _("Of %zu pairs of areas in different colours, %zu have 95 %% "
                                      "intervals that overlap: the differences between many "
                                      "areas are within the margin of error."),
                                    pairs, over));
    jl_buf_puts(b, "</p>\n");
}

/* ---- the shapes, kept per division ----
 *
 * Simplifying a division's shapes takes GEOS tens of milliseconds (the
 * demo's 96 primary areas: 700 kB of WKB); the start page, the factor
 * pages of every scale and the indicator pages draw the same division.
 * Each worker keeps the result in its cache of answers (web/cache.h), at
 * the data version it was read at, under a key no request target can
 * have (targets start with '/'), as length-prefixed text. */

static void put_str(jl_buf *b, const char *s)
{
    jl_buf_printf(b, "%zu:", strlen(s));
    jl_buf_puts(b, s);
}

static void put_num(jl_buf *b, double v)
{
    jl_buf_printf(b, "%.17g ", v);
}

static char *get_str(const char **p, const char *end)
{
    char *q;
    unsigned long long n = strtoull(*p, &q, 10);
    char *s;

    if (q >= end || *q != ':' || n > (unsigned long long)(end - q - 1))
        return NULL;
    s = jl_xmalloc((size_t)n + 1);
    memcpy(s, q + 1, (size_t)n);
    s[n] = 0;
    *p = q + 1 + n;
    return s;
}

static double get_num(const char **p)
{
    char *q;
    double v = strtod(*p, &q);

    *p = *q == ' ' ? q + 1 : q;
    return v;
}

static void geometry_put(jl_req *rq, const char *key, const jl_view_map *g)
{
    jl_buf b;
    size_t i;

    jl_buf_init(&b, NULL, JL_WEB_MAX_BODY);
    jl_buf_printf(&b, "%zu ", g->n);
    put_num(&b, g->width);
    put_num(&b, g->height);
    for (i = 0; i < g->n; i++) {
        put_str(&b, g->a[i].code);
        put_str(&b, g->a[i].name);
        put_str(&b, g->a[i].path);
        put_num(&b, g->a[i].lx);
        put_num(&b, g->a[i].ly);
        put_num(&b, g->a[i].size);
    }
    if (!jl_buf_err(&b))
        jl_web_cache_put(rq->cache, rq->dv, key, "geometry", b.p, b.len);
    jl_buf_dispose(&b);
}

/* The kept shapes of key into g: 1, or 0 when none (or unreadable). */
static int geometry_get(jl_view_map *g, jl_req *rq, const char *key)
{
    const char *type, *body, *p, *end;
    size_t len, i, n;
    char *q;

    memset(g, 0, sizeof *g);
    if (!rq->cache || !jl_web_cache_get(rq->cache, rq->dv, key, &type, &body, &len))
        return 0;
    p = body;
    end = body + len;
    n = (size_t)strtoull(p, &q, 10);
    p = q + 1;
    g->width = get_num(&p);
    g->height = get_num(&p);
    g->a = jl_xcalloc(n ? n : 1, sizeof *g->a);
    for (i = 0; i < n; i++, g->n++) {
        jl_view_map_area *a = &g->a[i];

        a->code = get_str(&p, end);
        a->name = a->code ? get_str(&p, end) : NULL;
        a->path = a->name ? get_str(&p, end) : NULL;
        if (!a->path) {
            g->n++;
            jl_view_map_dispose(g);
            return 0;
        }
        a->lx = get_num(&p);
        a->ly = get_num(&p);
        a->size = get_num(&p);
    }
    return 1;
}

static int geometry(jl_view_map *g, jl_req *rq, const char *division, jl_err *err)
{
    const char *key = jl_arena_printf(rq->arena, "\001map/%s", division);
    int rc;

    if (geometry_get(g, rq, key))
        return JL_OK;
    rc = jl_view_map_load(g, rq->store, division, MAP_W, MAP_TOL, err);
    if (rc == 0 && rq->cache)
        geometry_put(rq, key, g);
    return rc;
}

int jl_web_map(jl_buf *b, jl_req *rq, const jl_map_spec *m)
{
    jl_view_map g;
    jl_err e = JL_ERR_INIT;
    double *v = jl_arena_alloc(rq->arena, (m->n + 1) * sizeof *v), br[MAP_MAXCLS + 1];
    size_t i, ncls;
    int rc, hidden = 0, none = 0;

    rc = geometry(&g, rq, m->division, &e);
    if (rc == JL_ENOTFOUND) {
        jl_buf_puts(b, "<p>");
        jl_html_text(b, _("The areas of this division have no shapes to draw a map with."));
        jl_buf_puts(b, "</p>\n");
        return 404;
    }
    if (rc < 0)
        return 503;
    for (i = 0; i < m->n; i++)
        v[i] = shown(&m->items[i]) ? m->items[i].value : (double)NAN;
    ncls = m->ncats ? m->ncats : jl_map_breaks(br, MAP_MAXCLS, v, m->n);
    for (i = 0; i < g.n; i++) {
        const jl_map_item *it = item_of(m, g.a[i].code);

        hidden |= it && cls_of(m, it, br, ncls) < 0;
        none |= !it;
    }
    jl_buf_printf(b, "<figure class=\"map\" id=\"%s\">\n<figcaption id=\"%s-cap\">", m->id, m->id);
    jl_html_text(b, m->what);
    jl_buf_printf(b, "</figcaption>\n<svg viewBox=\"0 0 %.0f %.0f\" role=\"group\" "
                     "aria-labelledby=\"%s-cap\">\n",
                  g.width, g.height, m->id);
    jl_buf_printf(b, "<defs><pattern id=\"%s-hid\" width=\"6\" height=\"6\" "
                     "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                     "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>"
                     "<rect width=\"2\" height=\"6\" fill=\"#767676\"/></pattern></defs>\n",
                  m->id);
    for (i = 0; i < g.n; i++)
        area_path(b, rq, m, &g.a[i], br, ncls);
    labels(b, m, &g, br, ncls);
    jl_buf_puts(b, "</svg>\n</figure>\n");
    legend(b, m, br, ncls, hidden, none);
    if (m->reading) {
        jl_buf_puts(b, "<p class=\"legend\">");
        jl_html_text(b, m->reading);
        jl_buf_puts(b, "</p>\n");
    }
    if (ncls > 1 && !m->ncats)
        overlap_note(b, rq, m, br, ncls);
    jl_view_map_dispose(&g);
    return 200;
}

void jl_web_map_table(jl_buf *b, jl_req *rq, const jl_map_spec *m, const char *caption)
{
    size_t i;
    int ci = 0;

    /* the interval's column only where a figure has one */
    for (i = 0; i < m->n; i++)
        ci |= shown(&m->items[i]) && !isnan(m->items[i].lo);

    jl_page_table_open(b, "map-data", caption);
    jl_buf_puts(b, "<thead><tr><th scope=\"col\">");
    jl_html_text(b, _("Area"));
    jl_buf_puts(b, "</th><th scope=\"col\">");
    jl_html_text(b, m->col ? m->col : m->what);
    if (ci) {
        jl_buf_puts(b, "</th><th scope=\"col\">");
        jl_html_text(b, _("95 % interval"));
    }
    jl_buf_puts(b, "</th></tr></thead>\n<tbody>\n");
    for (i = 0; i < m->n; i++) {
        const jl_map_item *it = &m->items[i];
        const char *const seg[3] = {"omrade", m->division, it->code};

        jl_buf_puts(b, "<tr data-area=\"");
        jl_html_attr(b, it->code);
        jl_buf_puts(b, "\"><th scope=\"row\">");
        jl_page_link(b, rq, seg, 3, it->name && *it->name ? it->name : it->code);
        jl_buf_puts(b, "</th>");
        if (!shown(it)) {
            jl_buf_puts(b, "<td>");
            jl_html_text(b, it->why ? it->why : _("no figure"));
            jl_buf_puts(b, ci ? "</td><td></td></tr>\n" : "</td></tr>\n");
            continue;
        }
        jl_buf_puts(b, "<td class=\"num\">");
        jl_page_num(b, it->value, m->decimals);
        if (!ci) {
            jl_buf_puts(b, "</td></tr>\n");
            continue;
        }
        jl_buf_puts(b, "</td><td class=\"num\">");
        if (!isnan(it->lo) && !isnan(it->hi)) {
            jl_page_num(b, it->lo, m->decimals);
            jl_buf_puts(b, "–");
            jl_page_num(b, it->hi, m->decimals);
        }
        jl_buf_puts(b, "</td></tr>\n");
    }
    jl_buf_puts(b, "</tbody>\n</table></div>\n");
}
