/*
 * error.c - the one format of the shell's error messages, dash's:
 *
 *   sh: 3: foo: not found
 *   sh: 1: Syntax error: "fi" unexpected
 *
 * "sh" is $0 as dash prints it (the script's name when running a
 * script, NAME of `sh -c CMDS NAME`), then the line of the command being
 * run ($LINENO) so a user can find it in a script. Every part of the
 * shell reports through sh_error so the style stays one.
 */
#include <stdarg.h>
#include <stdio.h>

#include "sh.h"

int sh_lineno = 1;

void sh_error(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "%s: %d: ", sh_arg0, sh_lineno);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
}
