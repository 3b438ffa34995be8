/*
 * kmalloc.h - the kernel heap: any size, 16-byte aligned, NULL when memory
 * runs out (never a panic). Backed by mm/heap.c over the frame allocator.
 * Safe to call with interrupts on or off.
 */
#ifndef MM_KMALLOC_H
#define MM_KMALLOC_H

#include <stddef.h>

void kmalloc_init(void);
void *kmalloc(size_t size);
void *kzalloc(size_t size);
/* Panics on a pointer kmalloc never returned or one already freed. */
void kfree(void *p);
/* Free frames as a user counts them (sysinfo's freeram, MemFree): the
 * frame allocator's plus the heap's spare empty slabs, which a kmalloc
 * would reuse at once. So a run that leaves nothing allocated leaves
 * this number as it found it. */
unsigned long kmalloc_free_frames(void);

#endif
