#include "core/num.h"
#include "core/i18n.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The old search, kept for subnormal numbers and the tests: the first
 * precision of %g whose text strtod reads back as v. */
static char *fmt_exact_search(char *out, size_t len, double v, int from)
{
    int prec;

    for (prec = from; prec <= 17; prec++) {
        snprintf(out, len, "%.*g", prec, v);
        if (strtod(out, NULL) == v)
            break;
    }
    return out;
}

/* 10^0 .. 10^22, each exact in a double. */
static const double pow10_exact[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* The p digits of D (< 10^p) as text. */
static void digits_of(char *d, uint64_t D, int p)
{
    int i;

    for (i = p - 1; i >= 0; i--) {
        d[i] = (char)('0' + D % 10);
        D /= 10;
    }
}

/* Does D (p digits) times 10^q read back as a? Clinger's fast path when D
 * and 10^|q| are exact doubles (one correctly rounded operation is what
 * strtod returns), strtod else. */
static int reads_back(uint64_t D, int p, int q, double a)
{
    char text[40], r[20];

    if (D <= (1ULL << 53) && q >= -22 && q <= 22)
        return (q >= 0 ? (double)D * pow10_exact[q] : (double)D / pow10_exact[-q]) == a;
    digits_of(r, D, p);
    snprintf(text, sizeof text, "%.*se%d", p, r, q);
    return strtod(text, NULL) == a;
}

/* Writes the p digits d (with the decimal exponent x of d[0]) as
 * "%.{p}g" does: fixed when -4 <= x < p, else with an exponent; no
 * trailing zeros after the point, no point without digits after it. */
static void write_g(char *out, size_t len, int neg, const char *d, int p, int x)
{
    char buf[48];
    size_t k = 0;
    int last = p, i;

    while (last > 1 && d[last - 1] == '0')
        last--;
    if (neg)
        buf[k++] = '-';
    if (x >= -4 && x < p) {
        if (x < 0) {
            buf[k++] = '0';
            buf[k++] = '.';
            for (i = 0; i < -x - 1; i++)
                buf[k++] = '0';
            for (i = 0; i < last; i++)
                buf[k++] = d[i];
        } else {
            for (i = 0; i <= x; i++)
                buf[k++] = d[i];
            if (last > x + 1) {
                buf[k++] = '.';
                for (i = x + 1; i < last; i++)
                    buf[k++] = d[i];
            }
        }
    } else {
        int ax = x < 0 ? -x : x;

        buf[k++] = d[0];
        if (last > 1) {
            buf[k++] = '.';
            for (i = 1; i < last; i++)
                buf[k++] = d[i];
        }
        buf[k++] = 'e';
        buf[k++] = x < 0 ? '-' : '+';
        if (ax >= 100)
            buf[k++] = (char)('0' + ax / 100);
        buf[k++] = (char)('0' + ax / 10 % 10);
        buf[k++] = (char)('0' + ax % 10);
    }
    if (len) {
        if (k >= len)
            k = len - 1;
        memcpy(out, buf, k);
        out[k] = '\0';
    }
}

#ifdef __SIZEOF_INT128__
__extension__ typedef unsigned __int128 u128;

/* What the digits cut off were worth, against half a unit of the last
 * digit kept. */
enum { FRAC_ZERO, FRAC_BELOW, FRAC_HALF, FRAC_ABOVE };

static int frac_of(u128 rem, u128 half)
{
    return rem == 0 ? FRAC_ZERO : rem < half ? FRAC_BELOW : rem == half ? FRAC_HALF : FRAC_ABOVE;
}

/* floor(a * 10^(16 - x)) exactly, for a = m * 2^e, into *N, and how much
 * of a unit was cut off. Returns -1 when the numbers would not fit in
 * 128 bits (printf then decides). */
static int scaled(uint64_t *N, int *frac, uint64_t m, int e, int x)
{
    static const uint64_t p5[28] = {
        1ULL, 5ULL, 25ULL, 125ULL, 625ULL, 3125ULL, 15625ULL, 78125ULL, 390625ULL,
        1953125ULL, 9765625ULL, 48828125ULL, 244140625ULL, 1220703125ULL, 6103515625ULL,
        30517578125ULL, 152587890625ULL, 762939453125ULL, 3814697265625ULL,
        19073486328125ULL, 95367431640625ULL, 476837158203125ULL, 2384185791015625ULL,
        11920928955078125ULL, 59604644775390625ULL, 298023223876953125ULL,
        1490116119384765625ULL, 7450580596923828125ULL};
    int k = 16 - x;

    if (k >= 0 && k <= 27) {
        u128 prod = (u128)m * p5[k];
        int s = k + e;

        if (s >= 0) {
            if (s > 60 || (prod << s) >> s != prod || (prod << s) >> 64)
                return -1;
            *N = (uint64_t)(prod << s);
            *frac = FRAC_ZERO;
        } else {
            if (-s >= 127)
                return -1;
            if ((prod >> -s) >> 64)
                return -1;
            *N = (uint64_t)(prod >> -s);
            *frac = frac_of(prod & (((u128)1 << -s) - 1), (u128)1 << (-s - 1));
        }
        return 0;
    }
    if (k < 0 && k >= -38 && e >= 0 && e <= 74) {
        u128 num = (u128)m << e, div = 1, q;
        int i;

        for (i = 0; i < -k; i++)
            div *= 10;
        q = num / div;
        if (q >> 64)
            return -1;
        *N = (uint64_t)q;
        /* 2 rem against div: rem < div < 2^127, so 2 rem fits */
        *frac = frac_of(2 * (num % div), div);
        return 0;
    }
    return -1;
}

/* D rounded from the 17 digits N (with what was cut off below them) to
 * p digits, as printf rounds: to nearest, a tie to even. */
static uint64_t round_to(uint64_t N, int frac, int p)
{
    uint64_t div = 1, q, r, half;
    int i, up;

    for (i = p; i < 17; i++)
        div *= 10;
    q = N / div;
    r = N % div;
    if (div == 1) {
        up = frac == FRAC_ABOVE || (frac == FRAC_HALF && (q & 1));
    } else {
        half = div / 2;
        up = r > half || (r == half && (frac != FRAC_ZERO || (q & 1)));
    }
    return q + (uint64_t)up;
}

/* jl_fmt_exact without printf: the 17 significant digits of |v| in
 * integer arithmetic, each precision rounded from them exactly. Returns
 * -1 when |v| is outside what 128 bits hold (printf then writes it). */
static int fmt_exact_fast(char *out, size_t len, double v)
{
    double a = fabs(v);
    uint64_t bits, m, N = 0, D, pow_p = 1000000000000000ULL;
    int e, x, frac = FRAC_ZERO, p, tries;
    char d[17];

    memcpy(&bits, &a, sizeof bits);
    m = (bits & ((1ULL << 52) - 1)) | (1ULL << 52);
    e = (int)(bits >> 52) - 1075;
    x = (int)floor(log10(a));
    /* log10 may miss by one next to a power of ten: N says so */
    for (tries = 0;; tries++) {
        if (tries > 2 || scaled(&N, &frac, m, e, x) < 0)
            return -1;
        if (N >= 100000000000000000ULL)
            x++;
        else if (N < 10000000000000000ULL)
            x--;
        else
            break;
    }
    for (p = 15; p <= 17; p++, pow_p *= 10) {
        int rx = x, q;

        D = round_to(N, frac, p);
        if (D == pow_p) {
            /* 99...9 rounded up to 100...0 */
            D /= 10;
            rx++;
        }
        q = rx - (p - 1);
        if (p == 17 || reads_back(D, p, q, a)) {
            digits_of(d, D, p);
            write_g(out, len, v < 0, d, p, rx);
            return 0;
        }
    }
    return -1;
}
#endif

char *jl_fmt_exact(char *out, size_t len, double v)
{
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
     * numbers carry fewer bits and get the full search. printf's exact
     * digits cost a microsecond or more a number (a million rows of a
     * table have tens of millions), so the digits are made in integers
     * where they fit; the text is the same byte for byte (test_num.c). */
    if (fabs(v) < DBL_MIN)
        return fmt_exact_search(out, len, v, 1);
#ifdef __SIZEOF_INT128__
    if (fmt_exact_fast(out, len, v) == 0)
        return out;
#endif
    return fmt_exact_search(out, len, v, 15);
}

/* Groups the integer digits of the plain number in buf (from snprintf:
 * optional '-', digits, optional '.' and decimals) by three with sep and
 * writes the decimal mark dec; into out (len). */
static void group_digits(char *out, size_t len, const char *buf, const char *sep, char dec)
{
    char tmp[400];
    size_t k = 0, i = 0, ndig, seplen = strlen(sep);
    const char *p = buf;

    if (*p == '-')
        tmp[k++] = *p++;
    ndig = strspn(p, "0123456789");
    for (i = 0; i < ndig && k + seplen + 2 < sizeof tmp; i++) {
        /* Four-digit numbers are grouped too: "1 030,7", as the issue
         * asks, though Språkrådet allows "1030,7". */
        if (i && (ndig - i) % 3 == 0) {
            memcpy(tmp + k, sep, seplen);
            k += seplen;
        }
        tmp[k++] = p[i];
    }
    p += ndig;
    for (; *p && k + 2 < sizeof tmp; p++)
        tmp[k++] = *p == '.' ? dec : *p;
    tmp[k] = '\0';
    snprintf(out, len, "%s", tmp);
}

char *jl_fmt_fixed(char *out, size_t len, double v, int decimals)
{
    char buf[360];

    if (!isfinite(v)) {
        if (len)
            out[0] = '\0';
        return out;
    }
    snprintf(buf, sizeof buf, "%.*f", decimals, v);
    /* "-0,0" reads as a negative number that is not there. */
    if (buf[0] == '-') {
        int zero = 1;
        char *p;

        for (p = buf + 1; *p; p++)
            if (*p >= '1' && *p <= '9')
                zero = 0;
        if (zero)
            memmove(buf, buf + 1, strlen(buf));
    }
    /* Swedish: a narrow no-break space (U+202F) between thousands and a
     * decimal comma; English: a comma and a point. */
    if (jl_i18n_lang() == JL_LANG_SV)
        group_digits(out, len, buf, "\xe2\x80\xaf", ',');
    else
        group_digits(out, len, buf, ",", '.');
    return out;
}

char *jl_fmt_g(char *out, size_t len, double v)
{
    char *dot;

    snprintf(out, len, "%g", v);
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
