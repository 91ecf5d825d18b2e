#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void jl_err_clear(jl_err *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
}

int jl_err_set(jl_err *err, int code, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return code;
    err->code = code;
    err->hint = JL_HINT_NONE;
    err->file[0] = '\0';
    err->line = err->col = 0;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

int jl_err_at(jl_err *err, int code, const char *file, long line, long col, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return code;
    err->code = code;
    err->hint = JL_HINT_NONE;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->col = col;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

int jl_err_hint(jl_err *err, jl_hint h)
{
    if (!err)
        return JL_ERR;
    err->hint = h;
    return err->code;
}

char *jl_err_format(char *buf, unsigned long len, const jl_err *err)
{
    /* "error" stays untranslated: editors and scripts parse this prefix, as
     * they do for compilers. The message after it is translated. */
    const char *word = "error";

    if (err->file[0] && err->line > 0 && err->col > 0)
        snprintf(buf, len, "%s:%ld:%ld: %s: %s", err->file, err->line, err->col, word, err->msg);
    else if (err->file[0] && err->line > 0)
        snprintf(buf, len, "%s:%ld: %s: %s", err->file, err->line, word, err->msg);
    else if (err->file[0])
        snprintf(buf, len, "%s: %s: %s", err->file, word, err->msg);
    else
        snprintf(buf, len, "%s: %s", word, err->msg);
    return buf;
}
