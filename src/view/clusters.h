/*
 * The local clusters of an indicator over a division's areas, in one
 * call, for the web pages and the API (issue 19): the areas with a value
 * and a shape (view/spatial.h's jl_view_sp_load of indicator:ID@PERIOD),
 * their contiguity weights, and local Moran's Ii with permutation
 * p-values and each area's cluster (jl_view_autocorr_run). The same
 * numbers as `jamlik autocorr indicator:ID@PERIOD --division D --weights
 * queen --permutations R --seed S` for the same parameters: a fixed seed
 * makes them the same on every call and every number of threads.
 *
 * Register indicators only: a survey's shares reach the pages through
 * releases, never through the respondents this would read. Also the
 * periods at which groups of counts can be compared (the segregation
 * page's indices over time, view/segregation.h).
 *
 * Results are the caller's, freed with their _dispose (which accepts a
 * zeroed struct).
 */
#ifndef JL_VIEW_CLUSTERS_H
#define JL_VIEW_CLUSTERS_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"
#include "view/spatial.h"

/* The defaults of the pages: those of jamlik autocorr with 999
 * permutations. */
#define JL_CLUSTERS_R 999
#define JL_CLUSTERS_MAX_R 9999

typedef struct jl_view_clusters_req {
    const char *indicator; /* an indicator's id */
    const char *division;
    const char *period;    /* NULL: the latest with a value */
    const char *weights;   /* queen | rook | knn:K; NULL: queen */
    size_t R;              /* permutations, 1 to JL_CLUSTERS_MAX_R */
    uint64_t seed;
    double alpha;          /* 0 < alpha < 1 */
    jl_view_adjust adjust;
    int threads;           /* as jl_view_autocorr_req's */
} jl_view_clusters_req;

/* jamlik autocorr's defaults with JL_CLUSTERS_R permutations and one
 * thread. */
void jl_view_clusters_req_init(jl_view_clusters_req *rq);

typedef struct jl_view_clusters {
    jl_view_sp_data d;     /* the areas (codes, names, values), the indicator's name, period */
    jl_view_sp_weights vw;
    jl_view_autocorr a;    /* global tests, local statistics, p, adjusted p, status */
} jl_view_clusters;

/* JL_ENOTFOUND for an indicator or division not in the store, JL_EINPUT
 * (or the views' codes) for parameters that do not make clusters. */
int jl_view_clusters_load(jl_view_clusters *out, jl_store *st, const jl_view_clusters_req *rq,
                          jl_err *err);
void jl_view_clusters_dispose(jl_view_clusters *c);

/* Area i's class as a fixed code: high_high, low_low, high_low,
 * low_high (a significant cluster), not_significant, no_neighbours. */
const char *jl_view_cluster_code(const jl_view_clusters *c, size_t i);
/* The p-value area i is judged by after the request's adjustment. */
double jl_view_cluster_p_adj(const jl_view_clusters *c, const jl_view_clusters_req *rq,
                             size_t i);

/* The periods, sorted, at which every indicator the groups name (A, or
 * A and B of "A-B") has a figure in the division: what a table of
 * segregation over time can show. *out (n strings) is the caller's:
 * jl_view_periods_free. */
int jl_view_seg_periods(char ***out, size_t *n, jl_store *st, const char *division,
                        const char *const *groups, size_t ngroups, jl_err *err);
void jl_view_periods_free(char **p, size_t n);

#endif
