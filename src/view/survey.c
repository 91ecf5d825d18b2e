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
    int n, bad;
} cut_ctx;

static void add_cut(void *ctx, const char *const *c, size_t ncols)
{
    cut_ctx *cc = ctx;
    long si = jl_instrument_scale(cc->in, c[0]);
    jl_scale *sc;
    jl_cutoff *cut;

    (void)ncols;
    if (si < 0) {
        cc->bad = 1;
        return;
    }
    sc = &cc->in->scales[si];
    if (sc->ncut >= JL_MAX_CUTOFFS_SCALE)
        return;
    sc->cut = jl_xrealloc(sc->cut, (sc->ncut + 1) * sizeof *sc->cut);
    cut = &sc->cut[sc->ncut++];
    memset(cut, 0, sizeof *cut);
    cut->name = jl_xstrdup(c[1]);
    cut->value = strtod(c[2], NULL);
    cut->headline = atoi(c[3]);
    cut->label = *c[4] ? jl_xstrdup(c[4]) : NULL;
    cut->source = jl_xstrdup(c[5]);
    cut->norm_pct = *c[6] ? strtod(c[6], NULL) : (double)NAN;
    cut->norm_source = *c[7] ? jl_xstrdup(c[7]) : NULL;
    cut->norm_version = *c[8] ? jl_xstrdup(c[8]) : NULL;
    cc->n++;
}

static void first_set(void *ctx, const char *const *c, size_t n)
{
    char **dst = ctx;

    (void)n;
    if (!*dst)
        *dst = jl_xstrdup(c[0]);
}

int jl_view_cutoffs(jl_instrument *in, jl_store *st, const char *set, char *used, size_t ulen,
                    jl_err *err)
{
    size_t i, own = 0;
    char *newest = NULL;
    cut_ctx cc = {in, 0, 0};
    int rc;

    for (i = 0; i < in->nscales; i++)
        own += in->scales[i].ncut;
    used[0] = '\0';
    if (!set) {
        if (own) {
            snprintf(used, ulen, "instrument");
            return JL_OK;
        }
        rc = jl_store_cutset_list(st, in->id, first_set, &newest, err);
        if (rc < 0 || !newest)
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
    if (rc == 0)
        snprintf(used, ulen, "%s", set);
    jl_free(newest);
    return rc;
}

