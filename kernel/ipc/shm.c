/*
 * shm.c - System V shared memory, as Linux's ipc/shm.c.
 *
 * A segment is an unlinked file of the kernel's internal tmpfs, named
 * SYSV<key> (tmpfs_file_setup): the file's page cache is the segment's
 * memory. shmat maps that file MAP_SHARED through vm_map like mmap does,
 * with vm_file_ops that wrap the file's own (filemap's) to count
 * attaches: every area mapping a segment - a new attach, fork's copy, a
 * piece split off by mprotect or munmap - is one shm_nattch, as Linux
 * counts VMAs. IPC_RMID of an attached segment only marks it SHM_DEST and
 * hides its key; the last detach (or exit, or exec) destroys it.
 */
#include "arch/x86_64/layout.h"
#include "fs/file.h"
#include "fs/filemap.h"
#include "fs/inode.h"
#include "fs/tmpfs.h"
#include "ipc/ipc.h"
#include "ipc/ipc_ids.h"
#include "lib/format.h"
#include "mm/kmalloc.h"
#include "mm/pt_index.h"
#include "mm/vm.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/mman.h"

struct shm_segment {
    struct kern_ipc_perm perm;
    struct file *file;                  /* the pages; file->priv points back here */
    const struct vm_file_ops *page_ops; /* the file's mapping operations (filemap.c) */
    uint64_t size;                      /* shm_segsz, as asked (the file's size) */
    int64_t atime, dtime, ctime;
    int cpid, lpid;
    uint64_t nattch;
    int creator; /* the creating process's tgid while it lives (shm_rmid_forced), else 0 */
};

struct ipc_ids shm_ids = IPC_IDS_INIT;
static uint64_t shm_tot; /* pages of all segments, against shmall */

static uint64_t pages_of(uint64_t size) { return size / PAGE_SIZE + (size % PAGE_SIZE != 0); }

static struct shm_segment *seg_of(struct kern_ipc_perm *p) { return (struct shm_segment *)p; }

static struct shm_segment *find(int id) { return seg_of(ipc_find_id(&shm_ids, id)); }

/* Linux's shm_may_destroy: no attach left, and removed or forced. */
static bool may_destroy(const struct shm_segment *s)
{
    return s->nattch == 0 && (ipc_limits.shm_rmid_forced || (s->perm.mode & SHM_DEST));
}

static void destroy(struct shm_segment *s)
{
    ipc_remove(&shm_ids, &s->perm);
    shm_tot -= pages_of(s->size);
    file_put(s->file); /* the last reference: the pages go */
    kfree(s);
}

/* --- attaches: the mapping operations ---------------------------------- */

static struct shm_segment *seg_of_area(struct vma *v) { return ((struct file *)v->file)->priv; }

static void shm_vm_open(struct vma *v)
{
    struct shm_segment *s = seg_of_area(v);
    s->page_ops->open(v);
    s->nattch++;
    s->atime = ipc_now();
    s->lpid = ipc_caller_pid();
}

static void shm_vm_close(struct vma *v)
{
    struct shm_segment *s = seg_of_area(v);
    s->page_ops->close(v); /* v's reference to the file; the segment keeps its own */
    s->nattch--;
    s->dtime = ipc_now();
    s->lpid = ipc_caller_pid();
    if (may_destroy(s))
        destroy(s);
}

static int shm_vm_fault(struct vma *v, uint64_t pgoff, uint64_t *pa)
{
    return seg_of_area(v)->page_ops->fault(v, pgoff, pa);
}

static const struct vm_file_ops shm_vm_ops = {.open = shm_vm_open, .close = shm_vm_close, .fault = shm_vm_fault};

/* --- shmget ------------------------------------------------------------ */

static long create(int32_t key, int flg, uint64_t size)
{
    uint64_t npages = pages_of(size);
    if (size < SHMMIN || size > ipc_limits.shm_ctlmax)
        return -EINVAL;
    if (shm_tot + npages < shm_tot || shm_tot + npages > ipc_limits.shm_ctlall)
        return -ENOSPC;
    if (flg & SHM_HUGETLB)
        return -EINVAL; /* no huge page size is supported (Linux: no hstate) */
    if (size > FILEMAP_MAX_BYTES)
        return -ENOMEM; /* more than any memory (Linux's overcommit check says the same) */
    struct shm_segment *s = kzalloc(sizeof *s);
    if (!s)
        return -ENOMEM;
    char name[16];
    ksnprintf(name, sizeof name, "SYSV%08x", (uint32_t)key);
    s->file = tmpfs_file_setup(name, size);
    if (!s->file) {
        kfree(s);
        return -ENOMEM;
    }
    /* The file's own mapping operations, which ours wrap: what mmap of it
     * would install. */
    struct vma_file vf = {.file = s->file};
    s->file->ops->mmap(s->file, &vf);
    s->page_ops = vf.ops;
    s->file->priv = s;
    s->perm.key = key;
    s->perm.mode = (uint32_t)flg & IPC_MODE_MASK;
    s->size = size;
    s->cpid = s->creator = ipc_caller_pid();
    s->ctime = ipc_now();
    int id = ipc_add(&shm_ids, &s->perm, ipc_limits.shm_ctlmni);
    if (id < 0) {
        file_put(s->file);
        kfree(s);
        return id;
    }
    /* Linux reports the id as the inode number in /proc/PID/maps (procps
     * tools rely on it). */
    s->file->inode->ino = (uint64_t)id;
    shm_tot += npages;
    return id;
}

static int check_size(struct kern_ipc_perm *p, uint64_t size) { return seg_of(p)->size < size ? -EINVAL : 0; }

static const struct ipc_get_ops get_ops = {.create = create, .check = check_size};

long shm_get(int32_t key, uint64_t size, int flg) { return ipc_get(&shm_ids, key, flg, size, &get_ops); }

/* --- shmat, shmdt ------------------------------------------------------ */

/* Does any area of mm meet [start, end)? */
static bool overlaps(struct mm *mm, uint64_t start, uint64_t end)
{
    for (struct vma *v = mm->vmas; v && v->start < end; v = v->next)
        if (v->end > start)
            return true;
    return false;
}

long shm_attach(int id, uint64_t addr, int flg)
{
    if (id < 0)
        return -EINVAL;
    if (addr % SHMLBA) {
        if (!(flg & SHM_RND))
            return -EINVAL;
        addr -= addr % SHMLBA;
        if (!addr && (flg & SHM_REMAP))
            return -EINVAL; /* rounded down to nothing: there is nothing to replace */
    } else if (!addr && (flg & SHM_REMAP)) {
        return -EINVAL;
    }
    uint32_t prot = PROT_READ, vflags = VMA_SHARED;
    int access = IPC_PERM_READ;
    if (!(flg & SHM_RDONLY)) {
        prot |= PROT_WRITE;
        vflags |= VMA_MAYWRITE; /* a read-only attach cannot be mprotect'ed writable */
        access |= IPC_PERM_WRITE;
    }
    if (flg & SHM_EXEC) {
        prot |= PROT_EXEC;
        access |= IPC_PERM_EXEC;
    }
    struct shm_segment *s = find(id);
    if (!s)
        return -EINVAL;
    if (ipc_permission(&s->perm, access))
        return -EACCES;
    struct mm *mm = current()->mm;
    uint64_t len = page_align_up(s->size);
    if (addr) {
        if (addr + s->size < addr)
            return -EINVAL;
        if (!(flg & SHM_REMAP) && overlaps(mm, addr, addr + len))
            return -EINVAL;
        if (addr < USER_MIN || addr >= USER_TOP || len > USER_TOP - addr)
            return -ENOMEM; /* what mmap at a fixed address out of range says */
    } else {
        addr = vm_get_unmapped(mm, len);
        if (!addr)
            return -ENOMEM;
    }
    /* An attach in progress: SHM_REMAP may replace the segment's only
     * other attach, whose going must not destroy it (Linux does the same). */
    s->nattch++;
    struct vma_file vf = {.ops = &shm_vm_ops, .file = s->file, .pgoff = 0};
    int err = vm_map(mm, addr, len, prot, vflags, &vf);
    s->nattch--;
    if (may_destroy(s))
        destroy(s);
    return err ? err : (long)addr;
}

/* The first area of mm ending above addr (Linux's find_vma). */
static struct vma *area_from(struct mm *mm, uint64_t addr)
{
    struct vma *v = mm->vmas;
    while (v && v->end <= addr)
        v = v->next;
    return v;
}

/* Was area v attached at addr (whole, or a piece of that attach)? */
static bool attached_at(const struct vma *v, uint64_t addr)
{
    return v->ops == &shm_vm_ops && (v->start - addr) / PAGE_SIZE == v->pgoff;
}

/* Linux's shmdt: the first segment area above addr that was attached at
 * addr gives the segment and its size; it and every other piece of the
 * same attach within that size go. */
long shm_detach(uint64_t addr)
{
    if (addr % PAGE_SIZE)
        return -EINVAL;
    struct mm *mm = current()->mm;
    struct vma *v = area_from(mm, addr);
    while (v && !attached_at(v, addr))
        v = v->next;
    if (!v)
        return -EINVAL;
    void *file = v->file;
    uint64_t size = page_align_up(((struct file *)file)->inode->size), next = v->end;
    vm_unmap(mm, v->start, v->end - v->start); /* may destroy the segment: file is only compared below */
    for (v = area_from(mm, next); v && v->end - addr <= size; v = area_from(mm, next)) {
        next = v->end;
        if (attached_at(v, addr) && v->file == file)
            vm_unmap(mm, v->start, v->end - v->start);
    }
    return 0;
}

/* --- shmctl ------------------------------------------------------------ */

long shm_ipc_info(struct shminfo64 *out)
{
    *out = (struct shminfo64){.shmmax = ipc_limits.shm_ctlmax, .shmmin = SHMMIN,
                              .shmmni = (uint64_t)ipc_limits.shm_ctlmni, .shmseg = (uint64_t)ipc_limits.shm_ctlmni,
                              .shmall = ipc_limits.shm_ctlall};
    return ipc_max_index(&shm_ids);
}

long shm_shm_info(struct shm_info *out)
{
    *out = (struct shm_info){.used_ids = shm_ids.in_use, .shm_tot = shm_tot};
    struct kern_ipc_perm *p;
    for (int i = 0; (p = ipc_next(&shm_ids, &i)); i++)
        out->shm_rss += seg_of(p)->file->inode->pages.nrpages; /* nothing is ever swapped out */
    return ipc_max_index(&shm_ids);
}

long shm_stat(int id, int cmd, struct shmid64_ds *out)
{
    struct shm_segment *s = seg_of(cmd == IPC_STAT ? ipc_find_id(&shm_ids, id) : ipc_find_index(&shm_ids, id));
    if (!s)
        return -EINVAL;
    /* SHM_STAT_ANY is what /proc/sysvipc/shm shows anyway: no read check. */
    if (cmd != SHM_STAT_ANY && ipc_permission(&s->perm, IPC_PERM_READ))
        return -EACCES;
    *out = (struct shmid64_ds){.shm_segsz = s->size, .shm_atime = s->atime, .shm_dtime = s->dtime,
                               .shm_ctime = s->ctime, .shm_cpid = s->cpid, .shm_lpid = s->lpid,
                               .shm_nattch = s->nattch};
    ipc_fill_perm(&s->perm, &out->shm_perm);
    return cmd == IPC_STAT ? 0 : s->perm.id;
}

long shm_set(int id, const struct shmid64_ds *in)
{
    int err;
    struct shm_segment *s = seg_of(ipc_find_owned(&shm_ids, id, &err));
    if (!s)
        return err;
    err = ipc_set_perm(&s->perm, &in->shm_perm);
    if (!err)
        s->ctime = ipc_now();
    return err;
}

long shm_remove(int id)
{
    int err;
    struct shm_segment *s = seg_of(ipc_find_owned(&shm_ids, id, &err));
    if (!s)
        return err;
    if (s->nattch) {
        /* Destroyed on the last detach; until then its id still works,
         * but no key finds it. */
        s->perm.mode |= SHM_DEST;
        s->perm.key = IPC_PRIVATE;
    } else {
        destroy(s);
    }
    return 0;
}

long shm_lock(int id, int cmd)
{
    struct shm_segment *s = find(id);
    if (!s)
        return -EINVAL;
    int err = ipc_permission(&s->perm, IPC_PERM_OWNER);
    if (err)
        return err;
    if (cmd == SHM_LOCK)
        s->perm.mode |= SHM_LOCKED;
    else
        s->perm.mode &= ~(uint32_t)SHM_LOCKED;
    return 0;
}

/* --- process exit, shm_rmid_forced -------------------------------------- */

void shm_exit(int tgid)
{
    struct kern_ipc_perm *p;
    for (int i = 0; (p = ipc_next(&shm_ids, &i)); i++) {
        struct shm_segment *s = seg_of(p);
        if (s->creator != tgid)
            continue;
        s->creator = 0;
        if (ipc_limits.shm_rmid_forced && may_destroy(s))
            destroy(s);
    }
}

void shm_destroy_orphaned(void)
{
    struct kern_ipc_perm *p;
    for (int i = 0; (p = ipc_next(&shm_ids, &i)); i++)
        if (!seg_of(p)->creator && may_destroy(seg_of(p)))
            destroy(seg_of(p));
}

/* --- /proc/sysvipc/shm ------------------------------------------------- */

long shm_proc_show(int pid, char *buf, size_t size)
{
    (void)pid;
    size_t n = (size_t)ksnprintf(buf, size, "       key      shmid perms                  size  cpid  lpid nattch   uid"
                                            "   gid  cuid  cgid      atime      dtime      ctime                   rss"
                                            "                  swap\n");
    struct kern_ipc_perm *p;
    for (int i = 0; n < size && (p = ipc_next(&shm_ids, &i)); i++) {
        struct shm_segment *s = seg_of(p);
        n += (size_t)ksnprintf(buf + n, size - n,
                               "%10d %10d  %4o %21lu %5d %5d  %5lu %5u %5u %5u %5u %10ld %10ld %10ld %21lu %21lu\n",
                               p->key, p->id, p->mode, s->size, s->cpid, s->lpid, s->nattch, p->uid, p->gid, p->cuid,
                               p->cgid, s->atime, s->dtime, s->ctime, s->file->inode->pages.nrpages * PAGE_SIZE, 0ul);
    }
    return (long)(n < size ? n : size);
}
