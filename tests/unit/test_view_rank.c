/* view/indicator_rank.c and view/clusters.c's codes: the order a page
 * lists an indicator's areas in, by the better direction, with areas
 * without a value, outside the division or of another municipality left
 * out; each area's cluster class as a code. Hand-made results, no
 * database (tests/e2e/407 checks the whole against the command line). */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "view/clusters.h"
#include "view/indicator.h"

#define NA 6

static char codes[NA][2] = {"c", "a", "f", "b", "e", "d"};
static double vals[NA] = {3, 1, NAN, 3, 7, 2};

/* An indicator of six areas at one period: f has no value, e lies
 * outside the division, d in another municipality than the one asked
 * for. */
static void make(jl_view_indicator *v, jl_view_ind_area *area, const char *better)
{
    size_t i;

    memset(v, 0, sizeof *v);
    memset(area, 0, NA * sizeof *area);
    snprintf(v->def.better, sizeof v->def.better, "%s", better);
    for (i = 0; i < NA; i++)
        area[i].code = codes[i];
    area[4].outside = 1;
    area[5].elsewhere = 1;
    v->area = area;
    v->na = NA;
    v->np = 1;
    v->at = 0;
    v->value = vals;
}

static void ranking_by_direction(void **state)
{
    jl_view_indicator v;
    jl_view_ind_area area[NA];
    size_t order[NA], n;

    (void)state;
    /* higher better (and none): highest first, equal values by code */
    make(&v, area, "higher");
    n = jl_view_indicator_ranking(order, &v);
    assert_int_equal(n, 3);
    assert_string_equal(area[order[0]].code, "b");
    assert_string_equal(area[order[1]].code, "c");
    assert_string_equal(area[order[2]].code, "a");
    make(&v, area, "none");
    assert_int_equal(jl_view_indicator_ranking(order, &v), 3);
    assert_string_equal(area[order[0]].code, "b");
    /* lower better: lowest first, ties still by code */
    make(&v, area, "lower");
    n = jl_view_indicator_ranking(order, &v);
    assert_int_equal(n, 3);
    assert_string_equal(area[order[0]].code, "a");
    assert_string_equal(area[order[1]].code, "b");
    assert_string_equal(area[order[2]].code, "c");
    /* no periods: nothing */
    v.np = 0;
    assert_int_equal(jl_view_indicator_ranking(order, &v), 0);
}

static void cluster_codes(void **state)
{
    static const int quad[6] = {JL_QUAD_HH, JL_QUAD_LL, JL_QUAD_HL, JL_QUAD_LH, JL_QUAD_HH,
                                JL_QUAD_NONE};
    static const unsigned char status[6] = {JL_SA_CLUSTER, JL_SA_CLUSTER, JL_SA_CLUSTER,
                                            JL_SA_CLUSTER, JL_SA_NOT_SIGNIFICANT, JL_SA_ISLAND};
    static const char *const want[6] = {"high_high", "low_low", "high_low", "low_high",
                                        "not_significant", "no_neighbours"};
    double p[6] = {0.001, 0.002, 0.003, 0.004, 0.5, NAN};
    double fdr[6] = {0.01, 0.02, 0.03, 0.04, 0.6, NAN};
    double bon[6] = {0.1, 0.2, 0.3, 0.4, 1, NAN};
    jl_sa_local local[6];
    jl_view_clusters c;
    jl_view_clusters_req rq;
    size_t i;

    (void)state;
    memset(&c, 0, sizeof c);
    memset(local, 0, sizeof local);
    for (i = 0; i < 6; i++)
        local[i].quad = quad[i];
    c.a.n = 6;
    c.a.local = local;
    c.a.status = (unsigned char *)status;
    c.a.p = p;
    c.a.p_fdr = fdr;
    c.a.p_bonferroni = bon;
    for (i = 0; i < 6; i++)
        assert_string_equal(jl_view_cluster_code(&c, i), want[i]);
    jl_view_clusters_req_init(&rq);
    assert_int_equal(rq.R, JL_CLUSTERS_R);
    assert_int_equal(rq.seed, 1);
    assert_true(jl_view_cluster_p_adj(&c, &rq, 1) == 0.02);
    rq.adjust = JL_ADJUST_BONFERRONI;
    assert_true(jl_view_cluster_p_adj(&c, &rq, 1) == 0.2);
    rq.adjust = JL_ADJUST_NONE;
    assert_true(jl_view_cluster_p_adj(&c, &rq, 1) == 0.002);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ranking_by_direction),
        cmocka_unit_test(cluster_codes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
