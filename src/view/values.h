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
    char period[128], name[512]; /* what the figures are, for notes */
} jl_area_values;

void jl_area_values_dispose(jl_area_values *av);

#endif
