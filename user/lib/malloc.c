/* malloc.c - the allocator's public names and where its memory comes
 * from: brk for the heap (mmap when brk cannot grow), mmap for large
 * blocks. The logic is in malloc_core.c. */
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "malloc_core.h"
#include "syscall.h"

static uintptr_t cur_brk;

void *__malloc_morecore(size_t n)
{
    if (!cur_brk)
        cur_brk = (uintptr_t)__syscall1(SYS_brk, 0);
    uintptr_t want = cur_brk + n;
    uintptr_t got = (uintptr_t)__syscall1(SYS_brk, (long)want);
    if (got >= want) {
        void *p = (void *)cur_brk;
        cur_brk = got;
        return p;
    }
    return __malloc_map(n); /* a separate segment */
}

void *__malloc_map(size_t n)
{
    long r = __syscall6(SYS_mmap, 0, (long)n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return (unsigned long)r > -4096UL ? NULL : (void *)r;
}

void __malloc_unmap(void *p, size_t n)
{
    __syscall2(SYS_munmap, (long)p, (long)n);
}

_Noreturn void __malloc_corrupt(const char *msg)
{
    size_t len = 0;
    while (msg[len])
        len++;
    __syscall3(SYS_write, 2, (long)msg, (long)len);
    __syscall3(SYS_write, 2, (long)"\n", 1);
    abort();
}

void *malloc(size_t n) { return __tc_malloc(n); }
void free(void *p) { __tc_free(p); }
void *calloc(size_t count, size_t size) { return __tc_calloc(count, size); }
void *realloc(void *p, size_t n) { return __tc_realloc(p, n); }
