/* ln: make links. "ln TARGET LINK", "ln TARGET" (a link of the same name
 * in the current directory), "ln TARGET... DIR". -s: symbolic links;
 * -f: remove an existing LINK first; -n: a LINK that is a symbolic link
 * to a directory is replaced, not entered. Messages are GNU ln's. */
#include <err.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/target_operands.h"

static bool symbolic, force, no_deref;

static int make_link(const char *target, const char *name)
{
    struct stat st;
    if (!symbolic && lstat(target, &st) == 0 && S_ISDIR(st.st_mode)) {
        warnx("%s: hard link not allowed for directory", target); /* GNU ln checks before link(2) */
        return 1;
    }
    if (force && unlink(name) != 0 && errno != ENOENT) {
        warn("cannot remove '%s'", name);
        return 1;
    }
    if ((symbolic ? symlink(target, name) : link(target, name)) == 0)
        return 0;
    int e = errno;
    /* GNU ln (coreutils 9, ln.c do_link): errors about the new name
     * alone omit the target; other hard-link errors show both. */
    if (symbolic)
        warnx("failed to create symbolic link '%s': %s", name, strerror(e));
    else if (e == EEXIST || e == ENOSPC || e == EROFS)
        warnx("failed to create hard link '%s': %s", name, strerror(e));
    else
        warnx("failed to create hard link '%s' => '%s': %s", name, target, strerror(e));
    return 1;
}

/* A directory to put links in: stat follows a symbolic link, which -n
 * forbids for the last operand (then it is the link to replace). */
static bool is_dir(const char *path)
{
    struct stat st;
    if (no_deref && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
        return false;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int main(int argc, char **argv)
{
    int opt;
    while ((opt = getopt(argc, argv, "sfn")) != -1) {
        if (opt == 's')
            symbolic = true;
        else if (opt == 'f')
            force = true;
        else if (opt == 'n')
            no_deref = true;
        else
            return 1;
    }
    int count = argc - optind;
    if (count < 1)
        errx(1, "missing file operand");
    if (count == 1) {
        char *name = path_in_dir(".", argv[optind]);
        int status = make_link(argv[optind], name);
        free(name);
        return status;
    }
    const char *last = argv[argc - 1];
    bool into_dir = is_dir(last);
    if (count > 2 && !into_dir) {
        /* GNU: "target 'c': Not a directory", or why it cannot be found */
        struct stat st;
        if (lstat(last, &st) == 0)
            errno = ENOTDIR;
        err(1, "target '%s'", last);
    }
    if (!into_dir)
        return make_link(argv[optind], last);
    int status = 0;
    for (int i = optind; i < argc - 1; i++) {
        char *name = path_in_dir(last, argv[i]);
        status |= make_link(argv[i], name);
        free(name);
    }
    return status;
}
