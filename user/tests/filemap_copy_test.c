/*
 * filemap_copy_test.c - read() and write() of cached file pages
 * (fs/filemap.c): the pages are found a run at a time and copied without
 * references by copies that do not serve page faults; a fault sends that
 * page down the ordinary path, which serves it. So:
 *   - reading into memory never touched (demand-zero pages) and writing
 *     from it give the right bytes;
 *   - reading into a MAP_SHARED mapping of the same file (a fault on the
 *     file being read) gives the right bytes;
 *   - a read running into a hole in the buffer stops exactly there (or,
 *     on Tiny OS, fails with EFAULT when nothing was copied);
 *   - reads across the page cache's 64-page nodes and across holes in
 *     the file (zeros) are whole.
 * Differential: the same binary runs on the host (Linux is the oracle).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tt.h"

#define PAGE 4096L
#define FILE_PAGES 200L /* three 64-page nodes and a part */

static char pattern(long i) { return (char)(i * 7 + i / 4096); }

static int same(const char *buf, long off, long n)
{
    for (long i = 0; i < n; i++)
        if (buf[i] != pattern(off + i))
            return 0;
    return 1;
}

int main(void)
{
    char path[] = "/tmp/filemap-copy-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("mkstemp");
        return 1;
    }
    static char data[FILE_PAGES * PAGE];
    for (long i = 0; i < (long)sizeof data; i++)
        data[i] = pattern(i);
    CHECK_EQ(write(fd, data, sizeof data), sizeof data, "write 200 pages");

    /* Into pages never touched: each copy faults, the slow path serves it. */
    char *fresh = mmap(NULL, sizeof data, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(fresh != MAP_FAILED, "map 200 fresh pages");
    CHECK_EQ(pread(fd, fresh, sizeof data, 0), sizeof data, "read all into untouched memory");
    CHECK(same(fresh, 0, sizeof data), "the bytes are the file's");

    /* Unaligned, across the nodes of 64 pages. */
    static char buf[130 * PAGE];
    long off = 63 * PAGE + 100;
    CHECK_EQ(pread(fd, buf, 2 * PAGE, off), 2 * PAGE, "read across the first node boundary");
    CHECK(same(buf, off, 2 * PAGE), "its bytes");
    off = 10 * PAGE + 4095;
    CHECK_EQ(pread(fd, buf, 130 * PAGE, off), 130 * PAGE, "read 130 pages from an odd offset");
    CHECK(same(buf, off, 130 * PAGE), "their bytes");
    CHECK_EQ(pread(fd, buf, 10 * PAGE, FILE_PAGES * PAGE - 5000), 5000, "a read at the end stops at the end");

    /* Into a shared mapping of the same file, 100 pages further on: the
     * copy faults on the file it reads. */
    char *shared = mmap(NULL, sizeof data, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(shared != MAP_FAILED, "map the file shared");
    CHECK_EQ(pread(fd, shared + 100 * PAGE, 50 * PAGE, 0), 50 * PAGE, "read the file into its own mapping");
    CHECK(same(shared + 100 * PAGE, 0, 50 * PAGE), "the mapping holds the bytes read");
    CHECK_EQ(pread(fd, buf, 50 * PAGE, 100 * PAGE), 50 * PAGE, "read them back with read()");
    CHECK(same(buf, 0, 50 * PAGE), "the file changed through the mapping");
    munmap(shared, sizeof data);
    CHECK_EQ(pwrite(fd, data + 100 * PAGE, 50 * PAGE, 100 * PAGE), 50 * PAGE, "restore those pages");

    /* Writes from memory never touched are zeros. */
    char *zeros = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK_EQ(pwrite(fd, zeros + 1, 8 * PAGE - 1, 20 * PAGE + 1), 8 * PAGE - 1, "write from untouched memory");
    CHECK_EQ(pread(fd, buf, 8 * PAGE + 2, 20 * PAGE), 8 * PAGE + 2, "read that back");
    int ok = buf[0] == pattern(20 * PAGE) && buf[8 * PAGE] == pattern(28 * PAGE) &&
             buf[8 * PAGE + 1] == pattern(28 * PAGE + 1);
    for (long i = 1; i < 8 * PAGE; i++)
        ok &= buf[i] == 0;
    CHECK(ok, "zeros where written, the file's bytes around them");
    CHECK_EQ(pwrite(fd, data + 20 * PAGE, 9 * PAGE, 20 * PAGE), 9 * PAGE, "restore them");

    /* A buffer with a hole after 3 pages and 100 bytes. */
    char *holed = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(holed + 4 * PAGE, 4 * PAGE);
    char *start = holed + PAGE - 100;
    memset(holed, 0, 4 * PAGE);
    errno = 0;
    long got = pread(fd, start, 6 * PAGE, 0);
    CHECK(got == 3 * PAGE + 100 || (got == -1 && errno == EFAULT), "a read into a hole stops at the hole");
    if (got > 0)
        CHECK(same(start, 0, got), "what it copied is right");
    errno = 0;
    got = pwrite(fd, start, 6 * PAGE, 0);
    CHECK(got == 3 * PAGE + 100 || (got == -1 && errno == EFAULT), "a write from a hole stops at the hole");
    if (got > 0)
        CHECK_EQ(pwrite(fd, data, got, 0), got, "restore what it wrote");

    /* A sparse file: holes read as zeros between cached pages. */
    CHECK(ftruncate(fd, 0) == 0 && ftruncate(fd, 100 * PAGE) == 0, "a sparse file of 100 pages");
    CHECK_EQ(pwrite(fd, data, PAGE, 10 * PAGE), PAGE, "one page written in the middle");
    CHECK_EQ(pwrite(fd, data, PAGE, 12 * PAGE), PAGE, "and another two pages on");
    CHECK_EQ(pread(fd, buf, 5 * PAGE, 9 * PAGE), 5 * PAGE, "read across them");
    ok = 1;
    for (long i = 0; i < 5 * PAGE; i++) {
        long page = i / PAGE;
        char want = (page == 1 || page == 3) ? pattern(i % PAGE) : 0;
        ok &= buf[i] == want;
    }
    CHECK(ok, "zeros in the holes, the data between");
    close(fd);
    unlink(path);
    return tt_done();
}
