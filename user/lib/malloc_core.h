/*
 * malloc_core.h - the allocator's logic, apart from where memory comes
 * from, so the host tests can run it (tests/host/test_libc_malloc.c).
 *
 * The includer provides the three hooks:
 *   __malloc_morecore(n)  n more bytes, ideally right after the previous
 *                         ones (like sbrk); NULL when there is no memory
 *   __malloc_map(n)       n page-aligned bytes of zeroed memory (mmap)
 *   __malloc_unmap(p, n)  give them back
 *   __malloc_corrupt(msg) a heap error (double free...): does not return
 */
#ifndef TINYC_MALLOC_CORE_H
#define TINYC_MALLOC_CORE_H

#include <stddef.h>

void *__malloc_morecore(size_t n);
void *__malloc_map(size_t n);
void __malloc_unmap(void *p, size_t n);
_Noreturn void __malloc_corrupt(const char *msg);

void *__tc_malloc(size_t n);
void __tc_free(void *p);
void *__tc_calloc(size_t count, size_t size);
void *__tc_realloc(void *p, size_t n);
/* Walks the whole heap; 0 if consistent, else a line number in
 * malloc_core.c that tells which rule was broken. */
int __tc_check(void);

#endif
