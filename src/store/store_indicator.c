/*
 * The indicator aggregate in SQLite: definitions and observations.
 */
#include "store/sql.h"
#include "core/alloc.h"
#include "core/i18n.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- indicators ---- */

int jl_store_indicator_put(jl_store *st, const jl_store_indicator *d, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    char ts[32];

    jl_sql_now_iso(ts, sizeof ts);
    if (jl_sql_prep(&q, st,
             "INSERT INTO indicator (id, name, name_en, unit, kind, better, formula, theme, goal, "
             "source, licence, note, defined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
             "ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, "
             "unit = excluded.unit, kind = excluded.kind, better = excluded.better, "
             "formula = excluded.formula, theme = excluded.theme, goal = excluded.goal, "
             "source = excluded.source, licence = excluded.licence, note = excluded.note, "
             "defined_at = excluded.defined_at",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, d->id);
    jl_sql_bind_text(q, 2, d->name);
    jl_sql_bind_text(q, 3, d->name_en);
    jl_sql_bind_text(q, 4, d->unit);
    jl_sql_bind_text(q, 5, d->kind);
    jl_sql_bind_text(q, 6, d->better);
    jl_sql_bind_text(q, 7, d->formula);
    jl_sql_bind_text(q, 8, d->theme);
    jl_sql_bind_text(q, 9, d->goal);
    jl_sql_bind_text(q, 10, d->source);
    jl_sql_bind_text(q, 11, d->licence);
    jl_sql_bind_text(q, 12, d->note);
    jl_sql_bind_text(q, 13, ts);
    return jl_sql_step_done(q, st, _("saving an indicator"), err);
}

#define INDICATOR_COLS                                                                         \
    "i.id, i.name, coalesce(i.name_en, ''), i.unit, i.kind, i.better, coalesce(i.formula, ''), " \
    "coalesce(i.theme, ''), coalesce(i.goal, ''), i.source, coalesce(i.licence, ''), "           \
    "coalesce(i.note, '')"

typedef struct indicator_call {
    jl_store_indicator_cb cb;
    void *ctx;
    int one; /* got by id: no count of observations in the row */
} indicator_call;

static void indicator_row(sqlite3_stmt *q, void *ctx)
{
    const indicator_call *c = ctx;
    jl_store_indicator d;

    d.id = jl_sql_text(q, 0);
    d.name = jl_sql_text(q, 1);
    d.name_en = jl_sql_text(q, 2);
    d.unit = jl_sql_text(q, 3);
    d.kind = jl_sql_text(q, 4);
    d.better = jl_sql_text(q, 5);
    d.formula = jl_sql_text(q, 6);
    d.theme = jl_sql_text(q, 7);
    d.goal = jl_sql_text(q, 8);
    d.source = jl_sql_text(q, 9);
    d.licence = jl_sql_text(q, 10);
    d.note = jl_sql_text(q, 11);
    d.nobs = c->one ? -1 : (long)sqlite3_column_int64(q, 12);
    c->cb(c->ctx, &d);
}

static int indicator_rows(sqlite3_stmt *q, jl_store *st, int one, jl_store_indicator_cb cb,
                          void *ctx, jl_err *err)
{
    indicator_call c = {cb, ctx, one};

    return jl_sql_each(q, st, one, indicator_row, &c, err);
}

int jl_store_indicator_each(jl_store *st, jl_store_indicator_cb cb, void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (jl_sql_prep(&q, st,
             "SELECT " INDICATOR_COLS ", (SELECT count(*) FROM observation o WHERE "
             "o.indicator = i.id) FROM indicator i ORDER BY i.id",
             err) < 0)
        return JL_ESTORE;
    return indicator_rows(q, st, 0, cb, ctx, err);
}

int jl_store_indicator_get(jl_store *st, const char *id, jl_store_indicator_cb cb, void *ctx,
                           jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (jl_sql_prep(&q, st, "SELECT " INDICATOR_COLS " FROM indicator i WHERE i.id = ?", err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, id);
    rc = indicator_rows(q, st, 1, cb, ctx, err);
    if (rc == JL_ENOTFOUND)
        return jl_err_set(err, JL_ENOTFOUND, _("no indicator \"%s\""), id);
    return rc;
}

/* The number of source path, added when new. */
static int source_id(sqlite3_int64 *id, jl_store *st, const char *path, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    char ts[32];
    int rc;

    jl_sql_now_iso(ts, sizeof ts);
    if (jl_sql_prep(&q, st,
             "INSERT INTO obs_source (path, imported_at) VALUES (?1, ?2) "
             "ON CONFLICT (path) DO UPDATE SET imported_at = excluded.imported_at",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, path);
    jl_sql_bind_text(q, 2, ts);
    rc = jl_sql_step_done(q, st, _("saving observations"), err);
    if (rc < 0)
        return rc;
    if (jl_sql_prep(&q, st, "SELECT id FROM obs_source WHERE path = ?", err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, path);
    if (sqlite3_step(q) != SQLITE_ROW) {
        sqlite3_finalize(q);
        return jl_sql_dberr(err, st, _("saving observations"));
    }
    *id = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return JL_OK;
}

static int indicator_defined(jl_store *st, const char *id, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (jl_sql_prep(&q, st, "SELECT 1 FROM indicator WHERE id = ?", err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, id);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW)
        return JL_OK;
    if (rc == SQLITE_DONE)
        return jl_err_set(err, JL_EINPUT, _("expected a defined indicator, found \"%s\""), id);
    return jl_sql_dberr(err, st, _("saving observations"));
}

int jl_store_observations_put(jl_store *st, const jl_store_obs *o, size_t n, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    sqlite3_int64 sid = 0;
    const char *last = NULL, *last_ind = NULL;
    size_t i;
    int rc;

    /* One statement for the batch: preparing per row would dominate a
     * million-row import. */
    if (jl_sql_prep(&q, st,
             "INSERT OR REPLACE INTO observation (indicator, division, area, period, sex, "
             "breakdown, value, status, source, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             err) < 0)
        return JL_ESTORE;
    for (i = 0; i < n; i++) {
        /* The indicator must be defined: checked here, once per run of
         * rows of one indicator, instead of by a foreign key per row
         * (migration 006). */
        if (!last_ind || strcmp(last_ind, o[i].indicator)) {
            rc = indicator_defined(st, o[i].indicator, err);
            if (rc < 0) {
                sqlite3_finalize(q);
                return rc;
            }
            last_ind = o[i].indicator;
        }
        if (!last || strcmp(last, o[i].source)) {
            rc = source_id(&sid, st, o[i].source, err);
            if (rc < 0) {
                sqlite3_finalize(q);
                return rc;
            }
            last = o[i].source;
        }
        sqlite3_bind_text(q, 1, o[i].indicator, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, o[i].division, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, o[i].area, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 4, o[i].period, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 5, o[i].sex, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 6, o[i].breakdown ? o[i].breakdown : "", -1, SQLITE_STATIC);
        if (isnan(o[i].value))
            sqlite3_bind_null(q, 7);
        else
            sqlite3_bind_double(q, 7, o[i].value);
        sqlite3_bind_text(q, 8, o[i].status, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 9, sid);
        if (o[i].note && *o[i].note)
            sqlite3_bind_text(q, 10, o[i].note, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(q, 10);
        rc = sqlite3_step(q);
        sqlite3_reset(q);
        if (rc != SQLITE_DONE) {
            sqlite3_finalize(q);
            return jl_sql_dberr(err, st, _("saving observations"));
        }
    }
    sqlite3_finalize(q);
    return JL_OK;
}

int jl_store_observations_each(jl_store *st, const char *indicator, const char *division,
                               const char *sex, const char *breakdown, jl_store_obs_cb cb,
                               void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (jl_sql_prep(&q, st,
             "SELECT o.area, o.period, o.breakdown, o.value, o.status, s.path "
             "FROM observation o JOIN obs_source s ON s.id = o.source "
             "WHERE o.indicator = ? AND o.division = ? AND o.sex = ? AND o.breakdown = ? "
             "ORDER BY o.area, o.period",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, indicator);
    jl_sql_bind_text(q, 2, division);
    jl_sql_bind_text(q, 3, sex);
    jl_sql_bind_text(q, 4, breakdown ? breakdown : "");
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        jl_store_obs o;

        memset(&o, 0, sizeof o);
        o.indicator = indicator;
        o.division = division;
        o.sex = sex;
        o.area = (const char *)sqlite3_column_text(q, 0);
        o.period = (const char *)sqlite3_column_text(q, 1);
        o.breakdown = (const char *)sqlite3_column_text(q, 2);
        o.value = sqlite3_column_type(q, 3) == SQLITE_NULL ? (double)NAN
                                                           : sqlite3_column_double(q, 3);
        o.status = (const char *)sqlite3_column_text(q, 4);
        o.source = (const char *)sqlite3_column_text(q, 5);
        cb(ctx, &o);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return jl_sql_dberr(err, st, _("reading observations"));
    return JL_OK;
}

/* Divisions that hold observations of indicator, most first. */
int jl_store_observation_divisions(jl_store *st, const char *indicator, jl_store_count_cb cb,
                                   void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (jl_sql_prep(&q, st,
             "SELECT division, count(*) FROM observation WHERE indicator = ? GROUP BY division "
             "ORDER BY count(*) DESC, division",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, indicator);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        cb(ctx, jl_sql_text(q, 0), (long)sqlite3_column_int64(q, 1));
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? JL_OK : jl_sql_dberr(err, st, _("reading"));
}


typedef struct span_call {
    jl_store_ind_span_cb cb;
    void *ctx;
} span_call;

static void span_row(sqlite3_stmt *q, void *ctx)
{
    const span_call *c = ctx;
    jl_store_ind_span sp;

    sp.indicator = jl_sql_text(q, 0);
    sp.first = jl_sql_text(q, 1);
    sp.last = jl_sql_text(q, 2);
    sp.imported_at = jl_sql_text(q, 3);
    sp.nobs = (long)sqlite3_column_int64(q, 4);
    c->cb(c->ctx, &sp);
}

int jl_store_indicator_spans(jl_store *st, jl_store_ind_span_cb cb, void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    span_call c = {cb, ctx};

    if (jl_sql_prep(&q, st,
                    "SELECT o.indicator, min(o.period), max(o.period), max(s.imported_at), "
                    "count(*) FROM observation o JOIN obs_source s ON s.id = o.source "
                    "GROUP BY o.indicator ORDER BY o.indicator",
                    err) < 0)
        return JL_ESTORE;
    return jl_sql_each(q, st, 0, span_row, &c, err);
}
