/* stats/weights, stats/spauto and stats/segreg at the edges: what the
 * end-to-end tests against spdep do not reach (refusals, snap at the
 * boundary, styles' sums, the two permutation modes on equal footing,
 * segregation identities). The values themselves are checked against R in
 * tests/e2e/15x. */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/alloc.h"
#include "core/i18n.h"
#include "core/rng.h"
#include "stats/segreg.h"
#include "stats/spauto.h"
#include "stats/spauto_int.h"
#include "stats/weights.h"

/* nx x ny unit squares as rings (closing vertex included). */
typedef struct grid {
    size_t n;
    size_t *fring, *roff;
    double *xy;
} grid;

static void grid_make(grid *g, int nx, int ny, double gap)
{
    int i, j;
    size_t k = 0;

    g->n = (size_t)(nx * ny);
    g->fring = jl_xmalloc((g->n + 1) * sizeof *g->fring);
    g->roff = jl_xmalloc((g->n + 1) * sizeof *g->roff);
    g->xy = jl_xmalloc(g->n * 10 * sizeof *g->xy);
    g->roff[0] = 0;
    for (j = 0; j < ny; j++)
        for (i = 0; i < nx; i++) {
            double x0 = i * (1 + gap), y0 = j * (1 + gap);
            double c[10] = {x0, y0, x0 + 1, y0, x0 + 1, y0 + 1, x0, y0 + 1, x0, y0};

            memcpy(g->xy + 10 * k, c, sizeof c);
            g->fring[k] = k;
            g->roff[k + 1] = 5 * (k + 1);
            k++;
        }
    g->fring[g->n] = g->n;
}

static jl_spw_polys polys_of(const grid *g)
{
    jl_spw_polys p;

    p.n = g->n;
    p.nring = g->n;
    p.fring = g->fring;
    p.roff = g->roff;
    p.xy = g->xy;
    return p;
}

static void grid_free(grid *g)
{
    jl_free(g->fring);
    jl_free(g->roff);
    jl_free(g->xy);
}

static void lattice_links(void **state)
{
    grid g;
    jl_spw w;
    jl_spw_polys p;
    jl_spw_summary s;
    jl_err err = JL_ERR_INIT;

    (void)state;
    grid_make(&g, 7, 5, 0);
    p = polys_of(&g);
    assert_int_equal(jl_spw_contiguity(&w, &p, JL_CONTIG_QUEEN, sqrt(DBL_EPSILON), &err), 0);
    jl_spw_summarise(&w, &s, NULL);
    /* queen on an nx x ny lattice: 2(4 nx ny - 3 nx - 3 ny + 2) links */
    assert_int_equal(s.links, 2 * (4 * 35 - 21 - 15 + 2));
    assert_true(s.symmetric);
    assert_int_equal(s.components, 1);
    assert_int_equal(s.kmin, 3);
    assert_int_equal(s.kmax, 8);
    jl_spw_dispose(&w);
    assert_int_equal(jl_spw_contiguity(&w, &p, JL_CONTIG_ROOK, sqrt(DBL_EPSILON), &err), 0);
    jl_spw_summarise(&w, &s, NULL);
    assert_int_equal(s.links, 2 * (2 * 35 - 7 - 5));
    jl_spw_dispose(&w);
    assert_int_equal(jl_spw_contiguity(&w, &p, JL_CONTIG_ROOK_EDGE, 0, &err), 0);
    jl_spw_summarise(&w, &s, NULL);
    assert_int_equal(s.links, 2 * (2 * 35 - 7 - 5));
    jl_spw_dispose(&w);
    grid_free(&g);
}

/* A gap of 1e-6 between squares: no neighbours at the default snap, all
 * of them once snap covers the gap (the diagonal gap is sqrt(2) larger). */
static void snap_boundary(void **state)
{
    grid g;
    jl_spw w;
    jl_spw_polys p;
    jl_spw_summary s;
    jl_err err = JL_ERR_INIT;

    (void)state;
    grid_make(&g, 3, 3, 1e-6);
    p = polys_of(&g);
    assert_int_equal(jl_spw_contiguity(&w, &p, JL_CONTIG_QUEEN, sqrt(DBL_EPSILON), &err), 0);
    jl_spw_summarise(&w, &s, NULL);
    assert_int_equal(s.links, 0);
    assert_int_equal(s.islands, 9);
    assert_int_equal(s.components, 9);
    jl_spw_dispose(&w);
    assert_int_equal(jl_spw_contiguity(&w, &p, JL_CONTIG_QUEEN, 1.2e-6, &err), 0);
    jl_spw_summarise(&w, &s, NULL);
    assert_int_equal(s.links, 2 * 12); /* rook pairs only: diagonals are 1.41e-6 apart */
    jl_spw_dispose(&w);
    assert_int_equal(jl_spw_contiguity(&w, &p, JL_CONTIG_QUEEN, 1.5e-6, &err), 0);
    jl_spw_summarise(&w, &s, NULL);
    assert_int_equal(s.links, 2 * 20);
    jl_spw_dispose(&w);
    assert_int_equal(jl_spw_contiguity(&w, &p, JL_CONTIG_QUEEN, -1, &err), JL_EUSAGE);
    grid_free(&g);
}

static void refusals(void **state)
{
    double xy[8] = {0, 0, 1, 0, 0, 1, 1, 1};
    uint32_t from[2] = {0, 1}, to[2] = {1, 1};
    jl_spw w;
    jl_err err = JL_ERR_INIT;

    (void)state;
    assert_int_equal(jl_spw_knn(&w, xy, 4, 4, &err), JL_EUSAGE);
    assert_int_equal(jl_spw_knn(&w, xy, 4, 0, &err), JL_EUSAGE);
    assert_int_equal(jl_spw_band(&w, xy, 4, 2, 1, &err), JL_EUSAGE);
    assert_int_equal(jl_spw_from_edges(&w, 4, from, to, NULL, 2, &err), JL_EINPUT);
    assert_non_null(strstr(err.msg, "itself"));
    to[1] = 0;
    from[1] = 0;
    to[0] = 1;
    to[1] = 1;
    assert_int_equal(jl_spw_from_edges(&w, 4, from, to, NULL, 2, &err), JL_EINPUT);
    assert_non_null(strstr(err.msg, "once"));
    xy[3] = NAN;
    assert_int_equal(jl_spw_knn(&w, xy, 4, 1, &err), JL_EINPUT);
}

static void styles_sum(void **state)
{
    grid g;
    jl_spw w;
    jl_spw_polys p;
    jl_spw_const c;
    jl_err err = JL_ERR_INIT;

    (void)state;
    grid_make(&g, 4, 4, 0);
    p = polys_of(&g);
    assert_int_equal(jl_spw_contiguity(&w, &p, JL_CONTIG_QUEEN, sqrt(DBL_EPSILON), &err), 0);
    jl_spw_constants(&w, &c);
    assert_true(fabs(c.S1 - 2 * c.S0) < 1e-12); /* binary symmetric */
    assert_int_equal(jl_spw_set_style(&w, 'W', &err), 0);
    jl_spw_constants(&w, &c);
    assert_true(fabs(c.S0 - 16) < 1e-12);
    assert_int_equal(jl_spw_set_style(&w, 'C', &err), 0);
    jl_spw_constants(&w, &c);
    assert_true(fabs(c.S0 - 16) < 1e-12);
    assert_int_equal(jl_spw_set_style(&w, 'U', &err), 0);
    jl_spw_constants(&w, &c);
    assert_true(fabs(c.S0 - 1) < 1e-12);
    assert_int_equal(jl_spw_set_style(&w, 'S', &err), 0);
    jl_spw_constants(&w, &c);
    assert_true(fabs(c.S0 - 16) < 1e-12);
    assert_int_equal(jl_spw_set_style(&w, 'X', &err), JL_EUSAGE);
    jl_spw_dispose(&w);
    grid_free(&g);
}

/* Shared table and streams estimate the same p-values: on a 10 x 10
 * lattice with 20,000 permutations the two agree within a few Monte
 * Carlo errors for every area; each is the same on 1 and 2 threads. */
static void permutation_modes(void **state)
{
    grid g;
    jl_spw w;
    jl_spw_polys p;
    jl_sa_local a[100], b[100], c[100];
    double x[100];
    jl_rng r;
    jl_err err = JL_ERR_INIT;
    size_t i;
    const size_t R = 20000;

    (void)state;
    grid_make(&g, 10, 10, 0);
    p = polys_of(&g);
    assert_int_equal(jl_spw_contiguity(&w, &p, JL_CONTIG_QUEEN, sqrt(DBL_EPSILON), &err), 0);
    assert_int_equal(jl_spw_set_style(&w, 'W', &err), 0);
    jl_rng_seed(&r, 42);
    for (i = 0; i < 100; i++)
        x[i] = jl_rng_normal(&r) + (i % 10 < 3 ? 1.0 : 0.0);
    assert_int_equal(jl_sa_local_perm(&w, x, R, 9, JL_PERM_SHARED, 1, a, NULL, &err), 0);
    assert_int_equal(jl_sa_local_perm(&w, x, R, 9, JL_PERM_STREAMS, 1, b, NULL, &err), 0);
    assert_int_equal(jl_sa_local_perm(&w, x, R, 9, JL_PERM_STREAMS, 2, c, NULL, &err), 0);
    for (i = 0; i < 100; i++) {
        double pm = (a[i].p_greater + b[i].p_greater) / 2,
               tol = 6 * sqrt(pm * (1 - pm) / (double)R) + 2.0 / (double)R;

        assert_true(fabs(a[i].p_greater - b[i].p_greater) <= tol);
        assert_int_equal(b[i].ge, c[i].ge);
        assert_int_equal(b[i].le, c[i].le);
        assert_true(a[i].ge + a[i].le >= R); /* every replicate is >= or <= */
    }
    jl_spw_dispose(&w);
    grid_free(&g);
}

/* A copy of w with weights of its own. */
static void spw_copy(jl_spw *o, const jl_spw *w)
{
    size_t m = w->off[w->n];

    *o = *w;
    o->off = jl_xmalloc((w->n + 1) * sizeof *o->off);
    o->nb = jl_xmalloc((m ? m : 1) * sizeof *o->nb);
    o->w = jl_xmalloc((m ? m : 1) * sizeof *o->w);
    memcpy(o->off, w->off, (w->n + 1) * sizeof *o->off);
    memcpy(o->nb, w->nb, m * sizeof *o->nb);
    memcpy(o->w, w->w, m * sizeof *o->w);
}

/* Global permutations: G summed in Moran's pass (one pattern for both)
 * counts what the separate sums count, with ties among the values (so
 * that many replicates tie with the observed statistic). */
static void global_perm_one_pass(void **state)
{
    grid g;
    jl_spw b, w, gen;
    jl_spw_polys p;
    jl_sa_test t1[3], t2[3], t3[3], t4[3], t5[3];
    double x[108];
    jl_rng r;
    jl_err err = JL_ERR_INIT;
    size_t i, e;
    int k, pass;
    const size_t R = 999;

    (void)state;
    grid_make(&g, 12, 9, 0);
    p = polys_of(&g);
    assert_int_equal(jl_spw_contiguity(&b, &p, JL_CONTIG_QUEEN, sqrt(DBL_EPSILON), &err), 0);
    spw_copy(&w, &b);
    assert_int_equal(jl_spw_set_style(&w, 'W', &err), 0);
    /* weights of no one value a row: G alone, summed the old way */
    spw_copy(&gen, &b);
    for (e = 0; e < gen.off[gen.n]; e++)
        gen.w[e] = 1 + (double)(e % 3);
    gen.style = 'G';
    jl_rng_seed(&r, 3);
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < 108; i++)
            x[i] = pass ? 10 + jl_rng_normal(&r) : (double)((i * 7 + i / 12) % 4);
        memset(t1, 0, sizeof t1);
        t2[0] = t3[0] = t4[0] = t5[0] = t1[0];
        assert_int_equal(jl_sa_global_perm_g(&w, &b, x, R, 5, 2, 7, t1, NULL, &err), 0);
        assert_int_equal(jl_sa_global_perm_g(&w, NULL, x, R, 5, 1, 3, t2, NULL, &err), 0);
        assert_int_equal(jl_sa_global_perm_g(&gen, &b, x, R, 5, 1, JL_SA_G, t3, NULL, &err), 0);
        assert_int_equal(jl_sa_global_perm(&b, x, R, 5, 2, 7, t4, NULL, &err), 0);
        assert_int_equal(jl_sa_global_perm(&b, x, R, 5, 1, 3, t5, NULL, &err), 0);
        for (k = 0; k < 2; k++) {
            assert_int_equal(t1[k].ge, t2[k].ge);
            assert_int_equal(t1[k].le, t2[k].le);
            assert_int_equal(t4[k].ge, t5[k].ge);
            assert_int_equal(t4[k].le, t5[k].le);
        }
        assert_int_equal(t1[2].ge, t3[2].ge);
        assert_int_equal(t1[2].le, t3[2].le);
        assert_int_equal(t4[2].ge, t3[2].ge);
        assert_int_equal(t4[2].le, t3[2].le);
        if (!pass)
            assert_true(t1[2].ge + t1[2].le > R); /* ties were counted both ways */
    }
    jl_spw_dispose(&b);
    jl_spw_dispose(&w);
    jl_spw_dispose(&gen);
    grid_free(&g);
}

/* Segregation: identities that hold for any table. */
static void segregation_identities(void **state)
{
    double c[6 * 3] = {10, 0, 5, 3, 3, 3, 0, 20, 1, 7, 2, 9, 4, 4, 0, 0, 0, 0};
    double x[6], t[6], ls[6], lq[18], pM[2], pp[2];
    uint32_t part[6] = {0, 0, 1, 1, 1, 0};
    jl_seg_multi mu;
    jl_seg_two two, two2;
    jl_err err = JL_ERR_INIT;
    size_t i;
    double M = 0, T = 0;

    (void)state;
    for (i = 0; i < 6; i++) {
        x[i] = c[3 * i];
        t[i] = c[3 * i] + c[3 * i + 1] + c[3 * i + 2];
        T += t[i];
    }
    assert_int_equal(jl_seg_multi_compute(c, 6, 3, part, 2, &mu, ls, lq, pM, pp, &err), 0);
    assert_int_equal(mu.units, 5); /* the empty unit is left out */
    for (i = 0; i < 6; i++)
        if (t[i] > 0)
            M += t[i] / T * ls[i];
    assert_true(fabs(M - mu.M) < 1e-14);
    assert_true(fabs(mu.M_between + mu.M_within - mu.M) < 1e-14);
    assert_true(fabs(pp[0] * pM[0] + pp[1] * pM[1] - mu.M_within) < 1e-14);
    assert_true(isnan(ls[5]));
    assert_int_equal(jl_seg_two_compute(x, t, 6, NULL, &two, &err), 0);
    assert_true(fabs(two.xPx + two.xPy - 1) < 1e-14);
    assert_true(two.D >= 0 && two.D <= 1 && two.gini >= two.D - 1e-12);
    /* swapping focal and the rest keeps D, Gini and H */
    for (i = 0; i < 6; i++)
        x[i] = t[i] - x[i];
    assert_int_equal(jl_seg_two_compute(x, t, 6, NULL, &two2, &err), 0);
    assert_true(fabs(two.D - two2.D) < 1e-14);
    assert_true(fabs(two.gini - two2.gini) < 1e-14);
    assert_true(fabs(two.H - two2.H) < 1e-14);
    /* refusals */
    x[0] = t[0] + 1;
    assert_int_equal(jl_seg_two_compute(x, t, 6, NULL, &two, &err), JL_EINPUT);
    assert_int_equal(jl_seg_multi_compute(c, 6, 1, NULL, 0, &mu, NULL, NULL, NULL, NULL, &err),
                     JL_EUSAGE);
}

/* Four shuffles at once (AVX2, where there is AVX2) move the values as
 * four shuffles one by one, and leave the generators in the same state:
 * 100,000 values, so that some first draws are rejected and drawn again
 * (about 4 in 100,000 at this size). */
static void shuffle_four(void **state)
{
    const size_t n = 100000;
    double *a[4], *b[4];
    jl_rng ga[4], gb[4];
    size_t i, l, r;

    (void)state;
    for (l = 0; l < 4; l++) {
        a[l] = jl_xmalloc(n * sizeof *a[l]);
        b[l] = jl_xmalloc(n * sizeof *b[l]);
        for (i = 0; i < n; i++)
            a[l][i] = b[l][i] = (double)(i + l);
        jl_rng_seed(&ga[l], 100 + l);
        gb[l] = ga[l];
    }
    for (r = 0; r < 3; r++) {
        jl_sa__shuffle4(ga, a, n, jl_sa__avx2(), NULL);
        for (l = 0; l < 4; l++)
            jl_sa__shuffle(&gb[l], b[l], n);
    }
    /* a short array: fewer draws than the look-ahead */
    jl_sa__shuffle4(ga, a, 5, jl_sa__avx2(), NULL);
    for (l = 0; l < 4; l++)
        jl_sa__shuffle(&gb[l], b[l], 5);
    for (l = 0; l < 4; l++) {
        assert_memory_equal(a[l], b[l], n * sizeof *a[l]);
        assert_memory_equal(&ga[l], &gb[l], sizeof ga[l]);
        jl_free(a[l]);
        jl_free(b[l]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lattice_links),     cmocka_unit_test(snap_boundary),
        cmocka_unit_test(refusals),          cmocka_unit_test(styles_sum),
        cmocka_unit_test(permutation_modes), cmocka_unit_test(segregation_identities),
        cmocka_unit_test(global_perm_one_pass), cmocka_unit_test(shuffle_four),
    };

    jl_i18n_set_lang(JL_LANG_EN);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
