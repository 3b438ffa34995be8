/*
 * test.c - the test / [ builtin (POSIX XCU test).
 *
 * With up to four arguments POSIX fixes the reading by their number
 * (`test ! = x` compares "!" with "x"; `test ( -n )` is -n in parens);
 * longer expressions are parsed with ! binding tighter than -a, -a
 * tighter than -o, and ( ) grouping, as dash does.
 *   unary:  -b -c -d -e -f -g -G -h -k -L -n -O -p -r -s -S -t -u -w -x -z
 *   binary: = != < > -eq -ne -lt -le -gt -ge -nt -ot -ef
 * Status 0 true, 1 false, 2 on an error (message in dash's words).
 */
#include <errno.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

struct test {
    char **a;
    int n, i;     /* the arguments and the cursor of the general parser */
    bool bad;     /* an error was reported */
    const char *who; /* test or [ */
};

static void error(struct test *t, const char *fmt, const char *arg)
{
    if (t->bad)
        return;
    char msg[512];
    snprintf(msg, sizeof msg, fmt, arg);
    sh_error("%s: %s", t->who, msg);
    t->bad = true;
}

static long integer(struct test *t, const char *s)
{
    const char *p = s;
    while (isspace((unsigned char)*p))
        p++;
    char *end;
    errno = 0;
    long v = strtol(p, &end, 10);
    while (end > p && isspace((unsigned char)*end))
        end++;
    if (end == p || *end || errno || !isdigit((unsigned char)p[*p == '-' || *p == '+']))
        error(t, "Illegal number: %s", s);
    return v;
}

static bool is_unary(const char *s)
{
    return s[0] == '-' && s[1] && !s[2] && strchr("bcdefgGhkLnOprsStuwxz", s[1]);
}

static bool is_binary(const char *s)
{
    static const char *const ops[] = {"=", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge",
                                      "-nt", "-ot", "-ef", NULL};
    for (int i = 0; ops[i]; i++)
        if (strcmp(s, ops[i]) == 0)
            return true;
    return false;
}

static bool unary(struct test *t, char op, const char *arg)
{
    struct stat st;
    if (op == 'n' || op == 'z')
        return (*arg != '\0') == (op == 'n');
    if (op == 't')
        return isatty((int)integer(t, arg));
    if (op == 'h' || op == 'L')
        return lstat(arg, &st) == 0 && S_ISLNK(st.st_mode);
    if (op == 'r' || op == 'w' || op == 'x')
        return access(arg, op == 'r' ? R_OK : op == 'w' ? W_OK : X_OK) == 0;
    if (stat(arg, &st) != 0)
        return false;
    switch (op) {
    case 'b': return S_ISBLK(st.st_mode);
    case 'c': return S_ISCHR(st.st_mode);
    case 'd': return S_ISDIR(st.st_mode);
    case 'f': return S_ISREG(st.st_mode);
    case 'p': return S_ISFIFO(st.st_mode);
    case 'S': return S_ISSOCK(st.st_mode);
    case 's': return st.st_size > 0;
    case 'g': return (st.st_mode & S_ISGID) != 0;
    case 'u': return (st.st_mode & S_ISUID) != 0;
    case 'k': return (st.st_mode & S_ISVTX) != 0;
    case 'O': return st.st_uid == geteuid();
    case 'G': return st.st_gid == getegid();
    default: return true; /* -e */
    }
}

/* -nt / -ot: which was modified later; false unless both exist (as dash). */
static int newer(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    if (sa.st_mtim.tv_sec != sb.st_mtim.tv_sec)
        return sa.st_mtim.tv_sec > sb.st_mtim.tv_sec ? 1 : -1;
    return (sa.st_mtim.tv_nsec > sb.st_mtim.tv_nsec) - (sa.st_mtim.tv_nsec < sb.st_mtim.tv_nsec);
}

static bool binary(struct test *t, const char *a, const char *op, const char *b)
{
    if (strcmp(op, "=") == 0)
        return strcmp(a, b) == 0;
    if (strcmp(op, "!=") == 0)
        return strcmp(a, b) != 0;
    if (strcmp(op, "<") == 0)
        return strcmp(a, b) < 0;
    if (strcmp(op, ">") == 0)
        return strcmp(a, b) > 0;
    if (strcmp(op, "-nt") == 0)
        return newer(a, b) > 0;
    if (strcmp(op, "-ot") == 0)
        return newer(a, b) < 0;
    if (strcmp(op, "-ef") == 0) {
        struct stat sa, sb;
        return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    }
    long x = integer(t, a), y = integer(t, b);
    switch (op[1] * 256 + op[2]) {
    case 'e' * 256 + 'q': return x == y;
    case 'n' * 256 + 'e': return x != y;
    case 'l' * 256 + 't': return x < y;
    case 'l' * 256 + 'e': return x <= y;
    case 'g' * 256 + 't': return x > y;
    default: return x >= y;
    }
}

/* --- the general parser (more than four arguments) ---------------------- */

static bool oexpr(struct test *t);

static const char *next(struct test *t) { return t->i < t->n ? t->a[t->i] : NULL; }

static bool primary(struct test *t)
{
    const char *w = next(t);
    if (!w) {
        error(t, "%sargument expected", "");
        return false;
    }
    if (strcmp(w, "(") == 0 && t->i + 1 < t->n) {
        t->i++;
        bool r = oexpr(t);
        if (!next(t) || strcmp(next(t), ")") != 0)
            error(t, "%sclosing paren expected", "");
        else
            t->i++;
        return r;
    }
    if (t->i + 2 < t->n && is_binary(t->a[t->i + 1])) {
        t->i += 3;
        return binary(t, t->a[t->i - 3], t->a[t->i - 2], t->a[t->i - 1]);
    }
    if (is_unary(w) && t->i + 1 < t->n) {
        t->i += 2;
        return unary(t, w[1], t->a[t->i - 1]);
    }
    t->i++;
    return *w != '\0';
}

static bool nexpr(struct test *t)
{
    if (next(t) && strcmp(next(t), "!") == 0 && t->i + 1 < t->n) {
        t->i++;
        return !nexpr(t);
    }
    return primary(t);
}

static bool aexpr(struct test *t)
{
    bool r = nexpr(t);
    while (next(t) && strcmp(next(t), "-a") == 0) {
        t->i++;
        r = nexpr(t) && r;
    }
    return r;
}

static bool oexpr(struct test *t)
{
    bool r = aexpr(t);
    while (next(t) && strcmp(next(t), "-o") == 0) {
        t->i++;
        r = aexpr(t) || r;
    }
    return r;
}

/* --- POSIX's rules by the number of arguments --------------------------- */

static bool general(struct test *t, char **a, int n)
{
    t->a = a, t->n = n, t->i = 0;
    bool r = oexpr(t);
    if (t->i < t->n)
        error(t, "%s: unexpected operator", t->a[t->i]);
    return r;
}

static bool by_count(struct test *t, char **a, int n)
{
    switch (n) {
    case 0:
        return false;
    case 1:
        return *a[0] != '\0';
    case 2:
        if (strcmp(a[0], "!") == 0)
            return !by_count(t, a + 1, 1);
        if (is_unary(a[0]))
            return unary(t, a[0][1], a[1]);
        error(t, "%s: unexpected operator", a[0]);
        return false;
    case 3:
        if (is_binary(a[1]))
            return binary(t, a[0], a[1], a[2]);
        if (strcmp(a[1], "-a") == 0)
            return *a[0] && *a[2];
        if (strcmp(a[1], "-o") == 0)
            return *a[0] || *a[2];
        if (strcmp(a[0], "!") == 0)
            return !by_count(t, a + 1, 2);
        if (strcmp(a[0], "(") == 0 && strcmp(a[2], ")") == 0)
            return by_count(t, a + 1, 1);
        break;
    case 4:
        if (strcmp(a[0], "!") == 0)
            return !by_count(t, a + 1, 3);
        if (strcmp(a[0], "(") == 0 && strcmp(a[3], ")") == 0)
            return by_count(t, a + 1, 2);
        break;
    }
    return general(t, a, n);
}

int builtin_test(int argc, char **argv)
{
    if (strcmp(argv[0], "[") == 0) {
        if (argc < 2 || strcmp(argv[argc - 1], "]") != 0) {
            sh_error("[: missing ]");
            return 2;
        }
        argc--;
    }
    struct test t = {.who = argv[0]};
    bool r = by_count(&t, argv + 1, argc - 1);
    return t.bad ? 2 : !r;
}
