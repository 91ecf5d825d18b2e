/*
 * libFuzzer target: weights files (geo/wfile.c) on any bytes, decoded as
 * the commands decode them, against a fixed set of area codes: once
 * refusing unknown codes (weights, autocorr), once dropping them
 * (segregation). Weights read are restyled and summarised as autocorr
 * does; every link must join two different known areas.
 */
#include "core/alloc.h"
#include "core/text.h"
#include "geo/wfile.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const CODES[] = {"1", "2", "3", "4", "5", "A", "B", "Göteborg", "x y", ""};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jl_err err = JL_ERR_INIT;
    char *text = NULL;
    size_t len, n = sizeof CODES / sizeof CODES[0] - 1, dropped, i, e;
    int drop;

    if (jl_text_from_mem(&text, &len, NULL, "fuzz", (const char *)data, size, JL_ENC_AUTO,
                         &err) < 0)
        return 0;
    for (drop = 0; drop < 2; drop++) {
        jl_spw w;

        if (jl_wfile_weights(&w, text, len, "fuzz", CODES, n, drop ? &dropped : NULL, &err) < 0)
            continue;
        if (w.n != n)
            abort();
        for (i = 0; i < w.n; i++)
            for (e = w.off[i]; e < w.off[i + 1]; e++)
                if (w.nb[e] >= n || w.nb[e] == i || !(w.w[e] >= 0))
                    abort();
        {
            jl_spw_summary s;

            jl_spw_summarise(&w, &s, NULL);
            (void)jl_spw_set_style(&w, 'W', &err);
        }
        jl_spw_dispose(&w);
    }
    jl_free(text);
    return 0;
}
