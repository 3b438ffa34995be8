/* mkdir: create directories. -p: create missing parents too, and do not
 * complain about ones that exist; -m MODE: octal permission bits. */
#include <err.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool parents;
static mode_t mode = 0777;

static int make_one(const char *path)
{
    if (mkdir(path, mode) == 0)
        return 0;
    int err = errno;
    struct stat st;
    if (parents && err == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    errno = err;
    warn("cannot create directory '%s'", path);
    return 1;
}

/* -p: each prefix ending before a '/' first (parents get the default
 * mode, as in GNU mkdir), then the whole path. */
static int make_parents(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return 1;
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/' || p[-1] == '/')
            continue;
        *p = 0;
        struct stat st;
        if (stat(copy, &st) != 0 && mkdir(copy, 0777) != 0 && errno != EEXIST) {
            warn("cannot create directory '%s'", copy);
            free(copy);
            return 1;
        }
        *p = '/';
    }
    free(copy);
    return make_one(path);
}

/* -m: octal digits only (no symbolic modes here) */
static mode_t parse_mode(const char *s)
{
    char *end;
    unsigned long m = strtoul(s, &end, 8);
    if (!*s || *end)
        errx(1, "invalid mode '%s'", s);
    return (mode_t)m;
}

int main(int argc, char **argv)
{
    int opt;
    while ((opt = getopt(argc, argv, "pm:")) != -1) {
        if (opt == 'p')
            parents = true;
        else if (opt == 'm')
            mode = parse_mode(optarg);
        else
            return 1;
    }
    if (optind == argc)
        errx(1, "missing operand");
    int status = 0;
    for (int i = optind; i < argc; i++)
        status |= parents ? make_parents(argv[i]) : make_one(argv[i]);
    return status;
}
