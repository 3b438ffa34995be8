/* ipc_ids.c - see ipc_ids.h. */
#include "ipc/ipc_ids.h"

#include "lib/string.h"
#include "mm/kmalloc.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "time/clock.h"
#include "uapi/errno.h"

/* Linux's ipc_min_cycle (RADIX_TREE_MAP_SIZE): indexes cycle through at
 * least this many slots before one is reused. */
#define MIN_CYCLE 64

/* The caller's effective ids (proc/cred.h): an object's creator and owner. */
static uint32_t caller_euid(void) { return current_cred()->euid; }
static uint32_t caller_egid(void) { return current_cred()->egid; }

int ipc_permission(const struct kern_ipc_perm *p, int request)
{
    uint32_t euid = caller_euid();
    bool owner = euid == p->cuid || euid == p->uid;
    if (request == IPC_PERM_OWNER) /* IPC_SET, IPC_RMID: Linux's ipcctl_obtain_check */
        return owner || capable(CAP_SYS_ADMIN) ? 0 : -EPERM;
    /* Linux's ipcperms: the request's rwx bits, from whichever of its
     * owner/group/other triplets they were given in, against the triplet
     * of the mode that applies to the caller. */
    unsigned requested = ((unsigned)request >> 6 | (unsigned)request >> 3 | (unsigned)request) & 7;
    unsigned granted = p->mode;
    if (owner)
        granted >>= 6;
    else if (cred_in_group(current_cred(), p->cgid) || cred_in_group(current_cred(), p->gid))
        granted >>= 3;
    if ((requested & ~granted & 7) && !capable(CAP_IPC_OWNER))
        return -EACCES;
    return 0;
}

int ipc_caller_pid(void)
{
    struct proc *p = current();
    return p ? p->tgid : 0;
}

int64_t ipc_now(void) { return clock_realtime_ns() / 1000000000; }

/* --- the table -------------------------------------------------------- */

struct kern_ipc_perm *ipc_find_index(struct ipc_ids *ids, int index)
{
    index &= IPCMNI - 1;
    return index < ids->nslots ? ids->slot[index] : NULL;
}

struct kern_ipc_perm *ipc_find_id(struct ipc_ids *ids, int id)
{
    if (id < 0)
        return NULL;
    struct kern_ipc_perm *p = ipc_find_index(ids, id);
    return p && p->id == id ? p : NULL;
}

struct kern_ipc_perm *ipc_find_key(struct ipc_ids *ids, int32_t key)
{
    if (key == IPC_PRIVATE)
        return NULL;
    for (int i = 0; i <= ids->max_idx; i++)
        if (ids->slot[i] && ids->slot[i]->key == key)
            return ids->slot[i];
    return NULL;
}

struct kern_ipc_perm *ipc_next(struct ipc_ids *ids, int *index)
{
    for (int i = *index < 0 ? 0 : *index; i <= ids->max_idx; i++)
        if (ids->slot[i]) {
            *index = i;
            return ids->slot[i];
        }
    return NULL;
}

int ipc_max_index(const struct ipc_ids *ids) { return ids->max_idx < 0 ? 0 : ids->max_idx; }

/* The lowest free index in [from, to), or -1. */
static int free_index(const struct ipc_ids *ids, int from, int to)
{
    for (int i = from; i < to; i++)
        if (i >= ids->nslots || !ids->slot[i])
            return i;
    return -1;
}

/* Makes room for index in the slot array: 0 or -ENOMEM. */
static int grow(struct ipc_ids *ids, int index)
{
    if (index < ids->nslots)
        return 0;
    int n = ids->nslots ? ids->nslots : MIN_CYCLE;
    while (n <= index)
        n *= 2;
    struct kern_ipc_perm **s = kzalloc((size_t)n * sizeof *s);
    if (!s)
        return -ENOMEM;
    if (ids->nslots)
        memcpy(s, ids->slot, (size_t)ids->nslots * sizeof *s);
    kfree(ids->slot);
    ids->slot = s;
    ids->nslots = n;
    return 0;
}

int ipc_add(struct ipc_ids *ids, struct kern_ipc_perm *p, int limit)
{
    if (limit > IPCMNI)
        limit = IPCMNI;
    if (ids->in_use >= limit)
        return -ENOSPC;
    int index, seq, next = ids->next_id;
    ids->next_id = -1; /* a requested id is used once (checkpoint/restore) */
    if (next >= 0) {
        /* That index or the first free one above it, with its seq
         * (Linux's idr_alloc from ipcid_to_idx(next_id)). */
        seq = next >> IPC_SEQ_SHIFT;
        index = free_index(ids, next & (IPCMNI - 1), IPCMNI);
    } else {
        /* Cyclic from just past the last one handed out, over a window
         * of max(in_use * 3 / 2, 64) indexes; wrapping moves seq on. */
        int window = ids->in_use * 3 / 2 > MIN_CYCLE ? ids->in_use * 3 / 2 : MIN_CYCLE;
        if (window > IPCMNI)
            window = IPCMNI;
        index = free_index(ids, ids->cursor, window);
        if (index < 0 && ids->cursor > 0)
            index = free_index(ids, 0, window);
        if (index >= 0) {
            ids->cursor = index + 1;
            if (index <= ids->last_idx && ++ids->seq >= IPC_SEQ_MAX)
                ids->seq = 0;
            ids->last_idx = index;
        }
        seq = ids->seq;
    }
    if (index < 0)
        return -ENOSPC;
    if (grow(ids, index))
        return -ENOMEM;
    p->uid = p->cuid = caller_euid();
    p->gid = p->cgid = caller_egid();
    p->seq = (uint16_t)seq;
    p->id = seq << IPC_SEQ_SHIFT | index;
    ids->slot[index] = p;
    ids->in_use++;
    if (index > ids->max_idx)
        ids->max_idx = index;
    return p->id;
}

void ipc_remove(struct ipc_ids *ids, struct kern_ipc_perm *p)
{
    int index = p->id & (IPCMNI - 1);
    ids->slot[index] = NULL;
    ids->in_use--;
    while (ids->max_idx >= 0 && !ids->slot[ids->max_idx])
        ids->max_idx--;
}

long ipc_get(struct ipc_ids *ids, int32_t key, int flg, uint64_t arg, const struct ipc_get_ops *ops)
{
    if (key == IPC_PRIVATE)
        return ops->create(key, flg, arg);
    struct kern_ipc_perm *p = ipc_find_key(ids, key);
    if (!p)
        return (flg & IPC_CREAT) ? ops->create(key, flg, arg) : -ENOENT;
    if ((flg & IPC_CREAT) && (flg & IPC_EXCL))
        return -EEXIST;
    if (ops->check) {
        int err = ops->check(p, arg);
        if (err)
            return err;
    }
    if (ipc_permission(p, flg & IPC_MODE_MASK))
        return -EACCES;
    return p->id;
}

struct kern_ipc_perm *ipc_find_owned(struct ipc_ids *ids, int id, int *err)
{
    struct kern_ipc_perm *p = ipc_find_id(ids, id);
    if (!p) {
        *err = -EINVAL;
        return NULL;
    }
    *err = ipc_permission(p, IPC_PERM_OWNER);
    return *err ? NULL : p;
}

int ipc_set_perm(struct kern_ipc_perm *p, const struct ipc64_perm *in)
{
    if (in->uid == (uint32_t)-1 || in->gid == (uint32_t)-1)
        return -EINVAL; /* Linux: make_kuid gives no valid id for -1 */
    p->uid = in->uid;
    p->gid = in->gid;
    p->mode = (p->mode & ~(uint32_t)IPC_MODE_MASK) | (in->mode & IPC_MODE_MASK);
    return 0;
}

void ipc_fill_perm(const struct kern_ipc_perm *p, struct ipc64_perm *out)
{
    memset(out, 0, sizeof *out);
    out->key = p->key;
    out->uid = p->uid;
    out->gid = p->gid;
    out->cuid = p->cuid;
    out->cgid = p->cgid;
    out->mode = p->mode;
    out->seq = p->seq;
}
