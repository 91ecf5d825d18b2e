#include "cli/cli.h"
#include "core/limits.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/num.h"
#include "core/strmap.h"
#include "stats/assoc.h"
#include "core/text.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reads and checks an instrument file; every problem is printed. */
int jl_cli_instrument_file(jl_instrument **out, char **text, const char *path, int print, jl_err *err)
{
    size_t len;
    jl_diag d;
    int rc;

    *out = NULL;
    rc = jl_text_load(text, &len, NULL, path, JL_ENC_UTF8, err);
    if (rc < 0)
        return rc;
    jl_diag_init(&d, path);
    rc = jl_instrument_parse(out, *text, len, &d);
    if (rc < 0) {
        if (print) {
            jl_cli_print_diag(&d);
            fprintf(stderr, _n("%s: %zu problem\n", "%s: %zu problems\n", d.n), path, d.n);
        } else {
            jl_diag_first(&d, err);
        }
    }
    jl_diag_dispose(&d);
    return rc;
}

/* Whether dir holds jamlik's data: the demo's instrument is the mark. */
static int is_datadir(const char *dir)
{
    char path[PATH_MAX + 64];
    int n = snprintf(path, sizeof path, "%s/instruments/stockholmsenkaten-rise.instrument", dir);

    return n > 0 && (size_t)n < sizeof path && access(path, R_OK) == 0;
}

/* The data folder beside the running binary: <prefix>/share/jamlik for
 * <prefix>/bin/jamlik (make install), or data/ of the checkout whose
 * build folder holds it, wherever the checkout has moved. */
static int datadir_near_exe(char *out, size_t len)
{
    static const char *const rel[] = {"../share/jamlik", "../data"};
    char exe[PATH_MAX], cand[PATH_MAX + 32], res[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash;
    size_t i;

    if (n <= 0)
        return 0;
    exe[n] = '\0';
    slash = strrchr(exe, '/');
    if (!slash)
        return 0;
    *slash = '\0';
    for (i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        int m = snprintf(cand, sizeof cand, "%s/%s", exe, rel[i]);

        if (m < 0 || (size_t)m >= sizeof cand)
            continue;
        /* Resolved, so that paths the demo stores and errors name read
         * plainly, without "bin/..". */
        if (is_datadir(cand) && realpath(cand, res) && strlen(res) < len) {
            memcpy(out, res, strlen(res) + 1);
            return 1;
        }
    }
    return 0;
}

const char *jl_cli_datadir(void)
{
    /* Found once per process; the CLI is one thread. */
    static char found[PATH_MAX];
    static int looked;
    const char *d = getenv("JAMLIK_DATA");

    if (d && *d)
        return d;
    if (!looked) {
        looked = 1;
        if (!datadir_near_exe(found, sizeof found))
            found[0] = '\0';
    }
    return found[0] ? found : JL_DATADIR;
}

jl_out *jl_cli_out(const jl_cli *cli, const char *const *ids, const char *const *labels,
                   size_t ncols)
{
    jl_out_dest d;

    d.f = cli->out;
    d.fmt = cli->format;
    d.book = cli->book;
    d.wide = cli->wide;
    return jl_out_open(&d, ids, labels, ncols);
}

const char *jl_cli_word(const jl_cli *cli, const char *w)
{
    return jl_format_for_people(cli->format) ? _(w) : w;
}

void jl_cli_synthetic_note(jl_out *o)
{
    jl_out_source(o, _("NOTE: synthetic answers, made by jamlik's generator; not real young people"));
}

void jl_cli_corr_table(jl_cli *cli, const char *note, const double *x, const double *y, size_t n)
{
    static const char *const ids[] = {"measure", "n", "r", "ci_low", "ci_high"};
    const char *labels[] = {_("measure"), _("n"), _("r"), _("CI low"), _("CI high")};
    jl_out *o = jl_cli_out(cli, ids, labels, 5);
    jl_corr c;
    size_t i;
    int k;

    for (i = 1; i < 5; i++)
        jl_out_align_right(o, i);
    if (note)
        jl_out_note(o, note);
    jl_out_note(o, _("95 % intervals from Fisher's z; for Spearman's rho an approximation."));
    for (k = 0; k < 2; k++) {
        if (k == 0)
            jl_pearson(&c, x, y, n);
        else
            jl_spearman(&c, x, y, n);
        jl_out_str(o, k == 0 ? "pearson" : "spearman");
        jl_out_int(o, (long)c.n);
        jl_out_num(o, c.r, 3);
        jl_out_num(o, c.lo, 3);
        jl_out_num(o, c.hi, 3);
        jl_out_row_end(o);
    }
    jl_out_end(o);
}

void jl_cli_fit_list(const jl_cli *cli, char *list, size_t width)
{
    size_t len = strlen(list), keep;

    if (cli->format != JL_FMT_TABLE || cli->wide || len <= width || width < 8)
        return;
    keep = width - 4;
    while (keep > 0 && list[keep] != ' ')
        keep--;
    memcpy(list + keep, " \xe2\x80\xa6", 5);
}

void jl_cli_skip_dashes(int *argc, char ***argv)
{
    if (*argc > 0 && !strcmp((*argv)[0], "--")) {
        (*argc)--;
        (*argv)++;
    }
}

void jl_cli_print_diag(const jl_diag *d)
{
    char buf[1200];
    size_t i;

    for (i = 0; i < d->n; i++)
        fprintf(stderr, "%s\n", jl_err_format(buf, sizeof buf, &d->e[i]));
}

int jl_cli_division_id(const char *id, const char *opt, jl_err *err)
{
    if (!id)
        return JL_OK;
    if (!*id)
        return jl_err_set(err, JL_EUSAGE, _("expected a division id after %s, found an empty one"),
                          opt);
    return jl_limit_len(id, JL_MAX_ID, _("a division id"), "JL_MAX_ID", "", 0, 0, err);
}
