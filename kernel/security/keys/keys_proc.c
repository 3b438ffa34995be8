/*
 * keys_proc.c - the key service's files: /proc/keys (the keys the caller
 * may view, by serial, Linux's proc_keys_show format), /proc/key-users
 * (per-user counts and quotas) and the /proc/sys/kernel/keys tunables
 * (Linux's security/keys/proc.c and sysctl.c).
 *
 * /proc/key-users' second column is Linux's usage count of the user
 * record; here it is the number of keys the user owns plus one for the
 * record itself.
 */
#include "security/keys/key.h"
#include "security/keys/keys.h"

#include "lib/format.h"
#include "mm/kmalloc.h"
#include "uapi/errno.h"

/* Appends to buf[*len..size) what fits. */
#define APPEND(...)                                                                                            \
    do {                                                                                                       \
        if (*len < size)                                                                                       \
            *len += (size_t)ksnprintf(buf + *len, size - *len, __VA_ARGS__);                                   \
        if (*len > size)                                                                                       \
            *len = size;                                                                                       \
    } while (0)

/* The expiry column: "perm", "expd" or the time left in one unit. */
static void expiry_text(const struct key *k, char *x, size_t n)
{
    if (!k->expiry) {
        ksnprintf(x, n, "perm");
        return;
    }
    int64_t left = k->expiry - key_now();
    if (left <= 0)
        ksnprintf(x, n, "expd");
    else if (left < 60)
        ksnprintf(x, n, "%lds", (long)left);
    else if (left < 3600)
        ksnprintf(x, n, "%ldm", (long)(left / 60));
    else if (left < 86400)
        ksnprintf(x, n, "%ldh", (long)(left / 3600));
    else if (left < 7 * 86400)
        ksnprintf(x, n, "%ldd", (long)(left / 86400));
    else
        ksnprintf(x, n, "%ldw", (long)(left / (7 * 86400)));
}

static void show_key(const struct key *k, char *buf, size_t size, size_t *len)
{
    char x[16];
    expiry_text(k, x, sizeof x);
    APPEND("%08x %c%c%c%c%c%c%c %5d %4s %08x %5d %5d %-9.9s %s", (unsigned)k->serial,
           k->flags & KEY_FLAG_UNINSTANTIATED ? '-' : 'I', k->flags & KEY_FLAG_REVOKED ? 'R' : '-', '-',
           k->flags & KEY_FLAG_IN_QUOTA ? 'Q' : '-', '-', k->flags & KEY_FLAG_NEGATIVE ? 'N' : '-',
           k->flags & KEY_FLAG_INVALIDATED ? 'i' : '-', k->refs, x, k->perm, (int)k->uid,
           k->gid == KEY_INVALID_GID ? 65534 : (int)k->gid, k->type->name, k->desc);
    bool positive = !(k->flags & (KEY_FLAG_UNINSTANTIATED | KEY_FLAG_NEGATIVE));
    if (positive && k->type == &key_type_keyring) {
        if (k->nlinks)
            APPEND(": %d", k->nlinks);
        else
            APPEND(": empty");
    } else if (positive && k->type == &key_type_big_key) {
        APPEND(": %zu [%s]", k->datalen, k->datalen > 1024 ? "file" : "buff");
    } else if (positive) {
        APPEND(": %zu", k->datalen);
    }
    APPEND("\n");
}

long keys_proc_keys(int pid, char *buf, size_t size)
{
    (void)pid;
    size_t len = 0;
    /* Serial order, as Linux's tree walk gives: repeatedly the smallest
     * serial above the last one shown. */
    int64_t last = 0;
    for (;;) {
        struct key *next = NULL;
        for (struct list_head *n = key_all.next; n != &key_all; n = n->next) {
            struct key *k = (struct key *)n;
            if (k->serial > last && (!next || k->serial < next->serial))
                next = k;
        }
        if (!next || len >= size)
            break;
        last = next->serial;
        if (!key_permission(next, key_possessed(next), KEY_NEED_VIEW))
            show_key(next, buf, size, &len);
    }
    return (long)len;
}

long keys_proc_key_users(int pid, char *buf, size_t size)
{
    (void)pid;
    size_t len = 0, *lenp = &len;
    for (struct list_head *n = key_users.next; n != &key_users; n = n->next) {
        struct key_user *u = (struct key_user *)n;
        if (!u->nkeys)
            continue;
        unsigned mk = u->uid ? key_quota_maxkeys : key_quota_root_maxkeys;
        unsigned mb = u->uid ? key_quota_maxbytes : key_quota_root_maxbytes;
        size_t *len = lenp;
        APPEND("%5u: %5d %d/%d %d/%u %zu/%u\n", u->uid, u->nkeys + 1, u->nkeys, u->nikeys, u->qnkeys, mk,
               u->qnbytes, mb);
    }
    return (long)len;
}

/* One decimal number in [min, INT_MAX] (Linux's proc_dointvec_minmax):
 * n, or -EINVAL. */
static long write_uint(const char *b, size_t n, unsigned *out, unsigned min)
{
    size_t i = 0;
    while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n'))
        i++;
    size_t start = i;
    uint64_t v = 0;
    for (; i < n && b[i] >= '0' && b[i] <= '9'; i++) {
        v = v * 10 + (uint64_t)(b[i] - '0');
        if (v > INT32_MAX)
            return -EINVAL;
    }
    if (i == start)
        return -EINVAL;
    while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n'))
        i++;
    if (i != n || v < min)
        return -EINVAL;
    *out = (unsigned)v;
    return (long)n;
}

#define TUNABLE(name, var, min)                                                                                \
    long keys_read_##name(int pid, char *b, size_t s)                                                          \
    {                                                                                                          \
        (void)pid;                                                                                             \
        return ksnprintf(b, s, "%u\n", var);                                                                   \
    }                                                                                                          \
    long keys_write_##name(const char *b, size_t n) { return write_uint(b, n, &var, min); }

TUNABLE(maxkeys, key_quota_maxkeys, 1)
TUNABLE(maxbytes, key_quota_maxbytes, 1)
TUNABLE(root_maxkeys, key_quota_root_maxkeys, 1)
TUNABLE(root_maxbytes, key_quota_root_maxbytes, 1)
TUNABLE(gc_delay, key_gc_delay, 0)
TUNABLE(persistent_expiry, key_persistent_expiry, 0)
