/* Host tests for user/lib/malloc_core.c, the C library's allocator, with
 * its memory hooks played by this file: a "brk" arena that can be made to
 * hand out non-contiguous pieces, and mmap for large blocks. */
#include "../../user/lib/malloc_core.c"

#include <setjmp.h>
#include <sys/mman.h>

#include "unit.h"

#define ARENA_SIZE (512UL << 20)

static char *arena;        /* reserved address space, like the brk area */
static size_t arena_used;
static size_t arena_limit = ARENA_SIZE;
static int gap_next;       /* leave a hole before the next piece */
static long maps_live;     /* large blocks mapped and not yet unmapped */
static jmp_buf corrupt_jmp;
static const char *corrupt_msg;

void *__malloc_morecore(size_t n)
{
    if (!arena) {
        arena = mmap(NULL, ARENA_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (arena == MAP_FAILED)
            abort();
        arena_used = 8; /* a misaligned start, as a real break may be */
    }
    if (gap_next) {
        arena_used += 4096 + 24; /* non-contiguous, misaligned */
        gap_next = 0;
    }
    if (arena_used + n > arena_limit)
        return NULL;
    void *p = arena + arena_used;
    arena_used += n;
    return p;
}

void *__malloc_map(size_t n)
{
    void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    maps_live++;
    return p;
}

void __malloc_unmap(void *p, size_t n)
{
    munmap(p, n);
    maps_live--;
}

_Noreturn void __malloc_corrupt(const char *msg)
{
    corrupt_msg = msg;
    longjmp(corrupt_jmp, 1);
}

#define CHECK_HEAP() CHECK_EQ_INT(__tc_check(), 0)

TEST(small_blocks_are_aligned_and_distinct)
{
    char *p[64];
    for (int i = 0; i < 64; i++) {
        p[i] = __tc_malloc((size_t)i);
        CHECK(p[i] != NULL);
        CHECK_EQ_INT((uintptr_t)p[i] % 16, 0);
        memset(p[i], i, (size_t)i);
    }
    for (int i = 0; i < 64; i++)
        for (int j = 0; j < i; j++)
            CHECK(p[i] != p[j]);
    CHECK_HEAP();
    for (int i = 0; i < 64; i++)
        __tc_free(p[i]);
    CHECK_HEAP();
}

TEST(free_memory_is_reused_and_merged)
{
    char *a = __tc_malloc(1000), *b = __tc_malloc(1000), *c = __tc_malloc(1000);
    CHECK(a && b && c);
    __tc_free(a);
    __tc_free(b); /* merges with a */
    CHECK_HEAP();
    char *d = __tc_malloc(1900); /* fits in a+b */
    CHECK(d == a);
    __tc_free(d);
    __tc_free(c);
    CHECK_HEAP();
}

TEST(large_blocks_are_mapped_and_unmapped)
{
    long before = maps_live;
    char *p = __tc_malloc(1 << 20);
    CHECK(p != NULL);
    CHECK_EQ_INT(maps_live, before + 1);
    CHECK_EQ_INT((uintptr_t)p % 16, 0);
    memset(p, 0xab, 1 << 20);
    p = __tc_realloc(p, 3 << 20);
    CHECK(p != NULL);
    CHECK_EQ_INT((unsigned char)p[(1 << 20) - 1], 0xab);
    p = __tc_realloc(p, 100); /* back to the heap */
    CHECK(p != NULL);
    CHECK_EQ_INT((unsigned char)p[99], 0xab);
    CHECK_EQ_INT(maps_live, before);
    __tc_free(p);
    CHECK_HEAP();
}

TEST(calloc_zeroes_and_checks_overflow)
{
    char *p = __tc_malloc(4000);
    memset(p, 0x5a, 4000);
    __tc_free(p);
    unsigned char *q = __tc_calloc(100, 40); /* likely the same memory */
    CHECK(q != NULL);
    for (int i = 0; i < 4000; i++)
        CHECK_EQ_INT(q[i], 0);
    __tc_free(q);
    errno = 0;
    CHECK(__tc_calloc(SIZE_MAX / 2, 3) == NULL);
    CHECK_EQ_INT(errno, ENOMEM);
    CHECK(__tc_malloc(SIZE_MAX - 8) == NULL);
    CHECK(__tc_realloc(NULL, SIZE_MAX / 2 + 10) == NULL);
    CHECK_HEAP();
}

TEST(realloc_grows_in_place_and_keeps_contents)
{
    char *p = __tc_malloc(100);
    for (int i = 0; i < 100; i++)
        p[i] = (char)i;
    char *q = __tc_realloc(p, 50); /* shrink: same place */
    CHECK(q == p);
    q = __tc_realloc(q, 20000);
    CHECK(q != NULL);
    for (int i = 0; i < 50; i++)
        CHECK_EQ_INT(q[i], i);
    CHECK(__tc_realloc(q, 0) == NULL); /* frees, as glibc */
    CHECK(__tc_realloc(NULL, 10) != NULL);
    CHECK_HEAP();
}

TEST(non_contiguous_heap_segments)
{
    void *keep[40];
    for (int i = 0; i < 40; i++) {
        gap_next = i % 7 == 0;
        keep[i] = __tc_malloc(60000); /* forces growth now and then */
        CHECK(keep[i] != NULL);
        memset(keep[i], i, 60000);
    }
    CHECK_HEAP();
    for (int i = 0; i < 40; i += 2)
        __tc_free(keep[i]);
    CHECK_HEAP();
    for (int i = 1; i < 40; i += 2) {
        CHECK_EQ_INT(((unsigned char *)keep[i])[59999], i);
        __tc_free(keep[i]);
    }
    CHECK_HEAP();
}

TEST(out_of_memory_returns_null)
{
    size_t saved = arena_limit;
    arena_limit = arena_used + 200000;
    void *blocks[64];
    int n = 0;
    while (n < 64 && (blocks[n] = __tc_malloc(100000)) != NULL)
        n++;
    CHECK(n < 64);
    CHECK_EQ_INT(errno, ENOMEM);
    CHECK_HEAP();
    while (n--)
        __tc_free(blocks[n]);
    arena_limit = saved;
    CHECK_HEAP();
}

TEST(double_free_is_detected)
{
    char *p = __tc_malloc(64);
    __tc_free(p);
    corrupt_msg = NULL;
    if (setjmp(corrupt_jmp) == 0)
        __tc_free(p);
    CHECK(corrupt_msg != NULL);
    CHECK_HEAP();
}

/* Random mallocs, reallocs and frees, each block filled with a pattern
 * derived from its slot and checked before it is touched again. */
TEST(random_stress)
{
    enum { SLOTS = 1500, STEPS = 150000 };
    static unsigned char *ptr[SLOTS];
    static size_t len[SLOTS];
    static unsigned char tag[SLOTS];
    unit_srand(777);
    for (int step = 0; step < STEPS; step++) {
        int i = (int)unit_rand_below(SLOTS);
        if (ptr[i]) {
            for (size_t j = 0; j < len[i]; j += 1 + len[i] / 16)
                CHECKF(ptr[i][j] == tag[i], "step %d: block %d corrupted at %zu", step, i, j);
            CHECK(ptr[i][len[i] ? len[i] - 1 : 0] == tag[i] || len[i] == 0);
        }
        uint64_t r = unit_rand_below(100);
        size_t size;
        if (r < 70)
            size = unit_rand_below(256);
        else if (r < 97)
            size = unit_rand_below(16384);
        else
            size = 100000 + unit_rand_below(400000);
        if (!ptr[i] || r % 3 == 0) {
            if (ptr[i] && r % 2) {
                __tc_free(ptr[i]);
                ptr[i] = NULL;
                continue;
            }
            if (ptr[i])
                __tc_free(ptr[i]);
            ptr[i] = __tc_malloc(size);
        } else {
            unsigned char *q = __tc_realloc(ptr[i], size ? size : 1);
            CHECK(q != NULL);
            size_t keep = len[i] < size ? len[i] : size;
            for (size_t j = 0; j < keep; j += 1 + keep / 16)
                CHECKF(q[j] == tag[i], "step %d: realloc lost data", step);
            ptr[i] = q;
            if (!size)
                size = 1;
        }
        CHECK(ptr[i] != NULL);
        CHECK_EQ_INT((uintptr_t)ptr[i] % 16, 0);
        len[i] = size;
        tag[i] = (unsigned char)unit_rand();
        memset(ptr[i], tag[i], size);
        if (step % 5000 == 0)
            CHECK_HEAP();
    }
    CHECK_HEAP();
    for (int i = 0; i < SLOTS; i++) {
        __tc_free(ptr[i]);
        ptr[i] = NULL;
    }
    CHECK_HEAP();
    CHECK_EQ_INT(maps_live, 0);
}

RUN_TESTS()
