/*
 * ipc_sysctl.c - the System V IPC tunables (struct ipc_limits, Linux's
 * defaults) and their text in /proc/sys/kernel, as Linux's
 * ipc/ipc_sysctl.c: shmmax shmall shmmni shm_rmid_forced msgmax msgmnb
 * msgmni sem (four numbers), and the checkpoint/restore knobs
 * {shm,sem,msg}_next_id (the id the next object of the kind gets; -1
 * when none is asked for, and again once it was used).
 *
 * Writes take decimal numbers separated by blanks, as proc_dointvec and
 * proc_doulongvec do: "12x", "+5" or a value out of range is -EINVAL;
 * numbers past those a file holds are ignored; the "*mni" counts stop at
 * IPCMNI (32768), shm_rmid_forced at 1, the rest at INT_MAX (ULONG_MAX
 * for shmmax and shmall).
 *
 * Also the POSIX message queue limits of /proc/sys/fs/mqueue (Linux's
 * ipc/mq_sysctl.c): queues_max (any int), msg_max and msg_default
 * (1..65536), msgsize_max and msgsize_default (128..16 MiB).
 */
#include "ipc/ipc.h"

#include "ipc/ipc_ids.h"
#include "ipc/mqueue.h"
#include "lib/format.h"
#include "uapi/errno.h"

struct ipc_limits ipc_limits = {
    .shm_ctlmax = SHMMAX,
    .shm_ctlall = SHMALL,
    .shm_ctlmni = SHMMNI,
    .shm_rmid_forced = 0,
    .msg_ctlmax = MSGMAX,
    .msg_ctlmnb = MSGMNB,
    .msg_ctlmni = MSGMNI,
    .sem_ctls = {SEMMSL, SEMMNS, SEMOPM, SEMMNI},
};

/* Up to max numbers from text buf[0..n) into v: how many were given, or
 * -EINVAL (a sign, another character, no number, one above UINT64_MAX). */
static int parse_numbers(const char *buf, size_t n, uint64_t *v, int max)
{
    int count = 0;
    size_t i = 0;
    for (;;) {
        while (i < n && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n'))
            i++;
        if (i == n || count == max)
            return count ? count : -EINVAL;
        if (buf[i] < '0' || buf[i] > '9')
            return -EINVAL;
        uint64_t x = 0;
        for (; i < n && buf[i] >= '0' && buf[i] <= '9'; i++) {
            uint64_t d = (uint64_t)(buf[i] - '0');
            if (x > (UINT64_MAX - d) / 10)
                return -EINVAL;
            x = x * 10 + d;
        }
        if (i < n && buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\n')
            return -EINVAL;
        v[count++] = x;
    }
}

/* One number in [min, max] into *out: n (bytes taken) or -EINVAL. */
static long write_int_range(const char *buf, size_t n, int *out, int min, int max)
{
    uint64_t v;
    if (parse_numbers(buf, n, &v, 1) < 0 || v < (uint64_t)min || v > (uint64_t)max)
        return -EINVAL;
    *out = (int)v;
    return (long)n;
}

static long write_int(const char *buf, size_t n, int *out, int max) { return write_int_range(buf, n, out, 0, max); }

static long write_ulong(const char *buf, size_t n, uint64_t *out)
{
    uint64_t v;
    if (parse_numbers(buf, n, &v, 1) < 0)
        return -EINVAL;
    *out = v;
    return (long)n;
}

long ipc_read_shmmax(int pid, char *b, size_t s) { (void)pid; return ksnprintf(b, s, "%lu\n", ipc_limits.shm_ctlmax); }
long ipc_write_shmmax(const char *b, size_t n) { return write_ulong(b, n, &ipc_limits.shm_ctlmax); }
long ipc_read_shmall(int pid, char *b, size_t s) { (void)pid; return ksnprintf(b, s, "%lu\n", ipc_limits.shm_ctlall); }
long ipc_write_shmall(const char *b, size_t n) { return write_ulong(b, n, &ipc_limits.shm_ctlall); }
long ipc_read_shmmni(int pid, char *b, size_t s) { (void)pid; return ksnprintf(b, s, "%d\n", ipc_limits.shm_ctlmni); }
long ipc_write_shmmni(const char *b, size_t n) { return write_int(b, n, &ipc_limits.shm_ctlmni, IPCMNI); }
long ipc_read_msgmax(int pid, char *b, size_t s) { (void)pid; return ksnprintf(b, s, "%d\n", ipc_limits.msg_ctlmax); }
long ipc_write_msgmax(const char *b, size_t n) { return write_int(b, n, &ipc_limits.msg_ctlmax, INT32_MAX); }
long ipc_read_msgmnb(int pid, char *b, size_t s) { (void)pid; return ksnprintf(b, s, "%d\n", ipc_limits.msg_ctlmnb); }
long ipc_write_msgmnb(const char *b, size_t n) { return write_int(b, n, &ipc_limits.msg_ctlmnb, INT32_MAX); }
long ipc_read_msgmni(int pid, char *b, size_t s) { (void)pid; return ksnprintf(b, s, "%d\n", ipc_limits.msg_ctlmni); }
long ipc_write_msgmni(const char *b, size_t n) { return write_int(b, n, &ipc_limits.msg_ctlmni, IPCMNI); }

long ipc_read_shm_rmid_forced(int pid, char *b, size_t s)
{
    (void)pid;
    return ksnprintf(b, s, "%d\n", ipc_limits.shm_rmid_forced);
}

/* Turning it on also destroys the segments already orphaned and
 * unattached, as Linux's shm_destroy_orphaned. */
long ipc_write_shm_rmid_forced(const char *b, size_t n)
{
    long r = write_int(b, n, &ipc_limits.shm_rmid_forced, 1);
    if (r > 0 && ipc_limits.shm_rmid_forced)
        shm_destroy_orphaned();
    return r;
}

long ipc_read_sem(int pid, char *b, size_t s)
{
    (void)pid;
    const int *c = ipc_limits.sem_ctls;
    return ksnprintf(b, s, "%d\t%d\t%d\t%d\n", c[0], c[1], c[2], c[3]);
}

/* The first numbers given replace as many of the four; semmni may not
 * pass IPCMNI, the others any int. */
long ipc_write_sem(const char *b, size_t n)
{
    uint64_t v[4];
    int count = parse_numbers(b, n, v, 4);
    if (count < 0)
        return -EINVAL;
    for (int i = 0; i < count; i++)
        if (v[i] > (uint64_t)(i == SEM_MNI ? IPCMNI : INT32_MAX))
            return -EINVAL;
    for (int i = 0; i < count; i++)
        ipc_limits.sem_ctls[i] = (int)v[i];
    return (long)n;
}

long ipc_read_shm_next_id(int pid, char *b, size_t s) { (void)pid; return ksnprintf(b, s, "%d\n", shm_ids.next_id); }
long ipc_write_shm_next_id(const char *b, size_t n) { return write_int(b, n, &shm_ids.next_id, INT32_MAX); }
long ipc_read_sem_next_id(int pid, char *b, size_t s) { (void)pid; return ksnprintf(b, s, "%d\n", sem_ids.next_id); }
long ipc_write_sem_next_id(const char *b, size_t n) { return write_int(b, n, &sem_ids.next_id, INT32_MAX); }
long ipc_read_msg_next_id(int pid, char *b, size_t s) { (void)pid; return ksnprintf(b, s, "%d\n", msg_ids.next_id); }
long ipc_write_msg_next_id(const char *b, size_t n) { return write_int(b, n, &msg_ids.next_id, INT32_MAX); }

long mq_read_queues_max(int pid, char *b, size_t s) { (void)pid; return ksnprintf(b, s, "%d\n", mq_limits.queues_max); }
long mq_write_queues_max(const char *b, size_t n) { return write_int(b, n, &mq_limits.queues_max, INT32_MAX); }
long mq_read_msg_max(int pid, char *b, size_t s) { (void)pid; return ksnprintf(b, s, "%d\n", mq_limits.msg_max); }
long mq_write_msg_max(const char *b, size_t n) { return write_int_range(b, n, &mq_limits.msg_max, MQ_MIN_MSGMAX, MQ_HARD_MSGMAX); }
long mq_read_msgsize_max(int pid, char *b, size_t s) { (void)pid; return ksnprintf(b, s, "%d\n", mq_limits.msgsize_max); }
long mq_write_msgsize_max(const char *b, size_t n)
{
    return write_int_range(b, n, &mq_limits.msgsize_max, MQ_MIN_MSGSIZEMAX, MQ_HARD_MSGSIZEMAX);
}
long mq_read_msg_default(int pid, char *b, size_t s) { (void)pid; return ksnprintf(b, s, "%d\n", mq_limits.msg_default); }
long mq_write_msg_default(const char *b, size_t n)
{
    return write_int_range(b, n, &mq_limits.msg_default, MQ_MIN_MSGMAX, MQ_HARD_MSGMAX);
}
long mq_read_msgsize_default(int pid, char *b, size_t s)
{
    (void)pid;
    return ksnprintf(b, s, "%d\n", mq_limits.msgsize_default);
}
long mq_write_msgsize_default(const char *b, size_t n)
{
    return write_int_range(b, n, &mq_limits.msgsize_default, MQ_MIN_MSGSIZEMAX, MQ_HARD_MSGSIZEMAX);
}
