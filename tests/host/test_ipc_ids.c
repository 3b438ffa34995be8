/* Host tests for kernel/ipc/ipc_ids.c: System V IPC ids as Linux builds
 * them (seq * 32768 + index, indexes cyclic over a window, seq moving on
 * at each wrap), requested ids (next_id), keys and the get rules. */
#include "ipc/ipc_ids.c"

#include "unit.h"

void *kmalloc(size_t size) { return malloc(size); }
void *kzalloc(size_t size) { return calloc(1, size); }
void kfree(void *p) { free(p); }
int64_t clock_realtime_ns(void) { return 0; }

/* The caller's credentials (proc/cred.c): root unless a test changes them. */
static struct cred caller;
const struct cred *current_cred(void) { return &caller; }
bool cred_in_group(const struct cred *c, uint32_t gid) { return gid == c->fsgid; }
bool cred_capable(const struct cred *c, int cap) { (void)cap; return c->euid == 0; }

#define MAXOBJ 256
static struct kern_ipc_perm objs[MAXOBJ];
static int nobj;

static struct ipc_ids fresh(void)
{
    nobj = 0;
    memset(objs, 0, sizeof objs);
    return (struct ipc_ids)IPC_IDS_INIT;
}

static int add(struct ipc_ids *ids, int32_t key)
{
    struct kern_ipc_perm *p = &objs[nobj++];
    p->key = key;
    p->mode = 0600;
    return ipc_add(ids, p, IPCMNI);
}

static void drop(struct ipc_ids *ids)
{
    free(ids->slot);
    ids->slot = NULL;
}

TEST(first_ids_count_up_from_zero)
{
    struct ipc_ids ids = fresh();
    CHECK_EQ_INT(add(&ids, 0), 0);
    CHECK_EQ_INT(add(&ids, 0), 1);
    CHECK_EQ_INT(add(&ids, 0), 2);
    CHECK_EQ_INT(ids.in_use, 3);
    CHECK_EQ_INT(ipc_max_index(&ids), 2);
    CHECK(ipc_find_id(&ids, 1) == &objs[1]);
    CHECK(ipc_find_index(&ids, 2) == &objs[2]);
    drop(&ids);
}

TEST(removed_index_is_not_reused_at_once)
{
    struct ipc_ids ids = fresh();
    add(&ids, 0);
    add(&ids, 0);
    ipc_remove(&ids, &objs[0]);
    CHECK(ipc_find_id(&ids, 0) == NULL);
    CHECK_EQ_INT(add(&ids, 0), 2); /* the cursor goes on */
    ipc_remove(&ids, &objs[2]);
    ipc_remove(&ids, &objs[1]);
    CHECK_EQ_INT(ipc_max_index(&ids), 0); /* none in use: 0, as IPC_INFO reports */
    CHECK_EQ_INT(ids.max_idx, -1);
    drop(&ids);
}

TEST(wrapping_the_window_moves_seq_on)
{
    struct ipc_ids ids = fresh();
    /* One object at a time: indexes 0..63, then 0 again with seq 1. */
    for (int i = 0; i < 64; i++) {
        int id = add(&ids, 0);
        CHECK_EQ_INT(id, i);
        ipc_remove(&ids, &objs[nobj - 1]);
    }
    int id = add(&ids, 0);
    CHECK_EQ_INT(id, 32768);
    CHECK_EQ_INT(objs[nobj - 1].seq, 1);
    CHECK(ipc_find_id(&ids, 0) == NULL); /* the old id of index 0 is stale */
    CHECK(ipc_find_id(&ids, 32768) == &objs[nobj - 1]);
    CHECK(ipc_find_index(&ids, 0) == &objs[nobj - 1]);
    drop(&ids);
}

TEST(window_grows_with_use)
{
    struct ipc_ids ids = fresh();
    for (int i = 0; i < 64; i++)
        CHECK_EQ_INT(add(&ids, 0), i);
    /* 64 in use: the window is 96, so index 64 follows (no wrap). */
    CHECK_EQ_INT(add(&ids, 0), 64);
    drop(&ids);
}

TEST(limit_is_enospc)
{
    struct ipc_ids ids = fresh();
    struct kern_ipc_perm a = {0}, b = {0};
    CHECK_EQ_INT(ipc_add(&ids, &a, 1), 0);
    CHECK_EQ_INT(ipc_add(&ids, &b, 1), -ENOSPC);
    drop(&ids);
}

TEST(next_id_is_used_once)
{
    struct ipc_ids ids = fresh();
    ids.next_id = 3 * 32768 + 17;
    CHECK_EQ_INT(add(&ids, 0), 3 * 32768 + 17);
    CHECK_EQ_INT(ids.next_id, -1);
    CHECK_EQ_INT(add(&ids, 0), 0); /* back to the cycle */
    /* A taken index: the first free one above it, with the seq asked for. */
    ids.next_id = 32768 + 17;
    CHECK_EQ_INT(add(&ids, 0), 32768 + 18);
    CHECK_EQ_INT(ipc_max_index(&ids), 18);
    drop(&ids);
}

static int created;
static long create(int32_t key, int flg, uint64_t arg)
{
    (void)flg, (void)arg;
    created++;
    struct kern_ipc_perm *p = &objs[nobj++];
    p->key = key;
    p->mode = (uint32_t)flg & 0777;
    return ipc_add(&shm_ids, p, IPCMNI);
}
static int check(struct kern_ipc_perm *p, uint64_t arg)
{
    (void)p;
    return arg > 10 ? -EINVAL : 0;
}
static const struct ipc_get_ops ops = {.create = create, .check = check};

struct ipc_ids shm_ids = IPC_IDS_INIT, sem_ids = IPC_IDS_INIT, msg_ids = IPC_IDS_INIT;

TEST(get_rules)
{
    shm_ids = fresh();
    created = 0;
    CHECK_EQ_INT(ipc_get(&shm_ids, IPC_PRIVATE, 0, 1, &ops), 0);
    CHECK_EQ_INT(ipc_get(&shm_ids, IPC_PRIVATE, 0, 1, &ops), 1); /* always a new one */
    CHECK_EQ_INT(ipc_get(&shm_ids, 42, 0600, 1, &ops), -ENOENT);
    CHECK_EQ_INT(ipc_get(&shm_ids, 42, IPC_CREAT | 0600, 1, &ops), 2);
    CHECK_EQ_INT(ipc_get(&shm_ids, 42, IPC_CREAT | 0600, 1, &ops), 2);
    CHECK_EQ_INT(ipc_get(&shm_ids, 42, IPC_CREAT | IPC_EXCL | 0600, 1, &ops), -EEXIST);
    CHECK_EQ_INT(ipc_get(&shm_ids, 42, 0, 11, &ops), -EINVAL); /* the kind's own check */
    CHECK_EQ_INT(created, 3);
    CHECK(ipc_find_key(&shm_ids, IPC_PRIVATE) == NULL); /* no key finds private objects */
    objs[2].key = IPC_PRIVATE;                           /* removed while attached */
    CHECK_EQ_INT(ipc_get(&shm_ids, 42, 0, 1, &ops), -ENOENT);
    drop(&shm_ids);
}

TEST(set_perm_and_owner)
{
    struct kern_ipc_perm p = {.mode = 01600};
    struct ipc64_perm in = {.uid = 5, .gid = 6, .mode = 07644};
    CHECK_EQ_INT(ipc_set_perm(&p, &in), 0);
    CHECK_EQ_INT(p.uid, 5);
    CHECK_EQ_INT(p.gid, 6);
    CHECK_EQ_INT(p.mode, 01644); /* only the permission bits change */
    in.uid = (uint32_t)-1;
    CHECK_EQ_INT(ipc_set_perm(&p, &in), -EINVAL);
    /* The caller is root (no credentials yet): owner and every mode bit. */
    p.mode = 0;
    CHECK_EQ_INT(ipc_permission(&p, IPC_PERM_READ | IPC_PERM_WRITE), 0);
    CHECK_EQ_INT(ipc_permission(&p, IPC_PERM_OWNER), 0);
    struct ipc64_perm out;
    p.key = 7;
    p.seq = 3;
    ipc_fill_perm(&p, &out);
    CHECK(out.key == 7 && out.uid == 5 && out.seq == 3 && out.unused1 == 0);
}

TEST(permission_by_mode_and_owner)
{
    struct kern_ipc_perm p = {.uid = 1000, .cuid = 1000, .gid = 100, .cgid = 100, .mode = 0640};
    caller = (struct cred){.euid = 1000, .fsuid = 1000, .egid = 5, .fsgid = 5};
    CHECK_EQ_INT(ipc_permission(&p, 0600), 0);       /* the owner reads and writes */
    CHECK_EQ_INT(ipc_permission(&p, IPC_PERM_OWNER), 0);
    caller = (struct cred){.euid = 2000, .fsuid = 2000, .egid = 100, .fsgid = 100};
    CHECK_EQ_INT(ipc_permission(&p, 0400), 0);       /* the group reads */
    CHECK_EQ_INT(ipc_permission(&p, 0200), -EACCES); /* but does not write */
    CHECK_EQ_INT(ipc_permission(&p, IPC_PERM_OWNER), -EPERM);
    caller = (struct cred){.euid = 3000, .fsuid = 3000, .egid = 7, .fsgid = 7};
    CHECK_EQ_INT(ipc_permission(&p, 0400), -EACCES); /* others: nothing */
    caller = (struct cred){0};
    CHECK_EQ_INT(ipc_permission(&p, 0600), 0);       /* root: everything */
    CHECK_EQ_INT(ipc_permission(&p, IPC_PERM_OWNER), 0);
}

RUN_TESTS()
