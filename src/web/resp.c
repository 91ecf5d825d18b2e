/*
 * Answers' common parts (web/http.h): the security headers every answer
 * carries and the standard error answers.
 */
#include "web/http.h"
#include "web/html.h"
#include "web/page.h"

/* No inline script or style anywhere (the pages have neither), no
 * framing, no plugins, no <base>; nothing leaves with the Referer. The
 * answers change with every import, so each is revalidated by its ETag
 * (a 304 costs one SELECT of the data version). */
const char *const jl_web_security_headers[] = {
    "Content-Security-Policy",
    "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
    "object-src 'none'",
    "X-Content-Type-Options", "nosniff",
    "X-Frame-Options", "DENY",
    "Referrer-Policy", "no-referrer",
    "Cross-Origin-Opener-Policy", "same-origin",
    "Cache-Control", "no-cache",
    NULL};

void jl_resp_begin(jl_resp *rs, jl_req *rq, const char *type)
{
    (void)rq;
    rs->type = type;
    jl_buf_reset(&rs->body);
}

typedef struct status_words {
    int status;
    const char *code;  /* the API's fixed word */
    const char *title; /* msgid */
    const char *text;  /* msgid */
} status_words;

static const status_words words[] = {
    {400, "bad_request", N_("Bad request"), N_("The address could not be read.")},
    {404, "not_found", N_("Page not found"), N_("There is no page at this address.")},
    {405, "method_not_allowed", N_("Method not allowed"),
     N_("This address can only be read (GET or HEAD).")},
    {413, "payload_too_large", N_("Request too large"),
     N_("These pages take no request body.")},
    {414, "uri_too_long", N_("Address too long"), N_("The address is too long.")},
    {500, "server_error", N_("Server error"), N_("Something went wrong on the server.")},
    {503, "unavailable", N_("Service unavailable"),
     N_("The database cannot be read just now. Try again in a moment.")},
};

static const status_words *words_of(int status)
{
    size_t i;

    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (words[i].status == status)
            return &words[i];
    return &words[5]; /* 500 */
}

const char *jl_web_reason(int status)
{
    return _(words_of(status)->title);
}

int jl_web_error(jl_req *rq, jl_resp *rs, int status, const char *msg)
{
    const status_words *w = words_of(status);
    jl_buf *b = &rs->body;

    rs->status = status;
    rs->etag = 0;
    if (rq->api) {
        jl_resp_begin(rs, rq, JL_WEB_JSON);
        jl_buf_printf(b, "{\"error\":{\"status\":%d,\"code\":", status);
        jl_json_str(b, w->code);
        jl_buf_puts(b, ",\"message\":");
        jl_json_str(b, msg ? msg : _(w->text));
        jl_buf_puts(b, "}}\n");
        return status;
    }
    jl_resp_begin(rs, rq, JL_WEB_HTML);
    jl_page_begin(rq, rs, _(w->title));
    jl_buf_puts(b, "<p>");
    jl_html_text(b, msg ? msg : _(w->text));
    jl_buf_puts(b, "</p>\n<p>");
    jl_page_link(b, rq, NULL, 0, _("To the start page"));
    jl_buf_puts(b, "</p>\n");
    jl_page_end(rq, rs);
    return status;
}
