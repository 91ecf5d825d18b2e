#include "cli/cli.h"
#include "core/limits.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/num.h"
#include "core/strmap.h"
#include "stats/assoc.h"
#include "core/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int jl_cli_instrument(jl_instrument **out, jl_cli *cli, const char *id, jl_err *err)
{
    char *text = NULL;
    jl_diag d;
    int rc;

    rc = jl_store_instrument_text(&text, cli->store, id, err);
    if (rc < 0)
        return rc;
    jl_diag_init(&d, id);
    rc = jl_instrument_parse(out, text, strlen(text), &d);
    if (rc < 0)
        jl_diag_first(&d, err);
    jl_diag_dispose(&d);
    jl_free(text);
    return rc;
}

typedef struct cut_ctx {
    jl_instrument *in;
    int n, bad;
} cut_ctx;

static void add_cut(void *ctx, const char *const *c, size_t ncols)
{
    cut_ctx *cc = ctx;
    long si = jl_instrument_scale(cc->in, c[0]);
    jl_scale *sc;
    jl_cutoff *cut;

    (void)ncols;
    if (si < 0) {
        cc->bad = 1;
        return;
    }
    sc = &cc->in->scales[si];
    if (sc->ncut >= JL_MAX_CUTOFFS_SCALE)
        return;
    sc->cut = jl_xrealloc(sc->cut, (sc->ncut + 1) * sizeof *sc->cut);
    cut = &sc->cut[sc->ncut++];
    memset(cut, 0, sizeof *cut);
    cut->name = jl_xstrdup(c[1]);
    cut->value = strtod(c[2], NULL);
    cut->headline = atoi(c[3]);
    cut->label = *c[4] ? jl_xstrdup(c[4]) : NULL;
    cut->source = jl_xstrdup(c[5]);
    cut->norm_pct = *c[6] ? strtod(c[6], NULL) : (double)NAN;
    cut->norm_source = *c[7] ? jl_xstrdup(c[7]) : NULL;
    cut->norm_version = *c[8] ? jl_xstrdup(c[8]) : NULL;
    cc->n++;
}

static void first_set(void *ctx, const char *const *c, size_t n)
{
    char **dst = ctx;

    (void)n;
    if (!*dst)
        *dst = jl_xstrdup(c[0]);
}

int jl_cli_cutoffs(jl_instrument *in, jl_cli *cli, const char *set, const char **used,
                   jl_err *err)
{
    size_t i, j, own = 0;
    char *newest = NULL;
    cut_ctx cc = {in, 0, 0};
    int rc;

    for (i = 0; i < in->nscales; i++)
        own += in->scales[i].ncut;
    if (!set) {
        if (own) {
            *used = "instrument";
            return JL_OK;
        }
        rc = jl_store_cutset_list(cli->store, in->id, first_set, &newest, err);
        if (rc < 0)
            return rc;
        if (!newest) {
            *used = NULL;
            return JL_OK;
        }
        set = jl_arena_strdup(cli->arena, newest);
        jl_free(newest);
    }
    if (!strcmp(set, "instrument")) {
        *used = "instrument";
        return JL_OK;
    }
    for (i = 0; i < in->nscales; i++) {
        jl_scale *sc = &in->scales[i];

        for (j = 0; j < sc->ncut; j++) {
            jl_free(sc->cut[j].name);
            jl_free(sc->cut[j].label);
            jl_free(sc->cut[j].source);
            jl_free(sc->cut[j].norm_source);
            jl_free(sc->cut[j].norm_version);
        }
        jl_free(sc->cut);
        sc->cut = NULL;
        sc->ncut = 0;
    }
    rc = jl_store_cutoff_list(cli->store, in->id, set, add_cut, &cc, err);
    if (rc < 0)
        return rc;
    if (cc.n == 0)
        return jl_err_set(err, JL_ENOTFOUND, _("no cut-offs named \"%s\" for instrument %s"), set,
                          in->id);
    *used = set;
    return JL_OK;
}

/* Reads and checks an instrument file; every problem is printed. */
int jl_cli_instrument_file(jl_instrument **out, char **text, const char *path, int print, jl_err *err)
{
    size_t len;
    jl_diag d;
    int rc;

    *out = NULL;
    rc = jl_text_load(text, &len, NULL, path, JL_ENC_UTF8, err);
    if (rc < 0)
        return rc;
    jl_diag_init(&d, path);
    rc = jl_instrument_parse(out, *text, len, &d);
    if (rc < 0) {
        if (print) {
            jl_cli_print_diag(&d);
            fprintf(stderr, _("%s: %zu problems\n"), path, d.n);
        } else {
            jl_diag_first(&d, err);
        }
    }
    jl_diag_dispose(&d);
    return rc;
}

const char *jl_cli_datadir(void)
{
    const char *d = getenv("JAMLIK_DATA");

    return d && *d ? d : JL_DATADIR;
}

typedef struct group_ctx {
    const char *name;
    char division[128];
    char *codes;
    int found;
} group_ctx;

static void group_row(void *ctx, const char *const *c, size_t n)
{
    group_ctx *g = ctx;

    (void)n;
    if (strcmp(c[0], g->name))
        return;
    snprintf(g->division, sizeof g->division, "%s", c[1]);
    g->codes = jl_xstrdup(c[3]);
    g->found = 1;
}

int jl_cli_group(jl_cli *cli, const char *name, const char *division, jl_strmap **members,
                 jl_err *err)
{
    group_ctx g;
    char *tok, *save = NULL;
    int rc;

    memset(&g, 0, sizeof g);
    g.name = name;
    *members = NULL;
    rc = jl_store_group_list(cli->store, group_row, &g, err);
    if (rc < 0)
        return rc;
    if (!g.found)
        return jl_err_set(err, JL_ENOTFOUND,
                          _("no group \"%s\": create it with \"jamlik areas group create\""), name);
    if (division && strcmp(division, g.division)) {
        jl_free(g.codes);
        return jl_err_set(err, JL_EINPUT, _("group %s is a group of %s, not of %s"), name,
                          g.division, division);
    }
    *members = jl_strmap_new();
    for (tok = strtok_r(g.codes, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
        jl_strmap_put(*members, tok, 0, NULL);
    jl_free(g.codes);
    return JL_OK;
}

void jl_cli_corr_table(jl_cli *cli, const char *note, const double *x, const double *y, size_t n)
{
    static const char *const ids[] = {"measure", "n", "r", "ci_low", "ci_high"};
    const char *labels[] = {_("measure"), _("n"), _("r"), _("CI low"), _("CI high")};
    jl_out *o = jl_out_new(cli->out, cli->format, ids, labels, 5);
    jl_corr c;
    size_t i;
    int k;

    for (i = 1; i < 5; i++)
        jl_out_align_right(o, i);
    if (note)
        jl_out_note(o, note);
    jl_out_note(o, _("95 % intervals from Fisher's z; for Spearman's rho an approximation."));
    for (k = 0; k < 2; k++) {
        if (k == 0)
            jl_pearson(&c, x, y, n);
        else
            jl_spearman(&c, x, y, n);
        jl_out_str(o, k == 0 ? "pearson" : "spearman");
        jl_out_int(o, (long)c.n);
        jl_out_num(o, c.r, 3);
        jl_out_num(o, c.lo, 3);
        jl_out_num(o, c.hi, 3);
        jl_out_row_end(o);
    }
    jl_out_end(o);
}

typedef struct up_ctx {
    jl_strmap *ix;
    char **parent;
    size_t n, cap;
} up_ctx;

static void up_row(void *ctx, const char *const *c, size_t n)
{
    up_ctx *u = ctx;

    (void)n;
    if (!*c[2])
        return;
    u->parent = jl_xgrow(u->parent, &u->cap, u->n + 1, sizeof *u->parent);
    u->parent[u->n] = jl_xstrdup(c[2]);
    jl_strmap_put(u->ix, c[0], u->n++, NULL);
}

static void up_dispose(up_ctx *u)
{
    size_t i;

    for (i = 0; i < u->n; i++)
        jl_free(u->parent[i]);
    jl_free(u->parent);
    jl_strmap_free(u->ix);
    memset(u, 0, sizeof *u);
}

typedef struct divp_ctx {
    const char *id;
    char parent[128];
    int found;
} divp_ctx;

static void divp_row(void *ctx, const char *const *c, size_t n)
{
    divp_ctx *d = ctx;

    (void)n;
    if (!strcmp(c[0], d->id)) {
        snprintf(d->parent, sizeof d->parent, "%s", c[3]);
        d->found = 1;
    }
}

int jl_cli_map_up(jl_cli *cli, const char *src, const char *dst, char ***codes, size_t *n,
                  jl_strmap **map, jl_err *err)
{
    char chain[JL_MAX_PARENT_DEPTH][JL_MAX_ID + 1];
    size_t depth = 0, i, j;
    const char *cur = src;
    up_ctx first, step;
    int rc;

    *map = NULL;
    *codes = NULL;
    *n = 0;
    /* The chain of parent divisions from src up to dst. */
    while (strcmp(cur, dst)) {
        if (depth == JL_MAX_PARENT_DEPTH)
            return jl_err_set(err, JL_ELIMIT,
                              _("expected parent links from %s to reach %s within %d levels, "
                                "found more (limit JL_MAX_PARENT_DEPTH; a loop of parents?)"),
                              src, dst, JL_MAX_PARENT_DEPTH);
        divp_ctx d;

        memset(&d, 0, sizeof d);
        d.id = cur;
        rc = jl_store_division_info(cli->store, divp_row, &d, err);
        if (rc < 0)
            return rc;
        if (!d.found || !*d.parent)
            return 0;
        snprintf(chain[depth++], sizeof chain[0], "%s", cur);
        cur = jl_arena_strdup(cli->arena, d.parent);
    }
    if (strcmp(cur, dst) || depth == 0)
        return 0;
    memset(&first, 0, sizeof first);
    first.ix = jl_strmap_new();
    rc = jl_store_area_rows(cli->store, chain[0], NULL, up_row, &first, err);
    for (j = 1; j < depth && rc == 0; j++) {
        memset(&step, 0, sizeof step);
        step.ix = jl_strmap_new();
        rc = jl_store_area_rows(cli->store, chain[j], NULL, up_row, &step, err);
        for (i = 0; i < first.n && rc == 0; i++) {
            size_t k;

            if (jl_strmap_get(step.ix, first.parent[i], &k)) {
                jl_free(first.parent[i]);
                first.parent[i] = jl_xstrdup(step.parent[k]);
            }
        }
        up_dispose(&step);
    }
    if (rc < 0) {
        up_dispose(&first);
        return rc;
    }
    *map = first.ix;
    *codes = first.parent;
    *n = first.n;
    return 1;
}

void jl_cli_print_diag(const jl_diag *d)
{
    char buf[1200];
    size_t i;

    for (i = 0; i < d->n; i++)
        fprintf(stderr, "%s\n", jl_err_format(buf, sizeof buf, &d->e[i]));
}

int jl_cli_division_id(const char *id, const char *opt, jl_err *err)
{
    if (!id)
        return JL_OK;
    if (!*id)
        return jl_err_set(err, JL_EUSAGE, _("expected a division id after %s, found an empty one"),
                          opt);
    return jl_limit_len(id, JL_MAX_ID, _("a division id"), "JL_MAX_ID", "", 0, 0, err);
}
