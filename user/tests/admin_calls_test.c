/* admin_calls_test.c - reboot(2)'s checks (CAP_SYS_BOOT before the
 * magic numbers, EINVAL for a wrong magic or an unknown command) and its
 * Ctrl-Alt-Del switch; vhangup(2)'s CAP_SYS_TTY_CONFIG and its success
 * without a controlling terminal. Differential: nothing here reboots. */
#define _GNU_SOURCE
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tt.h"

#define MAGIC1 0xfee1deadu
#define MAGIC2 672274793u
#define CAD_ON 0x89ABCDEFu
#define CAD_OFF 0u

static int err_of(long r) { return r < 0 ? errno : 0; }

int main(void)
{
    CHECK_EQ(err_of(syscall(SYS_reboot, MAGIC1, MAGIC2, CAD_ON, 0)), 0, "reboot(CAD_ON)");
    CHECK_EQ(err_of(syscall(SYS_reboot, MAGIC1, MAGIC2, CAD_OFF, 0)), 0, "reboot(CAD_OFF)");
    CHECK_EQ(err_of(syscall(SYS_reboot, MAGIC1, 85072278u, CAD_OFF, 0)), 0, "the second magic's other values");
    CHECK_EQ(err_of(syscall(SYS_reboot, MAGIC1, MAGIC2, 100, 0)), EINVAL, "an unknown command: EINVAL");
    CHECK_EQ(err_of(syscall(SYS_reboot, 0x1234, MAGIC2, CAD_OFF, 0)), EINVAL, "a wrong magic1: EINVAL");
    CHECK_EQ(err_of(syscall(SYS_reboot, MAGIC1, 42, CAD_OFF, 0)), EINVAL, "a wrong magic2: EINVAL");

    pid_t c = fork();
    if (c == 0) {
        setsid();
        int ok = err_of(syscall(SYS_vhangup)) == 0;
        if (setuid(65534) != 0)
            _exit(9);
        ok &= err_of(syscall(SYS_reboot, 0x1234, 42, 100, 0)) == EPERM; /* the capability first */
        ok &= err_of(syscall(SYS_reboot, MAGIC1, MAGIC2, CAD_ON, 0)) == EPERM;
        ok &= err_of(syscall(SYS_vhangup)) == EPERM;
        _exit(ok ? 0 : 1);
    }
    CHECK(exited_with(child_status(c), 0), "vhangup without a terminal succeeds; a user gets EPERM for both");
    return tt_done();
}
