/*
 * balloc.c - the block and inode bitmaps (one block of each per group):
 * finding, taking and giving back blocks and inodes. Every change keeps
 * three counts equal, as e2fsck checks them: the bitmap's bits, the group
 * descriptor's free count and the superblock's total (sync_fs writes the
 * last two). Bitmaps are read and changed in the device cache.
 */
#include "fs/ext2/ext2.h"
#include "lib/string.h"
#include "proc/cred.h"
#include "uapi/errno.h"

static bool test_bit(const uint8_t *map, uint32_t i) { return map[i >> 3] & (1u << (i & 7)); }
static void set_bit(uint8_t *map, uint32_t i) { map[i >> 3] |= (uint8_t)(1u << (i & 7)); }
static void clear_bit(uint8_t *map, uint32_t i) { map[i >> 3] &= (uint8_t)~(1u << (i & 7)); }

/* The first clear bit in [from, to), or to. Skips full bytes. */
static uint32_t find_zero(const uint8_t *map, uint32_t from, uint32_t to)
{
    uint32_t i = from;
    while (i < to) {
        if (!(i & 7) && map[i >> 3] == 0xff) {
            i += 8;
            continue;
        }
        if (!test_bit(map, i))
            return i;
        i++;
    }
    return to;
}

static uint32_t group_blocks(const struct ext2_sb_info *s, uint32_t g)
{
    uint32_t first = s->first_data_block + g * s->blocks_per_group;
    return g == s->groups - 1 ? s->blocks_count - first : s->blocks_per_group;
}

/* Root (or CAP_SYS_RESOURCE, or the reserved uid/gid) may use the blocks
 * kept in reserve (Linux's ext2_has_free_blocks). */
static bool may_use_reserved(const struct ext2_sb_info *s)
{
    const struct cred *c = current_cred();
    return capable(CAP_SYS_RESOURCE) || c->fsuid == s->es.s_def_resuid ||
           (s->es.s_def_resgid && c->fsgid == s->es.s_def_resgid);
}

/* Takes a clear bit of group g's block bitmap at or after from (then
 * from the start of the group when wrap): its block, or 0. */
static uint32_t take_in_group(struct super_block *sb, uint32_t g, uint32_t from, int *err)
{
    struct ext2_sb_info *s = EXT2_SB(sb);
    struct ext2_group_desc *d = &s->gd[g];
    struct bdev_buf b;
    if ((*err = bdev_read(s->bd, ext2_boff(s, d->bg_block_bitmap), s->block_size, &b)))
        return 0;
    uint32_t n = group_blocks(s, g), base = s->first_data_block + g * s->blocks_per_group;
    uint32_t found = 0;
    for (int pass = 0; pass < 2 && !found; pass++) {
        uint32_t i = pass ? 0 : from, end = pass ? from : n;
        while ((i = find_zero(b.data, i, end)) < end) {
            if (ext2_block_ok(sb, base + i)) {
                found = base + i;
                break;
            }
            /* A metadata block marked free: the bitmap is wrong. Mark it
             * used rather than ever hand it out. */
            ext2_error(sb, 0, "group %u: metadata block %u free in the bitmap", g, base + i);
            set_bit(b.data, i);
            bdev_dirty(&b);
            i++;
        }
    }
    if (found) {
        set_bit(b.data, found - base);
        bdev_dirty(&b);
        d->bg_free_blocks_count--;
        s->free_blocks--;
        s->super_dirty = true;
    } else if (d->bg_free_blocks_count) {
        ext2_error(sb, 0, "group %u: free block count %u but the bitmap is full", g, d->bg_free_blocks_count);
        s->free_blocks -= d->bg_free_blocks_count;
        d->bg_free_blocks_count = 0;
        s->super_dirty = true;
    }
    bdev_release(&b);
    return found;
}

int ext2_new_block(struct super_block *sb, uint32_t goal, uint32_t *out)
{
    struct ext2_sb_info *s = EXT2_SB(sb);
    sleeplock_acquire(&s->alloc_lock);
    int err = -ENOSPC;
    if (s->free_blocks == 0 || (s->free_blocks <= s->es.s_r_blocks_count && !may_use_reserved(s))) {
        sleeplock_release(&s->alloc_lock);
        return -ENOSPC;
    }
    if (goal < s->first_data_block || goal >= s->blocks_count)
        goal = s->first_data_block;
    uint32_t g0 = (goal - s->first_data_block) / s->blocks_per_group;
    for (uint32_t i = 0; i < s->groups; i++) {
        uint32_t g = (g0 + i) % s->groups;
        if (!s->gd[g].bg_free_blocks_count)
            continue;
        uint32_t from = i == 0 ? (goal - s->first_data_block) % s->blocks_per_group : 0;
        int e = 0;
        uint32_t b = take_in_group(sb, g, from, &e);
        if (b) {
            *out = b;
            err = 0;
            break;
        }
        if (e) {
            err = e;
            break;
        }
    }
    sleeplock_release(&s->alloc_lock);
    return err;
}

void ext2_free_block(struct super_block *sb, uint32_t blk)
{
    struct ext2_sb_info *s = EXT2_SB(sb);
    if (!ext2_block_ok(sb, blk)) {
        ext2_error(sb, 0, "freeing block %u: not a data block", blk);
        return;
    }
    uint32_t g = (blk - s->first_data_block) / s->blocks_per_group;
    uint32_t bit = (blk - s->first_data_block) % s->blocks_per_group;
    sleeplock_acquire(&s->alloc_lock);
    struct bdev_buf b;
    if (bdev_read(s->bd, ext2_boff(s, s->gd[g].bg_block_bitmap), s->block_size, &b) == 0) {
        if (!test_bit(b.data, bit)) {
            ext2_error(sb, 0, "freeing block %u, which is already free", blk);
        } else {
            clear_bit(b.data, bit);
            bdev_dirty(&b);
            s->gd[g].bg_free_blocks_count++;
            s->free_blocks++;
            s->super_dirty = true;
        }
        bdev_release(&b);
    }
    sleeplock_release(&s->alloc_lock);
}

/* Takes a free inode of group g: its number, or 0. */
static uint32_t take_inode(struct super_block *sb, uint32_t g, bool dir, int *err)
{
    struct ext2_sb_info *s = EXT2_SB(sb);
    struct ext2_group_desc *d = &s->gd[g];
    struct bdev_buf b;
    if ((*err = bdev_read(s->bd, ext2_boff(s, d->bg_inode_bitmap), s->block_size, &b)))
        return 0;
    /* Inodes below s_first_ino are reserved (root, resize, journal...). */
    uint32_t from = g == 0 ? s->first_ino - 1 : 0;
    uint32_t i = find_zero(b.data, from, s->inodes_per_group), ino = 0;
    if (i < s->inodes_per_group) {
        set_bit(b.data, i);
        bdev_dirty(&b);
        ino = g * s->inodes_per_group + i + 1;
        d->bg_free_inodes_count--;
        s->free_inodes--;
        if (dir) {
            d->bg_used_dirs_count++;
            s->dirs++;
        }
        s->super_dirty = true;
    } else if (d->bg_free_inodes_count) {
        ext2_error(sb, 0, "group %u: free inode count %u but the bitmap is full", g, d->bg_free_inodes_count);
        s->free_inodes -= d->bg_free_inodes_count;
        d->bg_free_inodes_count = 0;
        s->super_dirty = true;
    }
    bdev_release(&b);
    return ino;
}

int ext2_new_ino(struct super_block *sb, const struct inode *dir, uint32_t mode, uint32_t *ino)
{
    struct ext2_sb_info *s = EXT2_SB(sb);
    bool is_dir = (mode & S_IFMT) == S_IFDIR;
    sleeplock_acquire(&s->alloc_lock);
    uint32_t start;
    if (is_dir) {
        /* Spread directories over the groups (a simple form of Linux's
         * Orlov allocator): the next group, round robin, with room. */
        start = s->alloc_rotor++ % s->groups;
    } else {
        /* Files near their directory. */
        start = (uint32_t)((dir->ino - 1) / s->inodes_per_group) % s->groups;
    }
    int err = -ENOSPC;
    for (uint32_t i = 0; i < s->groups && s->free_inodes; i++) {
        uint32_t g = (start + i) % s->groups;
        if (!s->gd[g].bg_free_inodes_count)
            continue;
        if (is_dir && i < s->groups && s->gd[g].bg_free_blocks_count == 0 && s->free_blocks)
            continue;
        int e = 0;
        uint32_t n = take_inode(sb, g, is_dir, &e);
        if (n) {
            *ino = n;
            err = 0;
            break;
        }
        if (e) {
            err = e;
            break;
        }
    }
    if (err == -ENOSPC && is_dir && s->free_inodes) {
        /* Every group with inodes is out of blocks: take any inode. */
        for (uint32_t g = 0; g < s->groups; g++) {
            int e = 0;
            uint32_t n = s->gd[g].bg_free_inodes_count ? take_inode(sb, g, true, &e) : 0;
            if (n) {
                *ino = n;
                err = 0;
                break;
            }
        }
    }
    sleeplock_release(&s->alloc_lock);
    return err;
}

void ext2_free_ino(struct super_block *sb, uint32_t ino, bool dir)
{
    struct ext2_sb_info *s = EXT2_SB(sb);
    if (ino < s->first_ino || ino > s->inodes_count) {
        ext2_error(sb, ino, "freeing a reserved or nonexistent inode");
        return;
    }
    uint32_t g = (ino - 1) / s->inodes_per_group, bit = (ino - 1) % s->inodes_per_group;
    sleeplock_acquire(&s->alloc_lock);
    struct bdev_buf b;
    if (bdev_read(s->bd, ext2_boff(s, s->gd[g].bg_inode_bitmap), s->block_size, &b) == 0) {
        if (!test_bit(b.data, bit)) {
            ext2_error(sb, ino, "freeing an inode that is already free");
        } else {
            clear_bit(b.data, bit);
            bdev_dirty(&b);
            s->gd[g].bg_free_inodes_count++;
            s->free_inodes++;
            if (dir && s->gd[g].bg_used_dirs_count) {
                s->gd[g].bg_used_dirs_count--;
                s->dirs--;
            }
            s->super_dirty = true;
        }
        bdev_release(&b);
    }
    sleeplock_release(&s->alloc_lock);
}
