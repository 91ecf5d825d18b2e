/*
 * Secondary suppression, the index (release/secondary_int.h): per wave,
 * the sets of base units the cells speak of, the parts of overlapping
 * sets, the units at three levels with their true values, and every
 * additive relation among them.
 */
#include "core/alloc.h"
#include "release/secondary_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return x < y ? -1 : x > y;
}

/* Sorts u and drops repeats (a base unit listed twice counts once);
 * returns the new length. */
static size_t uniq(size_t *u, size_t n)
{
    size_t i, m = 0;

    if (n)
        qsort(u, n, sizeof *u, cmp_size);
    for (i = 0; i < n; i++)
        if (m == 0 || u[i] != u[m - 1])
            u[m++] = u[i];
    return m;
}

static void list_sort(sx_list *l)
{
    if (l->n)
        qsort(l->s, l->n, sizeof *l->s, cmp_str);
}

size_t jl_sx_kunit(const sx_wave *w, size_t set, size_t g, size_t s, size_t kc)
{
    return ((set * w->G + g) * w->S + s) * w->nkc + kc;
}

size_t jl_sx_sunit(const sx_wave *w, size_t set, size_t g, size_t s, size_t sc)
{
    return w->nK + ((set * w->G + g) * w->S + s) * w->scales.n + sc;
}

size_t jl_sx_nunit(const sx_wave *w, size_t set, size_t g, size_t s)
{
    return w->nK + w->nS + (set * w->G + g) * w->S + s;
}

sx_level jl_sx_level(const sx_wave *w, size_t u, size_t *set, size_t *g, size_t *s, size_t *c)
{
    size_t per, i;
    sx_level lv;

    if (u < w->nK) {
        lv = SX_K;
        per = w->nkc;
        i = u;
    } else if (u < w->nK + w->nS) {
        lv = SX_S;
        per = w->scales.n;
        i = u - w->nK;
    } else {
        lv = SX_N;
        per = 1;
        i = u - w->nK - w->nS;
    }
    *c = i % per;
    i /= per;
    *s = i % w->S;
    i /= w->S;
    *g = i % w->G;
    *set = i / w->G;
    return lv;
}

size_t jl_sx_up(const sx_wave *w, size_t u)
{
    size_t set, g, s, c, sc;
    sx_level lv = jl_sx_level(w, u, &set, &g, &s, &c);

    if (lv == SX_N)
        return SX_NONE;
    if (lv == SX_S)
        return jl_sx_nunit(w, set, g, s);
    for (sc = 0; sc + 1 < w->scales.n && w->cut_off[sc + 1] <= c; sc++)
        ;
    return jl_sx_sunit(w, set, g, s, sc);
}

/* The set of sorted units u[0..n-1], added if new. */
static size_t set_get(sx_wave *w, size_t *u, size_t n, int virt, size_t x, size_t y)
{
    char num[32];
    size_t i, len = 0, cap = 64, idx;
    char *k = jl_xmalloc(cap);

    k[0] = 0;
    for (i = 0; i < n; i++) {
        int m = snprintf(num, sizeof num, "%zu,", u[i]);

        k = jl_xgrow(k, &cap, len + (size_t)m + 1, 1);
        memcpy(k + len, num, (size_t)m + 1);
        len += (size_t)m;
    }
    if (!jl_strmap_get(w->setmap, k, &idx)) {
        idx = w->nsets;
        jl_strmap_put(w->setmap, k, idx, NULL);
        w->sets = jl_xgrow(w->sets, &w->capsets, w->nsets + 1, sizeof *w->sets);
        w->sets[idx].u = jl_xmalloc((n ? n : 1) * sizeof *u);
        memcpy(w->sets[idx].u, u, n * sizeof *u);
        w->sets[idx].n = n;
        w->sets[idx].virt = virt;
        w->sets[idx].x = x;
        w->sets[idx].y = y;
        w->nsets++;
    }
    jl_free(k);
    return idx;
}

/* The area of "division\tcode" in the first release that defines it. */
static const jl_rel_area *area_of(const sx *x, const char *div, const char *code)
{
    size_t r, i;

    for (r = 0; r < x->nrel; r++)
        for (i = 0; i < x->rel[r]->nareas; i++) {
            const jl_rel_area *a = &x->rel[r]->areas[i];

            if (!strcmp(a->division, div) && !strcmp(a->code, code))
                return a;
        }
    return NULL;
}

/* Categories and real sets of wave w, from every release's cells. */
static void index_wave(sx *x, sx_wave *w)
{
    jl_strmap *seen = jl_strmap_new();
    const char **keys = NULL;
    size_t nkeys = 0, capk = 0, r, i, j, sc;
    char buf[512];

    for (r = 0; r < x->nrel; r++)
        for (i = 0; i < x->rel[r]->ncells; i++) {
            const jl_rel_cell *c = &x->rel[r]->cells[i];

            if (!jl_sx_of_wave(x, r, c, w))
                continue;
            if (strcmp(c->grade, "T"))
                jl_au_list_add(&w->grades, c->grade);
            if (strcmp(c->sex, "T"))
                jl_au_list_add(&w->sexes, c->sex);
            jl_au_list_add(&w->scales, c->scale);
            snprintf(buf, sizeof buf, "%s\t%s", c->division, c->area);
            if (jl_strmap_put(seen, buf, nkeys, NULL)) {
                keys = jl_xgrow(keys, &capk, nkeys + 1, sizeof *keys);
                keys[nkeys++] = jl_strmap_key(seen, buf);
            }
        }
    /* as in the audit (release/audit_index.c): where not every respondent
     * has a grade (a sex), the parts get one more category, "none given",
     * that no cell publishes. The margin is then the sum of its parts, and
     * its relations bound the others as the attacker's model does: the
     * part nobody publishes can hold what the margin leaves, no more. */
    if (w->grades.n && !w->grade_complete)
        jl_au_list_add(&w->grades, "");
    if (w->sexes.n && !w->sex_complete)
        jl_au_list_add(&w->sexes, "");
    list_sort(&w->grades);
    list_sort(&w->sexes);
    list_sort(&w->scales);
    w->cuts = jl_xcalloc(w->scales.n + 1, sizeof *w->cuts);
    w->cut_off = jl_xcalloc(w->scales.n + 1, sizeof *w->cut_off);
    for (r = 0; r < x->nrel; r++)
        for (i = 0; i < x->rel[r]->ncells; i++) {
            const jl_rel_cell *c = &x->rel[r]->cells[i];

            if (jl_sx_of_wave(x, r, c, w))
                jl_au_list_add(&w->cuts[jl_au_find(&w->scales, c->scale)], c->cutoff);
        }
    for (sc = 0; sc < w->scales.n; sc++) {
        list_sort(&w->cuts[sc]);
        w->cut_off[sc] = w->nkc;
        w->nkc += w->cuts[sc].n;
    }
    w->G = w->grades.n + 1;
    w->S = w->sexes.n + 1;
    /* real sets in the order of their areas' sorted keys */
    if (nkeys)
        qsort(keys, nkeys, sizeof *keys, cmp_str);
    for (i = 0; i < nkeys; i++) {
        const char *tab = strchr(keys[i], '\t');
        char div[256];
        const jl_rel_area *a;
        size_t *u, set;

        snprintf(div, sizeof div, "%.*s", (int)(tab - keys[i]), keys[i]);
        a = area_of(x, div, tab + 1);
        if (!a)
            continue;
        u = jl_xmalloc((a->nbase + 1) * sizeof *u);
        for (j = 0; j < a->nbase; j++) {
            snprintf(buf, sizeof buf, "%s\t%s", a->base_division, a->base[j]);
            if (jl_strmap_put(w->atoms, buf, w->natoms, NULL))
                w->natoms++;
            jl_strmap_get(w->atoms, buf, &u[j]);
        }
        set = set_get(w, u, uniq(u, a->nbase), 0, SX_NONE, SX_NONE);
        jl_strmap_put(w->areamap, keys[i], set, NULL);
        jl_free(u);
    }
    w->nreal = w->nsets;
    jl_free(keys);
    jl_strmap_free(seen);
}

/* Partitions of a set into others, as a list while they are found. */
typedef struct parts {
    size_t *parent, *cs, *c, n, capn, nc, capc;
    jl_strmap *seen;
    unsigned char *mark; /* per base unit, scratch */
} parts;

/* Adds "parent is the union of the disjoint sets ch" if it is so. */
static void part_add(parts *pt, const sx_wave *w, size_t parent, size_t *ch, size_t n)
{
    const sx_set *p = &w->sets[parent];
    size_t i, j, tot = 0, len = 0;
    char key[64], *k;
    int ok = 1;

    if (n < 2)
        return;
    qsort(ch, n, sizeof *ch, cmp_size);
    for (i = 0; i < p->n; i++)
        pt->mark[p->u[i]] = 1;
    for (i = 0; i < n && ok; i++) {
        const sx_set *c = &w->sets[ch[i]];

        tot += c->n;
        for (j = 0; j < c->n && ok; j++) {
            ok = pt->mark[c->u[j]] == 1;
            pt->mark[c->u[j]] = 2;
        }
    }
    for (i = 0; i < p->n; i++)
        pt->mark[p->u[i]] = 0;
    for (i = 0; i < n; i++)
        for (j = 0; j < w->sets[ch[i]].n; j++)
            pt->mark[w->sets[ch[i]].u[j]] = 0;
    if (!ok || tot != p->n)
        return;
    k = jl_xmalloc(32 * (n + 1));
    len = (size_t)snprintf(k, 32, "%zu|", parent);
    for (i = 0; i < n; i++) {
        int m = snprintf(key, sizeof key, "%zu,", ch[i]);

        memcpy(k + len, key, (size_t)m + 1);
        len += (size_t)m;
    }
    if (jl_strmap_put(pt->seen, k, pt->n, NULL)) {
        pt->parent = jl_xgrow(pt->parent, &pt->capn, pt->n + 2, sizeof *pt->parent);
        pt->cs = jl_xrealloc(pt->cs, (pt->capn + 1) * sizeof *pt->cs);
        pt->c = jl_xgrow(pt->c, &pt->capc, pt->nc + n, sizeof *pt->c);
        pt->parent[pt->n] = parent;
        pt->cs[pt->n] = pt->nc;
        memcpy(pt->c + pt->nc, ch, n * sizeof *ch);
        pt->nc += n;
        pt->n++;
        pt->cs[pt->n] = pt->nc;
    }
    jl_free(k);
}

/* The parts of every two real sets that share base units (the slivers
 * the audit examines), and the partitions they make. */
static void virtual_sets(sx_wave *w, parts *pt)
{
    size_t a, b, i, j;

    for (a = 0; a < w->nreal; a++)
        for (b = a + 1; b < w->nreal; b++) {
            size_t nx0 = w->sets[a].n, ny0 = w->sets[b].n, nb = 0, nx = 0, ny = 0, ch[2], both;
            size_t *bu = jl_xmalloc((nx0 + 1) * sizeof *bu), *xu = jl_xmalloc((nx0 + 1) * sizeof *xu);
            size_t *yu = jl_xmalloc((ny0 + 1) * sizeof *yu);
            const size_t *x = w->sets[a].u, *y = w->sets[b].u;

            for (i = 0, j = 0; i < nx0 || j < ny0;) {
                if (j == ny0 || (i < nx0 && x[i] < y[j]))
                    xu[nx++] = x[i++];
                else if (i == nx0 || y[j] < x[i])
                    yu[ny++] = y[j++];
                else {
                    bu[nb++] = x[i++];
                    j++;
                }
            }
            if (nb) {
                both = set_get(w, bu, nb, 1, a, b);
                if (nx) {
                    ch[0] = both;
                    ch[1] = set_get(w, xu, nx, 1, a, b);
                    part_add(pt, w, a, ch, 2);
                }
                if (ny) {
                    ch[0] = both;
                    ch[1] = set_get(w, yu, ny, 1, b, a);
                    part_add(pt, w, b, ch, 2);
                }
            }
            jl_free(bu);
            jl_free(xu);
            jl_free(yu);
        }
}

/* A set as the union of its children in the hierarchy, and as the union
 * of its base units where each is a published area. */
static void hierarchy(const sx *x, sx_wave *w, parts *pt)
{
    size_t r, i, j, set, cset, n;
    size_t *ch = jl_xmalloc((w->nsets + w->natoms + 1) * sizeof *ch);
    char buf[512];

    for (set = 0; set < w->nreal; set++) {
        n = 0;
        for (r = 0; r < x->nrel; r++)
            for (i = 0; i < x->rel[r]->nareas; i++) {
                const jl_rel_area *a = &x->rel[r]->areas[i];
                size_t ps;

                if (!*a->parent_code)
                    continue;
                snprintf(buf, sizeof buf, "%s\t%s", a->parent_division, a->parent_code);
                if (!jl_strmap_get(w->areamap, buf, &ps) || ps != set)
                    continue;
                snprintf(buf, sizeof buf, "%s\t%s", a->division, a->code);
                if (!jl_strmap_get(w->areamap, buf, &cset))
                    continue;
                for (j = 0; j < n && ch[j] != cset; j++)
                    ;
                if (j == n)
                    ch[n++] = cset;
            }
        part_add(pt, w, set, ch, n);
    }
    for (set = 0; set < w->nsets; set++) {
        const sx_set *s = &w->sets[set];

        for (n = 0; n < s->n; n++) {
            snprintf(buf, sizeof buf, "%zu,", s->u[n]);
            if (!jl_strmap_get(w->setmap, buf, &ch[n]))
                break;
        }
        if (n == s->n)
            part_add(pt, w, set, ch, n);
    }
    jl_free(ch);
}

/* The units of cell c of wave w: K, S, N; 0 if it is not of w's sets. */
static int cell_units(const sx_wave *w, const jl_rel_cell *c, size_t u[3])
{
    char buf[512];
    size_t set, g, s, sc, cut;

    snprintf(buf, sizeof buf, "%s\t%s", c->division, c->area);
    if (!jl_strmap_get(w->areamap, buf, &set))
        return 0;
    g = strcmp(c->grade, "T") ? jl_au_find(&w->grades, c->grade) : w->G - 1;
    s = strcmp(c->sex, "T") ? jl_au_find(&w->sexes, c->sex) : w->S - 1;
    sc = jl_au_find(&w->scales, c->scale);
    if (g == SX_NONE || s == SX_NONE || sc == SX_NONE)
        return 0;
    cut = jl_au_find(&w->cuts[sc], c->cutoff);
    if (cut == SX_NONE)
        return 0;
    u[0] = jl_sx_kunit(w, set, g, s, w->cut_off[sc] + cut);
    u[1] = jl_sx_sunit(w, set, g, s, sc);
    u[2] = jl_sx_nunit(w, set, g, s);
    return 1;
}

/* Every unit's cells, and the values the releases give. */
static void unit_cells(const sx *x, sx_wave *w)
{
    size_t pass, r, i, l, u[3], *fill = NULL;

    w->ucs = jl_xcalloc(w->nu + 2, sizeof *w->ucs);
    w->cellk = jl_xmalloc((x->rel[0]->ncells + 1) * sizeof *w->cellk);
    for (i = 0; i < x->rel[0]->ncells; i++)
        w->cellk[i] = SX_NONE;
    for (pass = 0; pass < 2; pass++) {
        for (r = 0; r < x->nrel; r++)
            for (i = 0; i < x->rel[r]->ncells; i++) {
                const jl_rel_cell *c = &x->rel[r]->cells[i];

                if (!jl_sx_of_wave(x, r, c, w) || !cell_units(w, c, u))
                    continue;
                if (pass == 0 && r == 0)
                    w->cellk[i] = u[0];
                for (l = 0; l < 3; l++) {
                    if (pass == 0) {
                        w->ucs[u[l] + 1]++;
                        continue;
                    }
                    w->ucell[fill[u[l]]].rel = r;
                    w->ucell[fill[u[l]]++].i = i;
                }
            }
        if (pass == 0) {
            for (i = 0; i < w->nu; i++)
                w->ucs[i + 1] += w->ucs[i];
            w->ucell = jl_xmalloc((w->ucs[w->nu] + 1) * sizeof *w->ucell);
            fill = jl_xmalloc((w->nu + 1) * sizeof *fill);
            memcpy(fill, w->ucs, w->nu * sizeof *fill);
        }
    }
    jl_free(fill);
    w->val = jl_xmalloc((w->nu + 1) * sizeof *w->val);
    for (i = 0; i < w->nu; i++)
        w->val[i] = NAN;
    /* the release's own true counts first, then what earlier ones published */
    for (r = 0; r < x->nrel; r++)
        for (i = 0; i < x->rel[r]->ncells; i++) {
            const jl_rel_cell *c = &x->rel[r]->cells[i];
            long v[3];

            if (!jl_sx_of_wave(x, r, c, w) || !cell_units(w, c, u) || (r > 0 && c->suppressed))
                continue;
            v[0] = c->k;
            v[1] = c->n_scored;
            v[2] = c->n;
            for (l = 0; l < 3; l++)
                if (isnan(w->val[u[l]]) && v[l] >= 0)
                    w->val[u[l]] = (double)v[l];
        }
}

static void rel_add(sx_wave *w, const size_t *m, const signed char *sg, size_t n)
{
    if (w->nr + 2 > w->caprs) {
        w->rs = jl_xgrow(w->rs, &w->caprs, w->nr + 2, sizeof *w->rs);
        if (w->nr == 0)
            w->rs[0] = 0;
    }
    if (w->rs[w->nr] + n > w->caprm) {
        size_t cap = w->caprm;

        w->rm = jl_xgrow(w->rm, &w->caprm, w->rs[w->nr] + n, sizeof *w->rm);
        w->rsg = jl_xrealloc(w->rsg, w->caprm * sizeof *w->rsg);
        (void)cap;
    }
    memcpy(w->rm + w->rs[w->nr], m, n * sizeof *m);
    memcpy(w->rsg + w->rs[w->nr], sg, n);
    w->rs[w->nr + 1] = w->rs[w->nr] + n;
    w->nr++;
}

/* One relation per level and category for "total = sum of parts", where
 * unit(set, g, s, c) gives each member: at K every cut-off, at S every
 * scale, at N once. */
typedef struct shape {
    size_t set[2], g[2], s[2]; /* [0] the total, [1] the first part */
    size_t n;                  /* parts */
    int along;                 /* 0 sets (set[] from list), 1 grade, 2 sex */
    const size_t *sets;        /* along 0: the parts */
} shape;

static void emit(sx_wave *w, const shape *sh, size_t *m, signed char *sg)
{
    size_t lv, c, nc, i;

    for (lv = 0; lv < 3; lv++) {
        nc = lv == 0 ? w->nkc : lv == 1 ? w->scales.n : 1;
        for (c = 0; c < nc; c++) {
            for (i = 0; i <= sh->n; i++) {
                size_t set = sh->set[0], g = sh->g[0], s = sh->s[0];

                if (i > 0 && sh->along == 0)
                    set = sh->sets[i - 1];
                else if (i > 0 && sh->along == 1)
                    g = i - 1;
                else if (i > 0)
                    s = i - 1;
                m[i] = lv == 0 ? jl_sx_kunit(w, set, g, s, c)
                       : lv == 1 ? jl_sx_sunit(w, set, g, s, c) : jl_sx_nunit(w, set, g, s);
                sg[i] = i ? -1 : 1;
            }
            rel_add(w, m, sg, sh->n + 1);
        }
    }
}

static void relations(sx_wave *w, const parts *pt)
{
    size_t p, g, s, set, cap = w->nsets + w->G + w->S + 2;
    size_t *m = jl_xmalloc(cap * sizeof *m);
    signed char *sg = jl_xmalloc(cap);
    shape sh;

    w->rs = jl_xgrow(w->rs, &w->caprs, 2, sizeof *w->rs);
    w->rs[0] = 0;
    memset(&sh, 0, sizeof sh);
    for (p = 0; p < pt->n; p++)
        for (g = 0; g < w->G; g++)
            for (s = 0; s < w->S; s++) {
                sh.along = 0;
                sh.set[0] = pt->parent[p];
                sh.g[0] = g;
                sh.s[0] = s;
                sh.sets = pt->c + pt->cs[p];
                sh.n = pt->cs[p + 1] - pt->cs[p];
                emit(w, &sh, m, sg);
            }
    for (set = 0; set < w->nsets; set++) {
        for (s = 0; w->G > 1 && s < w->S; s++) {
            sh.along = 1;
            sh.set[0] = set;
            sh.g[0] = w->G - 1;
            sh.s[0] = s;
            sh.n = w->G - 1;
            emit(w, &sh, m, sg);
        }
        for (g = 0; w->S > 1 && g < w->G; g++) {
            sh.along = 2;
            sh.set[0] = set;
            sh.g[0] = g;
            sh.s[0] = w->S - 1;
            sh.n = w->S - 1;
            emit(w, &sh, m, sg);
        }
    }
    jl_free(m);
    jl_free(sg);
}

/* unit -> relations */
static void unit_relations(sx_wave *w)
{
    size_t r, e, *fill;

    w->urs = jl_xcalloc(w->nu + 2, sizeof *w->urs);
    for (r = 0; r < w->nr; r++)
        for (e = w->rs[r]; e < w->rs[r + 1]; e++)
            w->urs[w->rm[e] + 1]++;
    for (r = 0; r < w->nu; r++)
        w->urs[r + 1] += w->urs[r];
    w->ur = jl_xmalloc((w->urs[w->nu] + 1) * sizeof *w->ur);
    fill = jl_xmalloc((w->nu + 1) * sizeof *fill);
    memcpy(fill, w->urs, w->nu * sizeof *fill);
    for (r = 0; r < w->nr; r++)
        for (e = w->rs[r]; e < w->rs[r + 1]; e++)
            w->ur[fill[w->rm[e]]++] = r;
    jl_free(fill);
}

/* Values the relations give from the others' (a part of two areas is
 * their difference): the true counts of the sets no cell speaks of. */
static void propagate(sx_wave *w)
{
    size_t *cnt = jl_xmalloc((w->nr + 1) * sizeof *cnt), *q = jl_xmalloc((w->nr + 1) * sizeof *q);
    size_t r, e, nq = 0, head = 0;

    for (r = 0; r < w->nr; r++) {
        cnt[r] = 0;
        for (e = w->rs[r]; e < w->rs[r + 1]; e++)
            cnt[r] += isnan(w->val[w->rm[e]]) != 0;
        if (cnt[r] == 1)
            q[nq++] = r;
    }
    while (head < nq) {
        size_t u = SX_NONE;
        double sum = 0;
        int sgu = 1;

        r = q[head++];
        if (cnt[r] != 1)
            continue;
        for (e = w->rs[r]; e < w->rs[r + 1]; e++) {
            if (isnan(w->val[w->rm[e]])) {
                u = w->rm[e];
                sgu = w->rsg[e];
            } else {
                sum += w->rsg[e] * w->val[w->rm[e]];
            }
        }
        if (u == SX_NONE)
            continue;
        w->val[u] = -sum / sgu;
        cnt[r] = 0;
        for (e = w->urs[u]; e < w->urs[u + 1]; e++) {
            size_t r2 = w->ur[e];

            if (r2 != r && --cnt[r2] == 1 && nq < w->nr)
                q[nq++] = r2;
        }
    }
    jl_free(cnt);
    jl_free(q);
}

static int primary(jl_rreason r)
{
    return r == JL_RREASON_SMALL_GROUP || r == JL_RREASON_MIN_COUNT ||
           r == JL_RREASON_GROUP_DISCLOSURE;
}

/* The protected units: the primary cells' k (and n_scored of small
 * groups), the parts of two areas that hold from 1 to min_n - 1 scored,
 * and the n of a group whose small n_scored it would pin. */
static void sensitive(sx *x, sx_wave *w)
{
    size_t r, i, u[3], set, g, s, c;
    int none;

    w->sens = jl_xcalloc(w->nu + 1, 1);
    w->need = jl_xcalloc(w->nu + 1, sizeof *w->need);
    for (r = 0; r < x->nrel; r++)
        for (i = 0; i < x->rel[r]->ncells; i++) {
            const jl_rel_cell *cl = &x->rel[r]->cells[i];

            if (!jl_sx_of_wave(x, r, cl, w) || !cell_units(w, cl, u) || !cl->suppressed ||
                !primary(cl->reason))
                continue;
            if (w->val[u[1]] == 0) /* nobody in the group: nobody to disclose */
                continue;
            w->sens[u[0]] = 1;
            if (cl->reason == JL_RREASON_SMALL_GROUP)
                w->sens[u[1]] = 1;
        }
    for (i = 0; i < w->nK; i++) {
        size_t su = jl_sx_up(w, i);

        jl_sx_level(w, i, &set, &g, &s, &c);
        /* the audit protects a part whose size the attacker cannot
         * prove to be min_n or more: within a range of the protection,
         * one a little larger than min_n - 1 may be such a part; and so
         * are those of an area who gave no grade (sex), whom a margin
         * less its parts leaves (audit_region.c) */
        none = (g < w->grades.n && !*w->grades.s[g] && w->grades.n > 1) ||
               (s < w->sexes.n && !*w->sexes.s[s] && w->sexes.n > 1);
        if ((w->sets[set].virt || none) && w->val[su] > 0 &&
            w->val[su] < (double)x->min_n + x->p)
            w->sens[i] = w->sens[su] = 1;
    }
    for (i = w->nK; i < w->nK + w->nS; i++) {
        size_t nu = jl_sx_up(w, i);

        if (w->sens[i] && !(w->val[nu] - w->val[i] >= x->p))
            w->sens[nu] = 1;
    }
    for (i = 0; i < w->nu; i++)
        if (w->sens[i])
            w->need[i] = x->p;
}

static int cmp_wave(const void *a, const void *b)
{
    return strcmp(((const sx_wave *)a)->name, ((const sx_wave *)b)->name);
}

int jl_sx_build(sx *x, jl_err *err)
{
    size_t r, i, wi;

    (void)err;
    for (r = 0; r < x->nrel; r++) {
        if (x->rel[r]->min_n > x->min_n)
            x->min_n = x->rel[r]->min_n;
        for (i = 0; i < x->rel[r]->nwaves; i++) {
            const jl_rel_wave *rw = &x->rel[r]->waves[i];

            for (wi = 0; wi < x->nw && strcmp(x->w[wi].name, rw->name); wi++)
                ;
            if (wi == x->nw) {
                x->w = jl_xrealloc(x->w, (x->nw + 1) * sizeof *x->w);
                memset(&x->w[x->nw], 0, sizeof *x->w);
                x->w[x->nw++].name = rw->name;
            }
            /* the revision being protected, else the newest */
            if (r == 0 || (jl_sx_rev_in(x->rel[0], rw->name) == 0 &&
                           jl_sx_rev_in(x->rel[r], rw->name) > x->w[wi].rev))
                x->w[wi].rev = jl_sx_rev_in(x->rel[r], rw->name);
        }
    }
    /* a margin adds up if any release of that revision says so (another
     * revision's may have had everyone with a grade, and this one not) */
    for (r = 0; r < x->nrel; r++)
        for (i = 0; i < x->rel[r]->nwaves; i++) {
            const jl_rel_wave *rw = &x->rel[r]->waves[i];

            for (wi = 0; wi < x->nw && strcmp(x->w[wi].name, rw->name); wi++)
                ;
            if (jl_sx_rev_in(x->rel[r], rw->name) != x->w[wi].rev)
                continue;
            x->w[wi].grade_complete |= rw->grade_complete;
            x->w[wi].sex_complete |= rw->sex_complete;
        }
    if (x->nw)
        qsort(x->w, x->nw, sizeof *x->w, cmp_wave);
    for (wi = 0; wi < x->nw; wi++) {
        sx_wave *w = &x->w[wi];
        parts pt;

        memset(&pt, 0, sizeof pt);
        w->atoms = jl_strmap_new();
        w->setmap = jl_strmap_new();
        w->areamap = jl_strmap_new();
        index_wave(x, w);
        pt.seen = jl_strmap_new();
        pt.mark = jl_xcalloc(w->natoms + 1, 1);
        virtual_sets(w, &pt);
        hierarchy(x, w, &pt);
        w->nK = w->nsets * w->G * w->S * w->nkc;
        w->nS = w->nsets * w->G * w->S * w->scales.n;
        w->nN = w->nsets * w->G * w->S;
        w->nu = w->nK + w->nS + w->nN;
        unit_cells(x, w);
        relations(w, &pt);
        unit_relations(w);
        propagate(w);
        sensitive(x, w);
        w->known = jl_xcalloc(w->nu + 1, 1);
        w->via = jl_xmalloc((w->nu + 1) * sizeof *w->via);
        w->esc = jl_xcalloc(w->nu + 1, 1);
        jl_free(pt.parent);
        jl_free(pt.cs);
        jl_free(pt.c);
        jl_free(pt.mark);
        jl_strmap_free(pt.seen);
    }
    return JL_OK;
}

void jl_sx_dispose(sx *x)
{
    size_t wi, i;

    for (wi = 0; wi < x->nw; wi++) {
        sx_wave *w = &x->w[wi];

        jl_free(w->grades.s);
        jl_free(w->sexes.s);
        for (i = 0; i < w->scales.n; i++)
            jl_free(w->cuts[i].s);
        jl_free(w->scales.s);
        jl_free(w->cuts);
        jl_free(w->cut_off);
        jl_strmap_free(w->atoms);
        jl_strmap_free(w->setmap);
        jl_strmap_free(w->areamap);
        for (i = 0; i < w->nsets; i++)
            jl_free(w->sets[i].u);
        jl_free(w->sets);
        jl_free(w->ucs);
        jl_free(w->ucell);
        jl_free(w->cellk);
        jl_free(w->val);
        jl_free(w->sens);
        jl_free(w->need);
        jl_free(w->known);
        jl_free(w->via);
        jl_free(w->rs);
        jl_free(w->rm);
        jl_free(w->rsg);
        jl_free(w->urs);
        jl_free(w->ur);
        jl_free(w->esc);
    }
    jl_free(x->w);
}
