/*
 * strace_table.h - how strace.c decodes each call: its name, how many
 * arguments it takes, what kind each is and how its result reads. The
 * table (strace_table.c) has a row for every number uapi/syscall_nr.h
 * names, implemented or not; tests/tools/test_strace.py checks it
 * against that list and against the handlers' prototypes (syscall.h).
 */
#ifndef DEBUG_STRACE_TABLE_H
#define DEBUG_STRACE_TABLE_H

#include <stdint.h>

#include "uapi/syscall_nr.h"

/* Argument kinds; strace_args.c prints each. */
enum strace_kind {
    K_INT,        /* int, decimal */
    K_UINT,       /* unsigned int, decimal */
    K_LONG,       /* long, decimal */
    K_ULONG,      /* unsigned long (sizes), decimal */
    K_HEX,        /* flags and masks without names: 0 or 0x... */
    K_PTR,        /* an address: NULL or 0x...; structures are shown so */
    K_FD,         /* a descriptor (int) */
    K_DIRFD,      /* a descriptor or AT_FDCWD */
    K_PATH,       /* a NUL-terminated path, whole */
    K_STR,        /* a NUL-terminated string, cut at 32 bytes */
    K_BUF_IN,     /* bytes the call reads; the next argument is the count */
    K_BUF_OUT,    /* bytes the call writes; the result is the count */
    K_OPEN_FLAGS, /* O_RDONLY|O_CLOEXEC... */
    K_OPEN_MODE,  /* a mode, only shown when the flags before create */
    K_MODE,       /* a file mode, octal */
    K_PROT,       /* PROT_READ|PROT_WRITE... */
    K_MAP_FLAGS,  /* MAP_PRIVATE|MAP_ANONYMOUS... */
    K_AT_FLAGS,   /* AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH... */
    K_SIG,        /* a signal number: SIGTERM */
    K_SIGHOW,     /* SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK */
    K_WHENCE,     /* SEEK_SET... */
    K_ACCESS,     /* F_OK or R_OK|W_OK|X_OK */
    K_ARGV,       /* execve's argument vector: ["ls", "-l"] */
    K_ENVP,       /* execve's environment: 0x... followed by its size in a comment */
    K_FCNTL_CMD,  /* F_GETFD... */
    K_FCNTL_ARG,  /* fcntl's third argument: none for the commands without one */
    K_ARCH_CODE,  /* arch_prctl's ARCH_SET_FS... */
    K_IOCTL_CMD,  /* TCGETS... */
    K_CLOCK,      /* CLOCK_MONOTONIC... */
    K_WAIT_OPTS,  /* WNOHANG|WUNTRACED... */
};

/* How the result reads. */
enum strace_ret {
    R_INT,  /* a number, or -1 ERRNO (message) */
    R_HEX,  /* an address (mmap, brk) */
    R_NONE, /* the call does not return (exit): "= ?" */
    R_FCNTL, /* F_GETFD's and F_GETFL's flags by name */
};

struct strace_sig {
    const char *name; /* NULL: a number Linux does not name */
    uint8_t ret;
    uint8_t nargs;
    uint8_t kind[6];
};

extern const struct strace_sig strace_table[SYSCALL_TABLE_SIZE];

#endif
