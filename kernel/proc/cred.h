/*
 * cred.h - who a process is: Linux's real, effective, saved and
 * file-system user and group ids and the supplementary groups, and what
 * they allow.
 *
 * A struct cred never changes once a process uses it (as Linux's): the
 * set*id calls build a new one (cred_copy), change it and install it in
 * every thread of the process (cred_install), and the old one goes when
 * its last user drops it. So a check can hold a cred across a sleep and
 * see one consistent identity. Credentials belong to the whole process
 * (POSIX; glibc makes Linux's per-thread ones behave so anyway).
 *
 * Capabilities are Linux's five sets - effective (what a check asks),
 * permitted, inheritable, bounding and ambient - with Linux's rules
 * (capabilities(7)): root's processes start with all of them; an id
 * change that leaves no uid 0 empties the permitted and effective sets
 * (unless PR_SET_KEEPCAPS), the effective uid leaving or reaching 0 empties
 * or refills the effective set, the file-system uid the file-system
 * capabilities in it; execve gives root (bounding | inheritable) and
 * others only their ambient set; capset moves within those bounds. Files
 * have no capabilities (no security.capability attributes) and there are
 * no securebits but KEEP_CAPS.
 */
#ifndef PROC_CRED_H
#define PROC_CRED_H

#include <stdbool.h>
#include <stdint.h>

#define NGROUPS_MAX 65536
#define OVERFLOW_ID 65534 /* "nobody": an id that cannot be shown (Linux's overflowuid) */

struct cred {
    int refs;
    uint32_t uid, euid, suid, fsuid;
    uint32_t gid, egid, sgid, fsgid;
    uint64_t cap_effective, cap_permitted, cap_inheritable, cap_bset, cap_ambient; /* bit n: capability n */
    bool keep_caps; /* PR_SET_KEEPCAPS: keep the permitted set when no uid stays 0 */
    int ngroups;
    uint32_t groups[]; /* the supplementary groups, ascending */
};

/* The first process's: root, no supplementary groups. Never freed. */
extern struct cred root_cred;

/* The running process's credentials (root's while the kernel boots). */
const struct cred *current_cred(void);

static inline const struct cred *cred_get(const struct cred *c)
{
    ((struct cred *)c)->refs++;
    return c;
}
void cred_put(const struct cred *c);

/* A private copy of c with room for ngroups supplementary groups (its
 * groups copied when ngroups is c's count, else left for the caller to
 * fill), one reference; NULL when out of memory. */
struct cred *cred_copy(const struct cred *c, int ngroups);
/* Makes new (from cred_copy) the credentials of every thread of the
 * calling process; takes over the caller's reference. */
void cred_install(struct cred *new);

/* Is gid the file-system group or one of the supplementary groups? */
bool cred_in_group(const struct cred *c, uint32_t gid);

/* Linux's capability numbers (the ones Tiny OS consults). */
enum {
    CAP_CHOWN = 0,
    CAP_DAC_OVERRIDE = 1,
    CAP_DAC_READ_SEARCH = 2,
    CAP_FOWNER = 3,
    CAP_FSETID = 4,
    CAP_KILL = 5,
    CAP_SETGID = 6,
    CAP_SETUID = 7,
    CAP_SETPCAP = 8,
    CAP_LINUX_IMMUTABLE = 9,
    CAP_NET_BIND_SERVICE = 10,
    CAP_NET_ADMIN = 12,
    CAP_IPC_LOCK = 14,
    CAP_IPC_OWNER = 15,
    CAP_SYS_MODULE = 16,
    CAP_SYS_RAWIO = 17,
    CAP_SYS_CHROOT = 18,
    CAP_SYS_PTRACE = 19,
    CAP_SYS_PACCT = 20,
    CAP_SYS_ADMIN = 21,
    CAP_SYS_BOOT = 22,
    CAP_SYS_NICE = 23,
    CAP_SYS_RESOURCE = 24,
    CAP_SYS_TIME = 25,
    CAP_SYS_TTY_CONFIG = 26,
    CAP_MKNOD = 27,
    CAP_LEASE = 28,
    CAP_WAKE_ALARM = 35,
    CAP_LAST_CAP = 40,
};

/* May the calling process look into p (its robust list, its memory,
 * ptrace): its own thread group, or p runs with the caller's ids (all of
 * p's uids and gids the caller's uid and gid) and is dumpable, or the
 * caller has CAP_SYS_PTRACE (Linux's __ptrace_may_access). fscreds: the
 * caller's file-system uid and gid are compared (PTRACE_MODE_FSCREDS,
 * what /proc/PID's environ, maps, mem, fd and exe use); otherwise its
 * real ones (PTRACE_MODE_REALCREDS: ptrace, process_vm_readv, pidfd,
 * get_robust_list). Linux's READ and ATTACH modes differ only in what
 * Yama and other security modules add, which Tiny OS has not. */
struct proc;
bool proc_may_access(const struct proc *p, bool fscreds);
static inline bool proc_may_inspect(const struct proc *p) { return proc_may_access(p, false); }

/* Does c hold capability cap in its effective set? */
bool cred_capable(const struct cred *c, int cap);

#define CAP_ALL ((2ull << CAP_LAST_CAP) - 1) /* every capability there is */

/* The capability changes of an id change from old to new (Linux's
 * cap_task_fix_setuid): fs_only for setfsuid. */
void cred_fix_caps(const struct cred *old, struct cred *new, bool fs_only);
/* The capability sets a program starts with (Linux's
 * cap_bprm_creds_from_file, for files without capabilities): new holds
 * the ids it will run with; old is the caller's. */
void cred_exec_caps(const struct cred *old, struct cred *new);
/* The same for the running process. */
static inline bool capable(int cap) { return cred_capable(current_cred(), cap); }

#endif
