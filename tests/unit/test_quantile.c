/* jl_stats_quantile7 against R's quantile(type = 7), bit for bit:
 * tests/reference/quantile/quantile.R wrote the vectors and the values.
 * jl_stats_quantile_ci against R's qbinom/pbinom (quantile-ci.R). */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/alloc.h"
#include "stats/quantile.h"

#define MAXV 64

static double *vec[MAXV];
static size_t vlen[MAXV];

static void load_vectors(void)
{
    FILE *f = fopen(JL_SRCDIR "/tests/reference/quantile/quantile-vectors.csv", "r");
    char *line = NULL;
    size_t cap = 0;

    assert_non_null(f);
    assert_true(getline(&line, &cap, f) > 0); /* header */
    while (getline(&line, &cap, f) > 0) {
        char *p = strchr(line, ','), *end;
        long v = strtol(line, NULL, 10);
        size_t n = 0, c = 16;

        assert_true(v >= 1 && v < MAXV && p);
        vec[v] = jl_xmalloc(c * sizeof(double));
        for (p++;; p = end) {
            double x = strtod(p, &end);

            if (end == p)
                break;
            vec[v] = jl_xgrow(vec[v], &c, n + 1, sizeof(double));
            vec[v][n++] = x;
        }
        vlen[v] = n;
        jl_stats_sort(vec[v], n);
    }
    free(line);
    fclose(f);
}

static void quantile7_matches_r(void **state)
{
    FILE *f;
    char line[256];
    size_t checked = 0, v;

    (void)state;
    load_vectors();
    f = fopen(JL_SRCDIR "/tests/reference/quantile/quantile-reference.csv", "r");
    assert_non_null(f);
    assert_non_null(fgets(line, sizeof line, f));
    while (fgets(line, sizeof line, f)) {
        long vi;
        double p, want, got;

        assert_int_equal(sscanf(line, "%ld,%lf,%lf", &vi, &p, &want), 3);
        assert_true(vi >= 1 && vi < MAXV && vlen[vi] > 0);
        got = jl_stats_quantile7(vec[vi], vlen[vi], p);
        if (got != want)
            print_error("vector %ld (n = %zu), p = %g: got %.17g, R %.17g\n", vi, vlen[vi], p,
                        got, want);
        assert_true(got == want);
        checked++;
    }
    fclose(f);
    assert_true(checked >= 100);
    for (v = 0; v < MAXV; v++)
        jl_free(vec[v]);
}

/* The order statistics of the interval equal R's qbinom to the index, and
 * the coverage R's pbinom to 1e-12 (lgamma sums against R's pbeta). */
static void quantile_ci_matches_r(void **state)
{
    FILE *f = fopen(JL_SRCDIR "/tests/reference/quantile/quantile-ci.csv", "r");
    char line[256];
    size_t checked = 0, open_sides = 0;

    (void)state;
    assert_non_null(f);
    assert_non_null(fgets(line, sizeof line, f));
    while (fgets(line, sizeof line, f)) {
        double level, n, p, cov, got_cov;
        long lo, hi;
        size_t glo, ghi;

        assert_int_equal(sscanf(line, "%lf,%lf,%lf,%ld,%ld,%lf", &level, &n, &p, &lo, &hi, &cov),
                         6);
        jl_stats_quantile_ci((size_t)n, p, level, &glo, &ghi, &got_cov);
        if ((long)glo != lo || (long)ghi != hi || fabs(got_cov - cov) > 1e-12)
            print_error("n = %g, p = %g, level %g: got [%zu, %zu] %.17g, R [%ld, %ld] %.17g\n", n,
                        p, level, glo, ghi, got_cov, lo, hi, cov);
        assert_int_equal(glo, lo);
        assert_int_equal(ghi, hi);
        assert_true(fabs(got_cov - cov) <= 1e-12);
        assert_true(got_cov >= level);
        open_sides += lo == 0 || hi > (long)n;
        checked++;
    }
    fclose(f);
    assert_int_equal(checked, 208);
    assert_true(open_sides > 10); /* the reference has small waves that cannot bound p90 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quantile7_matches_r),
        cmocka_unit_test(quantile_ci_matches_r),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
