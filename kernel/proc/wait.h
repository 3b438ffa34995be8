/*
 * wait.h - sleeping until something happens, xv6-style: a process sleeps
 * on a "channel" (any address that names the event: a pipe, the console
 * queue, a child table) and whoever makes the event happen calls wakeup
 * on the same address. Sleepers re-check their condition in a loop, so a
 * wakeup too many is harmless. Drivers use this to reach processes.
 *
 * Race rule: check the condition and call sleep_on with interrupts off
 * (cli), so an interrupt handler's wakeup cannot slip in between.
 */
#ifndef PROC_WAIT_H
#define PROC_WAIT_H

#include <stdbool.h>
#include <stdint.h>

/* Blocks the current process until wakeup(chan). Call with interrupts
 * off; returns with them off. Before the first process exists it halts
 * until the next interrupt instead. */
void sleep_on(const void *chan);

/* The same, but returns -EINTR (instead of sleeping, or on waking) when
 * an unblocked signal is pending; 0 otherwise. */
int sleep_on_interruptible(const void *chan);

/* The wait of a blocking read or write (pipes, sockets, eventfd...):
 * evaluates to 0 once cond holds; else to -EAGAIN at once when nonblock
 * (O_NONBLOCK, MSG_DONTWAIT), or sleeps on chan and looks again, until a
 * signal ends the wait with -ERESTARTSYS (the call restarts or fails
 * with EINTR, signal.h). Linux's wait_event_interruptible plus
 * O_NONBLOCK. cond is any expression, evaluated again after every
 * wakeup; whoever makes it true calls wakeup(chan) afterwards.
 * Use it with interrupts off (the race rule above) and keep them off
 * while acting on cond: it returns with them off.
 *
 *     uint64_t fl = irq_save();
 *     long err = wait_event(e, f->flags & O_NONBLOCK, e->count != 0);
 *     ... if (!err) take from e->count ...
 *     irq_restore(fl);
 */
#define wait_event(chan, nonblock, cond)                                                           \
    ({                                                                                             \
        int wait_err_ = 0;                                                                         \
        while (!(cond) && !(wait_err_ = wait_event_sleep((chan), (nonblock))))                     \
            ;                                                                                      \
        wait_err_;                                                                                 \
    })
/* One round of wait_event (cond was false): -EAGAIN when nonblock, else
 * sleep_on_interruptible(chan): 0 to look again, or -ERESTARTSYS. */
int wait_event_sleep(const void *chan, bool nonblock);

/* Makes every process sleeping on chan runnable, and every process in
 * poll/select (sleeping on poll_channel), which then re-checks its
 * descriptors. Any context. */
void wakeup(const void *chan);

/* wakeup saying which poll events (POLLIN, POLLOUT...) the change is
 * about, Linux's wake_up_poll key: an edge-triggered epoll watch for
 * other events is not told (a pipe read wakes writers, not readers'
 * EPOLLET watches). wakeup(chan) is wakeup_poll(chan, 0): any event. */
void wakeup_poll(const void *chan, unsigned key);

/* The one listener told of every wakeup before the sleepers run (epoll's
 * per-watch "an event happened" state: Linux's wait-queue callbacks).
 * Called with interrupts off, from any context: it may only mark. */
void wakeup_set_listener(void (*listener)(const void *chan, unsigned key));

/* What poll and select sleep on. */
extern const char poll_channel;

/* The wait of poll, select and epoll: until ready(ctx) returns nonzero
 * (that value is returned), the monotonic clock reaches deadline (0: no
 * limit) or a signal arrives (-EINTR). With no_wait it checks once.
 * Sleeps on poll_channel, which every wakeup also wakes. */
long wait_until_ready(long (*ready)(void *ctx), void *ctx, uint64_t deadline, bool no_wait);

/* For file_ops.poll of files that become ready at a known time
 * (timerfd): a poll that finds the file not ready yet calls this with
 * that monotonic time, and the wait_until_ready in progress wakes by
 * then to look again. */
void wait_wake_by(uint64_t ns);

/* Sleeps until the monotonic clock reaches deadline_ns: 0, or -EINTR if
 * a signal came first. */
int sleep_until_ns(uint64_t deadline_ns);

#endif
