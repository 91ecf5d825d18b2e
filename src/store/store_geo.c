/*
 * The geography aggregate in SQLite: divisions, areas and their
 * geometry, crosswalks and named groups.
 */
#include "store/sql.h"
#include "core/alloc.h"
#include "core/i18n.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- divisions and areas ---- */

int jl_store_division_put(jl_store *st, const char *id, const char *name,
                          const char *parent_division, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (jl_sql_prep(&q, st,
             "INSERT INTO division (id, name, parent_division) VALUES (?, ?, ?) "
             "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
             "parent_division = excluded.parent_division",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, id);
    jl_sql_bind_text(q, 2, name);
    jl_sql_bind_text(q, 3, parent_division);
    return jl_sql_step_done(q, st, _("saving a division"), err);
}

int jl_store_division_exists(jl_store *st, const char *id, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (jl_sql_prep(&q, st, "SELECT 1 FROM division WHERE id = ?", err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, id);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    return jl_sql_dberr(err, st, _("reading divisions"));
}

int jl_store_area_put(jl_store *st, const char *division, const char *code, const char *name,
                      const char *parent_code, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (jl_sql_prep(&q, st,
             "INSERT INTO area (division, code, name, parent_code) VALUES (?, ?, ?, ?) "
             "ON CONFLICT (division, code) DO UPDATE SET name = excluded.name, "
             "parent_code = excluded.parent_code",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, division);
    jl_sql_bind_text(q, 2, code);
    jl_sql_bind_text(q, 3, name);
    jl_sql_bind_text(q, 4, parent_code);
    return jl_sql_step_done(q, st, _("saving an area"), err);
}

#define AREA_SQL                                                                               \
    "SELECT a.code, a.name, coalesce(a.parent_code, ''), g.area_m2, g.ipt_lon, g.ipt_lat, "    \
    "coalesce(g.repaired, ''), g.code IS NOT NULL FROM area a LEFT JOIN area_geom g "            \
    "ON g.division = a.division AND g.code = a.code "

typedef struct area_call {
    jl_store_area_cb cb;
    void *ctx;
} area_call;

static void area_row(sqlite3_stmt *q, void *ctx)
{
    const area_call *c = ctx;
    jl_store_area a;

    a.code = jl_sql_text(q, 0);
    a.name = jl_sql_text(q, 1);
    a.parent = jl_sql_text(q, 2);
    a.has_geom = sqlite3_column_int(q, 7);
    a.area_m2 = a.has_geom ? sqlite3_column_double(q, 3) : (double)NAN;
    a.ipt_lon = a.has_geom ? sqlite3_column_double(q, 4) : (double)NAN;
    a.ipt_lat = a.has_geom ? sqlite3_column_double(q, 5) : (double)NAN;
    a.repaired = jl_sql_text(q, 6);
    c->cb(c->ctx, &a);
}

static int area_rows(sqlite3_stmt *q, jl_store *st, int one, jl_store_area_cb cb, void *ctx,
                     jl_err *err)
{
    area_call c = {cb, ctx};

    return jl_sql_each(q, st, one, area_row, &c, err);
}

int jl_store_area_each(jl_store *st, const char *division, jl_store_area_cb cb, void *ctx,
                       jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (jl_sql_prep(&q, st, AREA_SQL "WHERE a.division = ? ORDER BY a.code", err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, division);
    return area_rows(q, st, 0, cb, ctx, err);
}

int jl_store_area_get(jl_store *st, const char *division, const char *code, jl_store_area_cb cb,
                      void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (jl_sql_prep(&q, st, AREA_SQL "WHERE a.division = ? AND a.code = ?", err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, division);
    jl_sql_bind_text(q, 2, code);
    rc = area_rows(q, st, 1, cb, ctx, err);
    if (rc == JL_ENOTFOUND)
        return jl_err_set(err, JL_ENOTFOUND, _("no area \"%s\" in division %s"), code, division);
    return rc;
}

/* ---- geography ---- */

int jl_store_division_replace(jl_store *st, const jl_store_division *d, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    char ts[32];
    int rc;

    jl_sql_now_iso(ts, sizeof ts);
    if (jl_sql_prep(&q, st,
             "INSERT INTO division (id, name, parent_division, version, valid_from, valid_to, "
             "source, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
             "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
             "parent_division = excluded.parent_division, version = excluded.version, "
             "valid_from = excluded.valid_from, valid_to = excluded.valid_to, "
             "source = excluded.source, imported_at = excluded.imported_at",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, d->id);
    jl_sql_bind_text(q, 2, d->name);
    jl_sql_bind_text(q, 3, d->parent);
    jl_sql_bind_text(q, 4, d->version);
    jl_sql_bind_text(q, 5, d->valid_from);
    jl_sql_bind_text(q, 6, d->valid_to);
    jl_sql_bind_text(q, 7, d->source);
    jl_sql_bind_text(q, 8, ts);
    rc = jl_sql_step_done(q, st, _("saving a division"), err);
    if (rc < 0)
        return rc;
    /* The old areas go, and every crosswalk computed from them. */
    if (jl_sql_prep(&q, st, "DELETE FROM crosswalk WHERE from_div = ?1 OR to_div = ?1", err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, d->id);
    rc = jl_sql_step_done(q, st, _("replacing crosswalks"), err);
    if (rc < 0)
        return rc;
    if (jl_sql_prep(&q, st, "DELETE FROM area WHERE division = ?", err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, d->id);
    return jl_sql_step_done(q, st, _("replacing areas"), err);
}

int jl_store_area_geom_put(jl_store *st, const char *division, const char *code,
                           const jl_store_geom *g, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (jl_sql_prep(&q, st,
             "INSERT INTO area_geom (division, code, wkb, area_m2, ipt_lon, ipt_lat, minx, miny, "
             "maxx, maxy, repaired) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, division);
    jl_sql_bind_text(q, 2, code);
    sqlite3_bind_blob(q, 3, g->wkb, (int)g->wkb_len, SQLITE_STATIC);
    sqlite3_bind_double(q, 4, g->area_m2);
    sqlite3_bind_double(q, 5, g->ipt_lon);
    sqlite3_bind_double(q, 6, g->ipt_lat);
    sqlite3_bind_double(q, 7, g->env[0]);
    sqlite3_bind_double(q, 8, g->env[1]);
    sqlite3_bind_double(q, 9, g->env[2]);
    sqlite3_bind_double(q, 10, g->env[3]);
    jl_sql_bind_text(q, 11, g->repaired);
    return jl_sql_step_done(q, st, _("saving an area's geometry"), err);
}

int jl_store_area_geom_each(jl_store *st, const char *division, jl_store_geom_cb cb, void *ctx,
                            jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (jl_sql_prep(&q, st,
             "SELECT code, wkb, area_m2, ipt_lon, ipt_lat, minx, miny, maxx, maxy, repaired "
             "FROM area_geom WHERE division = ? ORDER BY code",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, division);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        jl_store_geom g;
        const unsigned char *rep = sqlite3_column_text(q, 9);

        g.wkb = sqlite3_column_blob(q, 1);
        g.wkb_len = (size_t)sqlite3_column_bytes(q, 1);
        g.area_m2 = sqlite3_column_double(q, 2);
        g.ipt_lon = sqlite3_column_double(q, 3);
        g.ipt_lat = sqlite3_column_double(q, 4);
        g.env[0] = sqlite3_column_double(q, 5);
        g.env[1] = sqlite3_column_double(q, 6);
        g.env[2] = sqlite3_column_double(q, 7);
        g.env[3] = sqlite3_column_double(q, 8);
        g.repaired = rep ? (const char *)rep : NULL;
        cb(ctx, (const char *)sqlite3_column_text(q, 0), &g);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return jl_sql_dberr(err, st, _("reading geometries"));
    return JL_OK;
}


#define DIVISION_SQL                                                                           \
    "SELECT d.id, d.name, coalesce(d.version, ''), coalesce(d.parent_division, ''), "          \
    "(SELECT count(*) FROM area a WHERE a.division = d.id), "                                   \
    "(SELECT count(*) FROM area_geom g WHERE g.division = d.id), "                              \
    "coalesce(d.valid_from, ''), coalesce(d.valid_to, ''), coalesce(d.source, '') "            \
    "FROM division d "

typedef struct division_call {
    jl_store_division_cb cb;
    void *ctx;
} division_call;

static void division_row(sqlite3_stmt *q, void *ctx)
{
    const division_call *c = ctx;
    jl_store_division d;

    d.id = jl_sql_text(q, 0);
    d.name = jl_sql_text(q, 1);
    d.version = jl_sql_text(q, 2);
    d.parent = jl_sql_text(q, 3);
    d.nareas = (long)sqlite3_column_int64(q, 4);
    d.ngeom = (long)sqlite3_column_int64(q, 5);
    d.valid_from = jl_sql_text(q, 6);
    d.valid_to = jl_sql_text(q, 7);
    d.source = jl_sql_text(q, 8);
    c->cb(c->ctx, &d);
}

static int division_rows(sqlite3_stmt *q, jl_store *st, int one, jl_store_division_cb cb,
                         void *ctx, jl_err *err)
{
    division_call c = {cb, ctx};

    return jl_sql_each(q, st, one, division_row, &c, err);
}

int jl_store_division_each(jl_store *st, jl_store_division_cb cb, void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (jl_sql_prep(&q, st, DIVISION_SQL "ORDER BY d.id", err) < 0)
        return JL_ESTORE;
    return division_rows(q, st, 0, cb, ctx, err);
}

int jl_store_division_get(jl_store *st, const char *id, jl_store_division_cb cb, void *ctx,
                          jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (jl_sql_prep(&q, st, DIVISION_SQL "WHERE d.id = ?", err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, id);
    rc = division_rows(q, st, 1, cb, ctx, err);
    if (rc == JL_ENOTFOUND)
        return jl_err_set(err, JL_ENOTFOUND, _("no division \"%s\""), id);
    return rc;
}


int jl_store_crosswalk_clear(jl_store *st, const char *from, const char *to, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (jl_sql_prep(&q, st, "DELETE FROM crosswalk WHERE from_div = ? AND to_div = ?", err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, from);
    jl_sql_bind_text(q, 2, to);
    return jl_sql_step_done(q, st, _("replacing crosswalks"), err);
}

int jl_store_crosswalk_put(jl_store *st, const char *from, const char *to, const char *from_code,
                           const char *to_code, double weight, const char *method,
                           const char *source, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (jl_sql_prep(&q, st,
             "INSERT INTO crosswalk (from_div, to_div, from_code, to_code, weight, method, "
             "source) VALUES (?, ?, ?, ?, ?, ?, ?)",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, from);
    jl_sql_bind_text(q, 2, to);
    jl_sql_bind_text(q, 3, from_code);
    jl_sql_bind_text(q, 4, to_code);
    sqlite3_bind_double(q, 5, weight);
    jl_sql_bind_text(q, 6, method);
    jl_sql_bind_text(q, 7, source);
    return jl_sql_step_done(q, st, _("saving a crosswalk"), err);
}

int jl_store_crosswalk_list(jl_store *st, const char *from, const char *to, jl_store_pair_cb cb,
                            void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (jl_sql_prep(&q, st,
             "SELECT from_code, to_code, weight, method, source FROM crosswalk "
             "WHERE from_div = ? AND to_div = ? ORDER BY from_code, weight DESC, to_code",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, from);
    jl_sql_bind_text(q, 2, to);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        jl_store_pair p;

        p.from_code = jl_sql_text(q, 0);
        p.to_code = jl_sql_text(q, 1);
        p.weight = sqlite3_column_double(q, 2);
        p.method = jl_sql_text(q, 3);
        p.source = jl_sql_text(q, 4);
        cb(ctx, &p);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? JL_OK : jl_sql_dberr(err, st, _("reading"));
}

int jl_store_group_put(jl_store *st, const char *name, const char *division,
                       const char *const *codes, size_t n, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    char ts[32];
    size_t i;
    int rc;

    jl_sql_now_iso(ts, sizeof ts);
    if (jl_sql_prep(&q, st, "DELETE FROM area_group WHERE name = ?", err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, name);
    if ((rc = jl_sql_step_done(q, st, _("saving a group"), err)) < 0)
        return rc;
    if (jl_sql_prep(&q, st, "INSERT INTO area_group (name, division, created_at) VALUES (?, ?, ?)",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, name);
    jl_sql_bind_text(q, 2, division);
    jl_sql_bind_text(q, 3, ts);
    if ((rc = jl_sql_step_done(q, st, _("saving a group"), err)) < 0)
        return rc;
    for (i = 0; i < n; i++) {
        if (jl_sql_prep(&q, st, "INSERT OR IGNORE INTO area_group_member (grp, code) VALUES (?, ?)",
                 err) < 0)
            return JL_ESTORE;
        jl_sql_bind_text(q, 1, name);
        jl_sql_bind_text(q, 2, codes[i]);
        if ((rc = jl_sql_step_done(q, st, _("saving a group"), err)) < 0)
            return rc;
    }
    return JL_OK;
}

/* Runs q over groups (name, division, codes space-separated) and calls cb
 * per row; 0 rows is JL_ENOTFOUND when one was asked for. */
static int group_rows(sqlite3_stmt *q, jl_store *st, int one, jl_store_group_cb cb, void *ctx,
                      jl_err *err)
{
    int rc;
    size_t found = 0;

    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        jl_store_group g;
        char *codes = jl_xstrdup(jl_sql_text(q, 2)), *tok, *save = NULL;
        const char **v = NULL;
        size_t cap = 0;

        g.name = jl_sql_text(q, 0);
        g.division = jl_sql_text(q, 1);
        g.n = 0;
        for (tok = strtok_r(codes, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
            v = jl_xgrow(v, &cap, g.n + 1, sizeof *v);
            v[g.n++] = tok;
        }
        g.codes = v;
        cb(ctx, &g);
        jl_free(v);
        jl_free(codes);
        found++;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return jl_sql_dberr(err, st, _("reading"));
    if (one && !found)
        return JL_ENOTFOUND;
    return JL_OK;
}

#define GROUP_SQL                                                                              \
    "SELECT g.name, g.division, coalesce(group_concat(m.code, ' '), '') "                      \
    "FROM area_group g LEFT JOIN area_group_member m ON m.grp = g.name "

int jl_store_group_list(jl_store *st, jl_store_group_cb cb, void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (jl_sql_prep(&q, st, GROUP_SQL "GROUP BY g.name ORDER BY g.name", err) < 0)
        return JL_ESTORE;
    return group_rows(q, st, 0, cb, ctx, err);
}

int jl_store_group_get(jl_store *st, const char *name, jl_store_group_cb cb, void *ctx,
                       jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (jl_sql_prep(&q, st, GROUP_SQL "WHERE g.name = ? GROUP BY g.name", err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, name);
    rc = group_rows(q, st, 1, cb, ctx, err);
    if (rc == JL_ENOTFOUND)
        return jl_err_set(err, JL_ENOTFOUND, _("no group \"%s\""), name);
    return rc;
}

