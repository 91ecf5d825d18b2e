#include "cli/output.h"
#include "core/alloc.h"
#include "core/i18n.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* "dir/.name.XXXXXX" beside path: the same file system, so rename is
 * atomic. */
static char *tmp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    char *t = jl_xmalloc(strlen(path) + 16);

    memcpy(t, path, dir);
    snprintf(t + dir, strlen(path) + 16 - dir, ".%s.XXXXXX", path + dir);
    return t;
}

/* The temporary file of this process, removed if a signal (Ctrl-C, a
 * kill) ends it before the rename: a signal handler can reach nothing
 * else, and the command line writes one output per process. */
static char *volatile pending;

static void on_signal(int sig)
{
    char *t = pending;

    if (t)
        unlink(t);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void watch(char *tmp)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
    size_t i;

    pending = tmp;
    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], tmp ? on_signal : SIG_DFL);
}

int jl_cli_output_open(jl_cli_output *o, jl_cli *cli, const char *path, const char *stamp,
                       jl_err *err)
{
    mode_t mask;
    int fd;

    o->path = path;
    o->tmp = tmp_name(path);
    fd = mkstemp(o->tmp);
    if (fd < 0) {
        int e = errno;

        jl_free(o->tmp);
        o->tmp = NULL;
        return jl_err_set(err, JL_EIO, _("could not create a file beside %s: %s"), path,
                          strerror(e));
    }
    watch(o->tmp);
    /* mkstemp makes it 0600; the file made should be as any other. */
    mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    if (cli->format == JL_FMT_XLSX) {
        /* libxlsxwriter writes the file by name when the book is closed. */
        close(fd);
        cli->book = jl_book_new(o->tmp, stamp);
        return JL_OK;
    }
    cli->out = fdopen(fd, "w");
    if (!cli->out) {
        int e = errno;

        close(fd);
        watch(NULL);
        unlink(o->tmp);
        jl_free(o->tmp);
        o->tmp = NULL;
        cli->out = stdout;
        return jl_err_set(err, JL_EIO, _("could not write %s: %s"), path, strerror(e));
    }
    return JL_OK;
}

/* Writes the temporary file to disk: 0 or an errno. */
static int finish(jl_cli *cli)
{
    int e = 0;

    if (fflush(cli->out) != 0 || ferror(cli->out))
        e = errno ? errno : EIO;
    if (!e && fsync(fileno(cli->out)) != 0)
        e = errno;
    if (fclose(cli->out) != 0 && !e)
        e = errno;
    cli->out = stdout;
    return e;
}

int jl_cli_output_close(jl_cli_output *o, jl_cli *cli, int ok, jl_err *err)
{
    int rc = JL_OK, e = 0;

    if (!o->tmp)
        return JL_OK;
    if (cli->book) {
        if (ok && jl_book_nsheets(cli->book) == 0) {
            /* An empty workbook would pass for a result. */
            fprintf(stderr, _("%s: the command wrote no table; nothing written\n"), o->path);
            ok = 0;
        }
        if (ok)
            rc = jl_book_close(cli->book, err);
        else
            jl_book_free(cli->book);
        cli->book = NULL;
    } else {
        e = finish(cli);
        if (ok && e)
            rc = jl_err_set(err, JL_EIO, _("could not write %s: %s"), o->path, strerror(e));
    }
    if (ok && rc == JL_OK && rename(o->tmp, o->path) != 0)
        rc = jl_err_set(err, JL_EIO, _("could not write %s: %s"), o->path, strerror(errno));
    if (!ok || rc < 0)
        unlink(o->tmp);
    watch(NULL);
    jl_free(o->tmp);
    o->tmp = NULL;
    return rc;
}
