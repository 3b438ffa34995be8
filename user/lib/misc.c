/* misc.c - small system-call wrappers: memory maps, poll, clocks,
 * system information. */
#include <poll.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/reboot.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>

#include "syscall.h"

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    long r = SC6(SYS_mmap, addr, len, prot, flags, fd, off);
    return r == -1 ? MAP_FAILED : (void *)r;
}

int munmap(void *addr, size_t len) { return (int)SC2(SYS_munmap, addr, len); }
int mprotect(void *addr, size_t len, int prot) { return (int)SC3(SYS_mprotect, addr, len, prot); }
int poll(struct pollfd *fds, nfds_t n, int timeout_ms) { return (int)SC3(SYS_poll, fds, n, timeout_ms); }
int uname(struct utsname *u) { return (int)SC1(SYS_uname, u); }
int personality(unsigned long persona) { return (int)SC1(SYS_personality, persona); }
int sysinfo(struct sysinfo *info) { return (int)SC1(SYS_sysinfo, info); }
clock_t times(struct tms *buf) { return (clock_t)SC1(SYS_times, buf); }
/* glibc's reboot(HOW): the two magic numbers (LINUX_REBOOT_MAGIC1,
 * LINUX_REBOOT_MAGIC2) keep a stray call from restarting the machine. */
int reboot(int how) { return (int)SC4(SYS_reboot, 0xfee1deadu, 672274793, how, 0); }

int clock_gettime(clockid_t clock, struct timespec *ts) { return (int)SC2(SYS_clock_gettime, clock, ts); }
int nanosleep(const struct timespec *req, struct timespec *rem) { return (int)SC2(SYS_nanosleep, req, rem); }
int gettimeofday(struct timeval *restrict tv, void *restrict tz) { return (int)SC2(SYS_gettimeofday, tv, tz); }

time_t time(time_t *t)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
        return -1;
    if (t)
        *t = ts.tv_sec;
    return ts.tv_sec;
}
