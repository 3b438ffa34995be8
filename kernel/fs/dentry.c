/* dentry.c - see dentry.h. */
#include "fs/dentry.h"

#include "arch/x86_64/spinlock.h"
#include "fs/fsnotify.h"
#include "fs/inode.h"
#include "fs/super.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "uapi/errno.h"

/* Child lists and hash chains change under this lock; a walk reading
 * them takes it too (on one CPU it only keeps interrupt handlers out;
 * see spinlock.h). */
static struct spinlock tree_lock;

/* Listed dentries by (parent, name): Linux's dentry hash table. */
#define HASH_BITS 12
static struct dentry *hash_table[1u << HASH_BITS];

/* Unused dentries of SB_KEEP_UNUSED file systems, oldest first. */
static struct list_head lru_list = {&lru_list, &lru_list};
static unsigned lru_count;

uint64_t d_hash(const char *name, size_t len)
{
    uint64_t h = D_HASH_INIT;
    size_t i = 0;
    for (; i + 2 <= len; i += 2)
        h = d_hash_step(h, (uint8_t)name[i] | (unsigned)(uint8_t)name[i + 1] << 8);
    if (i < len)
        h = d_hash_step(h, (uint8_t)name[i]);
    return h;
}

/* The chain of (parent, name hash): the parent's address mixed in, so
 * the same name in many directories spreads over the table. */
static struct dentry **bucket(const struct dentry *parent, uint64_t hash)
{
    uint64_t h = (hash ^ (uint64_t)(uintptr_t)parent) * 0x9E3779B97F4A7C15ull;
    return &hash_table[h >> (64 - HASH_BITS)];
}

/* Under tree_lock. */
static void hash_add(struct dentry *d)
{
    struct dentry **b = bucket(d->parent, d->hash);
    d->hnext = *b;
    if (*b)
        (*b)->hpprev = &d->hnext;
    d->hpprev = b;
    *b = d;
}

static void hash_del(struct dentry *d)
{
    if (!d->hpprev)
        return;
    *d->hpprev = d->hnext;
    if (d->hnext)
        d->hnext->hpprev = d->hpprev;
    d->hnext = NULL;
    d->hpprev = NULL;
}

void d_lru_del(struct dentry *d)
{
    uint64_t f = irq_save(); /* not tree_lock: d_find_child calls this holding it */
    if (!list_empty(&d->lru)) {
        list_del_init(&d->lru);
        lru_count--;
    }
    irq_restore(f);
}

/* Is d worth keeping once unused: a listed name of a disk file system. */
static bool keep_unused(const struct dentry *d)
{
    return (d->sb->flags & SB_KEEP_UNUSED) && (d->flags & D_LISTED) && d->inode && d->parent != d;
}

static int set_name(struct dentry *d, const char *name, size_t len)
{
    char *buf = len < DNAME_INLINE ? d->iname : kmalloc(len + 1);
    if (!buf)
        return -ENOMEM;
    memcpy(buf, name, len);
    buf[len] = '\0';
    d->hash = d_hash(name, len);
    if (d->name && d->name != d->iname)
        kfree(d->name);
    d->name = buf;
    d->namelen = len;
    return 0;
}

struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len)
{
    struct dentry *d = kzalloc(sizeof *d);
    if (!d)
        return NULL;
    if (set_name(d, name, len)) {
        kfree(d);
        return NULL;
    }
    d->refs = 1;
    d->parent = d_get(parent);
    d->sb = parent->sb;
    if (d->sb->ops->revalidate)
        d->flags |= D_REVALIDATE; /* the walk tests the flag, not three pointers */
    list_init(&d->children);
    list_init(&d->child);
    list_init(&d->lru);
    return d;
}

struct dentry *d_alloc_root(struct super_block *sb, struct inode *root)
{
    struct dentry *d = kzalloc(sizeof *d);
    if (!d) {
        inode_put(root);
        return NULL;
    }
    set_name(d, "/", 1);
    d->refs = 1;
    d->parent = d;
    d->sb = sb;
    d->inode = root;
    list_init(&d->children);
    list_init(&d->child);
    list_init(&d->lru);
    return d;
}

void d_instantiate(struct dentry *d, struct inode *inode)
{
    d->inode = inode;
    spin_lock(&tree_lock);
    list_add_tail(&d->child, &d->parent->children);
    hash_add(d);
    d->flags |= D_LISTED;
    spin_unlock(&tree_lock);
}

/* Takes d off its parent's list. */
static void unlist(struct dentry *d)
{
    spin_lock(&tree_lock);
    if (d->flags & D_LISTED) {
        list_del_init(&d->child);
        hash_del(d);
        d->flags &= ~D_LISTED;
    }
    spin_unlock(&tree_lock);
}

void d_release(struct dentry *d)
{
    /* Iterative: freeing a dentry drops its parent's reference, and a
     * deep unlinked chain must not recurse on the kernel stack. */
    d->refs++; /* the loop below takes the last one again */
    while (d && --d->refs == 0) {
        if (keep_unused(d)) { /* stays findable; its parent stays referenced */
            uint64_t f = irq_save();
            list_add_tail(&d->lru, &lru_list);
            lru_count++;
            irq_restore(f);
            static bool pruning; /* pruning releases dentries: no second pruner inside it */
            if (lru_count > DCACHE_UNUSED_MAX && !pruning) {
                pruning = true;
                d_prune_unused(lru_count - DCACHE_UNUSED_MAX);
                pruning = false;
            }
            return;
        }
        struct dentry *parent = d->parent == d ? NULL : d->parent;
        unlist(d);
        if (d->inode && !(d->sb->flags & SB_PSEUDO)) {
            fsnotify_dentry_release(d->inode); /* a removed file's last name: IN_DELETE_SELF */
            inode_put(d->inode);
        }
        if (d->name != d->iname)
            kfree(d->name);
        kfree(d);
        d = parent;
    }
}

void d_pin(struct dentry *d)
{
    if (!(d->flags & D_PINNED)) {
        d->flags |= D_PINNED;
        d_get(d);
    }
}

static void unpin(struct dentry *d)
{
    if (d->flags & D_PINNED) {
        d->flags &= ~D_PINNED;
        d_put(d);
    }
}

/* Inline: names are short, and a call to memcmp would cost more than the
 * compare (the hashes matched already, so it almost always runs to the
 * end). */
static inline bool name_is(const struct dentry *d, const char *name, size_t len)
{
    if (d->namelen != len)
        return false;
    /* Eight, four, two, then one byte at a time, never past either name
     * (unaligned loads are fine on x86). */
    const char *a = d->name;
    size_t i = 0;
    for (; i + 8 <= len; i += 8)
        if (*(const uint64_t *)(a + i) != *(const uint64_t *)(name + i))
            return false;
    if (i + 4 <= len) {
        if (*(const uint32_t *)(a + i) != *(const uint32_t *)(name + i))
            return false;
        i += 4;
    }
    if (i + 2 <= len) {
        if (*(const uint16_t *)(a + i) != *(const uint16_t *)(name + i))
            return false;
        i += 2;
    }
    return i == len || a[i] == name[i];
}

struct dentry *d_find_child(struct dentry *dir, const char *name, size_t len, uint64_t hash)
{
    struct dentry *found = NULL;
    spin_lock(&tree_lock);
    for (struct dentry *c = *bucket(dir, hash); c; c = c->hnext)
        if (c->hash == hash && c->parent == dir && c->inode && name_is(c, name, len)) {
            found = d_get(c);
            break;
        }
    spin_unlock(&tree_lock);
    return found;
}


unsigned d_prune_unused(unsigned n)
{
    unsigned freed = 0;
    while (freed < n) {
        uint64_t f = irq_save();
        struct dentry *d = list_empty(&lru_list) ? NULL : list_entry(lru_list.next, struct dentry, lru);
        if (d) {
            list_del_init(&d->lru);
            lru_count--;
        }
        irq_restore(f);
        if (!d)
            break;
        unlist(d);    /* no longer kept: the release below frees it */
        d_release(d); /* refs 0: its inode and parent references go */
        freed++;
    }
    return freed;
}

struct dentry *d_nth_child(struct dentry *dir, uint64_t index)
{
    struct dentry *found = NULL;
    spin_lock(&tree_lock);
    list_for_each_entry(c, &dir->children, struct dentry, child) {
        if (c->inode && index-- == 0) {
            found = d_get(c);
            break;
        }
    }
    spin_unlock(&tree_lock);
    return found;
}

struct dentry *d_find_ino(struct dentry *root, uint64_t ino)
{
    /* Depth first without recursion (the tree may be deep, the kernel
     * stack is not): down to the first child, else on to the next
     * sibling of the nearest ancestor that has one. */
    struct dentry *d = root, *found = NULL;
    spin_lock(&tree_lock);
    for (;;) {
        if (d->inode && d->inode->ino == ino) {
            found = d_get(d);
            break;
        }
        if (!list_empty(&d->children)) {
            d = list_entry(d->children.next, struct dentry, child);
            continue;
        }
        while (d != root && d->child.next == &d->parent->children)
            d = d->parent;
        if (d == root)
            break;
        d = list_entry(d->child.next, struct dentry, child);
    }
    spin_unlock(&tree_lock);
    return found;
}

bool d_has_children(struct dentry *dir)
{
    bool any = false;
    spin_lock(&tree_lock);
    list_for_each_entry(c, &dir->children, struct dentry, child) {
        if (c->inode) {
            any = true;
            break;
        }
    }
    spin_unlock(&tree_lock);
    return any;
}

void d_delete(struct dentry *d)
{
    bool unused = d->refs == 0; /* a cached entry nobody uses (umount's pruning): never pinned */
    unlist(d);
    if (unused) {
        d_lru_del(d);
        d_release(d); /* it goes now */
        return;
    }
    unpin(d);
}

/* Swaps the names of a and b (short names by value, long ones by pointer). */
static void swap_names(struct dentry *a, struct dentry *b)
{
    char tmp[DNAME_INLINE];
    memcpy(tmp, a->iname, DNAME_INLINE);
    char *an = a->name == a->iname ? NULL : a->name, *bn = b->name == b->iname ? NULL : b->name;
    size_t alen = a->namelen;
    memcpy(a->iname, b->iname, DNAME_INLINE);
    memcpy(b->iname, tmp, DNAME_INLINE);
    a->name = bn ? bn : a->iname;
    b->name = an ? an : b->iname;
    a->namelen = b->namelen;
    b->namelen = alen;
    uint64_t ahash = a->hash;
    a->hash = b->hash;
    b->hash = ahash;
}

void d_move(struct dentry *d, struct dentry *target)
{
    swap_names(d, target); /* target keeps d's old name: nothing to allocate */
    unlist(target);
    struct dentry *old = d->parent;
    if (d->parent != target->parent)
        d->parent = d_get(target->parent);
    spin_lock(&tree_lock);
    if (d->flags & D_LISTED) {
        list_del_init(&d->child);
        hash_del(d);
    }
    list_add_tail(&d->child, &d->parent->children);
    hash_add(d); /* under its new parent and name */
    d->flags |= D_LISTED;
    spin_unlock(&tree_lock);
    if (old != d->parent)
        d_put(old);
}

void d_exchange(struct dentry *a, struct dentry *b)
{
    spin_lock(&tree_lock);
    hash_del(a);
    hash_del(b);
    swap_names(a, b);
    struct dentry *ap = a->parent;
    a->parent = b->parent;
    b->parent = ap;
    /* Each goes to the end of its new parent's list. */
    list_del_init(&a->child);
    list_del_init(&b->child);
    list_add_tail(&a->child, &a->parent->children);
    list_add_tail(&b->child, &b->parent->children);
    hash_add(a);
    hash_add(b);
    spin_unlock(&tree_lock);
}

bool d_is_ancestor(const struct dentry *a, const struct dentry *d)
{
    for (;;) {
        if (d == a)
            return true;
        if (d->parent == d)
            return false;
        d = d->parent;
    }
}

void d_prune_tree(struct dentry *root)
{
    /* Depth first without recursion (trees can be deeper than the kernel
     * stack allows): descend to a childless entry, delete it, go back up. */
    struct dentry *d = root;
    for (;;) {
        struct dentry *c = NULL;
        spin_lock(&tree_lock);
        if (!list_empty(&d->children))
            c = list_entry(d->children.next, struct dentry, child);
        spin_unlock(&tree_lock);
        if (c) {
            d = c;
            continue;
        }
        if (d == root)
            return;
        struct dentry *parent = d->parent;
        d_delete(d); /* freed unless an open file or cwd still holds it */
        d = parent;
    }
}
