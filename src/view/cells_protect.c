/*
 * The analyst's tables under the same protection as a release (issue 18):
 * what `profile`, `priorities`, `profile compare` and `autocorr survey:`
 * show is what a release of the same cells would publish.
 */
#include "core/alloc.h"
#include "core/i18n.h"
#include "view/release.h"

#include <string.h>

static long grade_of(const char *s)
{
    int g;

    if (!strcmp(s, "T"))
        return JL_NGRADES;
    for (g = 0; g < JL_NGRADES; g++)
        if (!strcmp(s, jl_grade_name(g)))
            return g;
    return -1;
}

static long sex_of(const char *s)
{
    int x;

    if (!strcmp(s, "T"))
        return JL_NSEXES;
    for (x = 0; x < JL_NSEXES; x++)
        if (!strcmp(s, jl_sex_name(x)))
            return x;
    return -1;
}

static jl_cell_reason reason_of(const jl_rel_cell *c, long raw_n_scored)
{
    switch (c->reason) {
    case JL_RREASON_NONE:
        return JL_REASON_NONE;
    case JL_RREASON_SMALL_GROUP:
        return raw_n_scored <= 0 ? JL_REASON_NO_SCORED : JL_REASON_SMALL_GROUP;
    case JL_RREASON_MIN_COUNT:
        return JL_REASON_MIN_COUNT;
    case JL_RREASON_GROUP_DISCLOSURE:
        return JL_REASON_GROUP_DISCLOSURE;
    case JL_RREASON_SECONDARY:
        return JL_REASON_SECONDARY;
    }
    return JL_REASON_SECONDARY;
}

/* The index in t of release cell c, or -1 when t has no such cell; *raw
 * its raw count of scored respondents. */
static long index_of(const jl_cell_table *t, const jl_rel_cell *c, long *raw)
{
    long ai, g, s, k;
    size_t q;
    jl_err e = JL_ERR_INIT;
    jl_cell cell;

    if (!strcmp(c->division, JL_RELEASE_CITY))
        ai = -1;
    else if (strcmp(c->division, t->division) || (ai = jl_cell_table_area(t, c->area)) < 0)
        return -1;
    g = grade_of(c->grade);
    s = sex_of(c->sex);
    k = jl_instrument_scale(t->in, c->scale);
    if (g < 0 || s < 0 || k < 0)
        return -1;
    for (q = 0; q < t->in->scales[k].ncut; q++)
        if (!strcmp(t->in->scales[k].cut[q].name, c->cutoff)) {
            if (jl_cell_table_get(&cell, t, ai, (size_t)g, (size_t)s, (size_t)k, q, &e) < 0)
                return -1;
            *raw = cell.n_scored;
            return (long)jl_cell_table_index(t, ai, (size_t)g, (size_t)s, (size_t)k, q);
        }
    return -1;
}

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
        memset(t->hide, JL_REASON_SECONDARY, total);
        for (i = 0; i < v.r->ncells; i++) {
            const jl_rel_cell *c = &v.r->cells[i];
            long raw = 0, at = index_of(t, c, &raw);

            if (at >= 0)
                t->hide[at] = (uint8_t)reason_of(c, raw);
        }
    }
    jl_audit_dispose(&audit);
    jl_view_release_dispose(&v);
    return rc;
}
