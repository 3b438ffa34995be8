/* kprintf.c - see kprintf.h. */
#include "lib/kprintf.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/power.h"
#include "debug/backtrace.h"
#include "drivers/console.h"
#include "lib/format.h"

static bool quiet;

void kprintf_set_quiet(bool q) { quiet = q; }

/* QEMU's debug console (-debugcon) listens on port 0xE9; without it the
 * writes go nowhere. tools/tinyos-run keeps this channel as the kernel log,
 * apart from the program's output on COM1. */
static void debugcon_write(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        outb(0xE9, (uint8_t)s[i]);
}

static void console_sink(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    debugcon_write(s, n);
    if (!quiet)
        console_write(s, n);
}

void klog_tagged(const char *tag, const char *line, size_t n)
{
    size_t t = 0;
    while (tag[t])
        t++;
    /* In one piece: another process's line must not come between. */
    uint64_t flags = irq_save();
    debugcon_write(tag, t);
    console_sink(NULL, line, n);
    irq_restore(flags);
}

int kvprintf(const char *fmt, va_list ap) { return format_v(console_sink, NULL, fmt, ap); }

int kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvprintf(fmt, ap);
    va_end(ap);
    return n;
}

void panic(const char *fmt, ...)
{
    cli();
    quiet = false; /* a panic is always shown */
    va_list ap;
    va_start(ap, fmt);
    kprintf("\nKERNEL PANIC: ");
    kvprintf(fmt, ap);
    va_end(ap);
    kprintf("\n");
    backtrace_print((uint64_t)__builtin_frame_address(0));
    machine_exit(EXIT_PANIC);
}
