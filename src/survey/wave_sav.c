/*
 * The import of an SPSS .sav file: survey/sav.h's callbacks (dictionary,
 * values, end of case) turned into the importer's columns and fields
 * (wave_int.h), with the variables' value labels read as the
 * instrument's codes, grades and sexes.
 */
#include "core/alloc.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "core/progress.h"
#include "survey/sav.h"
#include "survey/wave.h"
#include "survey/wave_int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>


/* How an item variable's values become codes. SPSS files label their
 * values; where the labels are the instrument's code labels they say what
 * each value means, even when the file numbers the answers differently
 * (0-3 for codes 1-4, say). */
typedef struct savcol {
    size_t nlab;
    const char **value, **code; /* labelled value -> code text, or NULL:
                                   a label that is none of the item's */
    const char **label;
    int renumber;               /* some label moves a value to another code */
} savcol;

typedef struct savimp {
    jl_imp im;
    jl_import_report *rep;
    savcol *sc;
    size_t cur; /* the case being read, 0 before the first */
    long ncases;
} savimp;

/* Labels compared without case and outer or doubled spaces. */
static int same_label(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ')
            a++;
        while (*b == ' ')
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        while (*a && *b && *a != ' ' && *b != ' ') {
            if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
                return 0;
            a++;
            b++;
        }
        if ((*a == ' ') != (*b == ' ') && *a && *b)
            return 0;
    }
}

static int sav_dictionary(void *ctx, const jl_sav_var *vars, size_t n, jl_err *err)
{
    savimp *si = ctx;
    jl_imp *im = &si->im;
    size_t i, l, c;
    int rc;

    jl_imp_init(im, im->st, im->in, im->o, 1, n);
    si->sc = jl_xcalloc(n ? n : 1, sizeof *si->sc);
    for (i = 0; i < n; i++)
        jl_strmap_put(im->raw, vars[i].name, i, NULL);
    rc = jl_mapping_check_sources(im->o->map, im->raw, im->o->path, err);
    if (rc < 0)
        return rc;
    for (i = 0; i < n; i++) {
        jl_imp_where w = {0, 0, NULL, 0, 0, vars[i].name};

        rc = jl_imp_problem(im, jl_imp_column(im, i, vars[i].name, &w, err), err);
        if (rc < 0)
            return rc;
    }
    rc = jl_imp_problem(im, jl_imp_columns_done(im, err), err);
    /* Cases are read only under variables that hold together. */
    if (rc == 0)
        rc = jl_imp_problems_end(im, si->rep, err);
    if (rc < 0)
        return rc;
    for (i = 0; i < n; i++) {
        const jl_item *it;
        savcol *sc = &si->sc[i];

        if (im->cols[i].role != JL_ROLE_ITEM || !vars[i].nlabels)
            continue;
        it = &im->in->items[im->cols[i].index];
        sc->nlab = vars[i].nlabels;
        sc->value = jl_arena_alloc(im->arena, sc->nlab * sizeof(char *));
        sc->code = jl_arena_alloc(im->arena, sc->nlab * sizeof(char *));
        sc->label = jl_arena_alloc(im->arena, sc->nlab * sizeof(char *));
        for (l = 0; l < sc->nlab; l++) {
            sc->value[l] = jl_arena_strdup(im->arena, vars[i].label_value[l]);
            sc->label[l] = jl_arena_strdup(im->arena, vars[i].label[l]);
            sc->code[l] = NULL;
            for (c = 0; c < it->ncodes; c++)
                if (it->codes[c].label && same_label(it->codes[c].label, vars[i].label[l])) {
                    sc->code[l] = jl_arena_printf(im->arena, "%ld", it->codes[c].code);
                    if (strcmp(sc->code[l], sc->value[l]))
                        sc->renumber = 1;
                    break;
                }
        }
    }
    return JL_OK;
}

/* Grade from an SPSS label: "Åk 9", "årskurs 8", "Gy 2", "9". */
static int grade_from_label(const char *label)
{
    static const char *const prefix[] = {"årskurs", "Årskurs", "åk", "Åk", "ÅK", "år", "År"};
    size_t i;

    while (*label == ' ')
        label++;
    for (i = 0; i < sizeof prefix / sizeof prefix[0]; i++)
        if (!strncmp(label, prefix[i], strlen(prefix[i]))) {
            label += strlen(prefix[i]);
            break;
        }
    while (*label == ' ' || *label == '.')
        label++;
    return jl_grade_parse(label);
}

static int sav_value_one(void *ctx, size_t case_no, size_t var, const char *text,
                         const char *label, jl_err *err)
{
    savimp *si = ctx;
    jl_imp *im = &si->im;
    jl_imp_where w = {0, 0, NULL, 0, case_no, im->cols[var].name};
    const char *v = text;
    char shown[256];

    if (case_no != si->cur) {
        jl_imp_row(im);
        si->cur = case_no;
    }
    if (im->cols[var].role == JL_ROLE_SKIP)
        return JL_OK;
    if (im->o->map)
        v = jl_mapping_value(im->o->map, im->cols[var].name, v);
    if (!*v)
        return jl_imp_field(im, var, v, case_no, &w, err);
    switch (im->cols[var].role) {
    case JL_ROLE_ITEM: {
        const savcol *sc = &si->sc[var];
        size_t l;

        for (l = 0; l < sc->nlab && strcmp(sc->value[l], v); l++)
            ;
        if (l < sc->nlab && sc->code[l])
            v = sc->code[l];
        else if (l < sc->nlab) {
            char list[256];

            jl_imp_codes_list(list, sizeof list, &im->in->items[im->cols[var].index]);
            return jl_imp_where_err(
                im, err, &w,
                _("expected a code of item %s (%s) or nothing, found %s labelled "
                  "\"%s\", which is none of the item's labels"),
                im->in->items[im->cols[var].index].id, list, v, sc->label[l]);
        } else if (sc->renumber)
            return jl_imp_where_err(
                im, err, &w,
                _("expected a labelled value, found %s without a label; the "
                  "variable's labels renumber the item's codes, so an unlabelled "
                  "value has no meaning"),
                v);
        break;
    }
    case JL_ROLE_GRADE:
        if (jl_grade_parse(v) < 0 && label) {
            int g = grade_from_label(label);

            if (g >= 0)
                v = jl_grade_name(g);
            else {
                snprintf(shown, sizeof shown, "%s = %s", v, label);
                v = shown;
            }
        }
        break;
    case JL_ROLE_SEX:
        if (jl_sex_parse(v) == JL_SEX_UNKNOWN && label) {
            int sx = jl_sex_parse(label);

            if (sx != JL_SEX_UNKNOWN)
                v = label;
            else {
                snprintf(shown, sizeof shown, "%s = %s", v, label);
                v = shown;
            }
        }
        break;
    default:
        break;
    }
    return jl_imp_field(im, var, v, case_no, &w, err);
}

static int sav_value(void *ctx, size_t case_no, size_t var, const char *text, const char *label,
                     jl_err *err)
{
    savimp *si = ctx;

    return jl_imp_problem(&si->im, sav_value_one(ctx, case_no, var, text, label, err), err);
}

static int sav_case_end(void *ctx, size_t case_no, jl_err *err)
{
    savimp *si = ctx;

    (void)case_no;
    (void)err;
    si->im.r.n++;
    if ((si->im.r.n & 4095) == 0)
        jl_progress_report(si->im.o->progress, JL_STAGE_READING, si->im.r.n, 0);
    return JL_OK;
}

int jl_wave_import_sav(jl_import_report *rep, jl_store *st, const jl_instrument *in,
                       const jl_import_opts *o, jl_err *err)
{
    static const jl_sav_handler h = {sav_dictionary, sav_value, sav_case_end};
    savimp si;
    int rc;

    memset(&si, 0, sizeof si);
    si.im.st = st;
    si.im.in = in;
    si.im.o = o;
    si.im.sav = 1;
    si.rep = rep;
    rep->format = "SPSS .sav";
    rc = jl_sav_read(o->path, &h, &si, rep->encoding, sizeof rep->encoding, err);
    jl_progress_end(o->progress, JL_STAGE_READING, 0);
    if (rc == 0 && si.im.cols)
        rc = jl_imp_problems_end(&si.im, rep, err);
    if (rc == 0)
        rc = jl_imp_finish(&si.im, rep, err);
    if (si.im.cols)
        jl_imp_dispose(&si.im);
    jl_free(si.sc);
    return rc;
}
