#include "cli/commands.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/num.h"
#include "core/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A scale's CTC domain in the reader's language; CSV and JSON keep the
 * code the instrument file uses. A domain outside CTC's four is the
 * instrument's own word and shown as written. */
static const char *domain_word(const jl_cli *cli, const char *d)
{
    static const char *const ctc[] = {N_("community"), N_("family"), N_("school"),
                                      N_("peer-individual")};
    size_t i;

    for (i = 0; d && i < sizeof ctc / sizeof *ctc; i++)
        if (!strcmp(d, ctc[i]))
            return jl_cli_word(cli, ctc[i]);
    return d;
}

/* "12 items, 3 scales" (or "1 item"), translated, into buf. */
static const char *sizes(char *buf, size_t len, const jl_instrument *in)
{
    char items[48];

    snprintf(items, sizeof items, _n("%zu item", "%zu items", in->nitems), in->nitems);
    snprintf(buf, len, _n("%s, %zu scale", "%s, %zu scales", in->nscales), items, in->nscales);
    return buf;
}

int cmd_init(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    (void)argv;
    if (argc > 0)
        return jl_err_set(err, JL_EUSAGE, _("init takes no arguments"));
    if (!cli->quiet)
        fprintf(stderr, _("Database %s ready (schema version %d)\n"), cli->db_path,
                jl_store_schema_version(cli->store));
    return 0;
}

int cmd_instrument_check(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_instrument *in = NULL;
    char *text = NULL, size[96];
    int rc;

    jl_cli_skip_dashes(&argc, &argv);
    if (argc != 1)
        return jl_err_set(err, JL_EUSAGE, _("usage: jamlik instrument check FILE"));
    rc = jl_cli_instrument_file(&in, &text, argv[0], 1, err);
    jl_free(text);
    if (rc == JL_EINPUT && err->msg[0] == '\0')
        return 1; /* problems printed */
    if (rc < 0)
        return rc;
    if (!cli->quiet)
        fprintf(stderr, _("%s: instrument %s is usable: %s\n"), argv[0], in->id,
                sizes(size, sizeof size, in));
    jl_instrument_free(in);
    return 0;
}

int cmd_instrument_import(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_instrument *in = NULL;
    char *text = NULL, size[96];
    int rc;

    jl_cli_skip_dashes(&argc, &argv);
    if (argc != 1)
        return jl_err_set(err, JL_EUSAGE, _("usage: jamlik instrument import FILE"));
    rc = jl_cli_instrument_file(&in, &text, argv[0], 1, err);
    if (rc == JL_EINPUT && err->msg[0] == '\0') {
        jl_free(text);
        return 1;
    }
    if (rc < 0)
        goto done;
    /* Waves are stored as code positions of the instrument's items: a new
     * version may change scales, cut-offs and texts, not how answers are
     * coded, or the stored waves would be read wrongly. */
    {
        long nw = jl_store_instrument_waves(cli->store, in->id, err);
        jl_instrument *old = NULL;
        char why[256];

        if (nw < 0) {
            rc = (int)nw;
            goto done;
        }
        if (nw > 0 && jl_view_instrument(&old, cli->store, in->id, err) == 0 &&
            !jl_instrument_same_answers(old, in, why, sizeof why)) {
            rc = jl_err_at(err, JL_EINPUT, argv[0], 0, 0,
                           _("instrument %s already has %ld waves stored by its items and codes, "
                             "and this file changes them (%s): import it under a new id"),
                           in->id, nw, why);
            jl_instrument_free(old);
            goto done;
        }
        jl_instrument_free(old);
    }
    rc = jl_store_begin(cli->store, err);
    if (rc < 0)
        goto done;
    rc = jl_store_instrument_put(cli->store, in->id, in->name, text, err);
    if (rc < 0) {
        jl_store_rollback(cli->store);
        goto done;
    }
    rc = jl_store_commit(cli->store, err);
    if (rc < 0)
        goto done;
    if (!cli->quiet)
        fprintf(stderr, _("Imported instrument %s: %s\n"), in->id, sizes(size, sizeof size, in));
done:
    jl_instrument_free(in);
    jl_free(text);
    return rc < 0 ? rc : 0;
}

static void list_row(void *ctx, const jl_store_instrument_row *r)
{
    jl_out *o = ctx;

    jl_out_str(o, r->id);
    jl_out_str(o, r->name);
    jl_out_int(o, r->nwaves);
    jl_out_str(o, r->imported_at);
    jl_out_row_end(o);
}

int cmd_instrument_list(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"id", "name", "waves", "imported_at"};
    const char *labels[] = {_("id"), _("name"), _("waves"), _("imported")};
    jl_out *o;
    int rc;

    (void)argv;
    if (argc)
        return jl_err_set(err, JL_EUSAGE, _("usage: jamlik instrument list"));
    o = jl_cli_out(cli, ids, labels, 4);
    jl_out_align_right(o, 2);
    rc = jl_store_instrument_list(cli->store, list_row, o, err);
    jl_out_end(o);
    return rc < 0 ? rc : 0;
}

int cmd_instrument_show(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    static const char *const ids[] = {"scale",  "name",  "kind",   "domain", "theme", "model",
                                      "items",  "min_items", "cutoff", "value", "headline",
                                      "norm_pct", "norm_source"};
    const char *labels[] = {_("scale"), _("name"), _("kind"), _("domain"), _("theme"),
                            _("model"), _("items"), _("min. answered"), _("cut-off"),
                            _("value"), _("headline"), _("norm %"), _("norm source")};
    jl_instrument *in = NULL;
    jl_out *o;
    size_t i, j;
    int rc;

    jl_cli_skip_dashes(&argc, &argv);
    if (argc != 1)
        return jl_err_set(err, JL_EUSAGE, _("usage: jamlik instrument show ID"));
    rc = jl_view_instrument(&in, cli->store, argv[0], err);
    if (rc < 0)
        return rc;
    o = jl_cli_out(cli, ids, labels, 13);
    /* 120 columns: theme, model, items, the least answered and the norm's
     * source with --wide (and in every file) */
    for (i = 4; i <= 7; i++)
        jl_out_secondary(o, i);
    jl_out_secondary(o, 12);
    jl_out_note(o, in->name);
    if (in->source)
        jl_out_source(o, in->source);
    if (in->licence)
        jl_out_note(o, in->licence);
    if (in->attribution)
        jl_out_note(o, in->attribution);
    for (i = 0; i < in->nscales; i++) {
        const jl_scale *sc = &in->scales[i];
        char items[1024], minb[32];
        double mi;
        size_t w = 0;

        items[0] = '\0';
        for (j = 0; j < sc->nitems && w + 70 < sizeof items; j++)
            w += (size_t)snprintf(items + w, sizeof items - w, "%s%s", j ? " " : "",
                                  in->items[sc->items[j]].id);
        mi = sc->min_share ? sc->min_items * 100 : sc->min_items;
        /* files keep the decimal point */
        if (jl_format_for_people(cli->format))
            jl_fmt_g(minb, sizeof minb - 2, mi);
        else
            snprintf(minb, sizeof minb - 2, "%g", mi);
        if (sc->min_share)
            strcat(minb, "%");
        for (j = 0; j < (sc->ncut ? sc->ncut : 1); j++) {
            jl_out_str(o, sc->id);
            jl_out_str(o, sc->name);
            jl_out_str(o, jl_cli_word(cli, jl_kind_name(sc->kind)));
            jl_out_str(o, domain_word(cli, sc->domain));
            jl_out_str(o, sc->theme);
            jl_out_str(o, sc->model == JL_MODEL_RASCH
                              ? (sc->method == JL_RASCH_WLE ? "rasch-pcm/wle" : "rasch-pcm/ml")
                              : "mean");
            jl_out_str(o, items);
            jl_out_str(o, minb);
            if (sc->ncut) {
                jl_out_str(o, sc->cut[j].name);
                jl_out_num(o, sc->cut[j].value, 3);
                jl_out_bool(o, sc->cut[j].headline);
                jl_out_num(o, sc->cut[j].norm_pct, 1);
                jl_out_str(o, sc->cut[j].norm_source);
            }
            jl_out_row_end(o);
        }
    }
    jl_out_end(o);
    jl_instrument_free(in);
    return 0;
}
