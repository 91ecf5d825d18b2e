/*
 * libFuzzer target: the instrument parser on any bytes; an instrument it
 * accepts is then scored on answers taken from the same bytes, so the
 * scorer meets whatever the parser lets through.
 */
#include "core/alloc.h"
#include "core/diag.h"
#include "survey/instrument.h"
#include "survey/score.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jl_instrument *in = NULL;
    jl_diag d;

    jl_diag_init(&d, "fuzz");
    if (jl_instrument_parse(&in, (const char *)data, size, &d) == 0) {
        size_t n = 8, i, j;
        uint8_t *ans = jl_xcalloc(n * (in->nitems ? in->nitems : 1), 1);
        uint8_t *st = jl_xmalloc(n * (in->nscales ? in->nscales : 1));
        double *sc = jl_xmalloc(n * (in->nscales ? in->nscales : 1) * sizeof(double));
        double *se = jl_xmalloc(n * (in->nscales ? in->nscales : 1) * sizeof(double));
        jl_scorer *s = jl_scorer_new(in);

        /* Answer bytes: 0 (no answer) or a valid code position + 1. */
        for (i = 0; i < n; i++)
            for (j = 0; j < in->nitems; j++) {
                size_t k = (i * 131 + j * 7) % (size ? size : 1);

                ans[i * in->nitems + j] =
                    (uint8_t)(size ? data[k] % (in->items[j].ncodes + 1) : 0);
            }
        jl_scorer_run(s, ans, n, st, sc, se);
        jl_scorer_free(s);
        jl_free(ans);
        jl_free(st);
        jl_free(sc);
        jl_free(se);
        jl_instrument_free(in);
    }
    jl_diag_dispose(&d);
    return 0;
}
