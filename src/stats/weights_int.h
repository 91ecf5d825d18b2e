/*
 * Inside stats/: what the files of spatial weights share (SQLite's split
 * of a module's header): weights.c (edge lists, styles, summaries),
 * weights_contig.c (contiguity from shared vertices) and weights_dist.c
 * (k nearest and distance bands on a grid of points).
 */
#ifndef JL_STATS_WEIGHTS_INT_H
#define JL_STATS_WEIGHTS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "stats/weights.h"

/* Sorts n 64-bit keys ascending (LSD radix, 16 bits a pass). */
void jl_spw__radix_sort(uint64_t *a, size_t n);

/* A growing list of pairs (i << 32 | j). */
typedef struct jl_spw_pairs {
    uint64_t *k;
    size_t n, cap;
} jl_spw_pairs;

void jl_spw__pairs_add(jl_spw_pairs *p, uint32_t i, uint32_t j);

/* CSR from sorted, distinct directed pairs (i << 32 | j), weight 1. */
void jl_spw__csr_from_sorted(jl_spw *out, size_t n, const uint64_t *k, size_t m);

/* Union-find: the root of x, halving the path on the way. */
static inline uint32_t jl_spw__uf_find(uint32_t *par, uint32_t x)
{
    while (par[x] != x) {
        par[x] = par[par[x]];
        x = par[x];
    }
    return x;
}

#endif
