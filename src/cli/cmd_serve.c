/*
 * jamlik serve: the web application (src/web/) on the database of --db,
 * until SIGTERM or SIGINT. The command parses and hands over; the server
 * opens the database read-only in each of its workers.
 */
#include "cli/commands.h"
#include "core/i18n.h"
#include "core/num.h"
#include "web/server.h"

#include <unistd.h>

/* A whole number in [lo, hi] from option name's value, or def when absent. */
static int number(unsigned *out, const char *v, const char *name, long lo, long hi,
                  unsigned def, jl_err *err)
{
    long n;

    *out = def;
    if (!v)
        return JL_OK;
    if (jl_parse_long(&n, v) < 0 || n < lo || n > hi)
        return jl_err_set(err, JL_EUSAGE, _("expected %s as a whole number from %ld to %ld, "
                                            "found \"%s\""),
                          name, lo, hi, v);
    *out = (unsigned)n;
    return JL_OK;
}

int cmd_serve(jl_cli *cli, int argc, char **argv, jl_err *err)
{
    jl_opt opts[] = {{"--listen", 1, NULL}, {"--threads", 1, NULL}, {"--timeout", 1, NULL}};
    const size_t nopts = sizeof opts / sizeof opts[0];
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    jl_web_opts o;
    size_t npos;
    int rc;

    rc = jl_cli_parse(opts, nopts, NULL, 0, &npos, argc, argv, err);
    if (rc < 0)
        return rc;
    o.db = cli->db_path;
    o.listen = jl_cli_opt(opts, nopts, "--listen");
    if (!o.listen)
        o.listen = "127.0.0.1:8080";
    if (cores < 1)
        cores = 1;
    rc = number(&o.threads, jl_cli_opt(opts, nopts, "--threads"), "--threads", 1,
                JL_WEB_MAX_THREADS, (unsigned)(cores < JL_WEB_MAX_THREADS ? cores : 4), err);
    if (rc == 0)
        rc = number(&o.timeout, jl_cli_opt(opts, nopts, "--timeout"), "--timeout", 1, 3600, 15,
                    err);
    if (rc < 0)
        return rc;
    o.announce = cli->out;
    o.log = stderr;
    return jl_web_serve(&o, err);
}
