/*
 * unix_socket.c - Unix-domain sockets: socket objects, their receive
 * queues, connection set-up and the data path (unix_socket.h has the
 * model). Semantics follow unix(7) and Linux's net/unix/af_unix.c where
 * the manual is silent: EOF after the peer closes, EPIPE + SIGPIPE on a
 * write to a closed peer, ECONNRESET for a peer that closed with data
 * unread, EAGAIN for a full listener backlog on a non-blocking connect.
 */
#include "net/unix_socket.h"

#include "arch/x86_64/cpu.h"
#include "fs/pseudo_fs.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/ioctls.h"
#include "uapi/poll.h"
#include "uapi/signal.h"

#define DEFAULT_BUF 212992  /* Linux's net.core.wmem_default / rmem_default */
#define MAX_CHUNK 65536     /* a stream write is queued in pieces of at most this */
#define MAX_QUEUED_MSGS 4096 /* bounds the per-message overhead one queue may hold */

struct usk_msg {
    struct usk_msg *next;
    size_t len, off;          /* off: bytes already read (streams) */
    struct usk_fds *fds;      /* SCM_RIGHTS, or NULL */
    struct usk_addr from;     /* the sender's name (datagrams) */
    char data[];
};


/* --- user iovec cursor --------------------------------------------------- */

void usk_uio_init(struct usk_uio *u, const struct linux_iovec *iov, long cnt)
{
    u->iov = iov;
    u->cnt = cnt;
    u->idx = 0;
    u->off = 0;
    u->resid = 0;
    u->kbuf = NULL;
    for (long i = 0; i < cnt; i++)
        u->resid += iov[i].iov_len;
}

void usk_uio_init_kernel(struct usk_uio *u, void *buf, size_t n)
{
    *u = (struct usk_uio){.resid = n, .kbuf = buf};
}

/* Moves n bytes between buf and the user buffers at the cursor
 * (to_user: buf -> user). 0 or -EFAULT. */
static long uio_move(struct usk_uio *u, void *buf, size_t n, bool to_user)
{
    char *k = buf;
    if (u->kbuf) { /* callers never ask past resid */
        memcpy(to_user ? u->kbuf + u->off : k, to_user ? k : u->kbuf + u->off, n);
        u->off += n;
        u->resid -= n;
        return 0;
    }
    while (n) {
        while (u->idx < u->cnt && u->off == u->iov[u->idx].iov_len) {
            u->idx++;
            u->off = 0;
        }
        if (u->idx == u->cnt)
            return -EFAULT; /* callers never ask past resid */
        size_t chunk = u->iov[u->idx].iov_len - u->off;
        if (chunk > n)
            chunk = n;
        uint64_t ua = u->iov[u->idx].iov_base + u->off;
        if (to_user ? copy_to_user(ua, k, chunk) : copy_from_user(k, ua, chunk))
            return -EFAULT;
        k += chunk;
        n -= chunk;
        u->off += chunk;
        u->resid -= chunk;
    }
    return 0;
}

/* --- objects ---------------------------------------------------------------- */

static void fds_drop(struct usk_fds *fds)
{
    if (!fds)
        return;
    for (int i = 0; i < fds->n; i++)
        file_put(fds->files[i]);
    kfree(fds);
}

static void msg_free(struct usk_msg *m)
{
    fds_drop(m->fds);
    kfree(m);
}

struct usock *usock_new(int type)
{
    struct usock *s = kzalloc(sizeof *s);
    if (!s)
        return NULL;
    s->refs = 1;
    s->type = type;
    s->sndbuf = s->rcvbuf = DEFAULT_BUF;
    pseudo_inode_init(&s->inode, PSEUDO_SOCKFS, S_IFSOCK | 0777);
    return s;
}

static struct usock *usock_get(struct usock *s)
{
    s->refs++;
    return s;
}

static void purge_queue(struct usock *s)
{
    while (s->rq_head) {
        struct usk_msg *m = s->rq_head;
        s->rq_head = m->next;
        msg_free(m);
    }
    s->rq_tail = NULL;
    s->rq_bytes = 0;
    s->rq_count = 0;
}

void usock_put(struct usock *s)
{
    if (--s->refs > 0)
        return;
    purge_queue(s); /* normally empty already: close purged it */
    kfree(s);
}

/* The socket's file is gone, or (embryo) a connection never accepted
 * dies with its listener. */
static void usock_close(struct usock *s, bool embryo)
{
    s->closed = true;
    s->shutdown = US_SHUT_RCV | US_SHUT_SEND;
    unix_name_release(s);
    while (s->acc_head) { /* connections never accepted: their clients see a reset */
        struct usock *e = s->acc_head;
        s->acc_head = e->acc_next;
        usock_close(e, true);
        usock_put(e);
    }
    s->acc_tail = NULL;
    s->acc_len = 0;
    struct usock *peer = s->peer;
    if (peer) {
        if (s->type != SOCK_DGRAM) {
            /* af_unix.c unix_release_sock: the peer reads EOF and gets
             * EPIPE on writes; data we never read resets it. */
            peer->shutdown = US_SHUT_RCV | US_SHUT_SEND;
            if (s->rq_head || embryo)
                peer->err = ECONNRESET;
        }
        wakeup(peer);
        s->peer = NULL;
        usock_put(peer);
    }
    purge_queue(s);
    s->state = US_UNCONNECTED;
    wakeup(s);
}

static void sock_release(struct file *f)
{
    struct usock *s = f->priv;
    usock_close(s, false);
    usock_put(s);
}

/* --- readiness (poll, select, epoll) --------------------------------------- */

/* Room for len more bytes from s in dst's queue. Linux charges what is
 * in flight to the sender's send buffer (sk_wmem_alloc vs sk_sndbuf). */
static bool has_room(const struct usock *s, const struct usock *dst, size_t len)
{
    return dst->rq_bytes + len <= s->sndbuf && dst->rq_count < MAX_QUEUED_MSGS;
}

static unsigned sock_poll(struct file *f)
{
    struct usock *s = f->priv;
    unsigned r = 0;
    if (s->err)
        r |= POLLERR;
    if (s->shutdown == (US_SHUT_RCV | US_SHUT_SEND))
        r |= POLLHUP;
    if (s->shutdown & US_SHUT_RCV)
        r |= POLLRDHUP | POLLIN | POLLRDNORM;
    if (s->rq_head || (s->state == US_LISTENING && s->acc_head))
        r |= POLLIN | POLLRDNORM;
    /* af_unix.c unix_poll: a connection-mode socket that is not connected
     * (or listening) hangs up. */
    if (s->type != SOCK_DGRAM && s->state == US_UNCONNECTED)
        r |= POLLHUP;
    /* unix_writable: in flight at most a quarter of the send buffer. */
    if (s->state != US_LISTENING && (!s->peer || s->peer->rq_bytes * 4 <= s->sndbuf))
        r |= POLLOUT | POLLWRNORM;
    return r;
}

/* --- read/write through the file ------------------------------------------------- */

static long sock_rw(struct file *f, uint64_t ubuf, size_t n, bool write)
{
    struct linux_iovec iov = {ubuf, n};
    struct usk_uio u;
    usk_uio_init(&u, &iov, 1);
    bool nonblock = f->flags & O_NONBLOCK;
    if (write)
        return usock_send(f->priv, &u, NULL, NULL, 0, nonblock);
    int flags = 0;
    return usock_recv(f->priv, &u, NULL, NULL, &flags, nonblock);
}

static long sock_read(struct file *f, uint64_t ubuf, size_t n) { return sock_rw(f, ubuf, n, false); }
static long sock_write(struct file *f, uint64_t ubuf, size_t n) { return sock_rw(f, ubuf, n, true); }

/* splice and sendfile: the same through a kernel buffer (the position
 * is unused). An unconnected stream socket reads EINVAL, as Linux's
 * unix_stream_splice_read. */
static long sock_splice_read(struct file *f, uint64_t *pos, void *buf, size_t n, bool nonblock)
{
    (void)pos;
    struct usk_uio u;
    usk_uio_init_kernel(&u, buf, n);
    int flags = 0;
    return usock_recv(f->priv, &u, NULL, NULL, &flags, nonblock || (f->flags & O_NONBLOCK));
}

static long sock_splice_write(struct file *f, uint64_t *pos, const void *buf, size_t n, bool nonblock)
{
    (void)pos;
    struct usk_uio u;
    usk_uio_init_kernel(&u, (void *)buf, n);
    return usock_send(f->priv, &u, NULL, NULL, 0, nonblock || (f->flags & O_NONBLOCK));
}

static long sock_ioctl(struct file *f, unsigned long cmd, uint64_t arg)
{
    struct usock *s = f->priv;
    if (cmd == FIONREAD) { /* unread bytes (a stream) or the next datagram's size */
        int n = s->type == SOCK_STREAM ? (int)s->rq_bytes : s->rq_head ? (int)s->rq_head->len : 0;
        return copy_to_user(arg, &n, sizeof n) ? -EFAULT : 0;
    }
    return -ENOTTY;
}

static const struct file_ops sock_ops = {
    .read = sock_read, .write = sock_write, .poll = sock_poll, .ioctl = sock_ioctl, .release = sock_release,
    .splice_read = sock_splice_read, .splice_write = sock_splice_write};

struct file *usock_file(struct usock *s, bool nonblock)
{
    struct file *f = file_new(&s->inode, &sock_ops, O_RDWR | (nonblock ? O_NONBLOCK : 0));
    if (f)
        f->priv = s;
    return f;
}

struct usock *usock_of(struct file *f) { return f->ops == &sock_ops ? f->priv : NULL; }

/* --- connections ----------------------------------------------------------------- */

static void link_peers(struct usock *a, struct usock *b)
{
    a->peer = usock_get(b);
    b->peer = usock_get(a);
    a->state = b->state = US_CONNECTED;
}

void usock_pair(struct usock *a, struct usock *b)
{
    link_peers(a, b);
    a->peer_pid = b->peer_pid = current()->tgid;
    a->peer_uid = b->peer_uid = current_cred()->euid;
    a->peer_gid = b->peer_gid = current_cred()->egid;
}

long usock_bind(struct usock *s, const struct usk_addr *a)
{
    if (s->addr.len)
        return -EINVAL; /* bound already */
    return unix_name_bind(s, a);
}

long usock_listen(struct usock *s, int backlog)
{
    if (s->type == SOCK_DGRAM)
        return -EOPNOTSUPP;
    if (!s->addr.len || s->state == US_CONNECTED)
        return -EINVAL;
    /* Linux clamps to net.core.somaxconn (4096); the queue is full when
     * it holds more than backlog connections. */
    s->backlog = backlog < 0 ? 0 : backlog > 4096 ? 4096 : backlog;
    s->state = US_LISTENING;
    s->listen_pid = current()->tgid;
    s->listen_uid = current_cred()->euid;
    s->listen_gid = current_cred()->egid;
    wakeup(s); /* connects waiting for room see the new limit */
    return 0;
}

/* Waits (interruptibly) until cond(s) holds; -EAGAIN when not allowed to
 * wait. Called and returns with interrupts off (wait.h's race rule). */
static long wait_for(struct usock *chan, bool (*cond)(struct usock *, void *), struct usock *s, void *ctx,
                     bool nonblock)
{
    return wait_event(chan, nonblock, cond(s, ctx));
}

static bool backlog_has_room(struct usock *l, void *ctx)
{
    (void)ctx;
    return l->state != US_LISTENING || l->acc_len <= l->backlog;
}

static long connect_stream(struct usock *s, struct usock *l, bool nonblock)
{
    if (l->state != US_LISTENING)
        return -ECONNREFUSED;
    uint64_t fl = irq_save();
    long err = wait_for(l, backlog_has_room, l, NULL, nonblock);
    irq_restore(fl);
    if (err)
        return err;
    if (l->state != US_LISTENING)
        return -ECONNREFUSED; /* it closed while we waited */
    if (s->state != US_UNCONNECTED)
        return -EISCONN; /* another thread connected it meanwhile */
    struct usock *e = usock_new(s->type);
    if (!e)
        return -ENOMEM;
    e->addr = l->addr; /* an accepted socket has its listener's name */
    e->sndbuf = l->sndbuf;
    e->rcvbuf = l->rcvbuf;
    link_peers(s, e);
    e->peer_pid = current()->tgid;
    e->peer_uid = current_cred()->euid;
    e->peer_gid = current_cred()->egid;
    s->peer_pid = l->listen_pid;
    s->peer_uid = l->listen_uid;
    s->peer_gid = l->listen_gid;
    if (l->acc_tail)
        l->acc_tail->acc_next = e;
    else
        l->acc_head = e;
    l->acc_tail = e;
    l->acc_len++;
    wakeup(l);
    return 0;
}

long usock_connect(struct usock *s, const struct usk_addr *a, bool nonblock)
{
    if (a->len >= 2 && a->sa.sun_family == AF_UNSPEC && s->type == SOCK_DGRAM) {
        if (s->peer) { /* connect(AF_UNSPEC) dissolves a datagram association */
            usock_put(s->peer);
            s->peer = NULL;
        }
        s->state = US_UNCONNECTED;
        return 0;
    }
    if (s->state == US_LISTENING)
        return -EINVAL;
    if (s->type != SOCK_DGRAM && s->state == US_CONNECTED)
        return -EISCONN;
    long err;
    struct usock *t = unix_name_find(a, s->type, &err);
    if (!t)
        return err;
    if (t->type != s->type) {
        err = -EPROTOTYPE;
    } else if (s->type == SOCK_DGRAM) {
        if (s->peer)
            usock_put(s->peer);
        s->peer = usock_get(t);
        s->state = US_CONNECTED;
        err = 0;
    } else {
        err = connect_stream(s, t, nonblock);
    }
    usock_put(t);
    return err;
}

static bool has_pending(struct usock *l, void *ctx)
{
    (void)ctx;
    return l->acc_head != NULL || l->state != US_LISTENING;
}

long usock_accept(struct usock *s, bool nonblock, struct usock **out)
{
    if (s->type == SOCK_DGRAM)
        return -EOPNOTSUPP;
    if (s->state != US_LISTENING)
        return -EINVAL;
    uint64_t fl = irq_save();
    long err = wait_for(s, has_pending, s, NULL, nonblock);
    irq_restore(fl);
    if (err)
        return err;
    if (!s->acc_head)
        return -EINVAL; /* shut down while waiting */
    struct usock *e = s->acc_head;
    s->acc_head = e->acc_next;
    if (!s->acc_head)
        s->acc_tail = NULL;
    e->acc_next = NULL;
    s->acc_len--;
    wakeup(s); /* a connect waiting for backlog room */
    *out = e;  /* the queue's reference becomes the caller's */
    return 0;
}

long usock_shutdown(struct usock *s, int how)
{
    if (how < SHUT_RD || how > SHUT_RDWR)
        return -EINVAL;
    /* Linux accepts it on any socket (af_unix.c unix_shutdown). */
    /* SHUT_RD = 0 -> RCV, SHUT_WR = 1 -> SEND, SHUT_RDWR = 2 -> both
     * (af_unix.c unix_shutdown's ++mode trick). */
    unsigned mode = (unsigned)how + 1;
    s->shutdown |= mode;
    struct usock *p = s->peer;
    if (p && s->type != SOCK_DGRAM) {
        /* What we stop receiving the peer stops sending, and back. */
        unsigned pm = (mode & US_SHUT_RCV ? US_SHUT_SEND : 0) | (mode & US_SHUT_SEND ? US_SHUT_RCV : 0);
        p->shutdown |= pm;
        wakeup(p);
    }
    wakeup(s);
    return 0;
}

long usock_peer_addr(struct usock *s, struct usk_addr *out)
{
    if (!s->peer || s->state != US_CONNECTED)
        return -ENOTCONN;
    *out = s->peer->addr;
    if (!out->len) { /* unnamed: just the family */
        out->sa.sun_family = AF_UNIX;
        out->len = 2;
    }
    return 0;
}

/* --- data ----------------------------------------------------------------------------- */

static void enqueue(struct usock *dst, struct usk_msg *m)
{
    m->next = NULL;
    if (dst->rq_tail)
        dst->rq_tail->next = m;
    else
        dst->rq_head = m;
    dst->rq_tail = m;
    dst->rq_bytes += m->len;
    dst->rq_count++;
    wakeup(dst);
}

static long broken_pipe(int flags)
{
    if (!(flags & MSG_NOSIGNAL))
        signal_send(current(), SIGPIPE);
    return -EPIPE;
}

struct room_ctx {
    struct usock *s;
    size_t len;
};

/* Ready to send: room for len bytes, or a state the send must report. */
static bool can_send(struct usock *dst, void *ctx)
{
    struct room_ctx *rc = ctx;
    return dst->closed || (rc->s->shutdown & US_SHUT_SEND) || (dst->shutdown & US_SHUT_RCV) ||
           has_room(rc->s, dst, rc->len);
}

/* One message of len bytes from the cursor, with the sender's name. */
static struct usk_msg *make_msg(struct usock *s, struct usk_uio *u, size_t len, long *err)
{
    struct usk_msg *m = kmalloc(sizeof *m + (len ? len : 1));
    if (!m) {
        *err = -ENOMEM;
        return NULL;
    }
    m->len = len;
    m->off = 0;
    m->fds = NULL;
    m->from = s->addr;
    *err = uio_move(u, m->data, len, false);
    if (*err) {
        kfree(m);
        return NULL;
    }
    return m;
}

static long send_stream(struct usock *s, struct usk_uio *u, struct usk_fds *fds, int flags, bool nonblock)
{
    if (s->state != US_CONNECTED)
        return -ENOTCONN;
    size_t done = 0, total = u->resid;
    if (total == 0)
        return 0; /* nothing to queue: a stream has no empty messages */
    do {
        struct usock *p = s->peer;
        if (!p || (s->shutdown & US_SHUT_SEND))
            return done ? (long)done : broken_pipe(flags);
        struct room_ctx rc = {s, 1};
        uint64_t fl = irq_save();
        long err = wait_for(p, can_send, p, &rc, nonblock);
        irq_restore(fl);
        if (err)
            return done ? (long)done : err;
        if (s->peer != p || p->closed || (s->shutdown & US_SHUT_SEND) || (p->shutdown & US_SHUT_RCV))
            return done ? (long)done : broken_pipe(flags);
        size_t chunk = s->sndbuf - p->rq_bytes;
        if (chunk > total - done)
            chunk = total - done;
        if (chunk > MAX_CHUNK)
            chunk = MAX_CHUNK;
        struct usk_msg *m = make_msg(s, u, chunk, &err);
        if (!m)
            return done ? (long)done : err;
        if (fds && fds->n) { /* the descriptors ride on the first piece */
            m->fds = kmalloc(sizeof *fds);
            if (!m->fds) {
                kfree(m);
                return -ENOMEM;
            }
            *m->fds = *fds;
            fds->n = 0;
        }
        enqueue(p, m);
        done += chunk;
    } while (done < total);
    return (long)done;
}

static long send_dgram(struct usock *s, struct usk_uio *u, const struct usk_addr *to, struct usk_fds *fds,
                       int flags, bool nonblock)
{
    size_t len = u->resid;
    if (s->type == SOCK_SEQPACKET) {
        if (to && to->len)
            return s->state == US_CONNECTED ? -EISCONN : -EOPNOTSUPP;
        if (s->state != US_CONNECTED)
            return -ENOTCONN;
    }
    if (s->shutdown & US_SHUT_SEND)
        return broken_pipe(flags);
    if (len > s->sndbuf - 32)
        return -EMSGSIZE; /* af_unix.c: a datagram must fit the send buffer */
    long err = 0;
    struct usock *dst;
    if (to && to->len && s->type == SOCK_DGRAM) {
        dst = unix_name_find(to, s->type, &err);
        if (!dst)
            return err;
        if (dst->type != SOCK_DGRAM) {
            usock_put(dst);
            return -EPROTOTYPE;
        }
    } else if (s->peer) {
        dst = usock_get(s->peer);
    } else {
        return s->type == SOCK_DGRAM ? -ENOTCONN : broken_pipe(flags);
    }
    /* unix_may_send: a socket connected elsewhere takes only from its peer. */
    if (s->type == SOCK_DGRAM && dst->peer && dst->peer != s && !dst->closed) {
        usock_put(dst);
        return -EPERM;
    }
    struct room_ctx rc = {s, len};
    uint64_t fl = irq_save();
    err = wait_for(dst, can_send, dst, &rc, nonblock);
    irq_restore(fl);
    if (!err && dst->closed) {
        if (s->peer == dst) { /* the peer is gone: forget it, as Linux does */
            s->peer = NULL;
            s->state = US_UNCONNECTED;
            usock_put(dst);
        }
        err = s->type == SOCK_SEQPACKET ? broken_pipe(flags) : -ECONNREFUSED;
    } else if (!err && ((s->shutdown & US_SHUT_SEND) || (dst->shutdown & US_SHUT_RCV))) {
        err = broken_pipe(flags);
    }
    if (!err) {
        struct usk_msg *m = make_msg(s, u, len, &err);
        if (m && fds && fds->n) {
            m->fds = kmalloc(sizeof *fds);
            if (m->fds) {
                *m->fds = *fds;
                fds->n = 0;
            } else {
                kfree(m);
                m = NULL;
                err = -ENOMEM;
            }
        }
        if (m)
            enqueue(dst, m);
    }
    usock_put(dst);
    return err ? err : (long)len;
}

long usock_send(struct usock *s, struct usk_uio *u, const struct usk_addr *to, struct usk_fds *fds, int flags,
                bool nonblock)
{
    if (flags & MSG_OOB)
        return -EOPNOTSUPP;
    nonblock = nonblock || (flags & MSG_DONTWAIT);
    if (s->type == SOCK_STREAM) {
        if (to && to->len)
            return s->state == US_CONNECTED ? -EISCONN : -EOPNOTSUPP;
        return send_stream(s, u, fds, flags, nonblock);
    }
    return send_dgram(s, u, to, fds, flags, nonblock);
}

struct recv_ctx {
    size_t want; /* MSG_WAITALL: bytes to wait for (streams) */
};

static bool can_recv(struct usock *s, void *ctx)
{
    struct recv_ctx *rc = ctx;
    return (s->rq_head && (s->type != SOCK_STREAM || s->rq_bytes >= rc->want)) || s->err || (s->shutdown & US_SHUT_RCV) ||
           (s->rq_head && s->rq_head->fds);
}

/* Takes the descriptors a message carries into fds (or drops them when
 * the reader cannot take any: read(2) on Linux discards them too). */
static void take_fds(struct usk_msg *m, struct usk_fds *fds)
{
    if (!m->fds)
        return;
    if (fds)
        *fds = *m->fds;
    else
        for (int i = 0; i < m->fds->n; i++)
            file_put(m->fds->files[i]);
    kfree(m->fds);
    m->fds = NULL;
}

static void dequeue_head(struct usock *s)
{
    struct usk_msg *m = s->rq_head;
    s->rq_head = m->next;
    if (!s->rq_head)
        s->rq_tail = NULL;
    s->rq_count--;
    msg_free(m);
}

long usock_recv(struct usock *s, struct usk_uio *u, struct usk_addr *from, struct usk_fds *fds, int *flags,
                bool nonblock)
{
    int in = *flags;
    *flags = 0;
    if (in & MSG_OOB)
        return -EOPNOTSUPP;
    if (s->state == US_LISTENING)
        return -EINVAL;
    if (s->type != SOCK_DGRAM && s->state != US_CONNECTED && !s->rq_head && !(s->shutdown & US_SHUT_RCV))
        return s->type == SOCK_STREAM ? -EINVAL : -ENOTCONN;
    nonblock = nonblock || (in & MSG_DONTWAIT);
    bool peek = in & MSG_PEEK;
    size_t n = u->resid;
    if (fds)
        fds->n = 0;
    struct recv_ctx rc = {1};
    if (s->type == SOCK_STREAM && (in & MSG_WAITALL) && !peek && !nonblock)
        rc.want = n > s->rcvbuf / 2 ? 1 : n; /* a big request fills in several rounds */
    if (n == 0 && s->type == SOCK_STREAM)
        return 0;
    size_t done = 0;
    for (;;) {
        uint64_t fl = irq_save();
        long err = wait_for(s, can_recv, s, &rc, nonblock);
        irq_restore(fl);
        if (err)
            return done ? (long)done : err;
        if (!s->rq_head) {
            if (done)
                return (long)done;
            if (s->err) {
                err = -s->err;
                s->err = 0;
                return err;
            }
            return 0; /* end of file */
        }
        if (s->type != SOCK_STREAM) { /* one message, the rest of it dropped */
            struct usk_msg *m = s->rq_head;
            size_t c = m->len < n ? m->len : n;
            if (uio_move(u, m->data, c, true))
                return -EFAULT;
            if (from)
                *from = m->from;
            if (m->len > n)
                *flags |= MSG_TRUNC;
            long r = (in & MSG_TRUNC) ? (long)m->len : (long)c;
            if (!peek) {
                take_fds(m, fds);
                s->rq_bytes -= m->len;
                dequeue_head(s);
                wakeup(s); /* senders waiting for room */
            }
            return r;
        }
        /* A stream: bytes across messages, up to one set of descriptors. */
        struct usk_msg *m = s->rq_head;
        size_t skip = 0; /* MSG_PEEK reads without consuming */
        while (m && done < n) {
            size_t avail = m->len - m->off - skip;
            size_t c = avail < n - done ? avail : n - done;
            if (uio_move(u, m->data + m->off + skip, c, true))
                return done ? (long)done : -EFAULT;
            done += c;
            bool had_fds = m->fds != NULL;
            if (peek) {
                skip = 0;
                m = m->next;
            } else {
                take_fds(m, fds);
                m->off += c;
                s->rq_bytes -= c;
                if (m->off == m->len) {
                    dequeue_head(s);
                    m = s->rq_head;
                }
            }
            if (had_fds)
                break;
        }
        if (!peek)
            wakeup(s);
        if (done >= n || peek || !(in & MSG_WAITALL) || nonblock || (fds && fds->n))
            return (long)done;
        rc.want = 1; /* MSG_WAITALL: wait for the rest */
    }
}
