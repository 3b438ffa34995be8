/*
 * sem.c - System V semaphores, as Linux's ipc/sem.c.
 *
 * A semop applies all its operations at once or none. One that cannot
 * proceed waits in its set's queue of pending operations (oldest first);
 * whoever changes the set's values afterwards (semop, SETVAL, SETALL, an
 * exit's undo) retries the queue in order and completes, on the waiter's
 * behalf, every operation that now can - as Linux's update_queue does,
 * so a waiter for zero is satisfied by the moment the value is zero even
 * if it rises again before the waiter runs. A waiter's queue entry lives
 * on its own kernel stack; its status says pending, done (0) or failed
 * (-EIDRM when the set is removed, -ERANGE...), and once it is not
 * pending the waiter returns without touching the set again.
 *
 * SEM_UNDO adjustments are kept per process (thread group: threads share
 * them, as with CLONE_SYSVSEM) and per set, and applied when the
 * process's last thread exits (clamped to 0..SEMVMX, as Linux does).
 */
#include "arch/x86_64/cpu.h"
#include "ipc/ipc.h"
#include "ipc/ipc_ids.h"
#include "lib/format.h"
#include "lib/list.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "time/clock.h"
#include "uapi/errno.h"

struct sem {
    int val; /* semval */
    int pid; /* sempid: the last process to operate on it */
};

struct sem_set {
    struct kern_ipc_perm perm;
    int64_t otime, ctime;
    int nsems;
    struct list_head pending; /* struct sem_waiter, oldest first */
    struct list_head undos;   /* struct sem_undo, one per process that used SEM_UNDO here */
    struct sem sems[];
};

struct sem_undo {
    struct list_head link; /* in the set's undos */
    int tgid;
    int16_t adj[]; /* semadj: added to each semaphore at exit */
};

#define SEM_PENDING 1 /* a waiter's status until its operation completes or fails */

struct sem_waiter {
    struct list_head link; /* in the set's pending queue */
    const struct sembuf *sops;
    unsigned nsops;
    struct sem_undo *undo;
    int pid;
    bool alter;   /* some operation changes a value */
    int blocking; /* the operation it last waited on (GETNCNT, GETZCNT) */
    int status;
};

struct ipc_ids sem_ids = IPC_IDS_INIT;
static int used_sems; /* semaphores in all sets, against semmns */

static struct sem_set *set_of(struct kern_ipc_perm *p) { return (struct sem_set *)p; }

static struct sem_set *find(int id) { return set_of(ipc_find_id(&sem_ids, id)); }

/* Tries all of w's operations (Linux's perform_atomic_semop): 0 when they
 * were applied, 1 when one would block (w->blocking says which),
 * -EAGAIN for one with IPC_NOWAIT that would block, -ERANGE for a value
 * or an adjustment out of range. Nothing changes unless 0. */
static int try_ops(struct sem_set *s, struct sem_waiter *w)
{
    int result = 0;
    unsigned i;
    for (i = 0; i < w->nsops; i++) {
        const struct sembuf *op = &w->sops[i];
        struct sem *sem = &s->sems[op->sem_num];
        int v = sem->val;
        if ((op->sem_op == 0 && v != 0) || v + op->sem_op < 0) {
            w->blocking = (int)i;
            result = (op->sem_flg & IPC_NOWAIT) ? -EAGAIN : 1;
            break;
        }
        if (v + op->sem_op > SEMVMX) {
            result = -ERANGE;
            break;
        }
        if (op->sem_flg & SEM_UNDO) {
            int adj = w->undo->adj[op->sem_num] - op->sem_op;
            if (adj < -SEMAEM - 1 || adj > SEMAEM) {
                result = -ERANGE;
                break;
            }
            w->undo->adj[op->sem_num] = (int16_t)adj;
        }
        sem->val = v + op->sem_op;
    }
    if (result == 0) {
        for (i = 0; i < w->nsops; i++)
            s->sems[w->sops[i].sem_num].pid = w->pid;
        return 0;
    }
    while (i-- > 0) { /* roll back what was applied */
        const struct sembuf *op = &w->sops[i];
        s->sems[op->sem_num].val -= op->sem_op;
        if (op->sem_flg & SEM_UNDO)
            w->undo->adj[op->sem_num] += op->sem_op;
    }
    return result;
}

/* The values changed: complete (or fail) every waiting operation that
 * now can, oldest first, starting over after one that changed values. */
static void update_queue(struct sem_set *s)
{
again:
    list_for_each_entry_safe(w, &s->pending, struct sem_waiter, link) {
        int r = try_ops(s, w);
        if (r > 0)
            continue;
        list_del_init(&w->link);
        w->status = r;
        wakeup(w);
        if (r == 0) {
            s->otime = ipc_now();
            if (w->alter)
                goto again;
        }
    }
}

/* GETNCNT (zero false) / GETZCNT: waiters blocked on semaphore num
 * waiting for it to grow / to be zero. */
static int count_waiters(struct sem_set *s, int num, bool zero)
{
    int n = 0;
    list_for_each_entry(w, &s->pending, struct sem_waiter, link) {
        const struct sembuf *op = &w->sops[w->blocking];
        if (op->sem_num == num && (zero ? op->sem_op == 0 : op->sem_op < 0))
            n++;
    }
    return n;
}

static void clear_undos(struct sem_set *s, int num)
{
    list_for_each_entry(u, &s->undos, struct sem_undo, link) {
        if (num < 0)
            memset(u->adj, 0, (size_t)s->nsems * sizeof u->adj[0]);
        else
            u->adj[num] = 0;
    }
}

static void destroy(struct sem_set *s)
{
    list_for_each_entry_safe(u, &s->undos, struct sem_undo, link) {
        list_del_init(&u->link);
        kfree(u);
    }
    list_for_each_entry_safe(w, &s->pending, struct sem_waiter, link) {
        list_del_init(&w->link);
        w->status = -EIDRM;
        wakeup(w);
    }
    ipc_remove(&sem_ids, &s->perm);
    used_sems -= s->nsems;
    kfree(s);
}

/* --- semget ------------------------------------------------------------ */

static long create(int32_t key, int flg, uint64_t nsems)
{
    if (nsems == 0)
        return -EINVAL;
    if (used_sems + (int64_t)nsems > ipc_limits.sem_ctls[SEM_MNS])
        return -ENOSPC;
    struct sem_set *s = kzalloc(sizeof *s + nsems * sizeof s->sems[0]);
    if (!s)
        return -ENOMEM;
    s->perm.key = key;
    s->perm.mode = (uint32_t)flg & IPC_MODE_MASK;
    s->nsems = (int)nsems;
    s->ctime = ipc_now();
    list_init(&s->pending);
    list_init(&s->undos);
    int id = ipc_add(&sem_ids, &s->perm, ipc_limits.sem_ctls[SEM_MNI]);
    if (id < 0) {
        kfree(s);
        return id;
    }
    used_sems += (int)nsems;
    return id;
}

static int check_nsems(struct kern_ipc_perm *p, uint64_t nsems)
{
    return nsems > (uint64_t)set_of(p)->nsems ? -EINVAL : 0;
}

static const struct ipc_get_ops get_ops = {.create = create, .check = check_nsems};

long sem_get(int32_t key, int nsems, int flg)
{
    if (nsems < 0 || nsems > ipc_limits.sem_ctls[SEM_MSL])
        return -EINVAL;
    return ipc_get(&sem_ids, key, flg, (uint64_t)nsems, &get_ops);
}

/* --- semop ------------------------------------------------------------- */

/* The caller's adjustments for s, made on first use: NULL when out of memory. */
static struct sem_undo *undo_for(struct sem_set *s)
{
    int tgid = ipc_caller_pid();
    list_for_each_entry(u, &s->undos, struct sem_undo, link) {
        if (u->tgid == tgid)
            return u;
    }
    struct sem_undo *u = kzalloc(sizeof *u + (size_t)s->nsems * sizeof u->adj[0]);
    if (u) {
        u->tgid = tgid;
        list_add_tail(&u->link, &s->undos);
    }
    return u;
}

/* Sleeps until w is done or failed, a signal comes (-EINTR: semop is
 * never restarted, as on Linux) or the deadline (monotonic ns, 0: none)
 * passes (-EAGAIN). */
static int wait_done(struct sem_waiter *w, uint64_t deadline)
{
    struct proc *p = current();
    uint64_t f = irq_save();
    int err;
    for (;;) {
        if (w->status != SEM_PENDING) {
            err = w->status; /* already off the queue */
            break;
        }
        if (deadline && clock_monotonic_ns() >= deadline) {
            err = -EAGAIN;
            break;
        }
        if (signal_pending(p)) {
            err = -EINTR;
            break;
        }
        p->wake_at = deadline;
        sleep_on(w);
        p->wake_at = 0;
    }
    irq_restore(f);
    if (err == -EAGAIN || err == -EINTR)
        list_del_init(&w->link); /* still queued: the set still exists */
    return err;
}

long sem_op(int id, const struct sembuf *sops, unsigned nsops, const int64_t *timeout_ns)
{
    if (id < 0)
        return -EINVAL;
    unsigned max = 0;
    bool undos = false, alter = false;
    for (unsigned i = 0; i < nsops; i++) {
        if (sops[i].sem_num > max)
            max = sops[i].sem_num;
        undos |= (sops[i].sem_flg & SEM_UNDO) != 0;
        alter |= sops[i].sem_op != 0;
    }
    struct sem_set *s = find(id);
    if (!s)
        return -EINVAL;
    struct sem_undo *undo = NULL;
    if (undos && !(undo = undo_for(s)))
        return -ENOMEM;
    if (max >= (unsigned)s->nsems)
        return -EFBIG;
    if (ipc_permission(&s->perm, alter ? IPC_PERM_WRITE : IPC_PERM_READ))
        return -EACCES;
    struct sem_waiter w = {.sops = sops, .nsops = nsops, .undo = undo, .pid = ipc_caller_pid(), .alter = alter,
                           .status = SEM_PENDING};
    list_init(&w.link);
    int r = try_ops(s, &w);
    if (r == 0) {
        s->otime = ipc_now();
        if (alter)
            update_queue(s);
        return 0;
    }
    if (r < 0)
        return r;
    uint64_t deadline = 0;
    if (timeout_ns) {
        uint64_t now = clock_monotonic_ns();
        deadline = (uint64_t)*timeout_ns > UINT64_MAX - now - 1 ? UINT64_MAX : now + (uint64_t)*timeout_ns;
    }
    list_add_tail(&w.link, &s->pending);
    return wait_done(&w, deadline);
}

/* --- semctl ------------------------------------------------------------ */

long sem_info(int cmd, struct seminfo *out)
{
    const int *c = ipc_limits.sem_ctls;
    *out = (struct seminfo){.semmap = SEMMAP, .semmni = c[SEM_MNI], .semmns = c[SEM_MNS], .semmnu = SEMMNU,
                            .semmsl = c[SEM_MSL], .semopm = c[SEM_OPM], .semume = SEMUME, .semvmx = SEMVMX};
    if (cmd == SEM_INFO) {
        out->semusz = sem_ids.in_use;
        out->semaem = used_sems;
    } else {
        out->semusz = SEMUSZ;
        out->semaem = SEMAEM;
    }
    return ipc_max_index(&sem_ids);
}

long sem_stat(int id, int cmd, struct semid64_ds *out)
{
    struct sem_set *s = set_of(cmd == IPC_STAT ? ipc_find_id(&sem_ids, id) : ipc_find_index(&sem_ids, id));
    if (!s)
        return -EINVAL;
    if (cmd != SEM_STAT_ANY && ipc_permission(&s->perm, IPC_PERM_READ))
        return -EACCES;
    *out = (struct semid64_ds){.sem_otime = s->otime, .sem_ctime = s->ctime, .sem_nsems = (uint64_t)s->nsems};
    ipc_fill_perm(&s->perm, &out->sem_perm);
    return cmd == IPC_STAT ? 0 : s->perm.id;
}

/* GETALL / SETALL: the values through a kernel copy, so no user access
 * happens while the set is in use. */
static long get_all(int id, uint64_t uarray)
{
    struct sem_set *s = find(id);
    if (!s)
        return -EINVAL;
    if (ipc_permission(&s->perm, IPC_PERM_READ))
        return -EACCES;
    size_t bytes = (size_t)s->nsems * sizeof(uint16_t);
    uint16_t *vals = kmalloc(bytes);
    if (!vals)
        return -ENOMEM;
    for (int i = 0; i < s->nsems; i++)
        vals[i] = (uint16_t)s->sems[i].val;
    long err = copy_to_user(uarray, vals, bytes) ? -EFAULT : 0;
    kfree(vals);
    return err;
}

static long set_all(int id, uint64_t uarray)
{
    struct sem_set *s = find(id);
    if (!s)
        return -EINVAL;
    if (ipc_permission(&s->perm, IPC_PERM_WRITE))
        return -EACCES;
    int nsems = s->nsems;
    uint16_t *vals = kmalloc((size_t)nsems * sizeof *vals);
    if (!vals)
        return -ENOMEM;
    long err = copy_from_user(vals, uarray, (size_t)nsems * sizeof *vals) ? -EFAULT : 0;
    for (int i = 0; i < nsems && !err; i++)
        if (vals[i] > SEMVMX)
            err = -ERANGE;
    if (!err && (s = find(id)) == NULL)
        err = -EIDRM; /* removed while the copy waited for a page */
    if (!err) {
        for (int i = 0; i < nsems; i++)
            s->sems[i] = (struct sem){.val = vals[i], .pid = ipc_caller_pid()};
        clear_undos(s, -1);
        s->ctime = ipc_now();
        update_queue(s);
    }
    kfree(vals);
    return err;
}

static long set_val(int id, int num, int val)
{
    if (val < 0 || val > SEMVMX)
        return -ERANGE;
    struct sem_set *s = find(id);
    if (!s)
        return -EINVAL;
    if (num < 0 || num >= s->nsems)
        return -EINVAL;
    if (ipc_permission(&s->perm, IPC_PERM_WRITE))
        return -EACCES;
    clear_undos(s, num);
    s->sems[num] = (struct sem){.val = val, .pid = ipc_caller_pid()};
    s->ctime = ipc_now();
    update_queue(s);
    return 0;
}

long sem_ctl(int id, int num, int cmd, uint64_t arg)
{
    switch (cmd) {
    case GETALL: return get_all(id, arg);
    case SETALL: return set_all(id, arg);
    case SETVAL: return set_val(id, num, (int)arg); /* the int of the union, little-endian */
    }
    struct sem_set *s = find(id);
    if (!s)
        return -EINVAL;
    if (ipc_permission(&s->perm, IPC_PERM_READ))
        return -EACCES;
    if (num < 0 || num >= s->nsems)
        return -EINVAL;
    switch (cmd) {
    case GETVAL: return s->sems[num].val;
    case GETPID: return s->sems[num].pid;
    case GETNCNT: return count_waiters(s, num, false);
    default: return count_waiters(s, num, true); /* GETZCNT */
    }
}

long sem_set(int id, const struct semid64_ds *in)
{
    int err;
    struct sem_set *s = set_of(ipc_find_owned(&sem_ids, id, &err));
    if (!s)
        return err;
    err = ipc_set_perm(&s->perm, &in->sem_perm);
    if (!err)
        s->ctime = ipc_now();
    return err;
}

long sem_remove(int id)
{
    int err;
    struct sem_set *s = set_of(ipc_find_owned(&sem_ids, id, &err));
    if (!s)
        return err;
    destroy(s);
    return 0;
}

/* --- exit: SEM_UNDO ---------------------------------------------------- */

void sem_exit(int tgid)
{
    struct kern_ipc_perm *p;
    for (int i = 0; (p = ipc_next(&sem_ids, &i)); i++) {
        struct sem_set *s = set_of(p);
        list_for_each_entry_safe(u, &s->undos, struct sem_undo, link) {
            if (u->tgid != tgid)
                continue;
            for (int k = 0; k < s->nsems; k++) {
                if (!u->adj[k])
                    continue;
                int v = s->sems[k].val + u->adj[k];
                s->sems[k].val = v < 0 ? 0 : v > SEMVMX ? SEMVMX : v;
                s->sems[k].pid = tgid;
            }
            list_del_init(&u->link);
            kfree(u);
            s->otime = ipc_now();
            update_queue(s);
            break;
        }
    }
}

/* --- /proc/sysvipc/sem ------------------------------------------------- */

long sem_proc_show(int pid, char *buf, size_t size)
{
    (void)pid;
    size_t n = (size_t)ksnprintf(buf, size, "       key      semid perms      nsems   uid   gid  cuid  cgid      otime"
                                            "      ctime\n");
    struct kern_ipc_perm *p;
    for (int i = 0; n < size && (p = ipc_next(&sem_ids, &i)); i++) {
        struct sem_set *s = set_of(p);
        n += (size_t)ksnprintf(buf + n, size - n, "%10d %10d  %4o %10d %5u %5u %5u %5u %10ld %10ld\n", p->key, p->id,
                               p->mode, s->nsems, p->uid, p->gid, p->cuid, p->cgid, s->otime, s->ctime);
    }
    return (long)(n < size ? n : size);
}
