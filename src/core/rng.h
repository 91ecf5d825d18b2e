/*
 * A small, fast, seedable generator for synthetic data and permutations:
 * xoshiro256** (Blackman & Vigna 2018) seeded through splitmix64. The same
 * seed gives the same stream on every machine. Value type; no allocation.
 */
#ifndef JL_CORE_RNG_H
#define JL_CORE_RNG_H

#include <stdint.h>

typedef struct jl_rng {
    uint64_t s[4];
} jl_rng;

void jl_rng_seed(jl_rng *r, uint64_t seed);

/* In the header so that permutation loops inline it. */
static inline uint64_t jl_rng_next(jl_rng *r)
{
    uint64_t *s = r->s, result = ((s[1] * 5) << 7 | (s[1] * 5) >> 57) * 9, t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = s[3] << 45 | s[3] >> 19;
    return result;
}

/* Uniform on [0, 1) with 53 random bits. */
double jl_rng_uniform(jl_rng *r);
/* Uniform integer on [0, n), without modulo bias. */
uint64_t jl_rng_below(jl_rng *r, uint64_t n);
/* Uniform integer on [0, n), 0 < n < 2^32, without bias and almost
 * always without a division (Lemire 2019): for permutation draws. */
static inline uint32_t jl_rng_below32(jl_rng *r, uint32_t n)
{
    uint64_t m = (jl_rng_next(r) >> 32) * (uint64_t)n;
    uint32_t low = (uint32_t)m;

    if (low < n) {
        uint32_t t = (uint32_t)(-n) % n;

        while (low < t) {
            m = (jl_rng_next(r) >> 32) * (uint64_t)n;
            low = (uint32_t)m;
        }
    }
    return (uint32_t)(m >> 32);
}
/* Standard normal (Box-Muller; one value per call). */
double jl_rng_normal(jl_rng *r);

#endif
