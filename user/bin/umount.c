/* umount: detach mounted file systems. -l: lazily (MNT_DETACH: now, even
 * while busy; the file system goes when its last user does); -f: force
 * (MNT_FORCE, the same as plain here). Messages as util-linux's. */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

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
        errx(1, "bad usage: umount [-lf] DIR...");
    int status = 0;
    for (int i = optind; i < argc; i++) {
        if (umount2(argv[i], flags) == 0)
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
