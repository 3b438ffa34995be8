/* mm_test.c - brk, mmap, munmap, mprotect: what Linux guarantees. */
#define _GNU_SOURCE /* mremap */
#include <errno.h>
#include <sys/auxv.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tt.h"

int main(void)
{
    /* brk grows and shrinks. */
    long b0 = raw_syscall(SYS_brk, 0, 0, 0);
    CHECK(b0 > 0, "brk(0) gives the break");
    long b1 = raw_syscall(SYS_brk, b0 + 100000, 0, 0);
    CHECK_EQ(b1, b0 + 100000, "brk grows by 100000");
    memset((void *)b0, 0x5a, 100000);
    CHECK(((volatile char *)b0)[99999] == 0x5a, "new heap is writable");
    CHECK_EQ(raw_syscall(SYS_brk, b0 + 10, 0, 0), b0 + 10, "brk shrinks");
    CHECK_EQ(raw_syscall(SYS_brk, b0 + 8192, 0, 0), b0 + 8192, "brk grows again");
    CHECK(((volatile char *)b0)[5000] == 0, "regrown heap is zero");
    CHECK_EQ(raw_syscall(SYS_brk, 1, 0, 0), b0 + 8192, "impossible brk returns the old break");

    /* Anonymous private mappings are zero and writable. */
    char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED, "mmap 3 pages");
    CHECK(((uintptr_t)p & 4095) == 0, "mmap result page aligned");
    CHECK(p[0] == 0 && p[3 * 4096 - 1] == 0, "mmap memory is zero");
    strcpy(p + 4096, "middle");
    CHECK_EQ(mprotect(p + 4096, 4096, PROT_READ), 0, "mprotect middle page read-only");
    CHECK(strcmp(p + 4096, "middle") == 0, "read-only page still readable");
    CHECK_EQ(munmap(p, 4096), 0, "munmap first page");
    CHECK_EQ(munmap(p + 2 * 4096, 4096), 0, "munmap last page");
    CHECK_EQ(munmap(p + 4096, 4096), 0, "munmap middle page");

    /* Bad arguments. */
    CHECK_EQ(raw_syscall6(SYS_mmap, 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), -EINVAL, "mmap length 0");
    CHECK_EQ(raw_syscall6(SYS_mmap, 0, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0), -EINVAL, "mmap without PRIVATE/SHARED");
    CHECK_EQ(raw_syscall6(SYS_mmap, 0x10001, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), -EINVAL,
             "mmap FIXED unaligned");
    CHECK_EQ(raw_syscall6(SYS_mmap, 0, 4096, PROT_READ, MAP_PRIVATE, 999, 0), -EBADF, "mmap bad fd");
    CHECK_EQ(raw_syscall(SYS_munmap, 0x10001, 4096, 0), -EINVAL, "munmap unaligned");
    CHECK_EQ(raw_syscall(SYS_mprotect, 0x10001, 4096, PROT_READ), -EINVAL, "mprotect unaligned");
    /* 16 TiB: above any program and its heap, below where PIEs, the mmap
     * area and the stack go, wherever randomization puts them. */
    CHECK_EQ(raw_syscall(SYS_mprotect, 0x100000000000ul, 4096, PROT_READ), -ENOMEM, "mprotect unmapped range");

    /* MAP_FIXED replaces, and munmap of a hole is fine. */
    char *q = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    q[0] = 1;
    char *r = mmap(q, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(r == q && r[0] == 0, "MAP_FIXED replaces with a fresh zero page");
    CHECK_EQ(munmap(q, 2 * 4096), 0, "munmap both");
    CHECK_EQ(munmap(q, 2 * 4096), 0, "munmap an unmapped range succeeds");

    /* mremap keeps the contents: shrink, grow in place or by moving. */
    char *m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(m, "first page");
    strcpy(m + 4096, "second page");
    char *blocker = m + 2 * 4096; /* its own mapping once its rights differ */
    CHECK_EQ(mprotect(blocker, 4096, PROT_READ), 0, "a mapping right after it");
    CHECK(mremap(m, 2 * 4096, 3 * 4096, 0) == MAP_FAILED && errno == ENOMEM, "mremap cannot grow in place");
    char *moved = mremap(m, 2 * 4096, 64 * 4096, MREMAP_MAYMOVE);
    CHECK(moved != MAP_FAILED && moved != m, "mremap MAYMOVE moves it");
    CHECK(moved != MAP_FAILED && strcmp(moved, "first page") == 0 && strcmp(moved + 4096, "second page") == 0,
          "the data moved along");
    CHECK(moved != MAP_FAILED && moved[63 * 4096] == 0, "the new part is zero");
    CHECK(mremap(moved, 64 * 4096, 4096, 0) == moved, "mremap shrinks in place");
    CHECK(strcmp(moved, "first page") == 0, "shrunk mapping keeps its data");
    CHECK(mremap((char *)0x10000, 4096, 8192, MREMAP_MAYMOVE) == MAP_FAILED && errno == EFAULT, "mremap of nothing: EFAULT");
    munmap(moved, 4096);
    munmap(blocker, 4096);

    /* A private read-only file mapping shows the file. */
    int fd = open((const char *)getauxval(AT_EXECFN), O_RDONLY);
    char head[64];
    CHECK_EQ(read(fd, head, sizeof head), (long)sizeof head, "read the file head");
    char *f = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 0);
    CHECK(f != MAP_FAILED, "mmap the file");
    CHECK(f != MAP_FAILED && memcmp(f, head, sizeof head) == 0, "mapping shows the file's bytes");
    CHECK(f != MAP_FAILED && memcmp(f, "\177ELF", 4) == 0, "it is an ELF");
    char *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(w != MAP_FAILED, "private writable file mapping");
    if (w != MAP_FAILED) {
        w[0] = 'X';
        CHECK(w[0] == 'X' && f[0] == 0x7f, "private write does not reach other mappings");
    }
    close(fd);
    return tt_done();
}
