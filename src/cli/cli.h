/*
 * The command-line layer: the context every command gets (arena, store,
 * output format), the command table, and option parsing checked in one
 * place. Commands write results through core/out.h, never printf.
 */
#ifndef JL_CLI_CLI_H
#define JL_CLI_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/opt.h"
#include "core/out.h"
#include "store/store.h"
#include "survey/instrument.h"

typedef struct jl_cli {
    const char *db_path;
    jl_format format;
    int quiet;
    int wide; /* --wide: tables show every column, not only what fits 120 columns */
    jl_arena *arena;
    jl_store *store; /* opened by main according to the command's flags */
    FILE *out;       /* stdout, or the temporary file of --output */
    jl_book *book;   /* --format xlsx: the workbook of --output */
} jl_cli;

/* A table of the command (core/out.h) to where --format and --output
 * send it; free with jl_out_end. */
jl_out *jl_cli_out(const jl_cli *cli, const char *const *ids, const char *const *labels,
                   size_t ncols);

enum {
    JL_CMD_NOSTORE = 0,
    JL_CMD_STORE_RO = 1,
    JL_CMD_STORE_RW = 2,
    JL_CMD_STORE_CREATE = 3,
    JL_CMD_STORE_OPT = 4, /* the command opens it (cli->db_path) only when it needs it */
};

typedef struct jl_cmd {
    const char *name; /* "profile" or "survey import" */
    const char *summary;
    const char *help; /* long help (translated at print time) */
    int (*run)(jl_cli *cli, int argc, char **argv, jl_err *err);
    int flags;
} jl_cmd;

extern const jl_cmd jl_commands[];
extern const size_t jl_ncommands;

/* ---- option parsing ---- */

/* The option parser lives in core/opt.h (its fuzzer links the library);
 * these are its names in the commands. */
#define jl_cli_parse jl_opt_parse
#define jl_cli_opt jl_opt_get

/* A division id given on the command line (NULL passes): a key of the
 * store, so not empty and at most JL_MAX_ID bytes, or a division made by
 * an import could not be named again. opt names where it came from. */
int jl_cli_division_id(const char *id, const char *opt, jl_err *err);

/* Reads and checks the instrument file at path into *out (and its text
 * into *text, caller frees both). With print, every problem is printed
 * and err is left empty; without, err gets the first. */
int jl_cli_instrument_file(jl_instrument **out, char **text, const char *path, int print,
                           jl_err *err);

/* Prints Pearson's r and Spearman's rho of x and y with their intervals
 * as a table (CSV, JSON) with note above it. */
/* The note on every output of a synthetic wave: its answers are made by
 * jamlik's generator, not given by young people. */
void jl_cli_synthetic_note(jl_out *o);

/* A fixed word of the output (kind, status, domain): CSV and JSON keep the
 * documented code (docs/output-codes.md), tables, csv-sv and xlsx show it
 * in the reader's language. w is a msgid (mark it N_). */
const char *jl_cli_word(const jl_cli *cli, const char *w);

void jl_cli_corr_table(jl_cli *cli, const char *note, const double *x, const double *y, size_t n);

/* In a table without --wide, cuts a list of codes ("101 102 103") after
 * the last whole code that leaves room for " …" within width bytes, so
 * that the table fits 120 columns; CSV, JSON and xlsx keep it whole. */
void jl_cli_fit_list(const jl_cli *cli, char *list, size_t width);

/* For the commands that take one file or id and no options: a "--"
 * before it, which ends the options elsewhere (core/opt.h), is dropped. */
void jl_cli_skip_dashes(int *argc, char ***argv);

/* Prints every problem in d to stderr as FILE:LINE:COL: error: ... */
struct jl_diag;
void jl_cli_print_diag(const struct jl_diag *d);

/* The folder of jamlik's data files: $JAMLIK_DATA; else the one beside
 * the binary (<prefix>/share/jamlik when installed, the checkout's data/
 * when run from its build folder), found through /proc/self/exe; else
 * the one it was built with. Borrowed; lives as long as the process. */
const char *jl_cli_datadir(void);

#endif
