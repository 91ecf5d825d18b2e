#include "geo/xwkey.h"
#include "core/alloc.h"
#include "core/csv.h"
#include "core/i18n.h"
#include "core/limits.h"

#include <stdint.h>
#include <string.h>

void jl_xwkey_dispose(jl_xwkey *k)
{
    size_t i;

    for (i = 0; i < k->n; i++) {
        jl_free(k->from[i]);
        jl_free(k->to[i]);
    }
    jl_free(k->from);
    jl_free(k->to);
    memset(k, 0, sizeof *k);
}

/* A code of field i: not empty, not over JL_MAX_CODE. */
static int code_ok(jl_csv *csv, size_t i, const char *name, const char *what, jl_err *err)
{
    const char *s = jl_csv_field(csv, i);

    if (!*s)
        return jl_err_at(err, JL_EINPUT, name, jl_csv_field_line(csv, i),
                         jl_csv_field_col(csv, i), _("expected %s, found an empty field"), what);
    return jl_limit_len(s, JL_MAX_CODE, what, "JL_MAX_CODE", name, jl_csv_field_line(csv, i),
                        jl_csv_field_col(csv, i), err);
}

int jl_xwkey_parse(jl_xwkey *out, const char *text, size_t len, const char *name,
                   const char *from_field, const char *to_field, const jl_strmap *known,
                   const char *to_div, int only_known, jl_err *err)
{
    size_t i, ff = SIZE_MAX, tf = SIZE_MAX, cap = 0, need;
    jl_csv *csv = NULL;
    jl_strmap *seen = jl_strmap_new();
    int rc;

    memset(out, 0, sizeof *out);
    rc = jl_csv_new(&csv, name, text, len, 0, err);
    if (rc == 0 && (rc = jl_csv_next(csv, err)) == 0)
        rc = jl_err_at(err, JL_EINPUT, name, 1, 1, _("expected a header line, found none"));
    if (rc < 0)
        goto done;
    for (i = 0; i < jl_csv_nfields(csv); i++) {
        if (ff == SIZE_MAX && !strcmp(jl_csv_field(csv, i), from_field))
            ff = i;
        if (tf == SIZE_MAX && !strcmp(jl_csv_field(csv, i), to_field))
            tf = i;
    }
    if (ff == SIZE_MAX || tf == SIZE_MAX) {
        rc = jl_err_at(err, JL_EINPUT, name, 1, 1, _("expected a column \"%s\", found none"),
                       ff == SIZE_MAX ? from_field : to_field);
        goto done;
    }
    need = ff > tf ? ff : tf;
    while ((rc = jl_csv_next(csv, err)) > 0) {
        const char *fc, *tc;
        size_t first;

        if (jl_csv_nfields(csv) <= need) {
            rc = jl_err_at(err, JL_EINPUT, name, jl_csv_line(csv), 1,
                           _("expected %zu fields, found %zu"), need + 1, jl_csv_nfields(csv));
            goto done;
        }
        if ((rc = code_ok(csv, ff, name, _("a from-code"), err)) < 0 ||
            (rc = code_ok(csv, tf, name, _("a to-code"), err)) < 0)
            goto done;
        fc = jl_csv_field(csv, ff);
        tc = jl_csv_field(csv, tf);
        if (known && !jl_strmap_get(known, tc, NULL)) {
            if (only_known) {
                /* A national key used for one city's division. */
                out->skipped++;
                continue;
            }
            rc = jl_err_at(err, JL_EINPUT, name, jl_csv_field_line(csv, tf),
                           jl_csv_field_col(csv, tf),
                           _("expected an area of division %s, found \"%s\""), to_div, tc);
            goto done;
        }
        if (!jl_strmap_put(seen, fc, (size_t)jl_csv_line(csv), &first)) {
            rc = jl_err_at(err, JL_EINPUT, name, jl_csv_field_line(csv, ff),
                           jl_csv_field_col(csv, ff),
                           _("expected each from-code once, found \"%s\" again (first on line "
                             "%zu)"),
                           fc, first);
            goto done;
        }
        if (out->n == cap) {
            size_t c2 = cap;

            out->from = jl_xgrow(out->from, &c2, out->n + 1, sizeof *out->from);
            out->to = jl_xgrow(out->to, &cap, out->n + 1, sizeof *out->to);
        }
        out->from[out->n] = jl_xstrdup(fc);
        out->to[out->n++] = jl_xstrdup(tc);
    }
    if (rc < 0)
        goto done;
    if (out->n == 0) {
        long line, col;

        jl_csv_end_pos(csv, &line, &col);
        rc = out->skipped
                 ? jl_err_at(err, JL_EINPUT, name, line, col,
                             _("expected rows to areas of division %s, found none (%zu rows "
                               "skipped by --only-known); the stored crosswalk is kept"),
                             to_div ? to_div : "", out->skipped)
                 : jl_err_at(err, JL_EINPUT, name, line, col,
                             _("expected rows below the header, found none; the stored "
                               "crosswalk is kept"));
    }
done:
    jl_csv_free(csv);
    jl_strmap_free(seen);
    if (rc < 0)
        jl_xwkey_dispose(out);
    return rc < 0 ? rc : JL_OK;
}
