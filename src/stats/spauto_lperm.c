/*
 * Conditional permutations for local Moran (stats/spauto.h,
 * jl_sa_local_perm): a shared table of draws, or a stream per area.
 */
#include "stats/spauto.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/rng.h"
#include "stats/spauto_int.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

typedef struct lperm {
    const jl_spw *w;
    const double *z;
    double m2, zmax;
    size_t n, R, kmax;
    int mode;
    uint64_t seed;
    /* shared table */
    const uint32_t *tab;    /* R x kmax, values 0..n-2 */
    const double *prefix;   /* kmax x R: prefix[a*R + r] = sum_{b<=a} z[tab[r*kmax+b]] */
    const size_t *inv_off;  /* n: rows and positions where t appears */
    const uint32_t *inv_r;
    const uint8_t *inv_a;
    const uint32_t *inv_a32;
    atomic_size_t next;
    jl_sa_local *out;
    int simd; /* AVX2 (jl_sa__avx2) */
    const jl_progress *pr;
    pthread_t main;
} lperm;

#define LCHUNK 256
#define LBLOCK 64

static int equal_weights(const jl_spw *w, size_t i)
{
    size_t e;

    for (e = w->off[i] + 1; e < w->off[i + 1]; e++)
        if (w->w[e] != w->w[w->off[i]])
            return 0;
    return 1;
}

/* Draws k distinct values from 0..m-1 into d (ordered); scratch holds
 * 0..m-1 on entry and on return (partial Fisher-Yates, then undone). */
static void draw_distinct(jl_rng *rng, size_t m, size_t k, uint32_t *d, uint32_t *scratch,
                          uint32_t *swapped)
{
    size_t a;

    if (k <= 16) {
        /* Few draws from many: rejection beats touching memory. Each
         * 64-bit output gives two 32-bit uniforms (Lemire's bounded draw
         * on each half; a rejected half takes a fresh output). */
        uint32_t n32 = (uint32_t)m, thr = (uint32_t)(-n32) % n32;
        uint64_t bits = 0;
        int have = 0;

        for (a = 0; a < k; a++) {
            uint32_t v;
            size_t b;

        again:
            for (;;) {
                uint64_t prod;

                if (!have) {
                    bits = jl_rng_next(rng);
                    have = 2;
                }
                prod = (bits >> 32) * (uint64_t)n32;
                bits <<= 32;
                have--;
                if ((uint32_t)prod >= thr) {
                    v = (uint32_t)(prod >> 32);
                    break;
                }
            }
            for (b = 0; b < a; b++)
                if (d[b] == v)
                    goto again;
            d[a] = v;
        }
        return;
    }
    for (a = 0; a < k; a++) {
        size_t j = a + jl_rng_below32(rng, (uint32_t)(m - a));
        uint32_t t = scratch[a];

        scratch[a] = scratch[j];
        scratch[j] = t;
        d[a] = scratch[a];
        swapped[a] = (uint32_t)j;
    }
    for (a = k; a-- > 0;) {
        uint32_t t = scratch[a];

        scratch[a] = scratch[swapped[a]];
        scratch[swapped[a]] = t;
    }
}

/* One area's replicates: what they are compared with, and their counts
 * and sums of differences. */
typedef struct lrow {
    size_t i, k, ge, le;
    double zi, sobs, tol, sd, sd2;
} lrow;

/* The observed sum and the tolerance of area i; 0 for an island. */
static int row_begin(const lperm *L, size_t i, lrow *o)
{
    const jl_spw *w = L->w;
    size_t e;
    const uint32_t *nb = w->nb + w->off[i];
    const double *wt = w->w + w->off[i];
    double wmax = 0;

    memset(o, 0, sizeof *o);
    o->i = i;
    o->k = w->off[i + 1] - w->off[i];
    o->zi = L->z[i];
    for (e = 0; e < o->k; e++) {
        o->sobs += wt[e] * L->z[nb[e]];
        wmax = fmax(wmax, fabs(wt[e]));
    }
    o->tol = 1e-12 * (double)o->k * wmax * L->zmax;
    return o->k > 0;
}

static void row_end(const lperm *L, const lrow *a)
{
    jl_sa_local *o = &L->out[a->i];
    size_t R = L->R, ge = a->ge, le = a->le;
    /* sim = (z_i / m2) * s: a negative z_i turns the order round;
     * z_i = 0 makes every replicate equal to the observed. */
    double scale = a->zi / L->m2, md = a->sd / (double)R;

    if (a->zi < 0) {
        ge = a->le;
        le = a->ge;
    } else if (a->zi == 0)
        ge = le = R;
    o->ge = (uint32_t)ge;
    o->le = (uint32_t)le;
    o->p_greater = (double)(ge + 1) / (double)(R + 1);
    o->p_less = (double)(le + 1) / (double)(R + 1);
    o->p_folded = o->p_greater < o->p_less ? o->p_greater : o->p_less;
    o->E_sim = scale * (a->sobs + md);
    o->V_sim = R > 1 ? scale * scale * (a->sd2 - (double)R * md * md) / (double)(R - 1) : (double)NAN;
}

/* Replicates drawn for the area alone (--streams), or read from the
 * table for a row of unequal weights. */
static void row_draws(const lperm *L, lrow *o, uint32_t *d, uint32_t *scratch, uint32_t *swapped)
{
    const jl_spw *w = L->w;
    size_t i = o->i, k = o->k, n = L->n, R = L->R, r;
    const double *wt = w->w + w->off[i];
    jl_rng rng;

    if (L->mode == JL_PERM_STREAMS)
        jl_rng_seed(&rng, jl_sa__mix64(L->seed) ^ jl_sa__mix64(0x51ed27u + i));
    /* A block of replicates is drawn first, then summed: the sums of
     * different replicates do not wait on each other, so their scattered
     * loads overlap. The draws come in the same order either way. */
    for (r = 0; r < R; r += LBLOCK) {
        size_t nblk = R - r < LBLOCK ? R - r : LBLOCK, b2;

        if (L->mode == JL_PERM_STREAMS)
            for (b2 = 0; b2 < nblk; b2++)
                draw_distinct(&rng, n - 1, k, d + b2 * k, scratch, swapped);
        for (b2 = 0; b2 < nblk; b2++) {
            const uint32_t *row =
                L->mode == JL_PERM_STREAMS ? d + b2 * k : L->tab + (r + b2) * L->kmax;
            double s = 0, dd;
            size_t a;

            for (a = 0; a < k; a++) {
                uint32_t t = row[a];

                s += wt[a] * L->z[t == i ? n - 1 : t];
            }
            dd = s - o->sobs;
            o->ge += dd >= -o->tol;
            o->le += dd <= o->tol;
            o->sd += dd;
            o->sd2 += dd * dd;
        }
    }
}

/* Rows of one weight share the table: the sum of a row's k drawn values is
 * a prefix sum of the table row, corrected where the row drew i itself
 * (index i stands for n-1 for area i, a bijection onto the others). */
static void row_table(const lperm *L, lrow *o)
{
    size_t i = o->i, k = o->k, n = L->n, R = L->R, r;
    const double *P = L->prefix + (k - 1) * R;
    double fix = L->z[n - 1] - o->zi, w0 = L->w->w[L->w->off[i]];
    size_t q = i < n - 1 ? L->inv_off[i] : 0, qend = i < n - 1 ? L->inv_off[i + 1] : 0;

    for (r = 0; r < R; r++) {
        double s = P[r], dd;

        while (q < qend && L->inv_r[q] < r)
            q++;
        for (; q < qend && L->inv_r[q] == r; q++)
            if ((L->inv_a ? L->inv_a[q] : L->inv_a32[q]) < k)
                s += fix;
        s *= w0;
        dd = s - o->sobs;
        o->ge += dd >= -o->tol;
        o->le += dd <= o->tol;
        o->sd += dd;
        o->sd2 += dd * dd;
    }
}

#ifdef JL_SA_X86
/* With AVX2, LW rows with the same k go through the replicates together,
 * one lane each (table_avx2): a row's sums wait on each other (an
 * addition takes about 3 cycles), those of different rows do not, and
 * eight rows take about the time of one. Each lane does what row_table
 * does, in the same order, so the numbers are the same. */
#define LW 8
/* Two vectors of four lanes: one register each with AVX2. (A vector of
 * eight is not built well for AVX2: its comparisons came out lane by
 * lane.) */
typedef double v4 __attribute__((vector_size(4 * sizeof(double))));
typedef int64_t v4i __attribute__((vector_size(4 * sizeof(int64_t))));

/* Four lanes' constants and sums (kept apart, not in arrays, so that
 * the compiler holds them in registers); never passed by value: the ABI
 * of wide vectors differs by target. */
typedef struct lanes4 {
    v4 w0, sobs, tol, ntol, sd, sd2;
    v4i ge, le;
} lanes4;

/* The next replicate, from entry *q of the area's list on, that drew the
 * area itself among its first k; R if none. */
static size_t next_fix(const lperm *L, size_t *q, size_t qend, size_t k)
{
    for (; *q < qend; (*q)++)
        if ((L->inv_a ? L->inv_a[*q] : L->inv_a32[*q]) < k)
            return L->inv_r[*q];
    return L->R;
}

/* One replicate of four lanes, sw their sums times the weight. */
JL_SA_AVX2 static inline void lanes_add(lanes4 *a, const v4 *sw)
{
    v4 dd = *sw - a->sobs;

    a->ge -= (v4i)(dd >= a->ntol);
    a->le -= (v4i)(dd <= a->tol);
    a->sd += dd;
    a->sd2 += dd * dd;
}

JL_SA_AVX2 static void table_avx2(const lperm *L, lrow *const *rows)
{
    const size_t R = L->R, n = L->n, k = rows[0]->k;
    const double *P = L->prefix + (k - 1) * R;
    lanes4 a, b; /* lanes 0-3 and 4-7 */
    double fix[LW];
    v4 s0, s1;
    size_t q[LW], qend[LW], nx[LW], r = 0, rn, l;

    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    for (l = 0; l < LW; l++) {
        lanes4 *h = l < 4 ? &a : &b;
        size_t i = rows[l]->i;

        h->w0[l % 4] = L->w->w[L->w->off[i]];
        h->sobs[l % 4] = rows[l]->sobs;
        h->tol[l % 4] = rows[l]->tol;
        h->ntol[l % 4] = -rows[l]->tol;
        fix[l] = L->z[n - 1] - rows[l]->zi;
        q[l] = i < n - 1 ? L->inv_off[i] : 0;
        qend[l] = i < n - 1 ? L->inv_off[i + 1] : 0;
        nx[l] = next_fix(L, &q[l], qend[l], k);
    }
    /* runs of replicates without a correction, then the one with */
    for (;;) {
        for (rn = R, l = 0; l < LW; l++)
            rn = nx[l] < rn ? nx[l] : rn;
        for (; r < rn; r++) {
            s0 = P[r] * a.w0;
            s1 = P[r] * b.w0;
            lanes_add(&a, &s0);
            lanes_add(&b, &s1);
        }
        if (rn == R)
            break;
        for (l = 0; l < LW; l++) {
            double s = P[rn];

            while (nx[l] == rn) {
                s += fix[l];
                q[l]++;
                nx[l] = next_fix(L, &q[l], qend[l], k);
            }
            if (l < 4)
                s0[l % 4] = s;
            else
                s1[l % 4] = s;
        }
        s0 *= a.w0;
        s1 *= b.w0;
        lanes_add(&a, &s0);
        lanes_add(&b, &s1);
        r = rn + 1;
    }
    for (l = 0; l < LW; l++) {
        const lanes4 *h = l < 4 ? &a : &b;

        rows[l]->ge = (size_t)h->ge[l % 4];
        rows[l]->le = (size_t)h->le[l % 4];
        rows[l]->sd = h->sd[l % 4];
        rows[l]->sd2 = h->sd2[l % 4];
    }
}

static int by_k(const void *pa, const void *pb)
{
    const lrow *a = pa, *b = pb;

    if (a->k != b->k)
        return a->k < b->k ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* The nr rows of one weight of a chunk, LW at a time with the same k. */
static void rows_avx2(const lperm *L, lrow *rows, size_t nr)
{
    size_t a, b, l;

    qsort(rows, nr, sizeof *rows, by_k);
    for (a = 0; a < nr; a = b) {
        lrow *lane[LW];

        for (b = a; b < nr && b - a < LW && rows[b].k == rows[a].k; b++)
            ;
        /* a short group repeats its last row in the lanes left over */
        for (l = 0; l < LW; l++)
            lane[l] = &rows[a + l < b ? a + l : b - 1];
        table_avx2(L, lane);
        for (l = a; l < b; l++)
            row_end(L, &rows[l]);
    }
}
#endif

/* The nr rows of one weight of a chunk. */
static void rows_table(const lperm *L, lrow *rows, size_t nr)
{
    size_t a;

#ifdef JL_SA_X86
    if (L->simd) {
        rows_avx2(L, rows, nr);
        return;
    }
#endif
    for (a = 0; a < nr; a++) {
        row_table(L, &rows[a]);
        row_end(L, &rows[a]);
    }
}

static void *lperm_worker(void *arg)
{
    lperm *L = arg;
    size_t n = L->n, c;
    uint32_t *d = jl_xmalloc(LBLOCK * (L->kmax + 1) * sizeof *d);
    uint32_t *scratch = NULL, *swapped = jl_xmalloc((L->kmax + 1) * sizeof *swapped);
    lrow *rows = jl_xmalloc(LCHUNK * sizeof *rows);

    if (L->mode == JL_PERM_STREAMS && L->kmax > 16) {
        size_t t;

        scratch = jl_xmalloc(n * sizeof *scratch);
        for (t = 0; t < n; t++)
            scratch[t] = (uint32_t)t;
    }
    while ((c = atomic_fetch_add(&L->next, LCHUNK)) < n) {
        size_t i, end = c + LCHUNK < n ? c + LCHUNK : n, nr = 0;

        if (pthread_equal(pthread_self(), L->main))
            jl_progress_report(L->pr, JL_STAGE_PERM_AREAS, c, n);
        for (i = c; i < end; i++) {
            lrow *o = &rows[nr];

            if (!row_begin(L, i, o))
                continue;
            if (L->mode == JL_PERM_SHARED && equal_weights(L->w, i)) {
                nr++;
            } else {
                row_draws(L, o, d, scratch, swapped);
                row_end(L, o);
            }
        }
        rows_table(L, rows, nr);
    }
    jl_free(d);
    jl_free(scratch);
    jl_free(swapped);
    jl_free(rows);
    return NULL;
}

int jl_sa_local_perm(const jl_spw *w, const double *x, size_t R, uint64_t seed, int mode,
                     int threads, jl_sa_local *out, const jl_progress *pr, jl_err *err)
{
    lperm L;
    size_t n = w->n, i, kmax = 0;
    double *z, xb;
    jl_sa_acc a2 = 0;
    uint32_t *tab = NULL, *inv_r = NULL, *inv_a32 = NULL;
    uint8_t *inv_a = NULL;
    double *prefix = NULL;
    size_t *inv_off = NULL;

    if (jl_sa__check_x(w, x, err) < 0)
        return err->code;
    if (R < 1 || R > 10000000)
        return jl_err_set(err, JL_EUSAGE, _("expected 1 to 10000000 permutations, found %zu"), R);
    if (n > UINT32_MAX / 2)
        return jl_err_set(err, JL_ELIMIT, _("too many areas: %zu"), n);
    for (i = 0; i < n; i++)
        if (w->off[i + 1] - w->off[i] > kmax)
            kmax = w->off[i + 1] - w->off[i];
    if (kmax > n - 1)
        kmax = n - 1;
    memset(&L, 0, sizeof L);
    xb = jl_sa__mean_of(x, n);
    z = jl_xmalloc(n * sizeof *z);
    for (i = 0; i < n; i++) {
        z[i] = x[i] - xb;
        a2 += (jl_sa_acc)z[i] * z[i];
        L.zmax = fmax(L.zmax, fabs(z[i]));
    }
    L.m2 = (double)(a2 / (jl_sa_acc)n);
    if (!(L.m2 > 0)) {
        jl_free(z);
        return jl_err_set(err, JL_EINPUT, _("expected values that vary, found one value for all"));
    }
    L.w = w;
    L.z = z;
    L.n = n;
    L.R = R;
    L.kmax = kmax;
    L.mode = mode;
    L.seed = seed;
    L.out = out;
    L.pr = pr;
    L.main = pthread_self();
    L.simd = jl_sa__avx2();
    if (mode == JL_PERM_SHARED && kmax > 0) {
        jl_rng rng;
        uint32_t *scratch = jl_xmalloc(n * sizeof *scratch), *sw = jl_xmalloc(kmax * sizeof *sw);
        size_t r, a, t;

        if ((double)R * (double)kmax > 4e8) {
            jl_free(scratch);
            jl_free(sw);
            jl_free(z);
            return jl_err_set(err, JL_ELIMIT,
                              _("a shared table of %zu permutations for %zu neighbours is too "
                                "large; use --streams"),
                              R, kmax);
        }
        for (t = 0; t < n; t++)
            scratch[t] = (uint32_t)t;
        tab = jl_xmalloc(R * kmax * sizeof *tab);
        jl_rng_seed(&rng, jl_sa__mix64(seed));
        for (r = 0; r < R; r++)
            draw_distinct(&rng, n - 1, kmax, tab + r * kmax, scratch, sw);
        jl_free(scratch);
        jl_free(sw);
        /* prefix sums, one column per neighbour count */
        prefix = jl_xmalloc(kmax * R * sizeof *prefix);
        for (r = 0; r < R; r++) {
            double s = 0;

            for (a = 0; a < kmax; a++) {
                s += z[tab[r * kmax + a]];
                prefix[a * R + r] = s;
            }
        }
        /* where each index appears, row by row */
        inv_off = jl_xcalloc(n + 1, sizeof *inv_off);
        for (r = 0; r < R * kmax; r++)
            inv_off[tab[r] + 1]++;
        for (t = 0; t < n; t++)
            inv_off[t + 1] += inv_off[t];
        inv_r = jl_xmalloc((R && kmax ? R * kmax : 1) * sizeof *inv_r);
        if (kmax < 256)
            inv_a = jl_xmalloc((R && kmax ? R * kmax : 1) * sizeof *inv_a);
        else
            inv_a32 = jl_xmalloc((R && kmax ? R * kmax : 1) * sizeof *inv_a32);
        {
            size_t *fill = jl_xmalloc(n * sizeof *fill);

            memcpy(fill, inv_off, n * sizeof *fill);
            for (r = 0; r < R; r++)
                for (a = 0; a < kmax; a++) {
                    uint32_t t2 = tab[r * kmax + a];

                    inv_r[fill[t2]] = (uint32_t)r;
                    if (inv_a)
                        inv_a[fill[t2]] = (uint8_t)a;
                    else
                        inv_a32[fill[t2]] = (uint32_t)a;
                    fill[t2]++;
                }
            jl_free(fill);
        }
        L.tab = tab;
        L.prefix = prefix;
        L.inv_off = inv_off;
        L.inv_r = inv_r;
        L.inv_a = inv_a;
        L.inv_a32 = inv_a32;
    }
    atomic_init(&L.next, 0);
    jl_sa__run_threads(threads, lperm_worker, &L);
    jl_progress_end(pr, JL_STAGE_PERM_AREAS, n);
    jl_free(tab);
    jl_free(prefix);
    jl_free(inv_off);
    jl_free(inv_r);
    jl_free(inv_a);
    jl_free(inv_a32);
    jl_free(z);
    return JL_OK;
}
