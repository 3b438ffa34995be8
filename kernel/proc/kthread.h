/*
 * kthread.h - kernel threads: processes that run only kernel code (the
 * writeback flusher). Each is a process like any other to the scheduler
 * (its own kernel stack, a pid, a line in ps as [name]), with an empty
 * address space, root's credentials, no parent, and no signals: Linux's
 * kthreads. They never exit.
 */
#ifndef PROC_KTHREAD_H
#define PROC_KTHREAD_H

/* Starts fn(arg) in a new kernel thread named name; its pid, or -errno. */
int kthread_start(const char *name, void (*fn)(void *arg), void *arg);

#endif
