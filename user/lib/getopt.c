/*
 * getopt.c - getopt and getopt_long, behaving as glibc's (posix/getopt.c):
 *
 * - By default argv is permuted: options after operands are still parsed
 *   ("ls /tmp -l", "rm dir -r"), and when getopt returns -1 the operands
 *   have been moved to the end, from optind on, in their original order.
 * - "--" ends the options; it is moved in front of the skipped operands.
 * - A leading '+' in optstring, or POSIXLY_CORRECT in the environment,
 *   stops at the first operand (POSIX). A leading '-' returns each
 *   operand in order as option 1 with optarg pointing at it.
 * - After the '+'/'-', a leading ':' silences the messages and reports a
 *   missing argument as ':' instead of '?'.
 * - "x:" takes an argument (attached "-xARG" or the next word), "x::"
 *   only an attached one (GNU).
 * - The messages are glibc's, prefixed with argv[0]; opterr = 0 silences
 *   them.
 * - optind = 0 starts a new scan (re-reading optstring's prefix and
 *   POSIXLY_CORRECT); so does optind = 1 after a finished one.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *optarg;
int optind = 1, opterr = 1, optopt;

enum ordering { PERMUTE, REQUIRE_ORDER, RETURN_IN_ORDER };

static struct {
    bool initialized;
    enum ordering ordering;
    char *nextchar;   /* the next short option character in argv[optind], or NULL */
    int first_nonopt; /* the operands skipped so far: argv[first_nonopt .. last_nonopt) */
    int last_nonopt;
} scan;

static bool is_operand(const char *arg)
{
    return arg[0] != '-' || arg[1] == '\0'; /* "-" alone is an operand */
}

static void reverse(char **v, int from, int to)
{
    for (to--; from < to; from++, to--) {
        char *t = v[from];
        v[from] = v[to];
        v[to] = t;
    }
}

/* Moves the options just parsed, argv[last_nonopt .. optind), in front of
 * the operands skipped before them (a rotation by three reversals). argv
 * is declared const for the caller's sake only, as in every getopt. */
static void exchange(char *const argv[])
{
    char **v = (char **)argv;
    reverse(v, scan.first_nonopt, scan.last_nonopt);
    reverse(v, scan.last_nonopt, optind);
    reverse(v, scan.first_nonopt, optind);
    scan.first_nonopt += optind - scan.last_nonopt;
    scan.last_nonopt = optind;
}

static void start_scan(const char *optstring)
{
    if (optind == 0)
        optind = 1;
    scan.first_nonopt = scan.last_nonopt = optind;
    scan.nextchar = NULL;
    if (*optstring == '-')
        scan.ordering = RETURN_IN_ORDER;
    else if (*optstring == '+' || getenv("POSIXLY_CORRECT"))
        scan.ordering = REQUIRE_ORDER;
    else
        scan.ordering = PERMUTE;
    scan.initialized = true;
}

/* Whether two long options would do different things (then an
 * abbreviation matching both is ambiguous). */
static bool options_differ(const struct option *a, const struct option *b)
{
    return a->has_arg != b->has_arg || a->flag != b->flag || a->val != b->val;
}

/* "--name[=value]" at scan.nextchar (after the dashes); optind is still
 * at its word. */
static int long_option(int argc, char *const argv[], const char *optstring, const struct option *longopts,
                       int *longindex, bool print_errors)
{
    char *name = scan.nextchar;
    size_t namelen = strcspn(name, "=");
    const struct option *found = NULL;
    bool ambiguous = false;
    for (const struct option *o = longopts; o->name; o++) {
        if (strncmp(o->name, name, namelen) != 0)
            continue;
        if (strlen(o->name) == namelen) { /* an exact match wins */
            found = o;
            ambiguous = false;
            break;
        }
        if (!found)
            found = o;
        else if (options_differ(found, o))
            ambiguous = true;
    }
    if (ambiguous) {
        if (print_errors) {
            fprintf(stderr, "%s: option '--%s' is ambiguous; possibilities: '--%s'", argv[0], name, found->name);
            for (const struct option *o = found + 1; o->name; o++)
                if (strncmp(o->name, name, namelen) == 0 && options_differ(found, o))
                    fprintf(stderr, " '--%s'", o->name);
            fputc('\n', stderr);
        }
        scan.nextchar = NULL;
        optind++;
        optopt = 0;
        return '?';
    }
    scan.nextchar = NULL;
    optind++;
    if (!found) {
        if (print_errors)
            fprintf(stderr, "%s: unrecognized option '--%s'\n", argv[0], name);
        optopt = 0;
        return '?';
    }
    if (name[namelen] == '=') {
        if (found->has_arg == no_argument) {
            if (print_errors)
                fprintf(stderr, "%s: option '--%s' doesn't allow an argument\n", argv[0], found->name);
            optopt = found->val;
            return '?';
        }
        optarg = name + namelen + 1;
    } else if (found->has_arg == required_argument) {
        if (optind == argc) {
            if (print_errors)
                fprintf(stderr, "%s: option '--%s' requires an argument\n", argv[0], found->name);
            optopt = found->val;
            return *optstring == ':' ? ':' : '?';
        }
        optarg = argv[optind++];
    }
    if (longindex)
        *longindex = (int)(found - longopts);
    if (found->flag) {
        *found->flag = found->val;
        return 0;
    }
    return found->val;
}

/* One short option character at scan.nextchar. */
static int short_option(int argc, char *const argv[], const char *optstring, bool print_errors)
{
    char c = *scan.nextchar++;
    const char *spec = strchr(optstring, c);
    if (*scan.nextchar == '\0') /* the word's last character: move past it */
        optind++;
    if (!spec || c == ':' || c == ';') {
        if (print_errors)
            fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
        optopt = c;
        return '?';
    }
    if (spec[1] != ':')
        return c;
    if (*scan.nextchar) { /* attached: the rest of the word */
        optarg = scan.nextchar;
        optind++;
    } else if (spec[2] == ':') {
        /* an optional argument must be attached: none */
    } else if (optind == argc) {
        if (print_errors)
            fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
        optopt = c;
        c = *optstring == ':' ? ':' : '?';
    } else {
        optarg = argv[optind++];
    }
    scan.nextchar = NULL;
    return c;
}

/* Finds the next option word, permuting past operands; returns 0 when
 * scan.nextchar is set to a word of short options, else getopt's result. */
static int next_word(int argc, char *const argv[])
{
    /* The caller may have moved optind back (or changed argv). */
    if (scan.last_nonopt > optind)
        scan.last_nonopt = optind;
    if (scan.first_nonopt > optind)
        scan.first_nonopt = optind;
    if (scan.ordering == PERMUTE) {
        if (scan.first_nonopt != scan.last_nonopt && scan.last_nonopt != optind)
            exchange(argv);
        else if (scan.last_nonopt != optind)
            scan.first_nonopt = optind;
        while (optind < argc && is_operand(argv[optind]))
            optind++;
        scan.last_nonopt = optind;
    }
    if (optind != argc && strcmp(argv[optind], "--") == 0) {
        /* Consumed like an option, then everything after it is an operand. */
        optind++;
        if (scan.first_nonopt != scan.last_nonopt && scan.last_nonopt != optind)
            exchange(argv);
        else if (scan.first_nonopt == scan.last_nonopt)
            scan.first_nonopt = optind;
        scan.last_nonopt = argc;
        optind = argc;
    }
    if (optind == argc) {
        if (scan.first_nonopt != scan.last_nonopt)
            optind = scan.first_nonopt; /* the operands, now at the end */
        return -1;
    }
    if (is_operand(argv[optind])) {
        if (scan.ordering == REQUIRE_ORDER)
            return -1;
        optarg = argv[optind++];
        return 1;
    }
    return 0;
}

typedef int long_option_fn(int argc, char *const argv[], const char *optstring, const struct option *longopts,
                           int *longindex, bool print_errors);

/* getopt's work; long_fn is long_option for getopt_long and NULL for
 * getopt, so programs using only getopt do not link the long-option code. */
static int scan_options(int argc, char *const argv[], const char *optstring, const struct option *longopts,
                        int *longindex, long_option_fn *long_fn)
{
    if (argc < 1)
        return -1;
    optarg = NULL;
    if (optind == 0 || !scan.initialized)
        start_scan(optstring);
    if (*optstring == '-' || *optstring == '+')
        optstring++;
    bool print_errors = opterr && *optstring != ':';
    if (!scan.nextchar || !*scan.nextchar) {
        int r = next_word(argc, argv);
        if (r != 0)
            return r;
        if (long_fn && longopts && argv[optind][1] == '-') {
            scan.nextchar = argv[optind] + 2;
            return long_fn(argc, argv, optstring, longopts, longindex, print_errors);
        }
        scan.nextchar = argv[optind] + 1;
    }
    return short_option(argc, argv, optstring, print_errors);
}

int getopt_long(int argc, char *const argv[], const char *optstring, const struct option *longopts,
                int *longindex)
{
    return scan_options(argc, argv, optstring, longopts, longindex, long_option);
}

int getopt(int argc, char *const argv[], const char *optstring)
{
    return scan_options(argc, argv, optstring, NULL, NULL, NULL);
}
