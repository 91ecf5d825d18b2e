/* Numbers in and out (core/num.c): what a wave's cells may hold, and the
 * exact round trip of what jamlik writes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/i18n.h"
#include "core/num.h"
#include "core/rng.h"

static void parse_long_accepts_codes(void **state)
{
    static const struct {
        const char *s;
        long v;
    } ok[] = {{"0", 0},     {"7", 7},         {"-3", -3},    {"+12", 12},
              {"3,0", 3},   {"3.0", 3},       {"007", 7},    {"123456789", 123456789},
              {"1999999999", 1999999999}, {"-1999999999", -1999999999}};
    static const char *const bad[] = {"",    "-",   "+",  "3,5", "3.5", "1e3", "3 ",  " 3",
                                      "3a",  "a3",  "--3", "1,2,3", "2000000001", "99999999999",
                                      "0x10", "∞"};
    size_t i;
    long v;

    (void)state;
    for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        v = -999;
        assert_int_equal(jl_parse_long(&v, ok[i].s), 0);
        assert_int_equal(v, ok[i].v);
    }
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (jl_parse_long(&v, bad[i]) == 0)
            print_error("accepted \"%s\" as %ld\n", bad[i], v);
        assert_int_equal(jl_parse_long(&v, bad[i]), -1);
    }
}

static void parse_double_takes_both_marks(void **state)
{
    double v;

    (void)state;
    assert_int_equal(jl_parse_double(&v, "0,25"), 0);
    assert_true(v == 0.25);
    assert_int_equal(jl_parse_double(&v, "-1.5e-3"), 0);
    assert_true(v == -1.5e-3);
    assert_int_equal(jl_parse_double(&v, "1,5.2"), -1);
    assert_int_equal(jl_parse_double(&v, "1e999"), -1);
    assert_int_equal(jl_parse_double(&v, "."), -1);
    assert_int_equal(jl_parse_double(&v, "1 000"), -1);
}

/* What jl_fmt_exact writes, strtod reads back bit for bit; and it is the
 * shortest such form for simple values. */
static void exact_round_trip(void **state)
{
    char buf[64];
    jl_rng r;
    int i;

    (void)state;
    assert_string_equal(jl_fmt_exact(buf, sizeof buf, 0.1), "0.1");
    assert_string_equal(jl_fmt_exact(buf, sizeof buf, 25), "25");
    assert_string_equal(jl_fmt_exact(buf, sizeof buf, 100.0 / 3), "33.333333333333336");
    assert_string_equal(jl_fmt_exact(buf, sizeof buf, NAN), "");
    jl_rng_seed(&r, 9);
    for (i = 0; i < 100000; i++) {
        double v = (jl_rng_uniform(&r) - 0.5) * pow(10, (double)(i % 40) - 20);

        jl_fmt_exact(buf, sizeof buf, v);
        assert_true(strtod(buf, NULL) == v);
    }
}

static void fixed_uses_swedish_comma(void **state)
{
    char buf[64];

    (void)state;
    jl_i18n_set_lang(JL_LANG_SV);
    assert_string_equal(jl_fmt_fixed(buf, sizeof buf, 12.345, 1), "12,3");
    /* "-0,0" would read as a negative number that is not there. */
    assert_string_equal(jl_fmt_fixed(buf, sizeof buf, -0.04, 1), "0,0");
    assert_string_equal(jl_fmt_fixed(buf, sizeof buf, -0.06, 1), "-0,1");
    jl_i18n_set_lang(JL_LANG_EN);
    assert_string_equal(jl_fmt_fixed(buf, sizeof buf, 12.345, 1), "12.3");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_long_accepts_codes),
        cmocka_unit_test(parse_double_takes_both_marks),
        cmocka_unit_test(exact_round_trip),
        cmocka_unit_test(fixed_uses_swedish_comma),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
