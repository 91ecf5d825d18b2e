/*
 * The parts of a release's request and manifest that need no store: the
 * request's checks, the default title and the manifest's "instrument"
 * (view/release.h).
 */
#include "core/buf.h"
#include "core/i18n.h"
#include "view/release.h"
#include "view/release_int.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

/* A whole number as an integer, else a real (jansson writes 17 digits,
 * which read back exactly). */
static json_t *jnum(double v)
{
    if (v == floor(v) && fabs(v) < 1e15)
        return json_integer((json_int_t)v);
    return json_real(v);
}

static int dup_of(const char *const *v, size_t n, size_t i)
{
    size_t j;

    for (j = 0; j < i; j++)
        if (!strcmp(v[j], v[i]))
            return 1;
    (void)n;
    return 0;
}

int jl_rb_check_req(const jl_view_release_req *q, jl_err *err)
{
    size_t i;

    if (q->nwaves == 0 || q->ndivisions == 0)
        return jl_err_set(err, JL_EUSAGE, _("a release needs a wave and a division"));
    for (i = 0; i < q->nwaves; i++)
        if (dup_of(q->waves, q->nwaves, i))
            return jl_err_set(err, JL_EUSAGE, _("wave %s is named twice"), q->waves[i]);
    for (i = 0; i < q->ndivisions; i++) {
        if (dup_of(q->divisions, q->ndivisions, i))
            return jl_err_set(err, JL_EUSAGE, _("division %s is named twice"), q->divisions[i]);
        if (!strcmp(q->divisions[i], JL_RELEASE_CITY))
            return jl_err_set(err, JL_EINPUT,
                              _("a release calls the whole wave \"%s\": a division of that name "
                                "cannot be released"),
                              JL_RELEASE_CITY);
    }
    for (i = 0; i < q->ngroups; i++)
        if (dup_of(q->groups, q->ngroups, i))
            return jl_err_set(err, JL_EUSAGE, _("group %s is named twice"), q->groups[i]);
    return JL_OK;
}

/* The manifest's "instrument": its id, name, the cut-off set, and each
 * scale's cut-offs with their norms, as they were when released. */
const char *jl_rb_instrument_json(jl_arena *A, const jl_instrument *inst, const char *cutset)
{
    json_t *o = json_object(), *scales = json_array();
    size_t k, q, len;
    char *text;

    json_object_set_new(o, "id", json_string(inst->id));
    json_object_set_new(o, "name", json_string(inst->name ? inst->name : ""));
    json_object_set_new(o, "version", json_string(inst->version ? inst->version : ""));
    json_object_set_new(o, "cutoffs", json_string(cutset));
    for (k = 0; k < inst->nscales; k++) {
        const jl_scale *sc = &inst->scales[k];
        json_t *s = json_object(), *cuts = json_array();

        json_object_set_new(s, "id", json_string(sc->id));
        json_object_set_new(s, "kind", json_string(jl_kind_name(sc->kind)));
        for (q = 0; q < sc->ncut; q++) {
            const jl_cutoff *c = &sc->cut[q];
            json_t *co = json_object();

            json_object_set_new(co, "name", json_string(c->name));
            json_object_set_new(co, "value", jnum(c->value));
            json_object_set_new(co, "headline", json_boolean(c->headline));
            json_object_set_new(co, "norm_pct", isnan(c->norm_pct) ? json_null()
                                                                    : jnum(c->norm_pct));
            json_object_set_new(co, "norm_source",
                                json_string(c->norm_source ? c->norm_source : ""));
            json_array_append_new(cuts, co);
        }
        json_object_set_new(s, "cutoffs", cuts);
        json_array_append_new(scales, s);
    }
    json_object_set_new(o, "scales", scales);
    len = json_dumpb(o, NULL, 0, JSON_COMPACT | JSON_PRESERVE_ORDER);
    text = jl_arena_alloc(A, len + 1);
    json_dumpb(o, text, len, JSON_COMPACT | JSON_PRESERVE_ORDER);
    text[len] = '\0';
    json_decref(o);
    return text;
}

const char *jl_rb_default_title(jl_arena *A, const jl_release *r, const jl_release_meta *m)
{
    jl_buf t;
    size_t i;

    jl_buf_init(&t, A, 4096);
    for (i = 0; i < r->nwaves; i++)
        jl_buf_printf(&t, "%s%s", i ? ", " : "", r->waves[i].name);
    jl_buf_puts(&t, ":");
    for (i = 0; i < m->ndivisions; i++)
        jl_buf_printf(&t, "%s %s", i ? "," : "", m->divisions[i]);
    for (i = 0; i < m->ngroups; i++)
        jl_buf_printf(&t, ", %s", m->groups[i].name);
    return jl_buf_str(&t);
}

