/* disk_persist_test.c - data written in one boot read back in the next
 * (tests/disk_e2e.py boots it twice on one ext2 image, with e2fsck -fn
 * and debugfs on the host between the boots and after them).
 *
 *   disk_persist_test write|verify [DEVICE [DIR]]    (/dev/vda, /mnt)
 *
 * write: mounts DEVICE (ext2) on DIR and makes /persist there: files of
 * 0 B, 1 B, 4 KiB and 1 MiB (the pattern below, which the host checks
 * too), a sparse file with one byte at 10 MiB, a deep directory, a fast
 * and a slow symlink, a hard link, a file truncated down and one
 * renamed across directories; then umounts (which writes everything
 * back). verify: mounts again and checks every one of them, sizes, link
 * counts and bytes, then umounts. One "ok - ..." line per check; the
 * exit status is the number of failures. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#include "tt.h"

#define MIB (1024 * 1024)
#define SPARSE_OFFSET (10L * MIB)

/* Byte j of the file with this seed; tests/disk_e2e.py computes the same. */
static unsigned char pattern(long seed, long j)
{
    return (unsigned char)((seed * 131 + j * 7 + (j >> 8)) & 0xff);
}

static char path[512];
static const char *mnt = "/mnt";

static const char *at(const char *rel)
{
    snprintf(path, sizeof path, "%s/persist/%s", mnt, rel);
    return path;
}

static int write_pattern(const char *rel, long seed, long size)
{
    int fd = open(at(rel), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -errno;
    static unsigned char buf[65536];
    for (long off = 0; off < size;) {
        long n = size - off < (long)sizeof buf ? size - off : (long)sizeof buf;
        for (long j = 0; j < n; j++)
            buf[j] = pattern(seed, off + j);
        if (write(fd, buf, (size_t)n) != n) {
            close(fd);
            return -EIO;
        }
        off += n;
    }
    return close(fd) == 0 ? 0 : -errno;
}

/* 0 if the file holds exactly `size` bytes of the pattern, else the
 * first bad offset + 1 (or -errno). */
static long check_pattern(const char *rel, long seed, long size)
{
    int fd = open(at(rel), O_RDONLY);
    if (fd < 0)
        return -errno;
    static unsigned char buf[65536];
    long off = 0, bad = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0) {
            bad = -errno;
            break;
        }
        if (n == 0)
            break;
        for (ssize_t j = 0; j < n && !bad; j++)
            if (off + j >= size || buf[j] != pattern(seed, off + j))
                bad = off + j + 1;
        off += n;
        if (bad)
            break;
    }
    close(fd);
    if (!bad && off != size)
        bad = off + 1;
    return bad;
}

static int write_text(const char *rel, const char *text)
{
    int fd = open(at(rel), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -errno;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n == (ssize_t)strlen(text) ? 0 : -EIO;
}

static int read_text(const char *rel, char *buf, size_t size)
{
    int fd = open(at(rel), O_RDONLY);
    if (fd < 0)
        return -errno;
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0)
        return -EIO;
    buf[n] = 0;
    return 0;
}

static const char *slow_target(void)
{
    /* Over 60 bytes: an ext2 "slow" symlink, its target in a data block. */
    return "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z/0123456789/leaf-target";
}

static void do_write(void)
{
    CHECK_EQ(mkdir(at(""), 0755) == 0 ? 0 : errno, 0, "mkdir /persist");
    CHECK_EQ(write_pattern("empty", 1, 0), 0, "write a 0-byte file");
    CHECK_EQ(write_text("one", "x"), 0, "write a 1-byte file");
    CHECK_EQ(write_pattern("page", 3, 4096), 0, "write a 4 KiB file");
    CHECK_EQ(write_pattern("mib", 4, MIB), 0, "write a 1 MiB file");
    int fd = open(at("sparse"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0 && pwrite(fd, "S", 1, SPARSE_OFFSET) == 1 && close(fd) == 0, "write 1 byte at 10 MiB");
    char dir[256] = "";
    int ok = 1;
    for (int depth = 0; depth < 20; depth++) {
        snprintf(dir + strlen(dir), sizeof dir - strlen(dir), "%sd%d", depth ? "/" : "", depth);
        ok &= mkdir(at(dir), 0755) == 0;
    }
    strcat(dir, "/leaf");
    CHECK(ok && write_text(dir, "deep\n") == 0, "a 20-level directory tree with a file at the bottom");
    CHECK(symlink("mib", at("fast-link")) == 0, "a fast symlink");
    CHECK(symlink(slow_target(), at("slow-link")) == 0, "a slow symlink");
    char other[512];
    snprintf(other, sizeof other, "%s/persist/mib.hard", mnt);
    CHECK(link(at("mib"), other) == 0, "a hard link");
    CHECK(write_pattern("shrunk", 5, 300000) == 0 && truncate(at("shrunk"), 5000) == 0,
          "a 300000-byte file truncated to 5000");
    CHECK(mkdir(at("from"), 0755) == 0 && mkdir(at("to"), 0755) == 0 && write_text("from/moved", "moved\n") == 0,
          "a file to move");
    snprintf(other, sizeof other, "%s/persist/to/moved", mnt);
    CHECK(rename(at("from/moved"), other) == 0, "rename across directories");
    CHECK(chmod(at("one"), 0640) == 0, "chmod 0640");
}

static void do_verify(void)
{
    struct stat st;
    char buf[256];
    CHECK(stat(at("empty"), &st) == 0 && st.st_size == 0, "the 0-byte file is there and empty");
    CHECK(read_text("one", buf, sizeof buf) == 0 && !strcmp(buf, "x"), "the 1-byte file reads back");
    CHECK(stat(at("one"), &st) == 0 && (st.st_mode & 07777) == 0640, "its mode 0640 stayed");
    CHECK_EQ(check_pattern("page", 3, 4096), 0, "the 4 KiB file reads back");
    CHECK_EQ(check_pattern("mib", 4, MIB), 0, "the 1 MiB file reads back");
    CHECK(stat(at("mib"), &st) == 0 && st.st_nlink == 2, "the 1 MiB file has 2 links");
    CHECK_EQ(check_pattern("mib.hard", 4, MIB), 0, "its hard link reads the same bytes");
    int fd = open(at("sparse"), O_RDONLY);
    char c = 0, zero = 1;
    CHECK(fd >= 0 && pread(fd, &c, 1, SPARSE_OFFSET) == 1 && c == 'S' && pread(fd, &zero, 1, 4096) == 1 &&
              zero == 0,
          "the sparse file: the byte at 10 MiB, zeros in the hole");
    if (fd >= 0)
        close(fd);
    CHECK(stat(at("sparse"), &st) == 0 && st.st_size == SPARSE_OFFSET + 1 && st.st_blocks < 64,
          "the sparse file's size, and its hole takes no blocks");
    char dir[256] = "";
    for (int depth = 0; depth < 20; depth++)
        snprintf(dir + strlen(dir), sizeof dir - strlen(dir), "%sd%d", depth ? "/" : "", depth);
    strcat(dir, "/leaf");
    CHECK(read_text(dir, buf, sizeof buf) == 0 && !strcmp(buf, "deep\n"), "the file 20 levels down reads back");
    ssize_t n = readlink(at("fast-link"), buf, sizeof buf - 1);
    CHECK(n == 3 && !memcmp(buf, "mib", 3), "the fast symlink's target");
    n = readlink(at("slow-link"), buf, sizeof buf - 1);
    CHECK(n == (ssize_t)strlen(slow_target()) && !memcmp(buf, slow_target(), (size_t)n), "the slow symlink's target");
    CHECK_EQ(check_pattern("fast-link", 4, MIB), 0, "reading through the fast symlink");
    CHECK_EQ(check_pattern("shrunk", 5, 5000), 0, "the truncated file: 5000 bytes of its first contents");
    CHECK(read_text("to/moved", buf, sizeof buf) == 0 && !strcmp(buf, "moved\n"), "the renamed file is in its new directory");
    CHECK(stat(at("from/moved"), &st) != 0 && errno == ENOENT, "and gone from the old one");
    CHECK(rmdir(at("to")) != 0 && errno == ENOTEMPTY, "rmdir of a non-empty directory: ENOTEMPTY");
}

int main(int argc, char **argv)
{
    if (argc < 2 || (strcmp(argv[1], "write") && strcmp(argv[1], "verify"))) {
        fprintf(stderr, "usage: disk_persist_test write|verify [DEVICE [DIR]]\n");
        return 125;
    }
    const char *dev = argc > 2 ? argv[2] : "/dev/vda";
    if (argc > 3)
        mnt = argv[3];
    mkdir(mnt, 0755);
    if (mount(dev, mnt, "ext2", 0, NULL) != 0) {
        printf("not ok - mount -t ext2 %s %s: %s\n", dev, mnt, strerror(errno));
        return 1;
    }
    printf("ok - mount -t ext2 %s %s\n", dev, mnt);
    struct statfs before;
    CHECK(statfs(mnt, &before) == 0 && before.f_type == 0xEF53, "statfs says ext2 (0xEF53)");
    if (!strcmp(argv[1], "write"))
        do_write();
    else
        do_verify();
    struct statfs after;
    CHECK(statfs(mnt, &after) == 0 && after.f_blocks == before.f_blocks, "statfs again: the same size");
    if (!strcmp(argv[1], "write"))
        CHECK(after.f_bfree < before.f_bfree, "writing took free blocks");
    CHECK_EQ(umount(mnt) == 0 ? 0 : errno, 0, "umount (writes everything back)");
    return tt_done();
}
