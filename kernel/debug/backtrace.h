/* backtrace.h - walk the frame-pointer chain (-fno-omit-frame-pointer). */
#ifndef DEBUG_BACKTRACE_H
#define DEBUG_BACKTRACE_H

#include <stdint.h>

/* Prints up to 16 return addresses starting from frame pointer rbp. Each
 * frame is read through probe_read_u64, so a corrupt chain ends the walk
 * instead of faulting. */
void backtrace_print(uint64_t rbp);

#endif
