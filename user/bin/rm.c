/* rm: remove files. -r/-R: directories and everything in them;
 * -f: no error for missing files (and none at all for no operands);
 * -d: empty directories; -v: say what is removed. */
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool recursive, force, dirs, verbose;

static int fail(const char *path, int err)
{
    errno = err;
    warn("cannot remove '%s'", path);
    return 1;
}

static int remove_path(const char *path);

/* Empties a directory (depth first), then removes it. */
static int remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return fail(path, errno);
    int status = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        size_t n = strlen(path) + strlen(de->d_name) + 2;
        char *child = malloc(n);
        if (!child) {
            closedir(d);
            return fail(path, ENOMEM);
        }
        snprintf(child, n, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", de->d_name);
        status |= remove_path(child);
        free(child);
    }
    closedir(d);
    if (rmdir(path) != 0)
        return fail(path, errno);
    if (verbose)
        printf("removed directory '%s'\n", path);
    return status;
}

static int remove_path(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        if (force && errno == ENOENT)
            return 0;
        return fail(path, errno);
    }
    if (S_ISDIR(st.st_mode)) {
        if (recursive)
            return remove_tree(path);
        if (!dirs)
            return fail(path, EISDIR);
        if (rmdir(path) != 0)
            return fail(path, errno);
        if (verbose)
            printf("removed directory '%s'\n", path);
        return 0;
    }
    if (unlink(path) != 0)
        return fail(path, errno);
    if (verbose)
        printf("removed '%s'\n", path);
    return 0;
}

/* "." and ".." (as the last component) are refused, as GNU rm does. */
static bool is_dot_or_dotdot(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return !strcmp(base, ".") || !strcmp(base, "..");
}

int main(int argc, char **argv)
{
    int opt;
    while ((opt = getopt(argc, argv, "rRfdvi")) != -1) {
        switch (opt) {
        case 'r': case 'R': recursive = true; break;
        case 'f': force = true; break;
        case 'd': dirs = true; break;
        case 'v': verbose = true; break;
        case 'i': break; /* no prompting here */
        default: return 1;
        }
    }
    if (optind == argc) {
        if (force)
            return 0;
        errx(1, "missing operand");
    }
    int status = 0;
    for (int i = optind; i < argc; i++) {
        if (recursive && is_dot_or_dotdot(argv[i])) {
            warnx("refusing to remove '.' or '..' directory: skipping '%s'", argv[i]);
            status = 1;
            continue;
        }
        if (!strcmp(argv[i], "/") && recursive) {
            warnx("it is dangerous to operate recursively on '/'");
            status = 1;
            continue;
        }
        status |= remove_path(argv[i]);
    }
    return status;
}
