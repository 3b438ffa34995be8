/* heap.c - see heap.h. */
#include "mm/heap.h"

#include "lib/string.h"

#define SLAB_MAGIC 0x51AB51ABu
#define LARGE_MAGIC 0x1A26E000u
#define HEADER_SIZE 32
#define FREE_POISON 0xF4EEF4EEF4EEF4EEull

struct slab {
    uint32_t magic;
    uint16_t cls;    /* object size = 16 << cls */
    uint16_t inuse;
    void *free;      /* singly linked list through the free objects */
    struct slab *next, *prev;
};

struct large {
    uint32_t magic;
    uint32_t reserved;
    uint64_t npages;
    uint64_t size;
    uint64_t reserved2;
};

_Static_assert(sizeof(struct slab) == HEADER_SIZE, "slab header size");
_Static_assert(sizeof(struct large) == HEADER_SIZE, "large header size");

/* A free object holds the next-free pointer and a poison word; finding the
 * poison at free time means the object is most likely already free. */
struct free_obj {
    struct free_obj *next;
    uint64_t poison;
};

static size_t class_size(int cls) { return (size_t)16 << cls; }
static int objects_per_slab(int cls) { return (int)((HEAP_PAGE - HEADER_SIZE) / class_size(cls)); }

void heap_init(struct heap *h, struct heap_page_source src)
{
    memset(h, 0, sizeof *h);
    h->src = src;
}

static void list_remove(struct heap *h, struct slab *s)
{
    if (s->prev)
        s->prev->next = s->next;
    else
        h->partial[s->cls] = s->next;
    if (s->next)
        s->next->prev = s->prev;
    s->next = s->prev = NULL;
}

static void list_push(struct heap *h, struct slab *s)
{
    s->prev = NULL;
    s->next = h->partial[s->cls];
    if (s->next)
        s->next->prev = s;
    h->partial[s->cls] = s;
}

static void release_slab(struct heap *h, struct slab *s)
{
    s->magic = 0;
    h->pages_in_use--;
    h->src.free_pages(h->src.ctx, s, 1);
}

/* Pages from the source; when it has none, the spares go back first and
 * it is asked again. */
static void *pages(struct heap *h, size_t npages)
{
    void *p = h->src.alloc_pages(h->src.ctx, npages);
    if (!p && h->spare_pages) {
        heap_trim(h);
        p = h->src.alloc_pages(h->src.ctx, npages);
    }
    return p;
}

/*
 * A slab whose last object is freed stays as its class's spare (one per
 * class) instead of going back to the page source at once: a system call
 * that allocates an object and frees it again (a path name, an open
 * file) would otherwise get a fresh page and thread all its objects
 * every time. The spare comes back with its free list intact.
 */
static struct slab *new_slab(struct heap *h, int cls)
{
    struct slab *s = h->spare[cls];
    if (s) {
        h->spare[cls] = NULL;
        h->spare_pages--;
        list_push(h, s);
        return s;
    }
    s = pages(h, 1);
    if (!s)
        return NULL;
    h->pages_in_use++;
    s->magic = SLAB_MAGIC;
    s->cls = (uint16_t)cls;
    s->inuse = 0;
    s->free = NULL;
    /* Thread the objects in address order. */
    char *base = (char *)s + HEADER_SIZE;
    for (int i = objects_per_slab(cls) - 1; i >= 0; i--) {
        struct free_obj *o = (struct free_obj *)(base + (size_t)i * class_size(cls));
        o->next = s->free;
        o->poison = FREE_POISON;
        s->free = o;
    }
    list_push(h, s);
    return s;
}

void heap_trim(struct heap *h)
{
    for (int cls = 0; cls < HEAP_CLASSES; cls++)
        if (h->spare[cls]) {
            release_slab(h, h->spare[cls]);
            h->spare[cls] = NULL;
            h->spare_pages--;
        }
}

void *heap_alloc(struct heap *h, size_t size)
{
    if (size <= class_size(HEAP_CLASSES - 1)) {
        /* The smallest class that holds size: 16 << cls >= size. */
        int cls = size <= 16 ? 0 : 60 - __builtin_clzll((unsigned long long)size - 1);
        struct slab *s = h->partial[cls];
        if (!s && !(s = new_slab(h, cls)))
            return NULL;
        struct free_obj *o = s->free;
        s->free = o->next;
        o->poison = 0;
        if (++s->inuse == objects_per_slab(cls))
            list_remove(h, s); /* full: off the partial list */
        h->bytes_in_use += class_size(cls);
        return o;
    }
    if (size > SIZE_MAX - HEADER_SIZE - HEAP_PAGE)
        return NULL;
    size_t npages = (size + HEADER_SIZE + HEAP_PAGE - 1) / HEAP_PAGE;
    struct large *l = pages(h, npages);
    if (!l)
        return NULL;
    h->pages_in_use += npages;
    h->bytes_in_use += size;
    *l = (struct large){.magic = LARGE_MAGIC, .npages = npages, .size = size};
    return (char *)l + HEADER_SIZE;
}

static void *page_of(void *p) { return (void *)((uintptr_t)p & ~(uintptr_t)(HEAP_PAGE - 1)); }

enum heap_free_result heap_free(struct heap *h, void *p)
{
    if (!p)
        return HEAP_FREE_OK;
    if ((uintptr_t)p % HEAP_ALIGN)
        return HEAP_FREE_BAD_POINTER;
    void *page = page_of(p);
    uint32_t magic = *(uint32_t *)page;
    if (magic == LARGE_MAGIC) {
        struct large *l = page;
        if ((char *)p != (char *)l + HEADER_SIZE)
            return HEAP_FREE_BAD_POINTER;
        size_t npages = l->npages;
        h->bytes_in_use -= l->size;
        h->pages_in_use -= npages;
        l->magic = 0;
        h->src.free_pages(h->src.ctx, l, npages);
        return HEAP_FREE_OK;
    }
    if (magic != SLAB_MAGIC)
        return HEAP_FREE_BAD_POINTER;
    struct slab *s = page;
    size_t off = (size_t)((char *)p - (char *)s) - HEADER_SIZE;
    if ((char *)p < (char *)s + HEADER_SIZE || off % class_size(s->cls) || off / class_size(s->cls) >= (size_t)objects_per_slab(s->cls))
        return HEAP_FREE_BAD_POINTER;
    struct free_obj *o = p;
    if (o->poison == FREE_POISON) {
        for (struct free_obj *f = s->free; f; f = f->next)
            if (f == o)
                return HEAP_FREE_DOUBLE;
    }
    bool was_full = s->inuse == objects_per_slab(s->cls);
    o->next = s->free;
    o->poison = FREE_POISON;
    s->free = o;
    s->inuse--;
    h->bytes_in_use -= class_size(s->cls);
    if (was_full)
        list_push(h, s);
    if (s->inuse == 0) {
        list_remove(h, s);
        if (!h->spare[s->cls]) {
            h->spare[s->cls] = s;
            h->spare_pages++;
        } else {
            release_slab(h, s);
        }
    }
    return HEAP_FREE_OK;
}

size_t heap_usable_size(void *p)
{
    void *page = page_of(p);
    if (*(uint32_t *)page == LARGE_MAGIC)
        return ((struct large *)page)->npages * HEAP_PAGE - HEADER_SIZE;
    return class_size(((struct slab *)page)->cls);
}
