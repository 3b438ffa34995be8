/* mkdir: create directories. -p: create missing parents too, and do not
 * complain about ones that exist; -m MODE: octal permission bits. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
    fprintf(stderr, "mkdir: cannot create directory '%s': %s\n", path, strerror(err));
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
            fprintf(stderr, "mkdir: cannot create directory '%s': %s\n", copy, strerror(errno));
            free(copy);
            return 1;
        }
        *p = '/';
    }
    free(copy);
    return make_one(path);
}

int main(int argc, char **argv)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        }
        for (const char *p = argv[i] + 1; *p; p++) {
            if (*p == 'p') {
                parents = true;
            } else if (*p == 'm') {
                const char *arg = p[1] ? p + 1 : argv[++i];
                char *end;
                if (!arg || (mode = (mode_t)strtoul(arg, &end, 8), *end) || !*arg) {
                    fprintf(stderr, "mkdir: invalid mode '%s'\n", arg ? arg : "");
                    return 1;
                }
                break;
            } else {
                fprintf(stderr, "mkdir: invalid option -- '%c'\n", *p);
                return 1;
            }
        }
    }
    if (i == argc) {
        fputs("mkdir: missing operand\n", stderr);
        return 1;
    }
    int status = 0;
    for (; i < argc; i++)
        status |= parents ? make_parents(argv[i]) : make_one(argv[i]);
    return status;
}
