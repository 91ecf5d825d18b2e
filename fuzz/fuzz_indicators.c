/*
 * libFuzzer target: indicator definitions on any bytes; every formula of
 * a file it accepts is parsed again and evaluated, as `indicator show`
 * does.
 */
#include "core/alloc.h"
#include "core/diag.h"
#include "indicator/def.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int known(void *ctx, const char *id)
{
    (void)ctx;
    return id[0] >= 'a' && id[0] <= 'm';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jl_indicator *v = NULL;
    size_t n = 0, i, k;
    jl_diag d;

    jl_diag_init(&d, "fuzz");
    if (jl_indicators_parse(&v, &n, (const char *)data, size, &d, known, NULL) == 0) {
        for (i = 0; i < n; i++) {
            jl_expr *x;
            double vals[64];
            char msg[256];
            size_t at;

            if (!v[i].formula)
                continue;
            if (jl_expr_parse(&x, v[i].formula, msg, sizeof msg, &at) < 0)
                __builtin_trap(); /* accepted once, refused now */
            for (k = 0; k < 64; k++)
                vals[k] = (double)k - 3;
            (void)jl_expr_eval(x, vals);
            jl_expr_free(x);
        }
        jl_indicators_free(v, n);
    }
    jl_diag_dispose(&d);
    return 0;
}
