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
        cmocka_unit_test(interval_qnorm_matches_r),
        cmocka_unit_test(quantile_type7_matches_r),
    };
    /* The messages checked here are the English ids. */
    jl_i18n_set_lang(JL_LANG_EN);
    return cmocka_run_group_tests_name("stats/interval", tests, NULL, NULL);
}
