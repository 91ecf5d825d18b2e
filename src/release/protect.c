#include "release/protect.h"
#include "core/alloc.h"
#include "release/secondary.h"
#include "release/suppress.h"

#include <math.h>
#include <string.h>

static long opt_min_n(const jl_protect_opts *o)
{
    return o && o->min_n > 0 ? o->min_n : JL_RELEASE_MIN_N;
}

static long opt_min_count(const jl_protect_opts *o)
{
    return o && o->min_count > 0 ? o->min_count : JL_RELEASE_MIN_COUNT;
}

size_t jl_release_primary(jl_release *r, const jl_protect_opts *o)
{
    long min_n = opt_min_n(o), min_count = opt_min_count(o);
    size_t i, marked = 0;

    for (i = 0; i < r->ncells; i++) {
        jl_rel_cell *c = &r->cells[i];
        jl_rreason why = JL_RREASON_NONE;

        if (c->suppressed)
            continue;
        if (c->n_scored < min_n)
            why = JL_RREASON_SMALL_GROUP;
        else if (c->k >= 0 && ((c->k >= 1 && c->k < min_count) ||
                               (c->n_scored - c->k >= 1 && c->n_scored - c->k < min_count)))
            why = JL_RREASON_MIN_COUNT;
        else if (c->k >= 0 && c->k == c->n_scored && !(o && o->no_group_disclosure))
            why = JL_RREASON_GROUP_DISCLOSURE;
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
