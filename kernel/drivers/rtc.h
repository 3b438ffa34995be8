/* rtc.h - the CMOS real-time clock, read once at boot for wall time. */
#ifndef DRIVERS_RTC_H
#define DRIVERS_RTC_H

#include <stdint.h>

/* Seconds since 1970-01-01 00:00:00 UTC (the RTC is taken to hold UTC,
 * as QEMU's does by default). */
int64_t rtc_read_epoch(void);

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian); pure, tested. */
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);

#endif
