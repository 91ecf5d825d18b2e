#include "core/text.h"
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

int jl_encoding_parse(jl_encoding *out, const char *name, jl_err *err)
{
    if (!strcasecmp(name, "auto"))
        *out = JL_ENC_AUTO;
    else if (!strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8"))
        *out = JL_ENC_UTF8;
    else if (!strcasecmp(name, "cp1252") || !strcasecmp(name, "windows-1252"))
        *out = JL_ENC_CP1252;
    else if (!strcasecmp(name, "latin1") || !strcasecmp(name, "iso-8859-1"))
        *out = JL_ENC_LATIN1;
    else
        return jl_err_set(err, JL_EUSAGE,
                          _("expected an encoding (auto, utf-8, cp1252, latin1), found \"%s\""),
                          name);
    return JL_OK;
}

void jl_text_pos(long *line, long *col, const char *s, size_t off)
{
    size_t i, start = 0;
    long ln = 1;

    for (i = 0; i < off; i++)
        if (s[i] == '\n') {
            ln++;
            start = i + 1;
        }
    *line = ln;
    *col = (long)jl_utf8_count(s + start, off - start) + 1;
}

static int convert(char **out, size_t *len, const char *name, const char *data, size_t n,
                   const char *from, jl_err *err)
{
    iconv_t cd = iconv_open("UTF-8", from);
    char *in = (char *)data, *dst, *o;
    size_t inleft = n, outleft, cap = n * 3 + 1;
    long line, col;

    if (cd == (iconv_t)-1)
        return jl_err_set(err, JL_ERR, _("cannot convert from %s: %s"), from, jl_strerror(errno));
    dst = jl_xmalloc(cap);
    o = dst;
    outleft = cap - 1;
    if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
        size_t off = (size_t)(in - data);
        /* Position in the original bytes: every byte before is one char. */
        jl_text_pos(&line, &col, data, off);
        iconv_close(cd);
        jl_free(dst);
        return jl_err_at(err, JL_EINPUT, name, line, col,
                         _("expected text in %s, found the byte 0x%02X"), from,
                         (unsigned)(unsigned char)data[off]);
    }
    iconv_close(cd);
    *o = '\0';
    *out = dst;
    *len = (size_t)(o - dst);
    return JL_OK;
}

static int has_multibyte(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i;
    uint32_t cp;

    for (i = 0; i < n; i++)
        if (p[i] >= 0xC2 && jl_utf8_decode(&cp, p + i, n - i) > 1)
            return 1;
    return 0;
}

/* 1 if every byte has a character in Windows-1252 (five bytes have none). */
static int fits_cp1252(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i] == 0x81 || p[i] == 0x8D || p[i] == 0x8F || p[i] == 0x90 || p[i] == 0x9D)
            return 0;
    return 1;
}

int jl_text_from_mem(char **out, size_t *len, jl_encoding *used, const char *name,
                     const char *data, size_t n, jl_encoding enc, jl_err *err)
{
    const char *nul;
    size_t bad;
    long line, col;

    if (n == 0)
        return jl_err_at(err, JL_EINPUT, name, 0, 0, _("expected data, found an empty file"));
    if (n > JL_TEXT_MAX)
        return jl_err_at(err, JL_ELIMIT, name, 0, 0,
                         _("expected a file of at most %zu bytes, found a larger one (limit JL_TEXT_MAX)"), JL_TEXT_MAX);
    /* Excel's "Unicode text" is UTF-16: say so rather than "binary". */
    if (n >= 2 && ((data[0] == '\xFF' && data[1] == '\xFE') ||
                   (data[0] == '\xFE' && data[1] == '\xFF')))
        return jl_err_at(err, JL_EINPUT, name, 1, 1,
                         _("expected UTF-8, Windows-1252 or Latin-1 text, found UTF-16 (save "
                           "the file as \"CSV UTF-8\")"));
    nul = memchr(data, '\0', n);
    if (nul) {
        jl_text_pos(&line, &col, data, (size_t)(nul - data));
        return jl_err_at(err, JL_EINPUT, name, line, col,
                         _("expected text, found binary data (a NUL byte)"));
    }
    if (n >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
        data += 3;
        n -= 3;
        if (enc == JL_ENC_AUTO)
            enc = JL_ENC_UTF8;
    }
    if (enc == JL_ENC_AUTO || enc == JL_ENC_UTF8) {
        bad = jl_utf8_check(data, n);
        if (bad == n) {
            *out = jl_xstrndup(data, n);
            *len = n;
            if (used)
                *used = JL_ENC_UTF8;
            return JL_OK;
        }
        /* A file with valid multibyte UTF-8 sequences and a broken one is a
         * broken UTF-8 file, not a Windows-1252 file: converting it would
         * turn "å" into "Ã¥" silently. */
        if (enc == JL_ENC_UTF8 || has_multibyte(data, n)) {
            int multi = has_multibyte(data, n);

            jl_text_pos(&line, &col, data, bad);
            jl_err_at(err, JL_EINPUT, name, line, col,
                      _("expected UTF-8 text, found the invalid byte 0x%02X"),
                      (unsigned)(unsigned char)data[bad]);
            /* Read as UTF-8 on purpose, and no UTF-8 in it at all: the
             * file is most likely Windows-1252 (Excel's CSV, Notepad's
             * "ANSI"). With UTF-8 in it, it is a broken UTF-8 file. */
            if (!multi && fits_cp1252(data, n))
                return jl_err_hint(err, JL_HINT_CP1252);
            return JL_EINPUT;
        }
        enc = JL_ENC_CP1252;
    }
    if (used)
        *used = enc;
    return convert(out, len, name, data, n, enc == JL_ENC_LATIN1 ? "ISO-8859-1" : "CP1252", err);
}

int jl_file_load(char **out, size_t *len, const char *path, jl_err *err)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    char *data;
    size_t n;

    if (!f)
        return jl_err_at(err, JL_EIO, path, 0, 0, _("cannot open the file: %s"), jl_strerror(errno));
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        return jl_err_at(err, JL_EIO, path, 0, 0, _("expected a regular file"));
    }
    if ((unsigned long long)st.st_size > JL_TEXT_MAX) {
        fclose(f);
        return jl_err_at(err, JL_ELIMIT, path, 0, 0,
                         _("expected a file of at most %zu bytes, found a larger one (limit JL_TEXT_MAX)"), JL_TEXT_MAX);
    }
    n = (size_t)st.st_size;
    data = jl_xmalloc(n + 1);
    if (n && fread(data, 1, n, f) != n) {
        fclose(f);
        jl_free(data);
        return jl_err_at(err, JL_EIO, path, 0, 0, _("cannot read the file"));
    }
    fclose(f);
    data[n] = '\0';
    *out = data;
    *len = n;
    return JL_OK;
}

int jl_text_load(char **out, size_t *len, jl_encoding *used, const char *path, jl_encoding enc,
                 jl_err *err)
{
    char *data;
    size_t n;
    int rc = jl_file_load(&data, &n, path, err);

    if (rc < 0)
        return rc;
    rc = jl_text_from_mem(out, len, used, path, data, n, enc, err);
    jl_free(data);
    return rc;
}
