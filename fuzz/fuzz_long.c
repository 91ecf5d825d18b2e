/*
 * libFuzzer target: the long CSV reader of observations on any bytes.
 */
#include "indicator/obs.h"
#include "obs_fuzz.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jl_err err = JL_ERR_INIT;
    jl_obs_text in = {"fuzz.csv", (const char *)data, size};
    jl_obs_set set;

    if (jl_obs_read_long_mem(&set, &in, "d", fake_lookup, NULL, &err) == 0)
        jl_obs_set_dispose(&set);
    return 0;
}
