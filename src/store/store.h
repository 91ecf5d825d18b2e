/*
 * The store: jamlik's one interface to persistent data, a small set of
 * domain functions (not an ORM). SQL lives only in src/store/, the SQLite
 * driver (WAL, synchronous=FULL, foreign keys on): sqlite.c opens and
 * upgrades, one file per aggregate holds its queries (store_survey.c,
 * store_geo.c, store_indicator.c). A PostgreSQL driver will sit behind the
 * same functions.
 *
 * Every import is one transaction (jl_store_begin / commit / rollback): it
 * commits whole or changes nothing, so a failed import leaves the database
 * file byte-identical (tests/unit/test_store.c proves it with a VFS that
 * fails the Nth write).
 *
 * Results returned through out-pointers are the caller's unless a comment
 * says "borrowed". A jl_store is used by one thread at a time.
 */
#ifndef JL_STORE_STORE_H
#define JL_STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/limits.h"

typedef struct jl_store jl_store;

enum {
    JL_STORE_RW = 0,
    JL_STORE_RO = 1,     /* open read-only; fails if the file is missing */
    JL_STORE_CREATE = 2, /* create the file if missing */
};

/* SQLite's application id of a jamlik database ("JLIK"), set by
 * migration 007; databases made before it are known by their
 * schema_version table. */
#define JL_STORE_APP_ID 0x4A4C494B

/* Opens (and with JL_STORE_CREATE creates) the database at path and
 * brings its schema up to date. Before writing anything it checks that
 * the file is a jamlik database (or empty, with JL_STORE_CREATE) of a
 * schema this jamlik knows, and refuses a folder, another program's
 * SQLite file, a GeoPackage or a newer schema without touching them. A
 * file this call created is removed again if it fails (a full disk). vfs: NULL for the default, or the name of
 * a registered SQLite VFS (tests). */
int jl_store_open(jl_store **out, const char *path, int flags, const char *vfs, jl_err *err);
void jl_store_close(jl_store *st);
int jl_store_schema_version(const jl_store *st);

/* The data version: a number that every committed transaction (each
 * import) raises, kept in SQLite's user_version header field so that
 * reading it costs no table and needs no migration. The web server puts it
 * in its ETags, so that a page changes exactly when the data do. 0 for a
 * database no import has committed to. */
int jl_store_data_version(jl_store *st, long *out, jl_err *err);

int jl_store_begin(jl_store *st, jl_err *err);
int jl_store_commit(jl_store *st, jl_err *err);
void jl_store_rollback(jl_store *st);

/* ---- instruments ---- */
int jl_store_instrument_put(jl_store *st, const char *id, const char *name, const char *text,
                            jl_err *err);
/* *text: caller frees with jl_free. JL_ENOTFOUND if unknown. */
int jl_store_instrument_text(char **text, jl_store *st, const char *id, jl_err *err);
/* Number of waves of instrument id (0 if none or unknown), or negative. */
long jl_store_instrument_waves(jl_store *st, const char *id, jl_err *err);
/* Rows handed to a callback are borrowed for the call. */
typedef struct jl_store_instrument_row {
    const char *id, *name, *imported_at;
    long nwaves;
} jl_store_instrument_row;
typedef void (*jl_store_instrument_cb)(void *ctx, const jl_store_instrument_row *r);
/* Calls cb per instrument, by id. */
int jl_store_instrument_list(jl_store *st, jl_store_instrument_cb cb, void *ctx, jl_err *err);

/* ---- divisions and areas ---- */
int jl_store_division_put(jl_store *st, const char *id, const char *name,
                          const char *parent_division, jl_err *err);
/* 1 if the division exists, 0 if not, negative on error. */
int jl_store_division_exists(jl_store *st, const char *id, jl_err *err);
int jl_store_area_put(jl_store *st, const char *division, const char *code, const char *name,
                      const char *parent_code, jl_err *err);
/* An area as read; strings "" when unset. Without a geometry, has_geom
 * is 0 and the figures NaN. */
typedef struct jl_store_area {
    const char *code, *name, *parent;
    int has_geom;
    double area_m2, ipt_lon, ipt_lat; /* m² in EPSG:3006; an interior point in WGS 84 */
    const char *repaired;             /* why its geometry was repaired, or "" */
} jl_store_area;
typedef void (*jl_store_area_cb)(void *ctx, const jl_store_area *a);
/* Calls cb per area of division, by code. */
int jl_store_area_each(jl_store *st, const char *division, jl_store_area_cb cb, void *ctx,
                       jl_err *err);
/* Calls cb for area code of division, or returns JL_ENOTFOUND. */
int jl_store_area_get(jl_store *st, const char *division, const char *code, jl_store_area_cb cb,
                      void *ctx, jl_err *err);

/* ---- geography ---- */

typedef struct jl_store_division {
    const char *id, *name, *parent, *version, *valid_from, *valid_to, *source;
    long nareas, ngeom; /* when read: its areas, and those with a geometry */
} jl_store_division;

/* Read, a division's text fields are "" when unset, never NULL. */
typedef void (*jl_store_division_cb)(void *ctx, const jl_store_division *d);
/* Calls cb per division, by id. */
int jl_store_division_each(jl_store *st, jl_store_division_cb cb, void *ctx, jl_err *err);
/* Calls cb for division id, or returns JL_ENOTFOUND. */
int jl_store_division_get(jl_store *st, const char *id, jl_store_division_cb cb, void *ctx,
                          jl_err *err);

/* Creates or updates a division and removes its areas (with their
 * geometry) and every crosswalk to or from it: an import replaces a
 * division whole. */
int jl_store_division_replace(jl_store *st, const jl_store_division *d, jl_err *err);

typedef struct jl_store_geom {
    const unsigned char *wkb; /* WGS 84 */
    size_t wkb_len;
    double area_m2, ipt_lon, ipt_lat;
    double env[4]; /* EPSG:3006 */
    const char *repaired;
} jl_store_geom;

int jl_store_area_geom_put(jl_store *st, const char *division, const char *code,
                           const jl_store_geom *g, jl_err *err);
typedef void (*jl_store_geom_cb)(void *ctx, const char *code, const jl_store_geom *g);
/* Calls cb per area of division that has a geometry (borrowed), by code. */
int jl_store_area_geom_each(jl_store *st, const char *division, jl_store_geom_cb cb, void *ctx,
                            jl_err *err);

int jl_store_crosswalk_clear(jl_store *st, const char *from, const char *to, jl_err *err);
int jl_store_crosswalk_put(jl_store *st, const char *from, const char *to, const char *from_code,
                           const char *to_code, double weight, const char *method,
                           const char *source, jl_err *err);
typedef struct jl_store_pair {
    const char *from_code, *to_code;
    double weight;
    const char *method, *source;
} jl_store_pair;
typedef void (*jl_store_pair_cb)(void *ctx, const jl_store_pair *p);
/* Calls cb per pair of the crosswalk from -> to, by from code, heaviest
 * first. */
int jl_store_crosswalk_list(jl_store *st, const char *from, const char *to, jl_store_pair_cb cb,
                            void *ctx, jl_err *err);

/* Creates (or replaces) the named group of areas of division. */
int jl_store_group_put(jl_store *st, const char *name, const char *division,
                       const char *const *codes, size_t n, jl_err *err);
typedef struct jl_store_group {
    const char *name, *division;
    const char *const *codes; /* its member areas, in the order stored */
    size_t n;
} jl_store_group;
typedef void (*jl_store_group_cb)(void *ctx, const jl_store_group *g);
/* Calls cb per group, by name. */
int jl_store_group_list(jl_store *st, jl_store_group_cb cb, void *ctx, jl_err *err);
/* Calls cb for the group name, or returns JL_ENOTFOUND. */
int jl_store_group_get(jl_store *st, const char *name, jl_store_group_cb cb, void *ctx,
                       jl_err *err);

/* ---- indicators ---- */

typedef struct jl_store_indicator {
    const char *id, *name, *name_en, *unit, *kind, *better, *formula, *theme, *goal, *source,
        *licence, *note;
    long nobs; /* when listed: its observations (-1 when got by id) */
} jl_store_indicator;

int jl_store_indicator_put(jl_store *st, const jl_store_indicator *d, jl_err *err);
/* Read, an indicator's optional strings are "", never NULL. */
typedef void (*jl_store_indicator_cb)(void *ctx, const jl_store_indicator *d);
/* Calls cb per indicator, by id, with its number of observations. */
int jl_store_indicator_each(jl_store *st, jl_store_indicator_cb cb, void *ctx, jl_err *err);
/* Calls cb for indicator id, or returns JL_ENOTFOUND. */
int jl_store_indicator_get(jl_store *st, const char *id, jl_store_indicator_cb cb, void *ctx,
                           jl_err *err);

typedef struct jl_store_obs {
    const char *indicator, *division, *area, *period, *sex, *breakdown;
    double value;       /* NaN unless status is "ok" */
    const char *status; /* ok | missing | suppressed | not_applicable */
    const char *source;
    const char *note;   /* the source's own status word, or NULL */
} jl_store_obs;

/* Stores n observations (inside a transaction); one with the same key is
 * replaced. */
int jl_store_observations_put(jl_store *st, const jl_store_obs *o, size_t n, jl_err *err);
typedef void (*jl_store_obs_cb)(void *ctx, const jl_store_obs *o);
/* Calls cb per observation of indicator in division for sex and breakdown
 * ("" or NULL: none), by area and period (strings borrowed for the call). */
int jl_store_observations_each(jl_store *st, const char *indicator, const char *division,
                               const char *sex, const char *breakdown, jl_store_obs_cb cb,
                               void *ctx, jl_err *err);
typedef void (*jl_store_count_cb)(void *ctx, const char *name, long n);
/* Calls cb with (division, observations) per division holding
 * observations of indicator, most first. */
int jl_store_observation_divisions(jl_store *st, const char *indicator, jl_store_count_cb cb,
                                   void *ctx, jl_err *err);

/* What the observations of one indicator span, for a page of sources:
 * the first and last period (as text: SCB's forms of one kind sort so),
 * when its newest source file was imported, and how many there are. */
typedef struct jl_store_ind_span {
    const char *indicator, *first, *last, *imported_at;
    long nobs;
} jl_store_ind_span;
typedef void (*jl_store_ind_span_cb)(void *ctx, const jl_store_ind_span *s);
/* Calls cb per indicator that has observations, by id. */
int jl_store_indicator_spans(jl_store *st, jl_store_ind_span_cb cb, void *ctx, jl_err *err);

/* ---- waves ---- */
typedef struct jl_wave_info {
    long id;
    char instrument[128], name[128], date[16], source[256];
    char divisions[JL_MAX_AREA_COLUMNS * (JL_MAX_ID + 1)]; /* tab-separated */
    int synthetic;
    long n_read, n_excluded, n;
    long revision; /* 1 on the first import of the name, one more on each replace */
} jl_wave_info;

/* Stores w as a new wave with the next revision of its name. */
int jl_store_wave_put(long *id, jl_store *st, const jl_wave_info *w, jl_err *err);
/* Finds a wave by name (and instrument, if not NULL). A name used by two
 * instruments without instrument given is JL_EINPUT ("ambiguous"). */
int jl_store_wave_find(jl_wave_info *out, jl_store *st, const char *name, const char *instrument,
                       jl_err *err);
/* The latest wave of the same instrument dated before w, or JL_ENOTFOUND. */
int jl_store_wave_previous(jl_wave_info *out, jl_store *st, const jl_wave_info *w, jl_err *err);
typedef void (*jl_store_wave_cb)(void *ctx, const jl_wave_info *w);
/* Calls cb per wave, by instrument and date; w->n counts the respondents
 * not excluded. */
int jl_store_wave_list(jl_store *st, jl_store_wave_cb cb, void *ctx, jl_err *err);
int jl_store_wave_screen_put(jl_store *st, long wave, const char *screen, long n, jl_err *err);
/* Deletes wave (its id) with its respondents and screen counts (inside a
 * transaction). */
int jl_store_wave_delete(jl_store *st, long wave, jl_err *err);

/* What a replace changed: respondents the new revision added and
 * removed, compared as multisets (jl_store_wave_change_put). */
typedef struct jl_wave_change {
    long revision, added, removed;
} jl_wave_change;

/* Keeps wave's respondents aside (a temporary table) before a replace
 * deletes them; jl_store_wave_change_put then compares the new wave with
 * them, stores the change under the new wave's revision and drops them.
 * Both inside the import's transaction. */
int jl_store_wave_keep_old(jl_store *st, long wave, jl_err *err);
int jl_store_wave_change_put(jl_wave_change *out, jl_store *st, long wave, jl_err *err);
/* The changes of instrument's wave name up to revision upto, oldest
 * first, into *out (the caller frees it); none for a wave never
 * replaced, and none for replaces made before jamlik kept them. */
int jl_store_wave_changes(jl_wave_change **out, size_t *n, jl_store *st, const char *instrument,
                          const char *name, long upto, jl_err *err);

/* Respondents as parallel arrays. Strings live in one block owned by the
 * struct; free with jl_respondents_dispose. */
typedef struct jl_respondents {
    size_t n, nitems, ndiv;
    char **ext_id, **school;   /* school may be NULL entries */
    int8_t *grade, *sex;       /* -1 missing */
    char **areas;              /* n x ndiv area codes ("" when missing) */
    uint8_t *answers;          /* n x nitems */
    char **excluded;           /* NULL when not excluded */
    /* The block that holds the strings, and how to free it: whoever fills
     * the struct (the store, the importer, the generator) says. */
    void *block;
    void (*free_block)(void *block);
} jl_respondents;

/* Appends respondents[from, to) of r to wave (inside a transaction). */
int jl_store_respondents_put(jl_store *st, long wave, const jl_respondents *r, size_t from,
                             size_t to, jl_err *err);
/* Loads every respondent of wave. Excluded respondents are loaded too
 * (with their reason) when with_excluded, else skipped. */
int jl_store_respondents_load(jl_respondents *out, jl_store *st, const jl_wave_info *w,
                              size_t nitems, int with_excluded, jl_err *err);
/* Frees the arrays and the string block, whoever made them. */
void jl_respondents_dispose(jl_respondents *r);

/* ---- derived cut-offs ---- */
typedef struct jl_store_cutoff {
    const char *scale, *name, *label, *source, *norm_source, *norm_version;
    double value, norm_pct; /* norm_pct NaN: none */
    int headline;
} jl_store_cutoff;

int jl_store_cutoff_put(jl_store *st, const char *instrument, const char *cutset,
                        const jl_store_cutoff *c, jl_err *err);
int jl_store_cutoff_delete_set(jl_store *st, const char *instrument, const char *cutset,
                               jl_err *err);
typedef void (*jl_store_cutoff_cb)(void *ctx, const jl_store_cutoff *c);
/* Calls cb per cut-off of the set, ordered by scale and value; label,
 * norm_source and norm_version are NULL when unset. */
int jl_store_cutoff_list(jl_store *st, const char *instrument, const char *cutset,
                         jl_store_cutoff_cb cb, void *ctx, jl_err *err);
/* The name of instrument's newest derived set (the caller frees it), or
 * JL_ENOTFOUND when it has none. */
int jl_store_cutset_newest(char **name, jl_store *st, const char *instrument, jl_err *err);

/* ---- releases (store_release.c) ---- */

/* A release as stored: its parameters, fixed when it was made. Read,
 * strings are borrowed for the call; withdrawn is "" while published. */
typedef struct jl_store_release {
    long id;
    const char *title, *created, *withdrawn;
    const char *instrument, *cutset;
    int by_grade, by_sex, norm_city;
    long min_n, min_count;
    int group_disclosure;
    double protection;
    int pct_decimals;              /* -1: shortest exact digits (NULL) */
    const char *secondary;         /* the method's code */
    const char *instrument_json;   /* the manifest's "instrument" object */
    int rule_codes;                /* its files named the rules (made before migration 010) */
    long ncells, nsuppressed;      /* when read: its cells, and those suppressed */
} jl_store_release;

typedef struct jl_store_rel_wave {
    const char *name, *instrument;
    long revision;
    int grade_complete, sex_complete, synthetic;
    const char *source;
} jl_store_rel_wave;

typedef struct jl_store_rel_group {
    const char *name, *division;
} jl_store_rel_group;

typedef struct jl_store_rel_area {
    const char *division, *code, *name, *parent_division, *parent_code, *base_division,
        *base_codes; /* '|'-separated */
} jl_store_rel_area;

/* A cell as published: counts -1 and numbers NaN are stored as NULL;
 * text fields "" when empty, never NULL. */
typedef struct jl_store_rel_cell {
    const char *division, *area, *wave, *grade, *sex, *scale, *kind, *cutoff;
    int headline;
    long n, n_scored, k;
    double pct, ci_low, ci_high, norm_pct, diff;
    const char *norm_source, *flag, *status, *reason, *source;
} jl_store_rel_cell;

/* A row of an indicator table a release includes as it is (public
 * statistics, not audited): value NaN for none, text "" when empty. */
typedef struct jl_store_rel_ind {
    const char *indicator, *name, *unit, *division, *area, *area_name, *period;
    double value;
    const char *status, *estimated, *source;
} jl_store_rel_ind;

/* Everything a release is, to be stored at once. */
typedef struct jl_store_release_data {
    jl_store_release head; /* id, withdrawn, ncells and nsuppressed are ignored */
    const jl_store_rel_wave *waves;
    size_t nwaves;
    const char *const *divisions;
    size_t ndivisions;
    const jl_store_rel_group *groups;
    size_t ngroups;
    const jl_store_rel_area *areas;
    size_t nareas;
    const jl_store_rel_cell *cells;
    size_t ncells;
    const jl_store_rel_ind *inds;
    size_t ninds;
} jl_store_release_data;

/* Stores d as a new release (inside a transaction) and sets *id to its
 * number, one more than the highest so far. */
int jl_store_release_put(long *id, jl_store *st, const jl_store_release_data *d, jl_err *err);
typedef void (*jl_store_release_cb)(void *ctx, const jl_store_release *r);
/* Calls cb per release, by id, withdrawn ones included. */
int jl_store_release_list(jl_store *st, jl_store_release_cb cb, void *ctx, jl_err *err);
/* Calls cb for release id, or returns JL_ENOTFOUND. */
int jl_store_release_get(jl_store *st, long id, jl_store_release_cb cb, void *ctx, jl_err *err);
/* The parts of release id, in the order stored. */
typedef void (*jl_store_rel_wave_cb)(void *ctx, const jl_store_rel_wave *w);
int jl_store_release_waves(jl_store *st, long id, jl_store_rel_wave_cb cb, void *ctx,
                           jl_err *err);
typedef void (*jl_store_rel_text_cb)(void *ctx, const char *s);
int jl_store_release_divisions(jl_store *st, long id, jl_store_rel_text_cb cb, void *ctx,
                               jl_err *err);
typedef void (*jl_store_rel_group_cb)(void *ctx, const jl_store_rel_group *g);
int jl_store_release_groups(jl_store *st, long id, jl_store_rel_group_cb cb, void *ctx,
                            jl_err *err);
typedef void (*jl_store_rel_area_cb)(void *ctx, const jl_store_rel_area *a);
int jl_store_release_areas(jl_store *st, long id, jl_store_rel_area_cb cb, void *ctx,
                           jl_err *err);
typedef void (*jl_store_rel_cell_cb)(void *ctx, const jl_store_rel_cell *c);
int jl_store_release_cells(jl_store *st, long id, jl_store_rel_cell_cb cb, void *ctx,
                           jl_err *err);
typedef void (*jl_store_rel_ind_cb)(void *ctx, const jl_store_rel_ind *r);
int jl_store_release_indicators(jl_store *st, long id, jl_store_rel_ind_cb cb, void *ctx,
                                jl_err *err);
typedef void (*jl_store_id_cb)(void *ctx, long id);
/* Calls cb with the id of every release (withdrawn ones included) that
 * has a wave named name of instrument, by id. */
int jl_store_release_ids_of_wave(jl_store *st, const char *instrument, const char *name,
                                 jl_store_id_cb cb, void *ctx, jl_err *err);
/* Sets release id's withdrawn time to when: JL_ENOTFOUND when there is no
 * such release, JL_EEXISTS when it is withdrawn already. */
int jl_store_release_withdraw(jl_store *st, long id, const char *when, jl_err *err);

/* Registers the test VFS "jl-faulty" that fails the Nth write (xWrite or
 * xTruncate or xSync) when jl_faulty_arm(N) was called; N = 0 disarms. */
int jl_faulty_register(void);
void jl_faulty_arm(long n);
long jl_faulty_writes(void);
/* Makes "jl-faulty" the default VFS and stops the process at the nth write
 * to a write-ahead log, after writing "paused" to the file marker (for a
 * test's SIGKILL). Called by the CLI only when JAMLIK_TEST_PAUSE_WAL is
 * set (tests/e2e/060-kill.sh). */
int jl_faulty_pause_wal(long n, const char *marker);

#endif
