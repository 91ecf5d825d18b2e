/*
 * Private to release/secondary*.c: one wave's cells as units of three
 * levels over sets of base units, and the additive relations among them.
 *
 * A set is an area's base units (two areas of the same units are one
 * set), or a part of two overlapping areas (virtual: the slivers the
 * audit sees). A unit is a quantity the attacker may know:
 *   K  k of (set, grade, sex, scale, cut-off): hidden when its cell is;
 *   S  n_scored of (set, grade, sex, scale): hidden when every cut-off's
 *      cell is;
 *   N  n of (set, grade, sex): hidden when every cell of the group is.
 * Grade and sex index ngrades (nsexes) is the total, T; where not every
 * respondent has one, the category "" (none given) is a part no cell
 * publishes, as in the audit. A relation says
 * that a total is the sum of its parts, as sum sign[i] x[member[i]] = 0:
 * a set and the sets partitioning it, a total over grade or sex and its
 * parts, at each level.
 */
#ifndef JL_RELEASE_SECONDARY_INT_H
#define JL_RELEASE_SECONDARY_INT_H

#include <stddef.h>
#include <string.h>

#include "core/strmap.h"
#include "release/audit_int.h"
#include "release/secondary.h"

#define SX_NONE ((size_t)-1)
#define SX_BIG 1e9

typedef enum { SX_K = 0, SX_S, SX_N } sx_level;

/* A cell of one of the releases: rel 0 is the one being protected. */
typedef struct sx_ref {
    size_t rel, i;
} sx_ref;

/* The audit's list of distinct strings (release/audit_int.h). */
typedef strlist sx_list;

typedef struct sx_set {
    size_t *u, n; /* sorted base units */
    int virt;     /* a part of two areas, not an area */
    size_t x, y;  /* virtual: the two real sets it comes from */
} sx_set;

typedef struct sx_wave {
    const char *name;
    long rev; /* the revision whose cells are its (secondary.c, of_wave) */
    int grade_complete, sex_complete;
    sx_list grades, sexes, scales, *cuts;
    size_t *cut_off, nkc;  /* per scale: its first cut-off among all */
    size_t G, S;           /* categories with the total */
    jl_strmap *atoms;      /* "base_division\tcode" -> base unit */
    size_t natoms;
    jl_strmap *setmap;     /* "3,5,9," -> set */
    jl_strmap *areamap;    /* "division\tcode" -> set */
    sx_set *sets;
    size_t nsets, capsets, nreal;
    /* units: K first, then S, then N */
    size_t nK, nS, nN, nu;
    size_t *ucs;           /* unit -> its cells: ucell[ucs[u] .. ucs[u+1]-1] */
    sx_ref *ucell;
    size_t *cellk;         /* a cell of the release -> its k unit (SX_NONE:
                              another wave's) */
    double *val;           /* true value, NaN unknown */
    unsigned char *sens;   /* a protected value */
    double *need;          /* the range it needs (0: none) */
    unsigned char *known;  /* scratch: known to the attacker */
    size_t *via;           /* scratch: the relation that revealed it */
    /* relations */
    size_t nr, *rs, *rm, caprs, caprm; /* members rm[rs[r] .. rs[r+1]-1] */
    signed char *rsg;
    size_t *urs, *ur;      /* unit -> its relations */
    unsigned char *esc;    /* audit-loop escalation per unit */
    int coarse_first;      /* the structural pass visits n, n_scored, k in
                              this order (else k first) */
} sx_wave;

typedef struct sx {
    jl_release *const *rel; /* rel[0] = r, then the earlier ones */
    size_t nrel;
    const jl_protect_opts *o;
    double p;   /* the protection */
    long min_n;
    sx_wave *w;
    size_t nw;
    size_t hidden; /* complements chosen so far */
} sx;

/* The revision of wave in release r (1 when not said), 0 without it. */
static inline long jl_sx_rev_in(const jl_release *r, const char *wave)
{
    size_t i;

    for (i = 0; i < r->nwaves; i++)
        if (!strcmp(r->waves[i].name, wave))
            return r->waves[i].revision > 0 ? r->waves[i].revision : 1;
    return 0;
}

/* Whether cell c of release r is of wave w: its name, and the revision
 * the release protects. An earlier release of another revision of the
 * wave published other counts (a correction came between): the audit
 * links the two (release/audit_rev.c), and the repair hides what it
 * finds; here they are not the same quantities. */
static inline int jl_sx_of_wave(const sx *x, size_t r, const jl_rel_cell *c, const sx_wave *w)
{
    return !strcmp(c->wave, w->name) && (r == 0 || jl_sx_rev_in(x->rel[r], c->wave) == w->rev);
}

/* secondary.c: the index */
int jl_sx_build(sx *x, jl_err *err);
void jl_sx_dispose(sx *x);
size_t jl_sx_kunit(const sx_wave *w, size_t set, size_t g, size_t s, size_t kc);
size_t jl_sx_sunit(const sx_wave *w, size_t set, size_t g, size_t s, size_t sc);
size_t jl_sx_nunit(const sx_wave *w, size_t set, size_t g, size_t s);
/* The unit's level, set and categories. */
sx_level jl_sx_level(const sx_wave *w, size_t u, size_t *set, size_t *g, size_t *s, size_t *c);
/* The S unit above a K unit, the N unit above an S unit. */
size_t jl_sx_up(const sx_wave *w, size_t u);

/* secondary_pass.c: the structural pass and the choices it makes */
/* Published (in any release); published in this release only; the
 * respondents in the cells hiding u would hide. */
int jl_sx_published(const sx *x, const sx_wave *w, size_t u);
int jl_sx_hideable(const sx *x, const sx_wave *w, size_t u);
double jl_sx_cost(const sx *x, const sx_wave *w, size_t u);
void jl_sx_refresh(sx *x, sx_wave *w);
size_t jl_sx_structural(sx *x, sx_wave *w);
int jl_sx_hide_unit(sx *x, sx_wave *w, size_t u);
int jl_sx_widen(sx *x, sx_wave *w, size_t u, int all);
/* Rings of relations searched outwards from a failing unit. */
#define JL_SX_RING 6
int jl_sx_widen_ring(sx *x, sx_wave *w, size_t u, int each);

/* secondary_cube.c: a hypercube for each protected unit, before the
 * structural pass; returns the cells hidden. */
size_t jl_sx_cubes(sx *x, sx_wave *w);

#endif
