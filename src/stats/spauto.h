/*
 * Spatial autocorrelation: global Moran's I, Geary's C and Getis-Ord G
 * with their moments under normality and randomisation (spdep's
 * moran.test, geary.test, globalG.test with adjust.n), local Moran's Ii on
 * spdep's scale (m2 = sum z^2 / n; esda's Is is (n-1)/n of it) with
 * conditional-randomisation moments (Sokal et al. 1998), Gi and Gi*
 * z-values (spdep's localG), and permutation inference.
 *
 * Permutation p-values count simulated values at least as extreme, the
 * observed one included: p_greater = (#{sim >= obs} + 1) / (R + 1),
 * p_less = (#{sim <= obs} + 1) / (R + 1), p_folded the smaller of the two.
 * "Equal" allows for rounding (a relative 1e-12 of the sum's size), so
 * that the same neighbour values drawn in another order tie, as they
 * mathematically do.
 *
 * Local permutations draw k_i distinct values from the n - 1 others. The
 * default draws one table of R rows shared by every area (esda, GeoDa's
 * lookup table); JL_PERM_STREAMS gives every area its own random stream,
 * a pure function of (seed, area). Either way the results are the same for
 * a seed on any number of threads. Research: spatial.md §2, §3.
 */
#ifndef JL_STATS_SPAUTO_H
#define JL_STATS_SPAUTO_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/progress.h"
#include "stats/weights.h"

typedef struct jl_sa_test {
    double stat, expect;
    double var_norm, z_norm, p_norm; /* normality */
    double var_rand, z_rand, p_rand; /* randomisation (NaN for G) */
    /* permutation (when asked) */
    size_t R, ge, le;
    double p_greater, p_less, p_folded;
} jl_sa_test;

/* p-values of the normal tests are one-sided "greater" (spdep's
 * default): Moran z = (I - E)/sd, Geary z = (E - C)/sd (positive means
 * clustering), G z = (G - E)/sd. */
int jl_sa_moran(const jl_spw *w, const double *x, jl_sa_test *out, jl_err *err);
int jl_sa_geary(const jl_spw *w, const double *x, jl_sa_test *out, jl_err *err);
/* Refuses negative values and row-standardised weights (spdep: B, C, U). */
int jl_sa_getis_g(const jl_spw *w, const double *x, jl_sa_test *out, jl_err *err);

enum { JL_SA_MORAN = 1, JL_SA_GEARY = 2, JL_SA_G = 4 };

/* Permutation inference for the global statistics named in what
 * (JL_SA_MORAN | JL_SA_GEARY | JL_SA_G) at once, into t[0] Moran, t[1]
 * Geary, t[2] G (others untouched): R full permutations of x. */
int jl_sa_global_perm(const jl_spw *w, const double *x, size_t R, uint64_t seed, int threads,
                      int what, jl_sa_test t[3], const jl_progress *pr, jl_err *err);
/* The same with G summed over wg (NULL: w), such as the binary pattern of
 * row-standardised w: one set of shuffles serves all three statistics, and
 * the counts are those of two calls with the same seed, one for G on wg
 * and one for Moran and Geary on w, at a little more than half the time. */
int jl_sa_global_perm_g(const jl_spw *w, const jl_spw *wg, const double *x, size_t R,
                        uint64_t seed, int threads, int what, jl_sa_test t[3],
                        const jl_progress *pr, jl_err *err);

/* jl_sa_global_perm_g in two steps, so that the caller's thread can do
 * other work while the permutations run: start checks the input, sets
 * threads - 1 threads to work and returns at once; wait makes the calling
 * thread the last of the threads, reports progress through pr (or NULL),
 * writes t as jl_sa_global_perm_g does once all are done, and frees the
 * job. The numbers are those of jl_sa_global_perm_g. w, wg and x are
 * borrowed: they must stay valid and unchanged until wait. Every started
 * job must be waited for, once; on failure start leaves *out NULL. */
typedef struct jl_sa_gjob jl_sa_gjob;
int jl_sa_global_perm_start(jl_sa_gjob **out, const jl_spw *w, const jl_spw *wg, const double *x,
                            size_t R, uint64_t seed, int threads, int what, jl_err *err);
void jl_sa_global_perm_wait(jl_sa_gjob *job, jl_sa_test t[3], const jl_progress *pr);
/* Stops a started job (its threads finish the replicates they are at) and
 * frees it, with no results: for a caller that fails before its wait.
 * NULL does nothing. */
void jl_sa_global_perm_cancel(jl_sa_gjob *job);

enum { JL_QUAD_NONE = 0, JL_QUAD_HH, JL_QUAD_LL, JL_QUAD_HL, JL_QUAD_LH };

typedef struct jl_sa_local {
    double Ii, E, V, Z, p_norm; /* conditional moments; p two-sided */
    double lag;                 /* (Wx)_i */
    int quad;                   /* spdep's quadr$mean; NONE for an island */
    double gi_z, gistar_z;
    /* permutation */
    uint32_t ge, le;
    double p_greater, p_less, p_folded, E_sim, V_sim; /* V_sim: n - 1 denominator */
} jl_sa_local;

/* Analytical local statistics; islands get NaN. wstar: the weights with
 * each area its own neighbour (jl_spw_with_self), for Gi*. */
int jl_sa_local_moran(const jl_spw *w, const jl_spw *wstar, const double *x, jl_sa_local *out,
                      jl_err *err);

enum { JL_PERM_SHARED = 0, JL_PERM_STREAMS = 1 };

/* pr (or NULL) is moved on by the calling thread as areas are done. */
int jl_sa_local_perm(const jl_spw *w, const double *x, size_t R, uint64_t seed, int mode,
                     int threads, jl_sa_local *out, const jl_progress *pr, jl_err *err);

/* p-value adjustments over the non-NaN entries of p (NaN stays NaN):
 * Benjamini-Hochberg (R's p.adjust "BH") and Bonferroni. */
void jl_p_adjust_bh(const double *p, size_t n, double *out);
void jl_p_adjust_bonferroni(const double *p, size_t n, double *out);

/* Upper tail of the standard normal. */
double jl_pnorm_upper(double z);

#endif
