/*
 * A division's areas as a map for a screen, and a choropleth's classes
 * (view/map.h).
 */
#include "view/map.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "geo/ogr.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The margin around the shapes, in map units, so that a border stroke
 * at the edge is not cut off. */
#define MAP_MARGIN 4.0
/* A city taller than wide is drawn at most this many widths high. */
#define MAP_MAX_ASPECT 1.3

typedef struct shapes {
    unsigned char **wkb;
    size_t *len;
    char **code;
    size_t n, cap, lcap, ccap;
    double env[4]; /* xmin, ymin, xmax, ymax over every area, EPSG:3006 */
} shapes;

static void geom_row(void *ctx, const char *code, const jl_store_geom *g)
{
    shapes *s = ctx;

    s->wkb = jl_xgrow(s->wkb, &s->cap, s->n + 1, sizeof *s->wkb);
    s->len = jl_xgrow(s->len, &s->lcap, s->n + 1, sizeof *s->len);
    s->code = jl_xgrow(s->code, &s->ccap, s->n + 1, sizeof *s->code);
    s->wkb[s->n] = jl_xmalloc(g->wkb_len ? g->wkb_len : 1);
    memcpy(s->wkb[s->n], g->wkb, g->wkb_len);
    s->len[s->n] = g->wkb_len;
    s->code[s->n] = jl_xstrdup(code);
    if (!s->n || g->env[0] < s->env[0])
        s->env[0] = g->env[0];
    if (!s->n || g->env[1] < s->env[1])
        s->env[1] = g->env[1];
    if (!s->n || g->env[2] > s->env[2])
        s->env[2] = g->env[2];
    if (!s->n || g->env[3] > s->env[3])
        s->env[3] = g->env[3];
    s->n++;
}

static void shapes_dispose(shapes *s)
{
    size_t i;

    for (i = 0; i < s->n; i++) {
        jl_free(s->wkb[i]);
        jl_free(s->code[i]);
    }
    jl_free(s->wkb);
    jl_free(s->len);
    jl_free(s->code);
}

typedef struct names {
    jl_view_map *m;
} names;

static void area_row(void *ctx, const jl_store_area *a)
{
    names *nm = ctx;
    long i = jl_view_map_find(nm->m, a->code);

    if (i >= 0) {
        jl_free(nm->m->a[i].name);
        nm->m->a[i].name = jl_xstrdup(a->name ? a->name : "");
    }
}

/* One area's rings as path data; returns the vertices written. */
static size_t path_of(jl_view_map_area *a, const jl_geo_rings *r, size_t f, double x0, double y1,
                      double scale)
{
    jl_buf b;
    size_t ring, v, nv = 0;
    double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;

    jl_buf_init(&b, NULL, (size_t)1 << 26);
    for (ring = r->fring[f]; ring < r->fring[f + 1]; ring++) {
        size_t from = r->roff[ring], to = r->roff[ring + 1], start = b.len, k = 0;
        long px = 0, py = 0, fx = 0, fy = 0;

        for (v = from; v < to; v++) {
            /* tenths of a unit: finer is invisible, and the page smaller */
            long x = lround((r->xy[2 * v] - x0) * scale * 10 + MAP_MARGIN * 10);
            long y = lround((y1 - r->xy[2 * v + 1]) * scale * 10 + MAP_MARGIN * 10);

            /* the closing vertex is the Z */
            if (k && ((x == px && y == py) || (v == to - 1 && x == fx && y == fy)))
                continue;
            if (!k) {
                fx = x;
                fy = y;
            }
            jl_buf_printf(&b, "%c%ld.%ld %ld.%ld", k ? 'L' : 'M', x / 10, x % 10, y / 10,
                          y % 10);
            px = x;
            py = y;
            k++;
            xmin = fmin(xmin, (double)x / 10);
            xmax = fmax(xmax, (double)x / 10);
            ymin = fmin(ymin, (double)y / 10);
            ymax = fmax(ymax, (double)y / 10);
        }
        /* a ring that rounds to fewer than three points draws nothing */
        if (k < 3) {
            b.len = start;
            continue;
        }
        jl_buf_putc(&b, 'Z');
        nv += k;
    }
    a->path = jl_xstrdup(jl_buf_str(&b));
    a->size = nv ? fmin(xmax - xmin, ymax - ymin) : 0;
    jl_buf_dispose(&b);
    return nv;
}

int jl_view_map_load(jl_view_map *out, jl_store *st, const char *division, double width,
                     double tol, jl_err *err)
{
    shapes s;
    jl_geo_rings r;
    names nm;
    double dx, dy, scale;
    size_t i;
    int rc;

    memset(out, 0, sizeof *out);
    memset(&s, 0, sizeof s);
    memset(&r, 0, sizeof r);
    rc = jl_store_area_geom_each(st, division, geom_row, &s, err);
    if (rc == 0 && !s.n)
        rc = jl_err_set(err, JL_ENOTFOUND, _("no area of division %s has a shape"), division);
    if (rc < 0)
        goto done;
    dx = s.env[2] - s.env[0];
    dy = s.env[3] - s.env[1];
    if (!(dx > 0) || !(dy > 0)) {
        rc = jl_err_set(err, JL_ESTORE, _("the shapes of division %s have no extent"), division);
        goto done;
    }
    scale = (width - 2 * MAP_MARGIN) / dx;
    if (dy * scale > (width - 2 * MAP_MARGIN) * MAP_MAX_ASPECT)
        scale = (width - 2 * MAP_MARGIN) * MAP_MAX_ASPECT / dy;
    rc = jl_geo_rings_simplified(&r, (const unsigned char *const *)s.wkb, s.len, s.n,
                                 tol / scale, err);
    if (rc < 0)
        goto done;
    out->width = ceil(dx * scale + 2 * MAP_MARGIN - 1e-6);
    out->height = ceil(dy * scale + 2 * MAP_MARGIN - 1e-6);
    out->a = jl_xcalloc(s.n, sizeof *out->a);
    out->n = s.n;
    for (i = 0; i < s.n; i++) {
        jl_view_map_area *a = &out->a[i];

        a->code = s.code[i];
        s.code[i] = NULL;
        a->name = jl_xstrdup("");
        out->nv += path_of(a, &r, i, s.env[0], s.env[3], scale);
        /* a NaN point stays NaN */
        a->lx = (r.cxy[2 * i] - s.env[0]) * scale + MAP_MARGIN;
        a->ly = (s.env[3] - r.cxy[2 * i + 1]) * scale + MAP_MARGIN;
    }
    nm.m = out;
    rc = jl_store_area_each(st, division, area_row, &nm, err);
done:
    shapes_dispose(&s);
    jl_geo_rings_dispose(&r);
    if (rc < 0)
        jl_view_map_dispose(out);
    return rc;
}

void jl_view_map_dispose(jl_view_map *m)
{
    size_t i;

    for (i = 0; i < m->n; i++) {
        jl_free(m->a[i].code);
        jl_free(m->a[i].name);
        jl_free(m->a[i].path);
    }
    jl_free(m->a);
    memset(m, 0, sizeof *m);
}

long jl_view_map_find(const jl_view_map *m, const char *code)
{
    size_t lo = 0, hi = m->n;

    /* the store gives the shapes by code: a binary search */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(m->a[mid].code, code);

        if (!c)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* ---- classes ---- */

static double nice_step(double raw)
{
    static const double m[4] = {1, 2, 2.5, 5};
    double p = pow(10, floor(log10(raw)));
    int i;

    for (i = 0; i < 4; i++)
        if (m[i] * p >= raw * (1 - 1e-9))
            return m[i] * p;
    return 10 * p;
}

size_t jl_map_breaks(double *br, size_t maxcls, const double *v, size_t n)
{
    double lo = INFINITY, hi = -INFINITY, step, start;
    size_t i, ncls;

    for (i = 0; i < n; i++)
        if (isfinite(v[i])) {
            lo = fmin(lo, v[i]);
            hi = fmax(hi, v[i]);
        }
    if (!isfinite(lo))
        return 0;
    if (maxcls < 1)
        maxcls = 1;
    if (hi - lo < 1e-9) {
        br[0] = lo;
        br[1] = hi;
        return 1;
    }
    step = nice_step((hi - lo) / (double)maxcls);
    for (;;) {
        start = floor(lo / step + 1e-9) * step;
        ncls = (size_t)ceil((hi - start) / step - 1e-9);
        if (ncls < 1)
            ncls = 1;
        if (ncls <= maxcls)
            break;
        step = nice_step(step * 1.01);
    }
    for (i = 0; i <= ncls; i++)
        br[i] = start + (double)i * step;
    return ncls;
}

int jl_map_class(const double *br, size_t ncls, double v)
{
    size_t i;

    if (!isfinite(v) || !ncls)
        return -1;
    for (i = 0; i + 1 < ncls; i++)
        if (v < br[i + 1])
            return (int)i;
    return (int)ncls - 1;
}

size_t jl_map_overlaps(const double *lo, const double *hi, const int *cls, size_t n,
                       size_t *npairs)
{
    size_t i, j, over = 0, pairs = 0;

    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++) {
            if (cls[i] < 0 || cls[j] < 0 || cls[i] == cls[j])
                continue;
            pairs++;
            if (lo[i] <= hi[j] && lo[j] <= hi[i])
                over++;
        }
    *npairs = pairs;
    return over;
}
