/* ipc.c - System V IPC's place in a process's life (see ipc.h). */
#include "ipc/ipc.h"

#include "ipc/mqueue.h"

#include "proc/proc.h"

/* The last thread of a process ended: its SEM_UNDO adjustments apply
 * now, before its parent can see it exited, and the segments it created
 * lose their creator. */
static void process_exit(struct proc *leader)
{
    sem_exit(leader->tgid);
    shm_exit(leader->tgid);
}

void ipc_init(void)
{
    proc_set_exit_hook(process_exit);
    mqueue_fs_init(); /* POSIX message queues' file system (mqueue.h) */
}
