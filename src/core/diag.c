#include "core/diag.h"
#include "core/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jl_diag_init(jl_diag *d, const char *file)
{
    memset(d, 0, sizeof *d);
    d->file = file;
}

void jl_diag_dispose(jl_diag *d)
{
    jl_free(d->e);
    d->e = NULL;
    d->n = d->cap = 0;
}

void jl_diag_add(jl_diag *d, long line, long col, const char *fmt, ...)
{
    jl_err *e;
    va_list ap;

    d->e = jl_xgrow(d->e, &d->cap, d->n + 1, sizeof *d->e);
    e = &d->e[d->n++];
    memset(e, 0, sizeof *e);
    e->code = JL_EINPUT;
    snprintf(e->file, sizeof e->file, "%s", d->file ? d->file : "");
    e->line = line;
    e->col = col;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
}

void jl_diag_add_err(jl_diag *d, const jl_err *e)
{
    d->e = jl_xgrow(d->e, &d->cap, d->n + 1, sizeof *d->e);
    d->e[d->n++] = *e;
}

void jl_diag_sort(jl_diag *d)
{
    size_t i, j;

    /* Insertion sort: stable, and lists are short. */
    for (i = 1; i < d->n; i++) {
        jl_err tmp = d->e[i];

        for (j = i; j > 0 && (d->e[j - 1].line > tmp.line ||
                              (d->e[j - 1].line == tmp.line && d->e[j - 1].col > tmp.col));
             j--)
            d->e[j] = d->e[j - 1];
        d->e[j] = tmp;
    }
}

int jl_diag_first(const jl_diag *d, jl_err *err)
{
    if (d->n == 0)
        return JL_OK;
    if (err)
        *err = d->e[0];
    return JL_EINPUT;
}

void jl_diag_add_where(jl_diag *d, const char *where, const char *fmt, ...)
{
    jl_err *e;
    va_list ap;

    d->e = jl_xgrow(d->e, &d->cap, d->n + 1, sizeof *d->e);
    e = &d->e[d->n++];
    memset(e, 0, sizeof *e);
    e->code = JL_EINPUT;
    snprintf(e->file, sizeof e->file, "%s: %s", d->file ? d->file : "", where);
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
}
