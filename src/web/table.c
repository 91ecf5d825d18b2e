/*
 * Tables of rows (core/xlsx.h's jl_xtable) as HTML, and the links to
 * their downloads (web/page.h): the page, its CSV and its workbook render
 * the same rows, so they say the same numbers.
 */
#include "web/page.h"
#include "web/html.h"

#include <stdio.h>
#include <string.h>

void jl_page_query(jl_buf *b, const jl_req *rq)
{
    size_t i;

    for (i = 0; i < rq->target.nparam; i++) {
        jl_buf_putc(b, i ? '&' : '?');
        jl_url_q(b, rq->target.param[i].key);
        jl_buf_putc(b, '=');
        jl_url_q(b, rq->target.param[i].val);
    }
}

void jl_page_cell(jl_buf *b, const jl_xcell *c)
{
    if (c->kind == JL_XC_NUM || c->kind == JL_XC_P) {
        jl_buf_puts(b, "<td class=\"num\">");
        if (c->kind == JL_XC_P && c->v < 0.001)
            jl_buf_puts(b, "&lt; ");
        jl_page_num(b, c->kind == JL_XC_P && c->v < 0.001 ? 0.001 : c->v, c->decimals);
    } else {
        jl_buf_puts(b, "<td>");
        if (c->kind == JL_XC_TEXT)
            jl_html_text(b, c->text);
    }
    jl_buf_puts(b, "</td>");
}

void jl_page_table_open(jl_buf *b, const char *cls, const char *caption)
{
    /* A region that may scroll sideways is reached by keyboard too. */
    jl_buf_puts(b, "<div class=\"tbl\" tabindex=\"0\" role=\"region\" aria-label=\"");
    jl_html_attr(b, caption);
    jl_buf_puts(b, "\"><table");
    if (cls) {
        jl_buf_puts(b, " class=\"");
        jl_html_attr(b, cls);
        jl_buf_puts(b, "\"");
    }
    jl_buf_puts(b, ">\n<caption>");
    jl_html_text(b, caption);
    jl_buf_puts(b, "</caption>\n");
}

void jl_page_thead(jl_buf *b, const jl_xtable *x, long skip)
{
    size_t c;

    jl_buf_puts(b, "<thead><tr>");
    for (c = 0; c < x->ncols; c++) {
        if ((long)c == skip)
            continue;
        jl_buf_puts(b, "<th scope=\"col\">");
        jl_html_text(b, x->labels[c]);
        jl_buf_puts(b, "</th>");
    }
    jl_buf_puts(b, "</tr></thead>\n<tbody>\n");
}

void jl_page_table(jl_buf *b, const jl_req *rq, const jl_xtable *x, const char *caption,
                   const char *link_div, char *const *codes)
{
    size_t r, c;

    jl_page_table_open(b, NULL, caption);
    jl_page_thead(b, x, -1);
    for (r = 0; r < x->nrows; r++) {
        const jl_xcell *row = &x->cells[r * x->ncols];

        jl_buf_puts(b, "<tr><th scope=\"row\">");
        if (link_div && codes && codes[r] && row[0].text && strcmp(row[0].text, codes[r])) {
            const char *const seg[3] = {"omrade", link_div, codes[r]};

            jl_page_link(b, rq, seg, 3, row[0].text ? row[0].text : codes[r]);
        } else if (row[0].kind == JL_XC_TEXT)
            jl_html_text(b, row[0].text);
        else if (row[0].kind == JL_XC_NUM)
            jl_page_num(b, row[0].v, row[0].decimals);
        jl_buf_puts(b, "</th>");
        for (c = 1; c < x->ncols; c++)
            jl_page_cell(b, &row[c]);
        jl_buf_puts(b, "</tr>\n");
    }
    jl_buf_puts(b, "</tbody>\n</table></div>\n");
}

void jl_page_downloads(jl_buf *b, const jl_req *rq, const char *const *seg, size_t nseg,
                       const char *name)
{
    static const char *const ext[2] = {"csv", "xlsx"};
    static const char *const what[2] = {"CSV", "Excel (.xlsx)"};
    const char *s[6];
    char file[64];
    size_t i;

    if (nseg > 5)
        return;
    memcpy(s, seg, nseg * sizeof *seg);
    jl_buf_puts(b, "<p class=\"dl\">");
    jl_html_text(b, _("Download the table:"));
    for (i = 0; i < 2; i++) {
        snprintf(file, sizeof file, "%s.%s", name, ext[i]);
        s[nseg] = file;
        jl_buf_puts(b, i ? " · <a href=\"" : " <a href=\"");
        jl_page_href(b, rq, s, nseg + 1);
        jl_page_query(b, rq);
        jl_buf_printf(b, "\" download=\"%s.%s\">%s</a>", name, ext[i], what[i]);
    }
    jl_buf_puts(b, "</p>\n");
}
