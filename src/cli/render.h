/*
 * The command line's renderers over view results, shared by the commands
 * that compute them and by `jamlik demo`, which calls the importers and
 * views itself and shows what they return the way the commands do.
 */
#ifndef JL_CLI_RENDER_H
#define JL_CLI_RENDER_H

#include "cli/cli.h"
#include "core/strmap.h"
#include "view/cells.h"
#include "view/indicator.h"
#include "view/priorities.h"
#include "view/segregation.h"
#include "view/spatial.h"
#include "view/waves.h"

/* What of a cell table `profile` shows. */
typedef struct jl_cli_prof_opts {
    int by_grade, by_sex, headline_only;
    const char *area; /* one area, or NULL: all */
    unsigned long min_n; /* the small-group rule; the table's own (jl_cells_req.min_n), which
                            fixed the family of its flags */
} jl_cli_prof_opts;

/* The profile's table: every cell asked for, the small-group rule of
 * po->min_n applied to each (render_results.c). */
int jl_cli_profile_render(jl_cli *cli, const jl_cell_table *t, const jl_cli_prof_opts *po,
                          jl_err *err);

/* The profile over several waves side by side with the changes between
 * consecutive waves (render_waves.c). */
int jl_cli_profile_waves_render(jl_cli *cli, const jl_view_waves *v, const jl_cli_prof_opts *po,
                                jl_err *err);

/* The top factors of area worse than the norm as shown, with their
 * reasons and changes since the previous wave (render_results.c). */
void jl_cli_priorities_render(jl_cli *cli, const jl_cell_table *t, const jl_prio_list *l,
                              const char *area, long top);

/* An indicator's table for division div (cmd_indicator.c): one area
 * (only) or all, and with group its members added up. */
void jl_cli_indicator_render(jl_cli *cli, const jl_view_indicator *v, const char *id,
                             const char *div, const char *only, const char *group,
                             const jl_strmap *members);

/* Segregation's indices per period (cmd_segregation.c). */
void jl_cli_seg_time_render(jl_cli *cli, const jl_view_seg_time *t, const jl_view_seg_req *rq);

/* Autocorrelation's tables (cmd_spatial.c): the global statistics (in a
 * table), the local ones and, with clusters, the areas in clusters. In
 * CSV and csv-sv, which print no global figure, a's global permutations
 * may still be running (jl_view_autocorr_start); else they must be
 * finished. */
void jl_cli_autocorr_render(jl_cli *cli, const jl_view_sp_data *d, const jl_view_sp_weights *vw,
                            const jl_view_autocorr *a, const jl_view_autocorr_req *rq,
                            const char *src, const char *division, unsigned long min_n,
                            int clusters);

#endif
