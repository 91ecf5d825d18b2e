/*
 * The segregation and clusters page (/segregation, issue 19): how
 * unevenly two groups live over the areas of a division, period by
 * period (view/segregation.h), and where an indicator's high and low
 * values cluster (view/clusters.h), with the method in plain words.
 * Register statistics only, each named with its source: survey figures
 * reach pages through releases, and no release feeds this page.
 *
 * ?division= ?focal=A ?reference=B (indicators of counts, "A-B" for
 * those in A but not in B; or both at once as ?groups=A,B) ?indicator=
 * ?period= and the cluster parameters of /api/v1/clusters, chosen by a
 * GET form without script. The defaults are SCB's comparison of the
 * people born abroad with those born in Sweden, as Segregationsbarometern
 * makes it, and the share born abroad. A group or indicator the database
 * does not hold is 400, the page with the form and the words beside the
 * field.
 */
#include "web/chart.h"
#include "web/html.h"
#include "web/page.h"
#include "web/map.h"
#include "view/catalog.h"
#include "view/indicator.h"
#include "view/segregation.h"
#include "core/limits.h"
#include "core/num.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define DEFAULT_FOCAL "folkmangd-fodda_sverige"
#define DEFAULT_REFERENCE "fodda_sverige"
#define DEFAULT_INDICATOR "utrikes_fodda_andel"

enum { SG_INDEX = 0, SG_CLUSTERS, SG_NTABLES };
static const char *const files[SG_NTABLES] = {"index", "kluster"};

typedef struct seg_page {
    const char *groups[2];
    const char *division;
    char names[2][512], source[512];
    jl_view_seg_time t;
    int has_t;
    jl_view_clusters_req q;
    jl_view_clusters c;
    int has_c;
    char ind_source[512];
    int dflt;             /* both groups the defaults */
    const char *err[3];   /* beside the focal group, the reference, the indicator */
} seg_page;

enum { F_FOCAL = 0, F_REFERENCE, F_INDICATOR };

/* The division to show: asked for, or where the second group's
 * indicator is observed most. */
static int division_of(seg_page *s, jl_req *rq)
{
    const char *d = jl_target_param(&rq->target, "division"), *dash;
    char id[JL_MAX_ID + 1], *home;
    jl_err e = JL_ERR_INIT;

    if (d) {
        s->division = d;
        return 200;
    }
    dash = strchr(s->groups[1], '-');
    snprintf(id, sizeof id, "%.*s", dash ? (int)(dash - s->groups[1]) : JL_MAX_ID,
             s->groups[1]);
    home = jl_arena_alloc(rq->arena, JL_MAX_ID + 1);
    /* none when the store lacks the indicator: the page says so */
    if (jl_view_indicator_home(home, rq->store, id, NULL, &e) < 0 || !*home)
        return 200;
    s->division = home;
    return 200;
}

/* A group's name: its indicators' names, "A utom B" for A-B. */
static int group_name(char *out, size_t len, char *source, size_t slen, jl_store *st,
                      const char *g)
{
    jl_view_indicator_def d[2];
    jl_err e = JL_ERR_INIT;
    char id[2][JL_MAX_ID + 1];
    const char *dash = strchr(g, '-');
    int k, n = dash ? 2 : 1;

    snprintf(id[0], sizeof id[0], "%.*s", dash ? (int)(dash - g) : JL_MAX_ID, g);
    if (dash)
        snprintf(id[1], sizeof id[1], "%s", dash + 1);
    for (k = 0; k < n; k++)
        if (jl_view_indicator_def_get(&d[k], st, id[k], &e) <= 0)
            return 404;
    if (n == 2)
        snprintf(out, len, _("%s but not %s"), jl_view_indicator_name(&d[0]),
                 jl_view_indicator_name(&d[1]));
    else
        snprintf(out, len, "%s", jl_view_indicator_name(&d[0]));
    if (!*source)
        snprintf(source, slen, "%s", d[0].source);
    return 200;
}

static int load_index(seg_page *s, jl_req *rq)
{
    jl_view_seg_req r;
    jl_buf src;
    char **per = NULL;
    size_t np = 0, i;
    jl_err e = JL_ERR_INIT;
    int rc, st;

    st = group_name(s->names[0], sizeof s->names[0], s->source, sizeof s->source, rq->store,
                    s->groups[0]);
    if (st == 200)
        st = group_name(s->names[1], sizeof s->names[1], s->source, sizeof s->source, rq->store,
                        s->groups[1]);
    if (st != 200)
        return st;
    rc = jl_view_seg_periods(&per, &np, rq->store, s->division, s->groups, 2, &e);
    if (rc == JL_ENOTFOUND)
        return 404;
    if (rc < 0 || !np) {
        jl_view_periods_free(per, np);
        return 200;
    }
    jl_buf_init(&src, rq->arena, 1 << 16);
    jl_buf_puts(&src, "indicators@");
    for (i = 0; i < np; i++)
        jl_buf_printf(&src, "%s%s", i ? "," : "", per[i]);
    jl_view_periods_free(per, np);
    memset(&r, 0, sizeof r);
    r.source = jl_buf_str(&src);
    r.unit = "-";
    r.groups = s->groups;
    r.ngroups = 2;
    r.weights = "queen";
    r.division = s->division;
    rc = jl_view_seg_check(&r, &e);
    if (rc == 0)
        rc = jl_view_seg_over_time(&s->t, rq->store, &r, &e);
    s->has_t = s->t.n > 0;
    return rc == JL_ENOTFOUND ? 404 : 200;
}

/* The groups: ?groups=A,B, or ?focal= and ?reference= (each defaulted
 * alone). 400 when malformed. */
static int groups_of(seg_page *s, jl_req *rq)
{
    const char *g = jl_target_param(&rq->target, "groups"), *comma;
    const char *f = jl_target_param(&rq->target, "focal");
    const char *r = jl_target_param(&rq->target, "reference");

    if (jl_target_count(&rq->target, "groups") > 1 || jl_target_count(&rq->target, "focal") > 1 ||
        jl_target_count(&rq->target, "reference") > 1 || (g && (f || r)) ||
        (f && (!*f || strlen(f) > JL_MAX_ID)) || (r && (!*r || strlen(r) > JL_MAX_ID)))
        return 400;
    if (g) {
        comma = strchr(g, ',');
        if (!comma || strchr(comma + 1, ',') || comma == g || !comma[1] ||
            strlen(g) > 2 * JL_MAX_ID)
            return 400;
        s->groups[0] = jl_arena_strndup(rq->arena, g, (size_t)(comma - g));
        s->groups[1] = comma + 1;
        return 200;
    }
    s->groups[0] = f ? f : DEFAULT_FOCAL;
    s->groups[1] = r ? r : DEFAULT_REFERENCE;
    s->dflt = !f && !r;
    return 200;
}

/* A group is an indicator of counts, or A-B (those in A but not in B):
 * NULL when the store has it so, else the words why not. */
static const char *group_check(jl_req *rq, const char *g)
{
    const char *dash = strchr(g, '-'), *part[2];
    jl_view_indicator_def d;
    jl_err e = JL_ERR_INIT;
    int k;

    part[0] = dash ? jl_arena_strndup(rq->arena, g, (size_t)(dash - g)) : g;
    part[1] = dash ? dash + 1 : NULL;
    for (k = 0; k < 2 && part[k]; k++)
        if (!*part[k] || jl_view_indicator_def_get(&d, rq->store, part[k], &e) <= 0 ||
            strcmp(d.kind, "count") != 0)
            return jl_arena_printf(rq->arena, _("%s is not an indicator of counts in the "
                                                "database"),
                                   part[k]);
    return NULL;
}

/* The fields checked against the store: 400 when one is not there. */
static int fields_check(seg_page *s, jl_req *rq)
{
    jl_view_indicator_def d;
    jl_err e = JL_ERR_INIT;
    int k;

    /* the default groups are SCB's: a store without them still has a page */
    for (k = 0; k < 2 && !s->dflt; k++)
        s->err[k] = group_check(rq, s->groups[k]);
    if (s->q.indicator && jl_view_indicator_def_get(&d, rq->store, s->q.indicator, &e) <= 0)
        s->err[F_INDICATOR] = jl_arena_printf(rq->arena,
                                              _("%s is not an indicator in the database"),
                                              s->q.indicator);
    return s->err[0] || s->err[1] || s->err[2] ? 400 : 200;
}

static int load(seg_page *s, jl_req *rq)
{
    jl_view_indicator_def d;
    jl_err e = JL_ERR_INIT;
    int st, rc;

    memset(s, 0, sizeof *s);
    if (jl_target_count(&rq->target, "division") > 1 || jl_web_clusters_parse(&s->q, rq) ||
        groups_of(s, rq) != 200)
        return 400;
    st = fields_check(s, rq);
    if (st != 200)
        return st;
    st = division_of(s, rq);
    if (!s->division)
        return s->dflt ? st : 404;
    if (st == 200) {
        jl_view_area_list l;

        if (jl_view_area_list_load(&l, rq->store, s->division, &e) == JL_ENOTFOUND)
            st = 404;
        jl_view_area_list_dispose(&l);
    }
    if (st != 200)
        return st;
    st = load_index(s, rq);
    if (st != 200 && !(st == 404 && s->dflt))
        return st;
    if (!s->q.indicator) {
        if (jl_view_indicator_def_get(&d, rq->store, DEFAULT_INDICATOR, &e) <= 0)
            return 200;
        s->q.indicator = DEFAULT_INDICATOR;
    }
    if (jl_view_indicator_def_get(&d, rq->store, s->q.indicator, &e) <= 0)
        return 404;
    snprintf(s->ind_source, sizeof s->ind_source, "%s", d.source);
    s->q.division = s->division;
    rc = jl_view_clusters_load(&s->c, rq->store, &s->q, &e);
    s->has_c = rc == 0;
    return 200;
}

static void dispose(seg_page *s)
{
    jl_view_seg_time_dispose(&s->t);
    jl_view_clusters_dispose(&s->c);
}

/* ---- tables ---- */

static const char *class_words(const char *code)
{
    if (!strcmp(code, "high_high"))
        return _("high among high");
    if (!strcmp(code, "low_low"))
        return _("low among low");
    if (!strcmp(code, "high_low"))
        return _("high among low");
    if (!strcmp(code, "low_high"))
        return _("low among high");
    if (!strcmp(code, "no_neighbours"))
        return _("no neighbours");
    return _("not significant");
}

/* Table which as rows in the request's arena: 0, or -1 when there is
 * none. codes gets the clusters' area codes. */
static int table(jl_xtable *x, jl_req *rq, const seg_page *s, int which, char ***codes)
{
    const char **lab;
    jl_xcell *c;
    size_t i, nc, nr;

    memset(x, 0, sizeof *x);
    if ((which == SG_INDEX && !s->has_t) || (which == SG_CLUSTERS && !s->has_c))
        return -1;
    nc = which == SG_INDEX ? 7 : 6;
    nr = which == SG_INDEX ? s->t.n : s->c.d.n;
    lab = jl_arena_alloc(rq->arena, nc * sizeof *lab);
    c = jl_arena_alloc(rq->arena, (nc * nr + 1) * sizeof *c);
    memset(c, 0, (nc * nr + 1) * sizeof *c);
    if (which == SG_INDEX) {
        lab[0] = _("Period");
        lab[1] = _("Areas");
        lab[2] = _("Focal group's share");
        lab[3] = _("Dissimilarity (D)");
        lab[4] = _("Isolation (xPx)");
        lab[5] = _("Theil's H");
        lab[6] = _("Morrill's D");
        for (i = 0; i < nr; i++) {
            const jl_seg_two *t = &s->t.p[i].two;

            jl_xcell_text(&c[i * nc], s->t.p[i].period);
            jl_xcell_num(&c[i * nc + 1], (double)t->units, 0);
            jl_xcell_num(&c[i * nc + 2], t->P, 3);
            jl_xcell_num(&c[i * nc + 3], t->D, 3);
            jl_xcell_num(&c[i * nc + 4], t->xPx, 3);
            jl_xcell_num(&c[i * nc + 5], t->H, 3);
            jl_xcell_num(&c[i * nc + 6], t->morrill, 3);
        }
    } else {
        lab[0] = _("Area");
        lab[1] = _("Code");
        lab[2] = _("Value");
        lab[3] = _("Neighbours' mean");
        lab[4] = _("Cluster");
        lab[5] = _("p adjusted");
        if (codes)
            *codes = s->c.d.codes;
        for (i = 0; i < nr; i++) {
            const char *code = jl_view_cluster_code(&s->c, i);

            jl_xcell_text(&c[i * nc],
                          s->c.d.names && s->c.d.names[i] ? s->c.d.names[i] : s->c.d.codes[i]);
            jl_xcell_text(&c[i * nc + 1], s->c.d.codes[i]);
            jl_xcell_num(&c[i * nc + 2], s->c.d.val[i], 1);
            jl_xcell_num(&c[i * nc + 3], s->c.a.local[i].lag, 1);
            jl_xcell_text(&c[i * nc + 4], class_words(code));
            jl_xcell_num(&c[i * nc + 5], jl_view_cluster_p_adj(&s->c, &s->q, i), 3);
            if (c[i * nc + 5].kind == JL_XC_NUM)
                c[i * nc + 5].kind = JL_XC_P;
        }
    }
    x->labels = lab;
    x->ncols = nc;
    x->cells = c;
    x->nrows = nr;
    return 0;
}

/* ---- the page ---- */

static void para(jl_buf *b, const char *cls, const char *s)
{
    jl_buf_printf(b, "<p%s%s%s>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    jl_html_text(b, s);
    jl_buf_puts(b, "</p>\n");
}

static void h2(jl_buf *b, const char *id, const char *s)
{
    jl_buf_printf(b, "<h2 id=\"%s\">", id);
    jl_html_text(b, s);
    jl_buf_puts(b, "</h2>\n");
}

static void downloads(jl_buf *b, jl_req *rq, int which)
{
    const char *const seg[1] = {"segregation"};

    jl_page_downloads(b, rq, seg, 1, files[which]);
}

static void index_section(jl_buf *b, jl_req *rq, const seg_page *s)
{
    jl_chart_line lines[3];
    const char **xl;
    double *y[3];
    jl_xtable x;
    char line[1400];
    size_t i, k;

    h2(b, "index", _("Segregation over time"));
    if (!s->has_t) {
        para(b, "note", _("These groups have no figures in this division."));
        return;
    }
    snprintf(line, sizeof line, _("The areas of %s: %s (the focal group) against %s."),
             s->division, s->names[0], s->names[1]);
    para(b, NULL, line);
    if (table(&x, rq, s, SG_INDEX, NULL) < 0)
        return;
    snprintf(line, sizeof line, "%s %s", _("Source:"), *s->source ? s->source : _("not stated"));
    para(b, "meta", line);
    xl = jl_arena_alloc(rq->arena, (s->t.n + 1) * sizeof *xl);
    for (k = 0; k < 3; k++)
        y[k] = jl_arena_alloc(rq->arena, (s->t.n + 1) * sizeof *y[k]);
    for (i = 0; i < s->t.n; i++) {
        xl[i] = s->t.p[i].period;
        y[0][i] = s->t.p[i].two.D;
        y[1][i] = s->t.p[i].two.xPx;
        y[2][i] = s->t.p[i].two.H;
    }
    for (k = 0; k < 3; k++) {
        lines[k].label = x.labels[3 + k];
        lines[k].y = y[k];
    }
    jl_buf_puts(b, "<figure class=\"chart wide\">\n");
    jl_chart_lines(b, _("Lines of the indices over the periods; the table beside has the same "
                        "figures"),
                   xl, s->t.n, lines, 3, 2);
    jl_buf_puts(b, "</figure>\n");
    jl_page_table(b, rq, &x, _("Indices of segregation per period"), NULL, NULL);
    downloads(b, rq, SG_INDEX);
    jl_buf_puts(b, "<dl class=\"words\">\n<dt>");
    jl_html_text(b, _("Dissimilarity (D)"));
    jl_buf_puts(b, "</dt><dd>");
    jl_html_text(b, _("The share of the focal group that would have to move for every area to "
                      "have the city's mix. 0 is an even spread, 1 complete separation."));
    jl_buf_puts(b, "</dd>\n<dt>");
    jl_html_text(b, _("Isolation (xPx)"));
    jl_buf_puts(b, "</dt><dd>");
    jl_html_text(b, _("The share of their own group among the neighbours of a typical member "
                      "of the focal group. Compare it with the group's share of the city."));
    jl_buf_puts(b, "</dd>\n<dt>");
    jl_html_text(b, _("Theil's H"));
    jl_buf_puts(b, "</dt><dd>");
    jl_html_text(b, _("How much less mixed the areas are than the city as a whole: 0 when each "
                      "area has the city's mix, 1 when each area holds one group only."));
    jl_buf_puts(b, "</dd>\n<dt>");
    jl_html_text(b, _("Morrill's D"));
    jl_buf_puts(b, "</dt><dd>");
    jl_html_text(b, _("D lowered where neighbouring areas differ, since people meet across an "
                      "area's border."));
    jl_buf_puts(b, "</dd>\n</dl>\n");
}

/* The clusters on the division's map (web/map.h, by category): reds
 * for high values, blues for low, dark where the area is like its
 * neighbours, light for an outlier, each with its number for a reader
 * without colour; the table below is its text alternative. */
static void cluster_map(jl_buf *b, jl_req *rq, const seg_page *s)
{
    static const char *const code[5] = {"high_high", "low_low", "high_low", "low_high",
                                        "not_significant"};
    jl_map_cat cats[5] = {{NULL, "#b2182b", 1}, {NULL, "#2166ac", 1}, {NULL, "#f4a582", 0},
                          {NULL, "#92c5de", 0}, {NULL, "#f7f7f7", 0}};
    jl_map_item *it = jl_arena_alloc(rq->arena, (s->c.d.n + 1) * sizeof *it);
    jl_map_spec m;
    size_t i, k;

    cats[0].label = _("high among high");
    cats[1].label = _("low among low");
    cats[2].label = _("high among low");
    cats[3].label = _("low among high");
    cats[4].label = _("not significant");
    for (i = 0; i < s->c.d.n; i++) {
        const char *c = jl_view_cluster_code(&s->c, i);

        memset(&it[i], 0, sizeof it[i]);
        it[i].code = s->c.d.codes[i];
        it[i].name = s->c.d.names ? s->c.d.names[i] : NULL;
        it[i].value = s->c.d.val[i * s->c.d.ncol];
        it[i].lo = it[i].hi = NAN;
        it[i].cat = -1;
        for (k = 0; k < 5; k++)
            if (!strcmp(c, code[k]))
                it[i].cat = (int)k;
        if (it[i].cat < 0)
            it[i].why = _("no neighbours");
    }
    memset(&m, 0, sizeof m);
    m.division = s->division;
    m.what = jl_arena_printf(rq->arena, _("Clusters of %s, %s"), s->c.d.name, s->c.d.period);
    m.col = s->c.d.period;
    m.unit = "";
    m.decimals = 1;
    m.items = it;
    m.n = s->c.d.n;
    m.id = "cmap";
    m.cats = cats;
    m.ncats = 5;
    (void)jl_web_map(b, rq, &m);
}

static void cluster_section(jl_buf *b, jl_req *rq, const seg_page *s)
{
    jl_xtable x;
    char **codes = NULL, line[1400];
    size_t i, n[6] = {0};

    h2(b, "kluster", _("Clusters"));
    if (table(&x, rq, s, SG_CLUSTERS, &codes) < 0) {
        para(b, "note", _("No clusters can be computed for this indicator and division."));
        return;
    }
    snprintf(line, sizeof line, _("Where %s is high or low together with its neighbours: %s, %s, "
                                  "%zu areas with a value and a shape."),
             s->c.d.name, s->division, s->c.d.period, s->c.d.n);
    para(b, NULL, line);
    snprintf(line, sizeof line, "%s %s", _("Source:"),
             *s->ind_source ? s->ind_source : _("not stated"));
    para(b, "meta", line);
    for (i = 0; i < s->c.d.n; i++) {
        const char *code = jl_view_cluster_code(&s->c, i);

        n[!strcmp(code, "high_high") ? 0 : !strcmp(code, "low_low") ? 1
          : !strcmp(code, "high_low") ? 2 : !strcmp(code, "low_high") ? 3 : 4]++;
    }
    snprintf(line, sizeof line, _("%zu areas high among high, %zu low among low, %zu high among "
                                  "low, %zu low among high; %zu not significant."),
             n[0], n[1], n[2], n[3], n[4]);
    para(b, NULL, line);
    cluster_map(b, rq, s);
    jl_page_table(b, rq, &x, _("Each area's cluster"), s->division, codes);
    downloads(b, rq, SG_CLUSTERS);
}

static void method(jl_buf *b, const seg_page *s)
{
    char line[1024], alpha[32];

    h2(b, "metod", _("How the clusters are found"));
    para(b, NULL, _("Each area's value is compared with the mean of its neighbours (areas that "
                    "share a border or a corner with it). “High among high” is an area above "
                    "the city's mean whose neighbours are above it too; “low among low” the "
                    "opposite. “High among low” and “low among high” are areas that differ "
                    "from the neighbours around them."));
    snprintf(line, sizeof line,
             _("Whether such a pattern could be chance is tested by permutation: the values "
               "of the other areas are shuffled %zu times at random (with a fixed start, so "
               "that the page always shows the same result) and the p-value is the share of "
               "shuffles that gave a pattern as strong. Since every area is tested, the "
               "p-values are adjusted for the many tests (Benjamini–Hochberg)."),
             s->q.R);
    para(b, NULL, line);
    snprintf(line, sizeof line,
             _("“Not significant” means that the pattern around the area could well be "
               "chance: it does not mean that the area is average. An area with an adjusted "
               "p-value of at most %s is shown as a cluster."),
             jl_fmt_g(alpha, sizeof alpha, s->q.alpha));
    para(b, NULL, line);
}

/* ---- the form ---- */

static const char *ind_name(const jl_req *rq, const jl_view_ind_info *in)
{
    return rq->lang == JL_LANG_EN && *in->name_en ? in->name_en : in->name;
}

static void option(jl_buf *b, const char *value, const char *text, int selected)
{
    jl_buf_puts(b, "<option value=\"");
    jl_html_attr(b, value);
    jl_buf_puts(b, selected ? "\" selected>" : "\">");
    jl_html_text(b, text);
    jl_buf_puts(b, "</option>");
}

/* A field's label, its select's opening, and after it the words of its
 * error (tied to it by aria-describedby). */
static void field_begin(jl_buf *b, const char *id, const char *label, const char *err)
{
    jl_buf_printf(b, "<p class=\"field\"><label for=\"sg-%s\">", id);
    jl_html_text(b, label);
    jl_buf_printf(b, "</label> <select id=\"sg-%s\" name=\"%s\"", id, id);
    if (err)
        jl_buf_printf(b, " aria-invalid=\"true\" aria-describedby=\"sg-%s-err\"", id);
    jl_buf_puts(b, ">");
}

static void field_end(jl_buf *b, const char *id, const char *err)
{
    jl_buf_puts(b, "</select>");
    if (err) {
        jl_buf_printf(b, " <span class=\"field-err\" id=\"sg-%s-err\">", id);
        jl_html_text(b, err);
        jl_buf_puts(b, "</span>");
    }
    jl_buf_puts(b, "</p>\n");
}

/* One group's choice: the default where it is A-B (SCB's born abroad),
 * what was asked where it is A-B, every indicator of counts; what was
 * asked selected, listed as asked when the store lacks it. */
static void group_field(jl_buf *b, jl_req *rq, const seg_page *s, const jl_view_ind_list *l,
                        int k)
{
    static const char *const id[2] = {"focal", "reference"};
    const char *dflt = k ? DEFAULT_REFERENCE : DEFAULT_FOCAL, *cur = s->groups[k];
    char name[512], src[512] = "";
    int listed = 0;
    size_t i;

    field_begin(b, id[k], k ? _("Reference group") : _("Focal group"), s->err[k]);
    if (strchr(dflt, '-') &&
        group_name(name, sizeof name, src, sizeof src, rq->store, dflt) == 200) {
        option(b, dflt, name, !strcmp(dflt, cur));
        listed = !strcmp(dflt, cur);
    }
    if (strchr(cur, '-') && !listed && !s->err[k] &&
        group_name(name, sizeof name, src, sizeof src, rq->store, cur) == 200) {
        option(b, cur, name, 1);
        listed = 1;
    }
    for (i = 0; i < l->n; i++)
        if (!strcmp(l->i[i].kind, "count")) {
            option(b, l->i[i].id, ind_name(rq, &l->i[i]), !listed && !strcmp(l->i[i].id, cur));
            listed |= !strcmp(l->i[i].id, cur);
        }
    if (!listed)
        option(b, cur, cur, 1);
    field_end(b, id[k], s->err[k]);
}

/* The choice of division, groups and indicator: GET, no script. */
static void choice(jl_buf *b, jl_req *rq, const seg_page *s)
{
    const char *ind = s->q.indicator ? s->q.indicator : DEFAULT_INDICATOR;
    jl_view_ind_list l;
    jl_view_divisions d;
    jl_err e = JL_ERR_INIT;
    int listed = 0;
    size_t i;

    if (jl_view_ind_list_load(&l, rq->store, &e) < 0 ||
        jl_view_divisions_load(&d, rq->store, &e) < 0) {
        jl_view_ind_list_dispose(&l);
        return;
    }
    jl_buf_puts(b, "<form class=\"choice seg\" method=\"get\" action=\"\">\n");
    field_begin(b, "division", _("Division"), NULL);
    for (i = 0; i < d.n; i++)
        if (d.d[i].nareas || (s->division && !strcmp(d.d[i].id, s->division)))
            option(b, d.d[i].id, *d.d[i].name ? d.d[i].name : d.d[i].id,
                   s->division && !strcmp(d.d[i].id, s->division));
    field_end(b, "division", NULL);
    group_field(b, rq, s, &l, 0);
    group_field(b, rq, s, &l, 1);
    field_begin(b, "indicator", _("Indicator of the clusters"), s->err[F_INDICATOR]);
    for (i = 0; i < l.n; i++) {
        option(b, l.i[i].id, ind_name(rq, &l.i[i]), !strcmp(l.i[i].id, ind));
        listed |= !strcmp(l.i[i].id, ind);
    }
    if (!listed && s->q.indicator)
        option(b, ind, ind, 1);
    field_end(b, "indicator", s->err[F_INDICATOR]);
    jl_buf_puts(b, "<p><button type=\"submit\">");
    jl_html_text(b, _("Show"));
    jl_buf_puts(b, "</button></p>\n</form>\n");
    jl_view_divisions_dispose(&d);
    jl_view_ind_list_dispose(&l);
}

static int parse_file(int *which, const char *file)
{
    const char *dot = strrchr(file, '.');

    if (!dot || (strcmp(dot, ".csv") != 0 && strcmp(dot, ".xlsx") != 0))
        return -1;
    for (*which = 0; *which < SG_NTABLES; (*which)++)
        if (strlen(files[*which]) == (size_t)(dot - file) &&
            !strncmp(file, files[*which], (size_t)(dot - file)))
            return 0;
    return -1;
}

int jl_page_segregation(jl_req *rq, jl_resp *rs)
{
    seg_page s;
    int st = load(&s, rq);

    if (st == 200 || (st == 400 && (s.err[0] || s.err[1] || s.err[2]))) {
        jl_page_begin(rq, rs, _("Segregation and clusters"));
        para(&rs->body, "meta", _("Register statistics, shown as their source publishes them."));
        choice(&rs->body, rq, &s);
        if (st == 200) {
            index_section(&rs->body, rq, &s);
            cluster_section(&rs->body, rq, &s);
            method(&rs->body, &s);
        }
        jl_page_end(rq, rs);
    }
    dispose(&s);
    return st;
}

int jl_page_segregation_file(jl_req *rq, jl_resp *rs)
{
    const char *notes[2];
    jl_xtable x;
    seg_page s;
    int which, st;

    if (parse_file(&which, rq->seg[1]) < 0)
        return 404;
    st = load(&s, rq);
    if (st == 200 && table(&x, rq, &s, which, NULL) < 0)
        st = 404;
    if (st == 200) {
        notes[0] = which == SG_INDEX ? jl_arena_printf(rq->arena, "%s / %s, %s", s.names[0],
                                                       s.names[1], s.division)
                                     : jl_arena_printf(rq->arena, "%s, %s, %s", s.c.d.name,
                                                       s.division, s.c.d.period);
        notes[1] = jl_arena_printf(rq->arena, "%s %s", _("Source:"),
                                   which == SG_INDEX ? s.source : s.ind_source);
        if (!strcmp(strrchr(rq->seg[1], '.'), ".csv")) {
            jl_resp_begin(rs, rq, JL_WEB_CSV);
            jl_page_csv(&rs->body, &x);
        } else {
            jl_resp_begin(rs, rq, JL_WEB_XLSX);
            if (jl_page_xlsx(&rs->body, &x, notes, 2) < 0)
                st = 503;
        }
    }
    dispose(&s);
    return st;
}
