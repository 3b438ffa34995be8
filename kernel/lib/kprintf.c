/* kprintf.c - see kprintf.h. */
#include "lib/kprintf.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/power.h"
#include "debug/backtrace.h"
#include "drivers/console.h"
#include "lib/format.h"

static void console_sink(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    console_write(s, n);
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
    va_list ap;
    va_start(ap, fmt);
    kprintf("\nKERNEL PANIC: ");
    kvprintf(fmt, ap);
    va_end(ap);
    kprintf("\n");
    backtrace_print((uint64_t)__builtin_frame_address(0));
    machine_exit(EXIT_PANIC);
}
