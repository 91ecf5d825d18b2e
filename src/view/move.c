/*
 * The figures of an indicator's leaves moved into the grid of a division:
 * observed there, or moved from a division that has them by crosswalks
 * and parent links (view/indicator_int.h).
 */
#include "view/indicator_int.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "view/areas.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the grid ---- */

typedef jl_ind_cell cell;
typedef jl_ind_grid grid;

void jl_ind_grid_init(grid *g)
{
    memset(g, 0, sizeof *g);
    g->area_ix = jl_strmap_new();
    g->per_ix = jl_strmap_new();
    g->cell_ix = jl_strmap_new();
}

static size_t grid_index(jl_strmap *m, char ***names, size_t *n, size_t *cap, const char *s)
{
    size_t i;

    if (jl_strmap_get(m, s, &i))
        return i;
    jl_strmap_put(m, s, *n, NULL);
    *names = jl_xgrow(*names, cap, *n + 1, sizeof **names);
    (*names)[*n] = jl_xstrdup(s);
    return (*n)++;
}

static cell *grid_at(grid *g, const char *area, const char *period)
{
    size_t a = grid_index(g->area_ix, &g->areas, &g->na, &g->cap_a, area);
    size_t p = grid_index(g->per_ix, &g->periods, &g->np, &g->cap_p, period), k;
    char key[64];

    snprintf(key, sizeof key, "%zu:%zu", a, p);
    if (!jl_strmap_get(g->cell_ix, key, &k)) {
        k = g->nc;
        jl_strmap_put(g->cell_ix, key, k, NULL);
        g->c = jl_xgrow(g->c, &g->cap_c, g->nc + 1, sizeof *g->c);
        memset(&g->c[k], 0, sizeof g->c[k]);
        g->c[k].area = a;
        g->c[k].period = p;
        g->nc++;
    }
    return &g->c[k];
}

void jl_ind_grid_dispose(grid *g)
{
    size_t i;

    for (i = 0; i < g->na; i++)
        jl_free(g->areas[i]);
    for (i = 0; i < g->np; i++)
        jl_free(g->periods[i]);
    jl_free(g->areas);
    jl_free(g->periods);
    jl_free(g->c);
    jl_strmap_free(g->area_ix);
    jl_strmap_free(g->per_ix);
    jl_strmap_free(g->cell_ix);
    memset(g, 0, sizeof *g);
}

/* ---- links: each area of one division to the areas of another, weighted ---- */

typedef struct links {
    jl_strmap *ix;
    char **from;
    char ***to;
    double **w;
    size_t *n, cap, nfrom;
    jl_view_estimate est; /* what a part split by a weight below 1 is */
} links;

static void links_init(links *l)
{
    memset(l, 0, sizeof *l);
    l->ix = jl_strmap_new();
}

static void links_add(links *l, const char *from, const char *to, double w)
{
    size_t k;

    if (!jl_strmap_get(l->ix, from, &k)) {
        k = l->nfrom++;
        jl_strmap_put(l->ix, from, k, NULL);
        if (l->nfrom > l->cap) {
            l->cap = l->cap ? l->cap * 2 : 64;
            l->to = jl_xrealloc(l->to, l->cap * sizeof *l->to);
            l->from = jl_xrealloc(l->from, l->cap * sizeof *l->from);
            l->w = jl_xrealloc(l->w, l->cap * sizeof *l->w);
            l->n = jl_xrealloc(l->n, l->cap * sizeof *l->n);
        }
        l->to[k] = NULL;
        l->w[k] = NULL;
        l->n[k] = 0;
        l->from[k] = jl_xstrdup(from);
    }
    l->to[k] = jl_xrealloc(l->to[k], (l->n[k] + 1) * sizeof **l->to);
    l->w[k] = jl_xrealloc(l->w[k], (l->n[k] + 1) * sizeof **l->w);
    l->to[k][l->n[k]] = jl_xstrdup(to);
    l->w[k][l->n[k]] = w;
    l->n[k]++;
}

static void links_dispose(links *l)
{
    size_t k, i;

    for (k = 0; k < l->nfrom; k++) {
        for (i = 0; i < l->n[k]; i++)
            jl_free(l->to[k][i]);
        jl_free(l->to[k]);
        jl_free(l->w[k]);
        jl_free(l->from[k]);
    }
    jl_free(l->from);
    jl_free(l->to);
    jl_free(l->w);
    jl_free(l->n);
    jl_strmap_free(l->ix);
    memset(l, 0, sizeof *l);
}

static void xw_row(void *ctx, const jl_store_pair *p)
{
    links *l = ctx;

    if (!l->nfrom)
        l->est = !strcmp(p->method, "area")         ? JL_EST_AREA
                 : !strcmp(p->method, "population") ? JL_EST_POPULATION
                                                    : JL_EST_WEIGHTS;
    links_add(l, p->from_code, p->to_code, p->weight);
}

/* The crosswalk from src to dst into l: 1, or 0 (l empty) if there is none. */
static int crosswalk(links *l, jl_store *st, const char *src, const char *dst, jl_err *err)
{
    int rc;

    links_init(l);
    rc = jl_store_crosswalk_list(st, src, dst, xw_row, l, err);
    if (rc == 0 && l->nfrom)
        return 1;
    links_dispose(l);
    return rc;
}

/* Links from division src up its parents to dst: each area of src to the
 * area of dst it lies in. 0 (l untouched) if dst is not above src. */
static int parent_links(links *l, jl_store *st, const char *src, const char *dst, jl_err *err)
{
    char **to = NULL, **from = NULL;
    jl_strmap *map = NULL;
    size_t n = 0, i;
    int rc = jl_view_parent_map(&to, &n, &map, &from, st, src, dst, err);

    if (rc == 1) {
        links_init(l);
        for (i = 0; i < n; i++)
            links_add(l, from[i], to[i], 1.0);
    }
    for (i = 0; i < n; i++) {
        jl_free(to[i]);
        jl_free(from[i]);
    }
    jl_free(to);
    jl_free(from);
    jl_strmap_free(map);
    return rc;
}

/* ---- divisions ---- */

typedef jl_ind_divs div_list;

static void div_add(div_list *d, const char *id)
{
    if (d->n >= JL_MAX_DIVISIONS)
        d->over = 1;
    else
        snprintf(d->ids[d->n++], sizeof d->ids[0], "%s", id);
}

static void div_row(void *ctx, const jl_store_division *dv)
{
    div_add(ctx, dv->id);
}

static void observed_row(void *ctx, const char *division, long n)
{
    (void)n;
    div_add(ctx, division);
}

static int too_many_divisions(jl_err *err)
{
    return jl_err_set(err, JL_ELIMIT,
                      _("expected at most %d divisions in the database, found more (limit "
                        "JL_MAX_DIVISIONS)"),
                      JL_MAX_DIVISIONS);
}

int jl_ind_observed(div_list *d, jl_store *st, const char *id, jl_err *err)
{
    int rc;

    memset(d, 0, sizeof *d);
    rc = jl_store_observation_divisions(st, id, observed_row, d, err);
    if (rc == 0 && d->over)
        rc = too_many_divisions(err);
    return rc;
}

/* ---- moving a leaf's observations into the grid ---- */

/* Adds w * value of one observation to the cells it lands in, and counts
 * the links each cell was reached by. */
typedef struct move_ctx {
    grid *g;
    size_t leaf;
    const links *to; /* NULL: observed in the division itself */
    size_t n_obs;
    size_t *got, cap_got; /* by cell: links that brought a part */
} move_ctx;

static void count_link(move_ctx *m, const cell *c)
{
    size_t k = (size_t)(c - m->g->c), old = m->cap_got;

    if (k >= m->cap_got) {
        m->got = jl_xgrow(m->got, &m->cap_got, k + 1, sizeof *m->got);
        memset(m->got + old, 0, (m->cap_got - old) * sizeof *m->got);
    }
    m->got[k]++;
}

static unsigned char why_of(const char *status)
{
    return !strcmp(status, "ok")              ? JL_WHY_NONE
           : !strcmp(status, "suppressed")     ? JL_WHY_SUPPRESSED
           : !strcmp(status, "not_applicable") ? JL_WHY_NOT_APPLICABLE
                                               : JL_WHY_MISSING;
}

static void add_obs(void *ctx, const jl_store_obs *o)
{
    move_ctx *m = ctx;
    size_t k, i;

    m->n_obs++;
    if (!m->to) {
        cell *c = grid_at(m->g, o->area, o->period);

        c->seen[m->leaf] = 1;
        c->ok[m->leaf] = !strcmp(o->status, "ok");
        c->why[m->leaf] = why_of(o->status);
        c->v[m->leaf] = o->value;
        return;
    }
    if (!jl_strmap_get(m->to->ix, o->area, &k))
        return;
    for (i = 0; i < m->to->n[k]; i++) {
        cell *c;

        /* A link of weight 0 brings nothing, so nothing is missed
         * without it. */
        if (m->to->w[k][i] == 0)
            continue;
        c = grid_at(m->g, m->to->to[k][i], o->period);
        count_link(m, c);
        if (!c->seen[m->leaf]) {
            c->seen[m->leaf] = 1;
            c->ok[m->leaf] = 1;
            c->v[m->leaf] = 0;
        }
        /* A missing part makes the whole missing: a sum of what is there
         * would pass for the total. */
        if (strcmp(o->status, "ok")) {
            if (c->ok[m->leaf])
                c->why[m->leaf] = why_of(o->status);
            c->ok[m->leaf] = 0;
        } else
            c->v[m->leaf] += m->to->w[k][i] * o->value;
        if (m->to->w[k][i] < 1)
            c->est[m->leaf] = (unsigned char)m->to->est;
    }
}

typedef jl_ind_fill fill_ctx;

int jl_ind_fill_init(fill_ctx *f, grid *g, jl_store *st, const char *div, const char *sex,
                     const char *bd, jl_err *err)
{
    int rc;

    f->g = g;
    f->st = st;
    f->div = div;
    f->sex = sex ? sex : "T";
    f->bd = bd ? bd : "";
    f->all = jl_xcalloc(1, sizeof *f->all);
    rc = jl_store_division_each(st, div_row, f->all, err);
    if (rc == 0 && f->all->over)
        rc = too_many_divisions(err);
    return rc;
}

void jl_ind_fill_dispose(fill_ctx *f)
{
    jl_free(f->all);
    f->all = NULL;
}

/* Marks the cells of leaf li that fewer links reached than lead to their
 * area: a part of the sum has no row in the source (not even "..").
 * Counting links, not parts, keeps a part linked twice to one area (two
 * halves through a crosswalk, then up one parent) right. */
static void mark_absent(move_ctx *m, const links *l)
{
    jl_strmap *ix = jl_strmap_new();
    size_t *want = NULL, nwant = 0, cap = 0, k, i, t;

    for (k = 0; k < l->nfrom; k++)
        for (i = 0; i < l->n[k]; i++) {
            if (l->w[k][i] == 0)
                continue;
            if (!jl_strmap_get(ix, l->to[k][i], &t)) {
                t = nwant++;
                jl_strmap_put(ix, l->to[k][i], t, NULL);
                want = jl_xgrow(want, &cap, nwant, sizeof *want);
                want[t] = 0;
            }
            want[t]++;
        }
    for (k = 0; k < m->g->nc && k < m->cap_got; k++) {
        cell *c = &m->g->c[k];

        if (c->seen[m->leaf] && jl_strmap_get(ix, m->g->areas[c->area], &t) &&
            m->got[k] < want[t])
            c->absent[m->leaf] = 1;
    }
    jl_free(want);
    jl_strmap_free(ix);
}

/* Moves the observations of leaf li from division src into the grid by
 * the links l (which it frees). */
static int move_by(fill_ctx *f, size_t li, const char *id, links *l, const char *src, jl_err *err)
{
    move_ctx m;
    int rc;

    memset(&m, 0, sizeof m);
    m.g = f->g;
    m.leaf = li;
    m.to = l;
    rc = jl_store_observations_each(f->st, id, src, f->sex, f->bd, add_obs, &m, err);
    if (rc == 0)
        mark_absent(&m, l);
    jl_free(m.got);
    links_dispose(l);
    return rc;
}

/* Links from src straight to div: its crosswalk, else the parent links. */
static int one_step(links *l, jl_view_how *how, jl_store *st, const char *src, const char *div,
                    jl_err *err)
{
    int rc = crosswalk(l, st, src, div, err);

    if (rc != 0) {
        *how = JL_HOW_CROSSWALK;
        return rc;
    }
    rc = parent_links(l, st, src, div, err);
    *how = JL_HOW_PARENTS;
    return rc;
}

/* Links from src to div through division via: its crosswalk to via, then
 * via's parent links up to div (DeSO -> mellanområde by overlay, then up
 * to stadsområde), or else via's crosswalk to div, the weights
 * multiplying. 1, or 0 (l empty) if neither leads there. */
static int two_steps(links *l, jl_view_how *how, jl_store *st, const char *src, const char *via,
                     const char *div, jl_err *err)
{
    links up, c;
    size_t k, t, u, z;
    int rc = crosswalk(l, st, src, via, err);

    if (rc <= 0)
        return rc;
    rc = parent_links(&up, st, via, div, err);
    if (rc == 1) {
        for (k = 0; k < l->nfrom; k++)
            for (t = 0; t < l->n[k]; t++)
                if (jl_strmap_get(up.ix, l->to[k][t], &u)) {
                    jl_free(l->to[k][t]);
                    l->to[k][t] = jl_xstrdup(up.to[u][0]);
                }
        links_dispose(&up);
        *how = JL_HOW_CROSSWALK_PARENTS;
        return 1;
    }
    if (rc == 0)
        rc = crosswalk(&up, st, via, div, err);
    if (rc <= 0) {
        links_dispose(l);
        return rc;
    }
    links_init(&c);
    for (k = 0; k < l->nfrom; k++)
        for (t = 0; t < l->n[k]; t++)
            if (jl_strmap_get(up.ix, l->to[k][t], &u))
                for (z = 0; z < up.n[u]; z++)
                    links_add(&c, l->from[k], up.to[u][z], l->w[k][t] * up.w[u][z]);
    c.est = l->est != JL_EST_WEIGHTS ? l->est : up.est;
    links_dispose(&up);
    links_dispose(l);
    *l = c;
    *how = JL_HOW_CROSSWALK_CROSSWALK;
    return 1;
}

/* One step if one leads there, else two. */
int jl_ind_fill_leaf(fill_ctx *f, jl_view_leaf *lf, size_t li, jl_err *err)
{
    move_ctx m;
    div_list sd;
    links l;
    size_t s, x;
    int rc;

    memset(&m, 0, sizeof m);
    m.g = f->g;
    m.leaf = li;
    rc = jl_store_observations_each(f->st, lf->id, f->div, f->sex, f->bd, add_obs, &m, err);
    if (rc < 0 || m.n_obs)
        return rc;
    rc = jl_ind_observed(&sd, f->st, lf->id, err);
    if (rc < 0)
        return rc;
    if (!sd.n)
        return jl_err_set(err, JL_EINPUT, _("indicator %s has no observations: import them with "
                                            "\"jamlik indicator import\""),
                          lf->id);
    if (!lf->additive)
        return jl_err_set(err, JL_EINPUT,
                          _("indicator %s is observed in %s, not in %s, and a %s does not add "
                            "up over areas: a %s of parts is not the %s of the whole"),
                          lf->id, sd.ids[0], f->div, lf->kind, lf->kind, lf->kind);
    for (s = 0; s < sd.n; s++) {
        rc = one_step(&l, &lf->how, f->st, sd.ids[s], f->div, err);
        if (rc < 0)
            return rc;
        if (rc == 1) {
            snprintf(lf->from, sizeof lf->from, "%s", sd.ids[s]);
            return move_by(f, li, lf->id, &l, sd.ids[s], err);
        }
    }
    for (s = 0; s < sd.n; s++)
        for (x = 0; x < f->all->n; x++) {
            const char *via = f->all->ids[x];

            if (!strcmp(via, f->div) || !strcmp(via, sd.ids[s]))
                continue;
            rc = two_steps(&l, &lf->how, f->st, sd.ids[s], via, f->div, err);
            if (rc < 0)
                return rc;
            if (rc == 1) {
                snprintf(lf->from, sizeof lf->from, "%s", sd.ids[s]);
                snprintf(lf->via, sizeof lf->via, "%s", via);
                return move_by(f, li, lf->id, &l, sd.ids[s], err);
            }
        }
    lf->how = JL_HOW_OWN;
    return jl_err_set(err, JL_EINPUT,
                      _("indicator %s is observed in %s, not in %s, and no crosswalk or parent "
                        "link leads there: build one with \"jamlik areas crosswalk\""),
                      lf->id, sd.ids[0], f->div);
}
