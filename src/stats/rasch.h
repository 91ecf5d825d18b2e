/*
 * Rasch partial credit model (PCM) person locations: Warm's weighted
 * likelihood estimate (WLE, Warm 1989) and plain maximum likelihood, with
 * the asymptotic standard error 1/sqrt(I(theta)) at the estimate.
 *
 * Parameterisation (eRm::thresholds, catR "PCM", psychotools): for an item
 * with thresholds d_1..d_m, P(X = x | theta) is proportional to
 * exp(sum_{k<=x} (theta - d_k)), x = 0..m. Missing items are left out of
 * the likelihood: callers pass only the answered items.
 *
 * Because the raw score is sufficient, the estimate depends only on the
 * raw score and on which items were answered; jl_rasch_cache tabulates
 * estimates by (answered set, raw score) so a million respondents need
 * only a few thousand solves.
 *
 * Checked against tests/reference/rasch/ (RISE's WLE reference, an R
 * implementation for WLE, psychotools::personpar for ML).
 */
#ifndef JL_STATS_RASCH_H
#define JL_STATS_RASCH_H

#include <stddef.h>
#include <stdint.h>

typedef struct jl_pcm_item {
    size_t m;            /* number of thresholds = maximum score */
    const double *delta; /* m thresholds, borrowed */
} jl_pcm_item;

typedef enum { JL_RASCH_WLE = 0, JL_RASCH_ML = 1 } jl_rasch_method;

typedef enum {
    JL_RASCH_OK = 0,
    JL_RASCH_EXTREME = 1 /* ML: all-minimum or all-maximum, no finite estimate */
} jl_rasch_status;

/* Search interval for the estimate, in logits. RISE used (-4, 4) in 2023
 * and (-10, 10) later (pgmj/RISEkbmRasch RIestThetasCATr); the WLE of
 * every realistic pattern lies well inside this wider interval, and the
 * reference was computed on (-15, 15). */
#define JL_RASCH_LO (-15.0)
#define JL_RASCH_HI 15.0

/* Estimates theta for raw score `raw` on the n given (answered) items.
 * Returns JL_RASCH_OK with *theta and *se set, or JL_RASCH_EXTREME (ML
 * only) with both NaN. n must be >= 1 and 0 <= raw <= sum of m. */
jl_rasch_status jl_rasch_estimate(double *theta, double *se, const jl_pcm_item *items, size_t n,
                                  long raw, jl_rasch_method method);

/* Expected score, information and third central moment summed over the
 * items at theta (exposed for tests and simulation). */
void jl_rasch_moments(double *e, double *info, double *third, const jl_pcm_item *items, size_t n,
                      double theta);

/* Draws a response 0..m for one item at theta given a uniform u in [0,1). */
int jl_rasch_draw(const jl_pcm_item *item, double theta, double u);

/* A cache of estimates for one scale, keyed by the set of answered items
 * (a bit mask over the scale's items; at most 64 items) and the raw score.
 * items are borrowed for the cache's lifetime. Free with jl_rasch_cache_free. */
typedef struct jl_rasch_cache jl_rasch_cache;

jl_rasch_cache *jl_rasch_cache_new(const jl_pcm_item *items, size_t n, jl_rasch_method method);
void jl_rasch_cache_free(jl_rasch_cache *c);
/* Looks up (or computes) the estimate for the items in mask with raw score. */
jl_rasch_status jl_rasch_cache_get(jl_rasch_cache *c, double *theta, double *se, uint64_t mask,
                                   long raw);
/* Number of distinct solves done so far. */
size_t jl_rasch_cache_solves(const jl_rasch_cache *c);

#endif
