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
 * Capabilities are all or nothing: Linux's file-system capabilities
 * (CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_FOWNER, CAP_FSETID, CAP_MKNOD ...)
 * are held while the file-system uid is 0, every other one while the
 * effective uid is 0. That is what Linux's capability rules give a
 * process whose ids move between root and others (capabilities(7), "Effect
 * of user ID changes on capabilities") without capset, file capabilities
 * or securebits, none of which Tiny OS has.
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
    CAP_MKNOD = 27,
    CAP_LEASE = 28,
    CAP_WAKE_ALARM = 35,
    CAP_LAST_CAP = 40,
};

/* Does c hold capability cap (see above for the rule)? */
bool cred_capable(const struct cred *c, int cap);
/* The same for the running process. */
static inline bool capable(int cap) { return cred_capable(current_cred(), cap); }

#endif
