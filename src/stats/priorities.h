/*
 * Ranking a neighbourhood's factors into a shortlist of priorities, the CTC
 * way: risk factors by how far the share at risk exceeds the norm,
 * protective factors by how far the share with protection falls below it.
 * Ties (equal to the one decimal shown) are broken by the number of grades
 * in which the factor is flagged, then by whether it worsened since the
 * previous wave (the change's 95 % interval lies wholly on the bad side),
 * then by the size of that change, then by scale id so the order never
 * depends on input order. Pure; thread-safe.
 */
#ifndef JL_STATS_PRIORITIES_H
#define JL_STATS_PRIORITIES_H

#include <stddef.h>

typedef struct jl_prio {
    /* in (borrowed strings) */
    const char *scale, *label, *cutoff;
    int protective;
    double pct, norm_pct;  /* headline share and norm, per cent */
    int grades_flagged;    /* grades where the headline cell is flagged the bad way */
    int grades_shown;      /* grades with a shown (not suppressed) headline cell */
    double prev_pct;       /* previous wave's share, NaN if none */
    const char *prev_wave; /* its name, or NULL */
    double delta_lo, delta_hi; /* 95 % interval of pct - prev_pct in points (Newcombe), NaN if
                                  none */
    /* out */
    double excess;         /* pct - norm (risk) or norm - pct (protective) */
    double change;         /* pct - prev_pct in the bad direction (> 0 worse) */
    int worse, better;     /* the change's interval lies wholly on the bad (good) side */
    int priority;          /* worse than the norm as shown: the excess is above 0 at one
                              decimal (an excess shown as 0,0 is none) */
} jl_prio;

/* Computes excess and change and sorts p in priority order. */
void jl_priorities_rank(jl_prio *p, size_t n);


#endif
