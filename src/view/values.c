#include "view/values.h"
#include "core/alloc.h"

#include <string.h>

void jl_area_values_dispose(jl_area_values *av)
{
    size_t i;

    for (i = 0; i < av->n; i++)
        jl_free(av->codes[i]);
    jl_free(av->codes);
    jl_free(av->vals);
    memset(av, 0, sizeof *av);
}
