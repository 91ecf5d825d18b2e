/*
 * Translations. Message ids are English (as gettext's are); the catalogues
 * are gettext .po files in po/, compiled at build time into a C table by
 * tools/po2c.py, so jamlik needs no installed system locale to speak
 * Swedish. Swedish is the default; English by --lang en or JAMLIK_LANG=en.
 *
 * The language is per thread (a web request may ask for its own).
 */
#ifndef JL_CORE_I18N_H
#define JL_CORE_I18N_H

typedef enum { JL_LANG_SV = 0, JL_LANG_EN = 1 } jl_lang;

/* Returns the translation of msgid in the thread's language; the msgid
 * itself when there is none. Borrowed, static. */
const char *jl_tr(const char *msgid) __attribute__((format_arg(1)));

/* ngettext: the form of singular/plural for the number n, translated.
 * Use for every message that counts something ("1 kod", "2 koder"). */
const char *jl_ntr(const char *singular, const char *plural, unsigned long long n)
    __attribute__((format_arg(1))) __attribute__((format_arg(2)));

/* strerror in the thread's language: the system's messages are English
 * here (jamlik sets no locale, so that it needs none installed), so the
 * errors a user meets with files are translated from the catalogue; any
 * other is the system's own text. Borrowed. */
const char *jl_strerror(int errnum);

void jl_i18n_set_lang(jl_lang lang);
jl_lang jl_i18n_lang(void);
/* "sv" or "en" (also "sv_SE.UTF-8" and the like); returns 0, or -1. */
int jl_i18n_parse(jl_lang *out, const char *name);

#define _(s) jl_tr(s)
#define N_(s) (s)
#define _n(s, p, n) jl_ntr(s, p, (unsigned long long)(n))

#endif
