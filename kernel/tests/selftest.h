/*
 * selftest.h - kernel self-tests, run in QEMU when the command line says
 * selftest=all (every normal test) or selftest=NAME[,NAME...].
 *
 * A test returns NULL when it passes, else a message saying what failed.
 * Tests marked crash deliberately bring the kernel down (to check the
 * panic report); they run only when named, one per boot.
 * The runner prints "selftest NAME: ok" or "selftest NAME: FAILED: why",
 * then "selftests: N passed, M failed", and exits QEMU with EXIT_OK or
 * EXIT_FAILED (arch/x86_64/power.h).
 */
#ifndef TESTS_SELFTEST_H
#define TESTS_SELFTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct selftest {
    const char *name;
    const char *(*run)(void);
    bool crash;
};

/* aligned(8): GCC would otherwise give these 24-byte objects 16-byte
 * alignment, leaving holes in the array the linker builds. */
#define SELFTEST_DEFINE(tname, is_crash)                                                              \
    static const char *selftest_##tname(void);                                                     \
    static const struct selftest selftest_entry_##tname                                            \
        __attribute__((section(".selftests"), used, aligned(8))) = {                                \
        #tname, selftest_##tname, is_crash};                                                        \
    static const char *selftest_##tname(void)

#define SELFTEST(name) SELFTEST_DEFINE(name, false)
#define SELFTEST_CRASH(name) SELFTEST_DEFINE(name, true)

/* Runs the tests the comma-separated list names ("all": every non-crash
 * test) and exits QEMU. */
__attribute__((noreturn)) void selftest_run(const char *list);

#endif
