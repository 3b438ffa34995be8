/* echo.h - echo, shared by /bin/echo and the shell's builtin (bash's
 * builtin and GNU echo behave alike): words separated by spaces; -n no
 * newline; -e backslash escapes (\a \b \c \e \f \n \r \t \v \\
 * \0NNN \xHH), -E none (the default). A word counts as options only if
 * every letter is n, e or E. Included by both (see README.md here);
 * needs <stdbool.h>, <stdio.h>, <string.h>. */
#ifndef ECHO_H
#define ECHO_H

static inline bool echo_is_option(const char *s)
{
    if (s[0] != '-' || !s[1])
        return false;
    for (const char *p = s + 1; *p; p++)
        if (!strchr("neE", *p))
            return false;
    return true;
}

static inline int echo_hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Prints s with escapes expanded; returns false after \c (stop output). */
static inline bool echo_put_escaped(const char *s)
{
    for (; *s; s++) {
        if (*s != '\\' || !s[1]) {
            putchar(*s);
            continue;
        }
        char c = *++s;
        int v;
        switch (c) {
        case 'a': putchar('\a'); break;
        case 'b': putchar('\b'); break;
        case 'c': return false;
        case 'e': putchar(033); break;
        case 'f': putchar('\f'); break;
        case 'n': putchar('\n'); break;
        case 'r': putchar('\r'); break;
        case 't': putchar('\t'); break;
        case 'v': putchar('\v'); break;
        case '\\': putchar('\\'); break;
        case '0': /* \0NNN: up to three octal digits */
            v = 0;
            for (int i = 0; i < 3 && s[1] >= '0' && s[1] <= '7'; i++)
                v = v * 8 + (*++s - '0');
            putchar(v);
            break;
        case 'x': /* \xHH: one or two hex digits */
            if (echo_hexval(s[1]) < 0) {
                fputs("\\x", stdout);
                break;
            }
            v = echo_hexval(*++s);
            if (echo_hexval(s[1]) >= 0)
                v = v * 16 + echo_hexval(*++s);
            putchar(v);
            break;
        default:
            putchar('\\');
            putchar(c);
        }
    }
    return true;
}

/* Prints the words (argv[0] is "echo"); returns 0. The caller flushes. */
static inline int echo_words(int argc, char **argv)
{
    bool newline = true, escapes = false;
    int i = 1;
    for (; i < argc && echo_is_option(argv[i]); i++)
        for (const char *p = argv[i] + 1; *p; p++) {
            if (*p == 'n')
                newline = false;
            else
                escapes = *p == 'e';
        }
    for (; i < argc; i++) {
        if (escapes) {
            if (!echo_put_escaped(argv[i]))
                return 0;
        } else {
            fputs(argv[i], stdout);
        }
        if (i + 1 < argc)
            putchar(' ');
    }
    if (newline)
        putchar('\n');
    return 0;
}

#endif
