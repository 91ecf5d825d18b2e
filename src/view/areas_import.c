#include "view/areas_import.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/strmap.h"
#include "core/text.h"
#include "geo/xwkey.h"
#include "view/areas.h"

#include <stdio.h>
#include <string.h>

int jl_areas_need_division(jl_store *st, const char *id, jl_err *err)
{
    int rc = jl_store_division_exists(st, id, err);

    if (rc < 0)
        return rc;
    if (rc == 0) {
        jl_err_set(err, JL_ENOTFOUND, _("no division \"%s\""), id);
        return jl_err_hint(err, JL_HINT_AREAS_IMPORT);
    }
    return JL_OK;
}

int jl_areas_store_layer(jl_store *st, const jl_store_division *dv, const jl_geo_layer *layer,
                         jl_err *err)
{
    size_t i;
    int rc = jl_store_begin(st, err);

    if (rc < 0)
        return rc;
    rc = jl_store_division_replace(st, dv, err);
    for (i = 0; i < layer->n && rc == 0; i++) {
        const jl_geo_feature *f = &layer->f[i];
        jl_store_geom g;

        rc = jl_store_area_put(st, dv->id, f->code, f->name, f->parent, err);
        if (rc < 0)
            break;
        g.wkb = f->wkb;
        g.wkb_len = f->wkb_len;
        g.area_m2 = f->area_m2;
        g.ipt_lon = f->ipt_lon;
        g.ipt_lat = f->ipt_lat;
        memcpy(g.env, f->env, sizeof g.env);
        g.repaired = f->repaired;
        rc = jl_store_area_geom_put(st, dv->id, f->code, &g, err);
    }
    if (rc < 0) {
        jl_store_rollback(st);
        return rc;
    }
    return jl_store_commit(st, err);
}

/* Refuses parent as the parent division of div when div already lies
 * above it: a loop of parents would send every walk up the links round
 * and round (a, then b with parent a, then a again with parent b). */
static int parent_check(jl_store *st, const char *div, const char *parent, jl_err *err)
{
    int rc;

    if (!strcmp(parent, div))
        return jl_err_set(err, JL_EUSAGE, _("a division cannot be its own parent"));
    rc = jl_areas_need_division(st, parent, err);
    if (rc < 0)
        return rc;
    rc = jl_view_division_above(st, div, parent, err);
    if (rc == 1)
        return jl_err_set(err, JL_EINPUT,
                          _("expected a parent division that does not lie below %s, found %s, "
                            "whose parent links lead back to %s"),
                          div, parent, div);
    return rc;
}

int jl_areas_import(jl_geo_layer *layer, jl_store *st, const jl_areas_import_req *req,
                    jl_diag *d, jl_err *err)
{
    const jl_store_division *dv = &req->dv;
    jl_strmap *parents = NULL;
    size_t i;
    int rc;

    memset(layer, 0, sizeof *layer);
    if (dv->parent) {
        rc = parent_check(st, dv->id, dv->parent, err);
        if (rc < 0)
            return rc;
        rc = jl_view_area_codes(&parents, st, dv->parent, err);
        if (rc < 0)
            goto done;
    }
    rc = jl_geo_read(layer, req->path, &req->geo, d, err);
    if (rc == 0 && parents)
        for (i = 0; i < layer->n; i++)
            if (!jl_strmap_get(parents, layer->f[i].parent, NULL)) {
                char where[200];

                snprintf(where, sizeof where, _("feature %ld (code %s)"), layer->f[i].fid,
                         layer->f[i].code);
                jl_diag_add_where(d, where, _("expected an area of division %s, found parent "
                                              "code \"%s\""),
                                  dv->parent, layer->f[i].parent);
            }
    if (d->n) {
        rc = JL_EINPUT;
        goto done;
    }
    if (rc == 0)
        rc = jl_areas_store_layer(st, dv, layer, err);
done:
    jl_strmap_free(parents);
    if (rc < 0)
        jl_geo_layer_dispose(layer);
    return rc;
}

int jl_crosswalk_key_import(jl_xwkey_report *rep, jl_store *st, const jl_xwkey_req *req,
                            jl_err *err)
{
    jl_strmap *to = NULL;
    jl_xwkey key;
    char *text = NULL;
    size_t len, i;
    int rc;

    memset(rep, 0, sizeof *rep);
    memset(&key, 0, sizeof key);
    /* The from-division may have no areas here (DeSO 2018 has no polygons
     * in this data); it is created as a name. The to-division must be
     * known, and every to-code in it. */
    rc = jl_areas_need_division(st, req->to, err);
    if (rc < 0)
        return rc;
    rc = jl_view_area_codes(&to, st, req->to, err);
    if (rc == 0)
        rc = jl_text_load(&text, &len, NULL, req->path, JL_ENC_AUTO, err);
    /* The whole table is read and checked before the stored crosswalk is
     * touched. */
    if (rc == 0)
        rc = jl_xwkey_parse(&key, text, len, req->path, req->from_field, req->to_field, to,
                            req->to, req->only_known, err);
    if (rc == 0)
        rc = jl_store_begin(st, err);
    if (rc < 0)
        goto done;
    rc = jl_store_division_exists(st, req->from, err);
    if (rc == 0)
        rc = jl_store_division_put(st, req->from, req->from, NULL, err);
    if (rc >= 0)
        rc = jl_store_crosswalk_clear(st, req->from, req->to, err);
    for (i = 0; rc >= 0 && i < key.n; i++)
        rc = jl_store_crosswalk_put(st, req->from, req->to, key.from[i], key.to[i], 1.0, "key",
                                    req->source, err);
    if (rc < 0) {
        jl_store_rollback(st);
        goto done;
    }
    rc = jl_store_commit(st, err);
    rep->n = key.n;
    rep->skipped = key.skipped;
done:
    jl_xwkey_dispose(&key);
    jl_free(text);
    jl_strmap_free(to);
    return rc < 0 ? rc : 0;
}
