/*
 * blkdev_test.c - /dev/vda, a virtio disk, as a block device file
 * (tests/suites/block.py boots it with disk images the host made):
 *
 *   blkdev_test main SIZE   the node (S_IFBLK 254:0, 0660 root:disk), the
 *                           size ioctls and /proc/partitions, a read of the
 *                           whole disk against the host's pattern, lseek
 *                           and the end of the device, dd-style writes at
 *                           odd offsets read back (also after BLKFLSBUF
 *                           drops the cache), two processes at once, fsync
 *                           (the host then checks the image file)
 *   blkdev_test ro SIZE     a read-only disk: BLKROGET 1, writes EPERM
 *   blkdev_test nodes       block nodes made with mknod: a known number
 *                           opens the disk, an unknown one ENXIO
 *   blkdev_test fsync       writes a region, fsyncs it, exits (the host
 *                           finds it in the image)
 *   blkdev_test close       the same with close instead of fdatasync (the
 *                           last close writes the dirty pages back)
 *   blkdev_test disks N     N disks (vda, vdb...) read at once by one
 *                           process each, then written at once (QEMU puts
 *                           the first two on one shared IRQ line)
 *
 * The disk's bytes follow pattern(seed 0, offset) (block.py makes the
 * image); the writes here put pattern(WSEED, offset) at their offsets, so
 * the host knows what every byte must be.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "tt.h"

#ifndef BLKPBSZGET
#define BLKPBSZGET _IO(0x12, 123)
#endif

#define WSEED 0x5A

static unsigned char pattern(unsigned seed, unsigned long long off)
{
    return (unsigned char)((off * 131) ^ (off >> 8) ^ seed);
}

static void fill(unsigned char *buf, unsigned seed, unsigned long long off, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = pattern(seed, off + i);
}

/* The first offset in [off, off + n) whose byte is not pattern(seed), or -1. */
static long long mismatch(const unsigned char *buf, unsigned seed, unsigned long long off, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (buf[i] != pattern(seed, off + i))
            return (long long)(off + i);
    return -1;
}

/* The regions main writes (also in block.py: keep them the same). */
static const struct {
    unsigned long long off;
    size_t len;
} regions[] = {
    {0, 1}, {511, 2}, {4095, 4098}, {8192, 4096}, {20000, 100000}, {1048573, 7}, {2097152, 262144},
};
#define NREGIONS (sizeof regions / sizeof regions[0])

static int open_disk(int flags)
{
    int fd = open("/dev/vda", flags);
    if (fd < 0) {
        printf("not ok - open /dev/vda: errno %d\n", errno);
        exit(1);
    }
    return fd;
}

/* Reads [off, off + n) with reads of odd sizes, compared with seed's pattern. */
static long long check_range(int fd, unsigned seed, unsigned long long off, unsigned long long n)
{
    static unsigned char buf[70001];
    unsigned long long done = 0;
    while (done < n) {
        size_t chunk = n - done < sizeof buf ? n - done : sizeof buf;
        ssize_t r = pread(fd, buf, chunk, (off_t)(off + done));
        if (r <= 0)
            return (long long)(off + done);
        long long bad = mismatch(buf, seed, off + done, (size_t)r);
        if (bad >= 0)
            return bad;
        done += (unsigned long long)r;
    }
    return -1;
}

static void check_node(void)
{
    struct stat st;
    CHECK_EQ(stat("/dev/vda", &st), 0, "stat /dev/vda");
    CHECK(S_ISBLK(st.st_mode), "/dev/vda is a block device");
    CHECK_EQ(st.st_mode & 07777, 0660, "/dev/vda mode 0660");
    CHECK_EQ(st.st_gid, 6, "/dev/vda group disk");
    CHECK_EQ(major(st.st_rdev), 254, "/dev/vda major 254 (virtblk)");
    CHECK_EQ(minor(st.st_rdev), 0, "/dev/vda minor 0");
}

/* Does file path hold line? */
static int file_has_line(const char *path, const char *line)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char buf[256];
    int found = 0;
    while (fgets(buf, sizeof buf, f))
        if (!strcmp(buf, line))
            found = 1;
    fclose(f);
    return found;
}

static void check_sizes(int fd, unsigned long long size, int ro)
{
    unsigned long long bytes = 0;
    unsigned long sectors = 0;
    int ssz = 0, bsz = 0, rog = -1;
    unsigned pbsz = 0;
    CHECK_EQ(ioctl(fd, BLKGETSIZE64, &bytes), 0, "BLKGETSIZE64");
    CHECK_EQ(bytes, size, "BLKGETSIZE64 is the image's size");
    CHECK_EQ(ioctl(fd, BLKGETSIZE, &sectors), 0, "BLKGETSIZE");
    CHECK_EQ(sectors, size / 512, "BLKGETSIZE in sectors");
    CHECK_EQ(ioctl(fd, BLKSSZGET, &ssz), 0, "BLKSSZGET");
    CHECK_EQ(ssz, 512, "logical sector size 512");
    CHECK_EQ(ioctl(fd, BLKPBSZGET, &pbsz), 0, "BLKPBSZGET");
    CHECK_EQ(pbsz, 512, "physical sector size 512");
    CHECK_EQ(ioctl(fd, BLKBSZGET, &bsz), 0, "BLKBSZGET");
    CHECK_EQ(bsz, size % 4096 ? 512 : 4096, "block size of buffered I/O");
    CHECK_EQ(ioctl(fd, BLKROGET, &rog), 0, "BLKROGET");
    CHECK_EQ(rog, ro, "BLKROGET says whether the disk is read-only");
    errno = 0;
    CHECK(ioctl(fd, 0x1234, 0) == -1 && errno == ENOTTY, "an unknown ioctl is ENOTTY");
    char line[128];
    snprintf(line, sizeof line, " 254        0 %10llu vda\n", size / 1024);
    CHECK(file_has_line("/proc/partitions", "major minor  #blocks  name\n"), "/proc/partitions header");
    CHECK(file_has_line("/proc/partitions", line), "/proc/partitions lists vda with its size in KiB");
    CHECK(file_has_line("/proc/devices", "254 virtblk\n"), "/proc/devices lists block major 254");
    CHECK(file_has_line("/proc/devices", "Block devices:\n"), "/proc/devices has its block section");
}

static void check_end(int fd, unsigned long long size)
{
    char buf[1024];
    CHECK_EQ(lseek(fd, 0, SEEK_END), (long long)size, "SEEK_END is the device's size");
    CHECK_EQ(read(fd, buf, sizeof buf), 0, "read at the end: 0");
    errno = 0;
    CHECK(lseek(fd, (off_t)size + 1, SEEK_SET) == -1 && errno == EINVAL, "lseek past the end: EINVAL");
    CHECK_EQ(lseek(fd, 100, SEEK_HOLE), (long long)size, "SEEK_HOLE: the end");
    CHECK_EQ(lseek(fd, 100, SEEK_DATA), 100, "SEEK_DATA: data everywhere");
    errno = 0;
    CHECK(lseek(fd, (off_t)size, SEEK_DATA) == -1 && errno == ENXIO, "SEEK_DATA at the end: ENXIO");
    CHECK_EQ(pread(fd, buf, sizeof buf, (off_t)size - 100), 100, "a read across the end is short");
    CHECK_EQ(mismatch((unsigned char *)buf, 0, size - 100, 100), -1, "the last bytes are the image's");
}

static void check_end_writes(int fd, unsigned long long size)
{
    char buf[1024];
    fill((unsigned char *)buf, 0, size - 10, 10); /* the same bytes the disk has there */
    errno = 0;
    CHECK(pwrite(fd, buf, sizeof buf, (off_t)size) == -1 && errno == ENOSPC, "write at the end: ENOSPC");
    CHECK_EQ(pwrite(fd, buf, sizeof buf, (off_t)size - 10), 10, "a write across the end is short");
    CHECK_EQ(pwrite(fd, buf, 0, (off_t)size), 0, "an empty write at the end: 0");
}

static void write_regions(int fd)
{
    for (size_t i = 0; i < NREGIONS; i++) {
        unsigned char *buf = malloc(regions[i].len);
        fill(buf, WSEED, regions[i].off, regions[i].len);
        /* dd's way: lseek, then write. */
        CHECK_EQ(lseek(fd, (off_t)regions[i].off, SEEK_SET), (long long)regions[i].off, "lseek to a region");
        CHECK_EQ(write(fd, buf, regions[i].len), (long long)regions[i].len, "write a region");
        free(buf);
    }
}

static void check_regions(int fd, const char *when)
{
    char what[128];
    for (size_t i = 0; i < NREGIONS; i++) {
        snprintf(what, sizeof what, "region %zu reads back %s", i, when);
        CHECK_EQ(check_range(fd, WSEED, regions[i].off, regions[i].len), -1, what);
    }
    /* The bytes around them were not touched. */
    snprintf(what, sizeof what, "bytes between regions unchanged %s", when);
    CHECK_EQ(check_range(fd, 0, 1, 510), -1, what);
    CHECK_EQ(check_range(fd, 0, 12288, 20000 - 12288), -1, what);
    CHECK_EQ(check_range(fd, 0, 120000, 1048573 - 120000), -1, what);
}

/* Two processes reading different halves of the first 4 MiB at once:
 * their requests are in the device's queue together. */
static void check_parallel(unsigned long long size)
{
    unsigned long long span = size < (4u << 20) ? size : (4u << 20);
    int fd = open_disk(O_RDONLY);
    CHECK_EQ(ioctl(fd, BLKFLSBUF, 0), 0, "BLKFLSBUF before the parallel reads");
    pid_t child = fork();
    if (child == 0) {
        int cfd = open_disk(O_RDONLY); /* its own open file: its own position */
        long long bad = check_range(cfd, 0, span, span); /* the second 4 MiB */
        _exit(bad == -1 || span >= size ? 0 : 1);
    }
    long long bad = -1;
    /* Region-aware: the first 4 MiB hold writes of WSEED. */
    static unsigned char buf[65536];
    for (unsigned long long off = 0; off < span && bad < 0; off += sizeof buf) {
        size_t n = span - off < sizeof buf ? span - off : sizeof buf;
        if (pread(fd, buf, n, (off_t)off) != (ssize_t)n) {
            bad = (long long)off;
            break;
        }
        for (size_t i = 0; i < n && bad < 0; i++) {
            unsigned long long at = off + i;
            unsigned seed = 0;
            for (size_t k = 0; k < NREGIONS; k++)
                if (at >= regions[k].off && at < regions[k].off + regions[k].len)
                    seed = WSEED;
            if (buf[i] != pattern(seed, at))
                bad = (long long)at;
        }
    }
    int status = -1;
    waitpid(child, &status, 0);
    CHECK_EQ(bad, -1, "parent's read while the child reads");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child's read while the parent reads");
    close(fd);
}

static void check_diskstats(void)
{
    FILE *f = fopen("/proc/diskstats", "r");
    char line[512];
    unsigned long long reads = 0, sread = 0, writes = 0, swritten = 0;
    int found = 0;
    while (f && fgets(line, sizeof line, f)) {
        unsigned ma, mi;
        char name[32];
        unsigned long long v[17];
        int n = sscanf(line, "%u %u %31s %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu",
                       &ma, &mi, name, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9], &v[10],
                       &v[11], &v[12], &v[13], &v[14], &v[15], &v[16]);
        if (n == 20 && !strcmp(name, "vda") && ma == 254 && mi == 0) {
            found = 1;
            reads = v[0], sread = v[2], writes = v[4], swritten = v[6];
        }
    }
    if (f)
        fclose(f);
    CHECK(found, "/proc/diskstats has vda with 17 counters");
    CHECK(reads > 0 && sread >= reads, "diskstats counts reads and their sectors");
    CHECK(writes > 0 && swritten >= writes, "diskstats counts writes and their sectors");
}

static int run_main(unsigned long long size)
{
    check_node();
    int fd = open_disk(O_RDWR);
    check_sizes(fd, size, 0);
    CHECK_EQ(check_range(fd, 0, 0, size), -1, "the whole disk reads as the host wrote it");
    check_end(fd, size);
    check_end_writes(fd, size);
    write_regions(fd);
    check_regions(fd, "from the cache");
    CHECK_EQ(fsync(fd), 0, "fsync");
    CHECK_EQ(ioctl(fd, BLKFLSBUF, 0), 0, "BLKFLSBUF");
    check_regions(fd, "from the disk");
    close(fd);
    check_parallel(size);
    check_diskstats();
    return tt_done();
}

static int run_ro(unsigned long long size)
{
    int fd = open_disk(O_RDWR); /* Linux lets a read-only disk be opened for writing; writes fail */
    check_sizes(fd, size, 1);
    char buf[512] = {0};
    errno = 0;
    CHECK(write(fd, buf, sizeof buf) == -1 && errno == EPERM, "write to a read-only disk: EPERM");
    CHECK_EQ(check_range(fd, 0, 0, size < (1u << 20) ? size : (1u << 20)), -1, "a read-only disk reads");
    CHECK_EQ(fsync(fd), 0, "fsync of a read-only disk (nothing dirty)");
    close(fd);
    return tt_done();
}

static int run_nodes(void)
{
    CHECK_EQ(mknod("/tmp/disk", S_IFBLK | 0600, makedev(254, 0)), 0, "mknod a node for 254:0");
    CHECK_EQ(mknod("/tmp/none", S_IFBLK | 0600, makedev(254, 32)), 0, "mknod a node for 254:32");
    int fd = open("/tmp/disk", O_RDONLY);
    CHECK(fd >= 0, "a mknod'ed node opens the disk");
    unsigned char buf[4096];
    CHECK_EQ(pread(fd, buf, sizeof buf, 8192), 4096, "read through it");
    CHECK_EQ(mismatch(buf, 0, 8192, sizeof buf), -1, "it reads the disk's bytes");
    close(fd);
    errno = 0;
    CHECK(open("/tmp/none", O_RDONLY) == -1 && errno == ENXIO, "a node without a disk: ENXIO");
    return tt_done();
}

static int run_fsync(int use_close)
{
    int fd = open_disk(O_WRONLY);
    static unsigned char buf[3 * 4096 + 100];
    fill(buf, WSEED, 40960 + 7, sizeof buf);
    CHECK_EQ(pwrite(fd, buf, sizeof buf, 40960 + 7), (long long)sizeof buf, "write");
    if (use_close)
        CHECK_EQ(close(fd), 0, "close");
    else
        CHECK_EQ(fdatasync(fd), 0, "fdatasync");
    /* Power off at once (init's exit), the descriptor still open in the
     * fdatasync case: only what was written back is on the disk. */
    return tt_done();
}

/* Each disk read whole, and a region written and fsync'd, by its own
 * process, all at once. */
static int run_disks(int n)
{
    pid_t kids[8];
    for (int i = 0; i < n && i < 8; i++) {
        kids[i] = fork();
        if (kids[i] == 0) {
            char path[16];
            snprintf(path, sizeof path, "/dev/vd%c", 'a' + i);
            int fd = open(path, O_RDWR);
            unsigned long long size = 0;
            if (fd < 0 || ioctl(fd, BLKGETSIZE64, &size) || check_range(fd, 0, 0, size) != -1)
                _exit(1);
            static unsigned char buf[65536];
            fill(buf, WSEED, 8192, sizeof buf);
            if (pwrite(fd, buf, sizeof buf, 8192) != (ssize_t)sizeof buf || fsync(fd) || ioctl(fd, BLKFLSBUF, 0))
                _exit(2);
            _exit(check_range(fd, WSEED, 8192, sizeof buf) == -1 ? 0 : 3);
        }
    }
    for (int i = 0; i < n && i < 8; i++) {
        int status = -1;
        waitpid(kids[i], &status, 0);
        char what[64];
        snprintf(what, sizeof what, "vd%c read and written alongside the others", 'a' + i);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, what);
    }
    return tt_done();
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc >= 3 && !strcmp(argv[1], "main"))
        return run_main(strtoull(argv[2], NULL, 0));
    if (argc >= 3 && !strcmp(argv[1], "ro"))
        return run_ro(strtoull(argv[2], NULL, 0));
    if (argc >= 2 && !strcmp(argv[1], "nodes"))
        return run_nodes();
    if (argc >= 2 && !strcmp(argv[1], "fsync"))
        return run_fsync(0);
    if (argc >= 2 && !strcmp(argv[1], "close"))
        return run_fsync(1);
    if (argc >= 3 && !strcmp(argv[1], "disks"))
        return run_disks(atoi(argv[2]));
    fprintf(stderr, "usage: blkdev_test main|ro SIZE | nodes | fsync | close | disks N\n");
    return 2;
}
