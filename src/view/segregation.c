/*
 * The segregation view (view/segregation.h): the table of units and
 * groups from a CSV, a map layer or the database, and its indices.
 */
#include "view/segregation.h"
#include "view/spatial_int.h"
#include "core/alloc.h"
#include "core/csv.h"
#include "core/i18n.h"
#include "core/num.h"
#include "core/strmap.h"
#include "core/text.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Text cells of the named columns, one row per unit, from a CSV, a map
 * layer (whose rings are kept for contiguity) or the database. */
typedef struct seg_table {
    size_t n, ncol;
    char **codes;
    char **cell; /* n * ncol */
    long *line;  /* CSV line of each row (0 for a layer or the database) */
    int has_geom;
    jl_geo_rings rings;
    size_t *keep; /* with rings: the feature of each row */
} seg_table;

/* The columns a file's table is read with: each group's, and for a group
 * A-B (people counted in A but not in B) A in its place and B after the
 * groups and group_of, whose column is at ngroups. */
typedef struct seg_cols {
    const char *col[2 * JL_SEG_MAX_GROUPS + 4];
    char *split[JL_SEG_MAX_GROUPS]; /* owned: the A of A-B */
    size_t sub_of[JL_SEG_MAX_GROUPS]; /* the column of B, or SIZE_MAX */
    size_t n;
} seg_cols;

static void seg_table_dispose(seg_table *t)
{
    size_t i;

    for (i = 0; t->codes && i < t->n; i++)
        jl_free(t->codes[i]);
    for (i = 0; t->cell && i < t->n * t->ncol; i++)
        jl_free(t->cell[i]);
    jl_free(t->codes);
    jl_free(t->cell);
    jl_free(t->line);
    jl_free(t->keep);
    jl_geo_rings_dispose(&t->rings);
    memset(t, 0, sizeof *t);
}

static void seg_cols_dispose(seg_cols *c)
{
    size_t g;

    for (g = 0; g < JL_SEG_MAX_GROUPS; g++)
        jl_free(c->split[g]);
}

jl_view_seg_kind jl_view_seg_kind_of(const char *source)
{
    if (strncmp(source, "indicators@", 11) != 0)
        return JL_SEG_FILE;
    return strchr(source + 11, ',') ? JL_SEG_DB_TIME : JL_SEG_DB;
}

/* ---- checks ---- */

static int find_focal(size_t *focal, const jl_view_seg_req *rq, jl_err *err)
{
    *focal = 0;
    if (!rq->focal)
        return JL_OK;
    while (*focal < rq->ngroups && strcmp(rq->groups[*focal], rq->focal))
        ++*focal;
    if (*focal == rq->ngroups)
        return jl_err_set(err, JL_EUSAGE, _("expected --focal to be one of --groups, found %s"),
                          rq->focal);
    return JL_OK;
}

/* Splits rq->only into its column (fcol, flen bytes) and value. */
static int split_only(char *fcol, size_t flen, const char **fval, const jl_view_seg_req *rq,
                      jl_err *err)
{
    const char *eq;

    fcol[0] = '\0';
    *fval = NULL;
    if (!rq->only)
        return JL_OK;
    eq = strchr(rq->only, '=');
    if (!eq || eq == rq->only || (size_t)(eq - rq->only) >= flen)
        return jl_err_set(err, JL_EUSAGE, _("expected --only COLUMN=VALUE, found %s"), rq->only);
    memcpy(fcol, rq->only, (size_t)(eq - rq->only));
    fcol[eq - rq->only] = '\0';
    *fval = eq + 1;
    return JL_OK;
}

static int make_cols(seg_cols *c, const jl_view_seg_req *rq, jl_err *err)
{
    size_t g, ng = rq->ngroups, nc = ng + (rq->group_of != NULL);
    int db = jl_view_seg_kind_of(rq->source) != JL_SEG_FILE;

    memset(c, 0, sizeof *c);
    for (g = 0; g < ng; g++) {
        const char *minus = strchr(rq->groups[g], '-');

        c->col[g] = rq->groups[g];
        c->sub_of[g] = SIZE_MAX;
        if (minus && !db) {
            size_t len = (size_t)(minus - rq->groups[g]);

            if (nc + 1 >= sizeof c->col / sizeof c->col[0] || len == 0 || !minus[1])
                return jl_err_set(err, JL_EUSAGE, _("expected a group COLUMN or A-B, found %s"),
                                  rq->groups[g]);
            c->split[g] = jl_xstrndup(rq->groups[g], len);
            c->col[g] = c->split[g];
            c->sub_of[g] = nc;
            c->col[nc++] = minus + 1;
        }
    }
    if (rq->group_of)
        c->col[ng] = rq->group_of;
    c->n = nc;
    return JL_OK;
}

/* Everything that can be refused before reading, in the order the
 * command line has always refused it. */
static int check(size_t *focal, seg_cols *cols, char *fcol, size_t flen, const char **fval,
                 const jl_view_seg_req *rq, jl_err *err)
{
    int rc;

    memset(cols, 0, sizeof *cols);
    if (rq->ngroups > JL_SEG_MAX_GROUPS)
        return jl_err_set(err, JL_EUSAGE, _("expected at most 64 groups"));
    if (rq->ngroups < 2)
        return jl_err_set(err, JL_EUSAGE, _("expected at least two groups in --groups, found %zu"),
                          rq->ngroups);
    if ((rc = find_focal(focal, rq, err)) < 0 || (rc = split_only(fcol, flen, fval, rq, err)) < 0 ||
        (rc = make_cols(cols, rq, err)) < 0)
        return rc;
    if (jl_view_seg_kind_of(rq->source) == JL_SEG_FILE)
        return JL_OK;
    if (rq->group_of || rq->only || rq->weights_file)
        return jl_err_set(err, JL_EUSAGE,
                          _("indicators@PERIOD takes --division, --groups, --focal, --weights "
                            "and --local"));
    if (!rq->division)
        return jl_err_set(err, JL_EUSAGE, _("%s needs --division"), "indicators@PERIOD");
    return JL_OK;
}

int jl_view_seg_check(const jl_view_seg_req *rq, jl_err *err)
{
    size_t focal;
    seg_cols cols;
    char fcol[200];
    const char *fval;
    int rc = check(&focal, &cols, fcol, sizeof fcol, &fval, rq, err);

    seg_cols_dispose(&cols);
    return rc;
}

/* ---- the table from a file ---- */

/* Finds the columns of the header: the unit's (*uc), the filter's (*fc)
 * and cols' (cc). */
static int csv_header(jl_csv *csv, const char *src, const char *unit, const seg_cols *cols,
                      const char *fcol, size_t *uc, size_t *fc, size_t *cc, jl_err *err)
{
    size_t i, c;
    int rc = jl_csv_next(csv, err);

    if (rc == 0)
        return jl_err_at(err, JL_EINPUT, src, 1, 1, _("expected a header line, found none"));
    if (rc < 0)
        return rc;
    *uc = *fc = SIZE_MAX;
    for (c = 0; c < cols->n; c++)
        cc[c] = SIZE_MAX;
    for (i = 0; i < jl_csv_nfields(csv); i++) {
        const char *h = jl_csv_field(csv, i);

        if (!strcmp(h, unit))
            *uc = i;
        if (fcol && !strcmp(h, fcol))
            *fc = i;
        for (c = 0; c < cols->n; c++)
            if (!strcmp(h, cols->col[c]))
                cc[c] = i;
    }
    if (*uc == SIZE_MAX)
        return jl_err_at(err, JL_EINPUT, src, 1, 1, _("expected a column \"%s\", found none"),
                         unit);
    if (fcol && *fc == SIZE_MAX)
        return jl_err_at(err, JL_EINPUT, src, 1, 1, _("expected a column \"%s\", found none"),
                         fcol);
    for (c = 0; c < cols->n; c++)
        if (cc[c] == SIZE_MAX)
            return jl_err_at(err, JL_EINPUT, src, 1, 1, _("expected a column \"%s\", found none"),
                             cols->col[c]);
    return JL_OK;
}

/* The rows of a CSV that pass the filter fcol=fval; each unit once. */
static int csv_rows(seg_table *t, jl_csv *csv, const char *src, size_t uc, size_t fc,
                    const size_t *cc, const char *fcol, const char *fval, jl_err *err)
{
    jl_strmap *seen = jl_strmap_new();
    size_t c, cap = 0, ccap = 0, lcap = 0, ncol = t->ncol;
    int rc;

    while ((rc = jl_csv_next(csv, err)) == 1) {
        size_t nf = jl_csv_nfields(csv), first;

        if (fcol && (fc >= nf || strcmp(jl_csv_field(csv, fc), fval)))
            continue;
        if (uc >= nf) {
            rc = jl_err_at(err, JL_EINPUT, src, jl_csv_line(csv), 1,
                           _("expected %zu fields, found %zu"), uc + 1, nf);
            break;
        }
        /* A unit twice would be counted twice in every index. */
        if (!jl_strmap_put(seen, jl_csv_field(csv, uc), (size_t)jl_csv_line(csv), &first)) {
            rc = jl_err_at(err, JL_EINPUT, src, jl_csv_line(csv), jl_csv_field_col(csv, uc),
                           _("expected each unit once, found %s again (first on line %zu)"),
                           jl_csv_field(csv, uc), first);
            break;
        }
        t->codes = jl_xgrow(t->codes, &cap, t->n + 1, sizeof *t->codes);
        t->cell = jl_xgrow(t->cell, &ccap, (t->n + 1) * (ncol ? ncol : 1), sizeof *t->cell);
        t->line = jl_xgrow(t->line, &lcap, t->n + 1, sizeof *t->line);
        t->codes[t->n] = jl_xstrdup(jl_csv_field(csv, uc));
        t->line[t->n] = jl_csv_line(csv);
        for (c = 0; c < ncol; c++)
            t->cell[t->n * ncol + c] = jl_xstrdup(cc[c] < nf ? jl_csv_field(csv, cc[c]) : "");
        t->n++;
    }
    jl_strmap_free(seen);
    return rc < 0 ? rc : JL_OK;
}

static int load_csv(seg_table *t, const char *src, const char *unit, const seg_cols *cols,
                    const char *fcol, const char *fval, jl_err *err)
{
    char *text = NULL;
    size_t len, uc = SIZE_MAX, fc = SIZE_MAX, *cc = jl_xmalloc((cols->n ? cols->n : 1) * sizeof *cc);
    jl_csv *csv = NULL;
    int rc;

    rc = jl_text_load(&text, &len, NULL, src, JL_ENC_AUTO, err);
    if (rc == 0)
        rc = jl_csv_new(&csv, src, text, len, 0, err);
    if (rc == 0)
        rc = csv_header(csv, src, unit, cols, fcol, &uc, &fc, cc, err);
    if (rc == 0)
        rc = csv_rows(t, csv, src, uc, fc, cc, fcol, fval, err);
    jl_csv_free(csv);
    jl_free(text);
    jl_free(cc);
    return rc;
}

static int load_layer(seg_table *t, const jl_view_seg_req *rq, const seg_cols *cols,
                      const char *fcol, const char *fval, jl_err *err)
{
    const char **all = jl_xmalloc((cols->n + 1) * sizeof *all);
    size_t i, c, ncol = cols->n, ne;
    int rc;

    for (c = 0; c < ncol; c++)
        all[c] = cols->col[c];
    if (fcol)
        all[ncol] = fcol;
    rc = jl_view_sp_read_rings(&t->rings, rq->source, rq->unit, all, ncol + (fcol != NULL),
                               rq->planar, rq->crs, rq->diag, err);
    jl_free(all);
    if (rc < 0)
        return rc;
    t->has_geom = 1;
    ne = t->rings.nextra;
    t->keep = jl_xmalloc((t->rings.n ? t->rings.n : 1) * sizeof *t->keep);
    t->codes = jl_xmalloc((t->rings.n ? t->rings.n : 1) * sizeof *t->codes);
    t->cell = jl_xmalloc((t->rings.n && ncol ? t->rings.n * ncol : 1) * sizeof *t->cell);
    t->line = jl_xcalloc(t->rings.n ? t->rings.n : 1, sizeof *t->line);
    for (i = 0; i < t->rings.n; i++) {
        const char *fv = fcol ? t->rings.extra[i * ne + ncol] : NULL;

        if (fcol && (!fv || strcmp(fv, fval)))
            continue;
        t->keep[t->n] = i;
        t->codes[t->n] = jl_xstrdup(t->rings.code[i]);
        for (c = 0; c < ncol; c++) {
            const char *v = t->rings.extra[i * ne + c];

            t->cell[t->n * ncol + c] = jl_xstrdup(v ? v : "");
        }
        t->n++;
    }
    return JL_OK;
}

/* ---- the table from the database ---- */

/* Each group's figures: av[2g] its indicator, av[2g+1] the one taken from
 * it (A-B) or none; ix the positions of their codes. */
static int db_groups(jl_area_values *av, jl_strmap **ix, jl_store *st,
                     const jl_view_seg_req *rq, const char *period, jl_err *err)
{
    size_t g, i, k;
    int rc = JL_OK;

    for (g = 0; g < rq->ngroups && rc == 0; g++) {
        char a[200], *minus;

        snprintf(a, sizeof a, "%s", rq->groups[g]);
        minus = strchr(a, '-');
        if (minus)
            *minus++ = '\0';
        rc = jl_view_sp_indicator_values(&av[2 * g], st, rq->indicator, rq->indicator_ctx, a,
                                         rq->division, period, err);
        if (rc == 0 && minus)
            rc = jl_view_sp_indicator_values(&av[2 * g + 1], st, rq->indicator,
                                             rq->indicator_ctx, minus, rq->division, period, err);
        for (k = 0; rc == 0 && k < 2; k++) {
            ix[2 * g + k] = jl_strmap_new();
            for (i = 0; i < av[2 * g + k].n; i++)
                jl_strmap_put(ix[2 * g + k], av[2 * g + k].codes[i], i, NULL);
        }
    }
    return rc;
}

/* The areas of the first group that have every figure, in its order; the
 * figures as text, exactly ("%.17g"), like a file's cells. */
static void db_join(seg_table *t, const jl_area_values *av, jl_strmap *const *ix, size_t ng)
{
    size_t i, g;

    t->codes = jl_xmalloc((av[0].n ? av[0].n : 1) * sizeof *t->codes);
    t->cell = jl_xmalloc((av[0].n ? av[0].n : 1) * ng * sizeof *t->cell);
    t->line = jl_xcalloc(av[0].n ? av[0].n : 1, sizeof *t->line);
    for (i = 0; i < av[0].n; i++) {
        double v[JL_SEG_MAX_GROUPS];
        int all = 1;

        for (g = 0; g < ng && all; g++) {
            size_t at, bt;

            if (!jl_strmap_get(ix[2 * g], av[0].codes[i], &at))
                all = 0;
            else if (av[2 * g + 1].codes && !jl_strmap_get(ix[2 * g + 1], av[0].codes[i], &bt))
                all = 0;
            else
                v[g] = av[2 * g].vals[at] - (av[2 * g + 1].codes ? av[2 * g + 1].vals[bt] : 0);
        }
        if (!all)
            continue;
        t->codes[t->n] = jl_xstrdup(av[0].codes[i]);
        for (g = 0; g < ng; g++) {
            char num[40];

            snprintf(num, sizeof num, "%.17g", v[g]);
            t->cell[t->n * ng + g] = jl_xstrdup(num);
        }
        t->n++;
    }
}

/* Keeps the rows of t that have a stored shape. */
static int db_shapes(seg_table *t, jl_store *st, const char *div, jl_err *err)
{
    size_t *keep = NULL, i, g, j = 0, ng = t->ncol;
    int rc = jl_view_sp_db_rings(&t->rings, &keep, st, div, t->codes, t->n, err);

    if (rc == 0) {
        for (i = 0; i < t->n; i++) {
            if (j < t->rings.n && keep[j] == i) {
                t->codes[j] = t->codes[i];
                for (g = 0; g < ng; g++)
                    t->cell[j * ng + g] = t->cell[i * ng + g];
                j++;
            } else {
                jl_free(t->codes[i]);
                for (g = 0; g < ng; g++)
                    jl_free(t->cell[i * ng + g]);
            }
        }
        t->n = j;
        t->has_geom = 1;
        t->keep = jl_xmalloc((j ? j : 1) * sizeof *t->keep);
        for (i = 0; i < j; i++)
            t->keep[i] = i;
    }
    jl_free(keep);
    return rc;
}

/* indicators@PERIOD: each group an indicator of counts, or A-B (people
 * counted in A but not in B, such as folkmangd-fodda_sverige), over the
 * areas of the division that have every figure. */
static int load_db(seg_table *t, jl_store *st, const jl_view_seg_req *rq, const char *period,
                   int need_geom, jl_err *err)
{
    size_t g, ng = rq->ngroups;
    jl_area_values *av = jl_xcalloc(2 * ng, sizeof *av);
    jl_strmap **ix = jl_xcalloc(2 * ng, sizeof *ix);
    int rc;

    t->ncol = ng;
    rc = db_groups(av, ix, st, rq, period, err);
    if (rc == 0)
        db_join(t, av, ix, ng);
    if (rc == 0 && need_geom && t->n)
        rc = db_shapes(t, st, rq->division, err);
    for (g = 0; g < 2 * ng; g++) {
        jl_area_values_dispose(&av[g]);
        if (ix[g])
            jl_strmap_free(ix[g]);
    }
    jl_free(av);
    jl_free(ix);
    return rc;
}

/* ---- the indices ---- */

/* Contiguity among the rows of tb (which has rings), binary. */
static int contiguity(jl_spw *w, const seg_table *tb, const char *spec, const char *snap,
                      jl_err *err)
{
    jl_geo_rings r;
    jl_view_sp_weights vw;
    jl_view_sp_wspec ws;
    const jl_geo_rings *s = &tb->rings;
    size_t k, nr = 0, nv = 0;
    int rc;

    memset(&r, 0, sizeof r);
    snprintf(r.crs, sizeof r.crs, "%s", s->crs);
    r.n = tb->n;
    r.fring = jl_xmalloc((tb->n + 1) * sizeof *r.fring);
    r.roff = jl_xmalloc((s->nring + 1) * sizeof *r.roff);
    r.xy = jl_xmalloc((s->nv ? s->nv : 1) * 2 * sizeof *r.xy);
    r.cxy = jl_xmalloc((tb->n ? tb->n : 1) * 2 * sizeof *r.cxy);
    r.roff[0] = 0;
    for (k = 0; k < tb->n; k++) {
        size_t f = tb->keep[k], q;

        r.fring[k] = nr;
        r.cxy[2 * k] = s->cxy[2 * f];
        r.cxy[2 * k + 1] = s->cxy[2 * f + 1];
        for (q = s->fring[f]; q < s->fring[f + 1]; q++) {
            size_t len = s->roff[q + 1] - s->roff[q];

            memcpy(r.xy + 2 * nv, s->xy + 2 * s->roff[q], 2 * len * sizeof *r.xy);
            nv += len;
            r.roff[++nr] = nv;
        }
    }
    r.fring[tb->n] = nr;
    r.nring = nr;
    r.nv = nv;
    memset(&ws, 0, sizeof ws);
    ws.spec = spec;
    ws.snap = snap;
    ws.style = "B";
    rc = jl_view_sp_weights_rings(&vw, &r, tb->codes, tb->n, &ws, err);
    jl_geo_rings_dispose(&r);
    *w = vw.w; /* now the caller's */
    vw.w.off = NULL;
    vw.w.nb = NULL;
    vw.w.w = NULL;
    jl_view_sp_weights_dispose(&vw);
    return rc;
}

/* The counts of tb's rows (cols says where B of A-B is) into out. */
static int counts(jl_view_seg *out, const seg_table *tb, const seg_cols *cols,
                  const jl_view_seg_req *rq, jl_err *err)
{
    size_t i, g, ng = rq->ngroups;

    out->count = jl_xmalloc(tb->n * ng * sizeof *out->count);
    out->total = jl_xmalloc(tb->n * sizeof *out->total);
    for (i = 0; i < tb->n; i++) {
        out->total[i] = 0;
        for (g = 0; g < ng; g++) {
            const char *s = tb->cell[i * tb->ncol + g];
            double v, b;

            if (jl_parse_double(&v, s) < 0 || !(v >= 0) || !isfinite(v))
                return jl_err_at(err, JL_EINPUT, rq->source, tb->line[i], 0,
                                 _("unit %s: expected a count of 0 or more in %s, found \"%s\""),
                                 tb->codes[i], rq->groups[g], s);
            if (cols->sub_of[g] != SIZE_MAX) {
                const char *s2 = tb->cell[i * tb->ncol + cols->sub_of[g]];

                if (jl_parse_double(&b, s2) < 0 || !(b >= 0) || !(b <= v))
                    return jl_err_at(err, JL_EINPUT, rq->source, tb->line[i], 0,
                                     _("unit %s: expected %s of 0 or more and at most %s, found "
                                       "\"%s\""),
                                     tb->codes[i], cols->col[cols->sub_of[g]], cols->col[g], s2);
                v -= b;
            }
            out->count[i * ng + g] = v;
            out->total[i] += v;
        }
    }
    return JL_OK;
}

/* The parts of the units by the values of group_of (column ngroups). */
static uint32_t *partition(jl_view_seg *out, const seg_table *tb)
{
    jl_strmap *pm = jl_strmap_new();
    uint32_t *part = jl_xmalloc((tb->n ? tb->n : 1) * sizeof *part);
    size_t i;

    out->parts = jl_xmalloc((tb->n ? tb->n : 1) * sizeof *out->parts);
    for (i = 0; i < tb->n; i++) {
        const char *s = tb->cell[i * tb->ncol + out->ngroups];
        size_t at;

        if (!jl_strmap_get(pm, s, &at)) {
            at = out->nparts;
            jl_strmap_put(pm, s, out->nparts, NULL);
            out->parts[out->nparts++] = jl_xstrdup(s);
        }
        part[i] = (uint32_t)at;
    }
    jl_strmap_free(pm);
    return part;
}

/* Contiguity for Morrill's D, from a file or the shapes. */
static int weights(jl_spw *w, jl_view_seg *out, const seg_table *tb, const jl_view_seg_req *rq,
                   jl_err *err)
{
    jl_spw_summary s;
    int rc;

    if (rq->weights_file) {
        /* Links to units outside the data (another city, a filtered row)
         * are dropped and counted, not refused. */
        rc = jl_view_sp_weights_file(w, tb->codes, tb->n, rq->weights_file, &out->links_dropped,
                                     err);
        if (rc == 0)
            rc = jl_spw_set_style(w, 'B', err);
    } else if (rq->weights) {
        if (!tb->has_geom)
            return jl_err_set(err, JL_EUSAGE,
                              _("a CSV has no shapes: give --weights-file FILE (from,to,weight)"));
        rc = contiguity(w, tb, rq->weights, rq->snap, err);
    } else
        return JL_OK;
    if (rc < 0)
        return rc;
    out->has_weights = 1;
    jl_spw_summarise(w, &s, NULL);
    out->links = s.links;
    return JL_OK;
}

static int indices(jl_view_seg *out, const seg_table *tb, const seg_cols *cols,
                   const jl_view_seg_req *rq, jl_err *err)
{
    size_t i, n = tb->n, ng = rq->ngroups;
    double *x = NULL;
    uint32_t *part = NULL;
    jl_spw w;
    int rc;

    memset(&w, 0, sizeof w);
    if (n < 2)
        return jl_err_set(err, JL_EINPUT, _("expected at least two units, found %zu"), n);
    if ((rc = counts(out, tb, cols, rq, err)) < 0)
        return rc;
    x = jl_xmalloc(n * sizeof *x);
    for (i = 0; i < n; i++)
        x[i] = out->count[i * ng + out->focal];
    if (rq->group_of)
        part = partition(out, tb);
    rc = weights(&w, out, tb, rq, err);
    if (rc == 0)
        rc = jl_seg_two_compute(x, out->total, n, out->has_weights ? &w : NULL, &out->two, err);
    if (rc == 0) {
        out->local = jl_xmalloc(n * sizeof *out->local);
        out->lq = jl_xmalloc(n * ng * sizeof *out->lq);
        if (part) {
            out->part_M = jl_xmalloc((out->nparts ? out->nparts : 1) * sizeof *out->part_M);
            out->part_share =
                jl_xmalloc((out->nparts ? out->nparts : 1) * sizeof *out->part_share);
        }
        rc = jl_seg_multi_compute(out->count, n, ng, part, out->nparts, &out->multi, out->local,
                                  out->lq, out->part_M, out->part_share, err);
    }
    jl_spw_dispose(&w);
    jl_free(part);
    jl_free(x);
    return rc;
}

void jl_view_seg_dispose(jl_view_seg *s)
{
    size_t i;

    for (i = 0; s->codes && i < s->n; i++)
        jl_free(s->codes[i]);
    for (i = 0; s->parts && i < s->nparts; i++)
        jl_free(s->parts[i]);
    jl_free(s->codes);
    jl_free(s->count);
    jl_free(s->total);
    jl_free(s->local);
    jl_free(s->lq);
    jl_free(s->parts);
    jl_free(s->part_M);
    jl_free(s->part_share);
    memset(s, 0, sizeof *s);
}

int jl_view_seg_run(jl_view_seg *out, jl_store *st, const jl_view_seg_req *rq, jl_err *err)
{
    seg_table tb;
    seg_cols cols;
    char fcol[200];
    const char *fval;
    int rc;

    memset(out, 0, sizeof *out);
    memset(&tb, 0, sizeof tb);
    rc = check(&out->focal, &cols, fcol, sizeof fcol, &fval, rq, err);
    if (rc < 0)
        goto done;
    assert(jl_view_seg_kind_of(rq->source) != JL_SEG_DB_TIME);
    out->ngroups = rq->ngroups;
    tb.ncol = cols.n;
    if (jl_view_seg_kind_of(rq->source) == JL_SEG_DB)
        rc = load_db(&tb, st, rq, rq->source + 11, rq->weights != NULL, err);
    else if (jl_view_sp_has_ext(rq->source, ".csv"))
        rc = load_csv(&tb, rq->source, rq->unit, &cols, fval ? fcol : NULL, fval, err);
    else
        rc = load_layer(&tb, rq, &cols, fval ? fcol : NULL, fval, err);
    if (rc == 0)
        rc = indices(out, &tb, &cols, rq, err);
    if (rc == 0) {
        out->n = tb.n;
        out->codes = tb.codes; /* now the result's */
        tb.codes = NULL;
    }
done:
    seg_cols_dispose(&cols);
    seg_table_dispose(&tb);
    if (rc < 0)
        jl_view_seg_dispose(out);
    return rc;
}

/* ---- over time ---- */

/* One period's indices over the areas with every figure. The counts are
 * checked as they have always been over time: a negative one refuses the
 * period (the last one found is named). */
static int one_period(jl_view_seg_period *p, jl_store *st, const jl_view_seg_req *rq,
                      const char *period, size_t focal, jl_err *err)
{
    seg_table tb;
    double *cnt = NULL, *x = NULL, *tot = NULL;
    size_t i, g, ng = rq->ngroups;
    jl_spw w;
    int rc;

    memset(&w, 0, sizeof w);
    memset(&tb, 0, sizeof tb);
    rc = load_db(&tb, st, rq, period, rq->weights != NULL, err);
    if (rc == 0 && tb.n < 2)
        rc = jl_err_set(err, JL_EINPUT, _("%s: expected at least two units, found %zu"), period,
                        tb.n);
    if (rc == 0 && rq->weights)
        rc = contiguity(&w, &tb, rq->weights, rq->snap, err);
    if (rc == 0) {
        cnt = jl_xmalloc(tb.n * ng * sizeof *cnt);
        x = jl_xmalloc(tb.n * sizeof *x);
        tot = jl_xmalloc(tb.n * sizeof *tot);
        for (i = 0; i < tb.n; i++) {
            tot[i] = 0;
            for (g = 0; g < ng; g++) {
                double v = 0;

                if (jl_parse_double(&v, tb.cell[i * ng + g]) < 0 || !(v >= 0))
                    rc = jl_err_set(err, JL_EINPUT,
                                    _("unit %s: expected a count of 0 or more in %s, found "
                                      "\"%s\""),
                                    tb.codes[i], rq->groups[g], tb.cell[i * ng + g]);
                cnt[i * ng + g] = v;
                tot[i] += v;
            }
            x[i] = cnt[i * ng + focal];
        }
    }
    if (rc == 0)
        rc = jl_seg_two_compute(x, tot, tb.n, rq->weights ? &w : NULL, &p->two, err);
    if (rc == 0)
        rc = jl_seg_multi_compute(cnt, tb.n, ng, NULL, 0, &p->multi, NULL, NULL, NULL, NULL, err);
    jl_free(cnt);
    jl_free(x);
    jl_free(tot);
    jl_spw_dispose(&w);
    seg_table_dispose(&tb);
    return rc;
}

void jl_view_seg_time_dispose(jl_view_seg_time *t)
{
    size_t i;

    for (i = 0; t->p && i < t->n; i++)
        jl_free(t->p[i].period);
    jl_free(t->p);
    memset(t, 0, sizeof *t);
}

int jl_view_seg_over_time(jl_view_seg_time *out, jl_store *st, const jl_view_seg_req *rq,
                          jl_err *err)
{
    seg_cols cols;
    char fcol[200], *copy = NULL, *tok, *save = NULL;
    const char *fval;
    size_t cap = 0;
    int rc;

    memset(out, 0, sizeof *out);
    rc = check(&out->focal, &cols, fcol, sizeof fcol, &fval, rq, err);
    seg_cols_dispose(&cols);
    if (rc < 0)
        return rc;
    copy = jl_xstrdup(rq->source + 11);
    for (tok = strtok_r(copy, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
        jl_view_seg_period p;

        memset(&p, 0, sizeof p);
        rc = one_period(&p, st, rq, tok, out->focal, err);
        if (rc < 0)
            break;
        p.period = jl_xstrdup(tok);
        out->p = jl_xgrow(out->p, &cap, out->n + 1, sizeof *out->p);
        out->p[out->n++] = p;
    }
    jl_free(copy);
    return rc;
}
