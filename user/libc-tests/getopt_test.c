/* getopt_test - getopt and getopt_long compared with glibc: GNU
 * permutation, "--", '+' / POSIXLY_CORRECT / '-' orderings, ':' quiet
 * mode, optional arguments, long options (abbreviations, ambiguity,
 * "=value", flags, longindex) and the exact error messages (stderr is
 * sent to stdout so they are compared too). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define ARGS(...) (int)(sizeof((char *[]){__VA_ARGS__}) / sizeof(char *)), ((char *[]){__VA_ARGS__, NULL})

static int flag;

static const struct option longopts[] = {
    {"all", no_argument, NULL, 'a'},
    {"block-size", required_argument, NULL, 'B'},
    {"color", optional_argument, NULL, 'C'},
    {"colour", optional_argument, NULL, 'C'}, /* same action: not ambiguous with --color */
    {"verbose", no_argument, &flag, 7},
    {"version", no_argument, NULL, 'V'},
    {"verb", no_argument, NULL, 'b'}, /* exact "--verb" wins over --verbose and --version */
    {NULL, 0, NULL, 0},
};

/* Prints each result, then optind and argv as getopt left them. */
static void run(const struct option *lo, const char *optstring, int argc, char **argv)
{
    optind = 0; /* a new scan: glibc and we re-read optstring's prefix and POSIXLY_CORRECT */
    flag = 0;
    printf("%s \"%s\":", lo ? "getopt_long" : "getopt", optstring);
    for (;;) {
        int index = -1;
        fflush(stdout); /* messages (stderr = stdout) come out in order */
        int c = lo ? getopt_long(argc, argv, optstring, lo, &index) : getopt(argc, argv, optstring);
        if (c == -1)
            break;
        if (c == '?' || c == ':')
            printf(" %c(optopt=%d)", c, optopt);
        else if (c == 0)
            printf(" flag=%d", flag);
        else
            printf(" %c=%s", c == 1 ? '1' : c, optarg ? optarg : "-");
        if (index >= 0)
            printf("[%s]", lo[index].name);
    }
    printf(" | optind=%d argv:", optind);
    for (int i = 1; i < argc; i++)
        printf(" %s", argv[i]);
    putchar('\n');
}

int main(void)
{
    fflush(stdout);
    dup2(1, 2);

    /* GNU permutation (the default) */
    run(NULL, "ab:c", ARGS("prog", "file", "-a", "x", "-b", "arg", "y", "-c"));
    run(NULL, "ab:c", ARGS("prog", "one", "two", "-ac", "three"));
    run(NULL, "ab:c", ARGS("prog", "a1", "-a", "--", "-c", "a2"));
    run(NULL, "ab:c", ARGS("prog", "a1", "--", "-c"));
    run(NULL, "ab:c", ARGS("prog", "-", "-a", "-"));
    run(NULL, "ab:c", ARGS("prog", "x", "y", "z"));
    run(NULL, "ab:c", ARGS("prog"));
    run(NULL, "ab:c", ARGS("prog", "--"));
    run(NULL, "ab:c", ARGS("prog", "x", "-barg", "-b", "-c"));
    run(NULL, "n:v", ARGS("prog", "-n5", "-vvn", "10", "--", "--"));

    /* errors: messages, optopt, where scanning goes on */
    run(NULL, "ab:c", ARGS("prog", "-x", "-a", "f", "-ya"));
    run(NULL, "ab:c", ARGS("prog", "f", "-b"));
    run(NULL, "ab:c", ARGS("prog", "-:", "-;"));
    run(NULL, "ab:c", ARGS("prog", "--long", "f"));
    run(NULL, ":ab:c", ARGS("prog", "-x", "-b"));
    run(NULL, "+:ab:c", ARGS("prog", "-a", "-b"));
    opterr = 0;
    run(NULL, "ab:c", ARGS("prog", "-x", "-b"));
    opterr = 1;

    /* optional arguments are attached or absent */
    run(NULL, "ab::", ARGS("prog", "-bopt", "-b", "next", "-ab"));

    /* '+' and POSIXLY_CORRECT: stop at the first operand */
    run(NULL, "+ab:c", ARGS("prog", "-a", "-b", "arg", "-c", "file", "-a"));
    run(NULL, "+ab:c", ARGS("prog", "-a", "--", "-b", "x"));
    run(NULL, "+ab:c", ARGS("prog", "file", "-a"));
    setenv("POSIXLY_CORRECT", "1", 1);
    run(NULL, "ab:c", ARGS("prog", "-a", "file", "-c"));
    run(NULL, "-ab:c", ARGS("prog", "-a", "file", "-c")); /* '-' still wins */
    unsetenv("POSIXLY_CORRECT");

    /* '-': operands in order, as option 1 */
    run(NULL, "-ab:c", ARGS("prog", "x", "-a", "y", "-b", "z", "w", "--", "-c", "v"));

    /* long options */
    run(longopts, "ab:", ARGS("prog", "--all", "f", "--block-size=1K", "--block-size", "2K", "-a"));
    run(longopts, "ab:", ARGS("prog", "--bl", "3", "--al", "--color", "--colo=auto", "--colour=never"));
    run(longopts, "ab:", ARGS("prog", "--verbose", "--verb", "--vers"));
    run(longopts, "ab:", ARGS("prog", "--ver", "--nope", "--nope=1", "f"));
    run(longopts, "ab:", ARGS("prog", "--all=yes", "--block-size"));
    run(longopts, ":ab:", ARGS("prog", "--block-size"));
    run(longopts, "ab:", ARGS("prog", "--", "--all"));
    run(longopts, "+ab:", ARGS("prog", "--all", "f", "--all"));
    return 0;
}
