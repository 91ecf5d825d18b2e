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
#include "survey/sav.h"

#include <assert.h>
#include <ctype.h>
#include <stdarg.h>
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

int jl_wave_date_valid(const char *s)
{
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;
    char tail;

    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return 0;
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
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

static void add_code(void *ctx, const jl_store_area *a)
{
    jl_strmap_put(((codes_ctx *)ctx)->m, a->code, 0, NULL);
}

static void count_areas(jl_import_report *rep, jl_store *st, const jl_respondents *r,
                        jl_err *err)
{
    size_t d, i;

    for (d = 0; d < r->ndiv && d < JL_MAX_AREA_COLUMNS; d++) {
        codes_ctx known = {jl_strmap_new()};
        jl_strmap *unknown = jl_strmap_new();

        jl_store_area_each(st, rep->div[d], add_code, &known, err);
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

    memset(&w, 0, sizeof w);
    if (strlen(o->wave) >= sizeof w.name || !*o->wave)
        return jl_err_set(err, JL_EUSAGE, _("expected a wave name of 1-127 bytes"));
    snprintf(w.instrument, sizeof w.instrument, "%s", in->id);
    snprintf(w.name, sizeof w.name, "%s", o->wave);
    if (o->date) {
        if (!jl_wave_date_valid(o->date))
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
    assert(in->nscreens <= JL_MAX_SCREENS); /* the parser refuses more */
    rep->nscreens = in->nscreens;
    for (s = 0; s < rep->nscreens; s++)
        snprintf(rep->screen_id[s], sizeof rep->screen_id[s], "%s", in->screens[s].id);
    if (!r->excluded)
        r->excluded = jl_xcalloc(r->n ? r->n : 1, sizeof(char *));
    for (i = 0; i < r->n; i++) {
        long k = screened(in, r->answers + i * r->nitems);

        if (k >= 0) {
            r->excluded[i] = in->screens[k].id;
            rep->screen_n[k]++;
            rep->n_excluded++;
        }
    }
    rep->n_read = r->n;
    rep->n_imported = r->n - rep->n_excluded;
    w.n_read = (long)r->n;
    w.n_excluded = (long)rep->n_excluded;

    rep->ndiv = 0;
    for (p = divisions; *p;) {
        const char *tab = strchr(p, '\t');
        size_t len = tab ? (size_t)(tab - p) : strlen(p);

        /* imp_column refused more columns and longer names */
        assert(rep->ndiv < JL_MAX_AREA_COLUMNS && len <= JL_MAX_ID);
        snprintf(rep->div[rep->ndiv++], sizeof rep->div[0], "%.*s", (int)len, p);
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
    for (i = 0; i < r->n; i += chunk) {
        size_t to = i + chunk < r->n ? i + chunk : r->n;

        rc = jl_store_respondents_put(st, rep->wave_id, r, i, to, err);
        if (rc < 0)
            goto fail;
        jl_progress_report(o->progress, JL_STAGE_SAVING, to, r->n);
    }
    jl_progress_end(o->progress, JL_STAGE_SAVING, r->n);
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

/* ---- the importer shared by the CSV and SPSS readers ---- */

enum { ROLE_SKIP = 0, ROLE_ID, ROLE_SCHOOL, ROLE_GRADE, ROLE_SEX, ROLE_AREA, ROLE_ITEM };

typedef struct colinfo {
    int role;
    size_t index; /* item index or area position */
    const char *name;
} colinfo;

/* Where a value came from: a CSV line and column, or a .sav case and
 * variable (SPSS files have no lines; the case number is what SPSS shows). */
typedef struct where {
    long line, col;      /* CSV, or: */
    const jl_csv *csv;   /* CSV field `field` of the current record, whose
                            column is counted only when an error needs it */
    size_t field;
    size_t case_no;      /* .sav: 1-based case, 0 for the dictionary */
    const char *var;     /* .sav: the variable's name */
} where;

/* One import in progress: the columns and the respondents read so far. */
typedef struct imp {
    const jl_instrument *in;
    const jl_import_opts *o;
    jl_store *st;
    int sav;
    colinfo *cols;
    size_t ncol, ndiv;
    long *item_col;
    jl_strmap *ids, *seen, *strings;
    jl_strmap *raw; /* the file's column names, before the mapping */
    jl_arena *arena;
    jl_buf divs;
    jl_respondents r;
    size_t cap;
} imp;

static int where_err(const imp *im, jl_err *err, const where *w, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int where_err(const imp *im, jl_err *err, const where *w, const char *fmt, ...)
{
    char msg[480];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (im->sav && (!w->var || !*w->var))
        return jl_err_at(err, JL_EINPUT, im->o->path, 0, 0, "%s", msg);
    if (!im->sav) {
        if (w->csv)
            return jl_err_at(err, JL_EINPUT, im->o->path, jl_csv_field_line(w->csv, w->field),
                             jl_csv_field_col(w->csv, w->field), "%s", msg);
        return jl_err_at(err, JL_EINPUT, im->o->path, w->line, w->col, "%s", msg);
    }
    if (w->case_no)
        return jl_err_at(err, JL_EINPUT, im->o->path, 0, 0, _("case %zu, variable %s: %s"),
                         w->case_no, w->var, msg);
    return jl_err_at(err, JL_EINPUT, im->o->path, 0, 0, _("variable %s: %s"), w->var, msg);
}

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

static void imp_init(imp *im, jl_store *st, const jl_instrument *in, const jl_import_opts *o,
                     int sav, size_t ncol)
{
    size_t i;

    memset(im, 0, sizeof *im);
    im->st = st;
    im->in = in;
    im->o = o;
    im->sav = sav;
    im->ncol = ncol;
    im->cols = jl_xcalloc(ncol ? ncol : 1, sizeof *im->cols);
    im->item_col = jl_xmalloc((in->nitems ? in->nitems : 1) * sizeof *im->item_col);
    for (i = 0; i < in->nitems; i++)
        im->item_col[i] = -1;
    im->seen = jl_strmap_new();
    im->raw = jl_strmap_new();
    im->ids = jl_strmap_new();
    im->strings = jl_strmap_new();
    im->arena = jl_arena_new();
    jl_buf_init(&im->divs, NULL, 4096);
    im->r.nitems = in->nitems;
}

static void imp_dispose(imp *im)
{
    jl_free(im->r.ext_id);
    jl_free(im->r.school);
    jl_free(im->r.grade);
    jl_free(im->r.sex);
    jl_free(im->r.areas);
    jl_free(im->r.answers);
    jl_free(im->r.excluded);
    jl_strmap_free(im->ids);
    jl_strmap_free(im->seen);
    jl_strmap_free(im->raw);
    jl_strmap_free(im->strings);
    jl_arena_free(im->arena);
    jl_buf_dispose(&im->divs);
    jl_free(im->cols);
    jl_free(im->item_col);
}

/* Column i is named raw in the file (before --map). */
static int imp_column(imp *im, size_t i, const char *raw, const where *w, jl_err *err)
{
    const char *name = jl_arena_strdup(im->arena, jl_mapping_column(im->o->map, raw));
    long it;
    size_t prev;

    im->cols[i].name = name;
    if (!jl_strmap_put(im->seen, name, i, &prev))
        return where_err(im, err, w,
                         _("expected each column once, found \"%s\" again (first in column %zu)"),
                         name, prev + 1);
    if (!strcmp(name, "id"))
        im->cols[i].role = ROLE_ID;
    else if (!strcmp(name, "school"))
        im->cols[i].role = ROLE_SCHOOL;
    else if (!strcmp(name, "grade"))
        im->cols[i].role = ROLE_GRADE;
    else if (!strcmp(name, "sex"))
        im->cols[i].role = ROLE_SEX;
    else if ((it = jl_instrument_item(im->in, name)) >= 0) {
        im->cols[i].role = ROLE_ITEM;
        im->cols[i].index = (size_t)it;
        im->item_col[it] = (long)i;
    } else {
        int known = im->o->areas ? in_list(im->o->areas, name) : 0;

        if (!im->o->areas) {
            known = jl_store_division_exists(im->st, name, err);
            if (known < 0)
                return known;
        }
        if (!known)
            return where_err(im, err, w,
                             _("expected a column of instrument %s (an item id), id, school, "
                               "grade, sex or an area division, found \"%s\""),
                             im->in->id, name);
        if (im->ndiv >= JL_MAX_AREA_COLUMNS)
            return where_err(im, err, w,
                             _("expected at most %d area columns, found \"%s\" too (limit "
                               "JL_MAX_AREA_COLUMNS)"),
                             JL_MAX_AREA_COLUMNS, name);
        if (strlen(name) > JL_MAX_ID)
            return where_err(im, err, w,
                             _("expected an area division of at most %d bytes, found %zu "
                               "bytes (limit JL_MAX_ID)"),
                             JL_MAX_ID, strlen(name));
        im->cols[i].role = ROLE_AREA;
        im->cols[i].index = im->ndiv++;
        if (im->divs.len)
            jl_buf_putc(&im->divs, '\t');
        jl_buf_puts(&im->divs, name);
    }
    return JL_OK;
}

/* After the last column: what must be there is there. */
static int imp_columns_done(imp *im, jl_err *err)
{
    const char *p = im->o->areas;
    where w = {1, 1, NULL, 0, 0, ""};
    size_t i;

    for (i = 0; i < im->ncol && im->cols[i].role != ROLE_ID; i++)
        ;
    if (i == im->ncol)
        return where_err(im, err, &w,
                         _("expected a column \"id\" for the respondent id, found none"));
    for (i = 0; i < im->in->nitems; i++)
        if (im->item_col[i] < 0)
            return where_err(im, err, &w,
                             _("expected a column for item %s of instrument %s, found none"),
                             im->in->items[i].id, im->in->id);
    while (p && *p) {
        const char *comma = strchr(p, ',');
        size_t l = comma ? (size_t)(comma - p) : strlen(p);
        char name[128];

        snprintf(name, sizeof name, "%.*s", (int)l, p);
        if (!jl_strmap_get(im->seen, name, NULL))
            return where_err(im, err, &w,
                             _("expected the area column \"%s\" named by --areas, found none"),
                             name);
        p = comma ? comma + 1 : NULL;
    }
    im->r.ndiv = im->ndiv;
    return JL_OK;
}

/* Starts respondent r.n with every field empty. */
static void imp_row(imp *im)
{
    size_t n = im->r.n, j, ndiv = im->ndiv;

    if (n == im->cap) {
        size_t nc = im->cap ? im->cap * 2 : 4096;

        im->r.ext_id = jl_xrealloc(im->r.ext_id, nc * sizeof(char *));
        im->r.school = jl_xrealloc(im->r.school, nc * sizeof(char *));
        im->r.grade = jl_xrealloc(im->r.grade, nc);
        im->r.sex = jl_xrealloc(im->r.sex, nc);
        im->r.areas = jl_xrealloc(im->r.areas, nc * (ndiv ? ndiv : 1) * sizeof(char *));
        im->r.answers = jl_xrealloc(im->r.answers, nc * (im->in->nitems ? im->in->nitems : 1));
        im->cap = nc;
    }
    im->r.ext_id[n] = NULL;
    im->r.school[n] = NULL;
    im->r.grade[n] = -1;
    im->r.sex[n] = -1;
    for (j = 0; j < ndiv; j++)
        im->r.areas[n * ndiv + j] = (char *)"";
    memset(im->r.answers + n * im->in->nitems, 0, im->in->nitems);
}

/* Value v (after --map) of column i for the current respondent. seq is
 * the line (CSV) or case (.sav) that a duplicate id points back to. */
static int imp_field(imp *im, size_t i, const char *v, size_t seq, const where *w, jl_err *err)
{
    size_t n = im->r.n;

    switch (im->cols[i].role) {
    case ROLE_ID: {
        size_t first;

        if (!*v)
            return where_err(im, err, w, _("expected a respondent id, found an empty field"));
        if (!jl_strmap_put(im->ids, v, seq, &first))
            return where_err(im, err, w,
                             im->sav ? _("expected a unique respondent id, found \"%s\" again "
                                         "(first in case %zu)")
                                     : _("expected a unique respondent id, found \"%s\" again "
                                         "(first on line %zu)"),
                             v, first);
        im->r.ext_id[n] = (char *)jl_strmap_key(im->ids, v);
        break;
    }
    case ROLE_SCHOOL:
        if (*v) {
            jl_strmap_put(im->strings, v, 0, NULL);
            im->r.school[n] = (char *)jl_strmap_key(im->strings, v);
        }
        break;
    case ROLE_GRADE:
        if (*v) {
            int g = jl_grade_parse(v);

            if (g < 0)
                return where_err(im, err, w,
                                 _("expected a grade (6, 7, 8, 9, gy1, gy2, gy3) or nothing, "
                                   "found \"%s\""),
                                 v);
            im->r.grade[n] = (int8_t)g;
        }
        break;
    case ROLE_SEX:
        if (!strcmp(v, "K") || !strcmp(v, "k"))
            im->r.sex[n] = 0;
        else if (!strcmp(v, "M") || !strcmp(v, "m"))
            im->r.sex[n] = 1;
        else if (*v)
            return where_err(im, err, w, _("expected K (girl), M (boy) or nothing, found \"%s\""),
                             v);
        break;
    case ROLE_AREA:
        if (*v) {
            jl_strmap_put(im->strings, v, 0, NULL);
            im->r.areas[n * im->ndiv + im->cols[i].index] =
                (char *)jl_strmap_key(im->strings, v);
        }
        break;
    case ROLE_ITEM: {
        const jl_item *it = &im->in->items[im->cols[i].index];
        long code, k;

        if (!*v)
            break;
        if (jl_parse_long(&code, v) < 0 || (k = jl_item_code_index(it, code)) < 0) {
            char list[256];

            codes_list(list, sizeof list, it);
            return where_err(im, err, w,
                             _("expected a code of item %s (%s) or nothing, found \"%s\""),
                             it->id, list, v);
        }
        im->r.answers[n * im->in->nitems + im->cols[i].index] = (uint8_t)(k + 1);
        break;
    }
    default:
        break;
    }
    return JL_OK;
}

static int imp_finish(imp *im, jl_import_report *rep, jl_err *err)
{
    where w = {2, 1, NULL, 0, 0, ""};

    if (im->r.n == 0)
        return where_err(im, err, &w,
                         _("expected at least one respondent after the header, found none"));
    return jl_wave_store(rep, im->st, im->in, im->o, jl_buf_str(&im->divs), &im->r, err);
}

/* ---- CSV ---- */

static int import_csv(jl_import_report *rep, jl_store *st, const jl_instrument *in,
                      const jl_import_opts *o, jl_err *err)
{
    char *text = NULL;
    size_t len, ncol, i;
    jl_encoding used;
    jl_csv *csv = NULL;
    imp im;
    int rc;

    memset(&im, 0, sizeof im);
    rc = jl_text_load(&text, &len, &used, o->path, o->enc, err);
    if (rc < 0)
        goto done;
    snprintf(rep->encoding, sizeof rep->encoding, "%s",
             used == JL_ENC_UTF8     ? "UTF-8"
             : used == JL_ENC_LATIN1 ? "Latin-1"
                                     : "Windows-1252");
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
    ncol = jl_csv_nfields(csv);
    imp_init(&im, st, in, o, 0, ncol);
    for (i = 0; i < ncol; i++)
        jl_strmap_put(im.raw, jl_csv_field(csv, i), i, NULL);
    rc = jl_mapping_check_sources(o->map, im.raw, o->path, err);
    if (rc < 0)
        goto done;
    for (i = 0; i < ncol; i++) {
        where w = {0, 0, csv, i, 0, NULL};

        rc = imp_column(&im, i, jl_csv_field(csv, i), &w, err);
        if (rc < 0)
            goto done;
    }
    rc = imp_columns_done(&im, err);
    if (rc < 0)
        goto done;

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

                rc = jl_csv_nfields(csv) == 1
                         ? jl_err_at(err, JL_EINPUT, o->path, line, jl_csv_field_col(csv, f),
                                     _("expected %zu fields separated by '%c' as in the "
                                       "header, found 1"),
                                     ncol, jl_csv_delim(csv))
                         : jl_err_at(err, JL_EINPUT, o->path, line, jl_csv_field_col(csv, f),
                                     _("expected %zu fields, found %zu"), ncol,
                                     jl_csv_nfields(csv));
            }
            goto done;
        }
        imp_row(&im);
        for (i = 0; i < ncol; i++) {
            const char *v = jl_csv_field(csv, i);

            if (im.cols[i].role == ROLE_SKIP)
                continue;
            if (o->map)
                v = jl_mapping_value(o->map, im.cols[i].name, v);
            {
                where w = {0, 0, csv, i, 0, NULL};

                rc = imp_field(&im, i, v, (size_t)line, &w, err);
                if (rc < 0)
                    goto done;
            }
        }
        im.r.n++;
        if ((im.r.n & 4095) == 0)
            jl_progress_report(o->progress, JL_STAGE_READING, jl_csv_offset(csv), len);
    }
    jl_progress_end(o->progress, JL_STAGE_READING, len);
    rc = imp_finish(&im, rep, err);
done:
    imp_dispose(&im);
    jl_csv_free(csv);
    jl_free(text);
    return rc;
}

/* ---- SPSS .sav ---- */

/* How an item variable's values become codes. SPSS files label their
 * values; where the labels are the instrument's code labels they say what
 * each value means, even when the file numbers the answers differently
 * (0-3 for codes 1-4, say). */
typedef struct savcol {
    size_t nlab;
    const char **value, **code; /* labelled value -> code text, or NULL:
                                   a label that is none of the item's */
    const char **label;
    int renumber;               /* some label moves a value to another code */
} savcol;

typedef struct savimp {
    imp im;
    jl_import_report *rep;
    savcol *sc;
    size_t cur; /* the case being read, 0 before the first */
    long ncases;
} savimp;

/* Labels compared without case and outer or doubled spaces. */
static int same_label(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ')
            a++;
        while (*b == ' ')
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        while (*a && *b && *a != ' ' && *b != ' ') {
            if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
                return 0;
            a++;
            b++;
        }
        if ((*a == ' ') != (*b == ' ') && *a && *b)
            return 0;
    }
}

static int sav_dictionary(void *ctx, const jl_sav_var *vars, size_t n, jl_err *err)
{
    savimp *si = ctx;
    imp *im = &si->im;
    size_t i, l, c;
    int rc;

    imp_init(im, im->st, im->in, im->o, 1, n);
    si->sc = jl_xcalloc(n ? n : 1, sizeof *si->sc);
    for (i = 0; i < n; i++)
        jl_strmap_put(im->raw, vars[i].name, i, NULL);
    rc = jl_mapping_check_sources(im->o->map, im->raw, im->o->path, err);
    if (rc < 0)
        return rc;
    for (i = 0; i < n; i++) {
        where w = {0, 0, NULL, 0, 0, vars[i].name};

        rc = imp_column(im, i, vars[i].name, &w, err);
        if (rc < 0)
            return rc;
    }
    rc = imp_columns_done(im, err);
    if (rc < 0)
        return rc;
    for (i = 0; i < n; i++) {
        const jl_item *it;
        savcol *sc = &si->sc[i];

        if (im->cols[i].role != ROLE_ITEM || !vars[i].nlabels)
            continue;
        it = &im->in->items[im->cols[i].index];
        sc->nlab = vars[i].nlabels;
        sc->value = jl_arena_alloc(im->arena, sc->nlab * sizeof(char *));
        sc->code = jl_arena_alloc(im->arena, sc->nlab * sizeof(char *));
        sc->label = jl_arena_alloc(im->arena, sc->nlab * sizeof(char *));
        for (l = 0; l < sc->nlab; l++) {
            sc->value[l] = jl_arena_strdup(im->arena, vars[i].label_value[l]);
            sc->label[l] = jl_arena_strdup(im->arena, vars[i].label[l]);
            sc->code[l] = NULL;
            for (c = 0; c < it->ncodes; c++)
                if (it->codes[c].label && same_label(it->codes[c].label, vars[i].label[l])) {
                    sc->code[l] = jl_arena_printf(im->arena, "%ld", it->codes[c].code);
                    if (strcmp(sc->code[l], sc->value[l]))
                        sc->renumber = 1;
                    break;
                }
        }
    }
    return JL_OK;
}

/* Grade from an SPSS label: "Åk 9", "årskurs 8", "Gy 2", "9". */
static int grade_from_label(const char *label)
{
    static const char *const prefix[] = {"årskurs", "Årskurs", "åk", "Åk", "ÅK", "år", "År"};
    size_t i;

    while (*label == ' ')
        label++;
    for (i = 0; i < sizeof prefix / sizeof prefix[0]; i++)
        if (!strncmp(label, prefix[i], strlen(prefix[i]))) {
            label += strlen(prefix[i]);
            break;
        }
    while (*label == ' ' || *label == '.')
        label++;
    return jl_grade_parse(label);
}

/* Sex from an SPSS label, in the words questionnaires use. */
static const char *sex_from_label(const char *label)
{
    static const char *const girl[] = {"K", "flicka", "tjej", "kvinna", "girl", "female", "f"};
    static const char *const boy[] = {"M", "pojke", "kille", "man", "boy", "male"};
    size_t i;

    for (i = 0; i < sizeof girl / sizeof girl[0]; i++)
        if (same_label(label, girl[i]))
            return "K";
    for (i = 0; i < sizeof boy / sizeof boy[0]; i++)
        if (same_label(label, boy[i]))
            return "M";
    return NULL;
}

static int sav_value(void *ctx, size_t case_no, size_t var, const char *text, const char *label,
                     jl_err *err)
{
    savimp *si = ctx;
    imp *im = &si->im;
    where w = {0, 0, NULL, 0, case_no, im->cols[var].name};
    const char *v = text;
    char shown[256];

    if (case_no != si->cur) {
        imp_row(im);
        si->cur = case_no;
    }
    if (im->cols[var].role == ROLE_SKIP)
        return JL_OK;
    if (im->o->map)
        v = jl_mapping_value(im->o->map, im->cols[var].name, v);
    if (!*v)
        return imp_field(im, var, v, case_no, &w, err);
    switch (im->cols[var].role) {
    case ROLE_ITEM: {
        const savcol *sc = &si->sc[var];
        size_t l;

        for (l = 0; l < sc->nlab && strcmp(sc->value[l], v); l++)
            ;
        if (l < sc->nlab && sc->code[l])
            v = sc->code[l];
        else if (l < sc->nlab) {
            char list[256];

            codes_list(list, sizeof list, &im->in->items[im->cols[var].index]);
            return where_err(im, err, &w,
                             _("expected a code of item %s (%s) or nothing, found %s labelled "
                               "\"%s\", which is none of the item's labels"),
                             im->in->items[im->cols[var].index].id, list, v, sc->label[l]);
        } else if (sc->renumber)
            return where_err(im, err, &w,
                             _("expected a labelled value, found %s without a label; the "
                               "variable's labels renumber the item's codes, so an unlabelled "
                               "value has no meaning"),
                             v);
        break;
    }
    case ROLE_GRADE:
        if (jl_grade_parse(v) < 0 && label) {
            int g = grade_from_label(label);

            if (g >= 0)
                v = jl_grade_name(g);
            else {
                snprintf(shown, sizeof shown, "%s = %s", v, label);
                v = shown;
            }
        }
        break;
    case ROLE_SEX:
        if (strcmp(v, "K") && strcmp(v, "M") && label) {
            const char *sx = sex_from_label(label);

            if (sx)
                v = sx;
            else {
                snprintf(shown, sizeof shown, "%s = %s", v, label);
                v = shown;
            }
        }
        break;
    default:
        break;
    }
    return imp_field(im, var, v, case_no, &w, err);
}

static int sav_case_end(void *ctx, size_t case_no, jl_err *err)
{
    savimp *si = ctx;

    (void)case_no;
    (void)err;
    si->im.r.n++;
    if ((si->im.r.n & 4095) == 0)
        jl_progress_report(si->im.o->progress, JL_STAGE_READING, si->im.r.n, 0);
    return JL_OK;
}

static int import_sav(jl_import_report *rep, jl_store *st, const jl_instrument *in,
                      const jl_import_opts *o, jl_err *err)
{
    static const jl_sav_handler h = {sav_dictionary, sav_value, sav_case_end};
    savimp si;
    int rc;

    memset(&si, 0, sizeof si);
    si.im.st = st;
    si.im.in = in;
    si.im.o = o;
    si.im.sav = 1;
    si.rep = rep;
    rep->format = "SPSS .sav";
    rc = jl_sav_read(o->path, &h, &si, rep->encoding, sizeof rep->encoding, err);
    jl_progress_end(o->progress, JL_STAGE_READING, 0);
    if (rc == 0)
        rc = imp_finish(&si.im, rep, err);
    if (si.im.cols)
        imp_dispose(&si.im);
    jl_free(si.sc);
    return rc;
}

int jl_wave_import(jl_import_report *rep, jl_store *st, const jl_instrument *in,
                   const jl_import_opts *o, jl_err *err)
{
    size_t n = strlen(o->path);

    memset(rep, 0, sizeof *rep);
    if (n >= 4 && !strcasecmp(o->path + n - 4, ".sav"))
        return import_sav(rep, st, in, o, err);
    return import_csv(rep, st, in, o, err);
}
