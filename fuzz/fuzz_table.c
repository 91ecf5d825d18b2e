/*
 * libFuzzer target: the one-row-per-area CSV table (geo/table.c) on any
 * bytes, decoded as the commands decode them. A table read must hold
 * unique, non-empty codes within JL_MAX_CODE and finite numbers.
 */
#include "core/alloc.h"
#include "core/limits.h"
#include "core/strmap.h"
#include "core/text.h"
#include "geo/table.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const cols[] = {"v", "w"};
    jl_err err = JL_ERR_INIT;
    jl_geo_table t;
    char *text = NULL;
    size_t len, i, ncol;

    if (jl_text_from_mem(&text, &len, NULL, "fuzz", (const char *)data, size, JL_ENC_AUTO,
                         &err) < 0)
        return 0;
    for (ncol = 0; ncol <= 2; ncol++) {
        jl_strmap *seen;

        if (jl_geo_table_parse(&t, text, len, "fuzz", "kod", cols, ncol, &err) < 0)
            continue;
        seen = jl_strmap_new();
        for (i = 0; i < t.n; i++) {
            if (!*t.codes[i] || strlen(t.codes[i]) > JL_MAX_CODE ||
                !jl_strmap_put(seen, t.codes[i], i, NULL))
                abort();
        }
        for (i = 0; i < t.n * ncol; i++)
            if (!isfinite(t.val[i]))
                abort();
        jl_strmap_free(seen);
        jl_geo_table_dispose(&t);
    }
    jl_free(text);
    return 0;
}
