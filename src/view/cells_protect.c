/*
 * The analyst's tables under the same protection as a release (issue 18):
 * what `profile`, `priorities`, `profile compare` and `autocorr survey:`
 * show is what a release of the same cells would publish.
 */
#include "core/alloc.h"
#include "core/i18n.h"
#include "view/release.h"
#include "view/release_cells.h"

#include <string.h>

int jl_view_cells_protect(jl_cell_table *t, jl_store *st, const jl_cells_protect_req *pr,
                          jl_err *err)
{
    const jl_counts *cn = &t->counts;
    size_t per = (cn->ngrades + 1) * (cn->nsexes + 1) * cn->nscales * cn->ncut;
    size_t total = (cn->nareas + 1) * per, i;
    const char *wave = t->w.name, *division = t->division;
    jl_view_release_req req;
    jl_view_release v;
    jl_protect_opts o;
    jl_audit_result audit;
    int rc;

    if (t->unprotected)
        return 0;
    memset(&req, 0, sizeof req);
    req.waves = &wave;
    req.nwaves = 1;
    req.instrument = t->in->id;
    if (pr->group) {
        req.groups = &pr->group;
        req.ngroups = 1;
    }
    req.divisions = &division;
    req.ndivisions = 1;
    req.by_grade = pr->by_grade;
    req.by_sex = pr->by_sex;
    req.norm_city = t->norm_city;
    req.cutset = t->cutset[0] ? t->cutset : NULL;
    memset(&o, 0, sizeof o);
    o.min_n = (long)t->rules.min_n;
    o.min_count = t->rules.min_count;
    o.no_group_disclosure = t->rules.no_group_disclosure;
    o.progress = pr->progress;
    o.ctx = pr->ctx;
    memset(&audit, 0, sizeof audit);
    rc = jl_view_release_build(&v, st, &req, &o, err);
    if (rc == 0)
        rc = jl_release_protect(v.r, NULL, 0, &o, NULL, &audit, err);
    if (rc == 0 && !audit.pass)
        rc = jl_err_set(err, JL_EINPUT,
                        _("the disclosure rules could not protect this table (%zu values too "
                          "narrow): ask for fewer breakdowns"),
                        audit.nfail);
    if (rc == 0) {
        /* What the release does not hold is hidden: a face must not show
         * a cell nobody protected. */
        jl_free(t->hide);
        t->hide = jl_xmalloc(total ? total : 1);
        memset(t->hide, JL_REASON_CONFIDENTIAL, total);
        for (i = 0; i < v.r->ncells; i++) {
            const jl_rel_cell *c = &v.r->cells[i];
            jl_rel_cell_at at;

            if (jl_view_release_cell_at(&at, t, c))
                t->hide[at.index] = (uint8_t)jl_view_release_reason(c->suppressed ? c->reason
                                                                                   : JL_RREASON_NONE);
        }
    }
    jl_audit_dispose(&audit);
    jl_view_release_dispose(&v);
    return rc;
}
