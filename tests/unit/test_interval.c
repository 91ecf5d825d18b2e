#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/i18n.h"

#include "stats/interval.h"
#include "stats/quantile.h"
#include "stats/spauto.h"
#include "testutil.h"

/* Wilson intervals against R's prop.test(correct = FALSE):
 * tests/reference/interval/wilson.R and wilson.csv. */
static void interval_wilson_matches_reference(void **state)
{
    FILE *f = fopen(JL_SRCDIR "/tests/reference/interval/wilson.csv", "r");
    char line[256];
    int rows = 0;

    (void)state;
    assert_non_null(f);
    assert_non_null(fgets(line, sizeof line, f));
    while (fgets(line, sizeof line, f)) {
        unsigned long k, n;
        double lo, hi;
        jl_interval ci;
        jl_err err = JL_ERR_INIT;

        assert_int_equal(sscanf(line, "%lu,%lu,%lf,%lf", &k, &n, &lo, &hi), 4);
        assert_int_equal(jl_stats_wilson(&ci, k, n, 0.95, &err), JL_OK);
        jl_assert_close(ci.lo, lo, 1e-12);
        jl_assert_close(ci.hi, hi, 1e-12);
        rows++;
    }
    fclose(f);
    assert_int_equal(rows, 11);
}

/* One file of Newcombe intervals: k1,n1,k2,n2,diff,lo,hi per line. */
static void check_newcombe_file(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[512];
    int rows = 0;

    assert_non_null(f);
    assert_non_null(fgets(line, sizeof line, f));
    while (fgets(line, sizeof line, f)) {
        unsigned long k1, n1, k2, n2;
        double d, lo, hi, got_d;
        jl_interval ci;
        jl_err err = JL_ERR_INIT;

        assert_int_equal(sscanf(line, "%lu,%lu,%lu,%lu,%lf,%lf,%lf", &k1, &n1, &k2, &n2, &d, &lo,
                                &hi),
                         7);
        assert_int_equal(jl_stats_newcombe(&ci, &got_d, k1, n1, k2, n2, 0.95, &err), JL_OK);
        jl_assert_close(got_d, d, 1e-9);
        jl_assert_close(ci.lo, lo, 1e-9);
        jl_assert_close(ci.hi, hi, 1e-9);
        rows++;
    }
    fclose(f);
    assert_int_equal(rows, 18);
}

/* Newcombe's hybrid score interval against two independent
 * implementations: statsmodels' confint_proportions_2indep(method =
 * "newcomb") and base R over prop.test's Wilson limits
 * (tests/reference/newcombe/README.md), edges included: 0 of n, n of n,
 * n = 1. */
static void interval_newcombe_matches_statsmodels_and_r(void **state)
{
    (void)state;
    check_newcombe_file(JL_SRCDIR "/tests/reference/newcombe/newcombe-statsmodels.csv");
    check_newcombe_file(JL_SRCDIR "/tests/reference/newcombe/newcombe-r.csv");
}

static void interval_newcombe_refuses_empty_groups(void **state)
{
    jl_interval ci;
    double d;
    jl_err err = JL_ERR_INIT;

    (void)state;
    assert_int_equal(jl_stats_newcombe(&ci, &d, 0, 0, 1, 2, 0.95, &err), JL_EINPUT);
    assert_int_equal(jl_stats_newcombe(&ci, &d, 1, 2, 3, 2, 0.95, &err), JL_EINPUT);
}

/* The score test against R's prop.test(k, n, p0, correct = FALSE); a
 * p-value below 0.05 exactly when the Wilson interval excludes p0. */
static void interval_score_p_matches_r(void **state)
{
    FILE *f = fopen(JL_SRCDIR "/tests/reference/newcombe/score-test.csv", "r");
    char line[256];
    int rows = 0;

    (void)state;
    assert_non_null(f);
    assert_non_null(fgets(line, sizeof line, f));
    while (fgets(line, sizeof line, f)) {
        unsigned long k, n;
        double p0, p;
        jl_interval ci;
        jl_err err = JL_ERR_INIT;

        assert_int_equal(sscanf(line, "%lu,%lu,%lf,%lf", &k, &n, &p0, &p), 4);
        jl_assert_close(jl_stats_score_p(k, n, p0), p, 1e-9);
        assert_int_equal(jl_stats_wilson(&ci, k, n, 0.95, &err), JL_OK);
        assert_int_equal(p < 0.05, ci.lo > p0 || ci.hi < p0);
        rows++;
    }
    fclose(f);
    assert_int_equal(rows, 13);
    /* No variance under a norm of 0 or 1: agreeing answers or none. */
    jl_assert_close(jl_stats_score_p(0, 10, 0), 1, 0);
    jl_assert_close(jl_stats_score_p(1, 10, 0), 0, 0);
    jl_assert_close(jl_stats_score_p(10, 10, 1), 1, 0);
    assert_true(isnan(jl_stats_score_p(0, 0, 0.5)));
    assert_true(isnan(jl_stats_score_p(1, 10, 1.5)));
}

/* Benjamini-Hochberg against R's p.adjust(p, "BH"), NA out of the family
 * (tests/reference/newcombe/bh.csv). */
static void adjust_bh_matches_r(void **state)
{
    FILE *f = fopen(JL_SRCDIR "/tests/reference/newcombe/bh.csv", "r");
    char line[256];
    double p[64], want[64], got[64];
    int set = 0, sets = 0, s;
    size_t n = 0, i;

    (void)state;
    assert_non_null(f);
    assert_non_null(fgets(line, sizeof line, f));
    for (;;) {
        char ps[64], qs[64];
        int more = fgets(line, sizeof line, f) != NULL;

        if (more)
            assert_int_equal(sscanf(line, "%d,%63[^,],%63s", &s, ps, qs), 3);
        if (!more || (s != set && n > 0)) {
            jl_p_adjust_bh(p, n, got);
            for (i = 0; i < n; i++) {
                if (isnan(want[i]))
                    assert_true(isnan(got[i]));
                else
                    jl_assert_close(got[i], want[i], 1e-9);
            }
            sets++;
            n = 0;
        }
        if (!more)
            break;
        set = s;
        assert_true(n < 64);
        p[n] = strcmp(ps, "NA") ? strtod(ps, NULL) : (double)NAN;
        want[n] = strcmp(qs, "NA") ? strtod(qs, NULL) : (double)NAN;
        n++;
    }
    fclose(f);
    assert_int_equal(sets, 5);
}

static void interval_rejects_k_above_n(void **state)
{
    jl_interval ci;
    jl_err err = JL_ERR_INIT;

    (void)state;
    assert_int_equal(jl_stats_wilson(&ci, 41, 40, 0.95, &err), JL_EINPUT);
    assert_non_null(strstr(err.msg, "41"));
    assert_int_equal(jl_stats_wilson(&ci, 0, 0, 0.95, &err), JL_EINPUT);
}

static void interval_qnorm_matches_r(void **state)
{
    (void)state;
    /* qnorm(c(0.975, 0.5, 0.001, 0.9)) in R 4.2.2 */
    jl_assert_close(jl_stats_qnorm(0.975), 1.959963984540054, 1e-14);
    jl_assert_close(jl_stats_qnorm(0.5), 0, 1e-15);
    jl_assert_close(jl_stats_qnorm(0.001), -3.090232306167813, 1e-14);
    jl_assert_close(jl_stats_qnorm(0.9), 1.2815515655446008, 1e-14);
}

/* R: quantile(c(3.1, -1, 2, 8, 0.5, 0.5, 7), c(0.15, 0.75, 0.9)) gives
 * 0.35, 5.05, 7.4 (type 7). */
static void quantile_type7_matches_r(void **state)
{
    double x[] = {3.1, -1, 2, 8, 0.5, 0.5, 7};

    (void)state;
    jl_stats_sort(x, 7);
    jl_assert_close(jl_stats_quantile7(x, 7, 0.15), 0.34999999999999987, 1e-15);
    jl_assert_close(jl_stats_quantile7(x, 7, 0.75), 5.05, 1e-14);
    jl_assert_close(jl_stats_quantile7(x, 7, 0.90), 7.4, 1e-14);
    jl_assert_close(jl_stats_quantile7(x, 7, 0), -1, 0);
    jl_assert_close(jl_stats_quantile7(x, 7, 1), 8, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(interval_wilson_matches_reference),
        cmocka_unit_test(interval_rejects_k_above_n),
        cmocka_unit_test(interval_newcombe_matches_statsmodels_and_r),
        cmocka_unit_test(interval_newcombe_refuses_empty_groups),
        cmocka_unit_test(interval_score_p_matches_r),
        cmocka_unit_test(adjust_bh_matches_r),
        cmocka_unit_test(interval_qnorm_matches_r),
        cmocka_unit_test(quantile_type7_matches_r),
    };
    /* The messages checked here are the English ids. */
    jl_i18n_set_lang(JL_LANG_EN);
    return cmocka_run_group_tests_name("stats/interval", tests, NULL, NULL);
}
