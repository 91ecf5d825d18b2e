#include "stats/profile.h"
#include "stats/interval.h"
#include "core/alloc.h"
#include "core/i18n.h"

#include <math.h>
#include <string.h>

void jl_counts_build(jl_counts *out, const int32_t *area, const int8_t *grade, const int8_t *sex,
                     const uint8_t *status, size_t n, size_t nareas, size_t ngrades,
                     size_t nsexes, size_t nscales, size_t ncut)
{
    size_t G = ngrades + 1, S = nsexes + 1, groups = nareas * G * S, i, a, g, s, j, q;

    memset(out, 0, sizeof *out);
    out->nareas = nareas;
    out->ngrades = ngrades;
    out->nsexes = nsexes;
    out->nscales = nscales;
    out->ncut = ncut;
    out->n = jl_xcalloc(groups, sizeof(uint32_t));
    out->n_scored = jl_xcalloc(groups * nscales, sizeof(uint32_t));
    out->k = jl_xcalloc(groups * nscales * (ncut ? ncut : 1), sizeof(uint32_t));

    /* Count the detailed cells only (grade and sex known), plus the three
     * kinds of partial totals for respondents whose grade or sex is
     * missing; totals are then summed from them. One pass over the
     * respondents keeps this linear and cache-friendly. */
    for (i = 0; i < n; i++) {
        size_t base;
        const uint8_t *st;

        if (area[i] < 0)
            continue;
        g = grade[i] < 0 ? ngrades : (size_t)grade[i];
        s = sex[i] < 0 ? nsexes : (size_t)sex[i];
        base = ((size_t)area[i] * G + g) * S + s;
        out->n[base]++;
        st = status + i * nscales;
        for (j = 0; j < nscales; j++) {
            uint8_t b = st[j];

            if (!(b & JL_ST_SCORED))
                continue;
            out->n_scored[base * nscales + j]++;
            for (q = 0; q < ncut; q++)
                if (b >> (q + 1) & 1)
                    out->k[(base * nscales + j) * ncut + q]++;
        }
    }
    /* Totals: first over sex within each known grade (s = T), then over
     * grade for every s (g = T). A respondent with a missing grade or sex
     * was counted directly in the total row above and is kept there. */
    for (a = 0; a < nareas; a++) {
        for (g = 0; g < ngrades; g++) {
            size_t tot = (a * G + g) * S + nsexes;

            for (s = 0; s < nsexes; s++) {
                size_t src = (a * G + g) * S + s;

                out->n[tot] += out->n[src];
                for (j = 0; j < nscales; j++) {
                    out->n_scored[tot * nscales + j] += out->n_scored[src * nscales + j];
                    for (q = 0; q < ncut; q++)
                        out->k[(tot * nscales + j) * ncut + q] +=
                            out->k[(src * nscales + j) * ncut + q];
                }
            }
        }
        for (s = 0; s <= nsexes; s++) {
            size_t tot = (a * G + ngrades) * S + s;

            for (g = 0; g < ngrades; g++) {
                size_t src = (a * G + g) * S + s;

                out->n[tot] += out->n[src];
                for (j = 0; j < nscales; j++) {
                    out->n_scored[tot * nscales + j] += out->n_scored[src * nscales + j];
                    for (q = 0; q < ncut; q++)
                        out->k[(tot * nscales + j) * ncut + q] +=
                            out->k[(src * nscales + j) * ncut + q];
                }
            }
        }
    }
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
                 double norm_pct, unsigned long min_n, jl_err *err)
{
    jl_interval ci;
    int rc;

    c->norm_pct = norm_pct;
    c->flag = JL_FLAG_NONE;
    c->reason = NULL;
    if (n_scored < min_n || n_scored == 0) {
        c->status = JL_CELL_SUPPRESSED;
        c->n = c->n_scored = c->k = -1;
        c->pct = c->ci_low = c->ci_high = c->diff = NAN;
        c->reason = n_scored == 0 ? _("no scored respondents")
                                  : _("fewer scored respondents than the threshold for showing "
                                      "a figure");
        return JL_OK;
    }
    rc = jl_stats_wilson(&ci, k, n_scored, 0.95, err);
    if (rc < 0)
        return rc;
    c->status = JL_CELL_OK;
    c->n = (long)n;
    c->n_scored = (long)n_scored;
    c->k = (long)k;
    c->pct = 100.0 * (double)k / (double)n_scored;
    c->ci_low = 100.0 * ci.lo;
    c->ci_high = 100.0 * ci.hi;
    c->diff = isnan(norm_pct) ? (double)NAN : c->pct - norm_pct;
    if (!isnan(norm_pct)) {
        if (c->ci_low > norm_pct)
            c->flag = JL_FLAG_HIGH;
        else if (c->ci_high < norm_pct)
            c->flag = JL_FLAG_LOW;
    }
    return JL_OK;
}
