/*
 * --output FILE: a command's tables written to FILE instead of stdout, in
 * any format, and an xlsx workbook only so. The output goes to a
 * temporary file in FILE's folder, which replaces FILE (rename) only when
 * the command succeeded and everything was written: a failed or
 * interrupted command leaves an existing FILE as it was.
 */
#ifndef JL_CLI_OUTPUT_H
#define JL_CLI_OUTPUT_H

#include "cli/cli.h"

typedef struct jl_cli_output {
    const char *path; /* FILE */
    char *tmp;        /* the temporary file beside it */
} jl_cli_output;

/* Opens the temporary file and points cli->out (or cli->book, for xlsx)
 * at it; stamp is the line a workbook's sheets carry (what made them and
 * when). Returns 0 or JL_EIO. */
int jl_cli_output_open(jl_cli_output *o, jl_cli *cli, const char *path, const char *stamp,
                       jl_err *err);

/* With ok, finishes the file and renames it to FILE (an error if that
 * fails); else removes it. Restores cli->out to stdout. */
int jl_cli_output_close(jl_cli_output *o, jl_cli *cli, int ok, jl_err *err);

#endif
