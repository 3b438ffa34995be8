/* dnotify.c - see dnotify.h. The watches sit in one list: there are few.
 * Linux's fs/notify/dnotify/dnotify.c is the model. */
#include "fs/dnotify.h"

#include "fs/fasync.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "proc/proc.h"
#include "uapi/errno.h"

struct watch {
    struct watch *next;
    struct file *f;           /* the watching open file (a directory) */
    const struct inode *dir;
    int fd;                   /* si_fd of the signal */
    unsigned mask;            /* DN_* */
};

static struct watch *watches;
int dnotify_watches;

static void drop(struct watch **pp)
{
    struct watch *w = *pp;
    *pp = w->next;
    kfree(w);
    dnotify_watches--;
}

long dnotify_fcntl(struct file *f, int fd, unsigned arg)
{
    struct watch **pp = &watches;
    while (*pp && (*pp)->f != f)
        pp = &(*pp)->next;
    if ((arg & ~DN_MULTISHOT) == 0) {
        if (*pp)
            drop(pp);
        return 0;
    }
    if (!f->inode || !inode_is_dir(f->inode))
        return -ENOTDIR;
    if (*pp) {
        (*pp)->fd = fd;
        (*pp)->mask |= arg; /* Linux adds to a watch of the same file */
    } else {
        struct watch *w = kmalloc(sizeof *w);
        if (!w)
            return -ENOMEM;
        *w = (struct watch){watches, f, f->inode, fd, arg};
        watches = w;
        dnotify_watches++;
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
    for (struct watch **pp = &watches; *pp;) {
        if ((*pp)->f == f)
            drop(pp);
        else
            pp = &(*pp)->next;
    }
}

/* Signals the watches of dir that ask for any of events. */
static void notify(const struct inode *dir, unsigned events)
{
    for (struct watch **pp = &watches; *pp;) {
        struct watch *w = *pp;
        if (w->dir != dir || !(w->mask & events)) {
            pp = &w->next;
            continue;
        }
        fasync_signal(w->f, w->fd, POLL_MSG);
        if (w->mask & DN_MULTISHOT)
            pp = &w->next;
        else
            drop(pp); /* a one-shot watch */
    }
}

void dnotify_entry_event(const struct dentry *d, unsigned events)
{
    if (d->parent != d)
        notify(d->parent->inode, events);
    if (d->inode && inode_is_dir(d->inode))
        notify(d->inode, events);
}

void dnotify_dir_event(const struct inode *dir, unsigned events) { notify(dir, events); }
