/*
 * keyring.c - the "keyring" key type: a set of links to other keys, at
 * most one of each (type, description), searched depth first (Linux's
 * security/keys/keyring.c). A keyring's payload is its links; reading it
 * gives their serials.
 *
 * Recursion is bounded: searches go no deeper than
 * KEYRING_SEARCH_MAX_DEPTH nested keyrings (as Linux's), and a link that
 * would hang a keyring tree deeper than that under the new parent's
 * cycle check is refused with ELOOP, so the kernel stack stays small.
 */
#include "security/keys/key.h"

#include "lib/string.h"
#include "mm/kmalloc.h"
#include "uapi/errno.h"

/* A keyring's payload must be empty (keyring_preparse). */
static int keyring_preparse(const void *data, size_t len)
{
    (void)data;
    return len ? -EINVAL : 0;
}

const struct key_type key_type_keyring = {
    .name = "keyring",
    .preparse = keyring_preparse,
    .updatable = false,
    .readable = true,
};

struct key *keyring_alloc(const char *desc, uint32_t uid, uint32_t gid, uint32_t perm, bool over_quota_ok,
                          int *err)
{
    struct key *k = key_alloc(&key_type_keyring, desc, uid, gid, perm, over_quota_ok, err);
    if (k)
        key_instantiate(k, NULL, 0);
    return k;
}

static bool same_index(const struct key *a, const struct key_type *t, const char *desc)
{
    return a->type == t && !strcmp(a->desc, desc);
}

bool keyring_reaches(const struct key *keyring, const struct key *k, int depth)
{
    if (keyring == k)
        return true;
    if (depth >= KEYRING_SEARCH_MAX_DEPTH)
        return false;
    for (int i = 0; i < keyring->nlinks; i++) {
        const struct key *l = keyring->links[i];
        if (l == k || (l->type == &key_type_keyring && keyring_reaches(l, k, depth + 1)))
            return true;
    }
    return false;
}

bool keyring_possesses(const struct key *keyring, const struct key *k, int depth)
{
    if (keyring == k)
        return !key_permission(k, true, KEY_NEED_SEARCH);
    if (depth >= KEYRING_SEARCH_MAX_DEPTH)
        return false;
    for (int i = 0; i < keyring->nlinks; i++) {
        const struct key *l = keyring->links[i];
        if (l == k || (l->type == &key_type_keyring && !key_permission(l, true, KEY_NEED_SEARCH)))
            if (keyring_possesses(l, k, depth + 1))
                return true;
    }
    return false;
}

/* The depth of the keyring tree under k (0: no nested keyrings), up to
 * KEYRING_SEARCH_MAX_DEPTH + 1. */
static int tree_depth(const struct key *k, int depth)
{
    int best = depth;
    if (depth > KEYRING_SEARCH_MAX_DEPTH)
        return depth;
    for (int i = 0; i < k->nlinks; i++)
        if (k->links[i]->type == &key_type_keyring) {
            int d = tree_depth(k->links[i], depth + 1);
            if (d > best)
                best = d;
        }
    return best;
}

int keyring_link(struct key *keyring, struct key *k)
{
    if (keyring->type != &key_type_keyring)
        return -ENOTDIR;
    if (keyring->flags & KEY_FLAG_REVOKED)
        return -EKEYREVOKED;
    if (k->type == &key_type_keyring) {
        /* Linux's keyring_detect_cycle: is the parent under the child? */
        if (tree_depth(k, 0) > KEYRING_SEARCH_MAX_DEPTH - 1)
            return -ELOOP;
        if (keyring_reaches(k, keyring, 0))
            return -EDEADLK;
    }
    for (int i = 0; i < keyring->nlinks; i++) {
        struct key *old = keyring->links[i];
        if (old == k)
            return 0;
        if (same_index(old, k->type, k->desc)) {
            keyring->links[i] = key_get(k); /* a new key displaces its namesake */
            key_put(old);
            return 0;
        }
    }
    if (keyring->nlinks == keyring->link_cap) {
        int cap = keyring->link_cap ? keyring->link_cap * 2 : 8;
        struct key **n = kmalloc((size_t)cap * sizeof *n);
        if (!n)
            return -ENOMEM;
        if (keyring->nlinks)
            memcpy(n, keyring->links, (size_t)keyring->nlinks * sizeof *n);
        kfree(keyring->links);
        keyring->links = n;
        keyring->link_cap = cap;
    }
    keyring->links[keyring->nlinks++] = key_get(k);
    return 0;
}

int keyring_unlink(struct key *keyring, struct key *k)
{
    if (keyring->type != &key_type_keyring)
        return -ENOTDIR;
    for (int i = 0; i < keyring->nlinks; i++)
        if (keyring->links[i] == k) {
            keyring->links[i] = keyring->links[--keyring->nlinks];
            key_put(k);
            return 0;
        }
    return -ENOENT;
}

int keyring_clear(struct key *keyring)
{
    if (keyring->type != &key_type_keyring)
        return -ENOTDIR;
    struct key **links = keyring->links;
    int n = keyring->nlinks;
    keyring->links = NULL;
    keyring->nlinks = keyring->link_cap = 0;
    for (int i = 0; i < n; i++)
        key_put(links[i]);
    kfree(links);
    return 0;
}

struct key *keyring_find_direct(struct key *keyring, const struct key_type *t, const char *desc)
{
    for (int i = 0; i < keyring->nlinks; i++)
        if (same_index(keyring->links[i], t, desc))
            return key_get(keyring->links[i]);
    return NULL;
}

/* Linux's keyring_search_iterator on a key that matches: found (true),
 * or skipped with the reason in *err. */
static bool usable(const struct key *k, bool possessed, bool skip_expired, int *err)
{
    if (k->flags & (KEY_FLAG_INVALIDATED | KEY_FLAG_REVOKED)) {
        *err = -EKEYREVOKED;
        return false;
    }
    if (key_expired(k)) {
        if (!skip_expired)
            *err = -EKEYEXPIRED;
        return false;
    }
    if (key_permission(k, possessed, KEY_NEED_SEARCH)) {
        *err = -EACCES;
        return false;
    }
    if (k->flags & KEY_FLAG_NEGATIVE) {
        *err = k->reject_error;
        return false;
    }
    return !(k->flags & KEY_FLAG_UNINSTANTIATED);
}

static struct key *search(struct key *keyring, bool possessed, const struct key_type *t, const char *desc,
                          bool skip_expired, int *err, int depth)
{
    for (int i = 0; i < keyring->nlinks; i++) {
        struct key *k = keyring->links[i];
        if (same_index(k, t, desc))
            return usable(k, possessed, skip_expired, err) ? key_get(k) : NULL;
    }
    if (depth >= KEYRING_SEARCH_MAX_DEPTH)
        return NULL;
    for (int i = 0; i < keyring->nlinks; i++) {
        struct key *k = keyring->links[i];
        if (k->type != &key_type_keyring || key_permission(k, possessed, KEY_NEED_SEARCH))
            continue;
        struct key *found = search(k, possessed, t, desc, skip_expired, err, depth + 1);
        if (found)
            return found;
    }
    return NULL;
}

struct key *keyring_search(struct key *keyring, bool possessed, const struct key_type *t, const char *desc,
                           bool skip_expired, int *err)
{
    *err = -EAGAIN;
    if (keyring->type != &key_type_keyring) {
        *err = -ENOTDIR;
        return NULL;
    }
    /* The top keyring may itself be the one sought; if unusable, the
     * search stops there (Linux's skipped_ret 2). */
    if (same_index(keyring, t, desc))
        return usable(keyring, possessed, skip_expired, err) ? key_get(keyring) : NULL;
    return search(keyring, possessed, t, desc, skip_expired, err, 0);
}

struct key *keyring_find_by_name(const char *name)
{
    for (struct list_head *n = key_all.next; n != &key_all; n = n->next) {
        struct key *k = (struct key *)n;
        if (k->type != &key_type_keyring || strcmp(k->desc, name) || (k->flags & KEY_FLAG_REVOKED))
            continue;
        struct key_user *u = k->user;
        if (u->uid_keyring == k || u->session_keyring == k)
            continue; /* user keyrings are never joined by name (Linux's KEY_FLAG_UID_KEYRING) */
        if (key_permission(k, false, KEY_NEED_SEARCH))
            continue;
        return key_get(k);
    }
    return NULL;
}
