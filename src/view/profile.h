/*
 * The survey profile as data: a wave loaded and scored with a chosen set
 * of cut-offs (jl_view_wave), its respondents counted per area of a
 * division — one the wave has a column for, one above it through the
 * parent links, or a named group as one area — with the whole wave as the
 * city (jl_view_profile), and any cell of area x grade x sex x scale x
 * cut-off with its raw counts (jl_view_profile_cell). No disclosure rule
 * is applied here: the faces apply release/suppress.h before they show a
 * cell. Both structs are the caller's; free with their _dispose.
 */
#ifndef JL_VIEW_PROFILE_H
#define JL_VIEW_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/limits.h"
#include "stats/profile.h"
#include "store/store.h"
#include "survey/instrument.h"
#include "survey/wave.h"
#include "view/values.h"

typedef struct jl_view_wave {
    jl_wave_info w;
    jl_instrument *in;
    char cutset[JL_MAX_ID + 16]; /* the cut-off set used, "" if none */
    jl_respondents r;
    uint8_t *status; /* r.n x nscales */
} jl_view_wave;

/* Loads wave (by name, optionally with instrument) or, when w is given,
 * that wave, with the cut-off set cutset (view/survey.h), and scores it;
 * with scores, the scores and their SEs too (r.n x nscales, the caller
 * frees them). with_excluded keeps the respondents the screens excluded. */
int jl_view_wave_load(jl_view_wave *a, jl_store *st, const char *wave, const char *instrument,
                      const char *cutset, const jl_wave_info *w, int with_excluded,
                      double **scores, double **ses, jl_err *err);
void jl_view_wave_dispose(jl_view_wave *a);

typedef struct jl_view_profile {
    size_t div;       /* position of the division in the wave */
    char *division;     /* owned */
    size_t nareas;
    char **codes;       /* sorted area codes, owned */
    int32_t *area;      /* per respondent */
    int8_t grade_present[JL_NGRADES];
    jl_counts counts, city;
} jl_view_profile;

/* Counts a's respondents per area of division (NULL: the wave's first
 * area column). */
int jl_view_profile_build(jl_view_profile *p, jl_store *st, const jl_view_wave *a,
                          const char *division, jl_err *err);
/* Makes p the profile of group name: its member areas as one area. */
int jl_view_profile_group(jl_view_profile *p, jl_store *st, const jl_view_wave *a,
                          const char *name, jl_err *err);
void jl_view_profile_dispose(jl_view_profile *p);

/* The position of scale sc's headline cut-off, or -1 if it has none. */
long jl_view_headline_of(const jl_scale *sc);

#endif
