/*
 * list.h - intrusive doubly linked lists, as Linux's list_head: the links
 * live inside the objects, so adding and removing costs no allocation and
 * an object can remove itself in O(1) knowing only itself. An empty list
 * (and an unlinked node, after list_del_init) points at itself.
 */
#ifndef LIB_LIST_H
#define LIB_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct list_head {
    struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) {&(name), &(name)}

static inline void list_init(struct list_head *l) { l->next = l->prev = l; }
static inline bool list_empty(const struct list_head *l) { return l->next == l; }

static inline void list_insert_between(struct list_head *n, struct list_head *prev, struct list_head *next)
{
    n->prev = prev;
    n->next = next;
    prev->next = n;
    next->prev = n;
}

/* Adds n at the end of list l (before the head). */
static inline void list_add_tail(struct list_head *n, struct list_head *l) { list_insert_between(n, l->prev, l); }
/* Adds n at the front of list l. */
static inline void list_add(struct list_head *n, struct list_head *l) { list_insert_between(n, l, l->next); }

/* Unlinks n and leaves it pointing at itself (so list_empty(n) says it is
 * on no list, and a second list_del_init is harmless). */
static inline void list_del_init(struct list_head *n)
{
    n->prev->next = n->next;
    n->next->prev = n->prev;
    list_init(n);
}

#define list_entry(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))

/* for (each entry e of type `type` on list head, linked through member) */
#define list_for_each_entry(e, head, type, member)                                                 \
    for (type *e = list_entry((head)->next, type, member); &e->member != (head);                    \
         e = list_entry(e->member.next, type, member))

/* The same, safe against removing e inside the loop. */
#define list_for_each_entry_safe(e, head, type, member)                                            \
    for (type *e = list_entry((head)->next, type, member), *e##_next_ =                             \
             list_entry(e->member.next, type, member);                                              \
         &e->member != (head); e = e##_next_, e##_next_ = list_entry(e##_next_->member.next, type, member))

#endif
