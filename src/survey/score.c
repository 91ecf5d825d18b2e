#include "survey/score.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "stats/profile.h"

#include <math.h>
#include <pthread.h>
#include <unistd.h>
#include <string.h>

typedef struct sscale {
    const jl_scale *sc;
    size_t *item;           /* instrument item index per scale item */
    double **tab;           /* per scale item: score by answer byte (NaN = missing) */
    jl_pcm_item *pcm;
    jl_rasch_cache *cache;
    /* Rasch: item scores as small integers (-1 = missing), and the
     * estimates of complete answer sets by raw score, looked up directly:
     * most respondents answer every item of a scale, and this spares them
     * the hash table. */
    int8_t (*itab)[256];
    uint64_t full;
    size_t maxraw;
    double *full_theta, *full_se;
    jl_rasch_status *full_st;
    size_t min_answered;
} sscale;

struct jl_scorer {
    const jl_instrument *in;
    sscale *s;
    size_t ns;
};

static void rasch_tables(sscale *ss, const jl_instrument *in)
{
    const jl_scale *sc = ss->sc;
    size_t j, b, r;

    ss->itab = jl_xmalloc(sc->nitems * sizeof *ss->itab);
    ss->maxraw = 0;
    for (j = 0; j < sc->nitems; j++) {
        const jl_item *it = &in->items[sc->items[j]];

        memset(ss->itab[j], -1, sizeof ss->itab[j]);
        /* The instrument checks that a Rasch item's scores are 0..m. */
        for (b = 0; b < it->ncodes; b++)
            if (!isnan(it->codes[b].score))
                ss->itab[j][b + 1] = (int8_t)it->codes[b].score;
        ss->maxraw += sc->m[j];
    }
    ss->full = sc->nitems == 64 ? ~(uint64_t)0 : ((uint64_t)1 << sc->nitems) - 1;
    ss->full_theta = jl_xmalloc((ss->maxraw + 1) * sizeof(double));
    ss->full_se = jl_xmalloc((ss->maxraw + 1) * sizeof(double));
    ss->full_st = jl_xmalloc((ss->maxraw + 1) * sizeof(jl_rasch_status));
    for (r = 0; r <= ss->maxraw; r++)
        ss->full_st[r] = jl_rasch_cache_get(ss->cache, &ss->full_theta[r], &ss->full_se[r],
                                            ss->full, (long)r);
}

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
            rasch_tables(ss, in);
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
        jl_free(s->s[i].itab);
        jl_free(s->s[i].full_theta);
        jl_free(s->s[i].full_se);
        jl_free(s->s[i].full_st);
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
    if (ss->itab) {
        long raw = 0;
        jl_rasch_status rs;

        for (j = 0; j < sc->nitems; j++) {
            int x = ss->itab[j][answers[ss->item[j]]];

            if (x < 0)
                continue;
            answered++;
            raw += x;
            mask |= (uint64_t)1 << j;
        }
        if (answered < ss->min_answered) {
            *why = JL_NOSCORE_FEW;
            *score = *se = NAN;
            return 0;
        }
        if (mask == ss->full) {
            th = ss->full_theta[raw];
            e = ss->full_se[raw];
            rs = ss->full_st[raw];
        } else
            rs = jl_rasch_cache_get(ss->cache, &th, &e, mask, raw);
        if (rs != JL_RASCH_OK) {
            *why = JL_NOSCORE_EXTREME;
            *score = *se = NAN;
            return 0;
        }
        goto scored;
    }
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
scored:
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

typedef struct part {
    const jl_instrument *in;
    const uint8_t *answers;
    size_t n;
    uint8_t *status;
    double *score, *se;
    size_t solves;
} part;

static void *run_part(void *arg)
{
    part *p = arg;
    jl_scorer *sc = jl_scorer_new(p->in);

    jl_scorer_run(sc, p->answers, p->n, p->status, p->score, p->se);
    p->solves = jl_scorer_solves(sc);
    jl_scorer_free(sc);
    return NULL;
}

size_t jl_score_all(const jl_instrument *in, const uint8_t *answers, size_t n, uint8_t *status,
                    double *score, double *se)
{
    part parts[JL_SCORE_MAXTHREADS];
    pthread_t tid[JL_SCORE_MAXTHREADS];
    int started[JL_SCORE_MAXTHREADS] = {0};
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t nt = cpus > 1 ? (size_t)cpus : 1, t, from = 0, ns = in->nscales, ni = in->nitems,
           solves = 0;

    if (nt > JL_SCORE_MAXTHREADS)
        nt = JL_SCORE_MAXTHREADS;
    /* Below this a second thread costs more than it saves. */
    if (n < 50000)
        nt = 1;
    for (t = 0; t < nt; t++) {
        size_t cnt = n / nt + (t < n % nt);

        parts[t].in = in;
        parts[t].answers = answers + from * ni;
        parts[t].n = cnt;
        parts[t].status = status + from * ns;
        parts[t].score = score ? score + from * ns : NULL;
        parts[t].se = se ? se + from * ns : NULL;
        from += cnt;
    }
    for (t = 1; t < nt; t++) {
        started[t] = pthread_create(&tid[t], NULL, run_part, &parts[t]) == 0;
        if (!started[t])
            run_part(&parts[t]); /* no thread: do that part here, same result */
    }
    run_part(&parts[0]);
    for (t = 0; t < nt; t++) {
        if (t > 0 && started[t])
            pthread_join(tid[t], NULL);
        solves += parts[t].solves;
    }
    return solves;
}

size_t jl_scorer_solves(const jl_scorer *s)
{
    size_t i, n = 0;

    for (i = 0; i < s->ns; i++)
        if (s->s[i].cache)
            n += jl_rasch_cache_solves(s->s[i].cache);
    return n;
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
