/*
 * unit.h - a minimal unit-test framework for the host tests.
 *
 *     #include "unit.h"
 *     TEST(adds) { CHECK_EQ_INT(1 + 1, 2); }
 *     RUN_TESTS()
 *
 * TEST(name) defines a test and registers it (in definition order). The
 * first failed check of a test records "file:line: message" and returns
 * from the function the check is in (a helper's failure still fails the
 * test). RUN_TESTS() defines main(): it runs every test and prints one line
 * per test,
 *     PASS <file-stem>.<test>
 *     FAIL <file-stem>.<test>: <file>:<line>: <message>
 * and exits 1 if any test failed, else 0. If a sanitizer aborts the
 * process, the running test is reported as FAIL before the process dies.
 */
#ifndef TESTS_HOST_UNIT_H
#define TESTS_HOST_UNIT_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SANITIZE_ADDRESS__
#include <dlfcn.h>
#include <sanitizer/common_interface_defs.h>
#endif

#define UNIT_MAX_TESTS 256
#define UNIT_UNUSED __attribute__((unused))

struct unit_test {
    const char *name;
    void (*fn)(void);
};

static struct unit_test unit_tests[UNIT_MAX_TESTS];
static int unit_ntests;
static const char *unit_current;  /* name of the running test */
static int unit_failures;         /* failed checks in the running test */
static char unit_msg[1024];       /* the first one's "file:line: message" */

static UNIT_UNUSED void unit_register(const char *name, void (*fn)(void))
{
    if (unit_ntests == UNIT_MAX_TESTS) {
        fprintf(stderr, "unit.h: more than %d tests\n", UNIT_MAX_TESTS);
        exit(2);
    }
    unit_tests[unit_ntests++] = (struct unit_test){name, fn};
}

/* Records a failure; only the first of a test is printed. */
static UNIT_UNUSED __attribute__((format(printf, 3, 4))) void unit_fail(const char *file, int line, const char *fmt, ...)
{
    if (unit_failures++)
        return;
    char raw[sizeof unit_msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    /* keep the report on one line: control bytes are shown escaped */
    size_t n = (size_t)snprintf(unit_msg, sizeof unit_msg, "%s:%d: ", file, line);
    if (n >= sizeof unit_msg)
        n = sizeof unit_msg - 1;
    for (const char *r = raw; *r && n + 5 < sizeof unit_msg; r++) {
        unsigned char c = (unsigned char)*r;
        if (c < 0x20 || c == 0x7f)
            n += (size_t)snprintf(unit_msg + n, sizeof unit_msg - n, "\\x%02x", c);
        else
            unit_msg[n++] = (char)c;
    }
    unit_msg[n] = '\0';
}

/* "tests/host/test_x.c" -> "test_x" */
static UNIT_UNUSED const char *unit_stem(void)
{
    static char stem[128];
    const char *base = strrchr(__BASE_FILE__, '/');
    base = base ? base + 1 : __BASE_FILE__;
    snprintf(stem, sizeof stem, "%s", base);
    char *dot = strrchr(stem, '.');
    if (dot)
        *dot = '\0';
    return stem;
}

#define TEST(name)                                                                      \
    static void test_##name(void);                                                      \
    static __attribute__((constructor)) void unit_register_##name(void) { unit_register(#name, test_##name); } \
    static void test_##name(void)

#define CHECK(cond)                                                                     \
    do {                                                                                \
        if (!(cond)) {                                                                  \
            unit_fail(__FILE__, __LINE__, "check failed: %s", #cond);                   \
            return;                                                                     \
        }                                                                               \
    } while (0)

/* Like CHECK, with a printf-style explanation. */
#define CHECKF(cond, ...)                                                               \
    do {                                                                                \
        if (!(cond)) {                                                                  \
            unit_fail(__FILE__, __LINE__, __VA_ARGS__);                                 \
            return;                                                                     \
        }                                                                               \
    } while (0)

/* Integers compared as intmax_t (signed values) ... */
#define CHECK_EQ_INT(actual, expected)                                                  \
    do {                                                                                \
        intmax_t unit_a_ = (intmax_t)(actual), unit_e_ = (intmax_t)(expected);          \
        if (unit_a_ != unit_e_) {                                                       \
            unit_fail(__FILE__, __LINE__, "%s is %jd, expected %jd", #actual, unit_a_, unit_e_); \
            return;                                                                     \
        }                                                                               \
    } while (0)

/* ... or as uintmax_t, printed in hex (addresses, bit patterns). */
#define CHECK_EQ_HEX(actual, expected)                                                  \
    do {                                                                                \
        uintmax_t unit_a_ = (uintmax_t)(actual), unit_e_ = (uintmax_t)(expected);       \
        if (unit_a_ != unit_e_) {                                                       \
            unit_fail(__FILE__, __LINE__, "%s is %#jx, expected %#jx", #actual, unit_a_, unit_e_); \
            return;                                                                     \
        }                                                                               \
    } while (0)

/* Strings; NULL is only equal to NULL. */
#define CHECK_STR(actual, expected)                                                     \
    do {                                                                                \
        const char *unit_a_ = (actual), *unit_e_ = (expected);                          \
        if (unit_a_ == NULL || unit_e_ == NULL ? unit_a_ != unit_e_ : strcmp(unit_a_, unit_e_) != 0) { \
            unit_fail(__FILE__, __LINE__, "%s is %s%s%s, expected %s%s%s", #actual,      \
                      unit_a_ ? "\"" : "", unit_a_ ? unit_a_ : "NULL", unit_a_ ? "\"" : "", \
                      unit_e_ ? "\"" : "", unit_e_ ? unit_e_ : "NULL", unit_e_ ? "\"" : ""); \
            return;                                                                     \
        }                                                                               \
    } while (0)

/* True if a check failed so far in this test (for loops in helpers). */
#define UNIT_FAILED() (unit_failures != 0)

/* A deterministic pseudo-random generator (xorshift64*), so that a failure
 * found by a randomized test reproduces on every run. */
static uint64_t unit_rng_state = 0x9E3779B97F4A7C15ull;
static UNIT_UNUSED void unit_srand(uint64_t seed) { unit_rng_state = seed ? seed : 1; }
static UNIT_UNUSED uint64_t unit_rand(void)
{
    uint64_t x = unit_rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    unit_rng_state = x;
    return x * 0x2545F4914F6CDD1Dull;
}
/* Uniform-enough in [0, n) for test purposes; n > 0. */
static UNIT_UNUSED uint64_t unit_rand_below(uint64_t n) { return unit_rand() % n; }

static UNIT_UNUSED void unit_on_death(void)
{
    if (unit_current)
        printf("FAIL %s.%s: crashed (sanitizer report on stderr)\n", unit_stem(), unit_current);
    fflush(stdout);
}

static UNIT_UNUSED int unit_run_all(void)
{
#ifdef __SANITIZE_ADDRESS__
    __sanitizer_set_death_callback(unit_on_death);
    /* gcc links UBSan as a library of its own, with its own copy of the
     * callback: set that one too */
    void *ubsan = dlopen("libubsan.so.1", RTLD_NOW | RTLD_NOLOAD);
    if (ubsan) {
        void (*set_ubsan)(void (*)(void)) = (void (*)(void (*)(void)))dlsym(ubsan, "__sanitizer_set_death_callback");
        if (set_ubsan)
            set_ubsan(unit_on_death);
    }
#endif
    int failed = 0;
    for (int i = 0; i < unit_ntests; i++) {
        unit_current = unit_tests[i].name;
        unit_failures = 0;
        unit_tests[i].fn();
        if (unit_failures) {
            failed++;
            if (unit_failures > 1)
                printf("FAIL %s.%s: %s (and %d more)\n", unit_stem(), unit_current, unit_msg, unit_failures - 1);
            else
                printf("FAIL %s.%s: %s\n", unit_stem(), unit_current, unit_msg);
        } else {
            printf("PASS %s.%s\n", unit_stem(), unit_current);
        }
        fflush(stdout);
    }
    unit_current = NULL;
    return failed ? 1 : 0;
}

#define RUN_TESTS()                                                                     \
    int main(void) { return unit_run_all(); }

#endif
