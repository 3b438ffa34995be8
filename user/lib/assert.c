/* assert.c - the failure report of assert(), worded as glibc's. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

extern char *__progname;

_Noreturn void __assert_fail(const char *expr, const char *file, unsigned int line, const char *func)
{
    fprintf(stderr, "%s: %s:%u: %s: Assertion `%s' failed.\n", __progname, file, line, func, expr);
    abort();
}
