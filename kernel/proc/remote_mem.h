/*
 * remote_mem.h - touching another process's memory through its page
 * tables (the direct map), whatever address space is active: what
 * process_vm_readv/writev and /proc/PID/mem share (Linux's
 * access_remote_vm).
 */
#ifndef PROC_REMOTE_MEM_H
#define PROC_REMOTE_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mm;

/* Copies n bytes (within one page) between buf and mm's memory at addr,
 * faulting pages in as a touch would; a write breaks copy-on-write
 * sharing first. 0, or -EFAULT where there is no area or the area does
 * not allow it. Without force an area needs PROT_READ to be read and
 * PROT_WRITE to be written; force (Linux's FOLL_FORCE, for
 * /proc/PID/mem as for ptrace) also writes a private area that is not
 * writable, through the process's own copy of the page (never a shared
 * one: the file would change), and reads an unreadable area's pages
 * that are present. */
int remote_mem_access(struct mm *mm, uint64_t addr, void *buf, size_t n, bool write, bool force);

#endif
