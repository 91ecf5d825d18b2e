/* The web layer's pure parts: the escapers (web/html.h), the request
 * target parser (web/query.h) and the router's answers that need no
 * database (web/http.h), each called without a socket. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "web/cache.h"
#include "web/html.h"
#include "web/http.h"
#include "web/query.h"

static jl_arena *arena;

static const char *esc(void (*f)(jl_buf *, const char *), const char *s)
{
    jl_buf b;

    jl_buf_init(&b, arena, 1 << 16);
    f(&b, s);
    return jl_buf_str(&b);
}

static void web_html_escapes_markup_and_quotes(void **state)
{
    (void)state;
    assert_string_equal(esc(jl_html_text, "<script>a&b \"c\" 'd'</script>"),
                        "&lt;script&gt;a&amp;b &quot;c&quot; &#39;d&#39;&lt;/script&gt;");
    assert_string_equal(esc(jl_html_attr, "x\" onload=\"y"), "x&quot; onload=&quot;y");
    assert_string_equal(esc(jl_html_text, "Göteborg"), "Göteborg");
    assert_string_equal(esc(jl_html_text, NULL), "");
}

static void web_html_replaces_invalid_utf8_and_controls(void **state)
{
    const char *r;

    (void)state;
    /* C3 28 (bad continuation), C0 AF (overlong), ED A0 80 (surrogate), ESC. */
    r = esc(jl_html_text, "a\xC3\x28 \xC0\xAF \xED\xA0\x80 \x1b[31m");
    assert_int_equal(jl_utf8_check(r, strlen(r)), strlen(r));
    assert_null(strchr(r, 0x1b));
    assert_non_null(strstr(r, "\xEF\xBF\xBD"));
    assert_non_null(strstr(r, "a\xEF\xBF\xBD("));
    assert_string_equal(esc(jl_html_text, "a\tb\nc"), "a\tb\nc");
}

static void web_url_encodes_segments(void **state)
{
    (void)state;
    assert_string_equal(esc(jl_url_seg, "å b/c?d#e\"<"), "%C3%A5%20b%2Fc%3Fd%23e%22%3C");
    assert_string_equal(esc(jl_url_seg, ".."), "%2E%2E");
    assert_string_equal(esc(jl_url_seg, "."), "%2E");
    assert_string_equal(esc(jl_url_seg, "a.b-c_d~e"), "a.b-c_d~e");
    assert_string_equal(esc(jl_url_q, "a=b&c"), "a%3Db%26c");
}

static void web_json_escapes(void **state)
{
    (void)state;
    assert_string_equal(esc(jl_json_str, "a\"b\\c\nd\x01<e>&"),
                        "\"a\\\"b\\\\c\\nd\\u0001\\u003ce\\u003e\\u0026\"");
    assert_string_equal(esc(jl_json_str, "x\xC3\x28"), "\"x\\ufffd(\"");
    assert_string_equal(esc(jl_json_str, "\xE2\x80\xA8"), "\"\\u2028\"");
}

static int parse(jl_target *t, const char *raw)
{
    jl_err e = JL_ERR_INIT;

    return jl_target_parse(t, arena, raw, strlen(raw), &e);
}

static void web_target_decodes_once(void **state)
{
    jl_target t;

    (void)state;
    assert_int_equal(parse(&t, "/omrade/a%20b/%25C3?x=1+2&y=%C3%A5&z&&w="), JL_OK);
    assert_int_equal(t.nseg, 3);
    assert_string_equal(t.seg[1], "a b");
    assert_string_equal(t.seg[2], "%C3"); /* decoded once, not twice */
    assert_int_equal(t.nparam, 4);
    assert_string_equal(jl_target_param(&t, "x"), "1 2");
    assert_string_equal(jl_target_param(&t, "y"), "å");
    assert_string_equal(jl_target_param(&t, "z"), "");
    assert_string_equal(jl_target_param(&t, "w"), "");
    assert_null(jl_target_param(&t, "v"));
    assert_int_equal(parse(&t, "/"), JL_OK);
    assert_int_equal(t.nseg, 0);
    assert_int_equal(parse(&t, "/en/"), JL_OK);
    assert_int_equal(t.nseg, 2);
    assert_string_equal(t.seg[1], "");
}

static void web_target_refuses_walks_and_bad_bytes(void **state)
{
    static const char *const bad[] = {
        "/a/../b", "/a/./b", "/%2e%2e/x", "/a%2fb", "/%2F", "/%00", "/a?x=%00", "/%C0%AF",
        "/%ED%A0%80", "/?x=%C3%28", "noslash", "", "/a#b", "/%4", "/%zz", "/a?b=%",
        "/%0d%0aSet-Cookie:x", "http://host/"};
    jl_target t;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(parse(&t, bad[i]), JL_EINPUT);
}

static void web_target_limits(void **state)
{
    char many[512];
    jl_target t;
    size_t i, n = 0;

    (void)state;
    for (i = 0; i < JL_WEB_MAX_SEGS; i++)
        n += (size_t)snprintf(many + n, sizeof many - n, "/s");
    assert_int_equal(parse(&t, many), JL_OK);
    snprintf(many + n, sizeof many - n, "/s");
    assert_int_equal(parse(&t, many), JL_ELIMIT);
    n = (size_t)snprintf(many, sizeof many, "/?");
    for (i = 0; i <= JL_WEB_MAX_PARAMS; i++)
        n += (size_t)snprintf(many + n, sizeof many - n, "k=v&");
    assert_int_equal(parse(&t, many), JL_ELIMIT);
}

/* A request as server.c builds it, without a database. */
static void handle(jl_resp *rs, jl_req *rq, const char *method, const char *target,
                   const char *inm)
{
    memset(rq, 0, sizeof *rq);
    rq->method = method;
    rq->arena = arena;
    rq->boot = 42;
    rq->if_none_match = inm;
    if (parse(&rq->target, target) < 0)
        rq->refuse = 400;
    jl_web_handle(rq, rs);
}

static void web_router_answers(void **state)
{
    jl_req rq;
    jl_resp rs;
    char etag[96];

    (void)state;
    handle(&rs, &rq, "GET", "/static/jamlik.css", NULL);
    assert_int_equal(rs.status, 200);
    assert_true(rs.etag);
    assert_string_equal(rs.type, "text/css; charset=utf-8");
    snprintf(etag, sizeof etag, "%s", rq.etag);
    handle(&rs, &rq, "GET", "/static/jamlik.css", etag);
    assert_int_equal(rs.status, 304);
    handle(&rs, &rq, "HEAD", "/static/jamlik.css", "\"x\", W/\"y\"");
    assert_int_equal(rs.status, 200);
    handle(&rs, &rq, "POST", "/static/jamlik.css", NULL);
    assert_int_equal(rs.status, 405);
    assert_string_equal(rs.allow, "GET, HEAD");
    handle(&rs, &rq, "GET", "/nope", NULL);
    assert_int_equal(rs.status, 404);
    assert_non_null(strstr(jl_buf_str(&rs.body), "<html lang=\"sv\">"));
    handle(&rs, &rq, "GET", "/en/nope?a=%3Cb%3E", NULL);
    assert_int_equal(rs.status, 404);
    assert_non_null(strstr(jl_buf_str(&rs.body), "<html lang=\"en\">"));
    /* The language switch keeps the page's query, encoded. */
    assert_non_null(strstr(jl_buf_str(&rs.body), "href=\"/nope?a=%3Cb%3E\""));
    assert_null(strstr(jl_buf_str(&rs.body), "<b>"));
    handle(&rs, &rq, "GET", "/api/v1/nope", NULL);
    assert_int_equal(rs.status, 404);
    assert_string_equal(rs.type, "application/json; charset=utf-8");
    assert_non_null(strstr(jl_buf_str(&rs.body), "\"status\":404"));
    handle(&rs, &rq, "GET", "/api/v1/divisions?lang=xx", NULL);
    assert_int_equal(rs.status, 400);
    handle(&rs, &rq, "GET", "/en/api/v1/divisions", NULL);
    assert_int_equal(rs.status, 404);
    /* Without a database, a page is unavailable, never a crash. */
    handle(&rs, &rq, "GET", "/en/", NULL);
    assert_int_equal(rs.status, 503);
    handle(&rs, &rq, "GET", "/a/../b", NULL);
    assert_int_equal(rs.status, 400);
    jl_arena_clear(arena);
}

static void web_cache_keeps_one_data_version(void **state)
{
    jl_web_cache *c = jl_web_cache_new();
    const char *type, *body;
    size_t len;

    (void)state;
    assert_int_equal(jl_web_cache_get(c, 1, "/a", &type, &body, &len), 0);
    jl_web_cache_put(c, 1, "/a", "text/html", "<p>a</p>", 8);
    jl_web_cache_put(c, 1, "/en/a", "text/html", "<p>A</p>", 8);
    assert_int_equal(jl_web_cache_get(c, 1, "/a", &type, &body, &len), 1);
    assert_int_equal(len, 8);
    assert_memory_equal(body, "<p>a</p>", 8);
    assert_int_equal(jl_web_cache_get(c, 1, "/en/a", &type, &body, &len), 1);
    assert_memory_equal(body, "<p>A</p>", 8);
    /* An import: the data version moves, nothing older is given out. */
    assert_int_equal(jl_web_cache_get(c, 2, "/a", &type, &body, &len), 0);
    assert_int_equal(jl_web_cache_get(c, 1, "/a", &type, &body, &len), 0);
    jl_web_cache_free(c);
}

static int setup(void **state)
{
    (void)state;
    arena = jl_arena_new();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    jl_arena_free(arena);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(web_html_escapes_markup_and_quotes),
        cmocka_unit_test(web_html_replaces_invalid_utf8_and_controls),
        cmocka_unit_test(web_url_encodes_segments),
        cmocka_unit_test(web_json_escapes),
        cmocka_unit_test(web_target_decodes_once),
        cmocka_unit_test(web_target_refuses_walks_and_bad_bytes),
        cmocka_unit_test(web_target_limits),
        cmocka_unit_test(web_router_answers),
        cmocka_unit_test(web_cache_keeps_one_data_version),
    };
    return cmocka_run_group_tests_name("web", tests, setup, teardown);
}
