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
static uint64_t dirty_pages; /* pages with PC_DIRTY, in every cache (writeback's throttle) */

uint64_t pc_total_pages(void) { return total_pages; }
uint64_t pc_dirty_pages(void) { return dirty_pages; }

/* The largest index a tree of this height can hold. */
static uint64_t max_index(int height)
{
    return height * SLOT_BITS >= 64 ? ~0ull : (1ull << (height * SLOT_BITS)) - 1;
}

static unsigned slot_of(uint64_t index, int level) { return (unsigned)(index >> ((level - 1) * SLOT_BITS)) & SLOT_MASK; }

/* The slot of page index: its entry, or a 0 slot on the way when it is not
 * cached; NULL past the tree's height. Under the lock. */
static uint64_t *slot_find(struct page_cache *pc, uint64_t index)
{
    if (index > max_index(pc->height))
        return NULL;
    uint64_t *slot = &pc->root;
    for (int level = pc->height; level > 0 && *slot; level--)
        slot = &((struct pc_node *)*slot)->slot[slot_of(index, level)];
    return slot;
}

uint64_t pc_find(struct page_cache *pc, uint64_t index, uint64_t *flags)
{
    spin_lock(&pc->lock);
    uint64_t *slot = slot_find(pc, index), e = slot ? *slot : 0;
    spin_unlock(&pc->lock);
    if (flags)
        *flags = e & PC_FLAGS_MASK;
    return e & PC_PAGE_MASK;
}

unsigned pc_find_run(struct page_cache *pc, uint64_t index, unsigned n, uint64_t *pas)
{
    unsigned k = 0;
    spin_lock(&pc->lock);
    uint64_t *slot = slot_find(pc, index);
    if (slot) {
        /* Height 0 holds page 0 alone; else the leaf's slots run on to
         * its last one. */
        unsigned room = pc->height ? SLOTS - slot_of(index, 1) : 1;
        if (n > room)
            n = room;
        while (k < n && (slot[k] & PC_PAGE_MASK)) {
            pas[k] = slot[k] & PC_PAGE_MASK;
            k++;
        }
    }
    spin_unlock(&pc->lock);
    return k;
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

/* Sets the entry's flags to (flags & ~clear) | set, keeping the dirty count. */
static uint64_t change_flags(struct page_cache *pc, uint64_t index, uint64_t set, uint64_t clear)
{
    spin_lock(&pc->lock);
    uint64_t *slot = slot_find(pc, index), old = 0;
    if (slot && *slot) {
        old = *slot;
        *slot = (old & ~(clear & PC_FLAGS_MASK)) | (set & PC_FLAGS_MASK);
        dirty_pages += (*slot & PC_DIRTY) && !(old & PC_DIRTY);
        dirty_pages -= !(*slot & PC_DIRTY) && (old & PC_DIRTY);
    }
    spin_unlock(&pc->lock);
    return old & PC_FLAGS_MASK;
}

void pc_set_flags(struct page_cache *pc, uint64_t index, uint64_t flags) { change_flags(pc, index, flags, 0); }

uint64_t pc_clear_flags(struct page_cache *pc, uint64_t index, uint64_t flags)
{
    return change_flags(pc, index, 0, flags);
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
        dirty_pages -= (*slot & PC_DIRTY) != 0;
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
        return base >= first ? fn(ctx, base, e) : 0; /* the whole entry: frame and flags */
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

/* pc_for_each's callback gets the frame without the flag bits. */
struct for_each {
    int (*fn)(void *ctx, uint64_t index, uint64_t pa);
    void *ctx;
};

static int strip_flags(void *ctx, uint64_t index, uint64_t entry)
{
    struct for_each *f = ctx;
    return f->fn(f->ctx, index, entry & PC_PAGE_MASK);
}

int pc_for_each(struct page_cache *pc, uint64_t first, int (*fn)(void *ctx, uint64_t index, uint64_t pa), void *ctx)
{
    /* fn may not change the tree: it runs under the lock. */
    struct for_each f = {fn, ctx};
    spin_lock(&pc->lock);
    int r = walk(pc->root, pc->height, 0, first, strip_flags, &f);
    spin_unlock(&pc->lock);
    return r;
}

/* The same walk for pc_next_flagged: stops at the first entry with a flag. */
struct flagged {
    uint64_t flag, index, pa;
};

static int take_flagged(void *ctx, uint64_t index, uint64_t entry)
{
    struct flagged *f = ctx;
    if (!(entry & f->flag))
        return 0;
    f->index = index;
    f->pa = entry & PC_PAGE_MASK;
    return 1;
}

uint64_t pc_next_flagged(struct page_cache *pc, uint64_t first, uint64_t flag, uint64_t *index)
{
    struct flagged f = {flag, 0, 0};
    spin_lock(&pc->lock);
    walk(pc->root, pc->height, 0, first, take_flagged, &f);
    spin_unlock(&pc->lock);
    if (f.pa)
        *index = f.index;
    return f.pa;
}

bool pc_remove_clean(struct page_cache *pc, uint64_t index, uint64_t pa)
{
    spin_lock(&pc->lock);
    uint64_t *slot = slot_find(pc, index);
    bool removed = false;
    /* Only the cache's own reference: nobody maps it or copies from it. */
    if (slot && (*slot & PC_PAGE_MASK) == pa && !(*slot & PC_DIRTY) && pmm_refcount(pa) == 1) {
        *slot = 0;
        pc->nrpages--;
        total_pages--;
        removed = true;
        if (pc->height > 0) {
            /* A node left empty stays until truncate or eviction frees
             * it (cut): 512 bytes, and the next page there reuses it. */
            ((struct pc_node *)(slot - slot_of(index, 1)))->count--;
        } else {
            pc->root = 0;
        }
    }
    spin_unlock(&pc->lock);
    if (removed)
        pmm_free(pa);
    return removed;
}
