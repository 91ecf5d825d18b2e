#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/i18n.h"

#include "core/alloc.h"
#include "core/csv.h"
#include "core/text.h"

static void csv_reads_quotes_semicolons_and_positions(void **state)
{
    const char *t = "a;b;c\n1;\"x;\"\"y\"\"\";å\r\n\n2;;\"multi\nline\"\n";
    jl_csv *c = NULL;
    jl_err err = JL_ERR_INIT;

    (void)state;
    assert_int_equal(jl_csv_new(&c, "t.csv", t, strlen(t), 0, &err), JL_OK);
    assert_int_equal(jl_csv_delim(c), ';');
    assert_int_equal(jl_csv_next(c, &err), 1);
    assert_int_equal(jl_csv_nfields(c), 3);
    assert_int_equal(jl_csv_next(c, &err), 1);
    assert_string_equal(jl_csv_field(c, 1), "x;\"y\"");
    assert_string_equal(jl_csv_field(c, 2), "å");
    assert_int_equal(jl_csv_field_line(c, 2), 2);
    assert_int_equal(jl_csv_field_col(c, 2), 13);
    assert_int_equal(jl_csv_next(c, &err), 1);
    assert_int_equal(jl_csv_line(c), 4);
    assert_string_equal(jl_csv_field(c, 1), "");
    assert_string_equal(jl_csv_field(c, 2), "multi\nline");
    assert_int_equal(jl_csv_next(c, &err), 0);
    jl_csv_free(c);
}

static void csv_reports_unterminated_quote_where_it_opened(void **state)
{
    const char *t = "a,b\n1,\"open\n2,3\n";
    jl_csv *c = NULL;
    jl_err err = JL_ERR_INIT;

    (void)state;
    assert_int_equal(jl_csv_new(&c, "t.csv", t, strlen(t), 0, &err), JL_OK);
    assert_int_equal(jl_csv_next(c, &err), 1);
    assert_int_equal(jl_csv_next(c, &err), JL_EINPUT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 3);
    assert_non_null(strstr(err.msg, "closing quote"));
    jl_csv_free(c);
}

static void text_detects_encodings(void **state)
{
    char *out = NULL;
    size_t len;
    jl_encoding used;
    jl_err err = JL_ERR_INIT;

    (void)state;
    /* Windows-1252: "å" is 0xE5, "€" is 0x80 */
    assert_int_equal(jl_text_from_mem(&out, &len, &used, "x", "a\xe5\x80", 3, JL_ENC_AUTO, &err),
                     JL_OK);
    assert_int_equal(used, JL_ENC_CP1252);
    assert_string_equal(out, "aå€");
    jl_free(out);
    /* BOM is dropped */
    assert_int_equal(jl_text_from_mem(&out, &len, &used, "x", "\xef\xbb\xbfid", 5, JL_ENC_AUTO,
                                      &err),
                     JL_OK);
    assert_string_equal(out, "id");
    jl_free(out);
    /* UTF-8 with one broken byte on line 2 is an error, not Windows-1252 */
    assert_int_equal(jl_text_from_mem(&out, &len, &used, "x", "å\nab\xff", 6, JL_ENC_AUTO, &err),
                     JL_EINPUT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 3);
    /* NUL byte: binary */
    assert_int_equal(jl_text_from_mem(&out, &len, &used, "x", "ab\0c", 4, JL_ENC_AUTO, &err),
                     JL_EINPUT);
    assert_non_null(strstr(err.msg, "binary"));
    /* empty */
    assert_int_equal(jl_text_from_mem(&out, &len, &used, "x", "", 0, JL_ENC_AUTO, &err),
                     JL_EINPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_reads_quotes_semicolons_and_positions),
        cmocka_unit_test(csv_reports_unterminated_quote_where_it_opened),
        cmocka_unit_test(text_detects_encodings),
    };
    /* The messages checked here are the English ids. */
    jl_i18n_set_lang(JL_LANG_EN);
    return cmocka_run_group_tests_name("core/csv", tests, NULL, NULL);
}
