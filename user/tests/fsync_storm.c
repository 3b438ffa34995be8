/* fsync_storm.c - the crash test's writer (tests/disk_e2e.py): writes
 * files and fsyncs them, one after another, until QEMU is killed under it.
 *
 *   fsync_storm [DEVICE [DIR [COUNT]]]     (/dev/vda, /mnt, 100000)
 *   fsync_storm DEVICE DIR verify N
 *
 * Mounts DEVICE (ext2) on DIR, then for i = 0, 1, ...: writes
 * storm/fNNNNN (storm_size(i) bytes of pattern(i, j)), fsyncs it, closes
 * it, and only then prints "synced storm/fNNNNN SIZE". Between those
 * files it keeps the file system busy with writes nobody syncs: churn/cK
 * rewritten, grown, truncated and unlinked. After the kill, every file
 * whose "synced" line came out must read back intact once e2fsck -fy has
 * repaired the image (the host checks with debugfs, computing the same
 * pattern). With COUNT files written it umounts and prints "storm done".
 * verify N: the second boot's side: mounts the repaired image and checks
 * storm/f00000 .. f(N-1), one "ok - ..." or "not ok - ..." line each. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "tt.h"

/* The same two functions are in tests/disk_e2e.py. */
static long storm_size(long i)
{
    if (i % 11 == 3)
        return 0;
    return (i * 7919) % 50000 + (i % 7 == 0 ? 200000 : 0) + 1;
}

static unsigned char pattern(long seed, long j)
{
    return (unsigned char)((seed * 131 + j * 7 + (j >> 8)) & 0xff);
}

static unsigned char buf[65536];

static int write_file(const char *path, long seed, long size, int do_fsync)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -errno;
    for (long off = 0; off < size;) {
        long n = size - off < (long)sizeof buf ? size - off : (long)sizeof buf;
        for (long j = 0; j < n; j++)
            buf[j] = pattern(seed, off + j);
        if (write(fd, buf, (size_t)n) != n) {
            int e = errno;
            close(fd);
            return -e;
        }
        off += n;
    }
    if (do_fsync && fsync(fd) != 0) {
        int e = errno;
        close(fd);
        return -e;
    }
    return close(fd) == 0 ? 0 : -errno;
}

/* 0 if path holds exactly the bytes write_file gave it, else a reason. */
static const char *check_file(const char *path, long seed, long size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return strerror(errno);
    long off = 0;
    const char *why = NULL;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0) {
            why = strerror(errno);
            break;
        }
        if (n == 0)
            break;
        for (ssize_t j = 0; j < n && !why; j++)
            if (off + j >= size || buf[j] != pattern(seed, off + j))
                why = off + j >= size ? "longer than written" : "wrong bytes";
        off += n;
        if (why)
            break;
    }
    close(fd);
    return why ? why : off != size ? "shorter than written" : NULL;
}

static int verify(const char *mnt, long n)
{
    char path[512];
    int bad = 0;
    for (long i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/storm/f%05ld", mnt, i);
        const char *why = check_file(path, i, storm_size(i));
        if (why)
            printf("not ok - storm/f%05ld: %s\n", i, why), bad++;
        else
            printf("ok - storm/f%05ld\n", i);
    }
    if (umount(mnt) != 0)
        printf("not ok - umount: %s\n", strerror(errno)), bad++;
    return bad > 125 ? 125 : bad;
}

int main(int argc, char **argv)
{
    const char *dev = argc > 1 ? argv[1] : "/dev/vda";
    const char *mnt = argc > 2 ? argv[2] : "/mnt";
    int verifying = argc > 4 && !strcmp(argv[3], "verify");
    long count = verifying ? atol(argv[4]) : argc > 3 ? atol(argv[3]) : 100000;
    char path[512], other[512];
    mkdir(mnt, 0755);
    if (mount(dev, mnt, "ext2", 0, NULL) != 0) {
        printf("mount -t ext2 %s %s: %s\n", dev, mnt, strerror(errno));
        return 1;
    }
    if (verifying)
        return verify(mnt, count);
    snprintf(path, sizeof path, "%s/storm", mnt);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/churn", mnt);
    mkdir(path, 0755);
    /* The directories durable before the first "synced" line. After
     * that, a file's fsync alone must keep it: on Tiny OS an fsync writes
     * back the whole file system, the new name included
     * (kernel/fs/writeback.h). (Linux's ext2 promises less: there the
     * directory would need its own fsync.) */
    int dfd = open(mnt, O_RDONLY | O_DIRECTORY);
    if (dfd < 0 || fsync(dfd) != 0) {
        printf("fsync %s: %s\n", mnt, strerror(errno));
        return 1;
    }
    close(dfd);
    printf("storm started\n");
    fflush(stdout);
    for (long i = 0; i < count; i++) {
        /* Unsynced churn first: a crash may catch any of it half done. */
        snprintf(path, sizeof path, "%s/churn/c%ld", mnt, i % 8);
        int r = write_file(path, 1000 + i, (i * 4099) % 70000, 0);
        if (r == 0 && i % 3 == 0) {
            snprintf(other, sizeof other, "%s/churn/r%ld", mnt, i % 5);
            r = rename(path, other) == 0 ? 0 : -errno;
        }
        if (r == 0 && i % 4 == 1) {
            snprintf(other, sizeof other, "%s/churn/c%ld", mnt, (i + 3) % 8);
            if (truncate(other, 1000) != 0 && errno != ENOENT)
                r = -errno;
        }
        if (r == 0 && i % 6 == 5) {
            snprintf(other, sizeof other, "%s/churn/r%ld", mnt, (i / 6) % 5);
            if (unlink(other) != 0 && errno != ENOENT)
                r = -errno;
        }
        if (r != 0) {
            printf("churn %ld: %s\n", i, strerror(-r));
            return 1;
        }
        snprintf(path, sizeof path, "%s/storm/f%05ld", mnt, i);
        long size = storm_size(i);
        r = write_file(path, i, size, 1);
        if (r != 0) {
            printf("write+fsync %s: %s\n", path, strerror(-r));
            return 1;
        }
        printf("synced storm/f%05ld %ld\n", i, size);
        fflush(stdout);
    }
    if (umount(mnt) != 0) {
        printf("umount %s: %s\n", mnt, strerror(errno));
        return 1;
    }
    printf("storm done\n");
    return 0;
}
