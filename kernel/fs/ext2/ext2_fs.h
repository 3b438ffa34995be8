/*
 * ext2_fs.h - the ext2 on-disk format (revision 1), as Linux's
 * fs/ext2/ext2.h and the "Second Extended File System" document by Dave
 * Poirier describe it. Everything on the disk is little-endian; x86_64 is
 * too, so these structures are read and written in place.
 *
 * The disk is an array of blocks (1, 2 or 4 KiB here). Block 0 (for 1 KiB
 * blocks; else the first 1024 bytes of block 0) is the boot area; the
 * superblock lies at byte 1024. The blocks are split into groups of
 * s_blocks_per_group; each group has a block bitmap, an inode bitmap and
 * an inode table, and (with sparse_super, only groups 0, 1 and powers of
 * 3, 5 and 7) a backup of the superblock and of the group descriptor
 * table, followed by the resize_inode's reserved GDT blocks.
 *
 * Nothing here touches the kernel: the host tests include this file and
 * layout.c (the pure arithmetic and checks) directly.
 */
#ifndef FS_EXT2_EXT2_FS_H
#define FS_EXT2_EXT2_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EXT2_SUPER_MAGIC 0xEF53
#define EXT2_SUPERBLOCK_OFFSET 1024
#define EXT2_MIN_BLOCK_LOG 10 /* 1 KiB */
#define EXT2_MAX_BLOCK_LOG 12 /* 4 KiB: a block lies inside one page */

#define EXT2_GOOD_OLD_REV 0
#define EXT2_DYNAMIC_REV 1
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_GOOD_OLD_FIRST_INO 11

/* Reserved inode numbers. */
#define EXT2_BAD_INO 1
#define EXT2_ROOT_INO 2
#define EXT2_RESIZE_INO 7

/* s_state */
#define EXT2_VALID_FS 0x0001
#define EXT2_ERROR_FS 0x0002

/* Features. COMPAT ones may be ignored; an unknown RO_COMPAT one allows
 * only a read-only mount; an unknown INCOMPAT one no mount at all. */
#define EXT2_FEATURE_COMPAT_DIR_PREALLOC 0x0001
#define EXT2_FEATURE_COMPAT_IMAGIC_INODES 0x0002
#define EXT3_FEATURE_COMPAT_HAS_JOURNAL 0x0004
#define EXT2_FEATURE_COMPAT_EXT_ATTR 0x0008
#define EXT2_FEATURE_COMPAT_RESIZE_INO 0x0010
#define EXT2_FEATURE_COMPAT_DIR_INDEX 0x0020
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER 0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE 0x0002
#define EXT2_FEATURE_RO_COMPAT_BTREE_DIR 0x0004
#define EXT2_FEATURE_INCOMPAT_FILETYPE 0x0002

#define EXT2_FEATURE_RO_COMPAT_SUPP                                                                        \
    (EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | EXT2_FEATURE_RO_COMPAT_LARGE_FILE)
#define EXT2_FEATURE_INCOMPAT_SUPP EXT2_FEATURE_INCOMPAT_FILETYPE

/* The superblock (1024 bytes at byte 1024). */
struct ext2_super_block {
    uint32_t s_inodes_count;
    uint32_t s_blocks_count;
    uint32_t s_r_blocks_count; /* reserved for root (f_bfree - f_bavail) */
    uint32_t s_free_blocks_count;
    uint32_t s_free_inodes_count;
    uint32_t s_first_data_block; /* 1 for 1 KiB blocks, else 0 */
    uint32_t s_log_block_size;   /* block size = 1024 << this */
    uint32_t s_log_frag_size;
    uint32_t s_blocks_per_group;
    uint32_t s_frags_per_group;
    uint32_t s_inodes_per_group;
    uint32_t s_mtime; /* last mount */
    uint32_t s_wtime; /* last write */
    uint16_t s_mnt_count;
    int16_t s_max_mnt_count;
    uint16_t s_magic;
    uint16_t s_state;
    uint16_t s_errors;
    uint16_t s_minor_rev_level;
    uint32_t s_lastcheck;
    uint32_t s_checkinterval;
    uint32_t s_creator_os;
    uint32_t s_rev_level;
    uint16_t s_def_resuid;
    uint16_t s_def_resgid;
    /* EXT2_DYNAMIC_REV: */
    uint32_t s_first_ino;
    uint16_t s_inode_size;
    uint16_t s_block_group_nr;
    uint32_t s_feature_compat;
    uint32_t s_feature_incompat;
    uint32_t s_feature_ro_compat;
    uint8_t s_uuid[16];
    char s_volume_name[16];
    char s_last_mounted[64];
    uint32_t s_algorithm_usage_bitmap;
    uint8_t s_prealloc_blocks;
    uint8_t s_prealloc_dir_blocks;
    uint16_t s_reserved_gdt_blocks; /* resize_inode: GDT blocks kept after the descriptors */
    uint8_t s_journal_uuid[16];
    uint32_t s_journal_inum;
    uint32_t s_journal_dev;
    uint32_t s_last_orphan;
    uint32_t s_hash_seed[4];
    uint8_t s_def_hash_version;
    uint8_t s_reserved_char_pad;
    uint16_t s_reserved_word_pad;
    uint32_t s_default_mount_opts;
    uint32_t s_first_meta_bg;
    uint32_t s_reserved[190];
};
_Static_assert(sizeof(struct ext2_super_block) == 1024, "superblock is 1024 bytes");

/* A group descriptor (32 bytes; the table follows the superblock's block). */
struct ext2_group_desc {
    uint32_t bg_block_bitmap;
    uint32_t bg_inode_bitmap;
    uint32_t bg_inode_table;
    uint16_t bg_free_blocks_count;
    uint16_t bg_free_inodes_count;
    uint16_t bg_used_dirs_count;
    uint16_t bg_pad;
    uint32_t bg_reserved[3];
};
_Static_assert(sizeof(struct ext2_group_desc) == 32, "group descriptor is 32 bytes");

#define EXT2_NDIR_BLOCKS 12
#define EXT2_IND_BLOCK 12
#define EXT2_DIND_BLOCK 13
#define EXT2_TIND_BLOCK 14
#define EXT2_N_BLOCKS 15

/* The inode (the first 128 bytes of s_inode_size). */
struct ext2_inode {
    uint16_t i_mode;
    uint16_t i_uid;
    uint32_t i_size;
    uint32_t i_atime;
    uint32_t i_ctime;
    uint32_t i_mtime;
    uint32_t i_dtime; /* deletion time: nonzero marks a freed inode */
    uint16_t i_gid;
    uint16_t i_links_count;
    uint32_t i_blocks; /* 512-byte units, indirect blocks and the xattr block included */
    uint32_t i_flags;
    uint32_t i_osd1;
    uint32_t i_block[EXT2_N_BLOCKS];
    uint32_t i_generation;
    uint32_t i_file_acl; /* the extended-attribute block */
    uint32_t i_size_high; /* large_file: bits 32..63 of a regular file's size (was i_dir_acl) */
    uint32_t i_faddr;
    uint8_t l_i_frag;
    uint8_t l_i_fsize;
    uint16_t i_pad1;
    uint16_t l_i_uid_high;
    uint16_t l_i_gid_high;
    uint32_t l_i_reserved2;
};
_Static_assert(sizeof(struct ext2_inode) == 128, "inode is 128 bytes");

/* i_flags */
#define EXT2_INDEX_FL 0x00001000 /* an htree directory (dir_index) */

/* A directory entry: entries tile each block; rec_len reaches the next. */
struct ext2_dir_entry {
    uint32_t inode; /* 0: an unused entry */
    uint16_t rec_len;
    uint8_t name_len;
    uint8_t file_type; /* filetype feature; else the high byte of name_len */
    char name[];
};
#define EXT2_DIR_ENTRY_HEADER 8
#define EXT2_NAME_LEN 255
/* The space an entry with a name of len bytes needs: 4-byte aligned. */
#define EXT2_DIR_REC_LEN(len) (((len) + EXT2_DIR_ENTRY_HEADER + 3) & ~3u)

/* file_type */
#define EXT2_FT_UNKNOWN 0
#define EXT2_FT_REG_FILE 1
#define EXT2_FT_DIR 2
#define EXT2_FT_CHRDEV 3
#define EXT2_FT_BLKDEV 4
#define EXT2_FT_FIFO 5
#define EXT2_FT_SOCK 6
#define EXT2_FT_SYMLINK 7
#define EXT2_FT_MAX 8

/* --- pure helpers (layout.c) ------------------------------------------- */

/* The path through the block map to logical block lblock of a file whose
 * indirect blocks hold 1 << addr_bits block numbers: offsets[0] is the
 * index in i_block, the rest the index in each indirect block. Returns
 * the depth (1 direct, 2 indirect, 3 double, 4 triple), or 0 when lblock
 * lies past what the triple indirect block can reach. */
int ext2_block_path(uint64_t lblock, unsigned addr_bits, unsigned offsets[4]);

/* How many logical blocks a file can have (direct + the three levels). */
uint64_t ext2_max_blocks(unsigned addr_bits);

/* Does group g keep a superblock backup (sparse_super: 0, 1 and the
 * powers of 3, 5 and 7; without it every group)? */
bool ext2_group_has_super(uint32_t g, bool sparse);

/* Checks the entry at offset off of a directory block of size bytes:
 * NULL when it is sound, else what is wrong (for the kernel log). With
 * filetype, name_len is one byte; without, two. */
const char *ext2_check_dirent(const void *block, uint32_t size, uint32_t off, uint32_t inodes_count,
                              bool filetype);

/* The name length of entry de (one byte with filetype, else two). */
static inline unsigned ext2_dirent_name_len(const struct ext2_dir_entry *de, bool filetype)
{
    return filetype ? de->name_len : (unsigned)de->name_len | ((unsigned)de->file_type << 8);
}

/* EXT2_FT_* for the S_IF* type bits of mode (0 for unknown). */
unsigned ext2_type_of_mode(uint32_t mode);

#endif
