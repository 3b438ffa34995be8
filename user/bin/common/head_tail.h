/* head_tail.h - what head and tail share: the obsolete "-N" first
 * operand, the count error, and the loop over the inputs with GNU's
 * "==> NAME <==" headers. Included by both (see README.md here). Needs
 * <ctype.h>, <err.h>, <fcntl.h>, <stdbool.h>, <stdio.h>, <string.h>,
 * <unistd.h>. */
#ifndef HEAD_TAIL_H
#define HEAD_TAIL_H

/* "head -5 f": a first argument "-DIGITS" is "-n DIGITS" (GNU keeps
 * this pre-POSIX form). Returns the digits, with optind set past them,
 * or NULL. */
static const char *obsolete_count(int argc, char **argv)
{
    if (argc < 2 || argv[1][0] != '-' || !isdigit((unsigned char)argv[1][1]))
        return NULL;
    optind = 2;
    return argv[1] + 1;
}

static _Noreturn void bad_count(bool bytes, const char *arg)
{
    errx(1, "invalid number of %s: '%s'", bytes ? "bytes" : "lines", arg);
}

/* Calls fn(fd, name) for each operand argv[first..] ("-", or none at all,
 * is standard input); with several, each output gets a header. */
static int for_each_input(int argc, char **argv, int first, int (*fn)(int fd, const char *name))
{
    static char *stdin_only[] = {"-", NULL};
    char **files = first < argc ? argv + first : stdin_only;
    int nfiles = first < argc ? argc - first : 1;
    int status = 0;
    bool first_header = true;
    for (int k = 0; k < nfiles; k++) {
        bool is_stdin = !strcmp(files[k], "-");
        int fd = is_stdin ? 0 : open(files[k], O_RDONLY);
        if (fd < 0) {
            warn("cannot open '%s' for reading", files[k]);
            status = 1;
            continue;
        }
        if (nfiles > 1) {
            printf("%s==> %s <==\n", first_header ? "" : "\n", is_stdin ? "standard input" : files[k]);
            first_header = false;
        }
        status |= fn(fd, files[k]);
        if (!is_stdin)
            close(fd);
    }
    return status;
}

#endif
