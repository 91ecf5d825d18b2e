/*
 * What the renderers of survey results share (render_results.c,
 * render_waves.c): fixed words and their translations, the 120-column
 * budget of a table, and the note on how flags were adjusted. Private to
 * src/cli/.
 */
#ifndef JL_CLI_RENDER_INT_H
#define JL_CLI_RENDER_INT_H

#include <stddef.h>

#include "cli/cli.h"
#include "core/out.h"
#include "view/cells.h"

/* The terminal width tables are made to fit (issue 17). */
#define TABLE_WIDTH 120

/* A flag against the norm (city: the city): the code in files
 * (docs/output-codes.md), the words in a table. */
const char *jl_cli_flag_word(const jl_cli *cli, jl_verdict v, int city);

/* A change since wave since: the code in files, "worse than SINCE" in a
 * table, written into buf. */
const char *jl_cli_change_word(const jl_cli *cli, char *buf, size_t len, jl_verdict v,
                               const char *since);

size_t jl_cli_max_z(size_t a, size_t b);
size_t jl_cli_digits(long v);

/* s cut to at most w display columns into buf, ending in "…" when cut;
 * s itself when it fits. */
const char *jl_cli_fit(char *buf, size_t len, const char *s, size_t w);

/* The widths a table has used for its fixed columns and how many there
 * are; what is left of TABLE_WIDTH goes to its names. */
typedef struct jl_cli_width_budget {
    size_t used, ncols;
} jl_cli_width_budget;

/* Adds a column as wide as its label or its widest value (data). */
void jl_cli_budget_add(jl_cli_width_budget *b, const char *label, size_t data);

/* Splits what is left among two flexible columns that need need_a and
 * need_b (0: not shown) with labels la and lb, at least 8 each. */
void jl_cli_budget_split(const jl_cli_width_budget *b, const char *la, size_t need_a,
                         const char *lb, size_t need_b, size_t *wa, size_t *wb);

/* The note (and JSON meta "adjust") on how flags were tested. */
void jl_cli_adjust_note(jl_out *o, const jl_cell_table *t);

/* The notes under a table with hidden cells: what "too few answers" and
 * "hidden to protect other cells" mean under t's rules. */
void jl_cli_hidden_note(jl_out *o, const jl_cell_table *t);

/* What a row of a table shows of an area's and a scale's name: cut to
 * name_w and scale_w, or the scale's id where its name would be cut and
 * the id is shorter (ids); a suppressed cell's status in the flag column
 * (status_in_flag: the status column is left out). */
typedef struct jl_cli_prof_fit {
    size_t name_w, scale_w;
    int ids, status_in_flag;
} jl_cli_prof_fit;

/* The widest area code and name (of the area of po, or all), scale name,
 * scale id and cut-off name of t. */
void jl_cli_prof_needs(const jl_cell_table *t, const jl_cli_prof_opts *po, size_t *code_w,
                       size_t *name_w, size_t *scale_w, size_t *id_w, size_t *cut_w);

/* Sizes the area's name and the scale's name (or id) within what b
 * leaves (labels la, ls). */
void jl_cli_fit_names(jl_cli_prof_fit *pf, const jl_cli_width_budget *b, const char *la,
                      size_t name_w, const char *ls, size_t scale_w, size_t id_w);

/* The scale as a table shows it (pf) or as files keep it (its id). */
const char *jl_cli_scale_text(char *buf, size_t len, const jl_cli *cli, const jl_scale *sc,
                              const jl_cli_prof_fit *pf);

#endif
