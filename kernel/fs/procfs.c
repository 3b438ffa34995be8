/* procfs.c - see procfs.h. */
#include "fs/procfs.h"

#include "fs/procfs_pid.h"
#include "fs/procfs_sys.h"
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
#define PID_LIMIT PID_MAX /* pids wrap here (proc.c) */

/* A generator writes the text of file ino into buf and returns its
 * length, or -errno (the open fails with it). */
typedef long (*generator)(const struct inode *ino, char *buf, size_t size);

struct snapshot {
    size_t len;
    char text[];
};

static long gen_meminfo(const struct inode *ino, char *buf, size_t size)
{
    (void)ino;
    uint64_t total = pmm_total_frames() * 4, free = pmm_free_frames() * 4;
    return ksnprintf(buf, size,
                     "MemTotal:       %8lu kB\nMemFree:        %8lu kB\nMemAvailable:   %8lu kB\n"
                     "Buffers:               0 kB\nCached:                0 kB\nSwapTotal:             0 kB\n"
                     "SwapFree:              0 kB\n",
                     total, free, free);
}

static long gen_uptime(const struct inode *ino, char *buf, size_t size)
{
    (void)ino;
    uint64_t cs = clock_monotonic_ns() / 10000000; /* centiseconds */
    return ksnprintf(buf, size, "%lu.%02lu 0.00\n", cs / 100, cs % 100);
}

static char state_letter(const struct proc *p)
{
    if (p->state == PROC_ZOMBIE)
        return 'Z';
    if (p->stopped)
        return 'T';
    return p->state == PROC_BLOCKED ? 'S' : 'R';
}

static long gen_ps(const struct inode *ino, char *buf, size_t size)
{
    (void)ino;
    size_t n = (size_t)ksnprintf(buf, size, "  PID  PPID  PGID   SID STATE NAME\n");
    for (int i = 0; i < proc_slots_used && n < size; i++) {
        const struct proc *p = proc_table[i];
        if (p)
            n += (size_t)ksnprintf(buf + n, size - n, "%5d %5d %5d %5d %c     %s\n", p->pid,
                                   p->parent ? p->parent->pid : 0, p->pgid, p->sid, state_letter(p), p->name);
    }
    return (long)(n < size ? n : size);
}

/* The files of a /proc/PID directory: the process is the inode's pid. */
static long gen_status(const struct inode *ino, char *buf, size_t size) { return procfs_pid_status(ino->pid, buf, size); }
static long gen_stat(const struct inode *ino, char *buf, size_t size) { return procfs_pid_stat(ino->pid, buf, size); }
static long gen_cmdline(const struct inode *ino, char *buf, size_t size) { return procfs_pid_cmdline(ino->pid, buf, size); }
static long gen_comm(const struct inode *ino, char *buf, size_t size) { return procfs_pid_comm(ino->pid, buf, size); }
static long gen_maps(const struct inode *ino, char *buf, size_t size) { return procfs_pid_maps(ino->pid, buf, size); }
static long gen_environ(const struct inode *ino, char *buf, size_t size) { return procfs_pid_environ(ino->pid, buf, size); }
static long link_exe(const struct inode *link, char *buf, size_t size) { return procfs_pid_exe(link->pid, buf, size); }
static long link_cwd(const struct inode *link, char *buf, size_t size) { return procfs_pid_cwd(link->pid, buf, size); }

static int snap_open(struct file *f)
{
    generator gen = (generator)f->inode->priv;
    size_t cap = 4096;
    for (;;) {
        struct snapshot *s = kmalloc(sizeof *s + cap);
        if (!s)
            return -ENOMEM;
        long len = gen(f->inode, s->text, cap);
        if (len < 0) {
            kfree(s);
            return (int)len;
        }
        s->len = (size_t)len < cap ? (size_t)len : cap;
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

/* A generated file named name in dir, about process pid (0: none). */
static struct inode *add_file(struct inode *dir, const char *name, generator gen, int pid)
{
    int err = 0;
    struct inode *n = ramfs_create(dir, name, S_IFREG | 0444, &err);
    if (n) {
        n->fops = &snapshot_ops;
        n->priv = (void *)gen;
        n->pid = pid;
    }
    return n;
}

/* A link whose target target() computes when it is followed or read. */
static struct inode *add_link(struct inode *dir, const char *name, long (*target)(const struct inode *, char *, size_t),
                              int pid)
{
    int err = 0;
    struct inode *n = ramfs_create(dir, name, S_IFLNK | 0777, &err);
    if (n) {
        n->priv = (void *)target;
        n->pid = pid;
    }
    return n;
}

/* A symlink at path to the fixed text target (a string literal). */
static void add_fixed_link(const char *path, const char *target)
{
    int err = 0;
    struct inode *n = ramfs_mkpath(path, S_IFLNK | 0777, &err);
    if (n) {
        n->data = target;
        n->size = strlen(target);
    }
}

/* /proc/self: "PID" of the reader's process, relative to /proc. */
static long self_link(const struct inode *link, char *buf, size_t size)
{
    (void)link;
    struct proc *p = current();
    if (!p)
        return -ENOENT;
    return ksnprintf(buf, size, "%d", p->tgid);
}

static void add_pid_dir(struct inode *proc_dir, int pid)
{
    char name[16];
    ksnprintf(name, sizeof name, "%d", pid);
    int err = 0;
    struct inode *d = ramfs_create(proc_dir, name, S_IFDIR | 0555, &err);
    if (!d)
        return; /* out of memory: the process is just not listed */
    d->pid = pid;
    add_file(d, "status", gen_status, pid);
    add_file(d, "stat", gen_stat, pid);
    add_file(d, "cmdline", gen_cmdline, pid);
    add_file(d, "comm", gen_comm, pid);
    add_link(d, "exe", link_exe, pid);
    add_link(d, "cwd", link_cwd, pid);
    add_file(d, "maps", gen_maps, pid);
    add_file(d, "environ", gen_environ, pid)->mode = S_IFREG | 0400;
    struct inode *fd = ramfs_create(d, "fd", S_IFDIR | 0500, &err);
    if (fd) {
        fd->pid = pid;
        fd->refresh = procfs_pid_fd_refresh;
    }
}

/* Removes dir and everything under it from parent: the entries of a gone
 * process's directory go with it (open files keep theirs alive). */
static void detach_tree(struct inode *parent, struct inode *dir)
{
    while (dir->children)
        detach_tree(dir, dir->children);
    ramfs_detach(parent, dir);
}

static bool is_live_leader(const struct proc *p) { return p && p->leader == p && p->state != PROC_UNUSED; }

/*
 * /proc's PID directories follow the process table lazily: before each
 * lookup in /proc and each listing of it, directories of processes gone
 * are removed and ones for new processes made. A directory only names a
 * pid (its files ask the table when opened), so a reused pid's old
 * directory stays valid. Processes are thread group leaders, zombies
 * included, as Linux lists them.
 */
static void refresh_proc_dir(struct inode *dir)
{
    static uint8_t alive[(PID_LIMIT + 8) / 8]; /* the kernel does not preempt itself: one user at a time */
    memset(alive, 0, sizeof alive);
    for (int i = 0; i < proc_slots_used; i++) {
        const struct proc *p = proc_table[i];
        if (is_live_leader(p) && p->pid > 0 && p->pid <= PID_LIMIT)
            alive[p->pid / 8] |= (uint8_t)(1u << (p->pid % 8));
    }
    struct inode *next;
    for (struct inode *c = dir->children; c; c = next) {
        next = c->sibling;
        if (!c->pid || (c->mode & S_IFMT) != S_IFDIR)
            continue;
        if (alive[c->pid / 8] & (1u << (c->pid % 8)))
            alive[c->pid / 8] &= (uint8_t)~(1u << (c->pid % 8)); /* listed already */
        else
            detach_tree(dir, c); /* open files and cwds keep the inode alive */
    }
    for (int i = 0; i < proc_slots_used; i++) {
        const struct proc *p = proc_table[i];
        if (is_live_leader(p) && p->pid > 0 && p->pid <= PID_LIMIT && (alive[p->pid / 8] & (1u << (p->pid % 8))))
            add_pid_dir(dir, p->pid);
    }
}

void procfs_init(void)
{
    int err = 0;
    struct inode *proc = ramfs_mkpath("/proc", S_IFDIR | 0555, &err);
    if (!proc) {
        kprintf("procfs: cannot create /proc (error %d)\n", err);
        return;
    }
    proc->refresh = refresh_proc_dir;
    add_link(proc, "self", self_link, 0);
    add_file(proc, "meminfo", gen_meminfo, 0);
    add_file(proc, "uptime", gen_uptime, 0);
    add_file(proc, "ps", gen_ps, 0);
    add_file(proc, "cpuinfo", procfs_cpuinfo, 0);
    add_file(proc, "version", procfs_version, 0);
    add_file(proc, "loadavg", procfs_loadavg, 0);
    add_file(proc, "stat", procfs_stat, 0);
    add_file(proc, "filesystems", procfs_filesystems, 0);
    /* udev's links (and bash's fallbacks when it has none of its own):
     * /dev/fd is /proc/self/fd, /dev/stdin its entry 0 and so on. */
    add_fixed_link("/dev/fd", "/proc/self/fd");
    add_fixed_link("/dev/stdin", "/proc/self/fd/0");
    add_fixed_link("/dev/stdout", "/proc/self/fd/1");
    add_fixed_link("/dev/stderr", "/proc/self/fd/2");
}
