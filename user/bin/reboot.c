/* reboot: restarts the machine, after a clean shutdown by init (or at once with
 * -f). See common/shutdown.h. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

#include "common/shutdown.h"

int main(int argc, char **argv)
{
    return shutdown_main(argc, argv, RB_AUTOBOOT, SIGTERM);
}
