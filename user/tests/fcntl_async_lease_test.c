/* fcntl_async_lease_test.c - fcntl's signal-driven I/O, leases and
 * directory notification: F_SETOWN / F_GETOWN, F_SETOWN_EX / F_GETOWN_EX,
 * F_SETSIG / F_GETSIG and what O_ASYNC on a pipe sends (SIGIO from the
 * kernel, or the chosen signal with POLL_IN / POLL_OUT, si_band and
 * si_fd); F_SETLEASE / F_GETLEASE (EAGAIN for a conflicting open or
 * lease), and a lease break: the holder's signal (POLL_MSG), EWOULDBLOCK
 * for an O_NONBLOCK opener, a blocking opener waiting for the holder to
 * let go; F_NOTIFY: which changes tell a watched directory and a watched
 * subdirectory, one-shot and multi-shot watches. Differential. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "tt.h"

#define FILE_PATH "/tmp/lease_test_file"

static int err_of(long r) { return r < 0 ? errno : 0; }

/* The next of the blocked signals in set, within 1 s: its number (0: none). */
static int next_signal(const sigset_t *set, siginfo_t *si)
{
    struct timespec ts = {1, 0};
    memset(si, 0, sizeof *si);
    int r = sigtimedwait(set, si, &ts);
    return r > 0 ? r : 0;
}

static void owners(void)
{
    int p[2];
    pipe(p);
    struct f_owner_ex o = {9, 9};
    CHECK_EQ(fcntl(p[0], F_GETOWN), 0, "no owner at first");
    CHECK(fcntl(p[0], F_GETOWN_EX, &o) == 0 && o.type == F_OWNER_TID && o.pid == 0, "F_GETOWN_EX: none (TID 0)");
    CHECK_EQ(fcntl(p[0], F_GETSIG), 0, "F_GETSIG: 0 (SIGIO)");
    CHECK_EQ(err_of(fcntl(p[0], F_SETOWN, 99999)), ESRCH, "F_SETOWN to no process is ESRCH");
    CHECK_EQ(err_of(fcntl(p[0], F_SETOWN, -99999)), ESRCH, "F_SETOWN to no group is ESRCH");
    CHECK_EQ(fcntl(p[0], F_SETOWN, getpid()), 0, "F_SETOWN to this process");
    CHECK_EQ(fcntl(p[0], F_GETOWN), getpid(), "F_GETOWN says so");
    CHECK(fcntl(p[0], F_GETOWN_EX, &o) == 0 && o.type == F_OWNER_PID && o.pid == getpid(), "F_GETOWN_EX: PID");
    CHECK_EQ(fcntl(p[0], F_SETOWN, -getpgrp()), 0, "F_SETOWN to this group");
    CHECK_EQ(fcntl(p[0], F_GETOWN), -getpgrp(), "F_GETOWN: the group, negative");
    CHECK(fcntl(p[0], F_GETOWN_EX, &o) == 0 && o.type == F_OWNER_PGRP && o.pid == getpgrp(), "F_GETOWN_EX: PGRP");
    o = (struct f_owner_ex){F_OWNER_TID, (pid_t)syscall(SYS_gettid)};
    CHECK_EQ(fcntl(p[0], F_SETOWN_EX, &o), 0, "F_SETOWN_EX to this thread");
    CHECK(fcntl(p[0], F_GETOWN_EX, &o) == 0 && o.type == F_OWNER_TID, "F_GETOWN_EX: TID");
    o.type = 5;
    CHECK_EQ(err_of(fcntl(p[0], F_SETOWN_EX, &o)), EINVAL, "F_SETOWN_EX with a bad type is EINVAL");
    o = (struct f_owner_ex){F_OWNER_PID, 99999};
    CHECK_EQ(err_of(fcntl(p[0], F_SETOWN_EX, &o)), ESRCH, "F_SETOWN_EX to no process is ESRCH");
    CHECK_EQ(err_of(fcntl(p[0], F_SETOWN_EX, (void *)1)), EFAULT, "F_SETOWN_EX from a bad pointer is EFAULT");
    CHECK_EQ(err_of(fcntl(p[0], F_GETOWN_EX, (void *)1)), EFAULT, "F_GETOWN_EX to a bad pointer is EFAULT");
    CHECK_EQ(err_of(fcntl(p[0], F_SETSIG, 65)), EINVAL, "F_SETSIG 65 is EINVAL");
    CHECK_EQ(err_of(fcntl(p[0], F_SETSIG, -1)), EINVAL, "F_SETSIG -1 is EINVAL");
    CHECK(fcntl(p[0], F_SETSIG, 64) == 0 && fcntl(p[0], F_GETSIG) == 64, "F_SETSIG 64");
    close(p[0]);
    close(p[1]);
    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK_EQ(fcntl(fd, F_SETFL, O_ASYNC), 0, "F_SETFL O_ASYNC on a regular file succeeds");
    CHECK_EQ(fcntl(fd, F_GETFL) & O_ASYNC, 0, "but is not kept: no signal-driven I/O there");
    close(fd);
}

static void async_pipe(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGIO);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    int p[2];
    pipe(p);
    siginfo_t si;
    char c;
    fcntl(p[0], F_SETOWN, getpid());
    CHECK_EQ(fcntl(p[0], F_SETFL, O_ASYNC), 0, "O_ASYNC on a read end");
    CHECK_EQ(fcntl(p[0], F_GETFL), O_RDONLY | O_ASYNC, "F_GETFL shows it");
    write(p[1], "x", 1);
    CHECK_EQ(next_signal(&set, &si), SIGIO, "data in the pipe: SIGIO");
    CHECK_EQ(si.si_code, SI_KERNEL, "from the kernel");
    read(p[0], &c, 1);
    fcntl(p[0], F_SETSIG, SIGRTMIN + 1);
    write(p[1], "x", 1);
    CHECK_EQ(next_signal(&set, &si), SIGRTMIN + 1, "F_SETSIG: the chosen signal instead");
    CHECK(si.si_code == POLL_IN && si.si_band == (POLLIN | POLLRDNORM) && si.si_fd == p[0],
          "with POLL_IN, the band and the descriptor");
    read(p[0], &c, 1);
    fcntl(p[0], F_SETFL, 0);
    write(p[1], "x", 1);
    CHECK_EQ(next_signal(&set, &si), 0, "O_ASYNC off: nothing");
    fcntl(p[1], F_SETOWN, getpid());
    fcntl(p[1], F_SETSIG, SIGUSR1);
    fcntl(p[1], F_SETFL, O_ASYNC);
    read(p[0], &c, 1);
    CHECK_EQ(next_signal(&set, &si), SIGUSR1, "room in the pipe: the write end's owner is told");
    CHECK(si.si_code == POLL_OUT && si.si_fd == p[1], "with POLL_OUT");
    close(p[0]);
    CHECK_EQ(next_signal(&set, &si), SIGUSR1, "the last reader going: told too");
    close(p[1]);
}

static void leases(void)
{
    close(open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644));
    int r = open(FILE_PATH, O_RDONLY);
    CHECK_EQ(fcntl(r, F_GETLEASE), F_UNLCK, "no lease at first");
    CHECK_EQ(err_of(fcntl(r, F_SETLEASE, F_UNLCK)), EAGAIN, "F_UNLCK without a lease is EAGAIN");
    CHECK_EQ(err_of(fcntl(r, F_SETLEASE, 5)), EINVAL, "a bad lease type is EINVAL");
    CHECK_EQ(fcntl(r, F_SETLEASE, F_RDLCK), 0, "a read lease on a read-only open");
    CHECK(fcntl(r, F_GETLEASE) == F_RDLCK && fcntl(r, F_GETOWN) == getpid(), "held, and its owner is the caller");
    CHECK_EQ(fcntl(r, F_SETLEASE, F_WRLCK), 0, "upgraded to a write lease: the only open");
    CHECK_EQ(fcntl(r, F_SETLEASE, F_RDLCK), 0, "and back");
    int r2 = open(FILE_PATH, O_RDONLY);
    CHECK_EQ(fcntl(r2, F_SETLEASE, F_RDLCK), 0, "another read lease beside it");
    CHECK_EQ(err_of(fcntl(r2, F_SETLEASE, F_WRLCK)), EAGAIN, "no write lease with another open");
    CHECK_EQ(fcntl(r2, F_SETLEASE, F_UNLCK), 0, "F_UNLCK");
    close(r2);
    CHECK_EQ(fcntl(r, F_SETLEASE, F_UNLCK), 0, "F_UNLCK the first");
    int rw = open(FILE_PATH, O_RDWR);
    CHECK_EQ(err_of(fcntl(rw, F_SETLEASE, F_RDLCK)), EAGAIN, "no read lease on a file open for writing");
    CHECK_EQ(err_of(fcntl(rw, F_SETLEASE, F_WRLCK)), EAGAIN, "no write lease while another open exists");
    close(r);
    CHECK_EQ(fcntl(rw, F_SETLEASE, F_WRLCK), 0, "a write lease on the only open");
    CHECK_EQ(fcntl(rw, F_SETLEASE, F_UNLCK), 0, "F_UNLCK");
    close(rw);
    int p[2];
    pipe(p);
    CHECK_EQ(err_of(fcntl(p[0], F_SETLEASE, F_RDLCK)), EINVAL, "no lease on a pipe");
    CHECK_EQ(fcntl(p[0], F_GETLEASE), F_UNLCK, "F_GETLEASE on a pipe: F_UNLCK");
    close(p[0]);
    close(p[1]);

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGIO);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    siginfo_t si;
    r = open(FILE_PATH, O_RDONLY);
    fcntl(r, F_SETLEASE, F_RDLCK);
    int other = open(FILE_PATH, O_RDONLY | O_NONBLOCK);
    CHECK(other >= 0, "reading does not break a read lease");
    close(other);
    CHECK_EQ(next_signal(&set, &si), 0, "and sends nothing");
    CHECK_EQ(err_of(open(FILE_PATH, O_WRONLY | O_NONBLOCK)), EWOULDBLOCK, "an O_NONBLOCK writer: EWOULDBLOCK");
    CHECK_EQ(next_signal(&set, &si), SIGIO, "the holder gets SIGIO");
    CHECK_EQ(fcntl(r, F_GETLEASE), F_UNLCK, "F_GETLEASE says to let go");
    fcntl(r, F_SETLEASE, F_UNLCK);
    fcntl(r, F_SETSIG, SIGUSR1);
    fcntl(r, F_SETLEASE, F_RDLCK);
    pid_t c = xfork();
    if (c == 0) {
        int fd = open(FILE_PATH, O_WRONLY);
        _exit(fd >= 0 ? 0 : 1);
    }
    CHECK_EQ(next_signal(&set, &si), SIGUSR1, "a blocking writer: the holder gets its F_SETSIG signal");
    CHECK(si.si_code == POLL_MSG && si.si_fd == r, "with POLL_MSG and the lease's descriptor");
    msleep(100);
    CHECK_EQ(waitpid(c, NULL, WNOHANG), 0, "the writer waits");
    CHECK_EQ(fcntl(r, F_SETLEASE, F_UNLCK), 0, "the holder lets go");
    CHECK(exited_with(child_status(c), 0), "and the writer's open goes through");
    close(r);
    unlink(FILE_PATH);
}

#define DIR_PATH "/tmp/dnotify_test"
#define PARENT_SIG (SIGRTMIN + 1)
#define SUB_SIG (SIGRTMIN + 2)

/* Which watches fired since the last look: 1 the parent, 2 the
 * subdirectory (each has its own signal), 4 something else. */
static int fired(int pfd, int sfd)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, PARENT_SIG);
    sigaddset(&set, SUB_SIG);
    sigaddset(&set, SIGIO);
    struct timespec none = {0, 0};
    siginfo_t si;
    int r, mask = 0;
    while ((r = sigtimedwait(&set, &si, &none)) > 0)
        mask |= r == PARENT_SIG && si.si_fd == pfd ? 1 : r == SUB_SIG && si.si_fd == sfd ? 2 : 4;
    return mask;
}

static void dnotify(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, PARENT_SIG);
    sigaddset(&set, SUB_SIG);
    sigaddset(&set, SIGIO);
    sigprocmask(SIG_BLOCK, &set, NULL);
    mkdir(DIR_PATH, 0755);
    chdir(DIR_PATH);
    mkdir("sub", 0755);
    close(open("f", O_CREAT | O_RDWR, 0644));
    int f = open("f", O_RDWR);
    CHECK_EQ(err_of(fcntl(f, F_NOTIFY, DN_MODIFY)), ENOTDIR, "F_NOTIFY on a file is ENOTDIR");
    int p = open(".", O_RDONLY), s = open("sub", O_RDONLY);
    fcntl(p, F_SETSIG, PARENT_SIG);
    fcntl(s, F_SETSIG, SUB_SIG);
    CHECK_EQ(fcntl(p, F_NOTIFY, DN_ACCESS | DN_MODIFY | DN_CREATE | DN_DELETE | DN_RENAME | DN_ATTRIB | DN_MULTISHOT), 0,
             "watch a directory for everything");
    CHECK_EQ(fcntl(p, F_GETOWN), getpid(), "the watcher becomes the owner");
    CHECK_EQ(fcntl(s, F_NOTIFY, DN_ATTRIB | DN_CREATE | DN_MULTISHOT), 0, "watch a subdirectory");
    char b[4];
    write(f, "ab", 2);
    CHECK_EQ(fired(p, s), 1, "write: the directory");
    pread(f, b, 1, 0);
    CHECK_EQ(fired(p, s), 1, "read: the directory");
    fchmod(f, 0600);
    CHECK_EQ(fired(p, s), 1, "fchmod: the directory");
    chmod("sub", 0700);
    CHECK_EQ(fired(p, s), 3, "chmod of the subdirectory: both");
    close(open("g", O_CREAT | O_RDWR, 0644));
    CHECK_EQ(fired(p, s), 1, "create: the directory");
    rename("g", "h");
    CHECK_EQ(fired(p, s), 1, "rename within it");
    rename("h", "sub/h");
    CHECK_EQ(fired(p, s), 3, "a move into the subdirectory: both");
    unlink("sub/h");
    CHECK_EQ(fired(p, s), 0, "an unlink in the subdirectory: nobody (it watches no deletes)");
    mkdir("d2", 0755);
    rmdir("d2");
    CHECK_EQ(fired(p, s), 1, "mkdir, rmdir");
    ftruncate(f, 0);
    CHECK_EQ(fired(p, s), 1, "ftruncate");
    close(open("f", O_RDWR | O_TRUNC));
    CHECK_EQ(fired(p, s), 1, "O_TRUNC");
    link("f", "f2");
    unlink("f2");
    symlink("f", "sl");
    unlink("sl");
    CHECK_EQ(fired(p, s), 1, "link, symlink, unlink");
    CHECK_EQ(fcntl(p, F_NOTIFY, 0), 0, "F_NOTIFY 0 removes the watch");
    close(open("k", O_CREAT | O_RDWR, 0644));
    CHECK_EQ(fired(p, s), 0, "then nothing");
    CHECK_EQ(fcntl(p, F_NOTIFY, DN_DELETE), 0, "a one-shot watch");
    unlink("k");
    CHECK_EQ(fired(p, s), 1, "fires once");
    close(open("k", O_CREAT | O_RDWR, 0644));
    unlink("k");
    CHECK_EQ(fired(p, s), 0, "and no more");
    fcntl(p, F_NOTIFY, DN_CREATE | DN_MULTISHOT);
    close(dup(p));
    close(open("k", O_CREAT | O_RDWR, 0644));
    CHECK_EQ(fired(p, s), 0, "closing a duplicate of the descriptor ends the watch");
    unlink("k");
    unlink("f");
    close(f);
    close(p);
    close(s);
    rmdir("sub");
    chdir("/");
    rmdir(DIR_PATH);
}

int main(void)
{
    owners();
    async_pipe();
    leases();
    dnotify();
    return tt_done();
}
