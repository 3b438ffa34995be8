/* procfs_sysctl.c - see procfs_sysctl.h. */
#include "fs/procfs_sysctl.h"

#include <stddef.h>

#include "fs/aio.h"
#include "fs/dentry.h"
#include "fs/devfs.h"
#include "fs/inotify.h"
#include "fs/lease.h"
#include "fs/permission.h"
#include "fs/pipe.h"
#include "fs/writeback.h"
#include "ipc/ipc.h"
#include "ipc/mqueue.h"
#include "lib/format.h"
#include "lib/string.h"
#include "mm/aslr.h"
#include "mm/pmm.h"
#include "proc/coredump.h"
#include "proc/proc.h"
#include "proc/rlimit.h"
#include "proc/uts.h"
#include "security/keys/keys.h"
#include "uapi/errno.h"
#include "uapi/stat.h"

#define DIR (S_IFDIR | 0555)
#define RO (S_IFREG | 0444)
#define RW (S_IFREG | 0644)

static long text(char *buf, size_t size, const char *s) { return ksnprintf(buf, size, "%s\n", s); }
static long number(char *buf, size_t size, long v) { return ksnprintf(buf, size, "%ld\n", v); }

/* A decimal number from text ("123\n"): true and *v, or false. */
static bool parse_long(const char *buf, size_t n, long *v)
{
    long x = 0;
    size_t i = 0;
    while (i < n && (buf[i] == ' ' || buf[i] == '\t'))
        i++;
    size_t start = i;
    while (i < n && buf[i] >= '0' && buf[i] <= '9' && x < 100000000000L)
        x = x * 10 + (buf[i++] - '0');
    if (i == start)
        return false;
    while (i < n && (buf[i] == '\n' || buf[i] == ' '))
        i++;
    *v = x;
    return i == n;
}

static long r_pid_max(int pid, char *b, size_t s) { (void)pid; return number(b, s, proc_pid_max()); }
static long w_pid_max(const char *buf, size_t n)
{
    long v;
    if (!parse_long(buf, n, &v) || proc_set_pid_max((int)v))
        return -EINVAL;
    return (long)n;
}
static long r_aio_nr(int pid, char *b, size_t s) { (void)pid; return number(b, s, (long)aio_nr); }
static long r_aio_max_nr(int pid, char *b, size_t s) { (void)pid; return number(b, s, (long)aio_max_nr); }
static long w_aio_max_nr(const char *buf, size_t n)
{
    long v;
    if (!parse_long(buf, n, &v))
        return -EINVAL;
    aio_max_nr = (unsigned long)v;
    return (long)n;
}
static long r_entropy(int pid, char *b, size_t s) { (void)pid; return number(b, s, devfs_random_entropy()); }
static long r_threads_max(int pid, char *b, size_t s) { (void)pid; return number(b, s, proc_limit()); }
static long r_zero(int pid, char *b, size_t s) { (void)pid; return text(b, s, "0"); }
static long r_one(int pid, char *b, size_t s) { (void)pid; return text(b, s, "1"); }
/* The uts names (kernel/ostype, osrelease, version, hostname,
 * domainname): one field of uts_get's copy, chosen by its offset. */
static long uts_field(char *b, size_t s, size_t offset)
{
    struct linux_utsname u;
    uts_get(&u);
    return text(b, s, (const char *)&u + offset);
}
static long r_ostype(int pid, char *b, size_t s) { (void)pid; return uts_field(b, s, offsetof(struct linux_utsname, sysname)); }
static long r_osrelease(int pid, char *b, size_t s) { (void)pid; return uts_field(b, s, offsetof(struct linux_utsname, release)); }
static long r_version(int pid, char *b, size_t s) { (void)pid; return uts_field(b, s, offsetof(struct linux_utsname, version)); }
static long r_hostname(int pid, char *b, size_t s) { (void)pid; return uts_field(b, s, offsetof(struct linux_utsname, nodename)); }
static long r_domainname(int pid, char *b, size_t s)
{
    (void)pid;
    return uts_field(b, s, offsetof(struct linux_utsname, domainname));
}
/* Writing a name takes the text up to a newline, as Linux's proc_dostring. */
static long set_name(int which, const char *buf, size_t n)
{
    size_t len = 0;
    while (len < n && buf[len] != '\n')
        len++;
    long err = uts_set(which, buf, len);
    return err ? err : (long)n;
}
static long w_hostname(const char *buf, size_t n) { return set_name(UTS_HOSTNAME, buf, n); }
static long w_domainname(const char *buf, size_t n) { return set_name(UTS_DOMAINNAME, buf, n); }
static long r_ngroups_max(int pid, char *b, size_t s) { (void)pid; return number(b, s, 65536); }
static long r_overflow_id(int pid, char *b, size_t s) { (void)pid; return number(b, s, 65534); }
static long r_cap_last_cap(int pid, char *b, size_t s) { (void)pid; return number(b, s, 40); }
static long r_printk(int pid, char *b, size_t s) { (void)pid; return ksnprintf(b, s, "4\t4\t1\t7\n"); }
static long r_mmap_min_addr(int pid, char *b, size_t s) { (void)pid; return number(b, s, 0x400000); }
static long r_max_map_count(int pid, char *b, size_t s) { (void)pid; return number(b, s, 65530); }
static long r_nr_open(int pid, char *b, size_t s) { (void)pid; return number(b, s, rlimit_nr_open); }
/* Linux takes 64 up to about 2^30; our tables hold NOFILE descriptors,
 * so larger values are EINVAL here. */
static long w_nr_open(const char *buf, size_t n)
{
    long v;
    if (!parse_long(buf, n, &v) || v < NR_OPEN_MIN || v > NOFILE)
        return -EINVAL;
    rlimit_nr_open = (int)v;
    return (long)n;
}
static long r_file_max(int pid, char *b, size_t s) { (void)pid; return number(b, s, (long)pmm_total_frames() / 10 * 4); }
static long r_pipe_max_size(int pid, char *b, size_t s) { (void)pid; return number(b, s, (long)pipe_max_size()); }
/* Stored rounded up to a power-of-two number of pages, as Linux's
 * proc_dopipe_max_size does. */
static long w_pipe_max_size(const char *buf, size_t n)
{
    long v;
    if (!parse_long(buf, n, &v) || pipe_set_max_size((unsigned long)v))
        return -EINVAL;
    return (long)n;
}
static long r_lease_break_time(int pid, char *b, size_t s) { (void)pid; return number(b, s, lease_break_time()); }
static long w_lease_break_time(const char *buf, size_t n)
{
    long v;
    if (!parse_long(buf, n, &v) || v > 0x7fffffff)
        return -EINVAL;
    lease_set_break_time(v);
    return (long)n;
}
/* Per-user pipe page limits (Linux's defaults); Tiny OS does not count
 * pipe pages per user, so they bind nobody yet. */
static long r_pipe_pages_soft(int pid, char *b, size_t s) { (void)pid; return number(b, s, 16384); }
static long r_min_free_kbytes(int pid, char *b, size_t s) { (void)pid; return number(b, s, 1024); }
/* drop_caches: 1 drops the clean pages of disk files and of the disks'
 * own caches that nobody uses (dirty ones stay: Linux asks for a sync
 * first too), and, as memory reclaim does when pages were not enough,
 * unused names (Linux keeps those for 2); tmpfs pages are the files
 * themselves and stay. 2 drops the unused names (and their inodes) the
 * dentry cache keeps; 3 both; 4 (quiet) is accepted. */
static long w_drop_caches(const char *buf, size_t n)
{
    long v;
    if (!parse_long(buf, n, &v) || v < 1 || v > 4)
        return -EINVAL;
    if (v & 2)
        d_prune_unused(~0u);
    if (v & 1)
        writeback_reclaim(~0ull);
    return (long)n;
}

/* fs/inotify: Linux's proc_dointvec_minmax from 0 (no upper bound but
 * an int's). */
/* An integer sysctl in [0, max] (Linux's proc_dointvec_minmax; parse_long
 * takes no sign): EINVAL outside it. */
static long set_int(int *var, long max, const char *buf, size_t n)
{
    long v;
    if (!parse_long(buf, n, &v) || v > max)
        return -EINVAL;
    *var = (int)v;
    return (long)n;
}
static long r_in_instances(int pid, char *b, size_t s) { (void)pid; return number(b, s, inotify_max_user_instances); }
static long w_in_instances(const char *buf, size_t n)
{
    return set_int(&inotify_max_user_instances, 0x7fffffff, buf, n);
}
static long r_in_watches(int pid, char *b, size_t s) { (void)pid; return number(b, s, inotify_max_user_watches); }
static long w_in_watches(const char *buf, size_t n) { return set_int(&inotify_max_user_watches, 0x7fffffff, buf, n); }
static long r_in_events(int pid, char *b, size_t s) { (void)pid; return number(b, s, inotify_max_queued_events); }
static long w_in_events(const char *buf, size_t n) { return set_int(&inotify_max_queued_events, 0x7fffffff, buf, n); }
/* randomize_va_space (mm/aslr.h): 0, 1 or 2; fs.protected_hardlinks
 * (fs/permission.c may_link): 0 or 1. The files' mode keeps all but root
 * out (EACCES). */
static long r_randomize_va(int pid, char *b, size_t s) { (void)pid; return number(b, s, randomize_va_space); }
static long w_randomize_va(const char *buf, size_t n) { return set_int(&randomize_va_space, 2, buf, n); }
static long r_protected_hardlinks(int pid, char *b, size_t s) { (void)pid; return number(b, s, protected_hardlinks); }
static long w_protected_hardlinks(const char *buf, size_t n) { return set_int(&protected_hardlinks, 1, buf, n); }

enum { KERNEL, VM, FS, INOTIFY, MQUEUE, KEYS, RANDOM, N_DIRS };

const struct sysctl_entry sysctl_entries[] = {
    [KERNEL] = {"kernel", -1, DIR, NULL, NULL},
    [VM] = {"vm", -1, DIR, NULL, NULL},
    [FS] = {"fs", -1, DIR, NULL, NULL},
    [INOTIFY] = {"inotify", FS, DIR, NULL, NULL},
    [MQUEUE] = {"mqueue", FS, DIR, NULL, NULL},
    [KEYS] = {"keys", KERNEL, DIR, NULL, NULL},
    [RANDOM] = {"random", KERNEL, DIR, NULL, NULL},
    /* The pool is full once seeded, as Linux since 5.18 says (devfs.c). */
    {"entropy_avail", RANDOM, RO, r_entropy, NULL},
    {"poolsize", RANDOM, RO, r_entropy, NULL},
    {"pid_max", KERNEL, RW, r_pid_max, w_pid_max},
    {"threads-max", KERNEL, RO, r_threads_max, NULL},
    {"tainted", KERNEL, RO, r_zero, NULL},
    {"ostype", KERNEL, RO, r_ostype, NULL},
    {"osrelease", KERNEL, RO, r_osrelease, NULL},
    {"version", KERNEL, RO, r_version, NULL},
    {"hostname", KERNEL, RW, r_hostname, w_hostname},
    {"domainname", KERNEL, RW, r_domainname, w_domainname},
    {"ngroups_max", KERNEL, RO, r_ngroups_max, NULL},
    {"overflowuid", KERNEL, RO, r_overflow_id, NULL},
    {"overflowgid", KERNEL, RO, r_overflow_id, NULL},
    {"cap_last_cap", KERNEL, RO, r_cap_last_cap, NULL},
    {"randomize_va_space", KERNEL, RW, r_randomize_va, w_randomize_va},
    {"core_pattern", KERNEL, RW, coredump_read_pattern, coredump_write_pattern},
    {"core_uses_pid", KERNEL, RW, coredump_read_uses_pid, coredump_write_uses_pid},
    {"printk", KERNEL, RO, r_printk, NULL},
    /* System V IPC's limits (ipc/ipc_sysctl.c); the next_id knobs are
     * 0666 as Linux makes them for a checkpoint/restore-capable root. */
    {"shmmax", KERNEL, RW, ipc_read_shmmax, ipc_write_shmmax},
    {"shmall", KERNEL, RW, ipc_read_shmall, ipc_write_shmall},
    {"shmmni", KERNEL, RW, ipc_read_shmmni, ipc_write_shmmni},
    {"shm_rmid_forced", KERNEL, RW, ipc_read_shm_rmid_forced, ipc_write_shm_rmid_forced},
    {"msgmax", KERNEL, RW, ipc_read_msgmax, ipc_write_msgmax},
    {"msgmnb", KERNEL, RW, ipc_read_msgmnb, ipc_write_msgmnb},
    {"msgmni", KERNEL, RW, ipc_read_msgmni, ipc_write_msgmni},
    {"sem", KERNEL, RW, ipc_read_sem, ipc_write_sem},
    {"shm_next_id", KERNEL, S_IFREG | 0666, ipc_read_shm_next_id, ipc_write_shm_next_id},
    {"sem_next_id", KERNEL, S_IFREG | 0666, ipc_read_sem_next_id, ipc_write_sem_next_id},
    {"msg_next_id", KERNEL, S_IFREG | 0666, ipc_read_msg_next_id, ipc_write_msg_next_id},
    /* The key service's quotas and timers (security/keys/keys_proc.c). */
    {"maxkeys", KEYS, RW, keys_read_maxkeys, keys_write_maxkeys},
    {"maxbytes", KEYS, RW, keys_read_maxbytes, keys_write_maxbytes},
    {"root_maxkeys", KEYS, RW, keys_read_root_maxkeys, keys_write_root_maxkeys},
    {"root_maxbytes", KEYS, RW, keys_read_root_maxbytes, keys_write_root_maxbytes},
    {"gc_delay", KEYS, RW, keys_read_gc_delay, keys_write_gc_delay},
    {"persistent_keyring_expiry", KEYS, RW, keys_read_persistent_expiry, keys_write_persistent_expiry},
    {"overcommit_memory", VM, RO, r_one, NULL}, /* memory is never reserved ahead */
    {"max_map_count", VM, RO, r_max_map_count, NULL},
    {"mmap_min_addr", VM, RO, r_mmap_min_addr, NULL}, /* USER_MIN: the lowest user page */
    {"drop_caches", VM, S_IFREG | 0200, NULL, w_drop_caches},
    {"min_free_kbytes", VM, RO, r_min_free_kbytes, NULL},
    {"aio-nr", FS, RO, r_aio_nr, NULL},
    {"aio-max-nr", FS, RW, r_aio_max_nr, w_aio_max_nr},
    {"nr_open", FS, RW, r_nr_open, w_nr_open},
    {"file-max", FS, RO, r_file_max, NULL},
    {"lease-break-time", FS, RW, r_lease_break_time, w_lease_break_time},
    {"pipe-max-size", FS, RW, r_pipe_max_size, w_pipe_max_size},
    {"pipe-user-pages-hard", FS, RO, r_zero, NULL},
    {"pipe-user-pages-soft", FS, RO, r_pipe_pages_soft, NULL},
    {"protected_symlinks", FS, RO, r_zero, NULL},
    {"protected_hardlinks", FS, RW, r_protected_hardlinks, w_protected_hardlinks},
    {"suid_dumpable", FS, RW, coredump_read_suid_dumpable, coredump_write_suid_dumpable},
    {"max_user_instances", INOTIFY, RW, r_in_instances, w_in_instances},
    {"max_user_watches", INOTIFY, RW, r_in_watches, w_in_watches},
    {"max_queued_events", INOTIFY, RW, r_in_events, w_in_events},
    /* POSIX message queues' limits (ipc/ipc_sysctl.c). */
    {"queues_max", MQUEUE, RW, mq_read_queues_max, mq_write_queues_max},
    {"msg_max", MQUEUE, RW, mq_read_msg_max, mq_write_msg_max},
    {"msgsize_max", MQUEUE, RW, mq_read_msgsize_max, mq_write_msgsize_max},
    {"msg_default", MQUEUE, RW, mq_read_msg_default, mq_write_msg_default},
    {"msgsize_default", MQUEUE, RW, mq_read_msgsize_default, mq_write_msgsize_default},
};

const int sysctl_count = (int)(sizeof sysctl_entries / sizeof sysctl_entries[0]);
