/*
 * stats/profile.c and stats/priorities.c: counts with totals against a
 * brute-force count, cells (share, flag, suppression), and the priority
 * order with its tie-breakers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/alloc.h"
#include "core/i18n.h"
#include "core/rng.h"
#include "stats/priorities.h"
#include "release/suppress.h"
#include "stats/profile.h"
#include "testutil.h"

enum { N = 5000, AREAS = 4, GRADES = 3, SEXES = 2, SCALES = 3, CUTS = 2 };

/* Every cell of jl_counts_build, totals included, equals a count made
 * by looking at every respondent for that cell. */
static void counts_match_brute_force(void **state)
{
    int32_t *area = jl_xmalloc(N * sizeof *area);
    int8_t *grade = jl_xmalloc(N), *sex = jl_xmalloc(N);
    uint8_t *st = jl_xmalloc(N * SCALES);
    jl_counts c;
    jl_rng r;
    size_t i, a, g, s, k, q;

    (void)state;
    jl_rng_seed(&r, 3);
    for (i = 0; i < N; i++) {
        area[i] = jl_rng_below(&r, 10) == 0 ? -1 : (int32_t)jl_rng_below(&r, AREAS);
        grade[i] = jl_rng_below(&r, 12) == 0 ? -1 : (int8_t)jl_rng_below(&r, GRADES);
        sex[i] = jl_rng_below(&r, 12) == 0 ? -1 : (int8_t)jl_rng_below(&r, SEXES);
        for (k = 0; k < SCALES; k++) {
            uint8_t b = jl_rng_below(&r, 8) ? JL_ST_SCORED : 0;

            if (b && jl_rng_below(&r, 3) == 0)
                b |= 2; /* cut 0 */
            if ((b & 2) && jl_rng_below(&r, 2) == 0)
                b |= 4; /* cut 1 */
            st[i * SCALES + k] = b;
        }
    }
    jl_counts_build(&c, area, grade, sex, st, N, AREAS, GRADES, SEXES, SCALES, CUTS);
    for (a = 0; a < AREAS; a++)
        for (g = 0; g <= GRADES; g++)
            for (s = 0; s <= SEXES; s++) {
                size_t grp = jl_counts_group(&c, a, g, s), n = 0;
                size_t ns[SCALES] = {0}, kk[SCALES][CUTS] = {{0}};

                for (i = 0; i < N; i++) {
                    if (area[i] != (int32_t)a)
                        continue;
                    if (g < GRADES && grade[i] != (int8_t)g)
                        continue;
                    if (s < SEXES && sex[i] != (int8_t)s)
                        continue;
                    n++;
                    for (k = 0; k < SCALES; k++) {
                        uint8_t b = st[i * SCALES + k];

                        if (!(b & JL_ST_SCORED))
                            continue;
                        ns[k]++;
                        for (q = 0; q < CUTS; q++)
                            kk[k][q] += (b >> (q + 1)) & 1;
                    }
                }
                if (c.n[grp] != n)
                    print_error("area %zu grade %zu sex %zu: %u, want %zu\n", a, g, s, c.n[grp], n);
                assert_int_equal(c.n[grp], n);
                for (k = 0; k < SCALES; k++) {
                    assert_int_equal(c.n_scored[grp * SCALES + k], ns[k]);
                    for (q = 0; q < CUTS; q++)
                        assert_int_equal(c.k[(grp * SCALES + k) * CUTS + q], kk[k][q]);
                }
            }
    jl_counts_dispose(&c);
    jl_free(area);
    jl_free(grade);
    jl_free(sex);
    jl_free(st);
}

static void cells_share_flag_and_suppress(void **state)
{
    jl_err err = JL_ERR_INIT;
    jl_cell c;

    (void)state;
    /* 40 of 100: 40 %, Wilson 30.94-49.80 (R: prop.test(40, 100, correct =
     * FALSE)$conf.int), above a norm of 25. */
    assert_int_equal(jl_cell_fill(&c, 110, 100, 40, 25, &err), JL_OK);
    assert_int_equal(c.status, JL_CELL_OK);
    jl_assert_close(c.pct, 40, 1e-12);
    jl_assert_close(c.ci_low, 30.94012864324589, 1e-12);
    jl_assert_close(c.ci_high, 49.79974132089382, 1e-12);
    jl_assert_close(c.diff, 15, 1e-12);
    assert_int_equal(c.flag, JL_FLAG_HIGH);
    /* The norm inside the interval: no flag. */
    assert_int_equal(jl_cell_fill(&c, 100, 100, 40, 35, &err), JL_OK);
    assert_int_equal(c.flag, JL_FLAG_NONE);
    /* Wholly below. */
    assert_int_equal(jl_cell_fill(&c, 100, 100, 10, 25, &err), JL_OK);
    assert_int_equal(c.flag, JL_FLAG_LOW);
    /* No norm: no difference, no flag. */
    assert_int_equal(jl_cell_fill(&c, 100, 100, 10, NAN, &err), JL_OK);
    assert_true(isnan(c.diff));
    assert_int_equal(c.flag, JL_FLAG_NONE);
    /* A small group keeps its raw counts in the cell: the disclosure rule
     * decides, not the arithmetic. */
    assert_int_equal(jl_cell_fill(&c, 30, 9, 9, 25, &err), JL_OK);
    assert_int_equal(c.status, JL_CELL_OK);
    assert_true(c.n == 30 && c.n_scored == 9 && c.k == 9);
    /* Nine scored under the small-group rule of 10: suppressed, every
     * share hidden, a reason; the counts stay for the release to see. */
    assert_int_equal(jl_release_small_group(&c, 10), 1);
    assert_int_equal(c.status, JL_CELL_SUPPRESSED);
    assert_true(c.n == 30 && c.n_scored == 9 && c.k == 9);
    assert_true(isnan(c.pct) && isnan(c.ci_low) && isnan(c.ci_high) && isnan(c.diff));
    assert_int_equal(c.flag, JL_FLAG_NONE);
    assert_int_equal(c.reason, JL_REASON_SMALL_GROUP);
    assert_non_null(jl_release_reason_text(c.reason));
    /* The threshold is the caller's: ten with min_n 10 is shown. */
    assert_int_equal(jl_cell_fill(&c, 10, 10, 0, 25, &err), JL_OK);
    assert_int_equal(jl_release_small_group(&c, 10), 0);
    assert_int_equal(c.status, JL_CELL_OK);
    assert_null(jl_release_reason_text(c.reason));
    /* No scored respondents: no share, and suppressed whatever the
     * threshold. */
    assert_int_equal(jl_cell_fill(&c, 5, 0, 0, 25, &err), JL_OK);
    assert_true(isnan(c.pct));
    assert_int_equal(jl_release_small_group(&c, 3), 1);
    assert_int_equal(c.status, JL_CELL_SUPPRESSED);
    assert_int_equal(c.reason, JL_REASON_NO_SCORED);
}

static void priorities_order_and_ties(void **state)
{
    jl_prio p[5];

    (void)state;
    memset(p, 0, sizeof p);
    /* A risk 8.5 over, a protective 6.0 under, two risks tied at 4.0
     * (one flagged in two grades), one risk under the norm. */
    /* The changes' 95 % intervals (delta_lo, delta_hi, pct - prev_pct in
     * points): Prot's lies wholly below 0 (less protection: worse), Big's
     * takes in 0 (no change to report), Tied1's lies above 0 with no
     * earlier share (ignored). */
    p[0] = (jl_prio){"Tied1", "T1", "p75", 0, 29.0, 25.0, 0, 3, NAN, NULL, 1.0, 2.0, 0, 0, 0, 0, 0};
    p[1] = (jl_prio){"Prot", "P", "p15", 1, 79.0, 85.0, 1, 3, 83.0, "2022", -6.5, -1.5, 0, 0, 0, 0, 0};
    p[2] = (jl_prio){"Tied2", "T2", "p75", 0, 29.04, 25.0, 2, 3, NAN, NULL, NAN, NAN, 0, 0, 0, 0, 0};
    p[3] = (jl_prio){"Big", "B", "p75", 0, 33.5, 25.0, 0, 3, 30.0, "2022", -1.0, 8.0, 0, 0, 0, 0, 0};
    p[4] = (jl_prio){"Fine", "F", "p75", 0, 20.0, 25.0, 0, 3, 24.0, "2022", -8.0, -0.5, 0, 0, 0, 0, 0};
    jl_priorities_rank(p, 5);
    assert_string_equal(p[0].scale, "Big");
    assert_string_equal(p[1].scale, "Prot");
    assert_string_equal(p[2].scale, "Tied2"); /* 4.0 shown for both: grades decide */
    assert_string_equal(p[3].scale, "Tied1");
    assert_string_equal(p[4].scale, "Fine");
    jl_assert_close(p[1].excess, 6.0, 1e-12);
    assert_true(p[1].worse); /* 79 with protection after 83, interval below 0 */
    assert_false(p[1].better);
    assert_false(p[0].worse); /* 33.5 after 30, but the interval takes in 0 */
    assert_false(p[0].better);
    jl_assert_close(p[0].change, 3.5, 1e-12);
    assert_false(p[3].worse); /* no earlier share */
    assert_true(p[4].better); /* a risk down, interval below 0 */
    assert_true(p[4].excess < 0);
    assert_true(p[0].priority && p[1].priority && p[2].priority && p[3].priority);
    assert_false(p[4].priority);
}

/* A factor worse than the norm by less than the one decimal shown is no
 * priority ("0,0 points below" would read as none at all); one that
 * shows 0,1 is. */
static void priorities_excess_as_shown(void **state)
{
    jl_prio p[3];

    (void)state;
    memset(p, 0, sizeof p);
    p[0] = (jl_prio){"Tiny", "T", "p15", 1, 84.96, 85.0, 0, 3, NAN, NULL, NAN, NAN, 0, 0, 0, 0, 0};
    p[1] = (jl_prio){"Small", "S", "p75", 0, 25.08, 25.0, 0, 3, NAN, NULL, NAN, NAN, 0, 0, 0, 0, 0};
    p[2] = (jl_prio){"Zero", "Z", "p75", 0, 25.0, 25.0, 0, 3, NAN, NULL, NAN, NAN, 0, 0, 0, 0, 0};
    jl_priorities_rank(p, 3);
    assert_string_equal(p[0].scale, "Small");
    assert_true(p[0].priority);
    assert_false(p[1].priority);
    assert_false(p[2].priority);
    jl_assert_close(p[2].excess + p[1].excess, 0.04, 1e-9);
    /* The sentences built from these numbers are the faces' (the golden
     * output holds the CLI's, tests/golden/expected.txt). */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counts_match_brute_force),
        cmocka_unit_test(cells_share_flag_and_suppress),
        cmocka_unit_test(priorities_order_and_ties),
        cmocka_unit_test(priorities_excess_as_shown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
