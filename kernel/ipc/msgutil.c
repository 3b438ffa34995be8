/* msgutil.c - see msgutil.h. */
#include "ipc/msgutil.h"

#include "arch/x86_64/layout.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"

#define FIRST_BYTES (PAGE_SIZE - sizeof(struct msg))
#define SEG_BYTES (PAGE_SIZE - sizeof(struct msg_seg))

void free_msg(struct msg *m)
{
    for (struct msg_seg *s = m->next, *next; s; s = next) {
        next = s->next;
        kfree(s);
    }
    kfree(m);
}

struct msg *load_msg(uint64_t utext, const struct msg *src, size_t size, int *err)
{
    size_t first = size < FIRST_BYTES ? size : FIRST_BYTES;
    struct msg *m = kmalloc(sizeof *m + first);
    if (!m) {
        *err = -ENOMEM;
        return NULL;
    }
    m->size = size;
    m->next = NULL;
    list_init(&m->link);
    struct msg_seg **tail = &m->next;
    for (size_t left = size - first; left;) {
        size_t k = left < SEG_BYTES ? left : SEG_BYTES;
        struct msg_seg *s = kmalloc(sizeof *s + k);
        if (!s) {
            free_msg(m);
            *err = -ENOMEM;
            return NULL;
        }
        s->next = NULL;
        *tail = s;
        tail = &s->next;
        left -= k;
    }
    /* Piece by piece, in the same order as the source's pieces. */
    const struct msg_seg *from = src ? src->next : NULL;
    struct msg_seg *to = m->next;
    if (src ? (memcpy(m->data, src->data, first), false) : copy_from_user(m->data, utext, first) != 0)
        goto fault;
    for (size_t done = first; done < size; done += SEG_BYTES, to = to->next) {
        size_t k = size - done < SEG_BYTES ? size - done : SEG_BYTES;
        if (src) {
            memcpy(to->data, from->data, k);
            from = from->next;
        } else if (copy_from_user(to->data, utext + done, k)) {
            goto fault;
        }
    }
    return m;
fault:
    free_msg(m);
    *err = -EFAULT;
    return NULL;
}

int store_msg(uint64_t udst, const struct msg *m, size_t n)
{
    size_t first = n < FIRST_BYTES ? n : FIRST_BYTES;
    if (copy_to_user(udst, m->data, first))
        return -EFAULT;
    const struct msg_seg *s = m->next;
    for (size_t done = first; done < n; done += SEG_BYTES, s = s->next) {
        size_t k = n - done < SEG_BYTES ? n - done : SEG_BYTES;
        if (copy_to_user(udst + done, s->data, k))
            return -EFAULT;
    }
    return 0;
}
