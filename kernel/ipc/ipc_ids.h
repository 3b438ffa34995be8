/*
 * ipc_ids.h - what the three kinds of System V IPC object (shared memory
 * segments, semaphore sets, message queues) have in common, as Linux's
 * ipc/util.c: a table per kind mapping ids to objects, keys, the
 * get-or-create rules of shmget/semget/msgget, the ipc_perm every object
 * carries and the one permission decision.
 *
 * Ids are built as Linux builds them: seq * IPC_SEQ_MULTIPLIER + index.
 * Indexes are handed out cyclically over a window that grows with use
 * (Linux's idr_alloc_cyclic over max(in_use * 3 / 2, 64) slots), and seq
 * moves on each time the cursor wraps, so the id of a removed object
 * stays invalid (EINVAL) for a long while even when its index is reused.
 *
 * Each object kind embeds struct kern_ipc_perm first in its own struct.
 * Locking: none beyond the kernel's own rule - it is not preempted and
 * one CPU runs it, and no interrupt handler touches IPC objects - so an
 * object found here stays valid until the caller sleeps. Callers copy
 * user memory before looking objects up, or after letting go of them.
 */
#ifndef IPC_IPC_IDS_H
#define IPC_IPC_IDS_H

#include <stdbool.h>
#include <stdint.h>

#include "uapi/ipc.h"

#define IPCMNI 32768 /* indexes per kind: the most any *mni tunable may say */
#define IPC_SEQ_SHIFT 15 /* log2(IPCMNI): id = seq << IPC_SEQ_SHIFT | index */
#define IPC_SEQ_MAX (INT32_MAX >> IPC_SEQ_SHIFT)

/* The permission bits of a mode (S_IRWXUGO) and the requests made of them. */
#define IPC_MODE_MASK 0777
#define IPC_PERM_READ 0444  /* S_IRUGO */
#define IPC_PERM_WRITE 0222 /* S_IWUGO */
#define IPC_PERM_EXEC 0111  /* S_IXUGO */
#define IPC_PERM_OWNER (-1) /* IPC_SET, IPC_RMID, SHM_LOCK: the owner, creator or an administrator */

struct kern_ipc_perm {
    int id;
    int32_t key;    /* IPC_PRIVATE: no key (also once removed but still attached) */
    uint32_t uid, gid, cuid, cgid;
    uint32_t mode;  /* IPC_MODE_MASK bits, and kind-specific ones (SHM_DEST...) */
    uint16_t seq;
};

struct ipc_ids {
    struct kern_ipc_perm **slot; /* by index; NULL: free */
    int nslots;                  /* the length of slot (grows on demand) */
    int in_use;
    int max_idx;                 /* the highest index in use, -1 when none */
    int last_idx;                /* the index handed out last (seq moves when the next is not above) */
    int cursor;                  /* where the cyclic search starts */
    uint16_t seq;
    int next_id;                 /* /proc/sys/kernel/X_next_id: the id the next object gets, -1: any */
};
#define IPC_IDS_INIT {.max_idx = -1, .last_idx = -1, .next_id = -1}

/* The three tables (shm.c, sem.c, msg.c own them). */
extern struct ipc_ids shm_ids, sem_ids, msg_ids;

/* The object with this id, or NULL (EINVAL): no object at its index, or
 * another one there now (the seq differs). */
struct kern_ipc_perm *ipc_find_id(struct ipc_ids *ids, int id);
/* The object at index (SHM_STAT & co take an index, masked as Linux does). */
struct kern_ipc_perm *ipc_find_index(struct ipc_ids *ids, int index);
/* The object with a key other than IPC_PRIVATE, or NULL. */
struct kern_ipc_perm *ipc_find_key(struct ipc_ids *ids, int32_t key);
/* The first object at index *index or above, for walks over all of them
 * (/proc/sysvipc, exit); *index is set to its index. NULL past the last. */
struct kern_ipc_perm *ipc_next(struct ipc_ids *ids, int *index);

/* Enters new object p (key and mode already set) into the table: gives it
 * an id and seq, and the caller's credentials as owner and creator. At
 * most limit objects of the kind (the *mni tunable) may exist. Returns
 * the id, -ENOSPC or -ENOMEM. */
int ipc_add(struct ipc_ids *ids, struct kern_ipc_perm *p, int limit);
/* Takes p out of the table (IPC_RMID); its id is invalid from now on. */
void ipc_remove(struct ipc_ids *ids, struct kern_ipc_perm *p);
/* Linux's ipc_get_maxidx, as IPC_INFO and *_INFO return it: the highest
 * index in use, 0 when there is none. */
int ipc_max_index(const struct ipc_ids *ids);

/* THE permission decision for System V IPC. request is a mask of the
 * IPC_PERM_READ/WRITE/EXEC bits (or a get's flag word: its low nine
 * bits), checked against p's mode for the caller as owner, group or
 * other, or IPC_PERM_OWNER. 0, -EACCES (mode bits) or -EPERM (owner). */
int ipc_permission(const struct kern_ipc_perm *p, int request);

/* How a kind makes a new object and checks an existing one for get. */
struct ipc_get_ops {
    /* A new object with key and the mode bits of flg; arg is the get's
     * own argument (size, nsems). Returns the id or -errno. */
    long (*create)(int32_t key, int flg, uint64_t arg);
    /* An existing object found by key: -EINVAL if it cannot serve arg
     * (too small), else 0. NULL: nothing to check. */
    int (*check)(struct kern_ipc_perm *p, uint64_t arg);
};
/* shmget/semget/msgget: IPC_PRIVATE always makes a new object; a key
 * finds its object (-EEXIST with IPC_CREAT|IPC_EXCL, -EACCES when flg's
 * mode bits ask for more than the caller may have) or, with IPC_CREAT,
 * makes one (else -ENOENT). Returns the id or -errno. */
long ipc_get(struct ipc_ids *ids, int32_t key, int flg, uint64_t arg, const struct ipc_get_ops *ops);

/* IPC_SET and IPC_RMID: the object with id if the caller may change it:
 * NULL with *err = -EINVAL (no such id) or -EPERM. */
struct kern_ipc_perm *ipc_find_owned(struct ipc_ids *ids, int id, int *err);
/* IPC_SET's common part: owner uid and gid, the mode's permission bits.
 * 0, or -EINVAL for an id that cannot be one ((uid_t)-1). */
int ipc_set_perm(struct kern_ipc_perm *p, const struct ipc64_perm *in);
/* The user's view of p (IPC_STAT). */
void ipc_fill_perm(const struct kern_ipc_perm *p, struct ipc64_perm *out);

/* The caller's process id (tgid): what *_lpid, sempid and friends record. */
int ipc_caller_pid(void);
/* Wall-clock seconds, for the *_time fields. */
int64_t ipc_now(void);

#endif
