#include "core/i18n.h"

#include <errno.h>
#include <string.h>

/* Generated from po/sv.po by tools/po2c.py: a table sorted by msgid. */
typedef struct {
    const char *id, *str, *plural; /* plural: NULL unless a plural entry */
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

static const jl_tr_entry *find(const char *msgid)
{
    unsigned long lo = 0, hi = jl_tr_sv_n;

    while (lo < hi) {
        unsigned long mid = (lo + hi) / 2;
        int c = strcmp(msgid, jl_tr_sv[mid].id);

        if (c == 0)
            return &jl_tr_sv[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const char *jl_tr(const char *msgid)
{
    const jl_tr_entry *e;

    if (cur == JL_LANG_EN)
        return msgid;
    e = find(msgid);
    return e ? e->str : msgid;
}

/* Swedish and English share gettext's rule "plural=(n != 1)". */
const char *jl_ntr(const char *singular, const char *plural, unsigned long long n)
{
    const jl_tr_entry *e;

    if (cur != JL_LANG_EN && (e = find(singular)) != NULL && e->plural)
        return n == 1 ? e->str : e->plural;
    return n == 1 ? singular : plural;
}

const char *jl_strerror(int errnum)
{
    /* glibc's own words as the message ids, so English output is as
     * strerror would print it. */
    switch (errnum) {
    case ENOENT:
        return _("No such file or directory");
    case EACCES:
        return _("Permission denied");
    case ENOSPC:
        return _("No space left on device");
    case EISDIR:
        return _("Is a directory");
    case ENOTDIR:
        return _("Not a directory");
    case EROFS:
        return _("Read-only file system");
    case EIO:
        return _("Input/output error");
    case EFBIG:
        return _("File too large");
    case ENAMETOOLONG:
        return _("File name too long");
    case EMFILE:
        return _("Too many open files");
    case EILSEQ:
        return _("Invalid or incomplete multibyte or wide character");
    case EINVAL:
        return _("Invalid argument");
    default:
        return strerror(errnum);
    }
}
