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

/* What the reader can do next, as a code. The store and the views state
 * facts; the face that shows an error words its hint (the command line as
 * a command to run, the web application as a link), after the message. */
typedef enum {
    JL_HINT_NONE = 0,
    JL_HINT_INIT,              /* create a database with init */
    JL_HINT_INIT_OR_DB,        /* create one, or name another file */
    JL_HINT_DB_IN_FOLDER,      /* name a file inside the folder */
    JL_HINT_INSTRUMENT_IMPORT, /* import the instrument first */
    JL_HINT_SURVEY_LIST,       /* see which waves there are */
    JL_HINT_AREAS_IMPORT,      /* import the division first */
    JL_HINT_GROUP_CREATE,      /* create the group first */
    JL_HINT_INDICATOR_LIST,    /* see which indicators there are */
    JL_HINT_WAVE_REPLACE,      /* import it anew with --replace, or delete it */
    JL_HINT_CP1252,            /* the bytes read as Windows-1252 */
} jl_hint;

typedef struct jl_err {
    int code;
    jl_hint hint;   /* JL_HINT_NONE unless the setter adds one */
    char msg[512];  /* one line, plain words, no final period */
    char file[256]; /* the input file ("" if none), not a source file */
    long line, col; /* 1-based; 0 when unknown; col counts characters */
} jl_err;

#define JL_ERR_INIT {0, JL_HINT_NONE, {0}, {0}, 0, 0}

/* Clears err. */
void jl_err_clear(jl_err *err);

/* Sets code and message; no position. Returns code. */
int jl_err_set(jl_err *err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Sets code, position and message. Returns code. */
int jl_err_at(jl_err *err, int code, const char *file, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Adds hint h to the error err holds. Returns err's code. */
int jl_err_hint(jl_err *err, jl_hint h);

/* Formats err as "FILE:LINE:COL: error: MSG" (parts left out when unknown)
 * into buf of size len. Returns buf. */
char *jl_err_format(char *buf, unsigned long len, const jl_err *err);

#endif
