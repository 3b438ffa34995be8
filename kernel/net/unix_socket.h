/*
 * unix_socket.h - Unix-domain sockets (unix(7)): the socket object, its
 * receive queue, and the operations the socket system calls
 * (syscall/sys_socket.c) are made of.
 *
 * Every socket owns one receive queue of messages. A sender appends to
 * the queue of the socket it sends to; a reader takes from its own.
 * Stream sockets read across message borders (a byte stream); datagram
 * and seqpacket sockets return one message per read. A connect to a
 * listening socket makes the server's end at once (an "embryo" on the
 * listener's accept queue, as Linux does), so a client can write before
 * the server accepts.
 *
 * Sleeping: a process waiting for data or for room sleeps on the socket
 * whose queue it waits on; accept and connect sleep on the listener.
 */
#ifndef NET_UNIX_SOCKET_H
#define NET_UNIX_SOCKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/vfs.h"
#include "uapi/socket.h"
#include "uapi/uio.h"

enum usock_state { US_UNCONNECTED, US_LISTENING, US_CONNECTED };

/* shutdown bits (Linux's RCV_SHUTDOWN, SEND_SHUTDOWN). */
#define US_SHUT_RCV 1
#define US_SHUT_SEND 2

/* A socket address as bound or given: len 0 means none (unbound). */
struct usk_addr {
    struct linux_sockaddr_un sa;
    uint32_t len;
};

/* Descriptors carried by a message (SCM_RIGHTS): open-file references. */
#define USK_MAX_FDS 253 /* Linux's SCM_MAX_FD */
struct usk_fds {
    struct file *files[USK_MAX_FDS];
    int n;
};

struct usk_msg;

struct usock {
    int refs;          /* the open file, a peer's pointer, an accept queue */
    int type;          /* SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET */
    enum usock_state state;
    bool closed;       /* its file is gone; held only by references */
    unsigned shutdown; /* US_SHUT_* */
    int err;           /* pending error for SO_ERROR / the next read */
    struct usock *peer;
    struct usk_msg *rq_head, *rq_tail;
    size_t rq_bytes;
    int rq_count;
    /* Listening: connections made but not yet accepted. */
    struct usock *acc_head, *acc_tail, *acc_next;
    int acc_len, backlog;
    struct usk_addr addr;      /* bound name */
    struct inode *node;        /* the S_IFSOCK file of a path name */
    struct usock *abstract_next;
    int peer_pid;              /* SO_PEERCRED: the peer's pid and effective ids */
    uint32_t peer_uid, peer_gid;
    int listen_pid;            /* who called listen: a client's peer */
    uint32_t listen_uid, listen_gid;
    uint32_t sndbuf, rcvbuf;
    bool reuseaddr, passcred;
    struct inode inode;        /* what fstat reports: S_IFSOCK */
};

/* A cursor over a user iovec array (the kernel copy of it), or over one
 * kernel buffer (splice: kbuf set, iov unused). */
struct usk_uio {
    const struct linux_iovec *iov;
    long cnt, idx;
    uint64_t off;   /* into iov[idx], or kbuf */
    size_t resid;   /* bytes left in all */
    char *kbuf;
};
void usk_uio_init(struct usk_uio *u, const struct linux_iovec *iov, long cnt);
void usk_uio_init_kernel(struct usk_uio *u, void *buf, size_t n);

/* Sockets and their files. */
struct usock *usock_new(int type);
void usock_put(struct usock *s);
/* An open file for s (takes over the caller's reference); NULL: no memory. */
struct file *usock_file(struct usock *s, bool nonblock);
/* The socket behind f, or NULL when f is not a socket. */
struct usock *usock_of(struct file *f);

/* The operations; each returns 0 (or a count) or -errno. */
void usock_pair(struct usock *a, struct usock *b);
long usock_bind(struct usock *s, const struct usk_addr *a);
long usock_listen(struct usock *s, int backlog);
long usock_connect(struct usock *s, const struct usk_addr *a, bool nonblock);
long usock_accept(struct usock *s, bool nonblock, struct usock **out);
/* to: the destination of sendto (NULL: the peer). fds: passed along
 * (emptied on success). */
long usock_send(struct usock *s, struct usk_uio *u, const struct usk_addr *to, struct usk_fds *fds, int flags,
                bool nonblock);
/* from: the sender's name (datagrams). fds: descriptors received.
 * *flags: MSG_* in, MSG_TRUNC out. */
long usock_recv(struct usock *s, struct usk_uio *u, struct usk_addr *from, struct usk_fds *fds, int *flags,
                bool nonblock);
long usock_shutdown(struct usock *s, int how);
/* The name of the peer (getpeername): -ENOTCONN without one. */
long usock_peer_addr(struct usock *s, struct usk_addr *out);

/* unix_names.c: the two name spaces, paths in the file tree and the
 * abstract one (sun_path[0] == 0). */
long unix_name_bind(struct usock *s, const struct usk_addr *a);
/* The socket bound to a, with a reference; NULL and *err otherwise. An
 * abstract name is looked up among sockets of the given type only. */
struct usock *unix_name_find(const struct usk_addr *a, int type, long *err);
void unix_name_release(struct usock *s);

#endif
