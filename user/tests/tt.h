/*
 * tt.h - helpers for Tiny OS's user-space test programs.
 *
 * The programs are static Linux executables (musl-gcc -static). Many run
 * on the host too, and the test runner compares the two outputs (Linux is
 * the oracle), so they print only what Linux defines: no addresses, no
 * timings. Each check prints "ok - what" or "not ok - what: detail"; the
 * exit status is the number of failed checks.
 * To open its own executable a test uses getauxval(AT_EXECFN): argv[0]
 * is "/bin/NAME" in both runs, but only Tiny OS has the file there.
 */
#ifndef USER_TESTS_TT_H
#define USER_TESTS_TT_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int tt_failures;

static inline void tt_check(int ok, const char *what, const char *fmt, ...)
{
    if (ok) {
        printf("ok - %s\n", what);
    } else {
        va_list ap;
        va_start(ap, fmt);
        printf("not ok - %s: ", what);
        vprintf(fmt, ap);
        printf("\n");
        va_end(ap);
        tt_failures++;
    }
    fflush(stdout);
}

#define CHECK(cond, what) tt_check((cond), (what), "%s", #cond)
#define CHECK_EQ(got, want, what)                                                                          \
    do {                                                                                                   \
        long long g_ = (long long)(got), w_ = (long long)(want);                                           \
        tt_check(g_ == w_, (what), "got %lld, want %lld", g_, w_);                                         \
    } while (0)

static inline int tt_done(void) { return tt_failures > 125 ? 125 : tt_failures; }

/* A raw system call: the kernel's return value, -errno included, with no
 * C-library translation. */
static inline long raw_syscall6(long nr, long a, long b, long c, long d, long e, long f)
{
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    long ret;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
}
#define raw_syscall(nr, a, b, c) raw_syscall6((nr), (long)(a), (long)(b), (long)(c), 0, 0, 0)

#endif
