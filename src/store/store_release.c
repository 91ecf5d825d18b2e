/*
 * The release aggregate in SQLite: releases with their waves, divisions,
 * groups, areas and cells (migration 008). A release is written once and
 * never changed, but for its withdrawn time.
 */
#include "store/sql.h"
#include "core/alloc.h"
#include "core/i18n.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static void bind_count(sqlite3_stmt *q, int i, long v)
{
    if (v < 0)
        sqlite3_bind_null(q, i);
    else
        sqlite3_bind_int64(q, i, v);
}

static void bind_num(sqlite3_stmt *q, int i, double v)
{
    if (isnan(v))
        sqlite3_bind_null(q, i);
    else
        sqlite3_bind_double(q, i, v);
}

static long col_count(sqlite3_stmt *q, int i)
{
    return sqlite3_column_type(q, i) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(q, i);
}

static double col_num(sqlite3_stmt *q, int i)
{
    return sqlite3_column_type(q, i) == SQLITE_NULL ? (double)NAN : sqlite3_column_double(q, i);
}

static int put_head(long *id, jl_store *st, const jl_store_release *h, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (jl_sql_prep(&q, st,
                    "INSERT INTO release (id, title, created, instrument, cutset, by_grade, "
                    "by_sex, norm_city, min_n, min_count, group_disclosure, protection, "
                    "pct_decimals, secondary, instrument_json) VALUES ((SELECT "
                    "coalesce(max(id), 0) + 1 FROM release), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, ?, ?)",
                    err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, h->title);
    jl_sql_bind_text(q, 2, h->created);
    jl_sql_bind_text(q, 3, h->instrument);
    jl_sql_bind_text(q, 4, h->cutset);
    sqlite3_bind_int(q, 5, h->by_grade);
    sqlite3_bind_int(q, 6, h->by_sex);
    sqlite3_bind_int(q, 7, h->norm_city);
    sqlite3_bind_int64(q, 8, h->min_n);
    sqlite3_bind_int64(q, 9, h->min_count);
    sqlite3_bind_int(q, 10, h->group_disclosure);
    sqlite3_bind_double(q, 11, h->protection);
    if (h->pct_decimals >= 0)
        sqlite3_bind_int(q, 12, h->pct_decimals);
    else
        sqlite3_bind_null(q, 12);
    jl_sql_bind_text(q, 13, h->secondary);
    jl_sql_bind_text(q, 14, h->instrument_json);
    rc = jl_sql_step_done(q, st, _("saving the release"), err);
    if (rc == 0)
        *id = (long)sqlite3_last_insert_rowid(st->db);
    return rc;
}

static int put_parts(jl_store *st, long id, const jl_store_release_data *d, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    size_t i;
    int rc = 0;

    for (i = 0; i < d->nwaves && rc == 0; i++) {
        const jl_store_rel_wave *w = &d->waves[i];

        if (jl_sql_prep(&q, st,
                        "INSERT INTO release_wave (release, seq, name, instrument, revision, "
                        "grade_complete, sex_complete, synthetic, source) VALUES (?, ?, ?, ?, "
                        "?, ?, ?, ?, ?)",
                        err) < 0)
            return JL_ESTORE;
        sqlite3_bind_int64(q, 1, id);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
        jl_sql_bind_text(q, 3, w->name);
        jl_sql_bind_text(q, 4, w->instrument);
        sqlite3_bind_int64(q, 5, w->revision);
        sqlite3_bind_int(q, 6, w->grade_complete);
        sqlite3_bind_int(q, 7, w->sex_complete);
        sqlite3_bind_int(q, 8, w->synthetic);
        jl_sql_bind_text(q, 9, w->source);
        rc = jl_sql_step_done(q, st, _("saving the release"), err);
    }
    for (i = 0; i < d->ndivisions && rc == 0; i++) {
        if (jl_sql_prep(&q, st,
                        "INSERT INTO release_division (release, seq, division) VALUES (?, ?, ?)",
                        err) < 0)
            return JL_ESTORE;
        sqlite3_bind_int64(q, 1, id);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
        jl_sql_bind_text(q, 3, d->divisions[i]);
        rc = jl_sql_step_done(q, st, _("saving the release"), err);
    }
    for (i = 0; i < d->ngroups && rc == 0; i++) {
        if (jl_sql_prep(&q, st,
                        "INSERT INTO release_group (release, seq, name, division) VALUES (?, ?, "
                        "?, ?)",
                        err) < 0)
            return JL_ESTORE;
        sqlite3_bind_int64(q, 1, id);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
        jl_sql_bind_text(q, 3, d->groups[i].name);
        jl_sql_bind_text(q, 4, d->groups[i].division);
        rc = jl_sql_step_done(q, st, _("saving the release"), err);
    }
    return rc;
}

static int put_areas(jl_store *st, long id, const jl_store_release_data *d, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    size_t i;
    int rc;

    if (jl_sql_prep(&q, st,
                    "INSERT INTO release_area (release, seq, division, code, name, "
                    "parent_division, parent_code, base_division, base_codes) VALUES (?, ?, ?, "
                    "?, ?, ?, ?, ?, ?)",
                    err) < 0)
        return JL_ESTORE;
    for (i = 0; i < d->nareas; i++) {
        const jl_store_rel_area *a = &d->areas[i];

        sqlite3_reset(q);
        sqlite3_bind_int64(q, 1, id);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
        jl_sql_bind_text(q, 3, a->division);
        jl_sql_bind_text(q, 4, a->code);
        jl_sql_bind_text(q, 5, a->name ? a->name : "");
        jl_sql_bind_text(q, 6, a->parent_division ? a->parent_division : "");
        jl_sql_bind_text(q, 7, a->parent_code ? a->parent_code : "");
        jl_sql_bind_text(q, 8, a->base_division);
        jl_sql_bind_text(q, 9, a->base_codes);
        rc = sqlite3_step(q);
        if (rc != SQLITE_DONE) {
            sqlite3_finalize(q);
            return jl_sql_dberr(err, st, _("saving the release"));
        }
    }
    sqlite3_finalize(q);
    return JL_OK;
}

static void bind_cell(sqlite3_stmt *q, long id, size_t i, const jl_store_rel_cell *c)
{
    const char *text[] = {c->division, c->area, c->wave, c->grade, c->sex, c->scale, c->kind,
                          c->cutoff};
    int j;

    sqlite3_bind_int64(q, 1, id);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
    for (j = 0; j < 8; j++)
        jl_sql_bind_text(q, 3 + j, text[j] ? text[j] : "");
    sqlite3_bind_int(q, 11, c->headline);
    bind_count(q, 12, c->n);
    bind_count(q, 13, c->n_scored);
    bind_count(q, 14, c->k);
    bind_num(q, 15, c->pct);
    bind_num(q, 16, c->ci_low);
    bind_num(q, 17, c->ci_high);
    bind_num(q, 18, c->norm_pct);
    jl_sql_bind_text(q, 19, c->norm_source ? c->norm_source : "");
    bind_num(q, 20, c->diff);
    jl_sql_bind_text(q, 21, c->flag ? c->flag : "");
    jl_sql_bind_text(q, 22, c->status);
    jl_sql_bind_text(q, 23, c->reason ? c->reason : "");
    jl_sql_bind_text(q, 24, c->source ? c->source : "");
}

static int put_cells(jl_store *st, long id, const jl_store_release_data *d, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    size_t i;

    if (jl_sql_prep(&q, st,
                    "INSERT INTO release_cell (release, seq, division, area, wave, grade, sex, "
                    "scale, kind, cutoff, headline, n, n_scored, k, pct, ci_low, ci_high, "
                    "norm_pct, norm_source, diff, flag, status, reason, source) VALUES (?, ?, "
                    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    err) < 0)
        return JL_ESTORE;
    for (i = 0; i < d->ncells; i++) {
        sqlite3_reset(q);
        bind_cell(q, id, i, &d->cells[i]);
        if (sqlite3_step(q) != SQLITE_DONE) {
            sqlite3_finalize(q);
            return jl_sql_dberr(err, st, _("saving the release"));
        }
    }
    sqlite3_finalize(q);
    return JL_OK;
}

static int put_inds(jl_store *st, long id, const jl_store_release_data *d, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    size_t i;

    if (d->ninds == 0)
        return JL_OK;
    if (jl_sql_prep(&q, st,
                    "INSERT INTO release_indicator (release, seq, indicator, name, unit, "
                    "division, area, area_name, period, value, status, estimated, source) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    err) < 0)
        return JL_ESTORE;
    for (i = 0; i < d->ninds; i++) {
        const jl_store_rel_ind *r = &d->inds[i];

        sqlite3_reset(q);
        sqlite3_bind_int64(q, 1, id);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
        jl_sql_bind_text(q, 3, r->indicator);
        jl_sql_bind_text(q, 4, r->name);
        jl_sql_bind_text(q, 5, r->unit);
        jl_sql_bind_text(q, 6, r->division);
        jl_sql_bind_text(q, 7, r->area);
        jl_sql_bind_text(q, 8, r->area_name);
        jl_sql_bind_text(q, 9, r->period);
        bind_num(q, 10, r->value);
        jl_sql_bind_text(q, 11, r->status);
        jl_sql_bind_text(q, 12, r->estimated);
        jl_sql_bind_text(q, 13, r->source);
        if (sqlite3_step(q) != SQLITE_DONE) {
            sqlite3_finalize(q);
            return jl_sql_dberr(err, st, _("saving the release"));
        }
    }
    sqlite3_finalize(q);
    return JL_OK;
}

int jl_store_release_put(long *id, jl_store *st, const jl_store_release_data *d, jl_err *err)
{
    int rc = put_head(id, st, &d->head, err);

    if (rc == 0)
        rc = put_parts(st, *id, d, err);
    if (rc == 0)
        rc = put_areas(st, *id, d, err);
    if (rc == 0)
        rc = put_cells(st, *id, d, err);
    if (rc == 0)
        rc = put_inds(st, *id, d, err);
    return rc;
}

#define REL_COLS                                                                               \
    "r.id, r.title, r.created, coalesce(r.withdrawn, ''), r.instrument, r.cutset, r.by_grade, " \
    "r.by_sex, r.norm_city, r.min_n, r.min_count, r.group_disclosure, r.protection, "          \
    "r.pct_decimals, r.secondary, r.instrument_json, r.rule_codes, "                            \
    "(SELECT count(*) FROM release_cell c WHERE c.release = r.id), "                            \
    "(SELECT count(*) FROM release_cell c WHERE c.release = r.id AND c.status <> 'ok') "

typedef struct rel_call {
    jl_store_release_cb cb;
    void *ctx;
} rel_call;

static void rel_row(sqlite3_stmt *q, void *ctx)
{
    rel_call *c = ctx;
    jl_store_release r;

    memset(&r, 0, sizeof r);
    r.id = (long)sqlite3_column_int64(q, 0);
    r.title = jl_sql_text(q, 1);
    r.created = jl_sql_text(q, 2);
    r.withdrawn = jl_sql_text(q, 3);
    r.instrument = jl_sql_text(q, 4);
    r.cutset = jl_sql_text(q, 5);
    r.by_grade = sqlite3_column_int(q, 6);
    r.by_sex = sqlite3_column_int(q, 7);
    r.norm_city = sqlite3_column_int(q, 8);
    r.min_n = (long)sqlite3_column_int64(q, 9);
    r.min_count = (long)sqlite3_column_int64(q, 10);
    r.group_disclosure = sqlite3_column_int(q, 11);
    r.protection = sqlite3_column_double(q, 12);
    r.pct_decimals = sqlite3_column_type(q, 13) == SQLITE_NULL ? -1 : sqlite3_column_int(q, 13);
    r.secondary = jl_sql_text(q, 14);
    r.instrument_json = jl_sql_text(q, 15);
    r.rule_codes = sqlite3_column_int(q, 16);
    r.ncells = (long)sqlite3_column_int64(q, 17);
    r.nsuppressed = (long)sqlite3_column_int64(q, 18);
    c->cb(c->ctx, &r);
}

int jl_store_release_list(jl_store *st, jl_store_release_cb cb, void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    rel_call c = {cb, ctx};

    if (jl_sql_prep(&q, st, "SELECT " REL_COLS "FROM release r ORDER BY r.id", err) < 0)
        return JL_ESTORE;
    return jl_sql_each(q, st, 0, rel_row, &c, err);
}

int jl_store_release_get(jl_store *st, long id, jl_store_release_cb cb, void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    rel_call c = {cb, ctx};
    int rc;

    if (jl_sql_prep(&q, st, "SELECT " REL_COLS "FROM release r WHERE r.id = ?", err) < 0)
        return JL_ESTORE;
    sqlite3_bind_int64(q, 1, id);
    rc = jl_sql_each(q, st, 1, rel_row, &c, err);
    if (rc == JL_ENOTFOUND)
        return jl_err_set(err, JL_ENOTFOUND, _("no release %ld"), id);
    return rc;
}

/* One query over a release's part: cb gets each row through row. */
typedef struct part_call {
    void (*cb)(void);
    void *ctx;
} part_call;

static int each_part(jl_store *st, long id, const char *sql, void (*row)(sqlite3_stmt *, void *),
                     part_call *c, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (jl_sql_prep(&q, st, sql, err) < 0)
        return JL_ESTORE;
    sqlite3_bind_int64(q, 1, id);
    return jl_sql_each(q, st, 0, row, c, err);
}

static void wave_row(sqlite3_stmt *q, void *ctx)
{
    part_call *c = ctx;
    jl_store_rel_wave w;

    w.name = jl_sql_text(q, 0);
    w.instrument = jl_sql_text(q, 1);
    w.revision = (long)sqlite3_column_int64(q, 2);
    w.grade_complete = sqlite3_column_int(q, 3);
    w.sex_complete = sqlite3_column_int(q, 4);
    w.synthetic = sqlite3_column_int(q, 5);
    w.source = jl_sql_text(q, 6);
    ((jl_store_rel_wave_cb)c->cb)(c->ctx, &w);
}

int jl_store_release_waves(jl_store *st, long id, jl_store_rel_wave_cb cb, void *ctx,
                           jl_err *err)
{
    part_call c = {(void (*)(void))cb, ctx};

    return each_part(st, id,
                     "SELECT name, instrument, revision, grade_complete, sex_complete, "
                     "synthetic, source FROM release_wave WHERE release = ? ORDER BY seq",
                     wave_row, &c, err);
}

static void text_row(sqlite3_stmt *q, void *ctx)
{
    part_call *c = ctx;

    ((jl_store_rel_text_cb)c->cb)(c->ctx, jl_sql_text(q, 0));
}

int jl_store_release_divisions(jl_store *st, long id, jl_store_rel_text_cb cb, void *ctx,
                               jl_err *err)
{
    part_call c = {(void (*)(void))cb, ctx};

    return each_part(st, id,
                     "SELECT division FROM release_division WHERE release = ? ORDER BY seq",
                     text_row, &c, err);
}

static void group_row(sqlite3_stmt *q, void *ctx)
{
    part_call *c = ctx;
    jl_store_rel_group g;

    g.name = jl_sql_text(q, 0);
    g.division = jl_sql_text(q, 1);
    ((jl_store_rel_group_cb)c->cb)(c->ctx, &g);
}

int jl_store_release_groups(jl_store *st, long id, jl_store_rel_group_cb cb, void *ctx,
                            jl_err *err)
{
    part_call c = {(void (*)(void))cb, ctx};

    return each_part(st, id,
                     "SELECT name, division FROM release_group WHERE release = ? ORDER BY seq",
                     group_row, &c, err);
}

static void area_row(sqlite3_stmt *q, void *ctx)
{
    part_call *c = ctx;
    jl_store_rel_area a;

    a.division = jl_sql_text(q, 0);
    a.code = jl_sql_text(q, 1);
    a.name = jl_sql_text(q, 2);
    a.parent_division = jl_sql_text(q, 3);
    a.parent_code = jl_sql_text(q, 4);
    a.base_division = jl_sql_text(q, 5);
    a.base_codes = jl_sql_text(q, 6);
    ((jl_store_rel_area_cb)c->cb)(c->ctx, &a);
}

int jl_store_release_areas(jl_store *st, long id, jl_store_rel_area_cb cb, void *ctx,
                           jl_err *err)
{
    part_call c = {(void (*)(void))cb, ctx};

    return each_part(st, id,
                     "SELECT division, code, name, parent_division, parent_code, base_division, "
                     "base_codes FROM release_area WHERE release = ? ORDER BY seq",
                     area_row, &c, err);
}

static void cell_row(sqlite3_stmt *q, void *ctx)
{
    part_call *c = ctx;
    jl_store_rel_cell r;

    r.division = jl_sql_text(q, 0);
    r.area = jl_sql_text(q, 1);
    r.wave = jl_sql_text(q, 2);
    r.grade = jl_sql_text(q, 3);
    r.sex = jl_sql_text(q, 4);
    r.scale = jl_sql_text(q, 5);
    r.kind = jl_sql_text(q, 6);
    r.cutoff = jl_sql_text(q, 7);
    r.headline = sqlite3_column_int(q, 8);
    r.n = col_count(q, 9);
    r.n_scored = col_count(q, 10);
    r.k = col_count(q, 11);
    r.pct = col_num(q, 12);
    r.ci_low = col_num(q, 13);
    r.ci_high = col_num(q, 14);
    r.norm_pct = col_num(q, 15);
    r.norm_source = jl_sql_text(q, 16);
    r.diff = col_num(q, 17);
    r.flag = jl_sql_text(q, 18);
    r.status = jl_sql_text(q, 19);
    r.reason = jl_sql_text(q, 20);
    r.source = jl_sql_text(q, 21);
    ((jl_store_rel_cell_cb)c->cb)(c->ctx, &r);
}

int jl_store_release_cells(jl_store *st, long id, jl_store_rel_cell_cb cb, void *ctx,
                           jl_err *err)
{
    part_call c = {(void (*)(void))cb, ctx};

    return each_part(st, id,
                     "SELECT division, area, wave, grade, sex, scale, kind, cutoff, headline, n, "
                     "n_scored, k, pct, ci_low, ci_high, norm_pct, norm_source, diff, flag, "
                     "status, reason, source FROM release_cell WHERE release = ? ORDER BY seq",
                     cell_row, &c, err);
}

static void ind_row(sqlite3_stmt *q, void *ctx)
{
    part_call *c = ctx;
    jl_store_rel_ind r;

    r.indicator = jl_sql_text(q, 0);
    r.name = jl_sql_text(q, 1);
    r.unit = jl_sql_text(q, 2);
    r.division = jl_sql_text(q, 3);
    r.area = jl_sql_text(q, 4);
    r.area_name = jl_sql_text(q, 5);
    r.period = jl_sql_text(q, 6);
    r.value = col_num(q, 7);
    r.status = jl_sql_text(q, 8);
    r.estimated = jl_sql_text(q, 9);
    r.source = jl_sql_text(q, 10);
    ((jl_store_rel_ind_cb)c->cb)(c->ctx, &r);
}

int jl_store_release_indicators(jl_store *st, long id, jl_store_rel_ind_cb cb, void *ctx,
                                jl_err *err)
{
    part_call c = {(void (*)(void))cb, ctx};

    return each_part(st, id,
                     "SELECT indicator, name, unit, division, area, area_name, period, value, "
                     "status, estimated, source FROM release_indicator WHERE release = ? "
                     "ORDER BY seq",
                     ind_row, &c, err);
}

int jl_store_release_ids_of_wave(jl_store *st, const char *instrument, const char *name,
                                 jl_store_id_cb cb, void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (jl_sql_prep(&q, st,
                    "SELECT DISTINCT release FROM release_wave WHERE instrument = ? AND name = ? "
                    "ORDER BY release",
                    err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, instrument);
    jl_sql_bind_text(q, 2, name);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        cb(ctx, (long)sqlite3_column_int64(q, 0));
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? JL_OK : jl_sql_dberr(err, st, _("reading releases"));
}

static void when_row(sqlite3_stmt *q, void *ctx)
{
    snprintf(ctx, 64, "%s", jl_sql_text(q, 0));
}

int jl_store_release_withdraw(jl_store *st, long id, const char *when, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    char was[64] = "";
    int rc;

    if (jl_sql_prep(&q, st, "SELECT coalesce(withdrawn, '') FROM release WHERE id = ?", err) < 0)
        return JL_ESTORE;
    sqlite3_bind_int64(q, 1, id);
    rc = jl_sql_each(q, st, 1, when_row, was, err);
    if (rc == JL_ENOTFOUND)
        return jl_err_set(err, JL_ENOTFOUND, _("no release %ld"), id);
    if (rc < 0)
        return rc;
    if (was[0])
        return jl_err_set(err, JL_EEXISTS, _("release %ld was withdrawn at %s"), id, was);
    if (jl_sql_prep(&q, st, "UPDATE release SET withdrawn = ? WHERE id = ?", err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, when);
    sqlite3_bind_int64(q, 2, id);
    return jl_sql_step_done(q, st, _("withdrawing the release"), err);
}
