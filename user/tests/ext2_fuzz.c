/*
 * ext2_fuzz.c - the guest half of tools/ext2-fuzz: mounts and walks many
 * corrupted ext2 images in one boot.
 *
 *   ext2_fuzz [--load-modules DIR] [--poweroff] [--first K]
 *
 * /dev/vdb holds the images (tools/ext2-fuzz writes it): a 4096-byte
 * header, then `count` images of `size` bytes each, every one starting
 * at a multiple of 4096:
 *
 *   offset 0   "TOSFUZZ1"        magic
 *          8   u64 count         images in this file
 *         16   u64 size          bytes per image
 *         24   u64 base_index    the index the tool gave image 0
 *
 * For image i (from K, default 0) the program writes the image over
 * /dev/vda (at least size bytes large) with write(2) and fsync(2), so
 * the disk holds it before the mount reads it: ext2 reads metadata
 * through /dev/vda's page cache, which the write filled, and file data
 * from the disk, which the fsync filled. Then it mounts /dev/vda on /mnt
 * as ext2, walks the tree (getdents64, lstat, stat, readlink, reading
 * every regular file up to READ_CAP bytes), writes (a new file, a
 * directory, a rename into it, an append to an existing file, unlinks,
 * fsync) and unmounts. Every failing call is counted by errno: on a
 * corrupt image EIO, EUCLEAN, EINVAL and friends are the expected
 * answers, and a refused mount is a good outcome too.
 *
 * Output, one line each, flushed at once so the tool knows where a
 * crash or a hang happened:
 *   FUZZ-START <index>
 *   FUZZ-IMG <index> <outcome> files=N dirs=N links=N bytes=N errs=ERRNO:N,...
 *     outcome: clean (mounted, walked, written, unmounted, no error),
 *              errors (mounted, some call failed, see errs),
 *              refused (mount failed: errs names its errno)
 *   FUZZ-BAD <index> <why>     the program could not do its part (umount
 *                              failed, /dev/vda unreadable): the tool
 *                              counts it as a failure
 *   FUZZ-DONE <images>
 *
 * --load-modules DIR: Linux only (tools/ext2-fuzz --linux): load the
 * modules named in DIR/order first (virtio, ext4), as bench/bench.c does,
 * and mount devtmpfs on /dev, so the same images can be tried on Linux.
 *
 * The walk is bounded (depth, entries, bytes read per file), since a
 * corrupt directory can point back at its parent and a corrupt size can
 * claim terabytes of holes.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#define MNT "/mnt"
#define READ_CAP (1L << 20) /* bytes read per regular file */
#define MAX_DEPTH 12
#define MAX_ENTRIES 4000 /* directory entries looked at per image */
#define MAX_ERRNO 134

struct tally {
    long files, dirs, links, bytes, entries;
    long errs[MAX_ERRNO + 1];
};

static struct tally t;
static char iobuf[64 * 1024] __attribute__((aligned(4096)));

static void err(int e)
{
    if (e < 0 || e > MAX_ERRNO)
        e = 0;
    t.errs[e]++;
}

/* The errno's symbolic name (the outcome lines are read by a program). */
static const char *errno_name(int e)
{
    static const char *const names[] = {
        [EPERM] = "EPERM",     [ENOENT] = "ENOENT",   [EIO] = "EIO",           [ENXIO] = "ENXIO",
        [E2BIG] = "E2BIG",     [EBADF] = "EBADF",     [ENOMEM] = "ENOMEM",     [EACCES] = "EACCES",
        [EFAULT] = "EFAULT",   [EBUSY] = "EBUSY",     [EEXIST] = "EEXIST",     [EXDEV] = "EXDEV",
        [ENODEV] = "ENODEV",   [ENOTDIR] = "ENOTDIR", [EISDIR] = "EISDIR",     [EINVAL] = "EINVAL",
        [ENFILE] = "ENFILE",   [EMFILE] = "EMFILE",   [EFBIG] = "EFBIG",       [ENOSPC] = "ENOSPC",
        [ESPIPE] = "ESPIPE",   [EROFS] = "EROFS",     [EMLINK] = "EMLINK",     [ERANGE] = "ERANGE",
        [ENAMETOOLONG] = "ENAMETOOLONG",              [ENOSYS] = "ENOSYS",     [ENOTEMPTY] = "ENOTEMPTY",
        [ELOOP] = "ELOOP",     [EOVERFLOW] = "EOVERFLOW",                      [EUCLEAN] = "EUCLEAN",
        [EBADMSG] = "EBADMSG", [ENOTBLK] = "ENOTBLK", [ESTALE] = "ESTALE",     [EOPNOTSUPP] = "EOPNOTSUPP",
    };
    static char other[16];
    if (e > 0 && e < (int)(sizeof names / sizeof names[0]) && names[e])
        return names[e];
    snprintf(other, sizeof other, "E%d", e);
    return other;
}

static void say(const char *line)
{
    size_t len = strlen(line);
    while (len > 0) {
        ssize_t r = write(1, line, len);
        if (r <= 0)
            return;
        line += r;
        len -= (size_t)r;
    }
}

/* Reads up to READ_CAP bytes of path. */
static void cat(const char *path)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW);
    if (fd < 0) {
        err(errno);
        return;
    }
    long total = 0;
    for (;;) {
        ssize_t r = read(fd, iobuf, sizeof iobuf);
        if (r < 0) {
            err(errno);
            break;
        }
        if (r == 0)
            break;
        total += r;
        if (total >= READ_CAP)
            break;
    }
    t.bytes += total;
    close(fd);
}

static void walk(const char *dir, int depth)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0) {
        err(errno);
        return;
    }
    t.dirs++;
    char buf[4096];
    for (;;) {
        long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
        if (n < 0) {
            err(errno);
            break;
        }
        if (n == 0)
            break;
        for (long off = 0; off < n;) {
            struct dirent64 *d = (struct dirent64 *)(buf + off);
            if (d->d_reclen == 0)
                break;
            off += d->d_reclen;
            if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
                continue;
            if (++t.entries > MAX_ENTRIES)
                goto out;
            char path[512];
            if (snprintf(path, sizeof path, "%s/%s", dir, d->d_name) >= (int)sizeof path)
                continue;
            struct stat st;
            if (lstat(path, &st) < 0) {
                err(errno);
                continue;
            }
            if (S_ISDIR(st.st_mode)) {
                if (depth < MAX_DEPTH)
                    walk(path, depth + 1);
            } else if (S_ISREG(st.st_mode)) {
                t.files++;
                cat(path);
            } else if (S_ISLNK(st.st_mode)) {
                char target[4097];
                t.links++;
                if (readlink(path, target, sizeof target - 1) < 0)
                    err(errno);
                if (stat(path, &st) < 0) /* follows it: it may dangle (ENOENT) or loop (ELOOP) */
                    err(errno);
            }
        }
    }
out:
    close(fd);
}

/* The writes: what ext2's allocator, directory code and writeback do
 * with corrupt bitmaps, counts and directories. */
static void write_some(void)
{
    int fd = open(MNT "/fuzz-new", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (fd < 0) {
        err(errno);
    } else {
        memset(iobuf, 'w', 20000);
        if (write(fd, iobuf, 20000) < 0)
            err(errno);
        if (fsync(fd) < 0)
            err(errno);
        close(fd);
    }
    if (mkdir(MNT "/fuzz-dir", 0755) < 0)
        err(errno);
    if (rename(MNT "/fuzz-new", MNT "/fuzz-dir/moved") < 0)
        err(errno);
    /* An existing file grows (its block map and the bitmaps change). */
    fd = open(MNT "/small.txt", O_WRONLY | O_APPEND);
    if (fd < 0) {
        err(errno);
    } else {
        if (write(fd, "appended\n", 9) < 0)
            err(errno);
        close(fd);
    }
    if (truncate(MNT "/dir1/indirect.bin", 3000) < 0)
        err(errno);
    if (unlink(MNT "/fuzz-dir/moved") < 0)
        err(errno);
    if (rmdir(MNT "/fuzz-dir") < 0)
        err(errno);
    if (unlink(MNT "/dir1/hello.txt") < 0)
        err(errno);
    sync();
}

/* --poweroff (Linux, where PID 1 must not exit): power off at the end. */
static int poweroff;

static int finish(int status)
{
    if (poweroff) {
        sync();
        reboot(RB_POWER_OFF);
    }
    return status;
}

static int get_u64(const unsigned char *p, uint64_t *v)
{
    memcpy(v, p, 8);
    return 0;
}

/* /dev/vdb's image i over /dev/vda. 0, or -1 with errno set. */
static int load_image(int vdb, int vda, uint64_t i, uint64_t size)
{
    uint64_t stride = (size + 4095) / 4096 * 4096;
    off_t src = 4096 + (off_t)(i * stride);
    if (lseek(vda, 0, SEEK_SET) < 0)
        return -1;
    for (uint64_t done = 0; done < size;) {
        size_t n = size - done < sizeof iobuf ? size - done : sizeof iobuf;
        ssize_t r = pread(vdb, iobuf, n, src + (off_t)done);
        if (r <= 0) {
            if (r == 0)
                errno = EIO;
            return -1;
        }
        ssize_t w = write(vda, iobuf, (size_t)r);
        if (w != r) {
            if (w >= 0)
                errno = EIO;
            return -1;
        }
        done += (uint64_t)r;
    }
    return fsync(vda);
}

static void load_modules(const char *dir)
{
    char path[256], list[1024];
    snprintf(path, sizeof path, "%s/order", dir);
    int fd = open(path, O_RDONLY);
    ssize_t len = fd < 0 ? -1 : read(fd, list, sizeof list - 1);
    if (fd >= 0)
        close(fd);
    if (len < 0) {
        printf("FUZZ-NOTE cannot read %s: %s\n", path, strerror(errno));
        return;
    }
    list[len] = 0;
    for (char *name = strtok(list, "\n"); name; name = strtok(NULL, "\n")) {
        snprintf(path, sizeof path, "%s/%s", dir, name);
        fd = open(path, O_RDONLY);
        if (fd < 0 || (syscall(SYS_finit_module, fd, "", 0) < 0 && errno != EEXIST))
            printf("FUZZ-NOTE module %s: %s\n", name, strerror(errno));
        if (fd >= 0)
            close(fd);
    }
    mkdir("/dev", 0755);
    mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    uint64_t first = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--poweroff") == 0)
            poweroff = 1;
        else if (strcmp(argv[i], "--load-modules") == 0 && i + 1 < argc)
            load_modules(argv[++i]);
        else if (strcmp(argv[i], "--first") == 0 && i + 1 < argc)
            first = strtoull(argv[++i], NULL, 10);
    }
    char line[512];
    int vdb = open("/dev/vdb", O_RDONLY);
    int vda = open("/dev/vda", O_RDWR);
    unsigned char hdr[32];
    if (vdb < 0 || vda < 0 || pread(vdb, hdr, sizeof hdr, 0) != (ssize_t)sizeof hdr ||
        memcmp(hdr, "TOSFUZZ1", 8) != 0) {
        snprintf(line, sizeof line, "FUZZ-BAD -1 cannot open /dev/vda and the image file /dev/vdb: %s\n",
                 strerror(errno));
        say(line);
        return finish(2);
    }
    uint64_t count, size, base;
    get_u64(hdr + 8, &count);
    get_u64(hdr + 16, &size);
    get_u64(hdr + 24, &base);
    mkdir(MNT, 0755);
    uint64_t done = 0;
    for (uint64_t i = first; i < count; i++) {
        uint64_t index = base + i;
        snprintf(line, sizeof line, "FUZZ-START %llu\n", (unsigned long long)index);
        say(line);
        memset(&t, 0, sizeof t);
        if (load_image(vdb, vda, i, size) < 0) {
            snprintf(line, sizeof line, "FUZZ-BAD %llu writing the image to /dev/vda: %s\n",
                     (unsigned long long)index, strerror(errno));
            say(line);
            return finish(3);
        }
        const char *outcome;
        if (mount("/dev/vda", MNT, "ext2", 0, NULL) < 0) {
            err(errno);
            outcome = "refused";
        } else {
            walk(MNT, 0);
            write_some();
            walk(MNT, 0);
            if (umount(MNT) < 0) {
                int e = errno;
                umount2(MNT, MNT_DETACH);
                snprintf(line, sizeof line, "FUZZ-BAD %llu umount: %s\n", (unsigned long long)index, strerror(e));
                say(line);
                return finish(4);
            }
            outcome = "clean";
            for (int e = 0; e <= MAX_ERRNO; e++)
                if (t.errs[e])
                    outcome = "errors";
        }
        int n = snprintf(line, sizeof line, "FUZZ-IMG %llu %s files=%ld dirs=%ld links=%ld bytes=%ld errs=",
                         (unsigned long long)index, outcome, t.files, t.dirs, t.links, t.bytes);
        const char *sep = "";
        for (int e = 0; e <= MAX_ERRNO && n < (int)sizeof line - 40; e++) {
            if (!t.errs[e])
                continue;
            n += snprintf(line + n, sizeof line - (size_t)n, "%s%s:%ld", sep, errno_name(e), t.errs[e]);
            sep = ",";
        }
        if (!*sep)
            n += snprintf(line + n, sizeof line - (size_t)n, "none");
        snprintf(line + n, sizeof line - (size_t)n, "\n");
        say(line);
        done++;
    }
    snprintf(line, sizeof line, "FUZZ-DONE %llu\n", (unsigned long long)done);
    say(line);
    close(vda);
    close(vdb);
    return finish(0);
}
