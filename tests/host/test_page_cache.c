/* Host tests for kernel/fs/page_cache.c: the radix tree of a file's pages
 * and the flag bits writeback relies on (PC_DIRTY and the dirty count,
 * finding the next flagged page, removing clean unshared pages). */
#include <stdbool.h>
#include <stdint.h>

/* One CPU with interrupts off is the kernel's lock; the host needs none. */
#define ARCH_X86_64_SPINLOCK_H
struct spinlock {
    uint64_t saved_flags;
};
static inline void spin_lock(struct spinlock *l) { (void)l; }
static inline void spin_unlock(struct spinlock *l) { (void)l; }

#include "fs/page_cache.c"

#include "unit.h"

void *kmalloc(size_t size) { return malloc(size); }
void *kzalloc(size_t size) { return calloc(1, size); }
void kfree(void *p) { free(p); }

/* Frames are fake page-aligned addresses with a reference count each. */
#define FRAMES 4096
static unsigned refs[FRAMES];
static uint64_t frame(unsigned i) { return (uint64_t)(i + 1) << 12; }
static unsigned idx(uint64_t pa) { return (unsigned)(pa >> 12) - 1; }
void pmm_free(uint64_t pa) { refs[idx(pa)]--; }
unsigned pmm_refcount(uint64_t pa) { return refs[idx(pa)]; }

static uint64_t take(unsigned i)
{
    refs[i] = 1;
    return frame(i);
}

TEST(insert_find_truncate)
{
    struct page_cache pc = {0};
    for (unsigned i = 0; i < 300; i++)
        CHECK_EQ_INT(pc_insert(&pc, i * 7, take(i)), 0);
    CHECK_EQ_INT(pc.nrpages, 300);
    CHECK_EQ_INT(pc_find(&pc, 7 * 123, NULL), frame(123));
    CHECK_EQ_INT(pc_find(&pc, 5, NULL), 0);
    pc_truncate(&pc, 7 * 100);
    CHECK_EQ_INT(pc.nrpages, 100);
    CHECK_EQ_INT(refs[150], 0);
    pc_truncate(&pc, 0);
    CHECK_EQ_INT(pc.nrpages, 0);
    CHECK_EQ_INT(pc.root, 0);
}

TEST(dirty_flags_and_count)
{
    struct page_cache pc = {0};
    uint64_t before = pc_dirty_pages();
    for (unsigned i = 0; i < 10; i++)
        pc_insert(&pc, i * 100, take(i));
    pc_set_flags(&pc, 300, PC_DIRTY);
    pc_set_flags(&pc, 300, PC_DIRTY); /* twice: counted once */
    pc_set_flags(&pc, 700, PC_DIRTY);
    pc_set_flags(&pc, 701, PC_DIRTY); /* not cached: nothing */
    CHECK_EQ_INT(pc_dirty_pages(), before + 2);
    uint64_t flags;
    CHECK_EQ_INT(pc_find(&pc, 300, &flags), frame(3));
    CHECK_EQ_INT(flags, PC_DIRTY);
    uint64_t at = 0;
    CHECK_EQ_INT(pc_next_flagged(&pc, 0, PC_DIRTY, &at), frame(3));
    CHECK_EQ_INT(at, 300);
    CHECK_EQ_INT(pc_next_flagged(&pc, 301, PC_DIRTY, &at), frame(7));
    CHECK_EQ_INT(at, 700);
    CHECK_EQ_INT(pc_next_flagged(&pc, 701, PC_DIRTY, &at), 0);
    /* ~0 finds any page, dirty or not. */
    CHECK_EQ_INT(pc_next_flagged(&pc, 101, ~0ull, &at), frame(2));
    CHECK_EQ_INT(at, 200);
    CHECK_EQ_INT(pc_clear_flags(&pc, 300, PC_DIRTY), PC_DIRTY);
    CHECK_EQ_INT(pc_clear_flags(&pc, 300, PC_DIRTY), 0);
    CHECK_EQ_INT(pc_dirty_pages(), before + 1);
    pc_truncate(&pc, 500); /* drops the dirty page 700 */
    CHECK_EQ_INT(pc_dirty_pages(), before);
    pc_truncate(&pc, 0);
}

TEST(remove_clean_only_unshared)
{
    struct page_cache pc = {0};
    for (unsigned i = 0; i < 3; i++)
        pc_insert(&pc, i, take(20 + i));
    pc_set_flags(&pc, 0, PC_DIRTY);
    refs[21]++; /* page 1 is mapped somewhere */
    CHECK(!pc_remove_clean(&pc, 0, frame(20))); /* dirty */
    CHECK(!pc_remove_clean(&pc, 1, frame(21))); /* shared */
    CHECK(!pc_remove_clean(&pc, 2, frame(99))); /* not that frame */
    CHECK(pc_remove_clean(&pc, 2, frame(22)));
    CHECK_EQ_INT(refs[22], 0);
    CHECK_EQ_INT(pc_find(&pc, 2, NULL), 0);
    CHECK_EQ_INT(pc.nrpages, 2);
    /* The slot is reusable. */
    CHECK_EQ_INT(pc_insert(&pc, 2, take(23)), 0);
    CHECK_EQ_INT(pc_find(&pc, 2, NULL), frame(23));
    refs[21]--;
    pc_clear_flags(&pc, 0, PC_DIRTY);
    pc_truncate(&pc, 0);
    CHECK_EQ_INT(pc.nrpages, 0);
}

TEST(remove_clean_single_page_root)
{
    struct page_cache pc = {0};
    pc_insert(&pc, 0, take(40));
    CHECK(pc_remove_clean(&pc, 0, frame(40)));
    CHECK_EQ_INT(pc.root, 0);
    CHECK_EQ_INT(pc_insert(&pc, 5, take(41)), 0);
    pc_truncate(&pc, 0);
}

RUN_TESTS()
