/*
 * release/export_write.c: a release written and read back is the same
 * release, field for field, and written twice is the same bytes.
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

#include <unistd.h>

#include "core/alloc.h"
#include "core/err.h"
#include "core/text.h"
#include "release/export.h"

static const char *base_x[] = {"101", "102"};

/* Two cells of one area and the city, one of them suppressed. */
static void make(jl_release *r, jl_rel_area *areas, jl_rel_cell *cells)
{
    memset(r, 0, sizeof *r);
    memset(areas, 0, 2 * sizeof *areas);
    memset(cells, 0, 2 * sizeof *cells);
    r->id = "7";
    r->title = "Test, \"quoted\"";
    r->created = "2026-12-05T00:00:00Z";
    r->min_n = 10;
    r->pct_decimals = -1;
    areas[0] = (jl_rel_area){"omr", "X", "Norra, \"gamla\"", "", "", "prim", base_x, 2, 0};
    areas[1] = (jl_rel_area){"city", "city", "", "", "", "prim", base_x, 2, 0};
    r->areas = areas;
    r->nareas = 2;
    cells[0] = (jl_rel_cell){"omr", "X", "2024", "T", "T", "S", "p75", 30, 29, 7,
                             100.0 * 7 / 29, 1e-7, 0, 0, 0, "risk", 1, 12.5, 43.25, 25,
                             100.0 * 7 / 29 - 25, "RISE, \"per konstruktion\"", "worse", "survey"};
    cells[1] = (jl_rel_cell){"city", "city", "2024", "T", "T", "S", "p90", -1, -1, -1, NAN, 0, 1,
                             JL_RREASON_MIN_COUNT, 0, "risk", 0, NAN, NAN, 10, NAN, "", "", "survey"};
    r->cells = cells;
    r->ncells = 2;
}

static void write_read(void **state)
{
    jl_release r, *back = NULL;
    jl_rel_area areas[2];
    jl_rel_cell cells[2];
    jl_rel_change ch = {2, 1, 3};
    jl_rel_wave w = {"2024", 1, 0, 2, &ch, 1};
    jl_rel_wave_meta wm = {"inst", 1, "file.csv"};
    const char *divs[] = {"omr"};
    jl_release_meta m = {&wm, divs, 1, NULL, 0, 1, 0, 0, 3, 1, 5, "linked_tables",
                         "{\"id\":\"inst\"}", "", "instrument"};
    char dir[] = "/tmp/jl-release-XXXXXX", d2[64], path[128];
    char *a = NULL, *b = NULL;
    size_t la, lb;
    jl_err err = JL_ERR_INIT;
    const char *names[] = {"manifest.json", "cells.csv", "areas.csv", "indicators.csv"};
    size_t i;

    (void)state;
    jl_rel_indicator ind[2] = {
        {"folk", "Folkmängd, \"alla\"", "personer", "omr", "101", "Norr", "2023", 1234.5, "ok",
         "area_overlay", "SCB"},
        {"folk", "Folkmängd, \"alla\"", "personer", "omr", "102", "", "2023", NAN, "suppressed",
         "", "SCB"}};

    make(&r, areas, cells);
    r.waves = &w;
    r.nwaves = 1;
    r.inds = ind;
    r.ninds = 2;
    assert_non_null(mkdtemp(dir));
    snprintf(d2, sizeof d2, "%s/again", dir);
    assert_int_equal(jl_release_write(&r, &m, dir, &err), 0);
    assert_int_equal(jl_release_write(&r, &m, d2, &err), 0);
    for (i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        assert_int_equal(jl_file_load(&a, &la, path, &err), 0);
        snprintf(path, sizeof path, "%s/%s", d2, names[i]);
        assert_int_equal(jl_file_load(&b, &lb, path, &err), 0);
        assert_int_equal(la, lb);
        assert_memory_equal(a, b, la);
        jl_free(a);
        jl_free(b);
    }
    if (jl_release_read(&back, dir, &err) < 0)
        fail_msg("%s", err.msg);
    assert_string_equal(back->id, "7");
    assert_string_equal(back->title, r.title);
    assert_int_equal(back->nwaves, 1);
    assert_int_equal(back->waves[0].sex_complete, 0);
    /* the correction that made revision 2: one added, three removed */
    assert_int_equal(back->waves[0].revision, 2);
    assert_int_equal(back->waves[0].nchanges, 1);
    assert_int_equal(back->waves[0].changes[0].revision, 2);
    assert_int_equal(back->waves[0].changes[0].added, 1);
    assert_int_equal(back->waves[0].changes[0].removed, 3);
    /* the indicator table, as it was (not audited) */
    assert_int_equal(back->ninds, 2);
    assert_string_equal(back->inds[0].name, ind[0].name);
    assert_true(back->inds[0].value == 1234.5);
    assert_string_equal(back->inds[0].estimated, "area_overlay");
    assert_true(isnan(back->inds[1].value));
    assert_string_equal(back->inds[1].status, "suppressed");
    assert_int_equal(back->nareas, 2);
    assert_string_equal(back->areas[0].name, areas[0].name);
    assert_int_equal(back->areas[0].nbase, 2);
    assert_string_equal(back->areas[0].base[1], "102");
    assert_int_equal(back->ncells, 2);
    assert_int_equal(back->cells[0].n, 30);
    assert_int_equal(back->cells[0].k, 7);
    assert_true(back->cells[0].pct == cells[0].pct); /* shortest digits read back exactly */
    assert_true(back->cells[0].diff == cells[0].diff);
    assert_true(back->cells[0].ci_high == 43.25);
    assert_string_equal(back->cells[0].norm_source, cells[0].norm_source);
    assert_string_equal(back->cells[0].flag, "worse");
    assert_int_equal(back->cells[0].headline, 1);
    assert_true(back->cells[1].suppressed);
    /* the export never names the rule (a count of 1 or 2 here) */
    assert_int_equal(back->cells[1].reason, JL_RREASON_CONFIDENTIAL);
    assert_false(back->rule_codes);
    assert_int_equal(back->cells[1].n, -1);
    assert_true(isnan(back->cells[1].pct));
    assert_true(back->cells[1].norm_pct == 10);
    jl_release_free(back);
    for (i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", d2, names[i]);
        unlink(path);
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(d2);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(write_read)};

    return cmocka_run_group_tests(tests, NULL, NULL);
}
