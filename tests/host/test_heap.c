/* Host tests for kernel/mm/heap.c, the core of kmalloc. Pages come from
 * aligned_alloc, with a budget so that running out can be simulated;
 * the source checks that every block comes back once, whole. */
#include "mm/heap.c"

#include "unit.h"

#define MAX_BLOCKS 8192

struct page_src {
    size_t budget;      /* pages that may be outstanding at once */
    size_t outstanding; /* pages handed out and not yet returned */
    size_t last_request;
    int bad_frees;      /* free_pages of something not handed out, or with a wrong count */
    struct {
        void *p;
        size_t npages;
    } blocks[MAX_BLOCKS];
    int nblocks;
};

static void *src_alloc(void *ctx, size_t npages)
{
    struct page_src *ps = ctx;
    ps->last_request = npages;
    if (npages == 0 || npages > ps->budget - ps->outstanding || ps->nblocks == MAX_BLOCKS)
        return NULL;
    void *p = aligned_alloc(HEAP_PAGE, npages * HEAP_PAGE);
    if (!p)
        return NULL;
    memset(p, 0xCC, npages * HEAP_PAGE); /* frames come with garbage in them */
    ps->outstanding += npages;
    ps->blocks[ps->nblocks].p = p;
    ps->blocks[ps->nblocks].npages = npages;
    ps->nblocks++;
    return p;
}

static void src_free(void *ctx, void *p, size_t npages)
{
    struct page_src *ps = ctx;
    for (int i = 0; i < ps->nblocks; i++) {
        if (ps->blocks[i].p == p) {
            if (ps->blocks[i].npages != npages)
                ps->bad_frees++;
            ps->outstanding -= ps->blocks[i].npages;
            ps->blocks[i] = ps->blocks[--ps->nblocks];
            free(p);
            return;
        }
    }
    ps->bad_frees++;
}

static struct page_src src;
static struct heap heap;

static struct heap *setup(size_t budget)
{
    /* blocks left by a failed test are leaked deliberately: freeing them
     * could hide the failure behind a crash */
    memset(&src, 0, sizeof src);
    src.budget = budget;
    heap_init(&heap, (struct heap_page_source){src_alloc, src_free, &src});
    return &heap;
}

/* Everything back once the spare slabs are trimmed: the heap holds no
 * pages and the source saw no bad free. */
#define CHECK_ALL_RETURNED()                    \
    do {                                        \
        heap_trim(&heap);                       \
        CHECK_EQ_INT(src.outstanding, 0);       \
        CHECK_EQ_INT(src.nblocks, 0);           \
        CHECK_EQ_INT(src.bad_frees, 0);         \
        CHECK_EQ_INT(heap.pages_in_use, 0);     \
        CHECK_EQ_INT(heap.bytes_in_use, 0);     \
    } while (0)

static void fill(void *p, size_t n, unsigned seed)
{
    unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        b[i] = (unsigned char)(seed * 131 + i * 7 + 1);
}

static bool intact(const void *p, size_t n, unsigned seed)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i] != (unsigned char)(seed * 131 + i * 7 + 1))
            return false;
    return true;
}

static void shuffle(void **a, int n)
{
    for (int i = n - 1; i > 0; i--) {
        int j = (int)unit_rand_below((uint64_t)i + 1);
        void *t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

TEST(size_classes)
{
    struct heap *h = setup(1000);
    static const struct {
        size_t size, usable;
    } cases[] = {{0, 16},    {1, 16},     {15, 16},    {16, 16},    {17, 32},    {32, 32},    {33, 64},
                 {100, 128}, {255, 256},  {256, 256},  {257, 512},  {1000, 1024}, {1025, 2048}, {2048, 2048},
                 {2049, 4064}, {4064, 4064}, {4065, 8160}, {10000, 12256}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        void *p = heap_alloc(h, cases[i].size);
        CHECKF(p != NULL, "size %zu", cases[i].size);
        CHECKF(heap_usable_size(p) == cases[i].usable, "size %zu: usable %zu, expected %zu", cases[i].size,
               heap_usable_size(p), cases[i].usable);
        CHECK_EQ_INT(heap_free(h, p), HEAP_FREE_OK);
    }
    CHECK_ALL_RETURNED();
}

TEST(many_sizes_aligned_usable_no_overlap)
{
    enum { N = 4400 };
    static void *ptrs[N];
    static size_t sizes[N];
    struct heap *h = setup(100000);
    unit_srand(1);
    int n = 0;
    for (size_t size = 0; size <= 4200; size++)
        sizes[n++] = size;
    for (size_t size = 4201; size <= 20000; size += 97)
        sizes[n++] = size;
    sizes[n++] = 20000;
    for (int i = 0; i < n; i++) {
        void *p = heap_alloc(h, sizes[i]);
        CHECKF(p != NULL, "size %zu", sizes[i]);
        CHECKF((uintptr_t)p % 16 == 0, "size %zu: %p not 16-aligned", sizes[i], p);
        size_t usable = heap_usable_size(p);
        CHECKF(usable >= sizes[i], "size %zu: usable only %zu", sizes[i], usable);
        fill(p, usable, (unsigned)i); /* all of it: usable bytes must really be ours */
        ptrs[i] = p;
    }
    for (int i = 0; i < n; i++)
        CHECKF(intact(ptrs[i], heap_usable_size(ptrs[i]), (unsigned)i), "allocation %d (size %zu) was overwritten", i,
               sizes[i]);
    CHECK(src.outstanding > 0);
    CHECK_EQ_INT(heap.pages_in_use, src.outstanding);
    /* random order; everything goes back to the source */
    shuffle(ptrs, n);
    for (int i = 0; i < n; i++)
        CHECK_EQ_INT(heap_free(h, ptrs[i]), HEAP_FREE_OK);
    CHECK_ALL_RETURNED();
}

TEST(zero_size_allocations_are_distinct)
{
    struct heap *h = setup(10);
    void *a = heap_alloc(h, 0), *b = heap_alloc(h, 0);
    CHECK(a && b && a != b);
    CHECK(heap_usable_size(a) >= 1);
    CHECK_EQ_INT(heap_free(h, a), HEAP_FREE_OK);
    CHECK_EQ_INT(heap_free(h, b), HEAP_FREE_OK);
    CHECK_ALL_RETURNED();
}

TEST(slab_fills_then_new_page)
{
    struct heap *h = setup(10);
    int per_slab = (HEAP_PAGE - 32) / 16; /* 254 */
    static void *p[300];
    for (int i = 0; i < per_slab; i++) {
        p[i] = heap_alloc(h, 16);
        CHECK(p[i]);
    }
    CHECK_EQ_INT(src.outstanding, 1);
    /* a slot freed in the full slab is found again: no new page */
    CHECK_EQ_INT(heap_free(h, p[7]), HEAP_FREE_OK);
    void *again = heap_alloc(h, 16);
    CHECK(again == p[7]); /* the only free slot */
    CHECK_EQ_INT(src.outstanding, 1);
    /* full again: the next one needs a page */
    p[per_slab] = heap_alloc(h, 16);
    CHECK(p[per_slab]);
    CHECK_EQ_INT(src.outstanding, 2);
    for (int i = 0; i <= per_slab; i++)
        CHECK_EQ_INT(heap_free(h, p[i]), HEAP_FREE_OK);
    CHECK_ALL_RETURNED();
}

TEST(different_classes_use_different_slabs)
{
    struct heap *h = setup(20);
    void *a = heap_alloc(h, 16), *b = heap_alloc(h, 32), *c = heap_alloc(h, 2048), *d = heap_alloc(h, 2048);
    CHECK(a && b && c && d);
    CHECK_EQ_INT(src.outstanding, 4); /* 16, 32, and one 2048 object per slab */
    CHECK(((uintptr_t)a & ~4095ul) != ((uintptr_t)b & ~4095ul));
    CHECK_EQ_INT(heap_free(h, c), HEAP_FREE_OK);
    CHECK_EQ_INT(src.outstanding, 4); /* an empty slab stays as its class's spare */
    CHECK_EQ_INT(heap.spare_pages, 1);
    CHECK_EQ_INT(heap_free(h, a), HEAP_FREE_OK);
    CHECK_EQ_INT(heap_free(h, b), HEAP_FREE_OK);
    CHECK_EQ_INT(heap_free(h, d), HEAP_FREE_OK);
    CHECK_ALL_RETURNED();
}

TEST(partial_list_with_several_slabs)
{
    /* class 1024: 3 objects per slab; juggle several slabs between full,
     * partial and empty */
    struct heap *h = setup(20);
    void *p[9];
    for (int i = 0; i < 9; i++) {
        p[i] = heap_alloc(h, 1000);
        CHECK(p[i]);
        fill(p[i], 1024, (unsigned)i);
    }
    CHECK_EQ_INT(src.outstanding, 3);
    CHECK_EQ_INT(heap_free(h, p[1]), HEAP_FREE_OK); /* full -> partial */
    CHECK_EQ_INT(heap_free(h, p[4]), HEAP_FREE_OK); /* full -> partial */
    CHECK_EQ_INT(heap_free(h, p[3]), HEAP_FREE_OK);
    CHECK_EQ_INT(heap_free(h, p[5]), HEAP_FREE_OK); /* second slab empty: the spare */
    CHECK_EQ_INT(src.outstanding, 3);
    CHECK_EQ_INT(heap.spare_pages, 1);
    void *q = heap_alloc(h, 1024);
    CHECK(q == p[1]); /* the only free object in a listed slab */
    CHECK_EQ_INT(src.outstanding, 3);
    void *r = heap_alloc(h, 1024);
    CHECK(r); /* from the spare, no new page */
    CHECK_EQ_INT(src.outstanding, 3);
    CHECK_EQ_INT(heap.spare_pages, 0);
    static const int live[] = {0, 2, 6, 7, 8};
    for (int i = 0; i < 5; i++)
        CHECK(intact(p[live[i]], 1024, (unsigned)live[i]));
    for (int i = 0; i < 5; i++)
        CHECK_EQ_INT(heap_free(h, p[live[i]]), HEAP_FREE_OK);
    CHECK_EQ_INT(heap_free(h, q), HEAP_FREE_OK);
    CHECK_EQ_INT(heap_free(h, r), HEAP_FREE_OK);
    CHECK_ALL_RETURNED();
}

TEST(emptied_slab_is_kept_as_spare_and_reused)
{
    struct heap *h = setup(100);
    void *a = heap_alloc(h, 40);
    CHECK_EQ_INT(src.outstanding, 1);
    CHECK_EQ_INT(heap_free(h, a), HEAP_FREE_OK);
    CHECK_EQ_INT(src.outstanding, 1); /* the page stays, as the class's spare */
    CHECK_EQ_INT(heap.spare_pages, 1);
    void *b = heap_alloc(h, 40);
    CHECK_EQ_INT(src.outstanding, 1); /* and serves the next object */
    CHECK_EQ_INT(heap.spare_pages, 0);
    void *c = heap_alloc(h, 40);
    CHECK(b != c);
    CHECK_EQ_INT(heap_free(h, b), HEAP_FREE_OK);
    CHECK_EQ_INT(heap_free(h, c), HEAP_FREE_OK);
    CHECK_EQ_INT(heap_free(h, c), HEAP_FREE_DOUBLE); /* a spare's objects are still checked */
    CHECK_ALL_RETURNED();
}

TEST(spares_go_back_when_the_source_runs_dry)
{
    struct heap *h = setup(2);
    void *a = heap_alloc(h, 16), *b = heap_alloc(h, 2048);
    CHECK_EQ_INT(src.outstanding, 2);
    CHECK_EQ_INT(heap_free(h, a), HEAP_FREE_OK);
    CHECK_EQ_INT(heap_free(h, b), HEAP_FREE_OK);
    CHECK_EQ_INT(heap.spare_pages, 2);
    void *c = heap_alloc(h, 5000); /* two pages: only with both spares returned */
    CHECK(c != NULL);
    CHECK_EQ_INT(heap.spare_pages, 0);
    CHECK_EQ_INT(heap_free(h, c), HEAP_FREE_OK);
    CHECK_ALL_RETURNED();
}

TEST(large_allocations_page_counts)
{
    struct heap *h = setup(100);
    void *a = heap_alloc(h, 2049);
    CHECK_EQ_INT(src.outstanding, 1);
    void *b = heap_alloc(h, 4065);
    CHECK_EQ_INT(src.outstanding, 3);
    void *c = heap_alloc(h, 40 * 4096);
    CHECK_EQ_INT(src.outstanding, 44);
    CHECK_EQ_INT(heap.pages_in_use, 44);
    fill(c, heap_usable_size(c), 3);
    CHECK_EQ_INT(heap_free(h, b), HEAP_FREE_OK);
    CHECK_EQ_INT(src.outstanding, 42);
    CHECK(intact(c, heap_usable_size(c), 3));
    CHECK_EQ_INT(heap_free(h, a), HEAP_FREE_OK);
    CHECK_EQ_INT(heap_free(h, c), HEAP_FREE_OK);
    CHECK_ALL_RETURNED();
}

TEST(bytes_in_use_statistics)
{
    struct heap *h = setup(100);
    void *a = heap_alloc(h, 10);
    CHECK_EQ_INT(heap.bytes_in_use, 16);
    void *b = heap_alloc(h, 3000);
    CHECK_EQ_INT(heap.bytes_in_use, 16 + 3000);
    void *c = heap_alloc(h, 100);
    CHECK_EQ_INT(heap.bytes_in_use, 16 + 3000 + 128);
    CHECK_EQ_INT(heap_free(h, b), HEAP_FREE_OK);
    CHECK_EQ_INT(heap.bytes_in_use, 16 + 128);
    CHECK_EQ_INT(heap_free(h, a), HEAP_FREE_OK);
    CHECK_EQ_INT(heap_free(h, c), HEAP_FREE_OK);
    CHECK_ALL_RETURNED();
}

TEST(exhaustion_returns_null_and_recovers)
{
    enum { PAGES = 10, PER = (HEAP_PAGE - 32) / 64 };
    static void *p[PAGES * PER];
    struct heap *h = setup(PAGES);
    for (int i = 0; i < PAGES * PER; i++) {
        p[i] = heap_alloc(h, 64);
        CHECKF(p[i] != NULL, "allocation %d of %d failed", i, PAGES * PER);
    }
    CHECK_EQ_INT(src.outstanding, PAGES);
    CHECK(heap_alloc(h, 64) == NULL);
    CHECK(heap_alloc(h, 1) == NULL);   /* another class needs a page too */
    CHECK(heap_alloc(h, 5000) == NULL);
    CHECK(heap_alloc(h, 0) == NULL);
    CHECK(heap_alloc(h, 64) == NULL);  /* still, and no state was damaged */
    CHECK_EQ_INT(heap.pages_in_use, PAGES);
    /* one object back: exactly one more allocation of that class fits */
    CHECK_EQ_INT(heap_free(h, p[123]), HEAP_FREE_OK);
    p[123] = heap_alloc(h, 64);
    CHECK(p[123] != NULL);
    CHECK(heap_alloc(h, 64) == NULL);
    for (int i = 0; i < PAGES * PER; i++)
        CHECK_EQ_INT(heap_free(h, p[i]), HEAP_FREE_OK);
    CHECK_ALL_RETURNED();
    /* all pages back: one allocation of all of them now fits */
    void *big = heap_alloc(h, PAGES * HEAP_PAGE - 32);
    CHECK(big != NULL);
    CHECK(heap_alloc(h, 0) == NULL);
    CHECK_EQ_INT(heap_free(h, big), HEAP_FREE_OK);
    CHECK(heap_alloc(h, PAGES * HEAP_PAGE - 31) == NULL); /* one page too many */
    CHECK_ALL_RETURNED();
}

TEST(fragmentation_holes_are_reused)
{
    enum { N = 3000 };
    static void *p[N];
    struct heap *h = setup(1000);
    for (int i = 0; i < N; i++) {
        p[i] = heap_alloc(h, 40 + (size_t)(i % 3) * 8); /* 40..56: all class 64 */
        CHECK(p[i]);
        fill(p[i], 40, (unsigned)i);
    }
    size_t pages = src.outstanding;
    CHECK_EQ_INT(pages, (N + 62) / 63);
    for (int i = 0; i < N; i += 2)
        CHECK_EQ_INT(heap_free(h, p[i]), HEAP_FREE_OK);
    CHECK_EQ_INT(src.outstanding, pages); /* every slab still has live objects */
    for (int i = 0; i < N; i += 2) {
        p[i] = heap_alloc(h, 64);
        CHECK(p[i]);
        fill(p[i], 40, (unsigned)i);
    }
    CHECK_EQ_INT(src.outstanding, pages); /* the holes were filled, no new page */
    for (int i = 0; i < N; i++)
        CHECKF(intact(p[i], 40, (unsigned)i), "object %d damaged", i);
    /* free the odd ones: survivors intact; then the rest */
    for (int i = 1; i < N; i += 2)
        CHECK_EQ_INT(heap_free(h, p[i]), HEAP_FREE_OK);
    for (int i = 0; i < N; i += 2)
        CHECK(intact(p[i], 40, (unsigned)i));
    for (int i = 0; i < N; i += 2)
        CHECK_EQ_INT(heap_free(h, p[i]), HEAP_FREE_OK);
    CHECK_ALL_RETURNED();
}

TEST(absurd_sizes_return_null)
{
    struct heap *h = setup(100);
    static const size_t sizes[] = {SIZE_MAX,
                                   SIZE_MAX - 10,
                                   SIZE_MAX - 31,
                                   SIZE_MAX - 32 - HEAP_PAGE + 1,
                                   SIZE_MAX - 32 - HEAP_PAGE,
                                   SIZE_MAX / 2,
                                   (size_t)1 << 40,
                                   101 * HEAP_PAGE};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        src.last_request = 0;
        void *p = heap_alloc(h, sizes[i]);
        CHECKF(p == NULL, "heap_alloc(%#zx) returned %p", sizes[i], p);
        /* if the source was asked at all, it was asked for enough pages
         * (a wrapped-around small count would be a disaster) */
        CHECKF(src.last_request == 0 || src.last_request >= sizes[i] / HEAP_PAGE,
               "heap_alloc(%#zx) asked the source for only %zu pages", sizes[i], src.last_request);
    }
    CHECK_ALL_RETURNED();
    void *ok = heap_alloc(h, 100);
    CHECK(ok);
    CHECK_EQ_INT(heap_free(h, ok), HEAP_FREE_OK);
    CHECK_ALL_RETURNED();
}

TEST(free_null_is_ok)
{
    struct heap *h = setup(10);
    CHECK_EQ_INT(heap_free(h, NULL), HEAP_FREE_OK);
    void *a = heap_alloc(h, 10);
    CHECK_EQ_INT(heap_free(h, NULL), HEAP_FREE_OK);
    CHECK_EQ_INT(heap.bytes_in_use, 16);
    CHECK_EQ_INT(heap_free(h, a), HEAP_FREE_OK);
    CHECK_ALL_RETURNED();
}

TEST(bad_pointers_in_slab_pages)
{
    struct heap *h = setup(10);
    char *a = heap_alloc(h, 32), *b = heap_alloc(h, 32);
    char *c = heap_alloc(h, 64);
    CHECK(a && b && c);
    char *page = (char *)((uintptr_t)a & ~(uintptr_t)4095);
    char *cpage = (char *)((uintptr_t)c & ~(uintptr_t)4095);
    size_t bytes = heap.bytes_in_use;
    CHECK_EQ_INT(heap_free(h, a + 16), HEAP_FREE_BAD_POINTER);  /* middle of an object */
    CHECK_EQ_INT(heap_free(h, a + 8), HEAP_FREE_BAD_POINTER);   /* misaligned */
    CHECK_EQ_INT(heap_free(h, a + 1), HEAP_FREE_BAD_POINTER);
    CHECK_EQ_INT(heap_free(h, c + 48), HEAP_FREE_BAD_POINTER);
    CHECK_EQ_INT(heap_free(h, page), HEAP_FREE_BAD_POINTER);      /* the header */
    CHECK_EQ_INT(heap_free(h, page + 16), HEAP_FREE_BAD_POINTER);
    /* class 64: 63 objects end at 32 + 63 * 64 = 4064; beyond is slack */
    CHECK_EQ_INT(heap_free(h, cpage + 4064), HEAP_FREE_BAD_POINTER);
    CHECK_EQ_INT(heap_free(h, cpage + 4080), HEAP_FREE_BAD_POINTER);
    CHECK_EQ_INT(heap.bytes_in_use, bytes); /* nothing changed */
    CHECK_EQ_INT(heap_free(h, a), HEAP_FREE_OK);
    CHECK_EQ_INT(heap_free(h, b), HEAP_FREE_OK);
    CHECK_EQ_INT(heap_free(h, c), HEAP_FREE_OK);
    CHECK_ALL_RETURNED();
}

TEST(bad_pointers_in_large_allocation)
{
    struct heap *h = setup(10);
    char *l = heap_alloc(h, 3000);
    CHECK(l);
    CHECK_EQ_INT(heap_free(h, l + 16), HEAP_FREE_BAD_POINTER);
    CHECK_EQ_INT(heap_free(h, l + 32), HEAP_FREE_BAD_POINTER);
    CHECK_EQ_INT(heap_free(h, l - 32), HEAP_FREE_BAD_POINTER); /* the page start */
    CHECK_EQ_INT(heap_free(h, l + 4), HEAP_FREE_BAD_POINTER);
    CHECK_EQ_INT(src.outstanding, 1);
    CHECK_EQ_INT(heap_free(h, l), HEAP_FREE_OK);
    CHECK_ALL_RETURNED();
}

TEST(bad_pointer_foreign_page)
{
    struct heap *h = setup(10);
    uint64_t *foreign = aligned_alloc(HEAP_PAGE, HEAP_PAGE);
    CHECK(foreign);
    memset(foreign, 0, HEAP_PAGE);
    CHECK_EQ_INT(heap_free(h, foreign), HEAP_FREE_BAD_POINTER);
    CHECK_EQ_INT(heap_free(h, (char *)foreign + 32), HEAP_FREE_BAD_POINTER);
    CHECK_EQ_INT(heap_free(h, (char *)foreign + 2048), HEAP_FREE_BAD_POINTER);
    foreign[0] = 0x1234567812345678ull; /* some other garbage in the first word */
    CHECK_EQ_INT(heap_free(h, (char *)foreign + 64), HEAP_FREE_BAD_POINTER);
    CHECK_EQ_INT(src.bad_frees, 0);
    free(foreign);
    CHECK_ALL_RETURNED();
}

TEST(double_free_detected)
{
    struct heap *h = setup(10);
    void *a = heap_alloc(h, 100), *b = heap_alloc(h, 100), *c = heap_alloc(h, 100);
    CHECK(a && b && c);
    CHECK_EQ_INT(heap_free(h, a), HEAP_FREE_OK);
    size_t bytes = heap.bytes_in_use;
    CHECK_EQ_INT(heap_free(h, a), HEAP_FREE_DOUBLE);
    CHECK_EQ_INT(heap.bytes_in_use, bytes);
    CHECK_EQ_INT(heap_free(h, b), HEAP_FREE_OK);
    CHECK_EQ_INT(heap_free(h, b), HEAP_FREE_DOUBLE);
    CHECK_EQ_INT(heap_free(h, a), HEAP_FREE_DOUBLE);
    /* the free list was not corrupted: two allocations give a and b back,
     * once each */
    void *x = heap_alloc(h, 100), *y = heap_alloc(h, 100);
    CHECK(x && y && x != y);
    CHECK((x == a && y == b) || (x == b && y == a));
    CHECK_EQ_INT(src.outstanding, 1);
    CHECK_EQ_INT(heap_free(h, x), HEAP_FREE_OK);
    CHECK_EQ_INT(heap_free(h, y), HEAP_FREE_OK);
    CHECK_EQ_INT(heap_free(h, c), HEAP_FREE_OK);
    CHECK_ALL_RETURNED();
}

TEST(live_object_containing_poison_is_not_a_double_free)
{
    struct heap *h = setup(10);
    uint64_t *a = heap_alloc(h, 16), *b = heap_alloc(h, 16);
    CHECK(a && b);
    a[0] = 0;
    a[1] = FREE_POISON; /* user data that happens to look like the poison */
    CHECK_EQ_INT(heap_free(h, a), HEAP_FREE_OK);
    CHECK_EQ_INT(heap_free(h, a), HEAP_FREE_DOUBLE);
    CHECK_EQ_INT(heap_free(h, b), HEAP_FREE_OK);
    CHECK_ALL_RETURNED();
}

TEST(fresh_memory_has_no_poison)
{
    /* an object handed out must not look free to heap_free's check */
    struct heap *h = setup(10);
    uint64_t *a = heap_alloc(h, 16), *b = heap_alloc(h, 16);
    CHECK(a && b);
    CHECK(a[1] != FREE_POISON);
    CHECK_EQ_INT(heap_free(h, a), HEAP_FREE_OK);
    CHECK_EQ_INT(heap_free(h, b), HEAP_FREE_OK);
    CHECK_ALL_RETURNED();
}

/* Random mix of sizes and frees, contents checked, within a budget. */
TEST(random_stress)
{
    enum { LIVE = 600 };
    static struct {
        void *p;
        size_t size;
        unsigned seed;
    } live[LIVE];
    int nlive = 0, nulls = 0;
    struct heap *h = setup(300);
    unit_srand(99);
    for (int op = 0; op < 20000; op++) {
        if (nlive < LIVE && (nlive == 0 || unit_rand_below(100) < 52)) {
            size_t size;
            switch (unit_rand_below(10)) {
            case 0: size = 2049 + unit_rand_below(30000); break;
            case 1: size = unit_rand_below(2049); break;
            default: size = unit_rand_below(200); break;
            }
            void *p = heap_alloc(h, size);
            if (!p) { /* only when the budget is really short */
                nulls++;
                size_t need = size > 2048 ? (size + 32 + HEAP_PAGE - 1) / HEAP_PAGE : 1;
                CHECKF(src.outstanding + need > src.budget, "op %d: alloc(%zu) failed with %zu of %zu pages used",
                       op, size, src.outstanding, src.budget);
                continue;
            }
            CHECK((uintptr_t)p % 16 == 0);
            CHECK(heap_usable_size(p) >= size);
            live[nlive].p = p;
            live[nlive].size = size;
            live[nlive].seed = (unsigned)op;
            fill(p, size, (unsigned)op);
            nlive++;
        } else {
            int i = (int)unit_rand_below((uint64_t)nlive);
            CHECKF(intact(live[i].p, live[i].size, live[i].seed), "op %d: object of size %zu overwritten", op,
                   live[i].size);
            CHECK_EQ_INT(heap_free(h, live[i].p), HEAP_FREE_OK);
            live[i] = live[--nlive];
        }
        CHECK(src.outstanding <= src.budget);
        CHECK_EQ_INT(heap.pages_in_use, src.outstanding);
    }
    CHECK(nulls > 0); /* the budget was hit, so exhaustion was exercised */
    while (nlive) {
        nlive--;
        CHECK(intact(live[nlive].p, live[nlive].size, live[nlive].seed));
        CHECK_EQ_INT(heap_free(h, live[nlive].p), HEAP_FREE_OK);
    }
    CHECK_ALL_RETURNED();
}

RUN_TESTS()
