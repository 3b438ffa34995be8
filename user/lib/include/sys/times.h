/* sys/times.h - times(2): CPU time of this process and its waited-for
 * children, in clock ticks (USER_HZ, 100 on Linux). */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

#include <bits/types.h>

struct tms {
    clock_t tms_utime;
    clock_t tms_stime;
    clock_t tms_cutime;
    clock_t tms_cstime;
};


clock_t times(struct tms *buf);

#endif
