/*
 * sys_caps.c - capget(2) and capset(2), and prctl's capability options
 * (PR_CAPBSET_READ/DROP, PR_CAP_AMBIENT, PR_GET/SET_KEEPCAPS), on the
 * capability sets of proc/cred.h, with Linux's rules (kernel/capability.c,
 * security/commoncap.c).
 */
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/prctl.h"

#define CAP_V1 0x19980330 /* one 32-bit word per set */
#define CAP_V2 0x20071026 /* two (deprecated, the same layout as V3) */
#define CAP_V3 0x20080522

struct cap_header {
    uint32_t version;
    int32_t pid;
};

struct cap_data {
    uint32_t effective, permitted, inheritable;
};

/* The header's version and how many cap_data it has: 0 and an unknown
 * version (answered with the version Linux prefers, written back). */
static int header_words(uint64_t uhdr, struct cap_header *h, long *err)
{
    *err = copy_from_user(h, uhdr, sizeof *h);
    if (*err)
        return 0;
    if (h->version == CAP_V1)
        return 1;
    if (h->version == CAP_V2 || h->version == CAP_V3)
        return 2;
    uint32_t v3 = CAP_V3;
    *err = copy_to_user(uhdr, &v3, sizeof v3) ? -EFAULT : -EINVAL;
    return 0;
}

long sys_capget(uint64_t uhdr, uint64_t udata)
{
    struct cap_header h;
    long err;
    int words = header_words(uhdr, &h, &err);
    if (!udata) /* only asking which version the kernel speaks */
        return err == -EINVAL ? 0 : err;
    if (!words)
        return err;
    if (h.pid < 0)
        return -EINVAL;
    struct proc *p = h.pid ? proc_find(h.pid) : current();
    if (!p || p->state == PROC_ZOMBIE)
        return -ESRCH;
    const struct cred *c = p->cred;
    struct cap_data d[2];
    for (int i = 0; i < 2; i++)
        d[i] = (struct cap_data){(uint32_t)(c->cap_effective >> (32 * i)), (uint32_t)(c->cap_permitted >> (32 * i)),
                                 (uint32_t)(c->cap_inheritable >> (32 * i))};
    return copy_to_user(udata, d, (size_t)words * sizeof d[0]) ? -EFAULT : 0;
}

static bool subset(uint64_t a, uint64_t b) { return (a & ~b) == 0; }

long sys_capset(uint64_t uhdr, uint64_t udata)
{
    struct cap_header h;
    long err;
    int words = header_words(uhdr, &h, &err);
    if (!words)
        return err;
    if (h.pid != 0 && h.pid != current()->tgid && h.pid != current()->pid)
        return -EPERM; /* only one's own capabilities */
    struct cap_data d[2] = {0};
    if (copy_from_user(d, udata, (size_t)words * sizeof d[0]))
        return -EFAULT;
    uint64_t eff = d[0].effective | (uint64_t)d[1].effective << 32;
    uint64_t perm = d[0].permitted | (uint64_t)d[1].permitted << 32;
    uint64_t inh = d[0].inheritable | (uint64_t)d[1].inheritable << 32;
    eff &= CAP_ALL, perm &= CAP_ALL, inh &= CAP_ALL;
    const struct cred *old = current_cred();
    /* Linux's cap_capset: the inheritable set may only grow within the
     * permitted one (or anywhere within the bounding set with
     * CAP_SETPCAP); the permitted set only shrink; the effective set
     * stays within the permitted one. */
    if (!cred_capable(old, CAP_SETPCAP) && !subset(inh, old->cap_inheritable | old->cap_permitted))
        return -EPERM;
    if (!subset(inh, old->cap_inheritable | old->cap_bset))
        return -EPERM;
    if (!subset(perm, old->cap_permitted) || !subset(eff, perm))
        return -EPERM;
    struct cred *new = cred_copy(old, old->ngroups);
    if (!new)
        return -ENOMEM;
    new->cap_effective = eff;
    new->cap_permitted = perm;
    new->cap_inheritable = inh;
    new->cap_ambient &= perm & inh;
    cred_install(new);
    return 0;
}

#define PR_CAP_AMBIENT_IS_SET 1
#define PR_CAP_AMBIENT_RAISE 2
#define PR_CAP_AMBIENT_LOWER 3
#define PR_CAP_AMBIENT_CLEAR_ALL 4

static bool valid_cap(uint64_t cap) { return cap <= CAP_LAST_CAP; }

/* Installs a copy of the caller's cred changed by change(new, arg). */
static long change_cred(void (*change)(struct cred *, uint64_t), uint64_t arg)
{
    const struct cred *old = current_cred();
    struct cred *new = cred_copy(old, old->ngroups);
    if (!new)
        return -ENOMEM;
    change(new, arg);
    cred_install(new);
    return 0;
}

static void drop_bound(struct cred *c, uint64_t cap) { c->cap_bset &= ~(1ull << cap); }
static void raise_ambient(struct cred *c, uint64_t cap) { c->cap_ambient |= 1ull << cap; }
static void lower_ambient(struct cred *c, uint64_t cap) { c->cap_ambient &= ~(1ull << cap); }
static void clear_ambient(struct cred *c, uint64_t unused) { (void)unused, c->cap_ambient = 0; }
static void set_keep_caps(struct cred *c, uint64_t on) { c->keep_caps = on; }

long prctl_caps(int option, uint64_t arg2, uint64_t arg3, uint64_t arg4, uint64_t arg5)
{
    const struct cred *c = current_cred();
    switch (option) {
    case PR_GET_KEEPCAPS:
        return c->keep_caps;
    case PR_SET_KEEPCAPS:
        if (arg2 > 1)
            return -EINVAL;
        return change_cred(set_keep_caps, arg2);
    /* Securebits: Tiny OS keeps SECBIT_KEEP_CAPS (the keep-caps flag);
     * the others (NOROOT, NO_SETUID_FIXUP, the locks...) are refused
     * with EINVAL rather than accepted and ignored. Changing any needs
     * CAP_SETPCAP (EPERM), as Linux's cap_task_prctl. */
    case PR_GET_SECUREBITS:
        return c->keep_caps ? SECBIT_KEEP_CAPS : 0;
    case PR_SET_SECUREBITS:
        if (!cred_capable(c, CAP_SETPCAP))
            return -EPERM;
        if (arg2 & ~(uint64_t)SECBIT_KEEP_CAPS)
            return -EINVAL;
        return change_cred(set_keep_caps, (arg2 & SECBIT_KEEP_CAPS) != 0);
    case PR_CAPBSET_READ:
        return valid_cap(arg2) ? (long)((c->cap_bset >> arg2) & 1) : -EINVAL;
    case PR_CAPBSET_DROP:
        if (!valid_cap(arg2))
            return -EINVAL;
        if (!cred_capable(c, CAP_SETPCAP))
            return -EPERM;
        return change_cred(drop_bound, arg2);
    case PR_CAP_AMBIENT:
        if (arg2 == PR_CAP_AMBIENT_CLEAR_ALL)
            return arg3 || arg4 || arg5 ? -EINVAL : change_cred(clear_ambient, 0);
        if (arg4 || arg5 || !valid_cap(arg3))
            return -EINVAL;
        if (arg2 == PR_CAP_AMBIENT_IS_SET)
            return (long)((c->cap_ambient >> arg3) & 1);
        if (arg2 == PR_CAP_AMBIENT_LOWER)
            return change_cred(lower_ambient, arg3);
        if (arg2 != PR_CAP_AMBIENT_RAISE)
            return -EINVAL;
        /* Only a capability both permitted and inheritable can be ambient. */
        if (!((c->cap_permitted >> arg3) & 1) || !((c->cap_inheritable >> arg3) & 1))
            return -EPERM;
        return change_cred(raise_ambient, arg3);
    default:
        return -EINVAL;
    }
}
