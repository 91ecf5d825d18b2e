#include "core/xlsx.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/utf8.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

void jl_xcell_text(jl_xcell *x, const char *s)
{
    x->kind = JL_XC_TEXT;
    x->text = s;
}

void jl_xcell_num(jl_xcell *x, double v, int decimals)
{
    if (!isfinite(v))
        return;
    x->kind = JL_XC_NUM;
    x->v = v;
    x->decimals = decimals;
}

/* Decimals beyond this share its format: no table shows more. */
#define MAX_DEC 9

struct jl_book {
    lxw_workbook *wb;
    char *stamp;
    lxw_format *bold;
    lxw_format *num[MAX_DEC + 1]; /* made when first needed */
    lxw_format *p[MAX_DEC + 1];
    size_t nsheets;
    char problem[200]; /* the first, reported at close */
};

jl_book *jl_book_new(const char *path, const char *stamp)
{
    jl_book *b = jl_xcalloc(1, sizeof *b);

    b->wb = workbook_new(path);
    if (!b->wb)
        snprintf(b->problem, sizeof b->problem, "%s", _("could not start the workbook"));
    else {
        b->bold = workbook_add_format(b->wb);
        format_set_bold(b->bold);
    }
    b->stamp = stamp ? jl_xstrdup(stamp) : NULL;
    return b;
}

/* The format of a number with d decimals: thousands apart ("#,##0.0",
 * which Swedish Excel shows as "1 030,7"); a p-value shows "< 0,001"
 * below its smallest step, as the tables do. */
static lxw_format *num_format(jl_book *b, int d, int pval)
{
    lxw_format **slot;
    char code[96], zeros[MAX_DEC + 2];

    if (d < 0)
        d = 0;
    if (d > MAX_DEC)
        d = MAX_DEC;
    slot = pval ? &b->p[d] : &b->num[d];
    if (*slot)
        return *slot;
    memset(zeros, '0', (size_t)d);
    zeros[d] = '\0';
    if (pval && d > 0) {
        /* The text in quotes is shown as written, so it is the table's
         * "< 0,001" in the output's language. */
        snprintf(code, sizeof code, "[<0.%.*s1]\"< 0%s%.*s1\";0.%s", d - 1, zeros,
                 jl_i18n_lang() == JL_LANG_SV ? "," : ".", d - 1, zeros, zeros);
    } else {
        snprintf(code, sizeof code, "#,##0%s%s", d ? "." : "", zeros);
    }
    *slot = workbook_add_format(b->wb);
    format_set_num_format(*slot, code);
    return *slot;
}

static void problem(jl_book *b, lxw_error e)
{
    if (e != LXW_NO_ERROR && !b->problem[0])
        snprintf(b->problem, sizeof b->problem, "%s", lxw_strerror(e));
}

/* Column widths in characters: the widest heading or cell, plus a
 * margin, at most 60 (long text wraps into the next cells' room). */
static void widths(jl_book *b, lxw_worksheet *ws, const jl_xtable *t)
{
    size_t c, r;

    for (c = 0; c < t->ncols; c++) {
        size_t w = jl_utf8_width(t->labels[c]);

        for (r = 0; r < t->nrows; r++) {
            const jl_xcell *x = &t->cells[r * t->ncols + c];
            size_t cw = x->text ? jl_utf8_width(x->text) : 0;

            if (cw > w)
                w = cw;
        }
        if (w > 60)
            w = 60;
        problem(b, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, (double)w + 2, NULL));
    }
}

void jl_book_add(jl_book *b, const jl_xtable *t)
{
    lxw_worksheet *ws;
    char name[32];
    size_t i, r, c;
    lxw_row_t row = 0;

    if (!b->wb || b->problem[0])
        return;
    snprintf(name, sizeof name, _("Table %zu"), ++b->nsheets);
    ws = workbook_add_worksheet(b->wb, name);
    if (!ws) {
        snprintf(b->problem, sizeof b->problem, "%s", _("could not add a sheet"));
        return;
    }
    for (i = 0; i < t->nnotes; i++)
        problem(b, worksheet_write_string(ws, row++, 0, t->notes[i], NULL));
    if (b->stamp)
        problem(b, worksheet_write_string(ws, row++, 0, b->stamp, NULL));
    if (row)
        row++;
    if (t->nrows + row + 1 > LXW_ROW_MAX) {
        snprintf(b->problem, sizeof b->problem, _("a table of %zu rows is more than a sheet holds"),
                 t->nrows);
        return;
    }
    for (c = 0; c < t->ncols; c++)
        problem(b, worksheet_write_string(ws, row, (lxw_col_t)c, t->labels[c], b->bold));
    worksheet_freeze_panes(ws, row + 1, 0);
    row++;
    for (r = 0; r < t->nrows; r++, row++) {
        for (c = 0; c < t->ncols; c++) {
            const jl_xcell *x = &t->cells[r * t->ncols + c];

            if (x->kind == JL_XC_TEXT && x->text && *x->text)
                problem(b, worksheet_write_string(ws, row, (lxw_col_t)c, x->text, NULL));
            else if ((x->kind == JL_XC_NUM || x->kind == JL_XC_P) && isfinite(x->v))
                problem(b, worksheet_write_number(ws, row, (lxw_col_t)c, x->v,
                                                  num_format(b, x->decimals, x->kind == JL_XC_P)));
        }
    }
    widths(b, ws, t);
}

size_t jl_book_nsheets(const jl_book *b)
{
    return b ? b->nsheets : 0;
}

int jl_book_close(jl_book *b, jl_err *err)
{
    int rc = JL_OK;
    lxw_error e;

    if (!b)
        return JL_OK;
    if (b->problem[0]) {
        rc = jl_err_set(err, JL_EIO, _("could not write the workbook: %s"), b->problem);
        jl_book_free(b);
        return rc;
    }
    e = workbook_close(b->wb);
    if (e != LXW_NO_ERROR)
        rc = jl_err_set(err, JL_EIO, _("could not write the workbook: %s"), lxw_strerror(e));
    jl_free(b->stamp);
    jl_free(b);
    return rc;
}

void jl_book_free(jl_book *b)
{
    if (!b)
        return;
    if (b->wb)
        lxw_workbook_free(b->wb);
    jl_free(b->stamp);
    jl_free(b);
}
