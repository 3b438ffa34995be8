/* procfs_pid_test.c - /proc/PID directories in Linux's formats: status,
 * stat, cmdline and comm of this process and of a child that sleeps,
 * stops, execs and becomes a zombie; /proc/self as a link; readdir of
 * /proc listing the processes. Differential: every line printed is what
 * Linux prints. */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

static size_t slurp(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    size_t n = 0;
    ssize_t r;
    while (fd >= 0 && n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
        n += (size_t)r;
    buf[n] = '\0';
    if (fd >= 0)
        close(fd);
    return n;
}

static size_t slurp_pid(int pid, const char *file, char *buf, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", pid, file);
    return slurp(path, buf, size);
}

/* The value after "key:\t" in a status text, up to the end of the line. */
static const char *field(const char *status, const char *key, char *out, size_t size)
{
    char k[64];
    snprintf(k, sizeof k, "\n%s:\t", key);
    const char *p = strncmp(status, k + 1, strlen(k + 1)) == 0 ? status - 1 : strstr(status, k);
    out[0] = '\0';
    if (!p)
        return out;
    p += strlen(k);
    size_t n = strcspn(p, "\n");
    if (n >= size)
        n = size - 1;
    memcpy(out, p, n);
    out[n] = '\0';
    return out;
}

/* Polls pid's State line until it starts with want (the child needs
 * time to reach its sleep, stop or exit). */
static int wait_state(int pid, const char *want)
{
    static char buf[4096];
    char v[64];
    for (int i = 0; i < 2000; i++) {
        slurp_pid(pid, "status", buf, sizeof buf);
        if (strcmp(field(buf, "State", v, sizeof v), want) == 0)
            return 1;
        usleep(1000);
    }
    printf("# state of %d is '%s'\n", pid, v);
    return 0;
}

static void check_self(char **argv, int argc)
{
    static char buf[8192];
    char v[256], want[256];
    slurp("/proc/self/status", buf, sizeof buf);
    CHECK(strcmp(field(buf, "Name", v, sizeof v), "procfs_pid_test") == 0, "status Name is the program's name");
    CHECK(strcmp(field(buf, "State", v, sizeof v), "R (running)") == 0, "status State of the reader is R (running)");
    snprintf(want, sizeof want, "%d", getpid());
    CHECK(strcmp(field(buf, "Pid", v, sizeof v), want) == 0, "status Pid is getpid()");
    CHECK(strcmp(field(buf, "Tgid", v, sizeof v), want) == 0, "status Tgid is getpid()");
    snprintf(want, sizeof want, "%d", getppid());
    CHECK(strcmp(field(buf, "PPid", v, sizeof v), want) == 0, "status PPid is getppid()");
    CHECK(strcmp(field(buf, "Umask", v, sizeof v), "0027") == 0, "status Umask is the umask");
    snprintf(want, sizeof want, "%d\t%d\t%d\t%d", getuid(), geteuid(), getuid(), getuid());
    CHECK(strcmp(field(buf, "Uid", v, sizeof v), want) == 0, "status Uid");
    CHECK(strcmp(field(buf, "Threads", v, sizeof v), "1") == 0, "status Threads is 1");
    CHECK(strstr(field(buf, "VmSize", v, sizeof v), " kB") != NULL, "status VmSize is in kB");

    size_t n = slurp("/proc/self/cmdline", buf, sizeof buf), off = 0;
    int same = 1;
    for (int i = 0; i < argc; i++) {
        size_t len = strlen(argv[i]) + 1;
        if (off + len > n || memcmp(buf + off, argv[i], len) != 0)
            same = 0;
        off += len;
    }
    CHECK(same && off == n, "cmdline is argv, NUL-separated");

    slurp("/proc/self/comm", buf, sizeof buf);
    CHECK(strcmp(buf, "procfs_pid_test\n") == 0, "comm is the name and a newline");

    slurp("/proc/self/stat", buf, sizeof buf);
    int pid = 0, ppid = 0, pgrp = 0, sid = 0;
    char comm[64] = {0}, state = 0;
    int got = sscanf(buf, "%d %63s %c %d %d %d", &pid, comm, &state, &ppid, &pgrp, &sid);
    CHECK(got == 6 && pid == getpid() && strcmp(comm, "(procfs_pid_test)") == 0 && state == 'R',
          "stat starts pid (comm) state");
    CHECK(ppid == getppid() && pgrp == getpgrp() && sid == getsid(0), "stat has ppid, pgrp and session");
    int fields = 0;
    for (char *t = strrchr(buf, ')'); t && *t; t++)
        if (*t == ' ')
            fields++;
    CHECK(fields >= 50, "stat has Linux's fields");

    ssize_t l = readlink("/proc/self", v, sizeof v - 1);
    v[l > 0 ? l : 0] = '\0';
    snprintf(want, sizeof want, "%d", getpid());
    CHECK(strcmp(v, want) == 0, "readlink /proc/self is the pid");
    l = readlink("/proc/self/exe", v, sizeof v - 1);
    CHECK(l > 0, "readlink /proc/self/exe");
    struct stat st;
    CHECK(stat("/proc/self/", &st) == 0 && S_ISDIR(st.st_mode), "/proc/self/ is a directory");
}

static int listed(const char *name)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    int found = 0;
    while (d && (e = readdir(d)))
        if (strcmp(e->d_name, name) == 0)
            found = e->d_type == DT_DIR || e->d_type == DT_LNK ? 1 : -1;
    if (d)
        closedir(d);
    return found;
}

int main(int argc, char **argv)
{
    static char buf[8192];
    char v[256], want[64];
    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        char c;
        read(0, &c, 1); /* sleeps until the parent closes the pipe */
        return 0;
    }
    umask(027);
    check_self(argv, argc);

    int fds[2];
    pipe(fds);
    pid_t child = fork();
    if (child == 0) {
        char c;
        close(fds[1]);
        read(fds[0], &c, 1);
        _exit(7);
    }
    close(fds[0]);
    snprintf(want, sizeof want, "%d", child);
    CHECK(listed(want) == 1, "readdir /proc lists the child's directory");
    CHECK(listed("self") == 1, "readdir /proc lists self");
    CHECK(wait_state(child, "S (sleeping)"), "a child blocked in read is S (sleeping)");
    slurp_pid(child, "status", buf, sizeof buf);
    snprintf(want, sizeof want, "%d", getpid());
    CHECK(strcmp(field(buf, "PPid", v, sizeof v), want) == 0, "the child's PPid is this process");
    kill(child, SIGSTOP);
    CHECK(wait_state(child, "T (stopped)"), "a stopped child is T (stopped)");
    slurp_pid(child, "stat", buf, sizeof buf);
    CHECK(strstr(buf, ") T ") != NULL, "stat says T too");
    kill(child, SIGCONT);
    close(fds[1]);
    CHECK(wait_state(child, "Z (zombie)"), "an exited child not yet waited for is Z (zombie)");
    CHECK_EQ(slurp_pid(child, "cmdline", buf, sizeof buf), 0, "a zombie's cmdline is empty");
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "the child exits 7");
    snprintf(v, sizeof v, "/proc/%d/status", child);
    errno = 0;
    CHECK(open(v, O_RDONLY) < 0 && errno == ENOENT, "a reaped child's directory is gone (ENOENT)");
    snprintf(want, sizeof want, "%d", child);
    CHECK(listed(want) == 0, "readdir /proc no longer lists it");

    /* A child that execs: its cmdline comes from its own memory. */
    pipe(fds);
    child = fork();
    if (child == 0) {
        dup2(fds[0], 0);
        close(fds[0]);
        close(fds[1]);
        char *args[] = {"/bin/procfs_pid_test", "child", "two words", "", "last", NULL};
        execv((const char *)getauxval(AT_EXECFN), args);
        _exit(127);
    }
    close(fds[0]);
    static const char expect[] = "/bin/procfs_pid_test\0child\0two words\0\0last";
    int ok = 0;
    for (int i = 0; i < 2000 && !ok; i++) {
        size_t n = slurp_pid(child, "cmdline", buf, sizeof buf);
        ok = n == sizeof expect && memcmp(buf, expect, n) == 0;
        if (!ok)
            usleep(1000);
    }
    CHECK(ok, "an exec'd child's cmdline is its new argv");
    close(fds[1]);
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the exec'd child exits 0");
    return tt_done();
}
