/*
 * exec_pipeline.c - the headline: a static program that forks, pipes,
 * execs another static program and waits, with output identical to the
 * host's. The "other program" is this same binary run with a role in
 * argv[1] (only one program is in Tiny OS's initramfs):
 *   helper ARGS...   print its arguments and environment, exit 3
 *   produce N        print N numbered lines
 *   upper            copy stdin to stdout in upper case
 *   wc               count the bytes and lines of stdin
 *   ids PID PPID     say whether its pid and parent pid are these
 * The parent passes everything through pipes and prints what it gets.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

static char *self;

static void describe(const char *who, int st)
{
    if (st < 0)
        printf("%s: not waited for\n", who);
    else if (WIFEXITED(st))
        printf("%s: exit status %d\n", who, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%s: killed by signal %d\n", who, WTERMSIG(st));
}

/* Reads everything from fd into buf (NUL-terminated); returns the length. */
static long slurp(int fd, char *buf, long cap)
{
    long n = 0;
    ssize_t r;
    while (n < cap - 1 && (r = read(fd, buf + n, cap - 1 - n)) > 0)
        n += r;
    buf[n] = 0;
    return n;
}

static void print_prefixed(const char *prefix, char *text)
{
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
        printf("%s%s\n", prefix, line);
}

static int role(int argc, char **argv)
{
    const char *r = argv[1];
    if (!strcmp(r, "helper")) {
        printf("hello from the exec'd program\n");
        printf("argc=%d\n", argc);
        for (int i = 2; i < argc; i++)
            printf("arg[%d]=\"%s\"\n", i, argv[i]);
        for (char **e = environ; *e; e++)
            printf("env %s\n", *e);
        return 3; /* stdout is a pipe: fully buffered, flushed by exit */
    }
    if (!strcmp(r, "produce")) {
        int n = argc > 2 ? atoi(argv[2]) : 10;
        for (int i = 1; i <= n; i++)
            printf("line %d of %d: the quick brown fox\n", i, n);
        return 0;
    }
    if (!strcmp(r, "upper")) {
        char buf[1000];
        ssize_t n;
        while ((n = read(0, buf, sizeof buf)) > 0) {
            for (ssize_t i = 0; i < n; i++)
                buf[i] = (char)toupper((unsigned char)buf[i]);
            if (write(1, buf, n) != n)
                return 1;
        }
        return n == 0 ? 0 : 2;
    }
    if (!strcmp(r, "wc")) {
        char buf[4096];
        long bytes = 0, lines = 0;
        ssize_t n;
        while ((n = read(0, buf, sizeof buf)) > 0) {
            bytes += n;
            for (ssize_t i = 0; i < n; i++)
                lines += buf[i] == '\n';
        }
        printf("bytes=%ld lines=%ld\n", bytes, lines);
        return 0;
    }
    if (!strcmp(r, "ids") && argc > 3) {
        printf("same pid after execve: %s\n", atol(argv[2]) == getpid() ? "yes" : "no");
        printf("same parent after execve: %s\n", atol(argv[3]) == getppid() ? "yes" : "no");
        return 0;
    }
    printf("unknown role %s\n", r);
    return 99;
}

int main(int argc, char **argv)
{
    self = argv[0];
    if (argc > 1)
        return role(argc, argv);

    static char buf[1 << 16];

    /* 1. fork + pipe + dup2 + execve + wait. */
    {
        int p[2];
        CHECK_EQ(pipe(p), 0, "pipe");
        pid_t c = xfork();
        if (c == 0) {
            dup2(p[1], 1);
            close(p[0]);
            close(p[1]);
            char *av[] = {self, "helper", "one", "two words", "", NULL};
            char *envp[] = {"GREETING=hello", "EMPTY=", NULL};
            exec_self_env(av, envp);
            _exit(127);
        }
        close(p[1]);
        long n = slurp(p[0], buf, sizeof buf);
        close(p[0]);
        int st = child_status(c);
        print_prefixed("child says: ", buf);
        describe("child", st);
        CHECK(n > 0 && st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 3,
              "fork, dup2 a pipe to stdout, execve, read it all, wait: status 3");
    }

    /* 2. A pipeline: produce 200 | upper | us. */
    {
        int a[2], b[2];
        pipe(a);
        pipe(b);
        pid_t prod = xfork();
        if (prod == 0) {
            dup2(a[1], 1);
            close(a[0]);
            close(a[1]);
            close(b[0]);
            close(b[1]);
            char *av[] = {self, "produce", "200", NULL};
            exec_self(av);
            _exit(127);
        }
        pid_t up = xfork();
        if (up == 0) {
            dup2(a[0], 0);
            dup2(b[1], 1);
            close(a[0]);
            close(a[1]);
            close(b[0]);
            close(b[1]);
            char *av[] = {self, "upper", NULL};
            exec_self(av);
            _exit(127);
        }
        close(a[0]);
        close(a[1]);
        close(b[1]);
        long n = slurp(b[0], buf, sizeof buf);
        close(b[0]);
        int s1 = child_status(prod), s2 = child_status(up);
        int lines = 0, bad = 0;
        char want[80];
        for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
            lines++;
            snprintf(want, sizeof want, "LINE %d OF 200: THE QUICK BROWN FOX", lines);
            bad += strcmp(line, want) != 0;
            if (lines <= 2 || lines == 200)
                printf("pipeline: %s\n", line);
        }
        printf("pipeline: %d lines, %ld bytes\n", lines, n);
        describe("producer", s1);
        describe("upper", s2);
        CHECK(lines == 200 && bad == 0, "produce | upper: 200 lines, all upper-cased, in order");
        CHECK(WIFEXITED(s1) && WEXITSTATUS(s1) == 0 && WIFEXITED(s2) && WEXITSTATUS(s2) == 0, "both stages exit 0");
    }

    /* 3. Feeding a child's stdin: 100000 bytes into wc. */
    {
        int in[2], out[2];
        pipe(in);
        pipe(out);
        pid_t c = xfork();
        if (c == 0) {
            dup2(in[0], 0);
            dup2(out[1], 1);
            close(in[0]);
            close(in[1]);
            close(out[0]);
            close(out[1]);
            char *av[] = {self, "wc", NULL};
            exec_self(av);
            _exit(127);
        }
        close(in[0]);
        close(out[1]);
        static char data[100000];
        for (int i = 0; i < (int)sizeof data; i++)
            data[i] = i % 100 == 99 ? '\n' : 'a' + i % 26;
        long done = 0;
        while (done < (long)sizeof data) {
            ssize_t w = write(in[1], data + done, sizeof data - done);
            if (w <= 0)
                break;
            done += w;
        }
        close(in[1]);
        slurp(out[0], buf, sizeof buf);
        close(out[0]);
        int st = child_status(c);
        int ok = !strcmp(buf, "bytes=100000 lines=1000\n") && WIFEXITED(st) && WEXITSTATUS(st) == 0;
        print_prefixed("wc says: ", buf);
        describe("wc", st);
        CHECK(ok, "100000 bytes through the child's stdin are counted");
    }

    /* 4. execve keeps the pid and the parent. */
    {
        int p[2];
        pipe(p);
        char spid[32], sppid[32];
        snprintf(sppid, sizeof sppid, "%d", getpid());
        pid_t c = xfork();
        if (c == 0) {
            snprintf(spid, sizeof spid, "%d", getpid());
            dup2(p[1], 1);
            close(p[0]);
            close(p[1]);
            char *av[] = {self, "ids", spid, sppid, NULL};
            exec_self(av);
            _exit(127);
        }
        close(p[1]);
        slurp(p[0], buf, sizeof buf);
        close(p[0]);
        int st = child_status(c);
        int ok = strstr(buf, "pid after execve: yes") && strstr(buf, "parent after execve: yes") && WEXITSTATUS(st) == 0;
        print_prefixed("ids says: ", buf); /* (strtok cuts buf up) */
        CHECK(ok, "execve keeps the pid and the parent pid");
    }

    /* 5. Failing execve returns to the caller with errno. */
    {
        pid_t c = xfork();
        if (c == 0) {
            char *av[] = {"/nonexistent/program", NULL};
            execve(av[0], av, environ);
            _exit(errno == ENOENT ? 100 : 101);
        }
        int st = child_status(c);
        CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 100, "execve of a missing file fails with ENOENT in the child");
        c = xfork();
        if (c == 0) {
            char *av[] = {"/", NULL};
            execve(av[0], av, environ);
            _exit(errno == EACCES ? 100 : 101);
        }
        st = child_status(c);
        CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 100, "execve of a directory fails with EACCES");
    }

    /* 6. posix_spawn (musl: clone(CLONE_VM|CLONE_VFORK) + execve, errors through a CLOEXEC pipe). */
    {
        int p[2];
        pipe(p);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_adddup2(&fa, p[1], 1);
        posix_spawn_file_actions_addclose(&fa, p[0]);
        posix_spawn_file_actions_addclose(&fa, p[1]);
        char *av[] = {self, "helper", "spawned", NULL};
        char *envp[] = {"SPAWNED=1", NULL};
        pid_t c = -1;
        fflush(stdout);
        int r = posix_spawn(&c, self, &fa, NULL, av, envp);
        if (r == ENOENT)
            r = posix_spawn(&c, "/proc/self/exe", &fa, NULL, av, envp); /* the host */
        close(p[1]);
        slurp(p[0], buf, sizeof buf);
        close(p[0]);
        int st = r == 0 ? child_status(c) : -1;
        print_prefixed("spawned says: ", buf);
        describe("spawned", st);
        CHECK(r == 0 && WIFEXITED(st) && WEXITSTATUS(st) == 3, "posix_spawn with dup2/close file actions");
        char *bad[] = {"/nonexistent/program", NULL};
        r = posix_spawn(&c, bad[0], NULL, NULL, bad, envp);
        CHECK_EQ(r, ENOENT, "posix_spawn of a missing file returns ENOENT");
        posix_spawn_file_actions_destroy(&fa);
    }

    errno = 0;
    CHECK(wait(NULL) == -1 && errno == ECHILD, "no children left behind");
    return tt_done();
}
