/*
 * Contiguity weights (stats/weights.h, jl_spw_contiguity): areas that
 * share vertices within the snap distance.
 */
#include "stats/weights.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "stats/weights_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Both directions of each unordered pair (i < j, sorted, distinct) into
 * CSR without sorting again: row r holds first the i of pairs (i, r) in
 * the order of i, then the j of pairs (r, j) in the order of j, which is
 * ascending because every such i < r < j. */
static void csr_symmetric(jl_spw *out, size_t n, const uint64_t *k, size_t m)
{
    size_t e, *fill;

    memset(out, 0, sizeof *out);
    out->n = n;
    out->off = jl_xcalloc(n + 1, sizeof *out->off);
    out->nb = jl_xmalloc((m ? 2 * m : 1) * sizeof *out->nb);
    out->w = jl_xmalloc((m ? 2 * m : 1) * sizeof *out->w);
    for (e = 0; e < m; e++) {
        out->off[(k[e] >> 32) + 1]++;
        out->off[(k[e] & 0xffffffffu) + 1]++;
    }
    for (e = 0; e < n; e++)
        out->off[e + 1] += out->off[e];
    fill = jl_xmalloc((n ? n : 1) * sizeof *fill);
    memcpy(fill, out->off, n * sizeof *fill);
    for (e = 0; e < m; e++)
        out->nb[fill[k[e] & 0xffffffffu]++] = (uint32_t)(k[e] >> 32);
    for (e = 0; e < m; e++)
        out->nb[fill[k[e] >> 32]++] = (uint32_t)k[e];
    for (e = 0; e < 2 * m; e++)
        out->w[e] = 1;
    jl_free(fill);
    out->style = 'B';
}

/* ---- vertex matching ---- */

/* Vertices sorted into the cells of a uniform grid of side at least twice
 * the snap distance (every vertex within snap of v lies in v's cell or
 * one of the eight around it), by x within a cell. Each cell meets its
 * own vertices and four of its neighbours', so every pair of cells is
 * looked at once, in the order of the cells: the work grows with the
 * number of vertices, and memory is read in order (a hash of cells read
 * it at random, and a million squares took twenty times a hundred
 * thousand). */
typedef struct vgrid {
    int64_t nx, ny;
    uint32_t *start; /* ncell + 1: the cell's first vertex in the order */
    uint32_t *ord;   /* vertices by cell, then x */
    double *sx, *sy; /* their coordinates in that order */
} vgrid;

static int cmp_by_x(const void *a, const void *b, void *ctx)
{
    const double *xy = ctx;
    double xa = xy[2 * (size_t) * (const uint32_t *)a], xb = xy[2 * (size_t) * (const uint32_t *)b];

    return (xa > xb) - (xa < xb);
}

/* Cells of side at least 2 snap, no more than about one per vertex (and
 * JL_MAX_GRID_CELLS): a larger cell only puts more candidates in each.
 * Vertices that are not finite match nothing and are left out. */
static void vgrid_build(vgrid *g, const double *xy, size_t nv, double snap)
{
    double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY, cell, most;
    size_t i, c, ncell, m = 0;
    uint32_t *cellof;

    for (i = 0; i < nv; i++)
        if (isfinite(xy[2 * i]) && isfinite(xy[2 * i + 1])) {
            minx = fmin(minx, xy[2 * i]);
            maxx = fmax(maxx, xy[2 * i]);
            miny = fmin(miny, xy[2 * i + 1]);
            maxy = fmax(maxy, xy[2 * i + 1]);
        }
    if (!(maxx >= minx) || !isfinite(maxx - minx) || !isfinite(maxy - miny))
        minx = miny = maxx = maxy = 0;
    cell = 2 * snap;
    if (cell < fmax(fmax(fabs(minx), fabs(maxx)), fmax(fabs(miny), fabs(maxy))) * 0x1p-48)
        cell = fmax(fmax(fabs(minx), fabs(maxx)), fmax(fabs(miny), fabs(maxy))) * 0x1p-48;
    if (!(cell > 0))
        cell = 1;
    most = fmin((double)nv + 16, (double)JL_MAX_GRID_CELLS);
    while ((floor((maxx - minx) / cell) + 1) * (floor((maxy - miny) / cell) + 1) > most)
        cell *= 2;
    g->nx = (int64_t)floor((maxx - minx) / cell) + 1;
    g->ny = (int64_t)floor((maxy - miny) / cell) + 1;
    ncell = (size_t)(g->nx * g->ny);
    g->start = jl_xcalloc(ncell + 2, sizeof *g->start);
    cellof = jl_xmalloc((nv ? nv : 1) * sizeof *cellof);
    for (i = 0; i < nv; i++) {
        int64_t cx, cy;

        if (!isfinite(xy[2 * i]) || !isfinite(xy[2 * i + 1])) {
            cellof[i] = UINT32_MAX;
            continue;
        }
        cx = (int64_t)((xy[2 * i] - minx) / cell);
        cy = (int64_t)((xy[2 * i + 1] - miny) / cell);
        cx = cx < g->nx ? cx : g->nx - 1;
        cy = cy < g->ny ? cy : g->ny - 1;
        cellof[i] = (uint32_t)(cy * g->nx + cx);
        g->start[cellof[i] + 1]++;
    }
    for (c = 0; c < ncell; c++)
        g->start[c + 1] += g->start[c];
    g->ord = jl_xmalloc((nv ? nv : 1) * sizeof *g->ord);
    {
        uint32_t *fill = jl_xmalloc((ncell ? ncell : 1) * sizeof *fill);

        memcpy(fill, g->start, ncell * sizeof *fill);
        for (i = 0; i < nv; i++)
            if (cellof[i] != UINT32_MAX) {
                g->ord[fill[cellof[i]]++] = (uint32_t)i;
                m++;
            }
        jl_free(fill);
    }
    for (c = 0; c < ncell; c++)
        if (g->start[c + 1] - g->start[c] > 1)
            qsort_r(g->ord + g->start[c], g->start[c + 1] - g->start[c], sizeof *g->ord,
                    cmp_by_x, (void *)xy);
    g->sx = jl_xmalloc((m ? m : 1) * sizeof *g->sx);
    g->sy = jl_xmalloc((m ? m : 1) * sizeof *g->sy);
    for (i = 0; i < m; i++) {
        g->sx[i] = xy[2 * (size_t)g->ord[i]];
        g->sy[i] = xy[2 * (size_t)g->ord[i] + 1];
    }
    jl_free(cellof);
}

static void vgrid_free(vgrid *g)
{
    jl_free(g->start);
    jl_free(g->ord);
    jl_free(g->sx);
    jl_free(g->sy);
}

/* Calls back for every pair of vertices (p, q) within snap of each other,
 * once, ordered so that owner[p] < owner[q], or the same owner and p < q
 * (pairs of one owner only when same_owner). */
typedef void (*match_fn)(void *ctx, size_t p, size_t q);

/* Vertex a (a position in the order) against positions b0..b1-1, all
 * after it or in another cell; x sorted, so the scan stops past x + snap. */
static void match_run(const vgrid *g, const uint32_t *owner, double snap, int same_owner, size_t a,
                      size_t b0, size_t b1, match_fn fn, void *ctx)
{
    double x = g->sx[a], y = g->sy[a];
    size_t b;

    for (b = b0; b < b1; b++) {
        double ddx = g->sx[b] - x, ddy;
        size_t p = g->ord[a], q = g->ord[b];

        if (ddx < -snap)
            continue;
        if (ddx > snap)
            break;
        /* spdep's test: both offsets within snap, then the distance. */
        ddy = g->sy[b] - y;
        if (fabs(ddy) > snap || hypot(ddx, ddy) > snap)
            continue;
        if (owner[p] == owner[q] && !same_owner)
            continue;
        if (owner[p] > owner[q] || (owner[p] == owner[q] && p > q))
            fn(ctx, q, p);
        else
            fn(ctx, p, q);
    }
}

static void vgrid_matches(const vgrid *g, const uint32_t *owner, double snap, int same_owner,
                          match_fn fn, void *ctx)
{
    /* the cell itself, then right, and the three above */
    static const int dx[4] = {1, -1, 0, 1}, dy[4] = {0, 1, 1, 1};
    int64_t cx, cy;

    for (cy = 0; cy < g->ny; cy++)
        for (cx = 0; cx < g->nx; cx++) {
            size_t c = (size_t)(cy * g->nx + cx), a;
            int k;

            for (a = g->start[c]; a < g->start[c + 1]; a++) {
                match_run(g, owner, snap, same_owner, a, a + 1, g->start[c + 1], fn, ctx);
                for (k = 0; k < 4; k++) {
                    int64_t nx = cx + dx[k], ny = cy + dy[k];
                    size_t d;

                    if (nx < 0 || nx >= g->nx || ny >= g->ny)
                        continue;
                    d = (size_t)(ny * g->nx + nx);
                    match_run(g, owner, snap, same_owner, a, g->start[d], g->start[d + 1], fn,
                              ctx);
                }
            }
        }
}

typedef struct vctx {
    jl_spw_pairs *pr;
    const uint32_t *owner;
} vctx;

static void on_vertex_pair(void *ctx, size_t p, size_t q)
{
    vctx *c = ctx;

    jl_spw__pairs_add(c->pr, c->owner[p], c->owner[q]);
}

static void on_vertex_union(void *ctx, size_t p, size_t q)
{
    uint32_t *par = ctx, a = jl_spw__uf_find(par, (uint32_t)p), b = jl_spw__uf_find(par, (uint32_t)q);

    if (a != b) {
        if (a < b)
            par[b] = a;
        else
            par[a] = b;
    }
}

static int check_polys(const jl_spw_polys *p, jl_err *err)
{
    size_t r;

    if (p->n > UINT32_MAX / 2 || p->roff[p->nring] > INT32_MAX / 2)
        return jl_err_set(err, JL_ELIMIT,
                          _("expected at most %u areas and %d vertices, found %zu and %zu"),
                          UINT32_MAX / 2, INT32_MAX / 2, p->n, p->roff[p->nring]);
    for (r = 0; r < p->nring; r++)
        if (p->roff[r + 1] < p->roff[r])
            return jl_err_set(err, JL_ERR, "rings out of order");
    return JL_OK;
}

/* spdep's rules: areas with at least `least` pairs of vertices within
 * snap (queen 1, rook 2). */
static void contig_vertex(jl_spw *out, const jl_spw_polys *p, size_t least, double snap)
{
    size_t nv = p->roff[p->nring], i, v;
    jl_spw_pairs pr = {0};
    vgrid g;

    /* spdep drops each feature's first vertex (the first ring's
     * closing duplicate): mark it with an owner no pair can match
     * by moving it out of the vertex set. */
    double *xy = jl_xmalloc((nv ? nv : 1) * 2 * sizeof *xy);
    uint32_t *own = jl_xmalloc((nv ? nv : 1) * sizeof *own);
    size_t m = 0, e, run;
    vctx c;

    for (i = 0; i < p->n; i++) {
        size_t first = p->roff[p->fring[i]], last = p->roff[p->fring[i + 1]];

        for (v = first + 1; v < last; v++) {
            xy[2 * m] = p->xy[2 * v];
            xy[2 * m + 1] = p->xy[2 * v + 1];
            own[m++] = (uint32_t)i;
        }
    }
    vgrid_build(&g, xy, m, snap);
    c.pr = &pr;
    c.owner = own;
    vgrid_matches(&g, own, snap, 0, on_vertex_pair, &c);
    vgrid_free(&g);
    jl_free(xy);
    jl_free(own);
    /* Each pair of areas appears once per matching vertex pair:
     * count the runs. */
    jl_spw__radix_sort(pr.k, pr.n);
    m = 0;
    for (e = 0; e < pr.n; e += run) {
        run = 1;
        while (e + run < pr.n && pr.k[e + run] == pr.k[e])
            run++;
        if (run >= least)
            pr.k[m++] = pr.k[e];
    }
    csr_symmetric(out, p->n, pr.k, m);
    jl_free(pr.k);
}

/* libpysal's rook: a shared edge. owner: each vertex's area. */
static void contig_edge(jl_spw *out, const jl_spw_polys *p, const uint32_t *owner, double snap)
{
    size_t nv = p->roff[p->nring], r, v;
    jl_spw_pairs pr = {0};
    vgrid g;

    /* Vertices within snap are one point (union-find); an edge is a
     * pair of points; areas sharing an edge are neighbours. Every
     * vertex counts here, the closing ones too, as libpysal's. */
    uint32_t *par = jl_xmalloc((nv ? nv : 1) * sizeof *par);
    uint64_t *ek;
    size_t ne = 0, e, run, m = 0;

    for (v = 0; v < nv; v++)
        par[v] = (uint32_t)v;
    vgrid_build(&g, p->xy, nv, snap);
    vgrid_matches(&g, owner, snap, 1, on_vertex_union, par);
    vgrid_free(&g);
    /* (point pair, owner) of every ring edge */
    ek = jl_xmalloc((nv ? nv : 1) * 2 * sizeof *ek);
    for (r = 0; r < p->nring; r++)
        for (v = p->roff[r]; v + 1 < p->roff[r + 1]; v++) {
            uint32_t a = jl_spw__uf_find(par, (uint32_t)v), b = jl_spw__uf_find(par, (uint32_t)v + 1);

            if (a == b)
                continue;
            if (a > b) {
                uint32_t t = a;

                a = b;
                b = t;
            }
            ek[2 * ne] = (uint64_t)a << 32 | b;
            ek[2 * ne + 1] = owner[v];
            ne++;
        }
    /* Group edges by their point pair: number the distinct pairs, then
     * sort one word per edge, (pair number << 32 | owner). */
    {
        uint64_t *key = jl_xmalloc((ne ? ne : 1) * sizeof *key);
        uint64_t *tmp = jl_xmalloc((ne ? ne : 1) * sizeof *tmp);

        /* Rank distinct point pairs by sorting the keys, then tag
         * each edge with its pair's rank and the owner in one word. */
        for (e = 0; e < ne; e++)
            key[e] = ek[2 * e];
        jl_spw__radix_sort(key, ne);
        {
            size_t u = 0;

            for (e = 0; e < ne; e++)
                if (!e || key[e] != key[e - 1])
                    key[u++] = key[e];
            for (e = 0; e < ne; e++) {
                uint64_t k = ek[2 * e];
                size_t lo = 0, hi = u;

                while (lo < hi) {
                    size_t mid = (lo + hi) / 2;

                    if (key[mid] < k)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
                tmp[e] = (uint64_t)lo << 32 | ek[2 * e + 1];
            }
        }
        jl_spw__radix_sort(tmp, ne);
        for (e = 0; e < ne; e += run) {
            size_t a, b;

            run = 1;
            while (e + run < ne && tmp[e + run] >> 32 == tmp[e] >> 32)
                run++;
            for (a = e; a < e + run; a++)
                for (b = a + 1; b < e + run; b++) {
                    uint32_t fa = (uint32_t)tmp[a], fb = (uint32_t)tmp[b];

                    if (fa != fb)
                        jl_spw__pairs_add(&pr, fa < fb ? fa : fb, fa < fb ? fb : fa);
                }
        }
        jl_free(key);
        jl_free(tmp);
    }
    jl_free(ek);
    jl_free(par);
    jl_spw__radix_sort(pr.k, pr.n);
    for (e = 0; e < pr.n; e++)
        if (!e || pr.k[e] != pr.k[e - 1])
            pr.k[m++] = pr.k[e];
    csr_symmetric(out, p->n, pr.k, m);
    jl_free(pr.k);
}

int jl_spw_contiguity(jl_spw *out, const jl_spw_polys *p, int rule, double snap, jl_err *err)
{
    size_t nv = p->roff[p->nring], i, r, v;
    uint32_t *owner;

    memset(out, 0, sizeof *out);
    if (!(snap >= 0) || !isfinite(snap))
        return jl_err_set(err, JL_EUSAGE, _("expected a snap distance of 0 or more, found %g"),
                          snap);
    if (check_polys(p, err) < 0)
        return err->code;
    if (rule == JL_CONTIG_QUEEN || rule == JL_CONTIG_ROOK) {
        contig_vertex(out, p, rule == JL_CONTIG_QUEEN ? 1 : 2, snap);
        return JL_OK;
    }
    if (rule != JL_CONTIG_ROOK_EDGE)
        return jl_err_set(err, JL_EUSAGE, "unknown contiguity rule %d", rule);
    owner = jl_xmalloc((nv ? nv : 1) * sizeof *owner);
    for (i = 0; i < p->n; i++)
        for (r = p->fring[i]; r < p->fring[i + 1]; r++)
            for (v = p->roff[r]; v < p->roff[r + 1]; v++)
                owner[v] = (uint32_t)i;
    contig_edge(out, p, owner, snap);
    jl_free(owner);
    return JL_OK;
}
