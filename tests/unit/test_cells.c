/*
 * view/cells.c and view/priorities.c over a store built here: a small
 * instrument written by hand (two one-item scales), two waves of 17
 * respondents written by hand, two areas. Every expected figure is
 * counted by hand from the rows below (see the comments).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/alloc.h"
#include "release/suppress.h"
#include "store/store.h"
#include "survey/wave.h"
#include "view/cells.h"
#include "view/priorities.h"
#include "view/release.h"
#include "view/release_cells.h"
#include "view/waves.h"

static const char instrument_text[] =
    "instrument: hand\n"
    "name: Written by hand for test_cells\n"
    "\n"
    "item: q1\n"
    "text: Risk item\n"
    "code: 0 = Nej\n"
    "code: 1 = Ja\n"
    "score: 0=0 1=1\n"
    "\n"
    "item: q2\n"
    "text: Protective item\n"
    "code: 0 = Nej\n"
    "code: 1 = Ja\n"
    "score: 0=0 1=1\n"
    "\n"
    "scale: r1\n"
    "name: Risk\n"
    "kind: risk\n"
    "model: mean\n"
    "min-items: 1\n"
    "item: q1\n"
    "\n"
    "scale: p1\n"
    "name: Skydd\n"
    "kind: protective\n"
    "model: mean\n"
    "min-items: 1\n"
    "item: q2\n"
    "\n"
    "cutoff: ja\n"
    "scale: r1\n"
    "value: 1\n"
    "headline: yes\n"
    "source: by hand\n"
    "norm: 25\n"
    "norm-source: by hand\n"
    "norm-version: 1\n"
    "\n"
    "cutoff: ja\n"
    "scale: p1\n"
    "value: 1\n"
    "headline: yes\n"
    "source: by hand\n"
    "norm: 85\n"
    "norm-source: by hand\n"
    "norm-version: 1\n";

typedef struct fixture {
    char dir[64], path[128];
    jl_store *st;
} fixture;

/* Writes a wave: area A has 12 respondents, grades 8 (first 6) and 9,
 * sexes alternating K, M; q1 = 1 for the first a_risk of them, q2 = 1
 * for the first 9. Area B has 5 respondents, grade 9, all q1 = 1 and
 * q2 = 0. */
static void wave(fixture *f, const char *name, int a_risk)
{
    char csv[192];
    FILE *o;
    int i;
    jl_import_opts opts;
    jl_import_report rep;
    jl_err err = JL_ERR_INIT;
    jl_diag d;
    jl_instrument *in = NULL;

    snprintf(csv, sizeof csv, "%s/%s.csv", f->dir, name);
    o = fopen(csv, "w");
    assert_non_null(o);
    fprintf(o, "id,grade,sex,omr,q1,q2\n");
    for (i = 0; i < 12; i++)
        fprintf(o, "a%d,%d,%s,A,%d,%d\n", i, i < 6 ? 8 : 9, i % 2 ? "M" : "K", i < a_risk,
                i < 9);
    for (i = 0; i < 5; i++)
        fprintf(o, "b%d,9,K,B,1,0\n", i);
    fclose(o);
    jl_diag_init(&d, "hand");
    assert_int_equal(jl_instrument_parse(&in, instrument_text, strlen(instrument_text), &d), 0);
    jl_diag_dispose(&d);
    memset(&opts, 0, sizeof opts);
    opts.path = csv;
    opts.instrument = "hand";
    opts.wave = name;
    opts.areas = "omr";
    assert_int_equal(jl_wave_import(&rep, f->st, in, &opts, &err), JL_OK);
    assert_int_equal(rep.n_imported, 17);
    jl_instrument_free(in);
}

static int setup(void **state)
{
    fixture *f = jl_xcalloc(1, sizeof *f);
    jl_err err = JL_ERR_INIT;

    snprintf(f->dir, sizeof f->dir, "/tmp/jl-cells-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/db", f->dir);
    assert_int_equal(jl_store_open(&f->st, f->path, JL_STORE_CREATE, NULL, &err), JL_OK);
    assert_int_equal(jl_store_instrument_put(f->st, "hand", "hand", instrument_text, &err), 0);
    wave(f, "2023", 3);
    wave(f, "2024", 6);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char cmd[256];

    jl_store_close(f->st);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    jl_free(f);
    return 0;
}

static void table_with(jl_cell_table *t, fixture *f, const char *w, int norm_city,
                       jl_cells_adjust adjust, unsigned long min_n)
{
    jl_cells_req req;
    jl_err err = JL_ERR_INIT;

    memset(&req, 0, sizeof req);
    req.wave = w;
    req.norm_city = norm_city;
    req.adjust = adjust;
    req.min_n = min_n;
    assert_int_equal(jl_view_cells(t, f->st, &req, &err), 0);
}

static void table(jl_cell_table *t, fixture *f, const char *w, int norm_city)
{
    table_with(t, f, w, norm_city, JL_CELLS_BH, 0);
}

/* The table's cells and margins against counts made by hand. */
static void cells_count_by_hand(void **state)
{
    fixture *f = *state;
    jl_cell_table t;
    jl_cell c;
    jl_err err = JL_ERR_INIT;
    long a, b;

    table(&t, f, "2024", 0);
    assert_string_equal(t.division, "omr");
    assert_int_equal(t.nareas, 2);
    a = jl_cell_table_area(&t, "A");
    b = jl_cell_table_area(&t, "B");
    assert_true(a == 0 && b == 1);
    assert_int_equal(jl_cell_table_area(&t, "C"), -1);
    assert_true(jl_cell_table_need_area(&t, "C", &err) < 0);
    assert_int_equal(err.code, JL_ENOTFOUND);

    /* A, all grades and sexes, r1: 6 of 12 reach it = 50 %; Wilson 95 %
     * (25.38, 74.62) lies above the norm of 25. The score test (z = 2)
     * gives p = 0.0455 (R: prop.test(6, 12, 0.25, correct = FALSE)). The
     * family of the flags is the wave's shown area cells at the headline
     * cut-offs: A's r1 and p1 (9 of 12 against 85: p = 0.3320); B and
     * A's grades and sexes are under 10. BH makes r1's 2 p = 0.0910
     * (R: p.adjust): not flagged. */
    assert_int_equal(jl_cell_table_get(&c, &t, a, JL_NGRADES, JL_NSEXES, 0, 0, &err), 0);
    assert_int_equal(c.n, 12);
    assert_int_equal(c.n_scored, 12);
    assert_int_equal(c.k, 6);
    assert_true(fabs(c.pct - 50.0) < 1e-9);
    assert_true(fabs(c.ci_low - 25.38) < 0.01 && fabs(c.ci_high - 74.62) < 0.01);
    assert_true(fabs(c.p - 0.045500263896358473) < 1e-12);
    assert_true(fabs(c.p_adj - 0.091000527792716945) < 1e-12);
    assert_int_equal(c.flag, JL_FLAG_NONE);
    assert_int_equal(t.nfamily[0], 2);
    assert_int_equal(t.nfamily[1], 0);
    assert_int_equal(jl_flag_verdict(JL_FLAG_HIGH, JL_KIND_RISK), JL_VERDICT_WORSE);
    assert_int_equal(jl_flag_verdict(JL_FLAG_HIGH, JL_KIND_PROTECTIVE), JL_VERDICT_BETTER);
    assert_int_equal(jl_flag_verdict(JL_FLAG_LOW, JL_KIND_PROTECTIVE), JL_VERDICT_WORSE);
    assert_int_equal(jl_flag_verdict(JL_FLAG_LOW, JL_KIND_OUTCOME), JL_VERDICT_BETTER);
    assert_string_equal(jl_verdict_code(JL_VERDICT_WORSE), "worse");
    assert_null(jl_verdict_code(JL_VERDICT_NONE));
    assert_string_equal(c.area, "A");
    assert_string_equal(c.scale, "r1");
    assert_string_equal(c.kind, "risk");
    assert_string_equal(c.grade, "T");
    assert_int_equal(c.norm_of, JL_NORM_INSTRUMENT);
    assert_string_equal(c.norm_source, "by hand");

    /* A, girls (K: rows 0, 2, ..., 10), r1: rows 0, 2, 4 reach it = 3 of 6:
     * under 10, so outside the family. */
    assert_int_equal(jl_cell_table_get(&c, &t, a, JL_NGRADES, 0, 0, 0, &err), 0);
    assert_string_equal(c.sex, "K");
    assert_int_equal(c.n, 6);
    assert_int_equal(c.k, 3);
    assert_true(isnan(c.p_adj));
    jl_cell_table_dispose(&t);

    /* Not adjusted (--adjust none): the flag is Wilson's, as before. */
    table_with(&t, f, "2024", 0, JL_CELLS_UNADJUSTED, 0);
    assert_null(t.p_adj);
    assert_int_equal(jl_cell_table_get(&c, &t, a, JL_NGRADES, JL_NSEXES, 0, 0, &err), 0);
    assert_int_equal(c.flag, JL_FLAG_HIGH);
    assert_true(fabs(c.p_adj - c.p) < 1e-15);
    jl_cell_table_dispose(&t);
    table(&t, f, "2024", 0);

    /* The city: 17 respondents, r1 reached by 6 + 5 = 11. */
    assert_int_equal(jl_cell_table_get(&c, &t, -1, JL_NGRADES, JL_NSEXES, 0, 0, &err), 0);
    assert_int_equal(c.n, 17);
    assert_int_equal(c.k, 11);
    assert_null(c.area);

    /* B has 5: the small-group rule of 10 suppresses it, the raw counts
     * stay for the release to see. */
    assert_int_equal(jl_cell_table_get(&c, &t, b, JL_NGRADES, JL_NSEXES, 1, 0, &err), 0);
    assert_int_equal(c.n, 5);
    assert_int_equal(c.k, 0);
    assert_int_equal(jl_release_small_group(&c, 10), 1);
    assert_int_equal(c.status, JL_CELL_SUPPRESSED);
    assert_int_equal(c.n, 5);
    assert_true(isnan(c.pct));
    assert_true(isnan(jl_cell_table_headline_pct(&t, "B", 0, 0)));
    /* With a threshold of 3, B's 5 of 5 is everyone: group disclosure
     * still hides it; without that rule it shows. */
    t.rules.min_n = 3;
    assert_true(isnan(jl_cell_table_headline_pct(&t, "B", 0, 0)));
    assert_int_equal(jl_cell_table_shown(&c, &t, b, JL_NGRADES, JL_NSEXES, 0, 0, &err), 0);
    assert_int_equal(c.reason, JL_REASON_GROUP_DISCLOSURE);
    t.rules.no_group_disclosure = 1;
    assert_true(fabs(jl_cell_table_headline_pct(&t, "B", 0, 0) - 100.0) < 1e-9);
    /* The working view shows every cell, marked. */
    t.rules.no_group_disclosure = 0;
    t.unprotected = 1;
    assert_int_equal(jl_cell_table_shown(&c, &t, b, JL_NGRADES, JL_NSEXES, 0, 0, &err), 0);
    assert_int_equal(c.status, JL_CELL_UNPROTECTED);
    assert_int_equal(c.k, 5);
    assert_true(fabs(jl_cell_table_headline_pct(&t, "B", 0, 0) - 100.0) < 1e-9);
    jl_cell_table_dispose(&t);

    /* Against the city: r1's norm is the wave's own 11 of 17. */
    table(&t, f, "2024", 1);
    assert_int_equal(jl_cell_table_get(&c, &t, 0, JL_NGRADES, JL_NSEXES, 0, 0, &err), 0);
    assert_true(fabs(c.norm_pct - 100.0 * 11 / 17) < 1e-9);
    assert_int_equal(c.norm_of, JL_NORM_CITY);
    assert_null(c.norm_source);
    jl_cell_table_dispose(&t);
}

/* Grades: A has 6 in grade 8 (rows 0-5, of which q1 = 1 for all 6) and
 * 6 in grade 9 (none reach r1). */
static void cells_by_grade(void **state)
{
    fixture *f = *state;
    jl_cell_table t;
    jl_cell c;
    jl_err err = JL_ERR_INIT;
    size_t g, seen = 0;

    table(&t, f, "2024", 0);
    for (g = 0; g < JL_NGRADES; g++) {
        if (!t.grade_present[g])
            continue;
        seen++;
        assert_int_equal(jl_cell_table_get(&c, &t, 0, g, JL_NSEXES, 0, 0, &err), 0);
        assert_int_equal(c.n, 6);
        if (!strcmp(c.grade, "8"))
            assert_int_equal(c.k, 6);
        else
            assert_int_equal(c.k, 0);
    }
    assert_int_equal(seen, 2);
    jl_cell_table_dispose(&t);
}

/* Priorities of A in 2024: r1 at 50 % against 25 (excess 25), p1 at 75 %
 * protection against 85 (excess 10); r1 was 3 of 12 = 25 % in 2023. */
static void priorities_rank_and_change(void **state)
{
    fixture *f = *state;
    jl_cell_table t, prev;
    jl_prio_list l;
    jl_err err = JL_ERR_INIT;

    table(&t, f, "2024", 0);
    assert_int_equal(jl_view_cells_previous(&prev, f->st, &t, &err), 0);
    assert_string_equal(prev.w.name, "2023");
    assert_int_equal(jl_view_priorities(&l, &t, &prev, "A", &err), 0);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.p[0].scale, "r1");
    assert_true(fabs(l.p[0].excess - 25.0) < 1e-9);
    assert_true(fabs(l.p[0].prev_pct - 25.0) < 1e-9);
    assert_string_equal(l.p[0].prev_wave, "2023");
    /* 6 of 12 after 3 of 12: up 25 points, but Newcombe's interval
     * (-12.46, 54.42; statsmodels confint_proportions_2indep(6, 12, 3,
     * 12, method="newcomb")) takes in 0: not worse. */
    assert_true(fabs(l.p[0].delta_lo + 12.459285070028103) < 1e-9);
    assert_true(fabs(l.p[0].delta_hi - 54.42163962859665) < 1e-9);
    assert_false(l.p[0].worse);
    assert_false(l.p[0].better);
    /* r1 is flagged in grade 8 (6 of 6) only; grade 9 (0 of 6) is low. */
    assert_int_equal(l.p[0].grades_shown, 0); /* 6 < 10: both grades suppressed */
    assert_string_equal(l.p[1].scale, "p1");
    assert_true(fabs(l.p[1].excess - 10.0) < 1e-9);
    jl_prio_list_dispose(&l);
    /* With a threshold of 3 (the table's too: it fixes the family) both
     * grades are shown: grade 8 (6 of 6, p = 2.2e-5, still under 0.05
     * after BH over the 26 shown cells) is flagged, grade 9 (0 of 6) is
     * not. */
    jl_cell_table_dispose(&t);
    table_with(&t, f, "2024", 0, JL_CELLS_BH, 3);
    assert_int_equal(t.nfamily[0], 26);
    /* ... but 6 of 6 is everyone in grade 8: group disclosure hides it,
     * and the list says nothing of it. */
    assert_int_equal(jl_view_priorities(&l, &t, &prev, "A", &err), 0);
    assert_string_equal(l.p[0].scale, "r1");
    assert_int_equal(l.p[0].grades_shown, 1);
    assert_int_equal(l.p[0].grades_flagged, 0);
    jl_prio_list_dispose(&l);
    t.rules.no_group_disclosure = 1;
    assert_int_equal(jl_view_priorities(&l, &t, &prev, "A", &err), 0);
    assert_string_equal(l.p[0].scale, "r1");
    assert_int_equal(l.p[0].grades_shown, 2);
    assert_int_equal(l.p[0].grades_flagged, 1);
    jl_prio_list_dispose(&l);

    /* Under the default threshold of 10, B is too small for any factor
     * to be shown: an empty list. */
    t.rules.min_n = 10;
    t.rules.no_group_disclosure = 0;
    assert_int_equal(jl_view_priorities(&l, &t, &prev, "B", &err), 0);
    assert_int_equal(l.n, 0);
    jl_prio_list_dispose(&l);
    assert_true(jl_view_priorities(&l, &t, NULL, "C", &err) < 0);
    jl_cell_table_dispose(&prev);

    /* 2023 is the first wave. */
    jl_cell_table_dispose(&t);
    table(&t, f, "2023", 0);
    assert_int_equal(jl_view_cells_previous(&prev, f->st, &t, &err), JL_ENOTFOUND);
    jl_cell_table_dispose(&t);
}

/* Two waves side by side: A's r1 went from 3 of 12 to 6 of 12, a change
 * of 25 points whose Newcombe interval takes in 0; p1 stayed at 9 of 12.
 * B (5) is suppressed in both, so it has no change. */
static void waves_side_by_side(void **state)
{
    fixture *f = *state;
    const char *const names[] = {"2023", "2024"}, *const twice[] = {"2024", "2024"};
    jl_cells_req req;
    jl_view_waves v;
    jl_cell a, b;
    jl_cell_change ch;
    jl_err err = JL_ERR_INIT;

    memset(&req, 0, sizeof req);
    assert_int_equal(jl_view_waves_load(&v, f->st, &req, names, 2, &err), 0);
    assert_int_equal(v.nwaves, 2);
    assert_int_equal(v.nareas, 2);
    assert_string_equal(v.codes[0], "A");
    assert_int_equal(jl_view_waves_cell(&a, &v, 0, "A", JL_NGRADES, JL_NSEXES, "r1", "ja", &err),
                     0);
    assert_int_equal(jl_view_waves_cell(&b, &v, 1, "A", JL_NGRADES, JL_NSEXES, "r1", "ja", &err),
                     0);
    assert_int_equal(a.k, 3);
    assert_int_equal(b.k, 6);
    assert_int_equal(jl_cell_change_of(&ch, &a, &b, JL_KIND_RISK, &err), 0);
    assert_true(fabs(ch.diff - 25.0) < 1e-9);
    assert_true(fabs(ch.lo + 12.459285070028103) < 1e-9);
    assert_true(fabs(ch.hi - 54.42163962859665) < 1e-9);
    assert_int_equal(ch.verdict, JL_VERDICT_NONE);
    /* The other way round, an interval that excludes 0 gives a verdict by
     * kind: 0 of 12 to 12 of 12 is worse on a risk, better on protection. */
    a.k = 0;
    b.k = 12;
    assert_int_equal(jl_cell_change_of(&ch, &a, &b, JL_KIND_RISK, &err), 0);
    assert_int_equal(ch.verdict, JL_VERDICT_WORSE);
    assert_int_equal(jl_cell_change_of(&ch, &a, &b, JL_KIND_PROTECTIVE, &err), 0);
    assert_int_equal(ch.verdict, JL_VERDICT_BETTER);
    /* B under the small-group rule: no change. */
    assert_int_equal(jl_view_waves_cell(&a, &v, 0, "B", JL_NGRADES, JL_NSEXES, "r1", "ja", &err),
                     0);
    assert_int_equal(jl_view_waves_cell(&b, &v, 1, "B", JL_NGRADES, JL_NSEXES, "r1", "ja", &err),
                     0);
    jl_release_small_group(&a, 10);
    jl_release_small_group(&b, 10);
    assert_int_equal(jl_cell_change_of(&ch, &a, &b, JL_KIND_RISK, &err), 0);
    assert_true(isnan(ch.diff) && isnan(ch.lo) && isnan(ch.hi));
    assert_int_equal(jl_view_waves_cell(&a, &v, 0, "C", JL_NGRADES, JL_NSEXES, "r1", "ja", &err),
                     JL_ENOTFOUND);
    assert_int_equal(jl_view_waves_cell(&a, &v, 0, "A", JL_NGRADES, JL_NSEXES, "r1", "nej", &err),
                     JL_ENOTFOUND);
    jl_view_waves_dispose(&v);
    assert_int_equal(jl_view_waves_load(&v, f->st, &req, twice, 2, &err), JL_EUSAGE);
}

/* Two cells as a face shows them are the same: status, and every number
 * a shown cell has; a hidden cell of the release (b) says only that it
 * is withheld, whichever rule hid it in the working view (a). */
static void same_shown(const jl_cell *a, const jl_cell *b)
{
    assert_int_equal(a->status, b->status);
    if (a->status != JL_CELL_OK) {
        assert_int_equal(b->reason, JL_REASON_CONFIDENTIAL);
        assert_string_equal(jl_release_reason_short(b->reason), "dold");
        return;
    }
    assert_int_equal(a->n, b->n);
    assert_int_equal(a->n_scored, b->n_scored);
    assert_int_equal(a->k, b->k);
    assert_true(a->pct == b->pct && a->ci_low == b->ci_low && a->ci_high == b->ci_high);
    assert_true(a->norm_pct == b->norm_pct || (isnan(a->norm_pct) && isnan(b->norm_pct)));
    assert_true(a->diff == b->diff || (isnan(a->diff) && isnan(b->diff)));
    assert_int_equal(a->flag, b->flag);
    assert_string_equal(a->scale, b->scale);
    assert_string_equal(a->cutoff, b->cutoff);
}

/* A release made from the fixture and read back from the store shows the
 * cells the table it was made from shows; priorities and changes between
 * its two waves run over it unchanged. */
static void release_read_back(void **state)
{
    fixture *f = *state;
    const char *waves[] = {"2023", "2024"}, *divs[] = {"omr"};
    jl_view_release_req req;
    jl_view_release v;
    jl_protect_opts o;
    jl_protect_stats stats;
    jl_audit_result audit;
    jl_cell_table t, r, rp;
    jl_cells_req creq;
    jl_cell a, b;
    jl_prio_list pl;
    jl_err err = JL_ERR_INIT;
    long ai, id = 0;
    size_t g, s, k, q;

    memset(&req, 0, sizeof req);
    req.waves = waves;
    req.nwaves = 2;
    req.divisions = divs;
    req.ndivisions = 1;
    req.by_sex = 1;
    /* Without secondary suppression the audit passes only where nothing
     * needs protecting: rules that hide nothing of the fixture but the
     * cells the release does not hold (the grades). */
    memset(&o, 0, sizeof o);
    o.min_n = 3;
    o.min_count = 1;
    o.no_group_disclosure = 1;
    memset(&audit, 0, sizeof audit);
    assert_int_equal(jl_view_release_create(&v, f->st, &req, &o, &stats, &audit, &err), 0);
    assert_true(v.id > 0);
    jl_audit_dispose(&audit);
    jl_view_release_dispose(&v);
    assert_int_equal(jl_view_release_latest_for(&id, f->st, "omr", "A", &err), 0);
    assert_int_equal(jl_view_release_latest_for(&id, f->st, "omr", "Z", &err), JL_ENOTFOUND);
    assert_int_equal(jl_view_release_latest_for(&id, f->st, "city", "city", &err), 0);

    memset(&creq, 0, sizeof creq);
    creq.wave = "2024";
    creq.min_n = 3;
    creq.min_count = 1;
    assert_int_equal(jl_view_cells(&t, f->st, &creq, &err), 0);
    t.rules.no_group_disclosure = 1;
    assert_int_equal(jl_view_cells_from_release(&r, f->st, id, NULL, "omr", NULL, &err), 0);
    assert_string_equal(r.w.name, "2024");
    assert_int_equal(r.nareas, t.nareas);
    for (ai = -1; ai < (long)t.nareas; ai++)
        for (g = 0; g <= JL_NGRADES; g++)
            for (s = 0; s <= JL_NSEXES; s++)
                for (k = 0; k < t.in->nscales; k++)
                    for (q = 0; q < t.in->scales[k].ncut; q++) {
                        if (g < JL_NGRADES && !t.grade_present[g])
                            continue;
                        assert_int_equal(jl_cell_table_shown(&a, &t, ai, g, s, k, q, &err), 0);
                        assert_int_equal(jl_cell_table_shown(&b, &r, ai, g, s, k, q, &err), 0);
                        if (g == JL_NGRADES) {
                            same_shown(&a, &b);
                        } else {
                            /* not in the release: hidden, never a number */
                            assert_int_equal(b.status, JL_CELL_SUPPRESSED);
                            assert_int_equal(b.reason, JL_REASON_CONFIDENTIAL);
                            assert_true(isnan(b.pct) && isnan(b.ci_low));
                        }
                    }
    /* The previous wave from the same release, and the views over both. */
    assert_int_equal(jl_view_cells_from_release(&rp, f->st, id, "2023", "omr", NULL, &err), 0);
    assert_int_equal(jl_view_priorities(&pl, &r, &rp, "A", &err), 0);
    assert_true(pl.n > 0);
    jl_prio_list_dispose(&pl);
    jl_cell_table_dispose(&rp);
    assert_int_equal(jl_view_cells_from_release(&rp, f->st, id, "1999", "omr", NULL, &err) < 0,
                     1);
    jl_cell_table_dispose(&rp);
    jl_cell_table_dispose(&r);
    jl_cell_table_dispose(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(cells_count_by_hand, setup, teardown),
        cmocka_unit_test_setup_teardown(cells_by_grade, setup, teardown),
        cmocka_unit_test_setup_teardown(priorities_rank_and_change, setup, teardown),
        cmocka_unit_test_setup_teardown(waves_side_by_side, setup, teardown),
        cmocka_unit_test_setup_teardown(release_read_back, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
