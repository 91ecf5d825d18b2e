/*
 * A request and its answer as the handlers see them, with no
 * libmicrohttpd type in sight (only web/server.c knows the library): a
 * unit test or a fuzzer builds a jl_req itself and calls jl_web_handle,
 * as h2o's tests call h2o_init_request without a socket.
 *
 * Everything a request allocates comes from its arena, cleared once when
 * the answer has been sent (libmicrohttpd's request-completed callback).
 * A handler returns the HTTP status (civetweb's contract) and fills the
 * body; an error status with an empty body gets the standard error page
 * (HTML for pages, JSON for the API).
 */
#ifndef JL_WEB_HTTP_H
#define JL_WEB_HTTP_H

#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "store/store.h"
#include "web/cache.h"
#include "web/query.h"

/* The largest answer: the start page of a city with every area listed is
 * about 100 KiB; a larger one is a bug or a database far beyond a city. */
#define JL_WEB_MAX_BODY ((size_t)16 << 20)

typedef struct jl_req {
    const char *method;       /* "GET", "HEAD", ... as received */
    jl_target target;         /* the parsed target */
    const char *const *seg;   /* the route's segments: target's, "en" prefix removed */
    size_t nseg;
    jl_lang lang;             /* Swedish unless /en/ (pages) or ?lang=en (API) */
    int api;                  /* under /api/: errors as JSON */
    const char *if_none_match; /* the header, or NULL */
    jl_arena *arena;
    jl_store *store;          /* the worker's read-only connection; NULL if it could not open */
    int refuse;               /* a status the adapter chose before routing (400 for a target
                               * that does not parse, 413 for a body): answered as such */
    unsigned long long boot;  /* the server's start, in its ETags */
    jl_web_cache *cache;      /* the worker's rendered answers, or NULL */
    long dv;                  /* the data version, set by jl_web_handle */
    char etag[96];            /* set by jl_web_handle for cacheable answers */
} jl_req;

typedef struct jl_resp {
    int status;
    const char *type;  /* Content-Type; set with the body */
    jl_buf body;       /* in the request's arena */
    const char *allow; /* for 405: the methods allowed */
    int etag;          /* 1: the answer carries the request's ETag */
} jl_resp;

/* Answers rq into rs (rs is initialised here): the method checked, the
 * route found, a conditional GET answered 304 from the ETag (the data
 * version, the language, the server's start), the handler run, and an
 * error without a body given the standard one. rs->status is the
 * status. */
void jl_web_handle(jl_req *rq, jl_resp *rs);

/* The headers every answer carries (Content-Security-Policy without
 * inline script or style, frame-ancestors 'none', nosniff, the referrer
 * policy ...): pairs of name and value, ending with NULL. */
extern const char *const jl_web_security_headers[];

/* The standard error answer for status: an HTML page in the request's
 * language, or for the API {"error": {"status": N, "code": "...",
 * "message": "..."}}. msg NULL: the status's own words. */
int jl_web_error(jl_req *rq, jl_resp *rs, int status, const char *msg);

/* Starts the body as type. */
void jl_resp_begin(jl_resp *rs, jl_req *rq, const char *type);

/* The reason phrase of status ("Not Found"). */
const char *jl_web_reason(int status);

#endif
