/* lock.c - see lock.h. All locks of all files sit in one list: there are
 * few, and a file's inode needs no field for them. */
#include "fs/lock.h"

#include "lib/string.h"
#include "mm/kmalloc.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define END_MAX INT64_MAX /* a lock "to the end of the file", however it grows */

enum lock_kind { KIND_FLOCK, KIND_POSIX, KIND_OFD };

struct file_lock {
    struct file_lock *next;
    const struct inode *ino;
    enum lock_kind kind;
    const void *owner; /* the process leader (POSIX) or the open file (flock, OFD) */
    int pid;           /* F_GETLK's l_pid: the owner process (-1 for OFD locks) */
    short type;        /* F_RDLCK or F_WRLCK */
    int64_t start, end; /* bytes start..end, inclusive */
};

static struct file_lock *locks;
static int nlocks; /* lock_close and lock_release skip their work while there are none */

static bool conflicts(const struct file_lock *a, const struct file_lock *b)
{
    if (a->ino != b->ino || a->owner == b->owner)
        return false;
    if ((a->kind == KIND_FLOCK) != (b->kind == KIND_FLOCK))
        return false; /* flock and record locks are independent */
    if (a->type != F_WRLCK && b->type != F_WRLCK)
        return false;
    return a->start <= b->end && b->start <= a->end;
}

static struct file_lock *first_conflict(const struct file_lock *want)
{
    for (struct file_lock *l = locks; l; l = l->next)
        if (conflicts(l, want))
            return l;
    return NULL;
}

static bool same_owner(const struct file_lock *a, const struct file_lock *b)
{
    return a->ino == b->ino && a->owner == b->owner && a->kind == b->kind;
}

/* Puts l where Linux keeps it in the inode's list (posix_lock_inode):
 * with the other locks of its owner, a new owner's at the end, in order
 * of start. F_GETLK reports the first conflicting lock in this order. */
static void insert(struct file_lock *l)
{
    struct file_lock **pp = &locks;
    while (*pp && !same_owner(*pp, l))
        pp = &(*pp)->next;
    while (*pp && same_owner(*pp, l) && (*pp)->start < l->start)
        pp = &(*pp)->next;
    l->next = *pp;
    *pp = l;
}

static struct file_lock *add(const struct file_lock *model, int64_t start, int64_t end)
{
    struct file_lock *l = kmalloc(sizeof *l);
    if (!l)
        return NULL;
    *l = *model;
    l->start = start;
    l->end = end;
    insert(l);
    nlocks++;
    return l;
}

/* Removes the owner's locks of that kind on ino within start..end,
 * keeping the parts outside. -ENOMEM (nothing changed) if a split needs
 * memory there is not. */
static int remove_range(const struct file_lock *who, int64_t start, int64_t end)
{
    for (struct file_lock *l = locks; l; l = l->next) /* one split needs one new lock: check first */
        if (same_owner(l, who) && l->start < start && l->end > end) {
            if (!add(l, end + 1, l->end))
                return -ENOMEM;
            l->end = start - 1;
        }
    for (struct file_lock **pp = &locks; *pp;) {
        struct file_lock *l = *pp;
        if (!same_owner(l, who) || l->end < start || l->start > end) {
            pp = &l->next;
            continue;
        }
        if (l->start < start) {
            l->end = start - 1;
        } else if (l->end > end) {
            l->start = end + 1;
        } else {
            *pp = l->next;
            kfree(l);
            nlocks--;
            continue;
        }
        pp = &l->next;
    }
    return 0;
}

/* A process waiting in F_SETLKW (or flock without LOCK_NB) for the lock
 * it wants: Linux's blocked list, which deadlock detection follows. The
 * entries live on the waiters' kernel stacks while they wait. */
struct waiter {
    const struct file_lock *want;
    struct waiter *next;
};
static struct waiter *waiters;

#define MAX_DEADLK_ITERATIONS 10

/* Would want, blocked by blocker, wait for itself (Linux's
 * posix_locks_deadlock)? blocker's owner may be waiting for a lock whose
 * owner waits for another ... up to 10 steps; reaching want's owner is
 * EDEADLK. POSIX locks only: OFD locks have no process to follow. */
static bool deadlock(const struct file_lock *want, const struct file_lock *blocker)
{
    if (want->kind != KIND_POSIX)
        return false;
    for (int i = 0; i <= MAX_DEADLK_ITERATIONS; i++) {
        const struct waiter *w = waiters;
        while (w && !(w->want->kind == KIND_POSIX && w->want->owner == blocker->owner))
            w = w->next;
        if (!w || !(blocker = first_conflict(w->want)))
            return false;
        if (blocker->owner == want->owner)
            return true;
    }
    return false;
}

struct attempt {
    const struct file_lock *want;
    bool unlock, wait;
};

/* Takes the lock (replacing the owner's own in its range and merging
 * with its own of the same type next to it, as Linux does) unless another
 * owner's conflicts: 1 when done, 0 when it must wait, -errno. */
static long try_lock(void *ctx)
{
    const struct attempt *a = ctx;
    const struct file_lock *want = a->want;
    if (!a->unlock) {
        const struct file_lock *c = first_conflict(want);
        if (c)
            return a->wait && deadlock(want, c) ? -EDEADLK : 0;
    }
    int err = remove_range(want, want->start, want->end);
    if (err)
        return err;
    if (a->unlock) {
        wakeup(&locks); /* waiters sleep on poll_channel, which this wakes */
        return 1;
    }
    int64_t start = want->start, end = want->end;
    for (struct file_lock **pp = &locks; *pp;) {
        struct file_lock *l = *pp;
        bool touches = (l->end != END_MAX && l->end + 1 == start) || (end != END_MAX && l->start == end + 1);
        if (same_owner(l, want) && l->type == want->type && touches) {
            start = l->start < start ? l->start : start;
            end = l->end > end ? l->end : end;
            *pp = l->next;
            kfree(l);
            nlocks--;
            continue;
        }
        pp = &l->next;
    }
    if (!add(want, start, end))
        return -ENOMEM;
    return 1;
}

/* Sets (or waits for) a lock; F_UNLCK removes. */
static long set_lock(const struct file_lock *want, bool unlock, bool wait)
{
    struct attempt a = {want, unlock, wait};
    struct waiter me = {want, waiters};
    if (wait)
        waiters = &me;
    long r = wait_until_ready(try_lock, &a, 0, !wait);
    if (wait) {
        struct waiter **pp = &waiters;
        while (*pp != &me)
            pp = &(*pp)->next;
        *pp = me.next;
    }
    if (r == -EINTR)
        return -ERESTARTSYS;
    return r < 0 ? r : r == 0 ? -EAGAIN : 0;
}

long lock_fcntl(struct file *f, int cmd, struct linux_flock *flp)
{
    struct linux_flock fl = *flp;
    bool ofd = cmd >= F_OFD_GETLK;
    if (ofd && fl.l_pid != 0)
        return -EINVAL;
    int64_t base = fl.l_whence == SEEK_SET ? 0 : fl.l_whence == SEEK_CUR ? (int64_t)f->pos
                 : fl.l_whence == SEEK_END ? (int64_t)(f->inode ? f->inode->size : 0) : -1;
    if (base < 0)
        return -EINVAL;
    /* fcntl(2): l_len > 0 covers start..start+len-1, 0 to the end of the
     * file whatever it becomes, < 0 the len bytes before start. */
    int64_t start = base + fl.l_start, end;
    if (fl.l_len > 0) {
        end = start + fl.l_len - 1;
    } else if (fl.l_len == 0) {
        end = END_MAX;
    } else {
        end = start - 1;
        start += fl.l_len;
    }
    if (start < 0 || end < start)
        return -EINVAL;
    if (fl.l_type != F_RDLCK && fl.l_type != F_WRLCK && fl.l_type != F_UNLCK)
        return -EINVAL;
    struct proc *p = current();
    struct file_lock want = {.ino = f->inode, .kind = ofd ? KIND_OFD : KIND_POSIX,
                        .owner = ofd ? (const void *)f : (const void *)p->leader, .pid = ofd ? -1 : p->tgid,
                        .type = fl.l_type, .start = start, .end = end};
    if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
        if (fl.l_type == F_UNLCK)
            return -EINVAL;
        want.type = fl.l_type;
        const struct file_lock *c = first_conflict(&want);
        if (!c) {
            fl.l_type = F_UNLCK;
        } else {
            fl.l_type = c->type;
            fl.l_whence = SEEK_SET;
            fl.l_start = c->start;
            fl.l_len = c->end == END_MAX ? 0 : c->end - c->start + 1;
            fl.l_pid = c->pid;
        }
        *flp = fl;
        return 0;
    }
    uint32_t acc = f->flags & O_ACCMODE;
    if ((fl.l_type == F_RDLCK && acc == O_WRONLY) || (fl.l_type == F_WRLCK && acc == O_RDONLY))
        return -EBADF; /* a lock needs the access it protects */
    return set_lock(&want, fl.l_type == F_UNLCK, cmd == F_SETLKW || cmd == F_OFD_SETLKW);
}

long lock_flock(struct file *f, int op)
{
    int what = op & ~LOCK_NB;
    struct file_lock want = {.ino = f->inode, .kind = KIND_FLOCK, .owner = f, .pid = current()->tgid,
                        .type = what == LOCK_EX ? F_WRLCK : F_RDLCK, .start = 0, .end = END_MAX};
    /* A conversion drops the old lock first, as Linux's flock does (it is
     * not atomic: another waiter may get in between). */
    if (remove_range(&want, 0, END_MAX) == 0)
        wakeup(&locks);
    if (what == LOCK_UN)
        return 0;
    long r = set_lock(&want, false, !(op & LOCK_NB));
    return r; /* -EAGAIN is EWOULDBLOCK */
}

void lock_close(struct file *f)
{
    if (!nlocks || !f->inode || !current())
        return;
    /* POSIX: any close of the file by the owner drops its locks. */
    struct file_lock posix = {.ino = f->inode, .kind = KIND_POSIX, .owner = current()->leader};
    if (remove_range(&posix, 0, END_MAX) == 0)
        wakeup(&locks);
}

void lock_release(struct file *f)
{
    if (!nlocks || !f->inode)
        return;
    struct file_lock own = {.ino = f->inode, .kind = KIND_FLOCK, .owner = f};
    bool changed = remove_range(&own, 0, END_MAX) == 0;
    own.kind = KIND_OFD;
    changed |= remove_range(&own, 0, END_MAX) == 0;
    if (changed)
        wakeup(&locks);
}
