/*
 * Spatial weights: who is whose neighbour, and how much each neighbour
 * counts. Pure (no GDAL): polygons arrive as flat vertex arrays, points as
 * coordinate pairs, all in one planar system (metres in EPSG:3006, or a
 * file's own units).
 *
 * Contiguity follows spdep's poly2nb exactly (research: spatial.md §1.2):
 * a feature's vertices are all its rings' coordinates in order, closing
 * vertices included, with only the very first vertex dropped; two
 * features are queen neighbours when at least one pair of their vertices
 * lies within the snap distance, rook neighbours when at least two pairs
 * do. libpysal's rook (a shared edge: two consecutive vertices of one
 * ring matching two consecutive vertices of the other's) is the third
 * rule. Vertices are matched by hashing quantised coordinates (§5.3), so
 * the work grows with the number of vertices, not with pairs of areas.
 *
 * Neighbour lists are sorted ascending, as spdep's, so edge lists compare
 * exactly. Weights are in CSR form; rows may be asymmetric (k nearest).
 */
#ifndef JL_STATS_WEIGHTS_H
#define JL_STATS_WEIGHTS_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

typedef struct jl_spw {
    size_t n;     /* areas */
    size_t *off;  /* n + 1: row i is nb[off[i]] .. nb[off[i+1]-1] */
    uint32_t *nb; /* neighbours, ascending within a row */
    double *w;    /* weights beside nb */
    char style;   /* 'B', 'W', 'C', 'U', 'S', or 'G' (general, as read) */
} jl_spw;

/* Polygons, borrowed. Feature i owns rings rfeat[..] with rings in
 * feature order; ring r's vertices are xy[2*roff[r]] .. xy[2*roff[r+1]-1],
 * closing vertex included (as GDAL gives them). */
typedef struct jl_spw_polys {
    size_t n;            /* features */
    size_t nring;
    const size_t *fring; /* n + 1: feature i's rings are fring[i] .. fring[i+1]-1 */
    const size_t *roff;  /* nring + 1 */
    const double *xy;
} jl_spw_polys;

enum { JL_CONTIG_QUEEN = 0, JL_CONTIG_ROOK = 1, JL_CONTIG_ROOK_EDGE = 2 };

/* Binary contiguity weights. snap >= 0 in coordinate units (spdep's
 * default: sqrt(DBL_EPSILON)). */
int jl_spw_contiguity(jl_spw *out, const jl_spw_polys *p, int rule, double snap, jl_err *err);

/* The k nearest neighbours of each point (Euclidean), ties at the k-th
 * distance broken by the lower index; asymmetric, as spdep's knn2nb.
 * 1 <= k < n. */
int jl_spw_knn(jl_spw *out, const double *xy, size_t n, size_t k, jl_err *err);

/* All pairs with lo <= distance <= hi (spdep's dnearneigh, bounds GE/LE). */
int jl_spw_band(jl_spw *out, const double *xy, size_t n, double lo, double hi, jl_err *err);

/* Weights from an edge list (0-based from, to; weight w, or NULL for 1).
 * Refuses self links and repeated pairs. Style 'G' when w is given. */
int jl_spw_from_edges(jl_spw *out, size_t n, const uint32_t *from, const uint32_t *to,
                      const double *w, size_t m, jl_err *err);

/* Restyles from the binary pattern of out (or its general weights when
 * the style is 'G'), as spdep's nb2listw: 'B' binary, 'W' rows sum to 1,
 * 'C' sum to the number of areas with neighbours, 'U' sum to 1, 'S'
 * variance-stabilising. */
int jl_spw_set_style(jl_spw *w, char style, jl_err *err);

/* A copy of w with each area its own neighbour too (for Gi*), binary, then
 * restyled like w (general weights get self weight = the row's largest). */
int jl_spw_with_self(jl_spw *out, const jl_spw *w, jl_err *err);

void jl_spw_dispose(jl_spw *w);

typedef struct jl_spw_summary {
    size_t links;      /* directed links (spdep's "nonzero links") */
    size_t islands;    /* areas without neighbours */
    size_t components; /* connected components (links taken both ways) */
    size_t kmin, kmax;
    double kmean;
    int symmetric;     /* every link i->j has j->i */
} jl_spw_summary;

/* comp, if not NULL, receives each area's component number (0-based, in
 * order of first area). */
void jl_spw_summarise(const jl_spw *w, jl_spw_summary *s, uint32_t *comp);

/* spdep's spweights.constants with adjust.n: n counts areas with
 * neighbours; S1 = sum w^2 + sum w_ij w_ji; S2 = sum (row + column)^2. */
typedef struct jl_spw_const {
    double n, S0, S1, S2;
    double n_all; /* every area */
} jl_spw_const;
void jl_spw_constants(const jl_spw *w, jl_spw_const *c);

/* The weight of j in row i, 0 if none (binary search). */
double jl_spw_get(const jl_spw *w, size_t i, size_t j);

#endif
