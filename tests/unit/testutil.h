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

#endif
