/*
 * ext2_big_test - the sizes issue 13 names, on a real ext2 disk in a
 * guest of 128 MiB: a 100 MiB file (more than fits in memory twice, so
 * writeback and reclaim must make room) written, synced, and read back
 * after a fresh mount; and 10,000 files in one directory, listed after
 * the remount. The host then runs e2fsck -fn and debugfs on the image
 * (tests/suites/disk.py).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tt.h"

#define BIG (100u << 20)
#define CHUNK (1u << 20)
#define NFILES 10000

static unsigned char buf[CHUNK];

static void fill(unsigned chunk)
{
    for (unsigned i = 0; i < CHUNK; i += 4) {
        unsigned v = chunk * 2654435761u ^ i;
        memcpy(buf + i, &v, 4);
    }
}

int main(void)
{
    mkdir("/mnt", 0755);
    int r = mount("/dev/vda", "/mnt", "ext2", 0, NULL);
    tt_check(r == 0, "mount the ext2 disk", "errno %d", errno);
    if (r)
        return tt_done();

    int fd = open("/mnt/big", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    long wrote = 0;
    for (unsigned c = 0; c < BIG / CHUNK && fd >= 0; c++) {
        fill(c);
        if (write(fd, buf, CHUNK) != CHUNK)
            break;
        wrote += CHUNK;
    }
    CHECK_EQ(wrote, BIG, "write a 100 MiB file");
    CHECK_EQ(fsync(fd), 0, "fsync it");
    close(fd);

    CHECK_EQ(mkdir("/mnt/many", 0755), 0, "mkdir /mnt/many");
    int made = 0;
    for (int i = 0; i < NFILES; i++) {
        char name[64];
        snprintf(name, sizeof name, "/mnt/many/file-%05d", i);
        int f = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (f < 0)
            break;
        close(f);
        made++;
    }
    CHECK_EQ(made, NFILES, "create 10,000 files in one directory");

    CHECK_EQ(umount("/mnt"), 0, "umount");
    CHECK_EQ(mount("/dev/vda", "/mnt", "ext2", 0, NULL), 0, "mount again (cold caches)");

    fd = open("/mnt/big", O_RDONLY);
    long good = 0;
    static unsigned char got[CHUNK];
    for (unsigned c = 0; c < BIG / CHUNK && fd >= 0; c++) {
        fill(c);
        size_t have = 0;
        while (have < CHUNK) {
            ssize_t n = read(fd, got + have, CHUNK - have);
            if (n <= 0)
                break;
            have += (size_t)n;
        }
        if (have != CHUNK || memcmp(got, buf, CHUNK))
            break;
        good += CHUNK;
    }
    CHECK_EQ(good, BIG, "read the 100 MiB back, byte for byte");
    char one[1];
    CHECK_EQ(fd >= 0 ? read(fd, one, 1) : -1, 0, "and then end of file");
    close(fd);

    DIR *d = opendir("/mnt/many");
    int seen = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        seen += strncmp(e->d_name, "file-", 5) == 0;
    if (d)
        closedir(d);
    CHECK_EQ(seen, NFILES, "list the 10,000 names after the remount");
    struct stat st;
    CHECK_EQ(stat("/mnt/many/file-09999", &st), 0, "stat the last one");
    CHECK_EQ(umount("/mnt"), 0, "umount");
    return tt_done();
}
