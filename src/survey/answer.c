/*
 * The answers of a survey file that are not items: grades, sexes and wave
 * dates, in the forms people write them. Shared by the CSV and .sav
 * importers (wave.c, wave_sav.c); declared in survey/wave.h.
 */
#include "survey/wave.h"
#include "core/i18n.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const GRADES[JL_NGRADES] = {"6", "7", "8", "9", "gy1", "gy2", "gy3"};

const char *jl_grade_name(int g)
{
    return g >= 0 && g < JL_NGRADES ? GRADES[g] : "";
}

int jl_grade_parse(const char *s)
{
    char t[16];
    size_t i, k = 0;
    int g;

    for (i = 0; s[i] && k + 1 < sizeof t; i++)
        if (s[i] != ' ')
            t[k++] = (char)tolower((unsigned char)s[i]);
    t[k] = '\0';
    if (s[i])
        return -1;
    for (g = 0; g < JL_NGRADES; g++)
        if (!strcmp(t, GRADES[g]))
            return g;
    return -1;
}

const char *jl_sex_name(int s)
{
    return s == 0 ? "K" : s == 1 ? "M" : "";
}

/* Equal but for ASCII case and outer spaces ("Vill inte svara " is the
 * same answer as "vill inte svara"). */
static int same_word(const char *a, const char *b)
{
    size_t n = strlen(b);

    while (*a == ' ')
        a++;
    if (strncasecmp(a, b, n))
        return 0;
    for (a += n; *a == ' '; a++)
        ;
    return !*a;
}

int jl_sex_parse(const char *s)
{
    static const char *const girl[] = {"K", "flicka", "tjej", "kvinna", "girl", "female"};
    static const char *const boy[] = {"M", "pojke", "kille", "man", "boy", "male"};
    static const char *const other[] = {"annat",     "annan",        "ickebinär",
                                        "icke-binär", "icke binär",   "vill inte svara",
                                        "vet ej",    "other",        "non-binary",
                                        "prefer not to say"};
    size_t i;

    while (*s == ' ')
        s++;
    if (!*s)
        return JL_SEX_BLANK;
    for (i = 0; i < sizeof girl / sizeof girl[0]; i++)
        if (same_word(s, girl[i]))
            return 0;
    for (i = 0; i < sizeof boy / sizeof boy[0]; i++)
        if (same_word(s, boy[i]))
            return 1;
    for (i = 0; i < sizeof other / sizeof other[0]; i++)
        if (same_word(s, other[i]))
            return JL_SEX_OTHER;
    return JL_SEX_UNKNOWN;
}

int jl_wave_default_date(char *out, size_t len, const char *name, jl_err *err)
{
    if (strlen(name) >= 4 && isdigit((unsigned char)name[0]) && isdigit((unsigned char)name[1]) &&
        isdigit((unsigned char)name[2]) && isdigit((unsigned char)name[3]) &&
        !isdigit((unsigned char)name[4]) && name[0] >= '1') {
        snprintf(out, len, "%.4s-01-01", name);
        return JL_OK;
    }
    return jl_err_set(err, JL_EUSAGE,
                      _("the wave name \"%s\" is not a year: give its date with --date "
                        "YYYY-MM-DD"),
                      name);
}

int jl_wave_date_valid(const char *s)
{
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;
    char tail;

    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return 0;
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

/* ---- validity screens ---- */

