#include "core/num.h"
#include "core/i18n.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *jl_fmt_exact(char *out, size_t len, double v)
{
    int prec;

    if (!isfinite(v)) {
        if (len)
            out[0] = '\0';
        return out;
    }
    /* Whole numbers as integers: "%.1g" would write 10 as "1e+01". */
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(out, len, "%.0f", v);
        return out;
    }
    /* The shortest digits that read back as v: a double is within a
     * relative 1.1e-16 of its shortest decimal, so rounding to 15 digits
     * (which %g then strips of trailing zeros) already gives any shortest
     * form of up to 15 digits; only 16 and 17 remain to try. Subnormal
     * numbers carry fewer bits and get the full search. */
    for (prec = fabs(v) < DBL_MIN ? 1 : 15; prec <= 17; prec++) {
        snprintf(out, len, "%.*g", prec, v);
        if (strtod(out, NULL) == v)
            break;
    }
    return out;
}

char *jl_fmt_fixed(char *out, size_t len, double v, int decimals)
{
    char *dot;

    if (!isfinite(v)) {
        if (len)
            out[0] = '\0';
        return out;
    }
    snprintf(out, len, "%.*f", decimals, v);
    /* "-0,0" reads as a negative number that is not there. */
    if (out[0] == '-') {
        int zero = 1;
        char *p;

        for (p = out + 1; *p; p++)
            if (*p >= '1' && *p <= '9')
                zero = 0;
        if (zero)
            memmove(out, out + 1, strlen(out));
    }
    if (jl_i18n_lang() == JL_LANG_SV) {
        dot = strchr(out, '.');
        if (dot)
            *dot = ',';
    }
    return out;
}

int jl_parse_double(double *out, const char *s)
{
    char tmp[64];
    size_t n = strlen(s), i;
    int marks = 0, digits = 0;
    char *end;
    double v;

    if (n == 0 || n >= sizeof tmp)
        return -1;
    for (i = 0; i < n; i++) {
        char c = s[i];

        if (c >= '0' && c <= '9') {
            digits++;
            tmp[i] = c;
        } else if (c == '.' || c == ',') {
            if (++marks > 1)
                return -1;
            tmp[i] = '.';
        } else if (c == '-' || c == '+' || c == 'e' || c == 'E') {
            tmp[i] = c;
        } else {
            return -1;
        }
    }
    tmp[n] = '\0';
    if (!digits)
        return -1;
    errno = 0;
    v = strtod(tmp, &end);
    if (*end || errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int jl_parse_long(long *out, const char *s)
{
    double v;
    const char *p = s + (*s == '-' || *s == '+');
    long acc = 0;

    /* Fast path for plain digits (nearly every answer code of a wave):
     * a million rows carry fifty million of them. */
    if (*p) {
        const char *q = p;

        while (*q >= '0' && *q <= '9' && q - p < 9)
            acc = acc * 10 + (*q++ - '0');
        if (!*q) {
            *out = *s == '-' ? -acc : acc;
            return 0;
        }
    }

    if (jl_parse_double(&v, s) < 0)
        return -1;
    if (v != floor(v) || v < -2e9 || v > 2e9)
        return -1;
    if (strchr(s, 'e') || strchr(s, 'E'))
        return -1;
    *out = (long)v;
    return 0;
}
