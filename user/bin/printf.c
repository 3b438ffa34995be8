/* printf: format and print the arguments, like the shell utility:
 * backslash escapes in the format (\n \t \\ \NNN ...), conversions
 * %s %b %c %d %i %u %o %x %X %% with flags, width and precision. The
 * format is reused while arguments remain. Floating point is not offered
 * (%f %e %g print as %s would). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int status;
static bool stop; /* \c in a %b argument: print nothing more */

/* Prints one escape at s (after the backslash); returns chars consumed.
 * octal_zero: %b's \0NNN form instead of the format's \NNN. */
static int put_escape(const char *s, bool octal_zero)
{
    const char *p = s;
    int v = 0;
    switch (*p) {
    case 'a': putchar('\a'); return 1;
    case 'b': putchar('\b'); return 1;
    case 'e': putchar(033); return 1;
    case 'f': putchar('\f'); return 1;
    case 'n': putchar('\n'); return 1;
    case 'r': putchar('\r'); return 1;
    case 't': putchar('\t'); return 1;
    case 'v': putchar('\v'); return 1;
    case '\\': putchar('\\'); return 1;
    case 'c':
        if (octal_zero) {
            stop = true;
            return 1;
        }
        break;
    case 'x':
        p++;
        for (int i = 0; i < 2 && strchr("0123456789abcdefABCDEF", *p) && *p; i++, p++)
            v = v * 16 + (*p <= '9' ? *p - '0' : (*p | 32) - 'a' + 10);
        if (p == s + 1)
            break;
        putchar(v);
        return (int)(p - s);
    default:
        if (*p >= '0' && *p <= '7') {
            if (octal_zero && *p == '0')
                p++;
            for (int i = 0; i < 3 && *p >= '0' && *p <= '7'; i++, p++)
                v = v * 8 + (*p - '0');
            if (p == s) /* "\0" alone */
                p++;
            putchar(v);
            return (int)(p - s);
        }
    }
    putchar('\\');
    return 0;
}

static long long to_number(const char *arg)
{
    if (arg[0] == '\'' || arg[0] == '"') /* 'c: the character's code */
        return (unsigned char)arg[1];
    char *end;
    errno = 0;
    long long v = arg[0] == '-' ? strtoll(arg, &end, 0) : (long long)strtoull(arg, &end, 0);
    if (*end || end == arg || errno) {
        fprintf(stderr, "printf: '%s': %s\n", arg, errno ? strerror(errno) : "expected a numeric value");
        status = 1;
    }
    return v;
}

/* One pass over the format; returns the number of arguments used. */
static int format_once(const char *fmt, char **args, int nargs)
{
    int used = 0;
    for (const char *p = fmt; *p && !stop; p++) {
        if (*p == '\\') {
            p += put_escape(p + 1, false);
            continue;
        }
        if (*p != '%') {
            putchar(*p);
            continue;
        }
        if (p[1] == '%') {
            putchar('%');
            p++;
            continue;
        }
        /* Build a spec for the C printf: %[flags][width][.prec] + length. */
        char spec[64];
        size_t n = 0;
        spec[n++] = '%';
        p++;
        while (*p && strchr("-+ #0", *p) && n < 20)
            spec[n++] = *p++;
        int star[2], nstar = 0;
        for (int part = 0; part < 2; part++) {
            if (part == 1) {
                if (*p != '.')
                    break;
                spec[n++] = *p++;
            }
            if (*p == '*') {
                spec[n++] = *p++;
                star[nstar++] = used < nargs ? (int)to_number(args[used++]) : 0;
            } else {
                while (*p >= '0' && *p <= '9' && n < 40)
                    spec[n++] = *p++;
            }
        }
        char conv = *p;
        const char *arg = used < nargs ? args[used++] : NULL;
        if (!conv) {
            fputs("printf: missing format character\n", stderr);
            status = 1;
            break;
        }
        switch (conv) {
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
            spec[n++] = 'l';
            spec[n++] = 'l';
            spec[n++] = conv;
            spec[n] = 0;
            {
                long long v = arg ? to_number(arg) : 0;
                if (nstar == 2)
                    printf(spec, star[0], star[1], v);
                else if (nstar == 1)
                    printf(spec, star[0], v);
                else
                    printf(spec, v);
            }
            break;
        case 'c':
            spec[n++] = 'c';
            spec[n] = 0;
            if (nstar == 1)
                printf(spec, star[0], arg ? arg[0] : 0);
            else
                printf(spec, arg ? arg[0] : 0);
            break;
        case 'b':
            for (const char *q = arg ? arg : ""; *q && !stop; q++) {
                if (*q == '\\')
                    q += put_escape(q + 1, true);
                else
                    putchar(*q);
            }
            break;
        case 's': case 'f': case 'e': case 'g': case 'E': case 'G':
            spec[n++] = 's';
            spec[n] = 0;
            if (nstar == 2)
                printf(spec, star[0], star[1], arg ? arg : "");
            else if (nstar == 1)
                printf(spec, star[0], arg ? arg : "");
            else
                printf(spec, arg ? arg : "");
            break;
        default:
            fprintf(stderr, "printf: %%%c: invalid conversion specification\n", conv);
            return -1;
        }
    }
    return used;
}

int main(int argc, char **argv)
{
    int i = 1;
    if (i < argc && !strcmp(argv[i], "--"))
        i++;
    if (i == argc) {
        fputs("printf: missing operand\n", stderr);
        return 1;
    }
    const char *fmt = argv[i++];
    char **args = argv + i;
    int nargs = argc - i;
    do {
        int used = format_once(fmt, args, nargs);
        if (used < 0) {
            fflush(stdout);
            return 1;
        }
        if (used == 0)
            break;
        args += used;
        nargs -= used;
    } while (nargs > 0 && !stop);
    return fflush(stdout) ? 1 : status;
}
