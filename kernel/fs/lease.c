/* lease.c - see lease.h. All leases sit in one list (lease_list), as lock.c's locks:
 * there are few. Linux's fs/locks.c (generic_add_lease, __break_lease,
 * time_out_leases) is the model. */
#include "fs/lease.h"

#include "fs/fasync.h"
#include "fs/lock.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "time/clock.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define NOT_BROKEN (-1)

/* /proc/sys/fs/lease-break-time: the one copy of the limit, seconds. */
static long break_time_s = 45;

long lease_break_time(void) { return break_time_s; }
void lease_set_break_time(long seconds) { break_time_s = seconds; }

struct lease {
    struct lease *next;
    struct file *f;
    int fd;             /* where the break signal says it happened */
    int type;           /* F_RDLCK or F_WRLCK */
    int target;         /* while broken: F_RDLCK or F_UNLCK; else NOT_BROKEN */
    uint64_t deadline;  /* while broken: when the break takes the lease anyway */
};

struct lease *lease_list;

static struct lease **find(const struct file *f)
{
    struct lease **pp = &lease_list;
    while (*pp && (*pp)->f != f)
        pp = &(*pp)->next;
    return pp;
}

static void drop(struct lease **pp)
{
    struct lease *l = *pp;
    *pp = l->next;
    kfree(l);
    wakeup(&lease_list); /* openers waiting for the break (they sleep on poll_channel, which this wakes) */
}

/* Changes l to type (F_UNLCK: removes it, *pp being its link), ending a
 * break that type satisfies (Linux's lease_modify). */
static void modify(struct lease **pp, int type)
{
    struct lease *l = *pp;
    if (type == F_UNLCK) {
        drop(pp);
        return;
    }
    l->type = type;
    if (type == F_RDLCK && l->target == F_RDLCK)
        l->target = NOT_BROKEN; /* a downgrade was all the break wanted */
    wakeup(&lease_list);
}

/* Broken leases whose time is up go down to their target. */
static void time_out(void)
{
    uint64_t now = clock_monotonic_ns();
    for (struct lease **pp = &lease_list; *pp;) {
        struct lease *l = *pp;
        if (l->target != NOT_BROKEN && now >= l->deadline) {
            modify(pp, l->target);
            if (*pp != l)
                continue; /* removed */
        }
        pp = &l->next;
    }
}

/* Linux's check_conflicting_open: a read lease needs the file open for
 * writing nowhere; a write lease needs f to be its only open. */
static bool open_conflicts(const struct file *f, int type)
{
    const struct inode *i = f->inode;
    if (type == F_RDLCK)
        return i->open_writers > 0;
    int self_w = file_writable(f), self_r = !self_w && file_readable(f);
    return i->open_writers != self_w || i->open_readers != self_r;
}

long lease_set(struct file *f, int fd, int type)
{
    if (type != F_RDLCK && type != F_WRLCK && type != F_UNLCK)
        return -EINVAL;
    if (!f->inode || !inode_is_reg(f->inode))
        return -EINVAL;
    time_out();
    struct lease **mine = find(f);
    if (type == F_UNLCK) {
        if (!*mine)
            return -EAGAIN;
        drop(mine);
        return 0;
    }
    if (open_conflicts(f, type))
        return -EAGAIN;
    /* No write lease beside another file's lease, and no new lease while
     * another is being broken by an open for writing. */
    for (struct lease *l = lease_list; l; l = l->next)
        if (l->f != f && l->f->inode == f->inode && (type == F_WRLCK || l->target == F_UNLCK))
            return -EAGAIN;
    if (*mine) {
        modify(mine, type);
    } else {
        struct lease *l = kmalloc(sizeof *l);
        if (!l)
            return -ENOMEM;
        *l = (struct lease){.next = lease_list, .f = f, .type = type, .target = NOT_BROKEN};
        lease_list = l;
        mine = &lease_list;
    }
    (*mine)->fd = fd;
    /* The break signal goes to the file's owner: the caller, unless
     * F_SETOWN chose someone already (Linux's lease_setup). */
    if (!f->owner.id) {
        f->owner.type = F_OWNER_PID;
        f->owner.id = current()->tgid;
    }
    return 0;
}

long lease_get(struct file *f)
{
    time_out();
    struct lease *l = *find(f);
    if (!l)
        return F_UNLCK;
    return l->target != NOT_BROKEN ? l->target : l->type;
}

static bool conflicts(const struct lease *l, const struct inode *inode, bool write)
{
    return l->f->inode == inode && (write || l->type == F_WRLCK);
}

struct break_ctx {
    const struct inode *inode;
    bool write;
};

static long broken(void *ctx)
{
    struct break_ctx *b = ctx;
    for (struct lease *l = lease_list; l; l = l->next)
        if (conflicts(l, b->inode, b->write))
            return 0;
    return 1;
}

int lease_break_slow(struct inode *inode, uint32_t flags)
{
    time_out();
    struct break_ctx b = {inode, (flags & O_ACCMODE) != O_RDONLY};
    bool any = false;
    uint64_t deadline = clock_monotonic_ns() + (uint64_t)break_time_s * 1000000000ull;
    for (struct lease *l = lease_list; l; l = l->next) {
        if (!conflicts(l, inode, b.write))
            continue;
        any = true;
        if (l->target == F_UNLCK || (!b.write && l->target != NOT_BROKEN))
            continue; /* broken already */
        l->target = b.write ? F_UNLCK : F_RDLCK;
        l->deadline = deadline;
        fasync_signal(l->f, l->fd, POLL_MSG);
    }
    if (!any)
        return 0;
    if (flags & O_NONBLOCK)
        return -EAGAIN; /* EWOULDBLOCK */
    for (;;) {
        uint64_t first = 0;
        for (struct lease *l = lease_list; l; l = l->next)
            if (conflicts(l, inode, b.write) && l->target != NOT_BROKEN && (!first || l->deadline < first))
                first = l->deadline;
        long r = wait_until_ready(broken, &b, first, false);
        if (r > 0)
            return 0;
        if (r < 0)
            return -ERESTARTSYS;
        time_out(); /* the holder took too long */
    }
}

void lease_release_slow(struct file *f)
{
    struct lease **pp = find(f);
    if (*pp)
        drop(pp);
}
