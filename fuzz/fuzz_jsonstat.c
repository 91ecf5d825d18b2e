/*
 * libFuzzer target: the PxWeb readers (JSON-stat 2.0 and PxWeb v1 json)
 * with their --map file ("MAP\n%%\nJSON", obs_fuzz.h), once as they are
 * and once with a --select.
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
    if (jl_obs_read_jsonstat_mem(&set, &in, map.len ? &map : NULL, "d", NULL, fake_lookup, NULL,
                                 &err) == 0)
        jl_obs_set_dispose(&set);
    if (jl_obs_read_jsonstat_mem(&set, &in, map.len ? &map : NULL, "d", "Kon=2,Alder=0-9",
                                 fake_lookup, NULL, &err) == 0)
        jl_obs_set_dispose(&set);
    return 0;
}
