#include "survey/wave.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/i18n.h"
#include "core/num.h"
#include "core/progress.h"
#include "core/strmap.h"
#include "core/utf8.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const GRADES[JL_NGRADES] = {"6", "7", "8", "9", "gy1", "gy2", "gy3"};

const char *jl_grade_name(int g)
{
    return g >= 0 && g < JL_NGRADES ? GRADES[g] : "";
}

int jl_grade_parse(const char *s)
{
    char t[16];
    size_t i, k = 0;
    int g;

    for (i = 0; s[i] && k + 1 < sizeof t; i++)
        if (s[i] != ' ')
            t[k++] = (char)tolower((unsigned char)s[i]);
    t[k] = '\0';
    if (s[i])
        return -1;
    for (g = 0; g < JL_NGRADES; g++)
        if (!strcmp(t, GRADES[g]))
            return g;
    return -1;
}

const char *jl_sex_name(int s)
{
    return s == 0 ? "K" : s == 1 ? "M" : "";
}

int jl_wave_default_date(char *out, size_t len, const char *name, jl_err *err)
{
    if (strlen(name) >= 4 && isdigit((unsigned char)name[0]) && isdigit((unsigned char)name[1]) &&
        isdigit((unsigned char)name[2]) && isdigit((unsigned char)name[3]) &&
        !isdigit((unsigned char)name[4]) && name[0] >= '1') {
        snprintf(out, len, "%.4s-01-01", name);
        return JL_OK;
    }
    return jl_err_set(err, JL_EUSAGE,
                      _("the wave name \"%s\" is not a year: give its date with --date "
                        "YYYY-MM-DD"),
                      name);
}

static int valid_date(const char *s)
{
    int y, m, d;
    char tail;

    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return 0;
    return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* ---- validity screens ---- */

static int cond_holds(const jl_instrument *in, const jl_cond *c, const uint8_t *ans)
{
    size_t i, r, hits = 0;

    for (i = 0; i < c->nitems; i++) {
        uint8_t b = ans[c->items[i]];
        long code;

        if (!b)
            continue;
        code = in->items[c->items[i]].codes[b - 1].code;
        for (r = 0; r < c->nranges; r++)
            if (code >= c->lo[r] && code <= c->hi[r]) {
                hits++;
                break;
            }
    }
    return c->atleast > 0 ? hits >= (size_t)c->atleast : hits > 0;
}

/* The first screen that excludes ans, or -1. */
static long screened(const jl_instrument *in, const uint8_t *ans)
{
    size_t s, r, c;

    for (s = 0; s < in->nscreens; s++)
        for (r = 0; r < in->screens[s].nrules; r++) {
            const jl_rule *rule = &in->screens[s].rules[r];
            int all = rule->n > 0;

            for (c = 0; c < rule->n && all; c++)
                all = cond_holds(in, &rule->c[c], ans);
            if (all)
                return (long)s;
        }
    return -1;
}

/* ---- storing ---- */

static void count_areas(jl_import_report *rep, jl_store *st, const jl_respondents *r,
                        jl_err *err);

typedef struct codes_ctx {
    jl_strmap *m;
} codes_ctx;

static void add_code(void *ctx, const char *const *cols, size_t n)
{
    (void)n;
    jl_strmap_put(((codes_ctx *)ctx)->m, cols[0], 0, NULL);
}

static void count_areas(jl_import_report *rep, jl_store *st, const jl_respondents *r,
                        jl_err *err)
{
    size_t d, i;

    for (d = 0; d < r->ndiv && d < 8; d++) {
        codes_ctx known = {jl_strmap_new()};
        jl_strmap *unknown = jl_strmap_new();

        jl_store_area_list(st, rep->div[d], add_code, &known, err);
        for (i = 0; i < r->n; i++) {
            const char *a = r->areas[i * r->ndiv + d];

            if (r->excluded && r->excluded[i])
                continue;
            if (!*a) {
                rep->div_missing[d]++;
                continue;
            }
            if (!jl_strmap_get(known.m, a, NULL)) {
                rep->div_unknown_resp[d]++;
                jl_strmap_put(unknown, a, 0, NULL);
            }
        }
        rep->div_unknown_codes[d] = jl_strmap_size(unknown);
        jl_strmap_free(known.m);
        jl_strmap_free(unknown);
    }
}

int jl_wave_store(jl_import_report *rep, jl_store *st, const jl_instrument *in,
                  const jl_import_opts *o, const char *divisions, jl_respondents *r, jl_err *err)
{
    jl_wave_info w;
    size_t i, s, chunk = 50000;
    int rc;
    const char *p;
    jl_progress pr;

    memset(&w, 0, sizeof w);
    if (strlen(o->wave) >= sizeof w.name || !*o->wave)
        return jl_err_set(err, JL_EUSAGE, _("expected a wave name of 1-127 bytes"));
    snprintf(w.instrument, sizeof w.instrument, "%s", in->id);
    snprintf(w.name, sizeof w.name, "%s", o->wave);
    if (o->date) {
        if (!valid_date(o->date))
            return jl_err_set(err, JL_EUSAGE, _("expected a date YYYY-MM-DD, found \"%s\""),
                              o->date);
        snprintf(w.date, sizeof w.date, "%s", o->date);
    } else {
        rc = jl_wave_default_date(w.date, sizeof w.date, o->wave, err);
        if (rc < 0)
            return rc;
    }
    if (strlen(divisions) >= sizeof w.divisions)
        return jl_err_set(err, JL_ELIMIT, _("too many area columns"));
    snprintf(w.divisions, sizeof w.divisions, "%s", divisions);
    snprintf(w.source, sizeof w.source, "%s", o->path ? o->path : "");
    w.synthetic = o->synthetic;

    /* Screens. */
    rep->n_excluded = 0;
    memset(rep->screen_n, 0, sizeof rep->screen_n);
    rep->nscreens = in->nscreens < 32 ? in->nscreens : 32;
    for (s = 0; s < rep->nscreens; s++)
        snprintf(rep->screen_id[s], sizeof rep->screen_id[s], "%s", in->screens[s].id);
    if (!r->excluded)
        r->excluded = jl_xcalloc(r->n ? r->n : 1, sizeof(char *));
    for (i = 0; i < r->n; i++) {
        long k = screened(in, r->answers + i * r->nitems);

        if (k >= 0) {
            r->excluded[i] = in->screens[k].id;
            if ((size_t)k < 32)
                rep->screen_n[k]++;
            rep->n_excluded++;
        }
    }
    rep->n_read = r->n;
    rep->n_imported = r->n - rep->n_excluded;
    w.n_read = (long)r->n;
    w.n_excluded = (long)rep->n_excluded;

    rep->ndiv = 0;
    for (p = divisions; *p && rep->ndiv < 8;) {
        const char *tab = strchr(p, '\t');
        size_t len = tab ? (size_t)(tab - p) : strlen(p);

        snprintf(rep->div[rep->ndiv++], 64, "%.*s", (int)len, p);
        p = tab ? tab + 1 : p + len;
    }
    count_areas(rep, st, r, err);

    rc = jl_store_begin(st, err);
    if (rc < 0)
        return rc;
    /* Area columns not yet known as divisions are created, so the codes are
     * kept and can be matched when the division's areas are imported. */
    for (i = 0; i < rep->ndiv; i++) {
        rc = jl_store_division_exists(st, rep->div[i], err);
        if (rc < 0)
            goto fail;
        if (rc == 0) {
            rc = jl_store_division_put(st, rep->div[i], rep->div[i], NULL, err);
            if (rc < 0)
                goto fail;
        }
    }
    rc = jl_store_wave_put(&rep->wave_id, st, &w, err);
    if (rc < 0)
        goto fail;
    jl_progress_start(&pr, _("Saving"), r->n, o->quiet);
    for (i = 0; i < r->n; i += chunk) {
        size_t to = i + chunk < r->n ? i + chunk : r->n;

        rc = jl_store_respondents_put(st, rep->wave_id, r, i, to, err);
        if (rc < 0)
            goto fail;
        jl_progress_update(&pr, to);
    }
    jl_progress_done(&pr);
    for (s = 0; s < rep->nscreens; s++) {
        rc = jl_store_wave_screen_put(st, rep->wave_id, rep->screen_id[s], (long)rep->screen_n[s],
                                      err);
        if (rc < 0)
            goto fail;
    }
    rc = jl_store_commit(st, err);
    if (rc < 0)
        return rc;
    return JL_OK;
fail:
    jl_store_rollback(st);
    return rc;
}

/* ---- CSV ---- */

enum { ROLE_SKIP = 0, ROLE_ID, ROLE_SCHOOL, ROLE_GRADE, ROLE_SEX, ROLE_AREA, ROLE_ITEM };

typedef struct colinfo {
    int role;
    size_t index; /* item index or area position */
    const char *name;
} colinfo;

static int in_list(const char *list, const char *name)
{
    const char *p = list;
    size_t n = strlen(name);

    while (p && *p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);

        if (len == n && !strncmp(p, name, n))
            return 1;
        p = comma ? comma + 1 : NULL;
    }
    return 0;
}

static void codes_list(char *buf, size_t len, const jl_item *it)
{
    size_t i, w = 0;
    int first = 1;

    buf[0] = '\0';
    for (i = 0; i < it->ncodes && w + 16 < len; i++) {
        if (it->codes[i].missing)
            continue;
        w += (size_t)snprintf(buf + w, len - w, "%s%ld", first ? "" : ", ", it->codes[i].code);
        first = 0;
    }
    for (i = 0, first = 1; i < it->ncodes && w + 32 < len; i++) {
        if (!it->codes[i].missing)
            continue;
        w += (size_t)snprintf(buf + w, len - w, "%s%ld", first ? _("; missing ") : ", ",
                              it->codes[i].code);
        first = 0;
    }
}

static int import_csv(jl_import_report *rep, jl_store *st, const jl_instrument *in,
                      const jl_import_opts *o, jl_err *err)
{
    char *text = NULL;
    size_t len, ncol = 0, i, j, cap = 0, n = 0, ndiv = 0;
    jl_encoding used;
    jl_csv *csv = NULL;
    colinfo *cols = NULL;
    jl_strmap *ids = NULL, *seen = NULL, *areacodes = NULL;
    jl_respondents r;
    jl_arena *arena = NULL;
    jl_buf divs;
    jl_progress pr;
    int rc, have_id = 0;
    long *item_col = NULL;

    memset(&r, 0, sizeof r);
    jl_buf_init(&divs, NULL, 4096);
    rc = jl_text_load(&text, &len, &used, o->path, o->enc, err);
    if (rc < 0)
        goto done;
    rep->encoding = used == JL_ENC_UTF8 ? "UTF-8" : used == JL_ENC_LATIN1 ? "Latin-1"
                                                                            : "Windows-1252";
    rep->format = "CSV";
    rc = jl_csv_new(&csv, o->path, text, len, 0, err);
    if (rc < 0)
        goto done;
    rep->delim = jl_csv_delim(csv);
    rc = jl_csv_next(csv, err);
    if (rc < 0)
        goto done;
    if (rc == 0) {
        rc = jl_err_at(err, JL_EINPUT, o->path, 1, 1, _("expected a header line, found none"));
        goto done;
    }
    /* Header. */
    ncol = jl_csv_nfields(csv);
    cols = jl_xcalloc(ncol, sizeof *cols);
    seen = jl_strmap_new();
    item_col = jl_xmalloc((in->nitems ? in->nitems : 1) * sizeof *item_col);
    for (i = 0; i < in->nitems; i++)
        item_col[i] = -1;
    arena = jl_arena_new();
    for (i = 0; i < ncol; i++) {
        const char *raw = jl_csv_field(csv, i);
        const char *name = jl_arena_strdup(arena, jl_mapping_column(o->map, raw));
        long it;
        size_t prev;

        cols[i].name = name;
        if (!jl_strmap_put(seen, name, i, &prev)) {
            rc = jl_err_at(err, JL_EINPUT, o->path, jl_csv_field_line(csv, i),
                           jl_csv_field_col(csv, i),
                           _("expected each column once, found \"%s\" again (first in column "
                             "%zu)"),
                           name, prev + 1);
            goto done;
        }
        if (!strcmp(name, "id")) {
            cols[i].role = ROLE_ID;
            have_id = 1;
        } else if (!strcmp(name, "school")) {
            cols[i].role = ROLE_SCHOOL;
        } else if (!strcmp(name, "grade")) {
            cols[i].role = ROLE_GRADE;
        } else if (!strcmp(name, "sex")) {
            cols[i].role = ROLE_SEX;
        } else if ((it = jl_instrument_item(in, name)) >= 0) {
            cols[i].role = ROLE_ITEM;
            cols[i].index = (size_t)it;
            item_col[it] = (long)i;
        } else {
            int known = o->areas ? in_list(o->areas, name) : 0;

            if (!o->areas) {
                known = jl_store_division_exists(st, name, err);
                if (known < 0) {
                    rc = known;
                    goto done;
                }
            }
            if (!known) {
                rc = jl_err_at(err, JL_EINPUT, o->path, jl_csv_field_line(csv, i),
                               jl_csv_field_col(csv, i),
                               _("expected a column of instrument %s (an item id), id, school, "
                                 "grade, sex or an area division, found \"%s\""),
                               in->id, name);
                goto done;
            }
            if (ndiv >= 8) {
                rc = jl_err_at(err, JL_EINPUT, o->path, jl_csv_field_line(csv, i),
                               jl_csv_field_col(csv, i),
                               _("expected at most 8 area columns, found \"%s\""), name);
                goto done;
            }
            cols[i].role = ROLE_AREA;
            cols[i].index = ndiv++;
            if (divs.len)
                jl_buf_putc(&divs, '\t');
            jl_buf_puts(&divs, name);
        }
    }
    if (!have_id) {
        rc = jl_err_at(err, JL_EINPUT, o->path, 1, 1,
                       _("expected a column \"id\" for the respondent id, found none"));
        goto done;
    }
    for (i = 0; i < in->nitems; i++)
        if (item_col[i] < 0) {
            rc = jl_err_at(err, JL_EINPUT, o->path, 1, 1,
                           _("expected a column for item %s of instrument %s, found none"),
                           in->items[i].id, in->id);
            goto done;
        }
    if (o->areas) {
        const char *p = o->areas;

        while (p && *p) {
            const char *comma = strchr(p, ',');
            size_t l = comma ? (size_t)(comma - p) : strlen(p);
            char name[128];

            snprintf(name, sizeof name, "%.*s", (int)l, p);
            if (!jl_strmap_get(seen, name, NULL)) {
                rc = jl_err_at(err, JL_EINPUT, o->path, 1, 1,
                               _("expected the area column \"%s\" named by --areas, found none"),
                               name);
                goto done;
            }
            p = comma ? comma + 1 : NULL;
        }
    }

    /* Rows. */
    r.nitems = in->nitems;
    r.ndiv = ndiv;
    ids = jl_strmap_new();
    areacodes = jl_strmap_new();
    jl_progress_start(&pr, _("Reading"), len, o->quiet);
    for (;;) {
        long line;

        rc = jl_csv_next(csv, err);
        if (rc < 0)
            goto done;
        if (rc == 0)
            break;
        line = jl_csv_line(csv);
        if (jl_csv_nfields(csv) != ncol) {
            long el, ec;

            if (jl_csv_last_unterminated(csv) && jl_csv_nfields(csv) < ncol) {
                jl_csv_end_pos(csv, &el, &ec);
                rc = jl_err_at(err, JL_EINPUT, o->path, el, ec,
                               _("expected %zu fields, found %zu: the file ends in the middle "
                                 "of a record (is it truncated?)"),
                               ncol, jl_csv_nfields(csv));
            } else {
                size_t f = jl_csv_nfields(csv) > ncol ? ncol : jl_csv_nfields(csv) - 1;

                rc = jl_err_at(err, JL_EINPUT, o->path, line, jl_csv_field_col(csv, f),
                               _("expected %zu fields, found %zu"), ncol, jl_csv_nfields(csv));
            }
            goto done;
        }
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 4096;

            r.ext_id = jl_xrealloc(r.ext_id, nc * sizeof(char *));
            r.school = jl_xrealloc(r.school, nc * sizeof(char *));
            r.grade = jl_xrealloc(r.grade, nc);
            r.sex = jl_xrealloc(r.sex, nc);
            r.areas = jl_xrealloc(r.areas, nc * (ndiv ? ndiv : 1) * sizeof(char *));
            r.answers = jl_xrealloc(r.answers, nc * (in->nitems ? in->nitems : 1));
            cap = nc;
        }
        r.school[n] = NULL;
        r.grade[n] = -1;
        r.sex[n] = -1;
        for (j = 0; j < ndiv; j++)
            r.areas[n * ndiv + j] = (char *)"";
        for (i = 0; i < ncol; i++) {
            const char *v = jl_csv_field(csv, i);

            if (o->map)
                v = jl_mapping_value(o->map, cols[i].name, v);
            switch (cols[i].role) {
            case ROLE_ID: {
                size_t first;

                if (!*v) {
                    rc = jl_err_at(err, JL_EINPUT, o->path, jl_csv_field_line(csv, i),
                                   jl_csv_field_col(csv, i),
                                   _("expected a respondent id, found an empty field"));
                    goto done;
                }
                if (!jl_strmap_put(ids, v, (size_t)line, &first)) {
                    rc = jl_err_at(err, JL_EINPUT, o->path, jl_csv_field_line(csv, i),
                                   jl_csv_field_col(csv, i),
                                   _("expected a unique respondent id, found \"%s\" again (first "
                                     "on line %zu)"),
                                   v, first);
                    goto done;
                }
                r.ext_id[n] = (char *)jl_strmap_key(ids, v);
                break;
            }
            case ROLE_SCHOOL:
                if (*v) {
                    jl_strmap_put(areacodes, v, 0, NULL);
                    r.school[n] = (char *)jl_strmap_key(areacodes, v);
                }
                break;
            case ROLE_GRADE:
                if (*v) {
                    int g = jl_grade_parse(v);

                    if (g < 0) {
                        rc = jl_err_at(err, JL_EINPUT, o->path, jl_csv_field_line(csv, i),
                                       jl_csv_field_col(csv, i),
                                       _("expected a grade (6, 7, 8, 9, gy1, gy2, gy3) or "
                                         "nothing, found \"%s\""),
                                       v);
                        goto done;
                    }
                    r.grade[n] = (int8_t)g;
                }
                break;
            case ROLE_SEX:
                if (!strcmp(v, "K") || !strcmp(v, "k"))
                    r.sex[n] = 0;
                else if (!strcmp(v, "M") || !strcmp(v, "m"))
                    r.sex[n] = 1;
                else if (*v) {
                    rc = jl_err_at(err, JL_EINPUT, o->path, jl_csv_field_line(csv, i),
                                   jl_csv_field_col(csv, i),
                                   _("expected K (girl), M (boy) or nothing, found \"%s\""), v);
                    goto done;
                }
                break;
            case ROLE_AREA:
                if (*v) {
                    jl_strmap_put(areacodes, v, 0, NULL);
                    r.areas[n * ndiv + cols[i].index] = (char *)jl_strmap_key(areacodes, v);
                }
                break;
            case ROLE_ITEM: {
                const jl_item *it = &in->items[cols[i].index];
                long code, k;
                uint8_t b = 0;

                if (*v) {
                    if (jl_parse_long(&code, v) < 0 || (k = jl_item_code_index(it, code)) < 0) {
                        char list[256];

                        codes_list(list, sizeof list, it);
                        rc = jl_err_at(err, JL_EINPUT, o->path, jl_csv_field_line(csv, i),
                                       jl_csv_field_col(csv, i),
                                       _("expected a code of item %s (%s) or nothing, found "
                                         "\"%s\""),
                                       it->id, list, v);
                        goto done;
                    }
                    b = (uint8_t)(k + 1);
                }
                r.answers[n * in->nitems + cols[i].index] = b;
                break;
            }
            default:
                break;
            }
        }
        n++;
        if ((n & 4095) == 0)
            jl_progress_update(&pr, jl_csv_offset(csv));
    }
    jl_progress_done(&pr);
    r.n = n;
    if (n == 0) {
        rc = jl_err_at(err, JL_EINPUT, o->path, 2, 1,
                       _("expected at least one respondent after the header, found none"));
        goto done;
    }
    rc = jl_wave_store(rep, st, in, o, jl_buf_str(&divs), &r, err);
done:
    jl_free(r.ext_id);
    jl_free(r.school);
    jl_free(r.grade);
    jl_free(r.sex);
    jl_free(r.areas);
    jl_free(r.answers);
    jl_free(r.excluded);
    jl_strmap_free(ids);
    jl_strmap_free(seen);
    jl_strmap_free(areacodes);
    jl_arena_free(arena);
    jl_buf_dispose(&divs);
    jl_free(cols);
    jl_free(item_col);
    jl_csv_free(csv);
    jl_free(text);
    return rc;
}

int jl_wave_import(jl_import_report *rep, jl_store *st, const jl_instrument *in,
                   const jl_import_opts *o, jl_err *err)
{
    memset(rep, 0, sizeof *rep);
    return import_csv(rep, st, in, o, err);
}
