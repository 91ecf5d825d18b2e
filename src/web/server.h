/*
 * jamlik serve: the HTTP server on libmicrohttpd. This module is the only
 * one that knows the library (web/http.h is what the handlers see).
 *
 * A pool of worker threads on epoll, each with its own read-only SQLite
 * connection opened at its first request; an inactivity timeout, a
 * connection limit and a per-connection memory limit (which bounds the
 * request line and headers); no request body anywhere (413 for a GET or
 * HEAD with one, 405 for any other method, read or not); an access log on
 * stderr without query strings. SIGTERM or SIGINT stops it gracefully:
 * the listening socket is closed, requests in flight finish (up to
 * JL_WEB_DRAIN_S), the connections and the store are closed, and
 * jl_web_serve returns 0.
 */
#ifndef JL_WEB_SERVER_H
#define JL_WEB_SERVER_H

#include <stdio.h>

#include "core/err.h"

/* How long a stop waits for requests in flight. Below systemd's default
 * TimeoutStopSec (90 s) by far; a page is answered in milliseconds. */
#define JL_WEB_DRAIN_S 10
/* A stop waits this long without a request starting or ending before it
 * takes the connections still open for idle: longer than any page takes
 * to render (the coldest area page of the demo, 0.2 s). */
#define JL_WEB_DRAIN_QUIET_MS 1000
/* Connections at once; nginx in front keeps far fewer open. */
#define JL_WEB_MAX_CONNECTIONS 512
/* Memory per connection: the request line and headers must fit. nginx's
 * large_client_header_buffers default (4 x 8 KiB) fits. */
#define JL_WEB_CONN_MEMORY (32 * 1024)
/* Worker threads at most. */
#define JL_WEB_MAX_THREADS 64

typedef struct jl_web_opts {
    const char *db;     /* the database, opened read-only by every worker */
    const char *listen; /* "HOST:PORT", "[V6]:PORT"; port 0 takes a free one */
    unsigned threads;   /* workers, 1..JL_WEB_MAX_THREADS */
    unsigned timeout;   /* seconds of inactivity before a connection is closed */
    FILE *announce;     /* where "listening on http://HOST:PORT/" goes once it is */
    FILE *log;          /* the access log; NULL for none */
} jl_web_opts;

/* Serves until SIGTERM or SIGINT. Returns 0 after a clean stop, or an
 * error (the database cannot be opened, the address cannot be bound). */
int jl_web_serve(const jl_web_opts *o, jl_err *err);

#endif
