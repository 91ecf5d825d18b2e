/*
 * One figure per area: what a map, a cluster analysis or a comparison
 * takes from an indicator or a survey scale. Owned by the caller; free
 * with jl_area_values_dispose.
 */
#ifndef JL_VIEW_VALUES_H
#define JL_VIEW_VALUES_H

#include <stddef.h>

typedef struct jl_area_values {
    char **codes;
    double *vals;
    size_t n;
    char period[128], name[512]; /* what the figures are, for notes: the indicator's or the
                                    scale's name */
    char cutoff[128], instrument[128]; /* survey shares: the cut-off reached and whose scale;
                                          "" for an indicator */
} jl_area_values;

void jl_area_values_dispose(jl_area_values *av);

#endif
