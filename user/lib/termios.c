/* termios.c - terminal attributes through the TCGETS/TCSETS* ioctls. */
#include <errno.h>
#include <sys/ioctl.h>
#include <termios.h>

_Static_assert(sizeof(struct termios) == sizeof(struct linux_termios), "struct termios is the kernel's");

int tcgetattr(int fd, struct termios *t)
{
    return ioctl(fd, TCGETS, t);
}

/* TCSADRAIN and TCSAFLUSH map to TCSETSW and TCSETSF (same order). */
int tcsetattr(int fd, int when, const struct termios *t)
{
    if (when < TCSANOW || when > TCSAFLUSH) {
        errno = EINVAL;
        return -1;
    }
    return ioctl(fd, TCSETS + when, t);
}

/* As glibc's cfmakeraw: no input processing, no echo, no signals, no
 * output processing, 8-bit characters, reads return after one byte. */
void cfmakeraw(struct termios *t)
{
    t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t->c_oflag &= ~(tcflag_t)OPOST;
    t->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
    t->c_cflag |= CS8;
    t->c_cc[VMIN] = 1;
    t->c_cc[VTIME] = 0;
}

speed_t cfgetospeed(const struct termios *t) { return t->c_cflag & CBAUD; }
speed_t cfgetispeed(const struct termios *t) { return t->c_cflag & CBAUD; }
