/*
 * key.h - the key retention service's objects (keyrings(7)): keys,
 * their types, and the per-user records that hold quotas and the user
 * keyrings. Internal to kernel/security/keys; the rest of the kernel
 * uses keys.h.
 *
 * A key has a serial number (random, positive, as Linux's), a type, a
 * description, an owner, a group, four bytes of permissions and a
 * payload: bytes for "user", "logon" and "big_key", links to other keys
 * for "keyring". References count the keyrings linking a key, the
 * processes holding it as one of their keyrings and calls using it; the
 * last one going destroys it, after which its serial is unknown (ENOKEY),
 * as after Linux's garbage collector. Keyrings never form a cycle (a link
 * that would make one is refused), so counting is enough.
 *
 * The kernel is not preempted, so nothing here locks: a call copies its
 * user memory in before it looks at keys and out after, holding a
 * reference to any key it keeps across a copy.
 */
#ifndef SECURITY_KEYS_KEY_H
#define SECURITY_KEYS_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/list.h"
#include "uapi/keyctl.h"

#define KEY_MAX_DESC_SIZE 4096        /* descriptions and names, NUL included */
#define KEY_TYPE_NAME_SIZE 32         /* type names, NUL included */
#define KEY_MAX_PAYLOAD (1024 * 1024 - 1) /* add_key's limit on any payload */
#define KEYRING_SEARCH_MAX_DEPTH 6    /* nesting a search follows */
#define KEY_NEGATIVE_TIMEOUT 60       /* seconds a failed request's key lasts */
#define KEY_INVALID_GID UINT32_MAX    /* keys without a group (the user keyrings) */

/* What a check needs (a subset of one permission byte). */
enum {
    KEY_NEED_VIEW = 0x01,
    KEY_NEED_READ = 0x02,
    KEY_NEED_WRITE = 0x04,
    KEY_NEED_SEARCH = 0x08,
    KEY_NEED_LINK = 0x10,
    KEY_NEED_SETATTR = 0x20,
};

/* key->flags */
enum {
    KEY_FLAG_REVOKED = 1 << 0,
    KEY_FLAG_INVALIDATED = 1 << 1,
    KEY_FLAG_NEGATIVE = 1 << 2,     /* instantiated negatively: reject_error */
    KEY_FLAG_UNINSTANTIATED = 1 << 3,
    KEY_FLAG_IN_QUOTA = 1 << 4,     /* charged to its owner */
};

struct key;

struct key_type {
    const char *name;
    /* Checks a payload for a new key or an update: 0 or -errno (EINVAL). */
    int (*preparse)(const void *data, size_t len);
    /* Bytes charged to the owner for this payload. */
    size_t (*quotalen)(size_t len);
    /* Checks a description for a new key: 0 or -EINVAL; NULL: any. */
    int (*vet_description)(const char *desc);
    bool updatable; /* KEYCTL_UPDATE and add_key over an existing key work */
    bool readable;  /* KEYCTL_READ gives the payload ("logon": never) */
};

extern const struct key_type key_type_keyring, key_type_user, key_type_logon, key_type_big_key;

/* Per-user accounting (Linux's struct key_user): /proc/key-users. */
struct key_user {
    struct list_head node;
    uint32_t uid;
    int nkeys;           /* keys owned */
    int nikeys;          /* of those, instantiated */
    int qnkeys;          /* keys charged to the quota */
    size_t qnbytes;      /* bytes charged to the quota */
    struct key *uid_keyring, *session_keyring; /* "_uid.N", "_uid_ses.N" (created on use) */
};

struct key {
    struct list_head node; /* all keys, for serial lookups and /proc/keys */
    int32_t serial;
    int refs;
    const struct key_type *type;
    char *desc;
    struct key_user *user; /* the owner's record */
    uint32_t uid, gid, perm;
    unsigned flags;
    int reject_error;      /* a negative key's error (ENOKEY, or REJECT's) */
    int64_t expiry;        /* real-time seconds it expires at; 0: never */
    size_t quotalen;       /* bytes charged to user */
    /* The payload: data for byte keys, links for keyrings. */
    void *data;
    size_t datalen;
    struct key **links;
    int nlinks, link_cap;
    struct key *next_dying; /* key.c's queue of keys being destroyed */
};

/* --- key.c: life, lookup, permission --------------------------------- */

/* A new key of type t owned by uid/gid (one reference, uninstantiated),
 * charged to uid's quota unless over_quota_ok; NULL and *err (EDQUOT,
 * ENOMEM) on failure. */
struct key *key_alloc(const struct key_type *t, const char *desc, uint32_t uid, uint32_t gid, uint32_t perm,
                      bool over_quota_ok, int *err);
/* Gives k its payload (copied) and makes it positive: 0, -EDQUOT or -ENOMEM. */
int key_instantiate(struct key *k, const void *data, size_t len);
/* Makes k negative for timeout seconds with error err. */
void key_negate(struct key *k, int err, int64_t timeout);
/* Replaces k's payload (an update): 0, -EDQUOT or -ENOMEM. */
int key_update_payload(struct key *k, const void *data, size_t len);

static inline struct key *key_get(struct key *k)
{
    k->refs++;
    return k;
}
void key_put(struct key *k);

/* The key with this serial (a new reference), or NULL. */
struct key *key_find(int32_t serial);
/* Every live key (in no order: /proc/keys sorts). */
extern struct list_head key_all;

/* 0, or why k cannot be used: -EKEYREVOKED, -EKEYEXPIRED, -ENOKEY
 * (invalidated). Negative keys are valid here. */
int key_validate(const struct key *k);
/* Is k past its expiry time? */
bool key_expired(const struct key *k);
int64_t key_now(void);

/* Linux's key_task_permission for the calling process: the owner, group
 * or other byte by who it is, plus the possessor byte when possessed.
 * 0 or -EACCES. need 0 always passes. */
int key_permission(const struct key *k, bool possessed, unsigned need);

/* Revokes k (and empties it if a keyring). */
void key_revoke(struct key *k);
/* Invalidates k: gone from every keyring at once (Linux's collector). */
void key_invalidate(struct key *k);
/* Sets k's expiry timeout seconds from now (0: never). */
void key_set_timeout(struct key *k, unsigned timeout);
/* Gives k to uid/gid (UINT32_MAX: unchanged), moving its quota: 0, -EDQUOT. */
int key_chown(struct key *k, uint32_t uid, uint32_t gid);

/* The record of uid, made on first use; NULL when out of memory. */
struct key_user *key_user_lookup(uint32_t uid);
extern struct list_head key_users;
/* The quota limits (/proc/sys/kernel/keys). */
extern unsigned key_quota_maxkeys, key_quota_maxbytes, key_quota_root_maxkeys, key_quota_root_maxbytes;
extern unsigned key_gc_delay, key_persistent_expiry;

/* The type with this name, or NULL. */
const struct key_type *key_type_lookup(const char *name);

/* --- keyring.c ------------------------------------------------------- */

/* A new positive keyring named desc owned by uid/gid (one reference). */
struct key *keyring_alloc(const char *desc, uint32_t uid, uint32_t gid, uint32_t perm, bool over_quota_ok,
                          int *err);
/* Links k into keyring, replacing a key of the same type and
 * description: 0, -ENOTDIR, -EKEYREVOKED, -EDEADLK, -ELOOP, -ENOMEM. */
int keyring_link(struct key *keyring, struct key *k);
/* 0, -ENOTDIR or -ENOENT (not linked there). */
int keyring_unlink(struct key *keyring, struct key *k);
/* Drops every link: 0 or -ENOTDIR. */
int keyring_clear(struct key *keyring);
/* The key of this type and description in keyring itself (no
 * recursion), a new reference, or NULL. */
struct key *keyring_find_direct(struct key *keyring, const struct key_type *t, const char *desc);
/* Searches keyring and (recurse) the keyrings under it that the caller
 * may search for a key of type t and description desc that the caller may
 * search: a new reference, or NULL with *err: -EAGAIN (none), or why the
 * match was skipped (-EKEYREVOKED, -EKEYEXPIRED unless skip_expired,
 * -EACCES, a negative key's error). */
struct key *keyring_search(struct key *keyring, bool possessed, const struct key_type *t, const char *desc,
                           bool skip_expired, int *err);
/* Is k reachable from keyring (itself included), permissions ignored? */
bool keyring_reaches(const struct key *keyring, const struct key *k, int depth);
/* The same through keyrings the possessor may search, to a key it may
 * search (Linux's possession test: a search from one's own keyrings). */
bool keyring_possesses(const struct key *keyring, const struct key *k, int depth);
/* A keyring named name the caller may search (not a user keyring): a new
 * reference or NULL. */
struct key *keyring_find_by_name(const char *name);

/* --- process_keys.c ---------------------------------------------------- */

/* Linux's lookup_user_key: the key an id names for the caller (special
 * ids resolved, and made when create), checked as need asks, a new
 * reference and *possessed; or NULL with *err. partial: uninstantiated
 * and negative keys pass (with need checked). */
enum { KEY_LOOKUP_CREATE = 1, KEY_LOOKUP_PARTIAL = 2, KEY_LOOKUP_DEFER_PERM = 4 };
struct key *lookup_user_key(int32_t id, unsigned lflags, unsigned need, bool *possessed, int *err);
/* Does the caller possess k (reach it from its own keyrings)? */
bool key_possessed(const struct key *k);
/* Searches the caller's keyrings as request_key does (thread, process,
 * session or user-session): a new reference or NULL with *err (EAGAIN:
 * none at all). */
struct key *search_process_keyrings(const struct key_type *t, const char *desc, int *err);
/* The caller's request_key destination (KEY_REQKEY_DEFL_*), a new
 * reference or NULL with *err. */
struct key *reqkey_default_keyring(int *err);
/* The user and user-session keyrings of uid (made on first use). */
int user_keyrings(uint32_t uid, struct key **user, struct key **session);

#endif
