/*
 * uapi/ipc.h - System V IPC: shared memory, semaphores and message
 * queues, with Linux's x86_64 layouts (uapi/linux/ipc.h, shm.h, sem.h,
 * msg.h and arch/x86/include/uapi/asm/{shm,sem,msg}buf.h). On x86_64 the
 * kernel speaks only the "64" structures and the commands carry no IPC_64
 * bit (the C libraries pass none there); a cmd with it is simply unknown.
 */
#ifndef UAPI_IPC_H
#define UAPI_IPC_H

#include <stdint.h>

/* --- common (linux/ipc.h) --------------------------------------------- */

#define IPC_PRIVATE 0

/* get's flags, above the nine permission bits */
#define IPC_CREAT 00001000
#define IPC_EXCL 00002000
#define IPC_NOWAIT 00004000

/* ctl commands of all three kinds */
#define IPC_RMID 0
#define IPC_SET 1
#define IPC_STAT 2
#define IPC_INFO 3

struct ipc64_perm {
    int32_t key;
    uint32_t uid, gid, cuid, cgid;
    uint32_t mode; /* __kernel_mode_t is 32 bits on x86_64: no __pad1 */
    uint16_t seq;
    uint16_t pad2;
    uint64_t unused1, unused2;
};
_Static_assert(sizeof(struct ipc64_perm) == 48, "struct ipc64_perm is 48 bytes on x86_64");

/* --- shared memory (linux/shm.h, asm/shmbuf.h) ------------------------ */

#define SHMMIN 1
#define SHMMNI 4096
#define SHMMAX (UINT64_MAX - (1ull << 24)) /* "as large as possible without overflowing" */
#define SHMALL (UINT64_MAX - (1ull << 24))
#define SHMLBA 4096

/* shmget flags */
#define SHM_HUGETLB 04000
#define SHM_NORESERVE 010000
/* mode bits the kernel sets in shm_perm.mode */
#define SHM_DEST 01000   /* removed, destroyed on the last detach */
#define SHM_LOCKED 02000 /* SHM_LOCK */
/* shmat flags */
#define SHM_RDONLY 010000
#define SHM_RND 020000
#define SHM_REMAP 040000
#define SHM_EXEC 0100000
/* shmctl commands */
#define SHM_LOCK 11
#define SHM_UNLOCK 12
#define SHM_STAT 13
#define SHM_INFO 14
#define SHM_STAT_ANY 15

struct shmid64_ds {
    struct ipc64_perm shm_perm;
    uint64_t shm_segsz;
    int64_t shm_atime, shm_dtime, shm_ctime;
    int32_t shm_cpid, shm_lpid;
    uint64_t shm_nattch;
    uint64_t unused4, unused5;
};
_Static_assert(sizeof(struct shmid64_ds) == 112, "struct shmid64_ds is 112 bytes on x86_64");

/* IPC_INFO */
struct shminfo64 {
    uint64_t shmmax, shmmin, shmmni, shmseg, shmall;
    uint64_t unused1, unused2, unused3, unused4;
};

/* SHM_INFO */
struct shm_info {
    int32_t used_ids;
    uint64_t shm_tot; /* pages allocated */
    uint64_t shm_rss; /* pages in memory */
    uint64_t shm_swp;
    uint64_t swap_attempts, swap_successes;
};
_Static_assert(sizeof(struct shm_info) == 48, "struct shm_info is 48 bytes on x86_64");

/* --- semaphores (linux/sem.h, asm/sembuf.h) --------------------------- */

#define SEMMNI 32000
#define SEMMSL 32000
#define SEMMNS (SEMMNI * SEMMSL)
#define SEMOPM 500
#define SEMVMX 32767
#define SEMAEM SEMVMX /* the largest adjust-on-exit value */
#define SEMUME SEMOPM
#define SEMMNU SEMMNS
#define SEMMAP SEMMNS
#define SEMUSZ 20

/* semop flags */
#define SEM_UNDO 0x1000
/* semctl commands */
#define GETPID 11
#define GETVAL 12
#define GETALL 13
#define GETNCNT 14
#define GETZCNT 15
#define SETVAL 16
#define SETALL 17
#define SEM_STAT 18
#define SEM_INFO 19
#define SEM_STAT_ANY 20

struct sembuf {
    uint16_t sem_num;
    int16_t sem_op;
    int16_t sem_flg;
};

struct semid64_ds {
    struct ipc64_perm sem_perm;
    int64_t sem_otime;
    uint64_t unused1;
    int64_t sem_ctime;
    uint64_t unused2;
    uint64_t sem_nsems;
    uint64_t unused3, unused4;
};
_Static_assert(sizeof(struct semid64_ds) == 104, "struct semid64_ds is 104 bytes on x86_64");

/* IPC_INFO and SEM_INFO */
struct seminfo {
    int32_t semmap, semmni, semmns, semmnu, semmsl, semopm, semume, semusz, semvmx, semaem;
};

/* --- message queues (linux/msg.h, asm/msgbuf.h) ----------------------- */

#define MSGMNI 32000
#define MSGMAX 8192  /* the largest message */
#define MSGMNB 16384 /* a new queue's msg_qbytes */
#define MSGPOOL (MSGMNI * MSGMNB / 1024)
#define MSGTQL MSGMNB
#define MSGMAP MSGMNB
#define MSGSSZ 16
#define MSGSEG 0xffff /* (MSGPOOL * 1024) / MSGSSZ, capped to 16 bits */

/* msgrcv flags */
#define MSG_NOERROR 010000
#define MSG_EXCEPT 020000
#define MSG_COPY 040000
/* msgctl commands */
#define MSG_STAT 11
#define MSG_INFO 12
#define MSG_STAT_ANY 13

struct msqid64_ds {
    struct ipc64_perm msg_perm;
    int64_t msg_stime, msg_rtime, msg_ctime;
    uint64_t msg_cbytes, msg_qnum, msg_qbytes;
    int32_t msg_lspid, msg_lrpid;
    uint64_t unused4, unused5;
};
_Static_assert(sizeof(struct msqid64_ds) == 120, "struct msqid64_ds is 120 bytes on x86_64");

/* IPC_INFO and MSG_INFO */
struct msginfo {
    int32_t msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql;
    uint16_t msgseg;
};

#endif
