/*
 * jamlik release create, list, show, withdraw, export (over view/release.h)
 * and jamlik audit: reads a release's exported files (and earlier releases of
 * the same waves), runs the independent audit (release/audit.h) and
 * prints one line per protected value whose range is too narrow, then a
 * summary. Exit 0 pass, 1 unsafe, 2 usage, 3 files unreadable or not
 * matching the manifest's hashes.
 */
#include "cli/bar.h"
#include "cli/commands.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/num.h"
#include "release/audit.h"
#include "release/export.h"
#include "release/suppress.h"
#include "view/release.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The exit status of files that cannot be read or were changed. */
#define EXIT_FILES 3

/* Takes every "--NAME VALUE" (or --NAME=VALUE) out of argv, which the
 * one-value option parser would refuse as repeated; *n of them in *vals
 * (borrowed from argv; caller frees the array). */
static int take_all(const char ***vals, size_t *n, const char *name, int *argc, char **argv,
                    jl_err *err)
{
    size_t len = strlen(name);
    int i, o = 0;

    *vals = jl_xmalloc(((size_t)*argc + 1) * sizeof **vals);
    *n = 0;
    for (i = 0; i < *argc; i++) {
        if (!strcmp(argv[i], "--")) {
            while (i < *argc)
                argv[o++] = argv[i++];
            break;
        }
        if (!strncmp(argv[i], name, len) && argv[i][len] == '=' && argv[i][len + 1]) {
            (*vals)[(*n)++] = argv[i] + len + 1;
        } else if (!strcmp(argv[i], name)) {
            /* "--indicator --min-n 5" forgot the value: no option is one */
            if (i + 1 >= *argc || !*argv[i + 1] || !strncmp(argv[i + 1], "--", 2))
                return jl_err_set(err, JL_EUSAGE, _("option %s needs a value"), name);
            (*vals)[(*n)++] = argv[++i];
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

/* One value's row: where it is, its bounds (empty where the solve did not
 * give them), and the problem's code. */
static void fail_row(jl_out *o, jl_release *const *rel, const jl_audit_item *it,
                     const char *problem)
{
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
    jl_out_str(o, jl_audit_value_code(it));
    jl_out_num(o, ok ? it->b.lo : (double)NAN, 0);
    jl_out_num(o, ok && it->b.hi < JL_BOUND_INF ? it->b.hi : (double)NAN, 0);
    jl_out_str(o, problem);
    jl_out_row_end(o);
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
    jl_out_meta_num(o, "corrected_parts", (double)res->nchange);
    for (i = 0; i < res->nfail; i++)
        fail_row(o, rel, &res->fail[i], status_word(res->fail[i].b.status));
    /* given away by the earlier releases alone, no narrower now */
    for (i = 0; i < res->ninherited; i++)
        fail_row(o, rel, &res->inherit[i], "earlier");
    jl_out_end(o);
}

static void summary(jl_cli *cli, const jl_audit_result *res, double prot)
{
    FILE *f = cli->format == JL_FMT_TABLE ? cli->out : stderr;
    char p[32];

    if (cli->format == JL_FMT_JSON)
        return;
    jl_fmt_fixed(p, sizeof p, prot, 0);
    if (res->pass && res->ninherited)
        fprintf(f, _("Audit passed: %zu protected values checked (%zu derived groups), every "
                     "range at least %s or no narrower than the earlier releases alone left "
                     "it.\n"),
                res->nchecked, res->nderived, p);
    else if (res->pass)
        fprintf(f, _("Audit passed: %zu protected values checked (%zu derived groups), every "
                     "range at least %s.\n"),
                res->nchecked, res->nderived, p);
    else
        fprintf(f, _("Audit failed: %zu of %zu protected values (%zu derived groups) have a "
                     "range below %s or could not be bounded.\n"),
                res->nfail, res->nchecked, res->nderived, p);
    if (res->ninherited)
        fprintf(f, _("%zu of the values (problem \"earlier\") were already narrower than %s in "
                     "the earlier releases alone, which gave them away; this release narrows "
                     "none of them further.\n"),
                res->ninherited, p);
    if (res->nchange)
        fprintf(f, _("%zu of the values are what a correction of a wave added or removed, "
                     "or counts that differ from published ones only by that: each needs a "
                     "range of %s, or of as many as the correction may have changed where that "
                     "is fewer (one person: 0 to 1).\n"),
                res->nchange, p);
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
    jl_audit_opts ao;
    jl_audit_result res, base;
    double v;
    int rc;

    memset(&ao, 0, sizeof ao);
    ao.protection = JL_AUDIT_PROTECTION;
    memset(&res, 0, sizeof res);
    memset(&base, 0, sizeof base);
    rc = take_all(&earlier, &nearlier, "--earlier", &argc, argv, err);
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
    /* what the earlier releases alone already give away is not this
     * release's doing, as long as it narrows none of it further */
    if (nearlier > 0) {
        rc = jl_audit_baseline(&base, rel + 1, nearlier, &ao, err);
        ao.baseline = &base;
    }
    if (rc == 0)
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
    jl_audit_dispose(&base);
    for (i = 0; rel && i <= nearlier; i++)
        jl_release_free(rel[i]);
    jl_free(rel);
    jl_free(dirs);
    jl_free(earlier);
    return rc;
}

/* ---- release create, list, show, withdraw, export ---- */

/* The words of a reason code, for people; the code itself for files. */
static const char *reason_word(const jl_cli *cli, jl_rreason r)
{
    static const char *const words[] = {"", N_("too few answers"),
                                        N_("too few with or without the answer"),
                                        N_("everyone in the group answered alike"),
                                        N_("hidden to protect other cells")};

    if (!jl_format_for_people(cli->format))
        return jl_rreason_code(r);
    return r == JL_RREASON_NONE ? "" : _(words[r]);
}

/* Splits a,b,c in place into at most max names. */
static int split_list(const char **out, size_t *n, size_t max, char *list, const char *opt,
                      jl_err *err)
{
    char *p = list, *comma;

    *n = 0;
    for (;;) {
        comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (!*p || *n == max)
            return jl_err_set(err, JL_EUSAGE, _("expected %s NAME[,NAME...] (at most %zu)"), opt,
                              max);
        out[(*n)++] = p;
        if (!comma)
            return JL_OK;
        p = comma + 1;
    }
}

static int parse_rules(jl_protect_opts *po, const jl_opt *opts, size_t nopts, jl_err *err)
{
    const char *s;
    unsigned long min_n;
    long v;
    double d;
    int rc = jl_release_min_n_parse(&min_n, jl_cli_opt(opts, nopts, "--min-n"), err);

    if (rc < 0)
        return rc;
    po->min_n = (long)min_n;
    s = jl_cli_opt(opts, nopts, "--min-count");
    if (s && (jl_parse_long(&v, s) < 0 || v < 1 || v > 100))
        return jl_err_set(err, JL_EUSAGE, _("expected --min-count from 1 to 100, found \"%s\""),
                          s);
    po->min_count = s ? v : JL_RELEASE_MIN_COUNT;
    s = jl_cli_opt(opts, nopts, "--protection");
    if (s && (jl_parse_double(&d, s) < 0 || !(d >= 1 && d <= 1000)))
        return jl_err_set(err, JL_EUSAGE, _("expected --protection from 1 to 1000, found \"%s\""),
                          s);
    po->audit.protection = s ? d : JL_AUDIT_PROTECTION;
    return JL_OK;
}

static int parse_create(jl_view_release_req *req, const jl_opt *opts, size_t nopts, char *waves,
                        const char **wv, jl_err *err)
{
    const char *by = jl_cli_opt(opts, nopts, "--by"), *norm = jl_cli_opt(opts, nopts, "--norm");
    int rc;

    if (!waves || req->ndivisions == 0)
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik release create --wave W[,W...] --division D "
                            "[--division D ...]"));
    rc = split_list(wv, &req->nwaves, JL_MAX_WAVES_COMPARED, waves, "--wave", err);
    if (rc < 0)
        return rc;
    req->waves = wv;
    if (by && !strcmp(by, "grade"))
        req->by_grade = 1;
    else if (by && !strcmp(by, "sex"))
        req->by_sex = 1;
    else if (by && (!strcmp(by, "grade,sex") || !strcmp(by, "sex,grade")))
        req->by_grade = req->by_sex = 1;
    else if (by)
        return jl_err_set(err, JL_EUSAGE, _("expected --by grade, sex or grade,sex, found \"%s\""),
                          by);
    if (norm && strcmp(norm, "instrument") && strcmp(norm, "city"))
        return jl_err_set(err, JL_EUSAGE, _("expected --norm instrument or city, found \"%s\""),
                          norm);
    req->norm_city = norm && !strcmp(norm, "city");
    req->instrument = jl_cli_opt(opts, nopts, "--instrument");
    req->title = jl_cli_opt(opts, nopts, "--title");
    return JL_OK;
}

/* What the release published and hid, for people or as one row. */
static void create_report(jl_cli *cli, const jl_view_release *v, const jl_protect_stats *s,
                          const jl_audit_result *a);

void jl_cli_release_report(jl_cli *cli, const jl_view_release *v, const jl_protect_stats *s,
                           const jl_audit_result *a, double protection)
{
    create_report(cli, v, s, a);
    summary(cli, a, protection);
}

static void create_report(jl_cli *cli, const jl_view_release *v, const jl_protect_stats *s,
                          const jl_audit_result *a)
{
    static const char *const ids[] = {"release", "cells", "published", "small_group",
                                      "min_count", "group_disclosure", "secondary",
                                      "hidden_share", "verdict"};
    double share = s->respondents ? 100.0 * (double)s->hidden / (double)s->respondents : 0;
    char p[32];
    size_t i;

    if (cli->format == JL_FMT_TABLE) {
        if (v->id)
            fprintf(cli->out, _("Release %ld: %s\n"), v->id, v->r->title);
        else
            fprintf(cli->out, _("Release refused: %s\n"), v->r->title);
        fprintf(cli->out, _("%zu cells: %zu published, %zu hidden.\n"), s->ncells,
                s->npublished, s->ncells - s->npublished);
        for (i = 1; i < 5; i++)
            fprintf(cli->out, "  %s: %zu\n", reason_word(cli, (jl_rreason)i), s->nreason[i]);
        fprintf(cli->out,
                _("Respondents in hidden cells: %s %% (scored respondents summed over the "
                  "cells).\n"),
                jl_fmt_fixed(p, sizeof p, share, 1));
        return;
    }
    {
        jl_out *o = jl_cli_out(cli, ids, ids, 9);

        if (v->id)
            jl_out_int(o, v->id);
        else
            jl_out_empty(o);
        jl_out_int(o, (long)s->ncells);
        jl_out_int(o, (long)s->npublished);
        for (i = 1; i < 5; i++)
            jl_out_int(o, (long)s->nreason[i]);
        jl_out_num(o, share, 1);
        jl_out_str(o, a->pass ? "pass" : "unsafe");
        jl_out_row_end(o);
        jl_out_end(o);
    }
}

int cmd_release_create(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_opt opts[] = {{"--wave", 1, NULL},      {"--instrument", 1, NULL}, {"--by", 1, NULL},
                     {"--norm", 1, NULL},      {"--title", 1, NULL},      {"--min-n", 1, NULL},
                     {"--min-count", 1, NULL}, {"--protection", 1, NULL}};
    size_t nopts = sizeof opts / sizeof opts[0], npos, i;
    const char *wv[JL_MAX_WAVES_COMPARED], **divs = NULL, **groups = NULL, **inds = NULL;
    char *waves = NULL;
    jl_view_release_req req;
    jl_view_release v;
    jl_protect_opts po;
    jl_protect_stats stats;
    jl_audit_result audit;
    jl_progress prog;
    jl_cli_bar bar;
    int rc;

    memset(&req, 0, sizeof req);
    memset(&v, 0, sizeof v);
    memset(&po, 0, sizeof po);
    memset(&audit, 0, sizeof audit);
    rc = take_all(&divs, &req.ndivisions, "--division", &argc, argv, err);
    if (rc == 0)
        rc = take_all(&groups, &req.ngroups, "--group", &argc, argv, err);
    if (rc == 0)
        rc = take_all(&inds, &req.nindicators, "--indicator", &argc, argv, err);
    if (rc == 0)
        rc = jl_cli_parse(opts, nopts, NULL, 0, &npos, argc, argv, err);
    for (i = 0; rc == 0 && i < req.ndivisions; i++)
        rc = jl_cli_division_id(divs[i], "--division", err);
    if (rc == 0) {
        waves = jl_cli_opt(opts, nopts, "--wave") ? jl_xstrdup(jl_cli_opt(opts, nopts, "--wave"))
                                                  : NULL;
        req.divisions = divs;
        req.groups = groups;
        req.indicators = inds;
        rc = parse_create(&req, opts, nopts, waves, wv, err);
    }
    if (rc == 0)
        rc = parse_rules(&po, opts, nopts, err);
    if (rc < 0)
        goto done;
    po.progress = jl_cli_protect_bar;
    po.ctx = (void *)jl_cli_progress(&prog, &bar, cli->quiet);
    if (!po.ctx)
        po.progress = NULL;
    rc = jl_view_release_create(&v, cli->store, &req, &po, &stats, &audit, err);
    if (rc < 0)
        goto done;
    if (!audit.pass) {
        jl_release **rel = jl_xmalloc((v.nearlier + 1) * sizeof *rel);

        rel[0] = v.r;
        for (i = 0; i < v.nearlier; i++)
            rel[i + 1] = v.earlier[i];
        fail_rows(cli, rel, &audit);
        jl_free(rel);
    }
    /* A refusal's CSV or JSON is the failing values alone, as audit
     * writes them: one table per output. */
    if (audit.pass || cli->format == JL_FMT_TABLE)
        create_report(cli, &v, &stats, &audit);
    summary(cli, &audit, po.audit.protection);
    if (!audit.pass)
        fprintf(stderr, _("Nothing was stored: the audit found values an attacker could narrow "
                          "down, so the release would not be safe to publish.\n"));
    rc = audit.pass ? 0 : 1;
done:
    jl_audit_dispose(&audit);
    jl_view_release_dispose(&v);
    jl_free(waves);
    jl_free(divs);
    jl_free(groups);
    jl_free(inds);
    return rc;
}

/* A release id from the command line. */
static int parse_id(long *id, const char *s, jl_err *err)
{
    if (jl_parse_long(id, s) < 0 || *id < 1 || strchr(s, ',') || strchr(s, '.'))
        return jl_err_set(err, JL_EUSAGE, _("expected a release number, found \"%s\""), s);
    return JL_OK;
}

typedef struct list_ctx {
    jl_cli *cli;
    jl_out *o;
    jl_buf b;
    int rc;
    jl_err *err;
} list_ctx;

static void list_wave(void *ctx, const jl_store_rel_wave *w)
{
    list_ctx *l = ctx;

    jl_buf_printf(&l->b, "%s%s", l->b.len ? ", " : "", w->name);
}

static void list_text(void *ctx, const char *s)
{
    list_ctx *l = ctx;

    jl_buf_printf(&l->b, "%s%s", l->b.len ? ", " : "", s);
}

static void list_group(void *ctx, const jl_store_rel_group *g)
{
    list_text(ctx, g->name);
}

static void list_row(void *ctx, const jl_store_release *r)
{
    list_ctx *l = ctx;

    if (l->rc < 0)
        return;
    jl_out_int(l->o, r->id);
    jl_out_str(l->o, r->title);
    jl_out_str(l->o, r->created);
    jl_buf_reset(&l->b);
    l->rc = jl_store_release_waves(l->cli->store, r->id, list_wave, l, l->err);
    jl_out_str(l->o, jl_buf_str(&l->b));
    jl_buf_reset(&l->b);
    if (l->rc == 0)
        l->rc = jl_store_release_divisions(l->cli->store, r->id, list_text, l, l->err);
    if (l->rc == 0)
        l->rc = jl_store_release_groups(l->cli->store, r->id, list_group, l, l->err);
    jl_out_str(l->o, jl_buf_str(&l->b));
    jl_out_int(l->o, r->ncells - r->nsuppressed);
    jl_out_int(l->o, r->nsuppressed);
    jl_out_str(l->o, r->withdrawn);
    jl_out_row_end(l->o);
}

int cmd_release_list(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"release", "title", "created", "waves", "divisions",
                                      "published", "hidden", "withdrawn"};
    const char *labels[] = {_("release"),   _("title"),     _("created"), _("waves"),
                            _("divisions"), _("published"), _("hidden"),  _("withdrawn")};
    list_ctx l;
    size_t npos;
    int rc = jl_cli_parse(NULL, 0, NULL, 0, &npos, argc, argv, err);

    if (rc < 0)
        return rc;
    memset(&l, 0, sizeof l);
    l.cli = cli;
    l.err = err;
    jl_buf_init(&l.b, cli->arena, 1 << 20);
    l.o = jl_cli_out(cli, ids, labels, 8);
    jl_out_align_right(l.o, 0);
    jl_out_align_right(l.o, 5);
    jl_out_align_right(l.o, 6);
    rc = jl_store_release_list(cli->store, list_row, &l, err);
    jl_out_end(l.o);
    return rc < 0 ? rc : l.rc;
}

static void show_kv(jl_out *o, const jl_cli *cli, const char *id, const char *label,
                    const char *value)
{
    jl_out_str(o, jl_format_for_people(cli->format) ? label : id);
    jl_out_str(o, value);
    jl_out_row_end(o);
}

static void show_num(jl_out *o, const jl_cli *cli, const char *id, const char *label, double v)
{
    char t[40];

    show_kv(o, cli, id, label,
            jl_format_for_people(cli->format) ? jl_fmt_fixed(t, sizeof t, v, v == floor(v) ? 0 : 1)
                                              : jl_fmt_exact(t, sizeof t, v));
}

/* The parameters and counts of a release, one line each. */
static void show_params(jl_cli *cli, const jl_view_release *v)
{
    static const char *const ids[] = {"field", "value"};
    const char *labels[] = {_("field"), _("value")};
    const jl_release *r = v->r;
    const jl_release_meta *m = &v->meta;
    jl_out *o = jl_cli_out(cli, ids, labels, 2);
    jl_buf b;
    size_t i, n[JL_RREASON_COUNT] = {0}, pub = 0;

    jl_buf_init(&b, cli->arena, 1 << 20);
    show_kv(o, cli, "release", _("release"), r->id);
    show_kv(o, cli, "title", _("title"), r->title);
    show_kv(o, cli, "created", _("created"), r->created);
    show_kv(o, cli, "withdrawn", _("withdrawn"), m->withdrawn);
    for (i = 0; i < r->nwaves; i++)
        jl_buf_printf(&b, "%s%s (%s %ld)", i ? ", " : "", r->waves[i].name,
                      jl_cli_word(cli, N_("revision")), r->waves[i].revision);
    show_kv(o, cli, "waves", _("waves"), jl_buf_str(&b));
    show_kv(o, cli, "instrument", _("instrument"), r->nwaves ? m->waves[0].instrument : "");
    show_kv(o, cli, "cutoffs", _("cut-offs"), m->cutset);
    jl_buf_reset(&b);
    for (i = 0; i < m->ndivisions; i++)
        jl_buf_printf(&b, "%s%s", i ? ", " : "", m->divisions[i]);
    show_kv(o, cli, "divisions", _("divisions"), jl_buf_str(&b));
    jl_buf_reset(&b);
    for (i = 0; i < m->ngroups; i++)
        jl_buf_printf(&b, "%s%s", i ? ", " : "", m->groups[i].name);
    show_kv(o, cli, "groups", _("groups"), jl_buf_str(&b));
    /* the indicator tables included (not audited), with their rows */
    jl_buf_reset(&b);
    for (i = 0; i < r->ninds; i++) {
        size_t j, rows = 0;

        for (j = 0; j < i && strcmp(r->inds[j].indicator, r->inds[i].indicator); j++)
            ;
        if (j < i)
            continue;
        for (j = i; j < r->ninds; j++)
            rows += !strcmp(r->inds[j].indicator, r->inds[i].indicator);
        jl_buf_printf(&b, "%s%s (%zu)", jl_buf_str(&b)[0] ? ", " : "", r->inds[i].indicator, rows);
    }
    show_kv(o, cli, "indicators", _("indicator tables (rows)"), jl_buf_str(&b));
    show_kv(o, cli, "by", _("by"),
            m->by_grade && m->by_sex ? "grade,sex" : m->by_grade ? "grade" : m->by_sex ? "sex" : "");
    show_kv(o, cli, "norm", _("norm"), m->norm_city ? "city" : "instrument");
    show_num(o, cli, "min_n", _("fewest scored respondents shown"), (double)r->min_n);
    show_num(o, cli, "min_count", _("fewest with or without the answer"), (double)m->min_count);
    show_kv(o, cli, "group_disclosure", _("everyone alike hidden"),
            jl_cli_word(cli, m->group_disclosure ? N_("yes") : N_("no")));
    show_num(o, cli, "protection", _("protection"), m->protection);
    for (i = 0; i < r->ncells; i++) {
        if (r->cells[i].suppressed)
            n[r->cells[i].reason]++;
        else
            pub++;
    }
    show_num(o, cli, "cells", _("cells"), (double)r->ncells);
    show_num(o, cli, "published", _("published"), (double)pub);
    for (i = 1; i < 5; i++) {
        char lab[256];

        snprintf(lab, sizeof lab, _("hidden: %s"), reason_word(cli, (jl_rreason)i));
        show_num(o, cli, jl_rreason_code((jl_rreason)i), lab, (double)n[i]);
    }
    jl_out_end(o);
}

int cmd_release_show(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_view_release v;
    size_t npos;
    char *pos[1];
    long id;
    int rc = jl_cli_parse(NULL, 0, pos, 1, &npos, argc, argv, err);

    if (rc == 0 && npos != 1)
        rc = jl_err_set(err, JL_EUSAGE, _("usage: jamlik release show ID"));
    if (rc == 0)
        rc = parse_id(&id, pos[0], err);
    if (rc == 0)
        rc = jl_view_release_load(&v, cli->store, id, err);
    if (rc < 0)
        return rc;
    /* CSV is the export's cells.csv, byte for byte. */
    if (cli->format == JL_FMT_CSV) {
        jl_buf b;

        jl_buf_init(&b, NULL, JL_TEXT_MAX);
        jl_release_cells_csv(&b, v.r);
        fwrite(jl_buf_str(&b), 1, b.len, cli->out);
        jl_buf_dispose(&b);
    } else {
        show_params(cli, &v);
    }
    jl_view_release_dispose(&v);
    return JL_OK;
}

int cmd_release_withdraw(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    size_t npos;
    char *pos[1], now[32];
    long id;
    int rc = jl_cli_parse(NULL, 0, pos, 1, &npos, argc, argv, err);

    if (rc == 0 && npos != 1)
        rc = jl_err_set(err, JL_EUSAGE, _("usage: jamlik release withdraw ID"));
    if (rc == 0)
        rc = parse_id(&id, pos[0], err);
    if (rc < 0)
        return rc;
    jl_release_now(now, sizeof now);
    rc = jl_store_release_withdraw(cli->store, id, now, err);
    if (rc == 0 && !cli->quiet)
        fprintf(stderr,
                _("Release %ld is withdrawn. It stays in the list, and every later release of "
                  "its waves is still protected and audited with it.\n"),
                id);
    return rc;
}

int cmd_release_export(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_view_release v;
    size_t npos;
    char *pos[2];
    long id;
    int rc = jl_cli_parse(NULL, 0, pos, 2, &npos, argc, argv, err);

    if (rc == 0 && npos != 2)
        rc = jl_err_set(err, JL_EUSAGE, _("usage: jamlik release export ID DIR"));
    if (rc == 0)
        rc = parse_id(&id, pos[0], err);
    if (rc == 0)
        rc = jl_view_release_load(&v, cli->store, id, err);
    if (rc < 0)
        return rc;
    rc = jl_release_write(v.r, &v.meta, pos[1], err);
    if (rc == 0 && !cli->quiet)
        fprintf(stderr, _("Release %ld written to %s (manifest.json, cells.csv, areas.csv%s).\n"),
                id, pos[1], v.r->ninds ? ", indicators.csv" : "");
    jl_view_release_dispose(&v);
    return rc;
}
