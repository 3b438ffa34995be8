/*
 * dentry.h - directory entries: the name cache that ties a name in a
 * directory to an inode. A path walk goes from dentry to dentry; the
 * mount table hangs mounts on dentries; getcwd and /proc/PID/fd links
 * print paths by following parents.
 *
 * A dentry holds a reference on its parent and on its inode. Children
 * are kept on the parent's list while they are in use (referenced) or
 * pinned: tmpfs pins each entry it creates, since its directories live
 * only here (as Linux's ramfs and tmpfs do). A disk file system's
 * (SB_KEEP_UNUSED) entries stay after their last reference, on an LRU
 * list of at most DCACHE_UNUSED_MAX (memory pressure takes them too);
 * other file systems' entries go with their last reference and are
 * looked up again next time. Listed entries are also in a hash table by
 * (parent, name), so a lookup does not scan a large directory's list.
 * Unlinking a name removes its dentry from the list (d_delete): open
 * files and working directories keep the dentry, "(deleted)" in their
 * paths, until they let go.
 */
#ifndef FS_DENTRY_H
#define FS_DENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/list.h"

struct inode;
struct super_block;

#define DNAME_INLINE 32

#define D_LISTED 0x1 /* on the parent's child list (findable by name) */
#define D_PINNED 0x2 /* the file system holds a reference (tmpfs entries) */
#define D_REVALIDATE 0x4 /* its file system's revalidate must confirm a cached lookup (procfs) */

struct dentry {
    char *name; /* NUL-terminated; points at iname for short names */
    size_t namelen;
    struct dentry *parent; /* the root of a superblock is its own parent */
    struct inode *inode;   /* NULL until d_instantiate */
    struct super_block *sb;
    struct list_head children;
    struct list_head child; /* in parent->children while D_LISTED */
    int refs;
    int mounts; /* mounts on it: the path walk looks in the mount table only then */
    unsigned flags;
    uint64_t hash;                  /* d_hash of the name */
    struct dentry *hnext, **hpprev; /* the hash chain while D_LISTED */
    struct list_head lru;           /* on the unused list while refs is 0 */
    char iname[DNAME_INLINE];
};

/* A new dentry named name[0..len) under parent (referenced), not yet on
 * its list and without an inode; one reference. NULL when out of memory. */
struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len);
/* The root dentry of sb, for inode root (its reference passes to the
 * dentry). NULL when out of memory (the reference is dropped then). */
struct dentry *d_alloc_root(struct super_block *sb, struct inode *root);
/* Gives d its inode (the caller's reference passes to d) and puts it on
 * its parent's list, so lookups find it. */
void d_instantiate(struct dentry *d, struct inode *inode);

/* Takes d off the unused list (it was unused: refs 0). */
void d_lru_del(struct dentry *d);
static inline struct dentry *d_get(struct dentry *d)
{
    if (d->refs++ == 0)
        d_lru_del(d);
    return d;
}
/* The last reference frees d (and may free its parents in turn). */
void d_release(struct dentry *d);
static inline void d_put(struct dentry *d)
{
    if (--d->refs == 0)
        d_release(d);
}
/* The file system keeps d (and its name) alive while the name exists. */
void d_pin(struct dentry *d);

/* A name's hash: FNV-1a over two bytes at a step (the last step of an
 * odd length takes one), so a path walk hashes a component while it
 * looks for its end, a pair of bytes per multiply:
 *   h = D_HASH_INIT; per pair: h = d_hash_step(h, b0 | b1 << 8). */
#define D_HASH_INIT 14695981039346656037ull
static inline uint64_t d_hash_step(uint64_t h, unsigned pair) { return (h ^ pair) * 1099511628211ull; }
uint64_t d_hash(const char *name, size_t len);

/* A listed child of dir named name[0..len), whose d_hash is hash,
 * referenced, or NULL. Does not ask the file system (namei.c does that on
 * a miss). */
struct dentry *d_find_child(struct dentry *dir, const char *name, size_t len, uint64_t hash);
/* The index-th listed child of dir with an inode (getdents of cached
 * directories), referenced, or NULL past the end. */
struct dentry *d_nth_child(struct dentry *dir, uint64_t index);
/* Does dir have a listed child with an inode? */
bool d_has_children(struct dentry *dir);

/* Removes d from its parent's list (its name no longer exists) and drops
 * the file system's pin. */
void d_delete(struct dentry *d);
/* Moves d to target's place (rename): d takes target's parent and name,
 * target (a new dentry for the name, or the file it replaced, already
 * deleted) leaves its parent's list. Cannot fail. */
void d_move(struct dentry *d, struct dentry *target);
/* Swaps the places (parents and names) of a and b (RENAME_EXCHANGE). */
void d_exchange(struct dentry *a, struct dentry *b);

/* Frees up to n unused entries, oldest first (memory is short);
 * returns how many went. */
unsigned d_prune_unused(unsigned n);
#define DCACHE_UNUSED_MAX 16384

/* Deletes every entry below root (unmounting a file system whose files
 * live only in the dentry cache: they go, but for those still in use). */
void d_prune_tree(struct dentry *root);

/* The dentry below root (root included) whose inode has number ino,
 * referenced, or NULL: file handles (sys_fhandle.c) on file systems that
 * keep every name in the cache. */
struct dentry *d_find_ino(struct dentry *root, uint64_t ino);

/* Has d's name been removed (unlink, rmdir, rename over it)? */
static inline bool d_unlinked(const struct dentry *d) { return !(d->flags & D_LISTED) && d->parent != d; }
/* Is a an ancestor of d (or d itself), within one superblock? */
bool d_is_ancestor(const struct dentry *a, const struct dentry *d);

#endif
