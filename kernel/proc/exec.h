/* exec.h - replacing a process's program with an ELF from the file tree. */
#ifndef PROC_EXEC_H
#define PROC_EXEC_H

#include "arch/x86_64/layout.h"
#include "arch/x86_64/trap_frame.h"
#include "proc/proc.h"

/* The most argument and environment bytes exec accepts (strings plus
 * pointers): a quarter of the stack, as Linux's limit. */
#define EXEC_ARG_MAX (USER_STACK_MAX / 4)

/* Loads path into a new address space for p with the given (kernel)
 * argument and environment strings and points frame f at its entry.
 * On failure p and its address space are untouched and -errno is
 * returned: -ENOENT, -EACCES, -ENOEXEC, -EINVAL, -E2BIG, -ENOMEM. */
int exec_program(struct proc *p, const char *path, const char *const *argv, int argc, const char *const *envp,
                 int envc, struct trap_frame *f);

/* Where execveat(2) finds its program: path from start (relative paths;
 * NULL: the working directory), with open_flags O_NOFOLLOW and
 * VFS_OPEN_EMPTY (AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH); execfn is the name
 * the program is given (AT_EXECFN, a script's argument: Linux's
 * "/dev/fd/N/path" for a descriptor-relative one), and path_inaccessible
 * says that name will not exist after exec (its descriptor is
 * close-on-exec), so a script cannot be run from it (ENOENT). */
struct exec_target {
    const struct path *start;
    const char *path;
    int open_flags;
    const char *execfn;
    bool path_inaccessible;
};
int exec_program_at(struct proc *p, const struct exec_target *t, const char *const *argv, int argc,
                    const char *const *envp, int envc, struct trap_frame *f);

#endif
