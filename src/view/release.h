/*
 * Releases as data (issue 18): the survey profile's cells of one or more
 * waves for the named divisions and groups, built as a release in memory
 * (release/export.h) with their true counts, protected and audited with
 * the earlier releases of the same waves (release/protect.h), stored only
 * when the audit passes, read back, withdrawn, exported.
 *
 * Areas are unions of base units: the finest area column the waves'
 * respondents carry (release/export.h, docs/release-format.md). The city
 * (division "city", area "city") is the union of every base unit.
 *
 * A jl_view_release is the caller's; free with jl_view_release_dispose
 * (also after a failed call, which leaves it empty).
 */
#ifndef JL_VIEW_RELEASE_H
#define JL_VIEW_RELEASE_H

#include <stddef.h>

#include "core/err.h"
#include "release/audit.h"
#include "release/export.h"
#include "release/protect.h"
#include "store/store.h"
#include "view/cells.h"

/* The division and area of the whole wave in a release. */
#define JL_RELEASE_CITY "city"

typedef struct jl_view_release_req {
    const char *const *waves; /* by name, in the release's order */
    size_t nwaves;
    const char *instrument; /* whose waves; NULL: the one instrument with such waves */
    const char *const *divisions;
    size_t ndivisions;
    const char *const *groups; /* named groups of areas (areas group create) */
    size_t ngroups;
    int by_grade, by_sex; /* cells per grade and per sex, besides their totals */
    int norm_city;        /* compare with the whole wave's share, not the instrument's norm */
    const char *cutset;   /* the cut-off set (view/survey.h); NULL: the current one */
    const char *title;    /* NULL: the waves and divisions */
    /* indicator tables included as they are (public statistics, not
     * audited): "ID", "ID@PERIOD" or "ID@A..B", for each division */
    const char *const *indicators;
    size_t nindicators;
} jl_view_release_req;

typedef struct jl_view_release {
    jl_release *r;       /* owned; its id is "" until stored */
    jl_release_meta meta; /* strings and arrays in r->arena */
    long id;             /* 0 until stored */
    /* jl_view_release_create: the earlier releases it was protected and
     * audited with (the audit's item.release 1..nearlier), owned */
    jl_release **earlier;
    size_t nearlier;
} jl_view_release;

/* Builds the release's cells with their true counts (suppressed = 0) and
 * areas, in the documented order: by wave, then division (as asked),
 * groups (as asked) and the city, area code, grade (T last), sex (K, M,
 * T), scale and cut-off as the instrument lists them. The rules of o go
 * into the manifest (o may be NULL: the defaults). JL_EINPUT names a wave
 * whose respondents' coarser area codes disagree with the parent links of
 * their finest area. */
int jl_view_release_build(jl_view_release *v, jl_store *st, const jl_view_release_req *req,
                          const jl_protect_opts *o, jl_err *err);

/* Stores v (its cells as they are: protect first) in one transaction and
 * sets v->id and v->r->id. */
int jl_view_release_save(jl_view_release *v, jl_store *st, jl_err *err);

/* Reads release id from the store. JL_ENOTFOUND when there is none. */
int jl_view_release_load(jl_view_release *v, jl_store *st, long id, jl_err *err);

/* Every stored release (withdrawn ones included) that shares a wave
 * (instrument and name) with v, by id, into *out (n of them; the caller
 * frees each with jl_release_free and the array with jl_free). */
int jl_view_release_earlier(jl_release ***out, size_t *n, jl_store *st, const jl_view_release *v,
                            jl_err *err);

/* The whole of `release create`: builds the release, protects and audits
 * it with the earlier releases of its waves, and stores it only when the
 * audit passes (v->id then set; 0 when refused). *audit and *stats are
 * the caller's (jl_audit_dispose) whatever the outcome. */
int jl_view_release_create(jl_view_release *v, jl_store *st, const jl_view_release_req *req,
                           const jl_protect_opts *o, jl_protect_stats *stats,
                           jl_audit_result *audit, jl_err *err);

void jl_view_release_dispose(jl_view_release *v);

/* What a face shows of a cell table, as a release would show it. */
typedef struct jl_cells_protect_req {
    int by_grade, by_sex; /* the breakdowns the face prints, besides the totals */
    const char *group;    /* the table is this named group of its division, or NULL */
    void (*progress)(void *ctx, double done); /* may be NULL */
    void *ctx;
} jl_cells_protect_req;

/* Protects table t (from jl_view_cells) as a release of the same wave,
 * division or group, breakdowns and rules would be protected (primary and
 * secondary rules over those cells, the city included, and the audit),
 * and records each cell's reason in t->hide, so that jl_cell_table_shown
 * shows what such a release would publish; cells the release would not
 * hold stay hidden. Nothing to do for the working view (t->unprotected).
 * JL_EINPUT when the audit cannot pass. */
int jl_view_cells_protect(jl_cell_table *t, jl_store *st, const jl_cells_protect_req *req,
                          jl_err *err);

/* Now as ISO 8601 UTC ("2026-12-05T10:00:00Z") into buf: a release's
 * created and withdrawn times. */
void jl_release_now(char *buf, size_t len);

#endif
