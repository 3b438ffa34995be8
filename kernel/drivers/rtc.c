/*
 * rtc.c - MC146818 CMOS clock (ports 0x70 index, 0x71 data). Registers
 * 0,2,4,7,8,9 hold seconds, minutes, hours, day, month, year; register B
 * says whether they are BCD and 12-hour; register 0x32 holds the century
 * on PC-compatible machines (the ACPI FADT's default CENTURY index, which
 * QEMU and most BIOSes keep), so 1999 is not read as 2099. Reading twice until two reads
 * agree avoids catching an update halfway.
 */
#include "drivers/rtc.h"

#include <stdbool.h>

#include "arch/x86_64/cpu.h"

static uint8_t cmos(uint8_t reg)
{
    outb(0x70, reg);
    return inb(0x71);
}

/* Howard Hinnant's days_from_civil algorithm. */
int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int bcd(int v) { return (v & 0x0F) + (v >> 4) * 10; }

int64_t rtc_read_epoch(void)
{
    uint8_t r[7], prev[7];
    bool first = true;
    for (int tries = 0; tries < 10; tries++) {
        while (cmos(0x0A) & 0x80) /* update in progress */
            cpu_relax();
        const uint8_t regs[7] = {0, 2, 4, 7, 8, 9, 0x32};
        for (int i = 0; i < 7; i++)
            r[i] = cmos(regs[i]);
        if (!first && __builtin_memcmp(r, prev, 7) == 0)
            break;
        __builtin_memcpy(prev, r, 7);
        first = false;
    }
    uint8_t b = cmos(0x0B);
    int sec = r[0], min = r[1], hour = r[2], day = r[3], mon = r[4], year = r[5], century = r[6];
    bool pm = hour & 0x80;
    hour &= 0x7F;
    if (!(b & 0x04)) { /* BCD */
        sec = bcd(sec), min = bcd(min), hour = bcd(hour);
        day = bcd(day), mon = bcd(mon), year = bcd(year), century = bcd(century);
    }
    if (century < 19 || century > 29)
        century = 20; /* no century register: assume 20xx */
    if (!(b & 0x02)) { /* 12-hour clock */
        hour %= 12;
        if (pm)
            hour += 12;
    }
    return days_from_civil(century * 100 + year, (unsigned)mon, (unsigned)day) * 86400 + hour * 3600 + min * 60 + sec;
}
