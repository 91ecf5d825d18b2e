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

int jl_release_small_group(jl_cell *c, unsigned long min_n)
{
    if (c->n_scored > 0 && (unsigned long)c->n_scored >= min_n)
        return 0;
    c->status = JL_CELL_SUPPRESSED;
    c->reason = c->n_scored <= 0 ? JL_REASON_NO_SCORED : JL_REASON_SMALL_GROUP;
    c->pct = c->ci_low = c->ci_high = c->diff = c->p = c->p_adj = NAN;
    c->flag = JL_FLAG_NONE;
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
    }
    return NULL;
}
