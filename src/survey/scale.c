/*
 * The scales of an instrument (items, scoring model, Rasch thresholds,
 * minimum answered items) and their cut-offs with provenance and norms
 * (docs/instrument-format.md). Shares instrument_int.h with the parser.
 */
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/kv.h"
#include "core/limits.h"
#include "core/num.h"
#include "survey/instrument.h"
#include "survey/instrument_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const DOMAINS[] = {"community", "family", "school", "peer-individual", NULL};
static const char *const THEMES[] = {"närområde", "föräldrar", "skola", "individ och kamrater",
                                     NULL};

static int in_list(const char *s, const char *const *list)
{
    size_t i;

    for (i = 0; list[i]; i++)
        if (!strcmp(s, list[i]))
            return 1;
    return 0;
}

static int parse_kind(jl_kind *k, const char *s)
{
    if (!strcmp(s, "risk"))
        *k = JL_KIND_RISK;
    else if (!strcmp(s, "protective"))
        *k = JL_KIND_PROTECTIVE;
    else if (!strcmp(s, "outcome"))
        *k = JL_KIND_OUTCOME;
    else
        return -1;
    return 0;
}

void jl_ins_parse_scale(jl_ins_ctx *c, const jl_kv_stanza *s)
{
    jl_instrument *in = c->in;
    jl_scale *sc;
    const jl_kv_entry *first = &s->e[0];
    size_t i;
    int have_kind = 0, have_model = 0, have_min = 0;

    if (!jl_ins_valid_id(first->value)) {
        jl_diag_add(c->d, first->line, first->vcol,
                    _("expected a scale id of letters, digits, '-' or '_', found \"%s\""),
                    first->value);
        return;
    }
    if (jl_ins_id_too_long(c, first))
        return;
    if (jl_instrument_scale(in, first->value) >= 0) {
        jl_diag_add(c->d, first->line, first->vcol, _("scale %s defined twice"), first->value);
        return;
    }
    if (in->nscales >= JL_MAX_SCALES) {
        jl_diag_add(c->d, first->line, 1,
                    _("expected at most %d scales, found more (limit JL_MAX_SCALES)"),
                    JL_MAX_SCALES);
        return;
    }
    in->scales = jl_xrealloc(in->scales, (in->nscales + 1) * sizeof *in->scales);
    sc = &in->scales[in->nscales++];
    memset(sc, 0, sizeof *sc);
    sc->id = jl_xstrdup(first->value);
    sc->min_items = 1;
    for (i = 1; i < s->n; i++) {
        const jl_kv_entry *e = &s->e[i];

        if (!strcmp(e->key, "name")) {
            jl_free(sc->name);
            sc->name = jl_xstrdup(e->value);
        } else if (!strcmp(e->key, "kind")) {
            have_kind = 1;
            if (parse_kind(&sc->kind, e->value) < 0)
                jl_diag_add(c->d, e->line, e->vcol,
                            _("expected risk, protective or outcome, found \"%s\""), e->value);
        } else if (!strcmp(e->key, "domain")) {
            if (!in_list(e->value, DOMAINS))
                jl_diag_add(c->d, e->line, e->vcol,
                            _("expected community, family, school or peer-individual, found "
                              "\"%s\""),
                            e->value);
            jl_free(sc->domain);
            sc->domain = jl_xstrdup(e->value);
        } else if (!strcmp(e->key, "theme")) {
            if (!in_list(e->value, THEMES))
                jl_diag_add(c->d, e->line, e->vcol,
                            _("expected närområde, föräldrar, skola or individ och kamrater, "
                              "found \"%s\""),
                            e->value);
            jl_free(sc->theme);
            sc->theme = jl_xstrdup(e->value);
        } else if (!strcmp(e->key, "model")) {
            have_model = 1;
            if (!strcmp(e->value, "mean"))
                sc->model = JL_MODEL_MEAN;
            else if (!strcmp(e->value, "rasch-pcm"))
                sc->model = JL_MODEL_RASCH;
            else
                jl_diag_add(c->d, e->line, e->vcol, _("expected mean or rasch-pcm, found \"%s\""),
                            e->value);
        } else if (!strcmp(e->key, "estimator")) {
            if (!strcmp(e->value, "wle"))
                sc->method = JL_RASCH_WLE;
            else if (!strcmp(e->value, "ml"))
                sc->method = JL_RASCH_ML;
            else
                jl_diag_add(c->d, e->line, e->vcol, _("expected wle or ml, found \"%s\""),
                            e->value);
        } else if (!strcmp(e->key, "flip")) {
            if (jl_ins_yesno(&sc->flip, e->value) < 0)
                jl_diag_add(c->d, e->line, e->vcol, _("expected yes or no, found \"%s\""),
                            e->value);
        } else if (!strcmp(e->key, "min-items")) {
            size_t n = strlen(e->value);
            char tmp[32];
            double v;

            have_min = 1;
            sc->min_share = n > 0 && e->value[n - 1] == '%';
            snprintf(tmp, sizeof tmp, "%.*s", (int)(sc->min_share ? n - 1 : n), e->value);
            if (jl_parse_double(&v, tmp) < 0 || v <= 0 || (sc->min_share && v > 100) ||
                (!sc->min_share && v != floor(v)))
                jl_diag_add(c->d, e->line, e->vcol,
                            _("expected a count of items (5) or a share (60%%), found \"%s\""),
                            e->value);
            else
                sc->min_items = sc->min_share ? v / 100 : v;
        } else if (!strcmp(e->key, "item")) {
            /* resolved in finish_scale */
        } else {
            jl_ins_unknown_key(c, e, _("a scale"));
        }
    }
    if (!sc->name)
        jl_diag_add(c->d, first->line, 1, _("scale %s has no \"name\""), sc->id);
    if (!have_kind)
        jl_diag_add(c->d, first->line, 1, _("scale %s has no \"kind\""), sc->id);
    if (!have_model)
        jl_diag_add(c->d, first->line, 1, _("scale %s has no \"model\""), sc->id);
    (void)have_min;
    c->scale_st = jl_xrealloc(c->scale_st, in->nscales * sizeof *c->scale_st);
    c->scale_st[in->nscales - 1] = s;
}

void jl_ins_finish_scale(jl_ins_ctx *c, jl_scale *sc, const jl_kv_stanza *s)
{
    jl_instrument *in = c->in;
    size_t i, j;

    for (i = 1; i < s->n; i++) {
        const jl_kv_entry *e = &s->e[i];
        long idx;
        const jl_item *it;
        double lo = INFINITY, hi = -INFINITY;
        int integral = 1;

        if (strcmp(e->key, "item"))
            continue;
        jl_ins_tokens(c, e);
        if (c->ts.n == 0) {
            jl_diag_add(c->d, e->line, e->vcol, _("expected an item id, found nothing"));
            continue;
        }
        idx = jl_instrument_item(in, c->ts.t[0].s);
        if (idx < 0) {
            jl_diag_add(c->d, e->line, c->ts.t[0].col, _("expected a defined item, found \"%s\""),
                        c->ts.t[0].s);
            continue;
        }
        for (j = 0; j < sc->nitems; j++)
            if (sc->items[j] == (size_t)idx)
                break;
        if (j < sc->nitems) {
            jl_diag_add(c->d, e->line, c->ts.t[0].col, _("item %s is in scale %s twice"),
                        c->ts.t[0].s, sc->id);
            continue;
        }
        if (sc->nitems >= JL_MAX_SCALE_ITEMS) {
            jl_diag_add(c->d, e->line, c->ts.t[0].col, _("scale %s has more than %d items"),
                        sc->id, JL_MAX_SCALE_ITEMS);
            continue;
        }
        it = &in->items[idx];
        for (j = 0; j < it->ncodes; j++) {
            double v = it->codes[j].score;

            if (it->codes[j].missing)
                continue;
            lo = fmin(lo, v);
            hi = fmax(hi, v);
            if (v != floor(v))
                integral = 0;
        }
        sc->items = jl_xrealloc(sc->items, (sc->nitems + 1) * sizeof *sc->items);
        sc->delta = jl_xrealloc(sc->delta, (sc->nitems + 1) * sizeof *sc->delta);
        sc->m = jl_xrealloc(sc->m, (sc->nitems + 1) * sizeof *sc->m);
        sc->items[sc->nitems] = (size_t)idx;
        sc->delta[sc->nitems] = NULL;
        sc->m[sc->nitems] = 0;
        if (sc->model == JL_MODEL_RASCH) {
            size_t m = c->ts.n - 1;

            if (m == 0) {
                jl_diag_add(c->d, e->line, c->ts.t[0].col,
                            _("expected the item's Rasch thresholds after %s, found none"),
                            c->ts.t[0].s);
            } else if (it->ncodes > 0 && (!integral || lo != 0 || hi != (double)m)) {
                jl_diag_add(c->d, e->line, c->ts.t[1].col,
                            _("item %s scores %g to %g, but %zu thresholds need integer scores "
                              "0 to %zu"),
                            it->id, lo, hi, m, m);
            } else if (m >= 31) {
                jl_diag_add(c->d, e->line, c->ts.t[1].col, _("too many thresholds"));
            } else {
                double *d = jl_xcalloc(m, sizeof *d);
                int bad = 0;

                for (j = 0; j < m; j++)
                    if (jl_parse_double(&d[j], c->ts.t[j + 1].s) < 0) {
                        jl_diag_add(c->d, e->line, c->ts.t[j + 1].col,
                                    _("expected a threshold in logits, found \"%s\""),
                                    c->ts.t[j + 1].s);
                        bad = 1;
                    }
                if (bad) {
                    jl_free(d);
                } else {
                    sc->delta[sc->nitems] = d;
                    sc->m[sc->nitems] = m;
                }
            }
        } else if (c->ts.n > 1) {
            jl_diag_add(c->d, e->line, c->ts.t[1].col,
                        _("a mean scale takes no thresholds, found \"%s\""), c->ts.t[1].s);
        }
        sc->nitems++;
    }
    if (sc->nitems == 0)
        jl_diag_add(c->d, s->line, 1, _("scale %s has no items"), sc->id);
    else if (!sc->min_share && sc->min_items > (double)sc->nitems)
        jl_diag_add(c->d, s->line, 1, _("scale %s asks for %g answered items but has only %zu"),
                    sc->id, sc->min_items, sc->nitems);
}

void jl_ins_parse_cutoff(jl_ins_ctx *c, const jl_kv_stanza *s)
{
    jl_instrument *in = c->in;
    const jl_kv_entry *first = &s->e[0], *e;
    jl_cutoff cut;
    jl_scale *sc = NULL;
    size_t i;
    long si;
    int have_value = 0;

    memset(&cut, 0, sizeof cut);
    cut.norm_pct = NAN;
    if (!jl_ins_valid_id(first->value)) {
        jl_diag_add(c->d, first->line, first->vcol,
                    _("expected a cut-off name of letters, digits, '-' or '_', found \"%s\""),
                    first->value);
        return;
    }
    if (jl_ins_id_too_long(c, first))
        return;
    e = jl_kv_get(s, "scale");
    if (!e) {
        jl_diag_add(c->d, first->line, 1, _("cut-off %s names no \"scale\""), first->value);
        return;
    }
    si = jl_instrument_scale(in, e->value);
    if (si < 0) {
        jl_diag_add(c->d, e->line, e->vcol, _("expected a defined scale, found \"%s\""), e->value);
        return;
    }
    sc = &in->scales[si];
    for (i = 0; i < sc->ncut; i++)
        if (!strcmp(sc->cut[i].name, first->value)) {
            jl_diag_add(c->d, first->line, first->vcol, _("cut-off %s of scale %s given twice"),
                        first->value, sc->id);
            return;
        }
    if (sc->ncut >= JL_MAX_CUTOFFS_SCALE) {
        jl_diag_add(c->d, first->line, first->vcol, _("scale %s has more than %d cut-offs"),
                    sc->id, JL_MAX_CUTOFFS_SCALE);
        return;
    }
    cut.name = jl_xstrdup(first->value);
    for (i = 1; i < s->n; i++) {
        e = &s->e[i];
        if (!strcmp(e->key, "scale")) {
        } else if (!strcmp(e->key, "value")) {
            have_value = 1;
            if (jl_parse_double(&cut.value, e->value) < 0)
                jl_diag_add(c->d, e->line, e->vcol, _("expected a number, found \"%s\""),
                            e->value);
        } else if (!strcmp(e->key, "headline")) {
            if (jl_ins_yesno(&cut.headline, e->value) < 0)
                jl_diag_add(c->d, e->line, e->vcol, _("expected yes or no, found \"%s\""),
                            e->value);
        } else if (!strcmp(e->key, "label")) {
            jl_free(cut.label);
            cut.label = jl_xstrdup(e->value);
        } else if (!strcmp(e->key, "source")) {
            jl_free(cut.source);
            cut.source = jl_xstrdup(e->value);
        } else if (!strcmp(e->key, "norm")) {
            if (jl_parse_double(&cut.norm_pct, e->value) < 0 || cut.norm_pct < 0 ||
                cut.norm_pct > 100) {
                jl_diag_add(c->d, e->line, e->vcol,
                            _("expected a norm in per cent from 0 to 100, found \"%s\""),
                            e->value);
                cut.norm_pct = NAN;
            }
        } else if (!strcmp(e->key, "norm-source")) {
            jl_free(cut.norm_source);
            cut.norm_source = jl_xstrdup(e->value);
        } else if (!strcmp(e->key, "norm-version")) {
            jl_free(cut.norm_version);
            cut.norm_version = jl_xstrdup(e->value);
        } else {
            jl_ins_unknown_key(c, e, _("a cut-off"));
        }
    }
    if (!have_value)
        jl_diag_add(c->d, first->line, 1, _("cut-off %s has no \"value\""), cut.name);
    if (!cut.source)
        jl_diag_add(c->d, first->line, 1,
                    _("cut-off %s has no \"source\": say where the value comes from"), cut.name);
    if (!isnan(cut.norm_pct) && !cut.norm_source)
        jl_diag_add(c->d, first->line, 1, _("the norm of cut-off %s has no \"norm-source\""),
                    cut.name);
    sc->cut = jl_xrealloc(sc->cut, (sc->ncut + 1) * sizeof *sc->cut);
    sc->cut[sc->ncut++] = cut;
}

void jl_scale_clear_cutoffs(jl_scale *sc)
{
    size_t j;

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
