#include "survey/instrument.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/kv.h"
#include "core/limits.h"
#include "core/num.h"
#include "core/utf8.h"
#include "survey/instrument_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- tokens: whitespace-separated words of a value, with columns ---- */

static void toks_split(jl_ins_toks *ts, const jl_kv_entry *e)
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

static void toks_clear(jl_ins_toks *ts)
{
    size_t i;

    for (i = 0; i < ts->n; i++)
        jl_free(ts->t[i].s);
    ts->n = 0;
}

static void toks_dispose(jl_ins_toks *ts)
{
    toks_clear(ts);
    jl_free(ts->t);
}

void jl_ins_tokens(jl_ins_ctx *c, const jl_kv_entry *e)
{
    toks_clear(&c->ts);
    toks_split(&c->ts, e);
}

/* ---- small helpers ---- */

int jl_ins_valid_id(const char *s)
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

int jl_ins_yesno(int *out, const char *s)
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

int jl_ins_id_too_long(jl_ins_ctx *c, const jl_kv_entry *e)
{
    size_t len = strlen(e->value);

    if (len <= JL_MAX_ID)
        return 0;
    jl_diag_add(c->d, e->line, e->vcol,
                _("expected an id of at most %d bytes, found %zu bytes (limit JL_MAX_ID)"),
                JL_MAX_ID, len);
    return 1;
}

void jl_ins_unknown_key(jl_ins_ctx *c, const jl_kv_entry *e, const char *what)
{
    jl_diag_add(c->d, e->line, e->kcol, _("unknown key \"%s\" in %s"), e->key, what);
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

static void parse_header(jl_ins_ctx *c, const jl_kv_stanza *s)
{
    jl_instrument *in = c->in;
    size_t i;

    for (i = 0; i < s->n; i++) {
        const jl_kv_entry *e = &s->e[i];
        char **dst = NULL;

        if (!strcmp(e->key, "instrument")) {
            if (!jl_ins_valid_id(e->value))
                jl_diag_add(c->d, e->line, e->vcol,
                            _("expected an id of letters, digits, '-' or '_', found \"%s\""),
                            e->value);
            else
                (void)jl_ins_id_too_long(c, e);
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
            jl_ins_unknown_key(c, e, _("the instrument"));
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
static void parse_code(jl_ins_ctx *c, jl_item *it, const jl_kv_entry *e, int missing)
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

static void parse_item(jl_ins_ctx *c, const jl_kv_stanza *s)
{
    jl_instrument *in = c->in;
    jl_item *it;
    size_t i;
    const jl_kv_entry *first = &s->e[0];

    if (in->nitems >= JL_MAX_ITEMS) {
        jl_diag_add(c->d, first->line, 1, _("more than %d items"), JL_MAX_ITEMS);
        return;
    }
    if (!jl_ins_valid_id(first->value)) {
        jl_diag_add(c->d, first->line, first->vcol,
                    _("expected an item id of letters, digits, '-' or '_', found \"%s\""),
                    first->value);
        return;
    }
    if (jl_ins_id_too_long(c, first))
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
            if (jl_ins_yesno(&it->reverse, e->value) < 0)
                jl_diag_add(c->d, e->line, e->vcol, _("expected yes or no, found \"%s\""),
                            e->value);
        } else {
            jl_ins_unknown_key(c, e, _("an item"));
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
static void finish_item(jl_ins_ctx *c, jl_item *it, const jl_kv_entry *e)
{
    size_t i;
    double lo = INFINITY, hi = -INFINITY;

    if (e) {
        jl_ins_tokens(c, e);
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
    jl_ins_ctx c;
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
            jl_ins_parse_scale(&c, &kv->s[i]);
    for (i = 0; i < in->nscales; i++)
        jl_ins_finish_scale(&c, &in->scales[i], c.scale_st[i]);
    for (i = 0; i < kv->n; i++) {
        if (!strcmp(kv->s[i].e[0].key, "cutoff"))
            jl_ins_parse_cutoff(&c, &kv->s[i]);
        else if (!strcmp(kv->s[i].e[0].key, "screen"))
            jl_ins_parse_screen(&c, &kv->s[i]);
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
