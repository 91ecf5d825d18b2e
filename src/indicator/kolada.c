/*
 * Kolada (RKA) API responses, v2 and v3 (obs.h). Every fault is placed by
 * its JSON path and the value's KPI, area and period:
 * "values[3].values[1] (kpi=N00945, municipality=1480, period=2022): ...".
 */
#include "core/alloc.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/strmap.h"
#include "indicator/obs.h"
#include "indicator/obs_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The period of a row: an integer (2022) or text ("2022"), checked as a
 * whole, never cut to fit. Returns 0 with the period in buf. */
static int kolada_period(char *buf, size_t len, json_t *per)
{
    if (json_is_integer(per))
        snprintf(buf, len, "%lld", (long long)json_integer_value(per));
    else if (json_is_string(per) && strlen(json_string_value(per)) < len)
        snprintf(buf, len, "%s", json_string_value(per));
    else
        return -1;
    return jl_period_valid(buf) ? 0 : -1;
}

/* One row of "values": kpi, area, period and its values by gender. */
static int kolada_row(jl_obs_set *out, jl_strmap *keys, json_t *row, size_t i,
                      const jl_obs_jmap *m, const char *division, const char *path,
                      jl_ind_lookup look, void *ctx, jl_err *err)
{
    json_t *per = json_object_get(row, "period"), *vals = json_object_get(row, "values");
    const char *kpi = json_string_value(json_object_get(row, "kpi"));
    /* municipality data, or organisational units ("ou") */
    const char *akey = json_object_get(row, "municipality") ? "municipality" : "ou";
    const char *area = json_string_value(json_object_get(row, akey));
    char period[32], where[400], found[64];
    size_t j;
    int rc = JL_OK;

    snprintf(where, sizeof where, "values[%zu]", i);
    if (!kpi || !area || !json_is_array(vals))
        rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                       _("expected \"kpi\", \"municipality\" (or \"ou\"), \"period\" and "
                         "\"values\""));
    if (rc == 0 && jl_limit_len(kpi, JL_MAX_CODE, _("a KPI code"), "JL_MAX_CODE", path, 0, 0,
                                err) < 0) {
        snprintf(where, sizeof where, "values[%zu].kpi", i);
        rc = err->code;
    }
    if (rc == 0 && jl_limit_len(area, JL_MAX_CODE, _("an area code"), "JL_MAX_CODE", path, 0, 0,
                                err) < 0) {
        snprintf(where, sizeof where, "values[%zu].%s", i, akey);
        rc = err->code;
    }
    if (rc == 0 && kolada_period(period, sizeof period, per) < 0) {
        snprintf(where, sizeof where, "values[%zu].period", i);
        rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                       _("expected a period such as 2022, found %s"),
                       jl_obs_json_found(found, sizeof found, per));
    }
    if (rc < 0)
        return jl_obs_json_where(err, where);
    for (j = 0; rc == 0 && j < json_array_size(vals); j++) {
        json_t *v = json_array_get(vals, j), *val = json_object_get(v, "value");
        json_t *gj = json_object_get(v, "gender");
        const char *g = json_string_value(gj);
        const char *stat = json_string_value(json_object_get(v, "status"));
        jl_store_obs o;

        snprintf(where, sizeof where, "values[%zu].values[%zu] (kpi=%s, %s=%s, period=%s)", i, j,
                 kpi, akey, area, period);
        if (json_is_true(json_object_get(v, "isdeleted")))
            continue; /* v3: a value Kolada has withdrawn */
        memset(&o, 0, sizeof o);
        o.division = division;
        o.source = path;
        o.area = area;
        o.period = period;
        o.breakdown = "";
        o.indicator = jl_obs_jmap_content(m, kpi);
        o.sex = g && !strcmp(g, "T") ? "T" : g && !strcmp(g, "K") ? "K"
                                         : g && !strcmp(g, "M") ? "M"
                                                                : NULL;
        if (!o.sex)
            rc = jl_err_at(err, JL_EINPUT, path, 0, 0, _("expected gender T, K or M, found %s"),
                           jl_obs_json_found(found, sizeof found, gj));
        else if (jl_limit_len(o.indicator, JL_MAX_ID, _("an indicator id"), "JL_MAX_ID", path, 0,
                              0, err) < 0 ||
                 look(ctx, o.indicator) != 1)
            /* a fault of the map, not of the value: said without it */
            return jl_err_at(err, JL_EINPUT, path, 0, 0,
                             _("KPI %s: expected a defined indicator; map it with \"kpi: %s = "
                               "ID\" in a --map file"),
                             kpi, kpi);
        /* A null value is missing whatever its status says; the status
         * text is kept out of the figures. */
        else if (json_is_number(val)) {
            o.value = json_number_value(val);
            o.status = "ok";
        } else if (json_is_null(val) || !val) {
            o.value = NAN;
            o.status = "missing";
        } else
            rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                           _("expected a number or null as the value, found %s"),
                           jl_obs_json_found(found, sizeof found, val));
        if (rc == 0) {
            /* Kolada's own status word ("Saknas", ...) is kept beside ours. */
            o.note = stat;
            rc = jl_obs_add(out, keys, &o, path, 0, 0, err);
        }
        if (rc < 0)
            jl_obs_json_where(err, where);
    }
    return rc;
}

/* What read_kolada's body needs beyond the set, the JSON and the map. */
typedef struct kol_args {
    const char *division;
    jl_ind_lookup look;
    void *ctx;
} kol_args;

static int kolada_body(jl_obs_set *out, json_t *root, const char *name, const jl_obs_jmap *m,
                       void *ctx, jl_err *err)
{
    const kol_args *a = ctx;
    json_t *values = json_object_get(root, "values");
    jl_strmap *keys;
    size_t i;
    int rc = JL_OK;

    if (!json_is_array(values))
        return jl_err_at(err, JL_EINPUT, name, 0, 0,
                         _("expected a Kolada response with \"values\" (API v2 or v3)"));
    keys = jl_strmap_new();
    for (i = 0; rc == 0 && i < json_array_size(values); i++)
        rc = kolada_row(out, keys, json_array_get(values, i), i, m, a->division, name, a->look,
                        a->ctx, err);
    jl_strmap_free(keys);
    return rc;
}

int jl_obs_read_kolada_mem(jl_obs_set *out, const jl_obs_text *in, const jl_obs_text *map,
                           const char *division, jl_ind_lookup look, void *ctx, jl_err *err)
{
    kol_args a = {division, look, ctx};

    return jl_obs_json_read(out, in, map, kolada_body, &a, err);
}

int jl_obs_read_kolada(jl_obs_set *out, const char *path, const char *division, const char *map,
                       jl_ind_lookup look, void *ctx, jl_err *err)
{
    kol_args a = {division, look, ctx};

    return jl_obs_json_read_path(out, path, map, kolada_body, &a, err);
}
