/*
 * What the spatial commands (cmd_spatial.c, cmd_segregation.c) share.
 */
#ifndef JL_CLI_SPATIAL_H
#define JL_CLI_SPATIAL_H

#include "cli/cli.h"
#include "view/spatial.h"

/* The spatial views' jl_view_indicator_fn: an indicator's values per area
 * as `indicator show` computes them (cmd_indicator.c); ctx is the jl_cli. */
int jl_cli_spatial_indicator(jl_area_values *out, const char *id, const char *div,
                             const char *period, jl_err *err, void *ctx);

/* Opens cli's store if it is not open yet (commands of JL_CMD_STORE_OPT
 * whose data live in the database). */
int jl_cli_spatial_store(jl_cli *cli, jl_err *err);

#endif
