/*
 * SCB PxWeb responses: JSON-stat 2.0 datasets and PxWeb v1's "json"
 * (obs.h). Messages say where in the JSON a fault lies
 * ("value[12] (Region=1480R001, Tid=2022): expected ...", jsonio.c).
 *
 * A JSON-stat cube is checked against itself before a cell is read: every
 * category code once, at a position inside its dimension, "size" as the
 * categories, at most JL_MAX_JSON_DIMS dimensions and JL_MAX_CUBE_CELLS
 * cells, and an object of values keyed by cells of the cube only.
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

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- SCB PxWeb: JSON-stat 2.0 and v1 json ---- */

typedef struct jdim {
    const char *id;
    size_t n;
    const char **codes; /* by position */
    int role;           /* 0 other, 1 area, 2 time, 3 content, 4 sex */
    long keep;          /* --select: the position kept, or -1 */
    int breakdown;      /* an "other" dimension that varies: part of the key */
} jdim;

static const char *sex_of(const char *code)
{
    if (!strcmp(code, "1") || !strcmp(code, "M"))
        return "M";
    if (!strcmp(code, "2") || !strcmp(code, "K"))
        return "K";
    if (!strcmp(code, "1+2") || !strcmp(code, "TotSa") || !strcmp(code, "T"))
        return "T";
    return NULL;
}

static int role_of(json_t *root, const char *id)
{
    static const char *const roles[] = {"geo", "time", "metric"};
    json_t *r = json_object_get(root, "role");
    size_t i, k;

    for (i = 0; r && i < 3; i++) {
        json_t *a = json_object_get(r, roles[i]);

        for (k = 0; json_is_array(a) && k < json_array_size(a); k++)
            if (json_is_string(json_array_get(a, k)) &&
                !strcmp(json_string_value(json_array_get(a, k)), id))
                return (int)i + 1;
    }
    if (!strcmp(id, "Region"))
        return 1;
    if (!strcmp(id, "Tid"))
        return 2;
    if (!strcmp(id, "ContentsCode"))
        return 3;
    if (!strcmp(id, "Kon"))
        return 4;
    return 0;
}

/* A value cell of JSON: number, string with a number or a symbol, null. */
static int json_cell(double *v, const char **status, json_t *x)
{
    if (!x || json_is_null(x)) {
        *v = NAN;
        *status = "missing";
        return 0;
    }
    if (json_is_number(x)) {
        *v = json_number_value(x);
        *status = "ok";
        return 0;
    }
    if (json_is_string(x))
        return jl_obs_value(v, status, json_string_value(x));
    return -1;
}

static int apply_select(jdim *dims, size_t nd, const char *select, const char *path, jl_err *err)
{
    char *copy, *tok, *save = NULL;
    int rc = JL_OK;

    if (!select)
        return JL_OK;
    copy = jl_xstrdup(select);
    for (tok = strtok_r(copy, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(tok, '=');
        size_t i, k;

        if (!eq) {
            rc = jl_err_set(err, JL_EUSAGE, _("expected --select DIM=CODE, found \"%s\""), tok);
            break;
        }
        *eq = '\0';
        for (i = 0; i < nd && strcmp(dims[i].id, tok); i++)
            ;
        if (i == nd) {
            rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                           _("expected a dimension \"%s\" to select from, found none"), tok);
            break;
        }
        for (k = 0; k < dims[i].n && strcmp(dims[i].codes[k], eq + 1); k++)
            ;
        if (k == dims[i].n) {
            rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                           _("expected a code of dimension %s, found \"%s\""), tok, eq + 1);
            break;
        }
        dims[i].keep = (long)k;
    }
    jl_free(copy);
    return rc;
}

/* "NAME (Dim=code, Dim=code)": where a cell is, for its messages. */
static void cell_where(char *buf, size_t len, const char *name, const jdim *dims, size_t nd,
                       const size_t *pos)
{
    size_t w, i;

    w = (size_t)snprintf(buf, len, "%s (", name);
    for (i = 0; i < nd && w < len; i++)
        w += (size_t)snprintf(buf + w, len - w, "%s%s=%s", i ? ", " : "", dims[i].id,
                              dims[i].codes[pos[i]]);
    if (w + 2 < len) {
        buf[w] = ')';
        buf[w + 1] = '\0';
    }
}

/* One observation from a cell at positions pos[] of the dimensions; an
 * error says where: name (the JSON path of the value) and the cell's
 * codes. */
static int jcell(jl_obs_set *out, jl_strmap *keys, const jdim *dims, size_t nd,
                 const size_t *pos, const char *name, json_t *valj, json_t *statj,
                 const jl_obs_jmap *m, const char *division, const char *path,
                 jl_ind_lookup look, void *ctx, jl_err *err)
{
    char bd[JL_MAX_CODE + 2], where[400], found[64];
    size_t i, w = 0, need = 0;
    jl_store_obs o;
    const char *st;
    int rc = JL_OK;

    memset(&o, 0, sizeof o);
    o.division = division;
    o.source = path;
    o.sex = "T";
    o.area = m->area_const;
    bd[0] = '\0';
    for (i = 0; i < nd; i++)
        if (dims[i].keep >= 0 && (long)pos[i] != dims[i].keep)
            return JL_OK;
    for (i = 0; i < nd && rc == 0; i++) {
        const char *code = dims[i].codes[pos[i]];

        switch (dims[i].role) {
        case 1: o.area = code; break;
        case 2: o.period = code; break;
        case 3: o.indicator = jl_obs_jmap_content(m, code); break;
        case 4:
            o.sex = sex_of(code);
            if (!o.sex)
                rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                               _("expected a sex code 1, 2, 1+2 or TotSa in dimension %s, found "
                                 "\"%s\""),
                               dims[i].id, code);
            break;
        default:
            /* The breakdown joins the codes of the other dimensions that
             * vary: within JL_MAX_CODE, as a code in a CSV. */
            if (dims[i].breakdown && dims[i].keep < 0) {
                size_t l = strlen(dims[i].id) + 1 + strlen(code) + (need ? 1 : 0);

                if (need + l <= JL_MAX_CODE)
                    w += (size_t)snprintf(bd + w, sizeof bd - w, "%s%s=%s", need ? ";" : "",
                                          dims[i].id, code);
                need += l;
            }
        }
    }
    if (rc == 0 && need > JL_MAX_CODE)
        rc = jl_err_at(err, JL_ELIMIT, path, 0, 0,
                       _("expected %s of at most %zu bytes, found %zu bytes (limit %s)"),
                       _("a breakdown"), (size_t)JL_MAX_CODE, need, "JL_MAX_CODE");
    o.breakdown = bd;
    if (rc == 0 && !o.area)
        rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                       _("expected a region dimension, found none; name the area with \"area: "
                         "CODE\" in a --map file"));
    if (rc == 0 && (!o.period || !jl_period_valid(o.period)))
        rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                       _("expected a time dimension with periods such as 2022, 2024M01 or "
                         "2024K1, found \"%s\""),
                       o.period ? o.period : "");
    if (rc == 0 && !o.indicator)
        rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                       _("expected a content dimension (ContentsCode), found none"));
    if (rc == 0)
        rc = jl_limit_len(o.indicator, JL_MAX_ID, _("an indicator id"), "JL_MAX_ID", path, 0, 0,
                          err);
    /* a fault of the map, not of the cell: said without the cell */
    if (rc == 0 && look(ctx, o.indicator) != 1)
        return jl_err_at(err, JL_EINPUT, path, 0, 0,
                         _("content code %s: expected a defined indicator; map it with "
                           "\"content: %s = ID\" in a --map file"),
                         o.indicator, o.indicator);
    if (rc == 0 && json_cell(&o.value, &st, valj) < 0)
        rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                       _("expected a number, \"..\" (missing), \".\" (not applicable), \"-\" "
                         "(zero) or null, found %s"),
                       jl_obs_json_found(found, sizeof found, valj));
    if (rc == 0) {
        o.status = st;
        if (json_is_string(statj)) {
            const char *s = json_string_value(statj);

            if (!strcmp(s, ".."))
                o.status = "missing";
            else if (!strcmp(s, "."))
                o.status = "not_applicable";
            if (strcmp(o.status, "ok"))
                o.value = NAN;
        }
        rc = jl_obs_add(out, keys, &o, path, 0, 0, err);
    }
    if (rc < 0) {
        cell_where(where, sizeof where, name, dims, nd, pos);
        jl_obs_json_where(err, where);
    }
    return rc;
}

/* Is key a cell of a cube of total cells ("0" to total-1)? */
static int cell_key(const char *key, size_t total)
{
    size_t v = 0;

    if (!*key || (key[0] == '0' && key[1]))
        return 0;
    for (; *key; key++) {
        /* v stays below total before each step, so v * 10 + 9 cannot wrap */
        if (!isdigit((unsigned char)*key) || v > (total - 1) / 10)
            return 0;
        v = v * 10 + (size_t)(*key - '0');
    }
    return v < total;
}

/* The categories of dimension i: index as an object code -> position, or
 * an array of codes; a dimension of one category may give only its label.
 * Every code is text of at most JL_MAX_CODE bytes, every position taken
 * once. */
static int read_categories(jdim *d, json_t *cat, const char *path, jl_err *err)
{
    json_t *index = json_object_get(cat, "index"), *label = json_object_get(cat, "label"), *p;
    char where[JL_MAX_ID + 64], found[64];
    const char *code;
    size_t k;
    int rc = JL_OK;

    if (json_is_object(index)) {
        snprintf(where, sizeof where, "dimension.%s.category.index", d->id);
        d->n = json_object_size(index);
        d->codes = jl_xcalloc(d->n ? d->n : 1, sizeof(char *));
        json_object_foreach(index, code, p)
        {
            json_int_t v = json_integer_value(p);

            if (!json_is_integer(p) || v < 0 || (size_t)v >= d->n)
                rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                               _("expected positions 0 to %zu, found %s for \"%.40s\""), d->n - 1,
                               jl_obs_json_found(found, sizeof found, p), code);
            else if (d->codes[v])
                rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                               _("expected each position once, found %lld for \"%.40s\" and "
                                 "\"%.40s\""),
                               (long long)v, d->codes[v], code);
            else
                rc = jl_limit_len(code, JL_MAX_CODE, _("a category code"), "JL_MAX_CODE", path, 0,
                                  0, err);
            if (rc < 0)
                break;
            d->codes[v] = code;
        }
    } else if (json_is_array(index)) {
        d->n = json_array_size(index);
        d->codes = jl_xcalloc(d->n ? d->n : 1, sizeof(char *));
        for (k = 0; k < d->n && rc == 0; k++) {
            p = json_array_get(index, k);
            snprintf(where, sizeof where, "dimension.%s.category.index[%zu]", d->id, k);
            d->codes[k] = json_string_value(p);
            if (!d->codes[k])
                rc = jl_err_at(err, JL_EINPUT, path, 0, 0, _("expected a code as text, found %s"),
                               jl_obs_json_found(found, sizeof found, p));
            else
                rc = jl_limit_len(d->codes[k], JL_MAX_CODE, _("a category code"), "JL_MAX_CODE",
                                  path, 0, 0, err);
        }
    } else if (json_is_object(label) && json_object_size(label) == 1) {
        snprintf(where, sizeof where, "dimension.%s.category.label", d->id);
        d->n = 1;
        d->codes = jl_xcalloc(1, sizeof(char *));
        json_object_foreach(label, code, p) d->codes[0] = code;
        rc = jl_limit_len(d->codes[0], JL_MAX_CODE, _("a category code"), "JL_MAX_CODE", path, 0,
                          0, err);
    } else {
        snprintf(where, sizeof where, "dimension.%s.category", d->id);
        rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                       _("expected an \"index\" of the categories, found %s"),
                       jl_obs_json_found(found, sizeof found, index));
    }
    if (rc == 0 && d->n == 0)
        rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                       _("expected at least one category, found none"));
    return rc < 0 ? jl_obs_json_where(err, where) : JL_OK;
}

/* "size", when given, must say what the categories say. */
static int check_size(json_t *size, const jdim *dims, size_t nd, const char *path, jl_err *err)
{
    char where[32], found[64];
    size_t i;

    if (!size)
        return JL_OK;
    if (!json_is_array(size) || json_array_size(size) != nd) {
        jl_err_at(err, JL_EINPUT, path, 0, 0,
                  _("expected an array of %zu sizes (one per dimension of \"id\"), found %s"), nd,
                  json_is_array(size) ? _("another number of them")
                                      : jl_obs_json_found(found, sizeof found, size));
        return jl_obs_json_where(err, "size");
    }
    for (i = 0; i < nd; i++) {
        json_t *s = json_array_get(size, i);

        if (!json_is_integer(s) || json_integer_value(s) != (json_int_t)dims[i].n) {
            snprintf(where, sizeof where, "size[%zu]", i);
            jl_err_at(err, JL_EINPUT, path, 0, 0,
                      _("expected %zu (the categories of dimension %s), found %s"), dims[i].n,
                      dims[i].id, jl_obs_json_found(found, sizeof found, s));
            return jl_obs_json_where(err, where);
        }
    }
    return JL_OK;
}

/* An object of values or statuses keyed by cells of the cube only. */
static int check_keys(json_t *obj, const char *name, size_t total, const char *path, jl_err *err)
{
    const char *key;
    json_t *p;

    if (!json_is_object(obj))
        return JL_OK;
    json_object_foreach(obj, key, p)
    {
        if (!cell_key(key, total)) {
            jl_err_at(err, JL_EINPUT, path, 0, 0,
                      _("expected keys 0 to %zu (the cells of the cube), found \"%.40s\""),
                      total - 1, key);
            return jl_obs_json_where(err, name);
        }
    }
    return JL_OK;
}

static int read_jsonstat2(jl_obs_set *out, json_t *root, const char *path, const char *division,
                          const jl_obs_jmap *m, const char *select, jl_ind_lookup look, void *ctx,
                          jl_err *err)
{
    json_t *ids = json_object_get(root, "id"), *dimo = json_object_get(root, "dimension");
    json_t *value = json_object_get(root, "value"), *status = json_object_get(root, "status");
    size_t nd = json_array_size(ids), i, total = 1, cell;
    jdim *dims = NULL;
    size_t *pos = NULL;
    jl_strmap *keys = NULL;
    char found[64];
    int rc = JL_OK;

    if (!json_is_array(ids) || !json_is_object(dimo) || !value)
        return jl_err_at(err, JL_EINPUT, path, 0, 0,
                         _("expected a JSON-stat 2.0 dataset with \"id\", \"dimension\" and "
                           "\"value\""));
    if (nd > JL_MAX_JSON_DIMS) {
        jl_err_at(err, JL_ELIMIT, path, 0, 0,
                  _("expected at most %d dimensions, found %zu (limit JL_MAX_JSON_DIMS)"),
                  JL_MAX_JSON_DIMS, nd);
        return jl_obs_json_where(err, "id");
    }
    if (!json_is_array(value) && !json_is_object(value)) {
        jl_err_at(err, JL_EINPUT, path, 0, 0,
                  _("expected an array or an object of values, found %s"),
                  jl_obs_json_found(found, sizeof found, value));
        return jl_obs_json_where(err, "value");
    }
    dims = jl_xcalloc(nd ? nd : 1, sizeof *dims);
    pos = jl_xcalloc(nd ? nd : 1, sizeof *pos);
    for (i = 0; i < nd && rc == 0; i++) {
        const char *id = json_string_value(json_array_get(ids, i));
        json_t *cat = json_object_get(json_object_get(dimo, id ? id : ""), "category");
        char where[32];
        size_t k;

        snprintf(where, sizeof where, "id[%zu]", i);
        if (!id) {
            jl_err_at(err, JL_EINPUT, path, 0, 0, _("expected a dimension id as text, found %s"),
                      jl_obs_json_found(found, sizeof found, json_array_get(ids, i)));
            rc = jl_obs_json_where(err, where);
            break;
        }
        rc = jl_limit_len(id, JL_MAX_ID, _("a dimension id"), "JL_MAX_ID", path, 0, 0, err);
        for (k = 0; rc == 0 && k < i; k++)
            if (!strcmp(dims[k].id, id))
                rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                               _("expected each dimension once, found \"%s\" again"), id);
        if (rc == 0 && !cat)
            rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                           _("expected dimension %s to have a \"category\""), id);
        if (rc < 0) {
            jl_obs_json_where(err, where);
            break;
        }
        dims[i].id = id;
        dims[i].role = role_of(root, id);
        dims[i].keep = -1;
        rc = read_categories(&dims[i], cat, path, err);
        if (rc < 0)
            break;
        dims[i].breakdown = dims[i].n > 1;
        /* The cube's cells, within the limit before they are counted:
         * the product could wrap. */
        if (dims[i].n > JL_MAX_CUBE_CELLS / total) {
            jl_err_at(err, JL_ELIMIT, path, 0, 0,
                      _("expected at most %u cells (the product of the dimensions' sizes), found "
                        "more (limit JL_MAX_CUBE_CELLS)"),
                      JL_MAX_CUBE_CELLS);
            rc = jl_obs_json_where(err, "dimension");
            break;
        }
        total *= dims[i].n;
    }
    if (rc == 0)
        rc = check_size(json_object_get(root, "size"), dims, nd, path, err);
    if (rc == 0)
        rc = apply_select(dims, nd, select, path, err);
    if (rc == 0 && json_is_array(value) && json_array_size(value) != total) {
        jl_err_at(err, JL_EINPUT, path, 0, 0,
                  _("expected %zu values (the product of the dimensions' sizes), found %zu"),
                  total, json_array_size(value));
        rc = jl_obs_json_where(err, "value");
    }
    if (rc == 0)
        rc = check_keys(value, "value", total, path, err);
    if (rc == 0)
        rc = check_keys(status, "status", total, path, err);
    if (rc == 0 && json_is_array(status) && json_array_size(status) != total) {
        jl_err_at(err, JL_EINPUT, path, 0, 0,
                  _("expected %zu statuses (the product of the dimensions' sizes), found %zu"),
                  total, json_array_size(status));
        rc = jl_obs_json_where(err, "status");
    }
    keys = jl_strmap_new();
    /* Row-major over "id": the last dimension varies fastest. */
    for (cell = 0; rc == 0 && cell < total; cell++) {
        size_t rem = cell;
        char key[32], name[48];
        json_t *vj, *sj = NULL;

        for (i = nd; i-- > 0;) {
            pos[i] = rem % dims[i].n;
            rem /= dims[i].n;
        }
        snprintf(key, sizeof key, "%zu", cell);
        if (json_is_array(value)) {
            vj = json_array_get(value, cell);
            snprintf(name, sizeof name, "value[%zu]", cell);
        } else {
            vj = json_object_get(value, key);
            snprintf(name, sizeof name, "value[\"%zu\"]", cell);
        }
        if (json_is_object(status))
            sj = json_object_get(status, key);
        else if (json_is_array(status))
            sj = json_array_get(status, cell);
        else if (json_is_string(status))
            sj = status;
        rc = jcell(out, keys, dims, nd, pos, name, vj, sj, m, division, path, look, ctx, err);
    }
    for (i = 0; i < nd; i++)
        jl_free(dims[i].codes);
    jl_free(dims);
    jl_free(pos);
    jl_strmap_free(keys);
    return rc;
}

static int read_pxweb_v1(jl_obs_set *out, json_t *root, const char *path, const char *division,
                         const jl_obs_jmap *m, jl_ind_lookup look, void *ctx, jl_err *err)
{
    json_t *cols = json_object_get(root, "columns"), *data = json_object_get(root, "data");
    size_t nc = json_array_size(cols), i, r, nd = 0, ncont = 0;
    /* One more than the columns: the content codes become a dimension. */
    jdim dims[JL_MAX_JSON_DIMS + 1];
    size_t pos[JL_MAX_JSON_DIMS + 1], contcol[JL_MAX_JSON_DIMS];
    const char *codes1[JL_MAX_JSON_DIMS + 1][1];
    char where[64], found[64];
    jl_strmap *keys = NULL;
    int rc = JL_OK;

    if (nc > JL_MAX_JSON_DIMS) {
        jl_err_at(err, JL_ELIMIT, path, 0, 0,
                  _("expected at most %d columns, found %zu (limit JL_MAX_JSON_DIMS)"),
                  JL_MAX_JSON_DIMS, nc);
        return jl_obs_json_where(err, "columns");
    }
    for (i = 0; i < nc; i++) {
        json_t *c = json_array_get(cols, i);
        const char *code = json_string_value(json_object_get(c, "code"));
        const char *type = json_string_value(json_object_get(c, "type"));

        snprintf(where, sizeof where, "columns[%zu]", i);
        if (!code || !type)
            rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                           _("expected each column to have a \"code\" and a \"type\""));
        else
            rc = jl_limit_len(code, !strcmp(type, "c") ? JL_MAX_CODE : JL_MAX_ID,
                              !strcmp(type, "c") ? _("a content code") : _("a dimension id"),
                              !strcmp(type, "c") ? "JL_MAX_CODE" : "JL_MAX_ID", path, 0, 0, err);
        if (rc < 0)
            return jl_obs_json_where(err, where);
        if (!strcmp(type, "c"))
            contcol[ncont++] = i;
        else {
            memset(&dims[nd], 0, sizeof dims[nd]);
            dims[nd].id = code;
            dims[nd].role = !strcmp(type, "t") ? 2 : role_of(root, code);
            dims[nd].keep = -1;
            dims[nd].n = 1;
            dims[nd].codes = codes1[nd];
            /* v1 lists only the dimensions that were not eliminated:
             * each varies across the rows. */
            dims[nd].breakdown = 1;
            nd++;
        }
    }
    if (ncont == 0) {
        jl_err_at(err, JL_EINPUT, path, 0, 0,
                  _("expected a content column (type \"c\"), found none"));
        return jl_obs_json_where(err, "columns");
    }
    /* The content codes become one more dimension. */
    memset(&dims[nd], 0, sizeof dims[nd]);
    dims[nd].id = "ContentsCode";
    dims[nd].role = 3;
    dims[nd].keep = -1;
    dims[nd].n = 1;
    dims[nd].codes = codes1[nd];
    keys = jl_strmap_new();
    for (r = 0; rc == 0 && r < json_array_size(data); r++) {
        json_t *row = json_array_get(data, r), *key = json_object_get(row, "key");
        json_t *vals = json_object_get(row, "values");
        size_t k;

        if (json_array_size(key) != nd || json_array_size(vals) != ncont) {
            snprintf(where, sizeof where, "data[%zu]", r);
            jl_err_at(err, JL_EINPUT, path, 0, 0,
                      _("expected row %zu to have %zu keys and %zu values"), r + 1, nd, ncont);
            rc = jl_obs_json_where(err, where);
            break;
        }
        for (k = 0; k < nd && rc == 0; k++) {
            json_t *kj = json_array_get(key, k);

            snprintf(where, sizeof where, "data[%zu].key[%zu]", r, k);
            codes1[k][0] = json_string_value(kj);
            pos[k] = 0;
            if (!codes1[k][0])
                jl_err_at(err, JL_EINPUT, path, 0, 0, _("expected a code as text, found %s"),
                          jl_obs_json_found(found, sizeof found, kj));
            else if (jl_limit_len(codes1[k][0], JL_MAX_CODE, _("a category code"), "JL_MAX_CODE",
                                  path, 0, 0, err) == 0)
                continue;
            rc = jl_obs_json_where(err, where);
        }
        for (k = 0; rc == 0 && k < ncont; k++) {
            codes1[nd][0] =
                json_string_value(json_object_get(json_array_get(cols, contcol[k]), "code"));
            pos[nd] = 0;
            snprintf(where, sizeof where, "data[%zu].values[%zu]", r, k);
            rc = jcell(out, keys, dims, nd + 1, pos, where, json_array_get(vals, k), NULL, m,
                       division, path, look, ctx, err);
        }
    }
    jl_strmap_free(keys);
    return rc;
}

/* What read_jsonstat's body needs beyond the set, the JSON and the map. */
typedef struct js_args {
    const char *division, *select;
    jl_ind_lookup look;
    void *ctx;
} js_args;

static int jsonstat_body(jl_obs_set *out, json_t *root, const char *name, const jl_obs_jmap *m,
                         void *ctx, jl_err *err)
{
    const js_args *a = ctx;

    if (!json_is_object(root))
        return jl_err_at(err, JL_EINPUT, name, 0, 0,
                         _("expected a JSON-stat 2.0 dataset or a PxWeb v1 response (an object), "
                           "found another JSON type"));
    if (json_is_array(json_object_get(root, "columns")) &&
        json_is_array(json_object_get(root, "data")))
        /* v1 lists no categories to choose from: a --select would be
         * dropped without a word */
        return a->select ? jl_err_at(err, JL_EUSAGE, name, 0, 0,
                                     _("expected --select only with JSON-stat 2.0, found a "
                                       "PxWeb v1 response: ask PxWeb for the codes wanted "
                                       "instead"))
                         : read_pxweb_v1(out, root, name, a->division, m, a->look, a->ctx, err);
    return read_jsonstat2(out, root, name, a->division, m, a->select, a->look, a->ctx, err);
}

int jl_obs_read_jsonstat_mem(jl_obs_set *out, const jl_obs_text *in, const jl_obs_text *map,
                             const char *division, const char *select, jl_ind_lookup look,
                             void *ctx, jl_err *err)
{
    js_args a = {division, select, look, ctx};

    return jl_obs_json_read(out, in, map, jsonstat_body, &a, err);
}

int jl_obs_read_jsonstat(jl_obs_set *out, const char *path, const char *division, const char *map,
                         const char *select, jl_ind_lookup look, void *ctx, jl_err *err)
{
    js_args a = {division, select, look, ctx};

    return jl_obs_json_read_path(out, path, map, jsonstat_body, &a, err);
}
