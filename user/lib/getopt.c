/*
 * getopt.c - POSIX getopt: short options, clustered (-ab), arguments
 * attached (-ofile) or separate (-o file), "::" for an optional attached
 * argument (GNU). Parsing stops at the first non-option or after "--";
 * it never reorders argv. A leading ':' in optstring reports a missing
 * argument as ':' without a message; a leading '+' (GNU's "stop at the
 * first non-option") is accepted and changes nothing. Setting optind to
 * 0 (or 1 after a finished scan) restarts.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt;

static int pos; /* index of the next option character in argv[optind] */

static void next_arg(void)
{
    optind++;
    pos = 0;
}

int getopt(int argc, char *const argv[], const char *optstring)
{
    if (optind == 0) {
        optind = 1;
        pos = 0;
    }
    if (*optstring == '+' || *optstring == '-')
        optstring++;
    int quiet = *optstring == ':';
    if (pos == 0) {
        const char *a = optind < argc ? argv[optind] : NULL;
        if (!a || a[0] != '-' || a[1] == '\0')
            return -1;
        if (strcmp(a, "--") == 0) {
            optind++;
            return -1;
        }
        pos = 1;
    }
    const char *arg = argv[optind];
    int c = (unsigned char)arg[pos++];
    const char *spec = c == ':' ? NULL : strchr(optstring, c);
    optarg = NULL;
    if (!spec) {
        optopt = c;
        if (opterr && !quiet)
            fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
        if (!arg[pos])
            next_arg();
        return '?';
    }
    if (spec[1] != ':') {
        if (!arg[pos])
            next_arg();
        return c;
    }
    if (arg[pos]) {
        optarg = (char *)arg + pos;
        next_arg();
    } else if (spec[2] == ':') {
        next_arg(); /* optional argument, none attached */
    } else if (optind + 1 < argc) {
        optarg = argv[optind + 1];
        next_arg();
        optind++;
    } else {
        optopt = c;
        next_arg();
        if (quiet)
            return ':';
        if (opterr)
            fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
        return '?';
    }
    return c;
}
