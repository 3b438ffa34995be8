/* time_set_test.c - setting the clock: clock_settime, settimeofday and
 * adjtimex move CLOCK_REALTIME only (monotonic and boot time go on), and
 * every reader of realtime follows - time, gettimeofday, clock_gettime,
 * file timestamps, /proc/stat's btime - as do absolute CLOCK_REALTIME
 * timers, while relative ones do not; timerfd's TFD_TIMER_CANCEL_ON_SET
 * reads ECANCELED; adjtimex stores and reports its modes. The clock is
 * put back at the end. Tiny OS only: it must never set the host's clock. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/timex.h>

#include "tt.h"

#define DAY 86400ll
#define NSEC 1000000000ll

static long long ns_of(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return ts.tv_sec * NSEC + ts.tv_nsec;
}

static int set_realtime_ns(long long ns)
{
    struct timespec ts = {ns / NSEC, ns % NSEC};
    return clock_settime(CLOCK_REALTIME, &ts);
}

static long long start_real, start_mono;

static void test_readers(void)
{
    long long mono0 = ns_of(CLOCK_MONOTONIC), boot0 = ns_of(CLOCK_BOOTTIME);
    long long target = start_real + 1000 * DAY * NSEC;
    CHECK_EQ(set_realtime_ns(target), 0, "clock_settime(REALTIME, 1000 days on)");
    long long real = ns_of(CLOCK_REALTIME);
    CHECK(real >= target && real < target + 10 * NSEC, "clock_gettime(REALTIME) follows");
    CHECK(ns_of(CLOCK_REALTIME_COARSE) / NSEC >= target / NSEC, "REALTIME_COARSE follows");
    CHECK(time(NULL) >= target / NSEC && time(NULL) < target / NSEC + 10, "time() follows");
    struct timeval tv;
    gettimeofday(&tv, NULL);
    CHECK(tv.tv_sec >= target / NSEC && tv.tv_sec < target / NSEC + 10, "gettimeofday follows");
    long long mono = ns_of(CLOCK_MONOTONIC), boot = ns_of(CLOCK_BOOTTIME);
    CHECK(mono >= mono0 && mono - mono0 < 10 * NSEC, "CLOCK_MONOTONIC did not jump");
    CHECK(boot >= boot0 && boot - boot0 < 10 * NSEC, "CLOCK_BOOTTIME did not jump");

    int fd = open("/tmp/time_set_file", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    struct stat st;
    fstat(fd, &st);
    CHECK(st.st_mtime >= target / NSEC && st.st_mtime < target / NSEC + 10, "a new file's mtime follows");
    close(fd);
    unlink("/tmp/time_set_file");

    char buf[4096];
    fd = open("/proc/stat", O_RDONLY);
    int n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    char *b = strstr(buf, "btime ");
    long long btime = b ? atoll(b + 6) : 0;
    CHECK(btime > start_real / NSEC + 999 * DAY, "/proc/stat's btime follows");

    CHECK_EQ(set_realtime_ns(target - 2000 * DAY * NSEC), 0, "clock_settime back 2000 days");
    CHECK(ns_of(CLOCK_REALTIME) < start_real - 999 * DAY * NSEC, "realtime went back");
    CHECK(ns_of(CLOCK_MONOTONIC) >= mono, "monotonic did not");
    CHECK_EQ(set_realtime_ns(start_real + ns_of(CLOCK_MONOTONIC) - start_mono), 0, "clock_settime back to now");
}

static void test_timers(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    struct sigevent sev = {0};
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGUSR1;
    int abs_id, rel_id;
    CHECK_EQ(raw_syscall(SYS_timer_create, CLOCK_REALTIME, (long)&sev, (long)&abs_id), 0, "timer_create");
    sev.sigev_signo = SIGUSR2;
    CHECK_EQ(raw_syscall(SYS_timer_create, CLOCK_REALTIME, (long)&sev, (long)&rel_id), 0, "timer_create");
    long long now = ns_of(CLOCK_REALTIME);
    struct itimerspec at = {{0, 0}, {now / NSEC + 3600, 0}}, in = {{0, 0}, {3600, 0}}, cur;
    CHECK_EQ(raw_syscall6(SYS_timer_settime, abs_id, TIMER_ABSTIME, (long)&at, 0, 0, 0), 0, "arm at now + 1 h (absolute)");
    CHECK_EQ(raw_syscall6(SYS_timer_settime, rel_id, 0, (long)&in, 0, 0, 0), 0, "arm in 1 h (relative)");

    int tfd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
    CHECK_EQ(timerfd_settime(tfd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &at, NULL), 0,
             "timerfd at now + 1 h with TFD_TIMER_CANCEL_ON_SET");
    uint64_t count;
    CHECK_EQ(read(tfd, &count, 8), -1, "timerfd: nothing to read yet");

    CHECK_EQ(set_realtime_ns(now + 2 * 3600 * NSEC), 0, "clock_settime 2 h on");
    siginfo_t si;
    struct timespec wait = {10, 0};
    CHECK_EQ(sigtimedwait(&set, &si, &wait), SIGUSR1, "the absolute timer fired");
    CHECK_EQ(si.si_timerid, abs_id, "its siginfo names it");
    CHECK_EQ(raw_syscall(SYS_timer_gettime, rel_id, (long)&cur, 0), 0, "timer_gettime of the relative one");
    CHECK(cur.it_value.tv_sec >= 3500 && cur.it_value.tv_sec < 3600, "the relative timer still has about 1 h");
    errno = 0;
    CHECK(read(tfd, &count, 8) == -1 && errno == ECANCELED, "timerfd read: ECANCELED");
    /* Linux drops the expiry that came with the setting: nothing more. */
    CHECK(read(tfd, &count, 8) == -1 && errno == EAGAIN, "then nothing (the expiry went with the cancel)");
    close(tfd);

    struct itimerspec zero = {{0, 0}, {0, 0}};
    raw_syscall6(SYS_timer_settime, rel_id, 0, (long)&zero, 0, 0, 0);
    CHECK_EQ(raw_syscall(SYS_timer_gettime, rel_id, (long)&cur, 0), 0, "timer_gettime after disarming");
    CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0, "disarmed");
    raw_syscall(SYS_timer_delete, abs_id, 0, 0);
    raw_syscall(SYS_timer_delete, rel_id, 0, 0);
    CHECK_EQ(set_realtime_ns(start_real + ns_of(CLOCK_MONOTONIC) - start_mono), 0, "clock_settime back to now");

    struct timespec soon = {0, 0};
    long long t = ns_of(CLOCK_REALTIME) + 100000000;
    soon.tv_sec = t / NSEC, soon.tv_nsec = t % NSEC;
    CHECK_EQ(clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &soon, NULL), 0, "clock_nanosleep(REALTIME, absolute)");
    CHECK(ns_of(CLOCK_REALTIME) >= t, "not woken early");
}

static void test_settimeofday(void)
{
    struct timeval tv;
    struct timezone tz = {60, 1}, got;
    gettimeofday(&tv, NULL);
    /* (musl's wrappers drop the zone: the raw calls) */
    CHECK_EQ(raw_syscall(SYS_settimeofday, (long)&tv, (long)&tz, 0), 0, "settimeofday with a time zone");
    raw_syscall(SYS_gettimeofday, (long)&tv, (long)&got, 0);
    CHECK(got.tz_minuteswest == 60 && got.tz_dsttime == 1, "gettimeofday reports the zone");
    tz = (struct timezone){0, 0};
    CHECK_EQ(raw_syscall(SYS_settimeofday, 0, (long)&tz, 0), 0, "settimeofday(NULL, zone)");
}

static void test_adjtimex(void)
{
    struct timex tx = {0};
    CHECK_EQ(adjtimex(&tx), TIME_ERROR, "adjtimex(0): TIME_ERROR while unsynchronized");
    CHECK(tx.status & STA_UNSYNC, "STA_UNSYNC");
    CHECK_EQ(tx.tick, 10000, "tick 10000 us");
    CHECK_EQ(tx.constant, 2, "time constant 2");

    tx = (struct timex){.modes = ADJ_STATUS | ADJ_FREQUENCY | ADJ_MAXERROR | ADJ_ESTERROR | ADJ_TIMECONST | ADJ_TICK,
                        .status = STA_PLL, .freq = 100 << 16, .maxerror = 1000, .esterror = 20, .constant = 3,
                        .tick = 10001};
    CHECK_EQ(adjtimex(&tx), TIME_OK, "adjtimex sets status, frequency, errors, constant, tick: TIME_OK");
    CHECK_EQ(tx.status, STA_PLL, "status as set");
    CHECK_EQ(tx.freq, 100 << 16, "frequency as set");
    CHECK_EQ(tx.maxerror, 1000, "maxerror as set");
    CHECK_EQ(tx.esterror, 20, "esterror as set");
    CHECK_EQ(tx.constant, 7, "constant 3, plus 4 in microsecond mode");
    CHECK_EQ(tx.tick, 10001, "tick as set");
    tx = (struct timex){.modes = ADJ_OFFSET, .offset = 1000};
    adjtimex(&tx);
    CHECK_EQ(tx.offset, 1000, "ADJ_OFFSET: 1000 us");
    tx = (struct timex){.modes = ADJ_NANO};
    adjtimex(&tx);
    CHECK(tx.status & STA_NANO, "ADJ_NANO: STA_NANO");
    CHECK_EQ(tx.offset, 1000000, "the offset in ns");
    tx = (struct timex){.modes = ADJ_MICRO};
    adjtimex(&tx);
    CHECK(!(tx.status & STA_NANO), "ADJ_MICRO");
    tx = (struct timex){.modes = ADJ_OFFSET_SINGLESHOT, .offset = 500};
    adjtimex(&tx);
    tx = (struct timex){.modes = ADJ_OFFSET_SS_READ};
    adjtimex(&tx);
    CHECK_EQ(tx.offset, 500, "adjtime's offset reads back");
    tx = (struct timex){.modes = ADJ_TAI, .constant = 37};
    adjtimex(&tx);
    CHECK_EQ(tx.tai, 37, "ADJ_TAI");
    long long d = ns_of(CLOCK_TAI) - ns_of(CLOCK_REALTIME);
    CHECK(d > 36 * NSEC && d < 38 * NSEC, "CLOCK_TAI is 37 s ahead");

    long long before = ns_of(CLOCK_REALTIME), mono = ns_of(CLOCK_MONOTONIC);
    tx = (struct timex){.modes = ADJ_SETOFFSET, .time = {5 * DAY, 0}};
    CHECK(adjtimex(&tx) >= 0, "ADJ_SETOFFSET 5 days");
    long long moved = ns_of(CLOCK_REALTIME) - before - (ns_of(CLOCK_MONOTONIC) - mono);
    CHECK(moved > 5 * DAY * NSEC - NSEC && moved < 5 * DAY * NSEC + NSEC, "realtime moved 5 days");
    tx = (struct timex){.modes = ADJ_SETOFFSET, .time = {-5 * DAY, 0}};
    CHECK(adjtimex(&tx) >= 0, "and back");

    /* Back to the state at boot. */
    tx = (struct timex){.modes = ADJ_STATUS | ADJ_FREQUENCY | ADJ_MAXERROR | ADJ_ESTERROR | ADJ_TIMECONST | ADJ_TICK |
                                 ADJ_NANO, /* a constant taken as it is, not + 4 */
                        .status = STA_UNSYNC, .maxerror = 16000000, .esterror = 16000000, .constant = 2, .tick = 10000};
    adjtimex(&tx);
    tx = (struct timex){.modes = ADJ_MICRO};
    adjtimex(&tx);
    tx = (struct timex){.modes = ADJ_TAI, .constant = 0};
    adjtimex(&tx);
    tx = (struct timex){.modes = ADJ_OFFSET_SINGLESHOT, .offset = 0};
    adjtimex(&tx);
    CHECK_EQ(clock_adjtime(CLOCK_REALTIME, &tx), TIME_ERROR, "clock_adjtime(REALTIME) reads: unsynchronized again");
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    start_real = ns_of(CLOCK_REALTIME);
    start_mono = ns_of(CLOCK_MONOTONIC);
    test_readers();
    test_timers();
    test_settimeofday();
    test_adjtimex();
    long long now = start_real + ns_of(CLOCK_MONOTONIC) - start_mono;
    CHECK(llabs(ns_of(CLOCK_REALTIME) - now) < NSEC, "the clock is back where it was");
    return tt_done();
}
