/*
 * sys_proc.c - process identity and control: exit, ids, uname,
 * arch_prctl, set_tid_address, limits.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/msr.h"
#include "lib/string.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "proc/uts.h"
#include "proc/rlimit.h"
#include "proc/sched.h"
#include "syscall/syscall.h"
#include "lib/format.h"
#include "uapi/errno.h"
#include "uapi/personality.h"
#include "uapi/prctl.h"
#include "uapi/utsname.h"
#include "version.h"


/* exit ends the calling thread; exit_group the whole process. */
long sys_exit(int code) { proc_thread_exit(((int)code & 0xff) << 8); }
long sys_exit_group(int code) { proc_exit(((int)code & 0xff) << 8); }

long sys_getpid(void) { return current()->tgid; }
long sys_gettid(void) { return current()->pid; }
long sys_getppid(void)
{
    struct proc *parent = current()->leader->parent;
    return parent ? parent->tgid : 0;
}

long sys_set_tid_address(uint64_t uptr)
{
    current()->clear_child_tid = uptr;
    return current()->pid;
}

long sys_arch_prctl(int code, uint64_t addr)
{
    struct proc *p = current();
    switch (code) {
    case ARCH_SET_FS:
        if (addr >= USER_TOP)
            return -EPERM;
        p->fs_base = addr;
        wrmsr(MSR_FS_BASE, addr);
        return 0;
    case ARCH_GET_FS:
        return copy_to_user(addr, &p->fs_base, sizeof p->fs_base);
    case ARCH_SET_GS:
        if (addr >= USER_TOP)
            return -EPERM;
        wrmsr(MSR_KERNEL_GS_BASE, addr);
        return 0;
    case ARCH_GET_GS: {
        uint64_t gs = rdmsr(MSR_KERNEL_GS_BASE);
        return copy_to_user(addr, &gs, sizeof gs);
    }
    /* CPUID faulting (a thread's CPUID trapping) is not used: CPUID always
     * works (GET says 1), and SET fails as Linux's does on a CPU without
     * the feature (/proc/cpuinfo shows no cpuid_fault flag). */
    case ARCH_GET_CPUID:
        return 1;
    case ARCH_SET_CPUID:
        return -ENODEV;
    default:
        return -EINVAL;
    }
}

/* UNAME26's release (Linux's override_release): "2.6.(60 + minor)"
 * followed by what comes after the version numbers ("6.1.0-tinyos" ->
 * "2.6.61-tinyos"), for old programs that parse "2.6". */
static void uname26(char *release)
{
    const char *s = release, *rest = release;
    unsigned minor = 0;
    while (*s && *s != '.')
        s++;
    for (s += *s == '.'; *s >= '0' && *s <= '9'; s++)
        minor = minor * 10 + (unsigned)(*s - '0');
    for (int dots = 0; *rest && (*rest == '.' || (*rest >= '0' && *rest <= '9')); rest++)
        if (*rest == '.' && ++dots >= 3)
            break;
    char buf[UTS_LEN] = {0}; /* every byte is copied out: none may be stale stack (LTP uname04) */
    ksnprintf(buf, sizeof buf, "2.6.%u%s", 60 + minor, rest);
    memcpy(release, buf, UTS_LEN);
}

long sys_uname(uint64_t ubuf)
{
    struct linux_utsname u;
    uts_get(&u);
    uint32_t pers = current()->personality;
    if ((pers & PER_MASK) == PER_LINUX32) { /* Linux's override_architecture */
        memset(u.machine, 0, sizeof u.machine);
        memcpy(u.machine, "i686", 5);
    }
    if (pers & UNAME26)
        uname26(u.release);
    return copy_to_user(ubuf, &u, sizeof u);
}

/* sethostname(2), setdomainname(2): CAP_SYS_ADMIN. */
static long set_name(int which, uint64_t uname, int len)
{
    char buf[UTS_LEN];
    if (!capable(CAP_SYS_ADMIN))
        return -EPERM;
    if (len < 0 || len > 64)
        return -EINVAL;
    if (copy_from_user(buf, uname, (size_t)len))
        return -EFAULT;
    return uts_set(which, buf, (size_t)len);
}

long sys_sethostname(uint64_t uname, int len) { return set_name(UTS_HOSTNAME, uname, len); }
long sys_setdomainname(uint64_t uname, int len) { return set_name(UTS_DOMAINNAME, uname, len); }

long sys_sched_yield(void)
{
    yield();
    return 0;
}

long sys_getrlimit(uint32_t resource, uint64_t ulim)
{
    struct rlimit64 r;
    long err = rlimit_exchange(current(), (int)resource, NULL, &r);
    return err ? err : copy_to_user(ulim, &r, sizeof r);
}

long sys_setrlimit(uint32_t resource, uint64_t ulim)
{
    struct rlimit64 r;
    if (copy_from_user(&r, ulim, sizeof r))
        return -EFAULT;
    return rlimit_exchange(current(), (int)resource, &r, NULL);
}

/* May the caller read or change p's limits or priority: its own, or a
 * process whose real, effective and saved uids (and gids) are all the
 * caller's real one, or with the capability (Linux's check_prlimit_permission). */
static bool may_touch(const struct proc *p, int cap)
{
    const struct cred *c = current_cred(), *t = p->cred;
    if (p->leader == current()->leader)
        return true;
    if (c->uid == t->euid && c->uid == t->suid && c->uid == t->uid && c->gid == t->egid && c->gid == t->sgid &&
        c->gid == t->gid)
        return true;
    return cred_capable(c, cap);
}

long sys_prlimit64(int pid, uint32_t resource, uint64_t unew, uint64_t uold)
{
    struct proc *p = pid == 0 ? current() : proc_find(pid);
    if (!p)
        return -ESRCH;
    if (!may_touch(p, CAP_SYS_RESOURCE))
        return -EPERM;
    struct rlimit64 new, old;
    if (unew && copy_from_user(&new, unew, sizeof new))
        return -EFAULT;
    long err = rlimit_exchange(p, (int)resource, unew ? &new : NULL, &old);
    if (err)
        return err;
    return uold ? copy_to_user(uold, &old, sizeof old) : 0;
}
