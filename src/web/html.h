/*
 * The one set of escapers through which every text reaches a page or an
 * API answer (cgit's html.c is the model: html_txt, html_attr,
 * html_url_path, html_url_arg). Area names, indicator names and query
 * parameters come from outside, so a page never writes them with "%s".
 *
 * Every escaper reads its input as UTF-8 and writes only valid UTF-8: an
 * invalid byte becomes U+FFFD (as cmark's renderer does: a page must not
 * refuse to show what the store holds), and a control character other
 * than tab and line feed becomes U+FFFD as well. Pure functions over a
 * jl_buf (core/buf.h), thread-safe.
 */
#ifndef JL_WEB_HTML_H
#define JL_WEB_HTML_H

#include <stddef.h>

#include "core/buf.h"

/* s as HTML text: & < > " ' escaped. */
void jl_html_text(jl_buf *b, const char *s);
/* The first n bytes of s, as jl_html_text. */
void jl_html_textn(jl_buf *b, const char *s, size_t n);
/* s as the value of an attribute written between double quotes: the same
 * five characters escaped, so that a single-quoted attribute is safe too. */
void jl_html_attr(jl_buf *b, const char *s);
/* s as one segment of a URL path: every byte but A-Z a-z 0-9 - _ ~ and
 * '.' percent-encoded ("." and ".." alone are encoded whole, so that a
 * segment can never walk up). The result needs no further escaping in an
 * attribute. */
void jl_url_seg(jl_buf *b, const char *s);
/* s as a key or value of a query string: as jl_url_seg, '.' kept. */
void jl_url_q(jl_buf *b, const char *s);
/* s as a JSON string with its quotes: " \ and control characters
 * escaped, and < > & U+2028 U+2029 as \u escapes, so that the text is
 * safe inside HTML as well. */
void jl_json_str(jl_buf *b, const char *s);

#endif
