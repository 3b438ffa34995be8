/*
 * super.c - mounting ext2: the superblock and group descriptors are read
 * and every number in them checked before anything trusts it (Linux's
 * ext2_fill_super and ext2_check_descriptors do the same checks); statfs;
 * sync_fs, which puts the in-memory superblock and descriptors back into
 * the device cache; put_super. Also the file system type "ext2" for
 * mount(2), and the one kernel log line each error gets.
 */
#include <stdarg.h>

#include "fs/dentry.h"
#include "fs/ext2/ext2.h"
#include "fs/inode.h"
#include "fs/namei.h"
#include "fs/path.h"
#include "fs/super.h"
#include "fs/writeback.h"
#include "lib/format.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "time/clock.h"
#include "uapi/errno.h"
#include "uapi/mount.h"

void ext2_error(struct super_block *sb, uint64_t ino, const char *fmt, ...)
{
    char msg[160];
    va_list ap;
    va_start(ap, fmt);
    kvsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    struct ext2_sb_info *s = EXT2_SB(sb);
    if (ino)
        kprintf("ext2: %s: inode %lu: %s\n", s->bd->name, ino, msg);
    else
        kprintf("ext2: %s: %s\n", s->bd->name, msg);
}

static uint32_t now_seconds(void) { return (uint32_t)(clock_realtime_ns() / 1000000000); }

/* The blocks at the start of group g that the superblock backup, the
 * descriptor table and the resize inode's reserved descriptor blocks
 * take (none in a group without a backup). */
static uint32_t group_super_blocks(const struct ext2_sb_info *s, uint32_t g)
{
    if (!ext2_group_has_super(g, s->sparse))
        return 0;
    return 1 + s->gdt_blocks + s->es.s_reserved_gdt_blocks;
}

static uint32_t group_first(const struct ext2_sb_info *s, uint32_t g)
{
    return s->first_data_block + g * s->blocks_per_group;
}

static uint32_t group_last(const struct ext2_sb_info *s, uint32_t g)
{
    return g == s->groups - 1 ? s->blocks_count - 1 : group_first(s, g) + s->blocks_per_group - 1;
}

bool ext2_block_ok(struct super_block *sb, uint32_t b)
{
    struct ext2_sb_info *s = EXT2_SB(sb);
    if (b < s->first_data_block || b >= s->blocks_count)
        return false;
    uint32_t g = (b - s->first_data_block) / s->blocks_per_group;
    uint32_t rel = (b - s->first_data_block) % s->blocks_per_group;
    const struct ext2_group_desc *d = &s->gd[g];
    if (rel < group_super_blocks(s, g))
        return false;
    if (b == d->bg_block_bitmap || b == d->bg_inode_bitmap)
        return false;
    return !(b >= d->bg_inode_table && b - d->bg_inode_table < s->itable_blocks);
}

/* --- the superblock ---------------------------------------------------- */

static int check_super(struct super_block *sb, struct block_device *bd)
{
    struct ext2_sb_info *s = EXT2_SB(sb);
    struct ext2_super_block *es = &s->es;
    const char *bad = NULL;
    if (es->s_magic != EXT2_SUPER_MAGIC)
        bad = "no ext2 superblock (bad magic)";
    else if (es->s_rev_level > EXT2_DYNAMIC_REV)
        bad = "unknown revision";
    else if (es->s_log_block_size > EXT2_MAX_BLOCK_LOG - EXT2_MIN_BLOCK_LOG)
        bad = "block size not 1, 2 or 4 KiB";
    if (bad) {
        ext2_error(sb, 0, "%s", bad);
        return -EINVAL;
    }
    s->log_block = EXT2_MIN_BLOCK_LOG + es->s_log_block_size;
    s->block_size = 1u << s->log_block;
    s->addr_bits = s->log_block - 2;
    s->blocks_count = es->s_blocks_count;
    s->inodes_count = es->s_inodes_count;
    s->blocks_per_group = es->s_blocks_per_group;
    s->inodes_per_group = es->s_inodes_per_group;
    s->first_data_block = es->s_first_data_block;
    if (es->s_rev_level == EXT2_GOOD_OLD_REV) {
        s->inode_size = EXT2_GOOD_OLD_INODE_SIZE;
        s->first_ino = EXT2_GOOD_OLD_FIRST_INO;
    } else {
        s->inode_size = es->s_inode_size;
        s->first_ino = es->s_first_ino;
    }
    uint32_t bits = s->block_size * 8;
    if (s->inode_size < EXT2_GOOD_OLD_INODE_SIZE || s->inode_size > s->block_size ||
        (s->inode_size & (s->inode_size - 1)))
        bad = "bad inode size";
    else if (s->first_data_block != (s->block_size == 1024 ? 1u : 0u))
        bad = "bad first data block";
    else if (!s->blocks_per_group || s->blocks_per_group > bits || s->blocks_per_group % 8)
        bad = "bad blocks per group";
    else if (!s->inodes_per_group || s->inodes_per_group > bits ||
             s->inodes_per_group % (s->block_size / s->inode_size))
        bad = "bad inodes per group";
    else if (s->blocks_count <= s->first_data_block + 1)
        bad = "bad block count";
    else if ((uint64_t)s->blocks_count << (s->log_block - SECTOR_SHIFT) > bd->nsectors)
        bad = "block count past the end of the device";
    if (bad) {
        ext2_error(sb, 0, "%s", bad);
        return -EINVAL;
    }
    s->groups = (s->blocks_count - s->first_data_block + s->blocks_per_group - 1) / s->blocks_per_group;
    s->itable_blocks = s->inodes_per_group / (s->block_size / s->inode_size);
    s->gdt_blocks = (uint32_t)(((uint64_t)s->groups * sizeof(struct ext2_group_desc) + s->block_size - 1) /
                               s->block_size);
    if ((uint64_t)s->groups * s->inodes_per_group != s->inodes_count)
        bad = "inode count is not groups times inodes per group";
    else if (s->first_ino <= EXT2_ROOT_INO || s->first_ino >= s->inodes_count)
        bad = "bad first inode";
    else if (es->s_r_blocks_count > s->blocks_count)
        bad = "bad reserved block count";
    else if (1 + s->gdt_blocks + es->s_reserved_gdt_blocks >= s->blocks_per_group)
        bad = "descriptor table larger than a group";
    if (bad) {
        ext2_error(sb, 0, "%s", bad);
        return -EINVAL;
    }
    if (es->s_rev_level == EXT2_DYNAMIC_REV) {
        uint32_t incompat = es->s_feature_incompat & ~EXT2_FEATURE_INCOMPAT_SUPP;
        if (incompat) {
            ext2_error(sb, 0, "unsupported incompatible features 0x%x: not mounted", incompat);
            return -EINVAL;
        }
        uint32_t ro = es->s_feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP;
        if (ro && !s->read_only) {
            ext2_error(sb, 0, "unsupported read-only features 0x%x: mounted read-only", ro);
            s->read_only = true;
        }
        s->filetype = es->s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE;
        s->large_file = es->s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
        s->sparse = es->s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER;
    } else {
        es->s_reserved_gdt_blocks = 0;
    }
    /* The largest file: what the block map reaches, within i_blocks'
     * 32 bits of sectors, and 2 GiB without large_file (Linux's
     * ext2_max_size, simplified downwards). */
    uint64_t max = ext2_max_blocks(s->addr_bits) << s->log_block;
    uint64_t sectors_cap = ((1ull << 32) - 1) * SECTOR_SIZE / 2; /* half for indirect blocks: always enough */
    if (max > sectors_cap)
        max = sectors_cap;
    if (!s->large_file && max > 0x7fffffffull)
        max = 0x7fffffffull;
    s->max_bytes = max;
    return 0;
}

/* Reads and checks the group descriptors (Linux's ext2_check_descriptors):
 * each group's bitmaps and inode table lie inside the group, past its
 * superblock copy, and the free counts fit the group. */
static int read_descriptors(struct super_block *sb)
{
    struct ext2_sb_info *s = EXT2_SB(sb);
    s->gd = kzalloc((size_t)s->gdt_blocks * s->block_size);
    if (!s->gd)
        return -ENOMEM;
    for (uint32_t i = 0; i < s->gdt_blocks; i++) {
        struct bdev_buf b;
        if (bdev_read(s->bd, ext2_boff(s, s->first_data_block + 1 + i), s->block_size, &b)) {
            ext2_error(sb, 0, "cannot read group descriptors");
            return -EIO;
        }
        memcpy((char *)s->gd + (size_t)i * s->block_size, b.data, s->block_size);
        bdev_release(&b);
    }
    s->free_blocks = s->free_inodes = s->dirs = 0;
    for (uint32_t g = 0; g < s->groups; g++) {
        struct ext2_group_desc *d = &s->gd[g];
        uint32_t first = group_first(s, g) + group_super_blocks(s, g), last = group_last(s, g);
        uint32_t nblocks = last - group_first(s, g) + 1;
        const char *bad = NULL;
        if (d->bg_block_bitmap < first || d->bg_block_bitmap > last)
            bad = "block bitmap outside its group";
        else if (d->bg_inode_bitmap < first || d->bg_inode_bitmap > last)
            bad = "inode bitmap outside its group";
        else if (d->bg_inode_table < first || d->bg_inode_table > last ||
                 last - d->bg_inode_table + 1 < s->itable_blocks)
            bad = "inode table outside its group";
        else if (d->bg_free_blocks_count > nblocks || d->bg_free_inodes_count > s->inodes_per_group ||
                 d->bg_used_dirs_count > s->inodes_per_group)
            bad = "bad free counts";
        if (bad) {
            ext2_error(sb, 0, "group %u: %s", g, bad);
            return -EUCLEAN;
        }
        s->free_blocks += d->bg_free_blocks_count;
        s->free_inodes += d->bg_free_inodes_count;
        s->dirs += d->bg_used_dirs_count;
    }
    return 0;
}

/* Copies the superblock and the descriptors into the device cache. */
static int write_super(struct super_block *sb, bool valid)
{
    struct ext2_sb_info *s = EXT2_SB(sb);
    sleeplock_acquire(&s->alloc_lock);
    s->es.s_free_blocks_count = s->free_blocks;
    s->es.s_free_inodes_count = s->free_inodes;
    s->es.s_wtime = now_seconds();
    if (valid)
        s->es.s_state |= EXT2_VALID_FS;
    else
        s->es.s_state &= (uint16_t)~EXT2_VALID_FS;
    struct bdev_buf b;
    int err = bdev_read(s->bd, EXT2_SUPERBLOCK_OFFSET, 1024, &b);
    if (!err) {
        memcpy(b.data, &s->es, sizeof s->es);
        bdev_dirty(&b);
        bdev_release(&b);
    }
    for (uint32_t i = 0; !err && i < s->gdt_blocks; i++) {
        err = bdev_read(s->bd, ext2_boff(s, s->first_data_block + 1 + i), s->block_size, &b);
        if (err)
            break;
        memcpy(b.data, (char *)s->gd + (size_t)i * s->block_size, s->block_size);
        bdev_dirty(&b);
        bdev_release(&b);
    }
    s->super_dirty = false;
    sleeplock_release(&s->alloc_lock);
    if (err)
        ext2_error(sb, 0, "cannot write the superblock");
    return err;
}

/* sync_fs: the superblock and descriptors into the device cache
 * (writeback wrote the inodes before, and writes the device cache after). */
static int ext2_sync_fs(struct super_block *sb)
{
    struct ext2_sb_info *s = EXT2_SB(sb);
    /* Nothing allocated or freed since the last time: nothing to write
     * (the flusher asks every few seconds). */
    return s->read_only || !s->super_dirty ? 0 : write_super(sb, false);
}

static void ext2_put_super(struct super_block *sb)
{
    struct ext2_sb_info *s = EXT2_SB(sb);
    if (!s)
        return;
    if (!s->read_only) {
        /* A clean unmount: the state the file system had when mounted
         * (valid, unless it was not valid then: e2fsck is still due). */
        write_super(sb, s->mount_state & EXT2_VALID_FS);
        if (bdev_sync(s->bd, true))
            ext2_error(sb, 0, "write error at unmount");
    }
    s->bd->mounted--;
    kfree(s->gd);
    kfree(s);
    sb->priv = NULL;
}

/* Linux's ext2_statfs: f_blocks leaves out the metadata every group
 * carries (superblock copies, descriptors, bitmaps, inode tables), as
 * "bsddf" (the default) does; f_bavail leaves out the root-reserved ones. */
static void ext2_statfs(struct super_block *sb, struct kstatfs *st)
{
    struct ext2_sb_info *s = EXT2_SB(sb);
    uint64_t overhead = s->first_data_block;
    for (uint32_t g = 0; g < s->groups; g++)
        overhead += group_super_blocks(s, g) + 2 + s->itable_blocks;
    st->type = EXT2_MAGIC_STATFS;
    st->bsize = st->frsize = s->block_size;
    st->blocks = s->blocks_count > overhead ? s->blocks_count - overhead : 0;
    st->bfree = s->free_blocks;
    st->bavail = s->free_blocks > s->es.s_r_blocks_count ? s->free_blocks - s->es.s_r_blocks_count : 0;
    st->files = s->inodes_count;
    st->ffree = s->free_inodes;
    st->namelen = EXT2_NAME_LEN;
}

/* st_dev is the disk's number, st_blksize the block size, st_blocks the
 * on-disk i_blocks (indirect blocks included), as Linux's ext2 shows. */
static void ext2_getattr(const struct inode *inode, struct linux_stat *st)
{
    struct ext2_sb_info *s = EXT2_SB(inode->sb);
    uint32_t major, minor;
    sb_device(inode->sb, &major, &minor);
    st->st_dev = dev_encode(major, minor);
    st->st_blksize = s->block_size;
    st->st_blocks = (int64_t)EXT2_I(inode)->blocks;
}

/* mount -o remount,ro (init does it to "/" at shutdown): everything
 * written, then the superblock marked clean, as an unmount would; and
 * back to read-write (Linux's ext2_remount). */
static int ext2_remount(struct super_block *sb, unsigned long flags)
{
    struct ext2_sb_info *s = EXT2_SB(sb);
    if (flags & MS_RDONLY) {
        list_for_each_entry(i, &sb->inodes, struct inode, sb_link)
            if (i->open_writers > 0 || (i->nlink == 0 && i->refs > 0))
                return -EBUSY; /* a file open for writing, or deleted but open (Linux: the same) */
        int err = writeback_sb(sb);
        if (err)
            return err;
        write_super(sb, s->mount_state & EXT2_VALID_FS);
        err = bdev_sync(s->bd, true);
        s->read_only = true;
        sb->flags |= SB_RDONLY;
        return err;
    }
    if (s->bd->read_only)
        return -EACCES; /* the disk itself refuses writes (Linux: EACCES) */
    if (s->es.s_rev_level == EXT2_DYNAMIC_REV && (s->es.s_feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP)) {
        ext2_error(sb, 0, "unsupported read-only features: cannot remount read-write");
        return -EROFS;
    }
    s->read_only = false;
    sb->flags &= ~(unsigned long)SB_RDONLY;
    s->mount_state = s->es.s_state;
    s->es.s_mnt_count++;
    s->es.s_mtime = now_seconds();
    write_super(sb, false);
    return bdev_sync(s->bd, true);
}

static const struct super_ops ext2_sops = {
    .statfs = ext2_statfs,
    .evict_inode = ext2_evict_inode,
    .put_super = ext2_put_super,
    .readpage = ext2_readpage,
    .writepage = ext2_writepage,
    .page_mkwrite = ext2_page_mkwrite,
    .write_inode = ext2_write_inode,
    .sync_fs = ext2_sync_fs,
    .getattr = ext2_getattr,
    .remount = ext2_remount,
};

/* The mount options ext2 knows: ro/rw (mount(8) usually turns them into
 * MS_RDONLY), and errors=, which is accepted and not acted on beyond
 * logging (errors here always give the program EIO/EUCLEAN). */
static int parse_options(const char *data, bool *ro)
{
    char opt[32];
    const char *p = data;
    int more;
    while ((more = fs_next_option(&p, opt, sizeof opt)) > 0) {
        if (!strcmp(opt, "ro"))
            *ro = true;
        else if (!strcmp(opt, "rw"))
            *ro = false;
        else if (opt[0] && strcmp(opt, "errors=continue") && strcmp(opt, "errors=remount-ro") &&
                 strcmp(opt, "errors=panic") && strcmp(opt, "defaults")) {
            kprintf("ext2: unknown mount option \"%s\"\n", opt);
            return -EINVAL;
        }
    }
    return more;
}

int ext2_mount_bdev(struct block_device *bd, unsigned long flags, const char *data, struct super_block **out)
{
    bool ro = (flags & MS_RDONLY) || bd->read_only;
    int err = parse_options(data, &ro);
    if (err)
        return err;
    if (bd->mounted)
        return -EBUSY; /* one superblock per disk */
    struct super_block *sb = sb_new(fs_find("ext2"), &ext2_sops, EXT2_MAGIC_STATFS);
    struct ext2_sb_info *s = kzalloc(sizeof *s);
    if (!sb || !s) {
        kfree(s);
        if (sb)
            sb_put(sb);
        return -ENOMEM;
    }
    sb->priv = s;
    sb->bdev = bd;
    sb->flags |= SB_KEEP_UNUSED; /* lookups cost a directory scan: the dentry cache keeps names */
    s->bd = bd;
    s->read_only = ro;
    bd->mounted++;
    struct bdev_buf b;
    err = bdev_read(bd, EXT2_SUPERBLOCK_OFFSET, 1024, &b);
    if (err) {
        ext2_error(sb, 0, "cannot read the superblock");
    } else {
        memcpy(&s->es, b.data, sizeof s->es);
        bdev_release(&b);
        err = check_super(sb, bd);
    }
    if (!err)
        err = read_descriptors(sb);
    struct inode *root = NULL;
    if (!err) {
        err = ext2_iget(sb, EXT2_ROOT_INO, &root);
        if (!err && !inode_is_dir(root)) {
            ext2_error(sb, EXT2_ROOT_INO, "the root is not a directory");
            err = -EUCLEAN;
        }
    }
    if (!err) {
        if (s->read_only)
            sb->flags |= SB_RDONLY;
        sb->root = d_alloc_root(sb, root);
        root = NULL;
        if (!sb->root)
            err = -ENOMEM;
    }
    if (err) {
        if (root)
            inode_put(root);
        if (err == -EUCLEAN)
            err = -EINVAL; /* mount(2) says EINVAL for a bad superblock; files get EUCLEAN */
        s->read_only = true; /* put_super writes nothing back */
        sb_put(sb);
        return err;
    }
    if (!s->read_only) {
        if (!(s->es.s_state & EXT2_VALID_FS))
            ext2_error(sb, 0, "mounting an unchecked file system: running e2fsck is recommended");
        s->mount_state = s->es.s_state;
        s->es.s_mnt_count++;
        s->es.s_mtime = now_seconds();
        /* On the disk the state says "not clean" until the unmount. */
        write_super(sb, false);
        bdev_sync(bd, true);
    }
    *out = sb;
    return 0;
}

/* mount(2)'s source: a path to a block-device node (Linux's lookup_bdev:
 * ENOTBLK for anything else, ENXIO when no driver has the device). */
static int ext2_mount(const struct fs_type *t, const char *source, unsigned long flags, const char *data,
                      struct super_block **out)
{
    (void)t;
    struct path p, cwd = namei_cwd();
    int err = namei(&cwd, source, LOOKUP_FOLLOW, &p);
    if (err)
        return err;
    struct inode *node = p.dentry->inode;
    uint32_t rdev = node->rdev;
    bool blk = (node->mode & S_IFMT) == S_IFBLK;
    path_put(&p);
    if (!blk)
        return -ENOTBLK;
    struct block_device *bd = blk_by_rdev(rdev);
    if (!bd)
        return -ENXIO;
    return ext2_mount_bdev(bd, flags, data, out);
}

static struct fs_type ext2_type = {.name = "ext2", .requires_dev = true, .mount = ext2_mount};

void ext2_init(void) { fs_register(&ext2_type); }
