#include "release/suppress.h"
#include "core/i18n.h"
#include "core/num.h"

#include <math.h>

/* The message spells the bounds out for the translators. */
_Static_assert(JL_RELEASE_MIN_N_LOW == 3 && JL_RELEASE_MIN_N_HIGH == 1000,
               "update the --min-n message");

int jl_release_min_n_parse(unsigned long *out, const char *s, jl_err *err)
{
    long v;

    *out = JL_RELEASE_MIN_N;
    if (!s)
        return JL_OK;
    if (jl_parse_long(&v, s) < 0 || v < JL_RELEASE_MIN_N_LOW || v > JL_RELEASE_MIN_N_HIGH)
        return jl_err_set(err, JL_EUSAGE, _("expected --min-n from 3 to 1000, found \"%s\""), s);
    *out = (unsigned long)v;
    return JL_OK;
}

void jl_release_hide(jl_cell *c, jl_cell_reason r)
{
    c->status = JL_CELL_SUPPRESSED;
    c->reason = r;
    c->pct = c->ci_low = c->ci_high = c->diff = c->p = c->p_adj = NAN;
    c->flag = JL_FLAG_NONE;
}

int jl_release_small_group(jl_cell *c, unsigned long min_n)
{
    if (c->n_scored > 0 && (unsigned long)c->n_scored >= min_n)
        return 0;
    jl_release_hide(c, c->n_scored <= 0 ? JL_REASON_NO_SCORED : JL_REASON_SMALL_GROUP);
    return 1;
}

jl_cell_reason jl_release_primary_reason(long n_scored, long k, const jl_rules *r)
{
    unsigned long min_n = r && r->min_n ? r->min_n : JL_RELEASE_MIN_N;
    long min_count = r && r->min_count > 0 ? r->min_count : JL_RELEASE_MIN_COUNT;

    if (n_scored <= 0)
        return JL_REASON_NO_SCORED;
    if ((unsigned long)n_scored < min_n)
        return JL_REASON_SMALL_GROUP;
    if (k < 0)
        return JL_REASON_NONE;
    if ((k >= 1 && k < min_count) || (n_scored - k >= 1 && n_scored - k < min_count))
        return JL_REASON_MIN_COUNT;
    if (k == n_scored && !(r && r->no_group_disclosure))
        return JL_REASON_GROUP_DISCLOSURE;
    return JL_REASON_NONE;
}

int jl_release_cell_primary(jl_cell *c, const jl_rules *r)
{
    jl_cell_reason why = jl_release_primary_reason(c->n_scored, c->k, r);

    if (why == JL_REASON_NONE)
        return 0;
    jl_release_hide(c, why);
    return 1;
}

const char *jl_release_reason_code(jl_cell_reason r)
{
    switch (r) {
    case JL_REASON_NONE:
        return NULL;
    case JL_REASON_NO_SCORED:
        return "no_scored";
    case JL_REASON_SMALL_GROUP:
        return "small_group";
    case JL_REASON_MIN_COUNT:
        return "min_count";
    case JL_REASON_GROUP_DISCLOSURE:
        return "group_disclosure";
    case JL_REASON_SECONDARY:
        return "secondary";
    case JL_REASON_CONFIDENTIAL:
        return "confidential";
    }
    return NULL;
}

const char *jl_release_reason_text(jl_cell_reason r)
{
    switch (r) {
    case JL_REASON_NONE:
        return NULL;
    case JL_REASON_NO_SCORED:
        return _("no scored respondents");
    case JL_REASON_SMALL_GROUP:
        return _("fewer scored respondents than the threshold for showing a figure");
    case JL_REASON_MIN_COUNT:
    case JL_REASON_GROUP_DISCLOSURE:
        /* One plain phrase for the primary rules: which rule hid a cell
         * would say how many answered which way. */
        return _("too few answers");
    case JL_REASON_SECONDARY:
        return _("hidden to protect other cells");
    case JL_REASON_CONFIDENTIAL:
        return _("hidden: too few answers, or to protect other cells");
    }
    return NULL;
}

const char *jl_release_reason_short(jl_cell_reason r)
{
    switch (r) {
    case JL_REASON_NONE:
        return NULL;
    case JL_REASON_NO_SCORED:
    case JL_REASON_SMALL_GROUP:
    case JL_REASON_MIN_COUNT:
    case JL_REASON_GROUP_DISCLOSURE:
        return _("too few answers");
    case JL_REASON_SECONDARY:
        return _("hidden to protect other cells");
    case JL_REASON_CONFIDENTIAL:
        return _("withheld");
    }
    return NULL;
}
