#include "geo/table.h"
#include "core/alloc.h"
#include "core/csv.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/num.h"
#include "core/strmap.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

void jl_geo_table_dispose(jl_geo_table *t)
{
    size_t i;

    for (i = 0; t->codes && i < t->n; i++)
        jl_free(t->codes[i]);
    jl_free(t->codes);
    jl_free(t->val);
    memset(t, 0, sizeof *t);
}

int jl_geo_table_parse(jl_geo_table *out, const char *text, size_t len, const char *name,
                       const char *id, const char *const *cols, size_t ncol, jl_err *err)
{
    size_t i, c, cap = 0, vcap = 0, idc = SIZE_MAX, *colc = NULL;
    jl_csv *csv = NULL;
    jl_strmap *seen = jl_strmap_new();
    int rc;

    memset(out, 0, sizeof *out);
    rc = jl_csv_new(&csv, name, text, len, 0, err);
    if (rc == 0) {
        rc = jl_csv_next(csv, err);
        if (rc == 0)
            rc = jl_err_at(err, JL_EINPUT, name, 1, 1, _("expected a header line, found none"));
    }
    if (rc < 0)
        goto done;
    colc = jl_xmalloc((ncol ? ncol : 1) * sizeof *colc);
    for (c = 0; c < ncol; c++)
        colc[c] = SIZE_MAX;
    for (i = 0; i < jl_csv_nfields(csv); i++) {
        if (!strcmp(jl_csv_field(csv, i), id))
            idc = i;
        for (c = 0; c < ncol; c++)
            if (!strcmp(jl_csv_field(csv, i), cols[c]))
                colc[c] = i;
    }
    if (idc == SIZE_MAX) {
        rc = jl_err_at(err, JL_EINPUT, name, 1, 1, _("expected a column \"%s\", found none"), id);
        goto done;
    }
    for (c = 0; c < ncol; c++)
        if (colc[c] == SIZE_MAX) {
            rc = jl_err_at(err, JL_EINPUT, name, 1, 1, _("expected a column \"%s\", found none"),
                           cols[c]);
            goto done;
        }
    out->ncol = ncol;
    while ((rc = jl_csv_next(csv, err)) == 1) {
        const char *code;
        size_t first;

        if (jl_csv_nfields(csv) <= idc) {
            rc = jl_err_at(err, JL_EINPUT, name, jl_csv_line(csv), 1,
                           _("expected %zu fields, found %zu"), idc + 1, jl_csv_nfields(csv));
            goto done;
        }
        code = jl_csv_field(csv, idc);
        if (!*code) {
            rc = jl_err_at(err, JL_EINPUT, name, jl_csv_field_line(csv, idc),
                           jl_csv_field_col(csv, idc),
                           _("expected an area code, found an empty field%s"), "");
            goto done;
        }
        if ((rc = jl_limit_len(code, JL_MAX_CODE, _("an area code"), "JL_MAX_CODE", name,
                               jl_csv_field_line(csv, idc), jl_csv_field_col(csv, idc), err)) < 0)
            goto done;
        if (!jl_strmap_put(seen, code, (size_t)jl_csv_line(csv), &first)) {
            rc = jl_err_at(err, JL_EINPUT, name, jl_csv_field_line(csv, idc),
                           jl_csv_field_col(csv, idc),
                           _("expected each area once, found %s again (first on line %zu)"),
                           code, first);
            goto done;
        }
        out->codes = jl_xgrow(out->codes, &cap, out->n + 1, sizeof *out->codes);
        out->val = jl_xgrow(out->val, &vcap, (out->n + 1) * (ncol ? ncol : 1), sizeof *out->val);
        for (c = 0; c < ncol; c++) {
            const char *s = colc[c] < jl_csv_nfields(csv) ? jl_csv_field(csv, colc[c]) : "";
            double v;

            if (jl_parse_double(&v, s) < 0 || !isfinite(v)) {
                rc = jl_err_at(err, JL_EINPUT, name, jl_csv_line(csv),
                               colc[c] < jl_csv_nfields(csv) ? jl_csv_field_col(csv, colc[c]) : 1,
                               _("expected a number in column %s, found \"%s\""), cols[c], s);
                goto done;
            }
            out->val[out->n * ncol + c] = v;
        }
        out->codes[out->n++] = jl_xstrdup(code);
    }
done:
    jl_csv_free(csv);
    jl_free(colc);
    jl_strmap_free(seen);
    if (rc < 0)
        jl_geo_table_dispose(out);
    return rc < 0 ? rc : JL_OK;
}
