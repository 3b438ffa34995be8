/* umount: detach mounted file systems, each named by its mount point
 * or by its source (a device such as /dev/vda: the mount /proc/mounts
 * lists last for it, as util-linux picks the topmost). -l: lazily (MNT_DETACH: now, even
 * while busy; the file system goes when its last user does); -f: force
 * (MNT_FORCE, the same as plain here). Messages as util-linux's. */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

/* The mount point of the mount whose source is `name` and which is not
 * itself a mount point by that name; NULL if none (then `name` is
 * taken as a mount point). */
static char *dir_of_source(const char *name)
{
    FILE *f = fopen("/proc/mounts", "r");
    if (!f)
        return NULL;
    char line[4096], *found = NULL;
    int is_dir = 0;
    while (fgets(line, sizeof line, f)) {
        char *save, *source = strtok_r(line, " ", &save), *dir = strtok_r(NULL, " ", &save);
        if (!dir)
            continue;
        if (!strcmp(dir, name))
            is_dir = 1;
        if (!strcmp(source, name)) {
            free(found);
            found = strdup(dir);
        }
    }
    fclose(f);
    if (is_dir) {
        free(found);
        return NULL;
    }
    return found;
}

int main(int argc, char **argv)
{
    int flags = 0, opt;
    while ((opt = getopt(argc, argv, "lf")) != -1) {
        if (opt == 'l')
            flags |= MNT_DETACH;
        else if (opt == 'f')
            flags |= MNT_FORCE;
        else
            return 1;
    }
    if (optind == argc)
        errx(1, "bad usage: umount [-lf] DIR|DEVICE...");
    int status = 0;
    for (int i = optind; i < argc; i++) {
        char *dir = dir_of_source(argv[i]);
        int r = umount2(dir ? dir : argv[i], flags);
        free(dir);
        if (r == 0)
            continue;
        status = 32;
        if (errno == EINVAL)
            warnx("%s: not mounted.", argv[i]);
        else if (errno == EBUSY)
            warnx("%s: target is busy.", argv[i]);
        else
            warn("%s", argv[i]);
    }
    return status;
}
