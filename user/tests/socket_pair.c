/*
 * socket_pair.c - socketpair(AF_UNIX, ...) as Linux behaves (unix(7)):
 * a stream is a byte stream with EOF after the peer closes and EPIPE +
 * SIGPIPE (or only EPIPE with MSG_NOSIGNAL) on writes to a closed peer;
 * datagram and seqpacket sockets keep message boundaries and truncate
 * with MSG_TRUNC; MSG_PEEK, MSG_DONTWAIT, SOCK_NONBLOCK, shutdown, poll
 * readiness (POLLIN, POLLOUT, POLLHUP, POLLRDHUP), fstat's S_IFSOCK,
 * getsockopt (SO_TYPE, SO_PEERCRED's pid), sendmsg/recvmsg iovecs,
 * SCM_RIGHTS descriptor passing, and a blocked reader woken by a child.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>

#include "tt.h"

static volatile sig_atomic_t got_sigpipe;
static void on_sigpipe(int sig) { (void)sig; got_sigpipe++; }

static void stream_basics(void)
{
    int sv[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0, "socketpair stream");
    struct stat st;
    CHECK(fstat(sv[0], &st) == 0 && S_ISSOCK(st.st_mode), "fstat says S_IFSOCK");
    CHECK_EQ(write(sv[0], "hello ", 6), 6, "write 6");
    CHECK_EQ(send(sv[0], "world", 5, 0), 5, "send 5");
    char buf[64] = {0};
    CHECK_EQ(recv(sv[1], buf, 3, MSG_PEEK), 3, "peek 3");
    CHECK(!memcmp(buf, "hel", 3), "peeked bytes");
    CHECK_EQ(read(sv[1], buf, sizeof buf), 11, "a stream read joins both writes");
    CHECK(!memcmp(buf, "hello world", 11), "stream bytes");
    CHECK_EQ(recv(sv[1], buf, sizeof buf, MSG_DONTWAIT), -1, "empty MSG_DONTWAIT");
    CHECK_EQ(errno, EAGAIN, "... EAGAIN");
    /* both directions */
    CHECK_EQ(write(sv[1], "back", 4), 4, "write the other way");
    CHECK_EQ(read(sv[0], buf, sizeof buf), 4, "read the other way");

    struct pollfd p = {sv[1], POLLIN | POLLOUT | POLLRDHUP, 0};
    CHECK_EQ(poll(&p, 1, 0), 1, "poll: writable");
    CHECK_EQ(p.revents, POLLOUT, "revents POLLOUT only");
    CHECK_EQ(shutdown(sv[0], SHUT_WR), 0, "shutdown SHUT_WR");
    CHECK_EQ(poll(&p, 1, 0), 1, "poll after peer SHUT_WR");
    CHECK_EQ(p.revents, POLLIN | POLLOUT | POLLRDHUP, "revents IN|OUT|RDHUP");
    CHECK_EQ(read(sv[1], buf, sizeof buf), 0, "EOF after peer SHUT_WR");
    errno = 0;
    CHECK_EQ(send(sv[0], "x", 1, MSG_NOSIGNAL), -1, "send after own SHUT_WR");
    CHECK_EQ(errno, EPIPE, "... EPIPE");
    CHECK_EQ(write(sv[1], "still", 5), 5, "the other direction still works");
    CHECK_EQ(read(sv[0], buf, sizeof buf), 5, "... and reads");

    close(sv[0]);
    CHECK_EQ(poll(&p, 1, 0), 1, "poll after peer close");
    CHECK_EQ(p.revents, POLLIN | POLLOUT | POLLHUP | POLLRDHUP, "revents IN|OUT|HUP|RDHUP");
    errno = 0;
    CHECK_EQ(send(sv[1], "x", 1, MSG_NOSIGNAL), -1, "send to closed peer, MSG_NOSIGNAL");
    CHECK_EQ(errno, EPIPE, "... EPIPE");
    CHECK_EQ(got_sigpipe, 0, "... and no SIGPIPE");
    CHECK_EQ(write(sv[1], "x", 1), -1, "write to closed peer");
    CHECK_EQ(errno, EPIPE, "... EPIPE");
    CHECK_EQ(got_sigpipe, 1, "... and SIGPIPE");
    close(sv[1]);
}

static void dgram_and_seqpacket(int type, const char *name)
{
    int sv[2];
    char what[80], buf[64];
    snprintf(what, sizeof what, "socketpair %s", name);
    CHECK_EQ(socketpair(AF_UNIX, type, 0, sv), 0, what);
    int t = -1;
    socklen_t tl = sizeof t;
    CHECK(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &t, &tl) == 0 && t == type && tl == sizeof t, "SO_TYPE");
    CHECK_EQ(send(sv[0], "one", 3, 0), 3, "message one");
    CHECK_EQ(send(sv[0], "second", 6, 0), 6, "message two");
    CHECK_EQ(send(sv[0], "", 0, 0), 0, "an empty message");
    CHECK_EQ(recv(sv[1], buf, sizeof buf, 0), 3, "reads keep boundaries (1)");
    CHECK_EQ(recv(sv[1], buf, 3, MSG_PEEK | MSG_TRUNC), 6, "MSG_PEEK|MSG_TRUNC gives the real length");
    struct iovec iov = {buf, 3};
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
    CHECK_EQ(recvmsg(sv[1], &m, 0), 3, "short read of message two");
    CHECK(m.msg_flags & MSG_TRUNC, "... sets MSG_TRUNC");
    CHECK(!memcmp(buf, "sec", 3), "... with its start");
    CHECK_EQ(recv(sv[1], buf, sizeof buf, 0), 0, "the empty message");
    CHECK_EQ(recv(sv[1], buf, sizeof buf, MSG_DONTWAIT), -1, "then nothing");
    CHECK_EQ(errno, EAGAIN, "... EAGAIN");
    /* gather and scatter */
    struct iovec out[3] = {{"ab", 2}, {"", 0}, {"cde", 3}};
    struct msghdr mo = {.msg_iov = out, .msg_iovlen = 3};
    CHECK_EQ(sendmsg(sv[1], &mo, 0), 5, "sendmsg of three iovecs");
    char a[2], b[10];
    struct iovec in[2] = {{a, 2}, {b, sizeof b}};
    struct msghdr mi = {.msg_iov = in, .msg_iovlen = 2};
    CHECK_EQ(recvmsg(sv[0], &mi, 0), 5, "recvmsg into two");
    CHECK(!memcmp(a, "ab", 2) && !memcmp(b, "cde", 3), "scattered right");
    close(sv[1]);
    if (type == SOCK_SEQPACKET) {
        CHECK_EQ(recv(sv[0], buf, sizeof buf, 0), 0, "seqpacket: EOF after peer close");
        CHECK_EQ(send(sv[0], "x", 1, MSG_NOSIGNAL), -1, "seqpacket: send to closed peer");
        CHECK_EQ(errno, EPIPE, "... EPIPE");
    } else {
        CHECK_EQ(send(sv[0], "x", 1, 0), -1, "dgram: send to closed peer");
        CHECK_EQ(errno, ECONNREFUSED, "... ECONNREFUSED");
    }
    close(sv[0]);
}

static void flags_and_creds(void)
{
    int sv[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv), 0, "NONBLOCK|CLOEXEC");
    CHECK(fcntl(sv[0], F_GETFL) & O_NONBLOCK, "O_NONBLOCK set");
    CHECK(fcntl(sv[1], F_GETFD) & FD_CLOEXEC, "FD_CLOEXEC set");
    char buf[8];
    CHECK_EQ(read(sv[0], buf, sizeof buf), -1, "nonblocking read");
    CHECK_EQ(errno, EAGAIN, "... EAGAIN");
    struct ucred cr;
    socklen_t cl = sizeof cr;
    CHECK(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cr, &cl) == 0 && cl == sizeof cr, "SO_PEERCRED");
    CHECK_EQ(cr.pid, getpid(), "... the creator's pid");
    int e = -1;
    socklen_t el = sizeof e;
    CHECK(getsockopt(sv[0], SOL_SOCKET, SO_ERROR, &e, &el) == 0 && e == 0, "SO_ERROR 0");
    int sz = 65536;
    CHECK_EQ(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz), 0, "SO_SNDBUF set");
    sz = 0;
    socklen_t sl = sizeof sz;
    CHECK(getsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sz, &sl) == 0 && sz == 131072, "SO_SNDBUF doubled");
    int one = 1;
    CHECK_EQ(setsockopt(sv[0], SOL_SOCKET, SO_REUSEADDR, &one, sizeof one), 0, "SO_REUSEADDR accepted");
    /* fill it: a nonblocking writer gets EAGAIN at some point */
    static char big[4096];
    long total = 0, r;
    while ((r = write(sv[0], big, sizeof big)) > 0)
        total += r;
    CHECK(r == -1 && errno == EAGAIN && total > 0, "a full socket: EAGAIN");
    struct pollfd p = {sv[0], POLLOUT, 0};
    CHECK_EQ(poll(&p, 1, 0), 0, "full: not writable");
    long drained = 0;
    while ((r = read(sv[1], big, sizeof big)) > 0)
        drained += r;
    CHECK(drained == total, "every byte arrives");
    CHECK_EQ(poll(&p, 1, 0), 1, "drained: writable again");
    close(sv[0]);
    close(sv[1]);
}

static void rights(void)
{
    int sv[2], pfd[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0, "socketpair for SCM_RIGHTS");
    CHECK_EQ(pipe(pfd), 0, "a pipe to pass");
    char ctl[CMSG_SPACE(sizeof(int))];
    memset(ctl, 0, sizeof ctl);
    struct iovec iov = {"F", 1};
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl};
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &pfd[1], sizeof(int));
    CHECK_EQ(sendmsg(sv[0], &m, 0), 1, "sendmsg with SCM_RIGHTS");
    close(pfd[1]); /* the message holds the pipe's write end now */
    char rctl[CMSG_SPACE(sizeof(int))], ch = 0;
    struct iovec riov = {&ch, 1};
    struct msghdr rm = {.msg_iov = &riov, .msg_iovlen = 1, .msg_control = rctl, .msg_controllen = sizeof rctl};
    CHECK_EQ(recvmsg(sv[1], &rm, MSG_CMSG_CLOEXEC), 1, "recvmsg");
    struct cmsghdr *rc = CMSG_FIRSTHDR(&rm);
    CHECK(rc && rc->cmsg_level == SOL_SOCKET && rc->cmsg_type == SCM_RIGHTS &&
              rc->cmsg_len == CMSG_LEN(sizeof(int)), "an SCM_RIGHTS message arrives");
    int got = -1;
    if (rc)
        memcpy(&got, CMSG_DATA(rc), sizeof got);
    CHECK(got >= 0 && (fcntl(got, F_GETFD) & FD_CLOEXEC), "a new descriptor, close-on-exec");
    CHECK_EQ(write(got, "via", 3), 3, "writing the passed pipe end");
    char buf[4];
    CHECK_EQ(read(pfd[0], buf, sizeof buf), 3, "arrives in the pipe");
    close(got);
    CHECK_EQ(read(pfd[0], buf, sizeof buf), 0, "closing it was the last writer: EOF");
    /* too small a control buffer: MSG_CTRUNC and the descriptor closed */
    CHECK_EQ(pipe(pfd), 0, "another pipe");
    memcpy(CMSG_DATA(c), &pfd[1], sizeof(int));
    CHECK_EQ(sendmsg(sv[0], &m, 0), 1, "send it");
    close(pfd[1]);
    rm.msg_control = NULL;
    rm.msg_controllen = 0;
    CHECK_EQ(recvmsg(sv[1], &rm, 0), 1, "recvmsg without room");
    CHECK(rm.msg_flags & MSG_CTRUNC, "... MSG_CTRUNC");
    CHECK_EQ(read(pfd[0], buf, sizeof buf), 0, "the dropped descriptor was closed: EOF");
    close(pfd[0]);
    close(sv[0]);
    close(sv[1]);
}

static void blocking_reader(void)
{
    int sv[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0, "socketpair for fork");
    pid_t c = fork();
    if (c == 0) {
        close(sv[0]);
        struct timespec ts = {0, 50 * 1000 * 1000};
        nanosleep(&ts, NULL);
        struct ucred cr;
        socklen_t cl = sizeof cr;
        getsockopt(sv[1], SOL_SOCKET, SO_PEERCRED, &cr, &cl);
        int ok = cr.pid == getppid();
        write(sv[1], ok ? "late" : "bad!", 4);
        _exit(0);
    }
    close(sv[1]);
    char buf[8];
    CHECK_EQ(read(sv[0], buf, sizeof buf), 4, "a blocked read wakes");
    CHECK(!memcmp(buf, "late", 4), "... with the child's bytes (peer cred is the parent)");
    CHECK_EQ(read(sv[0], buf, sizeof buf), 0, "EOF when the child exits");
    int st;
    waitpid(c, &st, 0);
    close(sv[0]);
}

int main(void)
{
    signal(SIGPIPE, on_sigpipe);
    stream_basics();
    dgram_and_seqpacket(SOCK_DGRAM, "dgram");
    dgram_and_seqpacket(SOCK_SEQPACKET, "seqpacket");
    flags_and_creds();
    rights();
    blocking_reader();
    return tt_done();
}
