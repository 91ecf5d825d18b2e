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

static int read_kolada(jl_obs_set *out, const jl_obs_text *in, const jl_obs_text *map,
                       const char *division, jl_ind_lookup look, void *ctx, jl_err *err)
{
    json_t *root = NULL, *values;
    jl_strmap *keys = NULL;
    jl_obs_jmap m;
    size_t i;
    int rc;

    memset(out, 0, sizeof *out);
    out->arena = jl_arena_new();
    rc = jl_obs_jmap_parse(&m, map, err);
    if (rc < 0) {
        jl_obs_set_dispose(out);
        return rc;
    }
    rc = jl_obs_json_parse(&root, in, err);
    if (rc == 0) {
        keys = jl_strmap_new();
        values = json_object_get(root, "values");
        if (!json_is_array(values))
            rc = jl_err_at(err, JL_EINPUT, in->name, 0, 0,
                           _("expected a Kolada response with \"values\" (API v2 or v3)"));
        for (i = 0; rc == 0 && i < json_array_size(values); i++)
            rc = kolada_row(out, keys, json_array_get(values, i), i, &m, division, in->name, look,
                            ctx, err);
    }
    if (rc == 0 && out->n == 0)
        rc = jl_err_at(err, JL_EINPUT, in->name, 0, 0, _("expected observations, found none"));
    json_decref(root);
    jl_obs_jmap_dispose(&m);
    jl_strmap_free(keys);
    if (rc < 0)
        jl_obs_set_dispose(out);
    return rc;
}

int jl_obs_read_kolada_mem(jl_obs_set *out, const jl_obs_text *in, const jl_obs_text *map,
                           const char *division, jl_ind_lookup look, void *ctx, jl_err *err)
{
    return read_kolada(out, in, map, division, look, ctx, err);
}

int jl_obs_read_kolada(jl_obs_set *out, const char *path, const char *division, const char *map,
                       jl_ind_lookup look, void *ctx, jl_err *err)
{
    jl_obs_text in, mt;
    char *data = NULL, *mdata = NULL;
    int rc;

    memset(out, 0, sizeof *out);
    rc = map ? jl_obs_load(&mt, &mdata, map, err) : JL_OK;
    if (rc == 0)
        rc = jl_obs_load(&in, &data, path, err);
    if (rc == 0)
        rc = read_kolada(out, &in, map ? &mt : NULL, division, look, ctx, err);
    jl_free(data);
    jl_free(mdata);
    return rc;
}
