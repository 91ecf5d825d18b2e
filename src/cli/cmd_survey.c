#include "cli/commands.h"
#include "cli/bar.h"
#include "core/i18n.h"
#include "core/num.h"
#include "survey/wave.h"

#include <stdlib.h>
#include <string.h>

/* Options of survey import and survey check, into o (and *map, the
 * caller's to free). */
static int import_opts(jl_import_opts *o, jl_mapping **map, int argc, char **argv,
                       const char *usage, int need_wave, jl_err *err)
{
    jl_opt opts[] = {{"--instrument", 1, NULL}, {"--wave", 1, NULL},     {"--date", 1, NULL},
                     {"--map", 1, NULL},        {"--areas", 1, NULL},    {"--encoding", 1, NULL},
                     {"--synthetic", 0, NULL}, {"--strict", 0, NULL},     {"--replace", 0, NULL}};
    size_t nopts = sizeof opts / sizeof opts[0], npos;
    char *pos[1];
    const char *enc;
    int rc;

    *map = NULL;
    rc = jl_cli_parse(opts, nopts, pos, 1, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    memset(o, 0, sizeof *o);
    if (npos != 1 || !jl_cli_opt(opts, nopts, "--instrument") ||
        (need_wave && !jl_cli_opt(opts, nopts, "--wave")))
        return jl_err_set(err, JL_EUSAGE, "%s", usage);
    o->path = pos[0];
    o->instrument = jl_cli_opt(opts, nopts, "--instrument");
    o->wave = jl_cli_opt(opts, nopts, "--wave") ? jl_cli_opt(opts, nopts, "--wave") : "check";
    o->date = jl_cli_opt(opts, nopts, "--date");
    o->areas = jl_cli_opt(opts, nopts, "--areas");
    o->synthetic = jl_cli_opt(opts, nopts, "--synthetic") != NULL;
    o->strict = jl_cli_opt(opts, nopts, "--strict") != NULL;
    o->replace = jl_cli_opt(opts, nopts, "--replace") != NULL;
    enc = jl_cli_opt(opts, nopts, "--encoding");
    if (enc && (rc = jl_encoding_parse(&o->enc, enc, err)) < 0)
        return rc;
    if (o->date && !jl_wave_date_valid(o->date))
        return jl_err_set(err, JL_EUSAGE, _("expected a date YYYY-MM-DD, found \"%s\""), o->date);
    if (!o->date && need_wave) {
        char tmp[16];

        rc = jl_wave_default_date(tmp, sizeof tmp, o->wave, err);
        if (rc < 0)
            return rc;
    }
    if (!o->date && !need_wave)
        o->date = "2000-01-01"; /* a check stores nothing: any date will do */
    if (jl_cli_opt(opts, nopts, "--map")) {
        jl_diag d;

        jl_diag_init(&d, jl_cli_opt(opts, nopts, "--map"));
        rc = jl_mapping_load(map, jl_cli_opt(opts, nopts, "--map"), &d, err);
        jl_diag_dispose(&d);
        if (rc < 0)
            return rc;
        o->map = *map;
    }
    return 0;
}

/* What an import read and found, on stderr. */
static const char *count(char *buf, size_t len, size_t n)
{
    return jl_fmt_fixed(buf, len, (double)n, 0);
}

static void import_report(const jl_import_opts *o, const jl_instrument *in,
                          const jl_import_report *rep)
{
    char n1[48];
    size_t i;

    if (rep->delim)
        fprintf(stderr, _("Imported wave %s of %s from %s (%s, %s, separator '%c'%s)\n"), o->wave,
                in->id, o->path, rep->format, rep->encoding, rep->delim,
                o->synthetic ? _(", synthetic answers") : "");
    else
        fprintf(stderr, _("Imported wave %s of %s from %s (%s, %s%s)\n"), o->wave, in->id,
                o->path, rep->format, rep->encoding, o->synthetic ? _(", synthetic answers") : "");
    /* Counts as people read them: "604 616". */
    fprintf(stderr, _("  respondents read:     %s\n"), count(n1, sizeof n1, rep->n_read));
    fprintf(stderr, _("  imported:             %s\n"), count(n1, sizeof n1, rep->n_imported));
    fprintf(stderr, _("  excluded by screens:  %s\n"), count(n1, sizeof n1, rep->n_excluded));
    if (rep->replaced)
        fprintf(stderr, _("  revision %ld: %ld added and %ld removed since revision %ld (the "
                          "releases of the old revision stay)\n"),
                rep->change.revision, rep->change.added, rep->change.removed,
                rep->change.revision - 1);
    if (rep->n_sex_other)
        fprintf(stderr, _("  sex another answer:   %zu (in every total, in no breakdown by "
                          "sex)\n"),
                rep->n_sex_other);
    for (i = 0; i < rep->nscreens; i++)
        fprintf(stderr, "    %-20s %zu\n", rep->screen_id[i], rep->screen_n[i]);
    for (i = 0; i < rep->ndiv; i++) {
        char codes[64], resp[64];

        snprintf(codes, sizeof codes,
                 _n("%zu code", "%zu codes", rep->div_unknown_codes[i]),
                 rep->div_unknown_codes[i]);
        snprintf(resp, sizeof resp,
                 _n("%zu respondent", "%zu respondents", rep->div_unknown_resp[i]),
                 rep->div_unknown_resp[i]);
        fprintf(stderr, _("  %s: %s not yet known to the database (%s), %zu without a code\n"),
                rep->div[i], codes, resp, rep->div_missing[i]);
        if (rep->div_unknown_codes[i])
            fprintf(stderr, _("    not known (respondents): %s\n"), rep->div_unknown_list[i]);
        if (rep->div_disagree[i])
            fprintf(stderr,
                    _("    respondents whose %s lies in another %s than they answered, by the "
                      "stored parent links: %zu (the first: %s)\n"),
                    rep->div[i], rep->div[rep->div_parent[i]], rep->div_disagree[i],
                    rep->div_disagree_first[i]);
    }
    if (rep->nleft)
        fprintf(stderr, _("  columns not in instrument %s, left aside (%zu): %s\n"), in->id,
                rep->nleft, rep->left);
    if (rep->nskipped)
        fprintf(stderr, _("  columns skipped by the map: %zu\n"), rep->nskipped);
}

/* Every problem found, then how many; 1, the status of a refusal. */
static int problems(const jl_diag *d, const jl_import_report *rep, const char *path, int check)
{
    size_t n = d->n + rep->problems_more;

    jl_cli_print_diag(d);
    if (rep->problems_more)
        fprintf(stderr, _n("%s: and %zu more problem\n", "%s: and %zu more problems\n",
                           rep->problems_more),
                path, rep->problems_more);
    if (check)
        fprintf(stderr, _n("%s: %zu problem\n", "%s: %zu problems\n", n), path, n);
    else
        fprintf(stderr,
                _n("%s: %zu problem; nothing imported\n", "%s: %zu problems; nothing imported\n",
                   n),
                path, n);
    return 1;
}

static int import_or_check(jl_cli *cli, int argc, char **argv, int check, jl_err *err)
{
    jl_progress pr;
    jl_cli_bar bar;
    jl_import_opts o;
    jl_import_report rep;
    jl_instrument *in = NULL;
    jl_mapping *map = NULL;
    jl_diag d;
    int rc;

    rc = import_opts(&o, &map, argc, argv,
                     check ? _("usage: jamlik survey check FILE --instrument ID")
                           : _("usage: jamlik survey import FILE --instrument ID --wave NAME"),
                     !check, err);
    if (rc < 0) {
        jl_mapping_free(map);
        return rc;
    }
    o.progress = jl_cli_progress(&pr, &bar, cli->quiet);
    o.check_only = check;
    jl_diag_init(&d, o.path);
    o.diag = &d;
    memset(&rep, 0, sizeof rep);
    rc = jl_view_instrument(&in, cli->store, o.instrument, err);
    if (rc == 0)
        rc = jl_wave_import(&rep, cli->store, in, &o, err);
    if (d.n)
        rc = problems(&d, &rep, o.path, check);
    else if (rc == 0 && check)
        fprintf(stderr,
                _n("%s: no problems: %zu respondent read, %zu would be imported\n",
                   "%s: no problems: %zu respondents read, %zu would be imported\n", rep.n_read),
                o.path, rep.n_read, rep.n_imported);
    else if (rc == 0 && !cli->quiet)
        import_report(&o, in, &rep);
    jl_diag_dispose(&d);
    jl_instrument_free(in);
    jl_mapping_free(map);
    return rc < 0 ? rc : rc > 0 ? 1 : 0;
}

int cmd_survey_import(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    return import_or_check(cli, argc, argv, 0, err);
}

int cmd_survey_check(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    return import_or_check(cli, argc, argv, 1, err);
}

int cmd_survey_delete(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_opt opts[] = {{"--instrument", 1, NULL}};
    size_t npos;
    char *pos[1];
    jl_wave_info w;
    int rc;

    rc = jl_cli_parse(opts, 1, pos, 1, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    if (npos != 1)
        return jl_err_set(err, JL_EUSAGE, _("usage: jamlik survey delete WAVE [--instrument ID]"));
    rc = jl_wave_delete(&w, cli->store, pos[0], jl_cli_opt(opts, 1, "--instrument"), err);
    if (rc < 0)
        return rc;
    if (!cli->quiet)
        fprintf(stderr,
                _n("Deleted wave %s of %s (%ld respondent)\n",
                   "Deleted wave %s of %s (%ld respondents)\n", w.n),
                w.name, w.instrument, w.n);
    return 0;
}

static void wave_row(void *ctx, const jl_wave_info *w)
{
    jl_out *o = ctx;

    jl_out_str(o, w->instrument);
    jl_out_str(o, w->name);
    jl_out_str(o, w->date);
    jl_out_int(o, w->n);
    jl_out_int(o, w->n_excluded);
    jl_out_bool(o, w->synthetic);
    jl_out_str(o, w->source);
    jl_out_row_end(o);
}

int cmd_survey_list(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"instrument", "wave", "date", "respondents",
                                      "excluded", "synthetic", "source"};
    const char *labels[] = {_("instrument"), _("wave"), _("date"), _("respondents"),
                            _("excluded"), _("synthetic"), _("source")};
    jl_out *o;
    int rc;

    (void)argv;
    if (argc)
        return jl_err_set(err, JL_EUSAGE, _("usage: jamlik survey list"));
    o = jl_cli_out(cli, ids, labels, 7);
    jl_out_align_right(o, 3);
    jl_out_align_right(o, 4);
    rc = jl_store_wave_list(cli->store, wave_row, o, err);
    jl_out_end(o);
    return rc < 0 ? rc : 0;
}
