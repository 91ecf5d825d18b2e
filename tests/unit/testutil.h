/*
 * Helpers for the cmocka unit tests. Debian 12's cmocka 1.1.5 has no
 * double assertion, so jl_assert_close compares with an absolute plus a
 * relative tolerance and prints both values when they differ.
 */
#ifndef JL_TESTUTIL_H
#define JL_TESTUTIL_H

#include <math.h>
#include <stdio.h>

#define jl_assert_close(got, want, tol)                                                        \
    do {                                                                                       \
        double g_ = (got), w_ = (want), t_ = (tol);                                            \
        if (!(fabs(g_ - w_) <= t_ + t_ * fabs(w_))) {                                          \
            print_error("%s:%d: got %.17g, want %.17g (tolerance %g)\n", __FILE__, __LINE__,   \
                        g_, w_, t_);                                                           \
            fail();                                                                            \
        }                                                                                      \
    } while (0)

/* The RISE instrument as shipped in data/instruments/ (cmocka must be
 * included first). */
#ifdef JL_SURVEY_INSTRUMENT_H
static inline jl_instrument *jl_test_rise(void)
{
    char *text = NULL;
    size_t len;
    jl_err err = JL_ERR_INIT;
    jl_diag d;
    jl_instrument *in = NULL;

    assert_int_equal(jl_text_load(&text, &len, NULL,
                                  JL_SRCDIR "/data/instruments/stockholmsenkaten-rise.instrument",
                                  JL_ENC_UTF8, &err),
                     JL_OK);
    jl_diag_init(&d, "rise");
    assert_int_equal(jl_instrument_parse(&in, text, len, &d), JL_OK);
    jl_diag_dispose(&d);
    jl_free(text);
    return in;
}
#endif

#endif
