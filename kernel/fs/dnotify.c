/* dnotify.c - see dnotify.h. A watch is an fsnotify mark whose group is
 * the watching open file (one watch per file and directory, as Linux
 * keeps them); Linux's fs/notify/dnotify/dnotify.c is the model. */
#include "fs/dnotify.h"

#include "fs/fasync.h"
#include "fs/fsnotify.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "proc/proc.h"
#include "uapi/errno.h"

struct watch {
    struct fsnotify_mark mark; /* first: a mark is its watch */
    struct file *f;            /* the watching open file (a directory) */
    int fd;                    /* si_fd of the signal */
    unsigned dn_mask;          /* DN_* */
};

/* The layer's events a set of DN_* bits stands for (Linux's convert_arg):
 * a name moved out of or into the directory is a deletion or a creation
 * there; entries' own events come through FS_EVENT_ON_CHILD. */
static uint32_t fs_mask(unsigned dn)
{
    uint32_t m = FS_EVENT_ON_CHILD;
    if (dn & DN_ACCESS)
        m |= FS_ACCESS;
    if (dn & DN_MODIFY)
        m |= FS_MODIFY;
    if (dn & DN_CREATE)
        m |= FS_CREATE | FS_MOVED_TO;
    if (dn & DN_DELETE)
        m |= FS_DELETE | FS_MOVED_FROM;
    if (dn & DN_RENAME)
        m |= FS_RENAME;
    if (dn & DN_ATTRIB)
        m |= FS_ATTRIB;
    return m;
}

static void drop(struct watch *w)
{
    fsnotify_remove_mark(&w->mark);
    kfree(w);
}

static void watch_event(struct fsnotify_mark *m, const struct fsnotify_event *e)
{
    (void)e;
    struct watch *w = (struct watch *)m;
    fasync_signal(w->f, w->fd, POLL_MSG);
    if (!(w->dn_mask & DN_MULTISHOT))
        drop(w); /* a one-shot watch */
}

/* The directory went (removed, or its file system unmounted). */
static void watch_freed(struct fsnotify_mark *m) { kfree((struct watch *)m); }

static const struct fsnotify_ops dnotify_ops = {.event = watch_event, .freed = watch_freed};

long dnotify_fcntl(struct file *f, int fd, unsigned arg)
{
    struct watch *w = f->inode ? (struct watch *)fsnotify_find_mark(f->inode, f) : NULL;
    if ((arg & ~DN_MULTISHOT) == 0) {
        if (w)
            drop(w);
        return 0;
    }
    if (!f->inode || !inode_is_dir(f->inode))
        return -ENOTDIR;
    if (w) {
        w->fd = fd;
        w->dn_mask |= arg; /* Linux adds to a watch of the same file */
        w->mark.mask = fs_mask(w->dn_mask);
        fsnotify_update_mask(f->inode);
    } else {
        w = kmalloc(sizeof *w);
        if (!w)
            return -ENOMEM;
        *w = (struct watch){.f = f, .fd = fd, .dn_mask = arg};
        w->mark.ops = &dnotify_ops;
        w->mark.group = f;
        w->mark.mask = fs_mask(arg);
        int err = fsnotify_add_mark(&w->mark, f->inode);
        if (err) {
            kfree(w);
            return err;
        }
    }
    /* The signal goes to the file's owner: the caller, unless F_SETOWN
     * chose one (Linux's __f_setown without force). */
    if (!f->owner.id) {
        f->owner.type = F_OWNER_PID;
        f->owner.id = current()->tgid;
    }
    return 0;
}

void dnotify_close(struct file *f)
{
    struct fsnotify_mark *m = f->inode ? fsnotify_find_mark(f->inode, f) : NULL;
    if (m)
        drop((struct watch *)m);
}
