/* procfs.c - see procfs.h. */
#include "fs/procfs.h"

#include "fs/ramfs.h"
#include "lib/format.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "time/clock.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define SNAPSHOT_MAX (256 * 1024)

/* A generator writes the file's text into buf and returns its length. */
typedef size_t (*generator)(char *buf, size_t size);

struct snapshot {
    size_t len;
    char text[];
};

static size_t gen_meminfo(char *buf, size_t size)
{
    uint64_t total = pmm_total_frames() * 4, free = pmm_free_frames() * 4;
    return (size_t)ksnprintf(buf, size,
                             "MemTotal:       %8lu kB\nMemFree:        %8lu kB\nMemAvailable:   %8lu kB\n"
                             "Buffers:               0 kB\nCached:                0 kB\nSwapTotal:             0 kB\n"
                             "SwapFree:              0 kB\n",
                             total, free, free);
}

static size_t gen_uptime(char *buf, size_t size)
{
    uint64_t cs = clock_monotonic_ns() / 10000000; /* centiseconds */
    return (size_t)ksnprintf(buf, size, "%lu.%02lu 0.00\n", cs / 100, cs % 100);
}

static char state_letter(const struct proc *p)
{
    if (p->state == PROC_ZOMBIE)
        return 'Z';
    if (p->stopped)
        return 'T';
    return p->state == PROC_BLOCKED ? 'S' : 'R';
}

static size_t gen_ps(char *buf, size_t size)
{
    size_t n = (size_t)ksnprintf(buf, size, "  PID  PPID  PGID   SID STATE NAME\n");
    for (int i = 0; i < proc_slots_used && n < size; i++) {
        const struct proc *p = proc_table[i];
        if (p)
            n += (size_t)ksnprintf(buf + n, size - n, "%5d %5d %5d %5d %c     %s\n", p->pid,
                                   p->parent ? p->parent->pid : 0, p->pgid, p->sid, state_letter(p), p->name);
    }
    return n < size ? n : size;
}

static int snap_open(struct file *f)
{
    generator gen = (generator)f->inode->priv;
    size_t cap = 4096;
    for (;;) {
        struct snapshot *s = kmalloc(sizeof *s + cap);
        if (!s)
            return -ENOMEM;
        s->len = gen(s->text, cap);
        if (s->len < cap || cap >= SNAPSHOT_MAX) {
            f->priv = s;
            return 0;
        }
        kfree(s); /* too small: try again bigger */
        cap *= 4;
    }
}

static long snap_read(struct file *f, uint64_t ubuf, size_t n)
{
    struct snapshot *s = f->priv;
    if (f->pos >= s->len)
        return 0;
    if (n > s->len - f->pos)
        n = s->len - f->pos;
    if (copy_to_user(ubuf, s->text + f->pos, n))
        return -EFAULT;
    f->pos += n;
    return (long)n;
}

static long snap_lseek(struct file *f, int64_t off, int whence)
{
    struct snapshot *s = f->priv;
    int64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (int64_t)f->pos : whence == SEEK_END ? (int64_t)s->len : -1;
    if (base < 0 || base + off < 0)
        return -EINVAL;
    f->pos = (uint64_t)(base + off);
    return (long)f->pos;
}

static void snap_release(struct file *f) { kfree(f->priv); }

static const struct file_ops snapshot_ops = {
    .open = snap_open, .read = snap_read, .lseek = snap_lseek, .release = snap_release};

static void add(const char *path, generator gen)
{
    int err = 0;
    struct inode *n = ramfs_mkpath(path, S_IFREG | 0444, &err);
    if (!n) {
        kprintf("procfs: cannot create %s (error %d)\n", path, err);
        return;
    }
    n->fops = &snapshot_ops;
    n->priv = (void *)gen;
}

/* /proc/self/exe: the running program's file. */
static long self_exe(char *buf, size_t size)
{
    struct proc *p = current();
    if (!p || !p->exe)
        return -ENOENT;
    return ramfs_path_of(p->exe, buf, size);
}

void procfs_init(void)
{
    int err = 0;
    struct inode *exe = ramfs_mkpath("/proc/self/exe", S_IFLNK | 0777, &err);
    if (exe)
        exe->priv = (void *)self_exe;
    add("/proc/meminfo", gen_meminfo);
    add("/proc/uptime", gen_uptime);
    add("/proc/ps", gen_ps);
}
