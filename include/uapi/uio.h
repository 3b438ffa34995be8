/* uapi/uio.h - struct iovec and the readv/writev limit. */
#ifndef UAPI_UIO_H
#define UAPI_UIO_H

#include <stdint.h>

struct linux_iovec {
    uint64_t iov_base;
    uint64_t iov_len;
};

#define UIO_MAXIOV 1024

#endif
