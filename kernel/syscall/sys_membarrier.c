/*
 * sys_membarrier.c - membarrier(2). Tiny OS runs every thread on one
 * CPU, and a switch between threads is a full barrier, so each barrier
 * command is complete when the call returns; what remains is Linux's
 * interface: the commands supported (QUERY's mask), and that the
 * expedited ones need their REGISTER first (EPERM otherwise). A
 * registration belongs to the process and ends at exec.
 */
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"

#define MEMBARRIER_CMD_QUERY 0
#define MEMBARRIER_CMD_GLOBAL (1 << 0)
#define MEMBARRIER_CMD_GLOBAL_EXPEDITED (1 << 1)
#define MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED (1 << 2)
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED (1 << 3)
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED (1 << 4)
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE (1 << 5)
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE (1 << 6)
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ (1 << 7)
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ (1 << 8)
#define MEMBARRIER_CMD_FLAG_CPU 1

/* What QUERY reports: the GLOBAL, GLOBAL_EXPEDITED, PRIVATE_EXPEDITED and
 * SYNC_CORE families (Linux's on x86_64 without rseq: no RSEQ bits). */
#define SUPPORTED                                                                                          \
    (MEMBARRIER_CMD_GLOBAL | MEMBARRIER_CMD_GLOBAL_EXPEDITED | MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED |  \
     MEMBARRIER_CMD_PRIVATE_EXPEDITED | MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED |                         \
     MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE | MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE)

/* The registrations a process holds (proc.membarrier). */
#define REG_GLOBAL_EXPEDITED (1 << 0)
#define REG_PRIVATE_EXPEDITED (1 << 1)
#define REG_SYNC_CORE (1 << 2)

long sys_membarrier(int cmd, unsigned flags, int cpu_id)
{
    (void)cpu_id;
    struct proc *l = current()->leader;
    /* Linux: flags must be 0, or FLAG_CPU with the RSEQ command only. */
    if (cmd == MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ ? flags & ~MEMBARRIER_CMD_FLAG_CPU : flags)
        return -EINVAL;
    switch (cmd) {
    case MEMBARRIER_CMD_QUERY:
        return SUPPORTED;
    case MEMBARRIER_CMD_GLOBAL:
    case MEMBARRIER_CMD_GLOBAL_EXPEDITED:
        return 0; /* one CPU: every other thread is already past a barrier */
    case MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED:
        l->membarrier |= REG_GLOBAL_EXPEDITED;
        return 0;
    case MEMBARRIER_CMD_PRIVATE_EXPEDITED:
        return l->membarrier & REG_PRIVATE_EXPEDITED ? 0 : -EPERM;
    case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED:
        l->membarrier |= REG_PRIVATE_EXPEDITED;
        return 0;
    case MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE:
        return l->membarrier & REG_SYNC_CORE ? 0 : -EPERM;
    case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE:
        l->membarrier |= REG_SYNC_CORE;
        return 0;
    default:
        return -EINVAL; /* the RSEQ commands included: no rseq(2) */
    }
}
