/*
 * Command handlers, one file per group (cmd_<group>.c).
 */
#ifndef JL_CLI_COMMANDS_H
#define JL_CLI_COMMANDS_H

#include "cli/cli.h"
#include "geo/ogr.h"
#include "view/areas.h"
#include "view/areas_import.h"
#include "view/cells.h"
#include "view/indicator.h"
#include "view/profile.h"
#include "view/release.h"
#include "view/survey.h"

int cmd_init(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_instrument_import(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_instrument_list(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_instrument_show(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_instrument_check(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_survey_import(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_survey_list(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_survey_check(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_survey_delete(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_scores(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_profile(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_priorities(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_cutoffs_derive(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_areas_import(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_areas_list(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_areas_show(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_areas_crosswalk(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_areas_crosswalk_import(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_areas_group_create(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_areas_group_list(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_indicator_define(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_indicator_import(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_indicator_list(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_indicator_show(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_indicator_inequality(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_index_build(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_indicator_compare(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_profile_compare(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_weights(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_autocorr(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_segregation(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_demo(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_audit(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_release_create(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_release_list(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_release_show(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_release_withdraw(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_release_export(jl_cli *cli, int argc, char **argv, jl_err *err);
int cmd_serve(jl_cli *cli, int argc, char **argv, jl_err *err);

/* What a release published and hid by each rule, the share of respondents
 * in hidden cells, and the audit's verdict (release create, demo). */
void jl_cli_release_report(jl_cli *cli, const jl_view_release *v, const jl_protect_stats *s,
                           const jl_audit_result *a, double protection);

#endif
