/*
 * uapi/socket.h - the Linux socket ABI Tiny OS speaks (socket(7), unix(7)):
 * address families, socket types, message flags, socket options, and the
 * structs of sendmsg/recvmsg. Values from Linux's include/linux/socket.h,
 * include/uapi/asm-generic/socket.h and include/linux/net.h.
 */
#ifndef UAPI_SOCKET_H
#define UAPI_SOCKET_H

#include <stdint.h>

#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_INET 2
#define AF_INET6 10
#define AF_MAX 46 /* families at or above this: EAFNOSUPPORT at once */

#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3
#define SOCK_SEQPACKET 5
#define SOCK_TYPE_MASK 0xf
#define SOCK_MAX 11 /* a type at or above this is EINVAL */
#define SOCK_NONBLOCK 04000     /* = O_NONBLOCK */
#define SOCK_CLOEXEC 02000000   /* = O_CLOEXEC */

#define MSG_OOB 0x1
#define MSG_PEEK 0x2
#define MSG_CTRUNC 0x8
#define MSG_TRUNC 0x20
#define MSG_DONTWAIT 0x40
#define MSG_EOR 0x80
#define MSG_WAITALL 0x100
#define MSG_NOSIGNAL 0x4000
#define MSG_CMSG_CLOEXEC 0x40000000

#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2

#define SOL_SOCKET 1
#define SO_DEBUG 1
#define SO_REUSEADDR 2
#define SO_TYPE 3
#define SO_ERROR 4
#define SO_SNDBUF 7
#define SO_RCVBUF 8
#define SO_KEEPALIVE 9
#define SO_PASSCRED 16
#define SO_PEERCRED 17
#define SO_ACCEPTCONN 30
#define SO_PROTOCOL 38
#define SO_DOMAIN 39

#define SCM_RIGHTS 1

#define UNIX_PATH_MAX 108

struct linux_sockaddr_un {
    uint16_t sun_family;
    char sun_path[UNIX_PATH_MAX];
};

struct linux_msghdr {
    uint64_t msg_name;
    uint32_t msg_namelen;
    uint32_t pad0;
    uint64_t msg_iov;
    uint64_t msg_iovlen;
    uint64_t msg_control;
    uint64_t msg_controllen;
    int32_t msg_flags;
    uint32_t pad1;
};

struct linux_cmsghdr {
    uint64_t cmsg_len; /* header and data, unaligned */
    int32_t cmsg_level;
    int32_t cmsg_type;
};

/* CMSG_ALIGN: control messages are padded to 8 bytes. */
#define LINUX_CMSG_ALIGN(n) (((n) + 7) & ~(uint64_t)7)

struct linux_ucred {
    int32_t pid;
    uint32_t uid, gid;
};

#endif
