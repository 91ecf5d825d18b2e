/*
 * The indicator tables a release includes (`release create --indicator
 * ID[@PERIOD]`): public statistics from SCB and Kolada, already
 * protected by their producer, published as they are with their source
 * and status, and not audited (release/export.h, jl_rel_indicator). One
 * row per area of each of the release's divisions and period, as
 * `indicator show` resolves them (observed there, or moved by a
 * crosswalk or up the parent links).
 */
#include "core/alloc.h"
#include "core/i18n.h"
#include "view/indicator.h"
#include "view/release_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* "ID", "ID@PERIOD", "ID@A..B" or "ID@A,B" into the request. */
static void spec(jl_view_indicator_req *rq, char *buf, size_t cap, const char *s)
{
    char *at;

    snprintf(buf, cap, "%s", s);
    at = strchr(buf, '@');
    rq->id = buf;
    rq->period = rq->periods = NULL;
    if (!at)
        return;
    *at++ = 0;
    if (strstr(at, "..") || strchr(at, ','))
        rq->periods = at;
    else
        rq->period = at;
}

/* The rows of indicator id as v resolves it for division into r, areas
 * by code; how many. */
static size_t rows(jl_release *r, size_t *cap, const char *id, const jl_view_indicator *v,
                   const char *division)
{
    size_t n0 = r->ninds;
    size_t i, j, np = v->nsel ? v->nsel : 1;

    for (i = 0; i < v->na; i++) {
        const jl_view_ind_area *ar = &v->area[v->by_code[i]];
        size_t a = v->by_code[i];

        if (ar->outside || ar->elsewhere)
            continue;
        for (j = 0; j < np; j++) {
            size_t p = v->nsel ? v->sel[j] : v->at, c = a * v->np + p;
            jl_rel_indicator *x;

            r->inds = jl_xgrow(r->inds, cap, r->ninds + 1, sizeof *r->inds);
            x = &r->inds[r->ninds++];
            x->indicator = jl_arena_strdup(r->arena, id);
            x->name = jl_arena_strdup(r->arena, v->def.name);
            x->unit = jl_arena_strdup(r->arena, v->def.unit);
            x->division = jl_arena_strdup(r->arena, division);
            x->area = jl_arena_strdup(r->arena, ar->code);
            x->area_name = jl_arena_strdup(r->arena, ar->name ? ar->name : "");
            x->period = jl_arena_strdup(r->arena, v->period[p]);
            x->value = v->status[c] == JL_IND_OK ? v->value[c] : (double)NAN;
            x->status = jl_view_ind_status_code((jl_view_cell_status)v->status[c],
                                                (jl_view_why)v->why[c]);
            /* every part observed, but the formula has no value (a share
             * of nobody): not applicable, never "ok" without a figure */
            if (v->status[c] == JL_IND_OK && isnan(x->value))
                x->status = jl_view_ind_status_code(JL_IND_NOT_OK, JL_WHY_NOT_APPLICABLE);
            x->estimated = jl_view_ind_estimate_code((jl_view_estimate)v->estimate[c]);
            x->source = jl_arena_strdup(r->arena, v->def.source);
        }
    }
    return r->ninds - n0;
}

int jl_rb_indicators(jl_release *r, jl_store *st, const char *const *specs, size_t n,
                     const char *const *divisions, size_t ndiv, jl_err *err)
{
    size_t i, j, d, cap = 0;
    int rc = JL_OK;

    /* an indicator once: two tables of it would repeat its rows */
    for (i = 0; i < n; i++)
        for (j = 0; j < i; j++)
            if (!strncmp(specs[i], specs[j], strcspn(specs[i], "@")) &&
                strcspn(specs[i], "@") == strcspn(specs[j], "@"))
                return jl_err_set(err, JL_EUSAGE, _("--indicator %.*s is given twice"),
                                  (int)strcspn(specs[i], "@"), specs[i]);
    for (i = 0; i < n && rc == 0; i++)
        for (d = 0; d < ndiv && rc == 0; d++) {
            jl_view_indicator_req rq;
            jl_view_indicator v;
            char buf[512];

            memset(&rq, 0, sizeof rq);
            spec(&rq, buf, sizeof buf, specs[i]);
            rq.division = divisions[d];
            rc = jl_view_indicator_load(&v, st, &rq, err);
            if (rc < 0)
                break;
            if (rows(r, &cap, rq.id, &v, divisions[d]) == 0)
                rc = jl_err_set(err, JL_EINPUT,
                                _("indicator %s has no figures for the areas of division %s"),
                                rq.id, divisions[d]);
            jl_view_indicator_dispose(&v);
        }
    return rc;
}
