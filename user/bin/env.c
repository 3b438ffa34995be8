/* env: print the environment, or run a command in a changed one:
 *   env [-i] [-u NAME]... [NAME=VALUE]... [COMMAND [ARG]...]
 * -i (or a lone "-") starts from an empty environment. A command that
 * cannot be found exits 127; one that cannot run, 126. */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
    static char *empty[] = {NULL};
    int opt;
    /* '+': stop at the first operand, which may be the command */
    while ((opt = getopt(argc, argv, "+iu:")) != -1) {
        if (opt == 'i')
            environ = empty;
        else if (opt == 'u')
            unsetenv(optarg);
        else
            return 125;
    }
    int i = optind;
    if (i < argc && !strcmp(argv[i], "-")) { /* the old spelling of -i */
        environ = empty;
        i++;
    }
    for (; i < argc && strchr(argv[i], '='); i++) {
        char *eq = strchr(argv[i], '=');
        if (eq == argv[i])
            errx(125, "cannot set '%s': Invalid argument", argv[i]);
        *eq = 0;
        if (setenv(argv[i], eq + 1, 1) != 0)
            err(125, "cannot set '%s'", argv[i]);
        *eq = '=';
    }
    if (i == argc) {
        for (char **e = environ; *e; e++)
            puts(*e);
        return fflush(stdout) ? 1 : 0;
    }
    execvp(argv[i], argv + i);
    int exec_errno = errno;
    warn("'%s'", argv[i]);
    return exec_errno == ENOENT ? 127 : 126;
}
