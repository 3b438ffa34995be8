/* sync: write what is cached in memory to the disks, as GNU coreutils'
 * sync does:
 *   sync              sync(2): every file system
 *   sync FILE...      fsync(2) of each file
 *   sync -d FILE...   fdatasync(2): the data, and the metadata needed to read it
 *   sync -f FILE...   syncfs(2): the whole file system each file is on
 * A file is opened read-only (without blocking, so a FIFO does not
 * wait), or write-only if that is refused (coreutils does the same).
 * Messages are coreutils': "sync: error opening 'F': REASON",
 * "sync: error syncing 'F': REASON"; the status is 1 if any failed. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum mode { MODE_FILE, MODE_DATA, MODE_FS };

static int sync_one(const char *name, enum mode mode)
{
    int fd = open(name, O_RDONLY | O_NONBLOCK);
    if (fd < 0 && (errno == EACCES || errno == EISDIR))
        fd = open(name, O_WRONLY | O_NONBLOCK);
    if (fd < 0) {
        warn("error opening '%s'", name);
        return 1;
    }
    int r = mode == MODE_FS ? syncfs(fd) : mode == MODE_DATA ? fdatasync(fd) : fsync(fd);
    if (r != 0) {
        warn("error syncing '%s'", name);
        close(fd);
        return 1;
    }
    if (close(fd) != 0) {
        warn("failed to close '%s'", name);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"data", no_argument, NULL, 'd'},
        {"file-system", no_argument, NULL, 'f'},
        {NULL, 0, NULL, 0},
    };
    int data = 0, fs = 0, opt;
    while ((opt = getopt_long(argc, argv, "df", longopts, NULL)) != -1) {
        if (opt == 'd')
            data = 1;
        else if (opt == 'f')
            fs = 1;
        else {
            fputs("Usage: sync [-d|-f] [FILE]...\n", stderr);
            return 1;
        }
    }
    if (data && fs)
        errx(1, "cannot specify both --data and --file-system");
    if (optind == argc) {
        if (data)
            errx(1, "--data needs at least one argument");
        sync();
        return 0;
    }
    int status = 0;
    for (int i = optind; i < argc; i++)
        status |= sync_one(argv[i], fs ? MODE_FS : data ? MODE_DATA : MODE_FILE);
    return status;
}
