/* simple_xattr.c - see simple_xattr.h. */
#include "fs/simple_xattr.h"

#include "lib/string.h"
#include "mm/kmalloc.h"
#include "uapi/errno.h"
#include "uapi/xattr.h"

size_t simple_xattr_cost(const char *name, size_t size)
{
    return sizeof(struct simple_xattr) + size + strlen(name) + 1;
}

/* The link that points at name's attribute, or at the first one after it
 * (where it would go). */
static struct simple_xattr **find(struct simple_xattr **list, const char *name)
{
    while (*list && strcmp((*list)->name, name) < 0)
        list = &(*list)->next;
    return list;
}

static bool is(const struct simple_xattr *x, const char *name) { return x && !strcmp(x->name, name); }

long simple_xattr_get(struct simple_xattr *const *list, const char *name, void *buf, size_t size)
{
    const struct simple_xattr *x = *find((struct simple_xattr **)list, name);
    if (!is(x, name))
        return -ENODATA;
    if (size) {
        if (size < x->size)
            return -ERANGE;
        memcpy(buf, x->data, x->size);
    }
    return (long)x->size;
}

int simple_xattr_set(struct simple_xattr **list, const char *name, const void *value, size_t size, int flags,
                     long room, long *delta)
{
    struct simple_xattr **at = find(list, name), *old = is(*at, name) ? *at : NULL;
    *delta = 0;
    if (old && (flags & XATTR_CREATE))
        return -EEXIST;
    if (!old && (flags & XATTR_REPLACE))
        return -ENODATA;
    long freed = old ? (long)simple_xattr_cost(old->name, old->size) : 0;
    struct simple_xattr *x = NULL;
    if (value) {
        long cost = (long)simple_xattr_cost(name, size);
        if (room >= 0 && cost - freed > room)
            return -ENOSPC;
        x = kmalloc((size_t)cost);
        if (!x)
            return -ENOMEM;
        x->size = size;
        memcpy(x->data, value, size);
        x->name = x->data + size;
        memcpy(x->name, name, strlen(name) + 1);
        *delta = cost;
    }
    if (old) {
        *at = old->next;
        kfree(old);
        *delta -= freed;
    }
    if (x) {
        x->next = *at;
        *at = x;
    }
    return 0;
}

long simple_xattr_list(struct simple_xattr *const *list, char *buf, size_t size, bool trusted)
{
    size_t len = 0;
    for (const struct simple_xattr *x = *list; x; x = x->next) {
        if (!trusted && !strncmp(x->name, XATTR_TRUSTED_PREFIX, strlen(XATTR_TRUSTED_PREFIX)))
            continue; /* invisible to those who may not read them */
        size_t n = strlen(x->name) + 1;
        if (size) {
            if (len + n > size)
                return -ERANGE;
            memcpy(buf + len, x->name, n);
        }
        len += n;
    }
    return (long)len;
}

size_t simple_xattrs_free(struct simple_xattr **list)
{
    size_t bytes = 0;
    while (*list) {
        struct simple_xattr *x = *list;
        *list = x->next;
        bytes += simple_xattr_cost(x->name, x->size);
        kfree(x);
    }
    return bytes;
}
