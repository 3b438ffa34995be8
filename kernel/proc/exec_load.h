/*
 * exec_load.h - building a new program's address space for execve
 * (exec_load.c): the program and its ELF interpreter mapped from their
 * files, the initial stack. exec.c decides what to run (scripts) and
 * commits the result to the process.
 */
#ifndef PROC_EXEC_LOAD_H
#define PROC_EXEC_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cred;
struct file;
struct inode;
struct mm;
struct proc;

/* What exec commits: the address space and where the process starts. */
struct exec_image {
    struct mm *mm;
    uint64_t entry; /* the interpreter's entry point, or the program's */
    uint64_t sp;    /* the initial stack pointer (argc) */
};

/* Opens the program at path (relative paths from start, or p's working
 * directory when start is NULL; open_flags may add O_NOFOLLOW and
 * VFS_OPEN_EMPTY, execveat's flags) for execve: a regular file with an
 * execute bit, on a mount that allows it (EACCES otherwise, as Linux
 * answers), or what the open says (ENOENT, ELOOP...). */
struct path;
int exec_open(struct proc *p, const struct path *start, const char *path, int open_flags, struct file **out);

/* Reads the head of a program file (the ELF header and program headers,
 * or a "#!" line) into *head (kmalloc'd), its length in *len. */
int exec_read_head(struct inode *inode, char **head, size_t *len);

/* Builds the address space of the ELF program prog (head: its first
 * head_len bytes) with its interpreter if it names one, and the stack with
 * argv, envp and the auxiliary vector (execfn: AT_EXECFN). 0 and *out, or
 * -errno with nothing changed: elf_check's, the interpreter's (ENOENT,
 * EACCES, EIO, ELIBBAD, ENOEXEC for a bad PT_INTERP), E2BIG, ENOMEM. */
int exec_load_elf(struct proc *p, struct file *prog, const char *head, size_t head_len, const char *execfn,
                  const char *const *argv, int argc, const char *const *envp, int envc, const struct cred *cred,
                  struct exec_image *out);

/* Does a program running with cred need glibc's secure mode (AT_SECURE:
 * its effective ids differ from its real ones, after a set-ID exec)? */
bool exec_secure(const struct cred *c);

/* Does p's next program run with other ids than p (a set-ID program, or
 * one that keeps set-ID ids p has)? Linux's bprm->per_clear then
 * (exec_personality). */
bool exec_ids_change(const struct proc *p, const struct cred *cred);

/* The personality p's next program runs with when it gets cred: the
 * caller's, without READ_IMPLIES_EXEC (a 64-bit program) and without
 * PER_CLEAR_ON_SETID (ADDR_NO_RANDOMIZE ...) when the ids change. */
uint32_t exec_personality(const struct proc *p, const struct cred *cred);

#endif
