/* vfs_mmap_test.c - file mappings on the page cache: a MAP_SHARED mapping
 * of a tmpfs file is the file (another process's stores and write() are
 * seen through it, and read() sees its stores); a MAP_PRIVATE one sees the
 * file until it stores into a page, and its stores never reach the file;
 * a page wholly past the end of the file is SIGBUS (also after a
 * truncate); the rights a mapping may have follow how the file was
 * opened; /proc/self/maps names the file. Differential: Linux is the
 * oracle. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tt.h"

#define PG 4096

static char path[64];

/* Runs fn in a child; returns its wait status. */
static int in_child(void (*fn)(void *), void *arg)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        fn(arg);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    return status;
}

static void touch_byte(void *p) { *(volatile char *)p; }
static void store_byte(void *p) { *(volatile char *)p = 'z'; }

static int file_with(const char *text, size_t pages)
{
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    static char page[PG];
    for (size_t i = 0; i < pages; i++) {
        memset(page, 'a' + (int)i, PG);
        memcpy(page, text, strlen(text));
        if (write(fd, page, PG) != PG)
            return -1;
    }
    return fd;
}

static char byte_at(int fd, off_t off)
{
    char c = 0;
    if (pread(fd, &c, 1, off) != 1)
        return '?';
    return c;
}

static void shared(void)
{
    int fd = file_with("hello", 3);
    char *m = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(m != MAP_FAILED, "MAP_SHARED of a file opened O_RDWR");
    CHECK(m != MAP_FAILED && !memcmp(m, "hello", 5) && m[PG] == 'h' && m[PG + 5] == 'b', "the mapping shows the file");
    m[1] = 'E';
    CHECK_EQ(byte_at(fd, 1), 'E', "a store through the mapping is seen by read()");
    CHECK_EQ(pwrite(fd, "W", 1, PG + 2), 1, "pwrite into the file");
    CHECK_EQ(m[PG + 2], 'W', "and the mapping sees it at once");
    CHECK_EQ(in_child(store_byte, m + 2 * PG), 0, "a child stores through the inherited mapping");
    CHECK_EQ(m[2 * PG], 'z', "the parent sees the child's store");
    CHECK_EQ(byte_at(fd, 2 * PG), 'z', "and so does read()");
    int fd2 = open(path, O_RDONLY);
    char *m2 = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd2, 0);
    CHECK(m2 != MAP_FAILED && m2[1] == 'E', "a second mapping of the file shows the same data");
    m[3] = 'L';
    CHECK(m2 != MAP_FAILED && m2[3] == 'L', "stores through one mapping show in the other");
    CHECK_EQ(msync(m, 3 * PG, MS_SYNC), 0, "msync");
    munmap(m2, PG);
    close(fd2);

    /* Truncate under the mapping: the pages past the end go (SIGBUS). */
    CHECK_EQ(ftruncate(fd, PG), 0, "truncate to one page");
    int st = in_child(touch_byte, m + PG);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGBUS, "touching a page past the new end: SIGBUS");
    CHECK_EQ(m[1], 'E', "the first page is still the file");
    CHECK_EQ(ftruncate(fd, 3 * PG), 0, "grow the file again");
    CHECK(m[PG] == 0 && m[2 * PG + 7] == 0, "the mapping reads the new hole as zeros");
    munmap(m, 3 * PG);
    close(fd);
}

static void private_cow(void)
{
    int fd = file_with("world", 2);
    char *m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(m != MAP_FAILED && !memcmp(m, "world", 5), "MAP_PRIVATE shows the file");
    CHECK_EQ(pwrite(fd, "X", 1, PG), 1, "write to the file's second page");
    CHECK_EQ(m[PG], 'X', "a page not yet stored into follows the file");
    m[0] = 'W';
    CHECK_EQ(byte_at(fd, 0), 'w', "a private store does not reach the file");
    CHECK_EQ(pwrite(fd, "Y", 1, 1), 1, "write to the file's first page");
    CHECK_EQ(m[1], 'o', "a page stored into is the mapping's own copy");
    CHECK_EQ(in_child(store_byte, m + 4), 0, "a child stores into its copy");
    CHECK_EQ(m[4], 'd', "the parent's copy is unchanged");
    munmap(m, 2 * PG);

    int ro = open(path, O_RDONLY);
    char *p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
    CHECK(p != MAP_FAILED, "a writable private map of a read-only file is allowed");
    if (p != MAP_FAILED) {
        p[0] = 'Q';
        CHECK_EQ(byte_at(fd, 0), 'w', "and its stores stay private");
        munmap(p, PG);
    }
    close(ro);
    close(fd);
}

static void past_end(void)
{
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK_EQ(write(fd, "abc", 3), 3, "a 3-byte file");
    char *m = mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED, fd, 0);
    CHECK(m != MAP_FAILED, "map two pages of it");
    CHECK(m != MAP_FAILED && m[0] == 'a' && m[100] == 0, "the rest of the last page reads as zeros");
    int st = in_child(touch_byte, m + PG);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGBUS, "a page wholly past the end: SIGBUS");
    munmap(m, 2 * PG);
    close(fd);
}

static void rights(void)
{
    int wo = open(path, O_WRONLY);
    CHECK(mmap(NULL, PG, PROT_READ, MAP_SHARED, wo, 0) == MAP_FAILED && errno == EACCES, "a write-only file: EACCES");
    close(wo);
    int ro = open(path, O_RDONLY);
    CHECK(mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED && errno == EACCES,
          "shared and writable over a read-only file: EACCES");
    char *m = mmap(NULL, PG, PROT_READ, MAP_SHARED, ro, 0);
    CHECK(m != MAP_FAILED && mprotect(m, PG, PROT_READ | PROT_WRITE) < 0 && errno == EACCES,
          "mprotect cannot add PROT_WRITE to it");
    munmap(m, PG);
    close(ro);
    int ap = open(path, O_RDWR | O_APPEND);
    char *am = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, ap, 0);
    CHECK(am != MAP_FAILED, "shared and writable over an O_APPEND file is allowed (only append-only inodes are not)");
    if (am != MAP_FAILED)
        munmap(am, PG);
    close(ap);
    int d = open("/tmp", O_RDONLY | O_DIRECTORY);
    CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, d, 0) == MAP_FAILED && errno == ENODEV, "a directory: ENODEV");
    close(d);
    int pfd[2];
    pipe(pfd);
    CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, pfd[0], 0) == MAP_FAILED && errno == ENODEV, "a pipe: ENODEV");
    close(pfd[0]);
    close(pfd[1]);
    CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, 99, 0) == MAP_FAILED && errno == EBADF, "a closed descriptor: EBADF");
}

static void maps_and_mremap(void)
{
    int fd = file_with("maps", 4);
    char *m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PG);
    CHECK(m != MAP_FAILED && m[0] == 'm' && m[5] == 'b', "a mapping at a file offset");
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512], want[128];
    int found = 0;
    snprintf(want, sizeof want, "%lx-%lx rw-s 00001000 ", (unsigned long)m, (unsigned long)(m + 2 * PG));
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, want, strlen(want)) && strstr(line, path))
            found = 1;
    if (f)
        fclose(f);
    CHECK(found, "/proc/self/maps shows it: range, rw-s, offset, and the file's path");
    char *g = mremap(m, 2 * PG, 3 * PG, MREMAP_MAYMOVE);
    CHECK(g != MAP_FAILED && g[2 * PG] == 'm' && g[2 * PG + 5] == 'd', "mremap grows it over the next file page");
    CHECK_EQ(munmap(g + PG, PG), 0, "unmap the middle page");
    CHECK(g[0] == 'm' && g[2 * PG] == 'm', "the pages on both sides stay");
    munmap(g, 3 * PG);
    close(fd);
    int z = open("/dev/zero", O_RDWR);
    char *zm = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, z, 0);
    CHECK(zm != MAP_FAILED && zm[10] == 0, "mapping /dev/zero gives zero memory");
    if (zm != MAP_FAILED) {
        zm[10] = 1;
        munmap(zm, PG);
    }
    close(z);
}

int main(void)
{
    mkdir("/tmp", 01777);
    snprintf(path, sizeof path, "/tmp/vfs_mmap.%d", getpid());
    shared();
    private_cow();
    past_end();
    rights();
    maps_and_mremap();
    CHECK_EQ(unlink(path), 0, "clean up");
    return tt_done();
}
