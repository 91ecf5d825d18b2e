/*
 * Reading an exported release (release/export.h). Strict: the columns
 * must be the format's, in its order; every number is checked; a
 * suppressed cell must have its numbers empty. An outsider's tool reads
 * the same files, so anything this reader would have to guess at is an
 * error rather than a guess.
 */
#include "release/export.h"
#include "core/alloc.h"
#include "core/csv.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/num.h"
#include "core/strmap.h"
#include "core/text.h"

#include <jansson.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char *const CELL_COLS[] = {
    "division", "area",     "wave",     "grade",       "sex",  "scale",  "kind",    "cutoff",
    "headline", "n",        "n_scored", "k",           "pct",  "ci_low", "ci_high", "norm_pct",
    "norm_source", "diff",  "flag",     "status",      "reason", "source"};
#define NCELL_COLS (sizeof CELL_COLS / sizeof CELL_COLS[0])
enum { C_DIV, C_AREA, C_WAVE, C_GRADE, C_SEX, C_SCALE, C_KIND, C_CUT, C_HEAD, C_N, C_NS, C_K,
       C_PCT, C_CILO, C_CIHI, C_NORM, C_NSRC, C_DIFF, C_FLAG, C_STATUS, C_REASON, C_SOURCE };

static const char *const AREA_COLS[] = {"division",    "code",          "name",      "parent_division",
                                        "parent_code", "base_division", "base_codes"};
#define NAREA_COLS (sizeof AREA_COLS / sizeof AREA_COLS[0])

/* A count larger than any city's pupils by far; keeps sums exact in
 * doubles. */
#define MAX_COUNT 1000000000L

const char *jl_rreason_code(jl_rreason r)
{
    switch (r) {
    case JL_RREASON_SMALL_GROUP:
        return "small_group";
    case JL_RREASON_MIN_COUNT:
        return "min_count";
    case JL_RREASON_GROUP_DISCLOSURE:
        return "group_disclosure";
    case JL_RREASON_SECONDARY:
        return "secondary";
    case JL_RREASON_CONFIDENTIAL:
        return "confidential";
    case JL_RREASON_NONE:
        break;
    }
    return "";
}

void jl_release_free(jl_release *r)
{
    if (!r)
        return;
    jl_free(r->waves);
    jl_free(r->areas);
    jl_free(r->cells);
    jl_free(r->inds);
    jl_arena_free(r->arena);
    jl_free(r);
}

static void sha256_hex(char hex[65], const char *data, size_t len)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    size_t i;

    crypto_hash_sha256(h, (const unsigned char *)data, (unsigned long long)len);
    for (i = 0; i < sizeof h; i++)
        snprintf(hex + 2 * i, 3, "%02x", h[i]);
}

/* ---- manifest.json ---- */

static int mf_bad(jl_err *err, const char *path, const char *key, const char *what)
{
    return jl_err_at(err, JL_EINPUT, path, 0, 0, _("%s: expected %s"), key, what);
}

static int mf_str(const char **out, jl_release *r, json_t *o, const char *key, const char *path,
                  jl_err *err)
{
    json_t *v = json_object_get(o, key);

    if (!json_is_string(v))
        return mf_bad(err, path, key, _("a string"));
    *out = jl_arena_strdup(r->arena, json_string_value(v));
    return JL_OK;
}

/* A release id may be a number or a string; kept as text. */
static int mf_id(jl_release *r, json_t *root, const char *path, jl_err *err)
{
    json_t *v = json_object_get(root, "release");

    if (json_is_integer(v)) {
        r->id = jl_arena_printf(r->arena, "%lld", (long long)json_integer_value(v));
        return JL_OK;
    }
    return mf_str(&r->id, r, root, "release", path, err);
}

static int mf_flag(int *out, json_t *o, const char *key, const char *path, jl_err *err)
{
    json_t *v = json_object_get(o, key);

    *out = 1;
    if (!v)
        return JL_OK;
    if (!json_is_boolean(v))
        return mf_bad(err, path, key, _("true or false"));
    *out = json_is_true(v);
    return JL_OK;
}

/* A wave's revision (1 when not said) and its corrections, one per
 * revision from 2 up to it, each with what it added and removed. */
static int mf_revision(jl_rel_wave *rw, jl_release *r, json_t *w, const char *path, jl_err *err)
{
    json_t *v = json_object_get(w, "revision"), *a = json_object_get(w, "changes"), *c;
    jl_rel_change *ch;
    size_t i;

    rw->revision = 1;
    if (v && (!json_is_integer(v) || json_integer_value(v) < 1 ||
              json_integer_value(v) > 1000000))
        return mf_bad(err, path, "revision", _("a whole number from 1"));
    if (v)
        rw->revision = (long)json_integer_value(v);
    if (!a)
        return JL_OK;
    if (!json_is_array(a) || json_array_size(a) > (size_t)rw->revision - 1)
        return mf_bad(err, path, "changes", _("a list of at most one change per revision"));
    rw->nchanges = json_array_size(a);
    rw->changes = ch = jl_arena_alloc(r->arena, (rw->nchanges + 1) * sizeof *ch);
    json_array_foreach(a, i, c)
    {
        json_t *f[3];
        long val[3];
        int j;

        f[0] = json_object_get(c, "revision");
        f[1] = json_object_get(c, "added");
        f[2] = json_object_get(c, "removed");
        for (j = 0; j < 3; j++) {
            if (!json_is_integer(f[j]) || json_integer_value(f[j]) < 0 ||
                json_integer_value(f[j]) > 100000000)
                return mf_bad(err, path, "changes",
                              _("objects of revision, added and removed, whole numbers"));
            val[j] = (long)json_integer_value(f[j]);
        }
        if (val[0] < 2 || val[0] > rw->revision || (i > 0 && val[0] <= ch[i - 1].revision))
            return mf_bad(err, path, "changes",
                          _("revisions from 2 up to the wave's, in increasing order"));
        ch[i].revision = val[0];
        ch[i].added = val[1];
        ch[i].removed = val[2];
    }
    return JL_OK;
}

static int mf_waves(jl_release *r, json_t *root, const char *path, jl_err *err)
{
    json_t *a = json_object_get(root, "waves"), *w;
    size_t i;
    int rc;

    if (!json_is_array(a) || json_array_size(a) == 0)
        return mf_bad(err, path, "waves", _("a list of at least one wave"));
    r->nwaves = json_array_size(a);
    r->waves = jl_xcalloc(r->nwaves, sizeof *r->waves);
    json_array_foreach(a, i, w)
    {
        if (!json_is_object(w))
            return mf_bad(err, path, "waves", _("a list of objects"));
        rc = mf_str(&r->waves[i].name, r, w, "name", path, err);
        if (rc == 0)
            rc = mf_flag(&r->waves[i].grade_complete, w, "grade_complete", path, err);
        if (rc == 0)
            rc = mf_flag(&r->waves[i].sex_complete, w, "sex_complete", path, err);
        if (rc == 0)
            rc = mf_revision(&r->waves[i], r, w, path, err);
        if (rc < 0)
            return rc;
    }
    return JL_OK;
}

static int mf_rules(jl_release *r, json_t *root, const char *path, jl_err *err)
{
    json_t *o = json_object_get(root, "rules"), *v;

    if (!json_is_object(o))
        return mf_bad(err, path, "rules", _("an object"));
    v = json_object_get(o, "min_n");
    if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 1000)
        return mf_bad(err, path, "rules.min_n", _("a whole number from 1 to 1000"));
    r->min_n = (long)json_integer_value(v);
    /* the other rules, which a rule's code speaks of; absent in a
     * hand-made manifest: the defaults */
    v = json_object_get(o, "min_count");
    if (v && !json_is_null(v)) {
        if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 1000)
            return mf_bad(err, path, "rules.min_count", _("a whole number from 1 to 1000"));
        r->min_count = (long)json_integer_value(v);
    }
    v = json_object_get(o, "group_disclosure");
    if (v && !json_is_null(v)) {
        if (!json_is_boolean(v))
            return mf_bad(err, path, "rules.group_disclosure", _("true or false"));
        r->no_group_disclosure = !json_is_true(v);
    }
    v = json_object_get(o, "pct_decimals");
    r->pct_decimals = -1;
    if (v && !json_is_null(v)) {
        if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 15)
            return mf_bad(err, path, "rules.pct_decimals", _("a whole number from 0 to 15"));
        r->pct_decimals = (int)json_integer_value(v);
    }
    return JL_OK;
}

/* Every file the manifest names is checked against its SHA-256; the two
 * tables must be among them. Names are plain file names in the folder, so
 * a manifest cannot make the audit read elsewhere. */
static int mf_files(jl_release *r, json_t *root, const char *path, jl_err *err)
{
    json_t *o = json_object_get(root, "files"), *v;
    const char *name;
    int rc = JL_OK;

    if (!json_is_object(o) || !json_object_get(o, "cells.csv") ||
        !json_object_get(o, "areas.csv"))
        return mf_bad(err, path, "files", _("an object with the SHA-256 of cells.csv and areas.csv"));
    r->has_inds = json_object_get(o, "indicators.csv") != NULL;
    json_object_foreach(o, name, v)
    {
        const char *want = json_string_value(v);
        char *fpath, *data = NULL, hex[65];
        size_t len;

        if (!*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..") ||
            !strcmp(name, "manifest.json"))
            return jl_err_at(err, JL_EINPUT, path, 0, 0,
                             _("files: expected plain file names beside the manifest, found \"%s\""),
                             name);
        if (!want || strlen(want) != 64 || strspn(want, "0123456789abcdef") != 64)
            return jl_err_at(err, JL_EINPUT, path, 0, 0,
                             _("files.%s: expected a SHA-256 as 64 lowercase hex digits"), name);
        fpath = jl_arena_printf(r->arena, "%s/%s", r->dir, name);
        rc = jl_file_load(&data, &len, fpath, err);
        if (rc < 0)
            return rc;
        sha256_hex(hex, data, len);
        jl_free(data);
        if (strcmp(hex, want))
            return jl_err_at(err, JL_EINPUT, fpath, 0, 0,
                             _("the file's SHA-256 is %s, the manifest says %s: the file was "
                               "changed after the release was exported"),
                             hex, want);
    }
    return rc;
}

static int read_manifest(jl_release *r, jl_err *err)
{
    char *path = jl_arena_printf(r->arena, "%s/manifest.json", r->dir), *data = NULL;
    json_error_t je;
    json_t *root = NULL;
    size_t len;
    int rc;

    rc = jl_file_load(&data, &len, path, err);
    if (rc < 0)
        return rc;
    root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
    jl_free(data);
    if (!root)
        return jl_err_at(err, JL_EINPUT, path, je.line, je.column, _("not valid JSON: %s"),
                         je.text);
    if (!json_is_object(root) || !json_is_string(json_object_get(root, "format")) ||
        strcmp(json_string_value(json_object_get(root, "format")), JL_RELEASE_FORMAT)) {
        json_decref(root);
        return mf_bad(err, path, "format", "\"" JL_RELEASE_FORMAT "\"");
    }
    rc = mf_id(r, root, path, err);
    if (rc == 0)
        rc = mf_str(&r->title, r, root, "title", path, err);
    if (rc == 0)
        rc = mf_str(&r->created, r, root, "created", path, err);
    if (rc == 0)
        rc = mf_waves(r, root, path, err);
    if (rc == 0)
        rc = mf_rules(r, root, path, err);
    if (rc == 0)
        rc = mf_files(r, root, path, err);
    json_decref(root);
    return rc;
}

/* ---- the two tables ---- */

/* Loads path as strict UTF-8 and opens a reader with header check. */
static int csv_open(jl_csv **out, char **text, const char *path, const char *const *cols,
                    size_t ncols, jl_err *err)
{
    char *raw = NULL;
    size_t len, rawlen, i;
    int rc;

    *text = NULL;
    rc = jl_file_load(&raw, &rawlen, path, err);
    if (rc < 0)
        return rc;
    rc = jl_text_from_mem(text, &len, NULL, path, raw, rawlen, JL_ENC_UTF8, err);
    jl_free(raw);
    if (rc == 0)
        rc = jl_csv_new(out, path, *text, len, ',', err);
    if (rc == 0)
        rc = jl_csv_next(*out, err);
    if (rc == 0)
        return jl_err_at(err, JL_EINPUT, path, 1, 1, _("expected a header line, found none"));
    if (rc < 0)
        return rc;
    for (i = 0; i < ncols; i++) {
        const char *h = i < jl_csv_nfields(*out) ? jl_csv_field(*out, i) : "";

        if (strcmp(h, cols[i]))
            return jl_err_at(err, JL_EINPUT, path, 1,
                             i < jl_csv_nfields(*out) ? jl_csv_field_col(*out, i) : 1,
                             _("expected the column \"%s\", found \"%s\""), cols[i], h);
    }
    if (jl_csv_nfields(*out) != ncols)
        return jl_err_at(err, JL_EINPUT, path, 1, jl_csv_field_col(*out, ncols),
                         _("expected %zu columns, found %zu"), ncols, jl_csv_nfields(*out));
    return JL_OK;
}

/* An error at field i of the current record. */
#define field_err(err, c, i, path, ...)                                                            \
    jl_err_at(err, JL_EINPUT, path, jl_csv_field_line(c, i), jl_csv_field_col(c, i), __VA_ARGS__)

static int need_text(const char **out, jl_release *r, const jl_csv *c, size_t i,
                     const char *path, const char *col, jl_err *err)
{
    if (!*jl_csv_field(c, i))
        return field_err(err, c, i, path, _("expected a value in the column \"%s\", found none"),
                         col);
    *out = jl_arena_strdup(r->arena, jl_csv_field(c, i));
    return JL_OK;
}

/* An empty field is -1; otherwise digits only, at most MAX_COUNT. */
static int count_field(long *out, const jl_csv *c, size_t i, const char *path, jl_err *err)
{
    const char *s = jl_csv_field(c, i);
    size_t len = strlen(s);

    *out = -1;
    if (!len)
        return JL_OK;
    if (len > 10 || strspn(s, "0123456789") != len || (*out = strtol(s, NULL, 10)) > MAX_COUNT)
        return field_err(err, c, i, path, _("expected a count (a whole number from 0), found \"%s\""),
                         s);
    return JL_OK;
}

/* A share in per cent with a decimal point: NaN when empty. Its half
 * width is the manifest's rounding, or, with none, the rounding of a
 * double written with its shortest exact digits (far below one person). */
static int pct_field(jl_rel_cell *cell, const jl_release *r, const jl_csv *c, size_t i,
                     const char *path, jl_err *err)
{
    const char *s = jl_csv_field(c, i);
    double v;

    cell->pct = NAN;
    cell->pct_half = 0;
    if (!*s)
        return JL_OK;
    if (strchr(s, ',') || jl_parse_double(&v, s) < 0 || !(v >= 0 && v <= 100))
        return field_err(err, c, i, path, _("expected a percentage from 0 to 100, found \"%s\""),
                         s);
    cell->pct = v;
    cell->pct_half = r->pct_decimals < 0 ? 1e-7 : 0.5 * pow(10.0, -r->pct_decimals);
    return JL_OK;
}

static int reason_field(jl_rel_cell *cell, const jl_csv *c, const char *path, jl_err *err)
{
    static const jl_rreason all[] = {JL_RREASON_CONFIDENTIAL, JL_RREASON_SMALL_GROUP,
                                     JL_RREASON_MIN_COUNT, JL_RREASON_GROUP_DISCLOSURE,
                                     JL_RREASON_SECONDARY};
    const char *st = jl_csv_field(c, C_STATUS), *re = jl_csv_field(c, C_REASON);
    size_t i;

    if (!strcmp(st, "ok")) {
        if (*re)
            return field_err(err, c, C_REASON, path,
                             _("expected no reason for a published cell, found \"%s\""), re);
        return JL_OK;
    }
    if (strcmp(st, "suppressed"))
        return field_err(err, c, C_STATUS, path, _("expected ok or suppressed, found \"%s\""), st);
    cell->suppressed = 1;
    for (i = 0; i < sizeof all / sizeof all[0]; i++)
        if (!strcmp(re, jl_rreason_code(all[i])))
            cell->reason = all[i];
    if (!cell->reason)
        return field_err(err, c, C_REASON, path,
                         _("expected confidential (or, from an earlier version, small_group, "
                           "min_count, group_disclosure or secondary), found \"%s\""),
                         re);
    return JL_OK;
}

/* A suppressed cell shows none of its numbers; a published one has its
 * counts in order k <= n_scored <= n. */
static int cell_numbers_agree(const jl_rel_cell *cell, const jl_csv *c, const char *path,
                              jl_err *err)
{
    static const size_t hidden[] = {C_N, C_NS, C_K, C_PCT, C_CILO, C_CIHI, C_DIFF};
    size_t i;

    if (cell->suppressed) {
        for (i = 0; i < sizeof hidden / sizeof hidden[0]; i++)
            if (*jl_csv_field(c, hidden[i]))
                return field_err(err, c, hidden[i], path,
                                 _("expected no number in a suppressed cell, found \"%s\""),
                                 jl_csv_field(c, hidden[i]));
        if (*jl_csv_field(c, C_FLAG))
            return field_err(err, c, C_FLAG, path,
                             _("expected no flag in a suppressed cell, found \"%s\""),
                             jl_csv_field(c, C_FLAG));
        return JL_OK;
    }
    /* A published cell may leave a count out (a share shown with its n
     * only); what it shows must be in order. */
    if (cell->n >= 0 && cell->n_scored > cell->n)
        return field_err(err, c, C_NS, path, _("expected at most n scored respondents, found %s"),
                         jl_csv_field(c, C_NS));
    if (cell->n_scored >= 0 && cell->k > cell->n_scored)
        return field_err(err, c, C_K, path, _("expected k at most n_scored, found %s"),
                         jl_csv_field(c, C_K));
    return JL_OK;
}

/* A number other than a share (an interval's end, a norm, a
 * difference): NaN when empty, else with a decimal point. */
static int num_field(double *out, const jl_csv *c, size_t i, const char *path, jl_err *err)
{
    const char *s = jl_csv_field(c, i);

    *out = NAN;
    if (!*s)
        return JL_OK;
    if (strchr(s, ',') || jl_parse_double(out, s) < 0 || !isfinite(*out))
        return field_err(err, c, i, path, _("expected a number, found \"%s\""), s);
    return JL_OK;
}

/* The columns the audit does not read, still checked: an outsider's
 * tool reads them too. */
static int read_cell_rest(jl_rel_cell *cell, jl_release *r, const jl_csv *c, const char *path,
                          jl_err *err)
{
    const char *h = jl_csv_field(c, C_HEAD), *f = jl_csv_field(c, C_FLAG);
    int rc;

    rc = need_text(&cell->kind, r, c, C_KIND, path, CELL_COLS[C_KIND], err);
    if (rc < 0)
        return rc;
    if (strcmp(h, "0") && strcmp(h, "1"))
        return field_err(err, c, C_HEAD, path, _("expected 0 or 1, found \"%s\""), h);
    cell->headline = h[0] == '1';
    if (*f && strcmp(f, "worse") && strcmp(f, "better"))
        return field_err(err, c, C_FLAG, path, _("expected worse, better or nothing, found \"%s\""),
                         f);
    rc = num_field(&cell->ci_low, c, C_CILO, path, err);
    if (rc == 0)
        rc = num_field(&cell->ci_high, c, C_CIHI, path, err);
    if (rc == 0)
        rc = num_field(&cell->norm_pct, c, C_NORM, path, err);
    if (rc == 0)
        rc = num_field(&cell->diff, c, C_DIFF, path, err);
    cell->flag = jl_arena_strdup(r->arena, f);
    cell->norm_source = jl_arena_strdup(r->arena, jl_csv_field(c, C_NSRC));
    cell->source = jl_arena_strdup(r->arena, jl_csv_field(c, C_SOURCE));
    return rc;
}

static int read_cell(jl_rel_cell *cell, jl_release *r, const jl_csv *c, const char *path,
                     jl_err *err)
{
    static const size_t text[] = {C_DIV, C_AREA, C_WAVE, C_GRADE, C_SEX, C_SCALE, C_CUT};
    const char **dst[] = {&cell->division, &cell->area, &cell->wave, &cell->grade,
                          &cell->sex,      &cell->scale, &cell->cutoff};
    size_t i;
    int rc = JL_OK;

    memset(cell, 0, sizeof *cell);
    cell->line = jl_csv_line(c);
    if (jl_csv_nfields(c) != NCELL_COLS)
        return jl_err_at(err, JL_EINPUT, path, jl_csv_line(c), 1, _("expected %zu columns, found %zu"),
                         NCELL_COLS, jl_csv_nfields(c));
    for (i = 0; i < sizeof text / sizeof text[0] && rc == 0; i++)
        rc = need_text(dst[i], r, c, text[i], path, CELL_COLS[text[i]], err);
    if (rc == 0)
        rc = count_field(&cell->n, c, C_N, path, err);
    if (rc == 0)
        rc = count_field(&cell->n_scored, c, C_NS, path, err);
    if (rc == 0)
        rc = count_field(&cell->k, c, C_K, path, err);
    if (rc == 0)
        rc = pct_field(cell, r, c, C_PCT, path, err);
    if (rc == 0)
        rc = read_cell_rest(cell, r, c, path, err);
    if (rc == 0)
        rc = reason_field(cell, c, path, err);
    if (rc == 0 && cell->suppressed && cell->reason != JL_RREASON_CONFIDENTIAL)
        r->rule_codes = 1;
    if (rc == 0)
        rc = cell_numbers_agree(cell, c, path, err);
    return rc;
}

static int read_area(jl_rel_area *a, jl_release *r, const jl_csv *c, const char *path,
                     jl_err *err)
{
    const char *codes;
    size_t i, n = 1;
    char *s, *save = NULL, *tok;
    int rc;

    memset(a, 0, sizeof *a);
    a->line = jl_csv_line(c);
    if (jl_csv_nfields(c) != NAREA_COLS)
        return jl_err_at(err, JL_EINPUT, path, jl_csv_line(c), 1, _("expected %zu columns, found %zu"),
                         NAREA_COLS, jl_csv_nfields(c));
    rc = need_text(&a->division, r, c, 0, path, AREA_COLS[0], err);
    if (rc == 0)
        rc = need_text(&a->code, r, c, 1, path, AREA_COLS[1], err);
    if (rc == 0)
        rc = need_text(&a->base_division, r, c, 5, path, AREA_COLS[5], err);
    if (rc == 0)
        rc = need_text(&codes, r, c, 6, path, AREA_COLS[6], err);
    if (rc < 0)
        return rc;
    a->name = jl_arena_strdup(r->arena, jl_csv_field(c, 2));
    a->parent_division = jl_arena_strdup(r->arena, jl_csv_field(c, 3));
    a->parent_code = jl_arena_strdup(r->arena, jl_csv_field(c, 4));
    for (i = 0; codes[i]; i++)
        n += codes[i] == '|';
    if (codes[0] == '|' || codes[strlen(codes) - 1] == '|' || strstr(codes, "||"))
        return field_err(err, c, 6, path,
                         _("expected base codes separated by single '|', found \"%s\""), codes);
    a->base = jl_arena_alloc(r->arena, n * sizeof *a->base);
    s = jl_arena_strdup(r->arena, codes);
    for (tok = strtok_r(s, "|", &save); tok; tok = strtok_r(NULL, "|", &save))
        a->base[a->nbase++] = tok;
    /* A unit listed twice would be counted twice in the attacker's sums
     * (and GLPK refuses duplicate indices). An area is a set: say so. */
    {
        jl_strmap *seen = jl_strmap_new();

        for (i = 0; i < a->nbase; i++)
            if (jl_strmap_put(seen, a->base[i], i, NULL) == 0) {
                jl_strmap_free(seen);
                return field_err(err, c, 6, path,
                                 _("expected each base code once, found \"%s\" twice"),
                                 a->base[i]);
            }
        jl_strmap_free(seen);
    }
    return JL_OK;
}

static int read_table(jl_release *r, const char *name, int cells, jl_err *err)
{
    char *path = jl_arena_printf(r->arena, "%s/%s", r->dir, name), *text = NULL;
    jl_csv *c = NULL;
    size_t cap = 0;
    int rc;

    if (cells)
        r->cells_path = path;
    else
        r->areas_path = path;
    rc = csv_open(&c, &text, path, cells ? CELL_COLS : AREA_COLS, cells ? NCELL_COLS : NAREA_COLS,
                  err);
    while (rc == 0 && (rc = jl_csv_next(c, err)) == 1) {
        if (cells) {
            r->cells = jl_xgrow(r->cells, &cap, r->ncells + 1, sizeof *r->cells);
            rc = read_cell(&r->cells[r->ncells++], r, c, path, err);
        } else {
            r->areas = jl_xgrow(r->areas, &cap, r->nareas + 1, sizeof *r->areas);
            rc = read_area(&r->areas[r->nareas++], r, c, path, err);
        }
    }
    jl_csv_free(c);
    jl_free(text);
    return rc;
}

static const char *const IND_COLS[] = {"indicator", "name",   "unit",   "division",
                                       "area",      "area_name", "period", "value",
                                       "status",    "estimated", "source"};
#define NIND_COLS (sizeof IND_COLS / sizeof IND_COLS[0])

/* indicators.csv: public statistics as they are, which the audit does
 * not read; still checked field by field, as an outsider reads them. */
static int read_indicators(jl_release *r, jl_err *err)
{
    char *path = jl_arena_printf(r->arena, "%s/indicators.csv", r->dir), *text = NULL;
    static const size_t need[] = {0, 3, 4, 6, 8};
    jl_csv *c = NULL;
    size_t cap = 0, i;
    int rc = csv_open(&c, &text, path, IND_COLS, NIND_COLS, err);

    while (rc == 0 && (rc = jl_csv_next(c, err)) == 1) {
        jl_rel_indicator *x;
        const char **f[NIND_COLS];

        rc = JL_OK;
        if (jl_csv_nfields(c) != NIND_COLS) {
            rc = jl_err_at(err, JL_EINPUT, path, jl_csv_line(c), 1,
                           _("expected %zu columns, found %zu"), NIND_COLS, jl_csv_nfields(c));
            break;
        }
        r->inds = jl_xgrow(r->inds, &cap, r->ninds + 1, sizeof *r->inds);
        x = &r->inds[r->ninds++];
        memset(x, 0, sizeof *x);
        f[0] = &x->indicator, f[1] = &x->name, f[2] = &x->unit, f[3] = &x->division;
        f[4] = &x->area, f[5] = &x->area_name, f[6] = &x->period, f[7] = NULL;
        f[8] = &x->status, f[9] = &x->estimated, f[10] = &x->source;
        for (i = 0; i < NIND_COLS; i++)
            if (f[i])
                *f[i] = jl_arena_strdup(r->arena, jl_csv_field(c, i));
        for (i = 0; rc == 0 && i < sizeof need / sizeof need[0]; i++)
            rc = need_text(f[need[i]], r, c, need[i], path, IND_COLS[need[i]], err);
        if (rc == 0)
            rc = num_field(&x->value, c, 7, path, err);
    }
    jl_csv_free(c);
    jl_free(text);
    return rc;
}

int jl_release_read(jl_release **out, const char *dir, jl_err *err)
{
    jl_release *r = jl_xcalloc(1, sizeof *r);
    int rc;

    *out = NULL;
    r->arena = jl_arena_new();
    r->dir = jl_arena_strdup(r->arena, dir);
    if (sodium_init() < 0) {
        jl_release_free(r);
        return jl_err_set(err, JL_ERR, _("libsodium could not be initialised"));
    }
    rc = read_manifest(r, err);
    if (rc == 0)
        rc = read_table(r, "areas.csv", 0, err);
    if (rc == 0)
        rc = read_table(r, "cells.csv", 1, err);
    if (rc == 0 && r->has_inds)
        rc = read_indicators(r, err);
    if (rc < 0) {
        jl_release_free(r);
        return rc;
    }
    *out = r;
    return JL_OK;
}
