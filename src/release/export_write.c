/*
 * Writing a release's files (docs/release-format.md): the two tables as
 * RFC 4180 text built in memory, hashed with SHA-256 (libsodium), and the
 * manifest through jansson with its keys in a fixed order. Nothing here
 * depends on the time, the machine or the language, so that exporting a
 * release twice gives byte-identical files.
 */
#include "core/alloc.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/num.h"
#include "release/export.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A field quoted as RFC 4180 needs: when it holds a separator, a quote or
 * a line end. */
static void field(jl_buf *b, const char *s, int last)
{
    const char *c;

    s = s ? s : "";
    if (!strpbrk(s, ",\"\r\n")) {
        jl_buf_puts(b, s);
    } else {
        jl_buf_putc(b, '"');
        for (c = s; *c; c++) {
            if (*c == '"')
                jl_buf_putc(b, '"');
            jl_buf_putc(b, *c);
        }
        jl_buf_putc(b, '"');
    }
    jl_buf_putc(b, last ? '\n' : ',');
}

static void count(jl_buf *b, long v)
{
    if (v >= 0)
        jl_buf_printf(b, "%ld", v);
    jl_buf_putc(b, ',');
}

/* The shortest digits that read back as v exactly ("" for NaN). */
static void num(jl_buf *b, double v)
{
    char t[40];

    jl_buf_puts(b, jl_fmt_exact(t, sizeof t, v));
    jl_buf_putc(b, ',');
}

static void pct(jl_buf *b, double v, int decimals)
{
    if (decimals >= 0 && !isnan(v))
        jl_buf_printf(b, "%.*f,", decimals, v);
    else
        num(b, v);
}

void jl_release_cells_csv(jl_buf *b, const jl_release *r)
{
    size_t i;

    jl_buf_puts(b, "division,area,wave,grade,sex,scale,kind,cutoff,headline,n,n_scored,k,pct,"
                   "ci_low,ci_high,norm_pct,norm_source,diff,flag,status,reason,source\n");
    for (i = 0; i < r->ncells; i++) {
        const jl_rel_cell *c = &r->cells[i];

        field(b, c->division, 0);
        field(b, c->area, 0);
        field(b, c->wave, 0);
        field(b, c->grade, 0);
        field(b, c->sex, 0);
        field(b, c->scale, 0);
        field(b, c->kind, 0);
        field(b, c->cutoff, 0);
        jl_buf_puts(b, c->headline ? "1," : "0,");
        count(b, c->n);
        count(b, c->n_scored);
        count(b, c->k);
        pct(b, c->pct, r->pct_decimals);
        num(b, c->ci_low);
        num(b, c->ci_high);
        num(b, c->norm_pct);
        field(b, c->norm_source, 0);
        num(b, c->diff);
        field(b, c->flag, 0);
        field(b, c->suppressed ? "suppressed" : "ok", 0);
        /* never the rule (export.h, jl_rreason), but as it was
         * published by a release made before it was left out */
        field(b, jl_rreason_code(!c->suppressed ? JL_RREASON_NONE
                                 : r->rule_codes ? c->reason
                                                 : JL_RREASON_CONFIDENTIAL),
              0);
        field(b, c->source, 1);
    }
}

void jl_release_areas_csv(jl_buf *b, const jl_release *r)
{
    size_t i, j;

    jl_buf_puts(b, "division,code,name,parent_division,parent_code,base_division,base_codes\n");
    for (i = 0; i < r->nareas; i++) {
        const jl_rel_area *a = &r->areas[i];
        jl_buf codes;

        field(b, a->division, 0);
        field(b, a->code, 0);
        field(b, a->name, 0);
        field(b, a->parent_division, 0);
        field(b, a->parent_code, 0);
        field(b, a->base_division, 0);
        jl_buf_init(&codes, NULL, JL_TEXT_MAX);
        for (j = 0; j < a->nbase; j++) {
            if (j)
                jl_buf_putc(&codes, '|');
            jl_buf_puts(&codes, a->base[j]);
        }
        if (jl_buf_err(&codes) < 0)
            b->toobig = 1;
        field(b, jl_buf_str(&codes), 1);
        jl_buf_dispose(&codes);
    }
}

void jl_release_indicators_csv(jl_buf *b, const jl_release *r)
{
    size_t i;

    jl_buf_puts(b, "indicator,name,unit,division,area,area_name,period,value,status,estimated,"
                   "source\n");
    for (i = 0; i < r->ninds; i++) {
        const jl_rel_indicator *x = &r->inds[i];

        field(b, x->indicator, 0);
        field(b, x->name, 0);
        field(b, x->unit, 0);
        field(b, x->division, 0);
        field(b, x->area, 0);
        field(b, x->area_name, 0);
        field(b, x->period, 0);
        num(b, x->value);
        field(b, x->status, 0);
        field(b, x->estimated, 0);
        field(b, x->source, 1);
    }
}

static void sha256_hex(char hex[65], const char *data, size_t len)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    size_t i;

    crypto_hash_sha256(h, (const unsigned char *)data, (unsigned long long)len);
    for (i = 0; i < sizeof h; i++)
        snprintf(hex + 2 * i, 3, "%02x", h[i]);
}

/* A whole number as an integer, else the shortest exact real. */
static json_t *jnum(double v)
{
    if (isnan(v))
        return json_null();
    if (v == floor(v) && fabs(v) < 1e15)
        return json_integer((json_int_t)v);
    return json_real(v);
}

static json_t *manifest_waves(const jl_release *r, const jl_release_meta *m)
{
    json_t *a = json_array();
    size_t i;

    for (i = 0; i < r->nwaves; i++) {
        json_t *w = json_object();

        json_object_set_new(w, "name", json_string(r->waves[i].name));
        json_object_set_new(w, "instrument", json_string(m->waves[i].instrument));
        json_object_set_new(w, "revision", json_integer(r->waves[i].revision));
        if (r->waves[i].nchanges > 0) {
            json_t *ch = json_array();
            size_t j;

            for (j = 0; j < r->waves[i].nchanges; j++) {
                const jl_rel_change *c = &r->waves[i].changes[j];

                json_array_append_new(ch, json_pack("{s:I,s:I,s:I}", "revision",
                                                    (json_int_t)c->revision, "added",
                                                    (json_int_t)c->added, "removed",
                                                    (json_int_t)c->removed));
            }
            json_object_set_new(w, "changes", ch);
        }
        json_object_set_new(w, "grade_complete", json_boolean(r->waves[i].grade_complete));
        json_object_set_new(w, "sex_complete", json_boolean(r->waves[i].sex_complete));
        json_object_set_new(w, "synthetic", json_boolean(m->waves[i].synthetic));
        json_array_append_new(a, w);
    }
    return a;
}

static json_t *manifest_rules(const jl_release *r, const jl_release_meta *m)
{
    json_t *o = json_object();

    json_object_set_new(o, "min_n", json_integer(r->min_n));
    json_object_set_new(o, "min_count", json_integer(m->min_count));
    json_object_set_new(o, "group_disclosure", json_boolean(m->group_disclosure));
    json_object_set_new(o, "protection", jnum(m->protection));
    json_object_set_new(o, "pct_decimals",
                        r->pct_decimals >= 0 ? json_integer(r->pct_decimals) : json_null());
    json_object_set_new(o, "secondary", json_string(m->secondary ? m->secondary : ""));
    return o;
}

static json_t *manifest_lists(const jl_release_meta *m, json_t **groups, json_t **by)
{
    json_t *divs = json_array();
    size_t i;

    for (i = 0; i < m->ndivisions; i++)
        json_array_append_new(divs, json_string(m->divisions[i]));
    *groups = json_array();
    for (i = 0; i < m->ngroups; i++) {
        json_t *g = json_object();

        json_object_set_new(g, "name", json_string(m->groups[i].name));
        json_object_set_new(g, "division", json_string(m->groups[i].division));
        json_array_append_new(*groups, g);
    }
    *by = json_array();
    if (m->by_grade)
        json_array_append_new(*by, json_string("grade"));
    if (m->by_sex)
        json_array_append_new(*by, json_string("sex"));
    return divs;
}

/* The manifest's text into *out (caller frees with jl_free). */
/* The indicators the release includes, once each, in their order. */
static json_t *manifest_indicators(const jl_release *r)
{
    json_t *a = json_array();
    size_t i, j;

    for (i = 0; i < r->ninds; i++) {
        const jl_rel_indicator *x = &r->inds[i];

        for (j = 0; j < i && strcmp(r->inds[j].indicator, x->indicator); j++)
            ;
        if (j < i)
            continue;
        json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:s}", "id", x->indicator, "name",
                                           x->name, "unit", x->unit, "source", x->source));
    }
    return a;
}

static int manifest_text(char **out, const jl_release *r, const jl_release_meta *m,
                         const char *cells_sha, const char *areas_sha, const char *ind_sha,
                         jl_err *err)
{
    json_t *root = json_object(), *inst, *sources, *files, *groups, *by, *divs;
    json_error_t je;
    size_t i, len;
    char *text;

    inst = json_loads(m->instrument_json ? m->instrument_json : "{}", 0, &je);
    if (!json_is_object(inst)) {
        json_decref(inst);
        json_decref(root);
        return jl_err_set(err, JL_EINPUT, _("the release's instrument is not a JSON object"));
    }
    divs = manifest_lists(m, &groups, &by);
    json_object_set_new(root, "format", json_string(JL_RELEASE_FORMAT));
    if (r->id && *r->id && strspn(r->id, "0123456789") == strlen(r->id) && strlen(r->id) < 16)
        json_object_set_new(root, "release", json_integer(strtoll(r->id, NULL, 10)));
    else
        json_object_set_new(root, "release", json_string(r->id ? r->id : ""));
    json_object_set_new(root, "title", json_string(r->title));
    json_object_set_new(root, "created", json_string(r->created));
    json_object_set_new(root, "withdrawn",
                        m->withdrawn && *m->withdrawn ? json_string(m->withdrawn) : json_null());
    json_object_set_new(root, "waves", manifest_waves(r, m));
    json_object_set_new(root, "divisions", divs);
    json_object_set_new(root, "groups", groups);
    json_object_set_new(root, "by", by);
    json_object_set_new(root, "norm", json_string(m->norm_city ? "city" : "instrument"));
    json_object_set_new(root, "rules", manifest_rules(r, m));
    json_object_set_new(root, "instrument", inst);
    sources = json_array();
    for (i = 0; i < r->nwaves; i++)
        json_array_append_new(sources, json_string(m->waves[i].source));
    json_object_set_new(root, "sources", sources);
    files = json_object();
    json_object_set_new(files, "cells.csv", json_string(cells_sha));
    json_object_set_new(files, "areas.csv", json_string(areas_sha));
    if (r->ninds > 0) {
        /* public statistics as they are: listed, hashed, not audited */
        json_object_set_new(root, "indicators", manifest_indicators(r));
        json_object_set_new(files, "indicators.csv", json_string(ind_sha));
    }
    json_object_set_new(root, "files", files);
    /* Measured, then written into our own buffer: only core/alloc.c
     * frees, and jansson's string would need jansson's free. */
    len = json_dumpb(root, NULL, 0, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    text = jl_xmalloc(len + 2);
    if (len == 0 || json_dumpb(root, text, len, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != len) {
        json_decref(root);
        jl_free(text);
        return jl_err_set(err, JL_EINPUT, _("the release's manifest could not be written"));
    }
    json_decref(root);
    text[len] = '\n';
    text[len + 1] = '\0';
    *out = text;
    return JL_OK;
}

static int io_err(jl_err *err, const char *path, const char *what)
{
    return jl_err_at(err, JL_EIO, path, 0, 0, "%s: %s", what, strerror(errno));
}

/* data into dir/name through a temporary file beside it and a rename. */
static int put_file(const char *dir, const char *name, const char *data, size_t len,
                    jl_err *err)
{
    char path[4096], tmp[4200];
    size_t done = 0;
    int fd, rc = JL_OK;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    snprintf(tmp, sizeof tmp, "%s/.%s.%ld.tmp", dir, name, (long)getpid());
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        return io_err(err, tmp, _("cannot create the file"));
    while (done < len && rc == JL_OK) {
        ssize_t w = write(fd, data + done, len - done);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            rc = io_err(err, tmp, _("cannot write the file"));
        else
            done += (size_t)w;
    }
    if (rc == JL_OK && fsync(fd) != 0)
        rc = io_err(err, tmp, _("cannot write the file"));
    if (close(fd) != 0 && rc == JL_OK)
        rc = io_err(err, tmp, _("cannot write the file"));
    if (rc == JL_OK && rename(tmp, path) != 0)
        rc = io_err(err, path, _("cannot write the file"));
    if (rc != JL_OK)
        unlink(tmp);
    return rc;
}

int jl_release_write(const jl_release *r, const jl_release_meta *m, const char *dir,
                     jl_err *err)
{
    jl_buf cells, areas, inds;
    char csha[65], asha[65], isha[65] = "", *man = NULL;
    struct stat sb;
    int rc;

    if (sodium_init() < 0)
        return jl_err_set(err, JL_ERR, _("libsodium could not be initialised"));
    if (stat(dir, &sb) != 0 && mkdir(dir, 0777) != 0)
        return io_err(err, dir, _("cannot create the folder"));
    jl_buf_init(&cells, NULL, JL_TEXT_MAX);
    jl_buf_init(&areas, NULL, JL_TEXT_MAX);
    jl_buf_init(&inds, NULL, JL_TEXT_MAX);
    jl_release_cells_csv(&cells, r);
    jl_release_areas_csv(&areas, r);
    if (r->ninds > 0)
        jl_release_indicators_csv(&inds, r);
    rc = jl_buf_err(&cells) < 0 || jl_buf_err(&areas) < 0 || jl_buf_err(&inds) < 0
             ? jl_err_set(err, JL_ELIMIT,
                          _("the release's files would pass %zu bytes (limit JL_TEXT_MAX)"),
                          (size_t)JL_TEXT_MAX)
             : JL_OK;
    if (rc == JL_OK) {
        sha256_hex(csha, jl_buf_str(&cells), cells.len);
        sha256_hex(asha, jl_buf_str(&areas), areas.len);
        if (r->ninds > 0)
            sha256_hex(isha, jl_buf_str(&inds), inds.len);
        rc = manifest_text(&man, r, m, csha, asha, isha, err);
    }
    if (rc == JL_OK)
        rc = put_file(dir, "cells.csv", jl_buf_str(&cells), cells.len, err);
    if (rc == JL_OK)
        rc = put_file(dir, "areas.csv", jl_buf_str(&areas), areas.len, err);
    if (rc == JL_OK && r->ninds > 0)
        rc = put_file(dir, "indicators.csv", jl_buf_str(&inds), inds.len, err);
    if (rc == JL_OK)
        rc = put_file(dir, "manifest.json", man, strlen(man), err);
    jl_free(man);
    jl_buf_dispose(&cells);
    jl_buf_dispose(&areas);
    jl_buf_dispose(&inds);
    return rc;
}
