/*
 * ntp.h - the clock discipline state adjtimex(2) reads and sets (Linux's
 * kernel/time/ntp.c): offset, frequency, status, time constant, tick,
 * TAI offset, adjtime's pending offset. Tiny OS keeps and reports them
 * with Linux's validation and rounding, but does not steer the clock by
 * them (no phase-locked loop, no slewing, no leap-second insertion):
 * only ADJ_SETOFFSET moves the clock.
 */
#ifndef TIME_NTP_H
#define TIME_NTP_H

#include <stdbool.h>

#include "uapi/timex.h"

/* adjtimex on CLOCK_REALTIME: checks tx (may_set: the caller has
 * CAP_SYS_TIME), applies its modes and fills it with the state after.
 * Returns the clock state (TIME_OK, TIME_ERROR...) or -EINVAL / -EPERM
 * with nothing changed. */
long ntp_adjtimex(struct linux_timex *tx, bool may_set);
/* TAI - UTC in seconds (ADJ_TAI), for CLOCK_TAI. */
int ntp_tai_offset(void);

#endif
