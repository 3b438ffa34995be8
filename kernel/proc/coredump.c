/*
 * coredump.c - whether and where a core file is written (Linux's
 * fs/coredump.c do_coredump), and the sysctls that steer it. The file's
 * format is coredump_elf.c's.
 *
 * The order of the checks is Linux's: the process must be dumpable
 * (PR_SET_DUMPABLE, the set-ID rules with /proc/sys/fs/suid_dumpable),
 * core_pattern must not be a pipe (not supported here: no dump), RLIMIT_CORE
 * at least a page, then the name is made from core_pattern (%p %P %i %I
 * %u %g %s %t %h %e %c %%, and core_uses_pid's ".PID"), an old file of that
 * name is unlinked with the process's own rights (not for a set-ID dump),
 * and the new one created O_EXCL | O_NOFOLLOW, mode 0600, in the cwd for a
 * relative name. A file that is not then a regular file owned by the
 * fsuid with one link and mode 0600 is not written to.
 */
#include "proc/coredump.h"

#include "arch/x86_64/cpu.h"
#include "fs/vfs.h"
#include "lib/format.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "proc/uts.h"
#include "time/clock.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/signal.h"

#define CORENAME_MAX 128 /* Linux's CORENAME_MAX_SIZE */

static char core_pattern[CORENAME_MAX] = "core";
static int core_uses_pid;
static int suid_dumpable;

bool sig_dumps_core(int sig)
{
    switch (sig) {
    case SIGQUIT:
    case SIGILL:
    case SIGTRAP:
    case SIGABRT:
    case SIGBUS:
    case SIGFPE:
    case SIGSEGV:
    case SIGXCPU:
    case SIGXFSZ:
    case SIGSYS: return true;
    default: return false;
    }
}

int coredump_suid_dumpable(void) { return suid_dumpable; }

/* Appends text to the name being built; false when it no longer fits
 * (Linux grows its buffer; a name past NAME_MAX-ish lengths would fail
 * the open anyway). */
static bool put(char *out, size_t *len, const char *text)
{
    size_t n = strlen(text);
    if (*len + n >= CORENAME_MAX * 2)
        return false;
    memcpy(out + *len, text, n + 1);
    *len += n;
    return true;
}

/* The file name from core_pattern (Linux's format_corename). */
static bool format_name(char *out, int sig)
{
    struct proc *p = current(), *l = p->leader;
    size_t len = 0;
    out[0] = 0;
    bool pid_in_pattern = false;
    char num[32];
    for (const char *c = core_pattern; *c; c++) {
        if (*c != '%') {
            char one[2] = {*c, 0};
            if (!put(out, &len, one))
                return false;
            continue;
        }
        num[0] = 0;
        switch (*++c) {
        case 0: c--; break; /* a lone '%' at the end is dropped */
        case '%': ksnprintf(num, sizeof num, "%%"); break;
        case 'p': pid_in_pattern = true; ksnprintf(num, sizeof num, "%d", l->pid); break;
        case 'P': ksnprintf(num, sizeof num, "%d", l->pid); break; /* no pid namespaces */
        case 'i':
        case 'I': ksnprintf(num, sizeof num, "%d", p->pid); break;
        case 'u': ksnprintf(num, sizeof num, "%u", p->cred->uid); break;
        case 'g': ksnprintf(num, sizeof num, "%u", p->cred->gid); break;
        case 's': ksnprintf(num, sizeof num, "%d", sig); break;
        case 't': ksnprintf(num, sizeof num, "%ld", (long)(clock_realtime_ns() / 1000000000)); break;
        case 'c': {
            uint64_t lim = l->rlim[RLIMIT_CORE].cur;
            ksnprintf(num, sizeof num, "%lu", (unsigned long)lim);
            break;
        }
        case 'h': {
            struct linux_utsname u;
            uts_get(&u);
            if (!put(out, &len, u.nodename))
                return false;
            break;
        }
        case 'e': {
            /* The command name; a '/' in it becomes '!' (Linux's cn_esc_printf). */
            char comm[PROC_NAME_LEN];
            memcpy(comm, p->name, sizeof comm);
            comm[sizeof comm - 1] = 0;
            for (char *q = comm; *q; q++)
                if (*q == '/')
                    *q = '!';
            if (!put(out, &len, comm))
                return false;
            break;
        }
        default: break; /* unknown specifiers expand to nothing */
        }
        if (num[0] && !put(out, &len, num))
            return false;
    }
    if (!pid_in_pattern && core_uses_pid) {
        ksnprintf(num, sizeof num, ".%d", l->pid);
        if (!put(out, &len, num))
            return false;
    }
    return len > 0;
}

/* Creates the core file (see the top of the file); NULL when not allowed. */
static struct file *open_core(const char *name, bool suid_safe)
{
    struct proc *p = current();
    struct path cwd = namei_cwd();
    if (!suid_safe)
        vfs_unlink(&cwd, name, false); /* if it fails, the O_EXCL open says why */
    struct file *f = NULL;
    int flags = O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_LARGEFILE;
    if (vfs_open(&cwd, name, flags, 0600 & ~p->umask, &f))
        return NULL;
    struct inode *i = f->inode;
    if (i->nlink > 1 || (i->mode & S_IFMT) != S_IFREG || i->uid != p->cred->fsuid || (i->mode & 0677) != 0600 ||
        !file_writable(f) || !f->ops->splice_write) {
        file_put(f);
        return NULL;
    }
    return f;
}

bool coredump_write(int sig, const struct ksiginfo *info, const struct trap_frame *regs)
{
    struct proc *p = current(), *l = p->leader;
    int dumpable = l->dumpable;
    if (!p->mm || !dumpable)
        return false;
    if (core_pattern[0] == '|') /* piping to a helper program: not supported */
        return false;
    bool suid_safe = dumpable == 2;
    if (suid_safe && core_pattern[0] != '/')
        return false; /* Linux: "can only dump core to fully qualified path" */
    uint64_t limit = l->rlim[RLIMIT_CORE].cur;
    if (limit < 4096) /* Linux's binfmt->min_coredump: one page */
        return false;
    /* Everything but the memory, before anything may sleep. */
    struct core_snapshot *s = core_snapshot_take(sig, info, regs);
    if (!s)
        return false;
    char *name = kmalloc(CORENAME_MAX * 2);
    struct file *f = NULL;
    sti(); /* the file system may sleep */
    if (name && format_name(name, sig))
        f = open_core(name, suid_safe);
    kfree(name);
    if (!f) {
        core_snapshot_write(s, NULL, 0); /* frees it */
        cli();
        return false;
    }
    core_snapshot_write(s, f, limit);
    file_put(f);
    cli();
    return true; /* even if the limit cut it short, as Linux's has_dumped */
}

/* Sysctls. */

long coredump_read_pattern(int pid, char *buf, size_t size)
{
    (void)pid;
    return ksnprintf(buf, size, "%s\n", core_pattern);
}

long coredump_write_pattern(const char *buf, size_t n)
{
    /* proc_dostring: up to the first newline, truncated to the buffer. */
    size_t len = 0;
    while (len < n && len < CORENAME_MAX - 1 && buf[len] != '\n' && buf[len])
        len++;
    memcpy(core_pattern, buf, len);
    core_pattern[len] = 0;
    return (long)n;
}

static long write_int_range(int *var, const char *buf, size_t n, long max)
{
    long v = 0;
    size_t i = 0;
    while (i < n && buf[i] == ' ')
        i++;
    size_t start = i;
    while (i < n && buf[i] >= '0' && buf[i] <= '9' && v <= max)
        v = v * 10 + (buf[i++] - '0');
    while (i < n && (buf[i] == '\n' || buf[i] == ' '))
        i++;
    if (i == start || i != n || v > max)
        return -EINVAL;
    *var = (int)v;
    return (long)n;
}

long coredump_read_uses_pid(int pid, char *buf, size_t size)
{
    (void)pid;
    return ksnprintf(buf, size, "%d\n", core_uses_pid);
}

long coredump_write_uses_pid(const char *buf, size_t n) { return write_int_range(&core_uses_pid, buf, n, 0x7fffffff); }

long coredump_read_suid_dumpable(int pid, char *buf, size_t size)
{
    (void)pid;
    return ksnprintf(buf, size, "%d\n", suid_dumpable);
}

/* 0, 1 or 2 (proc_dointvec_minmax: EINVAL outside). */
long coredump_write_suid_dumpable(const char *buf, size_t n) { return write_int_range(&suid_dumpable, buf, n, 2); }
