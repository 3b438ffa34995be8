/*
 * key.c - keys' life: serial numbers, allocation against the owner's
 * quota, instantiation, references and destruction, validity and
 * permission checks (Linux's security/keys/key.c and permission.c).
 */
#include "security/keys/key.h"

#include "lib/random.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "proc/cred.h"
#include "time/clock.h"
#include "uapi/errno.h"

struct list_head key_all = LIST_HEAD_INIT(key_all);
struct list_head key_users = LIST_HEAD_INIT(key_users);

/* Linux's defaults (security/keys/key.c): root may hold a million keys
 * and 25 MB, others 200 keys and 20000 bytes. */
unsigned key_quota_maxkeys = 200, key_quota_maxbytes = 20000;
unsigned key_quota_root_maxkeys = 1000000, key_quota_root_maxbytes = 25000000;
unsigned key_gc_delay = 5 * 60, key_persistent_expiry = 3 * 24 * 3600;

int64_t key_now(void) { return clock_realtime_ns() / 1000000000; }

struct key_user *key_user_lookup(uint32_t uid)
{
    for (struct list_head *n = key_users.next; n != &key_users; n = n->next) {
        struct key_user *u = (struct key_user *)n;
        if (u->uid == uid)
            return u;
    }
    struct key_user *u = kzalloc(sizeof *u);
    if (!u)
        return NULL;
    u->uid = uid;
    list_add_tail(&u->node, &key_users);
    return u;
}

static unsigned max_keys(uint32_t uid) { return uid == 0 ? key_quota_root_maxkeys : key_quota_maxkeys; }
static size_t max_bytes(uint32_t uid) { return uid == 0 ? key_quota_root_maxbytes : key_quota_maxbytes; }

struct key *key_find(int32_t serial)
{
    for (struct list_head *n = key_all.next; n != &key_all; n = n->next) {
        struct key *k = (struct key *)n;
        if (k->serial == serial)
            return key_get(k);
    }
    return NULL;
}

/* A random positive serial of at least 3 that no key has (Linux's
 * key_alloc_serial: random, then the next free one up). */
static int32_t new_serial(void)
{
    uint32_t r;
    random_bytes(&r, sizeof r);
    int32_t s = (int32_t)(r >> 1);
    for (;;) {
        if (s < 3)
            s = 3;
        struct key *k = key_find(s);
        if (!k)
            return s;
        key_put(k);
        s++;
    }
}

struct key *key_alloc(const struct key_type *t, const char *desc, uint32_t uid, uint32_t gid, uint32_t perm,
                      bool over_quota_ok, int *err)
{
    size_t desclen = strlen(desc);
    size_t quotalen = desclen + 1;
    struct key_user *u = key_user_lookup(uid);
    if (!u) {
        *err = -ENOMEM;
        return NULL;
    }
    if (!over_quota_ok &&
        ((unsigned)u->qnkeys + 1 > max_keys(uid) || u->qnbytes + quotalen > max_bytes(uid))) {
        *err = -EDQUOT;
        return NULL;
    }
    struct key *k = kzalloc(sizeof *k);
    char *d = kmalloc(desclen + 1);
    if (!k || !d) {
        kfree(k);
        kfree(d);
        *err = -ENOMEM;
        return NULL;
    }
    memcpy(d, desc, desclen + 1);
    k->refs = 1;
    k->type = t;
    k->desc = d;
    k->user = u;
    k->uid = uid;
    k->gid = gid;
    k->perm = perm;
    k->flags = KEY_FLAG_UNINSTANTIATED | KEY_FLAG_IN_QUOTA;
    k->quotalen = quotalen;
    k->serial = new_serial();
    u->nkeys++;
    u->qnkeys++;
    u->qnbytes += quotalen;
    list_add_tail(&k->node, &key_all);
    return k;
}

/* Charges k's owner delta more bytes (Linux's key_payload_reserve). */
static int reserve(struct key *k, long delta)
{
    struct key_user *u = k->user;
    if (delta > 0 && u->qnbytes + (size_t)delta > max_bytes(k->uid))
        return -EDQUOT;
    u->qnbytes += delta;
    k->quotalen += delta;
    return 0;
}

/* Replaces the payload bytes of k, charging the difference. */
static int set_payload(struct key *k, const void *data, size_t len)
{
    size_t q = k->type->quotalen ? k->type->quotalen(len) : len;
    size_t old_q = k->type->quotalen ? k->type->quotalen(k->datalen) : k->datalen;
    if (!k->data)
        old_q = 0;
    void *copy = NULL;
    if (len) {
        copy = kmalloc(len);
        if (!copy)
            return -ENOMEM;
        memcpy(copy, data, len);
    }
    int err = reserve(k, (long)q - (long)old_q);
    if (err) {
        kfree(copy);
        return err;
    }
    if (k->data) {
        memset(k->data, 0, k->datalen); /* key material does not linger in freed memory */
        kfree(k->data);
    }
    k->data = copy;
    k->datalen = len;
    return 0;
}

int key_instantiate(struct key *k, const void *data, size_t len)
{
    if (k->type != &key_type_keyring) {
        int err = set_payload(k, data, len);
        if (err)
            return err;
    }
    k->flags &= ~(KEY_FLAG_UNINSTANTIATED | KEY_FLAG_NEGATIVE);
    k->user->nikeys++;
    return 0;
}

void key_negate(struct key *k, int err, int64_t timeout)
{
    if (k->flags & KEY_FLAG_UNINSTANTIATED)
        k->user->nikeys++;
    k->flags = (k->flags & ~KEY_FLAG_UNINSTANTIATED) | KEY_FLAG_NEGATIVE;
    k->reject_error = err;
    k->expiry = timeout ? key_now() + timeout : 0;
}

int key_update_payload(struct key *k, const void *data, size_t len)
{
    int err = set_payload(k, data, len);
    if (err)
        return err;
    if (k->flags & KEY_FLAG_UNINSTANTIATED)
        k->user->nikeys++;
    k->flags &= ~(KEY_FLAG_UNINSTANTIATED | KEY_FLAG_NEGATIVE); /* an update makes a negative key positive */
    return 0;
}

/* Keys whose last reference went, destroyed one at a time so that a deep
 * tree of keyrings costs no kernel stack (destroying a keyring drops its
 * links, which may queue more). */
static struct key *dying;
static bool reaping;

static void destroy(struct key *k)
{
    struct key_user *u = k->user;
    u->nkeys--;
    if (!(k->flags & KEY_FLAG_UNINSTANTIATED))
        u->nikeys--;
    if (k->flags & KEY_FLAG_IN_QUOTA) {
        u->qnkeys--;
        u->qnbytes -= k->quotalen;
    }
    if (k->data) {
        memset(k->data, 0, k->datalen);
        kfree(k->data);
    }
    for (int i = 0; i < k->nlinks; i++)
        key_put(k->links[i]);
    kfree(k->links);
    kfree(k->desc);
    kfree(k);
}

void key_put(struct key *k)
{
    if (--k->refs > 0)
        return;
    list_del_init(&k->node); /* its serial is unknown from now on */
    k->next_dying = dying;
    dying = k;
    if (reaping)
        return;
    reaping = true;
    while (dying) {
        struct key *d = dying;
        dying = d->next_dying;
        destroy(d);
    }
    reaping = false;
}

bool key_expired(const struct key *k) { return k->expiry && key_now() >= k->expiry; }

int key_validate(const struct key *k)
{
    if (k->flags & KEY_FLAG_INVALIDATED)
        return -ENOKEY;
    if (k->flags & KEY_FLAG_REVOKED)
        return -EKEYREVOKED;
    if (key_expired(k))
        return -EKEYEXPIRED;
    return 0;
}

int key_permission(const struct key *k, bool possessed, unsigned need)
{
    if (!need)
        return 0;
    const struct cred *c = current_cred();
    unsigned kperm;
    if (k->uid == c->fsuid)
        kperm = k->perm >> 16;
    else if (k->gid != KEY_INVALID_GID && (k->perm & KEY_GRP_ALL) && cred_in_group(c, k->gid))
        kperm = k->perm >> 8;
    else
        kperm = k->perm;
    if (possessed)
        kperm |= k->perm >> 24; /* the possessor's rights add to the others */
    return (kperm & need & 0x3f) == need ? 0 : -EACCES;
}

void key_revoke(struct key *k)
{
    if (k->flags & KEY_FLAG_REVOKED)
        return;
    k->flags |= KEY_FLAG_REVOKED;
    if (k->type == &key_type_keyring)
        keyring_clear(k); /* as Linux's keyring_revoke */
    else if (k->data) {
        /* user_revoke: the payload goes and its quota with it */
        reserve(k, -(long)(k->type->quotalen ? k->type->quotalen(k->datalen) : k->datalen));
        memset(k->data, 0, k->datalen);
        kfree(k->data);
        k->data = NULL;
        k->datalen = 0;
    }
}

void key_invalidate(struct key *k)
{
    if (k->flags & KEY_FLAG_INVALIDATED)
        return;
    k->flags |= KEY_FLAG_INVALIDATED;
    key_get(k);
    /* Linux's collector runs at once for invalidated keys: take it out of
     * every keyring now. */
    for (struct list_head *n = key_all.next; n != &key_all;) {
        struct key *r = (struct key *)n;
        key_get(r);
        if (r->type == &key_type_keyring)
            keyring_unlink(r, k);
        n = n->next;
        key_put(r);
    }
    key_put(k);
}

void key_set_timeout(struct key *k, unsigned timeout) { k->expiry = timeout ? key_now() + timeout : 0; }

int key_chown(struct key *k, uint32_t uid, uint32_t gid)
{
    if (uid != UINT32_MAX && uid != k->uid) {
        struct key_user *nu = key_user_lookup(uid);
        if (!nu)
            return -ENOMEM;
        if (k->flags & KEY_FLAG_IN_QUOTA) {
            if ((unsigned)nu->qnkeys + 1 > max_keys(uid) || nu->qnbytes + k->quotalen > max_bytes(uid))
                return -EDQUOT;
            nu->qnkeys++;
            nu->qnbytes += k->quotalen;
            k->user->qnkeys--;
            k->user->qnbytes -= k->quotalen;
        }
        nu->nkeys++;
        k->user->nkeys--;
        if (!(k->flags & KEY_FLAG_UNINSTANTIATED)) {
            nu->nikeys++;
            k->user->nikeys--;
        }
        k->user = nu;
        k->uid = uid;
    }
    if (gid != UINT32_MAX)
        k->gid = gid;
    return 0;
}

const struct key_type *key_type_lookup(const char *name)
{
    static const struct key_type *const types[] = {&key_type_keyring, &key_type_user, &key_type_logon,
                                                   &key_type_big_key};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (!strcmp(types[i]->name, name))
            return types[i];
    return NULL;
}
