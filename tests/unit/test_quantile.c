/* jl_stats_quantile7 against R's quantile(type = 7), bit for bit:
 * tests/reference/quantile/quantile.R wrote the vectors and the values. */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quantile7_matches_r),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
