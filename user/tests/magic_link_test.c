/* magic_link_test.c - opening /proc/PID/fd/N (and /dev/fd/N, /dev/stdin,
 * which lead there) opens the object behind descriptor N, as Linux's
 * "magic links" do (proc(5)), not a path lookup of what readlink shows:
 * a pipe end gets a new reader or writer on the same pipe, a file a new
 * open file with its own offset, even once unlinked. Differential: Linux
 * is the oracle. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "tt.h"

#define PATH "/tmp/magic_link_x"

static int reopen(int fd, int flags)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    return open(path, flags);
}

static int same_inode(int a, int b)
{
    struct stat sa, sb;
    return fstat(a, &sa) == 0 && fstat(b, &sb) == 0 && sa.st_ino == sb.st_ino && sa.st_dev == sb.st_dev;
}

static void pipes(void)
{
    int p[2];
    char buf[32] = {0};
    CHECK_EQ(pipe(p), 0, "pipe");
    CHECK_EQ(write(p[1], "piped\n", 6), 6, "data into the pipe");
    int saved = dup(0);
    dup2(p[0], 0);
    int in = open("/dev/stdin", O_RDONLY);
    CHECK(in >= 0, "open /dev/stdin on a pipe");
    CHECK_EQ(read(in, buf, sizeof buf), 6, "reads the piped data");
    CHECK(!memcmp(buf, "piped\n", 6), "the same bytes");
    CHECK(same_inode(in, p[0]), "fstat: the pipe's st_ino");
    struct stat st;
    CHECK(stat("/dev/stdin", &st) == 0 && S_ISFIFO(st.st_mode), "stat /dev/stdin: a FIFO");
    dup2(saved, 0);
    close(saved);

    char link[64], want[64];
    struct stat ps;
    fstat(p[0], &ps);
    snprintf(link, sizeof link, "/proc/self/fd/%d", p[0]);
    long n = readlink(link, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = '\0';
    snprintf(want, sizeof want, "pipe:[%lu]", (unsigned long)ps.st_ino);
    CHECK(!strcmp(buf, want), "readlink still shows pipe:[INO]");

    int w = reopen(p[1], O_WRONLY);
    CHECK(w >= 0, "open /proc/self/fd/N O_WRONLY on the write end");
    CHECK_EQ(write(w, "more", 4), 4, "writes into the pipe");
    memset(buf, 0, sizeof buf);
    CHECK_EQ(read(p[0], buf, sizeof buf), 4, "the read end gets it");
    CHECK(!memcmp(buf, "more", 4), "the same bytes");

    /* The reopened end counts as a writer: no end of file until it closes. */
    close(p[1]);
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    CHECK(read(p[0], buf, 1) < 0 && errno == EAGAIN, "a reopened writer keeps the pipe open: EAGAIN");
    close(w);
    CHECK_EQ(read(p[0], buf, 1), 0, "end of file once it closes too");

    /* A write end reopened O_RDONLY is a reader of that pipe. */
    int r = reopen(in, O_RDONLY);
    CHECK(r >= 0 && same_inode(r, p[0]), "reopening a reopened end: still the same pipe");
    close(r);
    close(in);
    close(p[0]);

    signal(SIGPIPE, SIG_IGN);
    int q[2];
    pipe(q);
    int r2 = reopen(q[1], O_RDONLY);
    CHECK(r2 >= 0, "the write end's link opened O_RDONLY");
    close(q[0]);
    CHECK_EQ(write(q[1], "x", 1), 1, "it counts as a reader: the write succeeds");
    CHECK_EQ(read(r2, buf, 1), 1, "and it reads");
    close(r2);
    CHECK(write(q[1], "x", 1) < 0 && errno == EPIPE, "EPIPE once the last reader closes");
    close(q[1]);
}

static void files(void)
{
    char buf[16] = {0};
    int a = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK_EQ(write(a, "abcdef", 6), 6, "a file");
    lseek(a, 3, SEEK_SET);
    char path[32];
    snprintf(path, sizeof path, "/dev/fd/%d", a);
    int b = open(path, O_RDONLY);
    CHECK(b >= 0, "open /dev/fd/N of a regular file");
    CHECK_EQ(read(b, buf, 3), 3, "reads");
    CHECK(!memcmp(buf, "abc", 3), "from its own offset, 0");
    CHECK_EQ(lseek(a, 0, SEEK_CUR), 3, "the original offset is untouched");
    CHECK(same_inode(a, b), "fstat: the same st_ino");
    CHECK(write(b, "z", 1) < 0 && errno == EBADF, "the flags are the open's: O_RDONLY");
    close(b);
    CHECK(reopen(b, O_RDONLY) < 0 && errno == ENOENT, "a closed descriptor: ENOENT");

    unlink(PATH);
    int c = reopen(a, O_RDONLY);
    CHECK(c >= 0 && same_inode(a, c), "an unlinked file still opens through its link");
    CHECK_EQ(read(c, buf, 6), 6, "and reads its contents");
    close(c);
    close(a);

    int d = open("/tmp", O_RDONLY | O_DIRECTORY);
    int e = reopen(d, O_RDONLY | O_DIRECTORY);
    CHECK(e >= 0 && same_inode(d, e), "a directory reopens");
    close(e);
    close(d);

    int nul = open("/dev/null", O_WRONLY);
    int nul2 = reopen(nul, O_RDWR);
    CHECK(nul2 >= 0 && same_inode(nul, nul2), "a device reopens");
    CHECK_EQ(write(nul2, "x", 1), 1, "and works");
    close(nul2);
    close(nul);
}

static void unopenable(void)
{
    int e = eventfd(0, 0);
    CHECK(reopen(e, O_RDWR) < 0 && errno == ENXIO, "an eventfd cannot be reopened: ENXIO");
    close(e);
    int s[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, s);
    CHECK(reopen(s[0], O_RDWR) < 0 && errno == ENXIO, "nor a socket: ENXIO");
    close(s[0]);
    close(s[1]);
}

int main(void)
{
    pipes();
    files();
    unopenable();
    return tt_done();
}
