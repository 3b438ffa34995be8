/*
 * sys_exec.c - execve(2): copy the path, argv and envp out of the old
 * program's memory, then let exec_program replace it. The strings are
 * copied first because the old address space is gone once the new one is
 * in place; a failed execve returns -errno to the intact caller.
 */
#include "fs/namei.h"
#include "fs/vfs.h"
#include "lib/format.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/exec.h"
#include "proc/proc.h"
#include "syscall/path.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

/* A NULL-terminated user array of string pointers, copied into kernel
 * memory: vec[i] point into one block. Counted against *budget. */
struct strvec {
    const char **vec;
    char *block;
    int n;
};

static void strvec_free(struct strvec *v)
{
    kfree(v->vec);
    kfree(v->block);
}

static long strvec_copy(uint64_t uarray, struct strvec *v, uint64_t *budget)
{
    v->n = 0;
    v->vec = NULL;
    v->block = NULL;
    if (!uarray)
        return 0; /* Linux accepts NULL argv/envp as empty */
    /* First pass: count and measure. */
    uint64_t total = 0;
    for (;;) {
        uint64_t up;
        if (copy_from_user(&up, uarray + (uint64_t)v->n * 8, 8))
            return -EFAULT;
        if (!up)
            break;
        long len = 0;
        /* Measure with a bounded copy into a scratch page. */
        char *scratch = kmalloc(PATH_MAX);
        if (!scratch)
            return -ENOMEM;
        for (uint64_t off = 0;; off += PATH_MAX - 1) {
            long r = strncpy_from_user(scratch, up + off, PATH_MAX);
            if (r == -ENAMETOOLONG) {
                len += PATH_MAX - 1;
                if ((uint64_t)len > *budget) {
                    kfree(scratch);
                    return -E2BIG;
                }
                continue;
            }
            if (r < 0) {
                kfree(scratch);
                return r;
            }
            len += r;
            break;
        }
        kfree(scratch);
        total += (uint64_t)len + 1 + 8;
        if (total > *budget)
            return -E2BIG;
        v->n++;
    }
    *budget -= total;
    v->vec = kmalloc(sizeof(char *) * (size_t)(v->n + 1));
    v->block = kmalloc(total ? total : 1);
    if (!v->vec || !v->block) {
        strvec_free(v);
        return -ENOMEM;
    }
    /* Second pass: copy (the strings may have changed: stay in bounds). */
    uint64_t pos = 0;
    for (int i = 0; i < v->n; i++) {
        uint64_t up;
        if (copy_from_user(&up, uarray + (uint64_t)i * 8, 8)) {
            strvec_free(v);
            return -EFAULT;
        }
        long r = strncpy_from_user(v->block + pos, up, total - pos);
        if (r < 0) {
            strvec_free(v);
            return r == -ENAMETOOLONG ? -E2BIG : r;
        }
        v->vec[i] = v->block + pos;
        pos += (uint64_t)r + 1;
    }
    v->vec[v->n] = NULL;
    return 0;
}

/* Copies argv and envp, then runs t's program. */
static long do_execve(const struct exec_target *t, uint64_t uargv, uint64_t uenvp)
{
    struct strvec argv, envp;
    uint64_t budget = EXEC_ARG_MAX;
    long err = strvec_copy(uargv, &argv, &budget);
    if (err)
        return err;
    err = strvec_copy(uenvp, &envp, &budget);
    if (!err) {
        if (current()->leader->group_live > 1)
            proc_single_thread(); /* execve ends the other threads first */
        struct proc *p = current();
        /* An empty argv becomes {""}: programs may take argv[0] for
         * granted (CVE-2021-4034), Linux 5.18's do_execveat_common. */
        static const char *const empty_argv[] = {"", NULL};
        const char *const *av = argv.n ? argv.vec : empty_argv;
        err = exec_program_at(p, t, av, argv.n ? argv.n : 1, envp.vec, envp.n, proc_frame(p));
        strvec_free(&envp);
    }
    strvec_free(&argv);
    return err; /* 0: the dispatcher stores it in the new program's RAX */
}

long sys_execve(uint64_t upath, uint64_t uargv, uint64_t uenvp)
{
    char *path;
    long err = get_path(upath, &path);
    if (err)
        return err;
    struct exec_target t = {NULL, path, 0, path, false};
    err = do_execve(&t, uargv, uenvp);
    kfree(path);
    return err;
}

/* execveat(2): the program at path from directory dirfd, or (empty path,
 * AT_EMPTY_PATH) the file open at dirfd itself - an O_PATH descriptor
 * will do, as on Linux; AT_SYMLINK_NOFOLLOW refuses a final symlink
 * (ELOOP). A descriptor-relative program is named "/dev/fd/N[/path]"
 * (AT_EXECFN, a script's argument), as Linux names it; a script cannot
 * run from a close-on-exec descriptor, whose name dies with the exec
 * (ENOENT). The arguments are copied before the program is opened (Linux
 * opens first: a bad argv and a missing program give EFAULT here). */
long sys_execveat(int dirfd, uint64_t upath, uint64_t uargv, uint64_t uenvp, int flags)
{
    char *path;
    long err = get_path(upath, &path);
    if (err)
        return err;
    struct path start;
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        err = -EINVAL;
    else if (!path[0] && (flags & AT_EMPTY_PATH))
        err = path_of_fd(dirfd, &start);
    else
        err = dir_of(dirfd, path, &start);
    if (err) {
        kfree(path);
        return err;
    }
    bool relative = path[0] != '/' && dirfd != AT_FDCWD;
    char *name = relative ? kmalloc(PATH_MAX + 32) : path;
    if (!name) {
        path_put(&start);
        kfree(path);
        return -ENOMEM;
    }
    if (relative && path[0])
        ksnprintf(name, PATH_MAX + 32, "/dev/fd/%d/%s", dirfd, path);
    else if (relative)
        ksnprintf(name, PATH_MAX + 32, "/dev/fd/%d", dirfd);
    int open_flags = ((flags & AT_SYMLINK_NOFOLLOW) ? O_NOFOLLOW : 0) | ((flags & AT_EMPTY_PATH) ? VFS_OPEN_EMPTY : 0);
    struct exec_target t = {&start, path, open_flags, name, relative && current()->fdt->cloexec[dirfd]};
    err = do_execve(&t, uargv, uenvp);
    path_put(&start);
    if (name != path)
        kfree(name);
    kfree(path);
    return err;
}
