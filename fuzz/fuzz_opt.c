/*
 * libFuzzer target: the command line's option parser on any argument
 * vector. The bytes are split at NUL into arguments (at most a few
 * thousand, past JL_MAX_ARGS), parsed against a table like a command's,
 * and every value read back.
 */
#include "core/alloc.h"
#include "core/opt.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jl_opt opts[] = {{"--wave", 1, NULL},     {"--division", 1, NULL}, {"--by", 1, NULL},
                     {"--quiet", 0, NULL},    {"--min-n", 1, NULL},    {"--strict", 0, NULL},
                     {"--d", 1, NULL}};
    const size_t nopts = sizeof opts / sizeof opts[0];
    jl_err err = JL_ERR_INIT;
    char *copy = jl_xmalloc(size + 1), **argv, *pos[3];
    size_t i, n = 0, npos = 0;
    int argc = 0;

    memcpy(copy, data, size);
    copy[size] = '\0';
    for (i = 0; i <= size; i++)
        if (copy[i] == '\0')
            n++;
    argv = jl_xmalloc(n * sizeof *argv);
    for (i = 0; i < size; i += strlen(copy + i) + 1)
        argv[argc++] = copy + i;
    if (jl_opt_parse(opts, nopts, pos, 3, &npos, argc, argv, &err) == 0) {
        for (i = 0; i < nopts; i++) {
            const char *v = jl_opt_get(opts, nopts, opts[i].name);

            if (v && !*v)
                __builtin_trap(); /* an empty value must never pass */
        }
        for (i = 0; i < npos; i++)
            (void)strlen(pos[i]);
    } else if (err.msg[0] == '\0') {
        __builtin_trap(); /* a refusal always says why */
    }
    jl_free(argv);
    jl_free(copy);
    return 0;
}
