/*
 * namei.c - the directory operations of ext2 (inode.h's inode_ops),
 * called with the directory's inode lock held: lookup, create, mkdir,
 * symlink (fast: the text in i_block when it fits, as Linux does for
 * targets under 60 bytes; slow: in a data block), link, unlink, rmdir,
 * rename, and readlink. Link counts follow Linux's ext2: a directory has
 * 2 + its subdirectories; EMLINK past EXT2_LINK_MAX.
 */
#include "fs/dentry.h"
#include "fs/ext2/ext2.h"
#include "lib/string.h"
#include "uapi/errno.h"

static bool read_only(const struct inode *dir) { return EXT2_SB(dir->sb)->read_only; }

static int ext2_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    uint32_t ino;
    if (len > EXT2_NAME_LEN)
        return -ENAMETOOLONG;
    int err = ext2_dir_find(dir, name, len, &ino);
    if (err)
        return err;
    return ext2_iget(dir->sb, ino, out);
}

/* A new inode made under dir gets its entry d; on failure the inode goes
 * (nlink 0: evict frees it on the disk). */
static int add_new(struct inode *dir, struct dentry *d, struct inode *n)
{
    int err = ext2_dir_add(dir, d->name, d->namelen, (uint32_t)n->ino, n->mode);
    if (err) {
        n->nlink = 0;
        inode_put(n);
        return err;
    }
    ext2_write_inode(n);
    d_instantiate(d, n);
    return 0;
}

static int ext2_create(struct inode *dir, struct dentry *d, uint32_t mode, uint32_t rdev)
{
    if (read_only(dir))
        return -EROFS;
    struct inode *n;
    int err = ext2_new_inode(dir, mode, rdev, &n);
    return err ? err : add_new(dir, d, n);
}

static int ext2_mkdir(struct inode *dir, struct dentry *d, uint32_t mode)
{
    if (read_only(dir))
        return -EROFS;
    if (dir->nlink >= EXT2_LINK_MAX)
        return -EMLINK;
    struct inode *n;
    int err = ext2_new_inode(dir, S_IFDIR | (mode & 07777), 0, &n);
    if (err)
        return err;
    err = ext2_dir_init(n, (uint32_t)dir->ino);
    if (err) {
        n->nlink = 0;
        inode_put(n);
        return err;
    }
    err = add_new(dir, d, n);
    if (!err) {
        dir->nlink++; /* the new directory's ".." */
        ext2_write_inode(dir);
    }
    return err;
}

static int ext2_symlink(struct inode *dir, struct dentry *d, const char *target)
{
    if (read_only(dir))
        return -EROFS;
    struct ext2_sb_info *s = EXT2_SB(dir->sb);
    size_t len = strlen(target);
    if (len + 1 > s->block_size)
        return -ENAMETOOLONG;
    struct inode *n;
    int err = ext2_new_inode(dir, S_IFLNK | 0777, 0, &n);
    if (err)
        return err;
    struct ext2_inode_info *ei = EXT2_I(n);
    if (len < sizeof ei->block) {
        memcpy(ei->block, target, len); /* fast: no block at all */
    } else {
        uint32_t blk;
        sleeplock_acquire(&ei->map_lock);
        err = ext2_bmap(n, 0, true, &blk);
        sleeplock_release(&ei->map_lock);
        struct bdev_buf b;
        if (!err && bdev_read(s->bd, ext2_boff(s, blk), s->block_size, &b))
            err = -EIO;
        if (err) {
            n->nlink = 0;
            inode_put(n);
            return err;
        }
        memcpy(b.data, target, len);
        bdev_dirty(&b);
        bdev_release(&b);
    }
    n->size = len;
    return add_new(dir, d, n);
}

static long ext2_readlink(struct inode *link, char *buf, size_t size)
{
    struct ext2_sb_info *s = EXT2_SB(link->sb);
    struct ext2_inode_info *ei = EXT2_I(link);
    size_t n = link->size < size ? link->size : size;
    uint64_t acl = ei->file_acl ? s->block_size >> 9 : 0;
    if (ei->blocks <= acl) { /* fast (iget checked the size fits) */
        memcpy(buf, ei->block, n);
        return (long)n;
    }
    uint32_t blk;
    sleeplock_acquire(&ei->map_lock);
    int err = ext2_bmap(link, 0, false, &blk);
    sleeplock_release(&ei->map_lock);
    if (err)
        return err;
    if (!blk) {
        ext2_error(link->sb, link->ino, "symlink without its block");
        return -EUCLEAN;
    }
    struct bdev_buf b;
    if (bdev_read(s->bd, ext2_boff(s, blk), s->block_size, &b))
        return -EIO;
    memcpy(buf, b.data, n);
    bdev_release(&b);
    return (long)n;
}

static int ext2_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
    if (read_only(dir))
        return -EROFS;
    struct inode *n = old->inode;
    if (n->nlink >= EXT2_LINK_MAX)
        return -EMLINK;
    int err = ext2_dir_add(dir, d->name, d->namelen, (uint32_t)n->ino, n->mode);
    if (err)
        return err;
    n->nlink++;
    inode_touch(n, ATTR_CTIME);
    ext2_write_inode(n);
    d_instantiate(d, inode_get(n));
    return 0;
}

static int ext2_unlink(struct inode *dir, struct dentry *d)
{
    if (read_only(dir))
        return -EROFS;
    struct inode *n = d->inode;
    int err = ext2_dir_remove(dir, d->name, d->namelen);
    if (err)
        return err;
    if (n->nlink)
        n->nlink--;
    inode_touch(n, ATTR_CTIME);
    ext2_write_inode(n);
    return 0;
}

static int ext2_rmdir(struct inode *dir, struct dentry *d)
{
    if (read_only(dir))
        return -EROFS;
    struct inode *n = d->inode;
    int err = ext2_dir_remove(dir, d->name, d->namelen);
    if (err)
        return err;
    n->nlink = 0;
    n->size = 0;
    inode_touch(n, ATTR_CTIME);
    if (dir->nlink > 2)
        dir->nlink--;
    ext2_write_inode(n);
    ext2_write_inode(dir);
    return 0;
}

/* Linux's ext2_rename: the new name is written before the old one goes,
 * so a crash between leaves two names, which e2fsck mends, never none. */
static int ext2_rename(struct inode *odir, struct dentry *od, struct inode *ndir, struct dentry *nd, unsigned flags)
{
    if (read_only(odir))
        return -EROFS;
    if (flags & ~RENAME_NOREPLACE)
        return -EINVAL; /* ext2 has no RENAME_EXCHANGE or WHITEOUT (Linux neither) */
    struct inode *src = od->inode, *dst = nd->inode;
    bool is_dir = inode_is_dir(src);
    int err;
    if (dst) {
        err = ext2_dir_set(ndir, nd->name, nd->namelen, (uint32_t)src->ino, src->mode);
        if (err)
            return err;
        if (inode_is_dir(dst)) {
            dst->nlink = 0;
            if (ndir->nlink > 2)
                ndir->nlink--; /* the replaced directory's ".." */
        } else if (dst->nlink) {
            dst->nlink--;
        }
        inode_touch(dst, ATTR_CTIME);
        ext2_write_inode(dst);
    } else {
        if (is_dir && ndir != odir && ndir->nlink >= EXT2_LINK_MAX)
            return -EMLINK;
        err = ext2_dir_add(ndir, nd->name, nd->namelen, (uint32_t)src->ino, src->mode);
        if (err)
            return err;
    }
    err = ext2_dir_remove(odir, od->name, od->namelen);
    if (err)
        return err;
    if (is_dir && odir != ndir) {
        err = ext2_dir_set(src, "..", 2, (uint32_t)ndir->ino, S_IFDIR);
        if (odir->nlink > 2)
            odir->nlink--;
        ndir->nlink++;
    }
    inode_touch(src, ATTR_CTIME);
    ext2_write_inode(src);
    ext2_write_inode(odir);
    if (ndir != odir)
        ext2_write_inode(ndir);
    return err;
}

const struct inode_ops ext2_dir_iops = {
    .lookup = ext2_lookup, .create = ext2_create, .mkdir = ext2_mkdir, .symlink = ext2_symlink,
    .link = ext2_link, .unlink = ext2_unlink, .rmdir = ext2_rmdir, .rename = ext2_rename,
    .empty = ext2_dir_empty, .setattr = ext2_setattr};
const struct inode_ops ext2_symlink_iops = {.readlink = ext2_readlink, .setattr = ext2_setattr};
const struct inode_ops ext2_special_iops = {.setattr = ext2_setattr};
