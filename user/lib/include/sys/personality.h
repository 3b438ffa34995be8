/* sys/personality.h - personality(2): the process's execution domain and
 * its flags (ADDR_NO_RANDOMIZE ...), Linux's values. */
#ifndef _SYS_PERSONALITY_H
#define _SYS_PERSONALITY_H

#include "uapi/personality.h"

/* Sets the persona (0xffffffff: only asks); returns the previous one. */
int personality(unsigned long persona);

#endif
