/* Numbers in and out (core/num.c): what a wave's cells may hold, and the
 * exact round trip of what jamlik writes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <float.h>
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

/* The text jl_fmt_exact wrote before it was made faster: the first of
 * %.15g, %.16g, %.17g that strtod reads back (whole numbers as %.0f,
 * subnormal numbers from %.1g). The fast path must write the same bytes. */
static void fmt_exact_before(char *out, size_t len, double v)
{
    int prec;

    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(out, len, "%.0f", v);
        return;
    }
    for (prec = fabs(v) < DBL_MIN ? 1 : 15; prec <= 17; prec++) {
        snprintf(out, len, "%.*g", prec, v);
        if (strtod(out, NULL) == v)
            break;
    }
}

static void exact_same_as_before(void **state)
{
    static const double special[] = {
        0.1, 0.5, 1.5, 2.5, 1e-5, 1.5e-5, 9.5e-5, 0.0001, 0.00015, 123456.789, 1e15 + 0.5,
        9007199254740993.0, 1e16, 1e17, 1.7976931348623157e308, 2.2250738585072014e-308,
        4.9e-324, 0.30000000000000004, 5e-324, 1e22, 1e23, 9.999999999999999e22,
        0.9999999999999999, 99999999999999.99, 999999999999999.9, 0.000123456789012345,
        1234567890123456.5, 2.0 / 3, 1.0 / 3, 1e-4 / 3, 1e-5 / 3, 1e300 / 7};
    char a[64], b[64];
    jl_rng r;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof special / sizeof *special; i++) {
        double v = special[i];
        int s;

        for (s = 0; s < 2; s++, v = -v) {
            jl_fmt_exact(a, sizeof a, v);
            fmt_exact_before(b, sizeof b, v);
            assert_string_equal(a, b);
        }
    }
    jl_rng_seed(&r, 11);
    for (i = 0; i < 300000; i++) {
        double v;
        uint64_t bits = jl_rng_next(&r);

        switch (i % 5) {
        case 0: /* any double */
            memcpy(&v, &bits, sizeof v);
            break;
        case 1: /* values as statistics come */
            v = (jl_rng_uniform(&r) - 0.5) * pow(10, (double)(i % 50) - 25);
            break;
        case 2: /* short decimals, as read from files */
            v = (double)(bits % 100000000) / pow(10, (double)(i % 12));
            break;
        case 3: /* p-values (ge + 1) / (R + 1) */
            v = (double)(bits % 10000 + 1) / 10000.0;
            break;
        default: /* decimals of 15 to 17 digits, near the cut-offs */
            v = (double)(bits % 100000000000000000ULL) * pow(10, -(double)(i % 30));
            break;
        }
        if (!isfinite(v))
            continue;
        jl_fmt_exact(a, sizeof a, v);
        fmt_exact_before(b, sizeof b, v);
        if (strcmp(a, b))
            fprintf(stderr, "%.17g: %s, before %s\n", v, a, b);
        assert_string_equal(a, b);
    }
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
        cmocka_unit_test(exact_same_as_before),
        cmocka_unit_test(fixed_uses_swedish_comma),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
