/*
 * unix_names.c - the names Unix-domain sockets bind to (unix(7)):
 *   - a path name makes a socket file (S_IFSOCK) in the file tree; the
 *     file stays after the socket closes (connect then gets ECONNREFUSED)
 *     and unlink removes it, as on Linux. Opening it fails with ENXIO.
 *   - an abstract name (sun_path[0] == 0) lives in a list here, its bytes
 *     compared in full (addrlen counts), and goes with the socket.
 *   - binding with only the family autobinds an abstract name of five hex
 *     digits, as Linux does.
 */
#include "fs/permission.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "net/unix_socket.h"
#include "proc/proc.h"
#include "uapi/errno.h"

static struct usock *abstract_list;
static unsigned autobind_next;

/* sun_path of a path name as a C string (Linux ends it at addrlen when
 * the caller did not). */
static void path_of(const struct usk_addr *a, char path[UNIX_PATH_MAX + 1])
{
    size_t n = a->len - 2;
    memcpy(path, a->sa.sun_path, n);
    path[n] = '\0';
}

static bool is_abstract(const struct usk_addr *a) { return a->len > 2 && a->sa.sun_path[0] == '\0'; }

/* Linux hashes abstract names with the socket type (unix_abstract_hash):
 * sockets of different types may share a name, and looking a name up
 * finds only a socket of the caller's type. */
static struct usock *abstract_find(const struct usk_addr *a, int type)
{
    for (struct usock *s = abstract_list; s; s = s->abstract_next)
        if (s->type == type && s->addr.len == a->len && !memcmp(s->addr.sa.sun_path, a->sa.sun_path, a->len - 2))
            return s;
    return NULL;
}

static long bind_abstract(struct usock *s, const struct usk_addr *a)
{
    if (abstract_find(a, s->type))
        return -EADDRINUSE;
    s->addr = *a;
    s->abstract_next = abstract_list;
    abstract_list = s;
    return 0;
}

static long bind_path(struct usock *s, const struct usk_addr *a)
{
    char path[UNIX_PATH_MAX + 1];
    path_of(a, path);
    size_t len = strlen(path);
    if (len == 0)
        return -ENOENT;
    if (path[len - 1] == '/')
        return -EINVAL; /* "dir/": not a name for a socket */
    struct path cwd = namei_cwd(), parent, node;
    char name[NAME_MAX + 1];
    long err = namei_parent(&cwd, path, &parent, name, NULL);
    if (err)
        return err;
    /* The socket file (a tmpfs inode whose opens fail with ENXIO). */
    err = vfs_create_at(&parent, name, S_IFSOCK | (0777 & ~current()->umask), 0, &node);
    path_put(&parent);
    if (err)
        return err == -EEXIST ? -EADDRINUSE : err; /* af_unix.c: bind never reuses a file */
    struct inode *n = node.dentry->inode;
    n->socket = s;
    s->node = inode_get(n); /* the socket's: the inode outlives an unlink while bound */
    path_put(&node);
    s->addr.sa.sun_family = AF_UNIX;
    memcpy(s->addr.sa.sun_path, path, len);
    s->addr.sa.sun_path[len] = '\0';
    s->addr.len = (uint32_t)(2 + len + 1); /* unix_mkname_bsd's length */
    return 0;
}

long unix_name_bind(struct usock *s, const struct usk_addr *a)
{
    if (a->len < 2 || a->sa.sun_family != AF_UNIX)
        return -EINVAL;
    if (a->len == 2) { /* autobind: "\0" and five hex digits */
        struct usk_addr auto_addr = {.len = 8};
        auto_addr.sa.sun_family = AF_UNIX;
        for (int tries = 0; tries < 0x100000; tries++) {
            unsigned v = autobind_next++ & 0xfffff;
            for (int i = 0; i < 5; i++)
                auto_addr.sa.sun_path[1 + i] = "0123456789abcdef"[(v >> (4 * (4 - i))) & 15];
            if (!abstract_find(&auto_addr, s->type))
                return bind_abstract(s, &auto_addr);
        }
        return -ENOSPC;
    }
    return is_abstract(a) ? bind_abstract(s, a) : bind_path(s, a);
}

struct usock *unix_name_find(const struct usk_addr *a, int type, long *err)
{
    if (a->len < 2 || a->sa.sun_family != AF_UNIX) {
        *err = -EINVAL;
        return NULL;
    }
    if (a->len == 2) {
        *err = -EINVAL;
        return NULL;
    }
    struct usock *s;
    if (is_abstract(a)) {
        s = abstract_find(a, type);
    } else {
        char path[UNIX_PATH_MAX + 1];
        path_of(a, path);
        struct path cwd = namei_cwd(), p;
        *err = namei(&cwd, path, LOOKUP_FOLLOW, &p);
        if (*err)
            return NULL;
        struct inode *n = p.dentry->inode;
        /* Talking to a socket file needs write permission on it (Linux's
         * unix_find_bsd). */
        *err = inode_permission(n, MAY_WRITE);
        s = (n->mode & S_IFMT) == S_IFSOCK ? n->socket : NULL;
        path_put(&p);
        if (*err)
            return NULL;
    }
    if (!s || s->closed) {
        *err = -ECONNREFUSED; /* a name nobody (or no socket) answers */
        return NULL;
    }
    s->refs++;
    return s;
}

void unix_name_release(struct usock *s)
{
    if (s->node) {
        s->node->socket = NULL;
        inode_put(s->node);
        s->node = NULL;
    }
    for (struct usock **pp = &abstract_list; *pp; pp = &(*pp)->abstract_next) {
        if (*pp == s) {
            *pp = s->abstract_next;
            break;
        }
    }
}
