/* sys/types.h - the POSIX system data types. */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <bits/types.h>
#include <stdint.h>

#endif
