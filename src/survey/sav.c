#include "survey/sav.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "core/num.h"
#include "core/strmap.h"

#include <math.h>
#include <readstat.h>
#include <stdio.h>
#include <string.h>

typedef struct lset { /* one value-label set of the file */
    const char **value, **label;
    size_t n, cap;
} lset;

typedef struct svar {
    char *name, *lset_name;
    int is_string;
} svar;

typedef struct reader {
    const jl_sav_handler *h;
    void *ctx;
    jl_err *err;
    int failed; /* a handler set err */
    jl_arena *a;
    jl_strmap *lsets_by_name;
    lset *lsets;
    size_t nlsets;
    svar *vars;
    size_t nvars;
    int dict_sent;
    long last_case;
    char encoding[64];
} reader;

static const char *value_text(readstat_value_t v, char *buf, size_t len)
{
    double d;

    if (readstat_value_type_class(v) == READSTAT_TYPE_CLASS_STRING) {
        const char *s = readstat_string_value(v);

        return s ? s : "";
    }
    d = readstat_double_value(v);
    if (!isfinite(d))
        return "";
    if (d == floor(d) && fabs(d) < 1e15)
        snprintf(buf, len, "%.0f", d);
    else
        jl_fmt_exact(buf, len, d);
    return buf;
}

static lset *find_lset(reader *rd, const char *name)
{
    size_t i;

    if (!name || !jl_strmap_get(rd->lsets_by_name, name, &i))
        return NULL;
    return &rd->lsets[i];
}

static int on_metadata(readstat_metadata_t *m, void *ctx)
{
    reader *rd = ctx;
    const char *enc = readstat_get_file_encoding(m);

    snprintf(rd->encoding, sizeof rd->encoding, "%s", enc && *enc ? enc : "?");
    return READSTAT_HANDLER_OK;
}

static int on_value_label(const char *set, readstat_value_t value, const char *label, void *ctx)
{
    reader *rd = ctx;
    size_t i;
    lset *s;
    char buf[64];

    if (!jl_strmap_get(rd->lsets_by_name, set, &i)) {
        i = rd->nlsets;
        rd->lsets = jl_xrealloc(rd->lsets, (i + 1) * sizeof *rd->lsets);
        memset(&rd->lsets[i], 0, sizeof rd->lsets[i]);
        jl_strmap_put(rd->lsets_by_name, set, i, NULL);
        rd->nlsets++;
    }
    s = &rd->lsets[i];
    s->value = jl_xgrow(s->value, &s->cap, s->n + 1, sizeof *s->value);
    s->label = jl_xrealloc(s->label, s->cap * sizeof *s->label);
    s->value[s->n] = jl_arena_strdup(rd->a, value_text(value, buf, sizeof buf));
    s->label[s->n] = jl_arena_strdup(rd->a, label ? label : "");
    s->n++;
    return READSTAT_HANDLER_OK;
}

static int on_variable(int index, readstat_variable_t *v, const char *val_labels, void *ctx)
{
    reader *rd = ctx;
    size_t i = (size_t)index;

    if (i >= rd->nvars) {
        rd->vars = jl_xrealloc(rd->vars, (i + 1) * sizeof *rd->vars);
        memset(rd->vars + rd->nvars, 0, (i + 1 - rd->nvars) * sizeof *rd->vars);
        rd->nvars = i + 1;
    }
    rd->vars[i].name = jl_arena_strdup(rd->a, readstat_variable_get_name(v));
    rd->vars[i].lset_name = val_labels ? jl_arena_strdup(rd->a, val_labels) : NULL;
    rd->vars[i].is_string =
        readstat_variable_get_type_class(v) == READSTAT_TYPE_CLASS_STRING;
    return READSTAT_HANDLER_OK;
}

static int send_dictionary(reader *rd)
{
    jl_sav_var *vs = jl_xcalloc(rd->nvars ? rd->nvars : 1, sizeof *vs);
    size_t i;
    int rc;

    for (i = 0; i < rd->nvars; i++) {
        lset *s = find_lset(rd, rd->vars[i].lset_name);

        vs[i].name = rd->vars[i].name ? rd->vars[i].name : "";
        vs[i].is_string = rd->vars[i].is_string;
        if (s) {
            vs[i].nlabels = s->n;
            vs[i].label_value = s->value;
            vs[i].label = s->label;
        }
    }
    rc = rd->h->dictionary(rd->ctx, vs, rd->nvars, rd->err);
    jl_free(vs);
    rd->dict_sent = 1;
    return rc;
}

static const char *label_of(reader *rd, size_t var, const char *text)
{
    lset *s = find_lset(rd, rd->vars[var].lset_name);
    size_t i;

    for (i = 0; s && i < s->n; i++)
        if (!strcmp(s->value[i], text))
            return s->label[i];
    return NULL;
}

static int on_value(int obs, readstat_variable_t *v, readstat_value_t value, void *ctx)
{
    reader *rd = ctx;
    size_t var = (size_t)readstat_variable_get_index(v);
    const char *text;
    char buf[64];
    int missing;

    if (!rd->dict_sent && send_dictionary(rd) < 0)
        goto fail;
    /* A case ends when the next one starts: ReadStat calls per value. */
    if ((long)obs != rd->last_case) {
        if (rd->last_case >= 0 && rd->h->case_end(rd->ctx, (size_t)rd->last_case + 1, rd->err) < 0)
            goto fail;
        rd->last_case = obs;
    }
    if (var >= rd->nvars)
        return READSTAT_HANDLER_OK;
    missing = readstat_value_is_missing(value, v);
    text = missing ? "" : value_text(value, buf, sizeof buf);
    if (rd->h->value(rd->ctx, (size_t)obs + 1, var, text, missing ? NULL : label_of(rd, var, text),
                     rd->err) < 0)
        goto fail;
    return READSTAT_HANDLER_OK;
fail:
    rd->failed = 1;
    return READSTAT_HANDLER_ABORT;
}

static void on_error(const char *msg, void *ctx)
{
    reader *rd = ctx;

    if (!rd->failed)
        jl_err_at(rd->err, JL_EINPUT, "", 0, 0, "%s", msg);
}

int jl_sav_read(const char *path, const jl_sav_handler *h, void *ctx, char *encoding,
                size_t enc_len, jl_err *err)
{
    readstat_parser_t *p = readstat_parser_init();
    readstat_error_t e;
    reader rd;
    size_t i;
    int rc = JL_OK;

    memset(&rd, 0, sizeof rd);
    rd.h = h;
    rd.ctx = ctx;
    rd.err = err;
    rd.a = jl_arena_new();
    rd.lsets_by_name = jl_strmap_new();
    rd.last_case = -1;
    readstat_set_metadata_handler(p, on_metadata);
    readstat_set_variable_handler(p, on_variable);
    readstat_set_value_label_handler(p, on_value_label);
    readstat_set_value_handler(p, on_value);
    readstat_set_error_handler(p, on_error);
    /* Strings reach jamlik as UTF-8 whatever the file's code page. */
    readstat_set_handler_character_encoding(p, "UTF-8");
    e = readstat_parse_sav(p, path, &rd);
    if (rd.failed)
        rc = err->code ? err->code : JL_EINPUT;
    else if (e != READSTAT_OK)
        rc = jl_err_at(err, e == READSTAT_ERROR_OPEN ? JL_EIO : JL_EINPUT, path, 0, 0,
                       _("expected an SPSS .sav file: %s"), readstat_error_message(e));
    else {
        /* A file with a dictionary and no cases still gets one. */
        if (!rd.dict_sent && send_dictionary(&rd) < 0)
            rc = err->code ? err->code : JL_EINPUT;
        else if (rd.last_case >= 0 &&
                 h->case_end(ctx, (size_t)rd.last_case + 1, err) < 0)
            rc = err->code ? err->code : JL_EINPUT;
    }
    if (encoding && enc_len)
        snprintf(encoding, enc_len, "%s", rd.encoding);
    readstat_parser_free(p);
    for (i = 0; i < rd.nlsets; i++) {
        jl_free(rd.lsets[i].value);
        jl_free(rd.lsets[i].label);
    }
    jl_free(rd.lsets);
    jl_free(rd.vars);
    jl_strmap_free(rd.lsets_by_name);
    jl_arena_free(rd.a);
    return rc;
}
