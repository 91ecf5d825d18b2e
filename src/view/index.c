#include "view/index.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/num.h"
#include "indicator/def.h"
#include "stats/assoc.h"
#include "view/indicator.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define INDEX_SOURCE "jamlik index build:"

/* May the index be stored under id? Only where nothing is, or an index
 * built before: never over an indicator's real observations. */
static int may_replace(jl_store *st, const char *id, jl_err *err)
{
    jl_view_indicator_def d;
    int rc = jl_view_indicator_def_get(&d, st, id, err);

    if (rc <= 0)
        return rc;
    if (!strcmp(d.kind, "index") && !strncmp(d.source, INDEX_SOURCE, strlen(INDEX_SOURCE)))
        return JL_OK;
    return jl_err_set(err, JL_EEXISTS,
                      _("expected a new name or that of an earlier index, found indicator %s "
                        "(%s, from %s): choose another name"),
                      id, d.kind, d.source);
}

/* The name is an id (NAME_typ is stored beside it) that replaces nothing
 * but an earlier index. */
static int name_check(char typ[JL_MAX_ID + 8], jl_store *st, const char *name, jl_err *err)
{
    int rc;

    if (!jl_indicator_id_valid(name))
        return jl_err_set(err, JL_EINPUT,
                          _("expected an index name of letters, digits, '-' or '_', found \"%s\""),
                          name);
    rc = jl_limit_len(name, JL_MAX_ID - 4, _("an index name (NAME_typ is stored too)"),
                      "JL_MAX_ID", NULL, 0, 0, err);
    if (rc < 0)
        return rc;
    snprintf(typ, JL_MAX_ID + 8, "%s_typ", name);
    rc = may_replace(st, name, err);
    if (rc == 0)
        rc = may_replace(st, typ, err);
    return rc;
}

typedef struct parts {
    jl_view_indicator v[JL_MAX_INDEX_PARTS];
    double wt[JL_MAX_INDEX_PARTS];
    unsigned star_given;
    size_t n;
} parts;

/* Loads each indicator of the recipe "IND[*W],..." and writes the recipe
 * as stored into src. */
static int load_parts(parts *p, char *src, size_t len, jl_store *st, const jl_view_index_req *rq,
                      jl_err *err)
{
    jl_view_indicator_req r = {.id = NULL, .division = rq->division, .period = rq->period,
                               .municipality = rq->municipality};
    char *copy = jl_xstrdup(rq->from), *tok, *save = NULL;
    size_t w = (size_t)snprintf(src, len, INDEX_SOURCE);
    int rc = 0;

    for (tok = strtok_r(copy, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
        char *star = strchr(tok, '*');

        if (p->n == JL_MAX_INDEX_PARTS) {
            rc = jl_err_set(err, JL_EUSAGE,
                            _("expected at most %d indicators in --from, found more (limit "
                              "JL_MAX_INDEX_PARTS)"),
                            JL_MAX_INDEX_PARTS);
            break;
        }
        p->wt[p->n] = 1;
        if (star) {
            p->star_given |= 1u << p->n;
            *star = '\0';
            if (jl_parse_double(&p->wt[p->n], star + 1) < 0 || p->wt[p->n] == 0) {
                rc = jl_err_set(err, JL_EUSAGE,
                                _("expected a weight other than 0 after '*', found \"%s\""),
                                star + 1);
                break;
            }
        }
        r.id = tok;
        rc = jl_view_indicator_load(&p->v[p->n], st, &r, err);
        if (rc == 0 && w + 64 < len)
            w += (size_t)snprintf(src + w, len - w, " %s*%g", tok, p->wt[p->n]);
        p->n++;
    }
    jl_free(copy);
    return rc;
}

/* The areas with every indicator, in the first one's order. */
static void common_areas(jl_view_index *ix, const parts *p)
{
    const jl_view_indicator *v0 = &p->v[0];
    size_t a, i;

    ix->code = jl_xmalloc((v0->na ? v0->na : 1) * sizeof *ix->code);
    ix->name = jl_xmalloc((v0->na ? v0->na : 1) * sizeof *ix->name);
    for (a = 0; a < v0->na; a++) {
        int all = !isnan(jl_view_indicator_value(v0, a));

        for (i = 1; i < p->n && all; i++)
            all = !isnan(jl_view_indicator_find(&p->v[i], v0->area[a].code));
        if (!all)
            continue;
        ix->code[ix->n] = jl_xstrdup(v0->area[a].code);
        ix->name[ix->n++] = jl_xstrdup(v0->area[a].name ? v0->area[a].name : "");
    }
}

/* Each indicator standardised over the areas, turned so that higher is
 * better, and weighted: the index. */
static int combine(jl_view_index *ix, const parts *p, jl_err *err)
{
    size_t n = ix->n, i, a;
    double sw = 0;

    ix->value = jl_xcalloc(n, sizeof *ix->value);
    for (i = 0; i < p->n; i++) {
        const jl_view_indicator *v = &p->v[i];
        double m = 0, sd = 0, dir = !strcmp(v->def.better, "lower") ? -1 : 1;

        for (a = 0; a < n; a++)
            m += jl_view_indicator_find(v, ix->code[a]);
        m /= (double)n;
        for (a = 0; a < n; a++)
            sd += pow(jl_view_indicator_find(v, ix->code[a]) - m, 2);
        sd = sqrt(sd / (double)(n - 1));
        if (!(sd > 0))
            return jl_err_set(err, JL_EINPUT, _("indicator %s is the same in every area"),
                              jl_view_indicator_name(&v->def));
        /* An indicator without a better direction is turned by the sign
         * of its weight (utrikes_fodda_andel*-1). */
        if (!strcmp(v->def.better, "none") && !(p->star_given & (1u << i)))
            return jl_err_set(err, JL_EUSAGE,
                              _("indicator %s has no better direction: give its weight a sign "
                                "in --from (*1 or *-1)"),
                              jl_view_indicator_name(&v->def));
        for (a = 0; a < n; a++)
            ix->value[a] += p->wt[i] * dir * (jl_view_indicator_find(v, ix->code[a]) - m) / sd;
        sw += fabs(p->wt[i]);
    }
    for (a = 0; a < n; a++)
        ix->value[a] /= sw;
    return JL_OK;
}

int jl_view_index_build(jl_view_index *out, jl_store *st, const jl_view_index_req *rq,
                        jl_err *err)
{
    parts *p = jl_xcalloc(1, sizeof *p);
    double *rk = NULL;
    size_t a;
    int rc;

    memset(out, 0, sizeof *out);
    rc = name_check(out->typ_id, st, rq->name, err);
    if (rc == 0)
        rc = load_parts(p, out->source, sizeof out->source, st, rq, err);
    if (rc == 0 && p->n == 0)
        rc = jl_err_set(err, JL_EINPUT,
                        _("expected at least one indicator in the recipe, found none"));
    if (rc < 0)
        goto done;
    snprintf(out->period, sizeof out->period, "%s", p->v[0].period[p->v[0].at]);
    common_areas(out, p);
    if (out->n < 3) {
        rc = jl_err_set(err, JL_EINPUT, _("expected at least three areas with every indicator, "
                                          "found %zu"),
                        out->n);
        goto done;
    }
    rc = combine(out, p, err);
    if (rc < 0)
        goto done;
    /* Types by quantile of the index: 1 the lowest (the greatest
     * challenges, as SCB's områdestyp 1), ties sharing a mid-rank. */
    rk = jl_xmalloc(out->n * sizeof *rk);
    out->type = jl_xmalloc(out->n * sizeof *out->type);
    jl_midranks(rk, out->value, out->n);
    for (a = 0; a < out->n; a++)
        out->type[a] = (int)floor((rk[a] - 1) * (double)rq->ntypes / (double)out->n) + 1;
done:
    for (a = 0; a < JL_MAX_INDEX_PARTS; a++)
        jl_view_indicator_dispose(&p->v[a]);
    jl_free(p);
    jl_free(rk);
    if (rc < 0)
        jl_view_index_dispose(out);
    return rc;
}

int jl_view_index_save(jl_store *st, const jl_view_index_req *rq, const jl_view_index *ix,
                       jl_err *err)
{
    jl_store_indicator d1, d2;
    jl_store_obs *ob = jl_xcalloc(2 * ix->n, sizeof *ob);
    char name2[256];
    size_t a, i;
    int rc;

    /* The definitions are stored in the words the face gives: the
     * language of the one who builds. */
    memset(&d1, 0, sizeof d1);
    d1.id = rq->name;
    d1.name = rq->name;
    d1.unit = rq->unit ? rq->unit : "standard deviations";
    d1.kind = "index";
    d1.better = "higher";
    d1.source = ix->source;
    d1.note = rq->note ? rq->note
                       : "Composite of standardised indicators, higher is better "
                         "(docs/composite-index.md).";
    d2 = d1;
    if (rq->type_name)
        snprintf(name2, sizeof name2, "%s", rq->type_name);
    else
        snprintf(name2, sizeof name2, "%s, type 1-%ld", rq->name, rq->ntypes);
    d2.id = ix->typ_id;
    d2.name = name2;
    d2.unit = rq->type_unit ? rq->type_unit : "type";
    for (a = 0; a < ix->n; a++) {
        ob[2 * a].indicator = rq->name;
        ob[2 * a].value = ix->value[a];
        ob[2 * a + 1].indicator = ix->typ_id;
        ob[2 * a + 1].value = ix->type[a];
        for (i = 0; i < 2; i++) {
            ob[2 * a + i].division = rq->division;
            ob[2 * a + i].area = ix->code[a];
            ob[2 * a + i].period = ix->period;
            ob[2 * a + i].sex = "T";
            ob[2 * a + i].breakdown = "";
            ob[2 * a + i].status = "ok";
            ob[2 * a + i].source = ix->source;
        }
    }
    rc = jl_store_begin(st, err);
    if (rc == 0)
        rc = jl_store_indicator_put(st, &d1, err);
    if (rc == 0)
        rc = jl_store_indicator_put(st, &d2, err);
    if (rc == 0)
        rc = jl_store_observations_put(st, ob, 2 * ix->n, err);
    if (rc < 0)
        jl_store_rollback(st);
    else
        rc = jl_store_commit(st, err);
    jl_free(ob);
    return rc;
}

void jl_view_index_dispose(jl_view_index *ix)
{
    size_t a;

    for (a = 0; a < ix->n; a++) {
        jl_free(ix->code[a]);
        jl_free(ix->name[a]);
    }
    jl_free(ix->code);
    jl_free(ix->name);
    jl_free(ix->value);
    jl_free(ix->type);
    memset(ix, 0, sizeof *ix);
}
