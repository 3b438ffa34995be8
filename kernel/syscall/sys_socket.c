/*
 * sys_socket.c - the socket system calls (socket(2), socketpair(2),
 * bind, listen, connect, accept/accept4, getsockname, getpeername,
 * shutdown, sendto/recvfrom, sendmsg/recvmsg with SCM_RIGHTS,
 * getsockopt/setsockopt). They check and copy arguments and descriptors;
 * the sockets themselves are net/unix_socket.c. Only AF_UNIX is built in:
 * every other family answers EAFNOSUPPORT, as Linux does for a family it
 * was built without.
 */
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "net/unix_socket.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define WMEM_MAX 212992   /* net.core.wmem_max / rmem_max */
#define MIN_SNDBUF 4608   /* SOCK_MIN_SNDBUF on x86_64 */
#define MIN_RCVBUF 2304   /* SOCK_MIN_RCVBUF */

/* The socket behind descriptor fd: -EBADF or -ENOTSOCK otherwise. */
static long sock_fd(int fd, struct usock **out, struct file **fp)
{
    struct file *f = fd_get(current(), fd);
    if (!f)
        return -EBADF;
    *out = usock_of(f);
    if (!*out)
        return -ENOTSOCK;
    if (fp)
        *fp = f;
    return 0;
}

static long addr_from_user(uint64_t uaddr, long len, struct usk_addr *a)
{
    if (len < 0 || (size_t)len > sizeof a->sa)
        return -EINVAL;
    memset(a, 0, sizeof *a);
    if (copy_from_user(&a->sa, uaddr, (size_t)len))
        return -EFAULT;
    a->len = (uint32_t)len;
    return 0;
}

/* Copies a (truncated to the caller's buffer) out and stores its full
 * length in *ulen, as accept(2) and getsockname(2) describe. */
static long addr_to_user(uint64_t uaddr, uint64_t ulen, const struct usk_addr *a)
{
    if (!uaddr)
        return 0;
    int len;
    if (copy_from_user(&len, ulen, sizeof len))
        return -EFAULT;
    if (len < 0)
        return -EINVAL;
    uint32_t n = (uint32_t)len < a->len ? (uint32_t)len : a->len;
    if (copy_to_user(uaddr, &a->sa, n))
        return -EFAULT;
    int full = (int)a->len;
    return copy_to_user(ulen, &full, sizeof full) ? -EFAULT : 0;
}

/* A descriptor for s (consumes the reference). */
static long install(struct usock *s, int flags)
{
    struct file *f = usock_file(s, flags & SOCK_NONBLOCK);
    if (!f) {
        usock_put(s);
        return -ENOMEM;
    }
    int fd = fd_install(current(), -1, f, flags & SOCK_CLOEXEC);
    if (fd < 0)
        file_put(f);
    return fd;
}

/* The checks of Linux's __sys_socket, sock_create and unix_create, in
 * their order; the socket type (SOCK_RAW is a datagram there) or -errno. */
static long check_socket_args(int domain, int type, int protocol)
{
    if (type & ~(SOCK_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC))
        return -EINVAL;
    if (domain < 0 || domain >= AF_MAX)
        return -EAFNOSUPPORT;
    int base = type & SOCK_TYPE_MASK;
    if (base >= SOCK_MAX)
        return -EINVAL;
    if (domain != AF_UNIX)
        return -EAFNOSUPPORT;
    if (protocol && protocol != AF_UNIX)
        return -EPROTONOSUPPORT;
    switch (base) {
    case SOCK_STREAM:
    case SOCK_SEQPACKET:
    case SOCK_DGRAM:
        return base;
    case SOCK_RAW:
        return SOCK_DGRAM;
    default:
        return -ESOCKTNOSUPPORT;
    }
}

long sys_socket(int domain, int type, int protocol)
{
    long t = check_socket_args(domain, type, protocol);
    if (t < 0)
        return t;
    struct usock *s = usock_new((int)t);
    return s ? install(s, type) : -ENOMEM;
}

long sys_socketpair(int domain, int type, int protocol, uint64_t usv)
{
    long t = check_socket_args(domain, type, protocol);
    if (t < 0)
        return t;
    struct usock *a = usock_new((int)t), *b = usock_new((int)t);
    if (!a || !b) {
        if (a)
            usock_put(a);
        if (b)
            usock_put(b);
        return -ENOMEM;
    }
    usock_pair(a, b);
    int fds[2];
    fds[0] = (int)install(a, type);
    if (fds[0] < 0) {
        usock_put(b); /* a went with its file; b holds only a's pointer now */
        return fds[0];
    }
    fds[1] = (int)install(b, type);
    if (fds[1] < 0) {
        sys_close(fds[0]);
        return fds[1];
    }
    if (copy_to_user(usv, fds, sizeof fds)) {
        sys_close(fds[0]);
        sys_close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

long sys_bind(int fd, uint64_t uaddr, int len)
{
    struct usock *s;
    struct usk_addr a;
    long err = sock_fd(fd, &s, NULL);
    if (!err)
        err = addr_from_user(uaddr, len, &a);
    return err ? err : usock_bind(s, &a);
}

long sys_listen(int fd, int backlog)
{
    struct usock *s;
    long err = sock_fd(fd, &s, NULL);
    return err ? err : usock_listen(s, backlog);
}

long sys_connect(int fd, uint64_t uaddr, int len)
{
    struct usock *s;
    struct file *f;
    struct usk_addr a;
    long err = sock_fd(fd, &s, &f);
    if (!err)
        err = addr_from_user(uaddr, len, &a);
    if (!err && a.len < 2)
        err = -EINVAL;
    if (!err && a.sa.sun_family != AF_UNIX && !(a.sa.sun_family == AF_UNSPEC && s->type == SOCK_DGRAM))
        err = -EINVAL; /* af_unix.c unix_validate_addr */
    return err ? err : usock_connect(s, &a, f->flags & O_NONBLOCK);
}

long sys_accept4(int fd, uint64_t uaddr, uint64_t ulen, int flags)
{
    if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
        return -EINVAL;
    struct usock *s, *e;
    struct file *f;
    long err = sock_fd(fd, &s, &f);
    if (!err)
        err = usock_accept(s, f->flags & O_NONBLOCK, &e);
    if (err)
        return err;
    struct usk_addr peer;
    usock_peer_addr(e, &peer);
    long nfd = install(e, flags);
    if (nfd >= 0 && (err = addr_to_user(uaddr, ulen, &peer)) != 0) {
        sys_close((int)nfd);
        return err;
    }
    return nfd;
}

long sys_accept(int fd, uint64_t uaddr, uint64_t ulen) { return sys_accept4(fd, uaddr, ulen, 0); }

long sys_getsockname(int fd, uint64_t uaddr, uint64_t ulen)
{
    struct usock *s;
    long err = sock_fd(fd, &s, NULL);
    if (err)
        return err;
    struct usk_addr a = s->addr;
    if (!a.len) { /* unnamed: the family alone */
        a.sa.sun_family = AF_UNIX;
        a.len = 2;
    }
    return addr_to_user(uaddr, ulen, &a);
}

long sys_getpeername(int fd, uint64_t uaddr, uint64_t ulen)
{
    struct usock *s;
    struct usk_addr a;
    long err = sock_fd(fd, &s, NULL);
    if (!err)
        err = usock_peer_addr(s, &a);
    return err ? err : addr_to_user(uaddr, ulen, &a);
}

long sys_shutdown(int fd, int how)
{
    struct usock *s;
    long err = sock_fd(fd, &s, NULL);
    return err ? err : usock_shutdown(s, how);
}

/* --- data: sendto/recvfrom are sendmsg/recvmsg with one buffer ------------ */

static void drop_fds(struct usk_fds *fds)
{
    if (!fds)
        return;
    for (int i = 0; i < fds->n; i++)
        file_put(fds->files[i]);
    fds->n = 0;
}

/* The descriptors of SCM_RIGHTS messages in a sendmsg control buffer.
 * Other control messages (SCM_CREDENTIALS) are not supported: EINVAL. */
static long control_from_user(uint64_t uctl, uint64_t len, struct usk_fds *fds)
{
    uint64_t off = 0;
    while (off + sizeof(struct linux_cmsghdr) <= len) {
        struct linux_cmsghdr h;
        if (copy_from_user(&h, uctl + off, sizeof h))
            return -EFAULT;
        if (h.cmsg_len < sizeof h || h.cmsg_len > len - off)
            return -EINVAL;
        if (h.cmsg_level != SOL_SOCKET || h.cmsg_type != SCM_RIGHTS)
            return -EINVAL;
        uint64_t n = (h.cmsg_len - sizeof h) / sizeof(int);
        if (n > (uint64_t)(USK_MAX_FDS - fds->n))
            return -EINVAL;
        for (uint64_t i = 0; i < n; i++) {
            int fd;
            if (copy_from_user(&fd, uctl + off + sizeof h + i * sizeof fd, sizeof fd))
                return -EFAULT;
            struct file *f = fd_get(current(), fd);
            if (!f)
                return -EBADF;
            fds->files[fds->n++] = file_get(f);
        }
        off += LINUX_CMSG_ALIGN(h.cmsg_len);
    }
    return 0;
}

/* Installs received descriptors and writes their SCM_RIGHTS message into
 * the recvmsg control buffer; those that do not fit are closed and
 * MSG_CTRUNC is set, as unix(7) says. Returns the control bytes used. */
static long control_to_user(uint64_t uctl, uint64_t len, struct usk_fds *fds, int flags, int *out_flags)
{
    if (!fds->n)
        return 0;
    uint64_t hdr = sizeof(struct linux_cmsghdr);
    int fit = len < hdr ? 0 : (int)((len - hdr) / sizeof(int));
    if (fit > fds->n)
        fit = fds->n;
    if (fit < fds->n)
        *out_flags |= MSG_CTRUNC;
    int got = 0;
    for (int i = 0; i < fit; i++) {
        int fd = fd_install(current(), -1, fds->files[i], flags & MSG_CMSG_CLOEXEC);
        if (fd < 0) {
            *out_flags |= MSG_CTRUNC;
            break;
        }
        fds->files[i] = NULL;
        if (copy_to_user(uctl + hdr + (uint64_t)got * sizeof fd, &fd, sizeof fd))
            return -EFAULT;
        got++;
    }
    for (int i = got; i < fds->n; i++)
        if (fds->files[i])
            file_put(fds->files[i]);
    fds->n = 0;
    if (!got)
        return 0;
    struct linux_cmsghdr h = {hdr + (uint64_t)got * sizeof(int), SOL_SOCKET, SCM_RIGHTS};
    if (copy_to_user(uctl, &h, sizeof h))
        return -EFAULT;
    uint64_t used = LINUX_CMSG_ALIGN(h.cmsg_len);
    return (long)(used < len ? used : len);
}

/* Reads the iovec array of a msghdr and checks every buffer. */
static long iov_from_user(uint64_t uiov, uint64_t cnt, struct linux_iovec **out)
{
    if (cnt > UIO_MAXIOV)
        return -EMSGSIZE;
    struct linux_iovec *iov = kmalloc(sizeof *iov * (cnt ? cnt : 1));
    if (!iov)
        return -ENOMEM;
    if (copy_from_user(iov, uiov, sizeof *iov * cnt)) {
        kfree(iov);
        return -EFAULT;
    }
    uint64_t total = 0;
    for (uint64_t i = 0; i < cnt; i++) {
        if (iov[i].iov_len > 0x7ffff000 - total) {
            kfree(iov);
            return -EINVAL;
        }
        if (!user_range_ok(iov[i].iov_base, iov[i].iov_len)) {
            kfree(iov);
            return -EFAULT;
        }
        total += iov[i].iov_len;
    }
    *out = iov;
    return 0;
}

static long do_sendmsg(int fd, const struct linux_msghdr *m, int flags)
{
    struct usock *s;
    struct file *f;
    long err = sock_fd(fd, &s, &f);
    if (err)
        return err;
    struct usk_addr to = {.len = 0};
    if (m->msg_name && m->msg_namelen) {
        err = addr_from_user(m->msg_name, m->msg_namelen, &to);
        if (err)
            return err;
    }
    struct linux_iovec *iov;
    err = iov_from_user(m->msg_iov, m->msg_iovlen, &iov);
    if (err)
        return err;
    struct usk_fds *fds = NULL;
    if (m->msg_controllen) {
        fds = kmalloc(sizeof *fds);
        if (!fds) {
            kfree(iov);
            return -ENOMEM;
        }
        fds->n = 0;
        err = control_from_user(m->msg_control, m->msg_controllen, fds);
    }
    if (!err) {
        struct usk_uio u;
        usk_uio_init(&u, iov, (long)m->msg_iovlen);
        err = usock_send(s, &u, to.len ? &to : NULL, fds, flags, f->flags & O_NONBLOCK);
    }
    drop_fds(fds); /* those the message did not take */
    kfree(fds);
    kfree(iov);
    return err;
}

/* recvmsg's work; m's name length, control length and flags are updated
 * for the caller to copy back. */
static long do_recvmsg(int fd, struct linux_msghdr *m, int flags)
{
    struct usock *s;
    struct file *f;
    long err = sock_fd(fd, &s, &f);
    if (err)
        return err;
    if ((int)m->msg_namelen < 0)
        return -EINVAL;
    struct linux_iovec *iov;
    err = iov_from_user(m->msg_iov, m->msg_iovlen, &iov);
    if (err)
        return err;
    struct usk_fds *fds = kmalloc(sizeof *fds);
    if (!fds) {
        kfree(iov);
        return -ENOMEM;
    }
    fds->n = 0;
    struct usk_uio u;
    usk_uio_init(&u, iov, (long)m->msg_iovlen);
    struct usk_addr from = {.len = 0};
    int oflags = flags;
    long r = usock_recv(s, &u, &from, fds, &oflags, f->flags & O_NONBLOCK);
    if (r >= 0) {
        if (!m->msg_control && fds->n)
            oflags |= MSG_CTRUNC;
        long used = control_to_user(m->msg_control, m->msg_control ? m->msg_controllen : 0, fds, flags, &oflags);
        if (used < 0)
            r = used;
        else
            m->msg_controllen = (uint64_t)used;
        m->msg_flags = oflags;
        if (m->msg_name) {
            /* An unnamed sender: no address, length 0 (unix_copy_addr). */
            uint32_t n = from.len < m->msg_namelen ? from.len : m->msg_namelen;
            if (n && copy_to_user(m->msg_name, &from.sa, n))
                r = -EFAULT;
            m->msg_namelen = from.len;
        } else {
            m->msg_namelen = 0;
        }
    }
    drop_fds(fds);
    kfree(fds);
    kfree(iov);
    return r;
}

long sys_sendmsg(int fd, uint64_t umsg, int flags)
{
    struct linux_msghdr m;
    if (copy_from_user(&m, umsg, sizeof m))
        return -EFAULT;
    return do_sendmsg(fd, &m, flags);
}

long sys_recvmsg(int fd, uint64_t umsg, int flags)
{
    struct linux_msghdr m;
    if (copy_from_user(&m, umsg, sizeof m))
        return -EFAULT;
    long r = do_recvmsg(fd, &m, flags);
    if (r >= 0) {
        /* msg_namelen, msg_controllen and msg_flags go back. */
        if (copy_to_user(umsg + 8, &m.msg_namelen, sizeof m.msg_namelen) ||
            copy_to_user(umsg + 40, &m.msg_controllen, sizeof m.msg_controllen) ||
            copy_to_user(umsg + 48, &m.msg_flags, sizeof m.msg_flags))
            return -EFAULT;
    }
    return r;
}

/* sendto and recvfrom: the socket behind fd and one user buffer (capped
 * at Linux's MAX_RW_COUNT) as a one-piece uio. */
static long one_buffer(int fd, uint64_t ubuf, size_t len, struct usock **s, struct file **f,
                       struct linux_iovec *iov, struct usk_uio *u)
{
    long err = sock_fd(fd, s, f);
    if (err)
        return err;
    if (len > 0x7ffff000)
        len = 0x7ffff000;
    if (!user_range_ok(ubuf, len))
        return -EFAULT;
    *iov = (struct linux_iovec){ubuf, len};
    usk_uio_init(u, iov, 1);
    return 0;
}

long sys_sendto(int fd, uint64_t ubuf, size_t len, int flags, uint64_t uaddr, int addrlen)
{
    struct usock *s;
    struct file *f;
    struct linux_iovec iov;
    struct usk_uio u;
    long err = one_buffer(fd, ubuf, len, &s, &f, &iov, &u);
    if (err)
        return err;
    struct usk_addr to = {.len = 0};
    if (uaddr && (err = addr_from_user(uaddr, addrlen, &to)) != 0)
        return err;
    return usock_send(s, &u, to.len ? &to : NULL, NULL, flags, f->flags & O_NONBLOCK);
}

long sys_recvfrom(int fd, uint64_t ubuf, size_t len, int flags, uint64_t uaddr, uint64_t ulen)
{
    struct usock *s;
    struct file *f;
    struct linux_iovec iov;
    struct usk_uio u;
    long err = one_buffer(fd, ubuf, len, &s, &f, &iov, &u);
    if (err)
        return err;
    struct usk_addr from = {.len = 0};
    int oflags = flags;
    long r = usock_recv(s, &u, &from, NULL, &oflags, f->flags & O_NONBLOCK);
    if (r >= 0 && uaddr && from.len) {
        err = addr_to_user(uaddr, ulen, &from);
        if (err)
            return err;
    } else if (r >= 0 && uaddr) { /* an unnamed sender, or a stream: length 0 (unix_copy_addr) */
        int zero = 0;
        if (copy_to_user(ulen, &zero, sizeof zero))
            return -EFAULT;
    }
    return r;
}

/* --- options ------------------------------------------------------------------ */

long sys_setsockopt(int fd, int level, int name, uint64_t uval, int len)
{
    struct usock *s;
    long err = sock_fd(fd, &s, NULL);
    if (err)
        return err;
    if (level != SOL_SOCKET)
        return -EOPNOTSUPP; /* AF_UNIX has no options of its own level */
    if (len < (int)sizeof(int))
        return -EINVAL;
    int v;
    if (copy_from_user(&v, uval, sizeof v))
        return -EFAULT;
    /* sock_setsockopt: buffer sizes are doubled (room for bookkeeping),
     * capped by the sysctl maximum and floored. */
    uint32_t capped = v < 0 ? 0 : (uint32_t)v > WMEM_MAX ? WMEM_MAX : (uint32_t)v;
    switch (name) {
    case SO_SNDBUF:
        s->sndbuf = capped * 2 < MIN_SNDBUF ? MIN_SNDBUF : capped * 2;
        return 0;
    case SO_RCVBUF:
        s->rcvbuf = capped * 2 < MIN_RCVBUF ? MIN_RCVBUF : capped * 2;
        return 0;
    case SO_REUSEADDR:
        s->reuseaddr = v != 0; /* accepted; Unix names are never reused anyway */
        return 0;
    case SO_PASSCRED:
        s->passcred = v != 0; /* remembered; no SCM_CREDENTIALS are sent */
        return 0;
    case SO_KEEPALIVE:
    case SO_DEBUG:
        return 0;
    default:
        return -ENOPROTOOPT;
    }
}

long sys_getsockopt(int fd, int level, int name, uint64_t uval, uint64_t ulen)
{
    struct usock *s;
    long err = sock_fd(fd, &s, NULL);
    if (err)
        return err;
    if (level != SOL_SOCKET)
        return -EOPNOTSUPP;
    int len;
    if (copy_from_user(&len, ulen, sizeof len))
        return -EFAULT;
    if (len < 0)
        return -EINVAL;
    union {
        int i;
        struct linux_ucred cred;
    } v;
    int lv = sizeof(int);
    switch (name) {
    case SO_TYPE:
        v.i = s->type;
        break;
    case SO_ERROR:
        v.i = s->err;
        s->err = 0;
        break;
    case SO_SNDBUF:
        v.i = (int)s->sndbuf;
        break;
    case SO_RCVBUF:
        v.i = (int)s->rcvbuf;
        break;
    case SO_REUSEADDR:
        v.i = s->reuseaddr;
        break;
    case SO_PASSCRED:
        v.i = s->passcred;
        break;
    case SO_KEEPALIVE:
    case SO_DEBUG:
        v.i = 0;
        break;
    case SO_ACCEPTCONN:
        v.i = s->state == US_LISTENING;
        break;
    case SO_DOMAIN:
        v.i = AF_UNIX;
        break;
    case SO_PROTOCOL:
        v.i = 0;
        break;
    case SO_PEERCRED:
        /* The process at the other end when the connection was made
         * (socketpair, connect, listen), and its effective ids. A socket
         * without a peer reports pid 0 and uid/gid -1 (cred_to_ucred). */
        if (s->peer_pid)
            v.cred = (struct linux_ucred){s->peer_pid, s->peer_uid, s->peer_gid};
        else
            v.cred = (struct linux_ucred){0, (uint32_t)-1, (uint32_t)-1};
        lv = sizeof v.cred;
        break;
    default:
        return -ENOPROTOOPT;
    }
    if (len > lv)
        len = lv;
    if (copy_to_user(uval, &v, (size_t)len) || copy_to_user(ulen, &len, sizeof len))
        return -EFAULT;
    return 0;
}
