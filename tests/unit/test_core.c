/*
 * core/: strict UTF-8, the stanza format, the string map and the output
 * formats — the pieces every input and output goes through.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/alloc.h"
#include "core/diag.h"
#include "core/i18n.h"
#include "core/kv.h"
#include "core/num.h"
#include "core/out.h"
#include "core/strmap.h"
#include "core/utf8.h"

static void utf8_is_strict(void **state)
{
    static const struct {
        const char *s;
        size_t bad; /* offset of the first invalid sequence, or the length */
    } cases[] = {
        {"plain", 5},          {"sm\xc3\xa5", 4},           {"\xe2\x82\xac", 3},
        {"\xf0\x9f\x98\x80", 4}, {"a\xc0\x80", 1},  /* overlong NUL */
        {"\xe0\x80\xaf", 0},   /* overlong '/' */   {"\xed\xa0\x80", 0}, /* surrogate */
        {"\xf4\x90\x80\x80", 0}, /* above U+10FFFF */ {"ab\xc3", 2}, /* cut short */
        {"\xff", 0},           {"x\x80", 1},            /* lone continuation */
    };
    size_t i;
    char buf[8];

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(jl_utf8_check(cases[i].s, strlen(cases[i].s)), cases[i].bad);
    assert_int_equal(jl_utf8_width("Göteborg åäö"), 12);
    assert_int_equal(jl_utf8_count("åäö", 6), 3);
    assert_int_equal(jl_utf8_casecmp("ÅSA", "åsa"), 0);
    assert_true(jl_utf8_casecmp("a", "b") < 0);
    assert_int_equal(jl_utf8_encode(buf, 0x20AC), 3);
    assert_memory_equal(buf, "\xe2\x82\xac", 3);
}

static void kv_stanzas_positions_and_errors(void **state)
{
    const char *t = "# comment\n"
                    "item: q1\n"
                    "text: A long\n"
                    "  question\n"
                    "\n"
                    "item: q2\n"
                    "code: 1 = ja\n"
                    "code: 2 = nej\n";
    jl_diag d;
    jl_kv *kv;

    (void)state;
    jl_diag_init(&d, "t");
    kv = jl_kv_parse(t, strlen(t), &d);
    assert_int_equal(d.n, 0);
    assert_int_equal(kv->n, 2);
    assert_string_equal(jl_kv_get(&kv->s[0], "text")->value, "A long question");
    assert_int_equal(kv->s[1].n, 3);
    assert_int_equal(kv->s[1].e[2].line, 8);
    assert_int_equal(kv->s[1].e[2].vcol, 7);
    jl_kv_free(kv);
    jl_diag_dispose(&d);

    jl_diag_init(&d, "t");
    kv = jl_kv_parse("  stray\nno colon here\n", 22, &d);
    assert_int_equal(d.n, 2);
    assert_int_equal(d.e[0].line, 1);
    assert_int_equal(d.e[1].line, 2);
    jl_kv_free(kv);
    jl_diag_dispose(&d);
}

static void strmap_keeps_every_key(void **state)
{
    jl_strmap *m = jl_strmap_new();
    char key[32];
    size_t i, v, old;

    (void)state;
    for (i = 0; i < 100000; i++) {
        snprintf(key, sizeof key, "r%zu", i);
        assert_int_equal(jl_strmap_put(m, key, i, NULL), 1);
    }
    assert_int_equal(jl_strmap_size(m), 100000);
    assert_int_equal(jl_strmap_put(m, "r77", 5, &old), 0);
    assert_int_equal(old, 77);
    for (i = 0; i < 100000; i += 997) {
        snprintf(key, sizeof key, "r%zu", i);
        assert_int_equal(jl_strmap_get(m, key, &v), 1);
        assert_int_equal(v, i);
    }
    assert_int_equal(jl_strmap_get(m, "r100000", &v), 0);
    assert_int_equal(jl_strmap_get(m, "", &v), 0);
    jl_strmap_free(m);
}

/* Writes one row in fmt and returns what was written (caller frees). */
static char *render(jl_format fmt, int hide)
{
    static const char *const ids[] = {"area", "name", "pct", "ok"};
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    jl_out *o = jl_out_new(f, fmt, ids, NULL, 4);

    /* A source goes into CSV's source column; a method's note does not
     * (it is on stderr), so a file keeps where its figures come from
     * without a paragraph on every row. */
    jl_out_source(o, "OBS: syntetiska svar");
    jl_out_note(o, "Metod: x");
    if (hide)
        jl_out_table_hide(o, 0);
    jl_out_str(o, "101");
    jl_out_str(o, "Kärra, \"norra\"\n\t");
    jl_out_num(o, 100.0 / 3, 1);
    jl_out_bool(o, 1);
    jl_out_row_end(o);
    jl_out_end(o);
    fclose(f);
    return buf;
}

static void out_formats_escape_and_round(void **state)
{
    char *s;

    (void)state;
    jl_i18n_set_lang(JL_LANG_SV);
    s = render(JL_FMT_CSV, 0);
    /* The notes ride along in a last column, source, on every row. */
    assert_string_equal(s, "area,name,pct,ok,source\n101,\"Kärra, \"\"norra\"\"\n\t\",33.333333333333336,"
                           "1,OBS: syntetiska svar\n");
    free(s);
    /* Swedish Excel's CSV: BOM, ';', decimal comma, headings, CRLF. */
    s = render(JL_FMT_CSV_SV, 0);
    assert_string_equal(s, "\xef\xbb\xbf" "area;name;pct;ok;källa\r\n"
                           "101;\"Kärra, \"\"norra\"\"\n\t\";33,333333333333336;ja;OBS: syntetiska svar\r\n");
    free(s);
    s = render(JL_FMT_JSON, 0);
    assert_non_null(strstr(s, "\"notes\":[\"OBS: syntetiska svar\",\"Metod: x\"]"));
    assert_non_null(strstr(s, "\"name\":\"Kärra, \\\"norra\\\"\\n\\t\""));
    assert_non_null(strstr(s, "\"pct\":33.333333333333336"));
    assert_non_null(strstr(s, "\"ok\":true"));
    free(s);
    s = render(JL_FMT_TABLE, 1);
    assert_non_null(strstr(s, "OBS: syntetiska svar\n"));
    assert_null(strstr(s, "area")); /* hidden in tables */
    assert_non_null(strstr(s, "33,3"));
    assert_non_null(strstr(s, "ja"));
    free(s);
}

/* ngettext: one form for 1, another for every other number, in both
 * languages; a message without a Swedish plural entry falls back to the
 * English forms. */
static void plural_forms_by_number(void **state)
{
    (void)state;
    jl_i18n_set_lang(JL_LANG_SV);
    assert_string_equal(_n("%zu code", "%zu codes", 1), "%zu kod");
    assert_string_equal(_n("%zu code", "%zu codes", 2), "%zu koder");
    assert_string_equal(_n("%zu code", "%zu codes", 0), "%zu koder");
    assert_string_equal(_n("no such %d", "no such %d things", 1), "no such %d");
    assert_string_equal(_n("no such %d", "no such %d things", 5), "no such %d things");
    /* The singular alone, through jl_tr, is the entry's first form. */
    assert_string_equal(_("%zu code"), "%zu kod");
    jl_i18n_set_lang(JL_LANG_EN);
    assert_string_equal(_n("%zu code", "%zu codes", 1), "%zu code");
    assert_string_equal(_n("%zu code", "%zu codes", 21), "%zu codes");
    jl_i18n_set_lang(JL_LANG_SV);
}

/* Numbers as people read them: thousands apart (a narrow no-break space
 * in Swedish, a comma in English), columns aligned by what a terminal
 * shows rather than bytes, p-values below the last decimal as "< 0,001",
 * secondary columns only with wide. */
static char *render_numbers(int wide)
{
    static const char *const ids[] = {"n", "km2", "p", "extra"};
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    jl_out_dest d = {f, JL_FMT_TABLE, NULL, wide};
    jl_out *o = jl_out_open(&d, ids, NULL, 4);

    jl_out_align_right(o, 0);
    jl_out_align_right(o, 1);
    jl_out_secondary(o, 3);
    jl_out_int(o, 604616);
    jl_out_num(o, 1030.71, 1);
    jl_out_p(o, 0.0004, 3);
    jl_out_str(o, "x");
    jl_out_row_end(o);
    jl_out_int(o, 7);
    jl_out_num(o, -2.26, 1);
    jl_out_p(o, 0.0312, 3);
    jl_out_str(o, "y");
    jl_out_row_end(o);
    jl_out_end(o);
    fclose(f);
    return buf;
}

static void out_numbers_as_people_write_them(void **state)
{
    char buf[64], *s;

    (void)state;
    jl_i18n_set_lang(JL_LANG_SV);
    assert_string_equal(jl_fmt_fixed(buf, sizeof buf, 1030.71, 1), "1\xe2\x80\xaf" "030,7");
    assert_string_equal(jl_fmt_fixed(buf, sizeof buf, -1234567, 0),
                        "-1\xe2\x80\xaf" "234\xe2\x80\xaf" "567");
    assert_string_equal(jl_fmt_fixed(buf, sizeof buf, 999.96, 1), "1\xe2\x80\xaf" "000,0");
    assert_string_equal(jl_fmt_fixed(buf, sizeof buf, 999.94, 1), "999,9");
    s = render_numbers(0);
    assert_string_equal(s, "      n      km2  p\n"
                           "-------  -------  -------\n"
                           "604\xe2\x80\xaf" "616  1\xe2\x80\xaf" "030,7  < 0,001\n"
                           "      7     -2,3  0,031\n");
    free(s);
    s = render_numbers(1);
    assert_non_null(strstr(s, "extra"));
    free(s);
    jl_i18n_set_lang(JL_LANG_EN);
    assert_string_equal(jl_fmt_fixed(buf, sizeof buf, 1030.71, 1), "1,030.7");
    s = render_numbers(0);
    assert_non_null(strstr(s, "604,616  1,030.7  < 0.001\n"));
    free(s);
    jl_i18n_set_lang(JL_LANG_SV);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_is_strict),
        cmocka_unit_test(kv_stanzas_positions_and_errors),
        cmocka_unit_test(strmap_keeps_every_key),
        cmocka_unit_test(out_formats_escape_and_round),
        cmocka_unit_test(plural_forms_by_number),
        cmocka_unit_test(out_numbers_as_people_write_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
