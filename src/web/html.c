/*
 * Escapers for HTML, attributes, URLs and JSON (web/html.h).
 */
#include "web/html.h"
#include "core/utf8.h"

#include <string.h>

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* The next code point of s[0, n): its length in *len and the code point,
 * or -1 with *len 1 for an invalid byte or a control character other than
 * tab and line feed. */
static long next_cp(const char *s, size_t n, size_t *len)
{
    uint32_t cp;
    size_t k = jl_utf8_decode(&cp, (const unsigned char *)s, n);

    if (k == 0) {
        *len = 1;
        return -1;
    }
    *len = k;
    if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7f && cp < 0xa0))
        return -1;
    return (long)cp;
}

void jl_html_textn(jl_buf *b, const char *s, size_t n)
{
    size_t i = 0, run = 0, k;

    /* Runs of plain bytes are copied at once: names are mostly letters. */
    while (i < n) {
        long cp = next_cp(s + i, n - i, &k);
        const char *esc = NULL;

        switch (cp) {
        case -1:
            esc = replacement;
            break;
        case '&':
            esc = "&amp;";
            break;
        case '<':
            esc = "&lt;";
            break;
        case '>':
            esc = "&gt;";
            break;
        case '"':
            esc = "&quot;";
            break;
        case '\'':
            esc = "&#39;";
            break;
        default:
            break;
        }
        if (esc) {
            jl_buf_add(b, s + run, i - run);
            jl_buf_puts(b, esc);
            run = i + k;
        }
        i += k;
    }
    jl_buf_add(b, s + run, i - run);
}

void jl_html_text(jl_buf *b, const char *s)
{
    jl_html_textn(b, s ? s : "", s ? strlen(s) : 0);
}

void jl_html_attr(jl_buf *b, const char *s)
{
    jl_html_text(b, s);
}

static void url_enc(jl_buf *b, const char *s, int seg)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p = (const unsigned char *)(s ? s : "");

    if (seg && (!strcmp((const char *)p, ".") || !strcmp((const char *)p, ".."))) {
        jl_buf_puts(b, p[1] ? "%2E%2E" : "%2E");
        return;
    }
    for (; *p; p++) {
        unsigned char c = *p;

        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '~' || c == '.')
            jl_buf_putc(b, (char)c);
        else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};

            jl_buf_add(b, e, 3);
        }
    }
}

void jl_url_seg(jl_buf *b, const char *s)
{
    url_enc(b, s, 1);
}

void jl_url_q(jl_buf *b, const char *s)
{
    url_enc(b, s, 0);
}

void jl_json_str(jl_buf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0, i = 0, k;

    jl_buf_putc(b, '"');
    while (i < n) {
        uint32_t cp;
        unsigned char c = (unsigned char)s[i];

        k = jl_utf8_decode(&cp, (const unsigned char *)s + i, n - i);
        if (k == 0) {
            jl_buf_puts(b, "\\ufffd");
            i++;
            continue;
        }
        if (c == '"' || c == '\\')
            jl_buf_printf(b, "\\%c", c);
        else if (c == '\n')
            jl_buf_puts(b, "\\n");
        else if (c == '\t')
            jl_buf_puts(b, "\\t");
        else if (c == '\r')
            jl_buf_puts(b, "\\r");
        else if (cp < 0x20 || cp == 0x7f || c == '<' || c == '>' || c == '&' || cp == 0x2028 ||
                 cp == 0x2029)
            jl_buf_printf(b, "\\u%04x", (unsigned)cp);
        else
            jl_buf_add(b, s + i, k);
        i += k;
    }
    jl_buf_putc(b, '"');
}
