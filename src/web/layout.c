/*
 * The layout every page shares (web/page.h): the language attribute, a
 * skip link to the content, the menu, a language switch that keeps the
 * page and its query, the one style sheet, and headings that start at
 * <h1>. WCAG 2.1 AA asks for each of these; the focus outline is in the
 * style sheet.
 */
#include "web/page.h"
#include "web/html.h"
#include "core/num.h"

#include <string.h>

void jl_page_href(jl_buf *b, const jl_req *rq, const char *const *seg, size_t n)
{
    size_t i;

    if (rq->lang == JL_LANG_EN)
        jl_buf_puts(b, "/en");
    for (i = 0; i < n; i++) {
        jl_buf_putc(b, '/');
        jl_url_seg(b, seg[i]);
    }
    if (!n)
        jl_buf_putc(b, '/');
}

void jl_page_link(jl_buf *b, const jl_req *rq, const char *const *seg, size_t n,
                  const char *text)
{
    jl_buf_puts(b, "<a href=\"");
    jl_page_href(b, rq, seg, n);
    jl_buf_puts(b, "\">");
    jl_html_text(b, text);
    jl_buf_puts(b, "</a>");
}

void jl_page_num(jl_buf *b, double v, int decimals)
{
    char s[64];

    jl_html_text(b, jl_fmt_fixed(s, sizeof s, v, decimals));
}

/* The same page in the other language, with the same query. */
static void other_language(jl_buf *b, const jl_req *rq)
{
    jl_req other = *rq;
    size_t i;

    other.lang = rq->lang == JL_LANG_EN ? JL_LANG_SV : JL_LANG_EN;
    jl_page_href(b, &other, rq->seg, rq->seg ? rq->nseg : 0);
    for (i = 0; i < rq->target.nparam; i++) {
        jl_buf_putc(b, i ? '&' : '?');
        jl_url_q(b, rq->target.param[i].key);
        jl_buf_putc(b, '=');
        jl_url_q(b, rq->target.param[i].val);
    }
}

static void menu_item(jl_buf *b, const jl_req *rq, const char *seg, const char *text)
{
    const char *const s[1] = {seg};
    size_t n = seg ? 1 : 0;
    int here = rq->seg && rq->nseg == n && (!n || !strcmp(rq->seg[0], seg));

    jl_buf_puts(b, "<li><a href=\"");
    jl_page_href(b, rq, s, n);
    jl_buf_puts(b, here ? "\" aria-current=\"page\">" : "\">");
    jl_html_text(b, text);
    jl_buf_puts(b, "</a></li>");
}

void jl_page_begin(jl_req *rq, jl_resp *rs, const char *title)
{
    jl_buf *b = &rs->body;
    int en = rq->lang == JL_LANG_EN;

    rs->type = JL_WEB_HTML;
    jl_buf_printf(b,
                  "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<title>",
                  en ? "en" : "sv");
    jl_html_text(b, title);
    jl_buf_puts(b, " – jamlik</title>\n<link rel=\"stylesheet\" href=\"/static/jamlik.css\">\n"
                   "</head>\n<body>\n<a class=\"skip\" href=\"#main\">");
    jl_html_text(b, _("Skip to content"));
    jl_buf_puts(b, "</a>\n<header>\n<p class=\"site\">");
    jl_page_link(b, rq, NULL, 0, "jamlik");
    jl_buf_puts(b, "</p>\n<nav aria-label=\"");
    jl_html_attr(b, _("Main menu"));
    jl_buf_puts(b, "\"><ul>");
    menu_item(b, rq, NULL, _("Areas"));
    menu_item(b, rq, "segregation", _("Segregation and clusters"));
    menu_item(b, rq, "metod", _("Method and sources"));
    jl_buf_puts(b, "</ul></nav>\n<p class=\"lang\"><a href=\"");
    other_language(b, rq);
    /* The switch is named in its own language, as language menus are. */
    jl_buf_puts(b, en ? "\" hreflang=\"sv\" lang=\"sv\">På svenska</a></p>\n"
                      : "\" hreflang=\"en\" lang=\"en\">In English</a></p>\n");
    jl_buf_puts(b, "</header>\n<main id=\"main\" tabindex=\"-1\">\n<h1>");
    jl_html_text(b, title);
    jl_buf_puts(b, "</h1>\n");
}

void jl_page_end(jl_req *rq, jl_resp *rs)
{
    jl_buf *b = &rs->body;
    const char *const method[1] = {"metod"};

    jl_buf_puts(b, "</main>\n<footer>\n<p>");
    jl_html_text(b, _("jamlik: living conditions and youth surveys by area."));
    jl_buf_puts(b, " ");
    jl_page_link(b, rq, method, 1, _("Sources, licences and what is synthetic"));
    jl_buf_puts(b, "</p>\n</footer>\n</body>\n</html>\n");
}
