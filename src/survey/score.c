#include "survey/score.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "stats/profile.h"

#include <math.h>
#include <string.h>

typedef struct sscale {
    const jl_scale *sc;
    size_t *item;           /* instrument item index per scale item */
    double **tab;           /* per scale item: score by answer byte (NaN = missing) */
    jl_pcm_item *pcm;
    jl_rasch_cache *cache;
    size_t min_answered;
} sscale;

struct jl_scorer {
    const jl_instrument *in;
    sscale *s;
    size_t ns;
};

jl_scorer *jl_scorer_new(const jl_instrument *in)
{
    jl_scorer *s = jl_xcalloc(1, sizeof *s);
    size_t i, j, b;

    s->in = in;
    s->ns = in->nscales;
    s->s = jl_xcalloc(in->nscales ? in->nscales : 1, sizeof *s->s);
    for (i = 0; i < in->nscales; i++) {
        const jl_scale *sc = &in->scales[i];
        sscale *ss = &s->s[i];

        ss->sc = sc;
        ss->item = sc->items;
        ss->tab = jl_xcalloc(sc->nitems, sizeof *ss->tab);
        for (j = 0; j < sc->nitems; j++) {
            const jl_item *it = &in->items[sc->items[j]];

            ss->tab[j] = jl_xmalloc(256 * sizeof(double));
            for (b = 0; b < 256; b++)
                ss->tab[j][b] = NAN;
            for (b = 0; b < it->ncodes; b++)
                ss->tab[j][b + 1] = it->codes[b].score; /* NaN for missing codes */
        }
        /* The minimum as a count: a share of the scale's items rounds up,
         * so "60%" of 9 items means at least 6 (5.4 answered items is not
         * possible, and rounding down would accept fewer than asked). */
        ss->min_answered = sc->min_share ? (size_t)ceil(sc->min_items * (double)sc->nitems - 1e-9)
                                         : (size_t)sc->min_items;
        if (ss->min_answered < 1)
            ss->min_answered = 1;
        if (sc->model == JL_MODEL_RASCH) {
            ss->pcm = jl_xcalloc(sc->nitems, sizeof *ss->pcm);
            for (j = 0; j < sc->nitems; j++) {
                ss->pcm[j].m = sc->m[j];
                ss->pcm[j].delta = sc->delta[j];
            }
            ss->cache = jl_rasch_cache_new(ss->pcm, sc->nitems, sc->method);
        }
    }
    return s;
}

void jl_scorer_free(jl_scorer *s)
{
    size_t i, j;

    if (!s)
        return;
    for (i = 0; i < s->ns; i++) {
        for (j = 0; j < s->s[i].sc->nitems; j++)
            jl_free(s->s[i].tab[j]);
        jl_free(s->s[i].tab);
        jl_free(s->s[i].pcm);
        jl_rasch_cache_free(s->s[i].cache);
    }
    jl_free(s->s);
    jl_free(s);
}

uint8_t jl_scorer_score(jl_scorer *s, size_t si, const uint8_t *answers, double *score,
                        double *se, jl_noscore *why)
{
    sscale *ss = &s->s[si];
    const jl_scale *sc = ss->sc;
    size_t j, answered = 0;
    double sum = 0, v, th = NAN, e = NAN;
    uint64_t mask = 0;
    uint8_t st = 0;

    *why = JL_NOSCORE_NONE;
    for (j = 0; j < sc->nitems; j++) {
        v = ss->tab[j][answers[ss->item[j]]];
        if (isnan(v))
            continue;
        answered++;
        sum += v;
        mask |= (uint64_t)1 << j;
    }
    if (answered < ss->min_answered) {
        *why = JL_NOSCORE_FEW;
        *score = *se = NAN;
        return 0;
    }
    if (sc->model == JL_MODEL_MEAN) {
        th = sum / (double)answered;
    } else if (jl_rasch_cache_get(ss->cache, &th, &e, mask, (long)sum) != JL_RASCH_OK) {
        *why = JL_NOSCORE_EXTREME;
        *score = *se = NAN;
        return 0;
    }
    if (sc->flip)
        th = -th;
    *score = th;
    *se = e;
    st = JL_ST_SCORED;
    for (j = 0; j < sc->ncut; j++)
        if (th >= sc->cut[j].value)
            st |= (uint8_t)(1u << (j + 1));
    return st;
}

void jl_scorer_run(jl_scorer *s, const uint8_t *answers, size_t n, uint8_t *status, double *score,
                   double *se)
{
    size_t i, k, ns = s->ns, ni = s->in->nitems;
    double sc, e;
    jl_noscore why;

    for (i = 0; i < n; i++)
        for (k = 0; k < ns; k++) {
            status[i * ns + k] = jl_scorer_score(s, k, answers + i * ni, &sc, &e, &why);
            if (score)
                score[i * ns + k] = sc;
            if (se)
                se[i * ns + k] = e;
        }
}

const char *jl_noscore_reason(jl_noscore why)
{
    switch (why) {
    case JL_NOSCORE_NONE:
        return "";
    case JL_NOSCORE_FEW:
        return _("too few answers");
    case JL_NOSCORE_EXTREME:
        return _("ML gives no estimate for the lowest or highest possible sum");
    }
    return "";
}
