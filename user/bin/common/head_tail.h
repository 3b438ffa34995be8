/* head_tail.h - what head and tail share: their options (with the
 * obsolete "-N"), the count error, and the loop over the inputs with
 * GNU's "==> NAME <==" headers. Included by both (see README.md here).
 * Needs <ctype.h>, <err.h>, <fcntl.h>, <stdbool.h>, <stdio.h>,
 * <stdlib.h>, <string.h>, <unistd.h>. */
#ifndef HEAD_TAIL_H
#define HEAD_TAIL_H

static inline void set_count(bool (*parse)(const char *), bool bytes, const char *arg)
{
    if (!parse(arg))
        errx(1, "invalid number of %s: '%s'", bytes ? "bytes" : "lines", arg);
}

/* Options: -n N (lines), -c N (bytes), and the pre-POSIX "head -5 f"
 * that GNU keeps: a first argument "-DIGITS" is "-n DIGITS". parse(arg)
 * sets the count (false: not a count); *bytes tells -c. Returns the
 * index of the first operand; exits on bad options. */
static inline int parse_count_options(int argc, char **argv, bool (*parse)(const char *), bool *bytes)
{
    if (argc > 1 && argv[1][0] == '-' && isdigit((unsigned char)argv[1][1])) {
        set_count(parse, false, argv[1] + 1);
        optind = 2;
    }
    int opt;
    while ((opt = getopt(argc, argv, "n:c:")) != -1) {
        if (opt == '?')
            exit(1);
        *bytes = opt == 'c';
        set_count(parse, *bytes, optarg);
    }
    return optind;
}

/* Calls fn(fd, name) for each operand argv[first..] ("-", or none at all,
 * is standard input); with several, each output gets a header. */
static inline int for_each_input(int argc, char **argv, int first, int (*fn)(int fd, const char *name))
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
