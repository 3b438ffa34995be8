/* sys/mman.h - memory mappings. */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <bits/types.h>
#include "uapi/mman.h"

#define MAP_ANON MAP_ANONYMOUS

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);

#endif
