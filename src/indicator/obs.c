#include "indicator/obs.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/csv.h"
#include "core/diag.h"
#include "core/i18n.h"
#include "core/kv.h"
#include "core/num.h"
#include "core/strmap.h"
#include "core/text.h"

#include <ctype.h>
#include <jansson.h>
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

/* One observation into the set, with a duplicate check on its key. */
static int add(jl_obs_set *out, jl_strmap *keys, const jl_store_obs *o, const char *path,
               long line, long col, jl_err *err)
{
    jl_arena *a = out->arena;
    char key[512];
    size_t prev;

    {
        /* The key by hand: snprintf was a fifth of a million-row import. */
        const char *part[5] = {o->indicator, o->area, o->period, o->sex,
                               o->breakdown ? o->breakdown : ""};
        size_t w = 0, i, l;

        for (i = 0; i < 5; i++) {
            l = strlen(part[i]);
            if (w + l + 2 > sizeof key)
                l = sizeof key - w - 2;
            memcpy(key + w, part[i], l);
            w += l;
            key[w++] = '\x1f';
        }
        key[w - 1] = '\0';
    }
    if (!jl_strmap_put(keys, key, (size_t)line, &prev)) {
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

static int open_csv(jl_csv **csv, char **text, const char *path, jl_err *err)
{
    size_t len;
    int rc = jl_text_load(text, &len, NULL, path, JL_ENC_AUTO, err);

    if (rc < 0)
        return rc;
    rc = jl_csv_new(csv, path, *text, len, 0, err);
    if (rc < 0)
        return rc;
    rc = jl_csv_next(*csv, err);
    if (rc == 0)
        return jl_err_at(err, JL_EINPUT, path, 1, 1, _("expected a header line, found none"));
    return rc < 0 ? rc : JL_OK;
}

/* ---- long ---- */

int jl_obs_read_long(jl_obs_set *out, const char *path, const char *division, jl_ind_lookup look,
                     void *ctx, jl_err *err)
{
    static const char *const names[] = {"indicator", "area", "period", "value",
                                        "sex",       "breakdown", "status"};
    long col[7] = {-1, -1, -1, -1, -1, -1, -1};
    jl_csv *csv = NULL;
    char *text = NULL;
    jl_strmap *keys = jl_strmap_new();
    size_t i, j, nf;
    int rc;

    memset(out, 0, sizeof *out);
    out->arena = jl_arena_new();
    rc = open_csv(&csv, &text, path, err);
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
        rc = add(out, keys, &o, path, line, 1, err);
        if (rc < 0)
            goto done;
    }
    if (rc == 0 && out->n == 0)
        rc = jl_err_at(err, JL_EINPUT, path, 2, 1,
                       _("expected at least one observation after the header, found none"));
done:
    /* sex strings point into the CSV's buffer: copy before it goes. */
    for (i = 0; rc >= 0 && i < out->n; i++)
        out->o[i].sex = !strcmp(out->o[i].sex, "K") ? "K" : !strcmp(out->o[i].sex, "M") ? "M" : "T";
    jl_strmap_free(keys);
    jl_csv_free(csv);
    jl_free(text);
    if (rc < 0)
        jl_obs_set_dispose(out);
    return rc < 0 ? rc : JL_OK;
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

int jl_obs_read_wide(jl_obs_set *out, const char *path, const char *division, const char *map,
                     jl_ind_lookup look, void *ctx, jl_err *err)
{
    char *mtext = NULL, *text = NULL, *area_col = NULL, *def_period = NULL;
    size_t mlen, i, j, nw = 0, wcap = 0, nf;
    wcol *w = NULL;
    jl_strmap *skip = jl_strmap_new(), *keys = jl_strmap_new();
    jl_diag d;
    jl_kv *kv;
    jl_csv *csv = NULL;
    long area_i = -1, *which = NULL;
    char **colper = NULL;
    int rc;

    memset(out, 0, sizeof *out);
    out->arena = jl_arena_new();
    jl_diag_init(&d, map);
    rc = jl_text_load(&mtext, &mlen, NULL, map, JL_ENC_UTF8, err);
    if (rc < 0)
        goto done;
    kv = jl_kv_parse(mtext, mlen, &d);
    for (i = 0; i < kv->n; i++)
        for (j = 0; j < kv->s[i].n; j++) {
            const jl_kv_entry *e = &kv->s[i].e[j];

            if (!strcmp(e->key, "area")) {
                jl_free(area_col);
                area_col = jl_xstrdup(e->value);
            } else if (!strcmp(e->key, "period")) {
                if (!jl_period_valid(e->value))
                    jl_diag_add(&d, e->line, e->vcol,
                                _("expected a period such as 2022, 2024M01 or 2024K1, found "
                                  "\"%s\""),
                                e->value);
                jl_free(def_period);
                def_period = jl_xstrdup(e->value);
            } else if (!strcmp(e->key, "skip")) {
                char *copy = jl_xstrdup(e->value), *tok, *save = NULL;

                for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
                    jl_strmap_put(skip, tok, 0, NULL);
                jl_free(copy);
            } else if (!strcmp(e->key, "column")) {
                const char *eq = strstr(e->value, " = ");
                char ind[256], per[64];
                int k;
                wcol c;

                memset(&c, 0, sizeof c);
                per[0] = '\0';
                k = eq ? sscanf(eq + 3, "%255s %63s", ind, per) : 0;
                if (!eq || k < 1) {
                    jl_diag_add(&d, e->line, e->vcol,
                                _("expected \"COLUMN = INDICATOR [PERIOD]\", found \"%s\""),
                                e->value);
                    continue;
                }
                if (k == 2 && !jl_period_valid(per)) {
                    jl_diag_add(&d, e->line, e->vcol,
                                _("expected a period such as 2022, 2024M01 or 2024K1, found "
                                  "\"%s\""),
                                per);
                    continue;
                }
                c.pattern = jl_xstrndup(e->value, (size_t)(eq - e->value));
                c.indicator = jl_xstrdup(ind);
                c.period = k == 2 ? jl_xstrdup(per) : NULL;
                c.line = e->line;
                c.col = e->vcol;
                if (look(ctx, c.indicator) != 1) {
                    jl_diag_add(&d, e->line, e->vcol + (long)(eq - e->value) + 3,
                                look(ctx, c.indicator) == 2
                                    ? _("indicator %s is derived by its formula: import its "
                                        "parts instead")
                                    : _("expected a defined indicator, found \"%s\" (define it "
                                        "with \"jamlik indicator define\")"),
                                c.indicator);
                }
                w = jl_xgrow(w, &wcap, nw + 1, sizeof *w);
                w[nw++] = c;
            } else
                jl_diag_add(&d, e->line, e->kcol,
                            _("expected area, period, skip or column, found \"%s\""), e->key);
        }
    jl_kv_free(kv);
    if (!area_col)
        jl_diag_add(&d, 1, 1, _("expected \"area: COLUMN\" naming the area code column"));
    if (d.n) {
        jl_diag_sort(&d);
        rc = jl_diag_first(&d, err);
        goto done;
    }

    rc = open_csv(&csv, &text, path, err);
    if (rc < 0)
        goto done;
    nf = jl_csv_nfields(csv);
    which = jl_xmalloc((nf ? nf : 1) * sizeof *which);
    colper = jl_xcalloc(nf ? nf : 1, sizeof *colper);
    for (i = 0; i < nf; i++) {
        const char *h = jl_csv_field(csv, i);
        char per[64];

        which[i] = -1;
        if (!strcmp(h, area_col)) {
            area_i = (long)i;
            continue;
        }
        if (jl_strmap_get(skip, h, NULL))
            continue;
        for (j = 0; j < nw; j++)
            if (match(w[j].pattern, h, per, sizeof per)) {
                which[i] = (long)j;
                w[j].used = 1;
                colper[i] = jl_arena_strdup(out->arena, strstr(w[j].pattern, "{period}")
                                                            ? per
                                                            : w[j].period ? w[j].period
                                                                          : def_period ? def_period
                                                                                       : "");
                break;
            }
        if (which[i] < 0) {
            rc = jl_err_at(err, JL_EINPUT, path, 1, jl_csv_field_col(csv, i),
                           _("expected a column named in %s (column:, skip: or area:), found "
                             "\"%s\""),
                           map, h);
            goto done;
        }
        if (!*colper[i]) {
            rc = jl_err_at(err, JL_EINPUT, map, w[which[i]].line, w[which[i]].col,
                           _("expected a period for column %s: give one on the line or "
                             "\"period:\""),
                           h);
            goto done;
        }
    }
    if (area_i < 0) {
        rc = jl_err_at(err, JL_EINPUT, path, 1, 1,
                       _("expected the area column \"%s\" named in %s, found none"), area_col, map);
        goto done;
    }
    for (j = 0; j < nw; j++)
        if (!w[j].used) {
            rc = jl_err_at(err, JL_EINPUT, map, w[j].line, w[j].col,
                           _("expected a column of %s matching \"%s\", found none"), path,
                           w[j].pattern);
            goto done;
        }
    while ((rc = jl_csv_next(csv, err)) > 0) {
        long line = jl_csv_line(csv);
        const char *area;

        if (jl_csv_nfields(csv) != nf) {
            rc = jl_err_at(err, JL_EINPUT, path, line, 1, _("expected %zu fields, found %zu"), nf,
                           jl_csv_nfields(csv));
            goto done;
        }
        area = jl_csv_field(csv, (size_t)area_i);
        if (!*area) {
            rc = jl_err_at(err, JL_EINPUT, path, line, jl_csv_field_col(csv, (size_t)area_i),
                           _("expected an area code, found an empty field"));
            goto done;
        }
        for (i = 0; i < nf; i++) {
            jl_store_obs o;
            const char *v, *st = NULL;

            if (which[i] < 0)
                continue;
            v = jl_csv_field(csv, i);
            memset(&o, 0, sizeof o);
            if (jl_obs_value(&o.value, &st, v) < 0) {
                rc = jl_err_at(err, JL_EINPUT, path, line, jl_csv_field_col(csv, i),
                               _("expected a number, \"..\" (missing), \".\" (not applicable), "
                                 "\"-\" (zero) or nothing, found \"%s\""),
                               v);
                goto done;
            }
            o.indicator = w[which[i]].indicator;
            o.division = division;
            o.area = area;
            o.period = colper[i];
            o.sex = "T";
            o.breakdown = "";
            o.status = st;
            o.source = path;
            rc = add(out, keys, &o, path, line, jl_csv_field_col(csv, i), err);
            if (rc < 0)
                goto done;
        }
    }
    if (rc == 0 && out->n == 0)
        rc = jl_err_at(err, JL_EINPUT, path, 2, 1,
                       _("expected at least one observation after the header, found none"));
done:
    for (j = 0; j < nw; j++) {
        jl_free(w[j].pattern);
        jl_free(w[j].indicator);
        jl_free(w[j].period);
    }
    jl_free(w);
    jl_free(which);
    jl_free(colper);
    jl_free(area_col);
    jl_free(def_period);
    jl_free(mtext);
    jl_free(text);
    jl_csv_free(csv);
    jl_strmap_free(skip);
    jl_strmap_free(keys);
    jl_diag_dispose(&d);
    if (rc < 0)
        jl_obs_set_dispose(out);
    return rc < 0 ? rc : JL_OK;
}

/* ---- SCB PxWeb: JSON-stat 2.0 and v1 json ---- */

typedef struct jdim {
    const char *id;
    size_t n;
    const char **codes; /* by position */
    int role;           /* 0 other, 1 area, 2 time, 3 content, 4 sex */
    long keep;          /* --select: the position kept, or -1 */
    int breakdown;      /* an "other" dimension that varies: part of the key */
} jdim;

typedef struct jmap {
    char **from, **to;
    size_t n;
    char *area_const; /* "area: CODE" when the data has no region */
} jmap;

static void jmap_dispose(jmap *m)
{
    size_t i;

    for (i = 0; i < m->n; i++) {
        jl_free(m->from[i]);
        jl_free(m->to[i]);
    }
    jl_free(m->from);
    jl_free(m->to);
    jl_free(m->area_const);
    memset(m, 0, sizeof *m);
}

static int jmap_load(jmap *m, const char *path, jl_err *err)
{
    char *text = NULL;
    size_t len, i, j;
    jl_diag d;
    jl_kv *kv;
    int rc;

    memset(m, 0, sizeof *m);
    if (!path)
        return JL_OK;
    rc = jl_text_load(&text, &len, NULL, path, JL_ENC_UTF8, err);
    if (rc < 0)
        return rc;
    jl_diag_init(&d, path);
    kv = jl_kv_parse(text, len, &d);
    for (i = 0; i < kv->n; i++)
        for (j = 0; j < kv->s[i].n; j++) {
            const jl_kv_entry *e = &kv->s[i].e[j];
            const char *eq = strstr(e->value, " = ");

            if (!strcmp(e->key, "area")) {
                jl_free(m->area_const);
                m->area_const = jl_xstrdup(e->value);
            } else if ((!strcmp(e->key, "content") || !strcmp(e->key, "kpi")) && eq) {
                m->from = jl_xrealloc(m->from, (m->n + 1) * sizeof *m->from);
                m->to = jl_xrealloc(m->to, (m->n + 1) * sizeof *m->to);
                m->from[m->n] = jl_xstrndup(e->value, (size_t)(eq - e->value));
                m->to[m->n++] = jl_xstrdup(eq + 3);
            } else
                jl_diag_add(&d, e->line, e->kcol,
                            _("expected \"content: CODE = INDICATOR\" or \"area: CODE\", found "
                              "\"%s: %s\""),
                            e->key, e->value);
        }
    jl_kv_free(kv);
    jl_free(text);
    rc = d.n ? jl_diag_first(&d, err) : JL_OK;
    jl_diag_dispose(&d);
    if (rc < 0)
        jmap_dispose(m);
    return rc;
}

static const char *jmap_content(const jmap *m, const char *code)
{
    size_t i;

    for (i = 0; i < m->n; i++)
        if (!strcmp(m->from[i], code))
            return m->to[i];
    return code;
}

static const char *sex_of(const char *code)
{
    if (!strcmp(code, "1") || !strcmp(code, "M"))
        return "M";
    if (!strcmp(code, "2") || !strcmp(code, "K"))
        return "K";
    if (!strcmp(code, "1+2") || !strcmp(code, "TotSa") || !strcmp(code, "T"))
        return "T";
    return NULL;
}

static int role_of(json_t *root, const char *id)
{
    static const char *const roles[] = {"geo", "time", "metric"};
    json_t *r = json_object_get(root, "role");
    size_t i, k;

    for (i = 0; r && i < 3; i++) {
        json_t *a = json_object_get(r, roles[i]);

        for (k = 0; json_is_array(a) && k < json_array_size(a); k++)
            if (json_is_string(json_array_get(a, k)) &&
                !strcmp(json_string_value(json_array_get(a, k)), id))
                return (int)i + 1;
    }
    if (!strcmp(id, "Region"))
        return 1;
    if (!strcmp(id, "Tid"))
        return 2;
    if (!strcmp(id, "ContentsCode"))
        return 3;
    if (!strcmp(id, "Kon"))
        return 4;
    return 0;
}

/* A value cell of JSON: number, string with a number or a symbol, null. */
static int json_cell(double *v, const char **status, json_t *x)
{
    if (!x || json_is_null(x)) {
        *v = NAN;
        *status = "missing";
        return 0;
    }
    if (json_is_number(x)) {
        *v = json_number_value(x);
        *status = "ok";
        return 0;
    }
    if (json_is_string(x))
        return jl_obs_value(v, status, json_string_value(x));
    return -1;
}

static int apply_select(jdim *dims, size_t nd, const char *select, const char *path, jl_err *err)
{
    char *copy, *tok, *save = NULL;
    int rc = JL_OK;

    if (!select)
        return JL_OK;
    copy = jl_xstrdup(select);
    for (tok = strtok_r(copy, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(tok, '=');
        size_t i, k;

        if (!eq) {
            rc = jl_err_set(err, JL_EUSAGE, _("expected --select DIM=CODE, found \"%s\""), tok);
            break;
        }
        *eq = '\0';
        for (i = 0; i < nd && strcmp(dims[i].id, tok); i++)
            ;
        if (i == nd) {
            rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                           _("expected a dimension \"%s\" to select from, found none"), tok);
            break;
        }
        for (k = 0; k < dims[i].n && strcmp(dims[i].codes[k], eq + 1); k++)
            ;
        if (k == dims[i].n) {
            rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                           _("expected a code of dimension %s, found \"%s\""), tok, eq + 1);
            break;
        }
        dims[i].keep = (long)k;
    }
    jl_free(copy);
    return rc;
}

/* One observation from a cell at positions pos[] of the dimensions. */
static int jcell(jl_obs_set *out, jl_strmap *keys, const jdim *dims, size_t nd,
                 const size_t *pos, json_t *valj, json_t *statj, const jmap *m,
                 const char *division, const char *path, jl_ind_lookup look, void *ctx,
                 jl_err *err)
{
    char bd[512];
    size_t i, w = 0;
    jl_store_obs o;
    const char *st;
    int rc;

    memset(&o, 0, sizeof o);
    o.division = division;
    o.source = path;
    o.sex = "T";
    o.area = m->area_const;
    bd[0] = '\0';
    for (i = 0; i < nd; i++) {
        const char *code = dims[i].codes[pos[i]];

        if (dims[i].keep >= 0 && (long)pos[i] != dims[i].keep)
            return JL_OK;
        switch (dims[i].role) {
        case 1: o.area = code; break;
        case 2: o.period = code; break;
        case 3: o.indicator = jmap_content(m, code); break;
        case 4:
            o.sex = sex_of(code);
            if (!o.sex)
                return jl_err_at(err, JL_EINPUT, path, 0, 0,
                                 _("expected a sex code 1, 2, 1+2 or TotSa in dimension %s, "
                                   "found \"%s\""),
                                 dims[i].id, code);
            break;
        default:
            if (dims[i].breakdown && dims[i].keep < 0 && w + 2 < sizeof bd)
                w += (size_t)snprintf(bd + w, sizeof bd - w, "%s%s=%s", w ? ";" : "",
                                      dims[i].id, code);
        }
    }
    o.breakdown = bd;
    if (!o.area)
        return jl_err_at(err, JL_EINPUT, path, 0, 0,
                         _("expected a region dimension, found none; name the area with \"area: "
                           "CODE\" in a --map file"));
    if (!o.period || !jl_period_valid(o.period))
        return jl_err_at(err, JL_EINPUT, path, 0, 0,
                         _("expected a time dimension with periods such as 2022, 2024M01 or "
                           "2024K1, found \"%s\""),
                         o.period ? o.period : "");
    if (!o.indicator)
        return jl_err_at(err, JL_EINPUT, path, 0, 0,
                         _("expected a content dimension (ContentsCode), found none"));
    if (look(ctx, o.indicator) != 1)
        return jl_err_at(err, JL_EINPUT, path, 0, 0,
                         _("content code %s: expected a defined indicator; map it with "
                           "\"content: %s = ID\" in a --map file"),
                         o.indicator, o.indicator);
    if (json_cell(&o.value, &st, valj) < 0)
        return jl_err_at(err, JL_EINPUT, path, 0, 0,
                         _("expected a number, a symbol or null as a value, found another JSON "
                           "type"));
    o.status = st;
    if (json_is_string(statj)) {
        const char *s = json_string_value(statj);

        if (!strcmp(s, ".."))
            o.status = "missing";
        else if (!strcmp(s, "."))
            o.status = "not_applicable";
        if (strcmp(o.status, "ok"))
            o.value = NAN;
    }
    rc = add(out, keys, &o, path, 0, 0, err);
    return rc;
}

static int read_jsonstat2(jl_obs_set *out, json_t *root, const char *path, const char *division,
                          const jmap *m, const char *select, jl_ind_lookup look, void *ctx,
                          jl_err *err)
{
    json_t *ids = json_object_get(root, "id"), *dimo = json_object_get(root, "dimension");
    json_t *value = json_object_get(root, "value"), *status = json_object_get(root, "status");
    size_t nd = json_array_size(ids), i, total = 1, cell;
    jdim *dims;
    size_t *pos;
    jl_strmap *keys = jl_strmap_new();
    int rc = JL_OK;

    if (!json_is_array(ids) || !json_is_object(dimo) || !value)
        return jl_err_at(err, JL_EINPUT, path, 0, 0,
                         _("expected a JSON-stat 2.0 dataset with \"id\", \"dimension\" and "
                           "\"value\""));
    dims = jl_xcalloc(nd ? nd : 1, sizeof *dims);
    pos = jl_xcalloc(nd ? nd : 1, sizeof *pos);
    for (i = 0; i < nd && rc == 0; i++) {
        const char *id = json_string_value(json_array_get(ids, i));
        json_t *cat = json_object_get(json_object_get(dimo, id ? id : ""), "category");
        json_t *index = json_object_get(cat, "index");
        const char *code;
        json_t *p;

        if (!id || !cat) {
            rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                           _("expected dimension %s to have a \"category\""), id ? id : "?");
            break;
        }
        dims[i].id = id;
        dims[i].role = role_of(root, id);
        dims[i].keep = -1;
        /* index: an object code -> position, or an array of codes; a
         * dimension of one category may give only its label. */
        if (json_is_object(index)) {
            dims[i].n = json_object_size(index);
            dims[i].codes = jl_xcalloc(dims[i].n ? dims[i].n : 1, sizeof(char *));
            json_object_foreach(index, code, p)
            {
                json_int_t k = json_integer_value(p);

                if (!json_is_integer(p) || k < 0 || (size_t)k >= dims[i].n) {
                    rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                                   _("expected positions 0 to %zu in the index of dimension %s"),
                                   dims[i].n - 1, id);
                    break;
                }
                dims[i].codes[k] = code;
            }
        } else if (json_is_array(index)) {
            size_t k;

            dims[i].n = json_array_size(index);
            dims[i].codes = jl_xcalloc(dims[i].n ? dims[i].n : 1, sizeof(char *));
            for (k = 0; k < dims[i].n; k++)
                dims[i].codes[k] = json_string_value(json_array_get(index, k));
        } else if (json_is_object(json_object_get(cat, "label")) &&
                   json_object_size(json_object_get(cat, "label")) == 1) {
            dims[i].n = 1;
            dims[i].codes = jl_xcalloc(1, sizeof(char *));
            json_object_foreach(json_object_get(cat, "label"), code, p) dims[i].codes[0] = code;
        } else
            rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                           _("expected dimension %s to have a category index"), id);
        dims[i].breakdown = dims[i].n > 1;
        total *= dims[i].n;
    }
    if (rc == 0)
        rc = apply_select(dims, nd, select, path, err);
    if (rc == 0 && json_is_array(value) && json_array_size(value) != total)
        rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                       _("expected %zu values (the product of the dimensions' sizes), found %zu"),
                       total, json_array_size(value));
    /* Row-major over "id": the last dimension varies fastest. */
    for (cell = 0; rc == 0 && cell < total; cell++) {
        size_t rem = cell;
        char key[32];
        json_t *vj, *sj = NULL;

        for (i = nd; i-- > 0;) {
            pos[i] = rem % dims[i].n;
            rem /= dims[i].n;
        }
        snprintf(key, sizeof key, "%zu", cell);
        vj = json_is_array(value) ? json_array_get(value, cell) : json_object_get(value, key);
        if (json_is_object(status))
            sj = json_object_get(status, key);
        else if (json_is_array(status))
            sj = json_array_get(status, cell);
        else if (json_is_string(status))
            sj = status;
        rc = jcell(out, keys, dims, nd, pos, vj, sj, m, division, path, look, ctx, err);
    }
    for (i = 0; i < nd; i++)
        jl_free(dims[i].codes);
    jl_free(dims);
    jl_free(pos);
    jl_strmap_free(keys);
    return rc;
}

static int read_pxweb_v1(jl_obs_set *out, json_t *root, const char *path, const char *division,
                         const jmap *m, const char *select, jl_ind_lookup look, void *ctx,
                         jl_err *err)
{
    json_t *cols = json_object_get(root, "columns"), *data = json_object_get(root, "data");
    size_t nc = json_array_size(cols), i, r, nd = 0, ncont = 0;
    jdim dims[32];
    size_t pos[32], dimcol[32], contcol[32];
    const char *codes1[32][1];
    jl_strmap *keys = jl_strmap_new();
    int rc = JL_OK;

    (void)select;
    if (nc > 32) {
        jl_strmap_free(keys);
        return jl_err_at(err, JL_EINPUT, path, 0, 0, _("expected at most 32 columns"));
    }
    for (i = 0; i < nc; i++) {
        json_t *c = json_array_get(cols, i);
        const char *code = json_string_value(json_object_get(c, "code"));
        const char *type = json_string_value(json_object_get(c, "type"));

        if (!code || !type) {
            rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                           _("expected each column to have a \"code\" and a \"type\""));
            break;
        }
        if (!strcmp(type, "c"))
            contcol[ncont++] = i;
        else {
            memset(&dims[nd], 0, sizeof dims[nd]);
            dims[nd].id = code;
            dims[nd].role = !strcmp(type, "t") ? 2 : role_of(root, code);
            dims[nd].keep = -1;
            dims[nd].n = 1;
            dims[nd].codes = codes1[nd];
            /* v1 lists only the dimensions that were not eliminated:
             * each varies across the rows. */
            dims[nd].breakdown = 1;
            dimcol[nd] = i;
            nd++;
        }
    }
    /* The content codes become one more dimension. */
    memset(&dims[nd], 0, sizeof dims[nd]);
    dims[nd].id = "ContentsCode";
    dims[nd].role = 3;
    dims[nd].keep = -1;
    dims[nd].n = 1;
    dims[nd].codes = codes1[nd];
    for (r = 0; rc == 0 && r < json_array_size(data); r++) {
        json_t *row = json_array_get(data, r), *key = json_object_get(row, "key");
        json_t *vals = json_object_get(row, "values");
        size_t k;

        if (json_array_size(key) != nd || json_array_size(vals) != ncont) {
            rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                           _("expected row %zu to have %zu keys and %zu values"), r + 1, nd,
                           ncont);
            break;
        }
        for (k = 0; k < nd; k++) {
            codes1[k][0] = json_string_value(json_array_get(key, k));
            pos[k] = 0;
            if (!codes1[k][0]) {
                rc = jl_err_at(err, JL_EINPUT, path, 0, 0, _("expected keys as text in row %zu"),
                               r + 1);
                break;
            }
        }
        for (k = 0; rc == 0 && k < ncont; k++) {
            codes1[nd][0] = json_string_value(
                json_object_get(json_array_get(cols, contcol[k]), "code"));
            pos[nd] = 0;
            rc = jcell(out, keys, dims, nd + 1, pos, json_array_get(vals, k), NULL, m, division,
                       path, look, ctx, err);
        }
    }
    (void)dimcol;
    jl_strmap_free(keys);
    return rc;
}

/* Starts a JSON reader: an empty set, the map, the parsed file. On error
 * everything is released. */
static int open_json(jl_obs_set *out, jmap *m, json_t **root, const char *path, const char *map,
                     jl_err *err)
{
    json_error_t je;
    int rc;

    memset(out, 0, sizeof *out);
    out->arena = jl_arena_new();
    rc = jmap_load(m, map, err);
    if (rc < 0) {
        jl_obs_set_dispose(out);
        return rc;
    }
    *root = json_load_file(path, 0, &je);
    if (!*root) {
        jmap_dispose(m);
        jl_obs_set_dispose(out);
        if (je.line < 0)
            return jl_err_at(err, JL_EIO, path, 0, 0, _("cannot read the file: %s"), je.text);
        return jl_err_at(err, JL_EINPUT, path, je.line, je.column, _("expected JSON: %s"),
                         je.text);
    }
    return JL_OK;
}

int jl_obs_read_jsonstat(jl_obs_set *out, const char *path, const char *division, const char *map,
                         const char *select, jl_ind_lookup look, void *ctx, jl_err *err)
{
    json_t *root;
    jmap m;
    int rc;

    rc = open_json(out, &m, &root, path, map, err);
    if (rc < 0)
        return rc;
    if (json_is_array(json_object_get(root, "columns")) &&
        json_is_array(json_object_get(root, "data")))
        rc = read_pxweb_v1(out, root, path, division, &m, select, look, ctx, err);
    else
        rc = read_jsonstat2(out, root, path, division, &m, select, look, ctx, err);
    if (rc == 0 && out->n == 0)
        rc = jl_err_at(err, JL_EINPUT, path, 0, 0, _("expected observations, found none"));
    json_decref(root);
    jmap_dispose(&m);
    if (rc < 0)
        jl_obs_set_dispose(out);
    return rc;
}

/* ---- Kolada (RKA) API v2 and v3 ---- */

int jl_obs_read_kolada(jl_obs_set *out, const char *path, const char *division, const char *map,
                       jl_ind_lookup look, void *ctx, jl_err *err)
{
    json_t *root, *values;
    jl_strmap *keys = NULL;
    jmap m;
    size_t i, j;
    int rc;

    rc = open_json(out, &m, &root, path, map, err);
    if (rc < 0)
        return rc;
    keys = jl_strmap_new();
    values = json_object_get(root, "values");
    if (!json_is_array(values))
        rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                       _("expected a Kolada response with \"values\" (API v2 or v3)"));
    for (i = 0; rc == 0 && i < json_array_size(values); i++) {
        json_t *row = json_array_get(values, i), *per = json_object_get(row, "period");
        json_t *vals = json_object_get(row, "values");
        const char *kpi = json_string_value(json_object_get(row, "kpi"));
        /* municipality data, or organisational units ("ou") */
        const char *area = json_string_value(json_object_get(row, "municipality"));
        char period[32];

        if (!area)
            area = json_string_value(json_object_get(row, "ou"));
        if (json_is_integer(per))
            snprintf(period, sizeof period, "%lld", (long long)json_integer_value(per));
        else
            snprintf(period, sizeof period, "%s", json_is_string(per) ? json_string_value(per) : "");
        if (!kpi || !area || !json_is_array(vals)) {
            rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                           _("value %zu: expected \"kpi\", \"municipality\" (or \"ou\"), "
                             "\"period\" and \"values\""),
                           i + 1);
            break;
        }
        if (!jl_period_valid(period)) {
            rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                           _("value %zu: expected a period such as 2022, found \"%s\""), i + 1,
                           period);
            break;
        }
        for (j = 0; rc == 0 && j < json_array_size(vals); j++) {
            json_t *v = json_array_get(vals, j), *val = json_object_get(v, "value");
            const char *g = json_string_value(json_object_get(v, "gender"));
            const char *stat = json_string_value(json_object_get(v, "status"));
            jl_store_obs o;

            if (json_is_true(json_object_get(v, "isdeleted")))
                continue; /* v3: a value Kolada has withdrawn */
            memset(&o, 0, sizeof o);
            o.division = division;
            o.source = path;
            o.area = area;
            o.period = period;
            o.breakdown = "";
            o.indicator = jmap_content(&m, kpi);
            o.sex = g && !strcmp(g, "T") ? "T" : g && !strcmp(g, "K") ? "K"
                                                 : g && !strcmp(g, "M") ? "M"
                                                                        : NULL;
            if (!o.sex) {
                rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                               _("value %zu: expected gender T, K or M, found \"%s\""), i + 1,
                               g ? g : "");
                break;
            }
            if (look(ctx, o.indicator) != 1) {
                rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                               _("KPI %s: expected a defined indicator; map it with \"kpi: %s = "
                                 "ID\" in a --map file"),
                               kpi, kpi);
                break;
            }
            /* A null value is missing whatever its status says; the
             * status text is kept out of the figures. */
            if (json_is_number(val)) {
                o.value = json_number_value(val);
                o.status = "ok";
            } else if (json_is_null(val) || !val) {
                o.value = NAN;
                o.status = "missing";
            } else {
                rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                               _("value %zu: expected a number or null, found another JSON type"),
                               i + 1);
                break;
            }
            /* Kolada's own status word ("Saknas", ...) is kept beside ours. */
            o.note = stat;
            rc = add(out, keys, &o, path, 0, 0, err);
        }
    }
    if (rc == 0 && out->n == 0)
        rc = jl_err_at(err, JL_EINPUT, path, 0, 0, _("expected observations, found none"));
    json_decref(root);
    jmap_dispose(&m);
    jl_strmap_free(keys);
    if (rc < 0)
        jl_obs_set_dispose(out);
    return rc;
}
