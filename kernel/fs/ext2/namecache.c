/*
 * namecache.c - a small cache of directory entries, (directory inode,
 * name) -> inode, per mounted file system. The VFS lets a disk file
 * system's dentries and inodes go with their last reference, so every
 * path walk asks ext2 again; without this each step would scan the
 * directory's blocks (a stat in a directory of 1000 names read them all).
 *
 * Direct-mapped: one slot per hash, a newer entry replaces an older one;
 * names longer than NC_NAME are not cached. It holds only what the
 * directory blocks say: dir.c adds an entry when it finds or writes a
 * name, and drops it when it removes or changes the name, under the
 * directory's inode lock, so a hit is always what a scan would find.
 */
#include "fs/ext2/ext2.h"
#include "lib/string.h"
#include "mm/kmalloc.h"

#define NC_SLOTS 2048 /* a power of two */
#define NC_NAME 54

struct nc_slot {
    uint32_t dir, ino;
    uint8_t len;
    char name[NC_NAME + 1];
};
_Static_assert(sizeof(struct nc_slot) == 64, "a slot is 64 bytes");

static unsigned hash(uint32_t dir, const char *name, size_t len)
{
    uint32_t h = 2166136261u ^ dir;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (uint8_t)name[i]) * 16777619u;
    return h & (NC_SLOTS - 1);
}

void ext2_nc_init(struct ext2_sb_info *s) { s->names = kzalloc(NC_SLOTS * sizeof(struct nc_slot)); }

void ext2_nc_free(struct ext2_sb_info *s)
{
    kfree(s->names);
    s->names = NULL;
}

uint32_t ext2_nc_lookup(struct ext2_sb_info *s, uint32_t dir, const char *name, size_t len)
{
    struct nc_slot *t = s->names;
    if (!t || len > NC_NAME)
        return 0;
    struct nc_slot *e = &t[hash(dir, name, len)];
    return e->ino && e->dir == dir && e->len == len && !memcmp(e->name, name, len) ? e->ino : 0;
}

void ext2_nc_add(struct ext2_sb_info *s, uint32_t dir, const char *name, size_t len, uint32_t ino)
{
    struct nc_slot *t = s->names;
    if (!t || len > NC_NAME || !ino || (name[0] == '.' && (len == 1 || (len == 2 && name[1] == '.'))))
        return; /* "." and ".." are the path walk's own */
    struct nc_slot *e = &t[hash(dir, name, len)];
    e->dir = dir;
    e->ino = ino;
    e->len = (uint8_t)len;
    memcpy(e->name, name, len);
}

void ext2_nc_remove(struct ext2_sb_info *s, uint32_t dir, const char *name, size_t len)
{
    struct nc_slot *t = s->names;
    if (!t || len > NC_NAME)
        return;
    struct nc_slot *e = &t[hash(dir, name, len)];
    if (e->dir == dir && e->len == len && !memcmp(e->name, name, len))
        e->ino = 0;
}
