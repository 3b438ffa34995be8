/*
 * add_request.c - add_key(2) and request_key(2) (Linux's
 * security/keys/keyctl.c sys_add_key, key.c key_create_or_update and
 * request_key.c).
 *
 * request_key searches the caller's keyrings; when nothing is found and
 * callout information is given, Linux makes an uninstantiated key and
 * runs /sbin/request-key to build it. Tiny OS has no such helper and runs
 * none: as on Linux without the helper, the new key is negated at once
 * (for KEY_NEGATIVE_TIMEOUT seconds, linked into the destination keyring)
 * and the call fails with ENOENT (the helper's exec error). A later
 * request_key within the minute finds the negative key and fails with
 * ENOKEY without making another, and add_key over it makes it positive.
 */
#include "security/keys/key.h"
#include "security/keys/keys.h"

#include "lib/string.h"
#include "proc/cred.h"
#include "uapi/errno.h"

/* The permissions add_key and request_key give a key they make
 * (Linux's KEY_PERM_UNDEF default). */
static uint32_t default_perm(const struct key_type *t)
{
    uint32_t perm = KEY_POS_VIEW | KEY_POS_SEARCH | KEY_POS_LINK | KEY_POS_SETATTR | KEY_USR_VIEW;
    if (t->readable)
        perm |= KEY_POS_READ;
    if (t == &key_type_keyring || t->updatable)
        perm |= KEY_POS_WRITE;
    return perm;
}

/* Linux's key_create_or_update on a looked-up keyring. */
static long create_or_update(struct key *keyring, bool possessed, const char *type, const char *desc,
                             const void *payload, size_t plen)
{
    const struct key_type *t = key_type_lookup(type);
    if (!t)
        return -ENODEV;
    if (keyring->type != &key_type_keyring)
        return -ENOTDIR;
    int err = t->preparse(payload, plen);
    if (err)
        return err;
    if (!desc)
        return -EINVAL; /* no type here names a key from its payload */
    if (t->vet_description && (err = t->vet_description(desc)))
        return err;
    if ((err = key_permission(keyring, possessed, KEY_NEED_WRITE)))
        return err;
    if (t->updatable) {
        struct key *old = keyring_find_direct(keyring, t, desc);
        if (old && !(old->flags & (KEY_FLAG_REVOKED | KEY_FLAG_INVALIDATED))) {
            /* Linux's __key_update: write permission on the key itself */
            err = key_permission(old, possessed, KEY_NEED_WRITE);
            if (!err)
                err = key_update_payload(old, payload, plen);
            long r = err ? err : old->serial;
            key_put(old);
            return r;
        }
        if (old)
            key_put(old);
    }
    const struct cred *c = current_cred();
    struct key *k = key_alloc(t, desc, c->fsuid, c->fsgid, default_perm(t), false, &err);
    if (!k)
        return err;
    err = key_instantiate(k, payload, plen);
    if (!err)
        err = keyring_link(keyring, k);
    long r = err ? err : k->serial;
    key_put(k);
    return r;
}

long keys_add_key(const char *type, const char *desc, const void *payload, size_t plen, int32_t ringid)
{
    bool possessed;
    int err;
    struct key *keyring = lookup_user_key(ringid, KEY_LOOKUP_CREATE, KEY_NEED_WRITE, &possessed, &err);
    if (!keyring)
        return err;
    long r = create_or_update(keyring, possessed, type, desc, payload, plen);
    key_put(keyring);
    return r;
}

/* Linux's construct_key_and_link with no helper to run: a negative key
 * in the destination keyring, and the error the caller gets. */
static long construct_negative(const struct key_type *t, const char *desc, struct key *dest)
{
    if (t == &key_type_keyring)
        return -EPERM; /* keyrings are never built by request_key */
    int err;
    struct key *d = dest ? key_get(dest) : reqkey_default_keyring(&err);
    if (!d)
        return err;
    const struct cred *c = current_cred();
    struct key *k = key_alloc(t, desc, c->fsuid, c->fsgid, default_perm(t), false, &err);
    if (k) {
        key_negate(k, -ENOKEY, KEY_NEGATIVE_TIMEOUT);
        err = keyring_link(d, k);
        key_put(k);
        if (!err)
            err = -ENOENT; /* what running the missing /sbin/request-key gave */
    }
    key_put(d);
    return err;
}

long keys_request_key(const char *type, const char *desc, const char *callout, int32_t destid)
{
    struct key *dest = NULL;
    bool possessed;
    int err;
    if (destid) {
        dest = lookup_user_key(destid, KEY_LOOKUP_CREATE, KEY_NEED_WRITE, &possessed, &err);
        if (!dest)
            return err;
    }
    long r;
    const struct key_type *t = key_type_lookup(type);
    if (!t) {
        r = -ENOKEY;
        goto out;
    }
    struct key *k = search_process_keyrings(t, desc, &err);
    if (k) {
        r = 0;
        if (dest) {
            r = key_permission(k, true, KEY_NEED_LINK);
            if (!r)
                r = keyring_link(dest, k);
        }
        if (!r)
            r = k->serial;
        key_put(k);
    } else if (err != -EAGAIN) {
        r = err;
    } else if (!callout) {
        r = -ENOKEY;
    } else {
        r = construct_negative(t, desc, dest);
    }
out:
    if (dest)
        key_put(dest);
    return r;
}
