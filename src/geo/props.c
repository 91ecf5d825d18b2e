#include "geo/props.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "core/num.h"

#include <jansson.h>
#include <string.h>

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "true/false";
    default: return "null";
    }
}

int jl_geo_props_read(jl_geo_props *out, const char *path, const char *const *fields, size_t nf,
                      jl_err *err)
{
    json_error_t je;
    json_t *root, *feats, *type;
    jl_arena *a;
    size_t i, f;
    int rc = JL_OK;

    memset(out, 0, sizeof *out);
    /* JSON_REJECT_DUPLICATES: a duplicated key in a property table is a
     * fault in the file, not something to resolve silently. */
    root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        if (je.line < 0)
            return jl_err_at(err, JL_EIO, path, 0, 0, _("cannot read the file: %s"), je.text);
        return jl_err_at(err, JL_EINPUT, path, je.line, je.column, _("expected JSON: %s"),
                         je.text);
    }
    type = json_object_get(root, "type");
    feats = json_object_get(root, "features");
    if (!json_is_object(root) || !json_is_string(type) ||
        strcmp(json_string_value(type), "FeatureCollection") || !json_is_array(feats)) {
        json_decref(root);
        return jl_err_at(err, JL_EINPUT, path, 0, 0,
                         _("expected a GeoJSON FeatureCollection with \"features\""));
    }
    a = jl_arena_new();
    out->n = json_array_size(feats);
    out->nf = nf;
    out->v = jl_xcalloc((out->n ? out->n : 1) * (nf ? nf : 1), sizeof(char *));
    out->arena = a;
    for (i = 0; i < out->n && rc == JL_OK; i++) {
        json_t *props = json_object_get(json_array_get(feats, i), "properties");

        if (!json_is_object(props)) {
            rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                           _("feature %zu: expected an object \"properties\", found %s"), i + 1,
                           props ? type_name(props) : _("none"));
            break;
        }
        for (f = 0; f < nf; f++) {
            json_t *v = json_object_get(props, fields[f]);
            char num[64];
            const char *text;

            if (json_is_string(v))
                text = json_string_value(v);
            else if (json_is_integer(v)) {
                snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
                text = num;
            } else if (json_is_real(v))
                text = jl_fmt_exact(num, sizeof num, json_real_value(v));
            else {
                rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                               _("feature %zu: expected property \"%s\" (text or a number), "
                                 "found %s"),
                               i + 1, fields[f], v ? type_name(v) : _("none"));
                break;
            }
            out->v[i * nf + f] = jl_arena_strdup(a, text);
        }
    }
    json_decref(root);
    if (rc < 0)
        jl_geo_props_dispose(out);
    return rc;
}

void jl_geo_props_dispose(jl_geo_props *p)
{
    jl_free(p->v);
    jl_arena_free(p->arena);
    memset(p, 0, sizeof *p);
}
