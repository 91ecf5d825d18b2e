#include "core/i18n.h"

#include <string.h>

/* Generated from po/sv.po by tools/po2c.py: a table sorted by msgid. */
typedef struct {
    const char *id, *str;
} jl_tr_entry;
extern const jl_tr_entry jl_tr_sv[];
extern const unsigned long jl_tr_sv_n;

static _Thread_local jl_lang cur = JL_LANG_SV;

void jl_i18n_set_lang(jl_lang lang)
{
    cur = lang;
}

jl_lang jl_i18n_lang(void)
{
    return cur;
}

int jl_i18n_parse(jl_lang *out, const char *name)
{
    if (!strncmp(name, "sv", 2))
        *out = JL_LANG_SV;
    else if (!strncmp(name, "en", 2) || !strcmp(name, "C") || !strcmp(name, "POSIX"))
        *out = JL_LANG_EN;
    else
        return -1;
    return 0;
}

const char *jl_tr(const char *msgid)
{
    unsigned long lo = 0, hi = jl_tr_sv_n;

    if (cur == JL_LANG_EN)
        return msgid;
    while (lo < hi) {
        unsigned long mid = (lo + hi) / 2;
        int c = strcmp(msgid, jl_tr_sv[mid].id);

        if (c == 0)
            return jl_tr_sv[mid].str;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return msgid;
}
