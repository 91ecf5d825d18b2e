/*
 * libFuzzer target: the --map file of the JSON readers ("content: CODE =
 * ID", "kpi:", "area:") on any bytes, and lookups through it.
 */
#include "indicator/obs_int.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jl_err err = JL_ERR_INIT;
    jl_obs_text map = {"fuzz.map", (const char *)data, size};
    jl_obs_jmap m;

    if (jl_obs_jmap_parse(&m, &map, &err) == 0) {
        (void)jl_obs_jmap_content(&m, "000007SF");
        (void)jl_obs_jmap_content(&m, "");
        jl_obs_jmap_dispose(&m);
    }
    return 0;
}
