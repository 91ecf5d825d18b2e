#include "geo/wfile.h"
#include "core/alloc.h"
#include "core/csv.h"
#include "core/i18n.h"
#include "core/num.h"
#include "core/strmap.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void jl_wfile_dispose(jl_wfile *f)
{
    jl_free(f->from);
    jl_free(f->to);
    jl_free(f->w);
    memset(f, 0, sizeof *f);
}

/* Finds from, to and weight in the header; each at most once. */
static int header(jl_csv *csv, const char *name, size_t *fc, size_t *tc, size_t *wc,
                  jl_err *err)
{
    size_t i, *slot;

    *fc = *tc = *wc = SIZE_MAX;
    for (i = 0; i < jl_csv_nfields(csv); i++) {
        const char *h = jl_csv_field(csv, i);

        slot = !strcmp(h, "from") ? fc : !strcmp(h, "to") ? tc : !strcmp(h, "weight") ? wc : NULL;
        if (!slot)
            continue;
        if (*slot != SIZE_MAX)
            return jl_err_at(err, JL_EINPUT, name, jl_csv_field_line(csv, i),
                             jl_csv_field_col(csv, i),
                             _("expected each column once, found \"%s\" again (first in column "
                               "%zu)"),
                             h, *slot + 1);
        *slot = i;
    }
    if (*fc == SIZE_MAX || *tc == SIZE_MAX)
        return jl_err_at(err, JL_EINPUT, name, 1, 1,
                         _("expected the columns from,to (and weight), found \"%s\""),
                         jl_csv_field(csv, 0));
    return JL_OK;
}

int jl_wfile_parse(jl_wfile *out, const char *text, size_t len, const char *name,
                   const char *const *codes, size_t n, int drop, jl_err *err)
{
    size_t cap = 0, wc, fc, tc, i, need;
    jl_csv *csv = NULL;
    jl_strmap *pos = jl_strmap_new(), *links = jl_strmap_new();
    int rc;

    memset(out, 0, sizeof *out);
    for (i = 0; i < n; i++)
        jl_strmap_put(pos, codes[i], i, NULL);
    rc = jl_csv_new(&csv, name, text, len, 0, err);
    if (rc == 0 && (rc = jl_csv_next(csv, err)) == 0)
        rc = jl_err_at(err, JL_EINPUT, name, 1, 1,
                       _("expected a header from,to,weight, found nothing"));
    if (rc < 0)
        goto done;
    if ((rc = header(csv, name, &fc, &tc, &wc, err)) < 0)
        goto done;
    need = fc > tc ? fc : tc;
    if (wc != SIZE_MAX && wc > need)
        need = wc;
    while ((rc = jl_csv_next(csv, err)) == 1) {
        size_t a, b, k, first;
        char key[48];
        double wt = 1;

        if (jl_csv_nfields(csv) <= need) {
            rc = jl_err_at(err, JL_EINPUT, name, jl_csv_line(csv), 1,
                           _("expected %zu fields, found %zu"), need + 1, jl_csv_nfields(csv));
            goto done;
        }
        if (drop && (!jl_strmap_get(pos, jl_csv_field(csv, fc), NULL) ||
                     !jl_strmap_get(pos, jl_csv_field(csv, tc), NULL))) {
            out->dropped++;
            continue;
        }
        for (k = 0; k < 2; k++) {
            size_t col = k ? tc : fc;

            if (!jl_strmap_get(pos, jl_csv_field(csv, col), k ? &b : &a)) {
                rc = jl_err_at(err, JL_EINPUT, name, jl_csv_field_line(csv, col),
                               jl_csv_field_col(csv, col),
                               _("expected an area of the data, found \"%s\""),
                               jl_csv_field(csv, col));
                goto done;
            }
        }
        if (wc != SIZE_MAX &&
            (jl_parse_double(&wt, jl_csv_field(csv, wc)) < 0 || !isfinite(wt) || wt < 0)) {
            rc = jl_err_at(err, JL_EINPUT, name, jl_csv_field_line(csv, wc),
                           jl_csv_field_col(csv, wc),
                           _("expected a weight of 0 or more, found \"%s\""),
                           jl_csv_field(csv, wc));
            goto done;
        }
        if (a == b) {
            rc = jl_err_at(err, JL_EINPUT, name, jl_csv_line(csv), 1,
                           _("expected links between two different areas, found %s to itself"),
                           codes[a]);
            goto done;
        }
        /* A link twice would count twice in every statistic; named by its
         * codes and lines, not by positions only jamlik knows. */
        snprintf(key, sizeof key, "%zu,%zu", a, b);
        if (!jl_strmap_put(links, key, (size_t)jl_csv_line(csv), &first)) {
            rc = jl_err_at(err, JL_EINPUT, name, jl_csv_line(csv), 1,
                           _("expected each link once, found %s to %s again (first on line %zu)"),
                           codes[a], codes[b], first);
            goto done;
        }
        if (out->m == cap) {
            size_t c2 = cap;

            out->from = jl_xgrow(out->from, &c2, out->m + 1, sizeof *out->from);
            c2 = cap;
            out->to = jl_xgrow(out->to, &c2, out->m + 1, sizeof *out->to);
            if (wc != SIZE_MAX) {
                c2 = cap;
                out->w = jl_xgrow(out->w, &c2, out->m + 1, sizeof *out->w);
            }
            cap = c2;
        }
        out->from[out->m] = (uint32_t)a;
        out->to[out->m] = (uint32_t)b;
        if (out->w)
            out->w[out->m] = wt;
        out->m++;
    }
    /* No link at all would make every area an island and every statistic
     * empty: a file cut after its header, not a finding. */
    if (rc == 0 && out->m == 0 && out->dropped)
        rc = jl_err_at(err, JL_EINPUT, name, 2, 1,
                       _("expected links between areas of the data, found none (%zu links to "
                         "other areas left out)"),
                       out->dropped);
    else if (rc == 0 && out->m == 0)
        rc = jl_err_at(err, JL_EINPUT, name, 2, 1, _("expected links below the header, found none"));
done:
    jl_csv_free(csv);
    jl_strmap_free(pos);
    jl_strmap_free(links);
    if (rc < 0)
        jl_wfile_dispose(out);
    return rc < 0 ? rc : JL_OK;
}

int jl_wfile_weights(jl_spw *w, const char *text, size_t len, const char *name,
                     const char *const *codes, size_t n, size_t *dropped, jl_err *err)
{
    jl_wfile f;
    int rc;

    memset(w, 0, sizeof *w);
    if (n > UINT32_MAX / 2)
        return jl_err_set(err, JL_ELIMIT, _("too many areas: %zu"), n);
    rc = jl_wfile_parse(&f, text, len, name, codes, n, dropped != NULL, err);
    if (rc < 0)
        return rc;
    if (dropped)
        *dropped = f.dropped;
    rc = jl_spw_from_edges(w, n, f.from, f.to, f.w, f.m, err);
    if (rc < 0 && !err->file[0])
        snprintf(err->file, sizeof err->file, "%s", name);
    jl_wfile_dispose(&f);
    return rc;
}
