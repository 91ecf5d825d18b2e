/*
 * Writes SPSS .sav test fixtures with ReadStat's own writer, from a CSV
 * wave and its instrument, so the .sav reader is tested on files made by
 * an independent implementation of the format. The answers are those of
 * the CSV (synthetic, tests/fixtures/make-small.py).
 *
 *   make_sav MODE WAVE.csv INSTRUMENT OUT.sav
 *
 * MODE:
 *   plain       items numbered as the instrument, labelled with its code
 *               labels; blanks as 99, declared missing, labelled "Ej svar";
 *               grade a string; sex 1 = Flicka, 2 = Pojke
 *   renumbered  items numbered from 0 (code - 1), labelled with the
 *               instrument's labels; grade 8/9 labelled "Åk 8"/"Åk 9";
 *               sex a string K/M; blanks system-missing
 *   badlabel    renumbered, but f66c's value 2 is labelled "Ofta"
 *   unlabelled  renumbered, but f66c's value 1 has no label
 *   badcode     plain, but case 3 answers f66c with 7
 *   dupid       plain, but case 5 has case 2's id
 *   othersex    plain, but case 4's sex is 3 = Annat
 */
#include "core/alloc.h"
#include "core/csv.h"
#include "core/diag.h"
#include "core/text.h"
#include "survey/instrument.h"

#include <math.h>
#include <readstat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ssize_t write_bytes(const void *data, size_t len, void *ctx)
{
    return (ssize_t)fwrite(data, 1, len, ctx);
}

static void die(const char *what)
{
    fprintf(stderr, "make_sav: %s\n", what);
    exit(1);
}

int main(int argc, char **argv)
{
    const char *mode, *csvpath, *instpath, *out;
    jl_err err = JL_ERR_INIT;
    jl_instrument *in = NULL;
    jl_diag d;
    jl_csv *csv = NULL;
    char *text, *ctext;
    size_t len, clen, ncol, i, j, nrows = 0, r;
    char ***rows = NULL;
    char **head;
    readstat_writer_t *w;
    readstat_variable_t **vars;
    readstat_label_set_t *sexset = NULL, *gradeset = NULL;
    int renum, plain_like;
    FILE *f;

    if (argc != 5)
        die("usage: make_sav MODE WAVE.csv INSTRUMENT OUT.sav");
    mode = argv[1];
    csvpath = argv[2];
    instpath = argv[3];
    out = argv[4];
    renum = !strcmp(mode, "renumbered") || !strcmp(mode, "badlabel") ||
            !strcmp(mode, "unlabelled");
    plain_like = !renum;
    if (!renum && strcmp(mode, "plain") && strcmp(mode, "badcode") && strcmp(mode, "dupid") &&
        strcmp(mode, "othersex"))
        die("unknown mode");

    if (jl_text_load(&text, &len, NULL, instpath, JL_ENC_UTF8, &err) < 0)
        die(err.msg);
    jl_diag_init(&d, instpath);
    if (jl_instrument_parse(&in, text, len, &d) < 0)
        die("bad instrument");
    jl_diag_dispose(&d);

    if (jl_text_load(&ctext, &clen, NULL, csvpath, JL_ENC_AUTO, &err) < 0 ||
        jl_csv_new(&csv, csvpath, ctext, clen, 0, &err) < 0 || jl_csv_next(csv, &err) <= 0)
        die(err.msg);
    ncol = jl_csv_nfields(csv);
    head = jl_xcalloc(ncol, sizeof *head);
    for (i = 0; i < ncol; i++)
        head[i] = jl_xstrdup(jl_csv_field(csv, i));
    while (jl_csv_next(csv, &err) > 0) {
        rows = jl_xrealloc(rows, (nrows + 1) * sizeof *rows);
        rows[nrows] = jl_xcalloc(ncol, sizeof(char *));
        for (i = 0; i < ncol; i++)
            rows[nrows][i] = jl_xstrdup(jl_csv_field(csv, i));
        nrows++;
    }

    w = readstat_writer_init();
    readstat_set_data_writer(w, write_bytes);
    readstat_writer_set_file_label(w, "jamlik test fixture: synthetic answers");
    vars = jl_xcalloc(ncol, sizeof *vars);
    for (i = 0; i < ncol; i++) {
        const char *name = head[i];
        long it = jl_instrument_item(in, name);

        if (it >= 0) {
            const jl_item *item = &in->items[it];
            readstat_label_set_t *ls;
            char setname[64];
            size_t c;

            snprintf(setname, sizeof setname, "L%zu", i);
            ls = readstat_add_label_set(w, READSTAT_TYPE_DOUBLE, setname);
            for (c = 0; c < item->ncodes; c++) {
                double v = (double)item->codes[c].code - (renum ? 1 : 0);
                const char *label = item->codes[c].label;

                if (!strcmp(name, "f66c") && !strcmp(mode, "badlabel") && v == 2)
                    label = "Ofta";
                if (!strcmp(name, "f66c") && !strcmp(mode, "unlabelled") && v == 1)
                    continue;
                readstat_label_double_value(ls, v, label);
            }
            if (plain_like)
                readstat_label_double_value(ls, 99, "Ej svar");
            vars[i] = readstat_add_variable(w, name, READSTAT_TYPE_DOUBLE, 0);
            readstat_variable_set_label_set(vars[i], ls);
            if (plain_like)
                readstat_variable_add_missing_double_value(vars[i], 99);
        } else if (!strcmp(name, "sex") && plain_like) {
            sexset = readstat_add_label_set(w, READSTAT_TYPE_DOUBLE, "SEX");
            readstat_label_double_value(sexset, 1, "Flicka");
            readstat_label_double_value(sexset, 2, "Pojke");
            readstat_label_double_value(sexset, 3, "Annat");
            vars[i] = readstat_add_variable(w, name, READSTAT_TYPE_DOUBLE, 0);
            readstat_variable_set_label_set(vars[i], sexset);
        } else if (!strcmp(name, "grade") && renum) {
            gradeset = readstat_add_label_set(w, READSTAT_TYPE_DOUBLE, "GRADE");
            readstat_label_double_value(gradeset, 1, "Åk 8");
            readstat_label_double_value(gradeset, 2, "Åk 9");
            vars[i] = readstat_add_variable(w, name, READSTAT_TYPE_DOUBLE, 0);
            readstat_variable_set_label_set(vars[i], gradeset);
        } else if (!strcmp(name, "primaromrade") || !strcmp(name, "mellanomrade")) {
            vars[i] = readstat_add_variable(w, name, READSTAT_TYPE_DOUBLE, 0);
        } else {
            vars[i] = readstat_add_variable(w, name, READSTAT_TYPE_STRING, 32);
        }
    }
    f = fopen(out, "wb");
    if (!f)
        die("cannot write the output");
    if (readstat_begin_writing_sav(w, f, (long)nrows) != READSTAT_OK)
        die("begin_writing_sav");
    for (r = 0; r < nrows; r++) {
        readstat_begin_row(w);
        for (j = 0; j < ncol; j++) {
            const char *v = rows[r][j];
            const char *name = head[j];

            if (!strcmp(mode, "dupid") && r == 4 && !strcmp(name, "id"))
                v = rows[1][j];
            if (jl_instrument_item(in, name) >= 0) {
                if (!strcmp(mode, "badcode") && r == 2 && !strcmp(name, "f66c"))
                    v = "7";
                if (!*v && plain_like)
                    readstat_insert_double_value(w, vars[j], 99);
                else if (!*v)
                    readstat_insert_missing_value(w, vars[j]);
                else
                    readstat_insert_double_value(w, vars[j], atof(v) - (renum ? 1 : 0));
            } else if (!strcmp(name, "sex") && plain_like) {
                double sx = !strcmp(v, "K") ? 1 : !strcmp(v, "M") ? 2 : NAN;

                if (!strcmp(mode, "othersex") && r == 3)
                    sx = 3;
                if (isnan(sx))
                    readstat_insert_missing_value(w, vars[j]);
                else
                    readstat_insert_double_value(w, vars[j], sx);
            } else if (!strcmp(name, "grade") && renum) {
                readstat_insert_double_value(w, vars[j], !strcmp(v, "8") ? 1 : 2);
            } else if (!strcmp(name, "primaromrade") || !strcmp(name, "mellanomrade")) {
                readstat_insert_double_value(w, vars[j], atof(v));
            } else {
                readstat_insert_string_value(w, vars[j], v);
            }
        }
        readstat_end_row(w);
    }
    if (readstat_end_writing(w) != READSTAT_OK)
        die("end_writing");
    readstat_writer_free(w);
    fclose(f);
    for (r = 0; r < nrows; r++) {
        for (j = 0; j < ncol; j++)
            jl_free(rows[r][j]);
        jl_free(rows[r]);
    }
    for (i = 0; i < ncol; i++)
        jl_free(head[i]);
    jl_free(rows);
    jl_free(head);
    jl_free(vars);
    jl_csv_free(csv);
    jl_free(ctext);
    jl_free(text);
    jl_instrument_free(in);
    return 0;
}
