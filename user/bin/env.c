/* env: print the environment, or run a command in a changed one:
 *   env [-i] [-u NAME]... [NAME=VALUE]... [COMMAND [ARG]...]
 * -i (or a lone "-") starts from an empty environment. A command that
 * cannot be found exits 127; one that cannot run, 126. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
    int i = 1;
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "-i") || !strcmp(argv[i], "-")) {
            static char *empty[] = {NULL};
            environ = empty;
        } else if (!strcmp(argv[i], "-u")) {
            if (++i == argc) {
                fputs("env: option requires an argument -- 'u'\n", stderr);
                return 125;
            }
            unsetenv(argv[i]);
        } else if (!strcmp(argv[i], "--")) {
            i++;
            break;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "env: invalid option -- '%c'\n", argv[i][1]);
            return 125;
        } else {
            break;
        }
    }
    for (; i < argc && strchr(argv[i], '='); i++) {
        char *eq = strchr(argv[i], '=');
        if (eq == argv[i]) {
            fprintf(stderr, "env: cannot set '%s': Invalid argument\n", argv[i]);
            return 125;
        }
        *eq = 0;
        if (setenv(argv[i], eq + 1, 1) != 0) {
            fprintf(stderr, "env: cannot set '%s': %s\n", argv[i], strerror(errno));
            return 125;
        }
        *eq = '=';
    }
    if (i == argc) {
        for (char **e = environ; *e; e++)
            puts(*e);
        return fflush(stdout) ? 1 : 0;
    }
    execvp(argv[i], argv + i);
    int err = errno;
    fprintf(stderr, "env: '%s': %s\n", argv[i], strerror(err));
    return err == ENOENT ? 127 : 126;
}
