/*
 * Command handlers, one file per group (cmd_<group>.c).
 */
#ifndef JL_CLI_COMMANDS_H
#define JL_CLI_COMMANDS_H

#include "cli/cli.h"

int cmd_init(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_instrument_import(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_instrument_list(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_instrument_show(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_instrument_check(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_survey_import(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_survey_list(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_scores(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_profile(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_priorities(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_cutoffs_derive(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_demo(jl_cli *cli, int argc, char **argv, jl_err *err);

#endif
