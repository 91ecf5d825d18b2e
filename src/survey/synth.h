/*
 * Synthetic respondents, made from the instrument's own measurement model:
 * for each scale a latent score is drawn (normal, calibrated so that the
 * shares reaching the instrument's cut-offs match their norms), shifted
 * by the group's and the sex's effects, and each item's answer is drawn
 * from the Rasch partial-credit model at that score. Scales are correlated
 * through one common factor. Used by `jamlik demo` and `make bench`, and
 * by tests that recover known shares. Waves made here are always stored
 * with the synthetic flag, and every output of them says "syntetiska svar".
 */
#ifndef JL_SURVEY_SYNTH_H
#define JL_SURVEY_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "survey/instrument.h"

#define JL_SYNTH_MAXDIV 4

/* The latent distribution of one scale, on the reported direction (risk
 * scales higher = more risk, protective higher = more protection). */
typedef struct jl_synth_latent {
    double mu;    /* mean */
    double sigma; /* SD of the observed score, from the cut-offs */
    double sigma_true; /* SD of the true score: sigma without measurement error */
} jl_synth_latent;

/* Calibrates lat[nscales] from each scale's cut-offs and norms: a cut-off
 * c reached by p % of the norm population gives c = mu + sigma * z(1 - p),
 * so two cut-offs fix mu and sigma (one fixes mu with sigma 1; none gives
 * 0 and 1). sigma_true removes the Rasch standard error at full answers,
 * sigma_true^2 = sigma^2 - mean SE^2, so that the scores' spread, which
 * carries that error, comes out near sigma. */
void jl_synth_calibrate(jl_synth_latent *lat, const jl_instrument *in);

typedef struct jl_synth_group {
    const char *areas[JL_SYNTH_MAXDIV]; /* one code per division ("" none) */
    int grade;                          /* index as jl_grade_parse */
    size_t n;                           /* respondents */
    const double *shift; /* nscales, in SDs towards worse (more risk, less
                            protection); NULL: none */
} jl_synth_group;

typedef struct jl_synth_opts {
    uint64_t seed;
    double missing;          /* share of answers left blank */
    double sex_missing;      /* share without a sex */
    double rho;              /* loading of every scale on the common factor */
    const double *sex_shift; /* nscales x 2 (K, M) in SDs towards worse, or NULL */
    const char *id_prefix;   /* respondent ids are prefix + a running number */
} jl_synth_opts;

/* Makes the respondents of groups g[0..ng) with ndiv area columns into
 * *out; lat from jl_synth_calibrate. Free with jl_respondents_dispose. */
void jl_synth_make(jl_respondents *out, const jl_instrument *in, const jl_synth_latent *lat,
                   size_t ndiv, const jl_synth_group *g, size_t ng, const jl_synth_opts *o);

#endif
