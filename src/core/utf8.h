/*
 * Strict UTF-8: decoding that rejects overlong forms, surrogates and values
 * above U+10FFFF (Lua lutf8lib.c utf8_decode), display width for terminal
 * tables, and comparison that ignores the case of ASCII letters and of
 * å, ä, ö, é, ü. cmark replaces bad bytes with U+FFFD; jamlik refuses them
 * instead, because a replacement would silently change imported data.
 * Pure functions, thread-safe.
 */
#ifndef JL_CORE_UTF8_H
#define JL_CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (n bytes available). Returns its length in
 * bytes (1-4) and stores it in *cp, or 0 if the bytes are not valid UTF-8. */
size_t jl_utf8_decode(uint32_t *cp, const unsigned char *s, size_t n);

/* Returns the byte offset of the first invalid sequence, or n if valid. */
size_t jl_utf8_check(const char *s, size_t n);

/* Number of code points in the first n bytes (invalid bytes count one). */
size_t jl_utf8_count(const char *s, size_t n);

/* Columns a terminal uses to show s (combining marks count zero). */
size_t jl_utf8_width(const char *s);

/* Compares ignoring case (ASCII and Swedish letters); like strcmp. */
int jl_utf8_casecmp(const char *a, const char *b);

/* Writes the code point as UTF-8 into out (4 bytes room); returns length. */
size_t jl_utf8_encode(char *out, uint32_t cp);

#endif
