/* execveat_test.c - execveat(2): a program named relative to a directory
 * descriptor, by AT_FDCWD, by an absolute path, or by a descriptor of
 * its own (AT_EMPTY_PATH, an O_PATH one too); AT_SYMLINK_NOFOLLOW; the
 * name the program gets (AT_EXECFN "/dev/fd/N/name"); the errors in
 * Linux's order. The program is a copy of this one, run with "child".
 * Differential. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "tt.h"

#define DIR "/tmp/execveat-test"
#define PROG DIR "/prog"

static long execveat(int fd, const char *path, char **argv, int flags)
{
    return raw_syscall6(SYS_execveat, fd, (long)path, (long)argv, (long)environ, flags, 0);
}

/* Copies this program to PROG. */
static int copy_self(void)
{
    int in = open("/proc/self/exe", O_RDONLY), out = open(PROG, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    if (in < 0 || out < 0)
        return -1;
    char buf[4096];
    long n;
    while ((n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)n) != n)
            return -1;
    close(in);
    close(out);
    return 0;
}

/* Runs execveat in a child: its exit status (the child program exits 42
 * and prints its AT_EXECFN), or 100 + errno when execveat failed. */
static int run(int fd, const char *path, int flags)
{
    char *argv[] = {"prog", "child", NULL};
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        long r = execveat(fd, path, argv, flags);
        _exit(100 + (int)-r);
    }
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) {
        printf("child: AT_EXECFN %s\n", (const char *)getauxval(AT_EXECFN));
        return 42;
    }
    mkdir(DIR, 0755);
    CHECK_EQ(copy_self(), 0, "copy the program");
    unlink(DIR "/link");
    symlink("prog", DIR "/link");
    int dir = open(DIR, O_DIRECTORY | O_RDONLY);
    int file = open(PROG, O_RDONLY);
    int opath = open(PROG, O_PATH);
    int cloexec_dir = open(DIR, O_DIRECTORY | O_RDONLY | O_CLOEXEC);

    CHECK_EQ(run(dir, "prog", 0), 42, "relative to a directory descriptor");
    CHECK_EQ(run(cloexec_dir, "prog", 0), 42, "relative to a close-on-exec one (an ELF runs)");
    CHECK_EQ(run(AT_FDCWD, PROG, 0), 42, "AT_FDCWD and an absolute path");
    CHECK_EQ(run(file, PROG, 0), 42, "an absolute path ignores the descriptor");
    CHECK_EQ(run(file, "", AT_EMPTY_PATH), 42, "AT_EMPTY_PATH on the file's descriptor");
    CHECK_EQ(run(opath, "", AT_EMPTY_PATH), 42, "AT_EMPTY_PATH on an O_PATH descriptor");
    CHECK_EQ(run(dir, "link", 0), 42, "a symlink is followed");
    chdir(DIR);
    CHECK_EQ(run(AT_FDCWD, "prog", 0), 42, "AT_FDCWD and a relative path");
    chdir("/");

    CHECK_EQ(run(99, "", AT_EMPTY_PATH), 100 + EBADF, "a closed descriptor: EBADF");
    CHECK_EQ(run(99, "prog", 0), 100 + EBADF, "a closed directory descriptor: EBADF");
    CHECK_EQ(run(dir, PROG, -1), 100 + EINVAL, "bad flags: EINVAL");
    CHECK_EQ(run(dir, "link", AT_SYMLINK_NOFOLLOW), 100 + ELOOP, "AT_SYMLINK_NOFOLLOW on a symlink: ELOOP");
    CHECK_EQ(run(opath, "prog", 0), 100 + ENOTDIR, "relative to a file: ENOTDIR");
    CHECK_EQ(run(dir, "", 0), 100 + ENOENT, "an empty path without AT_EMPTY_PATH: ENOENT");
    CHECK_EQ(run(dir, "", AT_EMPTY_PATH), 100 + EACCES, "AT_EMPTY_PATH on a directory: EACCES");
    CHECK_EQ(run(dir, "nothing", 0), 100 + ENOENT, "a missing program: ENOENT");
    CHECK_EQ(run(dir, "prog", AT_EMPTY_PATH), 42, "AT_EMPTY_PATH with a path: the path");

    /* A script from a close-on-exec descriptor: its interpreter could
     * not open "/dev/fd/N" after the exec. */
    int s = open(DIR "/script", O_WRONLY | O_CREAT | O_TRUNC, 0755);
    write(s, "#!/bin/sh\nexit 7\n", 17);
    close(s);
    int script = open(DIR "/script", O_RDONLY | O_CLOEXEC);
    CHECK_EQ(run(script, "", AT_EMPTY_PATH), 100 + ENOENT, "a script by a close-on-exec descriptor: ENOENT");
    CHECK_EQ(run(cloexec_dir, "script", 0), 100 + ENOENT, "a script relative to a close-on-exec directory: ENOENT");
    CHECK_EQ(run(dir, "script", 0), 7, "a script relative to a directory runs");

    unlink(DIR "/script");
    unlink(DIR "/link");
    unlink(PROG);
    rmdir(DIR);
    return tt_done();
}
