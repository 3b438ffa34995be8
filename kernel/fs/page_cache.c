/* page_cache.c - see page_cache.h. */
#include "fs/page_cache.h"

#include <stdbool.h>

#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "lib/string.h"
#include "uapi/errno.h"

#define SLOT_BITS 6
#define SLOTS (1u << SLOT_BITS)
#define SLOT_MASK (SLOTS - 1)
#define PC_PAGE_MASK (~PC_FLAGS_MASK)

/* An inner node: 64 slots, each a child node (levels above 1) or a page
 * entry (level 1); count says how many are in use, so empty nodes go. */
struct pc_node {
    uint64_t slot[SLOTS];
    unsigned count;
};

static uint64_t total_pages; /* statistics for /proc/meminfo */

uint64_t pc_total_pages(void) { return total_pages; }

/* The largest index a tree of this height can hold. */
static uint64_t max_index(int height)
{
    return height * SLOT_BITS >= 64 ? ~0ull : (1ull << (height * SLOT_BITS)) - 1;
}

static unsigned slot_of(uint64_t index, int level) { return (unsigned)(index >> ((level - 1) * SLOT_BITS)) & SLOT_MASK; }

uint64_t pc_find(struct page_cache *pc, uint64_t index, uint64_t *flags)
{
    spin_lock(&pc->lock);
    uint64_t e = 0;
    if (index <= max_index(pc->height)) {
        e = pc->root;
        for (int level = pc->height; level > 0 && e; level--)
            e = ((struct pc_node *)e)->slot[slot_of(index, level)];
    }
    spin_unlock(&pc->lock);
    if (flags)
        *flags = e & PC_FLAGS_MASK;
    return e & PC_PAGE_MASK;
}

/* Grows the tree until index fits: the old root becomes slot 0 of a new
 * root. 0 or -ENOMEM. */
static int grow(struct page_cache *pc, uint64_t index)
{
    while (index > max_index(pc->height)) {
        if (!pc->root) { /* an empty tree just gets taller */
            pc->height++;
            continue;
        }
        struct pc_node *n = kzalloc(sizeof *n);
        if (!n)
            return -ENOMEM;
        n->slot[0] = pc->root;
        n->count = 1;
        pc->root = (uint64_t)n;
        pc->height++;
    }
    return 0;
}

int pc_insert(struct page_cache *pc, uint64_t index, uint64_t pa)
{
    spin_lock(&pc->lock);
    int err = grow(pc, index);
    uint64_t *slot = &pc->root;
    for (int level = pc->height; !err && level > 0; level--) {
        if (!*slot) {
            struct pc_node *n = kzalloc(sizeof *n);
            if (!n) {
                err = -ENOMEM;
                break;
            }
            *slot = (uint64_t)n;
            if (level < pc->height) /* count the new child in its parent */
                ((struct pc_node *)(slot - slot_of(index, level + 1)))->count++;
        }
        slot = &((struct pc_node *)*slot)->slot[slot_of(index, level)];
    }
    if (!err) {
        *slot = pa;
        if (pc->height > 0)
            ((struct pc_node *)(slot - slot_of(index, 1)))->count++;
        pc->nrpages++;
        total_pages++;
    }
    spin_unlock(&pc->lock);
    return err;
}

void pc_set_flags(struct page_cache *pc, uint64_t index, uint64_t flags)
{
    spin_lock(&pc->lock);
    if (index <= max_index(pc->height)) {
        uint64_t *slot = &pc->root;
        for (int level = pc->height; level > 0 && *slot; level--)
            slot = &((struct pc_node *)*slot)->slot[slot_of(index, level)];
        if (*slot)
            *slot |= flags & PC_FLAGS_MASK;
    }
    spin_unlock(&pc->lock);
}

void pc_clear_flags(struct page_cache *pc, uint64_t index, uint64_t flags)
{
    spin_lock(&pc->lock);
    if (index <= max_index(pc->height)) {
        uint64_t *slot = &pc->root;
        for (int level = pc->height; level > 0 && *slot; level--)
            slot = &((struct pc_node *)*slot)->slot[slot_of(index, level)];
        if (*slot)
            *slot &= ~(flags & PC_FLAGS_MASK);
    }
    spin_unlock(&pc->lock);
}

/* Removes the entry for index below *slot at level if it is frame pa
 * without keep_if flags; *removed says whether it did. Returns true when
 * *slot became empty (a node freed). */
static bool remove_one(struct page_cache *pc, uint64_t *slot, int level, uint64_t index, uint64_t pa,
                       uint64_t keep_if, bool *removed)
{
    if (!*slot)
        return false;
    if (level == 0) {
        if ((*slot & PC_PAGE_MASK) != pa || (*slot & keep_if))
            return false;
        pmm_free(pa);
        *slot = 0;
        pc->nrpages--;
        total_pages--;
        *removed = true;
        return true;
    }
    struct pc_node *n = (struct pc_node *)*slot;
    unsigned i = slot_of(index, level);
    if (!remove_one(pc, &n->slot[i], level - 1, index, pa, keep_if, removed))
        return false;
    if (--n->count)
        return false;
    kfree(n);
    *slot = 0;
    return true;
}

bool pc_remove(struct page_cache *pc, uint64_t index, uint64_t pa, uint64_t keep_if)
{
    bool removed = false;
    spin_lock(&pc->lock);
    if (index <= max_index(pc->height))
        remove_one(pc, &pc->root, pc->height, index, pa, keep_if, &removed);
    if (!pc->root)
        pc->height = 0;
    spin_unlock(&pc->lock);
    return removed;
}

/* Frees the pages at index >= first below the entry *slot at level
 * (covering indexes from base), and the nodes left empty. Returns true
 * when *slot became empty. */
static bool cut(struct page_cache *pc, uint64_t *slot, int level, uint64_t base, uint64_t first)
{
    if (!*slot)
        return true;
    if (level == 0) {
        if (base < first)
            return false;
        pmm_free(*slot & PC_PAGE_MASK);
        *slot = 0;
        pc->nrpages--;
        total_pages--;
        return true;
    }
    struct pc_node *n = (struct pc_node *)*slot;
    uint64_t span = 1ull << ((level - 1) * SLOT_BITS);
    for (unsigned i = 0; i < SLOTS; i++) {
        uint64_t lo = base + i * span;
        if (!n->slot[i] || (span && lo + span - 1 < first)) /* wholly below first: kept */
            continue;
        if (cut(pc, &n->slot[i], level - 1, lo, first))
            n->count--;
    }
    if (n->count)
        return false;
    kfree(n);
    *slot = 0;
    return true;
}

void pc_truncate(struct page_cache *pc, uint64_t first)
{
    spin_lock(&pc->lock);
    if (first <= max_index(pc->height))
        cut(pc, &pc->root, pc->height, 0, first);
    if (!pc->root)
        pc->height = 0;
    spin_unlock(&pc->lock);
}

static int walk(uint64_t e, int level, uint64_t base, uint64_t first, int (*fn)(void *, uint64_t, uint64_t),
                void *ctx)
{
    if (!e)
        return 0;
    if (level == 0)
        return base >= first ? fn(ctx, base, e & PC_PAGE_MASK) : 0;
    const struct pc_node *n = (const struct pc_node *)e;
    uint64_t span = 1ull << ((level - 1) * SLOT_BITS);
    for (unsigned i = 0; i < SLOTS; i++) {
        uint64_t lo = base + i * span;
        if (n->slot[i] && lo + span - 1 >= first) {
            int r = walk(n->slot[i], level - 1, lo, first, fn, ctx);
            if (r)
                return r;
        }
    }
    return 0;
}

int pc_for_each(struct page_cache *pc, uint64_t first, int (*fn)(void *ctx, uint64_t index, uint64_t pa), void *ctx)
{
    /* fn may not change the tree: it runs under the lock. */
    spin_lock(&pc->lock);
    int r = walk(pc->root, pc->height, 0, first, fn, ctx);
    spin_unlock(&pc->lock);
    return r;
}
