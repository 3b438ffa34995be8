/*
 * umask.c - the umask builtin: umask [-S] [MODE]
 *
 * Without MODE it prints the mask: as four octal digits (0022), or with
 * -S as the permissions it lets through (u=rwx,g=rx,o=rx). MODE is octal
 * or symbolic as chmod's: [ugoa]*[+-=][rwxXst]* or [+-=][ugo], comma
 * separated, acting on the permissions let through (so `umask g-w` stops
 * group write); no who letters means all. Errors as dash, status 2.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "sh.h"

static void print_symbolic(mode_t mask)
{
    mode_t perm = ~mask & 0777;
    static const char who[] = "ugo";
    for (int i = 0; i < 3; i++) {
        int shift = 6 - 3 * i;
        printf("%s%c=", i ? "," : "", who[i]);
        if (perm & (4u << shift))
            putchar('r');
        if (perm & (2u << shift))
            putchar('w');
        if (perm & (1u << shift))
            putchar('x');
    }
    putchar('\n');
}

/* Applies a symbolic MODE to the permissions perm; false if malformed. */
static bool symbolic(const char *s, mode_t *perm)
{
    for (;;) {
        mode_t who = 0;
        for (; *s && strchr("ugoa", *s); s++)
            who |= *s == 'u' ? 04700u : *s == 'g' ? 02070u : *s == 'o' ? 01007u : 07777u;
        if (!who)
            who = 07777u;
        if (!*s || !strchr("+-=", *s))
            return false;
        while (*s && strchr("+-=", *s)) {
            char op = *s++;
            mode_t bits = 0;
            if (*s && strchr("ugo", *s)) { /* copy another class's permissions */
                int shift = *s == 'u' ? 6 : *s == 'g' ? 3 : 0;
                mode_t p = (*perm >> shift) & 7;
                bits = p << 6 | p << 3 | p;
                s++;
            } else {
                for (; *s && strchr("rwxXst", *s); s++)
                    bits |= *s == 'r' ? 0444u : *s == 'w' ? 0222u : (*s == 'x' || *s == 'X') ? 0111u
                          : *s == 's' ? 06000u : 01000u;
            }
            bits &= who;
            if (op == '+')
                *perm |= bits;
            else if (op == '-')
                *perm &= ~bits;
            else
                *perm = (*perm & ~(who & 0777u)) | bits;
        }
        if (!*s)
            return true;
        if (*s++ != ',')
            return false;
    }
}

int builtin_umask(int argc, char **argv)
{
    bool sym = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) { /* -w is an option, not a mode, as in dash */
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o != 'S') {
                sh_error("umask: Illegal option -%c", *o);
                return 2;
            }
            sym = true;
        }
    }
    mode_t mask = umask(0);
    umask(mask);
    if (i >= argc) {
        if (sym)
            print_symbolic(mask);
        else
            printf("%04o\n", (unsigned)mask);
        return 0;
    }
    const char *m = argv[i];
    if (*m >= '0' && *m <= '9') {
        unsigned v = 0;
        for (const char *p = m; *p; p++) {
            if (*p < '0' || *p > '7') {
                sh_error("umask: Illegal number: %s", m);
                return 2;
            }
            v = (v * 8 + (unsigned)(*p - '0')) & 07777;
        }
        umask((mode_t)(v & 0777));
        return 0;
    }
    mode_t perm = ~mask & 0777;
    if (!symbolic(m, &perm)) {
        sh_error("umask: Illegal mode: %s", m);
        return 2;
    }
    umask(~perm & 0777);
    return 0;
}
