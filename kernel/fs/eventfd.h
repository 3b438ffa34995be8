/*
 * eventfd.h - eventfd objects (eventfd(2)): a 64-bit counter in a file
 * that write adds to and read takes (fs/eventfd.c has the rules).
 */
#ifndef FS_EVENTFD_H
#define FS_EVENTFD_H

#include <stdbool.h>
#include <stdint.h>

#include "uapi/fcntl.h"

/* eventfd2's flags (Linux's values). */
#define EFD_SEMAPHORE 1
#define EFD_NONBLOCK O_NONBLOCK
#define EFD_CLOEXEC O_CLOEXEC

/* Makes an eventfd whose counter starts at initval and installs it in
 * the lowest free descriptor; EFD_SEMAPHORE, EFD_NONBLOCK and EFD_CLOEXEC
 * of flags apply (other bits are the caller's to refuse). The
 * descriptor, or -ENOMEM / -EMFILE with nothing made. */
int eventfd_create(uint64_t initval, int flags);

struct file;
/* Is f an eventfd? (AIO's IOCB_FLAG_RESFD wants one: EINVAL otherwise.) */
bool file_is_eventfd(const struct file *f);
/* Adds n to the counter of eventfd f (saturating at its maximum, as
 * Linux's eventfd_signal) and wakes its readers and pollers. */
void eventfd_signal(struct file *f, uint64_t n);

#endif
