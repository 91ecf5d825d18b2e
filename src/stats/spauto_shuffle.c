/*
 * Shuffles of the global permutations (spauto_gperm.c): one array with
 * its generator, or four arrays with four generators at once.
 *
 * The generator is most of a shuffle's time (a draw costs about 1.4 ns,
 * a swap with its draw 1.7 ns, 2026-12), and its steps wait on each
 * other. Four independent streams in one AVX2 register take a step in
 * the time of about one: a shuffle of four arrays then costs about 1.0 ns
 * a draw instead of 1.7. Each stream gives the same numbers in the same
 * order as jl_rng_below32 on its own, so the shuffles are the same.
 */
#include "core/rng.h"
#include "stats/spauto_int.h"

#include <stdlib.h>
#include <string.h>

/* Draws run this many swaps ahead of the swaps, so that the value to be
 * swapped is fetched while the generator works: beyond the caches (a
 * million areas) a swap otherwise waits on memory. The draws are the same
 * and in the same order. 32 took a tenth less time than 16 at a million
 * areas (2026-12). */
#define AHEAD 32

void jl_sa__shuffle(jl_rng *state, double *a, size_t n)
{
    /* a copy the compiler keeps in registers: through the pointer, each
     * draw waited on the stores of the one before */
    jl_rng g = *state, *rng = &g;
    uint32_t ring[AHEAD];
    size_t i, d;

    /* ring[i % AHEAD] holds the draw for position i */
    for (d = 0; d < AHEAD && d + 1 < n; d++) {
        size_t i0 = n - 1 - d;

        ring[i0 % AHEAD] = jl_rng_below32(rng, (uint32_t)(i0 + 1));
        __builtin_prefetch(a + ring[i0 % AHEAD], 1);
    }
    for (i = n - 1; i > 0; i--) {
        size_t j = ring[i % AHEAD];
        double t = a[i];

        if (i > AHEAD) {
            size_t i2 = i - AHEAD;

            ring[i2 % AHEAD] = jl_rng_below32(rng, (uint32_t)(i2 + 1));
            __builtin_prefetch(a + ring[i2 % AHEAD], 1);
        }
        a[i] = a[j];
        a[j] = t;
    }
    *state = g;
}

#ifdef JL_SA_X86
#include <immintrin.h>

int jl_sa__avx2(void)
{
    /* JAMLIK_NO_AVX2 set: the baseline paths, so that tests can hold
     * them to the same bytes */
    const char *off = getenv("JAMLIK_NO_AVX2");

    return __builtin_cpu_supports("avx2") && !(off && *off);
}

/* Word k of the four generators, lane l of v[k] the state of stream l. */
typedef struct rng4 {
    __m256i v[4];
} rng4;

/* One step of the four xoshiro256** (as jl_rng_next); the outputs. */
JL_SA_AVX2 static inline __m256i next4(rng4 *g)
{
    __m256i s0 = g->v[0], s1 = g->v[1], s2 = g->v[2], s3 = g->v[3];
    /* s1 * 5, rotated by 7, times 9: multiplications by shifts and adds,
     * AVX2 having no 64-bit multiply */
    __m256i x = _mm256_add_epi64(_mm256_slli_epi64(s1, 2), s1);
    __m256i t = _mm256_slli_epi64(s1, 17);

    x = _mm256_or_si256(_mm256_slli_epi64(x, 7), _mm256_srli_epi64(x, 57));
    x = _mm256_add_epi64(_mm256_slli_epi64(x, 3), x);
    s2 = _mm256_xor_si256(s2, s0);
    s3 = _mm256_xor_si256(s3, s1);
    s1 = _mm256_xor_si256(s1, s2);
    s0 = _mm256_xor_si256(s0, s3);
    s2 = _mm256_xor_si256(s2, t);
    s3 = _mm256_or_si256(_mm256_slli_epi64(s3, 45), _mm256_srli_epi64(s3, 19));
    g->v[0] = s0;
    g->v[1] = s1;
    g->v[2] = s2;
    g->v[3] = s3;
    return x;
}

/* The rare lanes whose first draw jl_rng_below32 would reject (about one
 * draw in 40,000 at 100,000 areas): drawn again from their own stream, as
 * jl_rng_below32 does, the other streams untouched. */
static void redraw(rng4 *g, uint64_t m[4], uint32_t bound)
{
    uint64_t s[4][4];
    uint32_t t = (uint32_t)(-bound) % bound;
    int k, l;

    memcpy(s, g->v, sizeof s);
    for (l = 0; l < 4; l++) {
        jl_rng r;

        for (k = 0; k < 4; k++)
            r.s[k] = s[k][l];
        while ((uint32_t)m[l] < t)
            m[l] = (jl_rng_next(&r) >> 32) * (uint64_t)bound;
        for (k = 0; k < 4; k++)
            s[k][l] = r.s[k];
    }
    memcpy(g->v, s, sizeof s);
}

/* jl_rng_below32(stream l, bound) for the four streams, into j[0..3]. */
JL_SA_AVX2 static inline void below4(rng4 *g, uint32_t bound, uint64_t j[4])
{
    __m256i nb = _mm256_set1_epi64x((long long)bound);
    __m256i m = _mm256_mul_epu32(_mm256_srli_epi64(next4(g), 32), nb);
    __m256i low = _mm256_and_si256(m, _mm256_set1_epi64x(0xffffffffLL));

    /* low < bound, both below 2^32: a signed 64-bit compare is exact */
    if (__builtin_expect(_mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpgt_epi64(nb, low))), 0)) {
        uint64_t mm[4];
        /* a copy for the rare redraw: were *g's address to reach the call,
         * the state would live in memory, and every step would wait on a
         * store and a load (a third of the shuffle's time, 2026-12) */
        rng4 c = *g;

        _mm256_storeu_si256((__m256i *)mm, m);
        redraw(&c, mm, bound);
        *g = c;
        m = _mm256_loadu_si256((const __m256i *)mm);
    }
    _mm256_storeu_si256((__m256i *)j, _mm256_srli_epi64(m, 32));
}

/* The four values of position i side by side in rows (see jl_sa__shuffle4). */
JL_SA_AVX2 static inline void row_out(const jl_sa_rows *rows, size_t i, __m256d x)
{
    _mm256_storeu_pd(rows->Z + 4 * i, _mm256_sub_pd(x, _mm256_set1_pd(rows->xb)));
    if (rows->X)
        _mm256_storeu_pd(rows->X + 4 * i, x);
}

JL_SA_AVX2 static void shuffle4_avx2(jl_rng g[4], double *const a[4], size_t n,
                                     const jl_sa_rows *rows)
{
    double *a0 = a[0], *a1 = a[1], *a2 = a[2], *a3 = a[3];
    uint64_t ring[AHEAD][4], s[4][4];
    rng4 r;
    size_t i, d;
    int k, l;

    for (k = 0; k < 4; k++)
        for (l = 0; l < 4; l++)
            s[k][l] = g[l].s[k];
    memcpy(r.v, s, sizeof s);
    /* as jl_sa__shuffle, four at a time */
    for (d = 0; d < AHEAD && d + 1 < n; d++) {
        size_t i0 = n - 1 - d;
        uint64_t *j = ring[i0 % AHEAD];

        below4(&r, (uint32_t)(i0 + 1), j);
        __builtin_prefetch(a0 + j[0], 1);
        __builtin_prefetch(a1 + j[1], 1);
        __builtin_prefetch(a2 + j[2], 1);
        __builtin_prefetch(a3 + j[3], 1);
    }
    for (i = n - 1; i > 0; i--) {
        const uint64_t *j = ring[i % AHEAD];
        size_t j0 = j[0], j1 = j[1], j2 = j[2], j3 = j[3];
        double t0 = a0[i], t1 = a1[i], t2 = a2[i], t3 = a3[i];

        if (i > AHEAD) {
            size_t i2 = i - AHEAD;
            uint64_t *j4 = ring[i2 % AHEAD];

            below4(&r, (uint32_t)(i2 + 1), j4);
            __builtin_prefetch(a0 + j4[0], 1);
            __builtin_prefetch(a1 + j4[1], 1);
            __builtin_prefetch(a2 + j4[2], 1);
            __builtin_prefetch(a3 + j4[3], 1);
        }
        {
            double u0 = a0[j0], u1 = a1[j1], u2 = a2[j2], u3 = a3[j3];

            a0[i] = u0;
            a0[j0] = t0;
            a1[i] = u1;
            a1[j1] = t1;
            a2[i] = u2;
            a2[j2] = t2;
            a3[i] = u3;
            a3[j3] = t3;
            /* position i is final: the shuffle goes on below it */
            if (rows)
                row_out(rows, i, _mm256_setr_pd(u0, u1, u2, u3));
        }
    }
    if (rows)
        row_out(rows, 0, _mm256_setr_pd(a0[0], a1[0], a2[0], a3[0]));
    memcpy(s, r.v, sizeof s);
    for (k = 0; k < 4; k++)
        for (l = 0; l < 4; l++)
            g[l].s[k] = s[k][l];
}
#else
int jl_sa__avx2(void)
{
    return 0;
}
#endif

void jl_sa__shuffle4(jl_rng g[4], double *const a[4], size_t n, int simd, const jl_sa_rows *rows)
{
    size_t i;
    int l;

#ifdef JL_SA_X86
    if (simd && n > 1) {
        shuffle4_avx2(g, a, n, rows);
        return;
    }
#endif
    (void)simd;
    for (l = 0; l < 4; l++)
        jl_sa__shuffle(&g[l], a[l], n);
    for (i = 0; rows && i < n; i++)
        for (l = 0; l < 4; l++) {
            rows->Z[4 * i + l] = a[l][i] - rows->xb;
            if (rows->X)
                rows->X[4 * i + l] = a[l][i];
        }
}
