/*
 * The area page's tables as files (issue 19): /omrade/DIVISION/CODE/
 * TABLE.csv and TABLE.xlsx, from the same rows the page renders
 * (web/area_survey.c). Headings in the page's language; numbers as
 * numbers: in the CSV with a decimal point and the digits that read back
 * exactly (as the release's own cells.csv), in the workbook as numbers
 * shown with the page's decimals. A hidden cell is the words of its
 * reason.
 */
#include "web/area_survey.h"
#include "web/factor_survey.h"
#include "web/page.h"
#include "core/num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


static void csv_field(jl_buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        jl_buf_puts(b, s);
        return;
    }
    jl_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            jl_buf_putc(b, '"');
        jl_buf_putc(b, *s);
    }
    jl_buf_putc(b, '"');
}

void jl_page_csv(jl_buf *b, const jl_xtable *x)
{
    size_t r, c;
    char s[64];

    for (c = 0; c < x->ncols; c++) {
        if (c)
            jl_buf_putc(b, ',');
        csv_field(b, x->labels[c]);
    }
    jl_buf_puts(b, "\r\n");
    for (r = 0; r < x->nrows; r++) {
        for (c = 0; c < x->ncols; c++) {
            const jl_xcell *e = &x->cells[r * x->ncols + c];

            if (c)
                jl_buf_putc(b, ',');
            if (e->kind == JL_XC_TEXT)
                csv_field(b, e->text);
            else if (e->kind == JL_XC_NUM)
                jl_buf_puts(b, jl_fmt_exact(s, sizeof s, e->v));
        }
        jl_buf_puts(b, "\r\n");
    }
}

/* The workbook through core/xlsx.c, which writes files: a private
 * temporary one (jamlik.service has PrivateTmp), read back and removed. */
int jl_page_xlsx(jl_buf *b, jl_xtable *x, const char *const *notes, size_t nnotes)
{
    const char *dir = getenv("TMPDIR");
    char path[512];
    jl_err e = JL_ERR_INIT;
    jl_book *book;
    FILE *f;
    char chunk[16384];
    size_t n;
    int fd, rc = 0;

    snprintf(path, sizeof path, "%s/jamlik-XXXXXX.xlsx", dir && *dir ? dir : "/tmp");
    fd = mkstemps(path, 5);
    if (fd < 0)
        return -1;
    close(fd);
    x->notes = notes;
    x->nnotes = nnotes;
    book = jl_book_new(path, NULL);
    jl_book_add(book, x);
    if (jl_book_close(book, &e) < 0)
        rc = -1;
    f = rc == 0 ? fopen(path, "rb") : NULL;
    if (rc == 0 && !f)
        rc = -1;
    while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        jl_buf_add(b, chunk, n);
    if (f && ferror(f))
        rc = -1;
    if (f)
        fclose(f);
    unlink(path);
    return rc;
}

int jl_page_area_file(jl_req *rq, jl_resp *rs)
{
    const char *file = rq->seg[3], *dot = strrchr(file, '.');
    jl_area_survey s;
    jl_xtable x;
    const char *notes[4];
    size_t nnotes = 0;
    int which, st;

    if (!dot)
        return 404;
    for (which = 0; which < JL_AS_NTABLES; which++)
        if (strlen(jl_area_survey_file(which)) == (size_t)(dot - file) &&
            !strncmp(file, jl_area_survey_file(which), (size_t)(dot - file)))
            break;
    if (which == JL_AS_NTABLES || (strcmp(dot, ".csv") != 0 && strcmp(dot, ".xlsx") != 0))
        return 404;
    st = jl_area_survey_load(&s, rq, rq->seg[1], rq->seg[2]);
    if (st == 200 && jl_area_survey_table(&x, rq, &s, which) < 0)
        st = 404;
    if (st == 200) {
        char date[11];

        snprintf(date, sizeof date, "%s", s.v.r->created ? s.v.r->created : "");
        notes[nnotes++] = jl_arena_printf(rq->arena, _("Release %ld, “%s”, of %s; wave %s."),
                                          s.v.id, s.v.r->title ? s.v.r->title : "", date,
                                          s.t.w.name);
        notes[nnotes++] = jl_arena_printf(rq->arena, "%s %s", rq->seg[1], rq->seg[2]);
        if (which == JL_AS_CHANGE && s.prev_release != s.v.id)
            notes[nnotes++] = jl_arena_printf(rq->arena,
                                              _("The figures of wave %s come from release %ld "
                                                "of %s, the latest that holds it."),
                                              s.prev.w.name, s.prev_release, s.prev_created);
        if (s.t.w.synthetic)
            notes[nnotes++] = _("Synthetic answers.");
        if (!strcmp(dot, ".csv")) {
            jl_resp_begin(rs, rq, "text/csv; charset=utf-8");
            jl_page_csv(&rs->body, &x);
        } else {
            jl_resp_begin(rs, rq, JL_WEB_XLSX);
            if (jl_page_xlsx(&rs->body, &x, notes, nnotes) < 0)
                st = 503;
        }
    }
    jl_area_survey_dispose(&s);
    return st;
}
