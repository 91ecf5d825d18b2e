/*
 * Survey figures from a stored release (issue 19): a release's published
 * cells as a cell table (view/cells.h), so that every view built on cell
 * tables (jl_cell_table_shown, jl_view_priorities, jl_cell_change_of)
 * runs over what was published, never over respondents. The web reads
 * survey figures only this way.
 *
 * The table's counts are the published ones; a suppressed cell's counts
 * are 0 and its reason is in t->hide, and so is every cell the release
 * does not hold (hidden as secondary: nobody protected it). Flags are
 * the release's own (a release carries no p-values: c->p_adj is NaN).
 */
#ifndef JL_VIEW_RELEASE_CELLS_H
#define JL_VIEW_RELEASE_CELLS_H

#include "core/err.h"
#include "store/store.h"
#include "view/cells.h"
#include "view/priorities.h"
#include "view/release.h"
#include "view/waves.h"

/* The newest release, not withdrawn, with a cell of area code of
 * division (the city: JL_RELEASE_CITY for both): *id, or JL_ENOTFOUND. */
int jl_view_release_latest_for(long *id, jl_store *st, const char *division, const char *code,
                               jl_err *err);

/* The cells of wave (NULL: the release's last wave) and division of the
 * loaded release v as a table, the city as its margin; group names one
 * of the release's groups of division as the table's one area, or NULL.
 * The instrument is the store's (names, kinds, themes) with the
 * cut-offs and norms the manifest stored. JL_ENOTFOUND when v has no
 * such wave or division. */
int jl_view_cells_of_release(jl_cell_table *t, jl_store *st, const jl_view_release *v,
                             const char *wave, const char *division, const char *group,
                             jl_err *err);

/* Where release cell c lies in table t: its area (-1: the city), grade
 * and sex (JL_NGRADES, JL_NSEXES: the total), scale and cut-off, and its
 * index (jl_cell_table_index). 0 when t has no such cell. */
typedef struct jl_rel_cell_at {
    long area, grade, sex, scale;
    size_t cut, index;
} jl_rel_cell_at;
int jl_view_release_cell_at(jl_rel_cell_at *at, const jl_cell_table *t, const jl_rel_cell *c);

/* A release's reason for a hidden cell as a table's. */
jl_cell_reason jl_view_release_reason(jl_rreason r);

/* jl_view_release_load, then jl_view_cells_of_release. */
int jl_view_cells_from_release(jl_cell_table *t, jl_store *st, long release_id, const char *wave,
                               const char *division, const char *group, jl_err *err);

/* The wave before wave in v's list of waves, or NULL. */
const char *jl_view_release_wave_before(const jl_view_release *v, const char *wave);

/* The views over cell tables a face of releases alone needs, declared
 * here so that such a face (src/web/) includes no header that also loads
 * waves from respondents (tools/checksrc.py, rule web): the headline
 * cut-off of a scale (jl_view_headline_of), priorities
 * (jl_view_priorities) and a change between two waves' cells
 * (jl_cell_change_of), over tables from releases. */
long jl_release_headline_of(const jl_scale *sc);
int jl_release_priorities(jl_prio_list *out, const jl_cell_table *t, const jl_cell_table *prev,
                          const char *code, jl_err *err);
int jl_release_change(jl_cell_change *out, const jl_cell *a, const jl_cell *b, jl_kind kind,
                      jl_err *err);

/* Every release, withdrawn ones included, by id, with its waves and
 * divisions: the list a face offers. Free with
 * jl_view_release_rows_dispose (also after a failed call). */
typedef struct jl_view_release_row {
    long id;
    char *title, *created, *withdrawn; /* withdrawn "" while published */
    char **waves, **divisions;
    size_t nwaves, ndivisions;
} jl_view_release_row;

typedef struct jl_view_release_rows {
    jl_view_release_row *r;
    size_t n;
} jl_view_release_rows;

int jl_view_release_rows_load(jl_view_release_rows *out, jl_store *st, jl_err *err);
void jl_view_release_rows_dispose(jl_view_release_rows *l);

#endif
