/*
 * socket_server.c - named Unix-domain sockets as Linux has them (unix(7)):
 * a server bound to a path (an S_IFSOCK file) and a forked client,
 * accept's and getpeername's addresses, a nonblocking accept (EAGAIN),
 * poll on a listener, abstract names, datagrams by address
 * (sendto/recvfrom), and the errors: EADDRINUSE, ENOENT, ECONNREFUSED
 * (nobody listens; the socket closed), ENOTSOCK, EBADF, EINVAL,
 * EPROTONOSUPPORT, ESOCKTNOSUPPORT, ENXIO when opening a socket file.
 * argv[1] = "tinyos": also the answers Linux gives for families it was
 * built without (AF_INET, AF_INET6: EAFNOSUPPORT), and no leak: the free
 * memory (sysinfo) is the same after 300 connect/accept/close rounds.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/un.h>

#include "tt.h"

#define PATH "/tmp/tiny_sock_test"

static socklen_t path_addr(struct sockaddr_un *a, const char *path)
{
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    strcpy(a->sun_path, path);
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1);
}

static socklen_t abstract_addr(struct sockaddr_un *a, const char *name)
{
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    memcpy(a->sun_path + 1, name, strlen(name));
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name));
}

static void server_client(void)
{
    struct sockaddr_un a;
    socklen_t al = path_addr(&a, PATH);
    unlink(PATH);
    int l = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(l >= 0, "socket");
    CHECK_EQ(bind(l, (struct sockaddr *)&a, al), 0, "bind to a path");
    struct stat st;
    CHECK(stat(PATH, &st) == 0 && S_ISSOCK(st.st_mode), "the path is a socket file");
    CHECK_EQ(open(PATH, O_RDWR), -1, "open a socket file");
    CHECK_EQ(errno, ENXIO, "... ENXIO");
    int c0 = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ(connect(c0, (struct sockaddr *)&a, al), -1, "connect before listen");
    CHECK_EQ(errno, ECONNREFUSED, "... ECONNREFUSED");
    close(c0);
    CHECK_EQ(listen(l, 4), 0, "listen");
    int fl = fcntl(l, F_GETFL);
    fcntl(l, F_SETFL, fl | O_NONBLOCK);
    CHECK_EQ(accept(l, NULL, NULL), -1, "nonblocking accept, nobody waiting");
    CHECK_EQ(errno, EAGAIN, "... EAGAIN");
    fcntl(l, F_SETFL, fl);
    struct pollfd p = {l, POLLIN, 0};
    CHECK_EQ(poll(&p, 1, 0), 0, "listener not readable yet");

    pid_t c = fork();
    if (c == 0) {
        close(l);
        int s = socket(AF_UNIX, SOCK_STREAM, 0);
        if (connect(s, (struct sockaddr *)&a, al) != 0)
            _exit(1);
        struct sockaddr_un peer;
        socklen_t pl = sizeof peer;
        if (getpeername(s, (struct sockaddr *)&peer, &pl) != 0 || pl != al || strcmp(peer.sun_path, PATH))
            _exit(2);
        write(s, "ping", 4);
        char buf[8];
        if (read(s, buf, sizeof buf) != 4 || memcmp(buf, "pong", 4))
            _exit(3);
        _exit(read(s, buf, sizeof buf) == 0 ? 0 : 4); /* EOF when the server closes */
    }
    CHECK_EQ(poll(&p, 1, 5000), 1, "listener readable when a client connects");
    struct sockaddr_un peer;
    socklen_t pl = sizeof peer;
    int s = accept4(l, (struct sockaddr *)&peer, &pl, SOCK_CLOEXEC);
    CHECK(s >= 0, "accept4");
    CHECK_EQ(pl, offsetof(struct sockaddr_un, sun_path), "an unnamed client: the family alone");
    CHECK(fcntl(s, F_GETFD) & FD_CLOEXEC, "SOCK_CLOEXEC on the accepted socket");
    struct sockaddr_un me;
    socklen_t ml = sizeof me;
    CHECK(getsockname(s, (struct sockaddr *)&me, &ml) == 0 && ml == al && !strcmp(me.sun_path, PATH),
          "the accepted socket has the listener's name");
    struct ucred cr;
    socklen_t cl = sizeof cr;
    CHECK(getsockopt(s, SOL_SOCKET, SO_PEERCRED, &cr, &cl) == 0 && cr.pid == c, "SO_PEERCRED: the client's pid");
    char buf[8];
    CHECK_EQ(read(s, buf, sizeof buf), 4, "read the request");
    CHECK_EQ(write(s, "pong", 4), 4, "write the answer");
    close(s);
    int stt;
    CHECK(waitpid(c, &stt, 0) == c && WIFEXITED(stt), "client exits");
    CHECK_EQ(WEXITSTATUS(stt), 0, "client saw the exchange and EOF");

    int l2 = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ(bind(l2, (struct sockaddr *)&a, al), -1, "bind to a used path");
    CHECK_EQ(errno, EADDRINUSE, "... EADDRINUSE");
    close(l2);
    close(l);
    int c1 = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ(connect(c1, (struct sockaddr *)&a, al), -1, "connect after the listener closed");
    CHECK_EQ(errno, ECONNREFUSED, "... ECONNREFUSED");
    CHECK_EQ(unlink(PATH), 0, "unlink the socket file");
    CHECK_EQ(connect(c1, (struct sockaddr *)&a, al), -1, "connect to a missing path");
    CHECK_EQ(errno, ENOENT, "... ENOENT");
    close(c1);
}

static void abstract_and_dgram(void)
{
    struct sockaddr_un a, b, from;
    socklen_t al = abstract_addr(&a, "tiny-abstract-test"), bl = abstract_addr(&b, "tiny-abstract-peer");
    int l = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    CHECK_EQ(bind(l, (struct sockaddr *)&a, al), 0, "bind an abstract name");
    CHECK_EQ(listen(l, 1), 0, "listen on it");
    int c = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    CHECK_EQ(connect(c, (struct sockaddr *)&a, al), 0, "connect by abstract name (before accept)");
    CHECK_EQ(send(c, "msg", 3, 0), 3, "send before accept");
    int s = accept(l, NULL, NULL);
    char buf[16];
    CHECK_EQ(recv(s, buf, sizeof buf, 0), 3, "the message waited");
    struct sockaddr_un me;
    socklen_t ml = sizeof me;
    CHECK(getsockname(l, (struct sockaddr *)&me, &ml) == 0 && ml == al && !memcmp(&me, &a, al),
          "getsockname: the abstract name, all its bytes");
    int d = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ(connect(d, (struct sockaddr *)&a, al), -1, "a stream to a seqpacket listener");
    CHECK_EQ(errno, ECONNREFUSED, "... ECONNREFUSED (Linux: the types differ)");
    close(d);
    close(s);
    close(c);
    close(l);
    int x = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ(connect(x, (struct sockaddr *)&a, al), -1, "the name went with the socket");
    CHECK_EQ(errno, ECONNREFUSED, "... ECONNREFUSED");
    close(x);

    int r = socket(AF_UNIX, SOCK_DGRAM, 0), w = socket(AF_UNIX, SOCK_DGRAM, 0);
    CHECK_EQ(bind(r, (struct sockaddr *)&a, al), 0, "dgram: bind the receiver");
    CHECK_EQ(bind(w, (struct sockaddr *)&b, bl), 0, "dgram: bind the sender");
    CHECK_EQ(send(w, "x", 1, 0), -1, "send without a peer");
    CHECK_EQ(errno, ENOTCONN, "... ENOTCONN");
    CHECK_EQ(sendto(w, "to-a", 4, 0, (struct sockaddr *)&a, al), 4, "sendto");
    socklen_t fl = sizeof from;
    CHECK_EQ(recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl), 4, "recvfrom");
    CHECK(fl == bl && !memcmp(&from, &b, bl), "recvfrom names the sender");
    int u = socket(AF_UNIX, SOCK_DGRAM, 0);
    CHECK_EQ(sendto(u, "anon", 4, 0, (struct sockaddr *)&a, al), 4, "sendto from an unnamed socket");
    fl = sizeof from;
    CHECK_EQ(recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl), 4, "recvfrom it");
    CHECK_EQ(fl, 0, "an unnamed sender: no address");
    CHECK_EQ(connect(r, (struct sockaddr *)&b, bl), 0, "connect the receiver to the sender");
    CHECK_EQ(sendto(u, "no", 2, 0, (struct sockaddr *)&a, al), -1, "a third socket may not send to it");
    CHECK_EQ(errno, EPERM, "... EPERM");
    close(u);
    close(r);
    close(w);
}

static void errors(void)
{
    int pfd[2];
    pipe(pfd);
    struct sockaddr_un a;
    socklen_t al = path_addr(&a, "/tmp/x");
    CHECK_EQ(bind(pfd[0], (struct sockaddr *)&a, al), -1, "bind on a pipe");
    CHECK_EQ(errno, ENOTSOCK, "... ENOTSOCK");
    CHECK_EQ(listen(pfd[0], 1), -1, "listen on a pipe");
    CHECK_EQ(errno, ENOTSOCK, "... ENOTSOCK");
    CHECK_EQ(send(pfd[1], "x", 1, 0), -1, "send on a pipe");
    CHECK_EQ(errno, ENOTSOCK, "... ENOTSOCK");
    close(pfd[0]);
    close(pfd[1]);
    CHECK_EQ(accept(99, NULL, NULL), -1, "accept on a closed descriptor");
    CHECK_EQ(errno, EBADF, "... EBADF");
    CHECK_EQ(socket(AF_UNIX, SOCK_STREAM, 7), -1, "protocol 7");
    CHECK_EQ(errno, EPROTONOSUPPORT, "... EPROTONOSUPPORT");
    CHECK_EQ(socket(AF_UNIX, 4 /* SOCK_RDM */, 0), -1, "SOCK_RDM");
    CHECK_EQ(errno, ESOCKTNOSUPPORT, "... ESOCKTNOSUPPORT");
    CHECK_EQ(socket(AF_UNIX, 12, 0), -1, "type 12");
    CHECK_EQ(errno, EINVAL, "... EINVAL");
    CHECK_EQ(socket(AF_UNIX, SOCK_STREAM | 0x100, 0), -1, "unknown type flag");
    CHECK_EQ(errno, EINVAL, "... EINVAL");
    CHECK_EQ(socket(1000, SOCK_STREAM, 0), -1, "family 1000");
    CHECK_EQ(errno, EAFNOSUPPORT, "... EAFNOSUPPORT");
    int d = socket(AF_UNIX, SOCK_DGRAM, 0);
    CHECK_EQ(listen(d, 1), -1, "listen on a datagram socket");
    CHECK_EQ(errno, EOPNOTSUPP, "... EOPNOTSUPP");
    close(d);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ(listen(s, 1), -1, "listen unbound");
    CHECK_EQ(errno, EINVAL, "... EINVAL");
    CHECK_EQ(accept(s, NULL, NULL), -1, "accept on a socket not listening");
    CHECK_EQ(errno, EINVAL, "... EINVAL");
    CHECK_EQ(write(s, "x", 1), -1, "write unconnected");
    CHECK_EQ(errno, ENOTCONN, "... ENOTCONN");
    struct sockaddr_un peer;
    socklen_t pl = sizeof peer;
    CHECK_EQ(getpeername(s, (struct sockaddr *)&peer, &pl), -1, "getpeername unconnected");
    CHECK_EQ(errno, ENOTCONN, "... ENOTCONN");
    CHECK_EQ(shutdown(s, SHUT_WR), 0, "shutdown unconnected (Linux allows it)");
    CHECK_EQ(shutdown(s, 3), -1, "shutdown how=3");
    CHECK_EQ(errno, EINVAL, "... EINVAL");
    pl = sizeof peer;
    CHECK(getsockname(s, (struct sockaddr *)&peer, &pl) == 0 && pl == 2 && peer.sun_family == AF_UNIX,
          "getsockname unbound: the family alone");
    int v;
    socklen_t vl = sizeof v;
    CHECK_EQ(getsockopt(s, SOL_SOCKET, 12345, &v, &vl), -1, "unknown option");
    CHECK_EQ(errno, ENOPROTOOPT, "... ENOPROTOOPT");
    close(s);
}

static long long free_bytes(void)
{
    struct sysinfo si;
    for (int i = 0; i < 5; i++)
        sched_yield();
    sysinfo(&si);
    return (long long)si.freeram * si.mem_unit;
}

static int connect_round(void)
{
    struct sockaddr_un a;
    socklen_t al = abstract_addr(&a, "tiny-leak");
    int l = socket(AF_UNIX, SOCK_STREAM, 0), c = socket(AF_UNIX, SOCK_STREAM, 0), sv[2];
    int ok = bind(l, (struct sockaddr *)&a, al) == 0 && listen(l, 1) == 0 &&
             connect(c, (struct sockaddr *)&a, al) == 0 && write(c, "data", 4) == 4;
    int s = accept(l, NULL, NULL);
    ok = ok && s >= 0 && socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0 && send(sv[0], "q", 1, 0) == 1;
    close(sv[0]);
    close(sv[1]);
    close(s);
    close(c);
    close(l); /* leaves unread data and never-read messages behind: freed too */
    return ok;
}

static void tinyos_only(void)
{
    CHECK_EQ(socket(AF_INET, SOCK_STREAM, 0), -1, "AF_INET (not built in)");
    CHECK_EQ(errno, EAFNOSUPPORT, "... EAFNOSUPPORT");
    CHECK_EQ(socket(AF_INET6, SOCK_DGRAM, 0), -1, "AF_INET6 (not built in)");
    CHECK_EQ(errno, EAFNOSUPPORT, "... EAFNOSUPPORT");
    int sv[2];
    CHECK_EQ(socketpair(AF_INET, SOCK_STREAM, 0, sv), -1, "socketpair AF_INET");
    CHECK_EQ(errno, EAFNOSUPPORT, "... EAFNOSUPPORT");
    connect_round(); /* warm-up */
    long long before = free_bytes();
    int ok = 1;
    for (int i = 0; i < 300; i++)
        ok &= connect_round();
    CHECK(ok, "300 connect/accept/close rounds");
    CHECK_EQ(free_bytes(), before, "no memory leaked");
}

int main(int argc, char **argv)
{
    server_client();
    abstract_and_dgram();
    errors();
    if (argc > 1 && !strcmp(argv[1], "tinyos"))
        tinyos_only();
    return tt_done();
}
