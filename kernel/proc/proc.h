/*
 * proc.h - processes. Each has its own address space, kernel stack (with
 * a guard page), open files, working directory and exit status.
 */
#ifndef PROC_PROC_H
#define PROC_PROC_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86_64/percpu.h"
#include "arch/x86_64/trap_frame.h"

#define PROC_MAX_DEFAULT 1024
#define NOFILE 256 /* descriptors per process (RLIMIT_NOFILE) */
#define PROC_NAME_LEN 16

enum proc_state { PROC_UNUSED, PROC_RUNNING, PROC_READY, PROC_BLOCKED, PROC_ZOMBIE };

struct file;
struct inode;
struct mm;

struct proc {
    int pid;
    enum proc_state state;
    struct proc *parent;
    char name[PROC_NAME_LEN]; /* the program's file name, like Linux's comm */
    struct mm *mm;
    int slot;            /* index in the process table = kernel stack slot */
    uint64_t kstack_top; /* the trap frame of the user context sits just below */
    struct file *files[NOFILE];
    uint8_t cloexec[NOFILE];
    struct inode *cwd;
    uint64_t fs_base;         /* ARCH_SET_FS */
    uint64_t clear_child_tid; /* set_tid_address */
    int wait_status;          /* Linux wait status, valid when ZOMBIE */
};

/* The running process (NULL while the kernel boots). */
static inline struct proc *current(void) { return this_cpu()->current; }

/* The user register frame of p (at the top of its kernel stack). */
static inline struct trap_frame *proc_frame(struct proc *p)
{
    return (struct trap_frame *)(p->kstack_top - sizeof(struct trap_frame));
}

/* A new process with its kernel stack and no address space; NULL when
 * the table is full or memory is short. */
struct proc *proc_alloc(void);
/* Releases everything a dead process still holds (after wait). */
void proc_free(struct proc *p);

/* Starts the first user program as pid 1: the first of paths (a NULL-
 * terminated list) that exists, with argv = {path, args...}, descriptors
 * 0-2 on the console (2 on errdev instead when given). Never returns
 * (enters ring 3). Panics if no path can be run. */
__attribute__((noreturn)) void proc_start_init(const char *const *paths, const char *const *args, int nargs,
                                               const char *errdev);

/* Ends the current process with a Linux wait status (exit code << 8, or
 * the signal number). Frees its address space and files. */
__attribute__((noreturn)) void proc_exit(int wait_status);

/* Kills the current process for a fault in user mode: logs one line as
 * Linux's "segfault at" does and exits with signal sig. */
__attribute__((noreturn)) void proc_fault_kill(const struct trap_frame *f, int sig, uint64_t addr, const char *what);

/* Number of processes in the table (zombies included). */
int proc_count(void);

/* Installs descriptor fd = f (fd -1: the lowest free). Returns fd or -EMFILE. */
int fd_install(struct proc *p, int fd, struct file *f, bool cloexec);
/* The open file behind fd, or NULL. */
struct file *fd_get(struct proc *p, int fd);

#endif
