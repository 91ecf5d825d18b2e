/*
 * libFuzzer target: crosswalk key tables (geo/xwkey.c) on any bytes,
 * decoded as the command decodes them: against a to-division of a few
 * codes (refusing and skipping the others) and against none. A table read
 * must hold at least one pair, each from-code once, no empty code.
 */
#include "core/alloc.h"
#include "core/limits.h"
#include "core/strmap.h"
#include "core/text.h"
#include "geo/xwkey.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jl_err err = JL_ERR_INIT;
    jl_strmap *known = jl_strmap_new();
    char *text = NULL;
    size_t len, i;
    int mode;

    jl_strmap_put(known, "A", 0, NULL);
    jl_strmap_put(known, "1280R073", 1, NULL);
    jl_strmap_put(known, "1480R001", 2, NULL);
    if (jl_text_from_mem(&text, &len, NULL, "fuzz", (const char *)data, size, JL_ENC_AUTO,
                         &err) < 0) {
        jl_strmap_free(known);
        return 0;
    }
    for (mode = 0; mode < 3; mode++) {
        jl_xwkey k;
        jl_strmap *seen;

        if (jl_xwkey_parse(&k, text, len, "fuzz", "deso_2018", "regso_2020_kod", mode ? known : NULL,
                           "regso",
                           mode == 2, &err) < 0)
            continue;
        if (k.n == 0)
            abort();
        seen = jl_strmap_new();
        for (i = 0; i < k.n; i++)
            if (!*k.from[i] || !*k.to[i] || strlen(k.from[i]) > JL_MAX_CODE ||
                strlen(k.to[i]) > JL_MAX_CODE || !jl_strmap_put(seen, k.from[i], i, NULL) ||
                (mode && !jl_strmap_get(known, k.to[i], NULL)))
                abort();
        jl_strmap_free(seen);
        jl_xwkey_dispose(&k);
    }
    jl_free(text);
    jl_strmap_free(known);
    return 0;
}
