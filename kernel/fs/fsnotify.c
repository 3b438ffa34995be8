/*
 * fsnotify.c - see fsnotify.h. Marks hang on their inode (a list and the
 * union of their masks, so a look at one word says whether anyone on
 * this inode cares) and on one list of all marks (unmount walks it).
 * Events are delivered in Linux's order: a file's directory's marks
 * first (with the file's name), then the file's own.
 */
#include "fs/fsnotify.h"

#include "fs/dentry.h"
#include "fs/file.h"
#include "fs/inode.h"
#include "fs/path.h"
#include "fs/super.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

/* The bits of an event that name what happened (the rest say how). */
#define EVENT_BITS 0x1000ffffu

unsigned long fsnotify_marks_total;
static struct list_head all_marks = LIST_HEAD_INIT(all_marks);
static uint32_t last_cookie;

void fsnotify_update_mask(struct inode *inode)
{
    uint32_t mask = 0;
    list_for_each_entry(m, &inode->fsnotify_marks, struct fsnotify_mark, link)
        mask |= m->mask;
    inode->fsnotify_mask = mask;
}

int fsnotify_add_mark(struct fsnotify_mark *m, struct inode *inode)
{
    if (inode->sb->flags & SB_PSEUDO)
        return -EINVAL;
    m->inode = inode_get(inode);
    list_add_tail(&m->link, &inode->fsnotify_marks);
    list_add_tail(&m->all, &all_marks);
    inode->fsnotify_mask |= m->mask;
    fsnotify_marks_total++;
    return 0;
}

/* Unlinks m; the caller drops the inode reference. */
static struct inode *detach(struct fsnotify_mark *m)
{
    struct inode *inode = m->inode;
    list_del_init(&m->link);
    list_del_init(&m->all);
    fsnotify_update_mask(inode);
    fsnotify_marks_total--;
    m->inode = NULL;
    return inode;
}

void fsnotify_remove_mark(struct fsnotify_mark *m) { inode_put(detach(m)); }

struct fsnotify_mark *fsnotify_find_mark(struct inode *inode, const void *group)
{
    list_for_each_entry(m, &inode->fsnotify_marks, struct fsnotify_mark, link)
        if (m->group == group)
            return m;
    return NULL;
}

uint32_t fsnotify_cookie(void) { return ++last_cookie; }

/* Hands e to the marks on inode that want it; child: e is about a child
 * of inode (only marks with FS_EVENT_ON_CHILD). A mark's handler may
 * remove that mark, never another. */
static void send(struct inode *inode, const struct fsnotify_event *e, bool child)
{
    uint32_t want = e->mask & EVENT_BITS;
    if (!(inode->fsnotify_mask & want) || (child && !(inode->fsnotify_mask & FS_EVENT_ON_CHILD)))
        return;
    list_for_each_entry_safe(m, &inode->fsnotify_marks, struct fsnotify_mark, link)
        if ((m->mask & want) && (!child || (m->mask & FS_EVENT_ON_CHILD)))
            m->ops->event(m, e);
}

static uint32_t isdir(const struct inode *inode) { return inode_is_dir(inode) ? FS_ISDIR : 0; }

/* An event on inode (named by dentry d, NULL for a file with no name):
 * to its directory's marks with its name, then to its own. */
static void send_parent_and_self(const struct dentry *d, struct inode *inode, uint32_t mask,
                                 const struct dentry *file_dentry)
{
    struct fsnotify_event e = {.mask = mask | isdir(inode), .inode = inode, .dentry = file_dentry};
    if (d && d->parent != d) {
        e.name = d->name;
        e.namelen = d->namelen;
        send(d->parent->inode, &e, true);
        e.name = NULL;
        e.namelen = 0;
    }
    send(inode, &e, false);
}

void __fsnotify_file(struct file *f, uint32_t mask)
{
    if (!f->inode || (f->flags & O_PATH))
        return; /* an O_PATH handle neither reads nor writes (Linux reports nothing for it) */
    send_parent_and_self(f->path.dentry, f->inode, mask, f->path.dentry);
}

void __fsnotify_close(struct file *f)
{
    __fsnotify_file(f, (f->flags & O_ACCMODE) != O_RDONLY ? FS_CLOSE_WRITE : FS_CLOSE_NOWRITE);
}

void __fsnotify_dentry(const struct path *p, struct inode *inode, uint32_t mask)
{
    send_parent_and_self(p ? p->dentry : NULL, inode, mask, NULL);
}

void __fsnotify_change(const struct path *p, struct inode *inode, unsigned ia_valid)
{
    uint32_t mask = 0;
    if (ia_valid & (ATTR_UID | ATTR_GID | ATTR_MODE))
        mask |= FS_ATTRIB;
    if (ia_valid & ATTR_SIZE)
        mask |= FS_MODIFY;
    if ((ia_valid & (ATTR_ATIME | ATTR_MTIME)) == (ATTR_ATIME | ATTR_MTIME))
        mask |= FS_ATTRIB; /* both times: a utimes call */
    else if (ia_valid & ATTR_ATIME)
        mask |= FS_ACCESS;
    else if (ia_valid & ATTR_MTIME)
        mask |= FS_MODIFY;
    if (mask)
        __fsnotify_dentry(p, inode, mask);
}

/* An event on a directory entry: to dir's marks, with the entry's name. */
static void send_name(struct inode *dir, uint32_t mask, struct inode *inode, const char *name, size_t len,
                      uint32_t cookie)
{
    struct fsnotify_event e = {.mask = mask | isdir(inode), .inode = inode, .name = name, .namelen = len,
                               .cookie = cookie};
    send(dir, &e, false);
}

void __fsnotify_name(struct inode *dir, uint32_t mask, const struct dentry *d, uint32_t cookie)
{
    send_name(dir, mask, d->inode, d->name, d->namelen, cookie);
}

void __fsnotify_inode(struct inode *inode, uint32_t mask)
{
    struct fsnotify_event e = {.mask = mask | isdir(inode), .inode = inode};
    send(inode, &e, false);
}

void __fsnotify_move(struct inode *odir, struct inode *ndir, const char *oname, const struct dentry *moved,
                     struct inode *replaced)
{
    struct inode *inode = moved->inode;
    size_t olen = 0;
    while (oname[olen])
        olen++;
    uint32_t cookie = fsnotify_cookie();
    if (odir == ndir)
        send_name(odir, FS_RENAME, inode, oname, olen, 0);
    send_name(odir, FS_MOVED_FROM, inode, oname, olen, cookie);
    send_name(ndir, FS_MOVED_TO, inode, moved->name, moved->namelen, cookie);
    if (replaced)
        __fsnotify_inode(replaced, FS_ATTRIB);
    __fsnotify_inode(inode, FS_MOVE_SELF);
}

/* Removes every mark of inode, telling each backend (IN_IGNORED). */
static void destroy_marks(struct inode *inode)
{
    while (!list_empty(&inode->fsnotify_marks)) {
        struct fsnotify_mark *m = list_entry(inode->fsnotify_marks.next, struct fsnotify_mark, link);
        detach(m);
        m->ops->freed(m);
        inode_put(inode); /* the mark's; the caller still holds one */
    }
}

void __fsnotify_inoderemove(struct inode *inode)
{
    if (inode->nlink || list_empty(&inode->fsnotify_marks))
        return;
    __fsnotify_inode(inode, FS_DELETE_SELF);
    destroy_marks(inode);
}

void __fsnotify_delete(struct inode *dir, const struct dentry *d)
{
    /* Only the caller uses the name now: the file is gone at once, as
     * Linux's d_delete does, before its directory hears. */
    if (d->refs == 1)
        __fsnotify_inoderemove(d->inode);
    __fsnotify_name(dir, FS_DELETE, d, 0);
}

void __fsnotify_unmount(struct super_block *sb)
{
    for (;;) {
        struct inode *inode = NULL;
        list_for_each_entry(m, &all_marks, struct fsnotify_mark, all) {
            if (m->inode->sb == sb) {
                inode = inode_get(m->inode);
                break;
            }
        }
        if (!inode)
            return;
        __fsnotify_inode(inode, FS_UNMOUNT);
        destroy_marks(inode);
        inode_put(inode);
    }
}
