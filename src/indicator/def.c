#include "indicator/def.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/kv.h"
#include "core/limits.h"
#include "core/num.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const KINDS[] = {"count", "share", "rate", "median", "mean", "index"};
static const char *const BETTER[] = {"higher", "lower", "none"};
static const char *const THEMES[] = {"närområde", "föräldrar", "skola", "individ och kamrater"};
static const char *const GOALS[] = {"en god start i livet", "skolåren",
                                    "hälsofrämjande miljöer och delaktighet", "arbete"};

const char *jl_ind_kind_name(jl_ind_kind k)
{
    return (size_t)k < 6 ? KINDS[k] : "?";
}

int jl_ind_kind_parse(jl_ind_kind *k, const char *s)
{
    size_t i;

    for (i = 0; i < 6; i++)
        if (!strcmp(s, KINDS[i])) {
            *k = (jl_ind_kind)i;
            return 0;
        }
    return -1;
}

const char *jl_better_name(jl_better b)
{
    return (size_t)b < 3 ? BETTER[b] : "?";
}

int jl_better_parse(jl_better *b, const char *s)
{
    size_t i;

    for (i = 0; i < 3; i++)
        if (!strcmp(s, BETTER[i])) {
            *b = (jl_better)i;
            return 0;
        }
    return -1;
}

/* ---- formulas: recursive descent to a postfix program ---- */

enum { OP_NUM, OP_REF, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_NEG };

typedef struct ins {
    int op;
    double num;
    size_t ref;
} ins;

struct jl_expr {
    ins *p;
    size_t n, cap;
    char **refs;
    size_t nrefs;
};

typedef struct parser {
    const char *s;
    size_t i;
    jl_expr *e;
    char *msg;
    size_t len;
    int failed;
    int depth;       /* parentheses and minus signs open here */
    size_t sp, need; /* the evaluator's stack after the program so far, and its most */
} parser;

static void emit(parser *ps, int op, double num, size_t ref)
{
    jl_expr *e = ps->e;

    e->p = jl_xgrow(e->p, &e->cap, e->n + 1, sizeof *e->p);
    e->p[e->n].op = op;
    e->p[e->n].num = num;
    e->p[e->n].ref = ref;
    e->n++;
    /* What jl_expr_eval will hold: checked here so that the parser
     * refuses whatever the evaluator could not evaluate. */
    if (op == OP_NUM || op == OP_REF)
        ps->sp++;
    else if (op != OP_NEG)
        ps->sp--;
    if (ps->sp > ps->need)
        ps->need = ps->sp;
}

static void fail(parser *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(parser *ps, const char *fmt, ...)
{
    va_list ap;

    if (!ps->failed) {
        va_start(ap, fmt);
        vsnprintf(ps->msg, ps->len, fmt, ap);
        va_end(ap);
    }
    ps->failed = 1;
}

/* One more level of parentheses or minus signs: the parser recurses once
 * per level, so a limit keeps a hostile formula off the end of the stack. */
static int deeper(parser *ps)
{
    if (++ps->depth > JL_MAX_FORMULA_DEPTH) {
        fail(ps,
             _("expected parentheses and minus signs nested at most %d deep, found deeper "
               "(limit JL_MAX_FORMULA_DEPTH)"),
             JL_MAX_FORMULA_DEPTH);
        return 0;
    }
    return 1;
}

static void skip(parser *ps)
{
    while (ps->s[ps->i] == ' ' || ps->s[ps->i] == '\t')
        ps->i++;
}

static void expr(parser *ps);

static void primary(parser *ps)
{
    const char *s = ps->s;

    skip(ps);
    if (ps->failed)
        return;
    if (s[ps->i] == '(') {
        if (!deeper(ps))
            return;
        ps->i++;
        expr(ps);
        skip(ps);
        if (ps->failed)
            return;
        if (s[ps->i] != ')') {
            fail(ps, _("expected ')'"));
            return;
        }
        ps->i++;
        ps->depth--;
    } else if (s[ps->i] == '-') {
        if (!deeper(ps))
            return;
        ps->i++;
        primary(ps);
        if (ps->failed)
            return;
        emit(ps, OP_NEG, 0, 0);
        ps->depth--;
    } else if (isdigit((unsigned char)s[ps->i]) || s[ps->i] == '.') {
        char tmp[64];
        size_t start = ps->i, j;
        double v;

        while (isdigit((unsigned char)s[ps->i]) || s[ps->i] == '.')
            ps->i++;
        j = ps->i - start;
        if (j >= sizeof tmp) {
            ps->i = start;
            fail(ps, _("expected a number of at most %zu characters, found %zu"),
                 sizeof tmp - 1, j);
            return;
        }
        memcpy(tmp, s + start, j);
        tmp[j] = '\0';
        if (jl_parse_double(&v, tmp) < 0) {
            ps->i = start;
            fail(ps, _("expected a number, found \"%s\""), tmp);
            return;
        }
        emit(ps, OP_NUM, v, 0);
    } else if (isalpha((unsigned char)s[ps->i]) || s[ps->i] == '_') {
        size_t start = ps->i, k;
        char *id;
        jl_expr *e = ps->e;

        while (isalnum((unsigned char)s[ps->i]) || s[ps->i] == '_' || s[ps->i] == '-')
            ps->i++;
        if (ps->i - start > JL_MAX_ID) {
            fail(ps, _("expected %s of at most %zu bytes, found %zu bytes (limit %s)"),
                 _("an indicator id"), (size_t)JL_MAX_ID, ps->i - start, "JL_MAX_ID");
            ps->i = start;
            return;
        }
        id = jl_xstrndup(s + start, ps->i - start);
        for (k = 0; k < e->nrefs && strcmp(e->refs[k], id); k++)
            ;
        if (k == e->nrefs) {
            if (e->nrefs == JL_MAX_FORMULA_LEAVES) {
                jl_free(id);
                ps->i = start;
                fail(ps,
                     _("expected at most %d indicators in a formula, found more (limit "
                       "JL_MAX_FORMULA_LEAVES)"),
                     JL_MAX_FORMULA_LEAVES);
                return;
            }
            e->refs = jl_xrealloc(e->refs, (e->nrefs + 1) * sizeof *e->refs);
            e->refs[e->nrefs++] = id;
        } else
            jl_free(id);
        emit(ps, OP_REF, 0, k);
    } else {
        fail(ps, s[ps->i] ? _("expected a number, an indicator id or '('")
                          : _("expected more after the operator"));
    }
}

static void term(parser *ps)
{
    primary(ps);
    for (;;) {
        char c;

        skip(ps);
        c = ps->s[ps->i];
        if (ps->failed || (c != '*' && c != '/'))
            return;
        ps->i++;
        primary(ps);
        if (ps->failed)
            return;
        emit(ps, c == '*' ? OP_MUL : OP_DIV, 0, 0);
    }
}

static void expr(parser *ps)
{
    term(ps);
    for (;;) {
        char c;

        skip(ps);
        c = ps->s[ps->i];
        if (ps->failed || (c != '+' && c != '-'))
            return;
        ps->i++;
        term(ps);
        if (ps->failed)
            return;
        emit(ps, c == '+' ? OP_ADD : OP_SUB, 0, 0);
    }
}

int jl_expr_parse(jl_expr **out, const char *s, char *msg, size_t len, size_t *at)
{
    parser ps;

    memset(&ps, 0, sizeof ps);
    ps.s = s;
    ps.e = jl_xcalloc(1, sizeof *ps.e);
    ps.msg = msg;
    ps.len = len;
    if (strlen(s) > JL_MAX_FORMULA_LEN) {
        fail(&ps, _("expected %s of at most %zu bytes, found %zu bytes (limit %s)"),
             _("a formula"), (size_t)JL_MAX_FORMULA_LEN, strlen(s), "JL_MAX_FORMULA_LEN");
        ps.i = 0;
    } else
        expr(&ps);
    skip(&ps);
    if (!ps.failed && s[ps.i])
        fail(&ps, _("expected an operator or the end of the formula"));
    if (!ps.failed && ps.need > JL_MAX_FORMULA_STACK)
        fail(&ps,
             _("expected a formula that holds at most %d values at once, found one that needs "
               "%zu (limit JL_MAX_FORMULA_STACK)"),
             JL_MAX_FORMULA_STACK, ps.need);
    if (!ps.failed && ps.e->nrefs == 0)
        fail(&ps, _("expected a formula over other indicators, found only numbers"));
    if (ps.failed) {
        *at = ps.i;
        jl_expr_free(ps.e);
        *out = NULL;
        return -1;
    }
    *out = ps.e;
    return 0;
}

void jl_expr_free(jl_expr *e)
{
    size_t i;

    if (!e)
        return;
    for (i = 0; i < e->nrefs; i++)
        jl_free(e->refs[i]);
    jl_free(e->refs);
    jl_free(e->p);
    jl_free(e);
}

size_t jl_expr_nrefs(const jl_expr *e)
{
    return e->nrefs;
}

const char *jl_expr_ref(const jl_expr *e, size_t i)
{
    return e->refs[i];
}

double jl_expr_eval(const jl_expr *e, const double *vals)
{
    double st[JL_MAX_FORMULA_STACK];
    size_t sp = 0, i;

    for (i = 0; i < e->n; i++) {
        const ins *in = &e->p[i];

        switch (in->op) {
        case OP_NUM:
        case OP_REF:
            /* never: jl_expr_parse refused such a formula */
            if (sp == JL_MAX_FORMULA_STACK)
                return NAN;
            st[sp++] = in->op == OP_NUM ? in->num : vals[in->ref];
            break;
        case OP_NEG:
            st[sp - 1] = -st[sp - 1];
            break;
        default: {
            double b = st[--sp], a = st[sp - 1];

            st[sp - 1] = in->op == OP_ADD   ? a + b
                         : in->op == OP_SUB ? a - b
                         : in->op == OP_MUL ? a * b
                         : b == 0           ? (double)NAN
                                            : a / b;
        }
        }
    }
    return sp == 1 ? st[0] : (double)NAN;
}

/* ---- definitions ---- */

static int in_list(const char *s, const char *const *l, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!strcmp(s, l[i]))
            return 1;
    return 0;
}

int jl_indicator_id_valid(const char *s)
{
    if (!*s || !(isalpha((unsigned char)*s) || *s == '_'))
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
            return 0;
    return 1;
}

static void set(char **field, const char *v)
{
    jl_free(*field);
    *field = jl_xstrdup(v);
}

/* The first line of stanza s, "indicator: ID": an id that is valid, not
 * too long and not among the nv read so far. 0 when it is, else -1 with
 * the problem in d (the stanza is then skipped). */
static int stanza_id(const jl_kv_stanza *s, const jl_indicator *v, size_t nv, jl_diag *d)
{
    jl_err le = JL_ERR_INIT;
    size_t j;

    if (strcmp(s->e[0].key, "indicator")) {
        jl_diag_add(d, s->e[0].line, s->e[0].kcol,
                    _("expected a stanza starting with \"indicator: ID\", found \"%s\""),
                    s->e[0].key);
        return -1;
    }
    if (!jl_indicator_id_valid(s->e[0].value)) {
        jl_diag_add(d, s->e[0].line, s->e[0].vcol,
                    _("expected an indicator id of letters, digits, '-' or '_', found "
                      "\"%s\""),
                    s->e[0].value);
        return -1;
    }
    if (jl_limit_len(s->e[0].value, JL_MAX_ID, _("an indicator id"), "JL_MAX_ID", NULL, 0, 0,
                     &le) < 0) {
        jl_diag_add(d, s->e[0].line, s->e[0].vcol, "%s", le.msg);
        return -1;
    }
    for (j = 0; j < nv && strcmp(v[j].id, s->e[0].value); j++)
        ;
    if (j < nv) {
        jl_diag_add(d, s->e[0].line, s->e[0].vcol,
                    _("indicator %s defined twice (first on line %ld)"), s->e[0].value,
                    v[j].line);
        return -1;
    }
    return 0;
}

/* The entries of stanza s after its first line into ind, each checked;
 * what must be there is there. A formula's place goes to *fline and
 * *fcol for the checks of its references. */
static void stanza_entries(jl_indicator *ind, long *fline, long *fcol, const jl_kv_stanza *s,
                           jl_diag *d)
{
    int have_kind = 0, have_better = 0;
    size_t j;

    for (j = 1; j < s->n; j++) {
        const jl_kv_entry *e = &s->e[j];

        if (!strcmp(e->key, "name"))
            set(&ind->name, e->value);
        else if (!strcmp(e->key, "name-en"))
            set(&ind->name_en, e->value);
        else if (!strcmp(e->key, "unit"))
            set(&ind->unit, e->value);
        else if (!strcmp(e->key, "source"))
            set(&ind->source, e->value);
        else if (!strcmp(e->key, "licence"))
            set(&ind->licence, e->value);
        else if (!strcmp(e->key, "note"))
            set(&ind->note, e->value);
        else if (!strcmp(e->key, "kind")) {
            have_kind = 1;
            if (jl_ind_kind_parse(&ind->kind, e->value) < 0)
                jl_diag_add(d, e->line, e->vcol,
                            _("expected count, share, rate, median, mean or index, found "
                              "\"%s\""),
                            e->value);
        } else if (!strcmp(e->key, "better")) {
            have_better = 1;
            if (jl_better_parse(&ind->better, e->value) < 0)
                jl_diag_add(d, e->line, e->vcol,
                            _("expected higher, lower or none, found \"%s\""), e->value);
        } else if (!strcmp(e->key, "theme")) {
            if (!in_list(e->value, THEMES, 4))
                jl_diag_add(d, e->line, e->vcol,
                            _("expected närområde, föräldrar, skola or individ och "
                              "kamrater, found \"%s\""),
                            e->value);
            set(&ind->theme, e->value);
        } else if (!strcmp(e->key, "goal")) {
            if (!in_list(e->value, GOALS, 4))
                jl_diag_add(d, e->line, e->vcol,
                            _("expected en god start i livet, skolåren, hälsofrämjande "
                              "miljöer och delaktighet or arbete, found \"%s\""),
                            e->value);
            set(&ind->goal, e->value);
        } else if (!strcmp(e->key, "formula")) {
            char msg[256];
            size_t at;
            jl_expr *x;

            set(&ind->formula, e->value);
            *fline = e->line;
            *fcol = e->vcol;
            if (jl_expr_parse(&x, e->value, msg, sizeof msg, &at) < 0)
                jl_diag_add(d, e->line, e->vcol + (long)at, "%s", msg);
            else
                jl_expr_free(x);
        } else
            jl_diag_add(d, e->line, e->kcol, _("unknown key \"%s\" in an indicator"),
                        e->key);
    }
    if (!ind->name)
        jl_diag_add(d, ind->line, 1, _("indicator %s has no \"name\""), ind->id);
    if (!ind->unit)
        jl_diag_add(d, ind->line, 1, _("indicator %s has no \"unit\""), ind->id);
    if (!have_kind)
        jl_diag_add(d, ind->line, 1, _("indicator %s has no \"kind\""), ind->id);
    if (!have_better)
        jl_diag_add(d, ind->line, 1,
                    _("indicator %s has no \"better\" (higher, lower or none)"), ind->id);
    if (!ind->source)
        jl_diag_add(d, ind->line, 1,
                    _("indicator %s has no \"source\": say where the figures come from"),
                    ind->id);
}

/* Formulas refer to indicators of this file or of the database, and
 * never to themselves through a chain. */
static void check_refs(const jl_indicator *v, size_t nv, const long *fline, const long *fcol,
                       jl_diag *d, int (*known)(void *ctx, const char *id), void *ctx)
{
    size_t i, j, k;

    for (i = 0; i < nv; i++) {
        jl_expr *x;
        char msg[256];
        size_t at;

        if (!v[i].formula || jl_expr_parse(&x, v[i].formula, msg, sizeof msg, &at) < 0)
            continue;
        for (k = 0; k < jl_expr_nrefs(x); k++) {
            const char *r = jl_expr_ref(x, k);

            for (j = 0; j < nv && strcmp(v[j].id, r); j++)
                ;
            if (j == i)
                jl_diag_add(d, fline[i], fcol[i], _("indicator %s refers to itself"), v[i].id);
            else if (j < nv && v[j].formula)
                jl_diag_add(d, fline[i], fcol[i],
                            _("expected a formula over indicators that have no formula, found "
                              "%s (derived)"),
                            r);
            else if (j == nv && known && known(ctx, r) == 2)
                jl_diag_add(d, fline[i], fcol[i],
                            _("expected a formula over indicators that have no formula, found "
                              "%s (derived)"),
                            r);
            else if (j == nv && !(known && known(ctx, r) == 1))
                jl_diag_add(d, fline[i], fcol[i], _("expected a defined indicator, found \"%s\""),
                            r);
        }
        jl_expr_free(x);
    }
}

int jl_indicators_parse(jl_indicator **out, size_t *n, const char *text, size_t len, jl_diag *d,
                        int (*known)(void *ctx, const char *id), void *ctx)
{
    /* Counted before the stanza parser's own problems (a stray line, an
     * indented first line), which refuse the file as much as ours. */
    size_t before = d->n;
    jl_kv *kv = jl_kv_parse(text, len, d);
    jl_indicator *v = NULL;
    long *fline = NULL, *fcol = NULL;
    size_t cap = 0, nv = 0, i;

    for (i = 0; i < kv->n; i++) {
        const jl_kv_stanza *s = &kv->s[i];
        jl_indicator *ind;

        if (stanza_id(s, v, nv, d) < 0)
            continue;
        v = jl_xgrow(v, &cap, nv + 1, sizeof *v);
        fline = jl_xrealloc(fline, cap * sizeof *fline);
        fcol = jl_xrealloc(fcol, cap * sizeof *fcol);
        ind = &v[nv];
        memset(ind, 0, sizeof *ind);
        fline[nv] = fcol[nv] = 0;
        ind->id = jl_xstrdup(s->e[0].value);
        ind->line = s->e[0].line;
        stanza_entries(ind, &fline[nv], &fcol[nv], s, d);
        nv++;
    }
    check_refs(v, nv, fline, fcol, d, known, ctx);
    if (nv == 0 && d->n == before)
        jl_diag_add(d, 1, 1, _("expected at least one \"indicator: ID\" stanza, found none"));
    jl_free(fline);
    jl_free(fcol);
    jl_kv_free(kv);
    if (d->n > before) {
        jl_diag_sort(d);
        jl_indicators_free(v, nv);
        *out = NULL;
        *n = 0;
        return JL_EINPUT;
    }
    *out = v;
    *n = nv;
    return JL_OK;
}

void jl_indicators_free(jl_indicator *v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        jl_free(v[i].id);
        jl_free(v[i].name);
        jl_free(v[i].name_en);
        jl_free(v[i].unit);
        jl_free(v[i].theme);
        jl_free(v[i].goal);
        jl_free(v[i].source);
        jl_free(v[i].licence);
        jl_free(v[i].note);
        jl_free(v[i].formula);
    }
    jl_free(v);
}
