/*
 * Priorities over a cell source: the factors of one area whose headline
 * share is worse than the norm, ranked the CTC way (stats/priorities.h),
 * with the grades in which each is flagged and the change since the
 * previous wave. Only cells the small-group rule lets through take part:
 * a ranking must not be a way round it. Works on cell tables, so the same
 * ranking can run over a profile computed from respondents or over a
 * published release.
 */
#ifndef JL_VIEW_PRIORITIES_H
#define JL_VIEW_PRIORITIES_H

#include <stddef.h>

#include "core/err.h"
#include "stats/priorities.h"
#include "view/cells.h"

typedef struct jl_prio_list {
    jl_prio *p; /* in priority order; strings borrowed from the tables */
    size_t n;
} jl_prio_list;

/* Ranks the risk and protective factors of area code in t (outcomes and
 * scales without a headline cut-off or a norm are left out); prev, the
 * previous wave's table or NULL, gives each factor's change. Every factor
 * shown is listed, also those not worse than the norm (excess <= 0 comes
 * last); a face lists as priorities only those whose excess is above 0
 * as shown, one decimal (jl_prio.priority). A factor is worse (better) than the previous
 * wave only where the 95 % interval of the change (view/waves.h) lies
 * wholly on that side. Only cells t and prev show (jl_cell_table_shown)
 * are read, so the list says nothing the tables hide. Free with
 * jl_prio_list_dispose. */
int jl_view_priorities(jl_prio_list *out, const jl_cell_table *t, const jl_cell_table *prev,
                       const char *code, jl_err *err);
void jl_prio_list_dispose(jl_prio_list *l);

#endif
