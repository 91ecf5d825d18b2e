/*
 * Inside stats/: what the files of spatial autocorrelation share
 * (SQLite's split of a module's header): the statistics (spauto.c), global
 * permutations (spauto_gperm.c) and local permutations (spauto_lperm.c).
 */
#ifndef JL_STATS_SPAUTO_INT_H
#define JL_STATS_SPAUTO_INT_H

#include <stdint.h>

#include "stats/spauto.h"

/* Sums in long double, as R's sum() does, so results agree with spdep to
 * far below the 1e-10 the references ask for. */
typedef long double jl_sa_acc;

/* At least 4 areas and a finite value for each. */
int jl_sa__check_x(const jl_spw *w, const double *x, jl_err *err);
double jl_sa__mean_of(const double *x, size_t n);
/* sum_i sum_j w_ij a_i b_j, in long double */
double jl_sa__cross(const jl_spw *w, const double *a, const double *b);
/* Runs fn(arg) on threads (1 to 64) threads, the calling one included. */
void jl_sa__run_threads(int threads, void *(*fn)(void *), void *arg);

/* splitmix64's finaliser: seeds of blocks and streams. */
static inline uint64_t jl_sa__mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15u;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    return x ^ (x >> 31);
}

#endif
