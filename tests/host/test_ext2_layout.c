/* Host tests for kernel/fs/ext2/layout.c: the block-map path arithmetic,
 * sparse_super's backup groups and the directory-entry checks, against
 * numbers worked out from the ext2 specification by hand. Directory
 * blocks live in malloc blocks of exactly their size (ASan sees any read
 * past them). */
#include "fs/ext2/layout.c"

#include "unit.h"

TEST(direct_blocks)
{
    unsigned off[4];
    CHECK_EQ_INT(ext2_block_path(0, 8, off), 1);
    CHECK_EQ_INT(off[0], 0);
    CHECK_EQ_INT(ext2_block_path(11, 8, off), 1);
    CHECK_EQ_INT(off[0], 11);
}

TEST(indirect_1k_blocks)
{
    /* 1 KiB blocks: 256 numbers per indirect block. */
    unsigned off[4];
    CHECK_EQ_INT(ext2_block_path(12, 8, off), 2);
    CHECK_EQ_INT(off[0], 12);
    CHECK_EQ_INT(off[1], 0);
    CHECK_EQ_INT(ext2_block_path(12 + 255, 8, off), 2);
    CHECK_EQ_INT(off[1], 255);
    /* The first double-indirect block. */
    CHECK_EQ_INT(ext2_block_path(12 + 256, 8, off), 3);
    CHECK_EQ_INT(off[0], 13);
    CHECK_EQ_INT(off[1], 0);
    CHECK_EQ_INT(off[2], 0);
    CHECK_EQ_INT(ext2_block_path(12 + 256 + 256 * 3 + 7, 8, off), 3);
    CHECK_EQ_INT(off[1], 3);
    CHECK_EQ_INT(off[2], 7);
    /* The last double, the first and the last triple. */
    CHECK_EQ_INT(ext2_block_path(12 + 256 + 65536 - 1, 8, off), 3);
    CHECK_EQ_INT(off[1], 255);
    CHECK_EQ_INT(off[2], 255);
    CHECK_EQ_INT(ext2_block_path(12 + 256 + 65536, 8, off), 4);
    CHECK_EQ_INT(off[0], 14);
    CHECK_EQ_INT(off[1], 0);
    CHECK_EQ_INT(off[2], 0);
    CHECK_EQ_INT(off[3], 0);
    uint64_t last = 12 + 256 + 65536 + 16777216ull - 1;
    CHECK_EQ_INT(ext2_block_path(last, 8, off), 4);
    CHECK_EQ_INT(off[1], 255);
    CHECK_EQ_INT(off[2], 255);
    CHECK_EQ_INT(off[3], 255);
    CHECK_EQ_INT(ext2_block_path(last + 1, 8, off), 0);
    CHECK(ext2_max_blocks(8) == last + 1);
}

TEST(sparse_file_4k_blocks)
{
    /* A byte at 5 GiB with 4 KiB blocks is logical block 1310720: past
     * the 12 + 1024 + 1024^2 the double-indirect tree reaches, so in the
     * triple-indirect one. */
    unsigned off[4];
    uint64_t lb = (5ull << 30) / 4096;
    CHECK_EQ_INT(ext2_block_path(lb, 10, off), 4);
    uint64_t rel = lb - 12 - 1024 - 1024 * 1024;
    CHECK_EQ_INT(off[0], 14);
    CHECK_EQ_INT(off[1], (int)(rel >> 20));
    CHECK_EQ_INT(off[2], (int)((rel >> 10) & 1023));
    CHECK_EQ_INT(off[3], (int)(rel & 1023));
    CHECK_EQ_INT(ext2_block_path(12 + 1024 + 1024 * 1024 - 1, 10, off), 3);
}

TEST(sparse_super_groups)
{
    const uint32_t with[] = {0, 1, 3, 5, 7, 9, 25, 27, 49, 81, 125, 243, 343};
    for (size_t i = 0; i < sizeof with / sizeof *with; i++)
        CHECKF(ext2_group_has_super(with[i], true), "group %u", with[i]);
    const uint32_t without[] = {2, 4, 6, 8, 10, 11, 15, 21, 45, 75, 100};
    for (size_t i = 0; i < sizeof without / sizeof *without; i++)
        CHECKF(!ext2_group_has_super(without[i], true), "group %u", without[i]);
    CHECK(ext2_group_has_super(2, false));
}

/* A 1 KiB directory block in its own malloc block. */
static uint8_t *block_with(uint32_t ino, uint16_t rec_len, uint8_t name_len, const char *name)
{
    uint8_t *b = calloc(1, 1024);
    struct ext2_dir_entry *de = (struct ext2_dir_entry *)b;
    de->inode = ino;
    de->rec_len = rec_len;
    de->name_len = name_len;
    de->file_type = EXT2_FT_REG_FILE;
    memcpy(de->name, name, strlen(name));
    return b;
}

TEST(dirent_good)
{
    uint8_t *b = block_with(12, 1024, 3, "abc");
    CHECK(ext2_check_dirent(b, 1024, 0, 100, true) == NULL);
    free(b);
    b = block_with(0, 1024, 0, ""); /* an unused block: one empty entry */
    CHECK(ext2_check_dirent(b, 1024, 0, 100, true) == NULL);
    free(b);
}

TEST(dirent_bad)
{
    uint8_t *b = block_with(12, 0, 3, "abc");
    CHECK(ext2_check_dirent(b, 1024, 0, 100, true) != NULL); /* rec_len 0: would loop */
    free(b);
    b = block_with(12, 2048, 3, "abc");
    CHECK(ext2_check_dirent(b, 1024, 0, 100, true) != NULL); /* past the block */
    free(b);
    b = block_with(12, 10, 3, "abc");
    CHECK(ext2_check_dirent(b, 1024, 0, 100, true) != NULL); /* not a multiple of 4 */
    free(b);
    b = block_with(12, 12, 9, "abcdefghi");
    CHECK(ext2_check_dirent(b, 1024, 0, 100, true) != NULL); /* name past rec_len */
    free(b);
    b = block_with(500, 1024, 3, "abc");
    CHECK(ext2_check_dirent(b, 1024, 0, 100, true) != NULL); /* inode past the count */
    free(b);
    b = block_with(12, 1024, 0, "");
    CHECK(ext2_check_dirent(b, 1024, 0, 100, true) != NULL); /* an empty name */
    free(b);
    b = block_with(12, 1024, 3, "abc");
    CHECK(ext2_check_dirent(b, 1024, 1020, 100, true) != NULL); /* header past the block */
    CHECK(ext2_check_dirent(b, 1024, 1018, 100, true) != NULL); /* misaligned */
    free(b);
}

TEST(name_len_without_filetype)
{
    uint8_t *b = block_with(12, 1024, 3, "abc");
    struct ext2_dir_entry *de = (struct ext2_dir_entry *)b;
    de->file_type = 1; /* the high byte of a 16-bit name_len: 259 */
    CHECK_EQ_INT(ext2_dirent_name_len(de, false), 259);
    CHECK_EQ_INT(ext2_dirent_name_len(de, true), 3);
    free(b);
}

TEST(rec_len_rounding)
{
    CHECK_EQ_INT(EXT2_DIR_REC_LEN(1), 12);
    CHECK_EQ_INT(EXT2_DIR_REC_LEN(2), 12);
    CHECK_EQ_INT(EXT2_DIR_REC_LEN(4), 12);
    CHECK_EQ_INT(EXT2_DIR_REC_LEN(5), 16);
    CHECK_EQ_INT(EXT2_DIR_REC_LEN(255), 264);
}

TEST(file_types)
{
    CHECK_EQ_INT(ext2_type_of_mode(0100644), EXT2_FT_REG_FILE);
    CHECK_EQ_INT(ext2_type_of_mode(0040755), EXT2_FT_DIR);
    CHECK_EQ_INT(ext2_type_of_mode(0120777), EXT2_FT_SYMLINK);
    CHECK_EQ_INT(ext2_type_of_mode(0020666), EXT2_FT_CHRDEV);
    CHECK_EQ_INT(ext2_type_of_mode(0060660), EXT2_FT_BLKDEV);
    CHECK_EQ_INT(ext2_type_of_mode(0010644), EXT2_FT_FIFO);
    CHECK_EQ_INT(ext2_type_of_mode(0140755), EXT2_FT_SOCK);
    CHECK_EQ_INT(ext2_type_of_mode(0), EXT2_FT_UNKNOWN);
}

RUN_TESTS()
