#include "core/limits.h"
#include "core/i18n.h"

#include <string.h>

int jl_limit_len(const char *s, size_t max, const char *what, const char *name, const char *file,
                 long line, long col, jl_err *err)
{
    size_t len = strlen(s);

    if (len <= max)
        return JL_OK;
    return jl_err_at(err, JL_ELIMIT, file, line, col,
                     _("expected %s of at most %zu bytes, found %zu bytes (limit %s)"), what, max,
                     len, name);
}
