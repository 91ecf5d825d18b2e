/*
 * jamlik audit: reads a release's exported files (and earlier releases of
 * the same waves), runs the independent audit (release/audit.h) and
 * prints one line per protected value whose range is too narrow, then a
 * summary. Exit 0 pass, 1 unsafe, 2 usage, 3 files unreadable or not
 * matching the manifest's hashes.
 */
#include "cli/commands.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/num.h"
#include "release/audit.h"
#include "release/export.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The exit status of files that cannot be read or were changed. */
#define EXIT_FILES 3

/* Takes every "--earlier DIR" (or --earlier=DIR) out of argv, which the
 * one-value option parser would refuse as repeated; *n of them in *dirs
 * (borrowed from argv; caller frees the array). */
static int take_earlier(const char ***dirs, size_t *n, int *argc, char **argv, jl_err *err)
{
    int i, o = 0;

    *dirs = jl_xmalloc(((size_t)*argc + 1) * sizeof **dirs);
    *n = 0;
    for (i = 0; i < *argc; i++) {
        if (!strcmp(argv[i], "--")) {
            while (i < *argc)
                argv[o++] = argv[i++];
            break;
        }
        if (!strncmp(argv[i], "--earlier=", 10) && argv[i][10]) {
            (*dirs)[(*n)++] = argv[i] + 10;
        } else if (!strcmp(argv[i], "--earlier")) {
            if (i + 1 >= *argc || !*argv[i + 1])
                return jl_err_set(err, JL_EUSAGE, _("option %s needs a value"), "--earlier");
            (*dirs)[(*n)++] = argv[++i];
        } else {
            argv[o++] = argv[i];
        }
    }
    *argc = o;
    return JL_OK;
}

static const char *status_word(jl_bound_status s)
{
    switch (s) {
    case JL_BOUND_OK:
        return "range";
    case JL_BOUND_TIMEOUT:
        return "timeout";
    case JL_BOUND_INFEASIBLE:
        return "inconsistent";
    case JL_BOUND_FAILED:
        break;
    }
    return "solver_failed";
}

static void fail_rows(jl_cli *cli, jl_release *const *rel, const jl_audit_result *res)
{
    static const char *const ids[] = {"file",  "line",  "division", "area",  "wave",
                                      "grade", "sex",   "scale",    "cutoff", "value",
                                      "low",   "high",  "problem"};
    const char *labels[] = {_("file"),  _("line"),  _("division"), _("area"),  _("wave"),
                            _("grade"), _("sex"),   _("scale"),    _("cut-off"), _("value"),
                            _("low"),   _("high"),  _("problem")};
    jl_out *o = jl_out_new(cli->out, cli->format, ids, labels, 13);
    size_t i;

    jl_out_align_right(o, 1);
    jl_out_align_right(o, 10);
    jl_out_align_right(o, 11);
    jl_out_meta(o, "verdict", res->pass ? "pass" : "unsafe");
    jl_out_meta_num(o, "checked", (double)res->nchecked);
    jl_out_meta_num(o, "failing", (double)res->nfail);
    jl_out_meta_num(o, "derived_groups", (double)res->nderived);
    for (i = 0; i < res->nfail; i++) {
        const jl_audit_item *it = &res->fail[i];
        int ok = it->b.status == JL_BOUND_OK;

        jl_out_str(o, it->line ? rel[it->release]->cells_path : "");
        if (it->line)
            jl_out_int(o, it->line);
        else
            jl_out_empty(o);
        jl_out_str(o, it->division);
        jl_out_str(o, it->area);
        jl_out_str(o, it->wave);
        jl_out_str(o, it->grade);
        jl_out_str(o, it->sex);
        jl_out_str(o, it->scale);
        jl_out_str(o, it->cutoff);
        jl_out_str(o, jl_audit_what_name(it->what));
        jl_out_num(o, ok ? it->b.lo : (double)NAN, 0);
        jl_out_num(o, ok && it->b.hi < JL_BOUND_INF ? it->b.hi : (double)NAN, 0);
        jl_out_str(o, status_word(it->b.status));
        jl_out_row_end(o);
    }
    jl_out_end(o);
}

static void summary(jl_cli *cli, const jl_audit_result *res, double prot)
{
    FILE *f = cli->format == JL_FMT_TABLE ? cli->out : stderr;
    char p[32];

    if (cli->format == JL_FMT_JSON)
        return;
    jl_fmt_fixed(p, sizeof p, prot, 0);
    if (res->pass)
        fprintf(f, _("Audit passed: %zu protected values checked (%zu derived groups), every "
                     "range at least %s.\n"),
                res->nchecked, res->nderived, p);
    else
        fprintf(f, _("Audit failed: %zu of %zu protected values (%zu derived groups) have a "
                     "range below %s or could not be bounded.\n"),
                res->nfail, res->nchecked, res->nderived, p);
}

/* Reads every folder; a file that cannot be read or was changed is
 * reported here with its own exit status. */
static int read_all(jl_release **rel, const char *const *dirs, size_t n, jl_err *err)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (jl_release_read(&rel[i], dirs[i], err) < 0) {
            char buf[1200];

            fprintf(stderr, "%s\n", jl_err_format(buf, sizeof buf, err));
            return EXIT_FILES;
        }
    return 0;
}

int cmd_audit(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_opt opts[] = {{"--protection", 1, NULL}, {"--time-limit", 1, NULL}};
    size_t nopts = sizeof opts / sizeof opts[0], npos, nearlier = 0, i;
    const char **earlier = NULL, **dirs = NULL, *s;
    char *pos[1];
    jl_release **rel = NULL;
    jl_audit_opts ao = {JL_AUDIT_PROTECTION, 0, 0};
    jl_audit_result res;
    double v;
    int rc;

    memset(&res, 0, sizeof res);
    rc = take_earlier(&earlier, &nearlier, &argc, argv, err);
    if (rc == 0)
        rc = jl_cli_parse(opts, nopts, pos, 1, &npos, argc, argv, err);
    if (rc == 0 && npos != 1)
        rc = jl_err_set(err, JL_EUSAGE, _("usage: jamlik audit DIR [--earlier DIR ...]"));
    s = rc == 0 ? jl_cli_opt(opts, nopts, "--protection") : NULL;
    if (s && (jl_parse_double(&v, s) < 0 || !(v >= 1 && v <= 1000)))
        rc = jl_err_set(err, JL_EUSAGE, _("expected --protection from 1 to 1000, found \"%s\""), s);
    else if (s)
        ao.protection = v;
    s = rc == 0 ? jl_cli_opt(opts, nopts, "--time-limit") : NULL;
    if (s && (jl_parse_double(&v, s) < 0 || !(v >= 0.1 && v <= 3600)))
        rc = jl_err_set(err, JL_EUSAGE,
                        _("expected --time-limit from 0.1 to 3600 seconds, found \"%s\""), s);
    else if (s)
        ao.time_limit_ms = (int)(v * 1000);
    if (rc < 0)
        goto done;
    dirs = jl_xmalloc((nearlier + 1) * sizeof *dirs);
    dirs[0] = pos[0];
    for (i = 0; i < nearlier; i++)
        dirs[i + 1] = earlier[i];
    rel = jl_xcalloc(nearlier + 1, sizeof *rel);
    rc = read_all(rel, dirs, nearlier + 1, err);
    if (rc != 0)
        goto done;
    rc = jl_audit_run(&res, rel, nearlier + 1, &ao, err);
    if (rc < 0) {
        char buf[1200];

        /* the files disagree with each other: as unreadable as a bad hash */
        fprintf(stderr, "%s\n", jl_err_format(buf, sizeof buf, err));
        rc = EXIT_FILES;
        goto done;
    }
    fail_rows(cli, rel, &res);
    summary(cli, &res, ao.protection);
    rc = res.pass ? 0 : 1;
done:
    jl_audit_dispose(&res);
    for (i = 0; rel && i <= nearlier; i++)
        jl_release_free(rel[i]);
    jl_free(rel);
    jl_free(dirs);
    jl_free(earlier);
    return rc;
}
