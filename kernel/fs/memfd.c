/* memfd.c - see memfd.h. */
#include "fs/memfd.h"

#include "fs/tmpfs.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/vm.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/memfd.h"

#define F_ALL_SEALS (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_FUTURE_WRITE | F_SEAL_EXEC)
#define PREFIX "memfd:"

/* The internal tmpfs every memfd lives on, made on first use, and its
 * mount: in no mount table, only what memfd paths hold (as pseudo_fs.c's). */
static struct super_block *shm_sb;
static struct mount shm_mnt;

static int shm_init(void)
{
    if (shm_sb)
        return 0;
    struct super_block *sb = tmpfs_new_sb("tmpfs", 01777, 0); /* no size limit, as Linux's kernel mount */
    if (!sb)
        return -ENOMEM;
    shm_mnt = (struct mount){.sb = sb, .root = sb->root, .parent = &shm_mnt, .mountpoint = sb->root, .refs = 1,
                             .source = "tmpfs"};
    list_init(&shm_mnt.link);
    shm_sb = sb;
    return 0;
}

bool inode_is_memfd(const struct inode *inode) { return shm_sb && inode->sb == shm_sb; }

int memfd_new(const char *name, unsigned flags, struct file **out)
{
    int err = shm_init();
    if (err)
        return err;
    /* Executable unless MFD_NOEXEC_SEAL (vm.memfd_noexec is 0). */
    struct inode *inode = tmpfs_new_file(shm_sb, (flags & MFD_NOEXEC_SEAL) ? 0666 : 0777);
    if (!inode)
        return -ENOMEM;
    inode->nlink = 0; /* in no directory */
    if (flags & MFD_NOEXEC_SEAL)
        inode->seals = (inode->seals & ~F_SEAL_SEAL) | F_SEAL_EXEC;
    else if (flags & MFD_ALLOW_SEALING)
        inode->seals &= ~F_SEAL_SEAL;
    char dname[sizeof PREFIX + MFD_NAME_MAX_LEN];
    size_t len = strlen(name);
    memcpy(dname, PREFIX, sizeof PREFIX - 1);
    memcpy(dname + sizeof PREFIX - 1, name, len);
    struct dentry *d = d_alloc(shm_sb->root, dname, sizeof PREFIX - 1 + len);
    if (!d) {
        inode_put(inode);
        return -ENOMEM;
    }
    /* Never on its parent's list: no lookup finds it, and its path shows
     * " (deleted)". The dentry keeps the inode's reference. */
    d->inode = inode;
    struct path p = {mount_get(&shm_mnt), d};
    struct file *f = file_open(&p, O_RDWR | O_LARGEFILE, &err);
    path_put(&p);
    if (!f)
        return err;
    *out = f;
    return 0;
}

/* Could a shared mapping of the file write to it, now or after mprotect
 * (Linux's mapping_writably_mapped: VM_SHARED with VM_MAYWRITE)? */
static bool writably_mapped(struct inode *inode)
{
    list_for_each_entry(v, &inode->mappings, struct vma, file_link)
        if ((v->flags & VMA_SHARED) && (v->flags & VMA_MAYWRITE))
            return true;
    return false;
}

/* Linux's memfd_add_seals, checks in its order. */
static long add_seals(struct file *f, unsigned seals)
{
    struct inode *inode = f->inode;
    if (!file_writable(f))
        return -EPERM;
    if (seals & ~F_ALL_SEALS)
        return -EINVAL;
    if (!inode || !tmpfs_is_file(inode))
        return -EINVAL;
    inode_lock(inode);
    long err = 0;
    if (inode->seals & F_SEAL_SEAL) {
        err = -EPERM;
    } else if ((seals & F_SEAL_WRITE) && !(inode->seals & F_SEAL_WRITE) && writably_mapped(inode)) {
        err = -EBUSY;
    } else {
        /* An executable file sealed against exec changes is sealed
         * against writes too (W^X from then on). */
        if ((seals & F_SEAL_EXEC) && (inode->mode & 0111))
            seals |= F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_FUTURE_WRITE;
        inode->seals |= seals;
    }
    inode_unlock(inode);
    return err;
}

long memfd_fcntl(struct file *f, int cmd, unsigned int arg)
{
    if (cmd == F_ADD_SEALS)
        return add_seals(f, arg);
    return f->inode && tmpfs_is_file(f->inode) ? (long)f->inode->seals : -EINVAL;
}
