/* procfs_pid.c - see procfs_pid.h. */
#include "fs/procfs_pid.h"

#include "fs/ramfs.h"
#include "lib/format.h"
#include "mm/vm.h"
#include "proc/proc.h"
#include "uapi/errno.h"

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
