/*
 * Private to release/audit*.c: the index of a release set's waves, base
 * units and area sets, and the attacker's variables laid out over them.
 */
#ifndef JL_RELEASE_AUDIT_INT_H
#define JL_RELEASE_AUDIT_INT_H

#include <stdint.h>

#include "core/strmap.h"
#include "release/audit.h"
#include "release/model.h"

#define NONE SIZE_MAX

/* A list of distinct strings (grades, sexes, scales, cut-offs): short. */
typedef struct strlist {
    const char **s;
    size_t n, cap;
} strlist;

/* A set of base units of one wave: an area, or a part of two (derived). */
typedef struct aset {
    size_t *u, n;
    const char *label; /* "division:code" of its first area, or the derivation */
    int derived;
} aset;

typedef struct wave_ix {
    const char *name;
    long rev; /* its revision: each revision of a wave is a wave_ix of its own */
    int grade_complete, sex_complete;         /* of every revision of the wave */
    int own_grade_complete, own_sex_complete; /* of this revision */
    strlist grades, sexes, scales; /* categories; "" is "none given" */
    strlist *cuts;                 /* per scale */
    size_t *cut_off, nkc;          /* per scale: its first cut-off among all */
    jl_strmap *base;               /* "division\tcode" -> base unit */
    size_t *atom;                  /* base unit -> its atom */
    size_t nb;                     /* atoms: base units in the same areas
                                      are one (the variables' unit) */
    size_t v0, per; /* first variable; variables per base unit x grade x sex */
    jl_strmap *setmap; /* sorted units "3,5,9" -> set */
    aset *sets;
    size_t nsets, capsets;
} wave_ix;

/* Revision p of a wave and the next one published, n: n = p - removed +
 * added, where added (blk[0]) and removed (blk[1]) are blocks of counts
 * in p's layout, of at most most[k] respondents in all (NONE: none). */
typedef struct au_link {
    size_t wp, wn;
    size_t blk[2];
    long most[2];
} au_link;

typedef struct au_item {
    jl_audit_item it;
    size_t target, gate; /* gate: the n_scored target of its group, or NONE */
    int derived;
    /* a hidden cell's k or n_scored - k that another cell publishes:
     * public already, so nothing to protect */
    int public;
    /* a part a correction added or removed: protected where it may be
     * small, within what its size allows (audit_rev.c) */
    int change;
    /* the range it needs when less than the protection (0: the
     * protection): a correction's part, or a hidden count that another
     * revision publishes, which can differ from that only by what the
     * correction changed; then bounded again with this as the protection
     * (nb), since the solver's integer check keys on it */
    double need;
    int has_nb;
    jl_bound nb;
} au_item;

/* A hidden count of one revision that another revision publishes: the
 * gates (the sizes of the corrections' parts in its group) whose sum
 * bounds how far it can lie from the public one, per other revision
 * (audit_rev.c). */
#define JL_AU_PATH 8
typedef struct au_relax {
    size_t item;
    size_t gate[JL_AU_PATH];
    size_t ngate; /* 0: no path found, the full protection stays */
} au_relax;

/* A correction's part of a group waiting for its size (audit_rev.c). */
typedef struct au_part {
    size_t link, k, set, g, s, sc, gate;
} au_part;

typedef struct au {
    jl_release *const *rel;
    size_t nrel;
    const jl_audit_opts *o;
    long min_n;
    jl_arena *arena;
    jl_strmap *wmap, *amap; /* "name\trevision" -> wave; "division\tcode" -> area */
    wave_ix *w;
    size_t nw;
    const jl_rel_area **areas;
    size_t *area_rel, nareas;
    jl_lpmodel *m;
    jl_strmap *facts, *tmap; /* fact and target keys */
    double *fval;            /* a fact's published value */
    const jl_rel_cell **fcell;
    size_t *frel, capf;
    au_item *items;
    size_t nitems, capitems;
    size_t *var, capvar; /* an expression being built */
    double *coef;
    size_t nexpr;
    jl_bound *bounds; /* per target, once solved */
    double *lb;       /* per target: a lower bound known without the
                         solver (-INFINITY: none) */
    size_t nlb, caplb;
    size_t **cwave, **cset; /* per release and cell: its wave and area set */
    size_t **rwave;         /* per release and its wave: the wave_ix */
    au_link *links;
    size_t nlinks;
    au_part *parts;
    size_t nparts, capparts;
    au_relax *relax;
    size_t nrelax, caprelax;
    size_t nderived;
} au;

/* Sets of base units, the variables and the regions (audit_index.c). */
int jl_au_index(au *a, jl_err *err);
void jl_au_index_dispose(au *a);
size_t jl_au_set(wave_ix *w, size_t *u, size_t n, const char *label, int derived, int *added);
size_t jl_au_var(const wave_ix *w, size_t b, size_t g, size_t s, size_t off);
size_t jl_au_find(const strlist *l, const char *s);
/* The wave_ix of wave name in release r (its revision there), or NONE. */
size_t jl_au_cell_wave(const au *a, size_t r, const char *wave);
/* Adds s to l unless it is there (s borrowed). Also secondary.c's lists. */
void jl_au_list_add(strlist *l, const char *s);

/* What a cell's group is, as a key: wave, set, grade, sex. */
typedef struct grp {
    const wave_ix *w;
    const aset *st;
    size_t g, s, sc, cut;
    char key[96];
} grp;

/* A derived group waiting for its size: if it may be small, its counts
 * are asked for in the second pass. */
typedef struct pend {
    grp q;
    jl_audit_item it;
    size_t gate, set; /* set: an index, as the sets may move while regions are added */
} pend;

typedef struct pends {
    pend *p;
    size_t n, cap;
} pends;

/* The n_scored target of group q, with its item; the targets k and
 * n_scored - k of q and cut-off q->cut; q's key (audit.c). */
size_t jl_au_ns_target(au *a, const grp *q, jl_audit_item *it, int derived);
void jl_au_kc_targets(au *a, const grp *q, jl_audit_item *it, size_t gate, int derived);
void jl_au_grp_key(grp *q, size_t wi, size_t si);

/* The derived groups (audit_region.c): every part of two overlapping
 * published areas, and the respondents of an area with no grade (sex),
 * each a gate waiting in pl for its size. */
void jl_au_regions(au *a, pends *pl);
/* A set as an item names it: division and code of its first area, or
 * division "derived" and a derived group's own label. */
void jl_au_set_name(jl_audit_item *it, au *a, const aset *st);

/* What audit.c lends the other audit files: coef times the sum of
 * variable off over set st, grade g and sex s (NONE: all) of the block
 * whose first variable is v0 (w->v0: the wave's own counts); a target
 * by key (made once); a protected value on target t. */
void jl_au_expr_sum(au *a, const wave_ix *w, size_t v0, const aset *st, size_t g, size_t s,
                    size_t off, double coef);
size_t jl_au_target(au *a, const char *key);
void jl_au_item(au *a, const jl_audit_item *it, size_t t, size_t gate, int derived);

/* A corrected wave (audit_rev.c). The size of the part each correction
 * added and removed of every group of every set (areas and derived
 * groups) as gates, once the sets are all known; */
void jl_au_change_gates(au *a);
/* a hidden count (item) that another revision publishes ('K' k, 'C'
 * n_scored - k: k and n_scored, 'S' n_scored): the gates that bound how
 * far it lies from that, to relax its need once solved; */
void jl_au_relax(au *a, size_t item, size_t wi, size_t si, size_t g, size_t s, size_t sc,
                 size_t cut, char what);
/* once the gates are solved: the k and n_scored - k of every part that
 * may be small and is not empty, and the needs of the relaxed counts;
 * then every value whose need is below the protection bounded again
 * with it. */
int jl_au_change_values(au *a, jl_err *err);

/* Lower bounds without a solver (audit_lb.c). A published n ('N'),
 * n_scored ('S') or k ('K') of set si of wave wi, NAN when none is. */
double jl_au_published(const au *a, size_t wi, size_t si, size_t g, size_t s, size_t sc,
                       size_t cut, char what);
/* n_scored of (g, s, sc) in x minus y, from what both publish. */
double jl_au_part_lb(const au *a, size_t wi, size_t x, size_t y, size_t g, size_t s, size_t sc);
/* Areas inside set si other than skip, disjoint, largest first, into
 * *out (the caller's to free); returns how many. */
size_t jl_au_inside(const wave_ix *w, size_t si, size_t skip, size_t **out);
/* What the disjoint areas z[0..nz-1] publish of (g, s, sc). */
double jl_au_inside_lb(const au *a, size_t wi, const size_t *z, size_t nz, size_t g, size_t s,
                       size_t sc);
/* n_scored of (g, s, sc) in area si from its grades or sexes. */
double jl_au_parts_lb(const au *a, size_t wi, size_t si, size_t g, size_t s, size_t sc);

#endif
