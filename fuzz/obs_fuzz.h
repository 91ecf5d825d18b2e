/*
 * What the fuzz targets of the indicator readers share: a fake indicator
 * lookup (no database) and the split of one input into a map and data.
 */
#ifndef JL_FUZZ_OBS_FUZZ_H
#define JL_FUZZ_OBS_FUZZ_H

#include "indicator/obs.h"

#include <stdint.h>
#include <string.h>

/* Indicators starting with a lowercase letter are defined, "derived" is
 * derived, the rest unknown: a fuzzer reaches every answer. */
static inline int fake_lookup(void *ctx, const char *id)
{
    (void)ctx;
    if (!strcmp(id, "derived"))
        return 2;
    return id[0] >= 'a' && id[0] <= 'z';
}

/* An input "MAP\n%%\nDATA" is a map and data; without the marker it is
 * data alone (map->len == 0). */
static inline void split(jl_obs_text *map, jl_obs_text *in, const uint8_t *data, size_t size)
{
    static const char mark[] = "\n%%\n";
    const char *d = (const char *)data;
    size_t i;

    map->name = "fuzz.map";
    map->data = d;
    map->len = 0;
    in->name = "fuzz";
    in->data = d;
    in->len = size;
    for (i = 0; i + 4 <= size; i++)
        if (!memcmp(d + i, mark, 4)) {
            map->len = i + 1;
            in->data = d + i + 4;
            in->len = size - i - 4;
            return;
        }
}

#endif
