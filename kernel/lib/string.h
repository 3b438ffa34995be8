/* string.h - the freestanding subset of <string.h> the kernel uses. */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include <stddef.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);

/* memset(p, 0, n) that the compiler may not drop as a dead store: secrets
 * (the random generator's keys and outputs) leave no copies behind. */
void memzero_explicit(void *p, size_t n);

#endif
