/*
 * process_keys.c - a process's keyrings (Linux's
 * security/keys/process_keys.c): the thread, process and session
 * keyrings, the per-user "_uid.N" and "_uid_ses.N" keyrings, what the
 * special ids (KEY_SPEC_*) name, possession, the search request_key
 * makes, and the keyrings' part in fork, execve and exit (keys.h).
 *
 * Without a session keyring a process uses its user-session keyring as
 * one (and installs it as its session keyring on first use of
 * KEY_SPEC_SESSION_KEYRING, as Linux does).
 */
#include "security/keys/key.h"
#include "security/keys/keys.h"

#include "lib/format.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "uapi/errno.h"

#define SESSION_PERM (KEY_POS_ALL | KEY_USR_VIEW | KEY_USR_READ) /* an anonymous "_ses" */
/* A named session keyring: linkable but not searchable by its owner
 * unless possessed, so another join by name makes a new one (as Linux). */
#define NAMED_SESSION_PERM (KEY_POS_ALL | KEY_USR_VIEW | KEY_USR_READ | KEY_USR_LINK)
#define PROC_KEYRING_PERM (KEY_POS_ALL | KEY_USR_VIEW)
/* Linux 5.3+: the possessor may not change a user keyring's attributes */
#define USER_KEYRING_PERM ((KEY_POS_ALL & ~KEY_POS_SETATTR) | KEY_USR_ALL)

int user_keyrings(uint32_t uid, struct key **user, struct key **session)
{
    struct key_user *u = key_user_lookup(uid);
    if (!u)
        return -ENOMEM;
    int err = 0;
    char name[32];
    if (!u->uid_keyring) {
        ksnprintf(name, sizeof name, "_uid.%u", uid);
        u->uid_keyring = keyring_alloc(name, uid, KEY_INVALID_GID, USER_KEYRING_PERM, true, &err);
        if (!u->uid_keyring)
            return err;
    }
    if (!u->session_keyring) {
        ksnprintf(name, sizeof name, "_uid_ses.%u", uid);
        u->session_keyring = keyring_alloc(name, uid, KEY_INVALID_GID, USER_KEYRING_PERM, true, &err);
        if (!u->session_keyring)
            return err;
        err = keyring_link(u->session_keyring, u->uid_keyring); /* as Linux's: the user keyring hangs there */
        if (err)
            return err;
    }
    if (user)
        *user = u->uid_keyring;
    if (session)
        *session = u->session_keyring;
    return 0;
}

/* The user keyrings belong to the real uid (Linux's cred->user). */
static uint32_t keyring_uid(void) { return current_cred()->uid; }

/* A new keyring for the caller's own use, owned by its fs ids. */
static struct key *own_keyring(const char *name, uint32_t perm, int *err)
{
    const struct cred *c = current_cred();
    return keyring_alloc(name, c->fsuid, c->fsgid, perm, true, err);
}

static int install_thread_keyring(void)
{
    struct proc *p = current();
    int err = 0;
    if (!p->thread_keyring)
        p->thread_keyring = own_keyring("_tid", PROC_KEYRING_PERM, &err);
    return p->thread_keyring ? 0 : err;
}

static int install_process_keyring(void)
{
    struct proc *l = current()->leader;
    int err = 0;
    if (!l->process_keyring)
        l->process_keyring = own_keyring("_pid", PROC_KEYRING_PERM, &err);
    return l->process_keyring ? 0 : err;
}

/* Makes k (a new reference, taken over) the process's session keyring. */
static void install_session(struct key *k)
{
    struct proc *l = current()->leader;
    if (l->session_keyring)
        key_put(l->session_keyring);
    l->session_keyring = k;
}

long keyctl_join_session_keyring(const char *name)
{
    struct proc *l = current()->leader;
    int err = 0;
    struct key *k;
    const struct cred *c = current_cred();
    if (!name) {
        /* Linux's install_session_keyring_to_cred: the real ids own it */
        k = keyring_alloc("_ses", c->uid, c->gid, SESSION_PERM, true, &err);
    } else {
        k = keyring_find_by_name(name);
        if (k && k == l->session_keyring) {
            key_put(k);
            return 0; /* already there: Linux answers 0, not the serial */
        }
        if (!k) {
            /* Linux makes a named session keyring for the real ids, in quota. */
            k = keyring_alloc(name, c->uid, c->gid, NAMED_SESSION_PERM, false, &err);
        }
    }
    if (!k)
        return err;
    long serial = k->serial;
    install_session(k);
    return serial;
}

bool key_possessed(const struct key *k)
{
    struct proc *p = current(), *l = p->leader;
    if (p->thread_keyring && keyring_possesses(p->thread_keyring, k, 0))
        return true;
    if (l->process_keyring && keyring_possesses(l->process_keyring, k, 0))
        return true;
    if (l->session_keyring)
        return keyring_possesses(l->session_keyring, k, 0);
    struct key_user *u = key_user_lookup(keyring_uid());
    return u && u->session_keyring && keyring_possesses(u->session_keyring, k, 0);
}

struct key *search_process_keyrings(const struct key_type *t, const char *desc, int *err)
{
    struct proc *p = current(), *l = p->leader;
    struct key *session = l->session_keyring;
    if (!session && user_keyrings(keyring_uid(), NULL, &session) < 0)
        session = NULL;
    struct key *roots[3] = {p->thread_keyring, l->process_keyring, session};
    int none = 0, other = -EAGAIN;
    for (int i = 0; i < 3; i++) {
        if (!roots[i])
            continue;
        int e;
        struct key *k = keyring_search(roots[i], true, t, desc, true, &e);
        if (k)
            return k;
        /* "nothing" and a negative key outrank the other reasons, and a
         * negative key outranks "nothing" found later (Linux's
         * search_cred_keyrings_rcu) */
        if (e == -ENOKEY || (e == -EAGAIN && !none))
            none = e;
        else
            other = e;
    }
    *err = none ? none : other;
    return NULL;
}

/* The keyring a special id names (made when create), a new reference. */
static struct key *special_keyring(int32_t id, bool create, int *err)
{
    struct proc *p = current(), *l = p->leader;
    struct key *k = NULL;
    switch (id) {
    case KEY_SPEC_THREAD_KEYRING:
        if (!p->thread_keyring && !create)
            break;
        if ((*err = install_thread_keyring()))
            return NULL;
        return key_get(p->thread_keyring);
    case KEY_SPEC_PROCESS_KEYRING:
        if (!l->process_keyring && !create)
            break;
        if ((*err = install_process_keyring()))
            return NULL;
        return key_get(l->process_keyring);
    case KEY_SPEC_SESSION_KEYRING:
        if (!l->session_keyring) {
            struct key *us;
            if ((*err = user_keyrings(keyring_uid(), NULL, &us)))
                return NULL;
            if (create) {
                long r = keyctl_join_session_keyring(NULL);
                if (r < 0) {
                    *err = (int)r;
                    return NULL;
                }
            } else {
                install_session(key_get(us));
            }
        }
        return key_get(l->session_keyring);
    case KEY_SPEC_USER_KEYRING:
        if ((*err = user_keyrings(keyring_uid(), &k, NULL)))
            return NULL;
        return key_get(k);
    case KEY_SPEC_USER_SESSION_KEYRING:
        if ((*err = user_keyrings(keyring_uid(), NULL, &k)))
            return NULL;
        return key_get(k);
    case KEY_SPEC_REQKEY_AUTH_KEY:
    case KEY_SPEC_REQUESTOR_KEYRING:
        break; /* only a request-key helper holds an authorisation key */
    default:
        *err = -EINVAL;
        return NULL;
    }
    *err = -ENOKEY;
    return NULL;
}

struct key *lookup_user_key(int32_t id, unsigned lflags, unsigned need, bool *possessed, int *err)
{
    struct key *k;
    if (id < 0) {
        k = special_keyring(id, lflags & KEY_LOOKUP_CREATE, err);
        if (!k)
            return NULL;
        *possessed = true;
    } else {
        k = id ? key_find(id) : NULL;
        if (!k) {
            *err = id ? -ENOKEY : -EINVAL;
            return NULL;
        }
        *possessed = key_possessed(k);
    }
    if (!(lflags & KEY_LOOKUP_DEFER_PERM)) {
        /* Linux's wait_for_key_construction (nothing is ever under
         * construction here) or, for partial lookups, key_validate. */
        int r = key_validate(k);
        if (!r && !(lflags & KEY_LOOKUP_PARTIAL) && (k->flags & KEY_FLAG_NEGATIVE))
            r = k->reject_error;
        if (!r)
            r = key_permission(k, *possessed, need);
        if (r) {
            key_put(k);
            *err = r;
            return NULL;
        }
    }
    return k;
}

struct key *reqkey_default_keyring(int *err)
{
    struct proc *p = current(), *l = p->leader;
    struct key *k = NULL;
    switch (p->jit_keyring) {
    case KEY_REQKEY_DEFL_DEFAULT:
    case KEY_REQKEY_DEFL_REQUESTOR_KEYRING:
    case KEY_REQKEY_DEFL_THREAD_KEYRING:
        if ((k = p->thread_keyring))
            break;
        /* fall through */
    case KEY_REQKEY_DEFL_PROCESS_KEYRING:
        if ((k = l->process_keyring))
            break;
        /* fall through */
    case KEY_REQKEY_DEFL_SESSION_KEYRING:
        if ((k = l->session_keyring))
            break;
        /* fall through */
    case KEY_REQKEY_DEFL_USER_SESSION_KEYRING:
        if ((*err = user_keyrings(keyring_uid(), NULL, &k)))
            return NULL;
        break;
    case KEY_REQKEY_DEFL_USER_KEYRING:
        if ((*err = user_keyrings(keyring_uid(), &k, NULL)))
            return NULL;
        break;
    }
    /* Write permission is required: the default may be the session
     * keyring, which joining needs only Search for (CVE-2017-17807). */
    if ((*err = key_permission(k, true, KEY_NEED_WRITE)))
        return NULL;
    return key_get(k);
}

long keyctl_set_reqkey_keyring(int defl)
{
    struct proc *p = current();
    int old = p->jit_keyring;
    int err = 0;
    switch (defl) {
    case KEY_REQKEY_DEFL_NO_CHANGE: return old;
    case KEY_REQKEY_DEFL_THREAD_KEYRING: err = install_thread_keyring(); break;
    case KEY_REQKEY_DEFL_PROCESS_KEYRING: err = install_process_keyring(); break;
    case KEY_REQKEY_DEFL_DEFAULT:
    case KEY_REQKEY_DEFL_SESSION_KEYRING:
    case KEY_REQKEY_DEFL_USER_KEYRING:
    case KEY_REQKEY_DEFL_USER_SESSION_KEYRING:
    case KEY_REQKEY_DEFL_REQUESTOR_KEYRING: break;
    default: return -EINVAL; /* GROUP included: there are no group keyrings */
    }
    if (err)
        return err;
    p->jit_keyring = (int8_t)defl;
    return old;
}

/* --- process life ------------------------------------------------------ */

void keys_fork(struct proc *child, const struct proc *parent, bool thread)
{
    child->jit_keyring = parent->jit_keyring;
    child->thread_keyring = NULL;
    child->process_keyring = NULL;
    child->session_keyring = NULL;
    if (!thread && parent->leader->session_keyring)
        child->session_keyring = key_get(parent->leader->session_keyring);
}

void keys_exec(struct proc *p)
{
    if (p->thread_keyring)
        key_put(p->thread_keyring);
    p->thread_keyring = NULL;
    struct proc *l = p->leader;
    if (l->process_keyring)
        key_put(l->process_keyring);
    l->process_keyring = NULL;
}

void keys_free(struct proc *p)
{
    struct key **rings[3] = {&p->thread_keyring, &p->process_keyring, &p->session_keyring};
    for (int i = 0; i < 3; i++) {
        if (*rings[i])
            key_put(*rings[i]);
        *rings[i] = NULL;
    }
}

void keys_take_over(struct proc *p, struct proc *old)
{
    p->process_keyring = old->process_keyring;
    p->session_keyring = old->session_keyring;
    old->process_keyring = old->session_keyring = NULL;
}
