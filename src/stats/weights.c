#include "stats/weights.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "stats/weights_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

/* LSD radix sort of 64-bit keys, 16 bits a pass, passes over constant
 * digits skipped: a million jl_spw_pairs sort in a few milliseconds, where qsort
 * needs ten times that. */
void jl_spw__radix_sort(uint64_t *a, size_t n)
{
    uint64_t *tmp, *src = a, *dst;
    size_t *count, i;
    int shift;

    if (n < 2)
        return;
    tmp = jl_xmalloc(n * sizeof *tmp);
    count = jl_xmalloc(65536 * sizeof *count);
    dst = tmp;
    for (shift = 0; shift < 64; shift += 16) {
        size_t sum = 0;
        uint64_t first = (a[0] >> shift) & 0xffff;
        int same = 1;

        memset(count, 0, 65536 * sizeof *count);
        for (i = 0; i < n; i++) {
            uint64_t d = (src[i] >> shift) & 0xffff;

            count[d]++;
            same &= d == first;
        }
        if (same)
            continue;
        for (i = 0; i < 65536; i++) {
            size_t c = count[i];

            count[i] = sum;
            sum += c;
        }
        for (i = 0; i < n; i++)
            dst[count[(src[i] >> shift) & 0xffff]++] = src[i];
        {
            uint64_t *t = src;

            src = dst;
            dst = t;
        }
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
    jl_free(tmp);
    jl_free(count);
}

void jl_spw__pairs_add(jl_spw_pairs *p, uint32_t i, uint32_t j)
{
    if (p->n == p->cap)
        p->k = jl_xgrow(p->k, &p->cap, p->n + 1, sizeof *p->k);
    p->k[p->n++] = (uint64_t)i << 32 | j;
}

void jl_spw__csr_from_sorted(jl_spw *out, size_t n, const uint64_t *k, size_t m)
{
    size_t e;

    memset(out, 0, sizeof *out);
    out->n = n;
    out->off = jl_xcalloc(n + 1, sizeof *out->off);
    out->nb = jl_xmalloc((m ? m : 1) * sizeof *out->nb);
    out->w = jl_xmalloc((m ? m : 1) * sizeof *out->w);
    for (e = 0; e < m; e++) {
        out->off[(k[e] >> 32) + 1]++;
        out->nb[e] = (uint32_t)k[e];
        out->w[e] = 1;
    }
    for (e = 0; e < n; e++)
        out->off[e + 1] += out->off[e];
    out->style = 'B';
}

int jl_spw_from_edges(jl_spw *out, size_t n, const uint32_t *from, const uint32_t *to,
                      const double *w, size_t m, jl_err *err)
{
    uint64_t *k;
    size_t e;

    memset(out, 0, sizeof *out);
    if (n > UINT32_MAX / 2)
        return jl_err_set(err, JL_ELIMIT, _("too many areas: %zu"), n);
    k = jl_xmalloc((m ? m : 1) * sizeof *k);
    /* Sort (pair, original position) so weights follow their pair. */
    for (e = 0; e < m; e++) {
        if (from[e] >= n || to[e] >= n) {
            jl_free(k);
            return jl_err_set(err, JL_EINPUT,
                              _("expected links between areas 1 to %zu, found link %zu outside "
                                "them"),
                              n, e + 1);
        }
        k[e] = (uint64_t)from[e] << 32 | to[e];
    }
    {
        size_t *ord = jl_xmalloc((m ? m : 1) * sizeof *ord);
        uint64_t *kk = jl_xmalloc((m ? m : 1) * sizeof *kk);
        /* A pair key takes the whole word, so the positions (for the
         * weights) are sorted alongside: a stable merge sort of indices. */
        int ascending = 1;

        for (e = 0; e < m; e++) {
            ord[e] = e;
            ascending &= !e || k[e] > k[e - 1];
        }
        /* files written sorted need no sort */
        if (!ascending) {
            size_t *tmp = jl_xmalloc((m ? m : 1) * sizeof *tmp), width;

            for (width = 1; width < m; width *= 2) {
                size_t lo;

                for (lo = 0; lo < m; lo += 2 * width) {
                    size_t mid = lo + width < m ? lo + width : m,
                           hi = lo + 2 * width < m ? lo + 2 * width : m, a = lo, b = mid, t = lo;

                    while (a < mid && b < hi)
                        tmp[t++] = k[ord[b]] < k[ord[a]] ? ord[b++] : ord[a++];
                    while (a < mid)
                        tmp[t++] = ord[a++];
                    while (b < hi)
                        tmp[t++] = ord[b++];
                }
                memcpy(ord, tmp, m * sizeof *ord);
            }
            jl_free(tmp);
        }
        for (e = 0; e < m; e++) {
            kk[e] = k[ord[e]];
            if (e && kk[e] == kk[e - 1]) {
                int rc = jl_err_set(err, JL_EINPUT, _("expected each pair once, found %u,%u again"),
                                    (unsigned)(kk[e] >> 32), (unsigned)kk[e]);

                jl_free(ord);
                jl_free(kk);
                jl_free(k);
                return rc;
            }
            if (kk[e] >> 32 == (kk[e] & 0xffffffffu)) {
                int rc = jl_err_set(err, JL_EINPUT,
                                    _("expected links between two different areas, found a "
                                      "link of area %u to itself"),
                                    (unsigned)(kk[e] >> 32));

                jl_free(ord);
                jl_free(kk);
                jl_free(k);
                return rc;
            }
        }
        jl_spw__csr_from_sorted(out, n, kk, m);
        if (w) {
            for (e = 0; e < m; e++)
                out->w[e] = w[ord[e]];
            out->style = 'G';
        }
        jl_free(ord);
        jl_free(kk);
    }
    jl_free(k);
    return JL_OK;
}

int jl_spw_set_style(jl_spw *w, char style, jl_err *err)
{
    size_t i, e, eff = 0;
    double D = 0;
    int general = w->style == 'G';
    double *g = jl_xmalloc((w->off[w->n] ? w->off[w->n] : 1) * sizeof *g);

    /* The base weights: general weights stay, anything else goes back to
     * the binary pattern. */
    for (e = 0; e < w->off[w->n]; e++)
        g[e] = general ? w->w[e] : 1.0;
    for (i = 0; i < w->n; i++)
        eff += w->off[i + 1] > w->off[i];
    for (e = 0; e < w->off[w->n]; e++)
        D += g[e];
    switch (style) {
    case 'B':
        memcpy(w->w, g, w->off[w->n] * sizeof *g);
        break;
    case 'W':
        for (i = 0; i < w->n; i++) {
            double d = 0;

            for (e = w->off[i]; e < w->off[i + 1]; e++)
                d += g[e];
            for (e = w->off[i]; e < w->off[i + 1]; e++)
                w->w[e] = d > 0 ? (1 / d) * g[e] : 0;
        }
        break;
    case 'C':
    case 'U':
        if (!(D > 0)) {
            jl_free(g);
            return jl_err_set(err, JL_EINPUT, _("the weights sum to %g; expected more than 0"), D);
        }
        for (e = 0; e < w->off[w->n]; e++)
            w->w[e] = (style == 'C' ? (double)eff / D : 1 / D) * g[e];
        break;
    case 'S': {
        double Q = 0;

        for (i = 0; i < w->n; i++) {
            double q = 0;

            for (e = w->off[i]; e < w->off[i + 1]; e++)
                q += g[e] * g[e];
            q = sqrt(q);
            for (e = w->off[i]; e < w->off[i + 1]; e++) {
                g[e] = q > 0 ? (1 / q) * g[e] : 0;
                Q += g[e];
            }
        }
        if (!(Q > 0)) {
            jl_free(g);
            return jl_err_set(err, JL_EINPUT, _("the weights sum to %g; expected more than 0"), Q);
        }
        for (e = 0; e < w->off[w->n]; e++)
            w->w[e] = ((double)eff / Q) * g[e];
        break;
    }
    default:
        jl_free(g);
        return jl_err_set(err, JL_EUSAGE, _("expected the style B, W, C, U or S, found %c"), style);
    }
    jl_free(g);
    /* Restyled general weights remain general underneath; the style
     * names what was done last. */
    w->style = general && style == 'B' ? 'G' : style;
    return JL_OK;
}

int jl_spw_with_self(jl_spw *out, const jl_spw *w, jl_err *err)
{
    size_t i, e, t = 0, m = w->off[w->n] + w->n;

    memset(out, 0, sizeof *out);
    out->n = w->n;
    out->off = jl_xcalloc(w->n + 1, sizeof *out->off);
    out->nb = jl_xmalloc(m * sizeof *out->nb);
    out->w = jl_xmalloc(m * sizeof *out->w);
    for (i = 0; i < w->n; i++) {
        int placed = 0;
        double mx = 1;

        if (w->style == 'G') {
            mx = 0;
            for (e = w->off[i]; e < w->off[i + 1]; e++)
                mx = fmax(mx, w->w[e]);
            if (mx == 0)
                mx = 1;
        }
        for (e = w->off[i]; e < w->off[i + 1]; e++) {
            if (!placed && w->nb[e] > i) {
                out->nb[t] = (uint32_t)i;
                out->w[t++] = mx;
                placed = 1;
            }
            out->nb[t] = w->nb[e];
            out->w[t++] = w->style == 'G' ? w->w[e] : 1;
        }
        if (!placed) {
            out->nb[t] = (uint32_t)i;
            out->w[t++] = mx;
        }
        out->off[i + 1] = t;
    }
    out->style = w->style == 'G' ? 'G' : 'B';
    if (w->style != 'G' && w->style != 'B')
        return jl_spw_set_style(out, w->style, err);
    return JL_OK;
}

void jl_spw_dispose(jl_spw *w)
{
    jl_free(w->off);
    jl_free(w->nb);
    jl_free(w->w);
    memset(w, 0, sizeof *w);
}

double jl_spw_get(const jl_spw *w, size_t i, size_t j)
{
    size_t lo = w->off[i], hi = w->off[i + 1];

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;

        if (w->nb[mid] < j)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < w->off[i + 1] && w->nb[lo] == j ? w->w[lo] : 0;
}

void jl_spw_summarise(const jl_spw *w, jl_spw_summary *s, uint32_t *comp)
{
    uint32_t *par = jl_xmalloc((w->n ? w->n : 1) * sizeof *par);
    size_t i, e, ksum = 0;

    memset(s, 0, sizeof *s);
    s->kmin = SIZE_MAX;
    s->symmetric = 1;
    for (i = 0; i < w->n; i++)
        par[i] = (uint32_t)i;
    for (i = 0; i < w->n; i++) {
        size_t k = w->off[i + 1] - w->off[i];

        ksum += k;
        if (k < s->kmin)
            s->kmin = k;
        if (k > s->kmax)
            s->kmax = k;
        if (!k)
            s->islands++;
        for (e = w->off[i]; e < w->off[i + 1]; e++) {
            uint32_t a = jl_spw__uf_find(par, (uint32_t)i), b = jl_spw__uf_find(par, w->nb[e]);

            if (a != b) {
                if (a < b)
                    par[b] = a;
                else
                    par[a] = b;
            }
            if (s->symmetric && jl_spw_get(w, w->nb[e], i) == 0 &&
                !(w->w[e] == 0))
                s->symmetric = 0;
        }
    }
    s->links = w->off[w->n];
    s->kmean = w->n ? (double)ksum / (double)w->n : 0;
    if (!w->n)
        s->kmin = 0;
    {
        uint32_t *num = jl_xmalloc((w->n ? w->n : 1) * sizeof *num);

        for (i = 0; i < w->n; i++)
            num[i] = UINT32_MAX;
        for (i = 0; i < w->n; i++) {
            uint32_t r = jl_spw__uf_find(par, (uint32_t)i);

            if (num[r] == UINT32_MAX)
                num[r] = (uint32_t)s->components++;
            if (comp)
                comp[i] = num[r];
        }
        jl_free(num);
    }
    jl_free(par);
}

void jl_spw_constants(const jl_spw *w, jl_spw_const *c)
{
    double *cs = jl_xcalloc(w->n ? w->n : 1, sizeof *cs);
    size_t i, e;
    double S0 = 0, s1a = 0, s1b = 0, S2 = 0, eff = 0;

    for (i = 0; i < w->n; i++) {
        double rs = 0;

        eff += w->off[i + 1] > w->off[i];
        for (e = w->off[i]; e < w->off[i + 1]; e++) {
            rs += w->w[e];
            cs[w->nb[e]] += w->w[e];
            s1a += w->w[e] * w->w[e];
            s1b += w->w[e] * jl_spw_get(w, w->nb[e], i);
        }
        S0 += rs;
    }
    for (i = 0; i < w->n; i++) {
        double rs = 0;

        for (e = w->off[i]; e < w->off[i + 1]; e++)
            rs += w->w[e];
        S2 += (rs + cs[i]) * (rs + cs[i]);
    }
    c->n = eff;
    c->n_all = (double)w->n;
    c->S0 = S0;
    c->S1 = s1a + s1b;
    c->S2 = S2;
    jl_free(cs);
}
