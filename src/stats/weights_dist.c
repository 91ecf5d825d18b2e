/*
 * Neighbours by distance (stats/weights.h, jl_spw_knn, jl_spw_band): points
 * on a uniform grid.
 */
#include "stats/weights.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "stats/weights_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
    jl_spw__csr_from_sorted(out, n, keys, m);
    jl_free(keys);
    jl_free(best);
    pgrid_free(&g);
    return JL_OK;
}

int jl_spw_band(jl_spw *out, const double *xy, size_t n, double lo, double hi, jl_err *err)
{
    pgrid g;
    jl_spw_pairs pr = {0};
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
                        jl_spw__pairs_add(&pr, (uint32_t)i, j);
                }
            }
    }
    jl_spw__radix_sort(pr.k, pr.n);
    jl_spw__csr_from_sorted(out, n, pr.k, pr.n);
    jl_free(pr.k);
    pgrid_free(&g);
    return JL_OK;
}
