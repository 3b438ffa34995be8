/* anon_inode.c - see anon_inode.h. */
#include "fs/anon_inode.h"

#include "fs/pseudo_fs.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

int anon_fd_install(struct inode *ino, const char *name, const struct file_ops *ops, void *priv, uint32_t flags)
{
    pseudo_inode_init(ino, PSEUDO_ANON, 0600); /* Linux's anon_inode_mkinode: S_IRUSR | S_IWUSR, no type */
    ino->anon_name = name;
    struct file *f = file_new(ino, ops, O_RDWR | (flags & O_NONBLOCK));
    if (!f)
        return -ENOMEM;
    f->priv = priv;
    int fd = fd_install(current(), -1, f, (flags & O_CLOEXEC) != 0);
    if (fd < 0) {
        f->ops = NULL; /* the caller still owns priv: no release */
        file_put(f);
    }
    return fd;
}
