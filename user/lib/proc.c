/* proc.c - processes: fork, exec, wait. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "syscall.h"

pid_t fork(void)
{
    return (pid_t)SC0(SYS_fork);
}

/* A real vfork shares the stack with the parent, which a C wrapper
 * cannot survive (its return overwrites the parent's frame). Fork is
 * copy-on-write here, so it is nearly as cheap and always safe. */
pid_t vfork(void)
{
    return fork();
}

int execve(const char *path, char *const argv[], char *const envp[])
{
    return (int)SC3(SYS_execve, path, argv, envp);
}

int execv(const char *path, char *const argv[])
{
    return execve(path, argv, environ);
}

/* Names without a '/' are looked up in each directory of PATH (an empty
 * entry means the current directory). A directory where the file is
 * missing is skipped; if some candidate was found but not executable the
 * result is EACCES, as POSIX asks. */
int execvp(const char *file, char *const argv[])
{
    if (!*file) {
        errno = ENOENT;
        return -1;
    }
    if (strchr(file, '/'))
        return execve(file, argv, environ);
    const char *path = getenv("PATH");
    if (!path)
        path = "/bin:/usr/bin";
    size_t flen = strlen(file);
    int saw_eacces = 0;
    for (const char *p = path;; p++) {
        const char *end = strchrnul(p, ':');
        size_t dlen = (size_t)(end - p);
        char buf[PATH_MAX];
        if (dlen + 1 + flen + 1 <= sizeof buf) {
            memcpy(buf, p, dlen);
            size_t n = dlen;
            if (dlen > 0)
                buf[n++] = '/';
            memcpy(buf + n, file, flen + 1);
            execve(buf, argv, environ);
            if (errno == EACCES)
                saw_eacces = 1;
            else if (errno != ENOENT && errno != ENOTDIR)
                return -1;
        }
        if (!*end)
            break;
        p = end;
    }
    errno = saw_eacces ? EACCES : ENOENT;
    return -1;
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage)
{
    return (pid_t)SC4(SYS_wait4, pid, status, options, usage);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
    return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
    return wait4(-1, status, 0, NULL);
}
