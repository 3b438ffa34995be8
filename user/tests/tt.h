/*
 * tt.h - helpers for Tiny OS's user-space test programs.
 *
 * The programs are static Linux executables (musl-gcc -static). Many run
 * on the host too, and the test runner compares the two outputs (Linux is
 * the oracle), so they print only what Linux defines: no addresses, no
 * timings. Each check prints "ok - what" or "not ok - what: detail"; the
 * exit status is the number of failed checks.
 * To open its own executable a test uses getauxval(AT_EXECFN): argv[0]
 * is "/bin/NAME" in both runs, but only Tiny OS has the file there.
 */
#ifndef USER_TESTS_TT_H
#define USER_TESTS_TT_H

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int tt_failures;

static inline void tt_check(int ok, const char *what, const char *fmt, ...)
{
    if (ok) {
        printf("ok - %s\n", what);
    } else {
        va_list ap;
        va_start(ap, fmt);
        printf("not ok - %s: ", what);
        vprintf(fmt, ap);
        printf("\n");
        va_end(ap);
        tt_failures++;
    }
    fflush(stdout);
}

#define CHECK(cond, what) tt_check((cond), (what), "%s", #cond)
#define CHECK_EQ(got, want, what)                                                                          \
    do {                                                                                                   \
        long long g_ = (long long)(got), w_ = (long long)(want);                                           \
        tt_check(g_ == w_, (what), "got %lld, want %lld", g_, w_);                                         \
    } while (0)

static inline int tt_done(void) { return tt_failures > 125 ? 125 : tt_failures; }

/* rm -r of a test's scratch tree, whatever modes the test left on it. */
static inline void tt_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st))
        return;
    if (S_ISDIR(st.st_mode)) {
        chmod(path, 0700);
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char child[512];
            if (snprintf(child, sizeof child, "%s/%s", path, e->d_name) < (int)sizeof child)
                tt_remove_tree(child); /* (a test's scratch names are short) */
        }
        if (d)
            closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* A raw system call: the kernel's return value, -errno included, with no
 * C-library translation. */
static inline long raw_syscall6(long nr, long a, long b, long c, long d, long e, long f)
{
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    long ret;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
}
#define raw_syscall(nr, a, b, c) raw_syscall6((nr), (long)(a), (long)(b), (long)(c), 0, 0, 0)

/* --- Processes. --- */

extern char **environ;

/* Exec this program again with argument vector av (av[0] = argv[0]) and
 * environment envp. Tiny OS has the file at argv[0] (/bin/NAME); the host
 * runs it from the build tree with argv[0] = /bin/NAME, so fall back to
 * /proc/self/exe there. Returns (-1, errno set) only on failure. */
static inline int exec_self_env(char **av, char **envp)
{
    execve(av[0], av, envp);
    if (errno == ENOENT)
        execve("/proc/self/exe", av, envp);
    return -1;
}
static inline int exec_self(char **av) { return exec_self_env(av, environ); }

/* fork, with stdout flushed first: a child must never inherit buffered
 * output, or it would print the parent's lines a second time. */
static inline pid_t xfork(void)
{
    fflush(stdout);
    return fork();
}

/* Sleep ms milliseconds, through signal handlers (nanosleep resumes with
 * the time left after EINTR). */
static inline void msleep(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* Wait for child c (retrying after EINTR from a handler without
 * SA_RESTART). Returns its raw wait status, or -1 if it could not be
 * waited for: a real status is never negative, so the helpers below
 * treat -1 as "neither exited nor killed". */
static inline int child_status(pid_t c)
{
    int st;
    pid_t r;
    while ((r = waitpid(c, &st, 0)) < 0 && errno == EINTR)
        ;
    return r == c ? st : -1;
}

/* Whether status st (from child_status or wait) is a normal exit with
 * this code, or death by this signal. */
static inline int exited_with(int st, int code) { return st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == code; }
static inline int killed_by(int st, int sig) { return st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == sig; }

/* Reap every child still left, so a failed check cannot leave any behind. */
static inline void reap_all(void)
{
    while (wait(NULL) > 0)
        ;
}

#endif
