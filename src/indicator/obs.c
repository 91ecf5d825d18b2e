#include "indicator/obs.h"
#include "indicator/obs_int.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/csv.h"
#include "core/diag.h"
#include "core/i18n.h"
#include "core/kv.h"
#include "core/limits.h"
#include "core/num.h"
#include "core/strmap.h"
#include "core/text.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void jl_obs_set_dispose(jl_obs_set *s)
{
    jl_free(s->o);
    jl_arena_free(s->arena);
    memset(s, 0, sizeof *s);
}

int jl_obs_value(double *v, const char **status, const char *s)
{
    *v = NAN;
    if (!*s || !strcmp(s, "..")) {
        *status = "missing";
        return 0;
    }
    if (!strcmp(s, ".")) {
        *status = "not_applicable";
        return 0;
    }
    if (!strcmp(s, "-")) {
        *v = 0;
        *status = "ok";
        return 0;
    }
    if (jl_parse_double(v, s) < 0) {
        *v = NAN;
        return -1;
    }
    *status = "ok";
    return 0;
}

int jl_period_valid(const char *s)
{
    size_t n = strlen(s), i;

    if (n < 4)
        return 0;
    for (i = 0; i < 4; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    if (n == 4)
        return 1;
    if (n == 7 && s[4] == 'M' && isdigit((unsigned char)s[5]) && isdigit((unsigned char)s[6]))
        return (s[5] - '0') * 10 + (s[6] - '0') >= 1 && (s[5] - '0') * 10 + (s[6] - '0') <= 12;
    return n == 6 && s[4] == 'K' && s[5] >= '1' && s[5] <= '4';
}

int jl_obs_add(jl_obs_set *out, jl_strmap *keys, const jl_store_obs *o, const char *path,
               long line, long col, jl_err *err)
{
    jl_arena *a = out->arena;
    char buf[512], *key = buf;
    size_t prev;
    int fresh;

    {
        /* The key by hand: snprintf was a fifth of a million-row import.
         * The readers keep every part within JL_MAX_ID or JL_MAX_CODE, so
         * it fits; a longer key is built on the heap, never cut. */
        const char *part[5] = {o->indicator, o->area, o->period, o->sex,
                               o->breakdown ? o->breakdown : ""};
        size_t len[5], w = 0, i;

        for (i = 0; i < 5; i++) {
            len[i] = strlen(part[i]);
            w += len[i] + 1;
        }
        if (w > sizeof buf)
            key = jl_xmalloc(w);
        w = 0;
        for (i = 0; i < 5; i++) {
            memcpy(key + w, part[i], len[i]);
            w += len[i];
            key[w++] = '\x1f';
        }
        key[w - 1] = '\0';
    }
    fresh = jl_strmap_put(keys, key, (size_t)line, &prev);
    if (key != buf)
        jl_free(key);
    if (!fresh) {
        if (line == 0) /* JSON has no lines */
            return jl_err_at(err, JL_EINPUT, path, 0, 0,
                             _("expected one value per indicator, area, period, sex and "
                               "breakdown, found %s %s %s %s twice"),
                             o->indicator, o->area, o->period, o->sex);
        return jl_err_at(err, JL_EINPUT, path, line, col,
                         _("expected one value per indicator, area, period and sex, found %s "
                           "%s %s again (first on line %zu)"),
                         o->indicator, o->area, o->period, prev);
    }
    out->o = jl_xgrow(out->o, &out->cap, out->n + 1, sizeof *out->o);
    out->o[out->n] = *o;
    out->o[out->n].indicator = jl_arena_strdup(a, o->indicator);
    out->o[out->n].area = jl_arena_strdup(a, o->area);
    out->o[out->n].period = jl_arena_strdup(a, o->period);
    out->o[out->n].breakdown = o->breakdown ? jl_arena_strdup(a, o->breakdown) : "";
    out->o[out->n].note = o->note && *o->note ? jl_arena_strdup(a, o->note) : NULL;
    /* Copied now: a reader's sex may point into a buffer that the next
     * record overwrites (every row of a long CSV once took the sex of the
     * last row). */
    out->o[out->n].sex = !strcmp(o->sex, "K")   ? "K"
                         : !strcmp(o->sex, "M") ? "M"
                         : !strcmp(o->sex, "T") ? "T"
                                                : jl_arena_strdup(a, o->sex);
    out->n++;
    return JL_OK;
}

static int check_indicator(const char *id, jl_ind_lookup look, void *ctx, const char *path,
                           long line, long col, jl_err *err)
{
    int k = look(ctx, id);

    if (k == 0)
        return jl_err_at(err, JL_EINPUT, path, line, col,
                         _("expected a defined indicator, found \"%s\" (define it with "
                           "\"jamlik indicator define\")"),
                         id);
    if (k == 2)
        return jl_err_at(err, JL_EINPUT, path, line, col,
                         _("indicator %s is derived by its formula: import its parts instead"),
                         id);
    return JL_OK;
}

static int open_csv(jl_csv **csv, const char *path, const char *text, size_t len, jl_err *err)
{
    int rc = jl_csv_new(csv, path, text, len, 0, err);

    if (rc < 0)
        return rc;
    rc = jl_csv_next(*csv, err);
    if (rc == 0)
        return jl_err_at(err, JL_EINPUT, path, 1, 1, _("expected a header line, found none"));
    return rc < 0 ? rc : JL_OK;
}

/* ---- long ---- */

/* The decimal mark of value v ('\0' when it has none). */
static char decimal_mark(const char *v)
{
    for (; *v; v++)
        if (*v == ',' || *v == '.')
            return *v;
    return '\0';
}

/* One column, one decimal mark: where "1,5" and "1.5" meet, a thousands
 * separator cannot be told from a decimal one ("1,234"), so neither is
 * guessed. *mark and *mark_line remember the first. */
static int same_mark(char *mark, long *mark_line, const char *v, const char *path, long line,
                     long col, jl_err *err)
{
    char m = decimal_mark(v);

    if (!m)
        return JL_OK;
    if (!*mark) {
        *mark = m;
        *mark_line = line;
        return JL_OK;
    }
    if (m == *mark)
        return JL_OK;
    return jl_err_at(err, JL_EINPUT, path, line, col,
                     _("expected the decimal mark of line %ld (\"%c\"), found \"%s\": a column "
                       "may not mix decimal comma and decimal point"),
                     *mark_line, *mark, v);
}

/* Reads decoded text (UTF-8, path names it in messages). */
static int read_long(jl_obs_set *out, const char *path, const char *text, size_t len,
                     const char *division, jl_ind_lookup look, void *ctx, jl_err *err)
{
    static const char *const names[] = {"indicator", "area", "period", "value",
                                        "sex",       "breakdown", "status"};
    long col[7] = {-1, -1, -1, -1, -1, -1, -1};
    jl_csv *csv = NULL;
    jl_strmap *keys = jl_strmap_new();
    size_t i, j, nf;
    long mark_line = 0;
    char mark = '\0';
    int rc;

    memset(out, 0, sizeof *out);
    out->arena = jl_arena_new();
    rc = open_csv(&csv, path, text, len, err);
    if (rc < 0)
        goto done;
    nf = jl_csv_nfields(csv);
    for (i = 0; i < nf; i++) {
        const char *h = jl_csv_field(csv, i);

        for (j = 0; j < 7 && strcmp(h, names[j]); j++)
            ;
        if (j == 7 || col[j] >= 0) {
            rc = jl_err_at(err, JL_EINPUT, path, 1, jl_csv_field_col(csv, i),
                           j == 7 ? _("expected a column indicator, area, period, value, sex, "
                                      "breakdown or status, found \"%s\"")
                                  : _("expected each column once, found \"%s\" again"),
                           h);
            goto done;
        }
        col[j] = (long)i;
    }
    for (j = 0; j < 4; j++)
        if (col[j] < 0) {
            rc = jl_err_at(err, JL_EINPUT, path, 1, 1, _("expected a column \"%s\", found none"),
                           names[j]);
            goto done;
        }
    while ((rc = jl_csv_next(csv, err)) > 0) {
        jl_store_obs o;
        const char *st = NULL, *v;
        long line = jl_csv_line(csv);

        if (jl_csv_nfields(csv) != nf) {
            rc = jl_err_at(err, JL_EINPUT, path, line, 1, _("expected %zu fields, found %zu"), nf,
                           jl_csv_nfields(csv));
            goto done;
        }
        memset(&o, 0, sizeof o);
        o.division = division;
        o.source = path;
        o.indicator = jl_csv_field(csv, (size_t)col[0]);
        o.area = jl_csv_field(csv, (size_t)col[1]);
        o.period = jl_csv_field(csv, (size_t)col[2]);
        o.sex = col[4] >= 0 && *jl_csv_field(csv, (size_t)col[4]) ? jl_csv_field(csv, (size_t)col[4])
                                                                  : "T";
        o.breakdown = col[5] >= 0 ? jl_csv_field(csv, (size_t)col[5]) : "";
        /* Lengths first, where they are typed: every part of the key
         * stays within its limit. */
        rc = jl_limit_len(o.indicator, JL_MAX_ID, _("an indicator id"), "JL_MAX_ID", path, line,
                          jl_csv_field_col(csv, (size_t)col[0]), err);
        if (rc == 0)
            rc = jl_limit_len(o.area, JL_MAX_CODE, _("an area code"), "JL_MAX_CODE", path, line,
                              jl_csv_field_col(csv, (size_t)col[1]), err);
        if (rc == 0 && col[5] >= 0)
            rc = jl_limit_len(o.breakdown, JL_MAX_CODE, _("a breakdown"), "JL_MAX_CODE", path,
                              line, jl_csv_field_col(csv, (size_t)col[5]), err);
        if (rc == 0)
            rc = check_indicator(o.indicator, look, ctx, path, line,
                                 jl_csv_field_col(csv, (size_t)col[0]), err);
        if (rc < 0)
            goto done;
        if (!*o.area) {
            rc = jl_err_at(err, JL_EINPUT, path, line, jl_csv_field_col(csv, (size_t)col[1]),
                           _("expected an area code, found an empty field"));
            goto done;
        }
        if (!jl_period_valid(o.period)) {
            rc = jl_err_at(err, JL_EINPUT, path, line, jl_csv_field_col(csv, (size_t)col[2]),
                           _("expected a period such as 2022, 2024M01 or 2024K1, found \"%s\""),
                           o.period);
            goto done;
        }
        if (strcmp(o.sex, "T") && strcmp(o.sex, "K") && strcmp(o.sex, "M")) {
            rc = jl_err_at(err, JL_EINPUT, path, line, jl_csv_field_col(csv, (size_t)col[4]),
                           _("expected T, K or M, found \"%s\""), o.sex);
            goto done;
        }
        v = jl_csv_field(csv, (size_t)col[3]);
        if (jl_obs_value(&o.value, &st, v) < 0) {
            rc = jl_err_at(err, JL_EINPUT, path, line, jl_csv_field_col(csv, (size_t)col[3]),
                           _("expected a number, \"..\" (missing), \".\" (not applicable), "
                             "\"-\" (zero) or nothing, found \"%s\""),
                           v);
            goto done;
        }
        if (!strcmp(st, "ok")) {
            rc = same_mark(&mark, &mark_line, v, path, line,
                           jl_csv_field_col(csv, (size_t)col[3]), err);
            if (rc < 0)
                goto done;
        }
        o.status = st;
        if (col[6] >= 0 && *jl_csv_field(csv, (size_t)col[6])) {
            const char *s = jl_csv_field(csv, (size_t)col[6]);

            if (strcmp(s, "ok") && strcmp(s, "missing") && strcmp(s, "suppressed") &&
                strcmp(s, "not_applicable")) {
                rc = jl_err_at(err, JL_EINPUT, path, line, jl_csv_field_col(csv, (size_t)col[6]),
                               _("expected ok, missing, suppressed or not_applicable, found "
                                 "\"%s\""),
                               s);
                goto done;
            }
            if (strcmp(s, "ok") ? !isnan(o.value) : isnan(o.value)) {
                rc = jl_err_at(err, JL_EINPUT, path, line, jl_csv_field_col(csv, (size_t)col[3]),
                               _("expected a value exactly when the status is ok, found status "
                                 "%s and value \"%s\""),
                               s, v);
                goto done;
            }
            o.status = !strcmp(s, "ok")           ? "ok"
                       : !strcmp(s, "missing")    ? "missing"
                       : !strcmp(s, "suppressed") ? "suppressed"
                                                  : "not_applicable";
        }
        rc = jl_obs_add(out, keys, &o, path, line, 1, err);
        if (rc < 0)
            goto done;
    }
    if (rc == 0 && out->n == 0)
        rc = jl_err_at(err, JL_EINPUT, path, 2, 1,
                       _("expected at least one observation after the header, found none"));
done:
    jl_strmap_free(keys);
    jl_csv_free(csv);
    if (rc < 0)
        jl_obs_set_dispose(out);
    return rc < 0 ? rc : JL_OK;
}

int jl_obs_read_long(jl_obs_set *out, const char *path, const char *division, jl_ind_lookup look,
                     void *ctx, jl_err *err)
{
    char *text = NULL;
    size_t len;
    int rc;

    memset(out, 0, sizeof *out);
    rc = jl_text_load(&text, &len, NULL, path, JL_ENC_AUTO, err);
    if (rc == 0)
        rc = read_long(out, path, text, len, division, look, ctx, err);
    jl_free(text);
    return rc;
}

int jl_obs_read_long_mem(jl_obs_set *out, const jl_obs_text *in, const char *division,
                         jl_ind_lookup look, void *ctx, jl_err *err)
{
    char *text = NULL;
    size_t len;
    int rc;

    memset(out, 0, sizeof *out);
    rc = jl_text_from_mem(&text, &len, NULL, in->name, in->data, in->len, JL_ENC_AUTO, err);
    if (rc == 0)
        rc = read_long(out, in->name, text, len, division, look, ctx, err);
    jl_free(text);
    return rc;
}

/* ---- wide ---- */

typedef struct wcol {
    char *pattern; /* column name, with at most one {period} */
    char *indicator, *period;
    long line, col;
    int used;
} wcol;

/* Does name match pattern? A {period} in the pattern takes a valid
 * period, copied into period. */
static int match(const char *pattern, const char *name, char *period, size_t len)
{
    const char *ph = strstr(pattern, "{period}");
    size_t pre, post, n = strlen(name);

    if (!ph)
        return !strcmp(pattern, name);
    pre = (size_t)(ph - pattern);
    post = strlen(ph + 8);
    if (n < pre + post + 4 || strncmp(name, pattern, pre) || strcmp(name + n - post, ph + 8))
        return 0;
    if (n - pre - post >= len)
        return 0;
    memcpy(period, name + pre, n - pre - post);
    period[n - pre - post] = '\0';
    return jl_period_valid(period);
}

/* A --map file of the wide reader: the area column, a default period,
 * the columns to skip and the columns that hold indicators. */
typedef struct wmap {
    char *area_col, *def_period;
    jl_strmap *skip;
    wcol *w;
    size_t nw, wcap;
} wmap;

static void wmap_dispose(wmap *m)
{
    size_t j;

    for (j = 0; j < m->nw; j++) {
        jl_free(m->w[j].pattern);
        jl_free(m->w[j].indicator);
        jl_free(m->w[j].period);
    }
    jl_free(m->w);
    jl_free(m->area_col);
    jl_free(m->def_period);
    jl_strmap_free(m->skip);
}

/* "column: PATTERN = INDICATOR [PERIOD]" into m, or its problem into d. */
static void wmap_column(wmap *m, const jl_kv_entry *e, jl_diag *d, jl_ind_lookup look, void *ctx)
{
    const char *eq = strstr(e->value, " = ");
    char *tok[3] = {NULL, NULL, NULL}, *copy, *save = NULL;
    const char *ind, *per;
    int k = 0;
    jl_err le = JL_ERR_INIT;
    wcol c;

    memset(&c, 0, sizeof c);
    /* Every word after " = " counts: a third is a mistake, not something
     * to drop. */
    copy = jl_xstrdup(eq ? eq + 3 : "");
    for (tok[0] = strtok_r(copy, " \t", &save); k < 3 && tok[k];)
        if (++k < 3)
            tok[k] = strtok_r(NULL, " \t", &save);
    ind = tok[0];
    per = tok[1] ? tok[1] : "";
    if (!eq || k < 1 || k > 2) {
        jl_diag_add(d, e->line, e->vcol,
                    _("expected \"COLUMN = INDICATOR [PERIOD]\", found \"%s\""), e->value);
        jl_free(copy);
        return;
    }
    if (jl_limit_len(ind, JL_MAX_ID, _("an indicator id"), "JL_MAX_ID", NULL, 0, 0, &le) < 0) {
        jl_diag_add(d, e->line, e->vcol + (long)(eq - e->value) + 3, "%s", le.msg);
        jl_free(copy);
        return;
    }
    if (k == 2 && !jl_period_valid(per)) {
        jl_diag_add(d, e->line, e->vcol,
                    _("expected a period such as 2022, 2024M01 or 2024K1, found \"%s\""), per);
        jl_free(copy);
        return;
    }
    c.pattern = jl_xstrndup(e->value, (size_t)(eq - e->value));
    c.indicator = jl_xstrdup(ind);
    c.period = k == 2 ? jl_xstrdup(per) : NULL;
    jl_free(copy);
    c.line = e->line;
    c.col = e->vcol;
    if (look(ctx, c.indicator) != 1) {
        jl_diag_add(d, e->line, e->vcol + (long)(eq - e->value) + 3,
                    look(ctx, c.indicator) == 2
                        ? _("indicator %s is derived by its formula: import its parts instead")
                        : _("expected a defined indicator, found \"%s\" (define it with "
                            "\"jamlik indicator define\")"),
                    c.indicator);
    }
    m->w = jl_xgrow(m->w, &m->wcap, m->nw + 1, sizeof *m->w);
    m->w[m->nw++] = c;
}

/* The map (decoded text, named map in messages) into m; every problem is
 * looked for, the first in the file's order goes to err. */
static int wmap_parse(wmap *m, const char *map, const char *mtext, size_t mlen,
                      jl_ind_lookup look, void *ctx, jl_err *err)
{
    jl_diag d;
    jl_kv *kv;
    size_t i, j;
    int rc = JL_OK;

    jl_diag_init(&d, map);
    kv = jl_kv_parse(mtext, mlen, &d);
    for (i = 0; i < kv->n; i++)
        for (j = 0; j < kv->s[i].n; j++) {
            const jl_kv_entry *e = &kv->s[i].e[j];

            if (!strcmp(e->key, "area")) {
                jl_free(m->area_col);
                m->area_col = jl_xstrdup(e->value);
            } else if (!strcmp(e->key, "period")) {
                if (!jl_period_valid(e->value))
                    jl_diag_add(&d, e->line, e->vcol,
                                _("expected a period such as 2022, 2024M01 or 2024K1, found "
                                  "\"%s\""),
                                e->value);
                jl_free(m->def_period);
                m->def_period = jl_xstrdup(e->value);
            } else if (!strcmp(e->key, "skip")) {
                char *copy = jl_xstrdup(e->value), *tok, *save = NULL;

                for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
                    jl_strmap_put(m->skip, tok, 0, NULL);
                jl_free(copy);
            } else if (!strcmp(e->key, "column")) {
                wmap_column(m, e, &d, look, ctx);
            } else
                jl_diag_add(&d, e->line, e->kcol,
                            _("expected area, period, skip or column, found \"%s\""), e->key);
        }
    jl_kv_free(kv);
    if (!m->area_col)
        jl_diag_add(&d, 1, 1, _("expected \"area: COLUMN\" naming the area code column"));
    if (d.n) {
        jl_diag_sort(&d);
        rc = jl_diag_first(&d, err);
    }
    jl_diag_dispose(&d);
    return rc;
}

/* The header of the wide CSV: *area_i is the area column; every other
 * column is skipped or matches a column of the map (which[i], -1 for
 * none) and has a period (colper[i], in arena); every column of the map
 * matches one. */
static int wide_header(long *which, char **colper, long *area_i, wmap *m, const jl_csv *csv,
                       const char *path, const char *map, jl_arena *arena, jl_err *err)
{
    size_t i, j, nf = jl_csv_nfields(csv);

    for (i = 0; i < nf; i++) {
        const char *h = jl_csv_field(csv, i);
        char per[64];

        which[i] = -1;
        if (!strcmp(h, m->area_col)) {
            *area_i = (long)i;
            continue;
        }
        if (jl_strmap_get(m->skip, h, NULL))
            continue;
        for (j = 0; j < m->nw; j++)
            if (match(m->w[j].pattern, h, per, sizeof per)) {
                which[i] = (long)j;
                m->w[j].used = 1;
                colper[i] = jl_arena_strdup(arena, strstr(m->w[j].pattern, "{period}")
                                                       ? per
                                                       : m->w[j].period  ? m->w[j].period
                                                         : m->def_period ? m->def_period
                                                                         : "");
                break;
            }
        if (which[i] < 0)
            return jl_err_at(err, JL_EINPUT, path, 1, jl_csv_field_col(csv, i),
                             _("expected a column named in %s (column:, skip: or area:), found "
                               "\"%s\""),
                             map, h);
        if (!*colper[i])
            return jl_err_at(err, JL_EINPUT, map, m->w[which[i]].line, m->w[which[i]].col,
                             _("expected a period for column %s: give one on the line or "
                               "\"period:\""),
                             h);
    }
    if (*area_i < 0)
        return jl_err_at(err, JL_EINPUT, path, 1, 1,
                         _("expected the area column \"%s\" named in %s, found none"),
                         m->area_col, map);
    for (j = 0; j < m->nw; j++)
        if (!m->w[j].used)
            return jl_err_at(err, JL_EINPUT, map, m->w[j].line, m->w[j].col,
                             _("expected a column of %s matching \"%s\", found none"), path,
                             m->w[j].pattern);
    return JL_OK;
}

/* One record of the wide CSV: a value for each column of the map. */
static int wide_record(jl_obs_set *out, jl_strmap *keys, const jl_csv *csv, const long *which,
                       char *const *colper, long area_i, const wmap *m, const char *path,
                       const char *division, jl_err *err)
{
    long line = jl_csv_line(csv);
    size_t i, nf = jl_csv_nfields(csv);
    const char *area = jl_csv_field(csv, (size_t)area_i);
    int rc;

    rc = jl_limit_len(area, JL_MAX_CODE, _("an area code"), "JL_MAX_CODE", path, line,
                      jl_csv_field_col(csv, (size_t)area_i), err);
    if (rc < 0)
        return rc;
    if (!*area)
        return jl_err_at(err, JL_EINPUT, path, line, jl_csv_field_col(csv, (size_t)area_i),
                         _("expected an area code, found an empty field"));
    for (i = 0; i < nf; i++) {
        jl_store_obs o;
        const char *v, *st = NULL;

        if (which[i] < 0)
            continue;
        v = jl_csv_field(csv, i);
        memset(&o, 0, sizeof o);
        if (jl_obs_value(&o.value, &st, v) < 0)
            return jl_err_at(err, JL_EINPUT, path, line, jl_csv_field_col(csv, i),
                             _("expected a number, \"..\" (missing), \".\" (not applicable), "
                               "\"-\" (zero) or nothing, found \"%s\""),
                             v);
        o.indicator = m->w[which[i]].indicator;
        o.division = division;
        o.area = area;
        o.period = colper[i];
        o.sex = "T";
        o.breakdown = "";
        o.status = st;
        o.source = path;
        /* The column is counted only for a message: counting it for
         * every cell made a wide line quadratic in its columns. */
        rc = jl_obs_add(out, keys, &o, path, line, 0, err);
        if (rc < 0) {
            err->col = jl_csv_field_col(csv, i);
            return rc;
        }
    }
    return JL_OK;
}

/* The map is decoded text; the CSV is raw bytes in csv (decoded here,
 * after the map is checked), or read from path when csv is NULL. */
static int read_wide(jl_obs_set *out, const char *path, const jl_obs_text *csv_in,
                     const char *map, const char *mtext, size_t mlen, const char *division,
                     jl_ind_lookup look, void *ctx, jl_err *err)
{
    char *text = NULL, **colper = NULL;
    size_t len, nf;
    wmap m;
    jl_strmap *keys = jl_strmap_new();
    jl_csv *csv = NULL;
    long area_i = -1, *which = NULL;
    int rc;

    memset(out, 0, sizeof *out);
    out->arena = jl_arena_new();
    memset(&m, 0, sizeof m);
    m.skip = jl_strmap_new();
    rc = wmap_parse(&m, map, mtext, mlen, look, ctx, err);
    if (rc < 0)
        goto done;
    rc = csv_in ? jl_text_from_mem(&text, &len, NULL, path, csv_in->data, csv_in->len, JL_ENC_AUTO,
                                   err)
                : jl_text_load(&text, &len, NULL, path, JL_ENC_AUTO, err);
    if (rc == 0)
        rc = open_csv(&csv, path, text, len, err);
    if (rc < 0)
        goto done;
    nf = jl_csv_nfields(csv);
    which = jl_xmalloc((nf ? nf : 1) * sizeof *which);
    colper = jl_xcalloc(nf ? nf : 1, sizeof *colper);
    rc = wide_header(which, colper, &area_i, &m, csv, path, map, out->arena, err);
    if (rc < 0)
        goto done;
    while ((rc = jl_csv_next(csv, err)) > 0) {
        if (jl_csv_nfields(csv) != nf) {
            rc = jl_err_at(err, JL_EINPUT, path, jl_csv_line(csv), 1,
                           _("expected %zu fields, found %zu"), nf, jl_csv_nfields(csv));
            goto done;
        }
        rc = wide_record(out, keys, csv, which, colper, area_i, &m, path, division, err);
        if (rc < 0)
            goto done;
    }
    if (rc == 0 && out->n == 0)
        rc = jl_err_at(err, JL_EINPUT, path, 2, 1,
                       _("expected at least one observation after the header, found none"));
done:
    wmap_dispose(&m);
    jl_free(which);
    jl_free(colper);
    jl_free(text);
    jl_csv_free(csv);
    jl_strmap_free(keys);
    if (rc < 0)
        jl_obs_set_dispose(out);
    return rc < 0 ? rc : JL_OK;
}

int jl_obs_read_wide(jl_obs_set *out, const char *path, const char *division, const char *map,
                     jl_ind_lookup look, void *ctx, jl_err *err)
{
    char *mtext = NULL;
    size_t mlen;
    int rc;

    memset(out, 0, sizeof *out);
    rc = jl_text_load(&mtext, &mlen, NULL, map, JL_ENC_UTF8, err);
    if (rc == 0)
        rc = read_wide(out, path, NULL, map, mtext, mlen, division, look, ctx, err);
    jl_free(mtext);
    return rc;
}

int jl_obs_read_wide_mem(jl_obs_set *out, const jl_obs_text *in, const jl_obs_text *map,
                         const char *division, jl_ind_lookup look, void *ctx, jl_err *err)
{
    char *mtext = NULL;
    size_t mlen;
    int rc;

    memset(out, 0, sizeof *out);
    rc = jl_text_from_mem(&mtext, &mlen, NULL, map->name, map->data, map->len, JL_ENC_UTF8, err);
    if (rc == 0)
        rc = read_wide(out, in->name, in, map->name, mtext, mlen, division, look, ctx, err);
    jl_free(mtext);
    return rc;
}
