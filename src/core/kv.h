/*
 * The stanza format of jamlik's hand-edited files (instruments, column
 * mappings): UTF-8 text of `key: value` lines in stanzas separated by blank
 * lines, `#` comment lines (lines end in LF, CRLF or CR), and continuation lines that start with
 * whitespace (joined to the value with one space). Like a Debian control
 * file, which people edit by hand without tools. Every entry keeps the
 * line and column of its key and value for precise errors.
 *
 * jl_kv owns copies of all strings; free with jl_kv_free.
 */
#ifndef JL_CORE_KV_H
#define JL_CORE_KV_H

#include <stddef.h>

#include "core/diag.h"

typedef struct jl_kv_entry {
    char *key, *value;
    long line, kcol, vcol;
    size_t vlen, vcap; /* the parser's: value's length and allocation */
} jl_kv_entry;

typedef struct jl_kv_stanza {
    jl_kv_entry *e;
    size_t n, cap;
    long line; /* first line */
} jl_kv_stanza;

typedef struct jl_kv {
    jl_kv_stanza *s;
    size_t n, cap;
} jl_kv;

/* Parses text; problems go to diag (parsing goes on after them). Returns
 * the document (never NULL). */
jl_kv *jl_kv_parse(const char *text, size_t len, jl_diag *diag);
void jl_kv_free(jl_kv *kv);

/* First entry with key in stanza s, or NULL. */
const jl_kv_entry *jl_kv_get(const jl_kv_stanza *s, const char *key);

#endif
