/*
 * libFuzzer target: the mapping-file parser on any bytes, and lookups of
 * the names and values it defines.
 */
#include "core/diag.h"
#include "survey/mapping.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jl_err err = JL_ERR_INIT;
    jl_mapping *m = NULL;
    jl_diag d;

    jl_diag_init(&d, "fuzz");
    if (jl_mapping_parse(&m, (const char *)data, size, &d, &err) == 0) {
        (void)jl_mapping_column(m, "id");
        (void)jl_mapping_value(m, "sex", "Flicka");
        (void)jl_mapping_value(m, "", "");
        jl_mapping_free(m);
    }
    jl_diag_dispose(&d);
    return 0;
}
