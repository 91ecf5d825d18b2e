#include "core/opt.h"
#include "core/i18n.h"
#include "core/limits.h"

#include <string.h>

int jl_opt_parse(jl_opt *opts, size_t nopts, char **pos, size_t maxpos, size_t *npos, int argc,
                 char **argv, jl_err *err)
{
    int i, ended = 0;
    size_t k;

    *npos = 0;
    for (k = 0; k < nopts; k++)
        opts[k].value = NULL;
    if (argc > JL_MAX_ARGS)
        return jl_err_set(err, JL_EUSAGE,
                          _("expected at most %d arguments, found %d (limit JL_MAX_ARGS)"),
                          JL_MAX_ARGS, argc);
    for (i = 0; i < argc; i++) {
        const char *a = argv[i];

        if (!ended && !strcmp(a, "--")) {
            /* What follows is positional, even "--quiet" (a file may be
             * named so); main.c leaves it here for the same reason. */
            ended = 1;
        } else if (!ended && a[0] == '-' && a[1] == '-' && a[2]) {
            const char *eq = strchr(a, '=');
            size_t len = eq ? (size_t)(eq - a) : strlen(a);

            for (k = 0; k < nopts; k++)
                if (strlen(opts[k].name) == len && !strncmp(opts[k].name, a, len))
                    break;
            if (k == nopts)
                return jl_err_set(err, JL_EUSAGE, _("unknown option %.*s"), (int)len, a);
            if (opts[k].value)
                return jl_err_set(err, JL_EUSAGE, _("option %s given twice"), opts[k].name);
            if (opts[k].has_value) {
                const char *v;

                if (eq) {
                    v = eq + 1;
                } else if (i + 1 < argc) {
                    v = argv[++i];
                    /* "--division --by grade": a forgotten value, not a
                     * division named "--by". */
                    if (v[0] == '-' && v[1] == '-' && v[2])
                        return jl_err_set(err, JL_EUSAGE,
                                          _("option %s needs a value, found the option %s"),
                                          opts[k].name, v);
                } else {
                    return jl_err_set(err, JL_EUSAGE, _("option %s needs a value"),
                                      opts[k].name);
                }
                if (!*v)
                    return jl_err_set(err, JL_EUSAGE,
                                      _("option %s needs a value, found an empty one"),
                                      opts[k].name);
                opts[k].value = v;
            } else {
                if (eq)
                    return jl_err_set(err, JL_EUSAGE, _("option %s takes no value"),
                                      opts[k].name);
                opts[k].value = "1";
            }
        } else {
            if (*npos >= maxpos)
                return jl_err_set(err, JL_EUSAGE, _("unexpected argument \"%s\""), a);
            pos[(*npos)++] = argv[i];
        }
    }
    return JL_OK;
}

const char *jl_opt_get(const jl_opt *opts, size_t nopts, const char *name)
{
    size_t k;

    for (k = 0; k < nopts; k++)
        if (!strcmp(opts[k].name, name))
            return opts[k].value;
    return NULL;
}
