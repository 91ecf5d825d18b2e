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
    jl_arena *arena;
    jl_store *store; /* opened by main according to the command's flags */
    FILE *out;
} jl_cli;

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

/* Loads instrument id from the store; caller frees with jl_instrument_free. */
int jl_cli_instrument(jl_instrument **out, jl_cli *cli, const char *id, jl_err *err);

/* Reads and checks the instrument file at path into *out (and its text
 * into *text, caller frees both). With print, every problem is printed
 * and err is left empty; without, err gets the first. */
int jl_cli_instrument_file(jl_instrument **out, char **text, const char *path, int print,
                           jl_err *err);

/* The member codes of area group name (a map to free with
 * jl_strmap_free); with division, the group must be of that division. */
struct jl_strmap;
int jl_cli_group(jl_cli *cli, const char *name, const char *division,
                 struct jl_strmap **members, jl_err *err);

/* When division dst lies above src through the divisions' parent links,
 * maps each area code of src to its area of dst: *map gives the position
 * in *codes (both the caller's: jl_strmap_free, and jl_free each code and
 * the array). Returns 1, or 0 if dst is not above src. */
int jl_cli_map_up(jl_cli *cli, const char *src, const char *dst, char ***codes, size_t *n,
                  struct jl_strmap **map, jl_err *err);

/* Prints Pearson's r and Spearman's rho of x and y with their intervals
 * as a table (CSV, JSON) with note above it. */
void jl_cli_corr_table(jl_cli *cli, const char *note, const double *x, const double *y, size_t n);

/* Prints every problem in d to stderr as FILE:LINE:COL: error: ... */
struct jl_diag;
void jl_cli_print_diag(const struct jl_diag *d);

/* The folder of jamlik's data files: $JAMLIK_DATA, else the one it was
 * built with. */
const char *jl_cli_datadir(void);

/* Applies a cut-off set ("instrument" or a derived set name) to in. NULL
 * picks the instrument's own if it has any, else the newest derived set.
 * *used gets the set's name (borrowed from the arena). */
int jl_cli_cutoffs(jl_instrument *in, jl_cli *cli, const char *set, const char **used,
                   jl_err *err);

#endif
