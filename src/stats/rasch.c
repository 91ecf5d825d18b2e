#include "stats/rasch.h"
#include "core/alloc.h"

#include <assert.h>
#include <float.h>
#include <math.h>
#include <string.h>

/* Largest number of categories an item may have; the instrument loader
 * refuses more (instruments in use have at most 5-7). */
#define MAXCAT 32

static void item_moments(double *e, double *v, double *t, const jl_pcm_item *it, double theta)
{
    double psi[MAXCAT], p[MAXCAT], mx = 0, sum = 0, ex = 0, var = 0, third = 0;
    size_t x, m = it->m;

    assert(m + 1 <= MAXCAT);
    psi[0] = 0;
    for (x = 1; x <= m; x++)
        psi[x] = psi[x - 1] + theta - it->delta[x - 1];
    for (x = 0; x <= m; x++)
        if (psi[x] > mx)
            mx = psi[x];
    for (x = 0; x <= m; x++) {
        p[x] = exp(psi[x] - mx);
        sum += p[x];
    }
    for (x = 0; x <= m; x++) {
        p[x] /= sum;
        ex += (double)x * p[x];
    }
    for (x = 0; x <= m; x++) {
        double d = (double)x - ex;

        var += d * d * p[x];
        third += d * d * d * p[x];
    }
    *e = ex;
    *v = var;
    *t = third;
}

void jl_rasch_moments(double *e, double *info, double *third, const jl_pcm_item *items, size_t n,
                      double theta)
{
    double se = 0, si = 0, st = 0, a, b, c;
    size_t i;

    for (i = 0; i < n; i++) {
        item_moments(&a, &b, &c, &items[i], theta);
        se += a;
        si += b;
        st += c;
    }
    *e = se;
    *info = si;
    *third = st;
}

/* The estimating function: for WLE r - E + J/(2I) (Warm 1989, eq. for
 * Rasch-family models, where J = dI/dtheta = sum of third central
 * moments); for ML r - E. Both decrease in theta. */
static double score_fn(const jl_pcm_item *items, size_t n, double raw, double theta,
                       jl_rasch_method method)
{
    double e, info, third;

    jl_rasch_moments(&e, &info, &third, items, n, theta);
    if (method == JL_RASCH_ML)
        return raw - e;
    if (info < 1e-300) /* far outside: the sign is the sign of the limit */
        return theta < 0 ? raw + 0.5 : raw - (e + 0.5);
    return raw - e + third / (2 * info);
}

jl_rasch_status jl_rasch_estimate(double *theta, double *se, const jl_pcm_item *items, size_t n,
                                  long raw, jl_rasch_method method)
{
    double lo = JL_RASCH_LO, hi = JL_RASCH_HI, flo, fhi, mid = 0, fm, e, info, third;
    long max = 0;
    size_t i;
    int iter;

    for (i = 0; i < n; i++)
        max += (long)items[i].m;
    assert(n >= 1 && raw >= 0 && raw <= max);
    if (method == JL_RASCH_ML && (raw == 0 || raw == max)) {
        *theta = *se = NAN;
        return JL_RASCH_EXTREME;
    }
    flo = score_fn(items, n, (double)raw, lo, method);
    fhi = score_fn(items, n, (double)raw, hi, method);
    /* Widen the bracket if a pattern lies outside (not met in practice). */
    while (flo < 0 && lo > -200) {
        lo *= 2;
        flo = score_fn(items, n, (double)raw, lo, method);
    }
    while (fhi > 0 && hi < 200) {
        hi *= 2;
        fhi = score_fn(items, n, (double)raw, hi, method);
    }
    /* Newton steps inside a shrinking bracket. The slope of the estimating
     * equation is about -I(theta) (exactly so for ML; WLE adds the slope
     * of its small bias term), so theta + f / I converges in a handful of
     * steps; a step that leaves the bracket is replaced by bisection,
     * which keeps the search safe for any pattern. It stops when a step
     * no longer moves theta beyond rounding. */
    mid = 0.0 > lo && 0.0 < hi ? 0.0 : 0.5 * (lo + hi);
    for (iter = 0; iter < 200; iter++) {
        double next;

        jl_rasch_moments(&e, &info, &third, items, n, mid);
        if (method == JL_RASCH_ML)
            fm = (double)raw - e;
        else if (info < 1e-300)
            fm = mid < 0 ? (double)raw + 0.5 : (double)raw - (e + 0.5);
        else
            fm = (double)raw - e + third / (2 * info);
        if (fm == 0)
            break;
        if (fm > 0)
            lo = mid;
        else
            hi = mid;
        next = info > 1e-300 ? mid + fm / info : 0.5 * (lo + hi);
        if (!(next > lo && next < hi))
            next = 0.5 * (lo + hi);
        if (fabs(next - mid) <= 4 * DBL_EPSILON * (fabs(mid) > 1 ? fabs(mid) : 1)) {
            mid = next;
            break;
        }
        mid = next;
    }
    jl_rasch_moments(&e, &info, &third, items, n, mid);
    *theta = mid;
    *se = 1 / sqrt(info);
    return JL_RASCH_OK;
}

int jl_rasch_draw(const jl_pcm_item *item, double theta, double u)
{
    double psi[MAXCAT], mx = 0, sum = 0, acc = 0;
    size_t x, m = item->m;

    psi[0] = 0;
    for (x = 1; x <= m; x++)
        psi[x] = psi[x - 1] + theta - item->delta[x - 1];
    for (x = 0; x <= m; x++)
        if (psi[x] > mx)
            mx = psi[x];
    for (x = 0; x <= m; x++)
        sum += exp(psi[x] - mx);
    for (x = 0; x < m; x++) {
        acc += exp(psi[x] - mx) / sum;
        if (u < acc)
            return (int)x;
    }
    return (int)m;
}

/* ---- cache ---------------------------------------------------------- */

typedef struct slot {
    uint64_t mask;
    long raw; /* -1: empty */
    double theta, se;
    int status;
} slot;

struct jl_rasch_cache {
    const jl_pcm_item *items;
    size_t n;
    jl_rasch_method method;
    slot *t;
    size_t cap, used, solves;
    jl_pcm_item sub[64];
};

jl_rasch_cache *jl_rasch_cache_new(const jl_pcm_item *items, size_t n, jl_rasch_method method)
{
    jl_rasch_cache *c = jl_xcalloc(1, sizeof *c);
    size_t i;

    assert(n >= 1 && n <= 64);
    c->items = items;
    c->n = n;
    c->method = method;
    c->cap = 1024;
    c->t = jl_xmalloc(c->cap * sizeof *c->t);
    for (i = 0; i < c->cap; i++)
        c->t[i].raw = -1;
    return c;
}

void jl_rasch_cache_free(jl_rasch_cache *c)
{
    if (!c)
        return;
    jl_free(c->t);
    jl_free(c);
}

static size_t hash(uint64_t mask, long raw)
{
    uint64_t h = mask * 0x9e3779b97f4a7c15ULL ^ ((uint64_t)raw * 0xc2b2ae3d27d4eb4fULL);

    h ^= h >> 29;
    return (size_t)h;
}

static void grow(jl_rasch_cache *c)
{
    slot *old = c->t;
    size_t oldcap = c->cap, i;

    c->cap *= 2;
    c->t = jl_xmalloc(c->cap * sizeof *c->t);
    for (i = 0; i < c->cap; i++)
        c->t[i].raw = -1;
    for (i = 0; i < oldcap; i++) {
        size_t j;

        if (old[i].raw < 0)
            continue;
        j = hash(old[i].mask, old[i].raw) & (c->cap - 1);
        while (c->t[j].raw >= 0)
            j = (j + 1) & (c->cap - 1);
        c->t[j] = old[i];
    }
    jl_free(old);
}

jl_rasch_status jl_rasch_cache_get(jl_rasch_cache *c, double *theta, double *se, uint64_t mask,
                                   long raw)
{
    size_t j = hash(mask, raw) & (c->cap - 1), i, k = 0;
    slot *s;
    jl_rasch_status st;

    while (c->t[j].raw >= 0) {
        if (c->t[j].mask == mask && c->t[j].raw == raw) {
            *theta = c->t[j].theta;
            *se = c->t[j].se;
            return (jl_rasch_status)c->t[j].status;
        }
        j = (j + 1) & (c->cap - 1);
    }
    for (i = 0; i < c->n; i++)
        if (mask >> i & 1)
            c->sub[k++] = c->items[i];
    s = &c->t[j];
    s->mask = mask;
    s->raw = raw;
    st = jl_rasch_estimate(&s->theta, &s->se, c->sub, k, raw, c->method);
    s->status = (int)st;
    *theta = s->theta;
    *se = s->se;
    c->solves++;
    /* grow() moves the table: s is not to be used after it. */
    if (++c->used * 2 > c->cap)
        grow(c);
    return st;
}

size_t jl_rasch_cache_solves(const jl_rasch_cache *c)
{
    return c->solves;
}
