/* layout.c - the pure arithmetic and checks of the ext2 format (see
 * ext2_fs.h): no kernel calls, so the host tests run it directly. */
#include "fs/ext2/ext2_fs.h"

int ext2_block_path(uint64_t lblock, unsigned addr_bits, unsigned offsets[4])
{
    uint64_t per = 1ull << addr_bits, mask = per - 1;
    if (lblock < EXT2_NDIR_BLOCKS) {
        offsets[0] = (unsigned)lblock;
        return 1;
    }
    lblock -= EXT2_NDIR_BLOCKS;
    if (lblock < per) {
        offsets[0] = EXT2_IND_BLOCK;
        offsets[1] = (unsigned)lblock;
        return 2;
    }
    lblock -= per;
    if (lblock < per * per) {
        offsets[0] = EXT2_DIND_BLOCK;
        offsets[1] = (unsigned)(lblock >> addr_bits);
        offsets[2] = (unsigned)(lblock & mask);
        return 3;
    }
    lblock -= per * per;
    if (lblock < per * per * per) {
        offsets[0] = EXT2_TIND_BLOCK;
        offsets[1] = (unsigned)(lblock >> (2 * addr_bits));
        offsets[2] = (unsigned)((lblock >> addr_bits) & mask);
        offsets[3] = (unsigned)(lblock & mask);
        return 4;
    }
    return 0;
}

uint64_t ext2_max_blocks(unsigned addr_bits)
{
    uint64_t per = 1ull << addr_bits;
    return EXT2_NDIR_BLOCKS + per + per * per + per * per * per;
}

static bool power_of(uint32_t n, uint32_t base)
{
    while (n > 1 && n % base == 0)
        n /= base;
    return n == 1;
}

bool ext2_group_has_super(uint32_t g, bool sparse)
{
    if (!sparse || g <= 1)
        return true;
    if (!(g & 1))
        return false;
    return power_of(g, 3) || power_of(g, 5) || power_of(g, 7);
}

const char *ext2_check_dirent(const void *block, uint32_t size, uint32_t off, uint32_t inodes_count,
                              bool filetype)
{
    if (off + EXT2_DIR_ENTRY_HEADER > size || (off & 3))
        return "entry header past the block";
    const struct ext2_dir_entry *de = (const struct ext2_dir_entry *)((const char *)block + off);
    unsigned rec = de->rec_len, nlen = ext2_dirent_name_len(de, filetype);
    if (rec < EXT2_DIR_REC_LEN(1))
        return "rec_len too small";
    if (rec & 3)
        return "rec_len not a multiple of 4";
    if (rec > size - off)
        return "rec_len past the block";
    if (de->inode && rec < EXT2_DIR_REC_LEN(nlen))
        return "name_len past rec_len";
    if (de->inode && nlen == 0)
        return "empty name";
    if (de->inode > inodes_count)
        return "inode number past the count";
    return 0;
}

unsigned ext2_type_of_mode(uint32_t mode)
{
    switch (mode & 0170000) {
    case 0100000: return EXT2_FT_REG_FILE;
    case 0040000: return EXT2_FT_DIR;
    case 0020000: return EXT2_FT_CHRDEV;
    case 0060000: return EXT2_FT_BLKDEV;
    case 0010000: return EXT2_FT_FIFO;
    case 0140000: return EXT2_FT_SOCK;
    case 0120000: return EXT2_FT_SYMLINK;
    }
    return EXT2_FT_UNKNOWN;
}
