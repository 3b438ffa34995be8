/*
 * keyctl.c - keyctl(2)'s commands on kernel copies of their arguments
 * (Linux's security/keys/keyctl.c), with Linux's lookups: which
 * permission each needs, which special keyrings it may create, and the
 * order of its errors.
 */
#include "security/keys/key.h"
#include "security/keys/keys.h"

#include "lib/format.h"
#include "lib/string.h"
#include "proc/cred.h"
#include "uapi/errno.h"

#define PAGE_SIZE 4096

long keyctl_get_keyring_id(int32_t id, bool create)
{
    bool poss;
    int err;
    struct key *k = lookup_user_key(id, create ? KEY_LOOKUP_CREATE : 0, KEY_NEED_SEARCH, &poss, &err);
    if (!k)
        return err;
    long serial = k->serial;
    key_put(k);
    return serial;
}

long keyctl_update(int32_t id, const void *payload, size_t plen)
{
    bool poss;
    int err;
    struct key *k = lookup_user_key(id, 0, KEY_NEED_WRITE, &poss, &err);
    if (!k)
        return err;
    if (!k->type->updatable)
        err = -EOPNOTSUPP;
    else if (!(err = k->type->preparse(payload, plen)))
        err = key_update_payload(k, payload, plen);
    key_put(k);
    return err;
}

long keyctl_revoke(int32_t id)
{
    bool poss;
    int err;
    struct key *k = lookup_user_key(id, 0, KEY_NEED_WRITE, &poss, &err);
    if (!k && err == -EACCES) /* SETATTR suffices too */
        k = lookup_user_key(id, 0, KEY_NEED_SETATTR, &poss, &err);
    if (!k)
        return err;
    key_revoke(k);
    key_put(k);
    return 0;
}

long keyctl_invalidate(int32_t id)
{
    bool poss;
    int err;
    struct key *k = lookup_user_key(id, 0, KEY_NEED_SEARCH, &poss, &err);
    if (!k)
        return err;
    key_invalidate(k);
    key_put(k);
    return 0;
}

long keyctl_chown(int32_t id, uint32_t uid, uint32_t gid)
{
    if (uid == UINT32_MAX && gid == UINT32_MAX)
        return 0;
    bool poss;
    int err;
    struct key *k = lookup_user_key(id, KEY_LOOKUP_CREATE | KEY_LOOKUP_PARTIAL, KEY_NEED_SETATTR, &poss, &err);
    if (!k)
        return err;
    const struct cred *c = current_cred();
    /* Only CAP_SYS_ADMIN gives a key away or to a group one is not in. */
    bool privileged = (uid != UINT32_MAX && uid != k->uid) ||
                      (gid != UINT32_MAX && gid != k->gid && !cred_in_group(c, gid));
    err = privileged && !capable(CAP_SYS_ADMIN) ? -EACCES : key_chown(k, uid, gid);
    key_put(k);
    return err;
}

long keyctl_setperm(int32_t id, uint32_t perm)
{
    if (perm & ~(uint32_t)(KEY_POS_ALL | KEY_USR_ALL | KEY_GRP_ALL | KEY_OTH_ALL))
        return -EINVAL;
    bool poss;
    int err;
    struct key *k = lookup_user_key(id, KEY_LOOKUP_CREATE | KEY_LOOKUP_PARTIAL, KEY_NEED_SETATTR, &poss, &err);
    if (!k)
        return err;
    err = -EACCES;
    if (k->uid == current_cred()->fsuid || capable(CAP_SYS_ADMIN)) {
        k->perm = perm;
        err = 0;
    }
    key_put(k);
    return err;
}

/* A gid as user space sees it: the keys without a group show as the
 * overflow gid (Linux's from_kgid_munged). */
static uint32_t shown_gid(uint32_t gid) { return gid == KEY_INVALID_GID ? OVERFLOW_ID : gid; }

long keyctl_describe(int32_t id, char *buf, size_t buflen)
{
    bool poss;
    int err;
    struct key *k = lookup_user_key(id, KEY_LOOKUP_PARTIAL, KEY_NEED_VIEW, &poss, &err);
    if (!k)
        return err;
    char info[96];
    long infolen =
        ksnprintf(info, sizeof info, "%s;%u;%u;%08x;", k->type->name, k->uid, shown_gid(k->gid), k->perm);
    size_t desclen = strlen(k->desc);
    long ret = infolen + (long)desclen + 1;
    if (buf && buflen >= (size_t)ret) {
        memcpy(buf, info, (size_t)infolen);
        memcpy(buf + infolen, k->desc, desclen + 1);
    }
    key_put(k);
    return ret;
}

long keyctl_get_security(int32_t id, char *buf, size_t buflen)
{
    bool poss;
    int err;
    struct key *k = lookup_user_key(id, KEY_LOOKUP_PARTIAL, KEY_NEED_VIEW, &poss, &err);
    if (!k)
        return err;
    key_put(k);
    /* No security module: an empty label. */
    if (buf && buflen > 0)
        buf[0] = '\0';
    return 1;
}

long keyctl_read(int32_t id, char *buf, size_t buflen)
{
    bool poss;
    int err;
    struct key *k = lookup_user_key(id, KEY_LOOKUP_DEFER_PERM, 0, &poss, &err);
    if (!k)
        return -ENOKEY; /* any failure to find it */
    long ret;
    if (k->flags & KEY_FLAG_NEGATIVE) {
        ret = k->reject_error;
        goto out;
    }
    ret = key_permission(k, poss, KEY_NEED_READ);
    /* Without Read, a key the caller can reach from its keyrings may still
     * be read (Linux's is_key_possessed fallback). */
    if (ret == -EACCES && poss)
        ret = 0;
    if (ret)
        goto out;
    if (!k->type->readable) {
        ret = -EOPNOTSUPP;
        goto out;
    }
    if ((ret = key_validate(k)))
        goto out;
    if (k->type == &key_type_keyring) {
        ret = (long)k->nlinks * 4;
        if (buf && buflen >= (size_t)ret)
            for (int i = 0; i < k->nlinks; i++)
                memcpy(buf + 4 * i, &k->links[i]->serial, 4);
    } else {
        ret = (long)k->datalen;
        if (buf && buflen >= k->datalen && k->datalen)
            memcpy(buf, k->data, k->datalen);
    }
out:
    key_put(k);
    return ret;
}

long keyctl_clear(int32_t id)
{
    bool poss;
    int err;
    struct key *k = lookup_user_key(id, KEY_LOOKUP_CREATE, KEY_NEED_WRITE, &poss, &err);
    if (!k)
        return err;
    err = keyring_clear(k);
    key_put(k);
    return err;
}

long keyctl_link(int32_t id, int32_t ringid)
{
    bool poss;
    int err;
    struct key *ring = lookup_user_key(ringid, KEY_LOOKUP_CREATE, KEY_NEED_WRITE, &poss, &err);
    if (!ring)
        return err;
    struct key *k = lookup_user_key(id, KEY_LOOKUP_CREATE, KEY_NEED_LINK, &poss, &err);
    if (k) {
        err = keyring_link(ring, k);
        key_put(k);
    }
    key_put(ring);
    return err;
}

long keyctl_unlink(int32_t id, int32_t ringid)
{
    bool poss;
    int err;
    struct key *ring = lookup_user_key(ringid, 0, KEY_NEED_WRITE, &poss, &err);
    if (!ring)
        return err;
    /* The key itself needs no permission: only the keyring changes. */
    struct key *k = lookup_user_key(id, KEY_LOOKUP_PARTIAL | KEY_LOOKUP_DEFER_PERM, 0, &poss, &err);
    if (k) {
        err = keyring_unlink(ring, k);
        key_put(k);
    }
    key_put(ring);
    return err;
}

long keyctl_search(int32_t ringid, const char *type, const char *desc, int32_t destid)
{
    bool poss, dposs;
    int err;
    struct key *ring = lookup_user_key(ringid, 0, KEY_NEED_SEARCH, &poss, &err);
    if (!ring)
        return err;
    struct key *dest = NULL, *k = NULL;
    if (destid && !(dest = lookup_user_key(destid, KEY_LOOKUP_CREATE, KEY_NEED_WRITE, &dposs, &err)))
        goto out;
    const struct key_type *t = key_type_lookup(type);
    if (!t) {
        err = -ENOKEY;
        goto out;
    }
    k = keyring_search(ring, poss, t, desc, false, &err);
    if (!k) {
        if (err == -EAGAIN)
            err = -ENOKEY; /* no key and a negative one look the same */
        goto out;
    }
    if (dest) {
        if ((err = key_permission(k, poss, KEY_NEED_LINK)) || (err = keyring_link(dest, k)))
            goto out;
    }
    err = k->serial;
out:
    if (k)
        key_put(k);
    if (dest)
        key_put(dest);
    key_put(ring);
    return err;
}

long keyctl_set_timeout(int32_t id, unsigned timeout)
{
    bool poss;
    int err;
    struct key *k = lookup_user_key(id, KEY_LOOKUP_CREATE | KEY_LOOKUP_PARTIAL, KEY_NEED_SETATTR, &poss, &err);
    if (!k)
        return err;
    key_set_timeout(k, timeout);
    key_put(k);
    return 0;
}

/* Authority to instantiate comes only from a request-key helper, which
 * Tiny OS never runs: no key can be named as one (Linux: ENOKEY when the
 * id is not an authorisation key the caller can find). */
long keyctl_assume_authority(int32_t id)
{
    if (id < 0)
        return -EINVAL;
    if (id == 0)
        return 0; /* dropping an authority one does not hold */
    return -ENOKEY;
}

long keyctl_instantiate_check(size_t plen)
{
    if (plen > KEY_MAX_PAYLOAD)
        return -EINVAL;
    return -EPERM; /* no authorisation key assumed */
}

long keyctl_reject_check(int error)
{
    /* the error must be a plain, positive errno */
    if (error <= 0 || error >= 4096 || error == 512 || error == 513 || error == 514 || error == 516)
        return -EINVAL;
    return -EPERM;
}
