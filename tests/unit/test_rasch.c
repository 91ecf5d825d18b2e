#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/alloc.h"
#include "core/text.h"
#include "survey/instrument.h"
#include "survey/score.h"
#include "stats/rasch.h"
#include "testutil.h"

/* RISE's own WLE reference for PsykSomBesv (shared/data/ctc, copied to
 * tests/reference/rasch/wle-reference.csv): 38 patterns, complete and
 * incomplete, scored through the whole scorer (recoding, missing items,
 * the minimum of five, the cache). Values there are rounded to 6 decimals. */
static void rasch_wle_matches_rise_reference(void **state)
{
    jl_instrument *in = jl_test_rise();
    jl_scorer *sc = jl_scorer_new(in);
    long si = jl_instrument_scale(in, "PsykSomBesv");
    FILE *f = fopen(JL_SRCDIR "/tests/reference/rasch/wle-reference.csv", "r");
    char line[512];
    static const char *const cols[9] = {"F88", "F89", "F91", "F92", "F93",
                                        "F95", "F97", "F98", "F99"};
    int rows = 0;

    (void)state;
    assert_true(si >= 0);
    assert_non_null(f);
    assert_non_null(fgets(line, sizeof line, f));
    while (fgets(line, sizeof line, f)) {
        uint8_t ans[256];
        char *p = line, *field[20];
        int nf = 0, j;
        double score, se, want_wle, want_se;
        jl_noscore why;

        memset(ans, 0, sizeof ans);
        /* split on commas; fields are simple (no embedded commas) */
        while (nf < 20) {
            field[nf++] = p;
            p = strchr(p, ',');
            if (!p)
                break;
            *p++ = '\0';
        }
        assert_true(nf >= 16);
        for (j = 0; j < 9; j++) {
            long it = jl_instrument_item(in, cols[j]);
            const jl_item *item = &in->items[it];
            size_t c;

            if (!*field[2 + j])
                continue;
            /* find the code whose score equals the pattern's score */
            for (c = 0; c < item->ncodes; c++)
                if (!item->codes[c].missing && item->codes[c].score == atof(field[2 + j]))
                    break;
            assert_true(c < item->ncodes);
            ans[it] = (uint8_t)(c + 1);
        }
        want_wle = atof(field[14] + (field[14][0] == '"'));
        want_se = atof(field[15] + (field[15][0] == '"'));
        assert_true(jl_scorer_score(sc, (size_t)si, ans, &score, &se, &why) & 1);
        jl_assert_close(score, want_wle, 6e-7);
        jl_assert_close(se, want_se, 6e-7);
        rows++;
    }
    fclose(f);
    assert_int_equal(rows, 38);
    jl_scorer_free(sc);
    jl_instrument_free(in);
}

/* WLE and ML for every RISE index, complete and incomplete item sets,
 * against tests/reference/rasch/rasch-reference.csv (rasch.R: uniroot
 * over psychotools' PCM probabilities). */
static void rasch_matches_r_reference_all_indices(void **state)
{
    jl_instrument *in = jl_test_rise();
    FILE *f = fopen(JL_SRCDIR "/tests/reference/rasch/rasch-reference.csv", "r");
    char line[512];
    int rows = 0, ml = 0;

    (void)state;
    assert_non_null(f);
    assert_non_null(fgets(line, sizeof line, f));
    while (fgets(line, sizeof line, f)) {
        char *idx = strtok(line, ","), *items = strtok(NULL, ","), *raw = strtok(NULL, ",");
        char *method = strtok(NULL, ","), *theta = strtok(NULL, ","), *se = strtok(NULL, ",\n");
        long si = jl_instrument_scale(in, idx);
        const jl_scale *sc = &in->scales[si];
        jl_pcm_item sub[64];
        size_t n = 0, j;
        char *tok;
        double t, e;
        jl_rasch_status st;

        assert_true(si >= 0);
        for (tok = strtok(items, "|"); tok; tok = strtok(NULL, "|")) {
            for (j = 0; j < sc->nitems; j++)
                if (!strcmp(in->items[sc->items[j]].id, tok))
                    break;
            assert_true(j < sc->nitems);
            sub[n].m = sc->m[j];
            sub[n].delta = sc->delta[j];
            n++;
        }
        st = jl_rasch_estimate(&t, &e, sub, n, atol(raw),
                               !strcmp(method, "ml") ? JL_RASCH_ML : JL_RASCH_WLE);
        assert_int_equal(st, JL_RASCH_OK);
        jl_assert_close(t, atof(theta), 1e-9);
        jl_assert_close(e, atof(se), 1e-9);
        ml += !strcmp(method, "ml");
        rows++;
    }
    fclose(f);
    assert_int_equal(rows, 994);
    assert_int_equal(ml, 469);
    jl_instrument_free(in);
}

static void rasch_ml_has_no_estimate_at_extremes(void **state)
{
    double d1[] = {-1, 0.5}, d2[] = {0.2}, t, e;
    jl_pcm_item it[2] = {{2, d1}, {1, d2}};

    (void)state;
    assert_int_equal(jl_rasch_estimate(&t, &e, it, 2, 0, JL_RASCH_ML), JL_RASCH_EXTREME);
    assert_int_equal(jl_rasch_estimate(&t, &e, it, 2, 3, JL_RASCH_ML), JL_RASCH_EXTREME);
    assert_true(isnan(t));
    /* WLE is finite at both ends */
    assert_int_equal(jl_rasch_estimate(&t, &e, it, 2, 0, JL_RASCH_WLE), JL_RASCH_OK);
    assert_true(isfinite(t) && t < -1);
    assert_int_equal(jl_rasch_estimate(&t, &e, it, 2, 3, JL_RASCH_WLE), JL_RASCH_OK);
    assert_true(isfinite(t) && t > 0.5);
}

/* Fewer answered items than the minimum: no score, reason "too few". */
static void rasch_scorer_refuses_too_few_answers(void **state)
{
    jl_instrument *in = jl_test_rise();
    jl_scorer *sc = jl_scorer_new(in);
    long si = jl_instrument_scale(in, "Utagerande");
    uint8_t ans[256];
    size_t j;
    double s, e;
    jl_noscore why;

    (void)state;
    memset(ans, 0, sizeof ans);
    for (j = 0; j < 4; j++)
        ans[in->scales[si].items[j]] = 2;
    assert_int_equal(jl_scorer_score(sc, (size_t)si, ans, &s, &e, &why), 0);
    assert_int_equal(why, JL_NOSCORE_FEW);
    ans[in->scales[si].items[4]] = 2;
    assert_true(jl_scorer_score(sc, (size_t)si, ans, &s, &e, &why) & 1);
    assert_int_equal(why, JL_NOSCORE_NONE);
    jl_scorer_free(sc);
    jl_instrument_free(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rasch_wle_matches_rise_reference),
        cmocka_unit_test(rasch_matches_r_reference_all_indices),
        cmocka_unit_test(rasch_ml_has_no_estimate_at_extremes),
        cmocka_unit_test(rasch_scorer_refuses_too_few_answers),
    };
    return cmocka_run_group_tests_name("stats/rasch", tests, NULL, NULL);
}
