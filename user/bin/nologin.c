/* nologin: the shell of accounts nobody may log in to (nobody's in
 * /etc/passwd, as Debian's /usr/sbin/nologin). Like util-linux's: prints
 * /etc/nologin.txt if there is one, else "This account is currently not
 * available.", and fails, whatever its arguments (su and login pass -c CMD
 * or -l; none of them may run anything). */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    int fd = open("/etc/nologin.txt", O_RDONLY);
    if (fd < 0) {
        puts("This account is currently not available.");
        return 1;
    }
    char buf[512];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        if (write(1, buf, (size_t)n) != n)
            break;
    close(fd);
    return 1;
}
