/*
 * jamlik serve on libmicrohttpd (web/server.h): the one file that knows
 * the library. It turns a connection's request into a jl_req, lets
 * jl_web_handle answer it, and turns the jl_resp into an MHD response with
 * the security headers.
 */
#include "web/server.h"
#include "web/http.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "store/store.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct server {
    const jl_web_opts *o;
    unsigned long long boot;
    atomic_int inflight;
    atomic_int stopping;
    atomic_llong last_ms; /* when a request last started or ended (monotonic ms) */
    pthread_mutex_t mu;  /* guards workers */
    struct worker **workers; /* every worker's connection and cache, freed at the end */
    size_t nworkers, cap;
} server;

/* One request, from the first call of the handler to the
 * request-completed callback. */
typedef struct web_req {
    jl_arena *arena;
    char *uri; /* the target as received */
    size_t urilen;
    struct timespec t0;
    int status; /* 0 until answered here */
    size_t bytes;
    int counted; /* in inflight: the first call has been */
    int refuse;  /* 413: it has a body */
    char method[16];
} web_req;

/* What a worker thread keeps: its own read-only connection, opened at
 * its first request, and its rendered answers. */
typedef struct worker {
    jl_store *store;
    jl_web_cache *cache;
} worker;

static _Thread_local worker *tl_worker;

static worker *this_worker(server *s)
{
    jl_err e = JL_ERR_INIT;
    jl_store *st = NULL;
    worker *w;

    if (tl_worker)
        return tl_worker;
    if (jl_store_open(&st, s->o->db, JL_STORE_RO, NULL, &e) < 0)
        return NULL;
    w = jl_xcalloc(1, sizeof *w);
    w->store = st;
    w->cache = jl_web_cache_new();
    pthread_mutex_lock(&s->mu);
    s->workers = jl_xgrow(s->workers, &s->cap, s->nworkers + 1, sizeof *s->workers);
    s->workers[s->nworkers++] = w;
    pthread_mutex_unlock(&s->mu);
    tl_worker = w;
    return w;
}

/* The URL and query arguments are left as received: jl_target_parse
 * (web/query.c) decodes them exactly once and checks what it decodes. */
static size_t no_unescape(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    return strlen(s);
}

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
    jl_buf *b = cls;

    (void)kind;
    jl_buf_putc(b, b->len ? '&' : '?');
    jl_buf_puts(b, key);
    if (value) {
        jl_buf_putc(b, '=');
        jl_buf_puts(b, value);
    }
    return MHD_YES;
}

/* The request target as received: the path and the query arguments,
 * which libmicrohttpd has split (and turned '+' into ' ') but, with
 * no_unescape, not decoded. */
static const char *raw_target(struct MHD_Connection *c, jl_arena *a, const char *url,
                              size_t *len)
{
    jl_buf q;
    char *t;
    size_t ul = strlen(url);

    jl_buf_init(&q, a, JL_WEB_MAX_TARGET + 1);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg, &q);
    *len = ul + q.len;
    t = jl_arena_alloc(a, *len + 1);
    memcpy(t, url, ul);
    memcpy(t + ul, jl_buf_str(&q), q.len);
    t[*len] = 0;
    if (jl_buf_err(&q) < 0)
        *len = JL_WEB_MAX_TARGET + 1; /* over the limit: refused as too long */
    return t;
}

static long long now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* The log's copy of s: bytes that could break a log line or fool a
 * reader (controls, space, quotes, backslash, non-ASCII) as %XX, at most
 * max bytes of input. */
static void log_text(char *out, size_t outlen, const char *s, size_t max)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i, k = 0;

    for (i = 0; s[i] && i < max && k + 4 < outlen; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '%') {
            out[k++] = '%';
            out[k++] = hex[c >> 4];
            out[k++] = hex[c & 15];
        } else
            out[k++] = (char)c;
    }
    out[k] = 0;
}

/* One line per request: time (UTC), method, path without its query (a
 * query may carry what no log should keep), status ("-" when the library
 * answered or the client went away first), body bytes, milliseconds. */
static void access_log(server *s, const web_req *r)
{
    char path[600], method[64], ts[32];
    struct timespec t1;
    time_t now = time(NULL);
    struct tm tm;
    size_t plen = strcspn(r->uri, "?");
    double ms;

    if (!s->o->log)
        return;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ms = (double)(t1.tv_sec - r->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - r->t0.tv_nsec) / 1e6;
    gmtime_r(&now, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
    log_text(path, sizeof path, r->uri, plen < 200 ? plen : 200);
    log_text(method, sizeof method, r->method[0] ? r->method : "-", 15);
    if (r->status)
        fprintf(s->o->log, "%s %s %s %d %zu %.1fms\n", ts, method, path, r->status, r->bytes,
                ms);
    else
        fprintf(s->o->log, "%s %s %s - 0 %.1fms\n", ts, method, path, ms);
    fflush(s->o->log);
}

static void on_done(void *cls, struct MHD_Connection *c, void **req_cls,
                    enum MHD_RequestTerminationCode toe)
{
    server *s = cls;
    web_req *r = *req_cls;

    (void)c;
    (void)toe;
    /* Only requests that reached on_request have one: libmicrohttpd
     * answers malformed ones itself (its lines in the log). */
    if (!r)
        return;
    access_log(s, r);
    if (r->counted) {
        atomic_store(&s->last_ms, now_ms());
        atomic_fetch_sub(&s->inflight, 1);
    }
    jl_arena_free(r->arena);
    jl_free(r);
    *req_cls = NULL;
}

static enum MHD_Result send_resp(server *s, struct MHD_Connection *c, web_req *r,
                                 const jl_req *rq, const jl_resp *rs)
{
    struct MHD_Response *m;
    enum MHD_Result ok;
    size_t i;

    /* The body lives in the request's arena until on_done. */
    m = MHD_create_response_from_buffer(rs->status == 304 ? 0 : rs->body.len,
                                        rs->body.p ? rs->body.p : (char *)"",
                                        MHD_RESPMEM_PERSISTENT);
    if (!m)
        return MHD_NO;
    for (i = 0; jl_web_security_headers[i]; i += 2)
        MHD_add_response_header(m, jl_web_security_headers[i], jl_web_security_headers[i + 1]);
    if (rs->type && rs->status != 304)
        MHD_add_response_header(m, MHD_HTTP_HEADER_CONTENT_TYPE, rs->type);
    if (rs->etag && rq->etag[0])
        MHD_add_response_header(m, MHD_HTTP_HEADER_ETAG, rq->etag);
    if (rs->allow)
        MHD_add_response_header(m, MHD_HTTP_HEADER_ALLOW, rs->allow);
    if (atomic_load(&s->stopping))
        MHD_add_response_header(m, MHD_HTTP_HEADER_CONNECTION, "close");
    r->status = rs->status;
    r->bytes = rs->status == 304 ? 0 : rs->body.len;
    ok = MHD_queue_response(c, (unsigned)rs->status, m);
    MHD_destroy_response(m);
    return ok;
}

typedef struct head_check {
    int ncl, te, body, bad;
} head_check;

static enum MHD_Result check_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                    size_t key_size, const char *value, size_t value_size)
{
    head_check *h = cls;

    (void)kind;
    /* A NUL inside a name or value: the library keeps it, a C string
     * would cut it short and read it otherwise than a proxy did. */
    if (strlen(key) != key_size || (value && strlen(value) != value_size))
        h->bad = 1;
    if (!strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH)) {
        h->ncl++;
        h->body |= !value || strcmp(value, "0") != 0;
    } else if (!strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING))
        h->te = h->body = 1;
    return MHD_YES;
}

/* The first call for a request (headers read): refuses at once what
 * gets no answer but a refusal, which closes the connection without
 * reading a body. libmicrohttpd 0.9.75 takes the first of two
 * Content-Length headers and lets a NUL through; both, and a length
 * beside chunked coding, are smuggling's tools and answered 400. A GET or
 * HEAD with a body gets 413 (the pages are read only), any other method
 * 405 from the router. Returns 1 when the request is to be answered now. */
static int first_call(server *s, struct MHD_Connection *c, web_req *r, const char *method)
{
    head_check h = {0, 0, 0, 0};
    int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");

    r->counted = 1;
    atomic_fetch_add(&s->inflight, 1);
    atomic_store(&s->last_ms, now_ms());
    snprintf(r->method, sizeof r->method, "%s", method);
    MHD_get_connection_values_n(c, MHD_HEADER_KIND, check_header, &h);
    if (h.bad || h.ncl > 1 || (h.ncl && h.te))
        r->refuse = 400;
    else if (h.body && get)
        r->refuse = 413;
    return r->refuse || !get;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **req_cls)
{
    server *s = cls;
    web_req *r = *req_cls;
    jl_req rq;
    jl_resp rs;
    jl_err e = JL_ERR_INIT;
    int rc;

    (void)version;
    (void)upload_data;
    if (!r) {
        /* Made here, not in a URI callback: libmicrohttpd notifies the
         * completion of a request only once the handler has seen it. */
        r = jl_xcalloc(1, sizeof *r);
        r->arena = jl_arena_new();
        clock_gettime(CLOCK_MONOTONIC, &r->t0);
        r->uri = (char *)raw_target(c, r->arena, url, &r->urilen);
        *req_cls = r;
    }
    if (r->status) {
        /* Called again with a body after the answer: never read it. */
        *upload_data_size = 0;
        return MHD_YES;
    }
    /* libmicrohttpd closes the connection after an answer queued in the
     * first call; a plain GET is answered in the second, so that
     * keep-alive works. */
    if (!r->counted && !first_call(s, c, r, method))
        return MHD_YES;
    memset(&rq, 0, sizeof rq);
    rq.method = method;
    rq.arena = r->arena;
    rq.boot = s->boot;
    rq.refuse = r->refuse;
    rq.if_none_match = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                   MHD_HTTP_HEADER_IF_NONE_MATCH);
    rc = jl_target_parse(&rq.target, r->arena, r->uri, r->urilen, &e);
    if (rc < 0) {
        memset(&rq.target, 0, sizeof rq.target);
        rq.refuse = rc == JL_ELIMIT ? 414 : 400;
    }
    if (!rq.refuse) {
        worker *w = this_worker(s);

        rq.store = w ? w->store : NULL;
        rq.cache = w ? w->cache : NULL;
    }
    jl_web_handle(&rq, &rs);
    *upload_data_size = 0;
    return send_resp(s, c, r, &rq, &rs);
}

static void mhd_log(void *cls, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* libmicrohttpd's own messages, into the log with its name. */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    server *s = cls;

    if (!s->o->log)
        return;
    fputs("libmicrohttpd: ", s->o->log);
    vfprintf(s->o->log, fmt, ap);
    fflush(s->o->log);
}

/* "HOST:PORT" or "[V6]:PORT", numeric. */
static int parse_listen(struct sockaddr_storage *sa, socklen_t *len, int *v6, const char *s,
                        jl_err *err)
{
    char host[64];
    const char *colon = strrchr(s, ':');
    char *end;
    long port;
    size_t hl;

    memset(sa, 0, sizeof *sa);
    if (!colon || colon == s)
        goto bad;
    hl = (size_t)(colon - s);
    if (s[0] == '[') {
        if (hl < 3 || s[hl - 1] != ']')
            goto bad;
        s++;
        hl -= 2;
    }
    if (hl >= sizeof host)
        goto bad;
    memcpy(host, s, hl);
    host[hl] = 0;
    errno = 0;
    port = strtol(colon + 1, &end, 10);
    if (!colon[1] || *end || errno || port < 0 || port > 65535)
        goto bad;
    *v6 = strchr(host, ':') != NULL;
    if (*v6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)sa;

        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        if (inet_pton(AF_INET6, host, &a->sin6_addr) != 1)
            goto bad;
        *len = sizeof *a;
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)sa;

        a->sin_family = AF_INET;
        a->sin_port = htons((uint16_t)port);
        if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
            goto bad;
        *len = sizeof *a;
    }
    return JL_OK;
bad:
    return jl_err_set(err, JL_EUSAGE,
                      _("expected --listen as HOST:PORT with a numeric address (127.0.0.1:8080, "
                        "[::1]:8080), found \"%s\""),
                      s);
}

static struct MHD_Daemon *start(server *s, const struct sockaddr_storage *sa, int v6)
{
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
                     MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);

    return MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s,
        MHD_OPTION_SOCK_ADDR, sa, MHD_OPTION_THREAD_POOL_SIZE, s->o->threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)JL_WEB_MAX_CONNECTIONS,
        MHD_OPTION_CONNECTION_TIMEOUT, s->o->timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)JL_WEB_CONN_MEMORY, MHD_OPTION_STRICT_FOR_CLIENT, 1,
        MHD_OPTION_UNESCAPE_CALLBACK, no_unescape, s, MHD_OPTION_NOTIFY_COMPLETED, on_done, s,
        MHD_OPTION_END);
}

/* Stops taking connections, lets requests in flight finish, stops.
 * "In flight" includes requests already received on an open connection
 * that a busy worker has not started yet: the drain waits until no
 * request runs and either no connection is left (answers after the
 * quiesce say "Connection: close") or none has started or ended for
 * JL_WEB_DRAIN_QUIET_MS (idle keep-alive connections, nginx's among them),
 * at most JL_WEB_DRAIN_S in all. */
static void drain(server *s, struct MHD_Daemon *d)
{
    MHD_socket fd;
    const union MHD_DaemonInfo *listen_info;
    struct timespec pause = {0, 10 * 1000 * 1000};
    long long t0 = now_ms(), t;

    atomic_store(&s->stopping, 1);
    atomic_store(&s->last_ms, t0);
    /* Closing the listening socket resets every connection the kernel has
     * accepted and the workers have not yet taken (under load, a dozen):
     * those clients sent their requests before the stop. Wait until the
     * queue is empty first; answers from now on say "Connection: close". */
    listen_info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_LISTEN_FD);
    if (listen_info) {
        struct pollfd p;

        p.fd = listen_info->listen_fd;
        p.events = POLLIN;
        while (now_ms() - t0 < JL_WEB_DRAIN_S * 1000LL / 2 && poll(&p, 1, 0) > 0 &&
               (p.revents & POLLIN))
            nanosleep(&pause, NULL);
    }
    fd = MHD_quiesce_daemon(d);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    for (t = t0; t - t0 < JL_WEB_DRAIN_S * 1000LL; t = now_ms()) {
        const union MHD_DaemonInfo *info =
            MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);

        if (atomic_load(&s->inflight) == 0 &&
            ((info && info->num_connections == 0) ||
             t - atomic_load(&s->last_ms) >= JL_WEB_DRAIN_QUIET_MS))
            break;
        nanosleep(&pause, NULL);
    }
    MHD_stop_daemon(d);
}

int jl_web_serve(const jl_web_opts *o, jl_err *err)
{
    struct sockaddr_storage sa;
    socklen_t salen = 0;
    sigset_t stop, old;
    struct MHD_Daemon *d;
    const union MHD_DaemonInfo *info;
    struct timespec now;
    jl_store *check = NULL;
    server s;
    size_t i;
    int v6 = 0, sig = 0;

    if (parse_listen(&sa, &salen, &v6, o->listen, err) < 0)
        return JL_EUSAGE;
    /* Refuse a missing or foreign database now, not at the first request. */
    if (jl_store_open(&check, o->db, JL_STORE_RO, NULL, err) < 0)
        return err->code;
    jl_store_close(check);
    memset(&s, 0, sizeof s);
    s.o = o;
    clock_gettime(CLOCK_REALTIME, &now);
    s.boot = (unsigned long long)now.tv_sec * 1000000ull + (unsigned long long)now.tv_nsec / 1000;
    pthread_mutex_init(&s.mu, NULL);
    /* The workers inherit a mask that blocks the stop signals, so that
     * only sigwait below receives them. */
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, &old);
    signal(SIGPIPE, SIG_IGN);
    d = start(&s, &sa, v6);
    if (!d) {
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        pthread_mutex_destroy(&s.mu);
        return jl_err_set(err, JL_EIO, _("cannot listen on %s: %s"), o->listen,
                          jl_strerror(errno));
    }
    info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    if (o->announce) {
        char host[64];

        if (v6)
            inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&sa)->sin6_addr, host, sizeof host);
        else
            inet_ntop(AF_INET, &((struct sockaddr_in *)&sa)->sin_addr, host, sizeof host);
        if (v6)
            fprintf(o->announce, "listening on http://[%s]:%u/\n", host,
                    info ? (unsigned)info->port : 0u);
        else
            fprintf(o->announce, "listening on http://%s:%u/\n", host,
                    info ? (unsigned)info->port : 0u);
        fflush(o->announce);
    }
    while (sigwait(&stop, &sig) != 0)
        ;
    drain(&s, d);
    for (i = 0; i < s.nworkers; i++) {
        jl_store_close(s.workers[i]->store);
        jl_web_cache_free(s.workers[i]->cache);
        jl_free(s.workers[i]);
    }
    jl_free(s.workers);
    pthread_mutex_destroy(&s.mu);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (o->log) {
        fprintf(o->log, "stopped on signal %d\n", sig);
        fflush(o->log);
    }
    return JL_OK;
}
