/*
 * test.c - the test / [ builtin: file tests, string and integer
 * comparisons, !, and -a / -o (left to right, -a first). Status 0 true,
 * 1 false, 2 on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

static int bad; /* a usage error was reported */

static bool integer(const char *s, long *v)
{
    char *end;
    *v = strtol(s, &end, 10);
    if (!*s || *end) {
        fprintf(stderr, "sh: test: %s: integer expression expected\n", s);
        bad = 1;
        return false;
    }
    return true;
}

static bool unary(const char *op, const char *arg)
{
    struct stat st;
    switch (op[1]) {
    case 'n': return *arg != '\0';
    case 'z': return *arg == '\0';
    case 'e': return stat(arg, &st) == 0;
    case 'f': return stat(arg, &st) == 0 && S_ISREG(st.st_mode);
    case 'd': return stat(arg, &st) == 0 && S_ISDIR(st.st_mode);
    case 'c': return stat(arg, &st) == 0 && S_ISCHR(st.st_mode);
    case 'p': return stat(arg, &st) == 0 && S_ISFIFO(st.st_mode);
    case 'h':
    case 'L': return lstat(arg, &st) == 0 && S_ISLNK(st.st_mode);
    case 's': return stat(arg, &st) == 0 && st.st_size > 0;
    case 'r': return access(arg, R_OK) == 0;
    case 'w': return access(arg, W_OK) == 0;
    case 'x': return access(arg, X_OK) == 0;
    case 't': return isatty(atoi(arg));
    }
    fprintf(stderr, "sh: test: %s: unary operator expected\n", op);
    bad = 1;
    return false;
}

static bool is_unary(const char *s) { return s[0] == '-' && s[1] && !s[2] && strchr("nzefdcphLsrwxt", s[1]); }

static bool is_binary(const char *s)
{
    static const char *const ops[] = {"=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", NULL};
    for (int i = 0; ops[i]; i++)
        if (strcmp(s, ops[i]) == 0)
            return true;
    return false;
}

static bool binary(const char *a, const char *op, const char *b)
{
    if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0)
        return strcmp(a, b) == 0;
    if (strcmp(op, "!=") == 0)
        return strcmp(a, b) != 0;
    long x, y;
    if (!integer(a, &x) || !integer(b, &y))
        return false;
    switch (op[1] * 256 + op[2]) {
    case 'e' * 256 + 'q': return x == y;
    case 'n' * 256 + 'e': return x != y;
    case 'l' * 256 + 't': return x < y;
    case 'l' * 256 + 'e': return x <= y;
    case 'g' * 256 + 't': return x > y;
    default: return x >= y;
    }
}

/* One primary at argv[*i]: [!] (unary ARG | ARG binary ARG | ARG). */
static bool primary(int argc, char **argv, int *i)
{
    if (*i >= argc) {
        fprintf(stderr, "sh: test: argument expected\n");
        bad = 1;
        return false;
    }
    if (strcmp(argv[*i], "!") == 0 && *i + 1 < argc) {
        (*i)++;
        return !primary(argc, argv, i);
    }
    if (*i + 2 < argc && is_binary(argv[*i + 1])) {
        bool r = binary(argv[*i], argv[*i + 1], argv[*i + 2]);
        *i += 3;
        return r;
    }
    if (*i + 1 < argc && is_unary(argv[*i])) {
        bool r = unary(argv[*i], argv[*i + 1]);
        *i += 2;
        return r;
    }
    return *argv[(*i)++] != '\0';
}

static bool and_expr(int argc, char **argv, int *i)
{
    bool r = primary(argc, argv, i);
    while (*i < argc && strcmp(argv[*i], "-a") == 0) {
        (*i)++;
        bool s = primary(argc, argv, i);
        r = r && s;
    }
    return r;
}

int builtin_test(int argc, char **argv)
{
    bad = 0;
    if (strcmp(argv[0], "[") == 0) {
        if (strcmp(argv[argc - 1], "]") != 0) {
            fprintf(stderr, "sh: [: missing ']'\n");
            return 2;
        }
        argc--;
    }
    if (argc == 1)
        return 1;
    int i = 1;
    bool r = and_expr(argc, argv, &i);
    while (i < argc && strcmp(argv[i], "-o") == 0) {
        i++;
        bool s = and_expr(argc, argv, &i);
        r = r || s;
    }
    if (i < argc && !bad) {
        fprintf(stderr, "sh: test: %s: unexpected argument\n", argv[i]);
        bad = 1;
    }
    return bad ? 2 : !r;
}
