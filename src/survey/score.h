/*
 * Scoring respondents on an instrument's scales: mean scales (CTC: the mean
 * of the recoded items answered, given a minimum) and Rasch partial credit
 * person locations (Stockholmsenkäten/RISE: WLE by default, ML as an
 * option), each reported on its own direction (flip for RISE's protective
 * indices), then compared with each cut-off: a respondent reaches a cut-off
 * when the score is at or above it.
 *
 * A jl_scorer holds per-item score tables and the Rasch caches for one
 * instrument (borrowed for the scorer's lifetime). Not thread-safe; one
 * scorer per thread.
 */
#ifndef JL_SURVEY_SCORE_H
#define JL_SURVEY_SCORE_H

#include <stddef.h>
#include <stdint.h>

#include "survey/instrument.h"

typedef enum {
    JL_NOSCORE_NONE = 0,
    JL_NOSCORE_FEW = 1,     /* fewer answered items than the minimum */
    JL_NOSCORE_EXTREME = 2, /* ML: all-minimum or all-maximum pattern */
} jl_noscore;

typedef struct jl_scorer jl_scorer;

jl_scorer *jl_scorer_new(const jl_instrument *in);
void jl_scorer_free(jl_scorer *s);

/* Scores one respondent's answers (one byte per instrument item: 0 = no
 * answer, else 1 + the code's position) on scale si. Sets *score and *se
 * (se NaN for mean scales; both NaN without a score) and returns the
 * status byte (JL_ST_SCORED and the reached cut-off bits, see
 * stats/profile.h) with *why set when not scored. */
uint8_t jl_scorer_score(jl_scorer *s, size_t si, const uint8_t *answers, double *score,
                        double *se, jl_noscore *why);

/* Scores n respondents on every scale: status is n x nscales (may not be
 * NULL); score and se n x nscales or NULL. */
void jl_scorer_run(jl_scorer *s, const uint8_t *answers, size_t n, uint8_t *status, double *score,
                   double *se);

/* Scores n respondents as jl_scorer_run does, split over the machine's
 * cores (one scorer per thread, at most JL_SCORE_MAXTHREADS); the
 * results do not depend on the split. Returns the estimates solved. */
#define JL_SCORE_MAXTHREADS 8
size_t jl_score_all(const jl_instrument *in, const uint8_t *answers, size_t n, uint8_t *status,
                    double *score, double *se);

/* Distinct Rasch estimates solved so far (the rest came from the table). */
size_t jl_scorer_solves(const jl_scorer *s);

/* Plain-words reason for a missing score (translated). */
const char *jl_noscore_reason(jl_noscore why);

#endif
