/*
 * bmap.c - a file's block map: i_block[0..11] point at data blocks,
 * i_block[12] at an indirect block of block numbers, [13] at a double
 * and [14] at a triple indirect one (layout.c's ext2_block_path gives the
 * path). A 0 anywhere is a hole: it reads as zeros and takes no block.
 * Every pointer read from the disk is checked (ext2_block_ok) before it
 * is followed or freed. i_blocks counts every block in 512-byte units,
 * indirect blocks included.
 */
#include "fs/ext2/ext2.h"
#include "lib/string.h"
#include "uapi/errno.h"

/* A new block for inode, zeroed in the device cache: a block handed out
 * never shows what it held before, even if the data meant for it never
 * reaches the disk. */
static int alloc_zeroed(struct inode *inode, uint32_t *out)
{
    struct super_block *sb = inode->sb;
    struct ext2_sb_info *s = EXT2_SB(sb);
    struct ext2_inode_info *ei = EXT2_I(inode);
    uint32_t goal = ei->last_alloc ? ei->last_alloc + 1
                                   : s->first_data_block + (uint32_t)((inode->ino - 1) / s->inodes_per_group) *
                                                               s->blocks_per_group;
    uint32_t b;
    int err = ext2_new_block(sb, goal, &b);
    if (err)
        return err;
    struct bdev_buf buf;
    /* A whole page may be taken without reading it; a smaller block
     * shares its page with others, which must be read. */
    err = s->block_size == 4096 ? bdev_get_new(s->bd, ext2_boff(s, b), s->block_size, &buf)
                                : bdev_read(s->bd, ext2_boff(s, b), s->block_size, &buf);
    if (err) {
        ext2_free_block(sb, b);
        return -EIO;
    }
    memset(buf.data, 0, s->block_size);
    bdev_dirty(&buf);
    bdev_release(&buf);
    ei->blocks += s->block_size >> 9;
    ei->last_alloc = b;
    *out = b;
    return 0;
}

static int bad_pointer(struct inode *inode, uint32_t b)
{
    struct ext2_sb_info *s = EXT2_SB(inode->sb);
    ext2_error(inode->sb, inode->ino, "block pointer %u %s", b,
               b >= s->blocks_count ? "past the end" : "into metadata");
    return -EUCLEAN;
}

int ext2_bmap(struct inode *inode, uint64_t lblock, bool create, uint32_t *out)
{
    struct super_block *sb = inode->sb;
    struct ext2_sb_info *s = EXT2_SB(sb);
    struct ext2_inode_info *ei = EXT2_I(inode);
    unsigned off[4];
    int depth = ext2_block_path(lblock, s->addr_bits, off);
    *out = 0;
    if (!depth)
        return create ? -EFBIG : 0;
    uint32_t *slot = &ei->block[off[0]];
    struct bdev_buf held;
    bool holding = false;
    int err = 0;
    for (int level = 0; level < depth; level++) {
        uint32_t b = *slot;
        if (!b) {
            if (!create)
                break;
            if ((err = alloc_zeroed(inode, &b)))
                break;
            *slot = b;
            if (holding)
                bdev_dirty(&held);
        } else if (!ext2_block_ok(sb, b)) {
            err = bad_pointer(inode, b);
            break;
        }
        if (level == depth - 1) {
            *out = b;
            break;
        }
        struct bdev_buf next;
        if (bdev_read(s->bd, ext2_boff(s, b), s->block_size, &next)) {
            err = -EIO;
            break;
        }
        if (holding)
            bdev_release(&held);
        held = next;
        holding = true;
        slot = (uint32_t *)held.data + off[level + 1];
    }
    if (holding)
        bdev_release(&held);
    return err;
}

/* Frees what the indirect block blk (depth 1: it holds data block
 * numbers; 2, 3: indirect ones) maps from entry index `from` on (in its
 * own logical blocks). Returns true when blk maps nothing any more and
 * was freed itself. */
static bool free_tree(struct inode *inode, uint32_t blk, int depth, uint64_t from)
{
    struct super_block *sb = inode->sb;
    struct ext2_sb_info *s = EXT2_SB(sb);
    struct ext2_inode_info *ei = EXT2_I(inode);
    if (!ext2_block_ok(sb, blk)) {
        bad_pointer(inode, blk);
        return true; /* forget the pointer; never free what it names */
    }
    struct bdev_buf b;
    if (bdev_read(s->bd, ext2_boff(s, blk), s->block_size, &b))
        return false;
    uint32_t *e = b.data, per = 1u << s->addr_bits;
    unsigned shift = s->addr_bits * (unsigned)(depth - 1);
    uint64_t first = from >> shift, rest = from & ((1ull << shift) - 1);
    bool changed = false, empty = true;
    for (uint32_t i = 0; i < per; i++) {
        if (!e[i])
            continue;
        if (i < first) {
            empty = false;
            continue;
        }
        if (depth > 1) {
            if (free_tree(inode, e[i], depth - 1, i == first ? rest : 0)) {
                e[i] = 0;
                changed = true;
            } else {
                empty = false;
            }
        } else {
            if (ext2_block_ok(sb, e[i])) {
                ext2_free_block(sb, e[i]);
                if (ei->blocks >= s->block_size >> 9)
                    ei->blocks -= s->block_size >> 9;
            } else {
                bad_pointer(inode, e[i]);
            }
            e[i] = 0;
            changed = true;
        }
    }
    if (changed)
        bdev_dirty(&b);
    bdev_release(&b);
    if (empty) {
        ext2_free_block(sb, blk);
        if (ei->blocks >= s->block_size >> 9)
            ei->blocks -= s->block_size >> 9;
    }
    return empty;
}

int ext2_truncate_blocks(struct inode *inode, uint64_t first)
{
    struct super_block *sb = inode->sb;
    struct ext2_sb_info *s = EXT2_SB(sb);
    struct ext2_inode_info *ei = EXT2_I(inode);
    for (uint64_t i = first; i < EXT2_NDIR_BLOCKS; i++) {
        uint32_t b = ei->block[i];
        if (!b)
            continue;
        if (ext2_block_ok(sb, b)) {
            ext2_free_block(sb, b);
            if (ei->blocks >= s->block_size >> 9)
                ei->blocks -= s->block_size >> 9;
        } else {
            bad_pointer(inode, b);
        }
        ei->block[i] = 0;
    }
    uint64_t start = EXT2_NDIR_BLOCKS, per = 1ull << s->addr_bits, span = per;
    for (int depth = 1; depth <= 3; depth++, start += span, span *= per) {
        uint32_t *slot = &ei->block[EXT2_IND_BLOCK + depth - 1];
        if (!*slot || first >= start + span)
            continue;
        uint64_t from = first > start ? first - start : 0;
        if (free_tree(inode, *slot, depth, from))
            *slot = 0;
    }
    if (first == 0 && ei->blocks > (ei->file_acl ? s->block_size >> 9 : 0)) {
        /* The count disagreed with the map: keep what e2fsck expects. */
        ei->blocks = ei->file_acl ? s->block_size >> 9 : 0;
    }
    if (ei->last_alloc && first == 0)
        ei->last_alloc = 0;
    return 0;
}
