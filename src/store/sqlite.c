/*
 * The SQLite driver of store.h: the only file with SQL in it.
 */
#include "store/store.h"
#include "core/alloc.h"
#include "core/i18n.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    int version;
    const char *name, *sql;
} jl_migration;
extern const jl_migration jl_migrations[];
extern const unsigned long jl_migrations_n;

struct jl_store {
    sqlite3 *db;
    int version;
    int in_tx;
};

static int dberr(jl_err *err, jl_store *st, const char *what)
{
    return jl_err_set(err, JL_ESTORE, _("database error while %s: %s"), what,
                      st && st->db ? sqlite3_errmsg(st->db) : "?");
}

static int exec(jl_store *st, const char *sql, const char *what, jl_err *err)
{
    char *msg = NULL;

    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        jl_err_set(err, JL_ESTORE, _("database error while %s: %s"), what, msg ? msg : "?");
        sqlite3_free(msg);
        return JL_ESTORE;
    }
    return JL_OK;
}

static void now_iso(char *buf, size_t len)
{
    time_t t = time(NULL);
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int migrate(jl_store *st, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int version = 0, rc;
    unsigned long i;

    rc = sqlite3_prepare_v2(st->db,
                            "SELECT version FROM schema_version", -1, &q, NULL);
    if (rc == SQLITE_OK) {
        if (sqlite3_step(q) == SQLITE_ROW)
            version = sqlite3_column_int(q, 0);
        sqlite3_finalize(q);
    }
    /* Only write when something is to be done: a read must leave the file
     * byte-identical. */
    if (version >= (int)jl_migrations[jl_migrations_n - 1].version) {
        st->version = version;
        if (version > (int)jl_migrations[jl_migrations_n - 1].version)
            return jl_err_set(err, JL_ESTORE,
                              _("the database has schema version %d, newer than this jamlik "
                                "knows (%d): use a newer jamlik"),
                              version, jl_migrations[jl_migrations_n - 1].version);
        return JL_OK;
    }
    if (exec(st, "BEGIN IMMEDIATE", _("upgrading the schema"), err) < 0)
        return JL_ESTORE;
    if (version == 0 &&
        exec(st, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);"
                 "DELETE FROM schema_version; INSERT INTO schema_version VALUES (0);",
             _("upgrading the schema"), err) < 0)
        goto fail;
    for (i = 0; i < jl_migrations_n; i++) {
        char sql[64];

        if (jl_migrations[i].version <= version)
            continue;
        if (exec(st, jl_migrations[i].sql, jl_migrations[i].name, err) < 0)
            goto fail;
        snprintf(sql, sizeof sql, "UPDATE schema_version SET version = %d",
                 jl_migrations[i].version);
        if (exec(st, sql, _("upgrading the schema"), err) < 0)
            goto fail;
        version = jl_migrations[i].version;
    }
    if (exec(st, "COMMIT", _("upgrading the schema"), err) < 0)
        goto fail;
    st->version = version;
    return JL_OK;
fail:
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return JL_ESTORE;
}

/* What the file at an open connection is, read without writing a byte:
 * JL_OK for a jamlik database or an empty file (*empty set), else an
 * error naming what it is. Runs before anything that writes (the switch
 * to WAL, migrations), so that a command never changes another program's
 * file, nor a newer jamlik's. */
static int identify(jl_store *st, const char *path, int *empty, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int appid = 0, ntables = 0, has_version = 0, version = 0, rc;

    *empty = 0;
    rc = sqlite3_prepare_v2(st->db, "PRAGMA application_id", -1, &q, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        appid = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW) {
        if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_NOTADB)
            return jl_err_at(err, JL_EINPUT, path, 0, 0,
                             _("expected a jamlik database, found a file that is not a SQLite "
                               "database"));
        return jl_err_at(err, JL_ESTORE, path, 0, 0, _("cannot read the database: %s"),
                         sqlite3_errmsg(st->db));
    }
    if (sqlite3_prepare_v2(st->db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &q,
                           NULL) != SQLITE_OK)
        return jl_err_at(err, JL_ESTORE, path, 0, 0, _("cannot read the database: %s"),
                         sqlite3_errmsg(st->db));
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        ntables++;
        if (!strcmp((const char *)sqlite3_column_text(q, 0), "schema_version"))
            has_version = 1;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return jl_err_at(err, JL_ESTORE, path, 0, 0, _("cannot read the database: %s"),
                         sqlite3_errmsg(st->db));
    /* 'GPKG', 'GP10', 'GP11': a GeoPackage, which people may well give
     * as --db by mistake for a map layer. */
    if (appid == 0x47504B47 || appid == 0x47503130 || appid == 0x47503131)
        return jl_err_at(err, JL_EINPUT, path, 0, 0,
                         _("expected a jamlik database, found a GeoPackage (a map layer: import "
                           "it with \"areas import\")"));
    if (appid != 0 && appid != JL_STORE_APP_ID)
        return jl_err_at(err, JL_EINPUT, path, 0, 0,
                         _("expected a jamlik database, found another program's SQLite database "
                           "(application id 0x%08X)"),
                         (unsigned)appid);
    if (ntables == 0 && appid == 0) {
        *empty = 1;
        return JL_OK;
    }
    if (!has_version)
        return jl_err_at(err, JL_EINPUT, path, 0, 0,
                         _("expected a jamlik database, found another program's SQLite database "
                           "(%d tables, none of them jamlik's schema_version)"),
                         ntables);
    if (sqlite3_prepare_v2(st->db, "SELECT version FROM schema_version", -1, &q, NULL) ==
            SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        version = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    if (version > (int)jl_migrations[jl_migrations_n - 1].version)
        return jl_err_at(err, JL_EINPUT, path, 0, 0,
                         _("the database has schema version %d, newer than this jamlik knows "
                           "(%d): use a newer jamlik"),
                         version, jl_migrations[jl_migrations_n - 1].version);
    st->version = version;
    return JL_OK;
}

/* Removes a database file this open created, with SQLite's side files,
 * so that a failed init (a full disk) leaves nothing behind. */
static void remove_created(const char *path)
{
    static const char *const side[] = {"", "-wal", "-shm", "-journal"};
    char name[4096];
    size_t i;

    for (i = 0; i < sizeof side / sizeof side[0]; i++)
        if ((size_t)snprintf(name, sizeof name, "%s%s", path, side[i]) < sizeof name)
            (void)unlink(name);
}

int jl_store_open(jl_store **out, const char *path, int flags, const char *vfs, jl_err *err)
{
    jl_store *st = jl_xcalloc(1, sizeof *st);
    int oflags = (flags & JL_STORE_RO) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    int rc, empty = 0, created = 0;
    struct stat sb;

    if (stat(path, &sb) == 0) {
        if (S_ISDIR(sb.st_mode)) {
            jl_err_at(err, JL_EINPUT, path, 0, 0,
                      _("expected a database file, found a folder (give --db FOLDER/jamlik.db)"));
            goto fail;
        }
    } else if (errno == ENOENT && (flags & JL_STORE_CREATE)) {
        created = 1;
    }
    if (flags & JL_STORE_CREATE)
        oflags |= SQLITE_OPEN_CREATE;
    /* A jl_store is used by one thread at a time (store.h): no connection
     * mutex, which costs a lock per call on a million-row import. */
    oflags |= SQLITE_OPEN_NOMUTEX;
    rc = sqlite3_open_v2(path, &st->db, oflags, vfs);
    if (rc != SQLITE_OK) {
        if (!(flags & JL_STORE_CREATE) && rc == SQLITE_CANTOPEN)
            jl_err_at(err, JL_ENOTFOUND, path, 0, 0,
                      _("no database here: create one with \"jamlik init\" or give --db PATH"));
        else
            jl_err_at(err, JL_ESTORE, path, 0, 0, _("cannot open the database: %s"),
                      st->db ? sqlite3_errmsg(st->db) : "?");
        goto fail;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, 5000);
    if (identify(st, path, &empty, err) < 0)
        goto fail;
    if (empty && !(flags & JL_STORE_CREATE)) {
        jl_err_at(err, JL_ENOTFOUND, path, 0, 0,
                  _("expected a jamlik database, found an empty file: create one with \"jamlik "
                    "init\""));
        goto fail;
    }
    /* A 64 MiB page cache: imports of a million rows are one transaction,
     * and a small cache spills pages to the WAL over and over. */
    if (exec(st, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536",
             _("opening the database"), err) < 0)
        goto fail;
    if (!(flags & JL_STORE_RO)) {
        sqlite3_stmt *q = NULL;
        int wal = 0;

        /* WAL lets readers (the web server) go on while an import writes;
         * synchronous=FULL makes a committed import survive a power cut. */
        if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode", -1, &q, NULL) == SQLITE_OK &&
            sqlite3_step(q) == SQLITE_ROW)
            wal = !strcmp((const char *)sqlite3_column_text(q, 0), "wal");
        sqlite3_finalize(q);
        if (!wal && exec(st, "PRAGMA journal_mode = WAL", _("opening the database"), err) < 0)
            goto fail;
        if (exec(st, "PRAGMA synchronous = FULL", _("opening the database"), err) < 0)
            goto fail;
        if (migrate(st, err) < 0)
            goto fail;
    } else if (empty) {
        jl_err_at(err, JL_ESTORE, path, 0, 0, _("not a jamlik database"));
        goto fail;
    }
    *out = st;
    return JL_OK;
fail:
    jl_store_close(st);
    if (created)
        remove_created(path);
    return err->code ? err->code : JL_ESTORE;
}

void jl_store_close(jl_store *st)
{
    if (!st)
        return;
    if (st->in_tx)
        jl_store_rollback(st);
    sqlite3_close_v2(st->db);
    jl_free(st);
}

int jl_store_schema_version(const jl_store *st)
{
    return st->version;
}

int jl_store_begin(jl_store *st, jl_err *err)
{
    if (exec(st, "BEGIN IMMEDIATE", _("starting a transaction"), err) < 0)
        return JL_ESTORE;
    st->in_tx = 1;
    return JL_OK;
}

int jl_store_commit(jl_store *st, jl_err *err)
{
    if (exec(st, "COMMIT", _("committing"), err) < 0) {
        jl_store_rollback(st);
        return JL_ESTORE;
    }
    st->in_tx = 0;
    return JL_OK;
}

void jl_store_rollback(jl_store *st)
{
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st->in_tx = 0;
}

/* ---- helpers ---- */

static int prep(sqlite3_stmt **q, jl_store *st, const char *sql, jl_err *err)
{
    if (sqlite3_prepare_v2(st->db, sql, -1, q, NULL) != SQLITE_OK)
        return dberr(err, st, _("preparing a query"));
    return JL_OK;
}

static void bind_text(sqlite3_stmt *q, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(q, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(q, i);
}

static int step_done(sqlite3_stmt *q, jl_store *st, const char *what, jl_err *err)
{
    int rc = sqlite3_step(q);

    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        if ((rc & 0xff) == SQLITE_CONSTRAINT)
            return jl_err_set(err, JL_EEXISTS, _("%s: %s"), what, sqlite3_errmsg(st->db));
        return dberr(err, st, what);
    }
    return JL_OK;
}

/* Runs q and calls cb per row with every column as text ("" for NULL). */
static int rows(sqlite3_stmt *q, jl_store *st, jl_store_row_cb cb, void *ctx, jl_err *err)
{
    const char *cols[16];
    char num[16][32];
    int rc, i, n = sqlite3_column_count(q);

    /* Every query of this file is written here: one of more columns is a
     * programming error, not a row to cut short (the typed store of issue
     * 16 replaces these positional rows). */
    assert(n <= 16);
    if (n > 16) {
        sqlite3_finalize(q);
        return jl_err_set(err, JL_ESTORE, _("database error while %s: %s"), _("reading"),
                          "more than 16 columns");
    }
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        for (i = 0; i < n; i++) {
            const unsigned char *t;

            /* Reals as C's %.17g, which reads back to the same double. */
            if (sqlite3_column_type(q, i) == SQLITE_FLOAT) {
                snprintf(num[i], sizeof num[i], "%.17g", sqlite3_column_double(q, i));
                cols[i] = num[i];
                continue;
            }
            t = sqlite3_column_text(q, i);
            cols[i] = t ? (const char *)t : "";
        }
        cb(ctx, cols, (size_t)n);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return dberr(err, st, _("reading"));
    return JL_OK;
}

/* ---- instruments ---- */

int jl_store_instrument_put(jl_store *st, const char *id, const char *name, const char *text,
                            jl_err *err)
{
    sqlite3_stmt *q = NULL;
    char ts[32];

    now_iso(ts, sizeof ts);
    if (prep(&q, st,
             "INSERT INTO instrument (id, name, source_text, imported_at) VALUES (?, ?, ?, ?) "
             "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
             "source_text = excluded.source_text, imported_at = excluded.imported_at",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, id);
    bind_text(q, 2, name);
    bind_text(q, 3, text);
    bind_text(q, 4, ts);
    return step_done(q, st, _("saving the instrument"), err);
}

int jl_store_instrument_text(char **text, jl_store *st, const char *id, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (prep(&q, st, "SELECT source_text FROM instrument WHERE id = ?", err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, id);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        *text = jl_xstrdup((const char *)sqlite3_column_text(q, 0));
        sqlite3_finalize(q);
        return JL_OK;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return dberr(err, st, _("reading the instrument"));
    return jl_err_set(err, JL_ENOTFOUND,
                      _("no instrument \"%s\" in the database: import it with \"jamlik "
                        "instrument import FILE\""),
                      id);
}

long jl_store_instrument_waves(jl_store *st, const char *id, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    long n;

    if (prep(&q, st, "SELECT count(*) FROM wave WHERE instrument = ?", err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, id);
    if (sqlite3_step(q) != SQLITE_ROW) {
        sqlite3_finalize(q);
        return dberr(err, st, _("counting the waves"));
    }
    n = (long)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return n;
}

int jl_store_instrument_list(jl_store *st, jl_store_row_cb cb, void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (prep(&q, st,
             "SELECT i.id, i.name, i.imported_at, "
             "(SELECT count(*) FROM wave w WHERE w.instrument = i.id) FROM instrument i "
             "ORDER BY i.id",
             err) < 0)
        return JL_ESTORE;
    return rows(q, st, cb, ctx, err);
}

/* ---- divisions and areas ---- */

int jl_store_division_put(jl_store *st, const char *id, const char *name,
                          const char *parent_division, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (prep(&q, st,
             "INSERT INTO division (id, name, parent_division) VALUES (?, ?, ?) "
             "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
             "parent_division = excluded.parent_division",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, id);
    bind_text(q, 2, name);
    bind_text(q, 3, parent_division);
    return step_done(q, st, _("saving a division"), err);
}

int jl_store_division_exists(jl_store *st, const char *id, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (prep(&q, st, "SELECT 1 FROM division WHERE id = ?", err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, id);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    return dberr(err, st, _("reading divisions"));
}

int jl_store_area_put(jl_store *st, const char *division, const char *code, const char *name,
                      const char *parent_code, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (prep(&q, st,
             "INSERT INTO area (division, code, name, parent_code) VALUES (?, ?, ?, ?) "
             "ON CONFLICT (division, code) DO UPDATE SET name = excluded.name, "
             "parent_code = excluded.parent_code",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, division);
    bind_text(q, 2, code);
    bind_text(q, 3, name);
    bind_text(q, 4, parent_code);
    return step_done(q, st, _("saving an area"), err);
}

int jl_store_area_list(jl_store *st, const char *division, jl_store_row_cb cb, void *ctx,
                       jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (prep(&q, st,
             "SELECT code, name, coalesce(parent_code, '') FROM area WHERE division = ? "
             "ORDER BY code",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, division);
    return rows(q, st, cb, ctx, err);
}

int jl_store_division_list(jl_store *st, jl_store_row_cb cb, void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (prep(&q, st,
             "SELECT d.id, d.name, coalesce(d.parent_division, ''), "
             "(SELECT count(*) FROM area a WHERE a.division = d.id) FROM division d ORDER BY d.id",
             err) < 0)
        return JL_ESTORE;
    return rows(q, st, cb, ctx, err);
}

/* ---- geography ---- */

int jl_store_division_replace(jl_store *st, const jl_store_division *d, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    char ts[32];
    int rc;

    now_iso(ts, sizeof ts);
    if (prep(&q, st,
             "INSERT INTO division (id, name, parent_division, version, valid_from, valid_to, "
             "source, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
             "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
             "parent_division = excluded.parent_division, version = excluded.version, "
             "valid_from = excluded.valid_from, valid_to = excluded.valid_to, "
             "source = excluded.source, imported_at = excluded.imported_at",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, d->id);
    bind_text(q, 2, d->name);
    bind_text(q, 3, d->parent);
    bind_text(q, 4, d->version);
    bind_text(q, 5, d->valid_from);
    bind_text(q, 6, d->valid_to);
    bind_text(q, 7, d->source);
    bind_text(q, 8, ts);
    rc = step_done(q, st, _("saving a division"), err);
    if (rc < 0)
        return rc;
    /* The old areas go, and every crosswalk computed from them. */
    if (prep(&q, st, "DELETE FROM crosswalk WHERE from_div = ?1 OR to_div = ?1", err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, d->id);
    rc = step_done(q, st, _("replacing crosswalks"), err);
    if (rc < 0)
        return rc;
    if (prep(&q, st, "DELETE FROM area WHERE division = ?", err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, d->id);
    return step_done(q, st, _("replacing areas"), err);
}

int jl_store_area_geom_put(jl_store *st, const char *division, const char *code,
                           const jl_store_geom *g, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (prep(&q, st,
             "INSERT INTO area_geom (division, code, wkb, area_m2, ipt_lon, ipt_lat, minx, miny, "
             "maxx, maxy, repaired) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, division);
    bind_text(q, 2, code);
    sqlite3_bind_blob(q, 3, g->wkb, (int)g->wkb_len, SQLITE_STATIC);
    sqlite3_bind_double(q, 4, g->area_m2);
    sqlite3_bind_double(q, 5, g->ipt_lon);
    sqlite3_bind_double(q, 6, g->ipt_lat);
    sqlite3_bind_double(q, 7, g->env[0]);
    sqlite3_bind_double(q, 8, g->env[1]);
    sqlite3_bind_double(q, 9, g->env[2]);
    sqlite3_bind_double(q, 10, g->env[3]);
    bind_text(q, 11, g->repaired);
    return step_done(q, st, _("saving an area's geometry"), err);
}

int jl_store_area_geom_each(jl_store *st, const char *division, jl_store_geom_cb cb, void *ctx,
                            jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (prep(&q, st,
             "SELECT code, wkb, area_m2, ipt_lon, ipt_lat, minx, miny, maxx, maxy, repaired "
             "FROM area_geom WHERE division = ? ORDER BY code",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, division);
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
        return dberr(err, st, _("reading geometries"));
    return JL_OK;
}

int jl_store_division_info(jl_store *st, jl_store_row_cb cb, void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (prep(&q, st,
             "SELECT d.id, d.name, coalesce(d.version, ''), coalesce(d.parent_division, ''), "
             "(SELECT count(*) FROM area a WHERE a.division = d.id), "
             "(SELECT count(*) FROM area_geom g WHERE g.division = d.id), "
             "coalesce(d.valid_from, ''), coalesce(d.valid_to, ''), coalesce(d.source, '') "
             "FROM division d ORDER BY d.id",
             err) < 0)
        return JL_ESTORE;
    return rows(q, st, cb, ctx, err);
}

int jl_store_area_rows(jl_store *st, const char *division, const char *code, jl_store_row_cb cb,
                       void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (prep(&q, st,
             "SELECT a.code, a.name, coalesce(a.parent_code, ''), g.area_m2, g.ipt_lon, "
             "g.ipt_lat, coalesce(g.repaired, '') FROM area a LEFT JOIN area_geom g "
             "ON g.division = a.division AND g.code = a.code "
             "WHERE a.division = ?1 AND (?2 IS NULL OR a.code = ?2) ORDER BY a.code",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, division);
    bind_text(q, 2, code);
    return rows(q, st, cb, ctx, err);
}

int jl_store_crosswalk_clear(jl_store *st, const char *from, const char *to, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (prep(&q, st, "DELETE FROM crosswalk WHERE from_div = ? AND to_div = ?", err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, from);
    bind_text(q, 2, to);
    return step_done(q, st, _("replacing crosswalks"), err);
}

int jl_store_crosswalk_put(jl_store *st, const char *from, const char *to, const char *from_code,
                           const char *to_code, double weight, const char *method,
                           const char *source, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (prep(&q, st,
             "INSERT INTO crosswalk (from_div, to_div, from_code, to_code, weight, method, "
             "source) VALUES (?, ?, ?, ?, ?, ?, ?)",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, from);
    bind_text(q, 2, to);
    bind_text(q, 3, from_code);
    bind_text(q, 4, to_code);
    sqlite3_bind_double(q, 5, weight);
    bind_text(q, 6, method);
    bind_text(q, 7, source);
    return step_done(q, st, _("saving a crosswalk"), err);
}

int jl_store_crosswalk_list(jl_store *st, const char *from, const char *to, jl_store_row_cb cb,
                            void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (prep(&q, st,
             "SELECT from_code, to_code, weight, method, source FROM crosswalk "
             "WHERE from_div = ? AND to_div = ? ORDER BY from_code, weight DESC, to_code",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, from);
    bind_text(q, 2, to);
    return rows(q, st, cb, ctx, err);
}

int jl_store_group_put(jl_store *st, const char *name, const char *division,
                       const char *const *codes, size_t n, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    char ts[32];
    size_t i;
    int rc;

    now_iso(ts, sizeof ts);
    if (prep(&q, st, "DELETE FROM area_group WHERE name = ?", err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, name);
    if ((rc = step_done(q, st, _("saving a group"), err)) < 0)
        return rc;
    if (prep(&q, st, "INSERT INTO area_group (name, division, created_at) VALUES (?, ?, ?)",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, name);
    bind_text(q, 2, division);
    bind_text(q, 3, ts);
    if ((rc = step_done(q, st, _("saving a group"), err)) < 0)
        return rc;
    for (i = 0; i < n; i++) {
        if (prep(&q, st, "INSERT OR IGNORE INTO area_group_member (grp, code) VALUES (?, ?)",
                 err) < 0)
            return JL_ESTORE;
        bind_text(q, 1, name);
        bind_text(q, 2, codes[i]);
        if ((rc = step_done(q, st, _("saving a group"), err)) < 0)
            return rc;
    }
    return JL_OK;
}

int jl_store_group_list(jl_store *st, jl_store_row_cb cb, void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (prep(&q, st,
             "SELECT g.name, g.division, count(m.code), coalesce(group_concat(m.code, ' '), '') "
             "FROM area_group g LEFT JOIN area_group_member m ON m.grp = g.name "
             "GROUP BY g.name ORDER BY g.name",
             err) < 0)
        return JL_ESTORE;
    return rows(q, st, cb, ctx, err);
}

/* ---- indicators ---- */

int jl_store_indicator_put(jl_store *st, const jl_store_indicator *d, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    char ts[32];

    now_iso(ts, sizeof ts);
    if (prep(&q, st,
             "INSERT INTO indicator (id, name, name_en, unit, kind, better, formula, theme, goal, "
             "source, licence, note, defined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
             "ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, "
             "unit = excluded.unit, kind = excluded.kind, better = excluded.better, "
             "formula = excluded.formula, theme = excluded.theme, goal = excluded.goal, "
             "source = excluded.source, licence = excluded.licence, note = excluded.note, "
             "defined_at = excluded.defined_at",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, d->id);
    bind_text(q, 2, d->name);
    bind_text(q, 3, d->name_en);
    bind_text(q, 4, d->unit);
    bind_text(q, 5, d->kind);
    bind_text(q, 6, d->better);
    bind_text(q, 7, d->formula);
    bind_text(q, 8, d->theme);
    bind_text(q, 9, d->goal);
    bind_text(q, 10, d->source);
    bind_text(q, 11, d->licence);
    bind_text(q, 12, d->note);
    bind_text(q, 13, ts);
    return step_done(q, st, _("saving an indicator"), err);
}

int jl_store_indicator_list(jl_store *st, const char *id, jl_store_row_cb cb, void *ctx,
                            jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (prep(&q, st,
             "SELECT i.id, i.name, coalesce(i.name_en, ''), i.unit, i.kind, i.better, "
             "coalesce(i.formula, ''), coalesce(i.theme, ''), coalesce(i.goal, ''), i.source, "
             "coalesce(i.licence, ''), coalesce(i.note, ''), "
             "(SELECT count(*) FROM observation o WHERE o.indicator = i.id) "
             "FROM indicator i WHERE ?1 IS NULL OR i.id = ?1 ORDER BY i.id",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, id);
    return rows(q, st, cb, ctx, err);
}

/* The number of source path, added when new. */
static int source_id(sqlite3_int64 *id, jl_store *st, const char *path, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    char ts[32];
    int rc;

    now_iso(ts, sizeof ts);
    if (prep(&q, st,
             "INSERT INTO obs_source (path, imported_at) VALUES (?1, ?2) "
             "ON CONFLICT (path) DO UPDATE SET imported_at = excluded.imported_at",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, path);
    bind_text(q, 2, ts);
    rc = step_done(q, st, _("saving observations"), err);
    if (rc < 0)
        return rc;
    if (prep(&q, st, "SELECT id FROM obs_source WHERE path = ?", err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, path);
    if (sqlite3_step(q) != SQLITE_ROW) {
        sqlite3_finalize(q);
        return dberr(err, st, _("saving observations"));
    }
    *id = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return JL_OK;
}

static int indicator_defined(jl_store *st, const char *id, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (prep(&q, st, "SELECT 1 FROM indicator WHERE id = ?", err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, id);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW)
        return JL_OK;
    if (rc == SQLITE_DONE)
        return jl_err_set(err, JL_EINPUT, _("expected a defined indicator, found \"%s\""), id);
    return dberr(err, st, _("saving observations"));
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
    if (prep(&q, st,
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
            return dberr(err, st, _("saving observations"));
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

    if (prep(&q, st,
             "SELECT o.area, o.period, o.breakdown, o.value, o.status, s.path "
             "FROM observation o JOIN obs_source s ON s.id = o.source "
             "WHERE o.indicator = ? AND o.division = ? AND o.sex = ? AND o.breakdown = ? "
             "ORDER BY o.area, o.period",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, indicator);
    bind_text(q, 2, division);
    bind_text(q, 3, sex);
    bind_text(q, 4, breakdown ? breakdown : "");
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
        return dberr(err, st, _("reading observations"));
    return JL_OK;
}

/* Divisions that hold observations of indicator, most first. */
int jl_store_observation_divisions(jl_store *st, const char *indicator, jl_store_row_cb cb,
                                   void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (prep(&q, st,
             "SELECT division, count(*) FROM observation WHERE indicator = ? GROUP BY division "
             "ORDER BY count(*) DESC, division",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, indicator);
    return rows(q, st, cb, ctx, err);
}

/* ---- waves ---- */

int jl_store_wave_put(long *id, jl_store *st, const jl_wave_info *w, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    char ts[32];
    int rc;

    now_iso(ts, sizeof ts);
    if (prep(&q, st,
             "INSERT INTO wave (instrument, name, date, divisions, synthetic, source, "
             "imported_at, n_read, n_excluded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, w->instrument);
    bind_text(q, 2, w->name);
    bind_text(q, 3, w->date);
    bind_text(q, 4, w->divisions);
    sqlite3_bind_int(q, 5, w->synthetic);
    bind_text(q, 6, w->source);
    bind_text(q, 7, ts);
    sqlite3_bind_int64(q, 8, w->n_read);
    sqlite3_bind_int64(q, 9, w->n_excluded);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        if ((rc & 0xff) == SQLITE_CONSTRAINT)
            return jl_err_set(err, JL_EEXISTS,
                              _("instrument %s already has a wave named \"%s\""), w->instrument,
                              w->name);
        return dberr(err, st, _("saving the wave"));
    }
    *id = (long)sqlite3_last_insert_rowid(st->db);
    return JL_OK;
}

static void copy(char *dst, size_t len, const unsigned char *s)
{
    snprintf(dst, len, "%s", s ? (const char *)s : "");
}

#define WAVE_COLS                                                                              \
    "w.id, w.instrument, w.name, w.date, w.divisions, w.synthetic, w.source, w.n_read, "       \
    "w.n_excluded, (SELECT count(*) FROM respondent r WHERE r.wave = w.id AND r.excluded IS "  \
    "NULL)"

static void wave_row(jl_wave_info *out, sqlite3_stmt *q)
{
    memset(out, 0, sizeof *out);
    out->id = (long)sqlite3_column_int64(q, 0);
    copy(out->instrument, sizeof out->instrument, sqlite3_column_text(q, 1));
    copy(out->name, sizeof out->name, sqlite3_column_text(q, 2));
    copy(out->date, sizeof out->date, sqlite3_column_text(q, 3));
    copy(out->divisions, sizeof out->divisions, sqlite3_column_text(q, 4));
    out->synthetic = sqlite3_column_int(q, 5);
    copy(out->source, sizeof out->source, sqlite3_column_text(q, 6));
    out->n_read = (long)sqlite3_column_int64(q, 7);
    out->n_excluded = (long)sqlite3_column_int64(q, 8);
    out->n = (long)sqlite3_column_int64(q, 9);
}

int jl_store_wave_find(jl_wave_info *out, jl_store *st, const char *name, const char *instrument,
                       jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc, found = 0;

    if (prep(&q, st,
             "SELECT " WAVE_COLS " FROM wave w WHERE w.name = ? AND (?2 IS NULL OR "
             "w.instrument = ?2) ORDER BY w.instrument",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, name);
    bind_text(q, 2, instrument);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (found++) {
            sqlite3_finalize(q);
            return jl_err_set(err, JL_EINPUT,
                              _("several instruments have a wave named \"%s\": add --instrument "
                                "ID"),
                              name);
        }
        wave_row(out, q);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return dberr(err, st, _("reading waves"));
    if (!found)
        return jl_err_set(err, JL_ENOTFOUND,
                          instrument ? _("no wave named \"%s\" for this instrument")
                                     : _("no wave named \"%s\": see \"jamlik survey list\""),
                          name);
    return JL_OK;
}

int jl_store_wave_previous(jl_wave_info *out, jl_store *st, const jl_wave_info *w, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (prep(&q, st,
             "SELECT " WAVE_COLS " FROM wave w WHERE w.instrument = ? AND "
             "(w.date < ? OR (w.date = ? AND w.id < ?)) ORDER BY w.date DESC, w.id DESC LIMIT 1",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, w->instrument);
    bind_text(q, 2, w->date);
    bind_text(q, 3, w->date);
    sqlite3_bind_int64(q, 4, w->id);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        wave_row(out, q);
        sqlite3_finalize(q);
        return JL_OK;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return dberr(err, st, _("reading waves"));
    return JL_ENOTFOUND;
}

int jl_store_wave_list(jl_store *st, jl_store_row_cb cb, void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (prep(&q, st,
             "SELECT w.instrument, w.name, w.date, (SELECT count(*) FROM respondent r WHERE "
             "r.wave = w.id AND r.excluded IS NULL), w.n_excluded, w.synthetic, w.source "
             "FROM wave w ORDER BY w.instrument, w.date, w.id",
             err) < 0)
        return JL_ESTORE;
    return rows(q, st, cb, ctx, err);
}

int jl_store_wave_screen_put(jl_store *st, long wave, const char *screen, long n, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (prep(&q, st, "INSERT INTO wave_screen (wave, screen, n) VALUES (?, ?, ?)", err) < 0)
        return JL_ESTORE;
    sqlite3_bind_int64(q, 1, wave);
    bind_text(q, 2, screen);
    sqlite3_bind_int64(q, 3, n);
    return step_done(q, st, _("saving the screen counts"), err);
}

/* ---- respondents ---- */

int jl_store_respondents_put(jl_store *st, long wave, const jl_respondents *r, size_t from,
                             size_t to, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    char *areas = NULL;
    size_t cap = 0, i, d;
    int rc = JL_OK;

    if (prep(&q, st,
             "INSERT INTO respondent (wave, seq, ext_id, school, grade, sex, areas, answers, "
             "excluded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
             err) < 0)
        return JL_ESTORE;
    for (i = from; i < to; i++) {
        size_t len = 0;

        for (d = 0; d < r->ndiv; d++) {
            const char *a = r->areas[i * r->ndiv + d];
            size_t al = strlen(a);

            areas = jl_xgrow(areas, &cap, len + al + 2, 1);
            if (d)
                areas[len++] = '\t';
            memcpy(areas + len, a, al);
            len += al;
        }
        areas = jl_xgrow(areas, &cap, len + 1, 1);
        areas[len] = '\0';
        sqlite3_bind_int64(q, 1, wave);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
        sqlite3_bind_text(q, 3, r->ext_id[i], -1, SQLITE_STATIC);
        bind_text(q, 4, r->school ? r->school[i] : NULL);
        if (r->grade[i] < 0)
            sqlite3_bind_null(q, 5);
        else
            sqlite3_bind_int(q, 5, r->grade[i]);
        if (r->sex[i] < 0)
            sqlite3_bind_null(q, 6);
        else
            sqlite3_bind_int(q, 6, r->sex[i]);
        sqlite3_bind_text(q, 7, areas, (int)len, SQLITE_STATIC);
        sqlite3_bind_blob(q, 8, r->answers + i * r->nitems, (int)r->nitems, SQLITE_STATIC);
        bind_text(q, 9, r->excluded ? r->excluded[i] : NULL);
        if (sqlite3_step(q) != SQLITE_DONE) {
            rc = dberr(err, st, _("saving respondents"));
            break;
        }
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    jl_free(areas);
    return rc;
}

/* A simple bump block for the loaded strings: one allocation per load. */
typedef struct sblock {
    struct sblock *next;
    size_t used, size;
    char data[];
} sblock;

static void sblock_free(void *block)
{
    sblock *b = block, *next;

    for (; b; b = next) {
        next = b->next;
        jl_free(b);
    }
}

static char *sdup(sblock **head, const char *s, size_t len)
{
    sblock *b = *head;
    char *p;

    if (!b || b->size - b->used < len + 1) {
        size_t size = len + 1 > (1u << 20) ? len + 1 : (1u << 20);

        b = jl_xmalloc(sizeof *b + size);
        b->size = size;
        b->used = 0;
        b->next = *head;
        *head = b;
    }
    p = b->data + b->used;
    memcpy(p, s, len);
    p[len] = '\0';
    b->used += len + 1;
    return p;
}

int jl_store_respondents_load(jl_respondents *out, jl_store *st, const jl_wave_info *w,
                              size_t nitems, int with_excluded, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    size_t cap = 0, n = 0, ndiv = 0, d;
    sblock *blk = NULL;
    int rc;
    const char *p;
    char **prev = NULL; /* last area codes per division: consecutive respondents share them */

    memset(out, 0, sizeof *out);
    if (w->divisions[0]) {
        ndiv = 1;
        for (p = w->divisions; *p; p++)
            ndiv += *p == '\t';
    }
    out->nitems = nitems;
    out->ndiv = ndiv;
    if (prep(&q, st,
             with_excluded
                 ? "SELECT ext_id, school, grade, sex, areas, answers, excluded FROM respondent "
                   "WHERE wave = ? ORDER BY seq"
                 : "SELECT ext_id, school, grade, sex, areas, answers, excluded FROM respondent "
                   "WHERE wave = ? AND excluded IS NULL ORDER BY seq",
             err) < 0)
        return JL_ESTORE;
    sqlite3_bind_int64(q, 1, w->id);
    prev = jl_xcalloc(ndiv ? ndiv : 1, sizeof *prev);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const unsigned char *t;
        const void *blob;
        size_t len;

        if (n == cap) {
            size_t nc = cap ? cap * 2 : 1024;

            out->ext_id = jl_xrealloc(out->ext_id, nc * sizeof(char *));
            out->school = jl_xrealloc(out->school, nc * sizeof(char *));
            out->grade = jl_xrealloc(out->grade, nc);
            out->sex = jl_xrealloc(out->sex, nc);
            out->areas = jl_xrealloc(out->areas, nc * (ndiv ? ndiv : 1) * sizeof(char *));
            out->answers = jl_xrealloc(out->answers, nc * (nitems ? nitems : 1));
            out->excluded = jl_xrealloc(out->excluded, nc * sizeof(char *));
            cap = nc;
        }
        t = sqlite3_column_text(q, 0);
        out->ext_id[n] = sdup(&blk, (const char *)t, (size_t)sqlite3_column_bytes(q, 0));
        t = sqlite3_column_text(q, 1);
        out->school[n] = t ? sdup(&blk, (const char *)t, (size_t)sqlite3_column_bytes(q, 1)) : NULL;
        out->grade[n] = sqlite3_column_type(q, 2) == SQLITE_NULL
                            ? -1
                            : (int8_t)sqlite3_column_int(q, 2);
        out->sex[n] = sqlite3_column_type(q, 3) == SQLITE_NULL ? -1
                                                               : (int8_t)sqlite3_column_int(q, 3);
        t = sqlite3_column_text(q, 4);
        p = t ? (const char *)t : "";
        for (d = 0; d < ndiv; d++) {
            const char *tab = strchr(p, '\t');
            size_t al = tab ? (size_t)(tab - p) : strlen(p);

            if (prev[d] && strlen(prev[d]) == al && !memcmp(prev[d], p, al))
                out->areas[n * ndiv + d] = prev[d];
            else
                out->areas[n * ndiv + d] = prev[d] = sdup(&blk, p, al);
            p = tab ? tab + 1 : p + al;
        }
        blob = sqlite3_column_blob(q, 5);
        len = (size_t)sqlite3_column_bytes(q, 5);
        if (len != nitems) {
            rc = SQLITE_CORRUPT;
            break;
        }
        if (nitems)
            memcpy(out->answers + n * nitems, blob, nitems);
        t = sqlite3_column_text(q, 6);
        out->excluded[n] = t ? sdup(&blk, (const char *)t, (size_t)sqlite3_column_bytes(q, 6)) : NULL;
        n++;
    }
    sqlite3_finalize(q);
    jl_free(prev);
    out->n = n;
    out->block = blk;
    out->free_block = sblock_free;
    if (rc == SQLITE_CORRUPT) {
        jl_respondents_dispose(out);
        return jl_err_set(err, JL_ESTORE,
                          _("stored answers do not match the instrument's %zu items: was the "
                            "instrument changed after the wave was imported?"),
                          nitems);
    }
    if (rc != SQLITE_DONE) {
        jl_respondents_dispose(out);
        return dberr(err, st, _("loading respondents"));
    }
    return JL_OK;
}

void jl_respondents_dispose(jl_respondents *r)
{
    if (r->block && r->free_block)
        r->free_block(r->block);
    jl_free(r->ext_id);
    jl_free(r->school);
    jl_free(r->grade);
    jl_free(r->sex);
    jl_free(r->areas);
    jl_free(r->answers);
    jl_free(r->excluded);
    memset(r, 0, sizeof *r);
}

/* ---- cut-offs ---- */

int jl_store_cutoff_put(jl_store *st, const char *instrument, const char *cutset,
                        const jl_store_cutoff *c, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    char ts[32];

    now_iso(ts, sizeof ts);
    if (prep(&q, st,
             "INSERT INTO cutoff (instrument, cutset, scale, name, value, headline, label, "
             "source, norm_pct, norm_source, norm_version, created_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, instrument);
    bind_text(q, 2, cutset);
    bind_text(q, 3, c->scale);
    bind_text(q, 4, c->name);
    sqlite3_bind_double(q, 5, c->value);
    sqlite3_bind_int(q, 6, c->headline);
    bind_text(q, 7, c->label);
    bind_text(q, 8, c->source);
    if (isnan(c->norm_pct))
        sqlite3_bind_null(q, 9);
    else
        sqlite3_bind_double(q, 9, c->norm_pct);
    bind_text(q, 10, c->norm_source);
    bind_text(q, 11, c->norm_version);
    bind_text(q, 12, ts);
    return step_done(q, st, _("saving a cut-off"), err);
}

int jl_store_cutoff_delete_set(jl_store *st, const char *instrument, const char *cutset,
                               jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (prep(&q, st, "DELETE FROM cutoff WHERE instrument = ? AND cutset = ?", err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, instrument);
    bind_text(q, 2, cutset);
    return step_done(q, st, _("replacing cut-offs"), err);
}

int jl_store_cutoff_list(jl_store *st, const char *instrument, const char *cutset,
                         jl_store_row_cb cb, void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (prep(&q, st,
             "SELECT scale, name, value, headline, coalesce(label, ''), source, "
             "norm_pct, coalesce(norm_source, ''), "
             "coalesce(norm_version, '') FROM cutoff WHERE instrument = ? AND cutset = ? "
             "ORDER BY scale, value",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, instrument);
    bind_text(q, 2, cutset);
    return rows(q, st, cb, ctx, err);
}

int jl_store_cutset_list(jl_store *st, const char *instrument, jl_store_row_cb cb, void *ctx,
                         jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (prep(&q, st,
             "SELECT cutset, max(created_at) FROM cutoff WHERE instrument = ? GROUP BY cutset "
             "ORDER BY max(created_at) DESC, cutset",
             err) < 0)
        return JL_ESTORE;
    bind_text(q, 1, instrument);
    return rows(q, st, cb, ctx, err);
}
