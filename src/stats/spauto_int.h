/*
 * Inside stats/: what the files of spatial autocorrelation share
 * (SQLite's split of a module's header): the statistics (spauto.c), global
 * permutations (spauto_gperm.c) and local permutations (spauto_lperm.c).
 */
#ifndef JL_STATS_SPAUTO_INT_H
#define JL_STATS_SPAUTO_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "core/rng.h"
#include "core/progress.h"
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

/* One more uniform shuffle of the n values of a (Fisher-Yates from the
 * top, draws by jl_rng_below32), continuing generator g
 * (spauto_shuffle.c). */
void jl_sa__shuffle(jl_rng *g, double *a, size_t n);
/* Whether this processor has AVX2, which the permutations' fast paths use
 * (built twice: for AVX2, and for the baseline where it is missing; the
 * two give the same bits), and JAMLIK_NO_AVX2 is not set. */
int jl_sa__avx2(void);
/* The four arrays side by side, as the permutations sum them (see
 * JL_SA_LANES): Z[4 i + l] = a[l][i] - xb, and X[4 i + l] = a[l][i] when X
 * is not NULL. */
typedef struct jl_sa_rows {
    double *Z, *X;
    double xb;
} jl_sa_rows;
/* Four distinct arrays, each with its own generator: the same as
 * jl_sa__shuffle(&g[l], a[l], n) for l = 0..3; simd from jl_sa__avx2.
 * rows (or NULL) receives them side by side: with AVX2 as the shuffle
 * goes, each position being final once the shuffle has passed it, so it
 * is written while in the cache instead of read again. */
void jl_sa__shuffle4(jl_rng g[4], double *const a[4], size_t n, int simd, const jl_sa_rows *rows);

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define JL_SA_X86 1
#define JL_SA_AVX2 __attribute__((target("avx2")))
#endif

/* ---- Global permutations (spauto_gperm.c) and their sums over the links
 * (spauto_gsums.c) ---- */

/* Replicates summed together, one of each of JL_SA_LANES blocks: lane b of
 * area i is A[JL_SA_LANES * i + b], so one pass over the links serves
 * JL_SA_LANES replicates (and the compiler's vector instructions), where
 * each pass was a scattered gather before. */
#define JL_SA_LANES 4

/* Two lanes in one register of the baseline (SSE2 on x86-64); a wider
 * vector type would be split through the stack by a compiler told of no
 * wider registers. With AVX2 the four are in one register
 * (spauto_gsums.c): each lane's operations are the same in the same order, so
 * both give the same bits. (No fused multiply-add: C11 mode does not
 * contract, and AVX2 does not bring FMA.) */
typedef double jl_sa_v2 __attribute__((vector_size(2 * sizeof(double))));
typedef struct jl_sa_lanes {
    jl_sa_v2 h[JL_SA_LANES / 2];
} jl_sa_lanes;

/* The weights a statistic sums over, and what the fast sum needs. */
typedef struct jl_sa_gside {
    const jl_spw *w;
    const double *v; /* values permuted: z for Moran and Geary, x for G */
    double *rowc;    /* each row's one weight, or NULL when a row's differ */
    size_t kmax;
} jl_sa_gside;

typedef struct jl_sa_gperm {
    jl_sa_gside m, g; /* Moran and Geary on m.w; G on g.w */
    const double *rc; /* row + column sum of each area's weights (m.w) */
    const double *x;  /* the values; z = x - xb, computed as in the caller */
    double xb;
    /* G summed in the pass of Moran (spauto_gsums.c), when set: G's row
     * and column sums of each area (gq) and their total (g_s0) */
    const double *gq;
    double g_s0, g_abs;
    /* m.w's neighbours as offsets of their rows of lanes (nb * LANES),
     * or NULL when they do not fit 32 bits */
    uint32_t *nbo;
    size_t n, R, nblocks;
    uint64_t seed;
    int what, simd;
    double obs[3], tol[3];
    /* how far a fast sum may be from the long double one (see near) */
    double margin[3], g_rel, g_den;
    int g_islands;
    atomic_size_t next;
    size_t (*ge)[3], (*le)[3]; /* per block */
} jl_sa_gperm;

typedef struct jl_sa_gwork {
    double *P[JL_SA_LANES];   /* each lane's shuffled x */
    double *Z, *X, *pz; /* lanes side by side (see JL_SA_LANES); scratch */
} jl_sa_gwork;

/* The fast sums of the lanes: Moran's cross sum, Geary's sum, G, and G's
 * condition when its denominator changes (else 0). */
typedef struct jl_sa_gsums {
    jl_sa_lanes s[3], kappa;
} jl_sa_gsums;

static inline double jl_sa__lane(const jl_sa_lanes *a, size_t l)
{
    return a->h[l / 2][l % 2];
}

/* The nl lanes of k->P side by side into k->Z (and k->X): for fewer than
 * four, the rest laid by jl_sa__shuffle4. */
void jl_sa__interleave(const jl_sa_gperm *g, jl_sa_gwork *k, size_t nl);
/* The fast sums of the lanes side by side in k->Z (and k->X): with AVX2
 * when g->simd, else with the baseline's vectors. */
void jl_sa__gsums(jl_sa_gsums *o, const jl_sa_gperm *g, jl_sa_gwork *k);

/* splitmix64's finaliser: seeds of blocks and streams. */
static inline uint64_t jl_sa__mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15u;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    return x ^ (x >> 31);
}

#endif
