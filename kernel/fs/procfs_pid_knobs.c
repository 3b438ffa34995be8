/*
 * procfs_pid_knobs.c - the writable files of /proc/PID (and of
 * /proc/PID/task/TID): comm, timerslack_ns and coredump_filter, in
 * Linux's formats and with its checks (fs/proc/base.c). See procfs_pid.h.
 */
#include "fs/procfs_pid.h"

#include "lib/format.h"
#include "lib/string.h"
#include "mm/vm.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "uapi/errno.h"

#define COREDUMP_FILTER_BITS 9 /* Linux's MMF_DUMP_FILTER_BITS */

/* Linux's kstrtoull(base): optional "+", digits (base 0: "0x" hex, "0"
 * octal, else decimal), one optional trailing newline. -EINVAL for
 * anything else, -ERANGE past max. */
static int parse_u64(const char *buf, size_t n, int base, uint64_t max, uint64_t *out)
{
    size_t i = 0;
    if (n && buf[n - 1] == '\n')
        n--;
    if (i < n && buf[i] == '+')
        i++;
    if (base == 0) {
        base = 10;
        if (i + 1 < n && buf[i] == '0' && (buf[i + 1] == 'x' || buf[i + 1] == 'X'))
            base = 16, i += 2;
        else if (i < n && buf[i] == '0')
            base = 8;
    }
    if (i == n)
        return -EINVAL;
    uint64_t v = 0;
    for (; i < n; i++) {
        char c = buf[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
        if (d >= base)
            return -EINVAL;
        if (v > (max - (uint64_t)d) / (uint64_t)base)
            return -ERANGE;
        v = v * (uint64_t)base + (uint64_t)d;
    }
    *out = v;
    return 0;
}

/* Linux's comm_write: at most 15 bytes, kept as written (a newline
 * included), and only for a thread of the writer's own process. */
long procfs_pid_comm_write(int pid, const char *buf, size_t n)
{
    struct proc *t = procfs_find_task(pid);
    if (!t)
        return -ESRCH;
    if (t->leader != current()->leader)
        return -EINVAL;
    char name[PROC_NAME_LEN];
    memset(name, 0, sizeof name);
    memcpy(name, buf, n < sizeof name - 1 ? n : sizeof name - 1);
    memcpy(t->name, name, sizeof name);
    return (long)n;
}

/* Another process's slack is CAP_SYS_NICE's to see and set (Linux's
 * timerslack_ns_show and _write). */
static struct proc *slack_target(int pid, long *err)
{
    struct proc *t = procfs_find_task(pid);
    *err = !t ? -ESRCH : t != current() && !capable(CAP_SYS_NICE) ? -EPERM : 0;
    return *err ? NULL : t;
}

long procfs_pid_timerslack(int pid, char *buf, size_t size)
{
    long err;
    struct proc *t = slack_target(pid, &err);
    if (!t)
        return err;
    long n = ksnprintf(buf, size, "%lu\n", t->timer_slack_ns);
    return n < 0 ? 0 : (size_t)n < size ? n : (long)size;
}

long procfs_pid_timerslack_write(int pid, const char *buf, size_t n)
{
    uint64_t v;
    int err = parse_u64(buf, n, 10, ~0ull, &v);
    if (err)
        return err;
    long e;
    struct proc *t = slack_target(pid, &e);
    if (!t)
        return e;
    t->timer_slack_ns = v ? v : t->default_timer_slack_ns;
    return (long)n;
}

long procfs_pid_coredump_filter(int pid, char *buf, size_t size)
{
    struct proc *t = procfs_find_task(pid);
    if (!t)
        return -ESRCH;
    if (!t->leader->mm)
        return 0; /* a process that has exited its memory: Linux shows nothing */
    long n = ksnprintf(buf, size, "%08x\n", t->leader->mm->coredump_filter);
    return n < 0 ? 0 : (size_t)n < size ? n : (long)size;
}

/* Any base (Linux's kstrtouint with base 0); only the filter's 9 bits are
 * kept, higher ones are dropped silently, as on Linux. */
long procfs_pid_coredump_filter_write(int pid, const char *buf, size_t n)
{
    uint64_t v;
    int err = parse_u64(buf, n, 0, 0xffffffffu, &v);
    if (err)
        return err;
    struct proc *t = procfs_find_task(pid);
    if (!t || !t->leader->mm)
        return -ESRCH;
    t->leader->mm->coredump_filter = (uint32_t)(v & ((1u << COREDUMP_FILTER_BITS) - 1));
    return (long)n;
}
