/*
 * release/: the attacker's model, its bounds by GLPK in a child process,
 * and the audit of releases read from their exported files. Every expected
 * bound here is worked out by hand in the comment beside it.
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

#include <sodium.h>
#include <unistd.h>

#include "core/alloc.h"
#include "release/audit.h"
#include "release/export.h"
#include "release/model.h"
#include "release/solve.h"

static const jl_solve_opts OPTS = {5, 10000, 0, 1, 0, 0, NULL};

static void fix(jl_lpmodel *m, size_t v, double val)
{
    double one = 1;

    jl_lpmodel_row(m, &v, &one, 1, val, val);
}

static void sum_eq(jl_lpmodel *m, const size_t *v, size_t n, double val)
{
    double c[32];
    size_t i;

    assert_true(n <= 32);
    for (i = 0; i < n; i++)
        c[i] = 1;
    jl_lpmodel_row(m, v, c, n, val, val);
}

/* sdc-security.md §3.2: counts by neighbourhood (rows) and grade, all
 * margins published, N1xG7 (2) primary and three secondary cells hidden.
 * Enumeration gives [0,7], [0,7], [1,8], [1,8]. */
static void solve_worked_example(void **state)
{
    static const double cell[3][3] = {{2, 5, 8}, {6, 3, 7}, {9, 10, 4}};
    static const int hidden[3][3] = {{1, 1, 0}, {1, 1, 0}, {0, 0, 0}};
    static const double want[4][2] = {{0, 7}, {0, 7}, {1, 8}, {1, 8}};
    jl_lpmodel *m = jl_lpmodel_new();
    size_t x[3][3], i, j, v[3];
    jl_bound b[4];
    jl_err err = JL_ERR_INIT;
    double one = 1;

    (void)state;
    for (i = 0; i < 3; i++)
        for (j = 0; j < 3; j++)
            x[i][j] = jl_lpmodel_var(m, INFINITY);
    for (i = 0; i < 3; i++)
        for (j = 0; j < 3; j++)
            if (!hidden[i][j])
                fix(m, x[i][j], cell[i][j]);
    for (i = 0; i < 3; i++) {
        double rsum = 0, csum = 0;

        for (j = 0; j < 3; j++) {
            rsum += cell[i][j];
            csum += cell[j][i];
        }
        v[0] = x[i][0], v[1] = x[i][1], v[2] = x[i][2];
        sum_eq(m, v, 3, rsum);
        v[0] = x[0][i], v[1] = x[1][i], v[2] = x[2][i];
        sum_eq(m, v, 3, csum);
    }
    for (i = 0; i < 2; i++)
        for (j = 0; j < 2; j++)
            (void)jl_lpmodel_target(m, &x[i][j], &one, 1);
    assert_int_equal(m->ntargets, 4);
    assert_int_equal(jl_solve_bounds(b, m, NULL, 4, &OPTS, &err), JL_OK);
    for (i = 0; i < 4; i++) {
        assert_int_equal(b[i].status, JL_BOUND_OK);
        assert_true(b[i].lo == want[i][0]);
        assert_true(b[i].hi == want[i][1]);
    }
    /* part by part: the five published cells are fixed, the four hidden
     * ones are one system, and the bounds are the same */
    assert_int_equal(jl_solve_bounds_split(b, m, NULL, 4, &OPTS, &err), JL_OK);
    for (i = 0; i < 4; i++) {
        assert_int_equal(b[i].status, JL_BOUND_OK);
        assert_true(b[i].lo == want[i][0]);
        assert_true(b[i].hi == want[i][1]);
    }
    jl_lpmodel_free(m);
}

/* x <= 3 and 2y = x + 1 make x odd: the LP allows x = 0 (y = 1/2), the
 * integers only 1 and 3. With a protection of 2 the LP range (3) passes
 * and the integer range (2) is on the edge: the integer programme runs and
 * moves the bound. With 5 the LP range fails already and is reported. */
static void solve_integer_tightens(void **state)
{
    jl_lpmodel *m = jl_lpmodel_new();
    size_t x = jl_lpmodel_var(m, 3), y = jl_lpmodel_var(m, INFINITY), v[2] = {x, y};
    double c[2] = {-1, 2}, one = 1;
    jl_bound b;
    jl_err err = JL_ERR_INIT;

    (void)state;
    jl_lpmodel_row(m, v, c, 2, 1, 1);
    jl_solve_opts two = OPTS;

    two.protection = 2;
    jl_lpmodel_target(m, &x, &one, 1);
    assert_int_equal(jl_solve_bounds(&b, m, NULL, 1, &two, &err), JL_OK);
    assert_int_equal(b.status, JL_BOUND_OK);
    assert_true(fabs(b.lp_lo) < 1e-9);
    assert_true(b.integer);
    assert_true(b.lo == 1 && b.hi == 3);
    assert_int_equal(jl_solve_bounds(&b, m, NULL, 1, &OPTS, &err), JL_OK);
    assert_false(b.integer);
    assert_true(b.lo == 0 && b.hi == 3);
    jl_lpmodel_free(m);
}

/* Targets with no upper bound, contradictory rows, and a child process
 * that dies half-way: statuses, never a crash of the caller. */
static void solve_statuses(void **state)
{
    jl_lpmodel *m = jl_lpmodel_new();
    size_t x = jl_lpmodel_var(m, INFINITY), y = jl_lpmodel_var(m, 4), w[2] = {x, y};
    double one = 1, c[2] = {1, 1};
    jl_bound b[3];
    jl_solve_opts die = OPTS;
    jl_err err = JL_ERR_INIT;

    (void)state;
    jl_lpmodel_target(m, &x, &one, 1);
    jl_lpmodel_target(m, &y, &one, 1);
    jl_lpmodel_target(m, w, c, 2);
    assert_int_equal(jl_solve_bounds(b, m, NULL, 3, &OPTS, &err), JL_OK);
    assert_int_equal(b[0].status, JL_BOUND_OK);
    assert_true(b[0].lo == 0 && b[0].hi >= JL_BOUND_INF);
    assert_true(b[1].lo == 0 && b[1].hi == 4);
    die.test_die_after = 1;
    assert_int_equal(jl_solve_bounds(b, m, NULL, 3, &die, &err), JL_OK);
    assert_int_equal(b[0].status, JL_BOUND_OK);
    assert_int_equal(b[1].status, JL_BOUND_FAILED);
    assert_int_equal(b[2].status, JL_BOUND_FAILED);
    /* y = 4 and y = 5 together: the published numbers disagree */
    fix(m, y, 4);
    fix(m, y, 5);
    assert_int_equal(jl_solve_bounds(b, m, NULL, 3, &OPTS, &err), JL_OK);
    assert_int_equal(b[1].status, JL_BOUND_INFEASIBLE);
    jl_lpmodel_free(m);
}

/* Split: a target wholly fixed is its value without a solve; the rest is
 * bounded with its fixed part added back (c = 7 fixed, a + b = 3, so
 * c + a lies in [7, 10]; c + d = 9 fixes d = 2 through c). */
static void solve_split_parts(void **state)
{
    jl_lpmodel *m = jl_lpmodel_new();
    size_t a = jl_lpmodel_var(m, INFINITY), b = jl_lpmodel_var(m, INFINITY);
    size_t c = jl_lpmodel_var(m, INFINITY), d = jl_lpmodel_var(m, INFINITY);
    size_t ab[2] = {a, b}, ca[2] = {c, a}, cd[2] = {c, d};
    double one = 1, two[2] = {1, 1};
    jl_bound out[3];
    jl_err err = JL_ERR_INIT;

    (void)state;
    fix(m, c, 7);
    jl_lpmodel_row(m, ab, two, 2, 3, 3);
    jl_lpmodel_row(m, cd, two, 2, 9, 9); /* d = 2, fixed through c */
    jl_lpmodel_target(m, ca, two, 2);   /* 7 + a, a in [0, 3] */
    jl_lpmodel_target(m, &d, &one, 1);  /* 2 */
    jl_lpmodel_target(m, &b, &one, 1);  /* [0, 3] */
    assert_int_equal(jl_solve_bounds_split(out, m, NULL, 3, &OPTS, &err), JL_OK);
    assert_true(out[0].lo == 7 && out[0].hi == 10);
    assert_true(out[1].lo == 2 && out[1].hi == 2);
    assert_true(out[1].status == JL_BOUND_OK && out[1].lo_exact);
    assert_true(out[2].lo == 0 && out[2].hi == 3);
    jl_lpmodel_free(m);
}

/* Only the listed targets are solved, in the order given. */
static void solve_which(void **state)
{
    jl_lpmodel *m = jl_lpmodel_new();
    size_t x = jl_lpmodel_var(m, 9), y = jl_lpmodel_var(m, 2), which[1] = {1};
    double one = 1;
    jl_bound b;
    jl_err err = JL_ERR_INIT;

    (void)state;
    jl_lpmodel_target(m, &x, &one, 1);
    jl_lpmodel_target(m, &y, &one, 1);
    assert_int_equal(jl_solve_bounds(&b, m, which, 1, &OPTS, &err), JL_OK);
    assert_true(b.lo == 0 && b.hi == 2);
    jl_lpmodel_free(m);
}

/* ---- the audit over files ---- */

static void put(const char *dir, const char *name, const char *text, char hex[65])
{
    char path[512];
    unsigned char h[crypto_hash_sha256_BYTES];
    FILE *f;
    size_t i;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    crypto_hash_sha256(h, (const unsigned char *)text, strlen(text));
    for (i = 0; i < sizeof h; i++)
        snprintf(hex + 2 * i, 3, "%02x", h[i]);
}

#define HDR "division,area,wave,grade,sex,scale,kind,cutoff,headline,n,n_scored,k,pct,ci_low," \
            "ci_high,norm_pct,norm_source,diff,flag,status,reason,source\n"

#define SHOWN "omr,X,2024,9,K,S,risk,p75,1,20,20,14,70,,,,,,,ok,,t\n"
#define HIDDEN "omr,X,2024,9,K,S,risk,p75,1,,,,,,,,,,,suppressed,secondary,t\n"

/* A release in dir, as an export writes it: cells.csv (rows after the
 * header), areas.csv (rows after the header), and a manifest of release
 * id, one wave "2024" (wave_extra: more of its keys, "" for none),
 * min_n 10, and extra keys (extra_manifest, "" for none), with the
 * files' hashes. */
static void write_release(const char *dir, int id, const char *cell_rows, const char *area_rows,
                          const char *wave_extra, const char *extra_manifest)
{
    char hc[65], ha[65], m[2048], cells[2048], areas[1024];

    snprintf(cells, sizeof cells, "%s%s", HDR, cell_rows);
    put(dir, "cells.csv", cells, hc);
    snprintf(areas, sizeof areas, "%s%s",
             "division,code,name,parent_division,parent_code,base_division,base_codes\n",
             area_rows);
    put(dir, "areas.csv", areas, ha);
    snprintf(m, sizeof m,
             "{\"format\": \"jamlik-release-1\", \"release\": %d, \"title\": \"t\", "
             "\"created\": \"2026-12-05\", \"waves\": [{\"name\": \"2024\"%s}], "
             "\"rules\": {\"min_n\": 10}, %s\"files\": {\"cells.csv\": \"%s\", "
             "\"areas.csv\": \"%s\"}}",
             id, wave_extra, extra_manifest, hc, ha);
    put(dir, "manifest.json", m, hc);
}

/* §1.3 a as files: the boys (6, 2 yes) are the total minus the girls. */
static void write_threshold(const char *dir, const char *extra_manifest, const char *girls)
{
    char cells[1024];

    snprintf(cells, sizeof cells, "%s%s", girls,
             "omr,X,2024,9,M,S,risk,p75,1,,,,,,,,,,,suppressed,small_group,t\n"
             "omr,X,2024,9,T,S,risk,p75,1,26,26,16,,,,,,,,ok,,t\n");
    write_release(dir, 1, cells, "omr,X,X,,,block,b1\n", "", extra_manifest);
}

/* Removes a release directory written by write_threshold. */
static void rm_release_dir(const char *dir)
{
    static const char *const f[] = {"cells.csv", "areas.csv", "manifest.json"};
    char path[600];
    size_t i;

    for (i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, f[i]);
        unlink(path);
    }
    rmdir(dir);
}

static void audit_threshold_and_dead_solver(void **state)
{
    char dir[] = "/tmp/jl-audit-XXXXXX";
    jl_release *r = NULL;
    jl_audit_opts o = {5, 0, 0, 0, NULL, 0, NULL};

    jl_audit_result res;
    jl_err err = JL_ERR_INIT;
    size_t i;

    (void)state;
    assert_non_null(mkdtemp(dir));
    write_threshold(dir, "", SHOWN);
    assert_int_equal(jl_release_read(&r, dir, &err), JL_OK);
    assert_int_equal(r->ncells, 3);
    assert_int_equal(jl_audit_run(&res, &r, 1, &o, &err), JL_OK);
    assert_false(res.pass);
    assert_int_equal(res.nfail, 3);
    assert_int_equal(res.fail[0].what, JL_AUDIT_N_SCORED);
    assert_true(res.fail[0].b.lo == 6 && res.fail[0].b.hi == 6);
    assert_int_equal(res.fail[1].what, JL_AUDIT_K);
    assert_true(res.fail[1].b.lo == 2 && res.fail[1].b.hi == 2);
    assert_int_equal(res.fail[1].line, 3);
    jl_audit_dispose(&res);
    /* a solver that dies is unsafe for every value it did not bound (the
     * girls hidden too, so that there is something to solve) */
    jl_release_free(r);
    write_threshold(dir, "", HIDDEN);
    assert_int_equal(jl_release_read(&r, dir, &err), JL_OK);
    assert_int_equal(jl_audit_run(&res, &r, 1, &o, &err), JL_OK);
    assert_true(res.pass);
    jl_audit_dispose(&res);
    o.test_die_after = 1;
    assert_int_equal(jl_audit_run(&res, &r, 1, &o, &err), JL_OK);
    assert_false(res.pass);
    assert_true(res.nfail >= 1);
    for (i = 0; i < res.nfail; i++)
        assert_int_equal(res.fail[i].b.status, JL_BOUND_FAILED);
    jl_audit_dispose(&res);
    jl_release_free(r);
    /* a manifest with a key of the wrong type is named */
    write_threshold(dir, "\"waves\": 3, ", SHOWN);
    assert_int_equal(jl_release_read(&r, dir, &err), JL_EINPUT);
    assert_non_null(strstr(err.msg, "duplicate"));
    rm_release_dir(dir);
}

/* A minimum wanted only against a gate (lo_exact with lo_gate: is this
 * group known to hold at least 10?): 24 counts of 0 to 20 adding up to
 * 200, the even ones at least 12 by a row of their own. A witness below
 * the gate may stand in for the minimum of an odd one, never of an even
 * one: each even count's minimum is solved and is 12, each odd count's
 * gate stays open as in an exact solve, and a bound that is not the
 * minimum lies below the gate. */
static void solve_gate(void **state)
{
    enum { N = 24 };
    jl_lpmodel *m = jl_lpmodel_new();
    size_t x[N], i, v[2], skipped = 0;
    jl_bound fast[N], exact[N];
    jl_solve_opts ex = OPTS, fo = OPTS;
    jl_err err = JL_ERR_INIT;
    double one = 1, c[2] = {1, -1};

    (void)state;
    for (i = 0; i < N; i++)
        x[i] = jl_lpmodel_var(m, 20);
    sum_eq(m, x, N, 200);
    for (i = 0; i < N; i += 2) {
        v[0] = x[i];
        v[1] = jl_lpmodel_var(m, INFINITY);
        jl_lpmodel_row(m, v, c, 2, 12, 12);
    }
    for (i = 0; i < N; i++)
        jl_lpmodel_target(m, &x[i], &one, 1);
    ex.exact = 1;
    fo.exact = 0;
    ex.lo_exact = fo.lo_exact = 1;
    ex.lo_gate = fo.lo_gate = 10;
    assert_int_equal(jl_solve_bounds(exact, m, NULL, N, &ex, &err), JL_OK);
    assert_int_equal(jl_solve_bounds(fast, m, NULL, N, &fo, &err), JL_OK);
    for (i = 0; i < N; i++) {
        int closed_e = exact[i].lo_exact && exact[i].lo >= 10,
            closed_f = fast[i].lo_exact && fast[i].lo >= 10;

        assert_int_equal(fast[i].status, JL_BOUND_OK);
        assert_int_equal(closed_e, closed_f);
        assert_int_equal(closed_f, i % 2 == 0);
        if (i % 2 == 0)
            assert_true(fast[i].lo == 12);
        if (!fast[i].lo_exact) {
            assert_true(fast[i].lo < 10);
            skipped++;
        }
    }
    assert_true(skipped > 0); /* else the gate saved nothing */
    jl_lpmodel_free(m);
}

/* A 9 x 9 table of counts with its margins published, its 8 x 8 block
 * hidden: x its unknowns, cell its true counts. */
static void hidden_table(jl_lpmodel *m, size_t x[9][9], double cell[9][9])
{
    size_t i, j, v[9];

    for (i = 0; i < 9; i++)
        for (j = 0; j < 9; j++) {
            x[i][j] = jl_lpmodel_var(m, INFINITY);
            if (i >= 8 || j >= 8)
                fix(m, x[i][j], cell[i][j]);
        }
    for (i = 0; i < 9; i++) {
        double rsum = 0, csum = 0;

        for (j = 0; j < 9; j++) {
            rsum += cell[i][j];
            csum += cell[j][i];
        }
        for (j = 0; j < 9; j++)
            v[j] = x[i][j];
        sum_eq(m, v, 9, rsum);
        for (j = 0; j < 9; j++)
            v[j] = x[j][i];
        sum_eq(m, v, 9, csum);
    }
}

/* A part of 64 protected values is shared by two children and its
 * witnesses seeded first (release/solve.h): a 9 x 9 table with its
 * margins, the 8 x 8 block hidden. What the children report must agree
 * with solving every value exactly: the same verdict for each, witnessed
 * ranges inside the exact ones, some values witnessed (else the seeds
 * did nothing), and the same records on a second run. */
static void solve_children_agree(void **state)
{
    enum { N = 9, H = 8 };
    jl_lpmodel *m = jl_lpmodel_new();
    size_t x[N][N], i, j, nw = 0;
    jl_bound fast[H * H], exact[H * H], again[H * H];
    jl_solve_opts ex = OPTS, fo = OPTS;
    jl_err err = JL_ERR_INIT;
    double one = 1, cell[N][N];

    (void)state;
    ex.exact = 1;
    fo.exact = 0;
    for (i = 0; i < N; i++)
        for (j = 0; j < N; j++)
            cell[i][j] = (double)((i * 7 + j * 3) % 11 + (i == j));
    hidden_table(m, x, cell);
    for (i = 0; i < H; i++)
        for (j = 0; j < H; j++)
            (void)jl_lpmodel_target(m, &x[i][j], &one, 1);
    assert_true(H * H >= JL_SOLVE_SPLIT_MIN);
    assert_int_equal(jl_solve_bounds(fast, m, NULL, H * H, &fo, &err), JL_OK);
    assert_int_equal(jl_solve_bounds(exact, m, NULL, H * H, &ex, &err), JL_OK);
    assert_int_equal(jl_solve_bounds(again, m, NULL, H * H, &fo, &err), JL_OK);
    for (i = 0; i < H * H; i++) {
        assert_int_equal(fast[i].status, JL_BOUND_OK);
        assert_int_equal(exact[i].status, JL_BOUND_OK);
        assert_int_equal(exact[i].witnessed, 0);
        assert_int_equal(fast[i].hi - fast[i].lo >= 5, exact[i].hi - exact[i].lo >= 5);
        assert_true(fast[i].lo >= exact[i].lo && fast[i].hi <= exact[i].hi);
        assert_memory_equal(&fast[i], &again[i], sizeof fast[i]);
        nw += (size_t)fast[i].witnessed;
    }
    assert_true(nw > 0);
    jl_lpmodel_free(m);
}

/* The seeds when one value has no upper bound: four 9 x 9 tables like
 * solve_children_agree's (enough values to be seeded) joined by one
 * count that nothing bounds above.
 * Every seed that pushes it up would be unbounded and give no point;
 * with a box around the seeds they give points, and the unbounded count
 * is witnessed. Some values, not witnessed, are shown safe by an LP
 * pushed only as far as it takes (lo then a witness: lo_exact 0). The
 * verdicts agree with exact solves, and a second run gives the same
 * records. */
static void solve_seeds_unbounded(void **state)
{
    enum { N = 9, H = 8, K = 4, T = K * H * H + 1 };
    jl_lpmodel *m = jl_lpmodel_new();
    size_t x[K][N][N], i, j, q, v[K + 1], nw = 0, nearly = 0;
    jl_bound fast[T], exact[T], again[T];
    jl_solve_opts ex = OPTS, fo = OPTS;
    jl_err err = JL_ERR_INIT;
    double one = 1, cell[N][N], pm[K + 1];

    (void)state;
    ex.exact = 1;
    fo.exact = 0;
    assert_true(T / JL_SOLVE_CHILDREN >= JL_SOLVE_SEED_MIN); /* seeded */
    for (q = 0; q < K; q++) {
        for (i = 0; i < N; i++)
            for (j = 0; j < N; j++)
                cell[i][j] = (double)((i * 5 + j * 7 + q) % 13 + 3);
        hidden_table(m, x[q], cell);
    }
    v[0] = jl_lpmodel_var(m, INFINITY);
    pm[0] = 1;
    for (q = 0; q < K; q++) {
        v[q + 1] = x[q][0][0];
        pm[q + 1] = 1;
    }
    jl_lpmodel_row(m, v, pm, K + 1, 0, INFINITY);
    (void)jl_lpmodel_target(m, &v[0], &one, 1);
    for (q = 0; q < K; q++)
        for (i = 0; i < H; i++)
            for (j = 0; j < H; j++)
                (void)jl_lpmodel_target(m, &x[q][i][j], &one, 1);
    assert_int_equal(jl_solve_bounds(fast, m, NULL, T, &fo, &err), JL_OK);
    assert_int_equal(jl_solve_bounds(exact, m, NULL, T, &ex, &err), JL_OK);
    assert_int_equal(jl_solve_bounds(again, m, NULL, T, &fo, &err), JL_OK);
    /* the seeds' box lets them push the unbounded count up: witnessed */
    assert_true(exact[0].hi >= JL_BOUND_INF && fast[0].witnessed);
    for (i = 0; i < T; i++) {
        assert_int_equal(fast[i].status, JL_BOUND_OK);
        assert_int_equal(fast[i].hi - fast[i].lo >= 5, exact[i].hi - exact[i].lo >= 5);
        assert_true(fast[i].lo >= exact[i].lo && fast[i].hi <= exact[i].hi);
        assert_memory_equal(&fast[i], &again[i], sizeof fast[i]);
        nw += (size_t)fast[i].witnessed;
        nearly += (size_t)(!fast[i].witnessed && !fast[i].lo_exact);
    }
    assert_true(nw >= T / 2);
    assert_true(nearly > 0);
    jl_lpmodel_free(m);
}

/* An audit told which values passed before (jl_audit_opts.passed) does
 * not solve them again. With what the loop guarantees (only more hidden
 * since) the verdict is the full audit's: the threshold-only release
 * fails, the one with the girls hidden too passes, told or not. Told
 * wrongly (the values that passed with the girls hidden, for the release
 * that shows them), it passes what a full audit fails: the values told
 * are really not solved, which is why the loop checks that nothing it
 * hid before is published again. */
static void audit_passed_before(void **state)
{
    char dir[] = "/tmp/jl-audit-XXXXXX";
    jl_release *shown = NULL, *hidden = NULL;
    jl_audit_opts o = {5, 0, 0, 1, NULL, 0, NULL};
    jl_audit_result r1, r2, full;
    jl_err err = JL_ERR_INIT;

    (void)state;
    assert_non_null(mkdtemp(dir));
    write_threshold(dir, "", SHOWN);
    assert_int_equal(jl_release_read(&shown, dir, &err), JL_OK);
    write_threshold(dir, "", HIDDEN);
    assert_int_equal(jl_release_read(&hidden, dir, &err), JL_OK);
    assert_int_equal(jl_audit_run(&r1, &shown, 1, &o, &err), JL_OK);
    assert_false(r1.pass);
    assert_non_null(r1.passed);
    o.passed = r1.passed;
    assert_int_equal(jl_audit_run(&r2, &hidden, 1, &o, &err), JL_OK);
    o.passed = NULL;
    assert_int_equal(jl_audit_run(&full, &hidden, 1, &o, &err), JL_OK);
    assert_true(r2.pass && full.pass);
    assert_int_equal(r2.nchecked, full.nchecked);
    assert_true(jl_strmap_size(full.passed) > 0);
    assert_int_equal(jl_strmap_size(r2.passed), jl_strmap_size(full.passed));
    jl_audit_dispose(&r1);
    /* told wrongly */
    o.passed = full.passed;
    assert_int_equal(jl_audit_run(&r1, &shown, 1, &o, &err), JL_OK);
    assert_true(r1.pass);
    jl_audit_dispose(&r1);
    jl_audit_dispose(&r2);
    jl_audit_dispose(&full);
    jl_release_free(shown);
    jl_release_free(hidden);
    rm_release_dir(dir);
}

/* The threshold-only release of write_threshold over other base units:
 * area X over b1, b2, b3 (areas_rows), and optional extra cells. */
static void write_over(const char *dir, const char *areas_rows, const char *extra)
{
    char cells[1024];

    snprintf(cells, sizeof cells, "%s%s%s", SHOWN,
             "omr,X,2024,9,M,S,risk,p75,1,,,,,,,,,,,suppressed,small_group,t\n"
             "omr,X,2024,9,T,S,risk,p75,1,26,26,16,,,,,,,,ok,,t\n",
             extra);
    write_release(dir, 1, cells, areas_rows, "", "");
}

/* Base units that lie in the same published areas are one unknown (an
 * atom): area X over three base units is the model of X over one, with
 * the same bounds (the boys' 6 and 2, exactly); a second area over b3
 * alone parts b3 from b1 and b2, and the model has two atoms. */
static void audit_atoms(void **state)
{
    char dir[] = "/tmp/jl-audit-XXXXXX";
    jl_release *r = NULL;
    jl_audit_opts o = {5, 0, 0, 0, NULL, 0, NULL};
    jl_audit_result one, three, two;
    jl_err err = JL_ERR_INIT;

    (void)state;
    assert_non_null(mkdtemp(dir));
    write_over(dir, "omr,X,X,,,block,b1\n", "");
    assert_int_equal(jl_release_read(&r, dir, &err), JL_OK);
    assert_int_equal(jl_audit_run(&one, &r, 1, &o, &err), JL_OK);
    jl_release_free(r);
    write_over(dir, "omr,X,X,,,block,b1|b2|b3\n", "");
    assert_int_equal(jl_release_read(&r, dir, &err), JL_OK);
    assert_int_equal(jl_audit_run(&three, &r, 1, &o, &err), JL_OK);
    jl_release_free(r);
    assert_true(one.nvars > 0);
    assert_int_equal(three.nvars, one.nvars);
    assert_int_equal(three.nfail, one.nfail);
    assert_int_equal(three.fail[0].what, JL_AUDIT_N_SCORED);
    assert_true(three.fail[0].b.lo == 6 && three.fail[0].b.hi == 6);
    assert_true(three.fail[1].b.lo == 2 && three.fail[1].b.hi == 2);
    write_over(dir, "omr,X,X,,,block,b1|b2|b3\nomr,Y,Y,,,block,b3\n",
               "omr,Y,2024,9,T,S,risk,p75,1,12,12,5,,,,,,,,ok,,t\n");
    assert_int_equal(jl_release_read(&r, dir, &err), JL_OK);
    assert_int_equal(jl_audit_run(&two, &r, 1, &o, &err), JL_OK);
    jl_release_free(r);
    assert_int_equal(two.nvars, 2 * one.nvars);
    assert_false(two.pass);
    jl_audit_dispose(&one);
    jl_audit_dispose(&three);
    jl_audit_dispose(&two);
    rm_release_dir(dir);
}

/* Grades 8 and 9 of area X published, the total over grades hidden, in
 * a wave where every respondent has a grade: the total is 14 + 3 = 17
 * of 20 + 15 = 35, whatever its code says. Told that a complement hid
 * it ("secondary"), the audit protects nothing in it and passes. Told
 * only that a rule hid it ("confidential"), the cell might be a count
 * of 1 or 2 or a small group: its k and n_scored - k are checked, and
 * pinned, they fail; its n_scored is proven 35 (at least min_n), so the
 * small-group size is not asked. */
#define SHOWN8 "omr,X,2024,8,T,S,risk,p75,1,15,15,3,,,,,,,,ok,,t\n"

static void write_total(const char *dir, int k9, const char *row8, const char *reason)
{
    char cells[1024];

    snprintf(cells, sizeof cells,
             "omr,X,2024,9,T,S,risk,p75,1,20,20,%d,,,,,,,,ok,,t\n"
             "%s"
             "omr,X,2024,T,T,S,risk,p75,1,,,,,,,,,,,suppressed,%s,t\n",
             k9, row8, reason);
    write_release(dir, 1, cells, "omr,X,X,,,block,b1\n", ", \"grade_complete\": true", "");
}

static void audit_confidential(void **state)
{
    char dir[] = "/tmp/jl-audit-XXXXXX";
    jl_release *r = NULL;
    jl_audit_opts o = {5, 0, 0, 0, NULL, 0, NULL};
    jl_audit_result told, conf;
    jl_err err = JL_ERR_INIT;
    size_t i;

    (void)state;
    assert_non_null(mkdtemp(dir));
    write_total(dir, 14, SHOWN8, "secondary");
    assert_int_equal(jl_release_read(&r, dir, &err), JL_OK);
    assert_int_equal(jl_audit_run(&told, &r, 1, &o, &err), JL_OK);
    jl_release_free(r);
    assert_true(told.pass);
    assert_int_equal(told.nchecked, 0);
    write_total(dir, 14, SHOWN8, "confidential");
    assert_int_equal(jl_release_read(&r, dir, &err), JL_OK);
    assert_int_equal(r->cells[2].reason, JL_RREASON_CONFIDENTIAL);
    assert_int_equal(jl_audit_run(&conf, &r, 1, &o, &err), JL_OK);
    jl_release_free(r);
    assert_false(conf.pass);
    assert_int_equal(conf.nchecked, 2);
    assert_int_equal(conf.nfail, 2);
    for (i = 0; i < conf.nfail; i++)
        assert_int_not_equal(conf.fail[i].what, JL_AUDIT_N_SCORED);
    assert_int_equal(conf.fail[0].what, JL_AUDIT_K);
    assert_true(conf.fail[0].b.lo == 17 && conf.fail[0].b.hi == 17);
    assert_int_equal(conf.fail[1].what, JL_AUDIT_COMPLEMENT);
    assert_true(conf.fail[1].b.lo == 18 && conf.fail[1].b.hi == 18);
    jl_audit_dispose(&told);
    jl_audit_dispose(&conf);
    /* the 8th grade hidden as well: nothing bounds it, so every range is
     * wide and the audit passes; the total holds at least the 9th
     * grade's 20 and its size is not asked, the 8th grade's is (5
     * values: k and n_scored - k of both, n_scored of the 8th) */
    write_total(dir, 14, "omr,X,2024,8,T,S,risk,p75,1,,,,,,,,,,,suppressed,confidential,t\n",
                "confidential");
    assert_int_equal(jl_release_read(&r, dir, &err), JL_OK);
    assert_int_equal(jl_audit_run(&conf, &r, 1, &o, &err), JL_OK);
    jl_release_free(r);
    assert_true(conf.pass);
    assert_int_equal(conf.nchecked, 5);
    jl_audit_dispose(&conf);
    /* a rule's code is read for what it tells: the 9th grade all yes
     * (20 of 20), the 8th grade and the total hidden. Said to be a small
     * group and group_disclosure, the complements are 0 by the codes
     * alone (the total's, and so the 8th grade's); confidential, they
     * may be anything from 0 up */
    write_total(dir, 20, "omr,X,2024,8,T,S,risk,p75,1,,,,,,,,,,,suppressed,small_group,t\n",
                "group_disclosure");
    assert_int_equal(jl_release_read(&r, dir, &err), JL_OK);
    assert_true(r->rule_codes);
    assert_int_equal(jl_audit_run(&told, &r, 1, &o, &err), JL_OK);
    jl_release_free(r);
    assert_false(told.pass);
    assert_int_equal(told.nfail, 2);
    for (i = 0; i < told.nfail; i++) {
        assert_int_equal(told.fail[i].what, JL_AUDIT_COMPLEMENT);
        assert_true(told.fail[i].b.lo == 0 && told.fail[i].b.hi == 0);
    }
    jl_audit_dispose(&told);
    write_total(dir, 20, "omr,X,2024,8,T,S,risk,p75,1,,,,,,,,,,,suppressed,confidential,t\n",
                "confidential");
    assert_int_equal(jl_release_read(&r, dir, &err), JL_OK);
    assert_false(r->rule_codes);
    assert_int_equal(jl_audit_run(&conf, &r, 1, &o, &err), JL_OK);
    jl_release_free(r);
    assert_true(conf.pass);
    jl_audit_dispose(&conf);
    rm_release_dir(dir);
}

/* One cell of area X in release id (for two releases of one wave). */
static void write_one(const char *dir, int id, const char *row)
{
    write_release(dir, id, row, "omr,X,X,,,block,b1\n", "", "");
}

/* A cell an earlier release showed (14 of 20) and a later one hides: its
 * count is public, no rule hid it there, and the later release is not
 * asked to protect it (it could not). Its size stays asked only where
 * the earlier release does not prove it large: here it does. */
static void audit_public_elsewhere(void **state)
{
    char d1[] = "/tmp/jl-audit-XXXXXX", d2[] = "/tmp/jl-audit-XXXXXX";
    jl_release *r[2] = {NULL, NULL};
    jl_audit_opts o = {5, 0, 0, 0, NULL, 0, NULL};
    jl_audit_result res;
    jl_err err = JL_ERR_INIT;

    (void)state;
    assert_non_null(mkdtemp(d1));
    assert_non_null(mkdtemp(d2));
    write_one(d1, 1, "omr,X,2024,9,T,S,risk,p75,1,20,20,14,,,,,,,,ok,,t\n");
    write_one(d2, 2, "omr,X,2024,9,T,S,risk,p75,1,,,,,,,,,,,suppressed,confidential,t\n");
    assert_int_equal(jl_release_read(&r[0], d2, &err), JL_OK);
    assert_int_equal(jl_release_read(&r[1], d1, &err), JL_OK);
    assert_int_equal(jl_audit_run(&res, r, 2, &o, &err), JL_OK);
    assert_true(res.pass);
    assert_int_equal(res.nchecked, 0);
    jl_audit_dispose(&res);
    /* alone, the later release's cell is wide open */
    assert_int_equal(jl_audit_run(&res, r, 1, &o, &err), JL_OK);
    assert_true(res.pass);
    assert_int_equal(res.nchecked, 3);
    jl_audit_dispose(&res);
    jl_release_free(r[0]);
    jl_release_free(r[1]);
    rm_release_dir(d1);
    rm_release_dir(d2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(solve_worked_example),
        cmocka_unit_test(solve_integer_tightens),
        cmocka_unit_test(solve_statuses),
        cmocka_unit_test(solve_which),
        cmocka_unit_test(solve_split_parts),
        cmocka_unit_test(solve_children_agree),
        cmocka_unit_test(solve_gate),
        cmocka_unit_test(solve_seeds_unbounded),
        cmocka_unit_test(audit_threshold_and_dead_solver),
        cmocka_unit_test(audit_passed_before),
        cmocka_unit_test(audit_atoms),
        cmocka_unit_test(audit_confidential),
        cmocka_unit_test(audit_public_elsewhere),
    };
    return cmocka_run_group_tests_name("release/audit", tests, NULL, NULL);
}
