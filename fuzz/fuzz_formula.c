/*
 * libFuzzer target: the formula parser on any text, and the evaluator on
 * every formula it accepts: whatever the parser accepts, the evaluator
 * must hold (JL_MAX_FORMULA_STACK) without reading past its stack.
 */
#include "core/alloc.h"
#include "core/limits.h"
#include "indicator/def.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = jl_xmalloc(size + 1), msg[256];
    double vals[JL_MAX_FORMULA_LEAVES];
    jl_expr *x;
    size_t at, k;

    memcpy(s, data, size);
    s[size] = '\0';
    if (jl_expr_parse(&x, s, msg, sizeof msg, &at) == 0) {
        if (jl_expr_nrefs(x) > JL_MAX_FORMULA_LEAVES || !*jl_expr_ref(x, 0))
            __builtin_trap();
        for (k = 0; k < JL_MAX_FORMULA_LEAVES; k++)
            vals[k] = 1;
        (void)jl_expr_eval(x, vals);
        jl_expr_free(x);
    } else if (at > size)
        __builtin_trap(); /* the fault's offset lies in the formula */
    jl_free(s);
    return 0;
}
