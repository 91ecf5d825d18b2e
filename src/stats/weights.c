#include "stats/weights.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/limits.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

/* LSD radix sort of 64-bit keys, 16 bits a pass, passes over constant
 * digits skipped: a million pairs sort in a few milliseconds, where qsort
 * needs ten times that. */
static void radix_sort(uint64_t *a, size_t n)
{
    uint64_t *tmp, *src = a, *dst;
    size_t *count, i;
    int shift;

    if (n < 2)
        return;
    tmp = jl_xmalloc(n * sizeof *tmp);
    count = jl_xmalloc(65536 * sizeof *count);
    dst = tmp;
    for (shift = 0; shift < 64; shift += 16) {
        size_t sum = 0;
        uint64_t first = (a[0] >> shift) & 0xffff;
        int same = 1;

        memset(count, 0, 65536 * sizeof *count);
        for (i = 0; i < n; i++) {
            uint64_t d = (src[i] >> shift) & 0xffff;

            count[d]++;
            same &= d == first;
        }
        if (same)
            continue;
        for (i = 0; i < 65536; i++) {
            size_t c = count[i];

            count[i] = sum;
            sum += c;
        }
        for (i = 0; i < n; i++)
            dst[count[(src[i] >> shift) & 0xffff]++] = src[i];
        {
            uint64_t *t = src;

            src = dst;
            dst = t;
        }
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
    jl_free(tmp);
    jl_free(count);
}

typedef struct pairs {
    uint64_t *k;
    size_t n, cap;
} pairs;

static void pairs_add(pairs *p, uint32_t i, uint32_t j)
{
    if (p->n == p->cap)
        p->k = jl_xgrow(p->k, &p->cap, p->n + 1, sizeof *p->k);
    p->k[p->n++] = (uint64_t)i << 32 | j;
}

/* CSR from sorted, distinct directed pairs (i << 32 | j), weight 1. */
static void csr_from_sorted(jl_spw *out, size_t n, const uint64_t *k, size_t m)
{
    size_t e;

    memset(out, 0, sizeof *out);
    out->n = n;
    out->off = jl_xcalloc(n + 1, sizeof *out->off);
    out->nb = jl_xmalloc((m ? m : 1) * sizeof *out->nb);
    out->w = jl_xmalloc((m ? m : 1) * sizeof *out->w);
    for (e = 0; e < m; e++) {
        out->off[(k[e] >> 32) + 1]++;
        out->nb[e] = (uint32_t)k[e];
        out->w[e] = 1;
    }
    for (e = 0; e < n; e++)
        out->off[e + 1] += out->off[e];
    out->style = 'B';
}

/* Both directions of each unordered pair (i < j), sorted, into CSR. */
static void csr_symmetric(jl_spw *out, size_t n, const uint64_t *k, size_t m)
{
    uint64_t *all = jl_xmalloc((m ? 2 * m : 1) * sizeof *all);
    size_t e;

    for (e = 0; e < m; e++) {
        all[2 * e] = k[e];
        all[2 * e + 1] = (k[e] & 0xffffffffu) << 32 | k[e] >> 32;
    }
    radix_sort(all, 2 * m);
    csr_from_sorted(out, n, all, 2 * m);
    jl_free(all);
}

static uint64_t mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15u;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    return x ^ (x >> 31);
}

/* ---- vertex matching ---- */

/* Vertices hashed by the cell of a grid of side `cell` (at least the snap
 * distance) they fall in: every vertex within snap of v lies in v's cell
 * or one of the eight around it. */
typedef struct vgrid {
    int64_t *cx, *cy; /* each vertex's cell */
    int32_t *head;    /* bucket -> first vertex, -1 if none */
    int32_t *next;    /* vertex -> next in bucket */
    size_t mask;
} vgrid;

static size_t cell_hash(int64_t x, int64_t y, size_t mask)
{
    return (size_t)(mix64((uint64_t)x * 0x100000001b3u ^ (uint64_t)y) & mask);
}

static void vgrid_build(vgrid *g, const double *xy, size_t nv, double snap)
{
    double maxabs = 0, cell;
    size_t i, size = 16;

    for (i = 0; i < 2 * nv; i++)
        if (fabs(xy[i]) > maxabs)
            maxabs = fabs(xy[i]);
    /* Cells no finer than 2^-50 of the largest coordinate keep the cell
     * numbers exact integers in int64; a cell larger than snap only makes
     * buckets fuller, the exact distance test decides. */
    cell = snap;
    if (cell < maxabs * 0x1p-50)
        cell = maxabs * 0x1p-50;
    if (cell <= 0)
        cell = 1;
    while (size < 2 * nv)
        size <<= 1;
    g->mask = size - 1;
    g->cx = jl_xmalloc((nv ? nv : 1) * sizeof *g->cx);
    g->cy = jl_xmalloc((nv ? nv : 1) * sizeof *g->cy);
    g->next = jl_xmalloc((nv ? nv : 1) * sizeof *g->next);
    g->head = jl_xmalloc(size * sizeof *g->head);
    memset(g->head, 0xff, size * sizeof *g->head);
    for (i = 0; i < nv; i++) {
        size_t h;

        g->cx[i] = (int64_t)floor(xy[2 * i] / cell);
        g->cy[i] = (int64_t)floor(xy[2 * i + 1] / cell);
        h = cell_hash(g->cx[i], g->cy[i], g->mask);
        g->next[i] = g->head[h];
        g->head[h] = (int32_t)i;
    }
}

static void vgrid_free(vgrid *g)
{
    jl_free(g->cx);
    jl_free(g->cy);
    jl_free(g->head);
    jl_free(g->next);
}

/* Calls back for every pair of vertices (p, q), p < q in owner order
 * (owner[p] < owner[q], or same owner and p < q when same_owner), within
 * snap of each other. */
typedef void (*match_fn)(void *ctx, size_t p, size_t q);

static void vgrid_matches(const vgrid *g, const double *xy, size_t nv, const uint32_t *owner,
                          double snap, int same_owner, match_fn fn, void *ctx)
{
    size_t p;

    for (p = 0; p < nv; p++) {
        int dx, dy;

        for (dx = -1; dx <= 1; dx++)
            for (dy = -1; dy <= 1; dy++) {
                int64_t cx = g->cx[p] + dx, cy = g->cy[p] + dy;
                int32_t q = g->head[cell_hash(cx, cy, g->mask)];

                for (; q >= 0; q = g->next[q]) {
                    double ddx, ddy;

                    if (g->cx[q] != cx || g->cy[q] != cy)
                        continue;
                    if (owner[q] < owner[p] || (owner[q] == owner[p] && (!same_owner ||
                                                                         (size_t)q <= p)))
                        continue;
                    /* spdep's test: both offsets within snap, then the
                     * distance. */
                    ddx = xy[2 * (size_t)q] - xy[2 * p];
                    ddy = xy[2 * (size_t)q + 1] - xy[2 * p + 1];
                    if (fabs(ddx) > snap || fabs(ddy) > snap || hypot(ddx, ddy) > snap)
                        continue;
                    fn(ctx, p, (size_t)q);
                }
            }
    }
}

typedef struct vctx {
    pairs *pr;
    const uint32_t *owner;
} vctx;

static void on_vertex_pair(void *ctx, size_t p, size_t q)
{
    vctx *c = ctx;

    pairs_add(c->pr, c->owner[p], c->owner[q]);
}

/* union-find for edge mode */
static uint32_t uf_find(uint32_t *par, uint32_t x)
{
    while (par[x] != x) {
        par[x] = par[par[x]];
        x = par[x];
    }
    return x;
}

static void on_vertex_union(void *ctx, size_t p, size_t q)
{
    uint32_t *par = ctx, a = uf_find(par, (uint32_t)p), b = uf_find(par, (uint32_t)q);

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

int jl_spw_contiguity(jl_spw *out, const jl_spw_polys *p, int rule, double snap, jl_err *err)
{
    size_t nv = p->roff[p->nring], i, r, v;
    uint32_t *owner;
    vgrid g;
    pairs pr = {0};

    memset(out, 0, sizeof *out);
    if (!(snap >= 0) || !isfinite(snap))
        return jl_err_set(err, JL_EUSAGE, _("expected a snap distance of 0 or more, found %g"),
                          snap);
    if (check_polys(p, err) < 0)
        return err->code;
    owner = jl_xmalloc((nv ? nv : 1) * sizeof *owner);
    for (i = 0; i < p->n; i++)
        for (r = p->fring[i]; r < p->fring[i + 1]; r++)
            for (v = p->roff[r]; v < p->roff[r + 1]; v++)
                owner[v] = (uint32_t)i;

    if (rule == JL_CONTIG_QUEEN || rule == JL_CONTIG_ROOK) {
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
        vgrid_matches(&g, xy, m, own, snap, 0, on_vertex_pair, &c);
        vgrid_free(&g);
        jl_free(xy);
        jl_free(own);
        /* Each pair of areas appears once per matching vertex pair:
         * count the runs. */
        radix_sort(pr.k, pr.n);
        m = 0;
        for (e = 0; e < pr.n; e += run) {
            run = 1;
            while (e + run < pr.n && pr.k[e + run] == pr.k[e])
                run++;
            if (run >= (rule == JL_CONTIG_QUEEN ? 1u : 2u))
                pr.k[m++] = pr.k[e];
        }
        csr_symmetric(out, p->n, pr.k, m);
    } else if (rule == JL_CONTIG_ROOK_EDGE) {
        /* Vertices within snap are one point (union-find); an edge is a
         * pair of points; areas sharing an edge are neighbours. Every
         * vertex counts here, the closing ones too, as libpysal's. */
        uint32_t *par = jl_xmalloc((nv ? nv : 1) * sizeof *par);
        uint64_t *ek;
        size_t ne = 0, e, run, m = 0;

        for (v = 0; v < nv; v++)
            par[v] = (uint32_t)v;
        vgrid_build(&g, p->xy, nv, snap);
        vgrid_matches(&g, p->xy, nv, owner, snap, 1, on_vertex_union, par);
        vgrid_free(&g);
        /* (point pair, owner) of every ring edge */
        ek = jl_xmalloc((nv ? nv : 1) * 2 * sizeof *ek);
        for (r = 0; r < p->nring; r++)
            for (v = p->roff[r]; v + 1 < p->roff[r + 1]; v++) {
                uint32_t a = uf_find(par, (uint32_t)v), b = uf_find(par, (uint32_t)v + 1);

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
            radix_sort(key, ne);
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
            radix_sort(tmp, ne);
            for (e = 0; e < ne; e += run) {
                size_t a, b;

                run = 1;
                while (e + run < ne && tmp[e + run] >> 32 == tmp[e] >> 32)
                    run++;
                for (a = e; a < e + run; a++)
                    for (b = a + 1; b < e + run; b++) {
                        uint32_t fa = (uint32_t)tmp[a], fb = (uint32_t)tmp[b];

                        if (fa != fb)
                            pairs_add(&pr, fa < fb ? fa : fb, fa < fb ? fb : fa);
                    }
            }
            jl_free(key);
            jl_free(tmp);
        }
        jl_free(ek);
        jl_free(par);
        radix_sort(pr.k, pr.n);
        for (e = 0; e < pr.n; e++)
            if (!e || pr.k[e] != pr.k[e - 1])
                pr.k[m++] = pr.k[e];
        csr_symmetric(out, p->n, pr.k, m);
    } else {
        jl_free(owner);
        return jl_err_set(err, JL_EUSAGE, "unknown contiguity rule %d", rule);
    }
    jl_free(owner);
    jl_free(pr.k);
    return JL_OK;
}

/* ---- points: a uniform grid ---- */

typedef struct pgrid {
    double x0, y0, cell;
    int64_t nx, ny;
    size_t *start; /* nx*ny + 1 */
    uint32_t *idx; /* point ids by cell, ascending within a cell */
} pgrid;

/* -1: a coordinate is NaN or infinite; -2: the extent overflows. */
static int pgrid_build(pgrid *g, const double *xy, size_t n, double cell)
{
    double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY, ex, ey, most;
    size_t i, ncell, *pos;

    for (i = 0; i < n; i++) {
        if (!isfinite(xy[2 * i]) || !isfinite(xy[2 * i + 1]))
            return -1;
        if (xy[2 * i] < minx)
            minx = xy[2 * i];
        if (xy[2 * i] > maxx)
            maxx = xy[2 * i];
        if (xy[2 * i + 1] < miny)
            miny = xy[2 * i + 1];
        if (xy[2 * i + 1] > maxy)
            maxy = xy[2 * i + 1];
    }
    ex = n ? maxx - minx : 0;
    ey = n ? maxy - miny : 0;
    if (!isfinite(ex) || !isfinite(ey))
        return -2;
    if (!(cell > 0))
        cell = 1;
    /* No more cells than about 4 per point, and never more than
     * JL_MAX_GRID_CELLS: a larger cell only puts more candidates in each,
     * it never loses a neighbour. Each side counts at least one cell, so
     * that points in one row (a height of 0) still enlarge a tiny cell:
     * before, band:1e-300 on such areas asked for 1e300 cells (issue 15). */
    most = fmin(4.0 * (double)n + 16, (double)JL_MAX_GRID_CELLS);
    while ((floor(ex / cell) + 1) * (floor(ey / cell) + 1) > most)
        cell *= 2;
    minx = n ? minx : 0;
    miny = n ? miny : 0;
    g->x0 = minx;
    g->y0 = miny;
    g->cell = cell;
    g->nx = (int64_t)floor(ex / cell) + 1;
    g->ny = (int64_t)floor(ey / cell) + 1;
    ncell = (size_t)(g->nx * g->ny);
    g->start = jl_xcalloc(ncell + 1, sizeof *g->start);
    g->idx = jl_xmalloc((n ? n : 1) * sizeof *g->idx);
    pos = jl_xmalloc((n ? n : 1) * sizeof *pos);
    for (i = 0; i < n; i++) {
        int64_t cx = (int64_t)((xy[2 * i] - minx) / cell), cy = (int64_t)((xy[2 * i + 1] - miny) / cell);

        if (cx >= g->nx)
            cx = g->nx - 1;
        if (cy >= g->ny)
            cy = g->ny - 1;
        pos[i] = (size_t)(cy * g->nx + cx);
        g->start[pos[i] + 1]++;
    }
    for (i = 0; i < ncell; i++)
        g->start[i + 1] += g->start[i];
    {
        size_t *fill = jl_xmalloc((ncell ? ncell : 1) * sizeof *fill);

        memcpy(fill, g->start, ncell * sizeof *fill);
        for (i = 0; i < n; i++)
            g->idx[fill[pos[i]]++] = (uint32_t)i;
        jl_free(fill);
    }
    jl_free(pos);
    return 0;
}

static int grid_refused(int why, jl_err *err)
{
    if (why == -1)
        return jl_err_set(err, JL_EINPUT, _("expected finite coordinates, found NaN or infinity"));
    return jl_err_set(err, JL_EINPUT,
                      _("expected points whose distances are finite numbers, found points too "
                        "far apart to measure (more than about 1e308)"));
}

static void pgrid_free(pgrid *g)
{
    jl_free(g->start);
    jl_free(g->idx);
}

typedef struct cand {
    double d2;
    uint32_t j;
} cand;

static int cand_before(const cand *a, const cand *b)
{
    return a->d2 < b->d2 || (a->d2 == b->d2 && a->j < b->j);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return (x > y) - (x < y);
}

int jl_spw_knn(jl_spw *out, const double *xy, size_t n, size_t k, jl_err *err)
{
    pgrid g;
    cand *best;
    uint64_t *keys;
    size_t i, m = 0;
    double area;
    int rc;

    memset(out, 0, sizeof *out);
    if (k < 1 || k >= n)
        return jl_err_set(err, JL_EUSAGE,
                          _("expected k from 1 to %zu (fewer than the areas), found %zu"),
                          n ? n - 1 : 0, k);
    if (n > UINT32_MAX / 2)
        return jl_err_set(err, JL_ELIMIT, _("too many points: %zu"), n);
    {
        double minx = INFINITY, maxx = -INFINITY, miny = INFINITY, maxy = -INFINITY;

        for (i = 0; i < n; i++) {
            minx = fmin(minx, xy[2 * i]);
            maxx = fmax(maxx, xy[2 * i]);
            miny = fmin(miny, xy[2 * i + 1]);
            maxy = fmax(maxy, xy[2 * i + 1]);
        }
        area = (maxx - minx) * (maxy - miny);
    }
    /* About k points a cell. */
    if ((rc = pgrid_build(&g, xy, n, area > 0 ? sqrt(area * (double)k / (double)n) : 1)) < 0)
        return grid_refused(rc, err);
    best = jl_xmalloc((k + 1) * sizeof *best);
    keys = jl_xmalloc(n * k * sizeof *keys);
    for (i = 0; i < n; i++) {
        int64_t cx = (int64_t)((xy[2 * i] - g.x0) / g.cell), cy = (int64_t)((xy[2 * i + 1] - g.y0) / g.cell);
        int64_t ring, maxring = g.nx > g.ny ? g.nx : g.ny;
        size_t have = 0, a;

        if (cx >= g.nx)
            cx = g.nx - 1;
        if (cy >= g.ny)
            cy = g.ny - 1;
        for (ring = 0; ring <= maxring; ring++) {
            int64_t x, y;

            /* Points not yet seen lie at least (ring) cells away. */
            if (have == k && best[k - 1].d2 < (double)(ring - 1) * g.cell * (double)(ring - 1) * g.cell)
                break;
            for (y = cy - ring; y <= cy + ring; y++) {
                if (y < 0 || y >= g.ny)
                    continue;
                for (x = cx - ring; x <= cx + ring; x += (y == cy - ring || y == cy + ring) ? 1 : 2 * ring) {
                    size_t c, s;

                    if (x < 0 || x >= g.nx) {
                        if (ring == 0)
                            break;
                        continue;
                    }
                    c = (size_t)(y * g.nx + x);
                    for (s = g.start[c]; s < g.start[c + 1]; s++) {
                        uint32_t j = g.idx[s];
                        double dx, dy;
                        cand cd;

                        if (j == i)
                            continue;
                        dx = xy[2 * (size_t)j] - xy[2 * i];
                        dy = xy[2 * (size_t)j + 1] - xy[2 * i + 1];
                        cd.d2 = dx * dx + dy * dy;
                        cd.j = j;
                        if (have == k && !cand_before(&cd, &best[k - 1]))
                            continue;
                        a = have < k ? have++ : k - 1;
                        while (a > 0 && cand_before(&cd, &best[a - 1])) {
                            best[a] = best[a - 1];
                            a--;
                        }
                        best[a] = cd;
                    }
                    if (ring == 0)
                        break;
                }
            }
        }
        for (a = 0; a < k; a++)
            keys[m++] = (uint64_t)i << 32 | best[a].j;
        qsort(keys + m - k, k, sizeof *keys, cmp_u64);
    }
    csr_from_sorted(out, n, keys, m);
    jl_free(keys);
    jl_free(best);
    pgrid_free(&g);
    return JL_OK;
}

int jl_spw_band(jl_spw *out, const double *xy, size_t n, double lo, double hi, jl_err *err)
{
    pgrid g;
    pairs pr = {0};
    size_t i;
    int rc;

    memset(out, 0, sizeof *out);
    if (!(lo >= 0) || !(hi >= lo) || !isfinite(hi))
        return jl_err_set(err, JL_EUSAGE,
                          _("expected a distance band 0 <= from <= to, found %g to %g"), lo, hi);
    if (n > UINT32_MAX / 2)
        return jl_err_set(err, JL_ELIMIT, _("too many points: %zu"), n);
    if ((rc = pgrid_build(&g, xy, n, hi)) < 0)
        return grid_refused(rc, err);
    for (i = 0; i < n; i++) {
        int64_t cx = (int64_t)((xy[2 * i] - g.x0) / g.cell), cy = (int64_t)((xy[2 * i + 1] - g.y0) / g.cell);
        int64_t x, y;

        if (cx >= g.nx)
            cx = g.nx - 1;
        if (cy >= g.ny)
            cy = g.ny - 1;
        for (y = cy - 1; y <= cy + 1; y++)
            for (x = cx - 1; x <= cx + 1; x++) {
                size_t c, s;

                if (x < 0 || y < 0 || x >= g.nx || y >= g.ny)
                    continue;
                c = (size_t)(y * g.nx + x);
                for (s = g.start[c]; s < g.start[c + 1]; s++) {
                    uint32_t j = g.idx[s];
                    double dx, dy, d;

                    if (j == i)
                        continue;
                    dx = xy[2 * (size_t)j] - xy[2 * i];
                    dy = xy[2 * (size_t)j + 1] - xy[2 * i + 1];
                    d = sqrt(dx * dx + dy * dy);
                    if (d >= lo && d <= hi)
                        pairs_add(&pr, (uint32_t)i, j);
                }
            }
    }
    radix_sort(pr.k, pr.n);
    csr_from_sorted(out, n, pr.k, pr.n);
    jl_free(pr.k);
    pgrid_free(&g);
    return JL_OK;
}

int jl_spw_from_edges(jl_spw *out, size_t n, const uint32_t *from, const uint32_t *to,
                      const double *w, size_t m, jl_err *err)
{
    uint64_t *k;
    size_t e;

    memset(out, 0, sizeof *out);
    if (n > UINT32_MAX / 2)
        return jl_err_set(err, JL_ELIMIT, _("too many areas: %zu"), n);
    k = jl_xmalloc((m ? m : 1) * sizeof *k);
    /* Sort (pair, original position) so weights follow their pair. */
    for (e = 0; e < m; e++) {
        if (from[e] >= n || to[e] >= n) {
            jl_free(k);
            return jl_err_set(err, JL_EINPUT,
                              _("expected links between areas 1 to %zu, found link %zu outside "
                                "them"),
                              n, e + 1);
        }
        k[e] = (uint64_t)from[e] << 32 | to[e];
    }
    {
        size_t *ord = jl_xmalloc((m ? m : 1) * sizeof *ord);
        uint64_t *kk = jl_xmalloc((m ? m : 1) * sizeof *kk);
        /* A pair key takes the whole word, so the positions (for the
         * weights) are sorted alongside: a stable merge sort of indices. */
        for (e = 0; e < m; e++)
            ord[e] = e;
        {
            size_t *tmp = jl_xmalloc((m ? m : 1) * sizeof *tmp), width;

            for (width = 1; width < m; width *= 2) {
                size_t lo;

                for (lo = 0; lo < m; lo += 2 * width) {
                    size_t mid = lo + width < m ? lo + width : m,
                           hi = lo + 2 * width < m ? lo + 2 * width : m, a = lo, b = mid, t = lo;

                    while (a < mid && b < hi)
                        tmp[t++] = k[ord[b]] < k[ord[a]] ? ord[b++] : ord[a++];
                    while (a < mid)
                        tmp[t++] = ord[a++];
                    while (b < hi)
                        tmp[t++] = ord[b++];
                }
                memcpy(ord, tmp, m * sizeof *ord);
            }
            jl_free(tmp);
        }
        for (e = 0; e < m; e++) {
            kk[e] = k[ord[e]];
            if (e && kk[e] == kk[e - 1]) {
                int rc = jl_err_set(err, JL_EINPUT, _("expected each pair once, found %u,%u again"),
                                    (unsigned)(kk[e] >> 32), (unsigned)kk[e]);

                jl_free(ord);
                jl_free(kk);
                jl_free(k);
                return rc;
            }
            if (kk[e] >> 32 == (kk[e] & 0xffffffffu)) {
                int rc = jl_err_set(err, JL_EINPUT,
                                    _("expected links between two different areas, found a "
                                      "link of area %u to itself"),
                                    (unsigned)(kk[e] >> 32));

                jl_free(ord);
                jl_free(kk);
                jl_free(k);
                return rc;
            }
        }
        csr_from_sorted(out, n, kk, m);
        if (w) {
            for (e = 0; e < m; e++)
                out->w[e] = w[ord[e]];
            out->style = 'G';
        }
        jl_free(ord);
        jl_free(kk);
    }
    jl_free(k);
    return JL_OK;
}

int jl_spw_set_style(jl_spw *w, char style, jl_err *err)
{
    size_t i, e, eff = 0;
    double D = 0;
    int general = w->style == 'G';
    double *g = jl_xmalloc((w->off[w->n] ? w->off[w->n] : 1) * sizeof *g);

    /* The base weights: general weights stay, anything else goes back to
     * the binary pattern. */
    for (e = 0; e < w->off[w->n]; e++)
        g[e] = general ? w->w[e] : 1.0;
    for (i = 0; i < w->n; i++)
        eff += w->off[i + 1] > w->off[i];
    for (e = 0; e < w->off[w->n]; e++)
        D += g[e];
    switch (style) {
    case 'B':
        memcpy(w->w, g, w->off[w->n] * sizeof *g);
        break;
    case 'W':
        for (i = 0; i < w->n; i++) {
            double d = 0;

            for (e = w->off[i]; e < w->off[i + 1]; e++)
                d += g[e];
            for (e = w->off[i]; e < w->off[i + 1]; e++)
                w->w[e] = d > 0 ? (1 / d) * g[e] : 0;
        }
        break;
    case 'C':
    case 'U':
        if (!(D > 0)) {
            jl_free(g);
            return jl_err_set(err, JL_EINPUT, _("the weights sum to %g; expected more than 0"), D);
        }
        for (e = 0; e < w->off[w->n]; e++)
            w->w[e] = (style == 'C' ? (double)eff / D : 1 / D) * g[e];
        break;
    case 'S': {
        double Q = 0;

        for (i = 0; i < w->n; i++) {
            double q = 0;

            for (e = w->off[i]; e < w->off[i + 1]; e++)
                q += g[e] * g[e];
            q = sqrt(q);
            for (e = w->off[i]; e < w->off[i + 1]; e++) {
                g[e] = q > 0 ? (1 / q) * g[e] : 0;
                Q += g[e];
            }
        }
        if (!(Q > 0)) {
            jl_free(g);
            return jl_err_set(err, JL_EINPUT, _("the weights sum to %g; expected more than 0"), Q);
        }
        for (e = 0; e < w->off[w->n]; e++)
            w->w[e] = ((double)eff / Q) * g[e];
        break;
    }
    default:
        jl_free(g);
        return jl_err_set(err, JL_EUSAGE, _("expected the style B, W, C, U or S, found %c"), style);
    }
    jl_free(g);
    /* Restyled general weights remain general underneath; the style
     * names what was done last. */
    w->style = general && style == 'B' ? 'G' : style;
    return JL_OK;
}

int jl_spw_with_self(jl_spw *out, const jl_spw *w, jl_err *err)
{
    size_t i, e, t = 0, m = w->off[w->n] + w->n;

    memset(out, 0, sizeof *out);
    out->n = w->n;
    out->off = jl_xcalloc(w->n + 1, sizeof *out->off);
    out->nb = jl_xmalloc(m * sizeof *out->nb);
    out->w = jl_xmalloc(m * sizeof *out->w);
    for (i = 0; i < w->n; i++) {
        int placed = 0;
        double mx = 1;

        if (w->style == 'G') {
            mx = 0;
            for (e = w->off[i]; e < w->off[i + 1]; e++)
                mx = fmax(mx, w->w[e]);
            if (mx == 0)
                mx = 1;
        }
        for (e = w->off[i]; e < w->off[i + 1]; e++) {
            if (!placed && w->nb[e] > i) {
                out->nb[t] = (uint32_t)i;
                out->w[t++] = mx;
                placed = 1;
            }
            out->nb[t] = w->nb[e];
            out->w[t++] = w->style == 'G' ? w->w[e] : 1;
        }
        if (!placed) {
            out->nb[t] = (uint32_t)i;
            out->w[t++] = mx;
        }
        out->off[i + 1] = t;
    }
    out->style = w->style == 'G' ? 'G' : 'B';
    if (w->style != 'G' && w->style != 'B')
        return jl_spw_set_style(out, w->style, err);
    return JL_OK;
}

void jl_spw_dispose(jl_spw *w)
{
    jl_free(w->off);
    jl_free(w->nb);
    jl_free(w->w);
    memset(w, 0, sizeof *w);
}

double jl_spw_get(const jl_spw *w, size_t i, size_t j)
{
    size_t lo = w->off[i], hi = w->off[i + 1];

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;

        if (w->nb[mid] < j)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < w->off[i + 1] && w->nb[lo] == j ? w->w[lo] : 0;
}

void jl_spw_summarise(const jl_spw *w, jl_spw_summary *s, uint32_t *comp)
{
    uint32_t *par = jl_xmalloc((w->n ? w->n : 1) * sizeof *par);
    size_t i, e, ksum = 0;

    memset(s, 0, sizeof *s);
    s->kmin = SIZE_MAX;
    s->symmetric = 1;
    for (i = 0; i < w->n; i++)
        par[i] = (uint32_t)i;
    for (i = 0; i < w->n; i++) {
        size_t k = w->off[i + 1] - w->off[i];

        ksum += k;
        if (k < s->kmin)
            s->kmin = k;
        if (k > s->kmax)
            s->kmax = k;
        if (!k)
            s->islands++;
        for (e = w->off[i]; e < w->off[i + 1]; e++) {
            uint32_t a = uf_find(par, (uint32_t)i), b = uf_find(par, w->nb[e]);

            if (a != b) {
                if (a < b)
                    par[b] = a;
                else
                    par[a] = b;
            }
            if (s->symmetric && jl_spw_get(w, w->nb[e], i) == 0 &&
                !(w->w[e] == 0))
                s->symmetric = 0;
        }
    }
    s->links = w->off[w->n];
    s->kmean = w->n ? (double)ksum / (double)w->n : 0;
    if (!w->n)
        s->kmin = 0;
    {
        uint32_t *num = jl_xmalloc((w->n ? w->n : 1) * sizeof *num);

        for (i = 0; i < w->n; i++)
            num[i] = UINT32_MAX;
        for (i = 0; i < w->n; i++) {
            uint32_t r = uf_find(par, (uint32_t)i);

            if (num[r] == UINT32_MAX)
                num[r] = (uint32_t)s->components++;
            if (comp)
                comp[i] = num[r];
        }
        jl_free(num);
    }
    jl_free(par);
}

void jl_spw_constants(const jl_spw *w, jl_spw_const *c)
{
    double *cs = jl_xcalloc(w->n ? w->n : 1, sizeof *cs);
    size_t i, e;
    double S0 = 0, s1a = 0, s1b = 0, S2 = 0, eff = 0;

    for (i = 0; i < w->n; i++) {
        double rs = 0;

        eff += w->off[i + 1] > w->off[i];
        for (e = w->off[i]; e < w->off[i + 1]; e++) {
            rs += w->w[e];
            cs[w->nb[e]] += w->w[e];
            s1a += w->w[e] * w->w[e];
            s1b += w->w[e] * jl_spw_get(w, w->nb[e], i);
        }
        S0 += rs;
    }
    for (i = 0; i < w->n; i++) {
        double rs = 0;

        for (e = w->off[i]; e < w->off[i + 1]; e++)
            rs += w->w[e];
        S2 += (rs + cs[i]) * (rs + cs[i]);
    }
    c->n = eff;
    c->n_all = (double)w->n;
    c->S0 = S0;
    c->S1 = s1a + s1b;
    c->S2 = S2;
    jl_free(cs);
}
