/*
 * procfs_smaps.c - /proc/PID/smaps and /proc/PID/smaps_rollup: each
 * area's maps line followed by its memory counts, in Linux's layout
 * (fs/proc/task_mmu.c, show_smap: a 16-column name, an 8-column value in
 * kB). Tiny OS has no swap, huge pages or KSM, so those counts are 0;
 * every present page is counted as dirty and as mapped by this process
 * alone (Pss = Rss), and Locked is the area's Rss when it is mlocked.
 */
#include "fs/procfs_pid.h"

#include "arch/x86_64/layout.h"
#include "fs/vfs.h"
#include "lib/format.h"
#include "mm/kmalloc.h"
#include "mm/vm.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"

struct smap_counts {
    uint64_t size, rss, shared, anon, locked; /* bytes */
};

static void count(struct mm *mm, const struct vma *v, struct smap_counts *c)
{
    uint64_t rss = vm_area_resident(mm, v) * PAGE_SIZE;
    c->size += v->end - v->start;
    c->rss += rss;
    if (v->flags & VMA_SHARED)
        c->shared += rss;
    else if (!v->ops)
        c->anon += rss;
    if (v->flags & VMA_LOCKED)
        c->locked += rss;
}

static void field(char *buf, size_t size, size_t *n, const char *name, uint64_t bytes)
{
    char line[48];
    ksnprintf(line, sizeof line, "%-16s%8lu kB\n", name, bytes / 1024);
    procfs_put(buf, size, n, line);
}

static void counts(char *buf, size_t size, size_t *n, const struct smap_counts *c, bool rollup)
{
    if (!rollup) {
        field(buf, size, n, "Size:", c->size);
        field(buf, size, n, "KernelPageSize:", PAGE_SIZE);
        field(buf, size, n, "MMUPageSize:", PAGE_SIZE);
    }
    field(buf, size, n, "Rss:", c->rss);
    field(buf, size, n, "Pss:", c->rss);
    field(buf, size, n, "Pss_Dirty:", c->rss);
    if (rollup) {
        field(buf, size, n, "Pss_Anon:", c->anon);
        field(buf, size, n, "Pss_File:", c->rss - c->anon - c->shared);
        field(buf, size, n, "Pss_Shmem:", c->shared);
    }
    field(buf, size, n, "Shared_Clean:", 0);
    field(buf, size, n, "Shared_Dirty:", c->shared);
    field(buf, size, n, "Private_Clean:", 0);
    field(buf, size, n, "Private_Dirty:", c->rss - c->shared);
    field(buf, size, n, "Referenced:", c->rss);
    field(buf, size, n, "Anonymous:", c->anon);
    static const char *const zero[] = {"KSM:",           "LazyFree:",       "AnonHugePages:", "ShmemPmdMapped:",
                                       "FilePmdMapped:", "Shared_Hugetlb:", "Private_Hugetlb:", "Swap:",
                                       "SwapPss:"};
    for (unsigned i = 0; i < sizeof zero / sizeof zero[0]; i++)
        field(buf, size, n, zero[i], 0);
    field(buf, size, n, "Locked:", c->locked);
}

/* Linux's VmFlags mnemonics (show_smap_vma_flags) for what an area has. */
static void vm_flags(char *buf, size_t size, size_t *n, const struct vma *v)
{
    procfs_put(buf, size, n, "THPeligible:    0\nVmFlags:");
    if (v->prot & PROT_READ)
        procfs_put(buf, size, n, " rd");
    if (v->prot & PROT_WRITE)
        procfs_put(buf, size, n, " wr");
    if (v->prot & PROT_EXEC)
        procfs_put(buf, size, n, " ex");
    if (v->flags & VMA_SHARED)
        procfs_put(buf, size, n, " sh");
    procfs_put(buf, size, n, " mr");
    if (v->flags & VMA_MAYWRITE)
        procfs_put(buf, size, n, " mw");
    procfs_put(buf, size, n, " me");
    if (v->flags & VMA_SHARED)
        procfs_put(buf, size, n, " ms");
    if (v->flags & VMA_STACK)
        procfs_put(buf, size, n, " gd");
    if (v->flags & VMA_LOCKED)
        procfs_put(buf, size, n, " lo");
    procfs_put(buf, size, n, " \n");
}

static long show(int pid, char *buf, size_t size, bool rollup)
{
    struct proc *t = procfs_find_task(pid);
    if (!t)
        return -ESRCH;
    struct mm *mm = t->leader->mm;
    if (!mm || !mm->vmas)
        return 0; /* kernel threads and zombies: empty, as on Linux */
    size_t n = 0;
    if (rollup) {
        struct smap_counts c = {0};
        const struct vma *last = mm->vmas;
        for (const struct vma *v = mm->vmas; v; v = v->next) {
            count(mm, v, &c);
            last = v;
        }
        /* The span of all areas, named as maps pads names (column 73). */
        char line[128];
        int len = ksnprintf(line, sizeof line, "%08lx-%08lx ---p 00000000 00:00 0 ", mm->vmas->start, last->end);
        ksnprintf(line + len, sizeof line - (size_t)len, "%*s[rollup]\n", len < 73 ? 73 - len : 0, "");
        procfs_put(buf, size, &n, line);
        counts(buf, size, &n, &c, true);
        return (long)n;
    }
    char *path = kmalloc(PATH_MAX);
    if (!path)
        return -ENOMEM;
    for (const struct vma *v = mm->vmas; v && n < size; v = v->next) {
        struct smap_counts c = {0};
        count(mm, v, &c);
        procfs_map_line(v, buf, size, &n, path);
        counts(buf, size, &n, &c, false);
        vm_flags(buf, size, &n, v);
    }
    kfree(path);
    return (long)n;
}

long procfs_pid_smaps(int pid, char *buf, size_t size) { return show(pid, buf, size, false); }
long procfs_pid_smaps_rollup(int pid, char *buf, size_t size) { return show(pid, buf, size, true); }
