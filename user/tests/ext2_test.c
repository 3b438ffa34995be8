/*
 * ext2_test - drives Tiny OS's ext2 from user space for tests/suites/
 * ext2.py. Its arguments are a list of commands run in order:
 *   mount DEV DIR [ro]   mount(2) DEV (ext2) on DIR
 *   mountfail DEV DIR ERRNO    mount must fail with that errno
 *   umount DIR
 *   remount DIR ro|rw    mount(MS_REMOUNT) to read-only or back
 *   manifest DIR         every file below DIR, sorted: type, mode, owner,
 *                        links, size, mtime, a hash of the data (the
 *                        same program on the host over the source tree
 *                        gives the expected lines)
 *   rocheck DIR          every change is EROFS
 *   write DIR            the write workload (files of 0 B .. 5 MiB, a
 *                        sparse 5 GiB one, 2000 names in a directory, a
 *                        deep tree, rename/unlink/truncate storms, hard
 *                        and symbolic links, attributes, ENOTEMPTY)
 *   verify DIR           what write left, read back (after a remount)
 *   statfs DIR           the counts, for dumpe2fs -h to confirm
 *   enospc DIR           fill the disk: ENOSPC from write(2), then free
 *   corrupt DIR          the damaged files of the corrupt image: EUCLEAN
 *                        or EIO, never a crash
 *   htree DIR            adds and removes names in DIR/many (an htree
 *                        directory Linux's e2fsck -D indexed)
 *   mknodblk PATH MAJ MIN   a block-device node (ENXIO mounts)
 *   bigdir DIR N         N files in DIR/big: made, listed, each stat'd,
 *                        every other one removed
 * (or all of them as one argument, separated by spaces). Prints
 * "ok - ..." / "not ok - ..." lines; exits 1 if any failed.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/types.h>
#include <unistd.h>

#ifndef EUCLEAN
#define EUCLEAN 117
#endif

static int failures;

static void ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ok(int cond, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf(cond ? "ok - " : "not ok - ");
    vprintf(fmt, ap);
    if (!cond) {
        printf(" (errno %d %s)", errno, strerror(errno));
        failures++;
    }
    printf("\n");
    va_end(ap);
}

/* The data every file gets: byte j of seed's pattern (tests/ext2_e2e.py
 * computes the same). */
static unsigned char pat(unsigned seed, uint64_t j) { return (unsigned char)(seed * 131 + j * 7 + (j >> 8)); }

static void fill(unsigned char *buf, unsigned seed, uint64_t off, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = pat(seed, off + i);
}

/* dir/name in one of four buffers (a call may take two paths). */
static const char *P(const char *dir, const char *name)
{
    static char bufs[4][4096];
    static int next;
    char *b = bufs[next++ % 4];
    snprintf(b, 4096, "%s/%s", dir, name);
    return b;
}

static int write_file(const char *path, unsigned seed, uint64_t size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    static unsigned char buf[65536];
    for (uint64_t off = 0; off < size;) {
        size_t n = size - off < sizeof buf ? (size_t)(size - off) : sizeof buf;
        fill(buf, seed, off, n);
        if (write(fd, buf, n) != (ssize_t)n) {
            close(fd);
            return -1;
        }
        off += n;
    }
    return close(fd);
}

/* Does the file hold exactly seed's pattern of size bytes? */
static int check_file(const char *path, unsigned seed, uint64_t size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    static unsigned char buf[65536], want[65536];
    uint64_t off = 0;
    int good = 1;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0) {
            good = 0;
            break;
        }
        if (n == 0)
            break;
        fill(want, seed, off, (size_t)n);
        if (memcmp(buf, want, (size_t)n))
            good = 0;
        off += (uint64_t)n;
    }
    close(fd);
    return good && off == size;
}

/* --- manifest -------------------------------------------------------- */

static uint64_t fnv(uint64_t h, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

/* A hash of the data: all of it, or for files over 64 MiB (sparse ones)
 * the first MiB, the MiB around 4 GiB and the last MiB. */
static uint64_t hash_file(const char *path, off_t size, int *err)
{
    int fd = open(path, O_RDONLY);
    *err = 0;
    if (fd < 0) {
        *err = errno;
        return 0;
    }
    static unsigned char buf[65536];
    uint64_t h = 0xcbf29ce484222325ull;
    off_t ranges[3][2] = {{0, size}, {0, 0}, {0, 0}};
    if (size > (64 << 20)) {
        ranges[0][1] = 1 << 20;
        ranges[1][0] = (4ll << 30) - (512 << 10);
        ranges[1][1] = (4ll << 30) + (512 << 10);
        ranges[2][0] = size - (1 << 20);
        ranges[2][1] = size;
    }
    for (int r = 0; r < 3; r++) {
        for (off_t off = ranges[r][0]; off < ranges[r][1] && off < size;) {
            size_t want = ranges[r][1] - off < (off_t)sizeof buf ? (size_t)(ranges[r][1] - off) : sizeof buf;
            ssize_t n = pread(fd, buf, want, off);
            if (n <= 0) {
                *err = n < 0 ? errno : EIO;
                close(fd);
                return 0;
            }
            h = fnv(h, buf, (size_t)n);
            off += n;
        }
    }
    close(fd);
    return h;
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void manifest(const char *root, const char *rel)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s%s", root, rel);
    DIR *d = opendir(dir);
    if (!d) {
        printf("%s: opendir error %d\n", rel, errno);
        failures++;
        return;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (!strcmp(e->d_name, "lost+found") && !*rel)
            continue; /* mke2fs makes it; the source tree has none */
        names = realloc(names, (n + 1) * sizeof *names);
        names[n++] = strdup(e->d_name);
    }
    if (errno) {
        printf("%s: readdir error %d\n", rel, errno);
        failures++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        char r[4096], full[4096];
        snprintf(r, sizeof r, "%s/%s", rel, names[i]);
        snprintf(full, sizeof full, "%s%s", root, r);
        struct stat st;
        if (lstat(full, &st)) {
            printf("%s: lstat error %d\n", r, errno);
            failures++;
            continue;
        }
        printf("%s %06o %u:%u n%lu", r, st.st_mode, st.st_uid, st.st_gid, (unsigned long)st.st_nlink);
        if (S_ISDIR(st.st_mode)) {
            printf(" t%ld\n", (long)st.st_mtime);
            manifest(root, r);
        } else if (S_ISLNK(st.st_mode)) {
            char t[4096];
            ssize_t l = readlink(full, t, sizeof t - 1);
            t[l < 0 ? 0 : l] = 0;
            printf(" -> %s\n", t);
        } else if (S_ISREG(st.st_mode)) {
            int err;
            uint64_t h = hash_file(full, st.st_size, &err);
            printf(" s%lld t%ld h%016llx%s", (long long)st.st_size, (long)st.st_mtime, (unsigned long long)h,
                   st.st_size > (64 << 20) && st.st_blocks * 512 < st.st_size / 100 ? " sparse" : "");
            if (err) {
                printf(" error %d", err);
                failures++;
            }
            printf("\n");
        } else {
            printf(" rdev%lx\n", (unsigned long)st.st_rdev);
        }
        free(names[i]);
    }
    free(names);
}

/* --- read-only ------------------------------------------------------- */

static void rocheck(const char *dir)
{
    errno = 0;
    ok(open(P(dir, "new-file"), O_WRONLY | O_CREAT, 0644) < 0 && errno == EROFS, "ro: create is EROFS");
    ok(mkdir(P(dir, "new-dir"), 0755) < 0 && errno == EROFS, "ro: mkdir is EROFS");
    DIR *d = opendir(dir);
    struct dirent *e;
    char victim[512] = "";
    while (d && (e = readdir(d)))
        if (e->d_type == DT_REG) {
            snprintf(victim, sizeof victim, "%s/%s", dir, e->d_name);
            break;
        }
    if (d)
        closedir(d);
    ok(*victim != 0, "ro: a regular file to try");
    ok(open(victim, O_WRONLY) < 0 && errno == EROFS, "ro: open for writing is EROFS");
    ok(unlink(victim) < 0 && errno == EROFS, "ro: unlink is EROFS");
    ok(chmod(victim, 0600) < 0 && errno == EROFS, "ro: chmod is EROFS");
    ok(truncate(victim, 0) < 0 && errno == EROFS, "ro: truncate is EROFS");
}

/* --- the write workload ------------------------------------------------ */

#define MANY 2000
static const struct {
    const char *name;
    unsigned seed;
    uint64_t size;
} files[] = {{"f0", 1, 0}, {"f1", 2, 1}, {"f4k", 3, 4096}, {"f1m", 4, 1 << 20}, {"fbig", 5, 5 << 20}};
#define NFILES (sizeof files / sizeof *files)
#define SPARSE_END ((5ull << 30) + 1)
static const char slow_target[] =
    "a-slow-symlink-target/that/is/longer/than/sixty/bytes/so/it/needs/a/block/of/its/own/0123456789";

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    while (readdir(d))
        n++;
    closedir(d);
    return n - 2;
}

static void write_sparse(const char *dir)
{
    int fd = open(P(dir, "sparse"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    unsigned char buf[4096];
    fill(buf, 6, 0, sizeof buf);
    ok(fd >= 0 && pwrite(fd, buf, 4096, 0) == 4096, "sparse: first page");
    fill(buf, 7, 0, sizeof buf);
    ok(pwrite(fd, buf, 4096, (4ll << 30) - 2048) == 4096, "sparse: across 4 GiB");
    ok(pwrite(fd, "Z", 1, (off_t)SPARSE_END - 1) == 1, "sparse: a byte at 5 GiB");
    struct stat st;
    fstat(fd, &st);
    ok(st.st_size == (off_t)SPARSE_END && st.st_blocks < 200, "sparse: size %lld, %lld blocks", (long long)st.st_size,
       (long long)st.st_blocks);
    close(fd);
}

static void check_sparse(const char *dir)
{
    int fd = open(P(dir, "sparse"), O_RDONLY);
    unsigned char buf[4096], want[4096];
    fill(want, 6, 0, sizeof want);
    ok(fd >= 0 && pread(fd, buf, 4096, 0) == 4096 && !memcmp(buf, want, 4096), "sparse: first page reads back");
    fill(want, 7, 0, sizeof want);
    ok(pread(fd, buf, 4096, (4ll << 30) - 2048) == 4096 && !memcmp(buf, want, 4096), "sparse: 4 GiB page reads back");
    memset(want, 0, sizeof want);
    ok(pread(fd, buf, 4096, 3ll << 30) == 4096 && !memcmp(buf, want, 4096), "sparse: a hole reads zeros");
    ok(pread(fd, buf, 10, (off_t)SPARSE_END - 1) == 1 && buf[0] == 'Z', "sparse: last byte");
    close(fd);
}

static void write_work(const char *dir)
{
    for (size_t i = 0; i < NFILES; i++)
        ok(write_file(P(dir, files[i].name), files[i].seed, files[i].size) == 0, "write %s", files[i].name);
    for (size_t i = 0; i < NFILES; i++)
        ok(check_file(P(dir, files[i].name), files[i].seed, files[i].size), "read back %s", files[i].name);
    write_sparse(dir);
    check_sparse(dir);

    /* Many names in one directory, a third removed, a third moved. */
    ok(mkdir(P(dir, "many"), 0755) == 0 && mkdir(P(dir, "moved"), 0755) == 0, "mkdir many, moved");
    char name[64], name2[64];
    int made = 0;
    for (int i = 0; i < MANY; i++) {
        snprintf(name, sizeof name, "%s/many/file-%04d", dir, i);
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd >= 0 && write(fd, name + strlen(dir), strlen(name + strlen(dir))) > 0)
            made++;
        close(fd);
    }
    ok(made == MANY, "%d files in one directory", made);
    ok(count_entries(P(dir, "many")) == MANY, "getdents lists %d", count_entries(P(dir, "many")));
    int gone = 0, moved = 0;
    for (int i = 0; i < MANY; i++) {
        snprintf(name, sizeof name, "%s/many/file-%04d", dir, i);
        snprintf(name2, sizeof name2, "%s/moved/file-%04d", dir, i);
        if (i % 3 == 0)
            gone += unlink(name) == 0;
        else if (i % 3 == 1)
            moved += rename(name, name2) == 0;
    }
    ok(gone == (MANY + 2) / 3 && moved == (MANY + 1) / 3, "unlinked %d, renamed %d across directories", gone, moved);

    /* A deep tree. */
    char deep[4096];
    snprintf(deep, sizeof deep, "%s", dir);
    int depth = 0;
    for (; depth < 40; depth++) {
        strcat(deep, "/d");
        if (mkdir(deep, 0755))
            break;
    }
    strcat(deep, "/leaf");
    ok(depth == 40 && write_file(deep, 9, 3000) == 0, "a tree 40 deep");

    /* Rename storm: over existing names, across directories and back. */
    ok(mkdir(P(dir, "storm"), 0755) == 0 && mkdir(P(dir, "storm2"), 0755) == 0, "mkdir storm");
    int good = 1;
    for (int i = 0; i < 50; i++) {
        snprintf(name, sizeof name, "%s/storm/s%d", dir, i);
        good &= write_file(name, 10 + i, 100 + i) == 0;
    }
    for (int round = 0; round < 4; round++)
        for (int i = 0; i < 50; i++) {
            snprintf(name, sizeof name, "%s/%s/s%d", dir, round % 2 ? "storm2" : "storm", i);
            snprintf(name2, sizeof name2, "%s/%s/s%d", dir, round % 2 ? "storm" : "storm2", i);
            good &= rename(name, name2) == 0;
        }
    for (int i = 0; i < 49; i += 2) { /* s(i+1) replaced by s(i) */
        snprintf(name, sizeof name, "%s/storm/s%d", dir, i);
        snprintf(name2, sizeof name2, "%s/storm/s%d", dir, i + 1);
        good &= rename(name, name2) == 0;
    }
    ok(good && count_entries(P(dir, "storm")) == 25 && count_entries(P(dir, "storm2")) == 0, "rename storm");
    /* A directory moves: its ".." and both parents' link counts. */
    ok(mkdir(P(dir, "storm/sub"), 0755) == 0 && rename(P(dir, "storm/sub"), P(dir, "storm2/sub")) == 0,
       "rename a directory across parents");
    struct stat st;
    stat(P(dir, "storm"), &st);
    int n1 = (int)st.st_nlink;
    stat(P(dir, "storm2"), &st);
    ok(n1 == 2 && st.st_nlink == 3, "link counts after moving a directory (%d, %lu)", n1,
       (unsigned long)st.st_nlink);

    /* Unlink storm. */
    good = 1;
    for (int i = 0; i < 200; i++) {
        snprintf(name, sizeof name, "%s/u%d", dir, i);
        good &= write_file(name, 20, (uint64_t)(i * 37 % 9000)) == 0;
    }
    for (int i = 0; i < 200; i++) {
        snprintf(name, sizeof name, "%s/u%d", dir, i);
        good &= unlink(name) == 0;
    }
    ok(good, "unlink storm of 200 files");

    /* Truncate storm: shrink, grow with a hole, shrink to zero. */
    const char *t = P(dir, "trunc");
    char tp[4096];
    snprintf(tp, sizeof tp, "%s", t);
    ok(write_file(tp, 30, 300000) == 0, "trunc: write 300000");
    ok(truncate(tp, 100000) == 0 && check_file(tp, 30, 100000), "trunc: shrink to 100000");
    ok(truncate(tp, 5000) == 0 && check_file(tp, 30, 5000), "trunc: shrink to 5000");
    ok(truncate(tp, 200000) == 0, "trunc: grow to 200000");
    int fd = open(tp, O_RDONLY);
    unsigned char buf[8192], zero[8192] = {0};
    ok(pread(fd, buf, 8192, 5000) == 8192 && !memcmp(buf, zero, 8192), "trunc: the grown part reads zeros");
    close(fd);
    ok(truncate(tp, 0) == 0 && stat(tp, &st) == 0 && st.st_size == 0 && st.st_blocks == 0,
       "trunc: to 0 frees every block (%lld)", (long long)st.st_blocks);
    fd = open(tp, O_WRONLY | O_APPEND);
    ok(fd >= 0 && write(fd, "0123456789", 10) == 10, "trunc: append after");
    close(fd);

    /* Hard links. */
    ok(write_file(P(dir, "hl"), 40, 5000) == 0 && mkdir(P(dir, "hdir"), 0755) == 0, "hl: a file");
    char hl[4096];
    snprintf(hl, sizeof hl, "%s/hl", dir);
    ok(link(hl, P(dir, "hl2")) == 0 && link(hl, P(dir, "hdir/hl3")) == 0, "hl: two more names");
    ok(stat(hl, &st) == 0 && st.st_nlink == 3, "hl: nlink 3");
    ok(unlink(hl) == 0 && stat(P(dir, "hl2"), &st) == 0 && st.st_nlink == 2, "hl: unlink one: nlink 2");
    ok(check_file(P(dir, "hdir/hl3"), 40, 5000), "hl: data under the third name");

    /* Symlinks. */
    ok(symlink("f4k", P(dir, "sl_fast")) == 0 && symlink(slow_target, P(dir, "sl_slow")) == 0, "symlinks");
    char lt[512];
    ssize_t l = readlink(P(dir, "sl_slow"), lt, sizeof lt);
    ok(l == (ssize_t)strlen(slow_target) && !memcmp(lt, slow_target, (size_t)l), "slow symlink reads back");
    ok(check_file(P(dir, "sl_fast"), 3, 4096), "open through the fast symlink");

    /* Directories: ENOTEMPTY, EEXIST, rmdir. */
    ok(rmdir(P(dir, "hdir")) < 0 && errno == ENOTEMPTY, "rmdir non-empty: ENOTEMPTY");
    ok(mkdir(P(dir, "hdir"), 0755) < 0 && errno == EEXIST, "mkdir existing: EEXIST");
    ok(mkdir(P(dir, "empty"), 0700) == 0 && mkdir(P(dir, "gone"), 0700) == 0 && rmdir(P(dir, "gone")) == 0,
       "rmdir of an empty directory");
    ok(rename(P(dir, "empty"), P(dir, "storm2/sub")) == 0, "rename a directory over an empty one");

    /* Attributes. */
    ok(chmod(P(dir, "f1"), 0640) == 0 && chown(P(dir, "f1"), 1000, 1001) == 0, "chmod, chown");
    struct timeval tv[2] = {{1000000000, 0}, {1234567890, 0}};
    ok(utimes(P(dir, "f4k"), tv) == 0, "utimes");
}

static void verify(const char *dir)
{
    struct stat st;
    for (size_t i = 0; i < NFILES; i++)
        ok(check_file(P(dir, files[i].name), files[i].seed, files[i].size), "verify %s", files[i].name);
    check_sparse(dir);
    ok(stat(P(dir, "sparse"), &st) == 0 && st.st_size == (off_t)SPARSE_END, "verify sparse size");
    ok(count_entries(P(dir, "many")) == MANY / 3 && count_entries(P(dir, "moved")) == (MANY + 1) / 3,
       "verify many: %d and moved: %d", count_entries(P(dir, "many")), count_entries(P(dir, "moved")));
    ok(check_file(P(dir, "many/file-0005"), 0, 0) == 0, "verify many/file-0005 exists with data");
    ok(check_file(P(dir, "trunc"), 0, 0) == 0 && stat(P(dir, "trunc"), &st) == 0 && st.st_size == 10,
       "verify trunc size 10");
    ok(stat(P(dir, "hl2"), &st) == 0 && st.st_nlink == 2 && check_file(P(dir, "hl2"), 40, 5000), "verify hard link");
    char lt[512];
    ssize_t l = readlink(P(dir, "sl_slow"), lt, sizeof lt);
    ok(l == (ssize_t)strlen(slow_target) && !memcmp(lt, slow_target, (size_t)l), "verify slow symlink");
    l = readlink(P(dir, "sl_fast"), lt, sizeof lt);
    ok(l == 3 && !memcmp(lt, "f4k", 3), "verify fast symlink");
    ok(stat(P(dir, "f1"), &st) == 0 && (st.st_mode & 07777) == 0640 && st.st_uid == 1000 && st.st_gid == 1001,
       "verify chmod/chown");
    ok(stat(P(dir, "f4k"), &st) == 0 && st.st_mtime == 1234567890, "verify utimes");
    ok(stat(P(dir, "storm2/sub"), &st) == 0 && (st.st_mode & 0777) == 0700, "verify renamed directory");
    ok(count_entries(P(dir, "storm")) == 25, "verify storm");
    ok(stat(dir, &st) == 0 && st.st_blksize >= 1024, "st_blksize %ld", (long)st.st_blksize);
}

static void print_statfs(const char *dir)
{
    sync();
    struct statfs s;
    ok(statfs(dir, &s) == 0 && s.f_type == 0xEF53, "statfs type ext2");
    printf("statfs bsize=%ld blocks=%llu bfree=%llu bavail=%llu files=%llu ffree=%llu\n", (long)s.f_bsize,
           (unsigned long long)s.f_blocks, (unsigned long long)s.f_bfree, (unsigned long long)s.f_bavail,
           (unsigned long long)s.f_files, (unsigned long long)s.f_ffree);
}

static void enospc(const char *dir)
{
    struct statfs before, after;
    statfs(dir, &before);
    int fd = open(P(dir, "filler"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    static char buf[65536];
    memset(buf, 'x', sizeof buf);
    ssize_t n;
    long long total = 0;
    while ((n = write(fd, buf, sizeof buf)) > 0)
        total += n;
    ok(n < 0 && errno == ENOSPC, "write fills the disk: ENOSPC after %lld bytes", total);
    ok(fsync(fd) == 0, "fsync after ENOSPC");
    close(fd);
    int fd2 = open(P(dir, "small"), O_WRONLY | O_CREAT, 0644);
    errno = 0;
    ok(fd2 < 0 || write(fd2, buf, 8192) < 0, "another file gets no room either");
    if (fd2 >= 0)
        close(fd2);
    ok(unlink(P(dir, "filler")) == 0, "unlink the filler");
    unlink(P(dir, "small"));
    sync();
    statfs(dir, &after);
    ok(after.f_bfree == before.f_bfree, "free blocks back to %llu (now %llu)", (unsigned long long)before.f_bfree,
       (unsigned long long)after.f_bfree);
    /* Inodes run out too. */
    mkdir(P(dir, "inodes"), 0755);
    int made = 0;
    char name[256];
    for (;; made++) {
        snprintf(name, sizeof name, "%s/inodes/i%d", dir, made);
        int f = open(name, O_WRONLY | O_CREAT, 0644);
        if (f < 0)
            break;
        close(f);
    }
    ok(errno == ENOSPC, "creating files until no inode is left: ENOSPC after %d", made);
    for (int i = 0; i < made; i++) {
        snprintf(name, sizeof name, "%s/inodes/i%d", dir, i);
        unlink(name);
    }
    ok(rmdir(P(dir, "inodes")) == 0, "and all removed");
}

static void expect_bad(int r, const char *what)
{
    ok(r < 0 && (errno == EUCLEAN || errno == EIO), "%s: EUCLEAN or EIO", what);
}

static void corrupt(const char *dir)
{
    char buf[4096];
    int fd = open(P(dir, "badptr"), O_RDONLY);
    ok(fd >= 0, "open badptr (its inode is sound)");
    expect_bad(fd >= 0 ? (int)read(fd, buf, sizeof buf) : -1, "read of a block pointer past the end");
    close(fd);
    fd = open(P(dir, "badind"), O_RDONLY);
    expect_bad(fd >= 0 ? (int)pread(fd, buf, sizeof buf, 200 << 10) : -1, "read through a garbage indirect block");
    close(fd);
    struct stat st;
    expect_bad(stat(P(dir, "badmode"), &st), "stat of an inode with a bad mode");
    expect_bad(stat(P(dir, "badsize"), &st), "stat of a directory with a bad size");
    DIR *d = opendir(P(dir, "baddir"));
    int r = 0;
    errno = 0;
    if (d) {
        while (readdir(d))
            ;
        r = errno ? -1 : 0;
        closedir(d);
    }
    expect_bad(d ? r : -1, "listing a directory with rec_len 0");
    expect_bad(stat(P(dir, "baddir/zzz"), &st), "lookup in that directory");
    expect_bad(stat(P(dir, "inodir/badino"), &st), "an entry naming inode past the count");
    ok(check_file(P(dir, "good"), 50, 3000), "the good file still reads");
    ok(write_file(P(dir, "new"), 51, 10000) == 0 && check_file(P(dir, "new"), 51, 10000), "and a new one writes");
}

static void bigdir(const char *dir, int n)
{
    char name[4096];
    ok(mkdir(P(dir, "big"), 0755) == 0, "mkdir big");
    int made = 0, seen = 0, gone = 0;
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof name, "%s/big/entry-number-%05d", dir, i);
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
        made += fd >= 0;
        close(fd);
    }
    ok(made == n, "%d files made in one directory", made);
    ok(count_entries(P(dir, "big")) == n, "getdents lists %d", count_entries(P(dir, "big")));
    struct stat st;
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof name, "%s/big/entry-number-%05d", dir, i);
        seen += stat(name, &st) == 0 && S_ISREG(st.st_mode);
    }
    ok(seen == n, "each one stat'd (%d)", seen);
    for (int i = 0; i < n; i += 2) {
        snprintf(name, sizeof name, "%s/big/entry-number-%05d", dir, i);
        gone += unlink(name) == 0;
    }
    ok(gone == (n + 1) / 2 && count_entries(P(dir, "big")) == n / 2, "every other one removed");
}

static void htree(const char *dir)
{
    char name[4096];
    int good = 1;
    for (int i = 0; i < 300; i++) {
        snprintf(name, sizeof name, "%s/many/new-name-%d", dir, i);
        good &= write_file(name, 60, 10) == 0;
    }
    ok(good, "300 names added to the indexed directory");
    snprintf(name, sizeof name, "%s/many/f0007", dir);
    ok(unlink(name) == 0, "a name removed from it");
    snprintf(name, sizeof name, "%s/many/new-name-299", dir);
    ok(check_file(name, 60, 10), "the last name added reads back");
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    /* One argument with spaces: the commands as words (the kernel command
     * line that carries init's arguments takes only 32 words). */
    if (argc == 2 && strchr(argv[1], ' ')) {
        static char *words[128];
        int n = 0;
        words[n++] = argv[0];
        for (char *w = strtok(argv[1], " "); w && n < 127; w = strtok(NULL, " "))
            words[n++] = w;
        words[n] = NULL;
        argc = n;
        argv = words;
    }
    for (int i = 1; i < argc; i++) {
        const char *c = argv[i];
        if (!strcmp(c, "mount") && i + 2 < argc) {
            int ro = i + 3 < argc && !strcmp(argv[i + 3], "ro");
            mkdir(argv[i + 2], 0755);
            ok(mount(argv[i + 1], argv[i + 2], "ext2", ro ? MS_RDONLY : 0, NULL) == 0, "mount %s%s", argv[i + 1],
               ro ? " read-only" : "");
            i += 2 + ro;
        } else if (!strcmp(c, "mountfail") && i + 3 < argc) {
            mkdir(argv[i + 2], 0755);
            int want = atoi(argv[i + 3]);
            int r = mount(argv[i + 1], argv[i + 2], "ext2", 0, NULL);
            ok(r < 0 && errno == want, "mount %s fails with errno %d", argv[i + 1], want);
            i += 3;
        } else if (!strcmp(c, "remount") && i + 2 < argc) {
            int ro = !strcmp(argv[i + 2], "ro");
            ok(mount(NULL, argv[i + 1], NULL, MS_REMOUNT | (ro ? MS_RDONLY : 0), NULL) == 0, "remount %s",
               argv[i + 2]);
            i += 2;
        } else if (!strcmp(c, "umount") && i + 1 < argc) {
            ok(umount(argv[++i]) == 0, "umount");
        } else if (!strcmp(c, "manifest") && i + 1 < argc) {
            manifest(argv[++i], "");
        } else if (!strcmp(c, "rocheck") && i + 1 < argc) {
            rocheck(argv[++i]);
        } else if (!strcmp(c, "write") && i + 1 < argc) {
            write_work(argv[++i]);
        } else if (!strcmp(c, "verify") && i + 1 < argc) {
            verify(argv[++i]);
        } else if (!strcmp(c, "statfs") && i + 1 < argc) {
            print_statfs(argv[++i]);
        } else if (!strcmp(c, "enospc") && i + 1 < argc) {
            enospc(argv[++i]);
        } else if (!strcmp(c, "bigdir") && i + 2 < argc) {
            bigdir(argv[i + 1], atoi(argv[i + 2]));
            i += 2;
        } else if (!strcmp(c, "htree") && i + 1 < argc) {
            htree(argv[++i]);
        } else if (!strcmp(c, "mknodblk") && i + 3 < argc) {
            ok(mknod(argv[i + 1], S_IFBLK | 0600, makedev(atoi(argv[i + 2]), atoi(argv[i + 3]))) == 0, "mknod %s",
               argv[i + 1]);
            i += 3;
        } else if (!strcmp(c, "corrupt") && i + 1 < argc) {
            corrupt(argv[++i]);
        } else {
            fprintf(stderr, "ext2_test: bad command %s\n", c);
            return 2;
        }
    }
    printf("%d failed\n", failures);
    return failures ? 1 : 0;
}
