/* errno.h - errno (a plain global: this C library is single-threaded)
 * and the aliases; the values themselves are Linux's, in uapi/errno.h. */
#ifndef _ERRNO_H
#define _ERRNO_H

#include "uapi/errno.h"

extern int errno;
/* argv[0], and argv[0] without its directories (GNU; set before main) */
extern char *program_invocation_name, *program_invocation_short_name;

#define EWOULDBLOCK EAGAIN
#define EDEADLOCK EDEADLK
#define ENOTSUP EOPNOTSUPP

#endif
