/*
 * signalfd.h - signalfd objects (signalfd(2)): files from which the
 * reader takes its pending signals of a set (fs/signalfd.c has the
 * rules).
 */
#ifndef FS_SIGNALFD_H
#define FS_SIGNALFD_H

#include <stdint.h>

#include "uapi/fcntl.h"

struct file;
struct signalfd;

/* signalfd4's flags (Linux's values). */
#define SFD_NONBLOCK O_NONBLOCK
#define SFD_CLOEXEC O_CLOEXEC

/* Makes a signalfd for the signals of mask (bit n - 1 for signal n;
 * SIGKILL and SIGSTOP are left out) and installs it in the lowest free
 * descriptor; SFD_NONBLOCK and SFD_CLOEXEC of flags apply (other bits
 * are the caller's to refuse). The descriptor, or -ENOMEM / -EMFILE with
 * nothing made. */
int signalfd_create(uint64_t mask, int flags);

/* The signalfd behind f, or NULL when f is not one. */
struct signalfd *signalfd_of(struct file *f);

/* Gives s a new set (mask as for signalfd_create) and wakes its readers. */
void signalfd_set_mask(struct signalfd *s, uint64_t mask);

#endif
