/*
 * jamlik indicator: definitions, imports, and the table a board reads:
 * per area the value, the city's value, the ratio to the city, the rank and
 * the trend. A figure that is not observed in the division asked for is
 * moved there from a division that has it, through a crosswalk or the
 * areas' parent links, and says so; only what adds up is moved.
 */
#include "cli/commands.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/num.h"
#include "core/strmap.h"
#include "core/text.h"
#include "indicator/def.h"
#include "indicator/obs.h"
#include "stats/assoc.h"
#include "stats/ineq.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- define ---- */

typedef struct known_ctx {
    jl_store *st;
    jl_err *err;
    int found;
    jl_strmap *memo; /* id -> answer + 1: one query per indicator, not per row */
} known_ctx;

static void found_row(void *ctx, const char *const *c, size_t n)
{
    known_ctx *k = ctx;

    (void)n;
    /* 1 defined, 2 derived (has a formula). */
    k->found = *c[6] ? 2 : 1;
}

static int lookup(void *ctx, const char *id)
{
    known_ctx *k = ctx;
    size_t v;

    if (k->memo && jl_strmap_get(k->memo, id, &v))
        return (int)v - 1;
    k->found = 0;
    jl_store_indicator_list(k->st, id, found_row, k, k->err);
    if (!k->memo)
        k->memo = jl_strmap_new();
    jl_strmap_put(k->memo, id, (size_t)k->found + 1, NULL);
    return k->found;
}


/* The database's formulas: id and formula of each derived indicator. */
typedef struct formulas {
    char **p; /* id, formula, id, formula, ... */
    size_t n, cap;
} formulas;

static void formula_row(void *ctx, const char *const *c, size_t n)
{
    formulas *f = ctx;

    (void)n;
    if (!*c[6])
        return;
    f->p = jl_xgrow(f->p, &f->cap, f->n + 2, sizeof *f->p);
    f->p[f->n++] = jl_xstrdup(c[0]);
    f->p[f->n++] = jl_xstrdup(c[6]);
}

/* An indicator that formulas of the database use must stay something a
 * formula can use: one without a formula of its own (a formula over a
 * derived indicator is never evaluated, and one that led back would be a
 * cycle). Formulas redefined by the file itself were checked with it. */
static int check_users(jl_diag *d, jl_store *st, const jl_indicator *v, size_t n, jl_err *err)
{
    formulas f;
    size_t i, j, k;
    int rc;

    memset(&f, 0, sizeof f);
    rc = jl_store_indicator_list(st, NULL, formula_row, &f, err);
    for (i = 0; rc == 0 && i < n; i++) {
        char users[400];
        size_t w = 0, nu = 0;
        int cut = 0;

        if (!v[i].formula)
            continue;
        users[0] = '\0';
        for (j = 0; j < f.n; j += 2) {
            jl_expr *x;
            char msg[256];
            size_t at;

            for (k = 0; k < n && strcmp(v[k].id, f.p[j]); k++)
                ;
            if (k < n || jl_expr_parse(&x, f.p[j + 1], msg, sizeof msg, &at) < 0)
                continue;
            for (k = 0; k < jl_expr_nrefs(x) && strcmp(jl_expr_ref(x, k), v[i].id); k++)
                ;
            if (k < jl_expr_nrefs(x)) {
                if (w + strlen(f.p[j]) + 8 < sizeof users)
                    w += (size_t)snprintf(users + w, sizeof users - w, "%s%s", nu ? ", " : "",
                                          f.p[j]);
                else if (!cut) {
                    w += (size_t)snprintf(users + w, sizeof users - w, "%s...", nu ? ", " : "");
                    cut = 1;
                }
                nu++;
            }
            jl_expr_free(x);
        }
        if (nu)
            jl_diag_add(d, v[i].line, 1,
                        _("indicator %s is used in the formulas of %s: expected it without a "
                          "formula, found one"),
                        v[i].id, users);
    }
    for (j = 0; j < f.n; j++)
        jl_free(f.p[j]);
    jl_free(f.p);
    return rc;
}

int cmd_indicator_define(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_indicator *v = NULL;
    size_t n = 0, i, len;
    char *text = NULL;
    jl_diag d;
    known_ctx k = {cli->store, err, 0, NULL};
    int rc;

    (void)argv;
    if (argc != 1)
        return jl_err_set(err, JL_EUSAGE, _("usage: jamlik indicator define FILE"));
    rc = jl_text_load(&text, &len, NULL, argv[0], JL_ENC_UTF8, err);
    if (rc < 0)
        return rc;
    jl_diag_init(&d, argv[0]);
    rc = jl_indicators_parse(&v, &n, text, len, &d, lookup, &k);
    jl_strmap_free(k.memo);
    jl_free(text);
    if (rc == 0) {
        rc = check_users(&d, cli->store, v, n, err);
        if (rc < 0) {
            jl_indicators_free(v, n);
            jl_diag_dispose(&d);
            return rc;
        }
        if (d.n) {
            jl_indicators_free(v, n);
            v = NULL;
            n = 0;
            rc = JL_EINPUT;
        }
    }
    if (rc < 0) {
        jl_cli_print_diag(&d);
        fprintf(stderr, _("%s: %zu problems; nothing defined\n"), argv[0], d.n);
        jl_diag_dispose(&d);
        return 1;
    }
    jl_diag_dispose(&d);
    rc = jl_store_begin(cli->store, err);
    for (i = 0; i < n && rc == 0; i++) {
        jl_store_indicator s;

        s.id = v[i].id;
        s.name = v[i].name;
        s.name_en = v[i].name_en;
        s.unit = v[i].unit;
        s.kind = jl_ind_kind_name(v[i].kind);
        s.better = jl_better_name(v[i].better);
        s.formula = v[i].formula;
        s.theme = v[i].theme;
        s.goal = v[i].goal;
        s.source = v[i].source;
        s.licence = v[i].licence;
        s.note = v[i].note;
        rc = jl_store_indicator_put(cli->store, &s, err);
    }
    if (rc < 0)
        jl_store_rollback(cli->store);
    else
        rc = jl_store_commit(cli->store, err);
    if (rc == 0 && !cli->quiet)
        fprintf(stderr, _("Defined %zu indicators from %s\n"), n, argv[0]);
    jl_indicators_free(v, n);
    return rc < 0 ? rc : 0;
}

/* ---- import ---- */

static void put_code(void *ctx, const char *const *c, size_t n)
{
    (void)n;
    jl_strmap_put(ctx, c[0], 0, NULL);
}

int cmd_indicator_import(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_opt opts[] = {{"--as", 1, NULL}, {"--division", 1, NULL}, {"--map", 1, NULL},
                     {"--select", 1, NULL}};
    size_t npos, i, unknown = 0, nstatus[4] = {0, 0, 0, 0}, w = 0;
    /* the first 15 unknown codes: the readers keep each within JL_MAX_CODE */
    char listed[15 * (JL_MAX_CODE + 1) + 1] = "";
    char *pos[1];
    const char *as, *div;
    known_ctx k = {cli->store, err, 0, NULL};
    jl_obs_set set;
    jl_strmap *areas = NULL;
    int rc, have_areas;

    rc = jl_cli_parse(opts, 4, pos, 1, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    as = jl_cli_opt(opts, 3, "--as");
    div = jl_cli_opt(opts, 3, "--division");
    if (npos != 1 || !as || !div)
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik indicator import FILE --as wide|long|jsonstat|kolada "
                            "--division D [--map FILE] [--select DIM=CODE,...]"));
    if ((rc = jl_cli_division_id(div, "--division", err)) < 0)
        return rc;
    if (!strcmp(as, "wide")) {
        if (!jl_cli_opt(opts, 3, "--map"))
            return jl_err_set(err, JL_EUSAGE,
                              _("--as wide needs --map FILE naming each column's indicator and "
                                "period"));
        rc = jl_obs_read_wide(&set, pos[0], div, jl_cli_opt(opts, 3, "--map"), lookup, &k, err);
    } else if (!strcmp(as, "long"))
        rc = jl_obs_read_long(&set, pos[0], div, lookup, &k, err);
    else if (!strcmp(as, "kolada"))
        rc = jl_obs_read_kolada(&set, pos[0], div, jl_cli_opt(opts, 4, "--map"), lookup, &k, err);
    else if (!strcmp(as, "jsonstat"))
        rc = jl_obs_read_jsonstat(&set, pos[0], div, jl_cli_opt(opts, 4, "--map"),
                                  jl_cli_opt(opts, 4, "--select"), lookup, &k, err);
    else
        return jl_err_set(err, JL_EUSAGE, _("expected --as wide, long, jsonstat or kolada, found \"%s\""),
                          as);
    jl_strmap_free(k.memo);
    if (rc < 0)
        return rc;
    /* Codes the division does not know are kept and counted, as survey
     * imports do: the areas may be imported later (or never: DeSO 2018 has
     * no maps here). */
    have_areas = jl_store_division_exists(cli->store, div, err);
    if (have_areas < 0) {
        jl_obs_set_dispose(&set);
        return have_areas;
    }
    if (have_areas > 0) {
        jl_strmap *seen = jl_strmap_new();

        areas = jl_strmap_new();
        rc = jl_store_area_list(cli->store, div, put_code, areas, err);
        for (i = 0; rc == 0 && jl_strmap_size(areas) > 0 && i < set.n; i++)
            if (!jl_strmap_get(areas, set.o[i].area, NULL) &&
                jl_strmap_put(seen, set.o[i].area, 0, NULL)) {
                /* The first few are named: a code changed between
                 * versions of a division (DeSO 2018 -> 2025) shows here. */
                if (unknown < 15 && w < sizeof listed)
                    w += (size_t)snprintf(listed + w, sizeof listed - w, "%s%s", unknown ? " " : "",
                                          set.o[i].area);
                unknown++;
            }
        jl_strmap_free(seen);
    }
    rc = jl_store_begin(cli->store, err);
    if (rc == 0 && have_areas == 0)
        rc = jl_store_division_put(cli->store, div, div, NULL, err);
    if (rc == 0)
        rc = jl_store_observations_put(cli->store, set.o, set.n, err);
    if (rc < 0) {
        jl_store_rollback(cli->store);
        jl_obs_set_dispose(&set);
        jl_strmap_free(areas);
        return rc;
    }
    rc = jl_store_commit(cli->store, err);
    for (i = 0; i < set.n; i++)
        nstatus[!strcmp(set.o[i].status, "ok")           ? 0
                : !strcmp(set.o[i].status, "missing")    ? 1
                : !strcmp(set.o[i].status, "suppressed") ? 2
                                                         : 3]++;
    if (rc == 0 && !cli->quiet)
        fprintf(stderr,
                _("Imported %zu observations into division %s from %s: %zu with a value, %zu "
                  "missing, %zu suppressed, %zu not applicable\n"),
                set.n, div, pos[0], nstatus[0], nstatus[1], nstatus[2], nstatus[3]);
    if (rc == 0 && unknown && !cli->quiet)
        fprintf(stderr, _("  %zu area codes not in division %s (kept): %s%s\n"), unknown, div,
                listed, unknown > 15 ? " ..." : "");
    jl_obs_set_dispose(&set);
    jl_strmap_free(areas);
    return rc < 0 ? rc : 0;
}

/* ---- list ---- */

static void ind_row(void *ctx, const char *const *c, size_t n)
{
    jl_out *o = ctx;

    (void)n;
    jl_out_str(o, c[0]);
    jl_out_str(o, jl_i18n_lang() == JL_LANG_EN && *c[2] ? c[2] : c[1]);
    jl_out_str(o, c[3]);
    jl_out_str(o, c[4]);
    jl_out_str(o, c[5]);
    jl_out_str(o, c[6]);
    jl_out_str(o, c[7]);
    jl_out_int(o, atol(c[12]));
    jl_out_str(o, c[9]);
    jl_out_row_end(o);
}

/* ---- show: the values of one indicator over the areas of a division ---- */

typedef struct leaf {
    char *id;
    int additive; /* a count: adds up over areas */
    char *kind;
    char *moved;  /* how it reached the division, or NULL */
} leaf;

typedef struct cell {
    double v[JL_MAX_FORMULA_LEAVES];
    unsigned char ok[JL_MAX_FORMULA_LEAVES], seen[JL_MAX_FORMULA_LEAVES];
    size_t area, period;
} cell;

/* The figures of a formula's leaf indicators per (area, period) of a
 * division. */
typedef struct grid {
    jl_strmap *area_ix, *per_ix, *cell_ix;
    char **areas, **periods;
    size_t na, np, cap_a, cap_p;
    cell *c;
    size_t nc, cap_c;
} grid;

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
    char key[256];

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

static cell *grid_find(const grid *g, size_t a, size_t p)
{
    char key[64];
    size_t k;

    snprintf(key, sizeof key, "%zu:%zu", a, p);
    return jl_strmap_get(g->cell_ix, key, &k) ? &g->c[k] : NULL;
}

static void grid_dispose(grid *g)
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
}

/* Adds w * value of one observation to the cell it lands in. */
typedef struct move_ctx {
    grid *g;
    size_t leaf;
    jl_strmap *to;     /* from-area -> index into to_code/w lists, or NULL: direct */
    char ***to_code;   /* per from-area: target codes */
    double **w;
    size_t *nto;
    size_t n_obs;
} move_ctx;

static void add_obs(void *ctx, const jl_store_obs *o)
{
    move_ctx *m = ctx;
    size_t k, i;

    m->n_obs++;
    if (!m->to) {
        cell *c = grid_at(m->g, o->area, o->period);

        if (!c)
            return;
        c->seen[m->leaf] = 1;
        c->ok[m->leaf] = !strcmp(o->status, "ok");
        c->v[m->leaf] = o->value;
        return;
    }
    if (!jl_strmap_get(m->to, o->area, &k))
        return;
    for (i = 0; i < m->nto[k]; i++) {
        cell *c = grid_at(m->g, m->to_code[k][i], o->period);

        if (!c)
            continue;
        if (!c->seen[m->leaf]) {
            c->seen[m->leaf] = 1;
            c->ok[m->leaf] = 1;
            c->v[m->leaf] = 0;
        }
        /* A missing part makes the whole missing: a sum of what is there
         * would pass for the total. */
        if (strcmp(o->status, "ok"))
            c->ok[m->leaf] = 0;
        else
            c->v[m->leaf] += m->w[k][i] * o->value;
    }
}

typedef struct links {
    jl_strmap *ix;
    char **from;
    char ***to;
    double **w;
    size_t *n, cap, nfrom;
} links;

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

static void xw_row(void *ctx, const char *const *c, size_t n)
{
    (void)n;
    links_add(ctx, c[0], c[1], atof(c[2]));
}

typedef struct div_info {
    char ids[JL_MAX_DIVISIONS][JL_MAX_ID + 1], parents[JL_MAX_DIVISIONS][JL_MAX_ID + 1];
    size_t n;
    int over; /* more than JL_MAX_DIVISIONS: refused, not cut */
} div_info;

static void div_row(void *ctx, const char *const *c, size_t n)
{
    div_info *d = ctx;

    (void)n;
    if (d->n >= JL_MAX_DIVISIONS) {
        d->over = 1;
        return;
    }
    snprintf(d->ids[d->n], sizeof d->ids[0], "%s", c[0]);
    snprintf(d->parents[d->n], sizeof d->parents[0], "%s", c[3]);
    d->n++;
}

static int too_many_divisions(jl_err *err)
{
    return jl_err_set(err, JL_ELIMIT,
                      _("expected at most %d divisions in the database, found more (limit "
                        "JL_MAX_DIVISIONS)"),
                      JL_MAX_DIVISIONS);
}

/* Links from division src up its parents to dst: each area of src to the
 * area of dst it lies in (view/areas.h, the one parent walk). 0 if dst is
 * not above src. */
static int parent_links(links *out, jl_store *st, const char *src, const char *dst, jl_err *err)
{
    char **to = NULL, **from = NULL;
    jl_strmap *map = NULL;
    size_t n = 0, i;
    int rc = jl_view_parent_map(&to, &n, &map, &from, st, src, dst, err);

    if (rc == 1) {
        memset(out, 0, sizeof *out);
        out->ix = jl_strmap_new();
        for (i = 0; i < n; i++)
            links_add(out, from[i], to[i], 1.0);
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

typedef struct src_divs {
    char ids[JL_MAX_DIVISIONS][JL_MAX_ID + 1];
    size_t n;
    int over;
} src_divs;

static void src_row(void *ctx, const char *const *c, size_t n)
{
    src_divs *s = ctx;

    (void)n;
    if (s->n >= JL_MAX_DIVISIONS)
        s->over = 1;
    else
        snprintf(s->ids[s->n++], sizeof s->ids[0], "%s", c[0]);
}

/* The divisions where indicator id is observed, most observations first. */
static int observed_divisions(src_divs *sd, jl_cli *cli, const char *id, jl_err *err)
{
    int rc;

    memset(sd, 0, sizeof *sd);
    rc = jl_store_observation_divisions(cli->store, id, src_row, sd, err);
    if (rc == 0 && sd->over)
        rc = too_many_divisions(err);
    return rc;
}

typedef struct obs_sel {
    const char *sex, *bd;
} obs_sel;

/* Moves the observations of leaf lf in division src into the grid by the
 * links l (which it frees). */
static int move_by(move_ctx *m, links *l, jl_cli *cli, const leaf *lf, const char *src,
                   const obs_sel *sel, jl_err *err)
{
    int rc;

    m->to = l->ix;
    m->to_code = l->to;
    m->w = l->w;
    m->nto = l->n;
    rc = jl_store_observations_each(cli->store, lf->id, src, sel->sex, sel->bd, add_obs, m, err);
    links_dispose(l);
    return rc;
}

/* Fills leaf li of the grid for division div: observed there, else moved
 * from a division that has it. */
static int fill_leaf(grid *g, leaf *lf, size_t li, jl_cli *cli, const char *div,
                     const div_info *di, const obs_sel *sel, jl_err *err)
{
    move_ctx m;
    src_divs sd;
    size_t s;
    int rc;

    memset(&m, 0, sizeof m);
    m.g = g;
    m.leaf = li;
    rc = jl_store_observations_each(cli->store, lf->id, div, sel->sex, sel->bd, add_obs, &m, err);
    if (rc < 0 || m.n_obs)
        return rc;
    rc = observed_divisions(&sd, cli, lf->id, err);
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
                          lf->id, sd.ids[0], div, lf->kind, lf->kind, lf->kind);
    for (s = 0; s < sd.n; s++) {
        links l;

        memset(&l, 0, sizeof l);
        l.ix = jl_strmap_new();
        rc = jl_store_crosswalk_list(cli->store, sd.ids[s], div, xw_row, &l, err);
        if (rc == 0 && l.nfrom) {
            char buf[256];

            snprintf(buf, sizeof buf, _("moved from %s by crosswalk"), sd.ids[s]);
            lf->moved = jl_xstrdup(buf);
        } else if (rc == 0) {
            links_dispose(&l);
            rc = parent_links(&l, cli->store, sd.ids[s], div, err);
            if (rc == 1) {
                char buf[256];

                snprintf(buf, sizeof buf, _("summed from %s by parent links"), sd.ids[s]);
                lf->moved = jl_xstrdup(buf);
                rc = 0;
            } else if (rc == 0) {
                links_dispose(&l);
                continue;
            }
        }
        if (rc < 0) {
            links_dispose(&l);
            return rc;
        }
        return move_by(&m, &l, cli, lf, sd.ids[s], sel, err);
    }
    /* Two steps: a crosswalk to a division X, then X's parent links up
     * to div (DeSO -> mellanområde by overlay, then up to stadsområde). */
    for (s = 0; s < sd.n; s++) {
        size_t xi;

        for (xi = 0; xi < di->n; xi++) {
            links l, up;
            size_t k, t;

            if (!strcmp(di->ids[xi], div) || !strcmp(di->ids[xi], sd.ids[s]))
                continue;
            memset(&l, 0, sizeof l);
            l.ix = jl_strmap_new();
            rc = jl_store_crosswalk_list(cli->store, sd.ids[s], di->ids[xi], xw_row, &l, err);
            if (rc < 0 || !l.nfrom) {
                links_dispose(&l);
                if (rc < 0)
                    return rc;
                continue;
            }
            rc = parent_links(&up, cli->store, di->ids[xi], div, err);
            if (rc == 0) {
                /* or a second crosswalk X -> div: the weights multiply */
                memset(&up, 0, sizeof up);
                up.ix = jl_strmap_new();
                rc = jl_store_crosswalk_list(cli->store, di->ids[xi], div, xw_row, &up, err);
                if (rc == 0 && up.nfrom) {
                    links c;

                    memset(&c, 0, sizeof c);
                    c.ix = jl_strmap_new();
                    for (k = 0; k < l.nfrom; k++) {
                        size_t u;

                        for (t = 0; t < l.n[k]; t++)
                            if (jl_strmap_get(up.ix, l.to[k][t], &u)) {
                                size_t z;

                                for (z = 0; z < up.n[u]; z++)
                                    links_add(&c, l.from[k], up.to[u][z],
                                              l.w[k][t] * up.w[u][z]);
                            }
                    }
                    links_dispose(&up);
                    links_dispose(&l);
                    l = c;
                    {
                        char buf[256];

                        snprintf(buf, sizeof buf,
                                 _("moved from %s by crosswalk to %s, then by crosswalk"),
                                 sd.ids[s], di->ids[xi]);
                        lf->moved = jl_xstrdup(buf);
                    }
                    return move_by(&m, &l, cli, lf, sd.ids[s], sel, err);
                }
                links_dispose(&up);
                rc = 0;
            }
            if (rc <= 0) {
                links_dispose(&l);
                if (rc < 0)
                    return rc;
                continue;
            }
            for (k = 0; k < l.nfrom; k++)
                for (t = 0; t < l.n[k]; t++) {
                    size_t u;

                    if (jl_strmap_get(up.ix, l.to[k][t], &u)) {
                        jl_free(l.to[k][t]);
                        l.to[k][t] = jl_xstrdup(up.to[u][0]);
                    }
                }
            links_dispose(&up);
            {
                char buf[256];

                snprintf(buf, sizeof buf, _("moved from %s by crosswalk to %s, then summed by "
                                            "parent links"),
                         sd.ids[s], di->ids[xi]);
                lf->moved = jl_xstrdup(buf);
            }
            return move_by(&m, &l, cli, lf, sd.ids[s], sel, err);
        }
    }
    return jl_err_set(err, JL_EINPUT,
                      _("indicator %s is observed in %s, not in %s, and no crosswalk or parent "
                        "link leads there: build one with \"jamlik areas crosswalk\""),
                      lf->id, sd.ids[0], div);
}

static int cmp_desc(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;

    return (a < b) - (a > b);
}

typedef struct ind_def {
    char name[512], unit[128], kind[16], better[16], formula[JL_MAX_FORMULA_LEN + 2], source[512];
    int found;
} ind_def;

static void ind_def_row(void *ctx, const char *const *c, size_t n)
{
    ind_def *d = ctx;

    (void)n;
    snprintf(d->name, sizeof d->name, "%s", jl_i18n_lang() == JL_LANG_EN && *c[2] ? c[2] : c[1]);
    snprintf(d->unit, sizeof d->unit, "%s", c[3]);
    snprintf(d->kind, sizeof d->kind, "%s", c[4]);
    snprintf(d->better, sizeof d->better, "%s", c[5]);
    snprintf(d->formula, sizeof d->formula, "%s", c[6]);
    snprintf(d->source, sizeof d->source, "%s", c[9]);
    d->found = 1;
}

static void name_row(void *ctx, const char *const *c, size_t n)
{
    (void)n;
    links_add(ctx, c[0], c[1], 0);
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The value of cell c: the formula over the leaves, or the one leaf; NaN
 * when a leaf is not there or not ok. */
static double cell_value(const cell *c, size_t nl, const jl_expr *x)
{
    size_t i;

    if (!c)
        return NAN;
    for (i = 0; i < nl; i++)
        if (!c->seen[i] || !c->ok[i])
            return NAN;
    return x ? jl_expr_eval(x, c->v) : c->v[0];
}

/* Everything `indicator show` and `indicator inequality` compute: the
 * leaves filled into the grid, the period, each area's value, the city's. */
typedef struct ind_view {
    ind_def def;
    leaf lv[JL_MAX_FORMULA_LEAVES];
    size_t nl, pi, nval, counted, outside;
    jl_expr *x;
    grid g;
    div_info di;
    links names;
    char **order;
    double *val, *sorted, city;
    int all_additive;
} ind_view;

static void ind_view_dispose(ind_view *v)
{
    size_t i;

    for (i = 0; i < JL_MAX_FORMULA_LEAVES; i++) {
        jl_free(v->lv[i].id);
        jl_free(v->lv[i].kind);
        jl_free(v->lv[i].moved);
    }
    jl_expr_free(v->x);
    if (v->g.area_ix)
        grid_dispose(&v->g);
    links_dispose(&v->names);
    jl_free(v->order);
    jl_free(v->val);
    jl_free(v->sorted);
    memset(v, 0, sizeof *v);
}

static int ind_view_load(ind_view *v, jl_cli *cli, const char *id, const char *div,
                         const char *period, const obs_sel *sel, jl_err *err)
{
    size_t i, a, k;
    double sums[JL_MAX_FORMULA_LEAVES];
    int rc;

    memset(v, 0, sizeof *v);
    v->city = NAN;
    v->all_additive = 1;
    rc = jl_store_indicator_list(cli->store, id, ind_def_row, &v->def, err);
    if (rc < 0)
        return rc;
    if (!v->def.found)
        return jl_err_set(err, JL_ENOTFOUND,
                          _("no indicator \"%s\": see \"jamlik indicator list\""), id);
    rc = jl_store_division_exists(cli->store, div, err);
    if (rc <= 0)
        return rc < 0 ? rc
                      : jl_err_set(err, JL_ENOTFOUND,
                                   _("no division \"%s\": import it with \"jamlik areas "
                                     "import\""),
                                   div);
    rc = jl_store_division_info(cli->store, div_row, &v->di, err);
    if (rc < 0)
        return rc;
    if (v->di.over)
        return too_many_divisions(err);
    /* The leaves: the indicator itself, or the parts its formula v->names. */
    if (*v->def.formula) {
        char msg[256];
        size_t at;

        /* A formula stored by an older jamlik is held to today's limits
         * (JL_MAX_FORMULA_LEAVES among them), never cut. */
        if (jl_expr_parse(&v->x, v->def.formula, msg, sizeof msg, &at) < 0)
            return jl_err_set(err, JL_ESTORE, _("the formula of indicator %s: %s"), id, msg);
        v->nl = jl_expr_nrefs(v->x);
        for (i = 0; i < v->nl; i++)
            v->lv[i].id = jl_xstrdup(jl_expr_ref(v->x, i));
    } else {
        v->nl = 1;
        v->lv[0].id = jl_xstrdup(id);
    }
    v->g.area_ix = jl_strmap_new();
    v->g.per_ix = jl_strmap_new();
    v->g.cell_ix = jl_strmap_new();
    for (i = 0; i < v->nl && rc == 0; i++) {
        ind_def ld;

        memset(&ld, 0, sizeof ld);
        rc = jl_store_indicator_list(cli->store, v->lv[i].id, ind_def_row, &ld, err);
        if (rc < 0)
            break;
        v->lv[i].kind = jl_xstrdup(ld.kind);
        v->lv[i].additive = !strcmp(ld.kind, "count") && !*ld.formula;
        v->all_additive &= v->lv[i].additive;
        rc = fill_leaf(&v->g, &v->lv[i], i, cli, div, &v->di, sel, err);
    }
    if (rc < 0)
        return rc;
    if (!v->g.np) {
        return jl_err_set(err, JL_EINPUT, _("no observations of %s in %s"), id, div);
    }
    /* The period: the one asked for, or the latest. SCB's forms of one
     * kind sort as text. */
    v->order = jl_xmalloc(v->g.np * sizeof *v->order);
    memcpy(v->order, v->g.periods, v->g.np * sizeof *v->order);
    qsort(v->order, v->g.np, sizeof *v->order, cmp_str);
    if (period) {
        if (!jl_strmap_get(v->g.per_ix, period, &v->pi)) {
            rc = jl_err_set(err, JL_ENOTFOUND, _("no observations of %s for period %s"), id,
                            period);
            return rc;
        }
    } else
        jl_strmap_get(v->g.per_ix, v->order[v->g.np - 1], &v->pi);

    /* Only the division's own areas count when it has a map of them: a
     * national file imported into a city's division brings other cities'
     * codes along (kept, but not part of this city). */
    v->names.ix = jl_strmap_new();
    rc = jl_store_area_rows(cli->store, div, NULL, name_row, &v->names, err);
    if (rc < 0)
        return rc;
    /* Values, the city's value and ranks at the period. */
    v->val = jl_xmalloc(v->g.na * sizeof *v->val);
    v->sorted = jl_xmalloc(v->g.na * sizeof *v->sorted);
    for (k = 0; k < v->nl; k++)
        sums[k] = 0;
    for (a = 0; a < v->g.na; a++) {
        cell *c = grid_find(&v->g, a, v->pi);

        if (v->names.nfrom && !jl_strmap_get(v->names.ix, v->g.areas[a], NULL)) {
            v->val[a] = NAN;
            v->outside++;
            continue;
        }
        v->val[a] = cell_value(c, v->nl, v->x);
        if (!isnan(v->val[a])) {
            v->sorted[v->nval++] = v->val[a];
            for (k = 0; k < v->nl; k++)
                sums[k] += c->v[k];
            v->counted++;
        }
    }
    if (v->all_additive && v->counted)
        v->city = v->x ? jl_expr_eval(v->x, sums) : sums[0];
    qsort(v->sorted, v->nval, sizeof *v->sorted, cmp_desc);

    return JL_OK;
}

int cmd_indicator_show(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"division", "area", "name", "period", "value", "city",
                                      "ratio", "rank", "first_period", "change", "trend"};
    const char *labels[] = {_("division"), _("area"),  _("name"),  _("period"),
                            _("value"),    _("city"),  _("ratio"), _("rank"),
                            _("since"),    _("change"), _("trend")};
    jl_opt opts[] = {{"--division", 1, NULL}, {"--period", 1, NULL}, {"--sex", 1, NULL},
                     {"--breakdown", 1, NULL}, {"--area", 1, NULL}, {"--group", 1, NULL}};
    obs_sel sel;
    const char *only, *group;
    jl_strmap *members = NULL;
    size_t npos, i, a, k;
    char *pos[1], line[1024];
    ind_view v;
    const char *div;
    int rc, rankable;
    jl_out *o = NULL;

    memset(&v, 0, sizeof v);
    rc = jl_cli_parse(opts, 6, pos, 1, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    div = jl_cli_opt(opts, 2, "--division");
    only = jl_cli_opt(opts, 5, "--area");
    group = jl_cli_opt(opts, 6, "--group");
    sel.sex = jl_cli_opt(opts, 4, "--sex") ? jl_cli_opt(opts, 4, "--sex") : "T";
    sel.bd = jl_cli_opt(opts, 4, "--breakdown") ? jl_cli_opt(opts, 4, "--breakdown") : "";
    if (strcmp(sel.sex, "T") && strcmp(sel.sex, "K") && strcmp(sel.sex, "M"))
        return jl_err_set(err, JL_EUSAGE, _("expected --sex T, K or M, found \"%s\""), sel.sex);
    if (npos != 1)
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik indicator show ID --division D [--area CODE] [--period "
                            "P] [--sex T|K|M] [--breakdown DIM=CODE]"));
    if (!div) {
        /* The division where it (or its first part) is observed most. */
        src_divs sd;
        ind_def d0;
        char first[128];

        memset(&sd, 0, sizeof sd);
        memset(&d0, 0, sizeof d0);
        rc = jl_store_indicator_list(cli->store, pos[0], ind_def_row, &d0, err);
        if (rc < 0)
            return rc;
        snprintf(first, sizeof first, "%s", pos[0]);
        if (*d0.formula) {
            char msg[160];
            size_t at;
            jl_expr *x;

            if (jl_expr_parse(&x, d0.formula, msg, sizeof msg, &at) == 0) {
                snprintf(first, sizeof first, "%s", jl_expr_ref(x, 0));
                jl_expr_free(x);
            }
        }
        rc = observed_divisions(&sd, cli, first, err);
        if (rc < 0)
            return rc;
        if (!sd.n)
            return jl_err_set(err, JL_EINPUT, _("indicator %s has no observations: import them "
                                                "with \"jamlik indicator import\""),
                              pos[0]);
        div = jl_arena_strdup(cli->arena, sd.ids[0]);
    }
    if (group) {
        rc = jl_view_group(&members, cli->store, group, div, err);
        if (rc < 0)
            return rc;
    }
    rc = ind_view_load(&v, cli, pos[0], div, jl_cli_opt(opts, 2, "--period"), &sel, err);
    if (rc < 0)
        goto done;
    rankable = strcmp(v.def.better, "none") != 0;
    o = jl_out_new(cli->out, cli->format, ids, labels, 11);
    for (i = 4; i <= 7; i++)
        jl_out_align_right(o, i);
    jl_out_align_right(o, 9);
    snprintf(line, sizeof line, "%s (%s), %s %s", v.def.name, v.def.unit, _("period"),
             v.g.periods[v.pi]);
    jl_out_note(o, line);
    snprintf(line, sizeof line, _("Source: %s"), v.def.source);
    jl_out_note(o, line);
    for (k = 0; k < v.nl; k++)
        if (v.lv[k].moved) {
            snprintf(line, sizeof line, _("%s: %s (a figure moved between divisions)"), v.lv[k].id,
                     v.lv[k].moved);
            jl_out_note(o, line);
        }
    if (!v.all_additive)
        jl_out_note(o, _("No city value: this indicator does not add up over areas."));
    else {
        snprintf(line, sizeof line, _("City: the %zu areas with a value, added up."), v.counted);
        jl_out_note(o, line);
    }
    if (v.outside) {
        snprintf(line, sizeof line, _("%zu area codes that are not areas of %s are left out."),
                 v.outside, div);
        jl_out_note(o, line);
    }
    jl_out_meta(o, "indicator", pos[0]);
    jl_out_meta(o, "division", div);
    jl_out_meta(o, "period", v.g.periods[v.pi]);
    {
        size_t *ao = jl_xmalloc(v.g.na * sizeof *ao), t;
        char **ac = jl_xmalloc(v.g.na * sizeof *ac);

        memcpy(ac, v.g.areas, v.g.na * sizeof *ac);
        qsort(ac, v.g.na, sizeof *ac, cmp_str);
        for (t = 0; t < v.g.na; t++)
            jl_strmap_get(v.g.area_ix, ac[t], &ao[t]);
        for (t = 0; t < v.g.na; t++) {
            size_t nk, fp = v.pi, q;
            double val_a = v.val[ao[t]], first = NAN;

            a = ao[t];
            if (v.names.nfrom && !jl_strmap_get(v.names.ix, v.g.areas[a], NULL))
                continue;
            /* --area: one row; the city, ratio and rank stay the city's. */
            if (only && strcmp(only, v.g.areas[a]))
                continue;
            /* The trend: from the earliest period with a value. */
            for (q = 0; q < v.g.np; q++) {
                size_t qi;
                double fv;

                jl_strmap_get(v.g.per_ix, v.order[q], &qi);
                fv = cell_value(grid_find(&v.g, a, qi), v.nl, v.x);
                if (!isnan(fv)) {
                    first = fv;
                    fp = qi;
                    break;
                }
            }
            jl_out_str(o, div);
            jl_out_str(o, v.g.areas[a]);
            jl_out_str(o, jl_strmap_get(v.names.ix, v.g.areas[a], &nk) ? v.names.to[nk][0] : "");
            jl_out_str(o, v.g.periods[v.pi]);
            jl_out_num(o, val_a, 1);
            jl_out_num(o, v.city, 1);
            jl_out_num(o, isnan(val_a) || isnan(v.city) || v.city == 0 ? (double)NAN : val_a / v.city, 2);
            if (rankable && !isnan(val_a)) {
                size_t r = 0;

                /* Rank 1 is the best: the highest where higher is better. */
                if (!strcmp(v.def.better, "higher"))
                    while (r < v.nval && v.sorted[r] > val_a)
                        r++;
                else
                    while (r < v.nval && v.sorted[v.nval - 1 - r] < val_a)
                        r++;
                jl_out_int(o, (long)r + 1);
            } else
                jl_out_empty(o);
            if (fp != v.pi && !isnan(val_a)) {
                double ch = val_a - first;

                jl_out_str(o, v.g.periods[fp]);
                jl_out_num(o, ch, 1);
                jl_out_str(o, ch == 0                                     ? _("unchanged")
                              : !rankable                                 ? (ch > 0 ? _("up")
                                                                                    : _("down"))
                              : (ch > 0) == !strcmp(v.def.better, "higher") ? _("better")
                                                                          : _("worse"));
            } else {
                jl_out_empty(o);
                jl_out_empty(o);
                jl_out_empty(o);
            }
            jl_out_row_end(o);
        }
        jl_free(ao);
        jl_free(ac);
    }
    if (group) {
        /* The group: its members' parts added up; missing if one is. */
        double gs[JL_MAX_FORMULA_LEAVES] = {0}, gv = NAN;
        int ok = v.all_additive;
        size_t nm = 0;

        for (a = 0; a < v.g.na && ok; a++) {
            cell *c;

            if (!jl_strmap_get(members, v.g.areas[a], NULL))
                continue;
            c = grid_find(&v.g, a, v.pi);
            if (isnan(cell_value(c, v.nl, v.x)))
                ok = 0;
            for (k = 0; ok && k < v.nl; k++)
                gs[k] += c->v[k];
            nm++;
        }
        if (ok && nm == jl_strmap_size(members))
            gv = v.x ? jl_expr_eval(v.x, gs) : gs[0];
        jl_out_str(o, div);
        jl_out_str(o, group);
        jl_out_str(o, _("(group)"));
        jl_out_str(o, v.g.periods[v.pi]);
        jl_out_num(o, gv, 1);
        jl_out_num(o, v.city, 1);
        jl_out_num(o, isnan(gv) || isnan(v.city) || v.city == 0 ? (double)NAN : gv / v.city, 2);
        jl_out_empty(o);
        jl_out_empty(o);
        jl_out_empty(o);
        jl_out_empty(o);
        jl_out_row_end(o);
        if (isnan(gv))
            jl_out_note(o, v.all_additive ? _("The group has no value: a member area has none.")
                                          : _("The group has no value: this indicator does not "
                                              "add up over areas."));
    }
done:
    jl_out_end(o);
    jl_strmap_free(members);
    ind_view_dispose(&v);
    return rc < 0 ? rc : 0;
}

int cmd_indicator_list(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"id", "name", "unit", "kind", "better", "formula",
                                      "theme", "observations", "source"};
    const char *labels[] = {_("id"),      _("name"),  _("unit"),         _("kind"), _("better"),
                            _("formula"), _("theme"), _("observations"), _("source")};
    jl_out *o;
    int rc;

    (void)argv;
    if (argc)
        return jl_err_set(err, JL_EUSAGE, _("usage: jamlik indicator list"));
    o = jl_out_new(cli->out, cli->format, ids, labels, 9);
    jl_out_align_right(o, 7);
    rc = jl_store_indicator_list(cli->store, NULL, ind_row, o, err);
    jl_out_end(o);
    return rc < 0 ? rc : 0;
}

/* ---- inequality between areas ---- */

/* The value of area code in view v at its period, NaN if none. */
static double view_value(const ind_view *v, const char *code)
{
    size_t a;

    return jl_strmap_get(v->g.area_ix, code, &a) ? v->val[a] : (double)NAN;
}

int cmd_indicator_inequality(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"measure", "value"};
    const char *labels[] = {_("measure"), _("value")};
    static const char *const cids[] = {"population_share", "value_share"};
    const char *clabels[] = {_("population share"), _("value share")};
    jl_opt opts[] = {{"--division", 1, NULL}, {"--period", 1, NULL}, {"--weight", 1, NULL},
                     {"--rank-by", 1, NULL},  {"--curve", 0, NULL}};
    obs_sel sel = {"T", ""};
    ind_view v, wv, rv;
    size_t npos, a, n = 0;
    char *pos[1], line[512];
    double *x = NULL, *w = NULL, *r = NULL;
    const char *div, *period, *wid, *rid;
    jl_ineq q;
    jl_out *o = NULL;
    int rc, better;

    memset(&v, 0, sizeof v);
    memset(&wv, 0, sizeof wv);
    memset(&rv, 0, sizeof rv);
    rc = jl_cli_parse(opts, 5, pos, 1, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    div = jl_cli_opt(opts, 5, "--division");
    period = jl_cli_opt(opts, 5, "--period");
    wid = jl_cli_opt(opts, 5, "--weight");
    rid = jl_cli_opt(opts, 5, "--rank-by");
    if (npos != 1 || !div)
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik indicator inequality ID --division D [--period P] "
                            "[--weight ID] [--rank-by ID] [--curve]"));
    rc = ind_view_load(&v, cli, pos[0], div, period, &sel, err);
    if (rc == 0 && wid)
        rc = ind_view_load(&wv, cli, wid, div, v.g.periods[v.pi], &sel, err);
    if (rc == 0 && rid)
        rc = ind_view_load(&rv, cli, rid, div, v.g.periods[v.pi], &sel, err);
    if (rc < 0)
        goto done;
    x = jl_xmalloc(v.g.na * sizeof *x);
    w = jl_xmalloc(v.g.na * sizeof *w);
    r = jl_xmalloc(v.g.na * sizeof *r);
    /* Areas with every figure: a value, a positive weight, a rank. */
    for (a = 0; a < v.g.na; a++) {
        const char *code = v.g.areas[a];
        double wa = wid ? view_value(&wv, code) : 1.0, ra = rid ? view_value(&rv, code) : v.val[a];

        if (isnan(v.val[a]) || isnan(wa) || !(wa > 0) || isnan(ra))
            continue;
        x[n] = v.val[a];
        w[n] = wa;
        r[n] = ra;
        n++;
    }
    if (n < 2) {
        rc = jl_err_set(err, JL_EINPUT, _("expected at least two areas with a value, found %zu"),
                        n);
        goto done;
    }
    better = !strcmp(v.def.better, "higher") ? 1 : !strcmp(v.def.better, "lower") ? -1 : 0;
    if (jl_cli_opt(opts, 5, "--curve")) {
        double *cw = jl_xmalloc((n + 1) * sizeof *cw), *cx = jl_xmalloc((n + 1) * sizeof *cx);

        jl_ineq_curve(cw, cx, x, w, r, n);
        o = jl_out_new(cli->out, cli->format, cids, clabels, 2);
        jl_out_align_right(o, 0);
        jl_out_align_right(o, 1);
        snprintf(line, sizeof line, _("Concentration curve of %s over %zu areas of %s, %s, "
                                      "lowest %s first"),
                 pos[0], n, div, v.g.periods[v.pi], rid ? rid : pos[0]);
        jl_out_note(o, line);
        for (a = 0; a <= n; a++) {
            jl_out_num(o, cw[a], 4);
            jl_out_num(o, cx[a], 4);
            jl_out_row_end(o);
        }
        jl_free(cw);
        jl_free(cx);
        goto done;
    }
    jl_ineq_compute(&q, x, w, r, n, better, v.city);
    o = jl_out_new(cli->out, cli->format, ids, labels, 2);
    jl_out_align_right(o, 1);
    snprintf(line, sizeof line, _("%s (%s) over %zu areas of %s, %s; weights: %s; rank: %s"),
             v.def.name, v.def.unit, n, div, v.g.periods[v.pi], wid ? wid : _("none"),
             rid ? rid : pos[0]);
    jl_out_note(o, line);
    if (isnan(v.city))
        jl_out_note(o, _("No city value (the indicator does not add up): the gap is to the "
                         "weighted mean of the areas."));
    if (!better)
        jl_out_note(o, _("No better direction: the worst fifth is not defined; the ratio is "
                         "highest to lowest."));
    jl_out_meta(o, "indicator", pos[0]);
    jl_out_meta(o, "division", div);
    jl_out_meta(o, "period", v.g.periods[v.pi]);
#define ROW(id_, val_, dec_)                                                                   \
    do {                                                                                       \
        jl_out_str(o, cli->format == JL_FMT_TABLE ? _(id_) : id_);                             \
        jl_out_num(o, val_, dec_);                                                             \
        jl_out_row_end(o);                                                                     \
    } while (0)
    ROW(N_("areas"), (double)q.n, 0);
    ROW(N_("min"), q.min, 2);
    ROW(N_("max"), q.max, 2);
    ROW(N_("range"), q.range, 2);
    ROW(N_("best_to_worst"), q.best_worst, 3);
    ROW(N_("mean_gap_to_city"), q.mean_gap, 3);
    ROW(N_("worst_fifth_population_share"), q.worst_fifth_share, 4);
    ROW(N_("concentration_index"), q.conc_index, 4);
#undef ROW
done:
    jl_out_end(o);
    ind_view_dispose(&v);
    ind_view_dispose(&wv);
    ind_view_dispose(&rv);
    jl_free(x);
    jl_free(w);
    jl_free(r);
    return rc < 0 ? rc : 0;
}

/* ---- a composite index of living conditions ---- */

#define INDEX_SOURCE "jamlik index build:"

/* May index build store under id? Only where nothing is, or an index it
 * built before: never over an indicator's real observations. */
static int index_may_replace(jl_cli *cli, const char *id, jl_err *err)
{
    ind_def d;
    int rc;

    memset(&d, 0, sizeof d);
    rc = jl_store_indicator_list(cli->store, id, ind_def_row, &d, err);
    if (rc < 0 || !d.found)
        return rc;
    if (!strcmp(d.kind, "index") && !strncmp(d.source, INDEX_SOURCE, strlen(INDEX_SOURCE)))
        return JL_OK;
    return jl_err_set(err, JL_EEXISTS,
                      _("expected a new name or that of an earlier index, found indicator %s "
                        "(%s, from %s): choose another name"),
                      id, d.kind, d.source);
}

/* NAME is an id (NAME_typ is stored beside it) that replaces nothing but
 * an earlier index. */
static int index_name_check(jl_cli *cli, const char *name, jl_err *err)
{
    char typ[JL_MAX_ID + 8];
    int rc;

    if (!jl_indicator_id_valid(name))
        return jl_err_set(err, JL_EINPUT,
                          _("expected an index name of letters, digits, '-' or '_', found \"%s\""),
                          name);
    rc = jl_limit_len(name, JL_MAX_ID - 4, _("an index name (NAME_typ is stored too)"),
                      "JL_MAX_ID", NULL, 0, 0, err);
    if (rc < 0)
        return rc;
    snprintf(typ, sizeof typ, "%s_typ", name);
    rc = index_may_replace(cli, name, err);
    if (rc == 0)
        rc = index_may_replace(cli, typ, err);
    return rc;
}

int cmd_index_build(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"area", "name", "index", "type"};
    const char *labels[] = {_("area"), _("name"), _("index"), _("type")};
    jl_opt opts[] = {{"--division", 1, NULL}, {"--from", 1, NULL}, {"--period", 1, NULL},
                     {"--types", 1, NULL}};
    obs_sel sel = {"T", ""};
    ind_view v[JL_MAX_INDEX_PARTS];
    double wt[JL_MAX_INDEX_PARTS], *comp = NULL, *rk = NULL;
    char *pos[1], *copy = NULL, *tok, *save = NULL, src[1024], per[32], typ_id[160];
    const char *div;
    size_t npos, nc = 0, i, a, n = 0, w = 0;
    long ntypes = 5;
    unsigned star_given = 0;
    char **codes = NULL;
    int rc = 0, *type = NULL;
    jl_out *o = NULL;

    memset(v, 0, sizeof v);
    rc = jl_cli_parse(opts, 4, pos, 1, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    div = jl_cli_opt(opts, 4, "--division");
    if (npos != 1 || !div || !jl_cli_opt(opts, 4, "--from"))
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik index build NAME --division D --from IND[*W],... "
                            "[--period P] [--types N]"));
    if (jl_cli_opt(opts, 4, "--types") &&
        (jl_parse_long(&ntypes, jl_cli_opt(opts, 4, "--types")) < 0 || ntypes < 2 || ntypes > 10))
        return jl_err_set(err, JL_EUSAGE, _("expected --types from 2 to 10, found \"%s\""),
                          jl_cli_opt(opts, 4, "--types"));
    rc = index_name_check(cli, pos[0], err);
    if (rc < 0)
        return rc;
    copy = jl_xstrdup(jl_cli_opt(opts, 4, "--from"));
    w = (size_t)snprintf(src, sizeof src, INDEX_SOURCE);
    for (tok = strtok_r(copy, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
        char *star = strchr(tok, '*');

        if (nc == JL_MAX_INDEX_PARTS) {
            rc = jl_err_set(err, JL_EUSAGE,
                            _("expected at most %d indicators in --from, found more (limit "
                              "JL_MAX_INDEX_PARTS)"),
                            JL_MAX_INDEX_PARTS);
            break;
        }
        wt[nc] = 1;
        if (star) {
            star_given |= 1u << nc;
            *star = '\0';
            if (jl_parse_double(&wt[nc], star + 1) < 0 || wt[nc] == 0) {
                rc = jl_err_set(err, JL_EUSAGE,
                                _("expected a weight other than 0 after '*', found \"%s\""),
                                star + 1);
                break;
            }
        }
        rc = ind_view_load(&v[nc], cli, tok, div, jl_cli_opt(opts, 4, "--period"), &sel, err);
        if (rc == 0 && w + 64 < sizeof src)
            w += (size_t)snprintf(src + w, sizeof src - w, " %s*%g", tok, wt[nc]);
        nc++;
    }
    if (rc < 0)
        goto done;
    snprintf(per, sizeof per, "%s", v[0].g.periods[v[0].pi]);
    /* Areas with every component, standardised over those areas and
     * turned so that higher is better. */
    codes = jl_xmalloc(v[0].g.na * sizeof *codes);
    comp = jl_xcalloc(v[0].g.na, sizeof *comp);
    for (a = 0; a < v[0].g.na; a++) {
        int all = !isnan(v[0].val[a]) &&
                  (!v[0].names.nfrom || jl_strmap_get(v[0].names.ix, v[0].g.areas[a], NULL));

        for (i = 1; i < nc && all; i++)
            all = !isnan(view_value(&v[i], v[0].g.areas[a]));
        if (all)
            codes[n++] = v[0].g.areas[a];
    }
    if (n < 3) {
        rc = jl_err_set(err, JL_EINPUT, _("expected at least three areas with every indicator, "
                                          "found %zu"),
                        n);
        goto done;
    }
    {
        double sw = 0;

        for (i = 0; i < nc; i++) {
            double m = 0, sd = 0, dir = !strcmp(v[i].def.better, "lower") ? -1 : 1;

            for (a = 0; a < n; a++)
                m += view_value(&v[i], codes[a]);
            m /= (double)n;
            for (a = 0; a < n; a++)
                sd += pow(view_value(&v[i], codes[a]) - m, 2);
            sd = sqrt(sd / (double)(n - 1));
            if (!(sd > 0)) {
                rc = jl_err_set(err, JL_EINPUT, _("indicator %s is the same in every area"),
                                v[i].def.name);
                goto done;
            }
            /* An indicator without a better direction is turned by the
             * sign of its weight (utrikes_fodda_andel*-1). */
            if (!strcmp(v[i].def.better, "none") && !(star_given & (1u << i))) {
                rc = jl_err_set(err, JL_EUSAGE,
                                _("indicator %s has no better direction: give its weight a sign "
                                  "in --from (*1 or *-1)"),
                                v[i].def.name);
                goto done;
            }
            for (a = 0; a < n; a++)
                comp[a] += wt[i] * dir * (view_value(&v[i], codes[a]) - m) / sd;
            sw += fabs(wt[i]);
        }
        for (a = 0; a < n; a++)
            comp[a] /= sw;
    }
    /* Types by quantile of the index: 1 the lowest (the greatest
     * challenges, as SCB's områdestyp 1), ties sharing a mid-rank. */
    rk = jl_xmalloc(n * sizeof *rk);
    type = jl_xmalloc(n * sizeof *type);
    jl_midranks(rk, comp, n);
    for (a = 0; a < n; a++)
        type[a] = (int)floor((rk[a] - 1) * (double)ntypes / (double)n) + 1;
    snprintf(typ_id, sizeof typ_id, "%s_typ", pos[0]);
    {
        jl_store_indicator d1, d2;
        jl_store_obs *ob = jl_xcalloc(2 * n, sizeof *ob);
        char name2[256];

        memset(&d1, 0, sizeof d1);
        d1.id = pos[0];
        d1.name = pos[0];
        d1.unit = _("standard deviations");
        d1.kind = "index";
        d1.better = "higher";
        d1.source = src;
        d1.note = _("Composite of standardised indicators, higher is better "
                    "(docs/composite-index.md).");
        d2 = d1;
        snprintf(name2, sizeof name2, _("%s, type 1-%ld"), pos[0], ntypes);
        d2.id = typ_id;
        d2.name = name2;
        d2.unit = _("type");
        for (a = 0; a < n; a++) {
            ob[2 * a].indicator = pos[0];
            ob[2 * a].value = comp[a];
            ob[2 * a + 1].indicator = typ_id;
            ob[2 * a + 1].value = type[a];
            for (i = 0; i < 2; i++) {
                ob[2 * a + i].division = div;
                ob[2 * a + i].area = codes[a];
                ob[2 * a + i].period = per;
                ob[2 * a + i].sex = "T";
                ob[2 * a + i].breakdown = "";
                ob[2 * a + i].status = "ok";
                ob[2 * a + i].source = src;
            }
        }
        rc = jl_store_begin(cli->store, err);
        if (rc == 0)
            rc = jl_store_indicator_put(cli->store, &d1, err);
        if (rc == 0)
            rc = jl_store_indicator_put(cli->store, &d2, err);
        if (rc == 0)
            rc = jl_store_observations_put(cli->store, ob, 2 * n, err);
        if (rc < 0)
            jl_store_rollback(cli->store);
        else
            rc = jl_store_commit(cli->store, err);
        jl_free(ob);
        if (rc < 0)
            goto done;
    }
    o = jl_out_new(cli->out, cli->format, ids, labels, 4);
    jl_out_align_right(o, 2);
    jl_out_align_right(o, 3);
    {
        char line[1200];

        snprintf(line, sizeof line, _("%s over %zu areas of %s, %s (%s); stored as indicators %s "
                                      "and %s"),
                 pos[0], n, div, per, src, pos[0], typ_id);
        jl_out_note(o, line);
    }
    for (a = 0; a < n; a++) {
        size_t k;

        jl_out_str(o, codes[a]);
        jl_out_str(o, jl_strmap_get(v[0].names.ix, codes[a], &k) ? v[0].names.to[k][0] : "");
        jl_out_num(o, comp[a], 3);
        jl_out_int(o, type[a]);
        jl_out_row_end(o);
    }
done:
    jl_out_end(o);
    for (i = 0; i < 8; i++)
        ind_view_dispose(&v[i]);
    jl_free(copy);
    jl_free(codes);
    jl_free(comp);
    jl_free(rk);
    jl_free(type);
    return rc < 0 ? rc : 0;
}

/* ---- comparing two indicators over the same areas ---- */

int cmd_indicator_compare(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const xids[] = {"a", "b", "areas"};
    jl_opt opts[] = {{"--division", 1, NULL}, {"--period", 1, NULL}, {"--cross", 0, NULL}};
    obs_sel sel = {"T", ""};
    ind_view va, vb;
    char *pos[2], line[512];
    size_t npos, a, n = 0;
    double *x = NULL, *y = NULL;
    const char *div;
    jl_out *o = NULL;
    int rc;

    memset(&va, 0, sizeof va);
    memset(&vb, 0, sizeof vb);
    rc = jl_cli_parse(opts, 3, pos, 2, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    div = jl_cli_opt(opts, 3, "--division");
    if (npos != 2 || !div)
        return jl_err_set(err, JL_EUSAGE,
                          _("usage: jamlik indicator compare A B --division D [--period P] "
                            "[--cross]"));
    rc = ind_view_load(&va, cli, pos[0], div, jl_cli_opt(opts, 3, "--period"), &sel, err);
    if (rc == 0)
        rc = ind_view_load(&vb, cli, pos[1], div, jl_cli_opt(opts, 3, "--period"), &sel, err);
    if (rc < 0)
        goto done;
    x = jl_xmalloc(va.g.na * sizeof *x);
    y = jl_xmalloc(va.g.na * sizeof *y);
    for (a = 0; a < va.g.na; a++) {
        double yb = view_value(&vb, va.g.areas[a]);

        if (isnan(va.val[a]) || isnan(yb) ||
            (va.names.nfrom && !jl_strmap_get(va.names.ix, va.g.areas[a], NULL)))
            continue;
        x[n] = va.val[a];
        y[n] = yb;
        n++;
    }
    if (n < 3) {
        rc = jl_err_set(err, JL_EINPUT, _("expected at least three areas with both indicators, "
                                          "found %zu"),
                        n);
        goto done;
    }
    snprintf(line, sizeof line, _("%s (%s) and %s (%s) over %zu areas of %s"), pos[0],
             va.g.periods[va.pi], pos[1], vb.g.periods[vb.pi], n, div);
    if (jl_cli_opt(opts, 3, "--cross")) {
        /* The cross-table of two classifications (area types). */
        double *ux = jl_xmalloc(n * sizeof *ux), *uy = jl_xmalloc(n * sizeof *uy);
        size_t nx = 0, ny = 0, i, j, k;

        for (i = 0; i < n; i++) {
            for (k = 0; k < nx && ux[k] != x[i]; k++)
                ;
            if (k == nx)
                ux[nx++] = x[i];
            for (k = 0; k < ny && uy[k] != y[i]; k++)
                ;
            if (k == ny)
                uy[ny++] = y[i];
        }
        qsort(ux, nx, sizeof *ux, cmp_desc);
        qsort(uy, ny, sizeof *uy, cmp_desc);
        o = jl_out_new(cli->out, cli->format, xids, NULL, 3);
        jl_out_note(o, line);
        for (i = nx; i-- > 0;)
            for (j = ny; j-- > 0;) {
                size_t cnt = 0;

                for (k = 0; k < n; k++)
                    cnt += x[k] == ux[i] && y[k] == uy[j];
                jl_out_num(o, ux[i], 2);
                jl_out_num(o, uy[j], 2);
                jl_out_int(o, (long)cnt);
                jl_out_row_end(o);
            }
        jl_free(ux);
        jl_free(uy);
        goto done;
    }
    jl_cli_corr_table(cli, line, x, y, n);
done:
    jl_out_end(o);
    ind_view_dispose(&va);
    ind_view_dispose(&vb);
    jl_free(x);
    jl_free(y);
    return rc < 0 ? rc : 0;
}

/* ---- for other commands ---- */

int indicator_area_values(jl_cli *cli, const char *id, const char *div, const char *period,
                          jl_area_values *out, jl_err *err)
{
    obs_sel sel = {"T", ""};
    ind_view v;
    size_t a;
    int rc = ind_view_load(&v, cli, id, div, period, &sel, err);

    memset(out, 0, sizeof *out);
    if (rc < 0) {
        ind_view_dispose(&v);
        return rc;
    }
    out->codes = jl_xmalloc((v.g.na ? v.g.na : 1) * sizeof *out->codes);
    out->vals = jl_xmalloc((v.g.na ? v.g.na : 1) * sizeof *out->vals);
    for (a = 0; a < v.g.na; a++) {
        if (isnan(v.val[a]) || (v.names.nfrom && !jl_strmap_get(v.names.ix, v.g.areas[a], NULL)))
            continue;
        out->codes[out->n] = jl_xstrdup(v.g.areas[a]);
        out->vals[out->n++] = v.val[a];
    }
    snprintf(out->period, sizeof out->period, "%s", v.g.periods[v.pi]);
    snprintf(out->name, sizeof out->name, "%s", v.def.name);
    ind_view_dispose(&v);
    return JL_OK;
}

