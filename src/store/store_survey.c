/*
 * The survey aggregate in SQLite: instruments, waves, respondents and
 * derived cut-offs.
 */
#include "store/sql.h"
#include "core/alloc.h"
#include "core/i18n.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- instruments ---- */

int jl_store_instrument_put(jl_store *st, const char *id, const char *name, const char *text,
                            jl_err *err)
{
    sqlite3_stmt *q = NULL;
    char ts[32];

    jl_sql_now_iso(ts, sizeof ts);
    if (jl_sql_prep(&q, st,
             "INSERT INTO instrument (id, name, source_text, imported_at) VALUES (?, ?, ?, ?) "
             "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
             "source_text = excluded.source_text, imported_at = excluded.imported_at",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, id);
    jl_sql_bind_text(q, 2, name);
    jl_sql_bind_text(q, 3, text);
    jl_sql_bind_text(q, 4, ts);
    return jl_sql_step_done(q, st, _("saving the instrument"), err);
}

int jl_store_instrument_text(char **text, jl_store *st, const char *id, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (jl_sql_prep(&q, st, "SELECT source_text FROM instrument WHERE id = ?", err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, id);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        *text = jl_xstrdup((const char *)sqlite3_column_text(q, 0));
        sqlite3_finalize(q);
        return JL_OK;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return jl_sql_dberr(err, st, _("reading the instrument"));
    jl_err_set(err, JL_ENOTFOUND, _("no instrument \"%s\" in the database"), id);
    return jl_err_hint(err, JL_HINT_INSTRUMENT_IMPORT);
}

long jl_store_instrument_waves(jl_store *st, const char *id, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    long n;

    if (jl_sql_prep(&q, st, "SELECT count(*) FROM wave WHERE instrument = ?", err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, id);
    if (sqlite3_step(q) != SQLITE_ROW) {
        sqlite3_finalize(q);
        return jl_sql_dberr(err, st, _("counting the waves"));
    }
    n = (long)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return n;
}

/* A text column, NULL for NULL. */
static const char *col_or_null(sqlite3_stmt *q, int i)
{
    return (const char *)sqlite3_column_text(q, i);
}

int jl_store_instrument_list(jl_store *st, jl_store_instrument_cb cb, void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (jl_sql_prep(&q, st,
             "SELECT i.id, i.name, i.imported_at, "
             "(SELECT count(*) FROM wave w WHERE w.instrument = i.id) FROM instrument i "
             "ORDER BY i.id",
             err) < 0)
        return JL_ESTORE;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        jl_store_instrument_row r;

        r.id = jl_sql_text(q, 0);
        r.name = jl_sql_text(q, 1);
        r.imported_at = jl_sql_text(q, 2);
        r.nwaves = (long)sqlite3_column_int64(q, 3);
        cb(ctx, &r);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? JL_OK : jl_sql_dberr(err, st, _("reading"));
}

/* ---- waves ---- */

int jl_store_wave_put(long *id, jl_store *st, const jl_wave_info *w, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    char ts[32];
    int rc;

    jl_sql_now_iso(ts, sizeof ts);
    /* The wave's revision: one more than any wave of this name had,
     * replaced or deleted (wave_revision is never cleared). */
    if (jl_sql_prep(&q, st,
             "INSERT INTO wave_revision (instrument, name, revision) VALUES (?1, ?2, 1) "
             "ON CONFLICT (instrument, name) DO UPDATE SET revision = revision + 1",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, w->instrument);
    jl_sql_bind_text(q, 2, w->name);
    rc = jl_sql_step_done(q, st, _("saving the wave"), err);
    if (rc < 0)
        return rc;
    if (jl_sql_prep(&q, st,
             "INSERT INTO wave (instrument, name, date, divisions, synthetic, source, "
             "imported_at, n_read, n_excluded, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
             "(SELECT revision FROM wave_revision WHERE instrument = ?1 AND name = ?2))",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, w->instrument);
    jl_sql_bind_text(q, 2, w->name);
    jl_sql_bind_text(q, 3, w->date);
    jl_sql_bind_text(q, 4, w->divisions);
    sqlite3_bind_int(q, 5, w->synthetic);
    jl_sql_bind_text(q, 6, w->source);
    jl_sql_bind_text(q, 7, ts);
    sqlite3_bind_int64(q, 8, w->n_read);
    sqlite3_bind_int64(q, 9, w->n_excluded);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        if ((rc & 0xff) == SQLITE_CONSTRAINT) {
            jl_err_set(err, JL_EEXISTS, _("instrument %s already has a wave named \"%s\""),
                       w->instrument, w->name);
            return jl_err_hint(err, JL_HINT_WAVE_REPLACE);
        }
        return jl_sql_dberr(err, st, _("saving the wave"));
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
    "NULL), w.revision"

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
    out->revision = (long)sqlite3_column_int64(q, 10);
}

int jl_store_wave_find(jl_wave_info *out, jl_store *st, const char *name, const char *instrument,
                       jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc, found = 0;

    if (jl_sql_prep(&q, st,
             "SELECT " WAVE_COLS " FROM wave w WHERE w.name = ? AND (?2 IS NULL OR "
             "w.instrument = ?2) ORDER BY w.instrument",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, name);
    jl_sql_bind_text(q, 2, instrument);
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
        return jl_sql_dberr(err, st, _("reading waves"));
    if (!found && instrument)
        return jl_err_set(err, JL_ENOTFOUND, _("no wave named \"%s\" for this instrument"), name);
    if (!found) {
        jl_err_set(err, JL_ENOTFOUND, _("no wave named \"%s\""), name);
        return jl_err_hint(err, JL_HINT_SURVEY_LIST);
    }
    return JL_OK;
}

int jl_store_wave_previous(jl_wave_info *out, jl_store *st, const jl_wave_info *w, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (jl_sql_prep(&q, st,
             "SELECT " WAVE_COLS " FROM wave w WHERE w.instrument = ? AND "
             "(w.date < ? OR (w.date = ? AND w.id < ?)) ORDER BY w.date DESC, w.id DESC LIMIT 1",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, w->instrument);
    jl_sql_bind_text(q, 2, w->date);
    jl_sql_bind_text(q, 3, w->date);
    sqlite3_bind_int64(q, 4, w->id);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        wave_row(out, q);
        sqlite3_finalize(q);
        return JL_OK;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return jl_sql_dberr(err, st, _("reading waves"));
    return JL_ENOTFOUND;
}

int jl_store_wave_list(jl_store *st, jl_store_wave_cb cb, void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (jl_sql_prep(&q, st,
             "SELECT " WAVE_COLS " FROM wave w ORDER BY w.instrument, w.date, w.id", err) < 0)
        return JL_ESTORE;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        jl_wave_info w;

        wave_row(&w, q);
        cb(ctx, &w);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? JL_OK : jl_sql_dberr(err, st, _("reading waves"));
}

int jl_store_wave_delete(jl_store *st, long wave, jl_err *err)
{
    static const char *const sql[] = {"DELETE FROM wave_screen WHERE wave = ?",
                                      "DELETE FROM respondent WHERE wave = ?",
                                      "DELETE FROM wave WHERE id = ?"};
    size_t i;
    int rc = JL_OK;

    for (i = 0; i < 3 && rc == JL_OK; i++) {
        sqlite3_stmt *q = NULL;

        if (jl_sql_prep(&q, st, sql[i], err) < 0)
            return JL_ESTORE;
        sqlite3_bind_int64(q, 1, wave);
        rc = jl_sql_step_done(q, st, _("deleting the wave"), err);
    }
    return rc;
}

/* The old revision's respondents, kept aside while a replace deletes
 * them: only what a release can tell apart (area codes, grade, sex,
 * answers), of those not excluded. */
int jl_store_wave_keep_old(jl_store *st, long wave, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc = jl_sql_exec(st,
                         "DROP TABLE IF EXISTS temp.old_respondent; "
                         "CREATE TEMP TABLE old_respondent (areas TEXT, grade INTEGER, "
                         "sex INTEGER, answers BLOB)",
                         _("keeping the old respondents"), err);

    if (rc < 0)
        return rc;
    if (jl_sql_prep(&q, st,
             "INSERT INTO temp.old_respondent SELECT areas, grade, sex, answers FROM "
             "respondent WHERE wave = ? AND excluded IS NULL",
             err) < 0)
        return JL_ESTORE;
    sqlite3_bind_int64(q, 1, wave);
    return jl_sql_step_done(q, st, _("keeping the old respondents"), err);
}

/* Respondents of one side not matched on the other, as multisets: a
 * respondent whose answers changed is one removed and one added. */
#define WAVE_DIFF                                                                              \
    "SELECT coalesce(sum(max(a.c - coalesce(b.c, 0), 0)), 0) FROM (SELECT areas, grade, sex, " \
    "answers, count(*) AS c FROM %s GROUP BY 1, 2, 3, 4) a LEFT JOIN (SELECT areas, grade, "   \
    "sex, answers, count(*) AS c FROM %s GROUP BY 1, 2, 3, 4) b ON a.areas = b.areas AND "     \
    "a.grade IS b.grade AND a.sex IS b.sex AND a.answers = b.answers"
#define NEW_ROWS "(SELECT * FROM respondent WHERE wave = ?1 AND excluded IS NULL)"

int jl_store_wave_change_put(jl_wave_change *out, jl_store *st, long wave, jl_err *err)
{
    char sql[1024];
    long v[2];
    int i, rc;
    sqlite3_stmt *q = NULL;

    for (i = 0; i < 2; i++) {
        snprintf(sql, sizeof sql, WAVE_DIFF, i ? "temp.old_respondent" : NEW_ROWS,
                 i ? NEW_ROWS : "temp.old_respondent");
        if (jl_sql_prep(&q, st, sql, err) < 0)
            return JL_ESTORE;
        sqlite3_bind_int64(q, 1, wave);
        rc = sqlite3_step(q);
        v[i] = rc == SQLITE_ROW ? (long)sqlite3_column_int64(q, 0) : 0;
        sqlite3_finalize(q);
        if (rc != SQLITE_ROW)
            return jl_sql_dberr(err, st, _("comparing the revisions"));
    }
    out->added = v[0];
    out->removed = v[1];
    if (jl_sql_prep(&q, st,
             "INSERT INTO wave_change (instrument, name, revision, added, removed) SELECT "
             "instrument, name, revision, ?2, ?3 FROM wave WHERE id = ?1 RETURNING revision",
             err) < 0)
        return JL_ESTORE;
    sqlite3_bind_int64(q, 1, wave);
    sqlite3_bind_int64(q, 2, out->added);
    sqlite3_bind_int64(q, 3, out->removed);
    rc = sqlite3_step(q);
    out->revision = rc == SQLITE_ROW ? (long)sqlite3_column_int64(q, 0) : 0;
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return jl_sql_dberr(err, st, _("saving what the correction changed"));
    if (out->revision == 0)
        return jl_err_set(err, JL_ESTORE, _("wave %ld is not in the database"), wave);
    return jl_sql_exec(st, "DROP TABLE temp.old_respondent", _("comparing the revisions"), err);
}

int jl_store_wave_changes(jl_wave_change **out, size_t *n, jl_store *st, const char *instrument,
                          const char *name, long upto, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    size_t cap = 0;
    int rc;

    *out = NULL;
    *n = 0;
    if (jl_sql_prep(&q, st,
             "SELECT revision, added, removed FROM wave_change WHERE instrument = ? AND "
             "name = ? AND revision <= ? ORDER BY revision",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, instrument);
    jl_sql_bind_text(q, 2, name);
    sqlite3_bind_int64(q, 3, upto);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        *out = jl_xgrow(*out, &cap, *n + 1, sizeof **out);
        (*out)[*n].revision = (long)sqlite3_column_int64(q, 0);
        (*out)[*n].added = (long)sqlite3_column_int64(q, 1);
        (*out)[(*n)++].removed = (long)sqlite3_column_int64(q, 2);
    }
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE)
        return JL_OK;
    jl_free(*out);
    *out = NULL;
    *n = 0;
    return jl_sql_dberr(err, st, _("reading what corrections changed"));
}

int jl_store_wave_screen_put(jl_store *st, long wave, const char *screen, long n, jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (jl_sql_prep(&q, st, "INSERT INTO wave_screen (wave, screen, n) VALUES (?, ?, ?)", err) < 0)
        return JL_ESTORE;
    sqlite3_bind_int64(q, 1, wave);
    jl_sql_bind_text(q, 2, screen);
    sqlite3_bind_int64(q, 3, n);
    return jl_sql_step_done(q, st, _("saving the screen counts"), err);
}

/* ---- respondents ---- */

int jl_store_respondents_put(jl_store *st, long wave, const jl_respondents *r, size_t from,
                             size_t to, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    char *areas = NULL;
    size_t cap = 0, i, d;
    int rc = JL_OK;

    if (jl_sql_prep(&q, st,
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
        jl_sql_bind_text(q, 4, r->school ? r->school[i] : NULL);
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
        jl_sql_bind_text(q, 9, r->excluded ? r->excluded[i] : NULL);
        if (sqlite3_step(q) != SQLITE_DONE) {
            rc = jl_sql_dberr(err, st, _("saving respondents"));
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
    if (jl_sql_prep(&q, st,
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
        return jl_sql_dberr(err, st, _("loading respondents"));
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

    jl_sql_now_iso(ts, sizeof ts);
    if (jl_sql_prep(&q, st,
             "INSERT INTO cutoff (instrument, cutset, scale, name, value, headline, label, "
             "source, norm_pct, norm_source, norm_version, created_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, instrument);
    jl_sql_bind_text(q, 2, cutset);
    jl_sql_bind_text(q, 3, c->scale);
    jl_sql_bind_text(q, 4, c->name);
    sqlite3_bind_double(q, 5, c->value);
    sqlite3_bind_int(q, 6, c->headline);
    jl_sql_bind_text(q, 7, c->label);
    jl_sql_bind_text(q, 8, c->source);
    if (isnan(c->norm_pct))
        sqlite3_bind_null(q, 9);
    else
        sqlite3_bind_double(q, 9, c->norm_pct);
    jl_sql_bind_text(q, 10, c->norm_source);
    jl_sql_bind_text(q, 11, c->norm_version);
    jl_sql_bind_text(q, 12, ts);
    return jl_sql_step_done(q, st, _("saving a cut-off"), err);
}

int jl_store_cutoff_delete_set(jl_store *st, const char *instrument, const char *cutset,
                               jl_err *err)
{
    sqlite3_stmt *q = NULL;

    if (jl_sql_prep(&q, st, "DELETE FROM cutoff WHERE instrument = ? AND cutset = ?", err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, instrument);
    jl_sql_bind_text(q, 2, cutset);
    return jl_sql_step_done(q, st, _("replacing cut-offs"), err);
}

int jl_store_cutoff_list(jl_store *st, const char *instrument, const char *cutset,
                         jl_store_cutoff_cb cb, void *ctx, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    if (jl_sql_prep(&q, st,
             "SELECT scale, name, value, headline, label, source, norm_pct, norm_source, "
             "norm_version FROM cutoff WHERE instrument = ? AND cutset = ? "
             "ORDER BY scale, value",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, instrument);
    jl_sql_bind_text(q, 2, cutset);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        jl_store_cutoff c;

        c.scale = jl_sql_text(q, 0);
        c.name = jl_sql_text(q, 1);
        c.value = sqlite3_column_double(q, 2);
        c.headline = sqlite3_column_int(q, 3);
        c.label = col_or_null(q, 4);
        c.source = jl_sql_text(q, 5);
        c.norm_pct = sqlite3_column_type(q, 6) == SQLITE_NULL ? (double)NAN
                                                              : sqlite3_column_double(q, 6);
        c.norm_source = col_or_null(q, 7);
        c.norm_version = col_or_null(q, 8);
        cb(ctx, &c);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? JL_OK : jl_sql_dberr(err, st, _("reading"));
}

int jl_store_cutset_newest(char **name, jl_store *st, const char *instrument, jl_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc;

    *name = NULL;
    if (jl_sql_prep(&q, st,
             "SELECT cutset FROM cutoff WHERE instrument = ? GROUP BY cutset "
             "ORDER BY max(created_at) DESC, cutset LIMIT 1",
             err) < 0)
        return JL_ESTORE;
    jl_sql_bind_text(q, 1, instrument);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *name = jl_xstrdup(jl_sql_text(q, 0));
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return jl_sql_dberr(err, st, _("reading"));
    return *name ? JL_OK : jl_err_set(err, JL_ENOTFOUND, _("no derived cut-offs"));
}
