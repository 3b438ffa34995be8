/* clear: move the cursor home and erase the screen (ANSI/VT100, which
 * both the console and any terminal emulator on the serial line accept). */
#include <unistd.h>

int main(void)
{
    static const char seq[] = "\033[H\033[2J";
    return write(1, seq, sizeof seq - 1) == (ssize_t)(sizeof seq - 1) ? 0 : 1;
}
