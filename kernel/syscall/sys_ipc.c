/*
 * sys_ipc.c - the System V IPC calls (Linux's ipc/syscall.c, shm.c,
 * sem.c, msg.c entry points): shmget shmat shmdt shmctl, semget semop
 * semtimedop semctl, msgget msgsnd msgrcv msgctl. These copy the
 * fixed-size structures in and out and check what Linux checks before
 * looking at an object; ipc/ (ipc.h) does the rest.
 */
#include "ipc/ipc.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/stat.h"

/* Copies a result struct out after a successful *_INFO / *_STAT: the
 * command's result r, or -EFAULT. */
static long put(long r, uint64_t ubuf, const void *k, size_t n)
{
    if (r >= 0 && copy_to_user(ubuf, k, n))
        return -EFAULT;
    return r;
}

/* --- shared memory ----------------------------------------------------- */

long sys_shmget(int32_t key, size_t size, int flg) { return shm_get(key, size, flg); }

long sys_shmat(int id, uint64_t addr, int flg) { return shm_attach(id, addr, flg); }

long sys_shmdt(uint64_t addr) { return shm_detach(addr); }

long sys_shmctl(int id, int cmd, uint64_t ubuf)
{
    if (cmd < 0 || id < 0)
        return -EINVAL;
    switch (cmd) {
    case IPC_INFO: {
        struct shminfo64 info;
        return put(shm_ipc_info(&info), ubuf, &info, sizeof info);
    }
    case SHM_INFO: {
        struct shm_info info;
        return put(shm_shm_info(&info), ubuf, &info, sizeof info);
    }
    case IPC_STAT:
    case SHM_STAT:
    case SHM_STAT_ANY: {
        struct shmid64_ds ds;
        return put(shm_stat(id, cmd, &ds), ubuf, &ds, sizeof ds);
    }
    case IPC_SET: {
        struct shmid64_ds ds;
        if (copy_from_user(&ds, ubuf, sizeof ds))
            return -EFAULT;
        return shm_set(id, &ds);
    }
    case IPC_RMID: return shm_remove(id);
    case SHM_LOCK:
    case SHM_UNLOCK: return shm_lock(id, cmd);
    default: return -EINVAL;
    }
}

/* --- semaphores -------------------------------------------------------- */

long sys_semget(int32_t key, int nsems, int flg) { return sem_get(key, nsems, flg); }

/* semtimedop in Linux's order of checks: the timeout's address, the
 * count (E2BIG, EINVAL), the operations' address, the id, the timeout's
 * value. */
long sys_semtimedop(int id, uint64_t usops, uint32_t nsops, uint64_t utimeout)
{
    struct linux_timespec ts;
    if (utimeout && copy_from_user(&ts, utimeout, sizeof ts))
        return -EFAULT;
    if (nsops > (uint32_t)ipc_limits.sem_ctls[SEM_OPM])
        return -E2BIG;
    if (nsops < 1)
        return -EINVAL;
    struct sembuf *sops = kmalloc(nsops * sizeof *sops);
    if (!sops)
        return -ENOMEM;
    long r;
    int64_t ns;
    if (copy_from_user(sops, usops, nsops * sizeof *sops)) {
        r = -EFAULT;
    } else if (id < 0) {
        r = -EINVAL;
    } else if (utimeout && (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)) {
        r = -EINVAL;
    } else {
        ns = ts.tv_sec > INT64_MAX / 1000000000 - 1 ? INT64_MAX : ts.tv_sec * 1000000000 + ts.tv_nsec;
        r = sem_op(id, sops, nsops, utimeout ? &ns : NULL);
    }
    kfree(sops);
    return r;
}

long sys_semop(int id, uint64_t usops, uint32_t nsops) { return sys_semtimedop(id, usops, nsops, 0); }

long sys_semctl(int id, int semnum, int cmd, uint64_t arg)
{
    if (id < 0)
        return -EINVAL;
    switch (cmd) {
    case IPC_INFO:
    case SEM_INFO: {
        struct seminfo info;
        return put(sem_info(cmd, &info), arg, &info, sizeof info);
    }
    case IPC_STAT:
    case SEM_STAT:
    case SEM_STAT_ANY: {
        struct semid64_ds ds;
        return put(sem_stat(id, cmd, &ds), arg, &ds, sizeof ds);
    }
    case GETALL:
    case GETVAL:
    case GETPID:
    case GETNCNT:
    case GETZCNT:
    case SETALL:
    case SETVAL: return sem_ctl(id, semnum, cmd, arg);
    case IPC_SET: {
        struct semid64_ds ds;
        if (copy_from_user(&ds, arg, sizeof ds))
            return -EFAULT;
        return sem_set(id, &ds);
    }
    case IPC_RMID: return sem_remove(id);
    default: return -EINVAL;
    }
}

/* --- message queues ---------------------------------------------------- */

long sys_msgget(int32_t key, int flg) { return msg_get(key, flg); }

/* The buffer is a struct msgbuf: a long type, then the text. */
long sys_msgsnd(int id, uint64_t umsg, size_t size, int flg)
{
    long type;
    if (copy_from_user(&type, umsg, sizeof type))
        return -EFAULT;
    return msg_send(id, type, umsg + sizeof type, size, flg);
}

long sys_msgrcv(int id, uint64_t umsg, size_t size, long type, int flg)
{
    return msg_receive(id, umsg, size, type, flg);
}

long sys_msgctl(int id, int cmd, uint64_t ubuf)
{
    if (id < 0 || cmd < 0)
        return -EINVAL;
    switch (cmd) {
    case IPC_INFO:
    case MSG_INFO: {
        struct msginfo info;
        return put(msg_info(cmd, &info), ubuf, &info, sizeof info);
    }
    case IPC_STAT:
    case MSG_STAT:
    case MSG_STAT_ANY: {
        struct msqid64_ds ds;
        return put(msg_stat(id, cmd, &ds), ubuf, &ds, sizeof ds);
    }
    case IPC_SET: {
        struct msqid64_ds ds;
        if (copy_from_user(&ds, ubuf, sizeof ds))
            return -EFAULT;
        return msg_set(id, &ds);
    }
    case IPC_RMID: return msg_remove(id);
    default: return -EINVAL;
    }
}
