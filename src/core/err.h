/*
 * jl_err: the one error type of jamlik.
 *
 * A function that can fail returns 0 (JL_OK) or a negative code and fills a
 * caller-owned jl_err with a one-line message and, where the fault lies in
 * an input file, its position. Setting an error never allocates, so it works
 * when memory is short. Thread-safe: no global state.
 */
#ifndef JL_CORE_ERR_H
#define JL_CORE_ERR_H

enum {
    JL_OK = 0,
    JL_ERR = -1,      /* anything not listed below */
    JL_EINPUT = -2,   /* bad input: the user can fix it */
    JL_ENOTFOUND = -3,
    JL_EEXISTS = -4,
    JL_ELIMIT = -5,   /* input over a documented limit */
    JL_EIO = -6,
    JL_ESTORE = -7,
    JL_EUSAGE = -8    /* wrong use of a command (exit status 2) */
};

typedef struct jl_err {
    int code;
    char msg[512];  /* one line, plain words, no final period */
    char file[256]; /* the input file ("" if none), not a source file */
    long line, col; /* 1-based; 0 when unknown; col counts characters */
} jl_err;

#define JL_ERR_INIT {0, {0}, {0}, 0, 0}

/* Clears err. */
void jl_err_clear(jl_err *err);

/* Sets code and message; no position. Returns code. */
int jl_err_set(jl_err *err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Sets code, position and message. Returns code. */
int jl_err_at(jl_err *err, int code, const char *file, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Formats err as "FILE:LINE:COL: error: MSG" (parts left out when unknown)
 * into buf of size len. Returns buf. */
char *jl_err_format(char *buf, unsigned long len, const jl_err *err);

#endif
