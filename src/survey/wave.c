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
#include "survey/wave_int.h"

#include <assert.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
    jl_imp_count_areas(rep, st, r, err);
    if (o->check_only)
        return JL_OK;

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
    if (o->replace) {
        jl_wave_info old;

        rc = jl_store_wave_find(&old, st, w.name, w.instrument, err);
        if (rc == JL_OK) {
            /* what the correction changes is kept with the new revision:
             * releases of the old one stay published (the audit's
             * one-extra-respondent attack) */
            rep->replaced = 1;
            rc = jl_store_wave_keep_old(st, old.id, err);
            if (rc == JL_OK)
                rc = jl_store_wave_delete(st, old.id, err);
        } else if (rc == JL_ENOTFOUND) {
            jl_err_clear(err);
            rc = JL_OK;
        }
        if (rc < 0)
            goto fail;
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
    if (rep->replaced) {
        rc = jl_store_wave_change_put(&rep->change, st, rep->wave_id, err);
        if (rc < 0)
            goto fail;
    }
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

/* ---- the importer shared by the CSV and SPSS readers (wave_int.h) ---- */

int jl_wave_delete(jl_wave_info *info, jl_store *st, const char *name, const char *instrument,
                   jl_err *err)
{
    int rc = jl_store_wave_find(info, st, name, instrument, err);

    if (rc < 0)
        return rc;
    rc = jl_store_begin(st, err);
    if (rc == 0)
        rc = jl_store_wave_delete(st, info->id, err);
    if (rc < 0) {
        jl_store_rollback(st);
        return rc;
    }
    return jl_store_commit(st, err);
}

int jl_imp_problem(jl_imp *im, int rc, jl_err *err)
{
    if (rc != JL_EINPUT || !im->o->diag)
        return rc;
    if (im->o->diag->n < JL_MAX_PROBLEMS)
        jl_diag_add_err(im->o->diag, err);
    else
        im->more++;
    jl_err_clear(err);
    return JL_OK;
}

int jl_imp_problems_end(jl_imp *im, jl_import_report *rep, jl_err *err)
{
    if (!im->o->diag || im->o->diag->n == 0)
        return JL_OK;
    rep->problems_more = im->more;
    return jl_diag_first(im->o->diag, err);
}

int jl_imp_where_err(const jl_imp *im, jl_err *err, const jl_imp_where *w, const char *fmt, ...)
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

void jl_imp_codes_list(char *buf, size_t len, const jl_item *it)
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

void jl_imp_init(jl_imp *im, jl_store *st, const jl_instrument *in, const jl_import_opts *o,
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
    jl_buf_init(&im->left, NULL, 1024);
    im->r.nitems = in->nitems;
}

void jl_imp_dispose(jl_imp *im)
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
    jl_buf_dispose(&im->left);
    jl_free(im->cols);
    jl_free(im->item_col);
}

/* A column the instrument does not know: left aside and named in the
 * report (a real export carries other questions, weights, comments), or
 * with --strict an error. */
static int unknown_column(jl_imp *im, size_t i, const char *name, const jl_imp_where *w,
                          jl_err *err)
{
    if (im->o->strict)
        return jl_imp_where_err(im, err, w,
                                _("expected a column of instrument %s (an item id), id, school, "
                                  "grade, sex or an area division, found \"%s\""),
                                im->in->id, name);
    im->cols[i].role = JL_ROLE_SKIP;
    if (im->nleft++)
        jl_buf_puts(&im->left, ", ");
    jl_buf_puts(&im->left, name);
    return JL_OK;
}

int jl_imp_column(jl_imp *im, size_t i, const char *raw, const jl_imp_where *w, jl_err *err)
{
    const char *mapped = jl_mapping_column(im->o->map, raw);
    const char *name;
    long it;
    size_t prev;

    if (!mapped) {
        im->cols[i].role = JL_ROLE_SKIP;
        im->cols[i].name = jl_arena_strdup(im->arena, raw);
        im->nskipped++;
        return JL_OK;
    }
    name = jl_arena_strdup(im->arena, mapped);
    im->cols[i].name = name;
    if (!jl_strmap_put(im->seen, name, i, &prev))
        return jl_imp_where_err(
            im, err, w, _("expected each column once, found \"%s\" again (first in column %zu)"),
            name, prev + 1);
    if (!strcmp(name, "id"))
        im->cols[i].role = JL_ROLE_ID;
    else if (!strcmp(name, "school"))
        im->cols[i].role = JL_ROLE_SCHOOL;
    else if (!strcmp(name, "grade"))
        im->cols[i].role = JL_ROLE_GRADE;
    else if (!strcmp(name, "sex"))
        im->cols[i].role = JL_ROLE_SEX;
    else if ((it = jl_instrument_item(im->in, name)) >= 0) {
        im->cols[i].role = JL_ROLE_ITEM;
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
            return unknown_column(im, i, name, w, err);
        if (im->ndiv >= JL_MAX_AREA_COLUMNS)
            return jl_imp_where_err(im, err, w,
                                    _("expected at most %d area columns, found \"%s\" too (limit "
                                      "JL_MAX_AREA_COLUMNS)"),
                                    JL_MAX_AREA_COLUMNS, name);
        if (strlen(name) > JL_MAX_ID)
            return jl_imp_where_err(im, err, w,
                                    _("expected an area division of at most %d bytes, found %zu "
                                      "bytes (limit JL_MAX_ID)"),
                                    JL_MAX_ID, strlen(name));
        im->cols[i].role = JL_ROLE_AREA;
        im->cols[i].index = im->ndiv++;
        if (im->divs.len)
            jl_buf_putc(&im->divs, '\t');
        jl_buf_puts(&im->divs, name);
    }
    return JL_OK;
}

int jl_imp_columns_done(jl_imp *im, jl_err *err)
{
    const char *p = im->o->areas;
    jl_imp_where w = {1, 1, NULL, 0, 0, ""};
    size_t i;

    for (i = 0; i < im->ncol && im->cols[i].role != JL_ROLE_ID; i++)
        ;
    if (i == im->ncol && im->nleft)
        return jl_imp_where_err(im, err, &w,
                                _("expected a column \"id\" for the respondent id, found none "
                                  "(columns left aside: %s)"),
                                jl_buf_str(&im->left));
    if (i == im->ncol)
        return jl_imp_where_err(im, err, &w,
                                _("expected a column \"id\" for the respondent id, found none"));
    for (i = 0; i < im->in->nitems; i++)
        if (im->item_col[i] < 0)
            return jl_imp_where_err(im, err, &w,
                                    _("expected a column for item %s of instrument %s, found none"),
                                    im->in->items[i].id, im->in->id);
    while (p && *p) {
        const char *comma = strchr(p, ',');
        size_t l = comma ? (size_t)(comma - p) : strlen(p);
        char name[128];

        snprintf(name, sizeof name, "%.*s", (int)l, p);
        if (!jl_strmap_get(im->seen, name, NULL))
            return jl_imp_where_err(
                im, err, &w, _("expected the area column \"%s\" named by --areas, found none"),
                name);
        p = comma ? comma + 1 : NULL;
    }
    im->r.ndiv = im->ndiv;
    return JL_OK;
}

void jl_imp_row(jl_imp *im)
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

int jl_imp_field(jl_imp *im, size_t i, const char *v, size_t seq, const jl_imp_where *w,
                 jl_err *err)
{
    size_t n = im->r.n;

    switch (im->cols[i].role) {
    case JL_ROLE_ID: {
        size_t first;

        if (!*v)
            return jl_imp_where_err(im, err, w,
                                    _("expected a respondent id, found an empty field"));
        if (!jl_strmap_put(im->ids, v, seq, &first))
            return jl_imp_where_err(im, err, w,
                                    im->sav
                                        ? _("expected a unique respondent id, found \"%s\" again "
                                            "(first in case %zu)")
                                        : _("expected a unique respondent id, found \"%s\" again "
                                            "(first on line %zu)"),
                                    v, first);
        im->r.ext_id[n] = (char *)jl_strmap_key(im->ids, v);
        break;
    }
    case JL_ROLE_SCHOOL:
        if (*v) {
            jl_strmap_put(im->strings, v, 0, NULL);
            im->r.school[n] = (char *)jl_strmap_key(im->strings, v);
        }
        break;
    case JL_ROLE_GRADE:
        if (*v) {
            int g = jl_grade_parse(v);

            if (g < 0)
                return jl_imp_where_err(
                    im, err, w,
                    _("expected a grade (6, 7, 8, 9, gy1, gy2, gy3) or nothing, "
                      "found \"%s\"; a map's \"value: grade %s = 8\" says which it is"),
                    v, v);
            im->r.grade[n] = (int8_t)g;
        }
        break;
    case JL_ROLE_SEX: {
        int sx = jl_sex_parse(v);

        if (sx == JL_SEX_UNKNOWN)
            return jl_imp_where_err(im, err, w,
                                    _("expected K (girl), M (boy), another answer (annat, "
                                      "ickebinär, vill inte svara) or nothing, found \"%s\"; a "
                                      "map's \"value: sex %s = K\" (or M, or annat) says what it "
                                      "means"),
                                    v, v);
        /* Another answer counts in every total and in no breakdown by
         * sex, as a blank does. */
        if (sx == JL_SEX_OTHER)
            im->nsex_other++;
        else if (sx >= 0)
            im->r.sex[n] = (int8_t)sx;
        break;
    }
    case JL_ROLE_AREA:
        if (*v) {
            jl_strmap_put(im->strings, v, 0, NULL);
            im->r.areas[n * im->ndiv + im->cols[i].index] =
                (char *)jl_strmap_key(im->strings, v);
        }
        break;
    case JL_ROLE_ITEM: {
        const jl_item *it = &im->in->items[im->cols[i].index];
        long code, k;

        if (!*v)
            break;
        if (jl_parse_long(&code, v) < 0 || (k = jl_item_code_index(it, code)) < 0) {
            char list[256];

            jl_imp_codes_list(list, sizeof list, it);
            return jl_imp_where_err(im, err, w,
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

int jl_imp_finish(jl_imp *im, jl_import_report *rep, jl_err *err)
{
    jl_imp_where w = {2, 1, NULL, 0, 0, ""};
    const char *left = jl_buf_str(&im->left);
    int rc;

    if (im->r.n == 0)
        return jl_imp_where_err(im, err, &w,
                                _("expected at least one respondent after the header, found none"));
    rc = jl_wave_store(rep, im->st, im->in, im->o, jl_buf_str(&im->divs), &im->r, err);
    rep->nleft = im->nleft;
    rep->n_sex_other = im->nsex_other;
    rep->nskipped = im->nskipped;
    if (strlen(left) < sizeof rep->left)
        snprintf(rep->left, sizeof rep->left, "%s", left);
    else {
        /* Cut at the last whole name that fits, and say so. */
        size_t cut = sizeof rep->left - 5;

        while (cut > 0 && strncmp(left + cut, ", ", 2))
            cut--;
        snprintf(rep->left, sizeof rep->left, "%.*s ...", (int)cut, left);
    }
    return rc;
}

/* ---- CSV ---- */

static int import_csv(jl_import_report *rep, jl_store *st, const jl_instrument *in,
                      const jl_import_opts *o, jl_err *err)
{
    char *text = NULL;
    size_t len, ncol, i;
    jl_encoding used;
    jl_csv *csv = NULL;
    jl_imp im;
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
    jl_imp_init(&im, st, in, o, 0, ncol);
    for (i = 0; i < ncol; i++)
        jl_strmap_put(im.raw, jl_csv_field(csv, i), i, NULL);
    rc = jl_mapping_check_sources(o->map, im.raw, o->path, err);
    if (rc < 0)
        goto done;
    for (i = 0; i < ncol; i++) {
        jl_imp_where w = {0, 0, csv, i, 0, NULL};

        rc = jl_imp_problem(&im, jl_imp_column(&im, i, jl_csv_field(csv, i), &w, err), err);
        if (rc < 0)
            goto done;
    }
    rc = jl_imp_problem(&im, jl_imp_columns_done(&im, err), err);
    /* Rows are read only under a header that holds together. */
    if (rc == 0)
        rc = jl_imp_problems_end(&im, rep, err);
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
            rc = jl_imp_problem(&im, rc, err);
            if (rc < 0)
                goto done;
            continue;
        }
        jl_imp_row(&im);
        for (i = 0; i < ncol; i++) {
            const char *v = jl_csv_field(csv, i);

            if (im.cols[i].role == JL_ROLE_SKIP)
                continue;
            if (o->map)
                v = jl_mapping_value(o->map, im.cols[i].name, v);
            {
                jl_imp_where w = {0, 0, csv, i, 0, NULL};

                rc = jl_imp_problem(&im, jl_imp_field(&im, i, v, (size_t)line, &w, err), err);
                if (rc < 0)
                    goto done;
            }
        }
        im.r.n++;
        if ((im.r.n & 4095) == 0)
            jl_progress_report(o->progress, JL_STAGE_READING, jl_csv_offset(csv), len);
    }
    jl_progress_end(o->progress, JL_STAGE_READING, len);
    rc = jl_imp_problems_end(&im, rep, err);
    if (rc == 0)
        rc = jl_imp_finish(&im, rep, err);
done:
    jl_imp_dispose(&im);
    jl_csv_free(csv);
    jl_free(text);
    return rc;
}

int jl_wave_import(jl_import_report *rep, jl_store *st, const jl_instrument *in,
                   const jl_import_opts *o, jl_err *err)
{
    size_t n = strlen(o->path);

    memset(rep, 0, sizeof *rep);
    if (n >= 4 && !strcasecmp(o->path + n - 4, ".sav"))
        return jl_wave_import_sav(rep, st, in, o, err);
    return import_csv(rep, st, in, o, err);
}
