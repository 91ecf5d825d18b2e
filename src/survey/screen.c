/*
 * The validity screens of an instrument: "screen:" stanzas whose
 * "exclude-if" rules name answers no honest respondent gives
 * (docs/instrument-format.md). Shares instrument_int.h with the parser.
 */
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/kv.h"
#include "core/limits.h"
#include "core/num.h"
#include "survey/instrument.h"
#include "survey/instrument_int.h"

#include <stdlib.h>
#include <string.h>

/* "count(a b c": the items from the word at *i to the one that ends with
 * ')'. 0 when it reported a problem; else 1, *i past the ')'. */
static int parse_count(jl_ins_ctx *c, const jl_kv_entry *e, size_t *i, jl_cond *cd)
{
    const jl_ins_tok *t = &c->ts.t[*i];
    const char *name = t->s + 6;
    /* Arrays grow geometrically (here and in parse_codes): a hostile rule
     * of a million names or ranges must not cost a copy per name. */
    size_t icap = 0;
    int ok = 1;

    for (;;) {
        size_t len = strlen(name);
        int last = len > 0 && name[len - 1] == ')';
        char *id = jl_xstrndup(name, last ? len - 1 : len);
        long idx = *id ? jl_instrument_item(c->in, id) : -2;

        if (idx == -1) {
            jl_diag_add(c->d, e->line, c->ts.t[*i].col, _("expected a defined item, found \"%s\""),
                        id);
            ok = 0;
        } else if (idx >= 0 && cd->nitems >= JL_MAX_ITEMS) {
            jl_diag_add(c->d, e->line, c->ts.t[*i].col,
                        _("expected at most %d items in count(...), found more (limit "
                          "JL_MAX_ITEMS)"),
                        JL_MAX_ITEMS);
            jl_free(id);
            return 0;
        } else if (idx >= 0) {
            cd->items = jl_xgrow(cd->items, &icap, cd->nitems + 1, sizeof *cd->items);
            cd->items[cd->nitems++] = (size_t)idx;
        }
        jl_free(id);
        (*i)++;
        if (last)
            return ok;
        if (*i >= c->ts.n) {
            jl_diag_add(c->d, e->line, t->col, _("expected ')' to close count("));
            return 0;
        }
        name = c->ts.t[*i].s;
    }
}

/* A single item at word *i. 0 when it reported a problem; else 1, *i
 * past it. */
static int parse_item(jl_ins_ctx *c, const jl_kv_entry *e, size_t *i, jl_cond *cd)
{
    const jl_ins_tok *t = &c->ts.t[*i];
    long idx = jl_instrument_item(c->in, t->s);

    if (idx < 0) {
        jl_diag_add(c->d, e->line, t->col, _("expected a defined item, found \"%s\""), t->s);
        return 0;
    }
    cd->items = jl_xmalloc(sizeof *cd->items);
    cd->items[0] = (size_t)idx;
    cd->nitems = 1;
    (*i)++;
    return 1;
}

/* The set of codes t ("2,4-5") as cd's ranges. 0 when it reported a
 * problem. */
static int parse_codes(jl_ins_ctx *c, const jl_kv_entry *e, const jl_ins_tok *t, jl_cond *cd)
{
    const char *p = t->s;
    size_t lcap = 0, hcap = 0;

    while (*p) {
        long lo, hi;
        char *end;

        lo = strtol(p, &end, 10);
        hi = lo;
        if (end == p)
            goto malformed;
        p = end;
        if (*p == '-') {
            p++;
            hi = strtol(p, &end, 10);
            if (end == p)
                goto malformed;
            p = end;
        }
        if (hi < lo) { /* "3-2" would screen nobody, silently */
            jl_diag_add(c->d, e->line, t->col,
                        _("expected a range from low to high such as 4-5, found %ld-%ld in "
                          "\"%s\""),
                        lo, hi, t->s);
            return 0;
        }
        cd->lo = jl_xgrow(cd->lo, &lcap, cd->nranges + 1, sizeof *cd->lo);
        cd->hi = jl_xgrow(cd->hi, &hcap, cd->nranges + 1, sizeof *cd->hi);
        cd->lo[cd->nranges] = lo;
        cd->hi[cd->nranges++] = hi;
        if (*p == ',' && p[1])
            p++;
        else if (*p)
            goto malformed;
    }
    return 1;
malformed:
    jl_diag_add(c->d, e->line, t->col, _("expected a set of codes such as 2,4-5, found \"%s\""),
                t->s);
    return 0;
}

/* One condition from word *i: an item or count(...), "in" and a set of
 * codes, and after count(...) ">= N". 0 when it reported a problem (what
 * was read stays in cd, for the caller to keep and free); else 1, *i past
 * the condition. */
static int parse_cond(jl_ins_ctx *c, const jl_kv_entry *e, size_t *i, jl_cond *cd)
{
    const jl_ins_toks *ts = &c->ts;
    long v;
    int ok;

    if (!strncmp(ts->t[*i].s, "count(", 6))
        ok = parse_count(c, e, i, cd);
    else
        ok = parse_item(c, e, i, cd);
    if (!ok)
        return 0;
    if (*i >= ts->n || strcmp(ts->t[*i].s, "in")) {
        jl_diag_add(c->d, e->line, *i < ts->n ? ts->t[*i].col : e->vcol,
                    _("expected \"in\" and a set of codes such as 2,4-5"));
        return 0;
    }
    (*i)++;
    if (*i >= ts->n) {
        jl_diag_add(c->d, e->line, e->vcol, _("expected a set of codes after \"in\""));
        return 0;
    }
    ok = parse_codes(c, e, &ts->t[*i], cd);
    (*i)++;
    if (!ok || cd->nitems <= 1)
        return ok;
    if (*i + 1 >= ts->n || strcmp(ts->t[*i].s, ">=") || jl_parse_long(&v, ts->t[*i + 1].s) < 0 ||
        v < 1) {
        jl_diag_add(c->d, e->line, *i < ts->n ? ts->t[*i].col : e->vcol,
                    _("expected \">= N\" after count(...) in SET"));
        return 0;
    }
    cd->atleast = v;
    *i += 2;
    return 1;
}

/* "count(a b c) in 4-5 >= 3 and d in 1": conditions joined by "and",
 * read up to the first problem. The rule is kept even then, so that
 * jl_instrument_free frees what was read. */
static void parse_rule(jl_ins_ctx *c, jl_screen *sc, const jl_kv_entry *e)
{
    jl_rule r;
    size_t i = 0, rcap = 0;

    memset(&r, 0, sizeof r);
    jl_ins_tokens(c, e);
    while (i < c->ts.n) {
        jl_cond cd;
        int ok;

        memset(&cd, 0, sizeof cd);
        ok = parse_cond(c, e, &i, &cd);
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

void jl_ins_parse_screen(jl_ins_ctx *c, const jl_kv_stanza *s)
{
    jl_instrument *in = c->in;
    jl_screen *sc;
    size_t i;

    if (!jl_ins_valid_id(s->e[0].value)) {
        jl_diag_add(c->d, s->e[0].line, s->e[0].vcol,
                    _("expected a screen id of letters, digits, '-' or '_', found \"%s\""),
                    s->e[0].value);
        return;
    }
    if (jl_ins_id_too_long(c, &s->e[0]))
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
            jl_ins_unknown_key(c, e, _("a screen"));
        }
    }
    if (!sc->label)
        jl_diag_add(c->d, s->line, 1, _("screen %s has no \"label\""), sc->id);
    if (sc->nrules == 0)
        jl_diag_add(c->d, s->line, 1, _("screen %s has no \"exclude-if\" rule"), sc->id);
}
