/*
 * msg.c - System V message queues, as Linux's ipc/msg.c.
 *
 * A message is kept in page-sized pieces (msgutil.h), so a large msgmax
 * never needs contiguous memory. A sender hands its message straight to the
 * oldest waiting receiver that wants it (Linux's pipelined_send), so a
 * message a receiver waits for never sits in the queue; a receiver whose
 * buffer is too small for it gets E2BIG instead. Waiters - receivers
 * waiting for a message, senders waiting for room - sit on the queue's
 * lists in structs on their own kernel stacks; removing the queue
 * (IPC_RMID) fails them all with EIDRM. Interrupted by a signal, both
 * calls return -ERESTARTNOHAND: restarted when no handler runs, EINTR
 * when one does (whatever its SA_RESTART), as on Linux.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/layout.h"
#include "ipc/ipc.h"
#include "ipc/ipc_ids.h"
#include "ipc/msgutil.h"
#include "lib/format.h"
#include "lib/list.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "uapi/errno.h"

struct msg_queue {
    struct kern_ipc_perm perm;
    int64_t stime, rtime, ctime;
    uint64_t cbytes, qnum, qbytes;
    int lspid, lrpid;
    struct list_head messages;  /* struct msg, oldest first */
    struct list_head receivers; /* struct msg_receiver, oldest first */
    struct list_head senders;   /* struct msg_sender */
};

/* How a receiver picks messages (Linux's SEARCH_*). */
enum search { SEARCH_ANY, SEARCH_EQUAL, SEARCH_NOTEQUAL, SEARCH_LESSEQUAL, SEARCH_NUMBER };

#define WAITING 1 /* a waiter's status while nothing happened to it */

struct msg_receiver {
    struct list_head link;
    long type;
    enum search mode;
    size_t maxsize;  /* larger messages get E2BIG */
    int pid;
    struct msg *msg; /* handed over by a sender */
    int status;      /* WAITING, 0 (msg is ours), -E2BIG, -EIDRM */
};

struct msg_sender {
    struct list_head link;
    int status; /* WAITING, 0 (woken: look again), -EIDRM */
};

struct ipc_ids msg_ids = IPC_IDS_INIT;
static uint64_t msg_hdrs, msg_bytes; /* messages and bytes in all queues (MSG_INFO) */

static struct msg_queue *queue_of(struct kern_ipc_perm *p) { return (struct msg_queue *)p; }

static bool matches(const struct msg *m, long type, enum search mode)
{
    switch (mode) {
    case SEARCH_ANY:
    case SEARCH_NUMBER: return true;
    case SEARCH_EQUAL: return m->type == type;
    case SEARCH_NOTEQUAL: return m->type != type;
    case SEARCH_LESSEQUAL: return m->type <= type;
    }
    return false;
}

/* The message a receive of (type, mode) takes, or NULL (Linux's
 * find_msg): SEARCH_LESSEQUAL the first of the lowest type, SEARCH_NUMBER
 * the type-th message (MSG_COPY), the others the first that matches. */
static struct msg *find_msg(struct msg_queue *q, long type, enum search mode)
{
    struct msg *found = NULL;
    long count = 0;
    list_for_each_entry(m, &q->messages, struct msg, link) {
        if (!matches(m, type, mode))
            continue;
        if (mode == SEARCH_LESSEQUAL) {
            if (m->type == 1)
                return m;
            type = m->type - 1; /* only a lower type can beat it now */
            found = m;
        } else if (mode != SEARCH_NUMBER || count++ == type) {
            return m;
        }
    }
    return found;
}

/* --- waking waiters ---------------------------------------------------- */

/* Space may have become free (or the queue went: status -EIDRM): every
 * sender looks again. */
static void wake_senders(struct msg_queue *q, int status)
{
    list_for_each_entry_safe(s, &q->senders, struct msg_sender, link) {
        list_del_init(&s->link);
        s->status = status;
        wakeup(s);
    }
}

/* Gives m to the oldest receiver waiting for it; false if none is. */
static bool hand_over(struct msg_queue *q, struct msg *m)
{
    list_for_each_entry_safe(r, &q->receivers, struct msg_receiver, link) {
        if (!matches(m, r->type, r->mode))
            continue;
        list_del_init(&r->link);
        wakeup(r);
        if (r->maxsize < m->size) {
            r->status = -E2BIG; /* and the message goes on to the next */
            continue;
        }
        r->msg = m;
        r->status = 0;
        q->lrpid = r->pid;
        q->rtime = ipc_now();
        return true;
    }
    return false;
}

static void destroy(struct msg_queue *q)
{
    list_for_each_entry_safe(r, &q->receivers, struct msg_receiver, link) {
        list_del_init(&r->link);
        r->status = -EIDRM;
        wakeup(r);
    }
    wake_senders(q, -EIDRM);
    list_for_each_entry_safe(m, &q->messages, struct msg, link) {
        msg_hdrs--;
        msg_bytes -= m->size;
        free_msg(m);
    }
    ipc_remove(&msg_ids, &q->perm);
    kfree(q);
}

/* Sleeps on waiter (with status *status) until the status changes or a
 * signal comes: 0, or -ERESTARTNOHAND with the waiter still listed. */
static int wait_on(void *waiter, const int *status)
{
    uint64_t f = irq_save();
    int err = 0;
    while (*status == WAITING && !err)
        err = sleep_on_interruptible(waiter);
    irq_restore(f);
    return *status != WAITING ? 0 : -ERESTARTNOHAND;
}

/* --- msgget ------------------------------------------------------------ */

static long create(int32_t key, int flg, uint64_t arg)
{
    (void)arg;
    struct msg_queue *q = kzalloc(sizeof *q);
    if (!q)
        return -ENOMEM;
    q->perm.key = key;
    q->perm.mode = (uint32_t)flg & IPC_MODE_MASK;
    q->ctime = ipc_now();
    q->qbytes = (uint64_t)ipc_limits.msg_ctlmnb;
    list_init(&q->messages);
    list_init(&q->receivers);
    list_init(&q->senders);
    int id = ipc_add(&msg_ids, &q->perm, ipc_limits.msg_ctlmni);
    if (id < 0)
        kfree(q);
    return id;
}

static const struct ipc_get_ops get_ops = {.create = create};

long msg_get(int32_t key, int flg) { return ipc_get(&msg_ids, key, flg, 0, &get_ops); }

/* --- msgsnd ------------------------------------------------------------ */

static bool fits(const struct msg_queue *q, size_t size)
{
    return size + q->cbytes <= q->qbytes && q->qnum + 1 <= q->qbytes;
}

long msg_send(int id, long type, uint64_t utext, size_t size, int flg)
{
    if (size > (size_t)ipc_limits.msg_ctlmax || (long)size < 0 || id < 0)
        return -EINVAL;
    if (type < 1)
        return -EINVAL;
    int err;
    struct msg *m = load_msg(utext, NULL, size, &err);
    if (!m)
        return err;
    struct msg_queue *q = queue_of(ipc_find_id(&msg_ids, id));
    for (err = q ? 0 : -EINVAL; !err;) {
        if (ipc_permission(&q->perm, IPC_PERM_WRITE)) {
            err = -EACCES;
            break;
        }
        if (fits(q, size))
            break;
        if (flg & IPC_NOWAIT) {
            err = -EAGAIN;
            break;
        }
        struct msg_sender s = {.status = WAITING};
        list_add_tail(&s.link, &q->senders);
        err = wait_on(&s, &s.status);
        if (s.status == -EIDRM)
            err = -EIDRM; /* q is gone */
        else if (err)
            list_del_init(&s.link);
    }
    if (err) {
        free_msg(m);
        return err;
    }
    m->type = type;
    q->lspid = ipc_caller_pid();
    q->stime = ipc_now();
    if (!hand_over(q, m)) {
        list_add_tail(&m->link, &q->messages);
        q->cbytes += size;
        q->qnum++;
        msg_hdrs++;
        msg_bytes += size;
    }
    return 0;
}

/* --- msgrcv ------------------------------------------------------------ */

long msg_receive(int id, uint64_t ubuf, size_t size, long type, int flg)
{
    if (id < 0 || (long)size < 0)
        return -EINVAL;
    if ((flg & MSG_COPY) && ((flg & MSG_EXCEPT) || !(flg & IPC_NOWAIT)))
        return -EINVAL;
    enum search mode = (flg & MSG_COPY) ? SEARCH_NUMBER
                       : type == 0      ? SEARCH_ANY
                       : type < 0       ? SEARCH_LESSEQUAL
                       : (flg & MSG_EXCEPT) ? SEARCH_NOTEQUAL
                                            : SEARCH_EQUAL;
    if (mode == SEARCH_LESSEQUAL)
        type = type == INT64_MIN ? INT64_MAX : -type;
    struct msg_queue *q = queue_of(ipc_find_id(&msg_ids, id));
    if (!q)
        return -EINVAL;
    struct msg *m;
    for (;;) {
        if (ipc_permission(&q->perm, IPC_PERM_READ))
            return -EACCES;
        m = find_msg(q, type, mode);
        if (m) {
            if (size < m->size && !(flg & MSG_NOERROR))
                return -E2BIG;
            if (flg & MSG_COPY) {
                /* A copy, the original stays queued. Linux's copy is
                 * min(size, msgmax) long and fails with EINVAL when
                 * the message does not fit it (MSG_NOERROR or not). */
                uint64_t room = size < (size_t)ipc_limits.msg_ctlmax ? size : (size_t)ipc_limits.msg_ctlmax;
                int err;
                if (m->size > room)
                    return -EINVAL;
                struct msg *copy = load_msg(0, m, m->size, &err);
                if (!copy)
                    return err;
                copy->type = m->type;
                m = copy;
                break;
            }
            list_del_init(&m->link);
            q->qnum--;
            q->cbytes -= m->size;
            q->rtime = ipc_now();
            q->lrpid = ipc_caller_pid();
            msg_hdrs--;
            msg_bytes -= m->size;
            wake_senders(q, 0);
            break;
        }
        if (flg & IPC_NOWAIT)
            return -ENOMSG;
        struct msg_receiver r = {.type = type, .mode = mode, .pid = ipc_caller_pid(), .status = WAITING,
                                 .maxsize = (flg & MSG_NOERROR) ? SIZE_MAX : size};
        list_add_tail(&r.link, &q->receivers);
        int err = wait_on(&r, &r.status);
        if (r.status == 0) {
            m = r.msg;
            break;
        }
        if (r.status != WAITING)
            return r.status; /* -E2BIG, or -EIDRM: q is gone */
        list_del_init(&r.link);
        if (err)
            return err;
    }
    /* The message is ours now (off every list): copy it out, type first. */
    size_t n = size < m->size ? size : m->size;
    long r = copy_to_user(ubuf, &m->type, sizeof m->type) || store_msg(ubuf + sizeof(long), m, n) ? -EFAULT : (long)n;
    free_msg(m);
    return r;
}

/* --- msgctl ------------------------------------------------------------ */

long msg_info(int cmd, struct msginfo *out)
{
    *out = (struct msginfo){.msgmni = ipc_limits.msg_ctlmni, .msgmax = ipc_limits.msg_ctlmax,
                            .msgmnb = ipc_limits.msg_ctlmnb, .msgssz = MSGSSZ, .msgseg = MSGSEG};
    if (cmd == MSG_INFO) {
        out->msgpool = msg_ids.in_use;
        out->msgmap = msg_hdrs > INT32_MAX ? INT32_MAX : (int)msg_hdrs;
        out->msgtql = msg_bytes > INT32_MAX ? INT32_MAX : (int)msg_bytes;
    } else {
        out->msgmap = MSGMAP;
        out->msgpool = MSGPOOL;
        out->msgtql = MSGTQL;
    }
    return ipc_max_index(&msg_ids);
}

long msg_stat(int id, int cmd, struct msqid64_ds *out)
{
    struct msg_queue *q = queue_of(cmd == IPC_STAT ? ipc_find_id(&msg_ids, id) : ipc_find_index(&msg_ids, id));
    if (!q)
        return -EINVAL;
    if (cmd != MSG_STAT_ANY && ipc_permission(&q->perm, IPC_PERM_READ))
        return -EACCES;
    *out = (struct msqid64_ds){.msg_stime = q->stime, .msg_rtime = q->rtime, .msg_ctime = q->ctime,
                               .msg_cbytes = q->cbytes, .msg_qnum = q->qnum, .msg_qbytes = q->qbytes,
                               .msg_lspid = q->lspid, .msg_lrpid = q->lrpid};
    ipc_fill_perm(&q->perm, &out->msg_perm);
    return cmd == IPC_STAT ? 0 : q->perm.id;
}

long msg_set(int id, const struct msqid64_ds *in)
{
    int err;
    struct msg_queue *q = queue_of(ipc_find_owned(&msg_ids, id, &err));
    if (!q)
        return err;
    /* Above msgmnb needs CAP_SYS_RESOURCE: every process has it (root). */
    err = ipc_set_perm(&q->perm, &in->msg_perm);
    if (err)
        return err;
    q->qbytes = in->msg_qbytes;
    q->ctime = ipc_now();
    /* Senders may fit now. (Linux also makes receivers search again,
     * which finds nothing new: a message a receiver waits for is handed
     * to it, never queued.) */
    wake_senders(q, 0);
    return 0;
}

long msg_remove(int id)
{
    int err;
    struct msg_queue *q = queue_of(ipc_find_owned(&msg_ids, id, &err));
    if (!q)
        return err;
    destroy(q);
    return 0;
}

/* --- /proc/sysvipc/msg ------------------------------------------------- */

long msg_proc_show(int pid, char *buf, size_t size)
{
    (void)pid;
    size_t n = (size_t)ksnprintf(buf, size, "       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid"
                                            "  cuid  cgid      stime      rtime      ctime\n");
    struct kern_ipc_perm *p;
    for (int i = 0; n < size && (p = ipc_next(&msg_ids, &i)); i++) {
        struct msg_queue *q = queue_of(p);
        n += (size_t)ksnprintf(buf + n, size - n,
                               "%10d %10d  %4o  %10lu %10lu %5d %5d %5u %5u %5u %5u %10ld %10ld %10ld\n", p->key, p->id,
                               p->mode, q->cbytes, q->qnum, q->lspid, q->lrpid, p->uid, p->gid, p->cuid, p->cgid,
                               q->stime, q->rtime, q->ctime);
    }
    return (long)(n < size ? n : size);
}
