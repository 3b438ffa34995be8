/* ntp.c - adjtimex's state (see ntp.h), after Linux's kernel/time/ntp.c
 * and timekeeping.c (do_adjtimex, timekeeping_validate_timex). */
#include "time/ntp.h"

#include <stdint.h>

#include "time/clock.h"
#include "uapi/errno.h"

_Static_assert(sizeof(struct linux_timex) == 208, "struct timex layout");

#define NSEC 1000000000ll
#define USER_HZ 100
#define MAXPHASE 500000000ll                          /* ns */
#define NTP_PHASE_LIMIT ((MAXPHASE / 1000) << 5)      /* maxerror, esterror: at most this */
#define MAXTC 10
#define MAX_TAI_OFFSET 100000
#define NTP_SCALE_SHIFT 32
#define PPM_SCALE (1000ll << (NTP_SCALE_SHIFT - 16))  /* freq units (ppm << 16) to scaled ns */
#define PPM_SCALE_INV_SHIFT 19
#define PPM_SCALE_INV ((1ll << (PPM_SCALE_INV_SHIFT + NTP_SCALE_SHIFT)) / PPM_SCALE + 1)
#define MAXFREQ_SCALED (500000ll << NTP_SCALE_SHIFT)  /* 500 ppm */

static int time_state = TIME_OK;
static int time_status = STA_UNSYNC;
static int64_t time_offset_ns;   /* ADJ_OFFSET's phase offset */
static int64_t time_freq = 0;    /* scaled ns per s */
static int64_t time_maxerror = NTP_PHASE_LIMIT, time_esterror = NTP_PHASE_LIMIT;
static int64_t time_constant = 2;
static int64_t tick_usec = 1000000 / USER_HZ;
static int64_t time_adjust;      /* adjtime's offset, us */
static int tai_offset;

int ntp_tai_offset(void) { return tai_offset; }

static int64_t clamp(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : v > hi ? hi : v; }
static int64_t shift_right(int64_t v, int s) { return v < 0 ? -((-v) >> s) : v >> s; }

static long validate(const struct linux_timex *tx, bool may_set)
{
    if (tx->modes & ADJ_ADJTIME) {
        /* adjtime's single shot goes with no other mode bits */
        if (!(tx->modes & ADJ_OFFSET))
            return -EINVAL;
        if (!(tx->modes & ADJ_OFFSET_READONLY) && !may_set)
            return -EPERM;
    } else {
        if (tx->modes && !may_set)
            return -EPERM;
        /* a tick off by more than 10% means something is very wrong */
        if ((tx->modes & ADJ_TICK) && (tx->tick < 900000 / USER_HZ || tx->tick > 1100000 / USER_HZ))
            return -EINVAL;
    }
    if (tx->modes & ADJ_SETOFFSET) {
        if (!may_set)
            return -EPERM;
        /* the offset is the sum of the fields; the fraction is >= 0 */
        if (tx->time.tv_usec < 0 || tx->time.tv_usec >= ((tx->modes & ADJ_NANO) ? NSEC : 1000000))
            return -EINVAL;
    }
    if ((tx->modes & ADJ_FREQUENCY) && (INT64_MIN / PPM_SCALE > tx->freq || INT64_MAX / PPM_SCALE < tx->freq))
        return -EINVAL;
    return 0;
}

static void apply_status(int status)
{
    if ((time_status & STA_PLL) && !(status & STA_PLL)) { /* the PLL goes off: unsynchronized */
        time_state = TIME_OK;
        time_status = STA_UNSYNC;
    }
    time_status &= STA_RONLY;
    time_status |= status & ~STA_RONLY;
}

static void apply_modes(const struct linux_timex *tx)
{
    if (tx->modes & ADJ_STATUS)
        apply_status(tx->status);
    if (tx->modes & ADJ_NANO)
        time_status |= STA_NANO;
    if (tx->modes & ADJ_MICRO)
        time_status &= ~STA_NANO;
    if (tx->modes & ADJ_FREQUENCY)
        time_freq = clamp(tx->freq * PPM_SCALE, -MAXFREQ_SCALED, MAXFREQ_SCALED);
    if (tx->modes & ADJ_MAXERROR)
        time_maxerror = clamp(tx->maxerror, 0, NTP_PHASE_LIMIT);
    if (tx->modes & ADJ_ESTERROR)
        time_esterror = clamp(tx->esterror, 0, NTP_PHASE_LIMIT);
    if (tx->modes & ADJ_TIMECONST) {
        time_constant = clamp(tx->constant, 0, MAXTC);
        if (!(time_status & STA_NANO))
            time_constant += 4;
        time_constant = clamp(time_constant, 0, MAXTC);
    }
    if ((tx->modes & ADJ_TAI) && tx->constant >= 0 && tx->constant <= MAX_TAI_OFFSET)
        tai_offset = (int)tx->constant;
    if ((tx->modes & ADJ_OFFSET) && (time_status & STA_PLL)) { /* the PLL takes offsets only when on */
        int64_t off = tx->offset;
        if (!(time_status & STA_NANO))
            off = clamp(off, -1000000, 1000000) * 1000;
        time_offset_ns = clamp(off, -MAXPHASE, MAXPHASE);
    }
    if (tx->modes & ADJ_TICK)
        tick_usec = tx->tick;
}

static bool error_status(int s)
{
    return (s & (STA_UNSYNC | STA_CLOCKERR)) || ((s & (STA_PPSFREQ | STA_PPSTIME)) && !(s & STA_PPSSIGNAL)) ||
           ((s & (STA_PPSTIME | STA_PPSJITTER)) == (STA_PPSTIME | STA_PPSJITTER)) ||
           ((s & STA_PPSFREQ) && (s & (STA_PPSWANDER | STA_PPSERROR)));
}

long ntp_adjtimex(struct linux_timex *tx, bool may_set)
{
    long err = validate(tx, may_set);
    if (err)
        return err;
    if (tx->modes & ADJ_SETOFFSET) {
        /* The clock must land between boot and CLOCK_SETTOD_SEC_MAX
         * (Linux's timekeeping_inject_offset). */
        int64_t sec = tx->time.tv_sec, now = clock_realtime_ns();
        if (sec > CLOCK_SETTOD_SEC_MAX || sec < -CLOCK_SETTOD_SEC_MAX)
            return -EINVAL;
        int64_t to = now + sec * NSEC + tx->time.tv_usec * ((tx->modes & ADJ_NANO) ? 1 : 1000);
        if (to < (int64_t)clock_monotonic_ns() || to / NSEC >= CLOCK_SETTOD_SEC_MAX)
            return -EINVAL;
        clock_set_realtime(to);
    }
    if (tx->modes & ADJ_ADJTIME) {
        int64_t was = time_adjust;
        if (!(tx->modes & ADJ_OFFSET_READONLY))
            time_adjust = tx->offset;
        tx->offset = was;
    } else {
        if (tx->modes)
            apply_modes(tx);
        tx->offset = time_offset_ns;
        if (!(time_status & STA_NANO))
            tx->offset = (uint32_t)tx->offset / 1000; /* Linux's u32 arithmetic, kept */
    }
    int64_t now = clock_realtime_ns();
    tx->freq = shift_right((time_freq >> PPM_SCALE_INV_SHIFT) * PPM_SCALE_INV, NTP_SCALE_SHIFT);
    tx->maxerror = time_maxerror;
    tx->esterror = time_esterror;
    tx->status = time_status;
    tx->constant = time_constant;
    tx->precision = 1;
    tx->tolerance = MAXFREQ_SCALED / PPM_SCALE;
    tx->tick = tick_usec;
    tx->tai = tai_offset;
    tx->ppsfreq = tx->jitter = tx->stabil = tx->jitcnt = tx->calcnt = tx->errcnt = tx->stbcnt = 0;
    tx->shift = 0;
    tx->time.tv_sec = now / NSEC;
    tx->time.tv_usec = (time_status & STA_NANO) ? now % NSEC : now % NSEC / 1000;
    return error_status(time_status) ? TIME_ERROR : time_state;
}
