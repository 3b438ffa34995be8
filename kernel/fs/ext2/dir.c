/*
 * dir.c - directories: blocks of variable-length entries (inode, rec_len,
 * name_len, file_type, name), each block tiled exactly by its entries'
 * rec_len. Every entry is checked (layout.c's ext2_check_dirent) before
 * it is used: a bad one is EUCLEAN for the caller and a kernel log line.
 * Blocks are read and changed in the device cache.
 *
 * An htree directory (dir_index) keeps plain entries in its leaf blocks
 * and hides its index in entries that look empty, so reading it as a
 * plain directory is right; a change clears EXT2_INDEX_FL, as Linux's
 * ext2 does, since the index no longer describes the blocks.
 */
#include "fs/dentry.h"
#include "fs/ext2/ext2.h"
#include "fs/file.h"
#include "lib/string.h"
#include "uapi/errno.h"

/* A cursor over a directory's blocks. */
struct dir_pos {
    struct bdev_buf b;
    uint64_t lblock;
    bool held;
};

/* Reads logical block lb of dir into p (releasing what p held). 1 when
 * there is a block, 0 for a hole (logged: directories have none),
 * -errno. */
static int dir_block(struct inode *dir, uint64_t lb, struct dir_pos *p)
{
    struct ext2_sb_info *s = EXT2_SB(dir->sb);
    struct ext2_inode_info *ei = EXT2_I(dir);
    if (p->held) {
        bdev_release(&p->b);
        p->held = false;
    }
    uint32_t blk;
    sleeplock_acquire(&ei->map_lock);
    int err = ext2_bmap(dir, lb, false, &blk);
    sleeplock_release(&ei->map_lock);
    if (err)
        return err;
    if (!blk) {
        ext2_error(dir->sb, dir->ino, "hole at directory block %lu", lb);
        return 0;
    }
    if (bdev_read(s->bd, ext2_boff(s, blk), s->block_size, &p->b))
        return -EIO;
    p->held = true;
    p->lblock = lb;
    return 1;
}

static void dir_done(struct dir_pos *p)
{
    if (p->held)
        bdev_release(&p->b);
    p->held = false;
}

static int check(struct inode *dir, const struct dir_pos *p, uint32_t off)
{
    struct ext2_sb_info *s = EXT2_SB(dir->sb);
    const char *bad = ext2_check_dirent(p->b.data, s->block_size, off, s->inodes_count, s->filetype);
    if (!bad)
        return 0;
    ext2_error(dir->sb, dir->ino, "directory block %lu offset %u: %s", p->lblock, off, bad);
    return -EUCLEAN;
}

static struct ext2_dir_entry *entry_at(const struct dir_pos *p, uint32_t off)
{
    return (struct ext2_dir_entry *)((char *)p->b.data + off);
}

static bool name_is(const struct ext2_dir_entry *de, bool ft, const char *name, size_t len)
{
    return de->inode && ext2_dirent_name_len(de, ft) == len && !memcmp(de->name, name, len);
}

/* Finds name: p holds its block, *off and *prev (the entry before it in
 * the block, or UINT32_MAX) say where. 0, -ENOENT or -errno. */
static int find(struct inode *dir, const char *name, size_t len, struct dir_pos *p, uint32_t *off, uint32_t *prev)
{
    struct ext2_sb_info *s = EXT2_SB(dir->sb);
    uint64_t nblocks = dir->size >> s->log_block;
    for (uint64_t lb = 0; lb < nblocks; lb++) {
        int r = dir_block(dir, lb, p);
        if (r < 0)
            return r;
        if (r == 0)
            continue;
        uint32_t last = UINT32_MAX;
        for (uint32_t o = 0; o < s->block_size;) {
            int err = check(dir, p, o);
            if (err)
                return err;
            struct ext2_dir_entry *de = entry_at(p, o);
            if (name_is(de, s->filetype, name, len)) {
                *off = o;
                *prev = last;
                return 0;
            }
            last = o;
            o += de->rec_len;
        }
    }
    return -ENOENT;
}

int ext2_dir_find(struct inode *dir, const char *name, size_t len, uint32_t *ino)
{
    struct dir_pos p = {0};
    uint32_t off, prev;
    int err = find(dir, name, len, &p, &off, &prev);
    if (!err)
        *ino = entry_at(&p, off)->inode;
    dir_done(&p);
    return err;
}

/* The directory changed: times, and no longer an htree. */
static void dir_changed(struct inode *dir)
{
    EXT2_I(dir)->flags &= ~EXT2_INDEX_FL;
    inode_touch(dir, ATTR_MTIME | ATTR_CTIME);
    ext2_write_inode(dir);
}

static void fill(struct ext2_dir_entry *de, bool ft, const char *name, size_t len, uint32_t ino, uint32_t mode)
{
    de->inode = ino;
    de->name_len = (uint8_t)len;
    de->file_type = ft ? (uint8_t)ext2_type_of_mode(mode) : 0;
    memcpy(de->name, name, len);
}

int ext2_dir_add(struct inode *dir, const char *name, size_t len, uint32_t ino, uint32_t mode)
{
    struct ext2_sb_info *s = EXT2_SB(dir->sb);
    struct ext2_inode_info *ei = EXT2_I(dir);
    if (len > EXT2_NAME_LEN)
        return -ENAMETOOLONG;
    uint32_t need = EXT2_DIR_REC_LEN(len);
    uint64_t nblocks = dir->size >> s->log_block;
    struct dir_pos p = {0};
    /* The last block first: names are mostly added at the end, and it is
     * where room usually is; then the others from the start. */
    for (uint64_t i = 0; i < nblocks; i++) {
        uint64_t lb = i == 0 ? nblocks - 1 : i - 1;
        int r = dir_block(dir, lb, &p);
        if (r < 0) {
            dir_done(&p);
            return r;
        }
        if (r == 0)
            continue;
        for (uint32_t o = 0; o < s->block_size;) {
            int err = check(dir, &p, o);
            if (err) {
                dir_done(&p);
                return err;
            }
            struct ext2_dir_entry *de = entry_at(&p, o);
            uint32_t used = de->inode ? EXT2_DIR_REC_LEN(ext2_dirent_name_len(de, s->filetype)) : 0;
            if (de->rec_len - used >= need) {
                if (used) { /* split: the new entry takes the tail */
                    struct ext2_dir_entry *n = entry_at(&p, o + used);
                    n->rec_len = (uint16_t)(de->rec_len - used);
                    de->rec_len = (uint16_t)used;
                    de = n;
                }
                fill(de, s->filetype, name, len, ino, mode);
                bdev_dirty(&p.b);
                dir_done(&p);
                dir_changed(dir);
                return 0;
            }
            o += de->rec_len;
        }
    }
    dir_done(&p);
    /* No room: a new block at the end, one entry spanning it. */
    uint32_t blk;
    sleeplock_acquire(&ei->map_lock);
    int err = ext2_bmap(dir, nblocks, true, &blk);
    sleeplock_release(&ei->map_lock);
    if (err)
        return err;
    struct bdev_buf b;
    if (bdev_read(s->bd, ext2_boff(s, blk), s->block_size, &b))
        return -EIO;
    struct ext2_dir_entry *de = b.data;
    de->rec_len = (uint16_t)s->block_size;
    fill(de, s->filetype, name, len, ino, mode);
    bdev_dirty(&b);
    bdev_release(&b);
    dir->size += s->block_size;
    dir_changed(dir);
    return 0;
}

int ext2_dir_remove(struct inode *dir, const char *name, size_t len)
{
    struct dir_pos p = {0};
    uint32_t off, prev;
    int err = find(dir, name, len, &p, &off, &prev);
    if (!err) {
        struct ext2_dir_entry *de = entry_at(&p, off);
        if (prev != UINT32_MAX)
            entry_at(&p, prev)->rec_len = (uint16_t)(entry_at(&p, prev)->rec_len + de->rec_len);
        else
            de->inode = 0; /* the first entry of a block stays, unused */
        bdev_dirty(&p.b);
    }
    dir_done(&p);
    if (!err)
        dir_changed(dir);
    return err;
}

int ext2_dir_set(struct inode *dir, const char *name, size_t len, uint32_t ino, uint32_t mode)
{
    struct ext2_sb_info *s = EXT2_SB(dir->sb);
    struct dir_pos p = {0};
    uint32_t off, prev;
    int err = find(dir, name, len, &p, &off, &prev);
    if (!err) {
        struct ext2_dir_entry *de = entry_at(&p, off);
        de->inode = ino;
        if (s->filetype)
            de->file_type = (uint8_t)ext2_type_of_mode(mode);
        bdev_dirty(&p.b);
    }
    dir_done(&p);
    if (!err)
        dir_changed(dir);
    return err;
}

int ext2_dir_init(struct inode *dir, uint32_t parent_ino)
{
    struct ext2_sb_info *s = EXT2_SB(dir->sb);
    struct ext2_inode_info *ei = EXT2_I(dir);
    uint32_t blk;
    sleeplock_acquire(&ei->map_lock);
    int err = ext2_bmap(dir, 0, true, &blk);
    sleeplock_release(&ei->map_lock);
    if (err)
        return err;
    struct bdev_buf b;
    if (bdev_read(s->bd, ext2_boff(s, blk), s->block_size, &b))
        return -EIO;
    struct ext2_dir_entry *dot = b.data;
    dot->rec_len = EXT2_DIR_REC_LEN(1);
    fill(dot, s->filetype, ".", 1, (uint32_t)dir->ino, S_IFDIR);
    struct ext2_dir_entry *dotdot = (struct ext2_dir_entry *)((char *)b.data + dot->rec_len);
    dotdot->rec_len = (uint16_t)(s->block_size - dot->rec_len);
    fill(dotdot, s->filetype, "..", 2, parent_ino, S_IFDIR);
    bdev_dirty(&b);
    bdev_release(&b);
    dir->size = s->block_size;
    return 0;
}

bool ext2_dir_empty(struct inode *dir, struct dentry *d)
{
    (void)d;
    struct ext2_sb_info *s = EXT2_SB(dir->sb);
    uint64_t nblocks = dir->size >> s->log_block;
    struct dir_pos p = {0};
    bool empty = true;
    for (uint64_t lb = 0; lb < nblocks && empty; lb++) {
        int r = dir_block(dir, lb, &p);
        if (r < 0) {
            empty = false; /* cannot tell: not removed */
            break;
        }
        for (uint32_t o = 0; r && o < s->block_size;) {
            if (check(dir, &p, o)) {
                empty = false;
                break;
            }
            struct ext2_dir_entry *de = entry_at(&p, o);
            if (de->inode && !name_is(de, s->filetype, ".", 1) && !name_is(de, s->filetype, "..", 2)) {
                empty = false;
                break;
            }
            o += de->rec_len;
        }
    }
    dir_done(&p);
    return empty;
}

/* --- getdents --------------------------------------------------------- */

/* DT_* of an entry's file type (EXT2_FT_*). */
static unsigned dtype(unsigned ft)
{
    static const unsigned char map[EXT2_FT_MAX] = {0, 8, 4, 2, 6, 1, 12, 10};
    return ft < EXT2_FT_MAX ? map[ft] : 0;
}

/* Positions are byte offsets in the directory, as Linux's ext2 gives
 * them (telldir/seekdir work across calls). */
static int dir_iterate(struct file *f, struct dir_context *ctx)
{
    struct inode *dir = f->inode;
    struct ext2_sb_info *s = EXT2_SB(dir->sb);
    inode_lock(dir);
    struct dir_pos p = {0};
    int err = 0;
    while (f->pos < dir->size) {
        uint64_t lb = f->pos >> s->log_block;
        uint32_t want = (uint32_t)(f->pos & (s->block_size - 1));
        int r = dir_block(dir, lb, &p);
        if (r < 0) {
            err = r;
            break;
        }
        bool stop = false;
        for (uint32_t o = 0; r && o < s->block_size;) {
            if ((err = check(dir, &p, o))) {
                stop = true;
                break;
            }
            struct ext2_dir_entry *de = entry_at(&p, o);
            if (o >= want && de->inode) {
                if (!ctx->emit(ctx, de->name, ext2_dirent_name_len(de, s->filetype), de->inode,
                               s->filetype ? dtype(de->file_type) : 0)) {
                    stop = true;
                    break;
                }
            }
            o += de->rec_len;
            if (o > want)
                f->pos = (lb << s->log_block) + o;
        }
        if (stop)
            break;
        f->pos = (lb + 1) << s->log_block;
    }
    dir_done(&p);
    inode_unlock(dir);
    return err;
}

static long dir_read(struct file *f, uint64_t ubuf, size_t n)
{
    (void)f, (void)ubuf, (void)n;
    return -EISDIR;
}


const struct file_ops ext2_dir_fops = {.read = dir_read, .lseek = default_llseek, .iterate = dir_iterate};
