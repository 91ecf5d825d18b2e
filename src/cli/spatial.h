/*
 * What the spatial commands (cmd_spatial.c, cmd_segregation.c) share.
 */
#ifndef JL_CLI_SPATIAL_H
#define JL_CLI_SPATIAL_H

#include "cli/cli.h"
#include "view/spatial.h"

/* Opens cli's store if it is not open yet (commands of JL_CMD_STORE_OPT
 * whose data live in the database). */
int jl_cli_spatial_store(jl_cli *cli, jl_err *err);

#endif
