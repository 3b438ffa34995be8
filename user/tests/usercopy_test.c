/*
 * usercopy_test.c - the kernel's copies to and from user memory: every
 * length and misalignment copies the right bytes and nothing around
 * them, and a copy that runs into an unmapped page moves nothing past
 * it: Linux returns the count of bytes before the hole; Tiny OS today
 * fails the whole call with EFAULT (mm/usercopy.c), which this accepts,
 * so long as a short count, when there is one, is exact. The kernel copies 8 bytes at a step and the tail a
 * byte at a time (arch/x86_64/usercopy.S); these are the cases where a
 * quadword straddles the end of the mapping or the tail is odd.
 * Differential: the same binary runs on the host (Linux is the oracle).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tt.h"

#define PAGE 4096

static char pattern(long i) { return (char)(i * 13 + 7); }

int main(void)
{
    /* A file of 3 pages of known bytes. */
    char path[] = "/tmp/usercopy-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("mkstemp");
        return 1;
    }
    unlink(path);
    static char data[3 * PAGE];
    for (long i = 0; i < (long)sizeof data; i++)
        data[i] = pattern(i);
    tt_check(write(fd, data, sizeof data) == (ssize_t)sizeof data, "write 3 pages", "");

    /* Every length 0..40 at every alignment 0..8: read() copies out
     * exactly those bytes and leaves the guard bytes alone. */
    static char buf[256];
    int bad = 0;
    for (int align = 0; align <= 8 && !bad; align++) {
        for (int len = 0; len <= 40 && !bad; len++) {
            memset(buf, 'G', sizeof buf);
            ssize_t r = pread(fd, buf + 16 + align, (size_t)len, 5);
            if (r != len || memcmp(buf + 16 + align, data + 5, (size_t)len) != 0)
                bad = 1;
            for (int k = 0; k < 16 + align; k++)
                bad |= buf[k] != 'G';
            for (int k = 16 + align + len; k < (int)sizeof buf; k++)
                bad |= buf[k] != 'G';
            if (bad)
                printf("# read: align %d len %d: got %zd\n", align, len, r);
        }
    }
    tt_check(!bad, "read: lengths 0..40 at alignments 0..8, neighbours untouched", "");

    /* The other way: write() of every length at every alignment. */
    bad = 0;
    for (int align = 0; align <= 8 && !bad; align++) {
        for (int len = 1; len <= 40 && !bad; len++) {
            for (int k = 0; k < len; k++)
                buf[align + k] = pattern(1000 + k + align);
            if (pwrite(fd, buf + align, (size_t)len, 2 * PAGE + 100) != len)
                bad = 1;
            char back[64];
            if (pread(fd, back, (size_t)len, 2 * PAGE + 100) != len || memcmp(back, buf + align, (size_t)len))
                bad = 1;
            if (bad)
                printf("# write: align %d len %d\n", align, len);
        }
    }
    tt_check(!bad, "write: lengths 1..40 at alignments 0..8 read back", "");

    /* Zeroing user memory (/dev/zero's read): every length and alignment. */
    int z = open("/dev/zero", O_RDONLY);
    bad = z < 0;
    for (int align = 0; align <= 8 && !bad; align++) {
        for (int len = 0; len <= 40 && !bad; len++) {
            memset(buf, 'G', sizeof buf);
            if (read(z, buf + 16 + align, (size_t)len) != len)
                bad = 1;
            for (int k = 0; k < (int)sizeof buf; k++)
                bad |= buf[k] != (k >= 16 + align && k < 16 + align + len ? 0 : 'G');
            if (bad)
                printf("# /dev/zero: align %d len %d\n", align, len);
        }
    }
    tt_check(!bad, "read /dev/zero: lengths 0..40 at alignments 0..8, neighbours untouched", "");
    if (z >= 0)
        close(z);

    /* A large copy, both ways, misaligned. */
    static char big[2 * PAGE + 64];
    ssize_t r = pread(fd, big + 3, 2 * PAGE + 21, 11);
    tt_check(r == 2 * PAGE + 21 && memcmp(big + 3, data + 11, 2 * PAGE + 21) == 0, "read 8213 bytes misaligned",
             "got %zd", r);

    /* Two pages mapped, the second then unmapped: a buffer that ends
     * `room` bytes before the hole and asks for 100. */
    char *m = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    munmap(m + PAGE, PAGE);
    bad = 0;
    for (int room = 1; room <= 17 && !bad; room++) {
        char *at = m + PAGE - room;
        memset(m + PAGE - 64, 'G', 64);
        errno = 0;
        r = pread(fd, at, 100, 0);
        if (r == -1 && errno == EFAULT)
            continue;
        if (r != room || memcmp(at, data, (size_t)room) != 0 || m[PAGE - room - 1] != 'G')
            bad = 1;
        if (bad)
            printf("# read into a buffer with %d bytes before the hole: got %zd\n", room, r);
    }
    tt_check(!bad, "read into a buffer running into a hole: EFAULT, or exactly the bytes before it", "");

    bad = 0;
    for (int room = 1; room <= 17 && !bad; room++) {
        char *at = m + PAGE - room;
        for (int k = 0; k < room; k++)
            at[k] = pattern(5000 + k + room);
        errno = 0;
        r = pwrite(fd, at, 100, PAGE);
        if (r == -1 && errno == EFAULT)
            continue;
        char back[32];
        if (r != room || pread(fd, back, (size_t)room, PAGE) != room || memcmp(back, at, (size_t)room) != 0)
            bad = 1;
        if (bad)
            printf("# write from a buffer with %d bytes before the hole: got %zd\n", room, r);
    }
    tt_check(!bad, "write from a buffer running into a hole: EFAULT, or exactly the bytes before it", "");

    close(fd);
    return tt_failures;
}
