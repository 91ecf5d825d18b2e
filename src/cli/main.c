/*
 * jamlik's entry point: global options, the command lookup, the store the
 * command needs, and the one place errors are printed and turned into an
 * exit status (0 ok, 1 bad input or refused, 2 usage).
 */
#include "cli/cli.h"
#include "core/i18n.h"
#include "store/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    size_t i;

    fputs(_("Usage: jamlik [--db PATH] [--format table|csv|json] [--quiet] [--lang sv|en] "
            "COMMAND [ARGS]\n\n"),
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

static int help(int argc, char **argv)
{
    const jl_cmd *c;
    int used = 0;
    size_t i, n;

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
    n = strlen(argv[0]);
    for (i = 0, used = 0; i < jl_ncommands; i++)
        if (!strncmp(jl_commands[i].name, argv[0], n) && jl_commands[i].name[n] == ' ') {
            printf("  %-20s %s\n", jl_commands[i].name, _(jl_commands[i].summary));
            used = 1;
        }
    if (used && argc == 1)
        return 0;
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

int main(int argc, char **argv)
{
    jl_cli cli;
    jl_err err = JL_ERR_INIT;
    const jl_cmd *cmd;
    const char *lang = getenv("JAMLIK_LANG");
    int i = 1, used = 0, rc, status;

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
    /* Global options come before the command. */
    while (i < argc && argv[i][0] == '-') {
        const char *a = argv[i];

        if (!strcmp(a, "--db") && i + 1 < argc) {
            /* SQLite takes "" for a private temporary database: every
             * command would seem to work and keep nothing. */
            if (!argv[i + 1][0]) {
                jl_err_set(&err, JL_EUSAGE, _("option %s needs a value, found an empty one"),
                           "--db");
                return report(&err);
            }
            cli.db_path = argv[i + 1];
            i += 2;
        } else if (!strcmp(a, "--format") && i + 1 < argc) {
            if (jl_format_parse(&cli.format, argv[i + 1]) < 0) {
                jl_err_set(&err, JL_EUSAGE, _("expected --format table, csv or json, found \"%s\""),
                           argv[i + 1]);
                return report(&err);
            }
            i += 2;
        } else if (!strcmp(a, "--lang") && i + 1 < argc) {
            jl_lang l;

            if (jl_i18n_parse(&l, argv[i + 1]) < 0) {
                jl_err_set(&err, JL_EUSAGE, _("expected --lang sv or en, found \"%s\""),
                           argv[i + 1]);
                return report(&err);
            }
            jl_i18n_set_lang(l);
            i += 2;
        } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
            cli.quiet = 1;
            i++;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--version")) {
            puts("jamlik 0.1.0");
            return 0;
        } else {
            jl_err_set(&err, JL_EUSAGE, _("unknown global option %s (or it needs a value)"), a);
            return report(&err);
        }
    }
    if (i >= argc) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[i], "help"))
        return help(argc - i - 1, argv + i + 1);
    cmd = lookup(argc - i, argv + i, &used);
    if (!cmd) {
        jl_err_set(&err, JL_EUSAGE, _("unknown command \"%s\": see \"jamlik help\""), argv[i]);
        return report(&err);
    }
    i += used;
    cli.arena = jl_arena_new();
    if (cmd->flags == JL_CMD_STORE_OPT) {
        /* Opened later by the command, if its data live in the database. */
    } else if (cmd->flags != JL_CMD_NOSTORE) {
        /* Readers open read-write too: SQLite's WAL mode needs to write its
         * -shm index even to read, and a current schema is never written. */
        int f = cmd->flags == JL_CMD_STORE_CREATE ? JL_STORE_CREATE : JL_STORE_RW;

        rc = jl_store_open(&cli.store, cli.db_path, f, NULL, &err);
        if (rc < 0) {
            jl_arena_free(cli.arena);
            return report(&err);
        }
    }
    rc = cmd->run(&cli, argc - i, argv + i, &err);
    status = rc < 0 ? report(&err) : rc;
    jl_store_close(cli.store);
    jl_arena_free(cli.arena);
    /* A full disk or a closed pipe: say so, or the output is cut short
     * without a word. */
    if ((fflush(stdout) != 0 || ferror(stdout)) && status == 0) {
        jl_err_set(&err, JL_EIO, _("could not write the output: %s"), strerror(errno));
        status = report(&err);
    }
    return status;
}
