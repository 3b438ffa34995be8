/* anon_inode.c - see anon_inode.h. */
#include "fs/anon_inode.h"

#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

static uint64_t next_anon_ino = 1u << 29; /* apart from pipes' numbers (pipe.c) */

int anon_fd_install(struct inode *ino, const char *name, const struct file_ops *ops, void *priv, uint32_t flags)
{
    ino->mode = 0600; /* Linux's anon_inode_mkinode: S_IRUSR | S_IWUSR, no type */
    ino->nlink = 1;
    ino->ino = next_anon_ino++;
    ino->name = (char *)name; /* never freed: the inode is not counted */
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
