/*
 * The SQLite driver of store.h: opening, identifying and upgrading a
 * database, transactions, and the helpers the aggregates' files share
 * (store/sql.h). Only src/store/ has SQL in it.
 */
#include "store/sql.h"
#include "core/alloc.h"
#include "core/i18n.h"

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


int jl_sql_dberr(jl_err *err, jl_store *st, const char *what)
{
    return jl_err_set(err, JL_ESTORE, _("database error while %s: %s"), what,
                      st && st->db ? sqlite3_errmsg(st->db) : "?");
}

int jl_sql_exec(jl_store *st, const char *sql, const char *what, jl_err *err)
{
    char *msg = NULL;

    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        jl_err_set(err, JL_ESTORE, _("database error while %s: %s"), what, msg ? msg : "?");
        sqlite3_free(msg);
        return JL_ESTORE;
    }
    return JL_OK;
}

void jl_sql_now_iso(char *buf, size_t len)
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
    if (jl_sql_exec(st, "BEGIN IMMEDIATE", _("upgrading the schema"), err) < 0)
        return JL_ESTORE;
    if (version == 0 &&
        jl_sql_exec(st, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);"
                 "DELETE FROM schema_version; INSERT INTO schema_version VALUES (0);",
             _("upgrading the schema"), err) < 0)
        goto fail;
    for (i = 0; i < jl_migrations_n; i++) {
        char sql[64];

        if (jl_migrations[i].version <= version)
            continue;
        if (jl_sql_exec(st, jl_migrations[i].sql, jl_migrations[i].name, err) < 0)
            goto fail;
        snprintf(sql, sizeof sql, "UPDATE schema_version SET version = %d",
                 jl_migrations[i].version);
        if (jl_sql_exec(st, sql, _("upgrading the schema"), err) < 0)
            goto fail;
        version = jl_migrations[i].version;
    }
    if (jl_sql_exec(st, "COMMIT", _("upgrading the schema"), err) < 0)
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
            jl_err_at(err, JL_EINPUT, path, 0, 0, _("expected a database file, found a folder"));
            jl_err_hint(err, JL_HINT_DB_IN_FOLDER);
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
        if (!(flags & JL_STORE_CREATE) && rc == SQLITE_CANTOPEN) {
            jl_err_at(err, JL_ENOTFOUND, path, 0, 0, _("no database here"));
            jl_err_hint(err, JL_HINT_INIT_OR_DB);
        } else
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
                  _("expected a jamlik database, found an empty file"));
        jl_err_hint(err, JL_HINT_INIT);
        goto fail;
    }
    /* A 64 MiB page cache: imports of a million rows are one transaction,
     * and a small cache spills pages to the WAL over and over. */
    if (jl_sql_exec(st, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536",
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
        if (!wal && jl_sql_exec(st, "PRAGMA journal_mode = WAL", _("opening the database"), err) < 0)
            goto fail;
        if (jl_sql_exec(st, "PRAGMA synchronous = FULL", _("opening the database"), err) < 0)
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

int jl_store_data_version(jl_store *st, long *out, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    *out = 0;
    if (jl_sql_prep(&q, st, "PRAGMA user_version", err) < 0)
        return JL_ESTORE;
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *out = (long)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW)
        return jl_sql_dberr(err, st, _("reading"));
    return JL_OK;
}

int jl_store_begin(jl_store *st, jl_err *err)
{
    if (jl_sql_exec(st, "BEGIN IMMEDIATE", _("starting a transaction"), err) < 0)
        return JL_ESTORE;
    st->in_tx = 1;
    return JL_OK;
}

/* Raises the data version (store.h) inside the open transaction, so that
 * it moves exactly when the commit does. */
static int bump_data_version(jl_store *st, jl_err *err)
{
    char sql[64];
    long v = 0;

    if (jl_store_data_version(st, &v, err) < 0)
        return JL_ESTORE;
    /* user_version is a signed 32-bit field: wrap before it overflows. */
    snprintf(sql, sizeof sql, "PRAGMA user_version = %ld", v >= 2147483647L ? 1L : v + 1);
    return jl_sql_exec(st, sql, _("committing"), err);
}

int jl_store_commit(jl_store *st, jl_err *err)
{
    if (bump_data_version(st, err) < 0) {
        jl_store_rollback(st);
        return JL_ESTORE;
    }
    if (jl_sql_exec(st, "COMMIT", _("committing"), err) < 0) {
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

int jl_sql_prep(sqlite3_stmt **q, jl_store *st, const char *sql, jl_err *err)
{
    if (sqlite3_prepare_v2(st->db, sql, -1, q, NULL) != SQLITE_OK)
        return jl_sql_dberr(err, st, _("preparing a query"));
    return JL_OK;
}

void jl_sql_bind_text(sqlite3_stmt *q, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(q, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(q, i);
}

int jl_sql_step_done(sqlite3_stmt *q, jl_store *st, const char *what, jl_err *err)
{
    int rc = sqlite3_step(q);

    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        if ((rc & 0xff) == SQLITE_CONSTRAINT)
            return jl_err_set(err, JL_EEXISTS, _("%s: %s"), what, sqlite3_errmsg(st->db));
        return jl_sql_dberr(err, st, what);
    }
    return JL_OK;
}

const char *jl_sql_text(sqlite3_stmt *q, int i)
{
    const unsigned char *t = sqlite3_column_text(q, i);

    return t ? (const char *)t : "";
}

int jl_sql_each(sqlite3_stmt *q, jl_store *st, int one, void (*row)(sqlite3_stmt *q, void *ctx),
                void *ctx, jl_err *err)
{
    size_t found = 0;
    int rc;

    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        row(q, ctx);
        found++;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return jl_sql_dberr(err, st, _("reading"));
    return one && !found ? JL_ENOTFOUND : JL_OK;
}
