#include "stats/profile.h"
#include "stats/interval.h"
#include "core/alloc.h"

#include <math.h>
#include <string.h>

/* Adds the counts of group src of (n, ns, k) into group dst of out. */
static void add_group(jl_counts *out, size_t dst, const uint32_t *n, const uint32_t *ns,
                      const uint32_t *k, size_t src)
{
    size_t j, q, nsc = out->nscales, nc = out->ncut;

    out->n[dst] += n[src];
    for (j = 0; j < nsc; j++) {
        out->n_scored[dst * nsc + j] += ns[src * nsc + j];
        for (q = 0; q < nc; q++)
            out->k[(dst * nsc + j) * nc + q] += k[(src * nsc + j) * nc + q];
    }
}

void jl_counts_build(jl_counts *out, const int32_t *area, const int8_t *grade, const int8_t *sex,
                     const uint8_t *status, size_t n, size_t nareas, size_t ngrades,
                     size_t nsexes, size_t nscales, size_t ncut)
{
    size_t G = ngrades + 1, S = nsexes + 1, groups = nareas * G * S, i, a, g, s, j, q;
    size_t kc = ncut ? ncut : 1;
    uint32_t *en, *ens, *ek;

    memset(out, 0, sizeof *out);
    out->nareas = nareas;
    out->ngrades = ngrades;
    out->nsexes = nsexes;
    out->nscales = nscales;
    out->ncut = ncut;
    out->n = jl_xcalloc(groups, sizeof(uint32_t));
    out->n_scored = jl_xcalloc(groups * nscales, sizeof(uint32_t));
    out->k = jl_xcalloc(groups * nscales * kc, sizeof(uint32_t));

    /* First the exact groups, in the same layout, where index ngrades
     * (nsexes) means the grade (sex) is missing; one pass over the
     * respondents keeps this linear and cache-friendly. */
    en = jl_xcalloc(groups, sizeof(uint32_t));
    ens = jl_xcalloc(groups * nscales, sizeof(uint32_t));
    ek = jl_xcalloc(groups * nscales * kc, sizeof(uint32_t));
    for (i = 0; i < n; i++) {
        size_t base;
        const uint8_t *st;

        if (area[i] < 0)
            continue;
        g = grade[i] < 0 ? ngrades : (size_t)grade[i];
        s = sex[i] < 0 ? nsexes : (size_t)sex[i];
        base = ((size_t)area[i] * G + g) * S + s;
        en[base]++;
        st = status + i * nscales;
        for (j = 0; j < nscales; j++) {
            uint8_t b = st[j];

            if (!(b & JL_ST_SCORED))
                continue;
            ens[base * nscales + j]++;
            for (q = 0; q < ncut; q++)
                if (b >> (q + 1) & 1)
                    ek[(base * nscales + j) * ncut + q]++;
        }
    }
    /* Then the published groups: a known grade and sex as counted; a
     * total ("T") over every exact group it covers, including those with
     * the grade or sex missing, so T x T is everyone in the area. */
    for (a = 0; a < nareas; a++)
        for (g = 0; g <= ngrades; g++)
            for (s = 0; s <= nsexes; s++) {
                size_t src = (a * G + g) * S + s, gg, ss;

                for (gg = 0; gg <= ngrades; gg++)
                    for (ss = 0; ss <= nsexes; ss++) {
                        /* src counts in (gg, ss) if each coordinate
                         * matches or is the total. */
                        if ((gg != g && gg != ngrades) || (ss != s && ss != nsexes))
                            continue;
                        /* Missing grade or sex counts in totals only. */
                        if ((g == ngrades && gg != ngrades) || (s == nsexes && ss != nsexes))
                            continue;
                        add_group(out, (a * G + gg) * S + ss, en, ens, ek, src);
                    }
            }
    jl_free(en);
    jl_free(ens);
    jl_free(ek);
}

void jl_counts_dispose(jl_counts *c)
{
    jl_free(c->n);
    jl_free(c->n_scored);
    jl_free(c->k);
    memset(c, 0, sizeof *c);
}

size_t jl_counts_group(const jl_counts *c, size_t area, size_t g, size_t s)
{
    return (area * (c->ngrades + 1) + g) * (c->nsexes + 1) + s;
}

int jl_cell_fill(jl_cell *c, unsigned long n, unsigned long n_scored, unsigned long k,
                 double norm_pct, jl_err *err)
{
    jl_interval ci;
    int rc;

    c->norm_pct = norm_pct;
    c->flag = JL_FLAG_NONE;
    c->status = JL_CELL_OK;
    c->reason = JL_REASON_NONE;
    c->n = (long)n;
    c->n_scored = (long)n_scored;
    c->k = (long)k;
    c->p = c->p_adj = NAN;
    if (n_scored == 0) {
        c->pct = c->ci_low = c->ci_high = c->diff = NAN;
        return JL_OK;
    }
    rc = jl_stats_wilson(&ci, k, n_scored, 0.95, err);
    if (rc < 0)
        return rc;
    c->pct = 100.0 * (double)k / (double)n_scored;
    c->ci_low = 100.0 * ci.lo;
    c->ci_high = 100.0 * ci.hi;
    c->diff = isnan(norm_pct) ? (double)NAN : c->pct - norm_pct;
    if (!isnan(norm_pct)) {
        c->p = c->p_adj = jl_stats_score_p(k, n_scored, norm_pct / 100);
        if (c->ci_low > norm_pct)
            c->flag = JL_FLAG_HIGH;
        else if (c->ci_high < norm_pct)
            c->flag = JL_FLAG_LOW;
    }
    return JL_OK;
}
