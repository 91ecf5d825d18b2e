#include "core/rng.h"

#include <math.h>

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void jl_rng_seed(jl_rng *r, uint64_t seed)
{
    int i;

    for (i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

double jl_rng_uniform(jl_rng *r)
{
    return (double)(jl_rng_next(r) >> 11) * 0x1.0p-53;
}

uint64_t jl_rng_below(jl_rng *r, uint64_t n)
{
    /* Lemire's method would be faster; rejection keeps it obvious. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % n, x;

    do
        x = jl_rng_next(r);
    while (x >= limit);
    return x % n;
}

double jl_rng_normal(jl_rng *r)
{
    double u1 = jl_rng_uniform(r), u2 = jl_rng_uniform(r);

    if (u1 < 1e-300)
        u1 = 1e-300;
    return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}
