/*
 * jamlik's entry point: global options, the command lookup, the store the
 * command needs, and the one place errors are printed and turned into an
 * exit status (0 ok, 1 bad input or refused, 2 usage).
 */
#include "cli/cli.h"
#include "cli/output.h"
#include "core/i18n.h"
#include "store/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void usage(FILE *f)
{
    size_t i;

    fputs(_("Usage: jamlik [--db PATH] [--format table|csv|csv-sv|json|xlsx] [--output FILE] "
            "[--wide] [--quiet] [--lang sv|en] COMMAND [ARGS]\n\n"),
          f);
    fputs(_("Commands:\n"), f);
    for (i = 0; i < jl_ncommands; i++)
        fprintf(f, "  %-20s %s\n", jl_commands[i].name, _(jl_commands[i].summary));
    fputs(_("\nRun \"jamlik help COMMAND\" for more.\n"), f);
}

/* Finds the command named by the first one, two or three words of argv
 * (the longest that names one); *used = words. */
static const jl_cmd *lookup(int argc, char **argv, int *used)
{
    size_t i;
    int w;
    char name[192];

    for (w = argc < 3 ? argc : 3; w >= 1; w--) {
        int k;
        size_t len = 0;

        name[0] = '\0';
        for (k = 0; k < w && len < sizeof name; k++)
            len += (size_t)snprintf(name + len, sizeof name - len, "%s%s", k ? " " : "",
                                    argv[k]);
        for (i = 0; i < jl_ncommands; i++)
            if (!strcmp(jl_commands[i].name, name)) {
                *used = w;
                return &jl_commands[i];
            }
    }
    return NULL;
}

/* The words that name a group of commands ("survey", "areas group"):
 * the longest run of argv's first words that some command's name
 * continues; 0 if none. */
static int group_words(int argc, char **argv, char *name, size_t len)
{
    size_t i, n;
    int w;

    for (w = argc < 3 ? argc : 3; w >= 1; w--) {
        int k;
        size_t used = 0;

        name[0] = '\0';
        for (k = 0; k < w && used < len; k++)
            used += (size_t)snprintf(name + used, len - used, "%s%s", k ? " " : "", argv[k]);
        n = strlen(name);
        for (i = 0; i < jl_ncommands; i++)
            if (!strncmp(jl_commands[i].name, name, n) && jl_commands[i].name[n] == ' ')
                return w;
    }
    return 0;
}

/* Lists the commands of group (a prefix of names, "survey"). */
static void list_group(FILE *f, const char *group)
{
    size_t i, n = strlen(group);

    for (i = 0; i < jl_ncommands; i++)
        if (!strncmp(jl_commands[i].name, group, n) && jl_commands[i].name[n] == ' ')
            fprintf(f, "  %-20s %s\n", jl_commands[i].name, _(jl_commands[i].summary));
}

/* "jamlik survey x": the group is known, its verb is not; names the verbs
 * (the word after the group in each name, once each). */
static int no_verb(const char *group, const char *verb)
{
    char verbs[512];
    size_t i, n = strlen(group), len = 0;

    verbs[0] = '\0';
    for (i = 0; i < jl_ncommands; i++) {
        const char *v;
        size_t vl, j, seen = 0;

        if (strncmp(jl_commands[i].name, group, n) || jl_commands[i].name[n] != ' ')
            continue;
        v = jl_commands[i].name + n + 1;
        vl = strcspn(v, " ");
        for (j = 0; j < i && !seen; j++)
            seen = !strncmp(jl_commands[j].name, jl_commands[i].name, n + 1 + vl) &&
                   (jl_commands[j].name[n + 1 + vl] == ' ' || !jl_commands[j].name[n + 1 + vl]);
        if (!seen && len < sizeof verbs)
            len += (size_t)snprintf(verbs + len, sizeof verbs - len, "%s%.*s", len ? ", " : "",
                                    (int)vl, v);
    }
    fprintf(stderr, _("jamlik %s: no verb \"%s\"; the verbs are: %s\n"), group, verb, verbs);
    return 2;
}

static int help(int argc, char **argv)
{
    const jl_cmd *c;
    char group[192];
    int used = 0;

    if (argc == 0) {
        usage(stdout);
        return 0;
    }
    c = lookup(argc, argv, &used);
    if (c && used == argc) {
        fputs(_(c->help), stdout);
        return 0;
    }
    /* A group: list its commands. */
    if (group_words(argc, argv, group, sizeof group) == argc) {
        list_group(stdout, group);
        return 0;
    }
    fprintf(stderr, _("jamlik: no command \"%s\"\n"), argv[argc - 1]);
    return 2;
}

/* The hint of an error, worded for the command line: what to run. */
static const char *hint_text(jl_hint h)
{
    switch (h) {
    case JL_HINT_INIT:
        return _(": create one with \"jamlik init\"");
    case JL_HINT_INIT_OR_DB:
        return _(": create one with \"jamlik init\" or give --db PATH");
    case JL_HINT_DB_IN_FOLDER:
        return _(" (give --db FOLDER/jamlik.db)");
    case JL_HINT_INSTRUMENT_IMPORT:
        return _(": import it with \"jamlik instrument import FILE\"");
    case JL_HINT_SURVEY_LIST:
        return _(": see \"jamlik survey list\"");
    case JL_HINT_AREAS_IMPORT:
        return _(": import it with \"jamlik areas import\"");
    case JL_HINT_CP1252:
        return _(": the file reads as Windows-1252 (Excel's CSV, Notepad's \"ANSI\"); save it as "
                 "UTF-8, or for a survey file give --encoding cp1252");
    case JL_HINT_WAVE_REPLACE:
        return _(": give --replace to import it anew, or delete it with \"jamlik survey delete\"");
    case JL_HINT_INDICATOR_LIST:
        return _(": see \"jamlik indicator list\"");
    case JL_HINT_GROUP_CREATE:
        return _(": create it with \"jamlik areas group create\"");
    case JL_HINT_NONE:
        break;
    }
    return "";
}

static int report(const jl_err *err)
{
    char buf[1200];

    fprintf(stderr, "%s%s\n", jl_err_format(buf, sizeof buf, err), hint_text(err->hint));
    return err->code == JL_EUSAGE ? 2 : 1;
}

/* Test-only: JAMLIK_TEST_PAUSE_WAL=N:MARKER stops the process at the Nth
 * write to a write-ahead log (store/faulty.c), so that
 * tests/e2e/060-kill.sh kills an import in the middle of its transaction
 * however busy the machine. Unset in real use; it changes no result. */
static void test_pause(void)
{
    const char *s = getenv("JAMLIK_TEST_PAUSE_WAL");
    char *end;
    long n;

    if (!s)
        return;
    n = strtol(s, &end, 10);
    if (n > 0 && *end == ':' && end[1])
        (void)jl_faulty_pause_wal(n, end + 1);
}

/* What the global options asked for besides cli's fields. */
typedef struct globals {
    int help;           /* --help or -h */
    int version;        /* --version */
    const char *output; /* --output FILE */
} globals;

/* The value of global option name at argv[*i] ("--db PATH" or
 * "--db=PATH"), or NULL if argv[*i] is not that option; *i moves past
 * it. A value is never an option: "--db --quiet" is a forgotten path, as
 * core/opt.c rules for a command's own options. */
static const char *global_value(int argc, char **argv, int *i, const char *name, jl_err *err)
{
    const char *a = argv[*i];
    size_t n = strlen(name);

    if (strncmp(a, name, n) || (a[n] && a[n] != '='))
        return NULL;
    if (a[n] == '=') {
        (*i)++;
        return a + n + 1;
    }
    if (*i + 1 >= argc) {
        jl_err_set(err, JL_EUSAGE, _("option %s needs a value"), name);
        return NULL;
    }
    a = argv[*i + 1];
    if (a[0] == '-' && a[1] == '-' && a[2]) {
        jl_err_set(err, JL_EUSAGE, _("option %s needs a value, found the option %s"), name, a);
        return NULL;
    }
    *i += 2;
    return a;
}

/* Takes the global option at argv[*i] into cli and g: 1 if it was one, 0
 * if not, -1 on a bad value. */
static int global_opt(jl_cli *cli, globals *g, int argc, char **argv, int *i, jl_err *err)
{
    const char *a = argv[*i], *v;
    jl_lang l;

    if (!strcmp(a, "--quiet")) {
        cli->quiet = 1;
        (*i)++;
        return 1;
    }
    if (!strcmp(a, "--wide")) {
        cli->wide = 1;
        (*i)++;
        return 1;
    }
    if (!strcmp(a, "--help")) {
        g->help = 1;
        (*i)++;
        return 1;
    }
    if ((v = global_value(argc, argv, i, "--db", err)) != NULL) {
        /* SQLite takes "" for a private temporary database: every
         * command would seem to work and keep nothing. */
        if (!*v)
            return jl_err_set(err, JL_EUSAGE, _("option %s needs a value, found an empty one"),
                              "--db");
        cli->db_path = v;
        return 1;
    }
    if (!err->code && (v = global_value(argc, argv, i, "--format", err)) != NULL) {
        if (jl_format_parse(&cli->format, v) < 0)
            return jl_err_set(err, JL_EUSAGE,
                              _("expected --format table, csv, csv-sv, json or xlsx, found \"%s\""),
                              v);
        return 1;
    }
    if (!err->code && (v = global_value(argc, argv, i, "--output", err)) != NULL) {
        if (!*v)
            return jl_err_set(err, JL_EUSAGE, _("option %s needs a value, found an empty one"),
                              "--output");
        g->output = v;
        return 1;
    }
    if (!err->code && (v = global_value(argc, argv, i, "--lang", err)) != NULL) {
        if (jl_i18n_parse(&l, v) < 0)
            return jl_err_set(err, JL_EUSAGE, _("expected --lang sv or en, found \"%s\""), v);
        jl_i18n_set_lang(l);
        return 1;
    }
    return err->code ? -1 : 0;
}

/* Takes the global options out of argv, wherever they are, and leaves
 * the command's words and its own arguments in order (*argc shrinks).
 * Before the command the short forms -q and -h and --version are global
 * too, and anything else starting with "-" is an error, as always. After
 * it, only the long forms are: no command has an option of their names
 * (tests/e2e/002-command-line.sh checks), and no option's value starts
 * with "--" (core/opt.c), so "--format" after a command is never
 * anything else; "-q" could be a value, so it stays with the command.
 * "--" ends the options: what follows is the command's. */
static int take_globals(jl_cli *cli, globals *g, int *argc, char **argv, jl_err *err)
{
    int i = 1, out = 1, lead = 1, rc;

    while (i < *argc) {
        const char *a = argv[i];

        if (!lead && !strcmp(a, "--")) {
            while (i < *argc)
                argv[out++] = argv[i++];
            break;
        }
        rc = global_opt(cli, g, *argc, argv, &i, err);
        if (rc < 0)
            return rc;
        if (rc > 0)
            continue;
        if (lead && a[0] == '-') {
            if (!strcmp(a, "-q"))
                cli->quiet = 1;
            else if (!strcmp(a, "-h"))
                g->help = 1;
            else if (!strcmp(a, "--version"))
                g->version = 1;
            else
                return jl_err_set(err, JL_EUSAGE,
                                  _("unknown global option %s (or it needs a value)"), a);
            i++;
            continue;
        }
        lead = 0;
        argv[out++] = argv[i++];
    }
    *argc = out;
    argv[out] = NULL;
    return JL_OK;
}

/* After the command's words, -h and -q are the global ones: there they
 * cannot be an option's value. */
static int short_after(jl_cli *cli, globals *g, int argc, char **argv, int i)
{
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "-h"))
            g->help = 1;
        else if (!strcmp(argv[i], "-q"))
            cli->quiet = 1;
        else
            break;
    }
    return i;
}

/* No command found: a group of commands, alone or with a verb it does not
 * have, or nothing known. */
static int not_a_command(int argc, char **argv, const globals *g, jl_err *err)
{
    char group[192];
    int w = group_words(argc, argv, group, sizeof group);

    if (w && (w == argc || g->help)) {
        list_group(stdout, group);
        return 0;
    }
    if (w)
        return no_verb(group, argv[w]);
    jl_err_set(err, JL_EUSAGE, _("unknown command \"%s\": see \"jamlik help\""), argv[0]);
    return report(err);
}

/* Opens the store the command needs and runs it; the status to exit with. */
static int run(const jl_cmd *cmd, jl_cli *cli, int argc, char **argv, jl_err *err)
{
    int rc, status;

    cli->arena = jl_arena_new();
    if (cmd->flags == JL_CMD_STORE_OPT) {
        /* Opened later by the command, if its data live in the database. */
    } else if (cmd->flags != JL_CMD_NOSTORE) {
        /* Readers open read-write too: SQLite's WAL mode needs to write its
         * -shm index even to read, and a current schema is never written. */
        int f = cmd->flags == JL_CMD_STORE_CREATE ? JL_STORE_CREATE : JL_STORE_RW;

        rc = jl_store_open(&cli->store, cli->db_path, f, NULL, err);
        if (rc < 0) {
            jl_arena_free(cli->arena);
            return report(err);
        }
    }
    rc = cmd->run(cli, argc, argv, err);
    status = rc < 0 ? report(err) : rc;
    jl_store_close(cli->store);
    jl_arena_free(cli->arena);
    return status;
}

/* The line a workbook's sheets carry: the date and the command that made
 * them (global options left out: --db names a private path).
 * SOURCE_DATE_EPOCH, if set, is the date, for reproducible files. */
static void stamp_line(char *buf, size_t len, int argc, char **argv)
{
    char date[16], cmd[600];
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t now = sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
    struct tm tm;
    size_t n = 0;
    int i;

    if (sde)
        gmtime_r(&now, &tm);
    else
        localtime_r(&now, &tm);
    strftime(date, sizeof date, "%Y-%m-%d", &tm);
    cmd[0] = '\0';
    for (i = 1; i < argc && n < sizeof cmd; i++)
        n += (size_t)snprintf(cmd + n, sizeof cmd - n, " %s", argv[i]);
    snprintf(buf, len, _("Made on %s by jamlik 0.1.0:%s"), date, cmd);
}

/* Runs the command with its output in --output's file, if any. */
static int run_to(const jl_cmd *cmd, jl_cli *cli, const globals *g, int argc, char **argv, int i,
                  jl_err *err)
{
    jl_cli_output o = {NULL, NULL};
    char stamp[800];
    int status;

    if (cli->format == JL_FMT_XLSX && !g->output) {
        jl_err_set(err, JL_EUSAGE, _("--format xlsx writes a workbook: give --output FILE.xlsx"));
        return report(err);
    }
    if (g->output) {
        stamp_line(stamp, sizeof stamp, argc, argv);
        if (jl_cli_output_open(&o, cli, g->output, stamp, err) < 0)
            return report(err);
    }
    status = run(cmd, cli, argc - i, argv + i, err);
    if (g->output && jl_cli_output_close(&o, cli, status == 0, err) < 0)
        status = report(err);
    return status;
}

int main(int argc, char **argv)
{
    jl_cli cli;
    jl_err err = JL_ERR_INIT;
    globals g = {0, 0, NULL};
    const jl_cmd *cmd;
    const char *lang = getenv("JAMLIK_LANG");
    int i, used = 0, status;

    test_pause();
    memset(&cli, 0, sizeof cli);
    cli.db_path = "jamlik.db";
    cli.out = stdout;
    jl_i18n_set_lang(JL_LANG_SV);
    if (lang) {
        jl_lang l;

        if (jl_i18n_parse(&l, lang) == 0)
            jl_i18n_set_lang(l);
    }
    if (take_globals(&cli, &g, &argc, argv, &err) < 0)
        return report(&err);
    if (g.version) {
        puts("jamlik 0.1.0");
        return 0;
    }
    if (argc < 2) {
        usage(g.help ? stdout : stderr);
        return g.help ? 0 : 2;
    }
    if (!strcmp(argv[1], "help"))
        return help(argc - 2, argv + 2);
    cmd = lookup(argc - 1, argv + 1, &used);
    if (!cmd)
        return not_a_command(argc - 1, argv + 1, &g, &err);
    i = short_after(&cli, &g, argc, argv, 1 + used);
    if (g.help) {
        /* Help needs no database: nothing is opened. */
        fputs(_(cmd->help), stdout);
        return 0;
    }
    status = run_to(cmd, &cli, &g, argc, argv, i, &err);
    /* A full disk or a closed pipe: say so, or the output is cut short
     * without a word. */
    if ((fflush(stdout) != 0 || ferror(stdout)) && status == 0) {
        jl_err_set(&err, JL_EIO, _("could not write the output: %s"), jl_strerror(errno));
        status = report(&err);
    }
    return status;
}
