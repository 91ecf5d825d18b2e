/*
 * make bench, protection of a release: reads a RAW release export (every
 * cell published with its true counts, as bench/city-release.py --raw
 * writes it), runs jl_release_protect on it (primary rules, secondary
 * suppression, the audit) with the earlier releases given, and prints
 * each step's wall time, the cells, the suppressions by rule, the share
 * of respondents in hidden cells and the audit's verdict. A bench and
 * test program, not a user command.
 *
 *   jamlik-bench-protect [--no-secondary] [--statuses FILE] DIR [--earlier DIR ...]
 *
 * --statuses writes one line per cell (its key, status and reason) for
 * comparing two runs. Exit 0 when the audit passed, 1 when it failed,
 * 2 on usage or unreadable files.
 */
#include "core/alloc.h"
#include "release/protect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int statuses(const char *path, const jl_release *r)
{
    FILE *f = fopen(path, "w");
    size_t i;

    if (!f) {
        perror(path);
        return -1;
    }
    for (i = 0; i < r->ncells; i++) {
        const jl_rel_cell *c = &r->cells[i];

        fprintf(f, "%s,%s,%s,%s,%s,%s,%s,%s,%s\n", c->division, c->area, c->wave, c->grade,
                c->sex, c->scale, c->cutoff, c->suppressed ? "suppressed" : "ok",
                jl_rreason_code(c->reason));
    }
    return fclose(f);
}

int main(int argc, char **argv)
{
    jl_release *r = NULL, **earlier = jl_xcalloc((size_t)argc, sizeof *earlier);
    jl_protect_opts o;
    jl_protect_stats st;
    jl_audit_result res;
    jl_err err = JL_ERR_INIT;
    const char *dir = NULL, *out = NULL;
    size_t ne = 0, i;
    double t0, t1, t2;
    int a, rc = 2, in_earlier = 0;
    char buf[1200];

    memset(&o, 0, sizeof o);
    for (a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "--no-secondary"))
            o.no_secondary = 1;
        else if (!strcmp(argv[a], "--statuses") && a + 1 < argc)
            out = argv[++a];
        else if (!strcmp(argv[a], "--earlier"))
            in_earlier = 1;
        else if (in_earlier) {
            if (jl_release_read(&earlier[ne], argv[a], &err) < 0)
                goto fail;
            ne++;
        } else if (!dir)
            dir = argv[a];
        else
            dir = NULL, a = argc;
    }
    if (!dir) {
        fprintf(stderr, "usage: jamlik-bench-protect [--no-secondary] [--statuses FILE] DIR "
                        "[--earlier DIR ...]\n");
        goto done;
    }
    t0 = now();
    if (jl_release_read(&r, dir, &err) < 0)
        goto fail;
    t1 = now();
    if (jl_release_protect(r, earlier, ne, &o, &st, &res, &err) < 0)
        goto fail;
    t2 = now();
    printf("  read %.2f s, protect %.2f s (structural %.2f s, %zu audit%s %.2f s)\n", t1 - t0,
           t2 - t1, st.secs_structural, st.rounds, st.rounds == 1 ? "" : "s", st.secs_audit);
    printf("  %zu cells: %zu published; primary %zu (small_group %zu, min_count %zu, "
           "group_disclosure %zu), secondary %zu\n",
           st.ncells, st.npublished,
           st.nreason[JL_RREASON_SMALL_GROUP] + st.nreason[JL_RREASON_MIN_COUNT] +
               st.nreason[JL_RREASON_GROUP_DISCLOSURE],
           st.nreason[JL_RREASON_SMALL_GROUP], st.nreason[JL_RREASON_MIN_COUNT],
           st.nreason[JL_RREASON_GROUP_DISCLOSURE], st.nreason[JL_RREASON_SECONDARY]);
    printf("  respondents in hidden cells: %.1f %% (%ld of %ld, n_scored summed over cells)\n",
           st.respondents ? 100.0 * (double)st.hidden / (double)st.respondents : 0.0, st.hidden,
           st.respondents);
    printf("  audit: %s, %zu protected values checked, %zu failing, %zu derived groups\n",
           res.pass ? "passed" : "FAILED", res.nchecked, res.nfail, res.nderived);
    rc = res.pass ? 0 : 1;
    jl_audit_dispose(&res);
    if (out && statuses(out, r) < 0)
        rc = 2;
    goto done;
fail:
    fprintf(stderr, "jamlik-bench-protect: %s\n", jl_err_format(buf, sizeof buf, &err));
    rc = 2;
done:
    jl_release_free(r);
    for (i = 0; i < ne; i++)
        jl_release_free(earlier[i]);
    jl_free(earlier);
    return rc;
}
