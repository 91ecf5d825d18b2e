/*
 * view/indicator.c and the views over it (inequality, index, compare):
 * an indicator resolved for a division through a crosswalk, the parent
 * links and both, on a small store built through the store's API. The
 * expected figures are worked out by hand beside each assertion.
 *
 * The store: divisions deso (D1, D2, D3), mello (M1, M2 in S1; M3 in S2)
 * and stad (S1, S2) above mello; a crosswalk deso -> mello (D1 -> M1,
 * D2 -> M1 and M2 by half, D3 -> M3).
 *   folk (count) in deso: 2023 D1 100, D2 60, D3 40; 2024 D1 110, D2 80,
 *        D3 50, and X9 1000 (a code not on deso's map)
 *   unga (count) in mello: 2023 M1 25, M2 5, M3 suppressed; 2024 M1 30,
 *        M2 10, M3 20
 *   andel (share, higher is better) = 100 * unga / folk
 *   medel (mean) in deso 2024
 *   barn (count) in deso: 2023 D1 9, D3 3 (D2's row absent, not ".."),
 *        2024 D1 10, D2 6, D3 4
 *   vuxna (count) in mello: 2024 M1 100, M2 50, M3 80; 2025 M1 105, M2 55,
 *        M3 85 (a period unga does not reach)
 *   ungandel (share) = 100 * unga / vuxna
 *   tomt (count): in deso 2024 suppressed in D1, D2, D3; in mello 2024
 *        M1 5
 * And three municipalities' areas: divisions sdeso (no map: SCB's codes
 * 1480C0001, 1480C0002 of Göteborg and 1280C0001 of Malmö), kommun
 * (1480 Göteborg, 1280 Malmö) and kdel (K1 in 1480, K2 in 1280, codes
 * that say nothing themselves).
 *   pers (count, higher is better) in sdeso 2024: 10, 30, 100; in kdel
 *        2024: K1 5, K2 7
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
#include "store/store.h"
#include "view/compare.h"
#include "view/index.h"
#include "view/indicator.h"
#include "view/inequality.h"
#include "testutil.h"

typedef struct fixture {
    char dir[64], path[128];
    jl_store *st;
} fixture;

static void define(jl_store *st, const char *id, const char *kind, const char *better,
                   const char *formula)
{
    jl_store_indicator d;
    jl_err err = JL_ERR_INIT;

    memset(&d, 0, sizeof d);
    d.id = id;
    d.name = id;
    d.unit = "st";
    d.kind = kind;
    d.better = better;
    d.formula = formula;
    d.source = "test";
    assert_int_equal(jl_store_indicator_put(st, &d, &err), JL_OK);
}

static void observe(jl_store *st, const char *id, const char *div, const char *area,
                    const char *period, double value)
{
    jl_store_obs o;
    jl_err err = JL_ERR_INIT;

    memset(&o, 0, sizeof o);
    o.indicator = id;
    o.division = div;
    o.area = area;
    o.period = period;
    o.sex = "T";
    o.breakdown = "";
    o.value = value;
    o.status = isnan(value) ? "suppressed" : "ok";
    o.source = "test.csv";
    assert_int_equal(jl_store_observations_put(st, &o, 1, &err), JL_OK);
}

static int setup(void **state)
{
    fixture *f = jl_xcalloc(1, sizeof *f);
    jl_err err = JL_ERR_INIT;
    jl_store *st;

    snprintf(f->dir, sizeof f->dir, "/tmp/jl-ind-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/db", f->dir);
    assert_int_equal(jl_store_open(&f->st, f->path, JL_STORE_CREATE, NULL, &err), JL_OK);
    st = f->st;
    assert_int_equal(jl_store_begin(st, &err), JL_OK);
    assert_int_equal(jl_store_division_put(st, "stad", "Stad", NULL, &err), JL_OK);
    assert_int_equal(jl_store_division_put(st, "mello", "Mellan", "stad", &err), JL_OK);
    assert_int_equal(jl_store_division_put(st, "deso", "DeSO", NULL, &err), JL_OK);
    assert_int_equal(jl_store_area_put(st, "stad", "S1", "Norr", NULL, &err), JL_OK);
    assert_int_equal(jl_store_area_put(st, "stad", "S2", "Söder", NULL, &err), JL_OK);
    assert_int_equal(jl_store_area_put(st, "mello", "M1", "Ett", "S1", &err), JL_OK);
    assert_int_equal(jl_store_area_put(st, "mello", "M2", "Två", "S1", &err), JL_OK);
    assert_int_equal(jl_store_area_put(st, "mello", "M3", "Tre", "S2", &err), JL_OK);
    assert_int_equal(jl_store_area_put(st, "deso", "D1", "d1", NULL, &err), JL_OK);
    assert_int_equal(jl_store_area_put(st, "deso", "D2", "d2", NULL, &err), JL_OK);
    assert_int_equal(jl_store_area_put(st, "deso", "D3", "d3", NULL, &err), JL_OK);
    assert_int_equal(jl_store_crosswalk_put(st, "deso", "mello", "D1", "M1", 1, "test", "t", &err),
                     JL_OK);
    assert_int_equal(
        jl_store_crosswalk_put(st, "deso", "mello", "D2", "M1", 0.5, "test", "t", &err), JL_OK);
    assert_int_equal(
        jl_store_crosswalk_put(st, "deso", "mello", "D2", "M2", 0.5, "test", "t", &err), JL_OK);
    assert_int_equal(jl_store_crosswalk_put(st, "deso", "mello", "D3", "M3", 1, "test", "t", &err),
                     JL_OK);
    define(st, "folk", "count", "none", NULL);
    define(st, "unga", "count", "lower", NULL);
    define(st, "andel", "share", "higher", "100 * unga / folk");
    define(st, "medel", "mean", "higher", NULL);
    observe(st, "folk", "deso", "D1", "2023", 100);
    observe(st, "folk", "deso", "D2", "2023", 60);
    observe(st, "folk", "deso", "D3", "2023", 40);
    observe(st, "folk", "deso", "D1", "2024", 110);
    observe(st, "folk", "deso", "D2", "2024", 80);
    observe(st, "folk", "deso", "D3", "2024", 50);
    observe(st, "folk", "deso", "X9", "2024", 1000);
    observe(st, "unga", "mello", "M1", "2023", 25);
    observe(st, "unga", "mello", "M2", "2023", 5);
    observe(st, "unga", "mello", "M3", "2023", NAN);
    observe(st, "unga", "mello", "M1", "2024", 30);
    observe(st, "unga", "mello", "M2", "2024", 10);
    observe(st, "unga", "mello", "M3", "2024", 20);
    observe(st, "medel", "deso", "D1", "2024", 300);
    define(st, "barn", "count", "none", NULL);
    define(st, "vuxna", "count", "none", NULL);
    define(st, "ungandel", "share", "none", "100 * unga / vuxna");
    define(st, "tomt", "count", "none", NULL);
    observe(st, "barn", "deso", "D1", "2023", 9);
    observe(st, "barn", "deso", "D3", "2023", 3);
    observe(st, "barn", "deso", "D1", "2024", 10);
    observe(st, "barn", "deso", "D2", "2024", 6);
    observe(st, "barn", "deso", "D3", "2024", 4);
    observe(st, "vuxna", "mello", "M1", "2024", 100);
    observe(st, "vuxna", "mello", "M2", "2024", 50);
    observe(st, "vuxna", "mello", "M3", "2024", 80);
    observe(st, "vuxna", "mello", "M1", "2025", 105);
    observe(st, "vuxna", "mello", "M2", "2025", 55);
    observe(st, "vuxna", "mello", "M3", "2025", 85);
    observe(st, "tomt", "deso", "D1", "2024", NAN);
    observe(st, "tomt", "deso", "D2", "2024", NAN);
    observe(st, "tomt", "deso", "D3", "2024", NAN);
    observe(st, "tomt", "mello", "M1", "2024", 5);
    assert_int_equal(jl_store_division_put(st, "sdeso", "DeSO, three cities", NULL, &err), JL_OK);
    assert_int_equal(jl_store_division_put(st, "kommun", "Kommuner", NULL, &err), JL_OK);
    assert_int_equal(jl_store_division_put(st, "kdel", "Delar", "kommun", &err), JL_OK);
    assert_int_equal(jl_store_area_put(st, "kommun", "1480", "Göteborg", NULL, &err), JL_OK);
    assert_int_equal(jl_store_area_put(st, "kommun", "1280", "Malmö", NULL, &err), JL_OK);
    assert_int_equal(jl_store_area_put(st, "kdel", "K1", "k1", "1480", &err), JL_OK);
    assert_int_equal(jl_store_area_put(st, "kdel", "K2", "k2", "1280", &err), JL_OK);
    define(st, "pers", "count", "higher", NULL);
    observe(st, "pers", "sdeso", "1480C0001", "2024", 10);
    observe(st, "pers", "sdeso", "1480C0002", "2024", 30);
    observe(st, "pers", "sdeso", "1280C0001", "2024", 100);
    observe(st, "pers", "kdel", "K1", "2024", 5);
    observe(st, "pers", "kdel", "K2", "2024", 7);
    assert_int_equal(jl_store_commit(st, &err), JL_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char cmd[160];

    jl_store_close(f->st);
    snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
    assert_int_equal(system(cmd), 0);
    jl_free(f);
    return 0;
}

static size_t area_of(const jl_view_indicator *v, const char *code)
{
    size_t a;

    assert_true(jl_strmap_get(v->ix, code, &a));
    return a;
}

/* folk in its own division: X9 is not on deso's map, so it is left out
 * of everything, the city among it: 110 + 80 + 50 = 240, not 1240. */
static void own_division_leaves_out_other_codes(void **state)
{
    fixture *f = *state;
    jl_view_indicator_req rq = {.id = "folk", .division = "deso", .period = NULL};
    jl_view_indicator v;
    jl_err err = JL_ERR_INIT;

    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_OK);
    assert_int_equal(v.leaf[0].how, JL_HOW_OWN);
    assert_int_equal(v.np, 2);
    assert_string_equal(v.period[v.at], "2024");
    assert_int_equal(v.outside, 1);
    assert_int_equal(v.counted, 3);
    jl_assert_close(v.city, 240, 1e-12);
    assert_true(v.area[area_of(&v, "X9")].outside);
    assert_true(isnan(jl_view_indicator_find(&v, "X9")));
    assert_string_equal(v.area[area_of(&v, "D2")].name, "d2");
    /* folk has no better direction: no ranks; the trend only goes up or
     * down (D2: 80 - 60 = 20). */
    assert_int_equal(v.area[area_of(&v, "D2")].rank, 0);
    assert_int_equal(v.area[area_of(&v, "D2")].trend, JL_TREND_UP);
    jl_assert_close(v.area[area_of(&v, "D2")].change, 20, 1e-12);
    jl_view_indicator_dispose(&v);
}

/* folk moved to mello by the crosswalk, 2024: M1 = 110 + 80 / 2 = 150,
 * M2 = 80 / 2 = 40, M3 = 50; the city is still 240. */
static void crosswalk_moves_counts(void **state)
{
    fixture *f = *state;
    jl_view_indicator_req rq = {.id = "folk", .division = "mello", .period = NULL};
    jl_view_indicator v;
    jl_err err = JL_ERR_INIT;

    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_OK);
    assert_int_equal(v.leaf[0].how, JL_HOW_CROSSWALK);
    assert_string_equal(v.leaf[0].from, "deso");
    assert_int_equal(v.na, 3);
    jl_assert_close(jl_view_indicator_find(&v, "M1"), 150, 1e-12);
    jl_assert_close(jl_view_indicator_find(&v, "M2"), 40, 1e-12);
    jl_assert_close(jl_view_indicator_find(&v, "M3"), 50, 1e-12);
    jl_assert_close(v.city, 240, 1e-12);
    /* by code: M1, M2, M3 */
    assert_string_equal(v.area[v.by_code[0]].code, "M1");
    assert_string_equal(v.area[v.by_code[2]].code, "M3");
    jl_view_indicator_dispose(&v);
}

/* unga summed up the parent links from mello to stad: S1 = M1 + M2, S2 =
 * M3. In 2023 M3 is suppressed, so S2 has no value (a sum of what is
 * there would pass for the total) and says why. */
static void parent_links_sum_and_keep_missing(void **state)
{
    fixture *f = *state;
    jl_view_indicator_req rq = {.id = "unga", .division = "stad", .period = "2023"};
    jl_view_indicator v;
    jl_err err = JL_ERR_INIT;
    size_t s2;

    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_OK);
    assert_int_equal(v.leaf[0].how, JL_HOW_PARENTS);
    assert_string_equal(v.leaf[0].from, "mello");
    assert_string_equal(v.period[v.at], "2023");
    jl_assert_close(jl_view_indicator_find(&v, "S1"), 25 + 5, 1e-12);
    s2 = area_of(&v, "S2");
    assert_true(isnan(jl_view_indicator_value(&v, s2)));
    assert_int_equal(v.status[s2 * v.np + v.at], JL_IND_NOT_OK);
    /* 2024: S1 = 30 + 10, S2 = 20; unga is better lower: S2 ranks 1. */
    assert_int_equal(v.status[s2 * v.np + 1], JL_IND_OK);
    jl_assert_close(v.value[s2 * v.np + 1], 20, 1e-12);
    jl_view_indicator_dispose(&v);
}

/* andel in stad: unga by parent links, folk by the crosswalk to mello and
 * then its parent links (S1 = 150 + 40 = 190, S2 = 50; 2023: S1 = 100 +
 * 60 = 160). 2024: S1 = 100 * 40 / 190 = 21.05..., S2 = 100 * 20 / 50 =
 * 40, the city 100 * 60 / 240 = 25. Higher is better: S2 ranks 1. S1 in
 * 2023: 100 * 30 / 160 = 18.75, so it went up by 2.30...: better. */
static void formula_over_two_steps(void **state)
{
    fixture *f = *state;
    jl_view_indicator_req rq = {.id = "andel", .division = "stad", .period = NULL};
    jl_view_indicator v;
    jl_err err = JL_ERR_INIT;
    jl_area_values av;
    jl_strmap *members = jl_strmap_new();
    size_t s1;

    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_OK);
    assert_int_equal(v.nleaves, 2);
    assert_string_equal(v.leaf[0].id, "unga");
    assert_int_equal(v.leaf[0].how, JL_HOW_PARENTS);
    assert_string_equal(v.leaf[1].id, "folk");
    assert_int_equal(v.leaf[1].how, JL_HOW_CROSSWALK_PARENTS);
    assert_string_equal(v.leaf[1].from, "deso");
    assert_string_equal(v.leaf[1].via, "mello");
    assert_true(v.all_additive);
    s1 = area_of(&v, "S1");
    jl_assert_close(jl_view_indicator_value(&v, s1), 100.0 * 40 / 190, 1e-12);
    jl_assert_close(v.part[(s1 * v.np + v.at) * v.nleaves + 1], 190, 1e-12);
    jl_assert_close(jl_view_indicator_find(&v, "S2"), 40, 1e-12);
    jl_assert_close(v.city, 25, 1e-12);
    assert_int_equal(v.area[area_of(&v, "S2")].rank, 1);
    assert_int_equal(v.area[s1].rank, 2);
    assert_int_equal(v.area[s1].trend, JL_TREND_BETTER);
    jl_assert_close(v.area[s1].change, 100.0 * 40 / 190 - 18.75, 1e-12);
    assert_string_equal(v.period[v.area[s1].first], "2023");
    /* S2 has no value before 2024: no trend. */
    assert_int_equal(v.area[area_of(&v, "S2")].trend, JL_TREND_NONE);
    /* Both areas as one group: their parts added up, the city's 25. */
    jl_strmap_put(members, "S1", 0, NULL);
    jl_strmap_put(members, "S2", 0, NULL);
    jl_assert_close(jl_view_indicator_group(&v, members), 25, 1e-12);
    /* A member that is not there: no value. */
    jl_strmap_put(members, "S9", 0, NULL);
    assert_true(isnan(jl_view_indicator_group(&v, members)));
    jl_strmap_free(members);
    jl_view_indicator_dispose(&v);
    /* The same as one figure per area, for maps and clusters. */
    assert_int_equal(jl_view_indicator_values(&av, f->st, "andel", "stad", NULL, &err), JL_OK);
    assert_int_equal(av.n, 2);
    assert_string_equal(av.period, "2024");
    jl_area_values_dispose(&av);
}

/* A mean does not add up over areas: refused, not moved. Nor is a period
 * nobody observed invented. */
static void refusals(void **state)
{
    fixture *f = *state;
    jl_view_indicator_req rq = {.id = "medel", .division = "mello", .period = NULL};
    jl_view_indicator v;
    jl_err err = JL_ERR_INIT;

    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_EINPUT);
    assert_non_null(strstr(err.msg, "medel"));
    assert_null(v.area);
    rq.id = "folk";
    rq.period = "1850";
    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_ENOTFOUND);
    rq.id = "nosuch";
    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_ENOTFOUND);
}

/* andel over mello (unga its own, folk by the crosswalk): M1 = 100 * 30 /
 * 150 = 20, M2 = 100 * 10 / 40 = 25, M3 = 100 * 20 / 50 = 40, weighted by
 * folk (150, 40, 50). */
static void inequality_and_compare(void **state)
{
    fixture *f = *state;
    jl_view_ineq_req rq = {"andel", "mello", NULL, "folk", NULL, 0, NULL};
    jl_view_comparison_req cq = {"andel", "folk", "mello", NULL, 1, NULL};
    jl_view_ineq q;
    jl_view_comparison c;
    jl_err err = JL_ERR_INIT;
    size_t i;
    double sx = 0, sw = 0;

    assert_int_equal(jl_view_inequality(&q, f->st, &rq, &err), JL_OK);
    assert_int_equal(q.n, 3);
    assert_int_equal(q.better, 1);
    for (i = 0; i < q.n; i++) {
        sx += q.x[i];
        sw += q.w[i];
    }
    jl_assert_close(sx, 20 + 25 + 40, 1e-12);
    jl_assert_close(sw, 150 + 40 + 50, 1e-12);
    jl_assert_close(q.q.min, 20, 1e-12);
    jl_assert_close(q.q.max, 40, 1e-12);
    /* best / worst: 40 / 20 */
    jl_assert_close(q.q.best_worst, 2, 1e-12);
    jl_view_ineq_dispose(&q);
    /* Cross-table of two values each: every pair once, lowest first. */
    assert_int_equal(jl_view_compare(&c, f->st, &cq, &err), JL_OK);
    assert_int_equal(c.n, 3);
    assert_int_equal(c.nx, 3);
    jl_assert_close(c.ux[0], 20, 1e-12);
    jl_assert_close(c.uy[0], 40, 1e-12);
    /* M1 is (20, 150): ux[0] with uy[2]. */
    assert_int_equal(c.count[0 * c.ny + 2], 1);
    assert_int_equal(c.count[0 * c.ny + 0], 0);
    jl_view_comparison_dispose(&c);
}

/* The index of andel (higher is better) and folk turned by its weight
 * -1 over mello: andel 20, 25, 40 (mean 28.33, sd 10.408), folk 150, 40,
 * 50 (mean 80, sd 60.828); M1 = ((20 - 28.33) / 10.408 - (150 - 80) /
 * 60.828) / 2 = -0.97572, M2 = 0.16867, M3 = 0.80705 (Python, the same
 * formulas); three types: 1, 2, 3. */
static void index_standardises_and_types(void **state)
{
    fixture *f = *state;
    jl_view_index_req rq = {"ix",  "mello", NULL, "andel,folk*-1", 3,
                              NULL,  NULL,    NULL, NULL,            NULL};
    jl_view_index ix;
    jl_err err = JL_ERR_INIT;
    const char *want[3] = {"M1", "M2", "M3"};
    double val[3] = {-0.9757168400814682, 0.1686698208056275, 0.8070470192758409};
    size_t i, a;

    assert_int_equal(jl_view_index_build(&ix, f->st, &rq, &err), JL_OK);
    assert_int_equal(ix.n, 3);
    assert_string_equal(ix.typ_id, "ix_typ");
    assert_string_equal(ix.source, "jamlik index build: andel*1 folk*-1");
    for (i = 0; i < 3; i++) {
        for (a = 0; a < ix.n && strcmp(ix.code[a], want[i]); a++)
            ;
        assert_true(a < ix.n);
        jl_assert_close(ix.value[a], val[i], 1e-9);
        assert_int_equal(ix.type[a], (int)i + 1);
    }
    jl_view_index_dispose(&ix);
    /* Without a sign folk, which has no better direction, is refused. */
    rq.from = "andel,folk";
    assert_int_equal(jl_view_index_build(&ix, f->st, &rq, &err), JL_EUSAGE);
}

/* barn in 2023 has no row for D2 at all. Moved to mello by the
 * crosswalk, M1 (D1 + half of D2) would be 9 and pass for the total: it
 * has no value, and says a part is absent; M2 (the other half of D2)
 * gets nothing; M3 = 3. The city covers M3 alone and lists M1 and M2.
 * In 2024 every part is there: M1 = 10 + 3, M2 = 3, M3 = 4. */
static void absent_part_makes_moved_figure_missing(void **state)
{
    fixture *f = *state;
    jl_view_indicator_req rq = {.id = "barn", .division = "mello", .period = "2023"};
    jl_view_indicator v;
    jl_err err = JL_ERR_INIT;
    size_t m1;

    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_OK);
    assert_int_equal(v.leaf[0].how, JL_HOW_CROSSWALK);
    m1 = area_of(&v, "M1");
    assert_true(isnan(jl_view_indicator_value(&v, m1)));
    assert_int_equal(v.status[m1 * v.np + v.at], JL_IND_PART_ABSENT);
    assert_true(isnan(jl_view_indicator_find(&v, "M2")));
    jl_assert_close(jl_view_indicator_find(&v, "M3"), 3, 1e-12);
    assert_int_equal(v.counted, 1);
    jl_assert_close(v.city, 3, 1e-12);
    assert_int_equal(v.nuncounted, 2);
    assert_string_equal(v.uncounted[0], "M1");
    assert_string_equal(v.uncounted[1], "M2");
    /* 2024, every part there */
    assert_int_equal(v.status[m1 * v.np + 1], JL_IND_OK);
    jl_assert_close(v.value[m1 * v.np + 1], 13, 1e-12);
    jl_view_indicator_dispose(&v);
    /* Up to stad by the crosswalk and the parent links: S1 is reached by
     * D1 and twice by D2 (its halves in M1 and M2); D2 absent, S1 has
     * no value, not 9. S2 = D3 = 3. */
    rq.division = "stad";
    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_OK);
    assert_int_equal(v.leaf[0].how, JL_HOW_CROSSWALK_PARENTS);
    assert_true(isnan(jl_view_indicator_find(&v, "S1")));
    assert_int_equal(v.status[area_of(&v, "S1") * v.np + v.at], JL_IND_PART_ABSENT);
    jl_assert_close(jl_view_indicator_find(&v, "S2"), 3, 1e-12);
    jl_view_indicator_dispose(&v);
    /* 2024 in stad: S1 = 10 + 6 = 16, the whole city 20. */
    rq.period = NULL;
    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_OK);
    assert_string_equal(v.period[v.at], "2024");
    jl_assert_close(jl_view_indicator_find(&v, "S1"), 16, 1e-12);
    jl_assert_close(v.city, 20, 1e-12);
    assert_int_equal(v.nuncounted, 0);
    jl_view_indicator_dispose(&v);
}

/* ungandel's parts end in 2024 (unga) and 2025 (vuxna): without a period
 * it is shown at 2024, where it has values (M1 = 100 * 30 / 100 = 30),
 * not at 2025, where it has none. */
static void derived_latest_period_with_values(void **state)
{
    fixture *f = *state;
    jl_view_indicator_req rq = {.id = "ungandel", .division = "mello", .period = NULL};
    jl_view_indicator v;
    jl_err err = JL_ERR_INIT;
    jl_area_values av;

    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_OK);
    assert_int_equal(v.np, 3);
    assert_string_equal(v.period[v.at], "2024");
    jl_assert_close(jl_view_indicator_find(&v, "M1"), 30, 1e-12);
    assert_int_equal(v.counted, 3);
    jl_view_indicator_dispose(&v);
    assert_int_equal(jl_view_indicator_values(&av, f->st, "ungandel", "mello", NULL, &err),
                     JL_OK);
    assert_int_equal(av.n, 3);
    assert_string_equal(av.period, "2024");
    jl_area_values_dispose(&av);
}

/* tomt has more rows in deso, all suppressed, and a value in mello: the
 * division to show it in is mello. folk is shown where it is observed. */
static void home_has_values(void **state)
{
    fixture *f = *state;
    jl_err err = JL_ERR_INIT;
    char div[JL_MAX_ID + 1];

    assert_int_equal(jl_view_indicator_home(div, f->st, "tomt", NULL, &err), JL_OK);
    assert_string_equal(div, "mello");
    assert_int_equal(jl_view_indicator_home(div, f->st, "folk", NULL, &err), JL_OK);
    assert_string_equal(div, "deso");
    /* andel's first part, unga, is observed in mello */
    assert_int_equal(jl_view_indicator_home(div, f->st, "andel", NULL, &err), JL_OK);
    assert_string_equal(div, "mello");
}

/* Each area is compared with its own municipality: Göteborg's city is
 * 10 + 30 = 40 and Malmö's 100, never 140; ranks are within each. */
static void each_area_its_own_municipality(void **state)
{
    fixture *f = *state;
    jl_view_indicator_req rq = {.id = "pers", .division = "sdeso"};
    jl_view_indicator v;
    jl_err err = JL_ERR_INIT;
    size_t a;

    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_OK);
    assert_int_equal(v.nmuni, 2);
    assert_string_equal(v.muni[0].code, "1280");
    assert_string_equal(v.muni[0].name, "Malmö");
    assert_string_equal(v.muni[1].code, "1480");
    assert_string_equal(v.muni[1].name, "Göteborg");
    jl_assert_close(v.muni[0].city, 100, 1e-12);
    jl_assert_close(v.muni[1].city, 40, 1e-12);
    assert_int_equal(v.muni[1].counted, 2);
    assert_true(isnan(v.city));
    a = area_of(&v, "1480C0002");
    assert_int_equal(v.area[a].muni, 1);
    assert_int_equal(v.area[a].rank, 1);
    assert_int_equal(v.area[area_of(&v, "1480C0001")].rank, 2);
    assert_int_equal(v.area[area_of(&v, "1280C0001")].rank, 1);
    jl_view_indicator_dispose(&v);
    /* One chosen by name or code: the others are left out. */
    rq.municipality = "malmö";
    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_OK);
    jl_assert_close(v.city, 100, 1e-12);
    assert_int_equal(v.elsewhere, 2);
    assert_int_equal(v.counted, 1);
    assert_true(isnan(jl_view_indicator_find(&v, "1480C0001")));
    jl_view_indicator_dispose(&v);
    rq.municipality = "1480";
    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_OK);
    jl_assert_close(v.city, 40, 1e-12);
    jl_view_indicator_dispose(&v);
    rq.municipality = "0180";
    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_ENOTFOUND);
    assert_non_null(strstr(err.msg, "1480 (Göteborg)"));
    /* Inequality has one city for its gap: two need a choice. */
    {
        jl_view_ineq_req iq = {"pers", "sdeso", NULL, NULL, NULL, 0, NULL};
        jl_view_ineq q;

        assert_int_equal(jl_view_inequality(&q, f->st, &iq, &err), JL_EUSAGE);
        assert_non_null(strstr(err.msg, "(1280, 1480)"));
        iq.municipality = "1480";
        assert_int_equal(jl_view_inequality(&q, f->st, &iq, &err), JL_OK);
        assert_int_equal(q.n, 2);
        jl_assert_close(q.v.city, 40, 1e-12);
        jl_view_ineq_dispose(&q);
    }
    /* Codes that say nothing themselves: the municipality of the area
     * above them, through the parent links. */
    rq.division = "kdel";
    rq.municipality = NULL;
    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_OK);
    assert_int_equal(v.nmuni, 2);
    jl_assert_close(v.muni[0].city, 7, 1e-12);
    jl_assert_close(v.muni[1].city, 5, 1e-12);
    jl_view_indicator_dispose(&v);
    /* A city's own division tells nothing: one city, as before. */
    rq.id = "folk";
    rq.division = "deso";
    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_OK);
    assert_int_equal(v.nmuni, 1);
    jl_assert_close(v.city, 240, 1e-12);
    jl_view_indicator_dispose(&v);
}

/* The periods of a table over time; the trend is over them. */
static void periods_selected(void **state)
{
    fixture *f = *state;
    jl_view_indicator_req rq = {.id = "folk", .division = "deso", .periods = "2023..2024"};
    jl_view_indicator v;
    jl_err err = JL_ERR_INIT;

    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_OK);
    assert_int_equal(v.nsel, 2);
    assert_string_equal(v.period[v.sel[0]], "2023");
    assert_string_equal(v.period[v.at], "2024");
    assert_int_equal(v.area[area_of(&v, "D2")].trend, JL_TREND_UP);
    jl_view_indicator_dispose(&v);
    /* one period only: no change within it */
    rq.periods = "2024";
    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_OK);
    assert_int_equal(v.nsel, 1);
    assert_int_equal(v.area[area_of(&v, "D2")].trend, JL_TREND_NONE);
    jl_view_indicator_dispose(&v);
    rq.periods = "2024,1999";
    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_ENOTFOUND);
    rq.periods = "2030..2040";
    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_ENOTFOUND);
}

/* A count split by a crosswalk's weight is an estimate (M1, M2 get half
 * of D2); M3 came whole. The codes of the machine formats. */
static void estimates_and_codes(void **state)
{
    fixture *f = *state;
    jl_view_indicator_req rq = {.id = "folk", .division = "mello"};
    jl_view_indicator v;
    jl_err err = JL_ERR_INIT;

    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_OK);
    assert_int_equal(v.estimate[area_of(&v, "M1") * v.np + v.at], JL_EST_WEIGHTS);
    assert_int_equal(v.estimate[area_of(&v, "M2") * v.np + v.at], JL_EST_WEIGHTS);
    assert_int_equal(v.estimate[area_of(&v, "M3") * v.np + v.at], JL_EST_NONE);
    jl_view_indicator_dispose(&v);
    rq.id = "unga";
    rq.division = "stad";
    rq.period = "2023";
    assert_int_equal(jl_view_indicator_load(&v, f->st, &rq, &err), JL_OK);
    assert_string_equal(jl_view_ind_status_code(v.status[area_of(&v, "S2") * v.np + v.at],
                                                v.why[area_of(&v, "S2") * v.np + v.at]),
                        "suppressed");
    jl_view_indicator_dispose(&v);
    assert_string_equal(jl_view_ind_estimate_code(JL_EST_AREA), "area_overlay");
    assert_string_equal(jl_view_ind_trend_code(JL_TREND_WORSE), "worse");
    assert_string_equal(jl_view_ind_status_code(JL_IND_PART_ABSENT, JL_WHY_NONE), "part_absent");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(own_division_leaves_out_other_codes),
        cmocka_unit_test(crosswalk_moves_counts),
        cmocka_unit_test(parent_links_sum_and_keep_missing),
        cmocka_unit_test(formula_over_two_steps),
        cmocka_unit_test(refusals),
        cmocka_unit_test(inequality_and_compare),
        cmocka_unit_test(index_standardises_and_types),
        cmocka_unit_test(absent_part_makes_moved_figure_missing),
        cmocka_unit_test(derived_latest_period_with_values),
        cmocka_unit_test(home_has_values),
        cmocka_unit_test(each_area_its_own_municipality),
        cmocka_unit_test(periods_selected),
        cmocka_unit_test(estimates_and_codes),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
