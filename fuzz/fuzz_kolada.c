/*
 * libFuzzer target: the Kolada reader (API v2 and v3) with its --map file
 * ("MAP\n%%\nJSON", obs_fuzz.h).
 */
#include "indicator/obs.h"
#include "obs_fuzz.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jl_err err = JL_ERR_INIT;
    jl_obs_text map, in;
    jl_obs_set set;

    split(&map, &in, data, size);
    if (jl_obs_read_kolada_mem(&set, &in, map.len ? &map : NULL, "d", fake_lookup, NULL, &err) ==
        0)
        jl_obs_set_dispose(&set);
    return 0;
}
