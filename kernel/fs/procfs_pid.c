/* procfs_pid.c - see procfs_pid.h. */
#include "fs/procfs_pid.h"

#include "fs/ramfs.h"
#include "lib/format.h"
#include "lib/string.h"
#include "mm/vm.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"

#define TICK_NS 10000000ul /* /proc counts time in USER_HZ = 100 ticks a second */

/* The process (thread group leader) pid names, or NULL if gone. */
static struct proc *find_leader(int pid)
{
    struct proc *p = proc_find(pid);
    return p && p->leader == p && p->state != PROC_UNUSED ? p : NULL;
}

static char state_letter(const struct proc *p)
{
    if (p->state == PROC_ZOMBIE)
        return 'Z';
    if (p->stopped)
        return 'T';
    return p->state == PROC_BLOCKED ? 'S' : 'R';
}

static const char *state_name(char letter)
{
    switch (letter) {
    case 'Z': return "zombie";
    case 'T': return "stopped";
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
    struct proc *p = find_leader(pid);
    if (!p)
        return -ESRCH;
    char st = state_letter(p);
    uint64_t ign, cgt;
    action_sets(p, &ign, &cgt);
    int n = ksnprintf(buf, size,
                      "Name:\t%s\nUmask:\t%04o\nState:\t%c (%s)\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
                      "TracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%d\nGroups:\t\n",
                      p->name, p->umask, st, state_name(st), p->tgid, p->pid, p->parent ? p->parent->tgid : 0,
                      NOFILE);
    if (p->mm && n >= 0 && (size_t)n < size) /* Linux prints no Vm lines for zombies either */
        n += ksnprintf(buf + n, size - (size_t)n, "VmSize:\t%8lu kB\nVmRSS:\t%8lu kB\n", vm_total_size(p->mm) / 1024,
                       vm_resident_pages(p->mm) * 4);
    if (n >= 0 && (size_t)n < size)
        n += ksnprintf(buf + n, size - (size_t)n,
                       "Threads:\t%d\nSigQ:\t0/0\nSigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\n"
                       "SigIgn:\t%016lx\nSigCgt:\t%016lx\n",
                       live_threads(p), p->sig_pending, p->shared_pending, p->sig_blocked, ign, cgt);
    return cut(n, size);
}

long procfs_pid_stat(int pid, char *buf, size_t size)
{
    struct proc *p = find_leader(pid);
    if (!p)
        return -ESRCH;
    uint64_t utime = 0, stime = 0;
    for_each_thread(t, p) {
        utime += t->utime;
        stime += t->stime;
    }
    uint64_t ign, cgt;
    action_sets(p, &ign, &cgt);
    struct mm *mm = p->mm;
    uint64_t vsize = mm ? vm_total_size(mm) : 0, rss = mm ? vm_resident_pages(mm) : 0;
    /* proc(5)'s 52 fields; zeros where Tiny OS keeps nothing. tty_nr 0 and
     * tpgid -1: no controlling terminal is recorded per session yet. */
    int n = ksnprintf(buf, size,
                      "%d (%s) %c %d %d %d 0 -1 4194304 0 0 0 0 %lu %lu %lu %lu 20 0 %d 0 %lu %lu %lu "
                      "18446744073709551615 0 0 0 0 0 %lu %lu %lu %lu 0 0 0 17 0 0 0 0 0 0 0 0 %lu %lu %lu "
                      "0 0 %d\n",
                      p->pid, p->name, state_letter(p), p->parent ? p->parent->tgid : 0, p->pgid, p->sid, utime,
                      stime, p->cutime, p->cstime, live_threads(p), p->start_ns / TICK_NS, vsize, rss,
                      p->sig_pending | p->shared_pending, p->sig_blocked, ign, cgt, mm ? mm->brk_start : 0,
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
    struct proc *p = find_leader(pid);
    if (!p)
        return -ESRCH;
    return cut(ksnprintf(buf, size, "%s\n", p->name), size);
}

long procfs_pid_exe(int pid, char *buf, size_t size)
{
    struct proc *p = find_leader(pid);
    if (!p || !p->exe)
        return -ENOENT;
    return ramfs_path_of(p->exe, buf, size);
}

/* Appends text at *n of buf, never past size. */
static void put(char *buf, size_t size, size_t *n, const char *s)
{
    while (*s && *n < size)
        buf[(*n)++] = *s++;
}

long procfs_pid_maps(int pid, char *buf, size_t size)
{
    struct proc *p = find_leader(pid);
    if (!p)
        return -ESRCH;
    if (!p->mm)
        return 0;
    size_t n = 0;
    for (const struct vma *v = p->mm->vmas; v && n < size; v = v->next) {
        /* fs/proc/task_mmu.c: show_vma_header_prefix, then the name padded
         * to column 73 (seq_setwidth(25 + 6 * sizeof(void *) - 1) and
         * seq_pad(' ')); nameless areas end with the prefix's space. */
        char line[128];
        int len = ksnprintf(line, sizeof line, "%08lx-%08lx %c%c%c%c %08lx 00:00 %lu ", v->start, v->end,
                            v->prot & PROT_READ ? 'r' : '-', v->prot & PROT_WRITE ? 'w' : '-',
                            v->prot & PROT_EXEC ? 'x' : '-', v->flags & VMA_SHARED ? 's' : 'p', 0ul, 0ul);
        const char *name = v->flags & VMA_HEAP ? "[heap]" : v->flags & VMA_STACK ? "[stack]" : NULL;
        if (name) {
            while (len < 72)
                line[len++] = ' ';
            line[len++] = ' ';
            line[len] = '\0';
        }
        put(buf, size, &n, line);
        if (name)
            put(buf, size, &n, name);
        put(buf, size, &n, "\n");
    }
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

long procfs_pid_cwd(int pid, char *buf, size_t size)
{
    struct proc *p = find_leader(pid);
    if (!p || !p->cwd || p->state == PROC_ZOMBIE)
        return -ENOENT;
    return ramfs_path_of(p->cwd, buf, size);
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
    if (!ino->parent) {
        switch (ino->mode & S_IFMT) {
        case S_IFIFO: return ksnprintf(buf, size, "pipe:[%lu]", ino->ino);
        case S_IFSOCK: return ksnprintf(buf, size, "socket:[%lu]", ino->ino);
        default: return ksnprintf(buf, size, "anon_inode:%s", ino->name ? ino->name : "[unknown]");
        }
    }
    long n = ramfs_path_of(ino, buf, size);
    if (n >= 0 && ino->nlink == 0 && (size_t)n + 11 < size)
        n += ksnprintf(buf + n, size - (size_t)n, " (deleted)");
    return n;
}

/* The descriptor a /proc/PID/fd entry names: its name is the number. */
static int entry_fd(const struct inode *link)
{
    int fd = 0;
    for (const char *s = link->name; *s >= '0' && *s <= '9'; s++)
        fd = fd * 10 + (*s - '0');
    return fd;
}

long procfs_pid_fd_target(const struct inode *link, char *buf, size_t size)
{
    struct proc *p = find_leader(link->pid);
    if (!p || !p->fdt)
        return -ENOENT;
    struct file *f = fd_get(p, entry_fd(link));
    if (!f)
        return -ENOENT;
    long n = describe_file(f, buf, size);
    return n < 0 || (size_t)n < size ? n : -ENAMETOOLONG;
}

/* Following /proc/PID/fd/N leads to the inode of the file open at N, not
 * to a lookup of the text readlink shows: Linux's proc_fd_link and
 * nd_jump_link. Opening it then opens that inode anew (a new open file
 * with its own offset; a pipe's FIFO open, pipe.c), even when no path
 * names it any more. */
static int fd_jump(const struct inode *link, struct inode **target)
{
    struct proc *p = find_leader(link->pid);
    struct file *f = p && p->fdt ? fd_get(p, entry_fd(link)) : NULL;
    if (!f || !f->inode)
        return -ENOENT; /* closed since the entry was made */
    *target = f->inode;
    return 0;
}

void procfs_pid_fd_refresh(struct inode *dir)
{
    static uint8_t open_fds[NOFILE / 8]; /* the kernel does not preempt itself: one user at a time */
    memset(open_fds, 0, sizeof open_fds);
    struct proc *p = find_leader(dir->pid);
    struct fdtable *t = p && p->state != PROC_ZOMBIE ? p->fdt : NULL;
    for (int fd = 0; t && fd < t->nused; fd++)
        if (t->fd[fd])
            open_fds[fd / 8] |= (uint8_t)(1u << (fd % 8));
    /* Entries of closed descriptors go; those still open stay. */
    struct inode *next;
    for (struct inode *c = dir->children; c; c = next) {
        next = c->sibling;
        int fd = entry_fd(c);
        if (fd < NOFILE && (open_fds[fd / 8] & (1u << (fd % 8))))
            open_fds[fd / 8] &= (uint8_t)~(1u << (fd % 8));
        else
            ramfs_detach(dir, c);
    }
    for (int fd = 0; t && fd < t->nused; fd++) {
        if (!(open_fds[fd / 8] & (1u << (fd % 8))))
            continue;
        char name[12];
        ksnprintf(name, sizeof name, "%d", fd);
        uint32_t acc = t->fd[fd]->flags & O_ACCMODE;
        /* Linux's modes: r for reading, w for writing, x never. */
        uint32_t perm = (acc != O_WRONLY ? 0400 : 0) | (acc != O_RDONLY ? 0200 : 0);
        int err = 0;
        struct inode *l = ramfs_create(dir, name, S_IFLNK | perm, &err);
        if (l) {
            l->priv = (void *)procfs_pid_fd_target;
            l->jump = fd_jump;
            l->pid = dir->pid;
        }
    }
}
