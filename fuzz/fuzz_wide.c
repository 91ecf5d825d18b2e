/*
 * libFuzzer target: the wide CSV reader with its map ("MAP\n%%\nCSV",
 * obs_fuzz.h); without the marker the input is the map, over a small CSV
 * of SCB's shape, so that the map parser is fuzzed on its own too.
 */
#include "indicator/obs.h"
#include "obs_fuzz.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char csv[] = "regso,kommun,folkmangd_2022,folkmangd_2023,alder\n"
                              "1480R001,1480,10,11,..\n1480R002,1480,20,-,5\n";
    jl_err err = JL_ERR_INIT;
    jl_obs_text map, in;
    jl_obs_set set;

    split(&map, &in, data, size);
    if (!map.len) {
        map = in;
        map.name = "fuzz.map";
        in.data = csv;
        in.len = sizeof csv - 1;
    }
    if (jl_obs_read_wide_mem(&set, &in, &map, "d", fake_lookup, NULL, &err) == 0)
        jl_obs_set_dispose(&set);
    return 0;
}
