/* tmpfs.c - see tmpfs.h. */
#include "fs/tmpfs.h"

#include "block/blkdev_file.h"
#include "fs/chrdev.h"
#include "fs/dentry.h"
#include "fs/file.h"
#include "fs/filemap.h"
#include "fs/inode.h"
#include "fs/mount.h"
#include "fs/permission.h"
#include "fs/pipe.h"
#include "fs/simple_xattr.h"
#include "fs/super.h"
#include "fs/xattr.h"
#include "lib/format.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "proc/cred.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/xattr.h"

#define TMPFS_MAGIC 0x01021994
/* Linux's tmpfs counts 20 bytes of size per directory entry (BOGO_DIRENT_SIZE). */
#define DIRENT_SIZE 20

static const struct inode_ops dir_iops, file_iops;
static const struct file_ops file_fops;

/* Sockets bound to a path are files nobody can open. */
static int socket_open(struct file *f)
{
    (void)f;
    return -ENXIO; /* open(2): "ENXIO ... the file is a UNIX domain socket" */
}
static const struct file_ops socket_fops = {.open = socket_open};

/* A new inode of type mode (with rdev for devices) in dir (NULL for the
 * root), owned by the caller (permission.h's inode_init_owner). */
static struct inode *new_inode(struct super_block *sb, const struct inode *dir, uint32_t mode, uint32_t rdev)
{
    struct inode *n = inode_new(sb, mode);
    if (!n)
        return NULL;
    inode_init_owner(n, dir);
    switch (mode & S_IFMT) {
    case S_IFDIR:
        n->ops = &dir_iops;
        n->fops = &tmpfs_dir_fops;
        n->size = 2 * DIRENT_SIZE;
        break;
    case S_IFREG:
        n->ops = &file_iops;
        n->fops = &file_fops;
        n->seals = F_SEAL_SEAL; /* sealable, but only a memfd made so may be sealed (Linux's shmem) */
        break;
    case S_IFLNK: n->ops = &file_iops; break;
    case S_IFCHR:
        n->ops = &file_iops;
        n->fops = &chrdev_fops;
        n->rdev = rdev;
        break;
    case S_IFBLK:
        n->ops = &file_iops;
        n->fops = &blkdev_fops;
        n->rdev = rdev;
        break;
    case S_IFIFO:
        n->ops = &file_iops;
        n->fops = &fifo_fops;
        break;
    case S_IFSOCK:
        n->ops = &file_iops;
        n->fops = &socket_fops;
        break;
    }
    return n;
}

/* Puts the new inode under d in dir: the entry is pinned in the dentry
 * cache, which is the directory's only record of it. */
static void add_entry(struct inode *dir, struct dentry *d, struct inode *inode)
{
    d_instantiate(d, inode);
    d_pin(d);
    dir->size += DIRENT_SIZE;
    inode_touch(dir, ATTR_MTIME | ATTR_CTIME);
}

static int tmpfs_create(struct inode *dir, struct dentry *d, uint32_t mode, uint32_t rdev)
{
    struct inode *n = new_inode(dir->sb, dir, mode, rdev);
    if (!n)
        return -ENOSPC;
    add_entry(dir, d, n);
    return 0;
}

static int tmpfs_mkdir(struct inode *dir, struct dentry *d, uint32_t mode)
{
    struct inode *n = new_inode(dir->sb, dir, S_IFDIR | (mode & 07777), 0);
    if (!n)
        return -ENOSPC;
    add_entry(dir, d, n);
    dir->nlink++;
    return 0;
}

static int tmpfs_symlink(struct inode *dir, struct dentry *d, const char *target)
{
    size_t len = strlen(target);
    char *copy = kmalloc(len + 1);
    struct inode *n = copy ? new_inode(dir->sb, dir, S_IFLNK | 0777, 0) : NULL;
    if (!n) {
        kfree(copy);
        return -ENOSPC;
    }
    memcpy(copy, target, len + 1);
    n->link = copy;
    n->size = len;
    add_entry(dir, d, n);
    return 0;
}

static int tmpfs_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
    struct inode *n = old->inode;
    n->nlink++;
    inode_touch(n, ATTR_CTIME);
    add_entry(dir, d, inode_get(n));
    return 0;
}

/* The entry d leaves dir (the caller unlists the dentry). */
static void drop_entry(struct inode *dir, struct dentry *d)
{
    struct inode *n = d->inode;
    if (inode_is_dir(n)) {
        n->nlink = 0;
        dir->nlink--;
    } else {
        n->nlink--;
    }
    dir->size -= DIRENT_SIZE;
    inode_touch(n, ATTR_CTIME);
    inode_touch(dir, ATTR_MTIME | ATTR_CTIME);
}

static int tmpfs_unlink(struct inode *dir, struct dentry *d)
{
    drop_entry(dir, d);
    return 0;
}

static int tmpfs_rename(struct inode *odir, struct dentry *od, struct inode *ndir, struct dentry *nd, unsigned flags)
{
    struct inode *src = od->inode, *dst = nd->inode;
    if (flags & RENAME_EXCHANGE) {
        /* Each directory keeps its entry count; a directory moving to
         * another parent takes its ".." link along. */
        if (odir != ndir && inode_is_dir(src) != inode_is_dir(dst)) {
            int delta = inode_is_dir(src) ? 1 : -1;
            odir->nlink -= delta;
            ndir->nlink += delta;
        }
        inode_touch(dst, ATTR_CTIME);
    } else {
        if (dst)
            drop_entry(ndir, nd);
        odir->size -= DIRENT_SIZE;
        ndir->size += DIRENT_SIZE;
        if (inode_is_dir(src) && odir != ndir) {
            odir->nlink--;
            ndir->nlink++;
        }
    }
    inode_touch(src, ATTR_CTIME);
    inode_touch(odir, ATTR_MTIME | ATTR_CTIME);
    inode_touch(ndir, ATTR_MTIME | ATTR_CTIME);
    return 0;
}

/* --- extended attributes: in memory, counted against size= ------------ */

static long xattr_get(const struct xattr_handler *h, struct inode *inode, const char *name, void *buf, size_t size)
{
    (void)h;
    return simple_xattr_get(&inode->xattrs, name, buf, size);
}

static int xattr_set(const struct xattr_handler *h, struct inode *inode, const char *name, const void *value,
                     size_t size, int flags)
{
    (void)h;
    struct super_block *sb = inode->sb;
    long room = -1, delta;
    if (sb->pages_max) {
        /* Whatever the data pages leave of the limit (Linux's tmpfs
         * charges its inode space instead; both stop at ENOSPC). */
        uint64_t limit = sb->pages_max * 4096, used = sb->pages_used * 4096 + sb->xattr_bytes;
        room = used < limit ? (long)(limit - used) : 0;
    }
    int err = simple_xattr_set(&inode->xattrs, name, value, size, flags, room, &delta);
    if (!err) {
        sb->xattr_bytes += (uint64_t)delta;
        inode_touch(inode, ATTR_CTIME);
    }
    return err;
}

static long tmpfs_listxattr(struct inode *inode, char *buf, size_t size)
{
    return simple_xattr_list(&inode->xattrs, buf, size, capable(CAP_SYS_ADMIN));
}

/* Linux's tmpfs keeps these three namespaces (user. since 6.6). */
static const struct xattr_handler user_xattr = {XATTR_USER_PREFIX, xattr_get, xattr_set};
static const struct xattr_handler trusted_xattr = {XATTR_TRUSTED_PREFIX, xattr_get, xattr_set};
static const struct xattr_handler security_xattr = {XATTR_SECURITY_PREFIX, xattr_get, xattr_set};
static const struct xattr_handler *const tmpfs_xattr_handlers[] = {&user_xattr, &trusted_xattr, &security_xattr,
                                                                    NULL};

static const struct inode_ops dir_iops = {
    .create = tmpfs_create, .mkdir = tmpfs_mkdir, .symlink = tmpfs_symlink, .link = tmpfs_link,
    .unlink = tmpfs_unlink, .rmdir = tmpfs_unlink, .rename = tmpfs_rename, .listxattr = tmpfs_listxattr};
/* Linux's shmem_setattr: a sealed file's size may not shrink or grow,
 * nor its exec bits change. */
static int file_setattr(struct inode *inode, const struct iattr *a)
{
    if ((a->valid & ATTR_SIZE) && ((a->size < inode->size && (inode->seals & F_SEAL_SHRINK)) ||
                                   (a->size > inode->size && (inode->seals & F_SEAL_GROW))))
        return -EPERM;
    if ((a->valid & ATTR_MODE) && (inode->seals & F_SEAL_EXEC) && ((inode->mode ^ a->mode) & 0111))
        return -EPERM;
    return inode_setattr(inode, a);
}

static const struct inode_ops file_iops = {.setattr = file_setattr, .listxattr = tmpfs_listxattr};

static const struct file_ops file_fops = {
    .read = filemap_read, .write = filemap_write, .lseek = filemap_lseek, .mmap = filemap_mmap,
    .splice_read = filemap_splice_read, .splice_write = filemap_splice_write};

static long dir_read(struct file *f, uint64_t ubuf, size_t n)
{
    (void)f, (void)ubuf, (void)n;
    return -EISDIR;
}

/* Directory positions: 0 ".", 1 "..", then the n-th cached entry at n + 2. */
static long dir_lseek(struct file *f, int64_t off, int whence)
{
    if (whence == SEEK_CUR)
        off += (int64_t)f->pos;
    else if (whence != SEEK_SET)
        return -EINVAL;
    if (off < 0)
        return -EINVAL;
    f->pos = (uint64_t)off;
    return off;
}

static unsigned dtype(uint32_t mode) { return (mode & S_IFMT) >> 12; /* DT_* are the S_IF* bits shifted */ }

static int dir_iterate(struct file *f, struct dir_context *ctx)
{
    struct dentry *dir = f->path.dentry;
    if (f->pos == 0) {
        if (!ctx->emit(ctx, ".", 1, dir->inode->ino, dtype(S_IFDIR)))
            return 0;
        f->pos = 1;
    }
    if (f->pos == 1) {
        if (!ctx->emit(ctx, "..", 2, dir->parent->inode->ino, dtype(S_IFDIR)))
            return 0;
        f->pos = 2;
    }
    for (;;) {
        struct dentry *c = d_nth_child(dir, f->pos - 2);
        if (!c)
            return 0;
        bool taken = ctx->emit(ctx, c->name, c->namelen, c->inode->ino, dtype(c->inode->mode));
        d_put(c);
        if (!taken)
            return 0;
        f->pos++;
    }
}

const struct file_ops tmpfs_dir_fops = {.read = dir_read, .lseek = dir_lseek, .iterate = dir_iterate};

struct inode *tmpfs_new_file(struct super_block *sb, uint32_t perm)
{
    return new_inode(sb, NULL, S_IFREG | (perm & 07777), 0);
}

int tmpfs_tmpfile(struct inode *dir, uint32_t perm, struct inode **out)
{
    if (dir->ops != &dir_iops)
        return -EOPNOTSUPP;
    struct inode *n = new_inode(dir->sb, dir, S_IFREG | (perm & 07777), 0);
    if (!n)
        return -ENOMEM;
    n->nlink = 0;
    *out = n;
    return 0;
}

bool tmpfs_is_file(const struct inode *inode) { return inode->fops == &file_fops; }

/* --- superblocks ------------------------------------------------------ */

static void tmpfs_statfs(struct super_block *sb, struct kstatfs *st)
{
    st->type = TMPFS_MAGIC;
    st->bsize = st->frsize = 4096;
    st->namelen = 255;
    uint64_t free = pmm_free_frames();
    if (sb->pages_max) {
        st->blocks = sb->pages_max;
        uint64_t used = sb_pages_charged(sb);
        uint64_t left = sb->pages_max > used ? sb->pages_max - used : 0;
        st->bfree = st->bavail = left < free ? left : free;
    } else {
        st->blocks = pmm_total_frames();
        st->bfree = st->bavail = free;
    }
    st->files = pmm_total_frames() / 2; /* tmpfs's default inode limit: half the pages */
    st->ffree = st->bfree / 2;
}

static long tmpfs_show_options(struct super_block *sb, char *buf, size_t size)
{
    size_t n = 0;
    if (sb->pages_max)
        n += (size_t)ksnprintf(buf, size, ",size=%luk", sb->pages_max * 4);
    /* The root's mode when it is not the default (rootfs's is 0755, as
     * Linux's ramfs; devtmpfs's shows, as on Linux). */
    uint32_t mode = sb->root->inode->mode & 07777;
    if (mode != (strcmp(sb->type->name, "rootfs") ? 01777u : 0755u) && n < size)
        n += (size_t)ksnprintf(buf + n, size - n, ",mode=%o", mode);
    return (long)(n < size ? n : size);
}

/* The inode's extended attributes go with it. */
static void tmpfs_evict_inode(struct inode *inode) { inode->sb->xattr_bytes -= simple_xattrs_free(&inode->xattrs); }

static const struct super_ops tmpfs_sops = {
    .statfs = tmpfs_statfs, .evict_inode = tmpfs_evict_inode, .show_options = tmpfs_show_options};

struct super_block *tmpfs_new_sb(const char *type_name, unsigned root_mode, unsigned long pages_max)
{
    struct super_block *sb = sb_new(fs_find(type_name), &tmpfs_sops, TMPFS_MAGIC);
    if (!sb)
        return NULL;
    sb->pages_max = pages_max;
    sb->xattr = tmpfs_xattr_handlers;
    sb->flags |= SB_EXPORT; /* inode numbers only grow (inode_new) */
    struct inode *root = new_inode(sb, NULL, S_IFDIR | (root_mode & 07777), 0);
    sb->root = root ? d_alloc_root(sb, root) : NULL;
    if (!sb->root) {
        sb_put(sb);
        return NULL;
    }
    return sb;
}

/* Parses a number with an optional k/m/g suffix (size=), or a percentage
 * of RAM with %, into bytes. */
static bool parse_size(const char *s, uint64_t *bytes)
{
    uint64_t v = 0;
    if (*s < '0' || *s > '9')
        return false;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (uint64_t)(*s++ - '0');
    switch (*s) {
    case 'k': case 'K': v <<= 10, s++; break;
    case 'm': case 'M': v <<= 20, s++; break;
    case 'g': case 'G': v <<= 30, s++; break;
    case '%': v = pmm_total_frames() * 4096 / 100 * v, s++; break;
    }
    *bytes = v;
    return *s == '\0';
}

static bool parse_octal(const char *s, unsigned *out)
{
    unsigned v = 0;
    if (!*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '7')
            return false;
        v = v * 8 + (unsigned)(*s - '0');
    }
    *out = v & 07777;
    return true;
}

static int tmpfs_mount(const struct fs_type *t, const char *source, unsigned long flags, const char *data,
                       struct super_block **out)
{
    (void)source, (void)flags;
    bool root_fs = !strcmp(t->name, "rootfs");
    unsigned mode = root_fs ? 0755 : 01777;
    uint64_t bytes = root_fs ? 0 : pmm_total_frames() * 4096 / 2; /* Linux: half of RAM */
    /* Options: "size=...,mode=..." (unknown ones are refused, as tmpfs does). */
    char opt[64];
    const char *p = data;
    int more;
    while ((more = fs_next_option(&p, opt, sizeof opt)) > 0) {
        if (!strncmp(opt, "size=", 5)) {
            if (!parse_size(opt + 5, &bytes))
                return -EINVAL;
        } else if (!strncmp(opt, "mode=", 5)) {
            if (!parse_octal(opt + 5, &mode))
                return -EINVAL;
        } else if (strncmp(opt, "uid=", 4) && strncmp(opt, "gid=", 4) && strncmp(opt, "nr_inodes=", 10) &&
                   strcmp(opt, "rw") && strcmp(opt, "ro") && opt[0]) {
            return -EINVAL;
        }
    }
    if (more < 0)
        return more;
    struct super_block *sb = tmpfs_new_sb(t->name, mode, (bytes + 4095) / 4096);
    if (!sb)
        return -ENOMEM;
    *out = sb;
    return 0;
}

/* The kernel's own instance (Linux's shm_mnt), made on first use: never
 * in the mount table, only what its files' paths hold. */
static struct mount kernel_mnt;

struct file *tmpfs_file_setup(const char *name, uint64_t size)
{
    if (!kernel_mnt.sb) {
        struct super_block *sb = tmpfs_new_sb("tmpfs", 01777, 0);
        if (!sb)
            return NULL;
        kernel_mnt = (struct mount){.sb = sb, .root = sb->root, .parent = &kernel_mnt, .mountpoint = sb->root,
                                    .refs = 1, .source = "tmpfs"};
        list_init(&kernel_mnt.link);
    }
    struct inode *inode = new_inode(kernel_mnt.sb, NULL, S_IFREG | 0777, 0);
    if (!inode)
        return NULL;
    inode->nlink = 0;
    inode->size = size;
    /* Never put on the root's list (no d_instantiate): no name finds the
     * file, and its path reads " (deleted)", as Linux's d_alloc_pseudo. */
    struct dentry *d = d_alloc(kernel_mnt.root, name, strlen(name));
    if (!d) {
        inode_put(inode);
        return NULL;
    }
    d->inode = inode;
    int err;
    struct file *f = file_open(&(struct path){&kernel_mnt, d}, O_RDWR, &err);
    d_put(d); /* the file holds the path now (or, on failure, nothing does) */
    return f;
}

static struct fs_type tmpfs_type = {.name = "tmpfs", .mount = tmpfs_mount};
static struct fs_type rootfs_type = {.name = "rootfs", .mount = tmpfs_mount};

void tmpfs_init(void)
{
    fs_register(&tmpfs_type);
    fs_register(&rootfs_type);
}
