/* procfs_pid.c - see procfs_pid.h. */
#include "fs/procfs_pid.h"

#include "arch/x86_64/layout.h"

#include "fs/vfs.h"
#include "fs/pseudo_fs.h"
#include "lib/format.h"
#include "lib/string.h"
#include "mm/vm.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "mm/kmalloc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"

#define TICK_NS 10000000ul /* /proc counts time in USER_HZ = 100 ticks a second */

struct proc *procfs_find_leader(int pid)
{
    struct proc *p = proc_find(pid);
    return p && p->leader == p && p->state != PROC_UNUSED ? p : NULL;
}

/* The thread id names (the leader itself for /proc/PID's files, any
 * thread for /proc/PID/task/TID's), or NULL if gone. */
struct proc *procfs_find_task(int id)
{
    struct proc *p = proc_find(id);
    return p && p->state != PROC_UNUSED && p->leader && p->leader->state != PROC_UNUSED ? p : NULL;
}

/* Process-wide files: the thread's process, through its leader. */
static struct proc *find_leader(int id)
{
    struct proc *t = procfs_find_task(id);
    return t ? t->leader : NULL;
}
#define state_letter proc_state_letter

static const char *state_name(char letter)
{
    switch (letter) {
    case 'Z': return "zombie";
    case 'T': return "stopped";
    case 't': return "tracing stop";
    case 'S': return "sleeping";
    default: return "running";
    }
}

static int live_threads(struct proc *p)
{
    int n = 0;
    for_each_thread(t, p)
        if (t->state != PROC_ZOMBIE && t->state != PROC_UNUSED)
            n++;
    return n ? n : 1; /* a zombie still counts itself, as on Linux */
}

/* Signal sets of the process's actions: ignored and caught (handled). */
static void action_sets(const struct proc *p, uint64_t *ignored, uint64_t *caught)
{
    *ignored = *caught = 0;
    if (!p->sighand)
        return;
    for (int sig = 1; sig <= 64; sig++) {
        uint64_t h = p->sighand->act[sig].handler;
        if (h == 1)
            *ignored |= 1ull << (sig - 1);
        else if (h > 1)
            *caught |= 1ull << (sig - 1);
    }
}

static long cut(int n, size_t size) { return n < 0 ? 0 : (size_t)n < size ? n : (long)size; }

long procfs_pid_status(int pid, char *buf, size_t size)
{
    struct proc *t = procfs_find_task(pid);
    if (!t)
        return -ESRCH;
    struct proc *p = t->leader;
    char st = state_letter(t);
    uint64_t ign, cgt;
    action_sets(p, &ign, &cgt);
    const struct cred *c = p->cred;
    int n = ksnprintf(buf, size,
                      "Name:\t%s\nUmask:\t%04o\nState:\t%c (%s)\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
                      "TracerPid:\t%d\nUid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\nFDSize:\t%d\nGroups:\t",
                      t->name, p->umask, st, state_name(st), p->tgid, t->pid, p->parent ? p->parent->tgid : 0,
                      t->tracer ? t->tracer->tgid : 0, c->uid, c->euid, c->suid, c->fsuid, c->gid, c->egid, c->sgid, c->fsgid, NOFILE);
    for (int i = 0; i < c->ngroups && n >= 0 && (size_t)n < size; i++)
        n += ksnprintf(buf + n, size - (size_t)n, "%u ", c->groups[i]);
    if (n >= 0 && (size_t)n < size)
        n += ksnprintf(buf + n, size - (size_t)n, "\n");
    if (p->mm && n >= 0 && (size_t)n < size) /* Linux prints no Vm lines for zombies either */
        n += ksnprintf(buf + n, size - (size_t)n, "VmSize:\t%8lu kB\nVmLck:\t%8lu kB\nVmPin:\t%8lu kB\nVmRSS:\t%8lu kB\n",
                       vm_total_size(p->mm) / 1024, vm_locked_bytes(p->mm, 0, USER_TOP) / 1024, 0ul,
                       vm_resident_pages(p->mm) * 4);
    if (n >= 0 && (size_t)n < size)
        n += ksnprintf(buf + n, size - (size_t)n,
                       "Threads:\t%d\nSigQ:\t0/0\nSigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\n"
                       "SigIgn:\t%016lx\nSigCgt:\t%016lx\nCapInh:\t%016lx\nCapPrm:\t%016lx\nCapEff:\t%016lx\n"
                       "CapBnd:\t%016lx\nCapAmb:\t%016lx\nNoNewPrivs:\t%d\nSeccomp:\t0\n",
                       live_threads(p), t->sig_pending, p->shared_pending, t->sig_blocked, ign, cgt,
                       c->cap_inheritable, c->cap_permitted, c->cap_effective, c->cap_bset, c->cap_ambient,
                       p->no_new_privs);
    return cut(n, size);
}

/* proc(5)'s priority: 20 + nice for the normal policies, -1 - the
 * real-time priority for FIFO and RR, -101 for DEADLINE (Linux's task_prio). */
static int stat_priority(const struct proc *p)
{
    if (p->se.policy == SCHED_DEADLINE)
        return -101;
    if (p->se.policy == SCHED_FIFO || p->se.policy == SCHED_RR)
        return -1 - p->se.rt_priority;
    return 20 + p->nice;
}

long procfs_pid_stat(int pid, char *buf, size_t size)
{
    struct proc *t = procfs_find_task(pid);
    if (!t)
        return -ESRCH;
    struct proc *p = t->leader;
    /* A thread's own times; the leader's id counts the whole process. */
    uint64_t utime = t->utime, stime = t->stime;
    if (t == p) {
        utime = stime = 0;
        for_each_thread(u, p) {
            utime += u->utime;
            stime += u->stime;
        }
    }
    uint64_t ign, cgt;
    action_sets(p, &ign, &cgt);
    struct mm *mm = p->mm;
    uint64_t vsize = mm ? vm_total_size(mm) : 0, rss = mm ? vm_resident_pages(mm) : 0;
    /* proc(5)'s 52 fields; zeros where Tiny OS keeps nothing. tty_nr 0 and
     * tpgid -1: no controlling terminal is recorded per session yet. */
    int n = ksnprintf(buf, size,
                      "%d (%s) %c %d %d %d 0 -1 4194304 0 0 0 0 %lu %lu %lu %lu %d %d %d 0 %lu %lu %lu "
                      "18446744073709551615 0 0 0 0 0 %lu %lu %lu %lu 0 0 0 17 0 %d %d 0 0 0 0 0 %lu %lu %lu "
                      "0 0 %d\n",
                      t->pid, t->name, state_letter(t), p->parent ? p->parent->tgid : 0, p->pgid, p->sid, utime,
                      stime, p->cutime, p->cstime, stat_priority(t), t->nice, live_threads(p), t->start_ns / TICK_NS, vsize, rss,
                      t->sig_pending | p->shared_pending, t->sig_blocked, ign, cgt, t->se.rt_priority, t->se.policy,
                      mm ? mm->brk_start : 0,
                      mm ? mm->arg_start : 0, mm ? mm->arg_end : 0,
                      p->state == PROC_ZOMBIE ? p->wait_status : 0);
    return cut(n, size);
}

long procfs_pid_cmdline(int pid, char *buf, size_t size)
{
    struct proc *p = find_leader(pid);
    if (!p)
        return -ESRCH;
    if (!p->mm || p->state == PROC_ZOMBIE || p->mm->arg_end <= p->mm->arg_start)
        return 0; /* a zombie's (or a kernel-started process's) is empty */
    uint64_t len = p->mm->arg_end - p->mm->arg_start;
    /* Read through the target's own page table, never the reader's. */
    return (long)vm_read(p->mm, buf, p->mm->arg_start, len < size ? len : size);
}

long procfs_pid_comm(int pid, char *buf, size_t size)
{
    struct proc *p = procfs_find_task(pid);
    if (!p)
        return -ESRCH;
    return cut(ksnprintf(buf, size, "%s\n", p->name), size);
}

/* The path of one of a process's places (cwd, root, exe): *which picks it. */
static const struct path *place(struct proc *p, int which)
{
    switch (which) {
    case PROCFS_CWD: return &p->cwd;
    case PROCFS_ROOT: return &p->root;
    default: return &p->exe;
    }
}

long procfs_pid_place_text(int pid, int which, char *buf, size_t size)
{
    struct proc *p = find_leader(pid);
    if (!p || p->state == PROC_ZOMBIE || !place(p, which)->dentry)
        return -ENOENT;
    return path_to_string(place(p, which), buf, size, true);
}

int procfs_pid_place(int pid, int which, struct path *out)
{
    struct proc *p = find_leader(pid);
    if (!p || p->state == PROC_ZOMBIE || !place(p, which)->dentry)
        return -ENOENT;
    *out = *place(p, which);
    path_get(out);
    return 0;
}

/* Appends text at *n of buf, never past size. */
void procfs_put(char *buf, size_t size, size_t *n, const char *s)
{
    while (*s && *n < size)
        buf[(*n)++] = *s++;
}

void procfs_map_line(const struct vma *v, char *buf, size_t size, size_t *n, char *path)
{
    /* fs/proc/task_mmu.c: show_vma_header_prefix, then the name padded
     * to column 73 (seq_setwidth(25 + 6 * sizeof(void *) - 1) and
     * seq_pad(' ')); nameless areas end with the prefix's space. File
     * mappings show the file's offset, device and inode and its path. */
    const struct file *f = v->ops ? v->file : NULL;
    uint32_t major = 0, minor = 0;
    if (f)
        sb_device(f->inode->sb, &major, &minor);
    uint64_t ino = f ? f->inode->ino : 0;
    char line[128];
    int len = ksnprintf(line, sizeof line, "%08lx-%08lx %c%c%c%c %08lx %02lx:%02lx %lu ", v->start, v->end,
                        v->prot & PROT_READ ? 'r' : '-', v->prot & PROT_WRITE ? 'w' : '-',
                        v->prot & PROT_EXEC ? 'x' : '-', v->flags & VMA_SHARED ? 's' : 'p',
                        f ? v->pgoff * 4096 : 0ul, (unsigned long)major, (unsigned long)minor, ino);
    const char *name = v->flags & VMA_HEAP ? "[heap]" : v->flags & VMA_STACK ? "[stack]" : NULL;
    if (f && f->path.dentry && path_to_string(&f->path, path, PATH_MAX, true) >= 0)
        name = path;
    if (name) {
        while (len < 72)
            line[len++] = ' ';
        line[len++] = ' ';
        line[len] = '\0';
    }
    procfs_put(buf, size, n, line);
    if (name)
        procfs_put(buf, size, n, name);
    procfs_put(buf, size, n, "\n");
}

long procfs_pid_maps(int pid, char *buf, size_t size)
{
    struct proc *p = find_leader(pid);
    if (!p)
        return -ESRCH;
    if (!p->mm)
        return 0;
    char *path = kmalloc(PATH_MAX);
    if (!path)
        return -ENOMEM;
    size_t n = 0;
    for (const struct vma *v = p->mm->vmas; v && n < size; v = v->next)
        procfs_map_line(v, buf, size, &n, path);
    kfree(path);
    return (long)n;
}

long procfs_pid_environ(int pid, char *buf, size_t size)
{
    struct proc *p = find_leader(pid);
    if (!p)
        return -ESRCH;
    struct mm *mm = p->mm;
    if (!mm || p->state == PROC_ZOMBIE || mm->arg_end <= mm->arg_start)
        return 0;
    /* exec lays the strings out as Linux does (user_stack.c): argv's, then
     * envp's, then the program's file name, then one zero word at the top
     * of the stack. The environment is what lies between the last argv
     * string and the file name, the last string before that word. */
    struct vma *stack = vm_find(mm, mm->arg_end - 1);
    if (!stack || stack->end < mm->arg_end + 8)
        return 0;
    uint64_t len = stack->end - 8 - mm->arg_end;
    if (len > size)
        return 0; /* an environment larger than /proc's snapshot: reported empty */
    size_t got = vm_read(mm, buf, mm->arg_end, len);
    if (got != len || got == 0)
        return 0;
    size_t end = got - 1; /* the file name's NUL; its first byte follows the previous NUL */
    while (end > 0 && buf[end - 1] != '\0')
        end--;
    return (long)end;
}

long procfs_pid_mounts(int pid, char *buf, size_t size)
{
    struct proc *p = find_leader(pid);
    if (!p || !p->root.dentry)
        return -ESRCH;
    return mount_table_show(buf, size, &p->root, 0);
}

long procfs_pid_mountinfo(int pid, char *buf, size_t size)
{
    struct proc *p = find_leader(pid);
    if (!p || !p->root.dentry)
        return -ESRCH;
    return mount_table_show(buf, size, &p->root, 1);
}

/* What readlink shows for an open file, as Linux's d_path and anon inodes
 * do: a path for files in the tree (with " (deleted)" once unlinked),
 * "pipe:[INO]" and "socket:[INO]" for pipes and sockets, and
 * "anon_inode:NAME" for other inodes outside the tree (eventfd...), NAME
 * being the inode's name ("[eventfd]"). */
static long describe_file(const struct file *f, char *buf, size_t size)
{
    const struct inode *ino = f->inode;
    if (!ino)
        return ksnprintf(buf, size, "anon_inode:[unknown]");
    if (ino->sb->flags & SB_PSEUDO) {
        switch (ino->mode & S_IFMT) {
        case S_IFIFO: return ksnprintf(buf, size, "pipe:[%lu]", ino->ino);
        case S_IFSOCK: return ksnprintf(buf, size, "socket:[%lu]", ino->ino);
        default: return ksnprintf(buf, size, "anon_inode:%s", ino->anon_name ? ino->anon_name : "[unknown]");
        }
    }
    return path_to_string(&f->path, buf, size, true);
}

/* The open file at descriptor fd of process pid, or NULL. */
static struct file *fd_file(int pid, int fd)
{
    struct proc *p = procfs_find_task(pid);
    if (!p || !p->fdt || p->state == PROC_ZOMBIE)
        return NULL;
    return fd_get_raw(p, fd);
}

long procfs_pid_fd_text(int pid, int fd, char *buf, size_t size)
{
    struct file *f = fd_file(pid, fd);
    if (!f)
        return -ENOENT;
    long n = describe_file(f, buf, size);
    return n < 0 || (size_t)n < size ? n : -ENAMETOOLONG;
}

/* Following /proc/PID/fd/N leads to the file open at N itself, not to a
 * lookup of the text readlink shows: Linux's proc_fd_link and
 * nd_jump_link. Opening it then opens that file anew (a new open file
 * with its own offset; a pipe's FIFO open, pipe.c), even when no path
 * names it any more. */
int procfs_pid_fd_path(int pid, int fd, struct path *out)
{
    struct file *f = fd_file(pid, fd);
    if (!f)
        return -ENOENT; /* closed since the entry was looked up */
    if (!f->path.dentry) {
        int err = pseudo_file_path(f);
        if (err)
            return err;
    }
    *out = f->path;
    path_get(out);
    return 0;
}

long procfs_pid_fdinfo(int pid, int fd, char *buf, size_t size)
{
    struct file *f = fd_file(pid, fd);
    if (!f)
        return -ENOENT;
    uint32_t flags = f->flags | (procfs_find_task(pid)->fdt->cloexec[fd] ? O_CLOEXEC : 0);
    long n = ksnprintf(buf, size, "pos:\t%lu\nflags:\t0%o\nmnt_id:\t%d\nino:\t%lu\n", f->pos, flags,
                       f->path.mnt ? f->path.mnt->id : 0, f->inode ? f->inode->ino : 0);
    if (n >= 0 && (size_t)n < size && f->ops && f->ops->show_fdinfo)
        n += f->ops->show_fdinfo(f, buf + n, size - (size_t)n);
    return n;
}

int procfs_pid_fd_mode(int pid, int fd, uint32_t *mode)
{
    struct file *f = fd_file(pid, fd);
    if (!f)
        return -ENOENT;
    uint32_t acc = f->flags & O_ACCMODE;
    /* Linux's modes: r for reading, w for writing, x never. */
    *mode = S_IFLNK | (acc != O_WRONLY ? 0400 : 0) | (acc != O_RDONLY ? 0200 : 0);
    return 0;
}

int procfs_pid_next_fd(int pid, int from)
{
    struct proc *p = procfs_find_task(pid);
    if (!p || !p->fdt || p->state == PROC_ZOMBIE)
        return -1;
    for (int fd = from < 0 ? 0 : from; fd < p->fdt->nused; fd++)
        if (p->fdt->fd[fd])
            return fd;
    return -1;
}
