#include "survey/instrument.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/kv.h"
#include "core/limits.h"
#include "core/num.h"
#include "core/utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- tokens: whitespace-separated words of a value, with columns ---- */

typedef struct tok {
    char *s;
    long col;
} tok;

typedef struct toks {
    tok *t;
    size_t n, cap;
} toks;

static void toks_split(toks *ts, const jl_kv_entry *e)
{
    const char *v = e->value;
    size_t i = 0, n = strlen(v);

    ts->n = 0;
    while (i < n) {
        size_t j;

        while (i < n && (v[i] == ' ' || v[i] == '\t'))
            i++;
        if (i >= n)
            break;
        for (j = i; j < n && v[j] != ' ' && v[j] != '\t'; j++)
            ;
        ts->t = jl_xgrow(ts->t, &ts->cap, ts->n + 1, sizeof *ts->t);
        ts->t[ts->n].s = jl_xstrndup(v + i, j - i);
        ts->t[ts->n].col = e->vcol + (long)jl_utf8_count(v, i);
        ts->n++;
        i = j;
    }
}

static void toks_clear(toks *ts)
{
    size_t i;

    for (i = 0; i < ts->n; i++)
        jl_free(ts->t[i].s);
    ts->n = 0;
}

static void toks_dispose(toks *ts)
{
    toks_clear(ts);
    jl_free(ts->t);
}

/* ---- small helpers ---- */


static int valid_id(const char *s)
{
    size_t i;

    if (!*s)
        return 0;
    for (i = 0; s[i]; i++) {
        char c = s[i];

        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

static int parse_yesno(int *out, const char *s)
{
    if (!strcmp(s, "yes") || !strcmp(s, "ja")) {
        *out = 1;
        return 0;
    }
    if (!strcmp(s, "no") || !strcmp(s, "nej")) {
        *out = 0;
        return 0;
    }
    return -1;
}

long jl_instrument_item(const jl_instrument *in, const char *id)
{
    size_t i;

    for (i = 0; i < in->nitems; i++)
        if (!strcmp(in->items[i].id, id))
            return (long)i;
    return -1;
}

long jl_instrument_scale(const jl_instrument *in, const char *id)
{
    size_t i;

    for (i = 0; i < in->nscales; i++)
        if (!strcmp(in->scales[i].id, id))
            return (long)i;
    return -1;
}

long jl_item_code_index(const jl_item *it, long code)
{
    size_t i;

    for (i = 0; i < it->ncodes; i++)
        if (it->codes[i].code == code)
            return (long)i;
    return -1;
}

int jl_instrument_same_answers(const jl_instrument *a, const jl_instrument *b, char *why,
                               size_t len)
{
    size_t i, j;

    if (a->nitems != b->nitems) {
        snprintf(why, len, _("%zu items instead of %zu"), b->nitems, a->nitems);
        return 0;
    }
    for (i = 0; i < a->nitems; i++) {
        const jl_item *x = &a->items[i], *y = &b->items[i];

        if (strcmp(x->id, y->id)) {
            snprintf(why, len, _("item %s where %s was"), y->id, x->id);
            return 0;
        }
        if (x->ncodes != y->ncodes) {
            snprintf(why, len, _("item %s has %zu codes instead of %zu"), y->id, y->ncodes,
                     x->ncodes);
            return 0;
        }
        for (j = 0; j < x->ncodes; j++)
            if (x->codes[j].code != y->codes[j].code ||
                x->codes[j].missing != y->codes[j].missing) {
                snprintf(why, len, _("item %s codes its answers differently"), y->id);
                return 0;
            }
    }
    return 1;
}

const char *jl_kind_name(jl_kind k)
{
    switch (k) {
    case JL_KIND_RISK:
        return "risk";
    case JL_KIND_PROTECTIVE:
        return "protective";
    case JL_KIND_OUTCOME:
        return "outcome";
    }
    return "?";
}

/* ---- parsing ---- */

typedef struct ctx {
    jl_instrument *in;
    jl_diag *d;
    toks ts;
    /* per-item "score:" entries, applied after all codes are known */
    const jl_kv_entry **score_e;
    /* scale item entries, resolved after all items are known */
    const jl_kv_stanza **scale_st;
    const jl_kv_stanza **cut_st;
    size_t ncut_st;
    const jl_kv_stanza **screen_st;
} ctx;

/* An id over JL_MAX_ID is reported at e (1: it was; 0: it fits). */
static int id_too_long(ctx *c, const jl_kv_entry *e)
{
    size_t len = strlen(e->value);

    if (len <= JL_MAX_ID)
        return 0;
    jl_diag_add(c->d, e->line, e->vcol,
                _("expected an id of at most %d bytes, found %zu bytes (limit JL_MAX_ID)"),
                JL_MAX_ID, len);
    return 1;
}

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

static void unknown_key(ctx *c, const jl_kv_entry *e, const char *what)
{
    jl_diag_add(c->d, e->line, e->kcol, _("unknown key \"%s\" in %s"), e->key, what);
}

static void parse_header(ctx *c, const jl_kv_stanza *s)
{
    jl_instrument *in = c->in;
    size_t i;

    for (i = 0; i < s->n; i++) {
        const jl_kv_entry *e = &s->e[i];
        char **dst = NULL;

        if (!strcmp(e->key, "instrument")) {
            if (!valid_id(e->value))
                jl_diag_add(c->d, e->line, e->vcol,
                            _("expected an id of letters, digits, '-' or '_', found \"%s\""),
                            e->value);
            else
                (void)id_too_long(c, e);
            dst = &in->id;
        } else if (!strcmp(e->key, "name"))
            dst = &in->name;
        else if (!strcmp(e->key, "version"))
            dst = &in->version;
        else if (!strcmp(e->key, "source"))
            dst = &in->source;
        else if (!strcmp(e->key, "licence"))
            dst = &in->licence;
        else if (!strcmp(e->key, "attribution"))
            dst = &in->attribution;
        else if (!strcmp(e->key, "note"))
            dst = &in->note;
        else
            unknown_key(c, e, _("the instrument"));
        if (dst) {
            if (*dst)
                jl_diag_add(c->d, e->line, e->kcol, _("\"%s\" given twice"), e->key);
            else
                *dst = jl_xstrdup(e->value);
        }
    }
    if (!in->name)
        jl_diag_add(c->d, s->line, 1, _("the instrument has no \"name\""));
}

/* "code: 3 = Ganska bra" or "missing: 9 = Vet inte" */
static void parse_code(ctx *c, jl_item *it, const jl_kv_entry *e, int missing)
{
    const char *v = e->value, *eq = strchr(v, '=');
    char num[32];
    size_t n;
    long code;
    jl_code *cd;

    if (!eq) {
        jl_diag_add(c->d, e->line, e->vcol, _("expected \"CODE = label\", found \"%s\""), v);
        return;
    }
    n = (size_t)(eq - v);
    while (n && v[n - 1] == ' ')
        n--;
    if (n == 0 || n >= sizeof num) {
        jl_diag_add(c->d, e->line, e->vcol, _("expected an integer code before '=', found \"%.*s\""),
                    (int)n, v);
        return;
    }
    memcpy(num, v, n);
    num[n] = '\0';
    if (jl_parse_long(&code, num) < 0 || strchr(num, '.') || strchr(num, ',') || code < 0 ||
        code > 1000000) {
        jl_diag_add(c->d, e->line, e->vcol,
                    _("expected an integer code from 0 to 1000000, found \"%s\""), num);
        return;
    }
    if (jl_item_code_index(it, code) >= 0) {
        jl_diag_add(c->d, e->line, e->vcol, _("code %ld of item %s given twice"), code, it->id);
        return;
    }
    if (it->ncodes >= JL_MAX_CODES) {
        jl_diag_add(c->d, e->line, e->vcol, _("item %s has more than %d codes"), it->id,
                    JL_MAX_CODES);
        return;
    }
    eq++;
    while (*eq == ' ')
        eq++;
    it->codes = jl_xrealloc(it->codes, (it->ncodes + 1) * sizeof *it->codes);
    cd = &it->codes[it->ncodes++];
    cd->code = code;
    cd->label = jl_xstrdup(eq);
    cd->missing = missing;
    cd->score = missing ? (double)NAN : (double)code;
}

static void parse_item(ctx *c, const jl_kv_stanza *s)
{
    jl_instrument *in = c->in;
    jl_item *it;
    size_t i;
    const jl_kv_entry *first = &s->e[0];

    if (in->nitems >= JL_MAX_ITEMS) {
        jl_diag_add(c->d, first->line, 1, _("more than %d items"), JL_MAX_ITEMS);
        return;
    }
    if (!valid_id(first->value)) {
        jl_diag_add(c->d, first->line, first->vcol,
                    _("expected an item id of letters, digits, '-' or '_', found \"%s\""),
                    first->value);
        return;
    }
    if (id_too_long(c, first))
        return;
    if (jl_instrument_item(in, first->value) >= 0) {
        jl_diag_add(c->d, first->line, first->vcol, _("item %s defined twice"), first->value);
        return;
    }
    in->items = jl_xrealloc(in->items, (in->nitems + 1) * sizeof *in->items);
    c->score_e = jl_xrealloc(c->score_e, (in->nitems + 1) * sizeof *c->score_e);
    c->score_e[in->nitems] = NULL;
    it = &in->items[in->nitems++];
    memset(it, 0, sizeof *it);
    it->id = jl_xstrdup(first->value);
    it->line = first->line;
    for (i = 1; i < s->n; i++) {
        const jl_kv_entry *e = &s->e[i];

        if (!strcmp(e->key, "text")) {
            jl_free(it->text);
            it->text = jl_xstrdup(e->value);
        } else if (!strcmp(e->key, "stem")) {
            jl_free(it->stem);
            it->stem = jl_xstrdup(e->value);
        } else if (!strcmp(e->key, "code")) {
            parse_code(c, it, e, 0);
        } else if (!strcmp(e->key, "missing")) {
            parse_code(c, it, e, 1);
        } else if (!strcmp(e->key, "score")) {
            c->score_e[in->nitems - 1] = e;
        } else if (!strcmp(e->key, "reverse")) {
            if (parse_yesno(&it->reverse, e->value) < 0)
                jl_diag_add(c->d, e->line, e->vcol, _("expected yes or no, found \"%s\""),
                            e->value);
        } else {
            unknown_key(c, e, _("an item"));
        }
    }
    if (!it->text || !*it->text)
        jl_diag_add(c->d, first->line, first->vcol,
                    _("item %s has no text: fill in the wording of the questionnaire you use"),
                    it->id);
    {
        size_t k, real = 0;

        for (k = 0; k < it->ncodes; k++)
            real += !it->codes[k].missing;
        if (real == 0)
            jl_diag_add(c->d, first->line, first->vcol,
                        _("item %s has no response codes: add \"code: N = label\" lines"),
                        it->id);
    }
}

/* "score: 1=0 2=1 3=1 4=2" recodes codes to scores; then reversal. */
static void finish_item(ctx *c, jl_item *it, const jl_kv_entry *e)
{
    size_t i;
    double lo = INFINITY, hi = -INFINITY;

    if (e) {
        toks_clear(&c->ts);
        toks_split(&c->ts, e);
        for (i = 0; i < c->ts.n; i++) {
            const char *t = c->ts.t[i].s, *eq = strchr(t, '=');
            char num[32];
            long code, k;
            double sc;

            if (!eq || (size_t)(eq - t) >= sizeof num) {
                jl_diag_add(c->d, e->line, c->ts.t[i].col,
                            _("expected CODE=SCORE, found \"%s\""), t);
                continue;
            }
            memcpy(num, t, (size_t)(eq - t));
            num[eq - t] = '\0';
            if (jl_parse_long(&code, num) < 0 || (k = jl_item_code_index(it, code)) < 0) {
                jl_diag_add(c->d, e->line, c->ts.t[i].col,
                            _("expected one of the codes of item %s, found \"%s\""), it->id, num);
                continue;
            }
            if (it->codes[k].missing) {
                jl_diag_add(c->d, e->line, c->ts.t[i].col,
                            _("code %ld of item %s is a missing code and has no score"), code,
                            it->id);
                continue;
            }
            if (jl_parse_double(&sc, eq + 1) < 0) {
                jl_diag_add(c->d, e->line, c->ts.t[i].col,
                            _("expected a number after '=', found \"%s\""), eq + 1);
                continue;
            }
            it->codes[k].score = sc;
        }
    }
    for (i = 0; i < it->ncodes; i++) {
        if (it->codes[i].missing)
            continue;
        if (it->codes[i].score < lo)
            lo = it->codes[i].score;
        if (it->codes[i].score > hi)
            hi = it->codes[i].score;
    }
    if (it->reverse)
        for (i = 0; i < it->ncodes; i++)
            if (!it->codes[i].missing)
                it->codes[i].score = lo + hi - it->codes[i].score;
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

static void parse_scale(ctx *c, const jl_kv_stanza *s)
{
    jl_instrument *in = c->in;
    jl_scale *sc;
    const jl_kv_entry *first = &s->e[0];
    size_t i;
    int have_kind = 0, have_model = 0, have_min = 0;

    if (!valid_id(first->value)) {
        jl_diag_add(c->d, first->line, first->vcol,
                    _("expected a scale id of letters, digits, '-' or '_', found \"%s\""),
                    first->value);
        return;
    }
    if (id_too_long(c, first))
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
            if (parse_yesno(&sc->flip, e->value) < 0)
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
            unknown_key(c, e, _("a scale"));
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

static void finish_scale(ctx *c, jl_scale *sc, const jl_kv_stanza *s)
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
        toks_clear(&c->ts);
        toks_split(&c->ts, e);
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

static void parse_cutoff(ctx *c, const jl_kv_stanza *s)
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
    if (!valid_id(first->value)) {
        jl_diag_add(c->d, first->line, first->vcol,
                    _("expected a cut-off name of letters, digits, '-' or '_', found \"%s\""),
                    first->value);
        return;
    }
    if (id_too_long(c, first))
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
            if (parse_yesno(&cut.headline, e->value) < 0)
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
            unknown_key(c, e, _("a cut-off"));
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

/* "count(a b c) in 4-5 >= 3 and d in 1" */
static void parse_rule(ctx *c, jl_screen *sc, const jl_kv_entry *e)
{
    jl_instrument *in = c->in;
    jl_rule r;
    size_t i = 0, rcap = 0;

    memset(&r, 0, sizeof r);
    toks_clear(&c->ts);
    toks_split(&c->ts, e);
    while (i < c->ts.n) {
        jl_cond cd;
        const tok *t = &c->ts.t[i];
        int ok = 1;
        /* Arrays grow geometrically: a hostile rule of a million names or
         * ranges must not cost a copy per name. */
        size_t icap = 0, lcap = 0, hcap = 0;

        memset(&cd, 0, sizeof cd);
        if (!strncmp(t->s, "count(", 6)) {
            /* items up to the token that ends with ')' */
            const char *name = t->s + 6;

            for (;;) {
                size_t len = strlen(name);
                int last = len > 0 && name[len - 1] == ')';
                char *id = jl_xstrndup(name, last ? len - 1 : len);
                long idx = *id ? jl_instrument_item(in, id) : -2;

                if (idx == -1) {
                    jl_diag_add(c->d, e->line, c->ts.t[i].col,
                                _("expected a defined item, found \"%s\""), id);
                    ok = 0;
                } else if (idx >= 0 && cd.nitems >= JL_MAX_ITEMS) {
                    jl_diag_add(c->d, e->line, c->ts.t[i].col,
                                _("expected at most %d items in count(...), found more (limit "
                                  "JL_MAX_ITEMS)"),
                                JL_MAX_ITEMS);
                    ok = 0;
                    jl_free(id);
                    break;
                } else if (idx >= 0) {
                    cd.items = jl_xgrow(cd.items, &icap, cd.nitems + 1, sizeof *cd.items);
                    cd.items[cd.nitems++] = (size_t)idx;
                }
                jl_free(id);
                i++;
                if (last)
                    break;
                if (i >= c->ts.n) {
                    jl_diag_add(c->d, e->line, t->col, _("expected ')' to close count("));
                    ok = 0;
                    break;
                }
                name = c->ts.t[i].s;
            }
        } else {
            long idx = jl_instrument_item(in, t->s);

            if (idx < 0) {
                jl_diag_add(c->d, e->line, t->col, _("expected a defined item, found \"%s\""),
                            t->s);
                ok = 0;
            } else {
                cd.items = jl_xmalloc(sizeof *cd.items);
                cd.items[0] = (size_t)idx;
                cd.nitems = 1;
            }
            i++;
        }
        if (ok && (i >= c->ts.n || strcmp(c->ts.t[i].s, "in"))) {
            jl_diag_add(c->d, e->line, i < c->ts.n ? c->ts.t[i].col : e->vcol,
                        _("expected \"in\" and a set of codes such as 2,4-5"));
            ok = 0;
        }
        if (ok) {
            const char *p;

            i++;
            if (i >= c->ts.n) {
                jl_diag_add(c->d, e->line, e->vcol, _("expected a set of codes after \"in\""));
                ok = 0;
            } else {
                p = c->ts.t[i].s;
                while (*p && ok) {
                    long lo, hi;
                    char *end;

                    lo = strtol(p, &end, 10);
                    hi = lo;
                    if (end == p) {
                        ok = 0;
                        break;
                    }
                    p = end;
                    if (*p == '-') {
                        p++;
                        hi = strtol(p, &end, 10);
                        if (end == p) {
                            ok = 0;
                            break;
                        }
                        p = end;
                    }
                    if (hi < lo) { /* "3-2" would screen nobody, silently */
                        jl_diag_add(c->d, e->line, c->ts.t[i].col,
                                    _("expected a range from low to high such as 4-5, found "
                                      "%ld-%ld in \"%s\""),
                                    lo, hi, c->ts.t[i].s);
                        ok = -1;
                        break;
                    }
                    cd.lo = jl_xgrow(cd.lo, &lcap, cd.nranges + 1, sizeof *cd.lo);
                    cd.hi = jl_xgrow(cd.hi, &hcap, cd.nranges + 1, sizeof *cd.hi);
                    cd.lo[cd.nranges] = lo;
                    cd.hi[cd.nranges++] = hi;
                    if (*p == ',' && p[1])
                        p++;
                    else if (*p)
                        ok = 0;
                }
                if (ok == -1)
                    ok = 0;
                else if (!ok)
                    jl_diag_add(c->d, e->line, c->ts.t[i].col,
                                _("expected a set of codes such as 2,4-5, found \"%s\""),
                                c->ts.t[i].s);
                i++;
            }
        }
        if (ok && cd.nitems > 1) {
            long v;

            if (i + 1 >= c->ts.n || strcmp(c->ts.t[i].s, ">=") ||
                jl_parse_long(&v, c->ts.t[i + 1].s) < 0 || v < 1) {
                jl_diag_add(c->d, e->line, i < c->ts.n ? c->ts.t[i].col : e->vcol,
                            _("expected \">= N\" after count(...) in SET"));
                ok = 0;
            } else {
                cd.atleast = v;
                i += 2;
            }
        }
        r.c = jl_xgrow(r.c, &rcap, r.n + 1, sizeof *r.c);
        r.c[r.n++] = cd;
        if (!ok)
            break;
        if (i < c->ts.n) {
            if (strcmp(c->ts.t[i].s, "and")) {
                jl_diag_add(c->d, e->line, c->ts.t[i].col, _("expected \"and\", found \"%s\""),
                            c->ts.t[i].s);
                break;
            }
            i++;
        }
    }
    sc->rules = jl_xgrow(sc->rules, &sc->rcap, sc->nrules + 1, sizeof *sc->rules);
    sc->rules[sc->nrules++] = r;
}

static void parse_screen(ctx *c, const jl_kv_stanza *s)
{
    jl_instrument *in = c->in;
    jl_screen *sc;
    size_t i;

    if (!valid_id(s->e[0].value)) {
        jl_diag_add(c->d, s->e[0].line, s->e[0].vcol,
                    _("expected a screen id of letters, digits, '-' or '_', found \"%s\""),
                    s->e[0].value);
        return;
    }
    if (id_too_long(c, &s->e[0]))
        return;
    if (in->nscreens >= JL_MAX_SCREENS) {
        jl_diag_add(c->d, s->e[0].line, 1,
                    _("expected at most %d screens, found more (limit JL_MAX_SCREENS)"),
                    JL_MAX_SCREENS);
        return;
    }
    in->screens = jl_xrealloc(in->screens, (in->nscreens + 1) * sizeof *in->screens);
    sc = &in->screens[in->nscreens++];
    memset(sc, 0, sizeof *sc);
    sc->id = jl_xstrdup(s->e[0].value);
    for (i = 1; i < s->n; i++) {
        const jl_kv_entry *e = &s->e[i];

        if (!strcmp(e->key, "label")) {
            jl_free(sc->label);
            sc->label = jl_xstrdup(e->value);
        } else if (!strcmp(e->key, "exclude-if")) {
            parse_rule(c, sc, e);
        } else {
            unknown_key(c, e, _("a screen"));
        }
    }
    if (!sc->label)
        jl_diag_add(c->d, s->line, 1, _("screen %s has no \"label\""), sc->id);
    if (sc->nrules == 0)
        jl_diag_add(c->d, s->line, 1, _("screen %s has no \"exclude-if\" rule"), sc->id);
}

/* What a placeholder stands for, by key: the words of the error. */
static const char *placeholder_what(const char *key)
{
    static const char *const keys[][2] = {
        {"text", N_("the item's wording from your questionnaire")},
        {"stem", N_("the question the item belongs to")},
        {"code", N_("the item's response codes, one \"code: N = label\" line each")},
        {"missing", N_("the item's missing codes, or no line at all")},
        {"score", N_("the score of each code (\"score: 1=1 2=2 ...\")")},
        {"reverse", N_("yes or no")},
        {"item", N_("an item id of your questionnaire")},
        {"min-items", N_("the least number of answered items for a score")},
        {"value", N_("the cut-off's value from your survey's documentation")},
        {"source", N_("where the value comes from")},
        {"norm", N_("the norm's share in per cent, or no line at all")},
        {"norm-source", N_("where the norm comes from")},
        {"version", N_("the version of your questionnaire")},
    };
    size_t i;

    for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strcmp(key, keys[i][0]))
            return _(keys[i][1]);
    return _("a value");
}

/* Templates mark what the analyst must fill in as JL_PLACEHOLDER. Each one
 * is an error; when there are any, they are all that is reported, since
 * the rest of the file cannot be judged until they are filled. */
static size_t placeholders(const jl_kv *kv, jl_diag *d)
{
    size_t i, j, n = 0;

    for (i = 0; i < kv->n; i++)
        for (j = 0; j < kv->s[i].n; j++) {
            const jl_kv_entry *e = &kv->s[i].e[j];
            const char *p = strstr(e->value, JL_PLACEHOLDER);

            if (!p)
                continue;
            jl_diag_add(d, e->line, e->vcol + (long)jl_utf8_count(e->value, (size_t)(p - e->value)),
                        _("expected %s, found the placeholder %s"), placeholder_what(e->key),
                        JL_PLACEHOLDER);
            n++;
        }
    return n;
}

int jl_instrument_parse(jl_instrument **out, const char *text, size_t len, jl_diag *diag)
{
    jl_kv *kv = jl_kv_parse(text, len, diag);
    jl_instrument *in = jl_xcalloc(1, sizeof *in);
    ctx c;
    size_t i, j;
    int header = 0;

    memset(&c, 0, sizeof c);
    c.in = in;
    c.d = diag;
    *out = NULL;
    if (placeholders(kv, diag)) {
        jl_kv_free(kv);
        jl_free(in);
        jl_diag_sort(diag);
        return JL_EINPUT;
    }
    /* Pass 1: header and items (scales refer to items, cut-offs to scales). */
    for (i = 0; i < kv->n; i++) {
        const jl_kv_stanza *s = &kv->s[i];
        const char *k = s->e[0].key;

        if (!strcmp(k, "instrument")) {
            if (header++)
                jl_diag_add(c.d, s->line, 1, _("a second \"instrument\" stanza"));
            else
                parse_header(&c, s);
        } else if (!strcmp(k, "item")) {
            parse_item(&c, s);
        } else if (strcmp(k, "scale") && strcmp(k, "cutoff") && strcmp(k, "screen")) {
            jl_diag_add(c.d, s->line, 1,
                        _("expected a stanza starting with instrument, item, scale, cutoff or "
                          "screen, found \"%s\""),
                        k);
        }
    }
    if (!header)
        jl_diag_add(c.d, 1, 1, _("expected an \"instrument: ID\" stanza, found none"));
    for (i = 0; i < in->nitems; i++)
        finish_item(&c, &in->items[i], c.score_e[i]);
    /* Pass 2: scales, then cut-offs and screens. */
    for (i = 0; i < kv->n; i++)
        if (!strcmp(kv->s[i].e[0].key, "scale"))
            parse_scale(&c, &kv->s[i]);
    for (i = 0; i < in->nscales; i++)
        finish_scale(&c, &in->scales[i], c.scale_st[i]);
    for (i = 0; i < kv->n; i++) {
        if (!strcmp(kv->s[i].e[0].key, "cutoff"))
            parse_cutoff(&c, &kv->s[i]);
        else if (!strcmp(kv->s[i].e[0].key, "screen"))
            parse_screen(&c, &kv->s[i]);
    }
    for (i = 0; i < in->nscales; i++) {
        jl_scale *sc = &in->scales[i];
        int heads = 0;

        for (j = 0; j < sc->ncut; j++)
            heads += sc->cut[j].headline;
        if (sc->ncut > 0 && heads != 1)
            jl_diag_add(c.d, c.scale_st[i]->line, 1,
                        _("scale %s has %d headline cut-offs; mark exactly one \"headline: "
                          "yes\""),
                        sc->id, heads);
    }
    if (in->nscales == 0)
        jl_diag_add(c.d, 1, 1, _("the instrument has no scales"));
    toks_dispose(&c.ts);
    jl_free(c.score_e);
    jl_free(c.scale_st);
    jl_kv_free(kv);
    if (diag->n) {
        jl_diag_sort(diag);
        jl_instrument_free(in);
        return JL_EINPUT;
    }
    *out = in;
    return JL_OK;
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

void jl_instrument_free(jl_instrument *in)
{
    size_t i, j, k;

    if (!in)
        return;
    for (i = 0; i < in->nitems; i++) {
        jl_item *it = &in->items[i];

        for (j = 0; j < it->ncodes; j++)
            jl_free(it->codes[j].label);
        jl_free(it->codes);
        jl_free(it->id);
        jl_free(it->text);
        jl_free(it->stem);
    }
    for (i = 0; i < in->nscales; i++) {
        jl_scale *sc = &in->scales[i];

        for (j = 0; j < sc->nitems; j++)
            jl_free(sc->delta[j]);
        jl_scale_clear_cutoffs(sc);
        jl_free(sc->delta);
        jl_free(sc->m);
        jl_free(sc->items);
        jl_free(sc->id);
        jl_free(sc->name);
        jl_free(sc->domain);
        jl_free(sc->theme);
    }
    for (i = 0; i < in->nscreens; i++) {
        jl_screen *sc = &in->screens[i];

        for (j = 0; j < sc->nrules; j++) {
            for (k = 0; k < sc->rules[j].n; k++) {
                jl_free(sc->rules[j].c[k].items);
                jl_free(sc->rules[j].c[k].lo);
                jl_free(sc->rules[j].c[k].hi);
            }
            jl_free(sc->rules[j].c);
        }
        jl_free(sc->rules);
        jl_free(sc->id);
        jl_free(sc->label);
    }
    jl_free(in->items);
    jl_free(in->scales);
    jl_free(in->screens);
    jl_free(in->id);
    jl_free(in->name);
    jl_free(in->version);
    jl_free(in->source);
    jl_free(in->licence);
    jl_free(in->attribution);
    jl_free(in->note);
    jl_free(in);
}
