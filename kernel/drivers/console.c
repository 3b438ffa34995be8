/* console.c - see console.h. */
#include "drivers/console.h"

#include <stdint.h>

#include "arch/x86_64/cpu.h"
#include "drivers/serial.h"
#include "drivers/vga.h"
#include "lib/line_edit.h"
#include "lib/string.h"
#include "proc/wait.h"

/* Single producer (IRQ handlers, interrupts off) and single consumer
 * (console_getc); head and tail only grow, the size is a power of two. */
#define INPUT_SIZE 256
static char input[INPUT_SIZE];
static volatile uint32_t input_head, input_tail;

void console_init(void)
{
    serial_init(COM1);
    vga_init();
}

void console_write(const char *s, size_t n)
{
    /* A terminal needs CR LF where the kernel writes LF (the ONLCR of a
     * Unix tty); the VGA screen is a terminal too (vga.c). */
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') {
            console_write_raw(s + start, i - start);
            console_write_raw("\r\n", 2);
            start = i + 1;
        }
    }
    console_write_raw(s + start, n - start);
}

void console_write_raw(const char *s, size_t n)
{
    serial_write(COM1, s, n);
    vga_write(s, n);
}

int console_input_ready(void) { return input_tail != input_head; }
void console_flush_input(void)
{
    uint64_t f = irq_save();
    input_tail = input_head;
    irq_restore(f);
    serial_rx_resume();
}

int console_input_room(void) { return input_head - input_tail < INPUT_SIZE; }

static bool (*input_filter)(char c);

void console_set_input_filter(bool (*filter)(char c)) { input_filter = filter; }

void console_input(char c)
{
    if (input_filter && input_filter(c))
        return; /* taken by the line discipline (a signal key) */
    if (input_head - input_tail < INPUT_SIZE)
        input[input_head++ % INPUT_SIZE] = c;
    wakeup(input);
}

int console_getc_interruptible(void)
{
    for (;;) {
        cli();
        if (input_tail != input_head) {
            char c = input[input_tail++ % INPUT_SIZE];
            if (input_head - input_tail == INPUT_SIZE / 2)
                serial_rx_resume(); /* room again: let the UART deliver */
            sti();
            return (unsigned char)c;
        }
        /* Interrupts off: an IRQ's wakeup cannot be lost. */
        int err = sleep_on_interruptible(input);
        sti();
        if (err)
            return err;
    }
}

char console_getc(void)
{
    int c;
    while ((c = console_getc_interruptible()) < 0)
        ; /* the kernel console ignores signals: there is no process to signal */
    return (char)c;
}

static void echo_sink(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    console_write(s, n);
}

size_t console_readline(char *buf, size_t size)
{
    struct line_edit le;
    line_edit_reset(&le);
    while (!line_edit_feed(&le, console_getc(), echo_sink, NULL))
        ;
    size_t n = le.len < size - 1 ? le.len : size - 1;
    memcpy(buf, le.buf, n);
    buf[n] = '\0';
    return n;
}
