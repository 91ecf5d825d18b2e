#include "release/protect.h"
#include "core/alloc.h"
#include "release/secondary.h"
#include "release/suppress.h"

#include <math.h>
#include <string.h>

size_t jl_release_primary(jl_release *r, const jl_protect_opts *o)
{
    jl_rules rules = {0, 0, 0};
    size_t i, marked = 0;

    if (o) {
        rules.min_n = o->min_n > 0 ? (unsigned long)o->min_n : 0;
        rules.min_count = o->min_count;
        rules.no_group_disclosure = o->no_group_disclosure;
    }

    for (i = 0; i < r->ncells; i++) {
        jl_rel_cell *c = &r->cells[i];
        jl_rreason why = JL_RREASON_NONE;

        if (c->suppressed)
            continue;
        switch (jl_release_primary_reason(c->n_scored, c->k, &rules)) {
        case JL_REASON_NONE:
        case JL_REASON_SECONDARY:
        case JL_REASON_CONFIDENTIAL:
            break;
        case JL_REASON_NO_SCORED:
        case JL_REASON_SMALL_GROUP:
            why = JL_RREASON_SMALL_GROUP;
            break;
        case JL_REASON_MIN_COUNT:
            why = JL_RREASON_MIN_COUNT;
            break;
        case JL_REASON_GROUP_DISCLOSURE:
            why = JL_RREASON_GROUP_DISCLOSURE;
            break;
        }
        if (why != JL_RREASON_NONE) {
            c->suppressed = 1;
            c->reason = why;
            marked++;
        }
    }
    return marked;
}

void jl_release_mask(jl_release *r)
{
    size_t i;

    for (i = 0; i < r->ncells; i++) {
        jl_rel_cell *c = &r->cells[i];

        if (!c->suppressed)
            continue;
        c->n = c->n_scored = c->k = -1;
        c->pct = NAN;
        /* the other numbers of a suppressed cell are its counts' too */
        c->ci_low = c->ci_high = c->diff = NAN;
        c->flag = "";
    }
}

static void count(jl_protect_stats *st, const jl_release *r, const long *ns)
{
    size_t i;

    memset(st, 0, sizeof *st);
    st->ncells = r->ncells;
    for (i = 0; i < r->ncells; i++) {
        const jl_rel_cell *c = &r->cells[i];
        long n = ns[i] > 0 ? ns[i] : 0;

        st->respondents += n;
        if (c->suppressed) {
            st->nreason[c->reason]++;
            st->hidden += n;
        } else {
            st->npublished++;
        }
    }
}

int jl_release_protect(jl_release *r, jl_release *const *earlier, size_t nearlier,
                       const jl_protect_opts *o, jl_protect_stats *st, jl_audit_result *audit,
                       jl_err *err)
{
    static const jl_protect_opts defaults;
    jl_release **all = jl_xmalloc((nearlier + 1) * sizeof *all);
    long *ns = jl_xmalloc((r->ncells ? r->ncells : 1) * sizeof *ns);
    jl_protect_stats sec;
    size_t i;
    int rc;

    memset(&sec, 0, sizeof sec);
    for (i = 0; i < r->ncells; i++)
        ns[i] = r->cells[i].n_scored;
    jl_release_primary(r, o);
    if (o && o->no_secondary) {
        jl_release_mask(r);
        all[0] = r;
        for (i = 0; i < nearlier; i++)
            all[i + 1] = earlier[i];
        rc = jl_audit_run(audit, all, nearlier + 1, &o->audit, err);
        sec.rounds = 1;
    } else {
        /* audits r masked as it goes; its last audit is the verdict */
        rc = jl_release_secondary(r, earlier, nearlier, o ? o : &defaults, &sec, audit, err);
        jl_release_mask(r);
    }
    if (st) {
        count(st, r, ns);
        st->rounds = sec.rounds;
        st->secondary = st->nreason[JL_RREASON_SECONDARY];
        st->secs_structural = sec.secs_structural;
        st->secs_audit = sec.secs_audit;
    }
    jl_free(ns);
    jl_free(all);
    return rc;
}
