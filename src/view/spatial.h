/*
 * Spatial views: the areas of a map layer, a CSV or the database with
 * their values (and names and shapes where there are any), the spatial
 * weights between them, and their autocorrelation, global and local, with
 * permutation inference and clusters. What `jamlik weights` and `jamlik
 * autocorr` print, the web pages will draw from the same results.
 *
 * Functions over a jl_store that return data: no command line, no output,
 * no translated text in results (codes instead). Every result is the
 * caller's, freed with its _dispose (which accepts a zeroed struct); on
 * failure a result holds nothing. Not thread-safe on one result.
 */
#ifndef JL_VIEW_SPATIAL_H
#define JL_VIEW_SPATIAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "core/err.h"
#include "core/progress.h"
#include "geo/ogr.h"
#include "stats/spauto.h"
#include "stats/weights.h"
#include "store/store.h"
#include "view/values.h"

/* An indicator's value per area of division at period (the latest when
 * NULL), areas without a value left out, into *out (the caller disposes
 * it with jl_area_values_dispose). The views take an indicator's values
 * from the indicator view (jl_view_indicator_values) unless the caller
 * passes its own source of them (a test, a release's published values);
 * ctx is the caller's. */
typedef int (*jl_view_indicator_fn)(jl_area_values *out, const char *id, const char *division,
                                    const char *period, jl_err *err, void *ctx);

/* ---- areas and their values ---- */

typedef enum jl_view_sp_kind {
    JL_SP_LAYER = 0, /* a map layer read with GDAL: codes, values, shapes */
    JL_SP_CSV,       /* a CSV of one row per area: codes and values */
    JL_SP_INDICATOR, /* indicator:ID[@PERIOD] over a division's areas */
    JL_SP_SURVEY     /* survey:SCALE@WAVE: headline shares over a division's areas */
} jl_view_sp_kind;

typedef struct jl_view_sp_req {
    const char *source;      /* a layer's path, a .csv, indicator:ID[@PERIOD], survey:SCALE@WAVE */
    const char *id;          /* files: the column of area codes */
    const char *const *cols; /* files: the ncol columns of values */
    size_t ncol;
    int planar;              /* layer: its own units, no CRS */
    const char *crs;         /* layer: the CRS when the file names none, or NULL */
    const char *division;    /* database sources: whose areas */
    int need_geom;           /* shapes are needed (weights by contiguity or distance) */
    unsigned long min_n;     /* survey: the small-group threshold (release/suppress.h) */
    int unprotected;         /* survey: the working view, every area's share (never for
                                publication) */
    jl_view_indicator_fn indicator; /* indicator sources, or NULL: the indicator view */
    void *indicator_ctx;
    jl_diag *diag; /* or NULL; if a layer's features are refused, gets every problem
                    * (the caller's, zeroed before; jl_diag_dispose) */
} jl_view_sp_req;

typedef struct jl_view_sp_data {
    jl_view_sp_kind kind;
    size_t n, ncol;
    char **codes;       /* n */
    double *val;        /* n * ncol, row by row */
    char **names;       /* n names (database sources; NULL where unnamed), or NULL */
    int has_geom;       /* rings holds area i's shape as feature i */
    jl_geo_rings rings;
    size_t dropped;     /* database with shapes: areas with a value but no shape, left out */
    double read_s;      /* seconds spent reading a layer's shapes */
    int synthetic;      /* survey: the wave is synthetic, not real young people */
    int unprotected;    /* survey: the working view, no rule applied */
    /* database sources: what the figures are */
    char id[200];       /* the indicator's id or the scale's */
    char name[512];     /* the indicator's name, or the scale's */
    char cutoff[128], instrument[128]; /* survey: the headline cut-off and the instrument */
    char period[128];   /* the period or wave used */
} jl_view_sp_data;

/* 1 if source lives in the database (indicator:, survey:), so that its
 * caller opens a store first; else 0. */
int jl_view_sp_in_store(const char *source);

/* Loads the areas of rq->source with their values (st only for database
 * sources). A database source's areas are those of rq->division with a
 * value (and, with need_geom, a stored shape); a survey's shares go
 * through the small-group rule of rq->min_n first (suppressed areas are
 * left out, so that no map is a way round it). */
int jl_view_sp_load(jl_view_sp_data *out, jl_store *st, const jl_view_sp_req *rq, jl_err *err);
void jl_view_sp_data_dispose(jl_view_sp_data *d);

/* ---- weights ---- */

typedef struct jl_view_sp_wspec {
    const char *spec;  /* queen | rook | knn:K | band:DISTANCE, or NULL with file */
    const char *rook;  /* rook: vertex (two shared points, spdep) or edge (libpysal); NULL vertex */
    const char *snap;  /* contiguity: points this close are one; NULL: spdep's sqrt(DBL_EPSILON) */
    const char *style; /* B W C U S; NULL: W, or a file's own weights as given */
    const char *file;  /* a CSV from,to[,weight] instead of spec (geo/wfile.h) */
} jl_view_sp_wspec;

typedef enum jl_view_sp_wkind {
    JL_SPW_FILE = 0,
    JL_SPW_QUEEN,     /* a shared point within snap */
    JL_SPW_ROOK,      /* two shared points within snap, as spdep */
    JL_SPW_ROOK_EDGE, /* a shared edge, points within snap, as libpysal */
    JL_SPW_KNN,       /* the k nearest centroids, ties to the earlier area */
    JL_SPW_BAND       /* centroids within band of each other */
} jl_view_sp_wkind;

typedef struct jl_view_sp_weights {
    jl_spw w;              /* over the data's areas, in their order */
    jl_view_sp_wkind kind;
    double snap;           /* contiguity */
    long k;                /* knn */
    double band;           /* band */
    int metres;            /* distances in metres (a CRS), else the layer's own units */
    char *file;            /* JL_SPW_FILE: its path */
} jl_view_sp_weights;

/* The weights ws asks for between d's areas, restyled as ws->style says. */
int jl_view_sp_weights_build(jl_view_sp_weights *out, const jl_view_sp_data *d,
                             const jl_view_sp_wspec *ws, jl_err *err);
void jl_view_sp_weights_dispose(jl_view_sp_weights *w);

typedef struct jl_view_sp_wsummary {
    jl_spw_summary s;
    /* Areas with many more neighbours than the rest (kmax at least twice
     * the mean and at least 4), which often means a sliver or a misplaced
     * polygon (research/spatial.md §1.6): up to three, most first. */
    size_t nbusy;
    size_t busy[3];
} jl_view_sp_wsummary;

void jl_view_sp_weights_summary(jl_view_sp_wsummary *out, const jl_spw *w);

/* ---- autocorrelation ---- */

typedef enum jl_view_adjust {
    JL_ADJUST_FDR = 0,    /* Benjamini-Hochberg */
    JL_ADJUST_BONFERRONI,
    JL_ADJUST_NONE
} jl_view_adjust;

typedef struct jl_view_autocorr_req {
    size_t R;                    /* permutations, 0 for none */
    uint64_t seed;
    int mode;                    /* JL_PERM_SHARED or JL_PERM_STREAMS (stats/spauto.h) */
    int threads;                 /* 1 to 64, or 0 for every core: results do not depend on it */
    double alpha;                /* a cluster's adjusted p-value is at most alpha */
    jl_view_adjust adjust;
    const jl_progress *progress; /* or NULL: the permutations' progress */
} jl_view_autocorr_req;

/* The defaults: no permutations, seed 1, shared table, every core, alpha
 * 0.05, Benjamini-Hochberg. */
void jl_view_autocorr_req_init(jl_view_autocorr_req *rq);

/* An area's place in the clusters. */
typedef enum jl_view_sa_status {
    JL_SA_NOT_SIGNIFICANT = 0,
    JL_SA_CLUSTER,  /* its quadrant (local[i].quad) is a significant cluster */
    JL_SA_ISLAND    /* no neighbours: left out of local results */
} jl_view_sa_status;

typedef struct jl_view_autocorr {
    size_t n, R;
    jl_sa_test test[3];   /* Moran's I, Geary's C, Getis-Ord G */
    int has_g;            /* G was computed (every value 0 or more) */
    jl_sa_local *local;   /* n: local Moran's Ii, Gi, Gi*, quadrants, permutation p */
    double *p;            /* n: the p-value clusters are judged by: folded permutation, or normal */
    double *p_fdr;        /* n: p adjusted by Benjamini-Hochberg */
    double *p_bonferroni; /* n */
    unsigned char *status; /* n: jl_view_sa_status under rq's adjust and alpha */
    struct jl_view_autocorr_bg *bg; /* private: the global permutations until finished */
} jl_view_autocorr;

/* Global Moran's I and Geary's C (and Getis-Ord G when every value of x
 * is 0 or more, on the binary pattern for row-standardised weights, as
 * spdep refuses W), local statistics, permutations when rq->R, and each
 * area's cluster, for the values x of w's n areas. */
int jl_view_autocorr_run(jl_view_autocorr *out, const jl_spw *w, const double *x,
                         const jl_view_autocorr_req *rq, jl_err *err);
/* jl_view_autocorr_run in two steps, so that a face can present the local
 * results while the global permutations run: start returns everything but
 * the permutation fields of test[] (R, ge, le and the p-values, still
 * 0) and leaves the global permutations running on threads of their own;
 * finish waits for them (the calling thread joins in and reports their
 * progress) and fills those fields. Between the two, w and x must stay
 * valid and unchanged, and only local, p, p_fdr, p_bonferroni, status and
 * test[]'s other fields may be read. Call finish once after a successful
 * start (it does nothing when nothing is running); dispose stops what
 * still runs, without results. The numbers are those of run. */
int jl_view_autocorr_start(jl_view_autocorr *out, const jl_spw *w, const double *x,
                           const jl_view_autocorr_req *rq, jl_err *err);
void jl_view_autocorr_finish(jl_view_autocorr *a);
void jl_view_autocorr_dispose(jl_view_autocorr *a);

#endif
