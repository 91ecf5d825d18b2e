#include "core/out.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/num.h"
#include "core/utf8.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Output is written by one thread; stdio's lock per character was a
 * tenth of writing a million-row CSV. */
#define fputc(c, f) fputc_unlocked((c), (f))
#define fputs(s, f) fputs_unlocked((s), (f))

typedef enum { K_STR, K_NUM, K_BOOL, K_NULL, K_P } kind;

/* A buffered cell (tables and sheets): its text as a table shows it, and
 * for a sheet its number. */
typedef struct cellbuf {
    char *text;
    double v;
    int decimals;
    kind k;
} cellbuf;

struct jl_out {
    FILE *f;
    jl_format fmt;
    jl_book *book;
    int wide;
    size_t ncols, col;
    char **ids, **labels;
    unsigned char *right;
    unsigned char *hidden;    /* table only */
    unsigned char *secondary; /* table only, unless wide */
    /* table and xlsx: every cell of every row, row-major */
    cellbuf *cells;
    size_t ncells, cap;
    char **notes;
    unsigned char *is_source; /* per note: it says where the figures come from */
    size_t nnotes;
    char **meta;
    size_t nmeta;
    size_t nrows;
    int started;
    int unprotected; /* the analyst's working view (jl_out_unprotected) */
    /* CSV: the notes as one field, quoted as the format needs, written
     * last on every row; NULL when the table has its own column
     * "source" (its rows say theirs) */
    char *source;
    char sep;        /* ',' or ';' */
    const char *eol; /* "\n" or "\r\n" */
};

int jl_format_parse(jl_format *out, const char *s)
{
    if (!strcmp(s, "table"))
        *out = JL_FMT_TABLE;
    else if (!strcmp(s, "csv"))
        *out = JL_FMT_CSV;
    else if (!strcmp(s, "json"))
        *out = JL_FMT_JSON;
    else if (!strcmp(s, "csv-sv"))
        *out = JL_FMT_CSV_SV;
    else if (!strcmp(s, "xlsx"))
        *out = JL_FMT_XLSX;
    else
        return -1;
    return 0;
}

int jl_format_for_people(jl_format f)
{
    return f == JL_FMT_TABLE || f == JL_FMT_CSV_SV || f == JL_FMT_XLSX;
}

static int is_csv(const jl_out *o)
{
    return o->fmt == JL_FMT_CSV || o->fmt == JL_FMT_CSV_SV;
}

/* Table and xlsx keep every cell until jl_out_end. */
static int buffered(const jl_out *o)
{
    return o->fmt == JL_FMT_TABLE || o->fmt == JL_FMT_XLSX;
}

jl_out *jl_out_open(const jl_out_dest *d, const char *const *ids, const char *const *labels,
                    size_t ncols)
{
    jl_out *o = jl_xcalloc(1, sizeof *o);
    size_t i;

    o->f = d->f;
    o->fmt = d->fmt;
    o->book = d->book;
    o->wide = d->wide;
    assert(o->fmt != JL_FMT_XLSX || o->book);
    o->sep = o->fmt == JL_FMT_CSV_SV ? ';' : ',';
    o->eol = o->fmt == JL_FMT_CSV_SV ? "\r\n" : "\n";
    o->ncols = ncols;
    o->ids = jl_xcalloc(ncols, sizeof(char *));
    o->labels = jl_xcalloc(ncols, sizeof(char *));
    o->right = jl_xcalloc(ncols, 1);
    o->hidden = jl_xcalloc(ncols, 1);
    o->secondary = jl_xcalloc(ncols, 1);
    for (i = 0; i < ncols; i++) {
        o->ids[i] = jl_xstrdup(ids[i]);
        o->labels[i] = jl_xstrdup(labels ? labels[i] : ids[i]);
    }
    return o;
}

jl_out *jl_out_new(FILE *f, jl_format fmt, const char *const *ids, const char *const *labels,
                   size_t ncols)
{
    jl_out_dest d = {f, fmt, NULL, 0};

    return jl_out_open(&d, ids, labels, ncols);
}

static void add_note(jl_out *o, const char *note, int source)
{
    o->notes = jl_xrealloc(o->notes, (o->nnotes + 1) * sizeof(char *));
    o->is_source = jl_xrealloc(o->is_source, o->nnotes + 1);
    o->is_source[o->nnotes] = (unsigned char)source;
    o->notes[o->nnotes++] = jl_xstrdup(note);
}

void jl_out_note(jl_out *o, const char *note)
{
    add_note(o, note, 0);
}

void jl_out_source(jl_out *o, const char *note)
{
    add_note(o, note, 1);
}

void jl_out_unprotected(jl_out *o)
{
    if (o->unprotected)
        return;
    o->unprotected = 1;
    add_note(o, _("NOT FOR PUBLICATION: the unprotected working view (--unprotected) shows "
                  "groups that the disclosure rules hide."),
             0);
    /* The first line, above every other note. */
    {
        char *first = o->notes[o->nnotes - 1];

        memmove(o->notes + 1, o->notes, (o->nnotes - 1) * sizeof *o->notes);
        memmove(o->is_source + 1, o->is_source, o->nnotes - 1);
        o->notes[0] = first;
        o->is_source[0] = 0;
    }
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

void jl_out_secondary(jl_out *o, size_t col)
{
    if (col < o->ncols)
        o->secondary[col] = 1;
}

/* Is column c left out of this output? */
static int left_out(const jl_out *o, size_t c)
{
    return o->fmt == JL_FMT_TABLE && (o->hidden[c] || (o->secondary[c] && !o->wide));
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

/* s as a CSV field of this output (quoted as csv_field quotes it), in
 * a new string: caller frees with jl_free. */
static char *quoted(const jl_out *o, const char *s)
{
    const char *special = o->fmt == JL_FMT_CSV_SV ? ";\"\n\r" : ",;\"\n\r";
    size_t n = 0;
    char *q, *p;
    const char *c;

    if (!strpbrk(s, special))
        return jl_xstrdup(s);
    for (c = s; *c; c++)
        n += *c == '"' ? 2 : 1;
    q = p = jl_xmalloc(n + 3);
    *p++ = '"';
    for (c = s; *c; c++) {
        if (*c == '"')
            *p++ = '"';
        *p++ = *c;
    }
    *p++ = '"';
    *p = '\0';
    return q;
}

/* The source notes joined into the CSV source field, unless a column of
 * the table is already called "source". Only they: a method's notes
 * repeated on each of 100,000 rows made a 25 MB file 100 MB, and they
 * stay on stderr. */
static void make_source(jl_out *o)
{
    size_t i, len = 1;
    char *joined;

    for (i = 0; i < o->ncols; i++)
        if (!strcmp(o->ids[i], "source"))
            return;
    for (i = 0; i < o->nnotes; i++)
        len += strlen(o->notes[i]) + 3;
    joined = jl_xmalloc(len);
    joined[0] = '\0';
    for (i = 0; i < o->nnotes; i++) {
        if (!o->is_source[i])
            continue;
        if (joined[0])
            strcat(joined, " | ");
        strcat(joined, o->notes[i]);
    }
    /* Quoted once here: a million rows repeat it. */
    o->source = quoted(o, joined);
    jl_free(joined);
}

/* A CSV field: csv-sv quotes only what its ';' needs, so that Excel's
 * numbers with a decimal comma stay bare. */
static void csv_field(jl_out *o, const char *s)
{
    if (o->fmt == JL_FMT_CSV_SV && !strpbrk(s, ";\"\n\r"))
        fputs(s, o->f);
    else
        jl_csv_write_field(o->f, s);
}

static void csv_start(jl_out *o)
{
    size_t i;

    for (i = 0; i < o->nnotes; i++)
        fprintf(stderr, "%s\n", o->notes[i]);
    make_source(o);
    /* Excel reads a file without a byte order mark as the system's code
     * page (Windows-1252), and "Ã¥" for "å". */
    if (o->fmt == JL_FMT_CSV_SV)
        fputs("\xef\xbb\xbf", o->f);
    /* csv-sv is read by people in a spreadsheet: the warning is its first
     * line. Plain CSV keeps its header first for programs; its rows say
     * `unprotected` where they have a status. */
    if (o->fmt == JL_FMT_CSV_SV && o->unprotected) {
        csv_field(o, o->notes[0]);
        fputs(o->eol, o->f);
    }
    for (i = 0; i < o->ncols; i++) {
        if (i)
            fputc(o->sep, o->f);
        csv_field(o, o->fmt == JL_FMT_CSV_SV ? o->labels[i] : o->ids[i]);
    }
    if (o->source) {
        fputc(o->sep, o->f);
        csv_field(o, o->fmt == JL_FMT_CSV_SV ? _("source") : "source");
    }
    fputs(o->eol, o->f);
}

static void json_start(jl_out *o)
{
    size_t i;

    fputs(o->unprotected ? "{\"unprotected\":true,\"notes\":[" : "{\"notes\":[", o->f);
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

static void start(jl_out *o)
{
    if (o->started)
        return;
    o->started = 1;
    if (is_csv(o))
        csv_start(o);
    else if (o->fmt == JL_FMT_JSON)
        json_start(o);
}

static void cell_v(jl_out *o, const char *text, kind k, double v, int decimals)
{
    start(o);
    if (buffered(o)) {
        cellbuf *c;

        o->cells = jl_xgrow(o->cells, &o->cap, o->ncells + 1, sizeof(cellbuf));
        c = &o->cells[o->ncells++];
        c->text = jl_xstrdup(text);
        c->v = v;
        c->decimals = decimals;
        c->k = k;
    } else if (is_csv(o)) {
        if (o->col)
            fputc(o->sep, o->f);
        csv_field(o, text);
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

static void cell(jl_out *o, const char *text, kind k)
{
    cell_v(o, text, k, NAN, 0);
}

void jl_out_str(jl_out *o, const char *s)
{
    cell(o, s ? s : "", s && *s ? K_STR : K_NULL);
}

/* v as this output writes it: as people read it (tables, sheets), with
 * a decimal comma and every digit (csv-sv), or exactly. */
static void num_text(const jl_out *o, char *tmp, size_t len, double v, int decimals)
{
    if (buffered(o)) {
        jl_fmt_fixed(tmp, len, v, decimals);
    } else {
        jl_fmt_exact(tmp, len, v);
        if (o->fmt == JL_FMT_CSV_SV) {
            char *dot = strchr(tmp, '.');

            if (dot)
                *dot = ',';
        }
    }
}

void jl_out_num(jl_out *o, double v, int decimals)
{
    char tmp[64];

    if (isnan(v)) {
        jl_out_empty(o);
        return;
    }
    num_text(o, tmp, sizeof tmp, v, decimals);
    cell_v(o, tmp, K_NUM, v, decimals);
}

void jl_out_p(jl_out *o, double p, int decimals)
{
    char tmp[64], step[32];

    if (isnan(p)) {
        jl_out_empty(o);
        return;
    }
    /* Below the smallest step shown, "0,000" would read as impossible:
     * say "< 0,001". */
    if (buffered(o) && decimals > 0 && p < pow(10.0, -decimals)) {
        snprintf(tmp, sizeof tmp, "< %s", jl_fmt_fixed(step, sizeof step, pow(10.0, -decimals),
                                                       decimals));
    } else {
        num_text(o, tmp, sizeof tmp, p, decimals);
    }
    cell_v(o, tmp, K_P, p, decimals);
}

void jl_out_int(jl_out *o, long v)
{
    char tmp[48];

    if (buffered(o))
        jl_fmt_fixed(tmp, sizeof tmp, (double)v, 0);
    else
        snprintf(tmp, sizeof tmp, "%ld", v);
    cell_v(o, tmp, K_NUM, (double)v, 0);
}

void jl_out_bool(jl_out *o, int v)
{
    if (o->fmt == JL_FMT_JSON)
        cell(o, v ? "true" : "false", K_BOOL);
    else if (jl_format_for_people(o->fmt))
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
    if (is_csv(o)) {
        if (o->source) {
            fputc(o->sep, o->f);
            fputs(o->source, o->f);
        }
        fputs(o->eol, o->f);
    } else if (o->fmt == JL_FMT_JSON) {
        fputc('}', o->f);
    }
    o->col = 0;
    o->nrows++;
}

static void pad(FILE *f, size_t n)
{
    while (n--)
        fputc(' ', f);
}

/* Writes one table line: text(c) per visible column, padded to w. */
static void table_line(jl_out *o, const size_t *w, const cellbuf *cells, char **text,
                       size_t last)
{
    size_t c;

    for (c = 0; c <= last; c++) {
        const char *t = cells ? cells[c].text : text[c];
        size_t sw;

        if (left_out(o, c))
            continue;
        sw = jl_utf8_width(t);
        if (o->right[c])
            pad(o->f, w[c] - sw);
        fputs(t, o->f);
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
    /* Widths count what a terminal shows, not bytes: the thin space
     * between thousands is three bytes and one column. */
    for (c = 0; c < o->ncols; c++) {
        w[c] = jl_utf8_width(o->labels[c]);
        if (!left_out(o, c))
            last = c;
    }
    for (i = 0; i < o->ncells; i++) {
        size_t cw = jl_utf8_width(o->cells[i].text);

        if (cw > w[i % o->ncols])
            w[i % o->ncols] = cw;
    }
    table_line(o, w, NULL, o->labels, last);
    for (c = 0; c < o->ncols; c++) {
        rule[c] = jl_xmalloc(w[c] + 1);
        memset(rule[c], '-', w[c]);
        rule[c][w[c]] = 0;
    }
    table_line(o, w, NULL, rule, last);
    for (r = 0; r * o->ncols < o->ncells; r++)
        table_line(o, w, o->cells + r * o->ncols, NULL, last);
    for (c = 0; c < o->ncols; c++)
        jl_free(rule[c]);
    jl_free(rule);
    jl_free(w);
}

/* The buffered table handed to the workbook as one sheet. */
static void book_flush(jl_out *o)
{
    jl_xcell *x = jl_xcalloc(o->ncells ? o->ncells : 1, sizeof *x);
    jl_xtable t;
    size_t i;

    for (i = 0; i < o->ncells; i++) {
        const cellbuf *c = &o->cells[i];

        x[i].text = c->text;
        x[i].v = c->v;
        x[i].decimals = c->decimals;
        x[i].kind = c->k == K_NUM ? JL_XC_NUM
                    : c->k == K_P ? JL_XC_P
                    : *c->text    ? JL_XC_TEXT
                                  : JL_XC_EMPTY;
    }
    t.notes = (const char *const *)o->notes;
    t.nnotes = o->nnotes;
    t.labels = (const char *const *)o->labels;
    t.ncols = o->ncols;
    t.cells = x;
    t.nrows = o->ncols ? o->ncells / o->ncols : 0;
    jl_book_add(o->book, &t);
    jl_free(x);
}

void jl_out_end(jl_out *o)
{
    size_t i;

    if (!o)
        return;
    start(o);
    if (o->fmt == JL_FMT_TABLE)
        table_flush(o);
    else if (o->fmt == JL_FMT_XLSX)
        book_flush(o);
    else if (o->fmt == JL_FMT_JSON)
        fputs("\n]}\n", o->f);
    for (i = 0; i < o->ncells; i++)
        jl_free(o->cells[i].text);
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
    jl_free(o->secondary);
    jl_free(o->source);
    jl_free(o->is_source);
    jl_free(o);
}
