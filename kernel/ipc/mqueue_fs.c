/*
 * mqueue_fs.c - the mqueue file system (mqueue.h), as Linux's: one
 * superblock (Linux has one per IPC namespace; Tiny OS has one
 * namespace), made at boot and held by the kernel's internal mount that
 * mq_open and mq_unlink look names up in; `mount -t mqueue` mounts the
 * same superblock again, so queues show there as files. Its root
 * (mode 01777) holds only queues: open(O_CREAT) there makes one with the
 * default attributes, unlink removes one, mkdir and mknod of anything
 * else are refused (EPERM). Every entry is pinned in the dentry cache,
 * the directory's only record (as tmpfs does). A queue's inode keeps the
 * queue in priv; it goes with the inode's last reference, so a queue
 * unlinked while open lives on until its last descriptor closes.
 *
 * Reading a queue's file gives mqueue_show's line; poll reports what
 * mq_send and mq_receive would do; closing a descriptor drops the
 * closer's notification.
 */
#include "ipc/mqueue.h"

#include "fs/dentry.h"
#include "fs/file.h"
#include "fs/inode.h"
#include "fs/mount.h"
#include "fs/namei.h"
#include "fs/permission.h"
#include "fs/super.h"
#include "fs/tmpfs.h"
#include "fs/vfs_ops.h"
#include "lib/string.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define DIRENT_SIZE 20 /* Linux's mqueue counts a directory's size as tmpfs does */
#define FILENT_SIZE 80 /* and shows every queue file this size */

static const struct file_ops queue_fops;
static const struct inode_ops root_iops;

/* The one superblock and the kernel's mount of it (Linux's mq_mnt). */
static struct super_block *mq_sb;
static struct mount mq_mnt;

struct mqueue *mqueue_of_file(struct file *f) { return f->ops == &queue_fops ? f->inode->priv : NULL; }

/* --- the root directory ------------------------------------------------ */

/* Makes queue d in dir (locked by the caller) with attr (NULL: the
 * defaults), owned by the caller (Linux's mqueue_create_attr). */
static int create_queue(struct inode *dir, struct dentry *d, uint32_t mode, const struct mq_attr *attr)
{
    int err;
    struct mqueue *q = mqueue_new(attr, &err);
    if (!q)
        return err;
    struct inode *n = inode_new(dir->sb, S_IFREG | (mode & 07777));
    if (!n) {
        mqueue_free(q);
        return -ENOMEM;
    }
    inode_init_owner(n, dir);
    n->fops = &queue_fops;
    n->size = FILENT_SIZE;
    n->priv = q;
    d_instantiate(d, n);
    d_pin(d);
    dir->size += DIRENT_SIZE;
    inode_touch(dir, ATTR_MTIME | ATTR_CTIME);
    return 0;
}

/* open(O_CREAT) or mknod in a mounted mqueue: only queues live here. */
static int root_create(struct inode *dir, struct dentry *d, uint32_t mode, uint32_t rdev)
{
    (void)rdev;
    if ((mode & S_IFMT) != S_IFREG)
        return -EPERM; /* Linux's mqueue has no mknod */
    return create_queue(dir, d, mode, NULL);
}

static int root_unlink(struct inode *dir, struct dentry *d)
{
    d->inode->nlink--;
    inode_touch(d->inode, ATTR_CTIME);
    dir->size -= DIRENT_SIZE;
    inode_touch(dir, ATTR_MTIME | ATTR_CTIME);
    return 0;
}

static const struct inode_ops root_iops = {.create = root_create, .unlink = root_unlink};

/* --- a queue's file ---------------------------------------------------- */

static long queue_read(struct file *f, uint64_t ubuf, size_t n)
{
    char line[128];
    long len = mqueue_show(f->inode->priv, line, sizeof line);
    if (f->pos >= (uint64_t)len)
        return 0;
    size_t k = (size_t)len - f->pos < n ? (size_t)len - f->pos : n;
    if (copy_to_user(ubuf, line + f->pos, k))
        return -EFAULT;
    f->pos += k;
    inode_touch(f->inode, ATTR_ATIME | ATTR_CTIME);
    return (long)k;
}

static unsigned queue_poll(struct file *f) { return mqueue_poll(f->inode->priv); }

static void queue_flush(struct file *f) { mqueue_flush(f->inode->priv); }

static const struct file_ops queue_fops = {
    .read = queue_read, .lseek = default_llseek, .poll = queue_poll, .flush = queue_flush};

/* --- the superblock ---------------------------------------------------- */

static void mq_statfs(struct super_block *sb, struct kstatfs *st)
{
    (void)sb;
    st->type = MQUEUE_MAGIC;
    st->bsize = st->frsize = 4096;
    st->namelen = NAME_MAX;
}

static void mq_evict(struct inode *inode)
{
    if (inode->priv && inode->fops == &queue_fops)
        mqueue_free(inode->priv);
}

static const struct super_ops mq_sops = {.statfs = mq_statfs, .evict_inode = mq_evict};

/* Every mount shares the one superblock; options are ignored. */
static int mq_mount(const struct fs_type *t, const char *source, unsigned long flags, const char *data,
                    struct super_block **out)
{
    (void)t, (void)source, (void)flags, (void)data;
    if (!mq_sb)
        return -ENOMEM;
    sb_get(mq_sb);
    *out = mq_sb;
    return 0;
}

static struct fs_type mqueue_type = {.name = "mqueue", .mount = mq_mount};

void mqueue_fs_init(void)
{
    fs_register(&mqueue_type);
    struct super_block *sb = sb_new(&mqueue_type, &mq_sops, MQUEUE_MAGIC);
    struct inode *root = sb ? inode_new(sb, S_IFDIR | 01777) : NULL;
    if (!root) {
        if (sb)
            sb_put(sb);
        return; /* mq_open then fails with ENOMEM */
    }
    root->ops = &root_iops;
    root->fops = &tmpfs_dir_fops;
    root->size = 2 * DIRENT_SIZE;
    sb->root = d_alloc_root(sb, root);
    if (!sb->root) {
        sb_put(sb);
        return;
    }
    /* Never in the mount table: only what its files' paths hold. It
     * counts as a mount of the superblock (and takes sb_new's
     * reference), so unmounting the last `mount -t mqueue` never prunes
     * the queues away. */
    sb_activate(sb);
    mq_sb = sb;
    mq_mnt = (struct mount){.sb = sb, .root = sb->root, .parent = &mq_mnt, .mountpoint = sb->root, .refs = 1,
                            .source = "mqueue"};
    list_init(&mq_mnt.link);
}

/* --- mq_open, mq_unlink ------------------------------------------------ */

/* Linux's lookup_one_len and simple_lookup on a queue name: no '/', not
 * "." or "..", at most NAME_MAX bytes. */
static int check_name(const char *name, size_t len)
{
    if (!strcmp(name, ".") || !strcmp(name, "..") || strchr(name, '/'))
        return -EACCES;
    if (len > NAME_MAX)
        return -ENAMETOOLONG;
    return 0;
}

/* The checks on an existing queue (Linux's prepare_open). */
static int may_open_queue(struct inode *inode, int oflag)
{
    if ((oflag & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
        return -EEXIST;
    if ((oflag & O_ACCMODE) == O_ACCMODE)
        return -EINVAL;
    static const int acc[] = {MAY_READ, MAY_WRITE, MAY_READ | MAY_WRITE};
    return inode_permission(inode, acc[oflag & O_ACCMODE]);
}

long mqueue_open(const char *name, int oflag, uint32_t mode, const struct mq_attr *attr)
{
    if (!mq_sb)
        return -ENOMEM;
    struct proc *p = current();
    if (!fd_available(p))
        return -EMFILE; /* Linux takes the descriptor first */
    size_t len = strlen(name);
    int err = check_name(name, len);
    if (err)
        return err;
    struct dentry *root = mq_mnt.root, *d = NULL;
    struct inode *dir = root->inode;
    inode_lock(dir);
    err = namei_child(root, name, len, true, &d);
    if (err == -ENOENT && (oflag & O_CREAT)) {
        err = may_create(dir);
        if (!err && !(d = d_alloc(root, name, len)))
            err = -ENOMEM;
        if (!err && (err = create_queue(dir, d, mode & ~p->umask, attr))) {
            d_put(d);
            d = NULL;
        }
    } else if (!err) {
        err = may_open_queue(d->inode, oflag);
    }
    struct file *f = NULL;
    if (!err) {
        /* The open file keeps O_NONBLOCK and the access mode. */
        f = file_open(&(struct path){&mq_mnt, d}, (uint32_t)oflag & (O_ACCMODE | O_NONBLOCK), &err);
    }
    if (d)
        d_put(d);
    inode_unlock(dir);
    if (!f)
        return err;
    int fd = fd_install(p, -1, f, true); /* close-on-exec, as Linux's mq_open */
    if (fd < 0)
        file_put(f);
    return fd;
}

long mqueue_unlink(const char *name)
{
    if (!mq_sb)
        return -ENOENT;
    int err = check_name(name, strlen(name));
    if (err)
        return err;
    struct path root = {&mq_mnt, mq_mnt.root};
    return vfs_unlink(&root, name, false);
}
