/*
 * procfs_impl.h - what procfs.c (names, directories, links) and
 * procfs_file.c (the generated and writable files) share: the fixed
 * entries and how an inode number encodes what it stands for. Private to
 * /proc; see procfs.h for the file system's contract.
 */
#ifndef FS_PROCFS_IMPL_H
#define FS_PROCFS_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "fs/procfs_sysctl.h"
#include "fs/vfs.h"

/* A generator writes the text of a file about process (or thread) pid
 * into buf and returns its length, or -errno (the open fails with it). */
typedef long (*generator)(int pid, char *buf, size_t size);
/* A writer takes the n bytes written to a file about pid: n or -errno. */
typedef long (*writer)(int pid, const char *buf, size_t n);

/* One entry of a fixed directory (/proc's own files, a PID directory's). */
struct entry {
    const char *name;
    uint32_t mode;
    generator gen;           /* regular files */
    const char *text;        /* plain symlinks with fixed text (mounts) */
    int place;               /* magic links: PROCFS_CWD, ROOT or EXE; -1 otherwise */
    writer write;            /* writable files (mode 0644...); NULL: read-only */
    bool process_only;       /* not in /proc/PID/task/TID (Linux's tid_base_stuff lacks it) */
    bool needs_ptrace;       /* opened only with ptrace access to the process (environ, maps, mem) */
};

/* Entry indexes 0 and 1 name the directories themselves (inode numbers);
 * /proc/sysvipc's entry i is IDX_SYSVIPC + i, /proc/sys's entry i
 * (procfs_sysctl.c's table) IDX_SYSCTL + i. */
enum {
    IDX_ROOT = 1,
    IDX_PID_DIR = 1,
    IDX_FIRST = 2,
    IDX_SYSVIPC = 48,
    IDX_BUS = 56,     /* /proc/bus's entries */
    IDX_BUS_PCI = 58, /* /proc/bus/pci's */
    IDX_SYSCTL = 64,
    IDX_THREAD_SELF = 252, /* /proc/thread-self */
    IDX_FDINFO = 253, /* /proc/PID/fdinfo/N */
    IDX_SELF = 254,
    IDX_FD_LINK = 255
};

/* Inode numbers: the pid (a thread id under /proc/PID/task), the
 * descriptor + 1 (fd links), the entry, and TASK_BIT for the inodes under
 * /proc/PID/task/TID, so they differ from /proc/PID's own. */
#define TASK_BIT (1ull << 23)
static inline uint64_t make_ino(int pid, int fd, unsigned idx)
{
    return ((uint64_t)pid << 24) | ((uint64_t)(fd + 1) << 8) | idx;
}
static inline int ino_pid(const struct inode *i) { return (int)(i->ino >> 24); }
static inline int ino_fd(const struct inode *i) { return (int)((i->ino >> 8) & 0x7fff) - 1; }
static inline unsigned ino_idx(const struct inode *i) { return i->ino & 0xff; }
static inline bool ino_task(const struct inode *i) { return i->ino & TASK_BIT; }

/* The fixed entry or the tunable an inode stands for, or NULL. */
const struct entry *procfs_entry_of(const struct inode *i);
const struct sysctl_entry *procfs_sysctl_of(const struct inode *i);

/* 0, or -EACCES when the caller may not look into the process (or
 * thread) inode i is about: Linux's ptrace_may_access with
 * PTRACE_MODE_READ_FSCREDS, which guards /proc/PID/environ, maps, mem,
 * fdinfo and the exe, cwd, root and fd links. A process without memory
 * (a kernel thread) has nothing to hide in the files (need_mm), as
 * Linux's mm_access; one that is gone is left to the caller to report. */
int procfs_may_look_into(const struct inode *i, bool need_mm);

/* procfs_file.c: read-only snapshots, and files that can be written too
 * (tunables, writable entries). */
extern const struct file_ops procfs_snapshot_ops;
extern const struct file_ops procfs_knob_ops;
/* procfs_mem.c: /proc/PID/mem. */
extern const struct file_ops procfs_mem_ops;

#endif
