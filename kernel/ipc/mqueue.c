/*
 * mqueue.c - the POSIX message queue object (mqueue.h), as Linux's
 * ipc/mqueue.c.
 *
 * Messages (msgutil.h's page pieces, type = priority) sit on one list,
 * highest priority first and oldest first within a priority, which is
 * the order mq_receive takes them in (Linux keeps a tree of priorities;
 * a queue holds at most msg_max messages, so a list walk is short).
 * A sender finding a receiver waiting (the queue is empty then) hands
 * the message straight to it (Linux's pipelined_send); a receiver
 * freeing a slot takes the oldest waiting sender's message into the
 * queue for it (pipelined_receive). Waiters sit on the queue's lists in
 * structs on their own kernel stacks. Interrupted by a signal, a wait
 * returns -ERESTARTSYS (restarted under SA_RESTART, else EINTR); its
 * absolute timeout stays the same across a restart.
 *
 * mq_notify: one process may register; the first message to enter the
 * empty queue with no receiver waiting fires the registration (a signal
 * with si_code SI_MESGQ and the registered value, or nothing for
 * SIGEV_NONE) and removes it.
 *
 * Every queue charges its creator's real uid (Linux's ucounts) its
 * worst-case size against RLIMIT_MSGQUEUE, counted as Linux counts it.
 */
#include "ipc/mqueue.h"

#include "arch/x86_64/cpu.h"
#include "ipc/msgutil.h"
#include "lib/format.h"
#include "lib/list.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "proc/rlimit.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "time/clock.h"
#include "uapi/errno.h"
#include "uapi/poll.h"

struct mq_limits mq_limits = {
    .queues_max = 256, .msg_max = 10, .msgsize_max = 8192, .msg_default = 10, .msgsize_default = 8192};
static int queues_count;

/* Linux's accounting of a queue's worst case: each message's text and
 * struct msg_msg, and a priority tree node per possible priority. */
#define MSG_OVERHEAD 48  /* sizeof(struct msg_msg) on x86_64 */
#define NODE_OVERHEAD 48 /* sizeof(struct posix_msg_tree_node) */

/* What a real uid's queues are charged (Linux's UCOUNT_RLIMIT_MSGQUEUE). */
struct mq_user {
    struct list_head link;
    uint32_t uid;
    uint64_t bytes;
};
static struct list_head users = LIST_HEAD_INIT(users);

struct mqueue {
    int64_t maxmsg, msgsize, curmsgs;
    uint64_t qsize;             /* the bytes of text queued (the file's QSIZE) */
    struct list_head messages;  /* struct msg, in receive order */
    struct list_head receivers; /* struct mq_waiter, oldest first */
    struct list_head senders;
    int notify_owner;           /* the registered process (tgid), 0: none */
    struct linux_sigevent notify;
    struct mq_user *user;       /* charged charge bytes */
    uint64_t charge;
};

enum { WAITING, READY };

struct mq_waiter {
    struct list_head link;
    struct msg *msg; /* a sender's message; a receiver's, once handed over */
    int state;
};

/* --- creation and accounting ------------------------------------------- */

static struct mq_user *user_of(uint32_t uid)
{
    list_for_each_entry(u, &users, struct mq_user, link)
        if (u->uid == uid)
            return u;
    struct mq_user *u = kzalloc(sizeof *u);
    if (u) {
        u->uid = uid;
        list_add_tail(&u->link, &users);
    }
    return u;
}

static void uncharge(struct mq_user *u, uint64_t bytes)
{
    u->bytes -= bytes;
    if (!u->bytes) {
        list_del_init(&u->link);
        kfree(u);
    }
}

struct mqueue *mqueue_new(const struct mq_attr *attr, int *err)
{
    bool resource = capable(CAP_SYS_RESOURCE);
    if (queues_count >= mq_limits.queues_max && !resource) {
        *err = -ENOSPC;
        return NULL;
    }
    int64_t maxmsg = mq_limits.msg_max < mq_limits.msg_default ? mq_limits.msg_max : mq_limits.msg_default;
    int64_t msgsize =
        mq_limits.msgsize_max < mq_limits.msgsize_default ? mq_limits.msgsize_max : mq_limits.msgsize_default;
    if (attr) {
        maxmsg = attr->mq_maxmsg;
        msgsize = attr->mq_msgsize;
    }
    *err = -EINVAL;
    if (maxmsg <= 0 || msgsize <= 0)
        return NULL;
    if (resource ? maxmsg > MQ_HARD_MSGMAX || msgsize > MQ_HARD_MSGSIZEMAX
                 : maxmsg > mq_limits.msg_max || msgsize > mq_limits.msgsize_max)
        return NULL;
    /* Both are bounded now, so the product cannot overflow (Linux's
     * EOVERFLOW check never fires within these bounds either). */
    uint64_t n = (uint64_t)maxmsg;
    uint64_t charge = n * (uint64_t)msgsize + n * MSG_OVERHEAD + (n < MQ_PRIO_MAX ? n : MQ_PRIO_MAX) * NODE_OVERHEAD;
    struct mqueue *q = kzalloc(sizeof *q);
    struct mq_user *u = q ? user_of(current_cred()->uid) : NULL;
    if (!u) {
        kfree(q);
        *err = -ENOMEM;
        return NULL;
    }
    if (u->bytes + charge > rlimit_cur(current(), RLIMIT_MSGQUEUE)) {
        if (!u->bytes)
            uncharge(u, 0);
        kfree(q);
        *err = -EMFILE; /* Linux's answer for a queue past RLIMIT_MSGQUEUE */
        return NULL;
    }
    u->bytes += charge;
    q->user = u;
    q->charge = charge;
    q->maxmsg = maxmsg;
    q->msgsize = msgsize;
    list_init(&q->messages);
    list_init(&q->receivers);
    list_init(&q->senders);
    queues_count++;
    *err = 0;
    return q;
}

void mqueue_free(struct mqueue *q)
{
    /* No waiter is left: each holds an open file of the queue. */
    list_for_each_entry_safe(m, &q->messages, struct msg, link)
        free_msg(m);
    uncharge(q->user, q->charge);
    queues_count--;
    kfree(q);
}

/* --- messages ---------------------------------------------------------- */

/* Queues m behind every message of its priority or higher. */
static void insert(struct mqueue *q, struct msg *m)
{
    struct list_head *pos = &q->messages;
    while (pos->prev != &q->messages && list_entry(pos->prev, struct msg, link)->type < m->type)
        pos = pos->prev;
    list_add_tail(&m->link, pos);
    q->curmsgs++;
    q->qsize += m->size;
}

static struct msg *take_first(struct mqueue *q)
{
    struct msg *m = list_entry(q->messages.next, struct msg, link);
    list_del_init(&m->link);
    q->curmsgs--;
    q->qsize -= m->size;
    return m;
}

/* A message entered the empty queue: the registration fires and goes
 * (Linux's __do_notify). The signal carries the sender's pid and uid. */
static void notify(struct mqueue *q)
{
    if (!q->notify_owner || q->curmsgs != 1)
        return;
    if (q->notify.sigev_notify == SIGEV_SIGNAL && q->notify.sigev_signo) {
        struct proc *owner = proc_find(q->notify_owner);
        struct ksiginfo si = {.code = SI_MESGQ, .pid = current()->tgid, .uid = current_cred()->uid,
                              .addr = q->notify.sigev_value};
        if (owner)
            signal_send_info(owner, q->notify.sigev_signo, &si);
    }
    q->notify_owner = 0;
}

/* Sleeps until w is READY, a signal comes (-ERESTARTSYS) or the
 * monotonic deadline (0: none) passes (-ETIMEDOUT); off the list then.
 * Interrupts off. */
static int wait_ready(struct mq_waiter *w, uint64_t deadline)
{
    struct proc *p = current();
    int err;
    for (;;) {
        if (w->state == READY)
            return 0;
        if (signal_pending(p)) {
            err = -ERESTARTSYS;
            break;
        }
        if (deadline && clock_monotonic_ns() >= deadline) {
            err = -ETIMEDOUT;
            break;
        }
        p->wake_at = deadline;
        sleep_on(w);
        p->wake_at = 0;
    }
    list_del_init(&w->link);
    return err;
}

long mqueue_send(struct mqueue *q, uint64_t umsg, size_t len, unsigned prio, bool nonblock, uint64_t deadline)
{
    if ((int64_t)len > q->msgsize)
        return -EMSGSIZE;
    int err;
    struct msg *m = load_msg(umsg, NULL, len, &err);
    if (!m)
        return err;
    m->type = prio;
    err = 0;
    uint64_t f = irq_save();
    if (q->curmsgs == q->maxmsg) {
        if (nonblock) {
            err = -EAGAIN;
        } else {
            struct mq_waiter w = {.msg = m, .state = WAITING};
            list_add_tail(&w.link, &q->senders);
            err = wait_ready(&w, deadline);
            if (!err)
                m = NULL; /* a receiver queued it for us */
        }
    } else if (!list_empty(&q->receivers)) {
        struct mq_waiter *r = list_entry(q->receivers.next, struct mq_waiter, link);
        list_del_init(&r->link);
        r->msg = m;
        r->state = READY;
        wakeup(r);
        m = NULL;
    } else {
        insert(q, m);
        notify(q);
        m = NULL;
        wakeup(q); /* poll, select and epoll waiters */
    }
    irq_restore(f);
    if (m)
        free_msg(m);
    return err;
}

long mqueue_receive(struct mqueue *q, uint64_t umsg, size_t len, uint64_t uprio, bool nonblock, uint64_t deadline)
{
    if ((int64_t)len < q->msgsize)
        return -EMSGSIZE;
    struct msg *m = NULL;
    int err = 0;
    uint64_t f = irq_save();
    if (q->curmsgs == 0) {
        if (nonblock) {
            err = -EAGAIN;
        } else {
            struct mq_waiter w = {.state = WAITING};
            list_add_tail(&w.link, &q->receivers);
            err = wait_ready(&w, deadline);
            m = w.msg;
        }
    } else {
        m = take_first(q);
        if (!list_empty(&q->senders)) {
            /* The slot goes to the oldest waiting sender's message. */
            struct mq_waiter *s = list_entry(q->senders.next, struct mq_waiter, link);
            list_del_init(&s->link);
            insert(q, s->msg);
            s->state = READY;
            wakeup(s);
        } else {
            wakeup(q); /* room for poll's writers */
        }
    }
    irq_restore(f);
    if (err)
        return err;
    /* The message is ours now; a fault loses it, as on Linux. */
    long r = (long)m->size;
    uint32_t prio = (uint32_t)m->type;
    if ((uprio && copy_to_user(uprio, &prio, sizeof prio)) || store_msg(umsg, m, m->size))
        r = -EFAULT;
    free_msg(m);
    return r;
}

/* --- mq_notify, attributes, the file ----------------------------------- */

long mqueue_notify(struct mqueue *q, const struct linux_sigevent *ev)
{
    int me = current()->tgid;
    if (!ev) {
        if (q->notify_owner == me)
            q->notify_owner = 0;
        return 0;
    }
    if (q->notify_owner)
        return -EBUSY;
    q->notify = *ev;
    q->notify_owner = me;
    return 0;
}

void mqueue_flush(struct mqueue *q)
{
    if (current() && q->notify_owner == current()->tgid)
        q->notify_owner = 0;
}

void mqueue_getattr(const struct mqueue *q, struct mq_attr *out)
{
    *out = (struct mq_attr){.mq_maxmsg = q->maxmsg, .mq_msgsize = q->msgsize, .mq_curmsgs = q->curmsgs};
}

unsigned mqueue_poll(const struct mqueue *q)
{
    unsigned r = 0;
    if (q->curmsgs)
        r |= POLLIN | POLLRDNORM;
    if (q->curmsgs < q->maxmsg)
        r |= POLLOUT | POLLWRNORM;
    return r;
}

long mqueue_show(const struct mqueue *q, char *buf, size_t size)
{
    bool reg = q->notify_owner != 0;
    return ksnprintf(buf, size, "QSIZE:%-10lu NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n", q->qsize,
                     reg ? q->notify.sigev_notify : 0,
                     reg && q->notify.sigev_notify == SIGEV_SIGNAL ? q->notify.sigev_signo : 0, q->notify_owner);
}
