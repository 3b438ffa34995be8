/* sys/resource.h - struct rusage (for wait4). */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H

#include <sys/time.h>

struct rusage {
    struct timeval ru_utime;
    struct timeval ru_stime;
    long __rest[14];
};

#endif
