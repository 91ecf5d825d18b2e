#include "view/inequality.h"
#include "core/alloc.h"
#include "core/i18n.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The gap to the city and the worst fifth of the city's population are
 * a city's: areas of two municipalities have no one city. */
static int one_city(const jl_view_indicator *v, const char *div, jl_err *err)
{
    char list[128];
    size_t m, n = 0, used = 0;

    *list = '\0';
    for (m = 0; m < v->nmuni; m++)
        if (v->muni[m].counted) {
            if (used < sizeof list)
                used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", n ? ", " : "",
                                         v->muni[m].code);
            n++;
        }
    if (n < 2)
        return 0;
    return jl_err_set(err, JL_EUSAGE,
                      _("the areas of %s with a value lie in %zu municipalities (%s): choose one "
                        "with --municipality"),
                      div, n, list);
}

int jl_view_inequality(jl_view_ineq *out, jl_store *st, const jl_view_ineq_req *rq, jl_err *err)
{
    jl_view_indicator_req r = {.id = rq->id, .division = rq->division, .period = rq->period,
                               .municipality = rq->municipality};
    jl_view_indicator wv, rv, *v = &out->v;
    size_t a;
    int rc;

    memset(out, 0, sizeof *out);
    memset(&wv, 0, sizeof wv);
    memset(&rv, 0, sizeof rv);
    rc = jl_view_indicator_load(v, st, &r, err);
    /* The weights and ranks at the indicator's period. */
    if (rc == 0)
        r.period = v->period[v->at];
    if (rc == 0 && rq->weight) {
        r.id = rq->weight;
        rc = jl_view_indicator_load(&wv, st, &r, err);
    }
    if (rc == 0 && rq->rank_by) {
        r.id = rq->rank_by;
        rc = jl_view_indicator_load(&rv, st, &r, err);
    }
    if (rc < 0)
        goto done;
    rc = one_city(v, rq->division, err);
    if (rc < 0)
        goto done;
    out->x = jl_xmalloc(v->na * sizeof *out->x);
    out->w = jl_xmalloc(v->na * sizeof *out->w);
    out->r = jl_xmalloc(v->na * sizeof *out->r);
    /* Areas with every figure: a value, a positive weight, a rank. */
    for (a = 0; a < v->na; a++) {
        const char *code = v->area[a].code;
        double va = jl_view_indicator_value(v, a);
        double wa = rq->weight ? jl_view_indicator_find(&wv, code) : 1.0;
        double ra = rq->rank_by ? jl_view_indicator_find(&rv, code) : va;

        if (isnan(va) || isnan(wa) || !(wa > 0) || isnan(ra))
            continue;
        out->x[out->n] = va;
        out->w[out->n] = wa;
        out->r[out->n] = ra;
        out->n++;
    }
    if (out->n < 2) {
        rc = jl_err_set(err, JL_EINPUT, _("expected at least two areas with a value, found %zu"),
                        out->n);
        goto done;
    }
    out->better = !strcmp(v->def.better, "higher") ? 1 : !strcmp(v->def.better, "lower") ? -1 : 0;
    if (rq->curve) {
        out->cum_w = jl_xmalloc((out->n + 1) * sizeof *out->cum_w);
        out->cum_x = jl_xmalloc((out->n + 1) * sizeof *out->cum_x);
        jl_ineq_curve(out->cum_w, out->cum_x, out->x, out->w, out->r, out->n);
    } else
        jl_ineq_compute(&out->q, out->x, out->w, out->r, out->n, out->better, v->city);
done:
    jl_view_indicator_dispose(&wv);
    jl_view_indicator_dispose(&rv);
    if (rc < 0)
        jl_view_ineq_dispose(out);
    return rc;
}

void jl_view_ineq_dispose(jl_view_ineq *q)
{
    jl_view_indicator_dispose(&q->v);
    jl_free(q->x);
    jl_free(q->w);
    jl_free(q->r);
    jl_free(q->cum_w);
    jl_free(q->cum_x);
    memset(q, 0, sizeof *q);
}
