/*
 * vga.c - VGA text mode: 80x25 cells of (character, attribute) at physical
 * 0xB8000, hardware cursor through CRTC registers 0x0E/0x0F (ports
 * 0x3D4/0x3D5). Understands \n, \r, \b and \t; scrolls at the bottom.
 */
#include "drivers/vga.h"

#include <stdint.h>

#include "arch/x86_64/cpu.h"
#include "lib/string.h"
#include "mm/direct_map.h"

#define COLS 80
#define ROWS 25
#define ATTR 0x07 /* light grey on black */

static volatile uint16_t *screen;
static int row, col;

static void move_cursor(void)
{
    uint16_t pos = (uint16_t)(row * COLS + col);
    outb(0x3D4, 0x0F);
    outb(0x3D5, (uint8_t)pos);
    outb(0x3D4, 0x0E);
    outb(0x3D5, (uint8_t)(pos >> 8));
}

void vga_init(void)
{
    screen = phys_to_virt(0xB8000);
    for (int i = 0; i < COLS * ROWS; i++)
        screen[i] = (ATTR << 8) | ' ';
    row = col = 0;
    move_cursor();
}

static void newline(void)
{
    col = 0;
    if (++row < ROWS)
        return;
    for (int i = 0; i < COLS * (ROWS - 1); i++)
        screen[i] = screen[i + COLS];
    for (int i = COLS * (ROWS - 1); i < COLS * ROWS; i++)
        screen[i] = (ATTR << 8) | ' ';
    row = ROWS - 1;
}

void vga_write(const char *s, size_t n)
{
    if (!screen)
        return;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\n') {
            newline();
        } else if (c == '\r') {
            col = 0;
        } else if (c == '\b') {
            if (col > 0)
                col--;
        } else if (c == '\t') {
            do
                screen[row * COLS + col++] = (ATTR << 8) | ' ';
            while (col % 8 && col < COLS);
            if (col >= COLS)
                newline();
        } else {
            screen[row * COLS + col++] = (uint16_t)((ATTR << 8) | (uint8_t)c);
            if (col >= COLS)
                newline();
        }
    }
    move_cursor();
}
