#include "core/csv.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/utf8.h"

#include <string.h>

typedef struct field {
    size_t off, len;      /* into c->store */
    size_t src;           /* byte offset of the field in the text */
    size_t line_start;    /* byte offset of the start of its line */
    long line;
} field;

struct jl_csv {
    const char *name, *text;
    size_t len, pos;
    char delim;
    long line;            /* current line number */
    size_t line_start;    /* byte offset where the current line starts */
    field *f;
    size_t nf, fcap;
    char *store;          /* unescaped field bytes, NUL-separated */
    size_t slen, scap;
    long rec_line;
    int unterminated;
    /* The last column computed (jl_csv_field_col): asking for the fields
     * of a line left to right then costs one pass over the line, not one
     * pass per field (a 64 KiB line of 10,000 fields took a second). */
    size_t cc_start, cc_off;
    long cc_col; /* 0: none cached */
};

static char detect(const char *t, size_t n)
{
    size_t i, commas = 0, semis = 0;
    int q = 0;

    for (i = 0; i < n && t[i] != '\n'; i++) {
        if (t[i] == '"')
            q = !q;
        else if (!q && t[i] == ',')
            commas++;
        else if (!q && t[i] == ';')
            semis++;
    }
    /* Swedish spreadsheets write `;` because `,` is the decimal mark. */
    return semis > commas ? ';' : ',';
}

int jl_csv_new(jl_csv **out, const char *name, const char *text, size_t len, char delim,
               jl_err *err)
{
    jl_csv *c;

    (void)err;
    c = jl_xcalloc(1, sizeof *c);
    c->name = name;
    c->text = text;
    c->len = len;
    c->delim = delim ? delim : detect(text, len);
    c->line = 1;
    *out = c;
    return JL_OK;
}

void jl_csv_free(jl_csv *c)
{
    if (!c)
        return;
    jl_free(c->f);
    jl_free(c->store);
    jl_free(c);
}

static void put(jl_csv *c, char ch)
{
    if (c->slen + 1 >= c->scap)
        c->store = jl_xgrow(c->store, &c->scap, c->slen + 2, 1);
    c->store[c->slen++] = ch;
}

static field *begin_field(jl_csv *c)
{
    field *f;

    c->f = jl_xgrow(c->f, &c->fcap, c->nf + 1, sizeof *c->f);
    f = &c->f[c->nf++];
    f->off = c->slen;
    f->src = c->pos;
    f->line = c->line;
    f->line_start = c->line_start;
    return f;
}

static long col_at(const jl_csv *c, size_t line_start, size_t off)
{
    return (long)jl_utf8_count(c->text + line_start, off - line_start) + 1;
}

/* The message below spells the limit out for the translators. */
_Static_assert(JL_CSV_FIELDS_MAX == 10000u, "update the too-many-fields message");

static int fail(jl_csv *c, int code, size_t off, long line, size_t line_start, jl_err *err,
                const char *msg)
{
    return jl_err_at(err, code, c->name, line, col_at(c, line_start, off), "%s", msg);
}

int jl_csv_next(jl_csv *c, jl_err *err)
{
    const char *t = c->text;
    size_t n = c->len;

    c->nf = 0;
    c->slen = 0;
    /* Skip blank lines (a trailing newline, an empty line between records). */
    while (c->pos < n && (t[c->pos] == '\n' || t[c->pos] == '\r')) {
        if (t[c->pos] == '\n') {
            c->line++;
            c->line_start = c->pos + 1;
        }
        c->pos++;
    }
    if (c->pos >= n)
        return 0;
    c->rec_line = c->line;
    c->unterminated = 0;
    for (;;) {
        field *f = begin_field(c);

        if (c->nf > JL_CSV_FIELDS_MAX)
            return fail(c, JL_ELIMIT, c->pos, c->line, c->line_start, err,
                        _("expected at most 10000 fields in a record, found more (limit JL_CSV_FIELDS_MAX)"));
        if (c->pos < n && t[c->pos] == '"') {
            size_t qpos = c->pos, qstart = c->line_start;
            long qline = c->line;

            c->pos++;
            for (;;) {
                if (c->pos >= n)
                    return fail(c, JL_EINPUT, qpos, qline, qstart, err,
                                _("expected a closing quote for the field that starts here, "
                                  "found the end of the file"));
                if (t[c->pos] == '"') {
                    if (c->pos + 1 < n && t[c->pos + 1] == '"') {
                        put(c, '"');
                        c->pos += 2;
                        continue;
                    }
                    c->pos++;
                    break;
                }
                if (t[c->pos] == '\n') {
                    c->line++;
                    c->line_start = c->pos + 1;
                }
                put(c, t[c->pos++]);
                if (c->slen - f->off > JL_CSV_FIELD_MAX)
                    return fail(c, JL_ELIMIT, qpos, qline, qstart, err,
                                _("expected a field of at most 1 MiB, found a longer one (limit JL_CSV_FIELD_MAX)"));
            }
            if (c->pos < n && t[c->pos] != c->delim && t[c->pos] != '\n' && t[c->pos] != '\r')
                return fail(c, JL_EINPUT, c->pos, c->line, c->line_start, err,
                            _("expected a separator or a line end after a closing quote, "
                              "found other text"));
        } else {
            while (c->pos < n && t[c->pos] != c->delim && t[c->pos] != '\n' &&
                   t[c->pos] != '\r') {
                if (t[c->pos] == '"')
                    return fail(c, JL_EINPUT, c->pos, c->line, c->line_start, err,
                                _("expected a field without quotes or a fully quoted field, "
                                  "found a quote inside an unquoted field"));
                put(c, t[c->pos++]);
                if (c->slen - f->off > JL_CSV_FIELD_MAX)
                    return fail(c, JL_ELIMIT, f->src, f->line, f->line_start, err,
                                _("expected a field of at most 1 MiB, found a longer one (limit JL_CSV_FIELD_MAX)"));
            }
        }
        f->len = c->slen - f->off;
        put(c, '\0');
        if (c->pos < n && t[c->pos] == c->delim) {
            c->pos++;
            continue;
        }
        /* End of record. */
        if (c->pos < n && t[c->pos] == '\r')
            c->pos++;
        if (c->pos < n && t[c->pos] == '\n') {
            c->pos++;
            c->line++;
            c->line_start = c->pos;
        } else if (c->pos >= n) {
            c->unterminated = 1;
        }
        return 1;
    }
}

size_t jl_csv_nfields(const jl_csv *c)
{
    return c->nf;
}

const char *jl_csv_field(const jl_csv *c, size_t i)
{
    return c->store + c->f[i].off;
}

size_t jl_csv_field_len(const jl_csv *c, size_t i)
{
    return c->f[i].len;
}

long jl_csv_field_line(const jl_csv *c, size_t i)
{
    return c->f[i].line;
}

long jl_csv_field_col(const jl_csv *c, size_t i)
{
    /* The cache is not the reader's state: a const reader may update it. */
    jl_csv *m = (jl_csv *)c;
    size_t start = c->f[i].line_start, off = c->f[i].src;

    if (m->cc_col > 0 && m->cc_start == start && m->cc_off <= off)
        m->cc_col += (long)jl_utf8_count(c->text + m->cc_off, off - m->cc_off);
    else
        m->cc_col = col_at(c, start, off);
    m->cc_start = start;
    m->cc_off = off;
    return m->cc_col;
}

long jl_csv_line(const jl_csv *c)
{
    return c->rec_line;
}

void jl_csv_end_pos(const jl_csv *c, long *line, long *col)
{
    long ln = 1;
    size_t i, start = 0;

    for (i = 0; i < c->len; i++)
        if (c->text[i] == '\n') {
            ln++;
            start = i + 1;
        }
    *line = ln;
    *col = col_at(c, start, c->len);
}

char jl_csv_delim(const jl_csv *c)
{
    return c->delim;
}

size_t jl_csv_offset(const jl_csv *c)
{
    return c->pos;
}

int jl_csv_last_unterminated(const jl_csv *c)
{
    return c->unterminated;
}
