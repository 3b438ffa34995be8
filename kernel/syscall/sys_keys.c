/*
 * sys_keys.c - add_key, request_key and keyctl (keyrings(7)): copy the
 * type names, descriptions and payloads in, as Linux's
 * security/keys/keyctl.c does and in its order, call the key service
 * (security/keys/keys.h) and copy results out.
 */
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "security/keys/keys.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/keyctl.h"

#define TYPE_SIZE 32          /* key type names, NUL included */
#define DESC_SIZE 4096        /* descriptions (Linux's KEY_MAX_DESC_SIZE) */
#define MAX_PAYLOAD (1024 * 1024 - 1)
#define PAGE_SIZE 4096

/* Linux's key_get_type_from_user: EFAULT, EINVAL (empty or too long),
 * EPERM (a '.' type is the kernel's own). */
static long get_type(uint64_t utype, char type[TYPE_SIZE])
{
    long r = strncpy_from_user(type, utype, TYPE_SIZE);
    if (r == -ENAMETOOLONG || r == 0)
        return -EINVAL;
    if (r < 0)
        return r;
    return type[0] == '.' ? -EPERM : 0;
}

/* Linux's strndup_user: a kernel copy of a string of under max bytes, or
 * NULL and *err (EFAULT, EINVAL when too long, ENOMEM). */
static char *dup_user(uint64_t u, size_t max, long *err)
{
    char *s = kmalloc(max);
    if (!s) {
        *err = -ENOMEM;
        return NULL;
    }
    long r = strncpy_from_user(s, u, max);
    if (r < 0) {
        kfree(s);
        *err = r == -ENAMETOOLONG ? -EINVAL : r;
        return NULL;
    }
    return s;
}

/* A kernel copy of n payload bytes (NULL when n is 0), or NULL and *err. */
static void *payload_in(uint64_t u, size_t n, long *err)
{
    if (!n)
        return NULL;
    void *p = kmalloc(n);
    if (!p) {
        *err = -ENOMEM;
        return NULL;
    }
    if (copy_from_user(p, u, n)) {
        kfree(p);
        *err = -EFAULT;
        return NULL;
    }
    return p;
}

static void payload_free(void *p, size_t n)
{
    if (p) {
        memset(p, 0, n); /* key material does not linger */
        kfree(p);
    }
}

long sys_add_key(uint64_t utype, uint64_t udesc, uint64_t upayload, size_t plen, int32_t ringid)
{
    if (plen > MAX_PAYLOAD)
        return -EINVAL;
    char type[TYPE_SIZE];
    long r = get_type(utype, type);
    if (r)
        return r;
    char *desc = NULL;
    if (udesc) {
        if (!(desc = dup_user(udesc, DESC_SIZE, &r)))
            return r;
        if (!desc[0]) {
            kfree(desc);
            desc = NULL;
        } else if (desc[0] == '.' && !strncmp(type, "keyring", 7)) {
            kfree(desc);
            return -EPERM; /* '.' keyrings are the kernel's */
        }
    }
    void *payload = payload_in(upayload, plen, &r);
    if (plen && !payload) {
        kfree(desc);
        return r;
    }
    r = keys_add_key(type, desc, payload, plen, ringid);
    payload_free(payload, plen);
    kfree(desc);
    return r;
}

long sys_request_key(uint64_t utype, uint64_t udesc, uint64_t ucallout, int32_t destid)
{
    char type[TYPE_SIZE];
    long r = get_type(utype, type);
    if (r)
        return r;
    char *desc = dup_user(udesc, DESC_SIZE, &r);
    if (!desc)
        return r;
    char *callout = NULL;
    if (ucallout && !(callout = dup_user(ucallout, PAGE_SIZE, &r))) {
        kfree(desc);
        return r;
    }
    r = keys_request_key(type, desc, callout, destid);
    kfree(callout);
    kfree(desc);
    return r;
}

/* DESCRIBE, READ and GET_SECURITY: the length first, then the data into a
 * kernel buffer of exactly that size and out, when the user's is big
 * enough (nothing is copied otherwise, as Linux's keyctl_read_key). */
static long read_out(long (*op)(int32_t, char *, size_t), int32_t id, uint64_t ubuf, size_t buflen)
{
    long n = op(id, NULL, 0);
    if (n <= 0 || !ubuf || buflen < (size_t)n)
        return n;
    char *k = kmalloc((size_t)n);
    if (!k)
        return -ENOMEM;
    long m = op(id, k, (size_t)n);
    if (m > 0 && m <= n && copy_to_user(ubuf, k, (size_t)m))
        m = -EFAULT;
    memset(k, 0, (size_t)n);
    kfree(k);
    return m;
}

static long join_session(uint64_t uname)
{
    if (!uname)
        return keyctl_join_session_keyring(NULL);
    long r;
    char *name = dup_user(uname, DESC_SIZE, &r);
    if (!name)
        return r;
    r = name[0] == '.' ? -EPERM : keyctl_join_session_keyring(name);
    kfree(name);
    return r;
}

static long update(int32_t id, uint64_t upayload, size_t plen)
{
    if (plen > PAGE_SIZE)
        return -EINVAL;
    long r = 0;
    void *payload = payload_in(upayload, plen, &r);
    if (plen && !payload)
        return r;
    r = keyctl_update(id, payload, plen);
    payload_free(payload, plen);
    return r;
}

static long search(int32_t ringid, uint64_t utype, uint64_t udesc, int32_t destid)
{
    char type[TYPE_SIZE];
    long r = get_type(utype, type);
    if (r)
        return r;
    char *desc = dup_user(udesc, DESC_SIZE, &r);
    if (!desc)
        return r;
    r = keyctl_search(ringid, type, desc, destid);
    kfree(desc);
    return r;
}

long sys_keyctl(int option, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    int32_t id = (int32_t)a2;
    switch (option) {
    case KEYCTL_GET_KEYRING_ID: return keyctl_get_keyring_id(id, a3 != 0);
    case KEYCTL_JOIN_SESSION_KEYRING: return join_session(a2);
    case KEYCTL_UPDATE: return update(id, a3, a4);
    case KEYCTL_REVOKE: return keyctl_revoke(id);
    case KEYCTL_CHOWN: return keyctl_chown(id, (uint32_t)a3, (uint32_t)a4);
    case KEYCTL_SETPERM: return keyctl_setperm(id, (uint32_t)a3);
    case KEYCTL_DESCRIBE: return read_out(keyctl_describe, id, a3, a4);
    case KEYCTL_CLEAR: return keyctl_clear(id);
    case KEYCTL_LINK: return keyctl_link(id, (int32_t)a3);
    case KEYCTL_UNLINK: return keyctl_unlink(id, (int32_t)a3);
    case KEYCTL_SEARCH: return search(id, a3, a4, (int32_t)a5);
    case KEYCTL_READ: return read_out(keyctl_read, id, a3, a4);
    case KEYCTL_INSTANTIATE: return keyctl_instantiate_check(a4);
    case KEYCTL_INSTANTIATE_IOV: return keyctl_instantiate_check(0);
    case KEYCTL_NEGATE: return keyctl_reject_check(ENOKEY);
    case KEYCTL_REJECT: return keyctl_reject_check((int)a4);
    case KEYCTL_SET_REQKEY_KEYRING: return keyctl_set_reqkey_keyring((int)a2);
    case KEYCTL_SET_TIMEOUT: return keyctl_set_timeout(id, (unsigned)a3);
    case KEYCTL_ASSUME_AUTHORITY: return keyctl_assume_authority(id);
    case KEYCTL_GET_SECURITY: return read_out(keyctl_get_security, id, a3, a4);
    case KEYCTL_INVALIDATE: return keyctl_invalidate(id);
    default: return -EOPNOTSUPP; /* persistent keyrings, DH, restrictions, watches... */
    }
}
