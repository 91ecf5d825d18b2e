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

/* Both directions of each unordered pair (i < j), sorted, into CSR. */
static void csr_symmetric(jl_spw *out, size_t n, const uint64_t *k, size_t m)
{
    uint64_t *all = jl_xmalloc((m ? 2 * m : 1) * sizeof *all);
    size_t e;

    for (e = 0; e < m; e++) {
        all[2 * e] = k[e];
        all[2 * e + 1] = (k[e] & 0xffffffffu) << 32 | k[e] >> 32;
    }
    jl_spw__radix_sort(all, 2 * m);
    jl_spw__csr_from_sorted(out, n, all, 2 * m);
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

int jl_spw_contiguity(jl_spw *out, const jl_spw_polys *p, int rule, double snap, jl_err *err)
{
    size_t nv = p->roff[p->nring], i, r, v;
    uint32_t *owner;
    vgrid g;
    jl_spw_pairs pr = {0};

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
        jl_spw__radix_sort(pr.k, pr.n);
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

            /* Rank distinct point jl_spw_pairs by sorting the keys, then tag
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
    } else {
        jl_free(owner);
        return jl_err_set(err, JL_EUSAGE, "unknown contiguity rule %d", rule);
    }
    jl_free(owner);
    jl_free(pr.k);
    return JL_OK;
}
