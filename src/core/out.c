#include "core/out.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/num.h"
#include "core/utf8.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Output is written by one thread; stdio's lock per character was a
 * tenth of writing a million-row CSV. */
#define fputc(c, f) fputc_unlocked((c), (f))
#define fputs(s, f) fputs_unlocked((s), (f))

typedef enum { K_STR, K_NUM, K_BOOL, K_NULL } kind;

struct jl_out {
    FILE *f;
    jl_format fmt;
    size_t ncols, col;
    char **ids, **labels;
    unsigned char *right;
    unsigned char *hidden; /* table only */
    /* table: every cell of every row, row-major */
    char **cells;
    size_t ncells, cap;
    char **notes;
    size_t nnotes;
    char **meta;
    size_t nmeta;
    size_t nrows;
    int started;
};

int jl_format_parse(jl_format *out, const char *s)
{
    if (!strcmp(s, "table"))
        *out = JL_FMT_TABLE;
    else if (!strcmp(s, "csv"))
        *out = JL_FMT_CSV;
    else if (!strcmp(s, "json"))
        *out = JL_FMT_JSON;
    else
        return -1;
    return 0;
}

jl_out *jl_out_new(FILE *f, jl_format fmt, const char *const *ids, const char *const *labels,
                   size_t ncols)
{
    jl_out *o = jl_xcalloc(1, sizeof *o);
    size_t i;

    o->f = f;
    o->fmt = fmt;
    o->ncols = ncols;
    o->ids = jl_xcalloc(ncols, sizeof(char *));
    o->labels = jl_xcalloc(ncols, sizeof(char *));
    o->right = jl_xcalloc(ncols, 1);
    o->hidden = jl_xcalloc(ncols, 1);
    for (i = 0; i < ncols; i++) {
        o->ids[i] = jl_xstrdup(ids[i]);
        o->labels[i] = jl_xstrdup(labels ? labels[i] : ids[i]);
    }
    return o;
}

void jl_out_note(jl_out *o, const char *note)
{
    o->notes = jl_xrealloc(o->notes, (o->nnotes + 1) * sizeof(char *));
    o->notes[o->nnotes++] = jl_xstrdup(note);
}

void jl_out_meta(jl_out *o, const char *key, const char *value)
{
    o->meta = jl_xrealloc(o->meta, (o->nmeta + 2) * sizeof(char *));
    o->meta[o->nmeta++] = jl_xstrdup(key);
    o->meta[o->nmeta++] = jl_xstrdup(value);
}

void jl_out_meta_num(jl_out *o, const char *key, double value)
{
    char buf[64];

    /* A leading \001 marks a value written as a bare JSON number. */
    buf[0] = '\001';
    if (isnan(value) || isinf(value))
        snprintf(buf + 1, sizeof buf - 1, "null");
    else
        jl_fmt_exact(buf + 1, sizeof buf - 1, value);
    jl_out_meta(o, key, buf);
}

void jl_out_align_right(jl_out *o, size_t col)
{
    if (col < o->ncols)
        o->right[col] = 1;
}

void jl_out_table_hide(jl_out *o, size_t col)
{
    if (col < o->ncols)
        o->hidden[col] = 1;
}

void jl_csv_write_field(FILE *f, const char *s)
{
    if (strpbrk(s, ",;\"\n\r")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
}

void jl_json_write_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c == '\r')
            fputs("\\r", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void start(jl_out *o)
{
    size_t i;

    if (o->started)
        return;
    o->started = 1;
    if (o->fmt == JL_FMT_CSV) {
        for (i = 0; i < o->nnotes; i++)
            fprintf(stderr, "%s\n", o->notes[i]);
        for (i = 0; i < o->ncols; i++) {
            if (i)
                fputc(',', o->f);
            jl_csv_write_field(o->f, o->ids[i]);
        }
        fputc('\n', o->f);
    } else if (o->fmt == JL_FMT_JSON) {
        fputs("{\"notes\":[", o->f);
        for (i = 0; i < o->nnotes; i++) {
            if (i)
                fputc(',', o->f);
            jl_json_write_str(o->f, o->notes[i]);
        }
        fputs("],\"meta\":{", o->f);
        for (i = 0; i + 1 < o->nmeta; i += 2) {
            if (i)
                fputc(',', o->f);
            jl_json_write_str(o->f, o->meta[i]);
            fputc(':', o->f);
            if (o->meta[i + 1][0] == '\001')
                fputs(o->meta[i + 1] + 1, o->f);
            else
                jl_json_write_str(o->f, o->meta[i + 1]);
        }
        fputs("},\"rows\":[", o->f);
    }
}

static void cell(jl_out *o, const char *text, kind k)
{
    start(o);
    if (o->fmt == JL_FMT_TABLE) {
        o->cells = jl_xgrow(o->cells, &o->cap, o->ncells + 1, sizeof(char *));
        o->cells[o->ncells++] = jl_xstrdup(text);
    } else if (o->fmt == JL_FMT_CSV) {
        if (o->col)
            fputc(',', o->f);
        jl_csv_write_field(o->f, text);
    } else {
        fputs(o->col ? "," : (o->nrows ? ",\n{" : "\n{"), o->f);
        jl_json_write_str(o->f, o->ids[o->col]);
        fputc(':', o->f);
        if (k == K_STR)
            jl_json_write_str(o->f, text);
        else if (k == K_NULL || !*text)
            fputs("null", o->f);
        else
            fputs(text, o->f);
    }
    o->col++;
}

void jl_out_str(jl_out *o, const char *s)
{
    cell(o, s ? s : "", s && *s ? K_STR : K_NULL);
}

void jl_out_num(jl_out *o, double v, int decimals)
{
    char tmp[64];

    if (isnan(v)) {
        jl_out_empty(o);
        return;
    }
    if (o->fmt == JL_FMT_TABLE)
        jl_fmt_fixed(tmp, sizeof tmp, v, decimals);
    else
        jl_fmt_exact(tmp, sizeof tmp, v);
    cell(o, tmp, K_NUM);
}

void jl_out_int(jl_out *o, long v)
{
    char tmp[32];

    snprintf(tmp, sizeof tmp, "%ld", v);
    cell(o, tmp, K_NUM);
}

void jl_out_bool(jl_out *o, int v)
{
    if (o->fmt == JL_FMT_JSON)
        cell(o, v ? "true" : "false", K_BOOL);
    else if (o->fmt == JL_FMT_TABLE)
        cell(o, v ? _("yes") : _("no"), K_BOOL);
    else
        cell(o, v ? "1" : "0", K_BOOL);
}

void jl_out_empty(jl_out *o)
{
    cell(o, "", K_NULL);
}

void jl_out_row_end(jl_out *o)
{
    start(o);
    while (o->col < o->ncols)
        jl_out_empty(o);
    if (o->fmt == JL_FMT_CSV)
        fputc('\n', o->f);
    else if (o->fmt == JL_FMT_JSON)
        fputc('}', o->f);
    o->col = 0;
    o->nrows++;
}

static void pad(FILE *f, size_t n)
{
    while (n--)
        fputc(' ', f);
}

/* Writes one table line: cell(c) per visible column, padded to w. */
static void table_line(jl_out *o, const size_t *w, char **cells, size_t last)
{
    size_t c;

    for (c = 0; c <= last; c++) {
        size_t sw;

        if (o->hidden[c])
            continue;
        sw = jl_utf8_width(cells[c]);
        if (o->right[c])
            pad(o->f, w[c] - sw);
        fputs(cells[c], o->f);
        if (c < last)
            pad(o->f, (o->right[c] ? 0 : w[c] - sw) + 2);
    }
    fputc('\n', o->f);
}

static void table_flush(jl_out *o)
{
    size_t *w = jl_xcalloc(o->ncols, sizeof(size_t));
    char **rule = jl_xcalloc(o->ncols, sizeof(char *));
    size_t i, r, c, last = 0;

    for (i = 0; i < o->nnotes; i++)
        fprintf(o->f, "%s\n", o->notes[i]);
    if (o->nnotes)
        fputc('\n', o->f);
    /* No rows: the notes say why; an empty grid would only be noise. */
    if (o->ncells == 0) {
        jl_free(rule);
        jl_free(w);
        return;
    }
    for (c = 0; c < o->ncols; c++) {
        w[c] = jl_utf8_width(o->labels[c]);
        if (!o->hidden[c])
            last = c;
    }
    for (i = 0; i < o->ncells; i++) {
        size_t cw = jl_utf8_width(o->cells[i]);

        if (cw > w[i % o->ncols])
            w[i % o->ncols] = cw;
    }
    table_line(o, w, o->labels, last);
    for (c = 0; c < o->ncols; c++) {
        rule[c] = jl_xmalloc(w[c] + 1);
        memset(rule[c], '-', w[c]);
        rule[c][w[c]] = 0;
    }
    table_line(o, w, rule, last);
    for (r = 0; r * o->ncols < o->ncells; r++)
        table_line(o, w, o->cells + r * o->ncols, last);
    for (c = 0; c < o->ncols; c++)
        jl_free(rule[c]);
    jl_free(rule);
    jl_free(w);
}

void jl_out_end(jl_out *o)
{
    size_t i;

    if (!o)
        return;
    start(o);
    if (o->fmt == JL_FMT_TABLE)
        table_flush(o);
    else if (o->fmt == JL_FMT_JSON)
        fputs("\n]}\n", o->f);
    for (i = 0; i < o->ncells; i++)
        jl_free(o->cells[i]);
    for (i = 0; i < o->ncols; i++) {
        jl_free(o->ids[i]);
        jl_free(o->labels[i]);
    }
    for (i = 0; i < o->nnotes; i++)
        jl_free(o->notes[i]);
    for (i = 0; i < o->nmeta; i++)
        jl_free(o->meta[i]);
    jl_free(o->notes);
    jl_free(o->meta);
    jl_free(o->cells);
    jl_free(o->ids);
    jl_free(o->labels);
    jl_free(o->right);
    jl_free(o->hidden);
    jl_free(o);
}
