/*
 * What the JSON readers (json.c, kolada.c) share, declared in obs_int.h:
 * the --map file, parsing with duplicate keys refused, and messages that
 * say where in the JSON a fault lies.
 */
#include "core/alloc.h"
#include "core/arena.h"
#include "core/diag.h"
#include "core/i18n.h"
#include "core/kv.h"
#include "core/limits.h"
#include "core/strmap.h"
#include "core/text.h"
#include "indicator/obs.h"
#include "indicator/obs_int.h"

#include <stdio.h>
#include <string.h>

int jl_obs_json_where(jl_err *err, const char *where)
{
    char tmp[sizeof err->msg];
    size_t w = strlen(where), m = strlen(err->msg);

    /* by hand: the message may fill its buffer, and is cut at the end */
    memcpy(tmp, err->msg, m + 1);
    if (w > sizeof tmp - 3)
        w = sizeof tmp - 3;
    memcpy(err->msg, where, w);
    memcpy(err->msg + w, ": ", 2);
    if (m > sizeof err->msg - w - 3)
        m = sizeof err->msg - w - 3;
    memcpy(err->msg + w + 2, tmp, m);
    err->msg[w + 2 + m] = '\0';
    return err->code;
}

const char *jl_obs_json_found(char *buf, size_t len, json_t *x)
{
    if (!x)
        return _("nothing");
    switch (json_typeof(x)) {
    case JSON_OBJECT: return _("an object");
    case JSON_ARRAY: return _("an array");
    case JSON_STRING: {
        const char *s = json_string_value(x);

        /* a long string is shown by its start */
        snprintf(buf, len, "\"%.40s%s\"", s, strlen(s) > 40 ? "..." : "");
        return buf;
    }
    case JSON_INTEGER:
    case JSON_REAL: snprintf(buf, len, "%.17g", json_number_value(x)); return buf;
    case JSON_TRUE: return "true";
    case JSON_FALSE: return "false";
    default: return "null";
    }
}

int jl_obs_json_parse(json_t **root, const jl_obs_text *in, jl_err *err)
{
    json_error_t je;

    /* Duplicate keys are refused: which of two values was meant is not
     * for jamlik to guess. */
    *root = json_loadb(in->data, in->len, JSON_REJECT_DUPLICATES, &je);
    if (!*root)
        return jl_err_at(err, JL_EINPUT, in->name, je.line > 0 ? je.line : 0,
                         je.line > 0 && je.column > 0 ? je.column : 0, _("expected JSON: %s"),
                         je.text);
    return JL_OK;
}

int jl_obs_load(jl_obs_text *in, char **data, const char *path, jl_err *err)
{
    size_t len;
    int rc = jl_text_load(data, &len, NULL, path, JL_ENC_UTF8, err);

    in->name = path;
    in->data = *data;
    in->len = rc < 0 ? 0 : len;
    return rc;
}

void jl_obs_jmap_dispose(jl_obs_jmap *m)
{
    size_t i;

    for (i = 0; i < m->n; i++)
        jl_free(m->to[i]);
    jl_free(m->to);
    jl_strmap_free(m->ix);
    jl_free(m->area_const);
    memset(m, 0, sizeof *m);
}

int jl_obs_jmap_parse(jl_obs_jmap *m, const jl_obs_text *map, jl_err *err)
{
    char *text = NULL;
    size_t len, i, j;
    jl_diag d;
    jl_kv *kv;
    int rc;

    memset(m, 0, sizeof *m);
    if (!map)
        return JL_OK;
    rc = jl_text_from_mem(&text, &len, NULL, map->name, map->data, map->len, JL_ENC_UTF8, err);
    if (rc < 0)
        return rc;
    jl_diag_init(&d, map->name);
    m->ix = jl_strmap_new();
    kv = jl_kv_parse(text, len, &d);
    for (i = 0; i < kv->n; i++)
        for (j = 0; j < kv->s[i].n; j++) {
            const jl_kv_entry *e = &kv->s[i].e[j];
            const char *eq = strstr(e->value, " = ");
            jl_err le = JL_ERR_INIT;

            if (!strcmp(e->key, "area")) {
                if (jl_limit_len(e->value, JL_MAX_CODE, _("an area code"), "JL_MAX_CODE", NULL, 0,
                                 0, &le) < 0) {
                    jl_diag_add(&d, e->line, e->vcol, "%s", le.msg);
                    continue;
                }
                jl_free(m->area_const);
                m->area_const = jl_xstrdup(e->value);
            } else if ((!strcmp(e->key, "content") || !strcmp(e->key, "kpi")) && eq) {
                char *code;
                size_t first;

                if (jl_limit_len(eq + 3, JL_MAX_ID, _("an indicator id"), "JL_MAX_ID", NULL, 0, 0,
                                 &le) < 0) {
                    jl_diag_add(&d, e->line, e->vcol + (long)(eq - e->value) + 3, "%s", le.msg);
                    continue;
                }
                /* A code mapped twice: which was meant is not for jamlik
                 * to guess. Found through a map, as a cube asks per cell. */
                code = jl_xstrndup(e->value, (size_t)(eq - e->value));
                if (!jl_strmap_put(m->ix, code, m->n, &first))
                    jl_diag_add(&d, e->line, e->vcol,
                                _("expected each code once, found %s again (first mapped to %s)"),
                                code, m->to[first]);
                else {
                    m->to = jl_xgrow(m->to, &m->cap, m->n + 1, sizeof *m->to);
                    m->to[m->n++] = jl_xstrdup(eq + 3);
                }
                jl_free(code);
            } else
                jl_diag_add(&d, e->line, e->kcol,
                            _("expected \"content: CODE = INDICATOR\" or \"area: CODE\", found "
                              "\"%s: %s\""),
                            e->key, e->value);
        }
    jl_kv_free(kv);
    jl_free(text);
    if (d.n)
        jl_diag_sort(&d);
    rc = d.n ? jl_diag_first(&d, err) : JL_OK;
    jl_diag_dispose(&d);
    if (rc < 0)
        jl_obs_jmap_dispose(m);
    return rc;
}

const char *jl_obs_jmap_content(const jl_obs_jmap *m, const char *code)
{
    size_t i;

    return m->ix && jl_strmap_get(m->ix, code, &i) ? m->to[i] : code;
}

int jl_obs_json_read(jl_obs_set *out, const jl_obs_text *in, const jl_obs_text *map,
                     jl_obs_json_body body, void *ctx, jl_err *err)
{
    json_t *root = NULL;
    jl_obs_jmap m;
    int rc;

    memset(out, 0, sizeof *out);
    out->arena = jl_arena_new();
    rc = jl_obs_jmap_parse(&m, map, err);
    if (rc < 0) {
        jl_obs_set_dispose(out);
        return rc;
    }
    rc = jl_obs_json_parse(&root, in, err);
    if (rc == 0)
        rc = body(out, root, in->name, &m, ctx, err);
    if (rc == 0 && out->n == 0)
        rc = jl_err_at(err, JL_EINPUT, in->name, 0, 0, _("expected observations, found none"));
    json_decref(root);
    jl_obs_jmap_dispose(&m);
    if (rc < 0)
        jl_obs_set_dispose(out);
    return rc;
}

int jl_obs_json_read_path(jl_obs_set *out, const char *path, const char *map,
                          jl_obs_json_body body, void *ctx, jl_err *err)
{
    jl_obs_text in, mt;
    char *data = NULL, *mdata = NULL;
    int rc;

    memset(out, 0, sizeof *out);
    /* the map first: its faults are the user's first to fix */
    rc = map ? jl_obs_load(&mt, &mdata, map, err) : JL_OK;
    if (rc == 0)
        rc = jl_obs_load(&in, &data, path, err);
    if (rc == 0)
        rc = jl_obs_json_read(out, &in, map ? &mt : NULL, body, ctx, err);
    jl_free(data);
    jl_free(mdata);
    return rc;
}
