/*
 * ipc.h - System V IPC for the rest of the kernel: shared memory
 * (shm.c), semaphores (sem.c) and message queues (msg.c), as Linux's
 * ipc/. The system calls (syscall/sys_ipc.c) copy fixed-size arguments in
 * and out and call these; message texts and semaphore arrays move
 * between user memory and the objects here. Every function returns
 * Linux's result or -errno. The objects' common machinery (ids, keys,
 * permissions) is ipc_ids.h; the tunables are below.
 *
 * A shared memory segment is an unlinked file of the kernel's internal
 * tmpfs (tmpfs_file_setup): its page cache holds the segment's pages, and
 * shmat maps the file MAP_SHARED through the same vm_file_ops as mmap, so
 * fork shares the pages and nothing else stores them.
 */
#ifndef IPC_IPC_H
#define IPC_IPC_H

#include <stddef.h>
#include <stdint.h>

#include "uapi/ipc.h"

/* The tunables of /proc/sys/kernel (Linux's ipc_namespace fields), with
 * Linux's defaults; ipc_sysctl.c reads and writes them as text. */
struct ipc_limits {
    uint64_t shm_ctlmax;  /* shmmax: the largest segment, bytes */
    uint64_t shm_ctlall;  /* shmall: all segments together, pages */
    int shm_ctlmni;       /* shmmni: segments */
    int shm_rmid_forced;  /* destroy segments with no attach once their creator is gone */
    int msg_ctlmax;       /* msgmax: the largest message */
    int msg_ctlmnb;       /* msgmnb: a new queue's byte limit */
    int msg_ctlmni;       /* msgmni: queues */
    int sem_ctls[4];      /* sem: semmsl (per set), semmns (all), semopm (per semop), semmni (sets) */
};
#define SEM_MSL 0
#define SEM_MNS 1
#define SEM_OPM 2
#define SEM_MNI 3
extern struct ipc_limits ipc_limits;

/* Hooks IPC into process exit: a process's SEM_UNDO adjustments are
 * applied and the segments it created are orphaned (or destroyed, with
 * shm_rmid_forced) when its last thread ends. */
void ipc_init(void);

/* --- shared memory (shm.c) -------------------------------------------- */
long shm_get(int32_t key, uint64_t size, int flg);
/* shmat: the address the segment was attached at, or -errno. */
long shm_attach(int id, uint64_t addr, int flg);
long shm_detach(uint64_t addr);
/* IPC_INFO and SHM_INFO fill their struct and return the highest index. */
long shm_ipc_info(struct shminfo64 *out);
long shm_shm_info(struct shm_info *out);
/* IPC_STAT (returns 0), SHM_STAT and SHM_STAT_ANY (id is an index;
 * return the object's id). */
long shm_stat(int id, int cmd, struct shmid64_ds *out);
long shm_set(int id, const struct shmid64_ds *in);
long shm_remove(int id);
/* SHM_LOCK, SHM_UNLOCK: only the SHM_LOCKED mode bit (nothing is ever
 * swapped out). */
long shm_lock(int id, int cmd);
/* The process tgid is gone: its segments lose their creator. */
void shm_exit(int tgid);
/* shm_rmid_forced became 1: segments without creator or attach go. */
void shm_destroy_orphaned(void);
/* /proc/sysvipc/shm (a procfs generator; pid is unused). */
long shm_proc_show(int pid, char *buf, size_t size);

/* --- semaphores (sem.c) ----------------------------------------------- */
long sem_get(int32_t key, int nsems, int flg);
/* semop/semtimedop on sops (nsops of them, in kernel memory, already
 * checked against semopm); timeout_ns NULL: no limit. */
long sem_op(int id, const struct sembuf *sops, unsigned nsops, const int64_t *timeout_ns);
/* IPC_INFO, SEM_INFO: the highest index. */
long sem_info(int cmd, struct seminfo *out);
long sem_stat(int id, int cmd, struct semid64_ds *out);
/* GETVAL GETPID GETNCNT GETZCNT GETALL SETVAL SETALL; arg is semctl's
 * fourth argument: the value (SETVAL) or the user array (GETALL, SETALL). */
long sem_ctl(int id, int semnum, int cmd, uint64_t arg);
long sem_set(int id, const struct semid64_ds *in);
long sem_remove(int id);
/* The process tgid is gone: its SEM_UNDO adjustments are applied. */
void sem_exit(int tgid);
long sem_proc_show(int pid, char *buf, size_t size);

/* --- message queues (msg.c) ------------------------------------------- */
long msg_get(int32_t key, int flg);
/* msgsnd of size bytes of text at user address utext, of type type. */
long msg_send(int id, long type, uint64_t utext, size_t size, int flg);
/* msgrcv into the struct msgbuf at user address ubuf (type, then text). */
long msg_receive(int id, uint64_t ubuf, size_t size, long type, int flg);
long msg_info(int cmd, struct msginfo *out);
long msg_stat(int id, int cmd, struct msqid64_ds *out);
long msg_set(int id, const struct msqid64_ds *in);
long msg_remove(int id);
long msg_proc_show(int pid, char *buf, size_t size);

/* --- /proc/sys/kernel (ipc_sysctl.c): procfs_sysctl.h's callbacks ----- */
long ipc_read_shmmax(int pid, char *buf, size_t size);
long ipc_write_shmmax(const char *buf, size_t n);
long ipc_read_shmall(int pid, char *buf, size_t size);
long ipc_write_shmall(const char *buf, size_t n);
long ipc_read_shmmni(int pid, char *buf, size_t size);
long ipc_write_shmmni(const char *buf, size_t n);
long ipc_read_shm_rmid_forced(int pid, char *buf, size_t size);
long ipc_write_shm_rmid_forced(const char *buf, size_t n);
long ipc_read_msgmax(int pid, char *buf, size_t size);
long ipc_write_msgmax(const char *buf, size_t n);
long ipc_read_msgmnb(int pid, char *buf, size_t size);
long ipc_write_msgmnb(const char *buf, size_t n);
long ipc_read_msgmni(int pid, char *buf, size_t size);
long ipc_write_msgmni(const char *buf, size_t n);
long ipc_read_sem(int pid, char *buf, size_t size);
long ipc_write_sem(const char *buf, size_t n);
long ipc_read_shm_next_id(int pid, char *buf, size_t size);
long ipc_write_shm_next_id(const char *buf, size_t n);
long ipc_read_sem_next_id(int pid, char *buf, size_t size);
long ipc_write_sem_next_id(const char *buf, size_t n);
long ipc_read_msg_next_id(int pid, char *buf, size_t size);
long ipc_write_msg_next_id(const char *buf, size_t n);

#endif
