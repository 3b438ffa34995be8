/* printf.h - the printf utility, shared by /bin/printf and the shell's
 * builtin (as echo.h is): backslash escapes in the format (\\ \a \b \f
 * \n \r \t \v \NNN, and \e \xHH as GNU and bash have them), conversions
 * %s %b %c %d %i %u %o %x %X %e %E %f %F %g %G %% with flags, width and
 * precision (also *). The format is reused while arguments remain;
 * missing arguments are "" or 0. A number argument may be 'c (the
 * character's code); a bad one is reported in dash's words ("expected
 * numeric value", "not completely converted", out of range) and makes the
 * status 1, the part that converted is still printed. \c in a %b
 * argument ends all output. Floating point arguments are read here (our
 * libc has no strtod): up to 19 significant digits exactly, then scaled
 * in long double, so values print as C's printf would for all but
 * pathological inputs.
 * Needs <errno.h>, <stdbool.h>, <stdio.h>, <stdlib.h>, <string.h>, <strings.h>.
 * Messages go through PRINTF_ERROR(fmt, ...), "printf: ..." on stderr
 * unless the includer defines it first (the shell: its sh_error). */
#ifndef PRINTF_H
#define PRINTF_H

#ifndef PRINTF_ERROR
#define PRINTF_ERROR(fmt, ...) fprintf(stderr, "printf: " fmt "\n", __VA_ARGS__)
#endif

struct printf_state {
    int status;
    bool stop;         /* \c seen: print nothing more */
};

/* Prints one escape at s (after the backslash); returns chars consumed.
 * in_b: %b's rules (\c stops, \0NNN). */
static inline int printf_escape(struct printf_state *st, const char *s, bool in_b)
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
        if (in_b) {
            st->stop = true;
            return 1;
        }
        break;
    case 'x':
        p++;
        for (int i = 0; i < 2 && *p && strchr("0123456789abcdefABCDEF", *p); i++, p++)
            v = v * 16 + (*p <= '9' ? *p - '0' : (*p | 32) - 'a' + 10);
        if (p == s + 1)
            break;
        putchar(v);
        return (int)(p - s);
    default:
        if (*p >= '0' && *p <= '7') {
            if (in_b && *p == '0')
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

static inline void printf_bad(struct printf_state *st, const char *arg, const char *why)
{
    fflush(stdout);
    PRINTF_ERROR("%s: %s", arg, why);
    st->status = 1;
}

/* Checks what follows a converted number (blanks allowed, as dash). */
static inline void printf_check_end(struct printf_state *st, const char *arg, const char *start, const char *end)
{
    if (errno == ERANGE)
        printf_bad(st, arg, "Numerical result out of range");
    else if (end == start)
        printf_bad(st, arg, "expected numeric value");
    else if (*end)
        printf_bad(st, arg, "not completely converted");
}

static inline long long printf_integer(struct printf_state *st, const char *arg, bool is_unsigned)
{
    if (arg[0] == '\'' || arg[0] == '"') /* 'c: the character's code */
        return (unsigned char)arg[1];
    if (!*arg)
        return 0;
    const char *p = arg;
    while (*p == ' ' || *p == '\t')
        p++;
    char *end;
    errno = 0;
    long long v = is_unsigned && *p != '-' ? (long long)strtoull(p, &end, 0) : strtoll(p, &end, 0);
    printf_check_end(st, arg, p, end);
    return v;
}

/* A decimal floating constant (or inf / nan) at s. */
static inline long double printf_strtold(const char *s, char **endp)
{
    const char *p = s;
    bool neg = false;
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    long double v = 0;
    if (strncasecmp(p, "inf", 3) == 0 || strncasecmp(p, "nan", 3) == 0) {
        v = (p[0] | 32) == 'i' ? __builtin_infl() : __builtin_nanl("");
        p += strncasecmp(p, "infinity", 8) == 0 ? 8 : 3;
        *endp = (char *)p;
        return neg ? -v : v;
    }
    unsigned long long mant = 0;
    int digits = 0, scale = 0;
    bool any = false;
    for (; (*p >= '0' && *p <= '9'); p++, any = true) {
        if (digits < 19)
            mant = mant * 10 + (unsigned long long)(*p - '0'), digits += mant > 0;
        else
            scale++;
    }
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, any = true) {
            if (digits < 19)
                mant = mant * 10 + (unsigned long long)(*p - '0'), digits += mant > 0, scale--;
        }
    }
    if (!any) {
        *endp = (char *)s;
        return 0;
    }
    if (*p == 'e' || *p == 'E') {
        const char *q = p + 1;
        bool eneg = false;
        if (*q == '-' || *q == '+')
            eneg = *q++ == '-';
        if (*q >= '0' && *q <= '9') {
            int e = 0;
            for (; *q >= '0' && *q <= '9'; q++)
                if (e < 100000)
                    e = e * 10 + (*q - '0');
            scale += eneg ? -e : e;
            p = q;
        }
    }
    v = (long double)mant;
    long double ten = 10;
    for (int e = scale < 0 ? -scale : scale; e; e >>= 1, ten *= ten) /* 10^|scale| by squaring */
        if (e & 1)
            v = scale < 0 ? v / ten : v * ten;
    *endp = (char *)p;
    return neg ? -v : v;
}

static inline double printf_float(struct printf_state *st, const char *arg)
{
    if (arg[0] == '\'' || arg[0] == '"')
        return (unsigned char)arg[1];
    if (!*arg)
        return 0;
    const char *p = arg;
    while (*p == ' ' || *p == '\t')
        p++;
    char *end;
    errno = 0;
    double v = (double)printf_strtold(p, &end);
    printf_check_end(st, arg, p, end);
    return v;
}

/* One pass over the format; returns the number of arguments used, -1 on a bad directive. */
static inline int printf_once(struct printf_state *st, const char *fmt, char **args, int nargs)
{
    int used = 0;
    for (const char *p = fmt; *p && !st->stop; p++) {
        if (*p == '\\') {
            p += printf_escape(st, p + 1, false);
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
        /* a spec for the C printf: %[flags][width][.prec] + length */
        const char *directive = p;
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
                star[nstar++] = used < nargs ? (int)printf_integer(st, args[used++], false) : 0;
            } else {
                while (*p >= '0' && *p <= '9' && n < 40)
                    spec[n++] = *p++;
            }
        }
        char conv = *p;
        if (!conv || !strchr("diouxXcsbeEfFgG", conv)) {
            fflush(stdout);
            PRINTF_ERROR("%.*s: invalid directive", (int)(p - directive) + (conv != 0), directive);
            st->status = 1;
            return -1;
        }
        const char *arg = used < nargs ? args[used++] : NULL;
        switch (conv) {
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
            spec[n++] = 'l';
            spec[n++] = 'l';
            spec[n++] = conv;
            spec[n] = 0;
            long long v = arg ? printf_integer(st, arg, conv != 'd' && conv != 'i') : 0;
            if (nstar == 2)
                printf(spec, star[0], star[1], v);
            else if (nstar == 1)
                printf(spec, star[0], v);
            else
                printf(spec, v);
            break;
        }
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
            spec[n++] = conv;
            spec[n] = 0;
            double v = arg ? printf_float(st, arg) : 0;
            if (nstar == 2)
                printf(spec, star[0], star[1], v);
            else if (nstar == 1)
                printf(spec, star[0], v);
            else
                printf(spec, v);
            break;
        }
        case 'c':
            spec[n++] = 'c';
            spec[n] = 0;
            if (nstar == 1)
                printf(spec, star[0], arg ? arg[0] : 0);
            else
                printf(spec, arg ? arg[0] : 0);
            break;
        case 'b':
            for (const char *q = arg ? arg : ""; *q && !st->stop; q++) {
                if (*q == '\\')
                    q += printf_escape(st, q + 1, true);
                else
                    putchar(*q);
            }
            break;
        default: /* s */
            spec[n++] = 's';
            spec[n] = 0;
            if (nstar == 2)
                printf(spec, star[0], star[1], arg ? arg : "");
            else if (nstar == 1)
                printf(spec, star[0], arg ? arg : "");
            else
                printf(spec, arg ? arg : "");
        }
    }
    return used;
}

/* A call without a format: 1 for /bin/printf (GNU's), 2 for the shell's
 * builtin (a usage error, as dash and bash answer). */
#ifndef PRINTF_USAGE_STATUS
#define PRINTF_USAGE_STATUS 1
#endif

/* printf FORMAT [ARG...] (argv[0] is the command's name); returns the status. */
static inline int printf_main(int argc, char **argv)
{
    struct printf_state st = {0};
    int i = 1;
    if (i < argc && !strcmp(argv[i], "--"))
        i++;
    if (i == argc) {
        PRINTF_ERROR("%s", "missing operand");
        return PRINTF_USAGE_STATUS;
    }
    const char *fmt = argv[i++];
    char **args = argv + i;
    int nargs = argc - i;
    do {
        int used = printf_once(&st, fmt, args, nargs);
        if (used < 0)
            break;
        if (used == 0)
            break;
        args += used;
        nargs -= used;
    } while (nargs > 0 && !st.stop);
    return fflush(stdout) ? 1 : st.status;
}

#endif
