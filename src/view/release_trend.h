/*
 * Survey figures over waves, across releases (issue 19): a release
 * holds the waves it was made of, and a later one need not repeat an
 * earlier wave, so a trend takes each wave from the latest release, not
 * withdrawn and at or before the one a page shows, that holds that wave
 * and the division. Only published cells, never respondents: a hidden
 * cell stays hidden, with its reason.
 *
 * Results are the caller's, freed with their _dispose (also after a
 * failed call, which leaves them empty).
 */
#ifndef JL_VIEW_RELEASE_TREND_H
#define JL_VIEW_RELEASE_TREND_H

#include <stddef.h>

#include "core/err.h"
#include "store/store.h"
#include "view/release_cells.h"

typedef struct jl_view_wave_source {
    char *wave;    /* the wave's name */
    long release;  /* the release its figures come from */
    char *created; /* that release's time of creation (ISO 8601) */
} jl_view_wave_source;

typedef struct jl_view_wave_sources {
    jl_view_wave_source *w; /* by the wave's date, then name */
    size_t n;
} jl_view_wave_sources;

/* Every wave of the instrument of release upto that a release holds with
 * division, each with the latest such release: not withdrawn, at or
 * before upto, of the same instrument and cut-off set (the same
 * measure). Waves are ordered by their date in the store (a wave no
 * longer stored by its name). JL_ENOTFOUND when there is no release
 * upto. */
int jl_view_wave_sources_load(jl_view_wave_sources *out, jl_store *st, long upto,
                              const char *division, jl_err *err);
void jl_view_wave_sources_dispose(jl_view_wave_sources *s);

/* The source of the wave before wave, or NULL when none. */
const jl_view_wave_source *jl_view_wave_source_before(const jl_view_wave_sources *s,
                                                      const char *wave);

typedef struct jl_view_factor_trend_req {
    long upto;                    /* the release shown */
    const jl_view_release *shown; /* release upto as loaded, or NULL: loaded here */
    const char *division;
    const char *scale;            /* a scale's id */
    const char *const *codes;     /* areas beside the city */
    size_t ncodes;
} jl_view_factor_trend_req;

typedef struct jl_view_factor_trend {
    jl_view_wave_sources src; /* one per wave */
    size_t nseries;           /* 1 + ncodes: the city, then each area */
    /* nwaves x nseries: the headline cell of all grades and sexes as
     * jl_cell_table_shown gives it (its strings NULL) */
    jl_cell *c;
    unsigned char *held; /* the release holds the area and the scale */
} jl_view_factor_trend;

/* The city and the areas of req on a scale at its headline cut-off, one
 * cell per wave of jl_view_wave_sources_load, each from its release. */
int jl_view_factor_trend_load(jl_view_factor_trend *out, jl_store *st,
                              const jl_view_factor_trend_req *req, jl_err *err);
void jl_view_factor_trend_dispose(jl_view_factor_trend *t);

#endif
