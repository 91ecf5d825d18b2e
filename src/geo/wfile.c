#include "geo/wfile.h"
#include "core/alloc.h"
#include "core/csv.h"
#include "core/i18n.h"
#include "core/num.h"

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

/* The position of each code, in a table of open addressing over the
 * caller's codes (borrowed): slot = hash << 32 | (position + 1), 0 free.
 * A map of copied strings cost an allocation and a free for each area. */
typedef struct codemap {
    uint64_t *t;
    size_t cap;
    int shift;
    const char *const *codes;
} codemap;

static uint32_t code_hash(const char *code)
{
    uint32_t h = 2166136261u;

    for (; *code; code++)
        h = (h ^ (unsigned char)*code) * 16777619u;
    return h;
}

static size_t code_slot(const codemap *cm, const char *code, uint32_t h)
{
    size_t i = (size_t)(((uint64_t)h * 0x9e3779b97f4a7c15u) >> cm->shift);

    while (cm->t[i] && ((uint32_t)(cm->t[i] >> 32) != h ||
                        strcmp(cm->codes[(uint32_t)cm->t[i] - 1], code) != 0))
        i = (i + 1) & (cm->cap - 1);
    return i;
}

/* n < UINT32_MAX; a code given twice keeps its first position. */
static void codemap_init(codemap *cm, const char *const *codes, size_t n)
{
    size_t i;

    cm->codes = codes;
    cm->cap = 16;
    cm->shift = 60;
    while (cm->cap < 2 * n) {
        cm->cap *= 2;
        cm->shift--;
    }
    cm->t = jl_xcalloc(cm->cap, sizeof *cm->t);
    for (i = 0; i < n; i++) {
        uint32_t h = code_hash(codes[i]);
        size_t k = code_slot(cm, codes[i], h);

        if (!cm->t[k])
            cm->t[k] = (uint64_t)h << 32 | (i + 1);
    }
}

static int codemap_get(const codemap *cm, const char *code, uint32_t h, size_t *at)
{
    uint64_t v = cm->t[code_slot(cm, code, h)];

    if (v)
        *at = (uint32_t)v - 1;
    return v != 0;
}

/* Codes looked up lately, by their hash, and where they were: a file
 * lists an area's links together and its neighbours' near by, so most
 * codes were just looked up, and the table's lookup is two misses of the
 * cache for each of millions of codes. */
#define MEMO 32768

typedef struct code_memo {
    char code[16];
    size_t at;
    int found;
} code_memo;

static int find_code(const codemap *cm, code_memo *memo, const char *code, size_t *at)
{
    uint32_t h = code_hash(code);
    code_memo *m = &memo[h % MEMO];
    size_t len;

    if (m->code[0] && !strcmp(m->code, code)) {
        *at = m->at;
        return m->found;
    }
    m->found = codemap_get(cm, code, h, &m->at);
    *at = m->at;
    m->code[0] = '\0';
    len = strlen(code);
    if (len > 0 && len < sizeof m->code)
        memcpy(m->code, code, len + 1);
    return m->found;
}

/* The links seen, each as from << 32 | to in a table of open addressing
 * (UINT64_MAX is free: it would be a link of an area to itself): a string
 * and an allocation per link made most of the reading time of millions of
 * links. While the links come in ascending order (files written sorted)
 * none can repeat, and the table waits (sorted, last). */
typedef struct linkset {
    uint64_t *k, last;
    size_t cap, n;
    int sorted;
} linkset;

static size_t link_slot(const linkset *s, uint64_t key)
{
    uint64_t h = (key ^ (key >> 31)) * 0xbf58476d1ce4e5b9u;
    size_t i = (size_t)(h ^ (h >> 29)) & (s->cap - 1);

    while (s->k[i] != UINT64_MAX && s->k[i] != key)
        i = (i + 1) & (s->cap - 1);
    return i;
}

/* 1 if key is new (and now in), 0 if it was there. */
static int link_add(linkset *s, uint64_t key)
{
    size_t i;

    if (s->sorted && (s->n == 0 || key > s->last)) {
        s->last = key;
        s->n++;
        return 1;
    }
    if (2 * (s->n + 1) > s->cap) {
        uint64_t *old = s->k;
        size_t ocap = s->cap, j;

        s->cap = s->cap ? 2 * s->cap : 1024;
        s->k = jl_xmalloc(s->cap * sizeof *s->k);
        memset(s->k, 0xff, s->cap * sizeof *s->k);
        for (j = 0; j < ocap; j++)
            if (old[j] != UINT64_MAX)
                s->k[link_slot(s, old[j])] = old[j];
        jl_free(old);
    }
    i = link_slot(s, key);
    if (s->k[i] == key)
        return 0;
    s->k[i] = key;
    s->n++;
    return 1;
}

/* Links 0..m-1 of out, distinct, into the table: their order broke. */
static void links_unsorted(linkset *s, const jl_wfile *out)
{
    size_t e;

    s->sorted = 0;
    s->n = 0;
    for (e = 0; e < out->m; e++)
        link_add(s, (uint64_t)out->from[e] << 32 | out->to[e]);
}

/* The line where the link a to b first appears (only for the message
 * about it appearing again): the rows up to there read as before. */
static size_t first_line(const char *text, size_t len, const char *name, const codemap *pos,
                         size_t fc, size_t tc, size_t a, size_t b)
{
    jl_csv *csv = NULL;
    jl_err e2 = JL_ERR_INIT;
    size_t line = 0, need = fc > tc ? fc : tc, a2, b2;

    if (jl_csv_new(&csv, name, text, len, 0, &e2) == 0 && jl_csv_next(csv, &e2) == 1)
        while (!line && jl_csv_next(csv, &e2) == 1)
            if (jl_csv_nfields(csv) > need && codemap_get(pos, jl_csv_field(csv, fc), code_hash(jl_csv_field(csv, fc)), &a2) &&
                codemap_get(pos, jl_csv_field(csv, tc), code_hash(jl_csv_field(csv, tc)), &b2) && a2 == a && b2 == b)
                line = (size_t)jl_csv_line(csv);
    jl_csv_free(csv);
    return line;
}

int jl_wfile_parse(jl_wfile *out, const char *text, size_t len, const char *name,
                   const char *const *codes, size_t n, int drop, jl_err *err)
{
    size_t cap = 0, wc, fc, tc, need;
    jl_csv *csv = NULL;
    codemap pos[1];
    linkset links = {NULL, 0, 0, 0, 1};
    code_memo *memo = jl_xcalloc(MEMO, sizeof *memo);
    int rc;

    memset(out, 0, sizeof *out);
    if (n >= UINT32_MAX) {
        jl_free(memo);
        return jl_err_set(err, JL_ELIMIT, _("too many areas: %zu"), n);
    }
    codemap_init(pos, codes, n);
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
        size_t a, b, k;
        double wt = 1;

        if (jl_csv_nfields(csv) <= need) {
            rc = jl_err_at(err, JL_EINPUT, name, jl_csv_line(csv), 1,
                           _("expected %zu fields, found %zu"), need + 1, jl_csv_nfields(csv));
            goto done;
        }
        if (drop && (!find_code(pos, memo, jl_csv_field(csv, fc), &a) ||
                     !find_code(pos, memo, jl_csv_field(csv, tc), &b))) {
            out->dropped++;
            continue;
        }
        for (k = 0; k < 2; k++) {
            size_t col = k ? tc : fc;

            if (!find_code(pos, memo, jl_csv_field(csv, col), k ? &b : &a)) {
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
        if (links.sorted && links.n && ((uint64_t)a << 32 | b) <= links.last)
            links_unsorted(&links, out);
        if (!link_add(&links, (uint64_t)a << 32 | b)) {
            rc = jl_err_at(err, JL_EINPUT, name, jl_csv_line(csv), 1,
                           _("expected each link once, found %s to %s again (first on line %zu)"),
                           codes[a], codes[b], first_line(text, len, name, pos, fc, tc, a, b));
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
    jl_free(pos->t);
    jl_free(links.k);
    jl_free(memo);
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
