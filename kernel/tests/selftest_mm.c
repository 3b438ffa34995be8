/* selftest_mm.c - the frame allocator and kmalloc on the real machine:
 * stress, exhaustion without panic, and every frame back at the end. */
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/direct_map.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "tests/selftest.h"

static uint64_t rng = 88172645463325252ull;
static uint64_t next_random(void)
{
    rng ^= rng << 13; /* xorshift64: deterministic runs */
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

SELFTEST(pmm_alloc_free)
{
    uint64_t before = pmm_free_frames();
    uint64_t a = pmm_alloc(), b = pmm_alloc();
    if (!a || !b || a == b || a % 4096 || b % 4096)
        return "bad frames";
    if (pmm_free_frames() != before - 2)
        return "free count did not drop by 2";
    uint64_t c = pmm_alloc_contig(16, 16);
    if (!c || c % (16 * 4096))
        return "aligned contiguous allocation failed";
    pmm_free(a);
    pmm_free(b);
    pmm_free_contig(c, 16);
    if (pmm_free_frames() != before)
        return "free count not restored";
    return NULL;
}

#define SLOTS 512

SELFTEST(kmalloc_stress)
{
    static void *ptr[SLOTS];
    static size_t len[SLOTS];
    uint64_t before = kmalloc_free_frames();
    for (int round = 0; round < 20000; round++) {
        int i = (int)(next_random() % SLOTS);
        if (ptr[i]) {
            const unsigned char *p = ptr[i];
            for (size_t k = 0; k < len[i]; k++)
                if (p[k] != (unsigned char)(i + k))
                    return "allocation overwritten (overlap)";
            kfree(ptr[i]);
            ptr[i] = NULL;
            continue;
        }
        uint64_t r = next_random();
        size_t n = r % 8 == 0 ? r % 20000 : r % 600; /* mostly small, some large */
        ptr[i] = kmalloc(n);
        if (!ptr[i])
            return "kmalloc returned NULL with memory free";
        if ((uint64_t)ptr[i] % 16)
            return "kmalloc result not 16-byte aligned";
        len[i] = n;
        for (size_t k = 0; k < n; k++)
            ((unsigned char *)ptr[i])[k] = (unsigned char)(i + k);
    }
    for (int i = 0; i < SLOTS; i++) {
        kfree(ptr[i]);
        ptr[i] = NULL;
    }
    if (kmalloc_free_frames() != before)
        return "free-frame count differs after freeing everything (leak)";
    return NULL;
}

SELFTEST(kmalloc_exhaustion_returns_null)
{
    uint64_t before = kmalloc_free_frames();
    /* Chain 1 MiB blocks through their first word until kmalloc says no. */
    void *head = NULL;
    int blocks = 0;
    for (;;) {
        void **p = kmalloc(1 << 20);
        if (!p)
            break;
        *p = head;
        head = p;
        blocks++;
    }
    /* Then small objects until nothing is left at all. */
    void *small = NULL;
    for (;;) {
        void **p = kmalloc(64);
        if (!p)
            break;
        *p = small;
        small = p;
    }
    if (kmalloc(16) || kmalloc(5000))
        return "kmalloc succeeded with memory exhausted";
    while (small) {
        void *next = *(void **)small;
        kfree(small);
        small = next;
    }
    while (head) {
        void *next = *(void **)head;
        kfree(head);
        head = next;
    }
    if (blocks == 0)
        return "not even one 1 MiB block";
    if (kmalloc_free_frames() != before)
        return "frames lost after exhaustion and release";
    void *p = kmalloc(100);
    if (!p)
        return "kmalloc does not recover after exhaustion";
    kfree(p);
    kprintf("  (exhausted after %d MiB of 1 MiB blocks)\n", blocks);
    return NULL;
}

SELFTEST(kmalloc_huge_request_fails)
{
    if (kmalloc((size_t)-1) || kmalloc((size_t)1 << 62))
        return "absurd size did not return NULL";
    return NULL;
}
