/*
 * What the SQLite driver's files share, and nothing outside src/store/
 * sees: the handle, and one way to prepare, bind, step and read rows, so
 * that each aggregate's file (store_survey.c, store_geo.c,
 * store_indicator.c) holds only its own SQL.
 */
#ifndef JL_STORE_SQL_H
#define JL_STORE_SQL_H

#include <sqlite3.h>
#include <stddef.h>

#include "store/store.h"

struct jl_store {
    sqlite3 *db;
    int version;
    int in_tx;
};

/* JL_ESTORE with SQLite's message for what was being done. */
int jl_sql_dberr(jl_err *err, jl_store *st, const char *what);
/* Runs sql (no rows). */
int jl_sql_exec(jl_store *st, const char *sql, const char *what, jl_err *err);
/* Now as ISO 8601 UTC, for the imported_at columns. */
void jl_sql_now_iso(char *buf, size_t len);
int jl_sql_prep(sqlite3_stmt **q, jl_store *st, const char *sql, jl_err *err);
/* Binds s, or NULL for a NULL pointer. */
void jl_sql_bind_text(sqlite3_stmt *q, int i, const char *s);
/* Steps q once, expecting no row, and finalizes it; a constraint is
 * JL_EEXISTS. */
int jl_sql_step_done(sqlite3_stmt *q, jl_store *st, const char *what, jl_err *err);
/* Column i of the row q stands on as text: "" for NULL. */
const char *jl_sql_text(sqlite3_stmt *q, int i);

/* Steps q to its end calling row(q, ctx) at each row, then finalizes it.
 * With one, no row at all is JL_ENOTFOUND (the caller words it). */
int jl_sql_each(sqlite3_stmt *q, jl_store *st, int one, void (*row)(sqlite3_stmt *q, void *ctx),
                void *ctx, jl_err *err);

#endif
