/*
 * sys_admin.c - the machine-wide administrative calls: reboot(2) and
 * vhangup(2). Each checks its capability first, as Linux does.
 */
#include "arch/x86_64/power.h"
#include "drivers/tty.h"
#include "lib/kprintf.h"
#include "mm/usercopy.h"
#include "fs/writeback.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"

/* <linux/reboot.h>: the magic numbers (Linus's and his daughters'
 * birthdays) that keep a stray call from rebooting, and the commands. */
#define REBOOT_MAGIC1 0xfee1deadu
#define REBOOT_MAGIC2 672274793u
#define REBOOT_MAGIC2A 85072278u
#define REBOOT_MAGIC2B 369367448u
#define REBOOT_MAGIC2C 537993216u
#define REBOOT_CMD_RESTART 0x01234567u
#define REBOOT_CMD_HALT 0xCDEF0123u
#define REBOOT_CMD_CAD_ON 0x89ABCDEFu
#define REBOOT_CMD_CAD_OFF 0x00000000u
#define REBOOT_CMD_POWER_OFF 0x4321FEDCu
#define REBOOT_CMD_RESTART2 0xA1B2C3D4u
#define REBOOT_CMD_SW_SUSPEND 0xD000FCE2u

/* Whether Ctrl-Alt-Del reboots at once (1) or signals init (0, Linux's
 * default). Kept for reboot(2); the keyboard driver does not act on the
 * key combination yet. */
static int ctrl_alt_del;

long sys_reboot(uint32_t magic1, uint32_t magic2, uint32_t cmd, uint64_t uarg)
{
    if (!capable(CAP_SYS_BOOT))
        return -EPERM;
    if (magic1 != REBOOT_MAGIC1 || (magic2 != REBOOT_MAGIC2 && magic2 != REBOOT_MAGIC2A &&
                                    magic2 != REBOOT_MAGIC2B && magic2 != REBOOT_MAGIC2C))
        return -EINVAL;
    char why[256];
    /* Linux leaves syncing to user space (reboot(8) and poweroff(8) call
     * sync first, and the man page warns that data is lost otherwise);
     * writing back here as well costs nothing when all is clean and loses
     * nothing when a program forgot. */
    if (cmd == REBOOT_CMD_RESTART || cmd == REBOOT_CMD_RESTART2 || cmd == REBOOT_CMD_HALT ||
        cmd == REBOOT_CMD_POWER_OFF)
        writeback_all();
    switch (cmd) {
    case REBOOT_CMD_CAD_ON:
    case REBOOT_CMD_CAD_OFF:
        ctrl_alt_del = cmd == REBOOT_CMD_CAD_ON;
        return 0;
    case REBOOT_CMD_RESTART2:
        if (strncpy_from_user(why, uarg, sizeof why) == -EFAULT)
            return -EFAULT;
        why[sizeof why - 1] = '\0';
        kprintf("reboot: Restarting system with command '%s'\n", why);
        machine_reset();
    case REBOOT_CMD_RESTART:
        /* A real reset: `make run` boots again (from its disk); under
         * QEMU's -no-reboot (the tests) QEMU ends with status 0. */
        kprintf("reboot: Restarting system\n");
        machine_reset();
    case REBOOT_CMD_HALT:
        kprintf("reboot: System halted\n");
        machine_exit(EXIT_OK);
    case REBOOT_CMD_POWER_OFF:
        kprintf("reboot: Power down\n");
        machine_exit(EXIT_OK);
    case REBOOT_CMD_SW_SUSPEND:
        return -ENOSYS; /* hibernate() without CONFIG_HIBERNATION */
    default:
        /* kexec and software suspend are not configured: EINVAL, as
         * Linux without them answers. */
        return -EINVAL;
    }
}

long sys_vhangup(void)
{
    if (!capable(CAP_SYS_TTY_CONFIG))
        return -EPERM;
    tty_vhangup(current()->sid);
    return 0;
}
