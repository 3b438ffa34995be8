/*
 * vga.c - VGA text mode: 80x25 cells of (character, attribute) at physical
 * 0xB8000, hardware cursor through CRTC registers 0x0E/0x0F (ports
 * 0x3D4/0x3D5). What is written goes through a VT100-style terminal
 * (lib/ansi_term.h), so escape sequences move the cursor and erase as on
 * a serial terminal; LF is a pure line feed (the tty's ONLCR adds the CR).
 */
#include "drivers/vga.h"

#include <stdint.h>

#include "arch/x86_64/cpu.h"
#include "lib/ansi_term.h"
#include "mm/direct_map.h"

#define COLS 80
#define ROWS 25

static struct ansi_term term;
static bool ready;

static void move_cursor(void)
{
    uint16_t pos = (uint16_t)(term.row * COLS + term.col);
    outb(0x3D4, 0x0F);
    outb(0x3D5, (uint8_t)pos);
    outb(0x3D4, 0x0E);
    outb(0x3D5, (uint8_t)(pos >> 8));
}

void vga_init(void)
{
    /* The text buffer is plain memory to the CPU: ansi_term writes it
     * like any cell array. */
    ansi_init(&term, phys_to_virt(0xB8000), ROWS, COLS);
    ready = true;
    move_cursor();
}

void vga_write(const char *s, size_t n)
{
    if (!ready)
        return;
    ansi_write(&term, s, n);
    move_cursor();
}
