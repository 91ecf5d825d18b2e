#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "view/release.h"
#include "core/alloc.h"
#include "core/text.h"
#include "store/store.h"
#include "survey/wave.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *p;
    long n;

    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    p = jl_xmalloc((size_t)n + 1);
    assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    p[n] = '\0'; /* stored as text, and read back as such */
    *len = (size_t)n;
    return p;
}

static jl_instrument *rise(void)
{
    char *text;
    size_t len;
    jl_diag d;
    jl_instrument *in = NULL;

    text = slurp(JL_SRCDIR "/data/instruments/stockholmsenkaten-rise.instrument", &len);
    jl_diag_init(&d, "rise");
    assert_int_equal(jl_instrument_parse(&in, text, len, &d), JL_OK);
    jl_diag_dispose(&d);
    jl_free(text);
    return in;
}

/* A failed import must leave the database file byte-identical: arm the
 * faulty VFS to fail the 1st, 2nd, ... write of an import until the
 * import gets through, and compare the file after every failure. */
static void store_failed_import_leaves_file_identical(void **state)
{
    char dir[] = "/tmp/jl-store-XXXXXX", path[256];
    jl_store *st = NULL;
    jl_err err = JL_ERR_INIT;
    jl_instrument *in = rise();
    char *before, *after, *text;
    size_t blen, alen, tlen;
    long n;
    int failures = 0, ok = 0;
    jl_import_opts o;
    jl_import_report rep;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/db", dir);
    assert_int_equal(jl_store_open(&st, path, JL_STORE_CREATE, NULL, &err), JL_OK);
    text = slurp(JL_SRCDIR "/data/instruments/stockholmsenkaten-rise.instrument", &tlen);
    assert_int_equal(jl_store_instrument_put(st, in->id, in->name, text, &err), JL_OK);
    jl_free(text);
    jl_store_close(st);
    before = slurp(path, &blen);
    assert_int_equal(jl_faulty_register(), 0);
    memset(&o, 0, sizeof o);
    o.path = JL_SRCDIR "/tests/fixtures/rise-small.csv";
    o.instrument = in->id;
    o.wave = "2024";
    o.areas = "primaromrade,mellanomrade";
    for (n = 1; n < 500 && !ok; n++) {
        int rc;

        st = NULL;
        jl_err_clear(&err);
        jl_faulty_arm(0);
        assert_int_equal(jl_store_open(&st, path, JL_STORE_RW, "jl-faulty", &err), JL_OK);
        jl_faulty_arm(n);
        rc = jl_wave_import(&rep, st, in, &o, &err);
        jl_faulty_arm(0);
        jl_store_close(st);
        if (rc == JL_OK) {
            ok = 1;
            break;
        }
        assert_int_equal(rc, JL_ESTORE);
        failures++;
        after = slurp(path, &alen);
        assert_int_equal(alen, blen);
        assert_memory_equal(after, before, blen);
        jl_free(after);
    }
    assert_true(ok);
    assert_true(failures >= 2);
    /* and the successful import did change the file */
    after = slurp(path, &alen);
    assert_true(alen != blen || memcmp(after, before, blen) != 0);
    assert_int_equal(rep.n_imported, 60);
    jl_free(after);
    jl_free(before);
    jl_instrument_free(in);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    assert_int_equal(system(path), 0);
}

/* Observations of an indicator nobody defined are refused by the store
 * itself (migration 006 took the foreign key away). */
static void store_refuses_undefined_indicator(void **state)
{
    char dir[] = "/tmp/jl-store-XXXXXX", path[256];
    jl_store *st = NULL;
    jl_err err = JL_ERR_INIT;
    jl_store_indicator d;
    jl_store_obs ob[2];

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/db", dir);
    assert_int_equal(jl_store_open(&st, path, JL_STORE_CREATE, NULL, &err), JL_OK);
    assert_true(jl_store_schema_version(st) >= 6);
    memset(&d, 0, sizeof d);
    d.id = "folk";
    d.name = "Folkmängd";
    d.unit = "personer";
    d.kind = "count";
    d.better = "none";
    d.source = "test";
    memset(ob, 0, sizeof ob);
    ob[0].indicator = "folk";
    ob[1].indicator = "nosuch";
    ob[0].division = ob[1].division = "d";
    ob[0].area = ob[1].area = "A";
    ob[0].period = ob[1].period = "2024";
    ob[0].sex = ob[1].sex = "T";
    ob[0].value = ob[1].value = 1;
    ob[0].status = ob[1].status = "ok";
    ob[0].source = ob[1].source = "f.csv";
    assert_int_equal(jl_store_begin(st, &err), JL_OK);
    assert_int_equal(jl_store_indicator_put(st, &d, &err), JL_OK);
    assert_int_equal(jl_store_observations_put(st, ob, 1, &err), JL_OK);
    assert_int_equal(jl_store_observations_put(st, ob, 2, &err), JL_EINPUT);
    assert_non_null(strstr(err.msg, "nosuch"));
    jl_store_rollback(st);
    jl_store_close(st);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    assert_int_equal(system(path), 0);
}

/* init on a disk that fills up at the Nth write leaves no file behind
 * (nor SQLite's side files); the first N that succeeds leaves a whole,
 * current database. */
static void store_failed_init_leaves_nothing(void **state)
{
    char dir[] = "/tmp/jl-store-XXXXXX", path[256], side[300];
    jl_err err = JL_ERR_INIT;
    struct stat sb;
    int n, failures = 0, ok = 0;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/db", dir);
    assert_int_equal(jl_faulty_register(), 0);
    for (n = 1; n < 200 && !ok; n++) {
        jl_store *st = NULL;
        int rc;

        jl_err_clear(&err);
        jl_faulty_arm(n);
        rc = jl_store_open(&st, path, JL_STORE_CREATE, "jl-faulty", &err);
        jl_faulty_arm(0);
        if (rc == JL_OK) {
            assert_int_equal(jl_store_schema_version(st), 12);
            jl_store_close(st);
            ok = 1;
            break;
        }
        failures++;
        assert_int_not_equal(stat(path, &sb), 0);
        snprintf(side, sizeof side, "%s-wal", path);
        assert_int_not_equal(stat(side, &sb), 0);
        snprintf(side, sizeof side, "%s-journal", path);
        assert_int_not_equal(stat(side, &sb), 0);
    }
    assert_true(ok);
    assert_true(failures >= 3);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    assert_int_equal(system(path), 0);
}

/* Saving a release on a disk that fails at the Nth write leaves the
 * database byte-identical; the first N that succeeds stores it whole and
 * it reads back with every cell. */
static void store_failed_release_leaves_file_identical(void **state)
{
    char dir[] = "/tmp/jl-store-XXXXXX", path[256], *text, *before, *after;
    const char *waves[] = {"2024"}, *divs[] = {"mellanomrade"};
    jl_store *st = NULL;
    jl_err err = JL_ERR_INIT;
    jl_instrument *in = rise();
    jl_import_opts o;
    jl_import_report rep;
    jl_view_release_req req;
    jl_view_release v, back;
    size_t blen, alen, tlen, ncells = 0;
    long n;
    int failures = 0, ok = 0;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/db", dir);
    assert_int_equal(jl_store_open(&st, path, JL_STORE_CREATE, NULL, &err), JL_OK);
    text = slurp(JL_SRCDIR "/data/instruments/stockholmsenkaten-rise.instrument", &tlen);
    assert_int_equal(jl_store_instrument_put(st, in->id, in->name, text, &err), JL_OK);
    jl_free(text);
    memset(&o, 0, sizeof o);
    o.path = JL_SRCDIR "/tests/fixtures/rise-small.csv";
    o.instrument = in->id;
    o.wave = "2024";
    o.areas = "primaromrade,mellanomrade";
    assert_int_equal(jl_wave_import(&rep, st, in, &o, &err), JL_OK);
    jl_store_close(st);
    before = slurp(path, &blen);
    assert_int_equal(jl_faulty_register(), 0);
    memset(&req, 0, sizeof req);
    req.waves = waves;
    req.nwaves = 1;
    req.divisions = divs;
    req.ndivisions = 1;
    for (n = 1; n < 500 && !ok; n++) {
        int rc;

        st = NULL;
        jl_err_clear(&err);
        jl_faulty_arm(0);
        assert_int_equal(jl_store_open(&st, path, JL_STORE_RW, "jl-faulty", &err), JL_OK);
        if (jl_view_release_build(&v, st, &req, NULL, &err) != JL_OK)
            fail_msg("%s", err.msg);
        ncells = v.r->ncells;
        jl_faulty_arm(n);
        rc = jl_view_release_save(&v, st, &err);
        jl_faulty_arm(0);
        jl_view_release_dispose(&v);
        if (rc == JL_OK) {
            assert_int_equal(jl_view_release_load(&back, st, 1, &err), JL_OK);
            assert_int_equal(back.r->ncells, ncells);
            assert_string_equal(back.r->cells[0].division, "mellanomrade");
            jl_view_release_dispose(&back);
            jl_store_close(st);
            ok = 1;
            break;
        }
        jl_store_close(st);
        assert_int_equal(rc, JL_ESTORE);
        failures++;
        after = slurp(path, &alen);
        assert_int_equal(alen, blen);
        assert_memory_equal(after, before, blen);
        jl_free(after);
    }
    assert_true(ok);
    assert_true(failures >= 2);
    assert_int_equal(ncells, 28);
    jl_free(before);
    jl_instrument_free(in);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    assert_int_equal(system(path), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(store_failed_init_leaves_nothing),
        cmocka_unit_test(store_failed_release_leaves_file_identical),
        cmocka_unit_test(store_failed_import_leaves_file_identical),
        cmocka_unit_test(store_refuses_undefined_indicator),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
