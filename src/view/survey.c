#include "view/survey.h"
#include "core/alloc.h"
#include "core/diag.h"
#include "core/i18n.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int jl_view_instrument(jl_instrument **out, jl_store *st, const char *id, jl_err *err)
{
    char *text = NULL;
    jl_diag d;
    int rc;

    rc = jl_store_instrument_text(&text, st, id, err);
    if (rc < 0)
        return rc;
    jl_diag_init(&d, id);
    rc = jl_instrument_parse(out, text, strlen(text), &d);
    if (rc < 0)
        jl_diag_first(&d, err);
    jl_diag_dispose(&d);
    jl_free(text);
    return rc;
}

typedef struct cut_ctx {
    jl_instrument *in;
    int n;
    const char *full; /* a scale with more cut-offs than a scale may have, or NULL */
} cut_ctx;

static void add_cut(void *ctx, const jl_store_cutoff *c)
{
    cut_ctx *cc = ctx;
    long si = jl_instrument_scale(cc->in, c->scale);
    jl_scale *sc;
    jl_cutoff *cut;

    /* A set derived before the instrument lost a scale keeps that scale's
     * cut-offs; they have nothing to apply to and are passed over. */
    if (si < 0)
        return;
    sc = &cc->in->scales[si];
    if (sc->ncut >= JL_MAX_CUTOFFS_SCALE) {
        cc->full = sc->id;
        return;
    }
    sc->cut = jl_xrealloc(sc->cut, (sc->ncut + 1) * sizeof *sc->cut);
    cut = &sc->cut[sc->ncut++];
    memset(cut, 0, sizeof *cut);
    cut->name = jl_xstrdup(c->name);
    cut->value = c->value;
    cut->headline = c->headline;
    cut->label = c->label && *c->label ? jl_xstrdup(c->label) : NULL;
    cut->source = jl_xstrdup(c->source);
    cut->norm_pct = c->norm_pct;
    cut->norm_source = c->norm_source && *c->norm_source ? jl_xstrdup(c->norm_source) : NULL;
    cut->norm_version = c->norm_version && *c->norm_version ? jl_xstrdup(c->norm_version) : NULL;
    cc->n++;
}

int jl_view_cutoffs(jl_instrument *in, jl_store *st, const char *set, char *used, size_t ulen,
                    jl_err *err)
{
    size_t i, own = 0;
    char *newest = NULL;
    cut_ctx cc = {in, 0, NULL};
    int rc;

    for (i = 0; i < in->nscales; i++)
        own += in->scales[i].ncut;
    used[0] = '\0';
    if (!set) {
        if (own) {
            snprintf(used, ulen, "instrument");
            return JL_OK;
        }
        rc = jl_store_cutset_newest(&newest, st, in->id, err);
        if (rc == JL_ENOTFOUND) {
            jl_err_clear(err);
            return JL_OK;
        }
        if (rc < 0)
            return rc;
        set = newest;
    }
    if (!strcmp(set, "instrument")) {
        snprintf(used, ulen, "instrument");
        jl_free(newest);
        return JL_OK;
    }
    for (i = 0; i < in->nscales; i++)
        jl_scale_clear_cutoffs(&in->scales[i]);
    rc = jl_store_cutoff_list(st, in->id, set, add_cut, &cc, err);
    if (rc == 0 && cc.n == 0)
        rc = jl_err_set(err, JL_ENOTFOUND, _("no cut-offs named \"%s\" for instrument %s"), set,
                        in->id);
    if (rc == 0 && cc.full)
        rc = jl_err_set(err, JL_ELIMIT,
                        _("expected at most %d cut-offs for scale %s in set %s, found more (limit "
                          "JL_MAX_CUTOFFS_SCALE)"),
                        JL_MAX_CUTOFFS_SCALE, cc.full, set);
    if (rc == 0)
        snprintf(used, ulen, "%s", set);
    jl_free(newest);
    return rc;
}

